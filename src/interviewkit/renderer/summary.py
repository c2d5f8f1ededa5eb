"""The score summary as HTML, in the packet's look, from plain data."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from interviewkit import practice
from interviewkit.ratings.model import CandidateScore, CompetencyScore, Summary
from interviewkit.renderer.context import Data
from interviewkit.renderer.documents import SUMMARY, document_data
from interviewkit.renderer.environment import render_template


def summary_html(summary: Summary, env: Environment) -> str:
    return render_template(env, SUMMARY.template, summary_context(summary))


def summary_context(summary: Summary) -> dict[str, Any]:
    """What score-summary.html receives: plain data only."""
    record = summary.record
    rows = {c.candidate: _row(c) for c in summary.candidates}
    return {
        "document": document_data(SUMMARY),
        "part": "whole",
        "page_numbers": "css",
        "position": record.position.model_dump(),
        "paper": record.paper,
        "draft": record.draft,
        "register": None,
        "summary": {
            "panelists": list(summary.panelists),
            "candidates": list(rows.values()),
            "ranked": [rows[c.candidate] for c in summary.ranked],
            "unranked": [rows[c.candidate] for c in summary.unranked],
            "allow_incomplete": summary.allow_incomplete,
            "flags": [[candidate, _cell(cell)] for candidate, cell in summary.flags],
        },
        "competencies": [c.model_dump() for c in record.competencies],
        "competency_names": {c.id: c.name for c in record.competencies},
        "total_weight": sum(c.weight for c in record.competencies),
        "scale_values": record.scale.values,
        "disagreement": practice.DISAGREEMENT,
        "missing": [list(item) for item in summary.missing],
        "question_labels": {q.id: f"Question {q.order} ({q.id})" for q in record.questions},
    }


def _row(score: CandidateScore) -> Data:
    return {
        "candidate": score.candidate,
        "rank": score.rank,
        "weighted_total": score.weighted_total,
        "missing": [list(item) for item in score.missing],
        "competencies": [_cell(cell) for cell in score.competencies],
    }


def _cell(cell: CompetencyScore) -> Data:
    return {
        "competency": cell.competency,
        "by_panelist": dict(cell.by_panelist),
        "mean": cell.mean,
        "low": cell.low,
        "high": cell.high,
        "flagged": cell.flagged,
    }
