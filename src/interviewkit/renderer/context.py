"""What templates see: the packet as plain data, built once per build.

Templates are shared between offices and may come from anyone, so they get
plain data only: strings, numbers, booleans, None, and lists and mappings of
them. Nothing with methods (a path, a model, an open file) is reachable from a
template. The shapes here are the templates' contract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interviewkit import practice
from interviewkit.library.models import Candidate, Panelist, Referee, Scale
from interviewkit.packet import AskedQuestion, Packet, ReferenceForm, SelectedCompetency, Sheet
from interviewkit.packet.agenda import agenda, reference_minutes, schedule
from interviewkit.renderer import fields
from interviewkit.renderer.sheet_pages import sheet_pages

Data = dict[str, Any]
# Rows printed for write-in names when a build lists no candidates or no panel.
BLANK_CANDIDATE_ROWS = 4
BLANK_PANEL_ROWS = 3


def packet_data(
    packet: Packet, *, paper: str, forms: bool, sheet_layout: str = "competency"
) -> Data:
    """Everything every document of the packet may print, as plain data."""
    labels = [packet.codes[c.name] if packet.blind else c.name for c in packet.candidates]
    competencies = [_competency(c, packet) for c in packet.competencies]
    return {
        "position": _position(packet),
        "scale": scale_data(packet.scale),
        "proficiency_scale": scale_data(packet.proficiency_scale)
        if packet.proficiency_scale
        else None,
        "competencies": competencies,
        "questions": [q for c in competencies for q in c["questions"]],
        "verification_questions": [
            {"id": q.id, "text": q.text} for q in packet.verification_questions
        ],
        "candidates": [_candidate(c, packet) for c in packet.candidates],
        "candidate_labels": labels,
        "panel": [_person(p) for p in packet.panel],
        "total_weight": packet.total_weight,
        "paper": paper,
        "forms": forms,
        "blind": packet.blind,
        "draft": packet.draft,
        "sheet_total": len(packet.sheets),
        "form_total": len(packet.forms),
        "agenda": [
            {
                "start": item.start,
                "label": item.label,
                "minutes": item.minutes,
                "question_number": item.question_number,
            }
            for item in agenda(packet)
        ],
        "reference_minutes": reference_minutes(packet),
        "disagreement": practice.DISAGREEMENT,
        "rating_minutes": practice.RATING_MINUTES,
        "schedule": _schedule(packet, labels),
        "recommendation_options": [
            {"value": value, "label": label}
            for value, label in practice.recommendation_options(
                packet.position.recommendation_labels
            )
        ],
        "blank_candidate_rows": BLANK_CANDIDATE_ROWS,
        "blank_panel_rows": BLANK_PANEL_ROWS,
        "sheet_layout": sheet_layout,
        "sheet_pages": sheet_pages(competencies, sheet_layout, packet.scale.benchmark_values),
        "call_attempts": fields.CALL_ATTEMPTS,
        "reference_options": {
            "relationships": fields.options(fields.RELATIONSHIPS),
            "rehire": fields.options(fields.REHIRE),
            "conclusions": fields.options(fields.CONCLUSIONS),
            "methods": fields.options(fields.CALL_METHODS),
        },
        "consensus": _consensus(packet, labels),
    }


def _schedule(packet: Packet, labels: list[str]) -> list[Data]:
    """The interview day: a slot per candidate (write-in slots when none are listed)."""
    names: list[str | None] = list(labels) or [None] * BLANK_CANDIDATE_ROWS
    return [
        {
            "number": slot.number,
            "start": slot.start,
            "rating_start": slot.rating_start,
            "end": slot.end,
            "candidate": name,
        }
        for slot, name in zip(schedule(packet, len(names)), names, strict=True)
    ]


def _consensus(packet: Packet, labels: list[str]) -> Data:
    """The consensus sheet's rows: a block per candidate, a row per panelist, and its fields."""
    panel: list[Data | None] = [_person(p) for p in packet.panel] or [None] * BLANK_PANEL_ROWS
    names: list[str | None] = list(labels) or [None] * BLANK_CANDIDATE_ROWS
    named = fields.consensus_fields(packet, len(names), len(panel))
    return {
        "panel": panel,
        "candidates": [
            {"label": name, "fields": cells}
            for name, cells in zip(names, named["candidates"], strict=True)
        ],
        "decision": named["decision"],
        "signature_dates": named["signature_dates"],
    }


def scale_data(scale: Scale) -> Data:
    return {
        "id": scale.id,
        "name": scale.name,
        "description": scale.description,
        "points": [
            {
                "value": p.value,
                "label": p.label,
                "meaning": p.meaning,
                "descriptors": list(p.descriptors),
            }
            for p in scale.points
        ],
        "point_values": scale.values,
        "benchmark_values": scale.benchmark_values,
    }


