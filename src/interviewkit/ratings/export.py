"""The score summary as CSV files a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io

from interviewkit.ratings.model import Summary
from interviewkit.spreadsheet import spreadsheet_safe


def number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def summary_csv(summary: Summary) -> bytes:
    ids = [c.id for c in summary.record.competencies]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["rank", "candidate", "weighted_total", *ids])
    for score in [*summary.ranked, *summary.unranked]:
        writer.writerow(
            [
                score.rank if score.rank is not None else "",
                spreadsheet_safe(score.candidate),
                number(score.weighted_total),
                *(number(s.mean) for s in score.competencies),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def flags_csv(summary: Summary) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["candidate", "competency", "low", "high"])
    for candidate, score in summary.flags:
        writer.writerow(
            [spreadsheet_safe(candidate), score.competency, number(score.low), number(score.high)]
        )
    return buffer.getvalue().encode("utf-8")
