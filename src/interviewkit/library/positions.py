"""The POSITION argument of a command: a position id in the library, or a YAML file.

A position file is checked against a library: the folder given with `--content`,
else the content folder the file sits in (`DIR/positions/NAME.yaml` belongs to
`DIR`), else the built-in library. A file from outside the folder is read as
if it were in the folder's `positions/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interviewkit.errors import ContentError, UserError
from interviewkit.library.names import ID_PATTERN, KIND_FOLDERS
from interviewkit.resources import builtin_content

if TYPE_CHECKING:
    from interviewkit.library.models import Position
    from interviewkit.library.records import Entry, Library

# The models and the checks are imported by the functions that read records, so
# that naming a position and its content folder, which a rebuild with nothing
# changed does, does not pay for importing them.


def position_path(argument: str) -> Path | None:
    """The file `argument` names, or None when it is a position id.

    An argument is a file when it ends in .yaml/.yml or holds a path separator;
    otherwise it must be a well-formed id, which can never name a folder.
    """
    if argument.endswith((".yaml", ".yml")) or "/" in argument or "\\" in argument:
        path = Path(argument)
        if not path.is_file():
            raise UserError(f"position file not found: {argument}")
        return path
    if not ID_PATTERN.match(argument):
        raise UserError(
            f"'{argument}' is neither a position id (lowercase letters, digits and hyphens) "
            "nor a .yaml file"
        )
    return None


def content_root_of(path: Path) -> Path | None:
    """The content folder a record file sits in, if it sits in one.

    `DIR/<kind>/NAME.yaml` belongs to DIR when DIR also holds another kind's
    folder, so a lone `positions/` folder is not mistaken for a library.
    """
    return root_of_kind_folder(path.absolute().parent)


def root_of_kind_folder(folder: Path) -> Path | None:
    """DIR for a folder DIR/<kind> of a content folder; None for any other folder."""
    folder = folder.absolute()
    if folder.name not in KIND_FOLDERS:
        return None
    root = folder.parent
    if any((root / kind).is_dir() for kind in KIND_FOLDERS if kind != folder.name):
        return root
    return None


def library_for(path: Path | None, content_dir: Path | None) -> Path:
    """The content folder a record file is checked against (see the module's rules)."""
    if content_dir is not None:
        return content_dir
    inferred = content_root_of(path) if path is not None else None
    return inferred if inferred is not None else builtin_content()


def is_inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def open_position(content_dir: Path | None, argument: str) -> tuple[Library, Entry[Position]]:
    """The library and the position that a build or `statements` works on."""
    from interviewkit.library.loading import load_library

    path = position_path(argument)
    root = library_for(path, content_dir)
    outside = path is not None and not is_inside(path, root)
    library = load_library(root, [("positions", path)] if outside and path else [])
    if path is None:
        found = library.positions.get(argument)
        if found is None:
            known = ", ".join(sorted(library.positions)) or "none"
            raise UserError(f"no position '{argument}' in {library.root} (positions: {known})")
        return library, found
    wanted = path.resolve()
    for entry in library.positions.values():
        if entry.doc.path.resolve() == wanted:
            return library, entry
    # The file did not validate (or repeats another position's id): its problems say why.
    raise ContentError([p for p in library.problems if p.location.path.resolve() == wanted])


def position_id(argument: str) -> str:
    """The position id named by an id or a position YAML file."""
    path = position_path(argument)
    if path is None:
        return argument
    from interviewkit.library.loading import read_record
    from interviewkit.library.models import Position

    entry, problems = read_record(path, Position)
    if entry is None:
        raise ContentError(problems)
    return entry.record.id