def _position(packet: Packet) -> Data:
    position = packet.position
    return {
        "id": position.id,
        "title": position.title,
        "posting_number": position.posting_number,
        "organization": position.organization,
        "department": position.department,
        "interview_date": position.interview_date.isoformat() if position.interview_date else None,
        "interview_minutes": position.interview_minutes,
        "weights_rationale": position.weights_rationale,
    }


def _competency(selected: SelectedCompetency, packet: Packet) -> Data:
    competency = selected.competency
    scale_id = packet.scale.id
    return {
        "id": competency.id,
        "name": competency.name,
        "definition": competency.definition,
        "weight": selected.weight,
        "required_level": selected.required_level,
        "required_point": _required_point(selected.required_level, packet.proficiency_scale),
        "key_elements": [
            {"name": e.name, "behaviors": list(e.behaviors)} for e in competency.key_elements
        ],
        "behavior_levels": [
            {"level": b.level, "name": b.name, "behaviors": list(b.behaviors)}
            for b in competency.behavior_levels
        ],
        "factors": _factors(competency.factors, scale_id, packet.scale_labels),
        "anchors": dict(competency.anchors.get(scale_id, {})),
        "questions": [_asked(q, selected, scale_id) for q in selected.questions],
        "question_numbers": [q.number for q in selected.questions],
        "reference_questions": [{"id": r.id, "text": r.text} for r in selected.reference_questions],
    }


def _required_point(level: str | None, proficiency: Scale | None) -> Data | None:
    """The proficiency level a position requires, as its scale describes it."""
    if level is None or proficiency is None:
        return None
    point = next((p for p in proficiency.points if p.label == level), None)
    if point is None:
        return None
    return {"value": point.value, "label": point.label, "meaning": point.meaning}


def _factors(
    factors: Sequence[Any], scale_id: str, scale_labels: Mapping[str, Mapping[int, str]]
) -> Data | None:
    """A competency's factors as anchors on the interview's own scale: column labels, and
    a row per factor.

    Factors written for another scale (a three-point performance scale, say) are
    left out: the panel rates on one scale, and a second one in the room misleads.
    """
    if not factors or any(scale_id not in f.anchors for f in factors):
        return None
    values = sorted(factors[0].anchors[scale_id])
    labels = scale_labels.get(scale_id, {})
    return {
        "columns": [labels.get(v, str(v)) for v in values],
        "rows": [
            {
                "name": factor.name,
                "cells": [factor.anchors[scale_id][v] for v in sorted(factor.anchors[scale_id])],
            }
            for factor in factors
        ],
    }


def _asked(asked: AskedQuestion, selected: SelectedCompetency, scale_id: str) -> Data:
    question = asked.question
    own = dict(question.anchors.get(scale_id, {}))
    return {
        "number": asked.number,
        "id": question.id,
        "text": question.text,
        "type": question.type,
        "probes": list(question.probes),
        "listen_for": list(question.listen_for),
        "minutes": asked.minutes,
        "competency": selected.competency.name,
        "weight": selected.weight,
        "own_anchors": own,
        "anchors": own or dict(selected.competency.anchors.get(scale_id, {})),
    }


def _person(person: Panelist | Referee) -> Data:
    data: Data = {"name": person.name, "title": person.title}
    if isinstance(person, Referee):
        data["relationship"] = person.relationship
    return data


def _candidate(candidate: Candidate, packet: Packet) -> Data:
    return {
        "name": candidate.name,
        "id": candidate.id,
        "code": packet.codes.get(candidate.name),
        "referees": [_person(r) for r in candidate.referees],
    }


def sheet_data(sheet: Sheet, packet: Packet) -> Data:
    """One scoring sheet: who it is for and the names of its form fields."""
    return {
        "number": sheet.number,
        "key": sheet.key,
        "candidate": _candidate(sheet.candidate, packet) if sheet.candidate else None,
        "panelist": _person(sheet.panelist) if sheet.panelist else None,
        "candidate_label": sheet.candidate_label,
        "fields": fields.sheet_fields(sheet.key, packet),
    }


def form_data(form: ReferenceForm, packet: Packet) -> Data:
    """One reference-check form: the candidate, the referee (either may be blank), and
    the names of its form fields."""
    key = form.key
    return {
        "number": form.number,
        "key": key,
        "candidate": _candidate(form.candidate, packet) if form.candidate else None,
        "referee": _person(form.referee) if form.referee else None,
        "fields": fields.reference_fields(key, packet),
    }
