"""The panel's numbers: one rating, and the scores made from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from interviewkit import practice
from interviewkit.manifest import Manifest


@dataclass(frozen=True)
class Rating:
    """One panelist's rating of one candidate's answer to one question (None: left blank)."""

    candidate: str
    panelist: str
    question: str
    value: int | None
    source: str  # where it was read, for messages: "file.pdf: sheet s003", "file.csv:7"


@dataclass(frozen=True)
class CompetencyScore:
    competency: str
    by_panelist: Mapping[str, float]
    mean: float | None
    low: float | None
    high: float | None

    @property
    def flagged(self) -> bool:
        return (
            self.low is not None
            and self.high is not None
            and (self.high - self.low >= practice.DISAGREEMENT)
        )


@dataclass(frozen=True)
class CandidateScore:
    candidate: str
    competencies: Sequence[CompetencyScore]
    weighted_total: float | None
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
    panelists: Sequence[str] = field(default_factory=tuple)

    @property
    def ranked(self) -> list[CandidateScore]:
        ranked = [c for c in self.candidates if c.rank is not None]
        return sorted(ranked, key=lambda c: (c.rank or 0, c.candidate))

    @property
    def unranked(self) -> list[CandidateScore]:
        return [c for c in self.candidates if c.rank is None]

    @property
    def flags(self) -> list[tuple[str, CompetencyScore]]:
        return [(c.candidate, s) for c in self.candidates for s in c.competencies if s.flagged]

    @property
    def missing(self) -> list[tuple[str, str, str]]:
        """(candidate, panelist, question id) of every rating not given."""
        return [(c.candidate, p, q) for c in self.candidates for p, q in c.missing]
