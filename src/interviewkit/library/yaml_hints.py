"""Hints for the YAML mistakes people make when they paste text from a job aid.

YAML's own messages ("mapping values are not allowed in this context") name the
parser's state, not the fix. Text copied from a document trips three rules
most often: a `: ` inside the text starts a new key, a tab is not indentation,
and a text that starts with a quotation mark ends at the closing one. Each hint
shows the line as it should be written.
"""

from __future__ import annotations

import json
import re

# `key: value` or `- key: value`, as a content author writes one line.
_KEY_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[\w-]+):\s+(?P<value>\S.*)$")
_SHOWN = 60  # characters of the value shown in a suggestion


def syntax_hint(problem: str, line_text: str, column: int) -> str:
    """A short how-to-fix for YAML's `problem` at `line_text`, or ``."""
    if "mapping values are not allowed" in problem:
        return _colon_hint(line_text)
    if "cannot start any token" in problem and "\t" in line_text[: max(column, 1)]:
        return "; indent with spaces, not tabs"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return _quote_hint(line_text)
    return ""


def text_with_colon_hint(text: str) -> str:
    """For text that YAML read as a mapping (`- Cooperates: does the work`): quote it."""
    return (
        "; the text holds ': ', which YAML reads as a key and value: put the whole text in "
        f"quotes, e.g. {_quoted(text)}"
    )


def _colon_hint(line_text: str) -> str:
    found = _KEY_LINE.match(line_text)
    if not found:
        return "; text that holds ': ' must be put in quotes"
    key, value = found.group("key"), found.group("value").rstrip()
    return (
        "; the colon in the text makes YAML read a new key: put the whole text in quotes, "
        f"e.g. {key}: {_quoted(value)}"
    )


def _quote_hint(line_text: str) -> str:
    found = _KEY_LINE.match(line_text)
    if not found or found.group("value")[0] not in "\"'":
        return ""
    return (
        "; a text that starts with a quotation mark ends at the closing one: start the text "
        "with a word, or put all of it in quotes of the other kind"
    )


def _quoted(text: str) -> str:
    """The text in double quotes (shortened with … when long), as YAML reads it."""
    shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"
    return json.dumps(shown, ensure_ascii=False)
