"""A content problem, located in the YAML file a person wrote."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

# A path inside a YAML document: mapping keys and list indices, outermost first.
DataPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column count from 1."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        shown = _display_path(self.path)
        if self.line:
            return f"{shown}:{self.line}:{self.column}"
        return shown


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in the content."""

    location: Location
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"
    # What sort of finding it is, where callers treat one sort apart (see `examples`).
    kind: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_warning(self) -> Problem:
        return replace(self, severity="warning")

    def format(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        field = self.field or "(document)"
        return f"{self.location}: {field}: {prefix}{self.message}"


def format_data_path(path: Iterable[str | int]) -> str:
    """`('competencies', 0, 'questions')` -> `competencies[0].questions`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice close enough to `word` to be what was meant, if any."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """`; did you mean 'x'?` when a choice is close to `word`, else ``."""
    close = closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""


def unknown_id_hint(word: str, choices: Iterable[str], *, listed: int = 8) -> str:
    """`; did you mean 'x'?` when one is close; else the ids there are, when few enough."""
    known = sorted(set(choices))
    close = suggestion(word, known)
    if close or not known or len(known) > listed:
        return close
    return f" (this library has {', '.join(repr(k) for k in known)})"


def _display_path(path: Path) -> str:
    """Paths under the current folder print relative, as a person typed them."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
