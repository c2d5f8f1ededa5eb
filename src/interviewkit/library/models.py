"""One pydantic model per kind of content record, mirroring the YAML an author writes.

Unknown keys are forbidden everywhere, so a typo such as `definitoin` is an
error with a suggestion rather than a silently ignored field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

# The one pattern of record and question ids; a well-formed id never names a folder.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN.pattern, max_length=80),
    Field(description="Stable identifier: lowercase letters, digits and single hyphens."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# source: as the source says it (tokens normalized); adapted: reworded from the source;
# library: written for this library.
Origin = Literal["source", "adapted", "library"]
PointAnchors = dict[int, Text]
# Behavioral anchors keyed first by scale id, then by the scale point's value.
ScaleAnchors = Annotated[
    dict[Id, PointAnchors],
    Field(
        description="Behavioral anchors: scale id -> point value -> what that rating looks like."
    ),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    document: ShortText = Field(description="The source file or publication.")
    title: ShortText | None = None
    notes: Text | None = Field(default=None, description="How the record was made from it.")


# --- scales -----------------------------------------------------------------


class ScalePoint(Record):
    value: int = Field(description="The number recorded for this point.")
    label: ShortText
    meaning: Text = Field(description="What a rating at this point means.")
    descriptors: list[Text] = Field(default_factory=list)


class Scale(Record):
    """An ordered rating or proficiency scale."""

    id: Id
    name: ShortText
    description: Text | None = None
    source: Source | None = None
    purpose: Literal["rating", "proficiency"] = "rating"
    points: list[ScalePoint] = Field(min_length=2)
    benchmarks: list[int] = Field(
        default_factory=list,
        description="Point values that must carry behavioral anchors (low, middle, high).",
    )

    @property
    def values(self) -> list[int]:
        return [p.value for p in self.points]

    @property
    def benchmark_values(self) -> list[int]:
        """Low, middle and high points, unless the scale names its own."""
        if self.benchmarks:
            return list(self.benchmarks)
        values = self.values
        return sorted({values[0], values[len(values) // 2], values[-1]})

    def label_of(self, value: int) -> str:
        return next(p.label for p in self.points if p.value == value)


# --- competencies and questions ---------------------------------------------


class InterviewQuestion(Record):
    id: Id
    text: Text
    type: Literal["behavioral", "situational"] = "behavioral"
    probes: list[Text] = Field(min_length=1, description="Follow-up probes decided in advance.")
    listen_for: list[Text] = Field(min_length=1, description="What a strong answer shows.")
    anchors: ScaleAnchors = Field(default_factory=dict)
    origin: Origin = Field(description="'source' if taken from the source, 'library' if written.")
    minutes: int | None = Field(default=None, ge=1, le=60)


class ReferenceQuestion(Record):
    id: Id
    text: Text = Field(description="Names the candidate with the token {candidate}.")
    origin: Origin


class VerificationQuestion(Record):
    id: Id
    text: Text
    type: Literal["verification"] = "verification"
    origin: Origin = "library"


class KeyElement(Record):
    name: Text
    behaviors: list[Text] = Field(min_length=1)


class BehaviorLevel(Record):
    level: int = Field(ge=1, le=20)
    name: ShortText
    behaviors: list[Text] = Field(min_length=1)


class Factor(Record):
    name: ShortText
    anchors: ScaleAnchors


class TrainingItem(Record):
    kind: Literal["video", "book", "external", "course", "other"]
    title: Text
    detail: Text | None = None
    link: ShortText | None = Field(default=None, description="Printed as text, never fetched.")


class Competency(Record):
    id: Id
    name: ShortText
    status: Literal["draft", "ready"] = "ready"
    source: Source
    definition: Text
    importance: Text | None = None
    key_elements: list[KeyElement] = Field(default_factory=list)
    behavior_levels: list[BehaviorLevel] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    anchors: ScaleAnchors = Field(default_factory=dict)
    qualification_statement: Text | None = None
    qualification_statement_origin: Origin | None = None
    outreach: list[Text] = Field(default_factory=list)
    development_activities: list[Text] = Field(default_factory=list)
    training: list[TrainingItem] = Field(default_factory=list)
    interview_questions: list[InterviewQuestion] = Field(default_factory=list)
    reference_questions: list[ReferenceQuestion] = Field(default_factory=list)


class QuestionSet(Record):
    """Questions that belong to no competency, such as reference verification."""

    id: Id
    name: ShortText
    purpose: Literal["reference-verification"]
    questions: list[VerificationQuestion] = Field(min_length=1)


# --- positions --------------------------------------------------------------


def _name_shorthand(value: Any) -> Any:
    """A bare string is accepted wherever a person with only a name is expected."""
    return {"name": value} if isinstance(value, str) else value


class Panelist(Record):
    name: ShortText
    title: ShortText | None = None


class Referee(Record):
    name: ShortText
    title: ShortText | None = None
    relationship: Literal["supervisor", "peer", "direct report", "customer", "other"] | None = None


class Candidate(Record):
    name: ShortText
    id: ShortText | None = None
    referees: list[Annotated[Referee, BeforeValidator(_name_shorthand)]] = Field(
        default_factory=list
    )


class PositionCompetency(Record):
    id: Id
    weight: float = Field(default=1, gt=0, le=100)
    required_level: ShortText | None = Field(
        default=None, description="A label of the position's proficiency scale."
    )
    questions: list[Id] | Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Question ids in the order asked, or how many to take."
    )
    reference_questions: list[Id] | Annotated[int, Field(ge=1)] | None = None


def _distinct(labels: list[str]) -> list[str]:
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise ValueError(f"each label must differ from the others ('{repeated[0]}' repeats)")
    return labels


class Position(Record):
    id: Id
    title: ShortText
    posting_number: ShortText
    organization: ShortText
    department: ShortText | None = None
    interview_date: datetime.date | None = None
    scale: Id = Field(description="The rating scale panelists use.")
    proficiency_scale: Id | None = None
    interview_minutes: int = Field(default=60, ge=10, le=480)
    competencies: list[PositionCompetency] = Field(min_length=1)
    weights_rationale: Text | None = Field(
        default=None, description="Required when competency weights are not all equal."
    )
    verification_questions: Id | None = "reference-verification"
    recommendation_labels: Annotated[list[ShortText], AfterValidator(_distinct)] | None = Field(
        default=None,
        min_length=4,
        max_length=4,
        description=(
            "Wording of the overall recommendation's four steps on the scoring sheet, best "
            "first (default: Strongly recommend, Recommend, Recommend with reservations, Do "
            'not recommend); "No decision" is always offered too.'
        ),
    )
    panel: list[Annotated[Panelist, BeforeValidator(_name_shorthand)]] = Field(default_factory=list)
    candidates: list[Annotated[Candidate, BeforeValidator(_name_shorthand)]] = Field(
        default_factory=list
    )


KINDS: dict[str, type[Record]] = {
    "scales": Scale,
    "competencies": Competency,
    "question-sets": QuestionSet,
    "positions": Position,
}


Q = TypeVar("Q", InterviewQuestion, ReferenceQuestion)


def choose(questions: Sequence[Q], chosen: list[str] | int | None) -> list[Q]:
    """The questions a position asks, in its order: all, the first N, or by id."""
    if chosen is None:
        return list(questions)
    if isinstance(chosen, int):
        return list(questions[:chosen])
    by_id = {q.id: q for q in questions}
    return [by_id[q] for q in chosen if q in by_id]
