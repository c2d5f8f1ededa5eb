"""The score summary as HTML, in the packet's look, from plain data.

Numbers reach the template already rounded the way the sheet tells panelists
to round (half up, two places) and already placed on the chart, so the
template only lays them out. A blind build's summary names candidates by code
only; names go to a separate file for HR (`ratings.export.names_csv`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from jinja2 import Environment

from interviewkit import practice
from interviewkit.ratings.model import CandidateScore, CompetencyScore, Summary
from interviewkit.renderer.context import Data
from interviewkit.renderer.documents import SUMMARY, document_data
from interviewkit.renderer.environment import render_template

# Competency columns a landscape page holds beside rank, candidate and total; a
# posting with more gets its ranking table in several parts, every column on the page.
COLUMNS_PER_TABLE = 6


def summary_html(summary: Summary, env: Environment) -> str:
    return render_template(env, SUMMARY.template, summary_context(summary))


def shown(value: Fraction | float | None) -> str:
    """A mean or total as printed: half up to two places; a dash for none."""
    return "–" if value is None else str(practice.rounded(value))


def summary_context(summary: Summary) -> dict[str, Any]:
    """What score-summary.html receives: plain data only."""
    record = summary.record
    low, high = record.scale.values[0], record.scale.values[-1]
    rows = [_row(summary, score, low, high) for score in [*summary.ranked, *summary.unranked]]
    competencies = [{"id": c.id, "name": c.name, "weight": c.weight} for c in record.competencies]
    return {
        "document": document_data(SUMMARY),
        "part": "whole",
        "page_numbers": "css",
        "position": record.position.model_dump(),
        "paper": record.paper,
        "draft": record.draft,
        "register": None,
        "blind": record.blind,
        "panelists": list(summary.panelists),
        "candidates": rows,
        "allow_incomplete": summary.allow_incomplete,
        "unranked": len(summary.unranked),
        "competencies": competencies,
        "column_groups": [
            {"start": start, "end": start + COLUMNS_PER_TABLE}
            for start in range(0, len(competencies), COLUMNS_PER_TABLE)
        ],
        "competency_flags": [
            _competency_flag(summary, candidate, cell) for candidate, cell in summary.flags
        ],
        "question_flags": _question_flags(summary),
        "missing": [
            [summary.label(candidate), panelist, _question_label(summary, question)]
            for candidate, panelist, question in summary.missing
        ],
        "total_weight": sum(c.weight for c in record.competencies),
        "scale_values": record.scale.values,
        "ticks": [{"value": v, "percent": _percent(v, low, high)} for v in record.scale.values],
        "disagreement": practice.DISAGREEMENT,
    }


def _percent(value: Fraction | float | None, low: int, high: int) -> float:
    """Where `value` sits between the scale's ends, in percent of the chart's width."""
    if value is None or high <= low:
        return 0.0
    return round(float(min(max((value - low) / (high - low), 0), 1)) * 100, 2)


def _row(summary: Summary, score: CandidateScore, low: int, high: int) -> Data:
    names = {c.id: c.name for c in summary.record.competencies}
    return {
        "label": summary.label(score.candidate),
        "rank": score.rank,
        "total": shown(score.weighted_total),
        "bar_percent": _percent(score.weighted_total, low, high),
        "has_total": score.weighted_total is not None,
        "complete": score.complete,
        "missing": len(score.missing),
        "flagged": any(c.flagged for c in score.competencies)
        or any(q.flagged for q in score.questions),
        "cells": [_cell(cell) for cell in score.competencies],
        "questions": [
            {
                "number": _order(summary, q.question),
                "id": q.question,
                "competency": names[_competency(summary, q.question)],
                "ratings": [
                    str(q.by_panelist[p]) if p in q.by_panelist else "–" for p in summary.panelists
                ],
                "spread": "" if q.low is None or q.high is None else str(q.high - q.low),
                "flagged": q.flagged,
            }
            for q in score.questions
        ],
        "remarks": _remarks(summary, score.candidate),
    }


def _cell(cell: CompetencyScore) -> Data:
    return {
        "competency": cell.competency,
        "mean": shown(cell.mean),
        "mean_value": float(practice.rounded(cell.mean)) if cell.mean is not None else None,
        "flagged": cell.flagged,
    }


def _remarks(summary: Summary, candidate: str) -> list[Data]:
    labels = {o.value: o.label for o in summary.record.recommendation_options}
    written = {r.panelist: r for r in summary.remarks if r.candidate == candidate}
    return [
        {
            "panelist": panelist,
            "recommendation": labels.get(written[panelist].recommendation or "", "–")
            if panelist in written
            else "–",
            "comments": written[panelist].comments if panelist in written else "",
        }
        for panelist in summary.panelists
    ]


def _competency_flag(summary: Summary, candidate: str, cell: CompetencyScore) -> Data:
    names = {c.id: c.name for c in summary.record.competencies}
    return {
        "candidate": summary.label(candidate),
        "competency": names[cell.competency],
        "low": shown(cell.low),
        "high": shown(cell.high),
        "ratings": [[p, shown(v)] for p, v in cell.by_panelist.items()],
    }


def _question_flags(summary: Summary) -> list[Data]:
    names = {c.id: c.name for c in summary.record.competencies}
    return [
        {
            "candidate": summary.label(candidate),
            "question": _question_label(summary, question.question),
            "competency": names[_competency(summary, question.question)],
            "low": question.low,
            "high": question.high,
            "ratings": [[p, v] for p, v in question.by_panelist.items()],
        }
        for candidate, question in summary.question_flags
    ]


def _order(summary: Summary, question_id: str) -> int:
    return summary.questions_by_id[question_id].order


def _competency(summary: Summary, question_id: str) -> str:
    return summary.questions_by_id[question_id].competency


def _question_label(summary: Summary, question_id: str) -> str:
    return f"Question {_order(summary, question_id)} ({question_id})"
