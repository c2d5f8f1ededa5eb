"""What a position asks for: its competencies, questions and people, decided once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interviewkit import practice
from interviewkit.errors import ContentError
from interviewkit.library.models import Candidate, Panelist, Position, choose
from interviewkit.library.records import Entry, Library
from interviewkit.library.review import review
from interviewkit.packet.agenda import question_minutes
from interviewkit.packet.model import AskedQuestion, Packet, SelectedCompetency
from interviewkit.packet.people import check_people
from interviewkit.packet.sheets import candidate_codes, reference_forms, scoring_sheets


def decide(
    library: Library,
    entry: Entry[Position],
    *,
    candidates: Sequence[Candidate] | None = None,
    panel: Sequence[Panelist] | None = None,
    allow_drafts: bool = False,
    blind: bool = False,
) -> Packet:
    """Decide the packet for a position; raise `ContentError` if what it uses is not usable.

    Only the files the position draws on count (see `library.review`): a broken or
    draft record the position does not use never stops its build.
    """
    problems = review(library, [entry], allow_drafts=allow_drafts, scope=())
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    position = entry.record
    verification = library.question_sets.get(position.verification_questions or "")
    verification_questions = tuple(verification.record.questions) if verification else ()
    selected, spare = _competencies(library, position, len(verification_questions))
    people = tuple(candidates if candidates is not None else position.candidates)
    panelists = tuple(panel if panel is not None else position.panel)
    check_people(people, panelists)
    codes = candidate_codes(people)
    return Packet(
        position=position,
        scale=library.scales[position.scale].record,
        proficiency_scale=(
            library.scales[position.proficiency_scale].record
            if position.proficiency_scale
            else None
        ),
        competencies=selected,
        verification_questions=verification_questions,
        candidates=people,
        panel=panelists,
        draft=any(c.competency.status == "draft" for c in selected),
        blind=blind,
        source_files=_source_files(library, entry),
        spare_minutes=spare,
        scale_labels={
            scale_id: {p.value: p.label for p in s.record.points}
            for scale_id, s in library.scales.items()
        },
        codes=codes,
        sheets=scoring_sheets(people, panelists, codes, blind),
        forms=reference_forms(people),
        content_warnings=tuple(problems),
    )


def _competencies(
    library: Library, position: Position, verification_count: int
) -> tuple[tuple[SelectedCompetency, ...], int]:
    """The selected competencies with their numbered, timed questions; and spare minutes."""
    records = [library.competencies[c.id].record for c in position.competencies]
    reference_counts = default_reference_counts(
        [len(r.reference_questions) for r in records], verification_count
    )
    chosen_questions = [
        choose(r.interview_questions, c.questions)
        for r, c in zip(records, position.competencies, strict=True)
    ]
    minutes, spare = question_minutes(
        position.interview_minutes, [q for qs in chosen_questions for q in qs]
    )
    selected = []
    number = 0
    for chosen, questions, competency, reference_count in zip(
        position.competencies, chosen_questions, records, reference_counts, strict=True
    ):
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
                    choose(
                        competency.reference_questions,
                        chosen.reference_questions
                        if chosen.reference_questions is not None
                        else reference_count,
                    )
                ),
            )
        )
    return tuple(selected), spare


def default_reference_counts(available: Sequence[int], verification_count: int) -> list[int]:
    """How many reference questions each competency asks when the position does not choose.

    The call is kept to `practice.REFERENCE_QUESTION_LIMIT` questions, verification
    included: every competency that has reference questions gets its first one,
    then the rest of the allowance goes round the competencies in order, one
    question at a time, so no competency takes it all. When the verification
    questions alone use the allowance, each competency still gets one question.
    """
    counts = [min(1, n) for n in available]
    allowance = practice.REFERENCE_QUESTION_LIMIT - verification_count - sum(counts)
    while allowance > 0:
        growing = [i for i, n in enumerate(available) if counts[i] < n]
        if not growing:
            break
        for index in growing[:allowance]:
            counts[index] += 1
        allowance -= min(allowance, len(growing))
    return counts


def _source_files(library: Library, entry: Entry[Position]) -> tuple[Path, ...]:
    """Every content file the packet is made from, for the hiring record."""
    position = entry.record
    files = [entry.doc.path, library.scales[position.scale].doc.path]
    if position.proficiency_scale:
        files.append(library.scales[position.proficiency_scale].doc.path)
    files += [library.competencies[c.id].doc.path for c in position.competencies]
    if position.verification_questions:
        files.append(library.question_sets[position.verification_questions].doc.path)
    return tuple(files)
