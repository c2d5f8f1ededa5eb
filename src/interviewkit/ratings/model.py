"""The panel's numbers: what a sheet holds, and the scores made from it.

Means and totals are exact fractions: they are rounded (half up, to the places
the sheet prints) only where they are shown or written, so 3.625 shows as 3.63
exactly as a panelist rounds it by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from interviewkit import practice
from interviewkit.manifest import Manifest, QuestionRecord


@dataclass(frozen=True)
class Rating:
    """One panelist's rating of one candidate's answer to one question (None: left blank)."""

    candidate: str
    panelist: str
    question: str  # the question's id
    value: int | None
    source: str  # where it was read, for messages: "file.pdf: sheet s003", "file.csv:7"


@dataclass(frozen=True)
class Remark:
    """What one panelist wrote on the summary page of one candidate's sheet."""

    candidate: str
    panelist: str
    recommendation: str | None  # the option's value; None when none was marked
    comments: str
    source: str


@dataclass(frozen=True)
class Readings:
    """Everything read from the sheets given, before it is checked against the build."""

    ratings: list[Rating] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    def __add__(self, other: Readings) -> Readings:
        return Readings(self.ratings + other.ratings, self.remarks + other.remarks)


def spread_flagged(low: Fraction | int | None, high: Fraction | int | None) -> bool:
    """Do two ratings lie far enough apart for the panel to discuss them?"""
    return low is not None and high is not None and high - low >= practice.DISAGREEMENT


@dataclass(frozen=True)
class CompetencyScore:
    competency: str
    by_panelist: Mapping[str, Fraction]  # each panelist's mean over the competency's questions
    mean: Fraction | None
    low: Fraction | None
    high: Fraction | None

    @property
    def flagged(self) -> bool:
        return spread_flagged(self.low, self.high)


@dataclass(frozen=True)
class QuestionScore:
    """The panel's ratings of one candidate's answer to one question."""

    question: str
    by_panelist: Mapping[str, int]

    @property
    def low(self) -> int | None:
        return min(self.by_panelist.values(), default=None)

    @property
    def high(self) -> int | None:
        return max(self.by_panelist.values(), default=None)

    @property
    def flagged(self) -> bool:
        return spread_flagged(self.low, self.high)


@dataclass(frozen=True)
class CandidateScore:
    candidate: str  # the name
    competencies: Sequence[CompetencyScore]
    questions: Sequence[QuestionScore]
    weighted_total: Fraction | None
    missing: Sequence[tuple[str, str]]  # (panelist, question id)
    rank: int | None = None

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Summary:
    record: Manifest
    candidates: Sequence[CandidateScore]
    allow_incomplete: bool
    panelists: Sequence[str] = ()
    remarks: Sequence[Remark] = ()

    def label(self, candidate: str) -> str:
        """How summaries name a candidate: the code in a blind build, else the name."""
        if self.record.blind:
            return self.record.candidate_key.get(candidate, candidate)
        return candidate

    @cached_property
    def questions_by_id(self) -> dict[str, QuestionRecord]:
        return {q.id: q for q in self.record.questions}

    @property
    def ranked(self) -> list[CandidateScore]:
        ranked = [c for c in self.candidates if c.rank is not None]
        return sorted(ranked, key=lambda c: c.rank or 0)

    @property
    def unranked(self) -> list[CandidateScore]:
        return [c for c in self.candidates if c.rank is None]

    @property
    def flags(self) -> list[tuple[str, CompetencyScore]]:
        """(candidate, competency score) of every competency the panel must discuss."""
        return [(c.candidate, s) for c in self.candidates for s in c.competencies if s.flagged]

    @property
    def question_flags(self) -> list[tuple[str, QuestionScore]]:
        """(candidate, question score) of every answer the panelists rated far apart."""
        return [(c.candidate, q) for c in self.candidates for q in c.questions if q.flagged]

    @property
    def missing(self) -> list[tuple[str, str, str]]:
        """(candidate, panelist, question id) of every rating not given."""
        return [(c.candidate, p, q) for c in self.candidates for p, q in c.missing]
