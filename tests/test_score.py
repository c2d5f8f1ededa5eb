"""Fill the generated sheets, score them, and get exactly the hand-computed results."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from interviewkit.manifest import (
    CandidateRecord,
    CompetencyRecord,
    Manifest,
    PanelistRecord,
    QuestionRecord,
)
from interviewkit.ratings import Rating, summarize
from tests.conftest import FIXTURES, edit
from tests.pdf_fill import fill_sheets

CANDIDATES = ["Ana Díaz", "Ben Okoro", "Cy Young"]
PANEL = ["Pat Lee", "Kim Ode", "Ravi Shah"]
QUESTIONS = ["listening-q1", "listening-q2", "writing-q1"]
# RATINGS[candidate][panelist] = ratings on QUESTIONS, chosen so the results are known:
#   Ana: listening 5, 4, 4.5 -> 4.50; writing 4, 4, 3 -> 3.67; total (2*4.5+3.67)/3 = 4.22
#   Ben: listening 3, 1.5, 3.5 -> 2.67 (spread 2: flagged); writing 5 -> 5.00; total 3.44
#   Cy:  listening 4, 3, 4.5 -> 3.83; writing 2, 2, 1 -> 1.67; total 3.11
RATINGS = {
    "Ana Díaz": {"Pat Lee": (5, 5, 4), "Kim Ode": (4, 4, 4), "Ravi Shah": (4, 5, 3)},
    "Ben Okoro": {"Pat Lee": (3, 3, 5), "Kim Ode": (1, 2, 5), "Ravi Shah": (3, 4, 5)},
    "Cy Young": {"Pat Lee": (4, 4, 2), "Kim Ode": (3, 3, 2), "Ravi Shah": (5, 4, 1)},
}
EXPECTED_SUMMARY = [
    ["rank", "candidate", "weighted_total", "listening", "writing"],
    ["1", "Ana Díaz", "4.22", "4.50", "3.67"],
    ["2", "Ben Okoro", "3.44", "2.67", "5.00"],
    ["3", "Cy Young", "3.11", "3.83", "1.67"],
]
EXPECTED_FLAGS = [
    ["candidate", "competency", "low", "high"],
    ["Ben Okoro", "listening", "1.50", "3.50"],
]


def scoring_library(root: Path) -> Path:
    """The small test library with a second competency and a weighted position."""
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    text = (content / "competencies/listening.yaml").read_text(encoding="utf-8")
    (content / "competencies/writing.yaml").write_text(
        text.replace("listening", "writing").replace("name: Listening", "name: Writing"),
        encoding="utf-8",
    )
    (content / "positions/clerk.yaml").write_text(
        "id: clerk\ntitle: Counter Clerk\nposting_number: T-001\norganization: Test Town\n"
        "scale: interview-five\ninterview_minutes: 30\n"
        "competencies:\n"
        "  - {id: listening, weight: 2, questions: [listening-q1, listening-q2]}\n"
        "  - {id: writing, weight: 1, questions: [writing-q1]}\n"
        "weights_rationale: Listening is two thirds of the work (job analysis, 2026).\n"
        f"panel: {json.dumps(PANEL)}\ncandidates: {json.dumps(CANDIDATES, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    return content


def sheet_values(record: dict, ratings: dict = RATINGS) -> dict[str, str]:
    """Form field values for every sheet, from the sheet register of the build."""
    labels = {v: k for k, v in record["candidate_key"].items()} if record["blind"] else None
    values = {}
    for key, sheet in record["sheets"].items():
        name = labels[sheet["candidate"]] if labels else sheet["candidate"]
        for question, value in zip(QUESTIONS, ratings[name][sheet["panelist"]], strict=True):
            if value is not None:
                values[f"{key}__{question}__rating"] = str(value)
        values[f"{key}__listening-q1__notes"] = "Clear example, confirmed understanding."
    return values


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def packet(run: Callable[..., Result], tmp_path: Path) -> tuple[Path, Path, dict]:
    content = scoring_library(tmp_path)
    out = tmp_path / "out"
    result = run("build", "clerk", "--content", content, "--out", out)
    assert result.exit_code == 0, result.stderr
    record = json.loads((out / "clerk/manifest.json").read_text(encoding="utf-8"))
    return content, out, record


def test_fill_the_pdf_forms_and_score_them(
    run: Callable[..., Result], packet: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    _, out, record = packet
    filled = tmp_path / "filled.pdf"
    fill_sheets(out / "clerk/scoring-sheets.pdf", filled, sheet_values(record))
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "3 ranked, 1 cell(s) flagged" in result.stdout
    assert read_csv(out / "clerk/score-summary.csv") == EXPECTED_SUMMARY
    assert read_csv(out / "clerk/score-flags.csv") == EXPECTED_FLAGS
    summary = " ".join(
        page.extract_text() for page in PdfReader(out / "clerk/score-summary.pdf").pages
    )
    assert "Score summary: Counter Clerk" in summary
    assert "4.22" in summary
    assert "Every panelist rated every question" in summary


def test_the_same_through_a_csv(
    run: Callable[..., Result], packet: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    _, out, _ = packet
    ratings = tmp_path / "ratings.csv"
    with ratings.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate", "panelist", "question", "rating"])
        for candidate, by_panelist in RATINGS.items():
            for panelist, values in by_panelist.items():
                for question, value in zip(QUESTIONS, values, strict=True):
                    writer.writerow([candidate, panelist, question, value])
    result = run("score", "clerk", ratings, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert read_csv(out / "clerk/score-summary.csv") == EXPECTED_SUMMARY
    assert read_csv(out / "clerk/score-flags.csv") == EXPECTED_FLAGS


def test_the_form_has_a_unique_rating_field_per_sheet_and_question(
    packet: tuple[Path, Path, dict],
) -> None:
    _, out, record = packet
    fields = PdfReader(out / "clerk/scoring-sheets.pdf").get_fields() or {}
    ratings = {name for name in fields if name.endswith("__rating") and "." not in name}
    assert len(ratings) == len(CANDIDATES) * len(PANEL) * len(QUESTIONS)
    some = fields[next(iter(sorted(ratings)))]
    assert [str(o) for o in some["/Opt"]] == ["1", "2", "3", "4", "5"]
    assert {n for n in fields if n.endswith("__notes")}
    assert {n for n in fields if n.endswith("__recommendation") and "." not in n}
    assert len(record["sheets"]) == 9


def test_missing_ratings_are_listed_and_not_ranked(
    run: Callable[..., Result], packet: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    _, out, record = packet
    gappy = {c: dict(p) for c, p in RATINGS.items()}
    gappy["Cy Young"]["Kim Ode"] = (3, None, 2)
    filled = tmp_path / "filled.pdf"
    fill_sheets(out / "clerk/scoring-sheets.pdf", filled, sheet_values(record, gappy))
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "1 rating(s) missing" in result.stderr
    rows = read_csv(out / "clerk/score-summary.csv")
    assert rows[3][:2] == ["", "Cy Young"]
    text = " ".join(p.extract_text() for p in PdfReader(out / "clerk/score-summary.pdf").pages)
    assert "Cy Young Kim Ode Question 2 (listening-q2)" in " ".join(text.split())
    allowed = run("score", "clerk", filled, "--out", out, "--allow-incomplete")
    assert allowed.exit_code == 0
    rows = read_csv(out / "clerk/score-summary.csv")
    # Kim's listening rating for Cy is now 3 (one question): listening (4 + 3 + 4.5) / 3.
    assert rows[3] == ["3", "Cy Young", "3.11", "3.83", "1.67"]


def test_ties_share_a_rank() -> None:
    record = Manifest.model_construct(
        competencies=[CompetencyRecord(id="a", name="A", weight=1, required_level=None)],
        questions=[QuestionRecord(id="q", competency="a", order=1, minutes=5, text="Q?")],
        panel=[PanelistRecord(name="P", title=None)],
        candidates=[CandidateRecord(name=n, id=None, referees=[]) for n in ("X", "Y", "Z")],
    )
    ratings = [Rating(c, "P", "q", v, "test") for c, v in (("X", 4), ("Y", 4), ("Z", 3))]
    ranks = {c.candidate: c.rank for c in summarize(record, ratings).candidates}
    assert ranks == {"X": 1, "Y": 1, "Z": 3}


def ratings_csv(tmp_path: Path, rows: list[list[str]], name: str = "r.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate", "panelist", "question", "rating"])
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Ana Díaz", "Pat Lee", "listening-q9", "3"]], "unknown question 'listening-q9'"),
        ([["Ann Diaz", "Pat Lee", "listening-q1", "3"]], "unknown candidate 'Ann Diaz'"),
        ([["Ana Díaz", "Pat Leigh", "listening-q1", "3"]], "unknown panelist 'Pat Leigh'"),
        ([["Ana Díaz", "Pat Lee", "listening-q1", "6"]], "rating 6 is outside the scale (1–5)"),
        ([["Ana Díaz", "Pat Lee", "listening-q1", "three"]], "rating 'three' is not a number"),
    ],
)
def test_bad_ratings_exit_2(
    run: Callable[..., Result],
    packet: tuple[Path, Path, dict],
    tmp_path: Path,
    rows: list[list[str]],
    message: str,
) -> None:
    _, out, _ = packet
    result = run("score", "clerk", ratings_csv(tmp_path, rows), "--out", out)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "r.csv:2" in result.stderr
    assert not (out / "clerk/score-summary.csv").exists()


def test_the_same_sheet_twice_with_different_ratings_is_refused(
    run: Callable[..., Result], packet: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    _, out, _ = packet
    first = ratings_csv(tmp_path, [["Ana Díaz", "Pat Lee", "listening-q1", "4"]], "a.csv")
    same = ratings_csv(tmp_path, [["Ana Díaz", "Pat Lee", "listening-q1", "4"]], "b.csv")
    other = ratings_csv(tmp_path, [["Ana Díaz", "Pat Lee", "listening-q1", "2"]], "c.csv")
    assert run("score", "clerk", first, same, "--out", out, "--allow-incomplete").exit_code == 0
    result = run("score", "clerk", first, other, "--out", out)
    assert result.exit_code == 2
    assert "rated 2 here and 4 in a.csv:2" in result.stderr


def test_sheets_from_another_version_of_the_questions_are_refused(
    run: Callable[..., Result], packet: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    content, out, record = packet
    filled = tmp_path / "filled.pdf"
    fill_sheets(out / "clerk/scoring-sheets.pdf", filled, sheet_values(record))
    edit(content / "competencies/listening.yaml", "What happened?", "What happened next?")
    assert run("build", "clerk", "--content", content, "--out", out).exit_code == 0
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 2
    assert "made from another version of the questions" in result.stderr


def test_sheets_from_another_posting_are_refused(
    run: Callable[..., Result], packet: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    content, out, record = packet
    filled = tmp_path / "filled.pdf"
    fill_sheets(out / "clerk/scoring-sheets.pdf", filled, sheet_values(record))
    other = content / "positions/clerk-2.yaml"
    other.write_text(
        (content / "positions/clerk.yaml")
        .read_text(encoding="utf-8")
        .replace("id: clerk", "id: clerk-2"),
        encoding="utf-8",
    )
    assert run("build", "clerk-2", "--content", content, "--out", out).exit_code == 0
    result = run("score", "clerk-2", filled, "--out", out)
    assert result.exit_code == 2
    assert "these sheets are for position 'clerk', not 'clerk-2'" in result.stderr


def test_score_needs_the_build(run: Callable[..., Result], tmp_path: Path) -> None:
    sheet = ratings_csv(tmp_path, [["A", "B", "q", "1"]])
    result = run("score", "clerk", sheet, "--out", tmp_path / "nothing")
    assert result.exit_code == 2
    assert "build the packet first" in result.stderr


def test_a_pdf_that_is_not_a_scoring_sheet_is_refused(
    run: Callable[..., Result], packet: tuple[Path, Path, dict]
) -> None:
    _, out, _ = packet
    result = run("score", "clerk", out / "clerk/consensus.pdf", "--out", out)
    assert result.exit_code == 2
    assert "not a scoring-sheet PDF made by interviewkit" in result.stderr


def test_csv_cells_are_safe_in_a_spreadsheet(run: Callable[..., Result], tmp_path: Path) -> None:
    content = scoring_library(tmp_path)
    edit(content / "positions/clerk.yaml", "Ana Díaz", "=HYPERLINK(1)")
    out = tmp_path / "out"
    assert run("build", "clerk", "--content", content, "--out", out).exit_code == 0
    rows = [["=HYPERLINK(1)", p, q, "3"] for p in PANEL for q in QUESTIONS]
    result = run("score", "clerk", ratings_csv(tmp_path, rows), "--out", out, "--allow-incomplete")
    assert result.exit_code == 0, result.stderr
    summary = read_csv(out / "clerk/score-summary.csv")
    assert summary[1][1] == "'=HYPERLINK(1)"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in summary for cell in row)


def test_blind_review_prints_codes_and_score_reports_names(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    content = scoring_library(tmp_path)
    out = tmp_path / "out"
    result = run("build", "clerk", "--content", content, "--out", out, "--blind")
    assert result.exit_code == 0, result.stderr
    folder = out / "clerk"
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert record["candidate_key"] == {"Ana Díaz": "C01", "Ben Okoro": "C02", "Cy Young": "C03"}
    for document in ("scoring-sheets.pdf", "consensus.pdf"):
        reader = PdfReader(folder / document)
        text = " ".join(p.extract_text() for p in reader.pages)
        assert "C01" in text
        for name in CANDIDATES:
            assert name not in text
            assert name not in str(reader.metadata)
    key = " ".join(p.extract_text() for p in PdfReader(folder / "candidate-key.pdf").pages)
    assert "C02" in key
    assert "Ben Okoro" in key
    filled = tmp_path / "filled.pdf"
    fill_sheets(folder / "scoring-sheets.pdf", filled, sheet_values(record))
    assert run("score", "clerk", filled, "--out", out).exit_code == 0
    assert read_csv(folder / "score-summary.csv") == EXPECTED_SUMMARY


def test_no_forms_gives_plain_print_sheets(run: Callable[..., Result], tmp_path: Path) -> None:
    content = scoring_library(tmp_path)
    out = tmp_path / "out"
    assert run("build", "clerk", "--content", content, "--out", out, "--no-forms").exit_code == 0
    assert not PdfReader(out / "clerk/scoring-sheets.pdf").get_fields()
