"""What reaches the terminal: control characters shown as escapes, long reports cut short.

Names and text come from spreadsheets and shared content. Echoed raw, an
escape sequence in a candidate's name could recolour, move or hide what the
terminal shows; a file of thirty thousand bad rows could print for minutes. So
every message line is made printable and capped, and a report shows its first
lines and says how many more there were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, Any

import click

from interviewkit import limits

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional
# overrides that reorder what a line appears to say.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character written as a visible escape (`\\x1b`)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def capped_line(line: str) -> str:
    """One printable line of at most `MAX_LINE_CHARS` characters (and a note of the rest)."""
    line = printable(line)
    if len(line) <= limits.MAX_LINE_CHARS:
        return line
    rest = len(line) - limits.MAX_LINE_CHARS
    return f"{line[: limits.MAX_LINE_CHARS]}… ({rest:,} more characters)"


def report(lines: Iterable[str]) -> list[str]:
    """The lines of a report as shown: the first `MAX_MESSAGE_LINES`, then how many more."""
    shown: list[str] = []
    hidden = 0
    for text in lines:
        for line in text.split("\n"):
            if len(shown) < limits.MAX_MESSAGE_LINES:
                shown.append(capped_line(line))
            else:
                hidden += 1
    if hidden:
        shown.append(f"… and {hidden:,} more line(s)")
    return shown


def echo(text: str, *, err: bool = False, file: IO[Any] | None = None) -> None:
    """`click.echo` of text that may hold names or content: printable and capped."""
    for line in report([text]):
        click.echo(line, err=err, file=file)


def echo_printable(text: str, *, nl: bool = True) -> None:
    """`click.echo` of data (a listing, statements): printable, but never cut short."""
    click.echo(printable(text), nl=nl)
