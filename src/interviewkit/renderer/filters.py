"""Small, pure helpers the templates use."""

from __future__ import annotations

import datetime

from interviewkit.library.text_checks import CANDIDATE_TOKEN


def fill_candidate(text: str, name: str | None) -> str:
    """Put the candidate's name where a question says {candidate}.

    The result is plain text: autoescaping makes any markup in the name print as text.
    """
    return text.replace(CANDIDATE_TOKEN, name or "the candidate")


def weight(value: float) -> str:
    """1.0 -> '1', 1.5 -> '1.5'."""
    return f"{value:g}"


def clock(minutes: int) -> str:
    """Minutes from the start as h:mm."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def long_date(iso: str | None) -> str:
    """'2027-03-05' -> 'March 5, 2027'; nothing for no date."""
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def in_words(number: int) -> str:
    """Small whole numbers as words, as a sentence prints them: 2 -> 'two'."""
    return _WORDS[number] if 0 <= number < len(_WORDS) else str(number)


def heat_color(value: float | None, low: float, high: float) -> str:
    """A background color from red (low) through amber to green (high); grey for no value.

    Light enough that black text stays readable when printed in grey scale.
    """
    if value is None or high <= low:
        return "#eeeeee"
    share = min(max((value - low) / (high - low), 0.0), 1.0)
    stops = [(0.0, (244, 178, 170)), (0.5, (250, 226, 160)), (1.0, (176, 222, 178))]
    for (start, a), (end, b) in zip(stops, stops[1:], strict=False):
        if share <= end:
            t = (share - start) / (end - start)
            r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
            return f"#{r:02x}{g:02x}{bl:02x}"
    return "#b0deb2"


def two_places(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


# U+2060 WORD JOINER: no line break on either side, and no character in copied text.
WORD_JOINER = "\u2060"


def unbroken(text: str) -> str:
    """`text` kept on one line: no break at its spaces or hyphens ("Posting ALB-2026-118")."""
    return text.replace(" ", " " + WORD_JOINER).replace("-", "-" + WORD_JOINER)


def shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the last an ellipsis, when it is longer.

    For a line that must stay one line (an identity block, a running header): the
    ellipsis is part of the text, so copied or extracted text shows the cut too.
    """
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


FILTERS = {
    "fill_candidate": fill_candidate,
    "weight": weight,
    "clock": clock,
    "long_date": long_date,
    "in_words": in_words,
    "heat_color": heat_color,
    "two_places": two_places,
    "unbroken": unbroken,
    "shortened": shortened,
}
