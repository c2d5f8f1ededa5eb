"""Problems found in the sheets given, reported all at once but within bounds.

Thirty thousand bad rows must not become thirty thousand lines (or, with a list
of every known name on each, gigabytes): the first few problems are kept in
full, the rest only counted. Text taken from a user's file is shown quoted,
cut short, and with control characters escaped, so a name cannot drive the
terminal.
"""

from __future__ import annotations

import unicodedata

from interviewkit.errors import UserError

MAX_PROBLEMS = 20
MAX_SHOWN_CHARS = 80


def plain(text: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """`text` safe in a message: control characters escaped, cut at `limit` characters."""
    raw = str(text)
    escaped = "".join(
        ch if unicodedata.category(ch)[0] != "C" else ch.encode("unicode_escape").decode("ascii")
        for ch in raw[:limit]
    )
    return escaped + ("…" if len(raw) > limit else "")


def shown(text: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """`text` quoted for a message, made safe by `plain`."""
    return f"'{plain(text, limit)}'"


def fold(text: str) -> str:
    """A name as typed, made comparable: NFC normalized, runs of white space made one space.

    macOS tools write "é" as e + combining accent (NFD); a spreadsheet cell may
    carry a doubled or trailing space. Neither makes a different person.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


class Problems:
    """The problems of one run: the first MAX_PROBLEMS kept, every one counted."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.lines: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.lines) < self.limit:
            self.lines.append(message)

    @property
    def full(self) -> bool:
        """True once further problems are only counted: skip work that only improves wording."""
        return len(self.lines) >= self.limit

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self) -> None:
        if not self.count:
            return
        lines = list(self.lines)
        if self.count > len(lines):
            lines.append(f"… and {self.count - len(lines):,} more problem(s) not shown")
        lines.append("Nothing was scored; fix the sheets or rows above and run score again.")
        raise UserError("\n".join(lines))
