"""What a position asks for: the competencies, questions, people and timings of one packet.

A `Packet` is everything the documents need, decided once: every document
shows the same questions in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.errors import ContentError, UserError
from interviewkit.schema.library import (
    Entry,
    Library,
    choose,
    position_problems,
    read_record,
    select_questions,
)
from interviewkit.schema.models import (
    Candidate,
    Competency,
    InterviewQuestion,
    Panelist,
    Position,
    ReferenceQuestion,
    Scale,
    VerificationQuestion,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Minutes kept for the opening (introductions, how the interview works) and the
# closing (the candidate's questions, next steps) of every interview.
OPENING_MINUTES = 5
CLOSING_MINUTES = 5


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

    def anchors(self, scale: Scale) -> dict[int, str]:
        return self.competency.anchors.get(scale.id, {})


@dataclass(frozen=True)
class Packet:
    """One posting's decided content."""

    position: Position
    scale: Scale
    proficiency_scale: Scale | None
    competencies: tuple[SelectedCompetency, ...]
    verification_questions: tuple[VerificationQuestion, ...]
    candidates: tuple[Candidate, ...]
    panel: tuple[Panelist, ...]
    draft: bool
    source_files: tuple[Path, ...] = field(default=())
    spare_minutes: int = 0  # minutes left over after even question times; go to the closing
    # Point labels of every scale in the library, for tables keyed to other scales
    # (a competency's factors, for instance).
    scale_labels: Mapping[str, Mapping[int, str]] = field(default_factory=dict)

    @property
    def questions(self) -> list[AskedQuestion]:
        return [q for c in self.competencies for q in c.questions]

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.competencies)

    @property
    def opening_minutes(self) -> int:
        return OPENING_MINUTES

    @property
    def closing_minutes(self) -> int:
        return CLOSING_MINUTES + self.spare_minutes


def position_file(argument: str) -> Entry[Position] | None:
    """The position in the YAML file `argument` names, or None when it is an id.

    An argument is a file when it ends in .yaml/.yml or holds a path separator;
    otherwise it must be a well-formed id, which can never name a folder.
    """
    if argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument:
        path = Path(argument)
        if not path.is_file():
            raise UserError(f"position file not found: {argument}")
        entry, problems = read_record(path, Position)
        if entry is None or any(p.is_error for p in problems):
            raise ContentError(problems)
        return entry
    if not ID_PATTERN.match(argument):
        raise UserError(
            f"'{argument}' is neither a position id (lowercase letters, digits and hyphens) "
            "nor a .yaml file"
        )
    return None


def find_position(library: Library, argument: str) -> Entry[Position]:
    """A position by id from the library, or from a YAML file path."""
    from_file = position_file(argument)
    if from_file is not None:
        return from_file
    found = library.positions.get(argument)
    if found is None:
        known = ", ".join(sorted(library.positions)) or "none"
        raise UserError(f"no position '{argument}' in {library.root} (positions: {known})")
    return found


def select(
    library: Library,
    entry: Entry[Position],
    *,
    candidates: Sequence[Candidate] | None = None,
    panel: Sequence[Panelist] | None = None,
    allow_drafts: bool = False,
) -> Packet:
    """Decide the packet for a position; raise `ContentError` if the content is not usable."""
    problems = [p for p in library.problems if p.is_error]
    problems += [
        p for p in position_problems(library, entry, allow_drafts=allow_drafts) if p.is_error
    ]
    if problems:
        # Report each problem once, even when the position is also in the library.
        raise ContentError(list(dict.fromkeys(problems)))
    position = entry.record
    scale = library.scales[position.scale].record
    proficiency = (
        library.scales[position.proficiency_scale].record if position.proficiency_scale else None
    )
    chosen_questions = [
        select_questions(library.competencies[c.id].record, c.questions)
        for c in position.competencies
    ]
    minutes, spare = _question_minutes(
        position.interview_minutes, [q for qs in chosen_questions for q in qs]
    )
    selected = []
    number = 0
    for chosen, questions in zip(position.competencies, chosen_questions, strict=True):
        competency = library.competencies[chosen.id].record
        asked = []
        for question in questions:
            asked.append(AskedQuestion(number + 1, question, competency, minutes[number]))
            number += 1
        selected.append(
            SelectedCompetency(
                competency=competency,
                weight=chosen.weight,
                required_level=chosen.required_level,
                questions=tuple(asked),
                reference_questions=tuple(
                    choose(competency.reference_questions, chosen.reference_questions)
                ),
            )
        )
    verification: tuple[VerificationQuestion, ...] = ()
    if position.verification_questions:
        verification = tuple(
            library.question_sets[position.verification_questions].record.questions
        )
    files = [entry.doc.path, library.scales[position.scale].doc.path]
    if position.proficiency_scale:
        files.append(library.scales[position.proficiency_scale].doc.path)
    files += [library.competencies[c.id].doc.path for c in position.competencies]
    if position.verification_questions:
        files.append(library.question_sets[position.verification_questions].doc.path)
    return Packet(
        position=position,
        scale=scale,
        proficiency_scale=proficiency,
        competencies=tuple(selected),
        verification_questions=verification,
        candidates=tuple(candidates if candidates is not None else position.candidates),
        panel=tuple(panel if panel is not None else position.panel),
        draft=any(c.competency.status == "draft" for c in selected),
        source_files=tuple(files),
        spare_minutes=spare,
        scale_labels={
            scale_id: {p.value: p.label for p in s.record.points}
            for scale_id, s in library.scales.items()
        },
    )


def _question_minutes(total: int, questions: Sequence[InterviewQuestion]) -> tuple[list[int], int]:
    """Minutes per question, and the spare minutes the closing gets.

    A question's own `minutes` is kept; the remaining time is shared evenly so
    every question gets the same time, and what does not divide evenly goes to
    the closing. Opening, questions and closing add up to the interview length.
    """
    available = total - OPENING_MINUTES - CLOSING_MINUTES
    fixed = sum(q.minutes or 0 for q in questions)
    flexible = [i for i, q in enumerate(questions) if q.minutes is None]
    result = [q.minutes or 0 for q in questions]
    remaining = available - fixed
    spare = max(remaining, 0)
    if flexible:
        share, spare = divmod(max(remaining, 0), len(flexible))
        for index in flexible:
            result[index] = share
    return result, spare
