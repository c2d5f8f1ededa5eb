"""The rules of structured-interview practice that several stages share.

Each number lives here once: the checks, the agenda, `score` and the printed
instructions all read it from this module (templates receive it in their
context), so a sentence such as "two points or more" can never drift from the
code that flags the gap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# Panelists whose ratings of one candidate differ by this many points or more
# discuss the evidence before the consensus is recorded.
DISAGREEMENT = 2

# Minutes kept for the opening (introductions, how the interview works) and the
# closing (the candidate's questions, next steps) of every interview.
OPENING_MINUTES = 5
CLOSING_MINUTES = 5

# The least time a question can be given and still be answered with an example.
MIN_QUESTION_MINUTES = 3

# Minutes between two candidates' interviews: each panelist rates the answers on
# their own sheet, from their notes, before the next candidate comes in.
RATING_MINUTES = 15

# A reference call stays short enough for a referee to give it their full
# attention: at most this many questions (verification questions included) when
# a position does not choose its reference questions, and about this many
# minutes a question.
REFERENCE_QUESTION_LIMIT = 12
REFERENCE_MINUTES_PER_QUESTION = 1.5

# The overall recommendation each panelist gives on a sheet: four steps, best
# first, then "no decision". A position may relabel the four steps
# (`recommendation_labels:`); the values stay, so `score` reads any wording.
RECOMMENDATION_VALUES = ("4", "3", "2", "1")
RECOMMENDATION_LABELS = (
    "Strongly recommend",
    "Recommend",
    "Recommend with reservations",
    "Do not recommend",
)
NO_DECISION = ("no-decision", "No decision")

# Means and totals are shown rounded half up to this many decimals, as panelists
# are told to round them by hand on the sheet.
DECIMALS = 2


def recommendation_options(labels: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """(value, label) of each recommendation a sheet offers, best first, "no decision" last."""
    wording = tuple(labels) if labels else RECOMMENDATION_LABELS
    return [*zip(RECOMMENDATION_VALUES, wording, strict=True), NO_DECISION]


def rounded(value: Fraction | Decimal | float | int) -> Decimal:
    """`value` rounded half up to DECIMALS places (3.625 -> 3.63, 4.375 -> 4.38).

    A fraction is rounded exactly; a float is taken as the decimal it prints as.
    """
    if isinstance(value, Fraction):
        sign = -1 if value < 0 else 1
        whole = math.floor(abs(value) * 10**DECIMALS + Fraction(1, 2))
        return Decimal(sign * whole).scaleb(-DECIMALS)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number.quantize(Decimal(1).scaleb(-DECIMALS), rounding=ROUND_HALF_UP)
