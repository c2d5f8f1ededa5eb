"""Reading a content folder: every file read, validated and checked, every problem kept.

`load_library` never stops at the first problem: it reads every file, runs
every check of single records and across records, and returns the library
together with all problems found, each located at `path:line:column`. What a
position asks of the library is checked later, by `review`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from interviewkit.library.cross_checks import cross_problems
from interviewkit.library.examples import example_problems
from interviewkit.library.files import content_files
from interviewkit.library.messages import problems_from_validation
from interviewkit.library.models import KINDS
from interviewkit.library.problems import Location, Problem
from interviewkit.library.record_checks import record_problems
from interviewkit.library.record_text import text_problems
from interviewkit.library.records import Entry, Library, R
from interviewkit.library.source import YamlRefused, read_yaml

# For a file YAML cannot read, its id and status are taken from the text itself,
# so that what refers to it is not reported again as unknown.
_ID_LINE = re.compile(r"^id:\s*['\"]?([A-Za-z0-9_-]+)", re.M)
_DRAFT_LINE = re.compile(r"^status:\s*['\"]?draft\b", re.M)


@dataclass
class _Read:
    """One file read: its record (if it validated), problems, and what it claims to be."""

    entry: Entry[Any] | None
    problems: list[Problem]
    claimed_id: str
    draft: bool


def read_record(path: Path, model: type[R]) -> tuple[Entry[R] | None, list[Problem]]:
    """Read and validate one record file; never raises for bad content."""
    read = _read(path, model)
    return read.entry, read.problems


def _read(path: Path, model: type[Any]) -> _Read:
    try:
        doc = read_yaml(path)
    except YamlRefused as refused:
        return _Read(None, [refused.problem], *_claims_from_text(path))
    if not isinstance(doc.data, dict):
        found = "an empty file" if doc.data is None else "a " + type(doc.data).__name__
        message = (
            f"expected a mapping of keys to values (a {model.__name__.lower()}), found {found}"
        )
        return _Read(None, [Problem(doc.locate(()), "", message)], path.stem, False)
    raw_id = doc.data.get("id")
    claimed_id = raw_id if isinstance(raw_id, str) else path.stem
    draft = doc.data.get("status") == "draft"
    problems = list(text_problems(doc, model))
    problems.extend(example_problems(doc))
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(doc, model, exc))
        return _Read(None, problems, claimed_id, draft)
    entry = Entry(record, doc)
    problems.extend(record_problems(entry))
    return _Read(entry, problems, claimed_id, draft)


def _claims_from_text(path: Path) -> tuple[str, bool]:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return path.stem, False
    found = _ID_LINE.search(text)
    return (found.group(1) if found else path.stem), bool(_DRAFT_LINE.search(text))


def load_library(root: Path, extra: Sequence[tuple[str, Path]] = ()) -> Library:
    """Read and check every record under `root`, then the `extra` (kind, file) pairs.

    An extra file is one being checked from outside the folder: it is read as if
    it were in its kind's folder, and replaces a record of the same id there.
    """
    library = Library(root)
    if not root.is_dir():
        library.problems.append(Problem(Location(root), "", "content folder not found"))
    else:
        _read_folder(library, root)
    for kind, path in extra:
        _add(library, kind, path, replace=True)
    library.problems.extend(cross_problems(library))
    library.problems.sort(key=lambda p: (p.location, p.field))
    return library


def _read_folder(library: Library, root: Path) -> None:
    resolved_root = root.resolve()
    for kind, path in content_files(root):
        if not path.resolve().is_relative_to(resolved_root):
            library.problems.append(
                Problem(Location(path), "", "links to a file outside the content folder; not read")
            )
            continue
        if kind is None:
            folders = ", ".join(f"{k}/" for k in KINDS)
            library.problems.append(
                Problem(
                    Location(path), "", f"not in a content folder; put it under one of {folders}"
                )
            )
            continue
        _add(library, kind, path)


def _add(library: Library, kind: str, path: Path, *, replace: bool = False) -> None:
    """Read one record file into its table, or note why it cannot be."""
    read = _read(path, KINDS[kind])
    table: dict[str, Entry[Any]] = getattr(library, kind.replace("-", "_"))
    claim = (kind, read.claimed_id)
    if replace and claim in library.claims:
        # The file being checked stands in for the folder's record of the same id.
        replaced = {p.resolve() for p in library.claims.pop(claim)}
        library.problems = [
            p for p in library.problems if p.location.path.resolve() not in replaced
        ]
        library.drafts -= {p for p in library.drafts if p.resolve() in replaced}
        table.pop(read.claimed_id, None)
    library.problems.extend(read.problems)
    library.claims.setdefault(claim, []).append(path)
    if read.draft:
        library.drafts.add(path)
    if read.entry is None:
        return
    record_id = read.entry.record.id
    if record_id in table:
        first = table[record_id].doc.locate(("id",))
        library.problems.append(
            Problem(
                read.entry.locate("id"),
                "id",
                f"duplicate id '{record_id}' (first used at {first})",
            )
        )
        return
    table[record_id] = read.entry
