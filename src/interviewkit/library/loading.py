"""Reading a content folder: every file read, validated and checked, every problem kept.

`load_library` never stops at the first problem: it reads every file, runs
every check it can, and returns the library together with all problems found,
each located at `path:line:column`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from interviewkit.library.cross_checks import cross_problems
from interviewkit.library.messages import problems_from_validation
from interviewkit.library.models import KINDS
from interviewkit.library.position_checks import position_problems
from interviewkit.library.problems import Location, Problem
from interviewkit.library.record_checks import record_problems
from interviewkit.library.record_text import text_problems
from interviewkit.library.records import Entry, Library, R
from interviewkit.library.source import YamlRefused, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")


def content_files(root: Path) -> Iterator[tuple[str | None, Path]]:
    """(kind, path) for every YAML file under `root`, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(root)
        kind = relative.parts[0] if len(relative.parts) > 1 else None
        yield (kind if kind in KINDS else None), path


def read_record(path: Path, model: type[R]) -> tuple[Entry[R] | None, list[Problem]]:
    """Read and validate one record file; never raises for bad content."""
    try:
        doc = read_yaml(path)
    except YamlRefused as refused:
        return None, [refused.problem]
    if not isinstance(doc.data, dict):
        found = "an empty file" if doc.data is None else "a " + type(doc.data).__name__
        message = (
            f"expected a mapping of keys to values (a {model.__name__.lower()}), found {found}"
        )
        return None, [Problem(doc.locate(()), "", message)]
    problems = list(text_problems(doc, model))
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(doc, model, exc))
        return None, problems
    entry = Entry(record, doc)
    problems.extend(record_problems(entry))
    return entry, problems


def load_library(root: Path, *, allow_drafts: bool = False) -> Library:
    """Read and check every record under `root`; positions may use drafts if `allow_drafts`."""
    library = Library(root)
    if not root.is_dir():
        library.problems.append(Problem(Location(root), "", "content folder not found"))
        return library
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
    library.problems.extend(cross_problems(library))
    for position in library.positions.values():
        library.problems.extend(position_problems(library, position, allow_drafts=allow_drafts))
    library.problems.sort(key=lambda p: (p.location, p.field))
    return library


def _add(library: Library, kind: str, path: Path) -> None:
    """Read one record file into its table, or note why it cannot be."""
    tables: dict[str, dict[str, Any]] = {
        "scales": library.scales,
        "competencies": library.competencies,
        "question-sets": library.question_sets,
        "positions": library.positions,
    }
    entry, problems = read_record(path, KINDS[kind])
    library.problems.extend(problems)
    if entry is None:
        raw_id = _raw_id(path)
        if raw_id:
            library.broken_ids.add(raw_id)
        return
    record_id = entry.record.id  # type: ignore[attr-defined]
    table = tables[kind]
    if record_id in table:
        first = table[record_id].doc.locate(("id",))
        library.problems.append(
            Problem(entry.locate("id"), "id", f"duplicate id '{record_id}' (first used at {first})")
        )
        return
    table[record_id] = entry


def _raw_id(path: Path) -> str | None:
    try:
        data = read_yaml(path).data
    except YamlRefused:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
