"""Scoring sheets as a panelist gets them on paper: a page per competency, a summary page,
notes areas that fill the page, and every copy the same but for who it is for."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from click.testing import Result

from interviewkit.library.loading import load_library
from interviewkit.resources import builtin_content
from tests.conftest import EXAMPLES, FIXTURES, edit
from tests.pdf_pages import MM, TOP, body_text, half_empty_pages, parts

# Whole builds, many of them: in the slow group (`pytest -m slow`; CI runs it too).
pytestmark = pytest.mark.slow

IDENTITY = 15 * MM  # the identity block and the space under it, fixed in packet.css


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("position", EXAMPLES)
def test_a_sheet_has_a_page_per_competency_and_a_summary_page(
    built: dict[str, Path], position: str
) -> None:
    record = manifest(built[position])
    asked = [
        [q for q in record["questions"] if q["competency"] == c["id"]]
        for c in record["competencies"]
    ]
    # At most three questions a page: HR's four Customer Focus questions take two pages.
    expected = sum(math.ceil(len(qs) / 3) for qs in asked) + 1
    sheets = parts(built[position] / "scoring-sheets.pdf")
    assert [count for _, _, count in sheets] == [expected] * len(record["sheets"])
    document = pymupdf.open(built[position] / "scoring-sheets.pdf")
    pages = [body_text(document[n], top=TOP + (IDENTITY if n == 0 else 0)) for n in range(expected)]
    # Each question page opens with its competency's name, its questions in order.
    names = [c["name"] for c in record["competencies"]]
    total = len(record["questions"])
    order = []
    for page in pages[:-1]:
        head = re.split(r"Question \d+ of", page, maxsplit=1)[0]
        assert any(name in head for name in names), head
        order += [
            q["order"] for q in record["questions"] if f"Question {q['order']} of {total}." in page
        ]
    assert order == list(range(1, total + 1))
    assert pages[-1].startswith("Summary and recommendation")


def test_anchors_print_once_per_competency(built: dict[str, Path]) -> None:
    library = load_library(builtin_content())
    folder = built["hr-consultant"]
    first_sheet = parts(folder / "scoring-sheets.pdf")[0]
    document = pymupdf.open(folder / "scoring-sheets.pdf")
    text = " ".join(
        body_text(document[n]) for n in range(first_sheet[1], first_sheet[1] + first_sheet[2])
    )
    for competency in manifest(folder)["competencies"]:
        anchors = library.competencies[competency["id"]].record.anchors["interview-five"]
        for value in (1, 3, 5):
            start = " ".join(anchors[value].split())[:50]
            assert text.count(start) == 1, (competency["id"], value)


def test_the_summary_page_asks_for_evidence_not_arithmetic(built: dict[str, Path]) -> None:
    folder = built["customer-service-representative"]
    document = pymupdf.open(folder / "scoring-sheets.pdf")
    _, start, count = parts(folder / "scoring-sheets.pdf")[0]
    summary = document[start + count - 1]
    text = body_text(summary)
    for label in (
        "Strongly recommend",
        "Recommend with reservations",
        "Do not recommend",
        "No decision",
        "Evidence",
        "Comments",
        "Signature",
    ):
        assert label in text
    for arithmetic in ("÷", "×", "mean", "Weighted score", "round"):
        assert arithmetic not in text
    widgets = {w.field_name.split(".")[0]: w for w in summary.widgets()}
    key = "s001"
    for name in ("interview-date", "start-time", "comments", "signature-date"):
        assert f"{key}__{name}" in widgets
    assert widgets[f"{key}__interview-date"].field_value == "December 8, 2026"
    for competency in manifest(folder)["competencies"]:
        assert f"{key}__{competency['id']}__evidence" in widgets
    choices = [w for w in summary.widgets() if w.field_name.startswith(f"{key}__recommendation")]
    assert len(choices) == 5
    # A pen or a finger hits them: at least 7 mm; a rating button at least 6 mm.
    assert min(w.rect.width for w in choices) >= 7 * MM
    ratings = [w for w in document[start].widgets() if "__rating" in w.field_name]
    assert ratings
    assert min(w.rect.width for w in ratings) >= 6 * MM


def test_typed_notes_sit_on_the_printed_rules(built: dict[str, Path]) -> None:
    """Fill a notes field with PyMuPDF, which sets typed lines as PDF readers do, and
    compare each line's baseline with the rules printed under the field."""
    document = pymupdf.open(built["customer-service-representative"] / "scoring-sheets.pdf")
    page = document[1]
    widget = next(w for w in page.widgets() if w.field_name.endswith("__notes"))
    zoom = 8
    pixels = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=widget.rect)
    columns = range(0, pixels.width, 7)
    ruled = [
        y
        for y in range(pixels.height)
        if sum(1 for x in columns if sum(pixels.pixel(x, y)) < 3 * 225) > 0.8 * len(columns)
    ]
    rules: list[list[int]] = []
    for y in ruled:
        if rules and y - rules[-1][-1] <= 1:
            rules[-1].append(y)
        else:
            rules.append([y])
    rule_depths = [(group[-1] + 1) / zoom for group in rules]  # below the field's top
    assert len(rule_depths) >= 4
    widget.field_value = "\n".join(f"typed line {n}" for n in range(1, 7))
    widget.update()
    stream = document.xref_stream(int(document.xref_get_key(widget.xref, "AP/N")[1].split()[0]))
    moves = [float(m) for m in re.findall(rb"[-\d.]+ ([-\d.]+) Td", stream)]
    # The first move places the text at the field's top; each next one is a line down.
    height, y = widget.rect.height, moves[0]
    baselines = []
    for move in moves[1:]:
        y += move
        baselines.append(height - y)
    assert len(baselines) == 6
    for baseline, rule in zip(baselines, rule_depths, strict=False):
        assert abs(baseline - rule) <= 2.5, (baselines, rule_depths)


