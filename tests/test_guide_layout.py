"""The interview guide as a panel chair uses it: findable, readable, and runs the day."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from interviewkit.build import BuildRequest, build, prepare
from interviewkit.library.models import Factor
from interviewkit.pdf.layout import render_pdf
from interviewkit.renderer.context import _factors, packet_data
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment
from tests.conftest import EXAMPLES, edit
from tests.pdf_pages import MM, body_text, header_lines, lines

GUIDE = "interview-guide.pdf"


def page_of(document: pymupdf.Document, text: str) -> pymupdf.Page:
    return next(page for page in document if text in body_text(page))


def test_each_competency_has_a_bookmark(mini: Path) -> None:
    """The guide as WeasyPrint lays it out (before assembly) has a bookmark per section
    and per competency, and none for the smaller headings."""
    request = BuildRequest(position="clerk", content_dir=mini)
    templates = TemplateSet()
    html = PacketRenderer(
        make_environment(templates), prepare(request), paper="letter", forms=False
    ).render("guide")
    data = render_pdf(html, base_dir=templates.folders[0], allowed=templates.folders)
    outline = [title for _, title, _ in pymupdf.open(stream=data, filetype="pdf").get_toc()]
    assert outline == [
        "Interview guide: Counter Clerk",
        "Instructions for interviewers",
        "Running the interview day",
        "Rating scale",
        "1. Listening",
    ]


@pytest.mark.parametrize("position", EXAMPLES)
def test_the_running_header_names_the_competency(built: dict[str, Path], position: str) -> None:
    record = json.loads((built[position] / "manifest.json").read_text(encoding="utf-8"))
    competencies = [f"{i}. {c['name']}" for i, c in enumerate(record["competencies"], start=1)]
    sections = ["Instructions for interviewers", "Running the interview day", "Rating scale"]
    document = pymupdf.open(built[position] / GUIDE)
    for page in list(document)[1:]:
        header = " ".join(header_lines(page))
        named = [title for title in sections + competencies if title in header]
        assert len(named) == 1, (page.number + 1, header)
        # A page where a section or competency begins is named for the first beginning there.
        starting = [line for _, line in lines(page) if line in sections + competencies]
        if starting:
            assert named == starting[:1], (page.number + 1, header)
    # Every competency is named at the top of at least one page.
    headers = " ".join(" ".join(header_lines(page)) for page in document)
    assert all(title in headers for title in competencies)


def test_rating_errors_are_on_the_instructions_page(built: dict[str, Path]) -> None:
    for folder in built.values():
        page = page_of(pymupdf.open(folder / GUIDE), "Instructions for interviewers")
        text = body_text(page)
        for error in ("Halo and horn", "Central tendency", "First impression"):
            assert error in text


@pytest.mark.parametrize("position", EXAMPLES)
def test_lines_stay_short_and_inside_the_page(built: dict[str, Path], position: str) -> None:
    document = pymupdf.open(built[position] / GUIDE)
    side = 34 * MM  # the guide's side margins on letter paper
    for page in document:
        for box, text in lines(page):
            assert len(text) <= 85, (page.number + 1, text)
            # Nothing runs past its box into the margin (the "Listen for" column did).
            assert box.x1 <= page.rect.width - side + 1, (page.number + 1, text)
            assert box.x0 >= side - 1, (page.number + 1, text)


def test_the_posting_number_is_never_broken_on_a4(mini: Path, tmp_path: Path) -> None:
    edit(
        mini / "positions/clerk.yaml",
        "title: Counter Clerk",
        "title: Senior Customer Accounts Counter Clerk, Utility Billing",
    )
    edit(mini / "positions/clerk.yaml", "posting_number: T-001", "posting_number: DOA-2026-HR-031")
    folder = build(
        BuildRequest(position="clerk", content_dir=mini, out_dir=tmp_path, paper="a4")
    ).folder
    for page in list(pymupdf.open(folder / GUIDE))[1:]:
        assert any("Posting DOA-2026-HR-031" in line for line in header_lines(page))


def test_the_day_is_planned(built: dict[str, Path]) -> None:
    text = " ".join(body_text(p) for p in pymupdf.open(built["hr-consultant"] / GUIDE))
    for role in ("Chair", "Timekeeper", "Panelists", "Human Resources"):
        assert role in text
    assert "Opening, read by the chair" in text
    assert "We will ask you 8 questions" in text
    assert "Closing, read by the chair" in text
    # 75-minute interviews, 15 minutes to rate between candidates, in the order listed.
    assert "followed by 15 minutes in which panelists rate on their own" in text
    for row in ("1 0:00–1:15 1:15–1:30 Zoë O'Brien <b>", "2 1:30–2:45 2:45–3:00 José Núñez-Smith"):
        assert row in text
    assert "3 3:00–4:15 4:15–4:30 Ada & Grace" in text


def test_factors_print_only_on_the_interview_scale(mini: Path) -> None:
    listening = mini / "competencies/listening.yaml"
    factor = (
        "factors:\n  - name: Checking\n    anchors:\n      interview-five:\n"
        "        1: Does not check.\n        3: Checks the main point.\n"
        "        5: Checks every point.\n"
    )
    listening.write_text(listening.read_text(encoding="utf-8") + factor, encoding="utf-8")
    packet = prepare(BuildRequest(position="clerk", content_dir=mini))
    competency = packet_data(packet, paper="letter", forms=False)["competencies"][0]
    assert competency["factors"] == {
        "columns": ["Unsatisfactory", "Acceptable", "Outstanding"],
        "rows": [
            {
                "name": "Checking",
                "cells": ["Does not check.", "Checks the main point.", "Checks every point."],
            }
        ],
    }
    # Factors written for another scale (seed 003's three points) are a second scale
    # in the room: they are left out.
    other = Factor(name="Checking", anchors={"three-point": {1: "a", 2: "b", 3: "c"}})
    assert _factors([other], "interview-five", packet.scale_labels) is None
