"""The library: every validated record of a content folder, by kind and id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

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
    """Every record of a content folder, and every problem its files have on their own.

    `problems` are the problems of single records and across records; what a
    position asks of the library is checked by `review`, which also decides
    which problems matter for what is being checked or built.
    """

    root: Path
    scales: dict[str, Entry[Scale]] = field(default_factory=dict)
    competencies: dict[str, Entry[Competency]] = field(default_factory=dict)
    question_sets: dict[str, Entry[QuestionSet]] = field(default_factory=dict)
    positions: dict[str, Entry[Position]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # (kind folder, id) -> every file that claims the id, whether it validated or
    # not. A reference to a record whose file failed is not reported again as an
    # unknown id (its own problems say what is wrong), and a build that uses the
    # id is refused with that file's errors.
    claims: dict[tuple[str, str], list[Path]] = field(default_factory=dict)
    # Files of records marked `status: draft`: their problems are warnings until
    # something checked or built uses them.
    drafts: set[Path] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def is_broken(self, kind: str, record_id: str) -> bool:
        """A file claims the id, but no record of it validated."""
        table: dict[str, Any] = getattr(self, kind.replace("-", "_"))
        return (kind, record_id) in self.claims and record_id not in table

    def files_of(self, kind: str, record_id: str | None) -> list[Path]:
        """The files that claim a record id (none for None or an unknown id)."""
        return list(self.claims.get((kind, record_id), [])) if record_id else []

    def unreadable_drafts(self, kind: str) -> Iterator[tuple[str, Path]]:
        """(id, file) of each draft of `kind` that does not validate yet, so is not listed."""
        drafts = {p.resolve() for p in self.drafts}
        for (claim_kind, record_id), paths in sorted(self.claims.items()):
            if claim_kind == kind and self.is_broken(kind, record_id):
                yield from ((record_id, p) for p in paths if p.resolve() in drafts)

    def interview_questions(self) -> Iterator[tuple[Competency, InterviewQuestion]]:
        for entry in self.competencies.values():
            for question in entry.record.interview_questions:
                yield entry.record, question

    def reference_questions(self) -> Iterator[tuple[Competency, ReferenceQuestion]]:
        for entry in self.competencies.values():
            for question in entry.record.reference_questions:
                yield entry.record, question
