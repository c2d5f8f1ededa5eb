"""The POSITION argument of a command: a position id in the library, or a YAML file."""

from __future__ import annotations

from pathlib import Path

from interviewkit.errors import ContentError, UserError
from interviewkit.library.loading import read_record
from interviewkit.library.models import ID_PATTERN, Position
from interviewkit.library.records import Entry, Library


def position_file(argument: str) -> Entry[Position] | None:
    """The position in the YAML file `argument` names, or None when it is an id.

    An argument is a file when it ends in .yaml/.yml or holds a path separator;
    otherwise it must be a well-formed id, which can never name a folder.
    """
    if argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument:
        path = Path(argument)
        if not path.is_file():
            raise UserError(f"position file not found: {argument}")
        entry, problems = read_record(path, Position)
        if entry is None or any(p.is_error for p in problems):
            raise ContentError(problems)
        return entry
    if not ID_PATTERN.match(argument):
        raise UserError(
            f"'{argument}' is neither a position id (lowercase letters, digits and hyphens) "
            "nor a .yaml file"
        )
    return None


def find_position(library: Library, argument: str) -> Entry[Position]:
    """A position by id from the library, or from a YAML file path."""
    from_file = position_file(argument)
    if from_file is not None:
        return from_file
    found = library.positions.get(argument)
    if found is None:
        known = ", ".join(sorted(library.positions)) or "none"
        raise UserError(f"no position '{argument}' in {library.root} (positions: {known})")
    return found


def position_id(argument: str) -> str:
    """The position id named by an id or a position YAML file."""
    from_file = position_file(argument)
    return from_file.record.id if from_file is not None else argument
