"""Small, pure helpers the templates use."""

from __future__ import annotations

import datetime
import unicodedata

from markupsafe import Markup, escape

from interviewkit.library.text_checks import CANDIDATE_TOKEN

# A candidate's name inside a sentence of a reference form is printed at most this
# many ems wide (.candidate-name and .name-standin in packet.css say the same).
NAME_EMS = 12.0
# The widths of the printable ASCII characters in DejaVu Sans Bold, the widest face
# a sentence uses, in hundredths of an em (rounded up), from the space to the tilde.
# A letter with accents is as wide as its letter; any other character (a CJK
# ideograph, say) is taken to be _OTHER_EMS wide, more than any in common use.
_ASCII_WIDTHS = (
    35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 59, 100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100,
    84, 86, 74, 86, 78, 73, 69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60, 72,
    68, 44, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72,
    37, 72, 84,
)  # fmt: skip
_OTHER_EMS = 1.2
_ELLIPSIS_EMS = 1.0


def fill_candidate(text: str, name: str | None) -> str:
    """Put the candidate's name where a question says {candidate}.

    The result is plain text: autoescaping makes any markup in the name print as text.
    """
    return text.replace(CANDIDATE_TOKEN, name or "the candidate")


def name_in(
    text: str, name: str | None, standin: bool = False, blank: str = "the candidate"
) -> Markup:
    """`text` as HTML, each {candidate} a span holding the candidate's name.

    The span is an inline block no wider than NAME_EMS, the width of the `standin`:
    a blank block that reserves a sentence's room on a form laid out for every
    candidate (see reference-checks.html), so a sentence never needs more lines
    for a name than for the stand-in. A name that could print wider is cut with
    an ellipsis. Without a name, the span holds `blank`.
    """
    if standin:
        span = Markup('<span class="candidate-name name-standin">&#160;</span>')
    else:
        span = Markup('<span class="candidate-name">%s</span>') % fitted(name or blank, NAME_EMS)
    return span.join(escape(part) for part in text.split(CANDIDATE_TOKEN))


def fitted(text: str, ems: float) -> str:
    """`text`, cut with an ellipsis where it could print wider than `ems` ems."""
    widths = [_ems(char) for char in text]
    if sum(widths) <= ems:
        return text
    room, end = ems - _ELLIPSIS_EMS, 0
    while end < len(text) and room - widths[end] >= 0:
        room -= widths[end]
        end += 1
    return text[:end].rstrip() + "…"


def _ems(char: str) -> float:
    """An upper bound of `char`'s printed width, in ems."""
    if unicodedata.combining(char):
        return 0.0
    base = unicodedata.normalize("NFD", char)[0]
    if " " <= base <= "~":
        return _ASCII_WIDTHS[ord(base) - 32] / 100
    return _OTHER_EMS


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
    "name_in": name_in,
    "weight": weight,
    "clock": clock,
    "long_date": long_date,
    "in_words": in_words,
    "heat_color": heat_color,
    "two_places": two_places,
    "unbroken": unbroken,
    "shortened": shortened,
}
