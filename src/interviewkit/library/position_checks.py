"""Checks of a position against the library it draws on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from interviewkit import limits, practice
from interviewkit.library.models import Competency, Position, PositionCompetency, Scale, choose
from interviewkit.library.problems import (
    DataPath,
    Problem,
    format_data_path,
    suggestion,
    unknown_id_hint,
)
from interviewkit.library.records import Entry, Library


def position_problems(
    library: Library, entry: Entry[Position], *, allow_drafts: bool
) -> list[Problem]:
    """Everything wrong with a position against the library it draws on."""
    return list(_position_problems(library, entry, allow_drafts))


def _position_problems(
    library: Library, entry: Entry[Position], allow_drafts: bool
) -> Iterator[Problem]:
    position = entry.record
    scale = yield from _rating_scale(library, entry)
    proficiency = yield from _proficiency_scale(library, entry)
    wanted_set = position.verification_questions
    if (
        wanted_set
        and wanted_set not in library.question_sets
        and not library.is_broken("question-sets", wanted_set)
    ):
        yield Problem(
            entry.locate("verification_questions"),
            "verification_questions",
            f"unknown question set '{wanted_set}'"
            f"{unknown_id_hint(wanted_set, library.question_sets)}",
        )
    question_count = 0
    seen: set[str] = set()
    for index, chosen in enumerate(position.competencies):
        here = ("competencies", index)
        if chosen.id in seen:
            yield Problem(
                entry.locate(*here, "id"),
                f"competencies[{index}].id",
                f"competency '{chosen.id}' is listed twice",
            )
        seen.add(chosen.id)
        question_count += yield from _chosen_competency(
            library, entry, here, chosen, scale, proficiency, allow_drafts
        )
    yield from _weight_problems(entry)
    yield from _time_problems(library, entry, question_count)
    yield from _people_limits(entry)
    yield from _unique_names(entry, "panel", [p.name for p in position.panel])
    yield from _unique_names(entry, "candidates", [c.name for c in position.candidates])


def _rating_scale(library: Library, entry: Entry[Position]) -> Any:
    """The position's rating scale, if it names one (via `yield from`), with its problems."""
    position = entry.record
    scale_entry = library.scales.get(position.scale)
    if scale_entry is None:
        if not library.is_broken("scales", position.scale):  # else its own errors say why
            yield Problem(
                entry.locate("scale"),
                "scale",
                f"unknown scale '{position.scale}'"
                f"{unknown_id_hint(position.scale, library.scales)}",
            )
        return None
    if scale_entry.record.purpose != "rating":
        yield Problem(
            entry.locate("scale"),
            "scale",
            f"'{position.scale}' is a proficiency scale; choose a rating scale",
        )
        return None
    return scale_entry.record


def _proficiency_scale(library: Library, entry: Entry[Position]) -> Any:
    """The position's proficiency scale, if it names a known one (via `yield from`)."""
    wanted = entry.record.proficiency_scale
    if wanted is None:
        return None
    found = library.scales.get(wanted)
    if found is None:
        if not library.is_broken("scales", wanted):
            yield Problem(
                entry.locate("proficiency_scale"),
                "proficiency_scale",
                f"unknown scale '{wanted}'{unknown_id_hint(wanted, library.scales)}",
            )
        return None
    return found.record


def _chosen_competency(
    library: Library,
    entry: Entry[Position],
    here: DataPath,
    chosen: PositionCompetency,
    scale: Scale | None,
    proficiency: Scale | None,
    allow_drafts: bool,
) -> Any:
    """Problems of one competency a position names; returns how many questions it asks."""
    name = format_data_path(here)
    found_entry = library.competencies.get(chosen.id)
    if found_entry is None:
        if not library.is_broken("competencies", chosen.id):
            yield Problem(
                entry.locate(*here, "id"),
                f"{name}.id",
                f"unknown competency '{chosen.id}'"
                f"{unknown_id_hint(chosen.id, library.competencies)}",
            )
        return 0
    competency = found_entry.record
    if competency.status == "draft":
        yield from _draft_use(entry, here, competency, allow_drafts)
    yield from _required_level(entry, here, chosen, proficiency)
    count = yield from _chosen_questions(
        entry,
        here,
        "questions",
        chosen.questions,
        [q.id for q in competency.interview_questions],
        competency.id,
    )
    yield from _chosen_questions(
        entry,
        here,
        "reference_questions",
        chosen.reference_questions,
        [q.id for q in competency.reference_questions],
        competency.id,
    )
    if scale is not None:
        yield from _scale_anchor_problems(entry, here, competency, chosen.questions, scale)
    return count


def _draft_use(
    entry: Entry[Position], here: DataPath, competency: Competency, allow_drafts: bool
) -> Iterator[Problem]:
    """A draft is used only with --draft, and even then only with what a packet prints."""
    where, name = entry.locate(*here, "id"), f"{format_data_path(here)}.id"
    if not allow_drafts:
        yield Problem(
            where,
            name,
            f"competency '{competency.id}' is a draft; build with --draft to use it "
            "(every page will say DRAFT), or finish it and set `status: ready`",
        )
        return
    lacks = []
    if not competency.interview_questions:
        lacks.append("interview questions (at least one, with probes and listen_for)")
    if not competency.qualification_statement:
        lacks.append("a qualification statement")
    if lacks:
        yield Problem(
            where,
            name,
            f"competency '{competency.id}' is a draft without {' or '.join(lacks)}; even a "
            "draft build needs them: write them, or leave the competency out of this position",
        )


