"""The rules of structured-interview practice that several stages share.

Each number lives here once: the checks, the agenda, `score` and the printed
instructions all read it from this module (templates receive it in their
context), so a sentence such as "two points or more" can never drift from the
code that flags the gap.
"""

from __future__ import annotations

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
