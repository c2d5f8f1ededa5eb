"""Filled sheets in, the panel's numbers out.

The steps, each in its own module: `read` takes what the panel gave from
filled PDF forms (`read_pdf`, which reads form fields through `form_values`)
and CSV files, `check` holds it against the packet it was given for,
`summary` computes means, spreads, weighted totals and ranks, and `export`
writes them as CSV. The shapes they share are in `model`; `problems` keeps
the messages about bad input within bounds.
"""

from __future__ import annotations

from interviewkit.ratings.check import check
from interviewkit.ratings.export import NAMES_FILE, flags_csv, names_csv, summary_csv
from interviewkit.ratings.model import (
    CandidateScore,
    CompetencyScore,
    QuestionScore,
    Rating,
    Readings,
    Remark,
    Summary,
)
from interviewkit.ratings.read import read_sheets
from interviewkit.ratings.summary import summarize

__all__ = [
    "NAMES_FILE",
    "CandidateScore",
    "CompetencyScore",
    "QuestionScore",
    "Rating",
    "Readings",
    "Remark",
    "Summary",
    "check",
    "flags_csv",
    "names_csv",
    "read_sheets",
    "summarize",
    "summary_csv",
]