def _required_level(
    entry: Entry[Position], here: DataPath, chosen: PositionCompetency, proficiency: Scale | None
) -> Iterator[Problem]:
    if chosen.required_level is None:
        return
    name = f"{format_data_path(here)}.required_level"
    if proficiency is None:
        yield Problem(
            entry.locate(*here, "required_level"),
            name,
            "a required level needs the position's proficiency_scale",
        )
        return
    labels = [p.label for p in proficiency.points]
    if chosen.required_level not in labels:
        yield Problem(
            entry.locate(*here, "required_level"),
            name,
            f"'{chosen.required_level}' is not a level of "
            f"'{proficiency.id}' ({', '.join(labels)})"
            f"{suggestion(chosen.required_level, labels)}",
        )


def _chosen_questions(
    entry: Entry[Position],
    here: DataPath,
    key: str,
    chosen: list[str] | int | None,
    available: list[str],
    competency_id: str,
) -> Any:
    """Problems with a question choice; returns (via yield from) how many are asked."""
    name = format_data_path((*here, key))
    if chosen is None:
        return len(available)
    if isinstance(chosen, int):
        if chosen > len(available):
            yield Problem(
                entry.locate(*here, key),
                name,
                f"asks for {chosen} question(s) but '{competency_id}' has {len(available)}",
            )
        return min(chosen, len(available))
    counts = Counter(chosen)
    for index, question_id in enumerate(chosen):
        if question_id not in available:
            yield Problem(
                entry.locate(*here, key, index),
                f"{name}[{index}]",
                f"'{question_id}' is not a question of '{competency_id}'"
                f"{suggestion(question_id, available)}",
            )
        elif counts[question_id] > 1 and chosen.index(question_id) != index:
            yield Problem(
                entry.locate(*here, key, index),
                f"{name}[{index}]",
                f"question '{question_id}' is chosen twice",
            )
    return len(chosen)


def _scale_anchor_problems(
    entry: Entry[Position],
    here: DataPath,
    competency: Competency,
    chosen: list[str] | int | None,
    scale: Scale,
) -> Iterator[Problem]:
    if scale.id in competency.anchors:
        return
    questions = choose(competency.interview_questions, chosen)
    if questions and all(scale.id in q.anchors for q in questions):
        return
    yield Problem(
        entry.locate(*here, "id"),
        format_data_path((*here, "id")),
        f"competency '{competency.id}' has no behavioral anchors for scale "
        f"'{scale.id}'; choose another scale or add anchors",
    )


def _weight_problems(entry: Entry[Position]) -> Iterator[Problem]:
    position = entry.record
    weights = [c.weight for c in position.competencies]
    if len(set(weights)) > 1 and not position.weights_rationale:
        # Point at a weight someone wrote, the one that differs from the usual weight:
        # a competency left at the default has no weight line to point at.
        usual = Counter(weights).most_common(1)[0][0]
        written = [i for i, c in enumerate(position.competencies) if "weight" in c.model_fields_set]
        index = next((i for i in written if weights[i] != usual), written[0])
        yield Problem(
            entry.locate("competencies", index, "weight"),
            f"competencies[{index}].weight",
            "competency weights differ; structured interviews weight competencies "
            "equally unless a documented reason says otherwise: add weights_rationale",
        )


def _time_problems(
    library: Library, entry: Entry[Position], question_count: int
) -> Iterator[Problem]:
    """The interview must hold its opening, closing and every question's time.

    A question may set its own minutes; the others need at least the least time
    a question can be answered in.
    """
    position = entry.record
    minutes = position.interview_minutes
    timed = [
        q
        for c in position.competencies
        if c.id in library.competencies
        for q in choose(library.competencies[c.id].record.interview_questions, c.questions)
        if q.minutes is not None
    ]
    fixed = sum(q.minutes or 0 for q in timed)
    needed = (
        practice.OPENING_MINUTES
        + practice.CLOSING_MINUTES
        + fixed
        + practice.MIN_QUESTION_MINUTES * max(question_count - len(timed), 0)
    )
    if question_count and minutes < needed:
        longest = max(timed, key=lambda q: q.minutes or 0, default=None)
        detail = (
            f"; question '{longest.id}' alone is set to {longest.minutes} minutes"
            if longest is not None
            else ""
        )
        yield Problem(
            entry.locate("interview_minutes"),
            "interview_minutes",
            f"{minutes} minutes is too short for {question_count} questions "
            f"(allow at least {needed}{detail})",
        )


def _people_limits(entry: Entry[Position]) -> Iterator[Problem]:
    """People multiply into sheets and forms: each list has a limit far above any posting."""
    position = entry.record
    for key, count, limit in (
        ("panel", len(position.panel), limits.MAX_PANELISTS),
        ("candidates", len(position.candidates), limits.MAX_CANDIDATES),
    ):
        if count > limit:
            yield Problem(entry.locate(key), key, f"{count:,} listed; the limit is {limit:,}")
    for index, candidate in enumerate(position.candidates):
        if len(candidate.referees) > limits.MAX_REFEREES:
            yield Problem(
                entry.locate("candidates", index, "referees"),
                f"candidates[{index}].referees",
                f"{len(candidate.referees):,} referees listed; the limit is "
                f"{limits.MAX_REFEREES} per candidate",
            )


def _unique_names(entry: Entry[Position], key: str, names: Iterable[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, person in enumerate(names):
        if person in seen:
            yield Problem(
                entry.locate(key, index), f"{key}[{index}]", f"'{person}' is listed twice"
            )
        seen.add(person)
