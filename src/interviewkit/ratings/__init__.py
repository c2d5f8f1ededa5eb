"""Filled sheets in, the panel's numbers out.

The steps, each in its own module: `read` takes ratings from filled PDF forms
and CSV files, `check` holds them against the packet they were given for,
`summary` computes means, spreads, weighted totals and ranks, and `export`
writes them as CSV. The shapes they share are in `model`.
"""

from __future__ import annotations

from interviewkit.ratings.check import check
from interviewkit.ratings.export import flags_csv, summary_csv
from interviewkit.ratings.model import CandidateScore, CompetencyScore, Rating, Summary
from interviewkit.ratings.read import read_sheets
from interviewkit.ratings.summary import summarize

__all__ = [
    "CandidateScore",
    "CompetencyScore",
    "Rating",
    "Summary",
    "check",
    "flags_csv",
    "read_sheets",
    "summarize",
    "summary_csv",
]
