"""One pydantic model per kind of content record, mirroring the YAML an author writes.

Unknown keys are forbidden everywhere, so a typo such as `definitoin` is an
error with a suggestion rather than a silently ignored field. Required fields
carry an example value (`examples=`), which the JSON Schema shows and the
"required field is missing" message quotes. Provenance (`source`, `origin`)
defaults to "your own content", so an agency writing its own records need not
learn it first; the built-in library states it on every record.
"""

from __future__ import annotations

import datetime
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

from interviewkit.library.names import ID_PATTERN

# The one pattern of record and question ids; a well-formed id never names a folder.
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN.pattern, max_length=80),
    Field(description="Stable identifier: lowercase letters, digits and single hyphens."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# source: as the source says it (tokens normalized); adapted: reworded from the source;
# library: written for this library (an agency's own content: the default).
Origin = Literal["source", "adapted", "library"]
ORIGIN_HELP = (
    "Where the text comes from: 'source' (as the source document says it), 'adapted' "
    "(reworded from it) or 'library' (written for this library; the default)."
)
PointAnchors = dict[int, Text]
# Behavioral anchors keyed first by scale id, then by the scale point's value.
ScaleAnchors = Annotated[
    dict[Id, PointAnchors],
    Field(
        description="Behavioral anchors: scale id -> point value -> what that rating looks like."
    ),
]


class Record(BaseModel):
    # Each model builds its validator when first used, not on import: a command
    # that reads only a people file does not pay for the whole content model.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Record):
    """The document a record is made from. Leave it out for content you wrote yourself."""

    document: ShortText = Field(
        description="The source file or publication.",
        examples=["Public Service Competencies, City of Bellingham"],
    )
    title: ShortText | None = None
    notes: Text | None = Field(default=None, description="How the record was made from it.")


# --- scales -----------------------------------------------------------------


class ScalePoint(Record):
    value: int = Field(description="The number recorded for this point.", examples=[3])
    label: ShortText = Field(examples=["Acceptable"])
    meaning: Text = Field(
        description="What a rating at this point means.",
        examples=["The answer describes specific actions that show the competency."],
    )
    descriptors: list[Text] = Field(default_factory=list)


class Scale(Record):
    """An ordered rating or proficiency scale."""

    id: Id = Field(examples=["interview-five"])
    name: ShortText = Field(examples=["Five-point interview rating scale"])
    description: Text | None = None
    source: Source | None = None
    purpose: Literal["rating", "proficiency"] = "rating"
    points: list[ScalePoint] = Field(
        min_length=2, examples=[[{"value": 1, "label": "Unsatisfactory", "meaning": "..."}]]
    )
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
    id: Id = Field(examples=["teamwork-q1"])
    text: Text = Field(
        examples=["Tell me about a time you helped a team reach a shared goal. What did you do?"]
    )
    type: Literal["behavioral", "situational"] = "behavioral"
    probes: list[Text] = Field(
        min_length=1,
        description="Follow-up probes decided in advance.",
        examples=[["What was your part?", "What was the result?"]],
    )
    listen_for: list[Text] = Field(
        min_length=1,
        description="What a strong answer shows.",
        examples=[["Describes their own actions, not only the team's."]],
    )
    anchors: ScaleAnchors = Field(default_factory=dict)
    origin: Origin = Field(default="library", description=ORIGIN_HELP)
    minutes: int | None = Field(default=None, ge=1, le=60)


class ReferenceQuestion(Record):
    id: Id = Field(examples=["teamwork-r1"])
    text: Text = Field(
        description="Names the candidate with the token {candidate}.",
        examples=["How did {candidate} contribute to the team's work? Please give an example."],
    )
    origin: Origin = Field(default="library", description=ORIGIN_HELP)


class VerificationQuestion(Record):
    id: Id = Field(examples=["verify-dates"])
    text: Text = Field(examples=["From when to when did you work with {candidate}?"])
    type: Literal["verification"] = "verification"
    origin: Origin = Field(default="library", description=ORIGIN_HELP)


class KeyElement(Record):
    name: Text = Field(examples=["Shares information with the team."])
    behaviors: list[Text] = Field(
        min_length=1, examples=[["Keeps others informed about work that affects them."]]
    )


class BehaviorLevel(Record):
    level: int = Field(ge=1, le=20, examples=[1])
    name: ShortText = Field(examples=["Cooperates"])
    behaviors: list[Text] = Field(min_length=1, examples=[["Supports team decisions."]])


class Factor(Record):
    name: ShortText = Field(examples=["Completeness"])
    anchors: ScaleAnchors


class TrainingItem(Record):
    kind: Literal["video", "book", "external", "course", "other"] = Field(examples=["course"])
    title: Text = Field(examples=["Working in teams"])
    detail: Text | None = None
    link: ShortText | None = Field(default=None, description="Printed as text, never fetched.")


# The "ready" rules: what a competency needs before a packet can be printed from it.
READY_INTERVIEW_QUESTIONS = 3
READY_REFERENCE_QUESTIONS = 2
READY_RULES = (
    f"A ready competency has at least {READY_INTERVIEW_QUESTIONS} interview questions, each "
    f"with probes and listen_for; at least {READY_REFERENCE_QUESTIONS} reference-check "
    "questions that name the candidate with {candidate}; behavioral anchors for a rating "
    "scale at its low, middle and high points (1, 3 and 5 of a five-point scale); and a "
    "qualification statement. Set `status: draft` to save unfinished work: a draft "
    "validates with warnings, and a position uses it only in a build with --draft, "
    "which marks every page DRAFT."
)


class Competency(Record):
    __doc__ = f"A competency and everything a packet prints about it. {READY_RULES}"

    id: Id = Field(examples=["teamwork-cooperation"])
    name: ShortText = Field(examples=["Teamwork and Cooperation"])
    status: Literal["draft", "ready"] = Field(default="ready", description=READY_RULES)
    source: Source | None = Field(
        default=None,
        description="The document the competency is made from; leave it out for your own.",
    )
    definition: Text = Field(
        examples=["The ability to work cooperatively with others to achieve shared goals."]
    )
    importance: Text | None = None
    key_elements: list[KeyElement] = Field(default_factory=list)
    behavior_levels: list[BehaviorLevel] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    anchors: ScaleAnchors = Field(default_factory=dict)
    qualification_statement: Text | None = Field(
        default=None,
        description="Pasted into job announcements; a ready competency needs one.",
        examples=["People skilled in Teamwork have a work history of sharing work and credit."],
    )
    qualification_statement_origin: Origin = Field(default="library", description=ORIGIN_HELP)
    outreach: list[Text] = Field(default_factory=list)
    development_activities: list[Text] = Field(default_factory=list)
    training: list[TrainingItem] = Field(default_factory=list)
    interview_questions: list[InterviewQuestion] = Field(default_factory=list)
    reference_questions: list[ReferenceQuestion] = Field(default_factory=list)


class QuestionSet(Record):
    """Questions that belong to no competency, such as reference verification."""

    id: Id = Field(examples=["reference-verification"])
    name: ShortText = Field(examples=["Reference verification"])
    purpose: Literal["reference-verification"] = Field(examples=["reference-verification"])
    questions: list[VerificationQuestion] = Field(
        min_length=1, examples=[[{"id": "verify-dates", "text": "When did you work with ...?"}]]
    )


# --- positions --------------------------------------------------------------


def _name_shorthand(value: Any) -> Any:
    """A bare string is accepted wherever a person with only a name is expected."""
    return {"name": value} if isinstance(value, str) else value


class Panelist(Record):
    name: ShortText = Field(examples=["Maria Delgado"])
    title: ShortText | None = None


class Referee(Record):
    name: ShortText = Field(examples=["Pat Morgan"])
    title: ShortText | None = None
    relationship: Literal["supervisor", "peer", "direct report", "customer", "other"] | None = None


class Candidate(Record):
    name: ShortText = Field(examples=["Jordan Ellis"])
    id: ShortText | None = None
    referees: list[Annotated[Referee, BeforeValidator(_name_shorthand)]] = Field(
        default_factory=list
    )


class PositionCompetency(Record):
    id: Id = Field(examples=["teamwork-cooperation"])
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
    id: Id = Field(examples=["office-assistant"])
    title: ShortText = Field(examples=["Office Assistant 2"])
    posting_number: ShortText = Field(examples=["2027-0001"])
    organization: ShortText = Field(examples=["City of Alder Bay"])
    department: ShortText | None = None
    interview_date: datetime.date | None = None
    scale: Id = Field(description="The rating scale panelists use.", examples=["interview-five"])
    proficiency_scale: Id | None = None
    interview_minutes: int = Field(default=60, ge=10, le=480)
    competencies: list[PositionCompetency] = Field(
        min_length=1, examples=[[{"id": "teamwork-cooperation", "questions": 2}]]
    )
    weights_rationale: Text | None = Field(
        default=None, description="Required when competency weights are not all equal."
    )
    verification_questions: Id | None = Field(
        default=None,
        description=(
            "The question set (under question-sets/) asked at the start of every reference "
            "check, such as reference-verification; without it a reference check has none."
        ),
    )
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
