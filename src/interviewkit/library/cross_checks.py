"""Checks across records: question ids unique library-wide, anchors keyed to real scales."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interviewkit.library.problems import (
    DataPath,
    Location,
    Problem,
    format_data_path,
    unknown_id_hint,
)
from interviewkit.library.record_checks import OR_DRAFT
from interviewkit.library.records import Entry, Library


def cross_problems(library: Library) -> Iterator[Problem]:
    yield from _duplicate_question_ids(library)
    for entry in library.competencies.values():
        competency = entry.record
        tables: list[tuple[DataPath, dict[str, dict[int, str]], bool]] = [
            (("anchors",), competency.anchors, competency.status == "ready")
        ]
        tables += [
            (("factors", i, "anchors"), factor.anchors, False)
            for i, factor in enumerate(competency.factors)
        ]
        tables += [
            (("interview_questions", i, "anchors"), question.anchors, True)
            for i, question in enumerate(competency.interview_questions)
        ]
        for path, anchors, require_benchmarks in tables:
            yield from anchor_problems(
                library, entry, path, anchors, require_benchmarks=require_benchmarks
            )


def _duplicate_question_ids(library: Library) -> Iterator[Problem]:
    seen: dict[str, Location] = {}
    for entry in library.competencies.values():
        for kind in ("interview_questions", "reference_questions"):
            for index, question in enumerate(getattr(entry.record, kind)):
                yield from _claim(
                    seen, question.id, entry.locate(kind, index, "id"), f"{kind}[{index}].id"
                )
    for set_entry in library.question_sets.values():
        for index, vq in enumerate(set_entry.record.questions):
            yield from _claim(
                seen, vq.id, set_entry.locate("questions", index, "id"), f"questions[{index}].id"
            )


def _claim(
    seen: dict[str, Location], question_id: str, where: Location, field_name: str
) -> Iterator[Problem]:
    if question_id in seen:
        yield Problem(
            where,
            field_name,
            f"duplicate question id '{question_id}' (first used at {seen[question_id]})",
        )
    else:
        seen[question_id] = where


def anchor_problems(
    library: Library,
    entry: Entry[Any],
    path: DataPath,
    anchors: dict[str, dict[int, str]],
    *,
    require_benchmarks: bool,
) -> Iterator[Problem]:
    """Anchors keyed to unknown scales or points, or missing at a benchmark point."""
    for scale_id, points in anchors.items():
        where = entry.doc.locate((*path, scale_id), key=True)
        name = format_data_path((*path, scale_id))
        scale_entry = library.scales.get(scale_id)
        if scale_entry is None:
            if not library.is_broken("scales", scale_id):  # else its own errors say why
                yield Problem(
                    where,
                    name,
                    f"unknown scale '{scale_id}'{unknown_id_hint(scale_id, library.scales)}",
                )
            continue
        scale = scale_entry.record
        for value in points:
            if value not in scale.values:
                yield Problem(
                    entry.doc.locate((*path, scale_id, value), key=True),
                    format_data_path((*path, scale_id, value)),
                    f"{value} is not a point of scale '{scale_id}' "
                    f"(its points are {', '.join(map(str, scale.values))})",
                )
        missing = [v for v in scale.benchmark_values if v not in points]
        if require_benchmarks and missing:
            yield Problem(
                where,
                name,
                "behavioral anchors are missing at point(s) "
                f"{', '.join(map(str, missing))} of scale '{scale_id}' "
                "(anchors are needed at the low, middle and high points)"
                + (OR_DRAFT if path == ("anchors",) else ""),
            )
