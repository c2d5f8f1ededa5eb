"""Checks on one record at a time, after it validated: what the model alone cannot say."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interviewkit.library.models import (
    READY_INTERVIEW_QUESTIONS,
    READY_REFERENCE_QUESTIONS,
    Competency,
    Scale,
)
from interviewkit.library.problems import Problem
from interviewkit.library.records import Entry


def record_problems(entry: Entry[Any]) -> Iterator[Problem]:
    record = entry.record
    if isinstance(record, Scale):
        yield from _scale_problems(entry)
    elif isinstance(record, Competency):
        yield from _competency_problems(entry)


def _scale_problems(entry: Entry[Scale]) -> Iterator[Problem]:
    values = entry.record.values
    if values != sorted(set(values)):
        yield Problem(
            entry.locate("points"),
            "points",
            "point values must be unique and in ascending order",
        )
    for index, value in enumerate(entry.record.benchmarks):
        if value not in values:
            yield Problem(
                entry.locate("benchmarks", index),
                f"benchmarks[{index}]",
                f"{value} is not a point value of this scale",
            )


# Every readiness error ends with the way to keep unfinished work without it.
OR_DRAFT = "; or set `status: draft` to keep it unfinished"


def _competency_problems(entry: Entry[Competency]) -> Iterator[Problem]:
    competency = entry.record
    if competency.status == "draft":
        yield Problem(
            entry.locate("status"),
            "status",
            "draft: its problems are warnings until a position uses it, and a position "
            "uses it only in a build with --draft",
            severity="warning",
        )
        return
    for key, what, least in (
        ("interview_questions", "interview questions", READY_INTERVIEW_QUESTIONS),
        ("reference_questions", "reference-check questions", READY_REFERENCE_QUESTIONS),
    ):
        found = len(getattr(competency, key))
        if found < least:
            yield Problem(
                entry.locate(key),
                key,
                f"a ready competency needs at least {least} {what}, found {found}{OR_DRAFT}",
            )
    if not competency.qualification_statement:
        yield Problem(
            entry.locate(),
            "qualification_statement",
            "a ready competency needs a qualification statement (the sentence pasted into "
            f"job announcements){OR_DRAFT}",
        )
    if not competency.anchors:
        yield Problem(
            entry.locate(),
            "anchors",
            "a ready competency needs behavioral anchors for a rating scale, e.g. "
            f"`anchors:` then `interview-five:` with points 1, 3 and 5{OR_DRAFT}",
        )
