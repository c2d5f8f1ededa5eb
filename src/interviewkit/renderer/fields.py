"""The names of every form field a template draws, built here and never in a template.

A scoring sheet's fields start with its sheet key (s001), a reference-check
form's with its form key (r001), the consensus sheet's with the consensus key:
names stay unique when many forms are joined into one file, and every name
comes from `manifest.field_name`, the rule `score` reads sheets by.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interviewkit.manifest import CONSENSUS_KEY, field_name
from interviewkit.packet import Packet

Data = dict[str, Any]

# Calls a reference checker logs before giving up on a referee.
CALL_ATTEMPTS = 3

# Choices printed on a reference-check form, as (value, label); the value is
# what a filled form stores.
RELATIONSHIPS = (
    ("supervisor", "Supervisor"),
    ("peer", "Peer"),
    ("direct-report", "Direct report"),
    ("customer", "Customer"),
    ("other", "Other"),
)
REHIRE = (("yes", "Yes"), ("no", "No"), ("not-disclosed", "Not disclosed"))
CONCLUSIONS = (("positive", "Positive"), ("mixed", "Mixed"), ("negative", "Negative"))
CALL_METHODS = (
    ("phone", "Phone"),
    ("video", "Video call"),
    ("in-person", "In person"),
    ("written", "Written"),
)


def options(pairs: Sequence[tuple[str, str]]) -> list[Data]:
    return [{"value": value, "label": label} for value, label in pairs]


def sheet_fields(key: str, packet: Packet) -> Data:
    """A scoring sheet's fields: a rating and notes per question, the summary page's fields."""
    return {
        "questions": {
            q.question.id: {
                "rating": field_name(key, q.question.id, "rating"),
                "notes": field_name(key, q.question.id, "notes"),
            }
            for q in packet.questions
        },
        "evidence": {
            c.competency.id: field_name(key, c.competency.id, "evidence")
            for c in packet.competencies
        },
        "interview_date": field_name(key, "interview-date"),
        "start_time": field_name(key, "start-time"),
        "recommendation": field_name(key, "recommendation"),
        "comments": field_name(key, "comments"),
        "signature_date": field_name(key, "signature-date"),
    }


def reference_fields(key: str, packet: Packet) -> Data:
    """A reference-check form's fields: referee details, call log, answers, summary, HR block."""
    questions: Data = {
        q.id: {"notes": field_name(key, q.id, "notes")} for q in packet.verification_questions
    }
    for selected in packet.competencies:
        for question in selected.reference_questions:
            questions[question.id] = {
                "rating": field_name(key, question.id, "rating"),
                "notes": field_name(key, question.id, "notes"),
            }
    return {
        "referee": {
            part: field_name(key, "referee", part)
            for part in ("organization", "contact", "worked-from", "worked-to")
        },
        "relationship": field_name(key, "referee", "relationship"),
        "consent": field_name(key, "referee", "consent"),
        "calls": [
            {part: field_name(key, f"call-{n}", part) for part in ("date", "time", "outcome")}
            for n in range(1, CALL_ATTEMPTS + 1)
        ],
        "questions": questions,
        "summary": {
            part: field_name(key, "summary", part)
            for part in ("strengths", "development", "concerns", "conclusion")
        },
        "hr": {
            part: field_name(key, "hr", part)
            for part in ("employed-from", "employed-to", "title", "rehire", "by", "date")
        },
        "checked_by": field_name(key, "checked-by"),
        "checked_on": field_name(key, "checked-on"),
        "method": field_name(key, "method"),
    }


def consensus_fields(packet: Packet, candidate_rows: int, panel_rows: int) -> Data:
    """The consensus sheet's fields: a cell per candidate, panelist (or consensus) and
    competency, the totals, and the panel decision."""
    competencies = [c.competency.id for c in packet.competencies]

    def cells(*row: str) -> Data:
        return {
            "ratings": {c: field_name(CONSENSUS_KEY, *row, "rating", c) for c in competencies},
            "total": field_name(CONSENSUS_KEY, *row, "total"),
        }

    return {
        "candidates": [
            {
                "panelists": [cells(f"c{i:02d}", f"p{j}") for j in range(1, panel_rows + 1)],
                "consensus": cells(f"c{i:02d}", "consensus"),
            }
            for i in range(1, candidate_rows + 1)
        ],
        "decision": {
            part: field_name(CONSENSUS_KEY, "decision", part)
            for part in ("chair", "date", "recommended", "alternates", "rationale")
        },
        "signature_dates": [
            field_name(CONSENSUS_KEY, "signature", f"p{j}", "date")
            for j in range(1, panel_rows + 1)
        ],
    }
