"""The built-in library: every seed competency is there, complete and valid."""

from __future__ import annotations

import pytest

from interviewkit.library.loading import load_library
from interviewkit.library.records import Library
from interviewkit.library.review import review
from interviewkit.library.text_checks import CANDIDATE_TOKEN, GENDERED, placeholder_findings
from interviewkit.resources import builtin_content


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(builtin_content())


def test_the_library_has_no_problems(library: Library) -> None:
    """Not an error, and not a warning either: every lint is resolved in the built-in content."""
    positions = list(library.positions.values())
    assert [p.format() for p in review(library, positions, allow_drafts=False)] == []


def test_every_seed_competency_is_in_the_library(library: Library) -> None:
    by_source: dict[str, set[str]] = {}
    for entry in library.competencies.values():
        by_source.setdefault(entry.record.source.document, set()).add(entry.record.name)
    assert by_source == {
        "001_6c8886b489f54078.txt": {"Customer Focus"},
        "002_588068c5ac481287.txt": {
            "Communication",
            "Customer Focus (front-line)",
            "Handling Difficult People",
            "Problem Solving",
            "Adaptability/Flexibility",
        },
        "003_f7e0054b87120286.txt": {"Customer Service"},
        "004_9fd5bf52355df1af.txt": {
            "Service Orientation",
            "Results Orientation",
            "Teamwork and Cooperation",
        },
    }


def test_the_three_scales(library: Library) -> None:
    labels = {
        scale_id: [p.label for p in entry.record.points]
        for scale_id, entry in library.scales.items()
    }
    assert labels["wa-hr-proficiency"] == [
        "Entry",
        "Developing",
        "Independent",
        "Advanced",
        "Expert",
    ]
    assert labels["three-point"] == [
        "Needs Improvement",
        "Meets Expectations",
        "Exceeds Expectations",
    ]
    assert library.scales["interview-five"].record.values == [1, 2, 3, 4, 5]
    assert library.scales["interview-five"].record.benchmark_values == [1, 3, 5]


@pytest.mark.parametrize(
    "competency_id",
    [
        "customer-focus",
        "communication",
        "customer-focus-frontline",
        "handling-difficult-people",
        "problem-solving",
        "adaptability-flexibility",
        "customer-service",
        "service-orientation",
        "results-orientation",
        "teamwork-cooperation",
    ],
)
def test_each_competency_is_complete(library: Library, competency_id: str) -> None:
    competency = library.competencies[competency_id].record
    assert competency.status == "ready"
    assert len(competency.interview_questions) >= 3
    for question in competency.interview_questions:
        assert question.probes
        assert question.listen_for
    assert len(competency.reference_questions) >= 2
    for reference in competency.reference_questions:
        assert CANDIDATE_TOKEN in reference.text
        assert not GENDERED.search(reference.text)
        assert not placeholder_findings(reference.text)
    assert competency.qualification_statement
    assert competency.qualification_statement_origin in ("source", "library")
    assert set(competency.anchors["interview-five"]) >= {1, 3, 5}


def test_seed_formats_are_kept(library: Library) -> None:
    customer_focus = library.competencies["customer-focus"].record
    assert len(customer_focus.key_elements) >= 11
    assert [q.origin for q in customer_focus.interview_questions] == ["source"] * 5
    customer_service = library.competencies["customer-service"].record
    assert [f.name for f in customer_service.factors] == [
        "Completeness",
        "Professionalism",
        "Availability/Timeliness",
        "Communication",
    ]
    for factor in customer_service.factors:
        assert set(factor.anchors["three-point"]) == {1, 2, 3}
    for level_competency in ("service-orientation", "results-orientation", "teamwork-cooperation"):
        levels = library.competencies[level_competency].record.behavior_levels
        assert [lv.level for lv in levels] == list(range(1, len(levels) + 1))
        assert len(levels) >= 5
    frontline = library.competencies["communication"].record
    assert frontline.anchors["interview-five"][5].startswith("Communications are consistently")


def test_example_positions(library: Library) -> None:
    assert set(library.positions) == {
        "customer-service-representative",
        "hr-consultant",
        "permit-technician",
    }
    hr = library.positions["hr-consultant"].record
    assert hr.proficiency_scale == "wa-hr-proficiency"
    assert all(c.required_level for c in hr.competencies)
    permit = library.positions["permit-technician"].record
    assert {"service-orientation", "results-orientation", "teamwork-cooperation"} <= {
        c.id for c in permit.competencies
    }


def test_every_kind_of_record_has_its_folder_name() -> None:
    from interviewkit.library.models import KINDS
    from interviewkit.library.names import KIND_FOLDERS

    assert tuple(KINDS) == KIND_FOLDERS
