"""Which word checks run on which fields of a record, and how much each finding weighs.

The word lists live in `text_checks`, `protected_topics` and `anchor_wording`;
this module decides where they apply. It reads the raw YAML data, so a finding
points at the field even when the record fails validation for another reason.

Two choices are made here once, for every kind of record:
- `source` is never printed and may quote the source document word for word
  ("...are under development", "[applicant name]"), so no word check reads it.
- A finding is an error when the text cannot go on paper as it is (placeholders,
  protected topics, a gendered pronoun about the candidate, an unfilled token);
  it is a warning when the text may be right and only a person can tell (a
  pronoun about someone else, trait wording in an anchor, a repeated item).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from interviewkit.library import text_checks
from interviewkit.library.anchor_wording import trait_findings
from interviewkit.library.models import Competency, Position, QuestionSet
from interviewkit.library.problems import DataPath, Problem, format_data_path
from interviewkit.library.protected_topics import protected_topic_matches
from interviewkit.library.source import SourceDoc

# Which question fields of a record hold what kind of question text.
_QUESTION_FIELDS: dict[type[BaseModel], tuple[tuple[str, str, str], ...]] = {
    Competency: (
        ("interview_questions", "text", "interview"),
        ("interview_questions", "probes", "interview"),
        ("interview_questions", "listen_for", "listen_for"),
        ("reference_questions", "text", "reference"),
    ),
    # Verification questions are asked of a referee about the candidate, exactly as
    # reference questions are, so the same rules apply to them.
    QuestionSet: (("questions", "text", "reference"),),
}

# Lists whose items print together as one list, so a repeat across them shows twice.
_POOLED_LISTS = {"key_elements", "behavior_levels"}


def text_problems(doc: SourceDoc, model: type[BaseModel]) -> Iterator[Problem]:
    """Every finding of the word checks in one record's raw data."""
    data = doc.data
    printed = list(printed_strings(data))
    for path, text in printed:
        for message in text_checks.placeholder_findings(text):
            yield _problem(doc, path, message)
    if model is Position:  # names and titles: no prose to read for wording
        return
    about_candidate: set[DataPath] = set()
    for path, text, kind in _question_texts(data, model):
        yield from _question_problems(doc, path, text, kind)
        if kind == "reference":
            about_candidate.add(path)
    for path, text in printed:
        if path not in about_candidate:
            for message in text_checks.pronoun_findings(text, about_candidate=False):
                yield _problem(doc, path, message, "warning")
    for path, text in _anchor_texts(data):
        for message in trait_findings(text, "anchor"):
            yield _problem(doc, path, message, "warning")
    for path, text, kind in _question_texts(data, model):
        if kind != "listen_for":
            continue
        # What to listen for is what a panelist rates by, as much as an anchor.
        for message in trait_findings(text, "listen-for point"):
            yield _problem(doc, path, message, "warning")
    yield from _repeats(doc)


def printed_strings(data: Any) -> Iterator[tuple[DataPath, str]]:
    """Every string of a record that can reach paper: all but its `source`."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if key != "source":
            yield from text_checks.walk_strings(value, (key,))


def _question_problems(doc: SourceDoc, path: DataPath, text: str, kind: str) -> Iterator[Problem]:
    for topic, words in protected_topic_matches(text):
        if kind == "listen_for":
            message = (
                f"listens for a protected topic ({topic}): {words!r}; listen only for "
                "job-related behavior"
            )
        else:
            message = (
                f"asks about a protected topic ({topic}): {words!r}; ask only about "
                "job-related behavior"
            )
        yield _problem(doc, path, message)
    for message in text_checks.token_findings(text, candidate_allowed=kind == "reference"):
        yield _problem(doc, path, message)
    if kind == "reference":
        for message in text_checks.pronoun_findings(text):
            yield _problem(doc, path, message)
        if path[0] == "reference_questions" and text_checks.CANDIDATE_TOKEN not in text:
            yield _problem(
                doc,
                path,
                f"a reference question names the candidate with {text_checks.CANDIDATE_TOKEN}, "
                f"e.g. 'How did {text_checks.CANDIDATE_TOKEN} handle ...?'",
            )


def _question_texts(
    data: dict[str, Any], model: type[BaseModel]
) -> Iterator[tuple[DataPath, str, str]]:
    """(path, text, kind) of every question text, probe and listen-for item."""
    for list_key, item_key, kind in _QUESTION_FIELDS.get(model, ()):
        items = data.get(list_key)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict):
                for path, text in text_checks.walk_strings(
                    item.get(item_key), (list_key, index, item_key)
                ):
                    yield path, text, kind


def _anchor_texts(data: dict[str, Any]) -> Iterator[tuple[DataPath, str]]:
    """Every behavioral anchor: the competency's, its factors' and its questions'."""
    tables: list[tuple[DataPath, Any]] = [(("anchors",), data.get("anchors"))]
    for list_key in ("factors", "interview_questions"):
        items = data.get(list_key)
        if isinstance(items, list):
            tables += [
                ((list_key, i, "anchors"), item.get("anchors"))
                for i, item in enumerate(items)
                if isinstance(item, dict)
            ]
    for path, table in tables:
        if isinstance(table, dict):
            yield from text_checks.walk_strings(table, path)


def _repeats(doc: SourceDoc) -> Iterator[Problem]:
    """A warning at each item that repeats an earlier one of the same printed list."""
    for items in _lists(doc.data).values():
        seen: dict[str, DataPath] = {}
        for path, text in items:
            key = text_checks.comparable(text)
            if key in seen:
                first = doc.locate(seen[key])
                yield _problem(
                    doc,
                    path,
                    f"repeats {format_data_path(seen[key])} (line {first.line}); keep it once",
                    "warning",
                )
            else:
                seen[key] = path


def _lists(data: Any, path: DataPath = ()) -> dict[DataPath, list[tuple[DataPath, str]]]:
    """The record's printed lists: list path -> (item path, comparable text).

    A list of mappings is compared on each item's `text` or `name`; the behaviors
    of all key elements (or of all behavior levels) print as one list and are
    pooled under one key.
    """
    found: dict[DataPath, list[tuple[DataPath, str]]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if path or key != "source":
                for list_path, items in _lists(value, (*path, key)).items():
                    found.setdefault(list_path, []).extend(items)
    elif isinstance(data, list):
        group = path
        if len(path) == 3 and path[0] in _POOLED_LISTS and path[2] == "behaviors":
            group = (path[0], "*", "behaviors")
        for index, item in enumerate(data):
            here = (*path, index)
            if isinstance(item, str):
                found.setdefault(group, []).append((here, item))
            elif isinstance(item, dict):
                for name_key in ("text", "name"):
                    if isinstance(item.get(name_key), str):
                        found.setdefault(group, []).append(((*here, name_key), item[name_key]))
                        break
            for list_path, items in _lists(item, here).items():
                found.setdefault(list_path, []).extend(items)
    return found


def _problem(doc: SourceDoc, path: DataPath, message: str, severity: str = "error") -> Problem:
    return Problem(
        doc.locate(path),
        format_data_path(path),
        message,
        "warning" if severity == "warning" else "error",
    )
