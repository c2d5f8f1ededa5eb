"""How a scoring sheet's questions are shared out over its pages.

A sheet page is laid out at the height of one printed page, and its notes areas
grow into whatever the questions leave. So the questions put on one page must
fit there with room to write: this module estimates, from the length of the
texts, how tall a page's printed parts are, and spreads a competency over more
pages when they would not fit. The estimate errs on the tall side (narrow
A4 lines, short letter pages); a page that cannot fit even one question is
marked to flow onto the next page like an ordinary document instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Data = dict[str, Any]

# The most questions one page holds in the page-per-competency layout.
QUESTIONS_PER_PAGE = 3

# Millimetres, from packet.css: the height of a sheet page, and what the first
# page gives to the sheet's title and instructions.
PAGE_HEIGHT = 238.5
FIRST_PAGE_EXTRA = 15.0 + 24.0  # identity block; title and instructions
COMPETENCY_HEAD = 9.0
QUESTION_FRAME = 4.0 + 7.5  # spacing and border; the rating row
NOTES_MINIMUM = 23.2  # the label and three ruled lines

# Characters per line and line height (mm) of each kind of text, for the
# narrowest page (A4) and a little below what DejaVu Sans sets on average.
QUESTION_TEXT = (80, 4.6)
PROBES = (100, 4.0)
ANCHOR_CELL = (30, 4.0)
ANCHOR_FRAME = 7.0  # the header row and the cell padding


def lines(text: str, per_line: int) -> int:
    return max(1, math.ceil(len(text) / per_line))


def anchors_height(anchors: dict[int, str], points: Sequence[int]) -> float:
    """The printed height of an anchors table: its tallest column."""
    per_line, line = ANCHOR_CELL
    tallest = max((lines(anchors.get(p, ""), per_line) for p in points), default=1)
    return ANCHOR_FRAME + tallest * line


def question_height(question: Data, points: Sequence[int]) -> float:
    """A question's printed parts and its smallest notes area."""
    text = lines(f"Question 10 of 10. {question['text']}", QUESTION_TEXT[0]) * QUESTION_TEXT[1]
    probes = lines("Probes: " + " · ".join(question["probes"]), PROBES[0]) * PROBES[1]
    own = anchors_height(question["own_anchors"], points) if question["own_anchors"] else 0.0
    return QUESTION_FRAME + text + probes + own + NOTES_MINIMUM


def page_height(
    competency: Data, questions: Sequence[Data], anchors: bool, points: Sequence[int]
) -> float:
    shared = anchors_height(competency["anchors"], points) if anchors else 0.0
    return COMPETENCY_HEAD + shared + sum(question_height(q, points) for q in questions)


def sheet_pages(competencies: Sequence[Data], layout: str, points: Sequence[int]) -> list[Data]:
    """The question pages of a scoring sheet, in order.

    By default a page per competency: its questions, and its anchors once at the
    top (left out when every question on the page has anchors of its own). A
    competency whose questions do not fit one page is spread evenly over as
    few pages as hold them, its anchors on the first. With the "question"
    layout, every question has a page, with the anchors it is rated against.
    `points` are the scale points the anchors are printed for.
    """
    pages: list[Data] = []
    for competency in competencies:
        questions = competency["questions"]
        size = 1 if layout == "question" else QUESTIONS_PER_PAGE
        count = math.ceil(len(questions) / size)
        while True:
            groups = _spread(questions, count)
            plan = [
                _page(competency, g, i, layout, points, not pages and i == 0)
                for i, g in enumerate(groups)
            ]
            if all(p["fits"] for p in plan) or count == len(questions):
                break
            count += 1
        pages.extend(plan)
    return pages


def _spread(items: Sequence[Data], count: int) -> list[list[Data]]:
    """`items` in `count` groups of nearly equal size, the larger first."""
    base, extra = divmod(len(items), count)
    groups, start = [], 0
    for index in range(count):
        size = base + (1 if index < extra else 0)
        groups.append(list(items[start : start + size]))
        start += size
    return groups


def _page(
    competency: Data,
    group: list[Data],
    index: int,
    layout: str,
    points: Sequence[int],
    first: bool,
) -> Data:
    anchors = any(not q["own_anchors"] for q in group) and (index == 0 or layout == "question")
    room = PAGE_HEIGHT - (FIRST_PAGE_EXTRA if first else 0.0)
    return {
        "competency": competency,
        "questions": group,
        "anchors": anchors,
        "continued": index > 0,
        # A page that does not fit flows on like an ordinary document.
        "fits": page_height(competency, group, anchors, points) <= room,
    }