def test_every_copy_differs_only_in_who_it_is_for(built: dict[str, Path]) -> None:
    """Contract 1: a posting's sheets are the same pages but for the running header and
    the fixed-height identity block, so they can be laid out once and stamped."""
    path = built["customer-service-representative"] / "scoring-sheets.pdf"
    document = pymupdf.open(path)
    sheets = parts(path)
    first, other, other_panelist = sheets[0], sheets[1], sheets[3]

    def layout(sheet: tuple[str, int, int]) -> list[tuple[str, list[tuple[str, tuple]]]]:
        pages = []
        for offset in range(sheet[2]):
            page = document[sheet[1] + offset]
            widgets = [
                (
                    re.sub(r"^s\d{3}__", "", w.field_name.split(".")[0]),
                    tuple(round(v) for v in w.rect),
                )
                for w in page.widgets()
            ]
            pages.append((body_text(page, top=TOP + (IDENTITY if offset == 0 else 0)), widgets))
        return pages

    assert layout(first) == layout(other) == layout(other_panelist)
    assert "José Núñez-Smith" in document[other[1]].get_text()


def test_a_long_name_does_not_move_anything(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    long_name = "Maximiliana Alexandrovna " * 8
    edit(
        mini / "positions/clerk.yaml",
        "candidates: [Sam Roe]",
        f"candidates: [Al, '{long_name.strip()}']",
    )
    assert run("build", "clerk", "--content", mini, "--out", tmp_path).exit_code == 0
    path = tmp_path / "clerk/scoring-sheets.pdf"
    document = pymupdf.open(path)
    short, long = parts(path)
    assert short[2] == long[2]
    for offset in range(short[2]):
        assert [w.rect for w in document[short[1] + offset].widgets()] == [
            w.rect for w in document[long[1] + offset].widgets()
        ]
    # The identity block cuts the name short on one line rather than wrapping it.
    assert "…" in document[long[1]].get_text(clip=pymupdf.Rect(0, TOP, 1000, TOP + IDENTITY))


def test_a_page_per_question_on_request(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", "clerk", "--content", mini, "--out", out).exit_code == 0
    assert [p[2] for p in parts(out / "clerk/scoring-sheets.pdf")] == [2]  # one competency
    roomy = run("build", "clerk", "--content", mini, "--out", out, "--sheet-layout", "question")
    assert roomy.exit_code == 0, roomy.stderr
    assert "nothing changed" not in roomy.stdout
    assert [p[2] for p in parts(out / "clerk/scoring-sheets.pdf")] == [3]  # two questions
    assert manifest(out / "clerk")["sheet_layout"] == "question"
    document = pymupdf.open(out / "clerk/scoring-sheets.pdf")
    # Each question page shows the anchors it is rated against.
    for number in (0, 1):
        assert "Lets the customer finish and summarizes the request." in body_text(document[number])
    bad = run("build", "clerk", "--content", mini, "--out", out, "--sheet-layout", "sideways")
    assert bad.exit_code == 2


def test_questions_too_long_for_a_page_are_spread_and_never_cut(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    long = "Describe a time a request was unclear and you worked it out step by step. " * 14
    edit(
        mini / "competencies/listening.yaml",
        "Tell me about a time you misunderstood a request. What happened?",
        long.strip(),
    )
    edit(
        mini / "positions/clerk.yaml",
        "[listening-q1, listening-q2]",
        "[listening-q1, listening-q2, listening-q3]",
    )
    assert run("build", "clerk", "--content", mini, "--out", tmp_path).exit_code == 0
    path = tmp_path / "clerk/scoring-sheets.pdf"
    document = pymupdf.open(path)
    text = " ".join(body_text(page) for page in document)
    for number in (1, 2, 3):
        assert f"Question {number} of 3." in text
    assert len(document) == 3  # three questions over two pages, and the summary
    for page in document:  # nothing runs into the footer or off the page
        for block in page.get_text("blocks"):
            assert (
                block[3] <= page.rect.height - 18 * MM + 1 or block[1] >= page.rect.height - 18 * MM
            )
    assert half_empty_pages(path) == []


@pytest.mark.parametrize("position", EXAMPLES)
def test_no_page_is_left_half_empty(built: dict[str, Path], position: str) -> None:
    for name in (
        "scoring-sheets.pdf",
        "reference-checks.pdf",
        "interview-guide.pdf",
        "consensus.pdf",
    ):
        assert half_empty_pages(built[position] / name) == [], name


def test_plain_print_sheets_have_the_same_pages(run: Callable[..., Result], tmp_path: Path) -> None:
    content = FIXTURES / "mini"
    assert run("build", "clerk", "--content", content, "--out", tmp_path / "a").exit_code == 0
    plain = run("build", "clerk", "--content", content, "--out", tmp_path / "b", "--no-forms")
    assert plain.exit_code == 0
    for name in ("scoring-sheets.pdf", "reference-checks.pdf", "consensus.pdf"):
        filled = pymupdf.open(tmp_path / "a/clerk" / name)
        printed = pymupdf.open(tmp_path / "b/clerk" / name)
        assert len(filled) == len(printed), name
        assert any(list(page.widgets()) for page in filled), name
        assert not any(list(page.widgets()) for page in printed), name
