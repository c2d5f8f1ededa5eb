"""Combining the panel's ratings: reading filled sheets, computing the summary.

Reading (PDF form fields or a CSV) and computing are separate, and both are
pure apart from reading the input files: `summarize` takes ratings and the
build's manifest and returns every number the summary prints.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewkit.errors import UserError

MAX_INPUT_BYTES = 50_000_000
DISAGREEMENT = 2  # points between the lowest and highest panelist that call for discussion


@dataclass(frozen=True)
class Rating:
    """One panelist's rating of one candidate's answer to one question (None: left blank)."""

    candidate: str
    panelist: str
    question: str
    value: int | None
    source: str  # where it was read, for messages: "file.pdf: sheet s003", "file.csv:7"


@dataclass(frozen=True)
class CompetencyScore:
    competency: str
    by_panelist: Mapping[str, float]
    mean: float | None
    low: float | None
    high: float | None

    @property
    def flagged(self) -> bool:
        return (
            self.low is not None
            and self.high is not None
            and (self.high - self.low >= DISAGREEMENT)
        )


@dataclass(frozen=True)
class CandidateScore:
    candidate: str
    competencies: Sequence[CompetencyScore]
    weighted_total: float | None
    missing: Sequence[tuple[str, str]]  # (panelist, question id)
    rank: int | None = None

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Summary:
    record: Mapping[str, Any]
    candidates: Sequence[CandidateScore]
    allow_incomplete: bool
    panelists: Sequence[str] = field(default_factory=tuple)

    @property
    def ranked(self) -> list[CandidateScore]:
        ranked = [c for c in self.candidates if c.rank is not None]
        return sorted(ranked, key=lambda c: (c.rank or 0, c.candidate))

    @property
    def unranked(self) -> list[CandidateScore]:
        return [c for c in self.candidates if c.rank is None]

    @property
    def flags(self) -> list[tuple[str, CompetencyScore]]:
        return [(c.candidate, s) for c in self.candidates for s in c.competencies if s.flagged]


# --- the build record -------------------------------------------------------


def read_record(folder: Path) -> dict[str, Any]:
    """The manifest of the packet in `folder`, which `score` checks sheets against."""
    path = folder / "manifest.json"
    if not path.is_file():
        raise UserError(
            f"{path} not found: build the packet first (interviewkit build), then score the "
            "sheets it made"
        )
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not a manifest written by interviewkit ({exc})") from exc
    if not isinstance(record, dict) or "questions" not in record or "sheets" not in record:
        raise UserError(f"{path}: not a manifest written by interviewkit")
    return record


def candidate_names(record: Mapping[str, Any]) -> dict[str, str]:
    """Label printed on the sheets -> candidate name (codes when the build was blind)."""
    key = record.get("candidate_key") or {}
    if key:
        return {code: name for name, code in key.items()}
    return {c["name"]: c["name"] for c in record.get("candidates", [])}


# --- reading filled sheets --------------------------------------------------


def read_sheets(paths: Sequence[Path], record: Mapping[str, Any]) -> list[Rating]:
    """Ratings from every file given: filled scoring-sheet PDFs and CSV files."""
    if not paths:
        raise UserError("give at least one filled scoring-sheet PDF or ratings CSV")
    ratings: list[Rating] = []
    for path in paths:
        if not path.is_file():
            raise UserError(f"{path}: file not found")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise UserError(f"{path}: larger than {MAX_INPUT_BYTES:,} bytes")
        with path.open("rb") as handle:
            head = handle.read(5)
        if head == b"%PDF-":
            ratings += read_pdf(path, record)
        elif path.suffix.lower() == ".csv":
            ratings += read_csv(path, record)
        else:
            raise UserError(f"{path}: neither a PDF nor a .csv file")
    return ratings


def read_pdf(path: Path, record: Mapping[str, Any]) -> list[Rating]:
    """Ratings from the form fields of a filled scoring-sheet PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # WeasyPrint names each radio widget like its group; pypdf logs every one of
    # them as "already parsed". The values are read from the group all the same.
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        info: Mapping[str, Any] = reader.metadata or {}
        raw_register = info.get("/interviewkitsheets")
        fields = reader.get_fields() or {}
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise UserError(f"{path}: cannot read this PDF ({exc})") from exc
    finally:
        pypdf_logger.setLevel(level)
    if not raw_register:
        raise UserError(
            f"{path}: not a scoring-sheet PDF made by interviewkit (its sheet register is "
            "missing); build with form fields, or give a CSV"
        )
    try:
        register = json.loads(str(raw_register))
        sheets = register["sheets"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise UserError(f"{path}: its sheet register cannot be read") from exc
    position = record["position"]["id"]
    if register.get("position") != position:
        raise UserError(
            f"{path}: these sheets are for position '{register.get('position')}', not '{position}'"
        )
    if register.get("content_hash") != record.get("content_hash"):
        raise UserError(
            f"{path}: these sheets were made from another version of the questions than the "
            f"current packet of '{position}' (content {str(register.get('content_hash'))[:12]} "
            f"vs {str(record.get('content_hash'))[:12]}); score them against the packet they "
            "came from"
        )
    if register.get("blind", False) != record.get("blind", False):
        raise UserError(f"{path}: made by a different build of '{position}' (blind or not)")
    question_ids = [q["id"] for q in record["questions"]]
    ratings: list[Rating] = []
    for key, sheet in sorted(sheets.items()):
        candidate = sheet.get("candidate")
        panelist = sheet.get("panelist")
        where = f"{path.name}: sheet {key}"
        filled = {q: _radio_value(fields.get(f"{key}__{q}__rating")) for q in question_ids}
        if candidate is None or panelist is None:
            if any(v is not None for v in filled.values()):
                raise UserError(
                    f"{where}: a blank (write-in) sheet was filled on screen; give its ratings "
                    "in a CSV with the candidate and panelist names instead"
                )
            continue
        for question in question_ids:
            raw = filled[question]
            value = _to_int(raw, where, question) if raw is not None else None
            ratings.append(Rating(candidate, panelist, question, value, where))
    return ratings


def _radio_value(field_data: Any) -> str | None:
    """The export value chosen in a radio group (its on-state indexes `/Opt`)."""
    if not field_data:
        return None
    value = field_data.get("/V")
    if value in (None, "", "/Off"):
        return None
    text = str(value).lstrip("/")
    options = field_data.get("/Opt")
    if options and text.isdigit() and int(text) < len(options):
        return str(options[int(text)])
    return text


def read_csv(path: Path, record: Mapping[str, Any]) -> list[Rating]:
    """Ratings from a CSV with the columns candidate, panelist, question, rating."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text; save it as CSV UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    needed = ["candidate", "panelist", "question", "rating"]
    missing = [n for n in needed if n not in header]
    if missing:
        raise UserError(
            f"{path}:1: the header row must have the columns {', '.join(needed)} "
            f"(missing: {', '.join(missing)})"
        )
    reader.fieldnames = header
    ratings = []
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise UserError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from exc
    for line, row in rows:
        values = {k: (row.get(k) or "").strip() for k in needed}
        if not any(values.values()):
            continue
        where = f"{path.name}:{line}"
        for name in ("candidate", "panelist", "question"):
            if not values[name]:
                raise UserError(f"{path}:{line}: {name} is empty")
        raw = values["rating"]
        value = _to_int(raw, where, values["question"]) if raw else None
        ratings.append(
            Rating(values["candidate"], values["panelist"], values["question"], value, where)
        )
    return ratings


def _to_int(raw: str, where: str, question: str) -> int:
    try:
        return int(raw)
    except ValueError:
        try:
            number = float(raw)
        except ValueError:
            raise UserError(f"{where}: {question}: rating '{raw}' is not a number") from None
        if number.is_integer():
            return int(number)
        raise UserError(f"{where}: {question}: rating '{raw}' is not a whole number") from None


# --- checking and computing -------------------------------------------------


def check(ratings: Iterable[Rating], record: Mapping[str, Any]) -> list[Rating]:
    """Refuse unknown names and questions, out-of-scale values and conflicting sheets.

    Returns the ratings with candidate labels turned into names (blind builds)
    and exact duplicates (the same sheet given twice) removed.
    """
    labels = candidate_names(record)
    names = set(labels.values())
    panel = {p["name"] for p in record.get("panel", [])}
    questions = {q["id"] for q in record["questions"]}
    scale = [p["value"] for p in record["scale"]["points"]]
    problems: list[str] = []
    seen: dict[tuple[str, str, str], Rating] = {}
    for rating in ratings:
        candidate = labels.get(rating.candidate, rating.candidate)
        if names and candidate not in names:
            known = ", ".join(sorted(labels)) or "none"
            problems.append(
                f"{rating.source}: unknown candidate '{rating.candidate}' "
                f"(the packet lists: {known})"
            )
            continue
        if panel and rating.panelist not in panel:
            problems.append(
                f"{rating.source}: unknown panelist '{rating.panelist}' "
                f"(the panel: {', '.join(sorted(panel))})"
            )
            continue
        if rating.question not in questions:
            problems.append(f"{rating.source}: unknown question '{rating.question}'")
            continue
        if rating.value is not None and rating.value not in scale:
            problems.append(
                f"{rating.source}: {rating.question}: rating {rating.value} is "
                f"outside the scale ({scale[0]}–{scale[-1]})"
            )
            continue
        key = (candidate, rating.panelist, rating.question)
        earlier = seen.get(key)
        if (
            earlier is not None
            and earlier.value != rating.value
            and (earlier.value is not None and rating.value is not None)
        ):
            problems.append(
                f"{rating.source}: {candidate} / {rating.panelist} / {rating.question} is "
                f"rated {rating.value} here and {earlier.value} in {earlier.source}: the same "
                "sheet was given twice with different ratings"
            )
            continue
        if earlier is None or earlier.value is None:
            seen[key] = Rating(
                candidate, rating.panelist, rating.question, rating.value, rating.source
            )
    if problems:
        raise UserError("\n".join(problems))
    return list(seen.values())


def summarize(
    record: Mapping[str, Any], ratings: Sequence[Rating], *, allow_incomplete: bool = False
) -> Summary:
    """Panel means, spreads, weighted totals and ranks, per candidate and competency."""
    questions = record["questions"]
    competencies = record["competencies"]
    weights = {c["id"]: float(c["weight"]) for c in competencies}
    panel = [p["name"] for p in record.get("panel", [])] or sorted({r.panelist for r in ratings})
    names = [c["name"] for c in record.get("candidates", [])] or sorted(
        {r.candidate for r in ratings}
    )
    values: dict[tuple[str, str, str], int] = {
        (r.candidate, r.panelist, r.question): r.value for r in ratings if r.value is not None
    }
    scores = []
    for candidate in names:
        missing = [
            (panelist, q["id"])
            for panelist in panel
            for q in questions
            if (candidate, panelist, q["id"]) not in values
        ]
        per_competency = []
        for competency in competencies:
            asked = [q["id"] for q in questions if q["competency"] == competency["id"]]
            by_panelist = {}
            for panelist in panel:
                given = [
                    values[(candidate, panelist, q)]
                    for q in asked
                    if (candidate, panelist, q) in values
                ]
                if given:
                    by_panelist[panelist] = sum(given) / len(given)
            marks = list(by_panelist.values())
            per_competency.append(
                CompetencyScore(
                    competency["id"],
                    by_panelist,
                    sum(marks) / len(marks) if marks else None,
                    min(marks) if marks else None,
                    max(marks) if marks else None,
                )
            )
        rated = [(weights[s.competency], s.mean) for s in per_competency if s.mean is not None]
        total = (
            sum(w * m for w, m in rated) / sum(w for w, _ in rated)
            if rated and (len(rated) == len(per_competency) or allow_incomplete)
            else None
        )
        scores.append(CandidateScore(candidate, tuple(per_competency), total, tuple(missing)))
    return Summary(record, _rank(scores, allow_incomplete), allow_incomplete, tuple(panel))


def _rank(scores: list[CandidateScore], allow_incomplete: bool) -> tuple[CandidateScore, ...]:
    """Standard competition ranking (1, 2, 2, 4) on weighted totals rounded to 2 places."""
    eligible = [
        s for s in scores if s.weighted_total is not None and (s.complete or allow_incomplete)
    ]
    ordered = sorted(eligible, key=lambda s: -round(s.weighted_total or 0, 2))
    ranks: dict[str, int] = {}
    for position, score in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous is not None and round(previous.weighted_total or 0, 2) == round(
            score.weighted_total or 0, 2
        ):
            ranks[score.candidate] = ranks[previous.candidate]
        else:
            ranks[score.candidate] = position
    return tuple(
        CandidateScore(
            s.candidate, s.competencies, s.weighted_total, s.missing, ranks.get(s.candidate)
        )
        for s in scores
    )


# --- writing ----------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def summary_csv(summary: Summary) -> bytes:
    ids = [c["id"] for c in summary.record["competencies"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["rank", "candidate", "weighted_total", *ids])
    for score in [*summary.ranked, *summary.unranked]:
        writer.writerow(
            [
                score.rank if score.rank is not None else "",
                spreadsheet_safe(score.candidate),
                number(score.weighted_total),
                *(number(s.mean) for s in score.competencies),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def flags_csv(summary: Summary) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["candidate", "competency", "low", "high"])
    for candidate, score in summary.flags:
        writer.writerow(
            [spreadsheet_safe(candidate), score.competency, number(score.low), number(score.high)]
        )
    return buffer.getvalue().encode("utf-8")


def missing_ratings(summary: Summary) -> list[tuple[str, str, str]]:
    """(candidate, panelist, question id) of every rating not given."""
    return [(c.candidate, p, q) for c in summary.candidates for p, q in c.missing]
