"""Reference checks HR finishes in twenty minutes, and a consensus sheet the chair fills."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from pypdf import PdfReader

from interviewkit import practice
from interviewkit.packet.selection import default_reference_counts
from tests.conftest import EXAMPLES
from tests.pdf_pages import MM, TOP, body_text, parts

IDENTITY = 15 * MM


@pytest.mark.parametrize(
    ("available", "verification", "expected"),
    [
        ([4, 4, 4, 4, 4], 6, [2, 1, 1, 1, 1]),  # six left for five competencies
        ([3, 0, 5], 6, [3, 0, 3]),  # a competency without reference questions gets none
        ([1, 1], 2, [1, 1]),  # fewer than the allowance exist: all of them
        ([2, 2], 12, [1, 1]),  # verification uses it all: one each all the same
    ],
)
def test_reference_questions_a_position_does_not_choose(
    available: list[int], verification: int, expected: list[int]
) -> None:
    assert default_reference_counts(available, verification) == expected


@pytest.mark.parametrize("position", EXAMPLES)
def test_a_reference_call_is_short(built: dict[str, Path], position: str) -> None:
    record = json.loads((built[position] / "manifest.json").read_text(encoding="utf-8"))
    asked = len(record["reference_questions"]) + len(record["verification_questions"])
    # The permit technician and customer-service positions take the default; the HR
    # consultant chooses its own, one over.
    assert asked <= practice.REFERENCE_QUESTION_LIMIT + (position == "hr-consultant")
    path = built[position] / "reference-checks.pdf"
    assert max(count for _, _, count in parts(path)) <= 3
    text = " ".join(body_text(page) for page in pymupdf.open(path))
    assert "This takes about 20 minutes." in text


def test_a_reference_form_has_the_whole_call(built: dict[str, Path]) -> None:
    path = built["permit-technician"] / "reference-checks.pdf"
    _, start, count = parts(path)[0]
    document = pymupdf.open(path)
    text = " ".join(body_text(document[n]) for n in range(start, start + count))
    for part in (
        "Call log",
        "Attempt",
        "Verification",
        "Competencies",
        "Overall summary",
        "Strengths",
        "Development needs",
        "Concerns",
        "Positive",
        "Mixed",
        "Negative",
        "Human Resources verification",
        "Employed from",
        "Job title",
        "Eligible for rehire",
    ):
        assert part in text, part
    assert "Reference given by" not in document[start].get_text()
    assert "Referee" in document[start].get_text()


def choices(field: dict[str, object]) -> list[str]:
    """A radio group's choices: its buttons' on-states, named by their export values."""
    states = field["/_States_"]
    assert isinstance(states, list)
    return [str(state).lstrip("/") for state in states if str(state) != "/Off"]


def test_reference_forms_are_fillable(built: dict[str, Path]) -> None:
    folder = built["permit-technician"]
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    fields = PdfReader(folder / "reference-checks.pdf").get_fields() or {}
    roots = {name for name in fields if "." not in name}
    # One key per form, like the sheets' s001: r001, r002, ... and nothing else.
    assert {name.split("__")[0] for name in roots} == {"r001", "r002", "r003", "r004"}
    for question in record["reference_questions"]:
        rating = fields[f"r001__{question['id']}__rating"]
        assert choices(rating) == ["1", "2", "3", "4", "5"]
        assert f"r001__{question['id']}__notes" in fields
    for question in record["verification_questions"]:
        assert f"r002__{question['id']}__notes" in fields
    conclusion = fields["r003__summary__conclusion"]
    assert choices(conclusion) == ["positive", "mixed", "negative"]
    assert choices(fields["r004__hr__rehire"]) == ["yes", "no", "not-disclosed"]
    for name in ("r001__call-1__date", "r001__call-3__time", "r001__checked-on", "r001__hr__title"):
        assert fields[name]["/FT"] == "/Tx"


def test_a_candidates_forms_differ_only_in_the_referee(built: dict[str, Path]) -> None:
    """Contract 1: Zoë's two forms are the same pages but for the running header and the
    fixed-height referee block."""
    path = built["customer-service-representative"] / "reference-checks.pdf"
    document = pymupdf.open(path)
    first, second = parts(path)[:2]
    assert first[2] == second[2]
    for offset in range(first[2]):
        top = TOP + (IDENTITY if offset == 0 else 0)
        one, two = document[first[1] + offset], document[second[1] + offset]
        assert body_text(one, top=top) == body_text(two, top=top)
        assert [w.rect for w in one.widgets()] == [w.rect for w in two.widgets()]
    assert "Renee Castillo" in document[first[1]].get_text()
    assert "Renee Castillo" not in body_text(document[first[1]], top=TOP + IDENTITY)


def test_the_consensus_sheet_is_fillable(built: dict[str, Path]) -> None:
    folder = built["hr-consultant"]
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    fields = PdfReader(folder / "consensus.pdf").get_fields() or {}
    assert all(name.startswith("consensus__") for name in fields)
    candidates, panel = len(record["candidates"]), len(record["panel"])
    cells = candidates * (panel + 1) * (len(record["competencies"]) + 1)
    assert len(fields) == cells + 5 + panel  # the cells, the decision, signature dates
    assert "consensus__c01__p2__rating__customer-focus" in fields
    assert "consensus__c03__consensus__total" in fields
    assert fields["consensus__decision__rationale"]["/FT"] == "/Tx"
