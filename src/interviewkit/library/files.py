"""Which files make a content folder: every YAML file under it, each in its kind's folder.

Kept apart from `loading` so that finding (and hashing) the files of a folder
does not import the checks that read them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from interviewkit.library.names import KIND_FOLDERS

YAML_SUFFIXES = (".yaml", ".yml")


def content_files(root: Path) -> Iterator[tuple[str | None, Path]]:
    """(kind, path) for every YAML file under `root`, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(root)
        kind = relative.parts[0] if len(relative.parts) > 1 else None
        yield (kind if kind in KIND_FOLDERS else None), path
