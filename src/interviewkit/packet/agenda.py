"""The interview's clock: minutes per question, the agenda, the length of a reference call."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewkit import practice
from interviewkit.library.models import InterviewQuestion

if TYPE_CHECKING:
    from interviewkit.packet.model import Packet


@dataclass(frozen=True)
class AgendaItem:
    start: int
    label: str
    minutes: int
    question_number: int | None = None


def question_minutes(total: int, questions: Sequence[InterviewQuestion]) -> tuple[list[int], int]:
    """Minutes per question, and the spare minutes the closing gets.

    A question's own `minutes` is kept; the remaining time is shared evenly so
    every question gets the same time, and what does not divide evenly goes to
    the closing. Opening, questions and closing add up to the interview length.
    """
    available = total - practice.OPENING_MINUTES - practice.CLOSING_MINUTES
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


def agenda(packet: Packet) -> list[AgendaItem]:
    items = [
        AgendaItem(0, "Opening: introductions and how the interview works", packet.opening_minutes)
    ]
    clock = packet.opening_minutes
    for asked in packet.questions:
        items.append(AgendaItem(clock, f"{asked.competency.name}", asked.minutes, asked.number))
        clock += asked.minutes
    items.append(
        AgendaItem(
            clock, "Closing: the candidate's questions and next steps", packet.closing_minutes
        )
    )
    return items


@dataclass(frozen=True)
class Slot:
    """One candidate's place in the interview day, in minutes from the first interview."""

    number: int
    start: int
    rating_start: int  # the interview ends; panelists rate on their own
    end: int  # rating done; the next candidate can come in


def schedule(packet: Packet, slots: int) -> list[Slot]:
    """Back-to-back interviews, each followed by the panel's rating time."""
    length = packet.position.interview_minutes
    step = length + practice.RATING_MINUTES
    return [Slot(i + 1, i * step, i * step + length, (i + 1) * step) for i in range(max(slots, 0))]


def reference_minutes(packet: Packet) -> int:
    """The length of a reference call: minutes per question, rounded up to five minutes."""
    count = len(packet.verification_questions) + sum(
        len(c.reference_questions) for c in packet.competencies
    )
    minutes = math.ceil(count * practice.REFERENCE_MINUTES_PER_QUESTION)
    return max(10, -(-minutes // 5) * 5)
