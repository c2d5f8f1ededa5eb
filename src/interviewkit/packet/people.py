"""Candidates and panelists given on the command line or in a spreadsheet export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from interviewkit import limits
from interviewkit.errors import UserError
from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.spreadsheet import read_rows


def read_candidates_csv(path: Path) -> list[Candidate]:
    """Candidates from a CSV with a `name` column (and optional `id`, `referees`).

    Referees are names separated by `;`. Problems are reported all at once with
    their line numbers.
    """
    problems: list[str] = []
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    for row in read_rows(path, ["name"]):
        name = row.cells.get("name", "")
        if not name:
            problems.append(f"{path}:{row.line}: name: a candidate needs a name")
            continue
        if name in seen:
            problems.append(
                f"{path}:{row.line}: name: '{name}' is listed twice (line {seen[name]})"
            )
            continue
        seen[name] = row.line
        # Counted before any referee is made: one row may hold a whole file of names.
        named = [r.strip() for r in row.cells.get("referees", "").split(";") if r.strip()]
        if len(named) > limits.MAX_REFEREES:
            problems.append(
                f"{path}:{row.line}: referees: {len(named):,} referees listed; the limit is "
                f"{limits.MAX_REFEREES} per candidate"
            )
            continue
        try:
            candidates.append(
                Candidate(
                    name=name,
                    id=row.cells.get("id") or None,
                    referees=[Referee(name=r) for r in named],
                )
            )
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"])
            problems.append(f"{path}:{row.line}: {field}: {first['msg'].lower()}")
    if len(candidates) > limits.MAX_CANDIDATES:
        problems.append(
            f"{path}: {len(candidates):,} candidates; the limit is {limits.MAX_CANDIDATES:,}"
        )
    if problems:
        raise UserError("\n".join(problems))
    if not candidates:
        raise UserError(f"{path}: no candidates found under the 'name' column")
    return candidates


def parse_panel(text: str) -> list[Panelist]:
    """`"Name One,Name Two"` -> panelists, refusing empty or repeated names."""
    names = [part.strip() for part in text.split(",")]
    if len(names) > limits.MAX_PANELISTS:
        raise UserError(
            f"--panel: {len(names):,} names; a panel is limited to {limits.MAX_PANELISTS}"
        )
    if not all(names):
        raise UserError("--panel: names are separated by commas, with no empty name")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UserError(f"--panel: {', '.join(repeated)} listed twice")
    try:
        return [Panelist(name=name) for name in names]
    except ValidationError as exc:
        raise UserError(f"--panel: {exc.errors(include_url=False)[0]['msg'].lower()}") from exc


def check_people(candidates: Sequence[Candidate], panel: Sequence[Panelist]) -> None:
    """Refuse a posting whose people would multiply into more sheets or forms than the limits.

    Each source checks its own list as it is read (with lines and locations);
    this is the last word for whatever a caller passes in.
    """
    sheets = max(len(candidates), 1) * max(len(panel), 1)
    forms = sum(max(len(c.referees), 1) for c in candidates) or 1
    crowded = [c.name for c in candidates if len(c.referees) > limits.MAX_REFEREES]
    over = [
        f"{what} ({count:,}; the limit is {limit:,})"
        for what, count, limit in (
            ("candidates", len(candidates), limits.MAX_CANDIDATES),
            ("panelists", len(panel), limits.MAX_PANELISTS),
            ("scoring sheets, one per candidate and panelist", sheets, limits.MAX_SHEETS),
            ("reference-check forms", forms, limits.MAX_REFERENCE_FORMS),
        )
        if count > limit
    ]
    if crowded:
        over.append(
            f"referees of {crowded[0]}"
            + (f" and {len(crowded) - 1:,} other candidate(s)" if len(crowded) > 1 else "")
            + f" (the limit is {limits.MAX_REFEREES} per candidate)"
        )
    if over:
        raise UserError("this posting has too many " + "; too many ".join(over))
