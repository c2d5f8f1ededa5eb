"""The library: every validated record of a content folder, by kind and id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from interviewkit.library.models import (
    Competency,
    InterviewQuestion,
    Position,
    QuestionSet,
    ReferenceQuestion,
    Scale,
)
from interviewkit.library.problems import Location, Problem
from interviewkit.library.source import SourceDoc

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A validated record and the document it came from (for locating problems)."""

    record: R
    doc: SourceDoc

    def locate(self, *path: str | int, key: bool = False) -> Location:
        return self.doc.locate(tuple(path), key=key)


@dataclass
class Library:
    root: Path
    scales: dict[str, Entry[Scale]] = field(default_factory=dict)
    competencies: dict[str, Entry[Competency]] = field(default_factory=dict)
    question_sets: dict[str, Entry[QuestionSet]] = field(default_factory=dict)
    positions: dict[str, Entry[Position]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Ids of records that exist but failed validation: references to them are not
    # reported again as unknown ids, their own problems already say what is wrong.
    broken_ids: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def interview_questions(self) -> Iterator[tuple[Competency, InterviewQuestion]]:
        for entry in self.competencies.values():
            for question in entry.record.interview_questions:
                yield entry.record, question

    def reference_questions(self) -> Iterator[tuple[Competency, ReferenceQuestion]]:
        for entry in self.competencies.values():
            for question in entry.record.reference_questions:
                yield entry.record, question
