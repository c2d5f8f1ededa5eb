"""Fill the sheets the way readers do, score them, and get exactly the hand-computed results."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from fractions import Fraction
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
from interviewkit.ratings import Rating, flags_csv, summarize, summary_csv
from tests.conftest import edit
from tests.fillers import READERS
from tests.scoring import (
    EXPECTED_FLAGS,
    EXPECTED_SUMMARY,
    QUESTIONS,
    RATINGS,
    build_scoring_packet,
    copy_packet,
    manifest_of,
    ratings_csv,
    read_csv,
    sheet_values,
)


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-candidate, three-panelist posting, built once for this module."""
    return build_scoring_packet(tmp_path_factory.mktemp("scoring"))


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


@pytest.mark.parametrize("tool", sorted(READERS))
def test_sheets_filled_by_each_tool_score_exactly(
    run: Callable[..., Result], packet: Path, tmp_path: Path, tool: str
) -> None:
    """pypdf's form API, PyMuPDF's widget API and a reader's way of setting /V and /AS
    all give the hand-computed totals. (Tools that set only /V or only /AS are read
    in test_form_values.)"""
    out = copy_packet(packet, tmp_path)
    filled = tmp_path / f"{tool}.pdf"
    READERS[tool](packet / "scoring-sheets.pdf", filled, sheet_values(manifest_of(packet)))
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "3 ranked, 1 cell(s) and 3 question(s) flagged" in result.stdout
    assert read_csv(out / "clerk/score-summary.csv") == EXPECTED_SUMMARY
    assert read_csv(out / "clerk/score-flags.csv") == EXPECTED_FLAGS


def test_the_summary_shows_flags_ratings_recommendations_and_comments(
    run: Callable[..., Result], packet: Path, tmp_path: Path
) -> None:
    out = copy_packet(packet, tmp_path)
    filled = tmp_path / "filled.pdf"
    READERS["pikepdf-reader"](
        packet / "scoring-sheets.pdf", filled, sheet_values(manifest_of(packet))
    )
    assert run("score", "clerk", filled, "--out", out).exit_code == 0
    summary = out / "clerk/score-summary.pdf"
    page = PdfReader(summary).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape: every column fits
    text = pdf_text(summary)
    assert "Score summary: Counter Clerk" in text
    assert "1 Ana Díaz 4.22 4.50 3.67 complete" in text
    assert (
        "Ben Okoro Question 2 (listening-q2) Listening 2 4 Pat Lee: 3; Kim Ode: 2; Ravi Shah: 4"
        in text
    )
    # The appendix: every panelist's rating of every question, recommendation, comments.
    assert "2 (listening-q2) Listening 5 4 5 1" in text
    assert "Pat Lee Strongly recommend Gave two clear, specific examples." in text
    assert "Kim Ode No decision Überzeugend ✓: wants a second interview — Ω" in text
    assert "Every panelist rated every question" in text


def test_ratings_typed_into_a_csv_as_the_sheet_prints_them(
    run: Callable[..., Result], packet: Path, tmp_path: Path
) -> None:
    """Question numbers as printed (1..n), applicant ids, names in another Unicode
    form (NFD, as macOS writes them) and with stray spaces: all the same people."""
    out = copy_packet(packet, tmp_path)
    ids = {"Ana Díaz": "A-101", "Ben Okoro": "A-102", "Cy Young": "A-103"}
    rows = []
    for candidate, by_panelist in RATINGS.items():
        for panelist, values in by_panelist.items():
            for number, value in enumerate(values, start=1):
                who = ids[candidate] if number == 2 else unicodedata.normalize("NFD", candidate)
                question = str(number) if panelist != "Pat Lee" else QUESTIONS[number - 1]
                rows.append([who, f"  {panelist.replace(' ', '  ')} ", question, value])
    result = run("score", "clerk", ratings_csv(tmp_path / "typed.csv", rows), "--out", out)
    assert result.exit_code == 0, result.stderr
    assert read_csv(out / "clerk/score-summary.csv") == EXPECTED_SUMMARY
    assert read_csv(out / "clerk/score-flags.csv") == EXPECTED_FLAGS


