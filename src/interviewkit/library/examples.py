"""Fields that still hold the example text of `interviewkit new`.

The files `new` writes validate and build as written, so that a person can
start from something that works; their names, titles, questions and anchors
are examples all the same. Every text of the starter competency and position
files counts as an example (ids and choice words such as `behavioral` do not),
and a record that still holds one gets a warning naming the field, so an
untouched scaffold never reaches paper without a word.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from interviewkit.library.problems import DataPath, Problem, format_data_path
from interviewkit.library.record_text import printed_strings
from interviewkit.library.source import SourceDoc, parse_yaml

# The starter files whose texts are examples (the scale and the verification
# questions are sound defaults to keep, not examples).
EXAMPLE_FILES = ("competency.yaml", "position.yaml", "library-position.yaml")
EXAMPLE_KIND = "example"
# Fields that hold ids and choice words, never example text (a posting number such
# as 2027-0001 looks like an id, so the test is by field, not by shape).
_NOT_TEXT = {
    "id",
    "status",
    "type",
    "origin",
    "kind",
    "purpose",
    "relationship",
    "scale",
    "proficiency_scale",
    "verification_questions",
    "competencies",  # a position's competencies: ids, question ids and numbers
}


@functools.cache
def example_texts() -> frozenset[str]:
    """Every example text of the starter files, as YAML reads it."""
    starter = resources.files("interviewkit") / "starter"
    texts: set[str] = set()
    for name in EXAMPLE_FILES:
        doc = parse_yaml((starter / name).read_text(encoding="utf-8"), Path(name))
        texts.update(
            text.strip()
            for path, text in printed_strings(doc.data)
            if not _NOT_TEXT & {part for part in path if isinstance(part, str)}
        )
    return frozenset(texts)


def example_problems(doc: SourceDoc) -> Iterator[Problem]:
    """A warning for each part of a record that still holds example text.

    Findings are grouped by the item they belong to (a question, a panelist, the
    anchors), so an untouched competency gives a short list, not one line per probe.
    """
    examples = example_texts()
    groups: dict[DataPath, list[DataPath]] = {}
    for path, text in printed_strings(doc.data):
        if text.strip() in examples:
            groups.setdefault(_item_of(path), []).append(path)
    for item, paths in groups.items():
        parts = list(dict.fromkeys(format_data_path(p[len(item) :]) for p in paths))
        parts = [part.lstrip(".") for part in parts if part]
        inside = f" ({', '.join(parts)})" if parts else ""
        yield Problem(
            doc.locate(paths[0]),
            format_data_path(item),
            f"still holds the example text of `interviewkit new`{inside}: replace it with your own",
            "warning",
            kind=EXAMPLE_KIND,
        )


def _item_of(path: DataPath) -> DataPath:
    """The item a text belongs to: up to the first list index, or its top-level key."""
    if path[:1] == ("anchors",):  # keyed by scale point values, which are not list indices
        return path[:1]
    for index, part in enumerate(path):
        if isinstance(part, int):
            return path[: index + 1]
    return path[:1]
