"""The score summary as CSV files a spreadsheet opens safely.

Numbers are written as the summary prints them: rounded half up to two places.
In a blind build candidates are named by code; `names_csv` is the one file
that pairs codes with names, for HR.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from fractions import Fraction

from interviewkit import practice
from interviewkit.ratings.model import Summary
from interviewkit.spreadsheet import spreadsheet_safe

# Written beside the summary, only for a blind build.
NAMES_FILE = "score-names-for-hr.csv"


def number(value: Fraction | float | None) -> str:
    return "" if value is None else str(practice.rounded(value))


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def summary_csv(summary: Summary) -> bytes:
    """Rank, candidate, weighted total and competency means; whether all ratings came in."""
    ids = [c.id for c in summary.record.competencies]
    return _csv(
        ["rank", "candidate", "weighted_total", *ids, "complete", "missing_ratings"],
        (
            [
                score.rank if score.rank is not None else "",
                summary.label(score.candidate),
                number(score.weighted_total),
                *(number(s.mean) for s in score.competencies),
                "yes" if score.complete else "no",
                len(score.missing),
            ]
            for score in [*summary.ranked, *summary.unranked]
        ),
    )


def flags_csv(summary: Summary) -> bytes:
    """Every competency and every question the panelists rated too far apart."""
    order = {q.id: q.order for q in summary.record.questions}
    competency_of = {q.id: q.competency for q in summary.record.questions}
    rows: list[list[object]] = []
    for candidate, cell in summary.flags:
        ratings = "; ".join(f"{p}: {number(v)}" for p, v in cell.by_panelist.items())
        rows.append(
            [
                summary.label(candidate),
                cell.competency,
                "",
                "",
                number(cell.low),
                number(cell.high),
                ratings,
            ]
        )
    for candidate, question in summary.question_flags:
        ratings = "; ".join(f"{p}: {v}" for p, v in question.by_panelist.items())
        rows.append(
            [
                summary.label(candidate),
                competency_of[question.question],
                order[question.question],
                question.question,
                question.low,
                question.high,
                ratings,
            ]
        )
    return _csv(
        ["candidate", "competency", "question_number", "question", "low", "high", "ratings"], rows
    )


def names_csv(summary: Summary) -> bytes:
    """For HR only, in a blind build: each code with the candidate's name and applicant id."""
    ids = {c.name: c.id or "" for c in summary.record.candidates}
    return _csv(
        ["rank", "code", "candidate", "applicant_id", "weighted_total", "complete"],
        (
            [
                score.rank if score.rank is not None else "",
                summary.label(score.candidate),
                score.candidate,
                ids.get(score.candidate, ""),
                number(score.weighted_total),
                "yes" if score.complete else "no",
            ]
            for score in [*summary.ranked, *summary.unranked]
        ),
    )