def test_missing_ratings_are_marked_and_not_ranked(
    run: Callable[..., Result], packet: Path, tmp_path: Path
) -> None:
    out = copy_packet(packet, tmp_path)
    gappy = {c: dict(p) for c, p in RATINGS.items()}
    gappy["Cy Young"]["Kim Ode"] = (3, None, 2)
    filled = tmp_path / "filled.pdf"
    READERS["pikepdf-reader"](
        packet / "scoring-sheets.pdf", filled, sheet_values(manifest_of(packet), gappy)
    )
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert "1 rating(s) missing" in result.stderr
    assert read_csv(out / "clerk/score-summary.csv")[3] == [
        "", "Cy Young", "3.11", "3.83", "1.67", "no", "1"
    ]  # fmt: skip
    text = pdf_text(out / "clerk/score-summary.pdf")
    assert "Cy Young Kim Ode Question 2 (listening-q2)" in text
    assert "Cy Young ◆ 3.11 3.83 1.67 1 missing" in text
    allowed = run("score", "clerk", filled, "--out", out, "--allow-incomplete")
    assert allowed.exit_code == 0
    # Kim's listening rating for Cy is now 3 (one question): listening (4 + 3 + 4.5) / 3.
    assert read_csv(out / "clerk/score-summary.csv")[3] == [
        "3", "Cy Young", "3.11", "3.83", "1.67", "no", "1"
    ]  # fmt: skip


def _record(
    panel: list[str],
    questions: list[tuple[str, str]],
    candidates: tuple[str, ...] = ("X", "Y", "Z"),
) -> Manifest:
    competencies = sorted({c for _, c in questions})
    return Manifest.model_construct(
        competencies=[
            CompetencyRecord(id=c, name=c.title(), weight=1, required_level=None)
            for c in competencies
        ],
        questions=[
            QuestionRecord(id=q, competency=c, order=n, minutes=5, text="Q?")
            for n, (q, c) in enumerate(questions, start=1)
        ],
        panel=[PanelistRecord(name=p, title=None) for p in panel],
        candidates=[CandidateRecord(name=n, id=None, referees=[]) for n in candidates],
        blind=False,
        candidate_key={},
    )


def test_ties_share_a_rank() -> None:
    record = _record(["P"], [("q", "a")])
    ratings = [Rating(c, "P", "q", v, "test") for c, v in (("X", 4), ("Y", 4), ("Z", 3))]
    ranks = {c.candidate: c.rank for c in summarize(record, ratings).candidates}
    assert ranks == {"X": 1, "Y": 1, "Z": 3}


def test_means_round_half_up_as_on_paper() -> None:
    """Four panelists' means 3.5, 3.5, 4, 3.5 make 3.625: the sheet says round to two
    decimals, and a panelist writes 3.63 (binary rounding printed 3.62)."""
    panel = ["P1", "P2", "P3", "P4"]
    record = _record(panel, [("q1", "a"), ("q2", "a")])
    marks = {"P1": (3, 4), "P2": (4, 3), "P3": (4, 4), "P4": (3, 4)}
    ratings = [
        Rating("X", p, q, v, "test")
        for p, values in marks.items()
        for q, v in zip(("q1", "q2"), values, strict=True)
    ]
    summary = summarize(record, ratings, allow_incomplete=True)
    assert summary.candidates[0].competencies[0].mean == Fraction(29, 8)
    assert read_rows(summary_csv(summary))[1][:4] == ["1", "X", "3.63", "3.63"]


def test_a_two_point_gap_on_one_question_is_flagged_when_the_means_agree() -> None:
    """Pat rates 5 and 1, Lee 1 and 5: both competency means are 3, yet the panel
    must discuss both answers."""
    record = _record(["Pat", "Lee"], [("q1", "a"), ("q2", "a")])
    ratings = [
        Rating("X", "Pat", "q1", 5, "t"),
        Rating("X", "Pat", "q2", 1, "t"),
        Rating("X", "Lee", "q1", 1, "t"),
        Rating("X", "Lee", "q2", 5, "t"),
    ]
    summary = summarize(record, ratings, allow_incomplete=True)
    assert summary.flags == []
    assert [q.question for _, q in summary.question_flags] == ["q1", "q2"]
    assert read_rows(flags_csv(summary))[1:] == [
        ["X", "a", "1", "q1", "1", "5", "Pat: 5; Lee: 1"],
        ["X", "a", "2", "q2", "1", "5", "Pat: 1; Lee: 5"],
    ]


