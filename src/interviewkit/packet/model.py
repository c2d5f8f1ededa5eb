"""One posting decided: the records a packet is made of, fixed once per build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit import manifest, practice
from interviewkit.library.models import (
    Candidate,
    Competency,
    InterviewQuestion,
    Panelist,
    Position,
    Referee,
    ReferenceQuestion,
    Scale,
    VerificationQuestion,
)
from interviewkit.library.problems import Problem


@dataclass(frozen=True)
class AskedQuestion:
    """An interview question in its place in the interview."""

    number: int
    question: InterviewQuestion
    competency: Competency
    minutes: int


@dataclass(frozen=True)
class SelectedCompetency:
    competency: Competency
    weight: float
    required_level: str | None
    questions: tuple[AskedQuestion, ...]
    reference_questions: tuple[ReferenceQuestion, ...]

    @property
    def id(self) -> str:
        return self.competency.id


@dataclass(frozen=True)
class Sheet:
    """One panelist's scoring sheet for one candidate; either may be blank (write-in).

    `key` prefixes the sheet's form field names, so one file holds every sheet;
    `candidate_label` is what the sheet prints: the name, or the code when blind.
    """

    number: int
    candidate: Candidate | None
    panelist: Panelist | None
    candidate_label: str | None

    @property
    def key(self) -> str:
        return manifest.sheet_key(self.number)


@dataclass(frozen=True)
class ReferenceForm:
    number: int
    candidate: Candidate | None
    referee: Referee | None

    @property
    def key(self) -> str:
        """The prefix of the form's field names: r001, r002, ..."""
        return manifest.reference_key(self.number)


@dataclass(frozen=True)
class Packet:
    """One posting's decided content, people, sheets and forms."""

    position: Position
    scale: Scale
    proficiency_scale: Scale | None
    competencies: tuple[SelectedCompetency, ...]
    verification_questions: tuple[VerificationQuestion, ...]
    candidates: tuple[Candidate, ...]
    panel: tuple[Panelist, ...]
    draft: bool
    blind: bool = False
    source_files: tuple[Path, ...] = ()
    spare_minutes: int = 0  # minutes left over after even question times; go to the closing
    # Point labels of every scale in the library, for tables keyed to other scales
    # (a competency's factors, for instance).
    scale_labels: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    codes: Mapping[str, str] = field(default_factory=dict)  # candidate name -> C01, C02...
    sheets: tuple[Sheet, ...] = ()
    forms: tuple[ReferenceForm, ...] = ()
    # Warnings about the content this packet uses, to show whoever builds it.
    content_warnings: tuple[Problem, ...] = ()

    @property
    def questions(self) -> list[AskedQuestion]:
        return [q for c in self.competencies for q in c.questions]

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.competencies)

    @property
    def opening_minutes(self) -> int:
        return practice.OPENING_MINUTES

    @property
    def closing_minutes(self) -> int:
        return practice.CLOSING_MINUTES + self.spare_minutes