def read_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Ana Díaz", "Pat Lee", "listening-q9", "3"]], "unknown question 'listening-q9'"),
        ([["Ana Díaz", "Pat Lee", "4", "3"]], "unknown question '4'"),
        (
            [["Ana Diaz", "Pat Lee", "listening-q1", "3"]],
            "unknown candidate 'Ana Diaz' (did you mean 'Ana Díaz'?)",
        ),
        ([["Ana Díaz", "Pat Leigh", "listening-q1", "3"]], "unknown panelist 'Pat Leigh'"),
        ([["Ana Díaz", "Pat Lee", "listening-q1", "6"]], "rating 6 is outside the scale (1–5)"),
        ([["Ana Díaz", "Pat Lee", "listening-q1", "three"]], "rating 'three' is not a number"),
        ([["Ana Díaz", "Pat Lee", "listening-q1", "3.5"]], "rating '3.5' is not a whole number"),
        ([["Ana Díaz", "", "listening-q1", "3"]], "panelist is empty"),
        ([["Zed\x1b[31mRed", "Pat Lee", "1", "3"]], "unknown candidate 'Zed\\x1b[31mRed'"),
    ],
)
def test_bad_ratings_exit_2(
    run: Callable[..., Result],
    packet: Path,
    tmp_path: Path,
    rows: list[list[str]],
    message: str,
) -> None:
    out = copy_packet(packet, tmp_path)
    result = run("score", "clerk", ratings_csv(tmp_path / "r.csv", rows), "--out", out)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "r.csv:2" in result.stderr
    assert "\x1b" not in result.stderr
    assert not (out / "clerk/score-summary.csv").exists()


def test_thirty_thousand_unknown_rows_give_a_short_message(
    run: Callable[..., Result], packet: Path, tmp_path: Path
) -> None:
    """Issue 11: each error line listed every known name; 30,000 of them ran out of memory."""
    out = copy_packet(packet, tmp_path)
    rows = [[f"Stranger {n}", "Pat Lee", "1", "3"] for n in range(30_000)]
    result = run("score", "clerk", ratings_csv(tmp_path / "many.csv", rows), "--out", out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) <= 25
    assert "and 29,980 more problem(s) not shown" in result.stderr
    assert "Ana Díaz" not in result.stderr
    assert len(result.stderr) < 5_000


def test_the_same_sheet_twice_with_different_ratings_is_refused(
    run: Callable[..., Result], packet: Path, tmp_path: Path
) -> None:
    out = copy_packet(packet, tmp_path)
    first = ratings_csv(tmp_path / "a.csv", [["Ana Díaz", "Pat Lee", "listening-q1", "4"]])
    same = ratings_csv(tmp_path / "b.csv", [["A-101", "Pat Lee", "1", "4"]])
    other = ratings_csv(tmp_path / "c.csv", [["Ana Díaz", "Pat Lee", "listening-q1", "2"]])
    assert run("score", "clerk", first, same, "--out", out, "--allow-incomplete").exit_code == 0
    result = run("score", "clerk", first, other, "--out", out)
    assert result.exit_code == 2
    assert "rated 2 here and 4 in a.csv:2" in result.stderr


def test_sheets_from_another_version_of_the_questions_are_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    packet = build_scoring_packet(tmp_path)
    filled = tmp_path / "filled.pdf"
    READERS["pikepdf-reader"](
        packet / "scoring-sheets.pdf", filled, sheet_values(manifest_of(packet))
    )
    content, out = tmp_path / "content", tmp_path / "out"
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
    edit(content / "competencies/listening.yaml", "What happened?", "What happened next?")
    assert run("build", "clerk", "--content", content, "--out", out).exit_code == 0
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 2
    assert "made from another version of the questions" in result.stderr


def test_score_needs_the_build(run: Callable[..., Result], tmp_path: Path) -> None:
    sheet = ratings_csv(tmp_path / "r.csv", [["A", "B", "q", "1"]])
    result = run("score", "clerk", sheet, "--out", tmp_path / "nothing")
    assert result.exit_code == 2
    assert "build the packet first" in result.stderr


def test_a_pdf_that_is_not_a_scoring_sheet_is_refused(
    run: Callable[..., Result], packet: Path, tmp_path: Path
) -> None:
    out = copy_packet(packet, tmp_path)
    result = run("score", "clerk", out / "clerk/consensus.pdf", "--out", out)
    assert result.exit_code == 2
    assert "not a scoring-sheet PDF made by interviewkit" in result.stderr


def test_csv_cells_are_safe_in_a_spreadsheet() -> None:
    record = _record(["P"], [("q", "a")], candidates=["=HYPERLINK(1)", "+SUM(1)"])
    ratings = [Rating(c, "P", "q", 4, "t") for c in ("=HYPERLINK(1)", "+SUM(1)")]
    rows = read_rows(summary_csv(summarize(record, ratings)))
    assert [row[1] for row in rows[1:]] == ["'=HYPERLINK(1)", "'+SUM(1)"]


def test_the_summary_of_a_wide_posting_keeps_every_column_on_the_page(tmp_path: Path) -> None:
    """Nine competencies with long names, long candidate names: the ranking table comes
    in parts, and no word of it (or of the chart) lies beyond the page's edge."""
    import pymupdf

    from interviewkit.pdf.layout import render_pdf
    from interviewkit.renderer.environment import TemplateSet, make_environment
    from interviewkit.renderer.summary import summary_html

    names = [f"Competency number {n} with a rather long name" for n in range(1, 10)]
    people = ["Bartholomew Featherstonehaugh-Cholmondeley", "Nguyễn Thị Minh Khai", "Li Wei"]
    record = Manifest.model_validate(
        {
            "interviewkit_version": "0",
            "position": {"id": "wide", "title": "Wide", "posting_number": "W-1",
                         "organization": "Org", "department": None, "interview_date": None,
                         "interview_minutes": 60, "opening_minutes": 5, "closing_minutes": 5},
            "draft": False,
            "scale": {"id": "five", "points": [{"value": v, "label": str(v)} for v in range(1, 6)]},
            "paper": "letter", "forms": True, "blind": False,
            "competencies": [{"id": f"c{n}", "name": name, "weight": 1, "required_level": None}
                             for n, name in enumerate(names, start=1)],
            "questions": [{"id": f"q{n}", "competency": f"c{n}", "order": n, "minutes": 5,
                           "text": "Q?"} for n in range(1, 10)],
            "reference_questions": [], "verification_questions": [],
            "candidates": [{"name": p, "id": None, "referees": []} for p in people],
            "panel": [{"name": "Pat", "title": None}, {"name": "Lee", "title": None}],
            "candidate_key": {}, "sheets": {}, "content_hash": "", "content_files": {},
            "template_hash": "", "templates": {}, "files": {},
        }
    )  # fmt: skip
    ratings = [
        Rating(person, panelist, f"q{n}", (n + len(person) + len(panelist)) % 5 + 1, "t")
        for person in people
        for panelist in ("Pat", "Lee")
        for n in range(1, 10)
    ]
    templates = TemplateSet(None)
    html = summary_html(summarize(record, ratings), make_environment(templates))
    data = render_pdf(html, base_dir=templates.folders[0], allowed=templates.folders)
    (tmp_path / "wide.pdf").write_bytes(data)
    with pymupdf.open(stream=data, filetype="pdf") as document:
        words = []
        for page in document:
            right, bottom = page.rect.width, page.rect.height
            # Without the default clip, a word past the edge is reported, not dropped.
            flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_MEDIABOX_CLIP
            for x0, y0, x1, y1, word, *_ in page.get_text("words", flags=flags):
                assert min(x0, y0) >= 0, word
                assert (x1 <= right, y1 <= bottom) == (True, True), (word, x1, right)
                words.append(word)
        text = " ".join(words)
    for name in names:
        assert text.count(name) >= 2  # its column in the ranking, its rows in the appendix
    assert "Competencies 1–6 of 9" in text
    assert "Competencies 7–9 of 9" in text
    for person in people:
        assert person in " ".join(text.replace("- ", "-").split())
