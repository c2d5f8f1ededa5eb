"""Turning pydantic's validation errors into problems a content author can act on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from interviewkit.library.field_help import (
    field_at,
    field_names_at,
    mapping_help,
    missing_help,
    models_at,
)
from interviewkit.library.problems import (
    DataPath,
    Problem,
    closest,
    format_data_path,
    suggestion,
)
from interviewkit.library.source import SourceDoc
from interviewkit.library.yaml_hints import text_with_colon_hint

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
}


def describe(value: Any) -> str:
    """A short, human description of a value found in YAML."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from_validation(
    doc: SourceDoc, model: type[BaseModel], error: ValidationError
) -> list[Problem]:
    """One located problem per distinct place pydantic found wrong."""
    grouped: dict[tuple[DataPath, str], list[dict[str, Any]]] = {}
    for item in error.errors(include_url=False):
        path = _data_path(doc.data, item["loc"], item["type"])
        bucket = item["type"] if item["type"] in ("missing", "extra_forbidden") else "value"
        grouped.setdefault((path, bucket), []).append(dict(item))
    misspelled = _misspelled_fields(model, [p for p, b in grouped if b == "extra_forbidden"])
    problems = []
    for (path, bucket), items in grouped.items():
        field = format_data_path(path)
        if bucket == "missing":
            if path in misspelled:
                continue  # the unknown key's "did you mean" already says how to fix it
            location = doc.locate(path[:-1])
            help_text = missing_help(field_at(model, path), str(path[-1]) if path else "")
            problems.append(Problem(location, field, f"required field is missing{help_text}"))
        elif bucket == "extra_forbidden":
            key = str(path[-1]) if path else ""
            hint = suggestion(key, field_names_at(model, path[:-1]))
            problems.append(
                Problem(doc.locate(path, key=True), field, f"unknown key '{key}'{hint}")
            )
        else:
            problems.append(Problem(doc.locate(path), field, _message(items, model, path)))
    return problems


def _misspelled_fields(model: type[BaseModel], unknown: list[DataPath]) -> set[DataPath]:
    """Paths of the fields that unknown keys are close misspellings of."""
    found = set()
    for path in unknown:
        if not path:
            continue
        close = closest(str(path[-1]), field_names_at(model, path[:-1]))
        if close:
            found.add((*path[:-1], close))
    return found


def _data_path(data: Any, loc: tuple[int | str, ...], kind: str) -> DataPath:
    """Drop pydantic's union and validator tags, keeping the path through the data."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif last and kind in ("missing", "extra_forbidden") and isinstance(part, str):
            path.append(part)
    return tuple(path)


def _message(items: list[dict[str, Any]], model: type[BaseModel], path: DataPath) -> str:
    found = describe(items[0].get("input"))
    if items[0]["type"] in ("model_type", "model_attributes_type"):
        # Name the keys the mapping takes: "expected a mapping" alone does not say them.
        shapes = [mapping_help(m) for m in sorted(models_at(model, path), key=str)]
        shapes = [shape for shape in shapes if shape]
        if shapes:
            return f"expected a mapping such as `{shapes[0]}`, found {found}"
    expected: list[str] = []
    for item in items:
        kind = item["type"]
        ctx = item.get("ctx") or {}
        if kind in _EXPECTED:
            expected.append(_EXPECTED[kind])
        elif kind == "literal_error":
            value = item.get("input")
            choices = [c.strip().strip("'") for c in str(ctx.get("expected", "")).split(" or ")]
            choices = [c for part in choices for c in part.split(", ")]
            hint = suggestion(str(value), [c.strip("'") for c in choices])
            return f"{describe(value)} is not allowed; use {ctx.get('expected')}{hint}"
        elif kind == "string_pattern_mismatch":
            return (
                f"{found} is not a valid id: use lowercase letters, digits and single hyphens, "
                "such as 'customer-focus'"
            )
        elif kind == "string_too_short":
            return "must not be empty"
        elif kind == "string_too_long":
            return f"is too long (at most {ctx.get('max_length')} characters)"
        elif kind == "too_short":
            count = ctx.get("min_length")
            return f"needs at least {count} item{'s' if count != 1 else ''}"
        elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            return f"{found} is out of range: {item['msg'].lower().replace('input ', 'it ')}"
        elif kind == "value_error":
            return str(item["msg"]).removeprefix("Value error, ")
        else:
            return f"{item['msg']} (found {found})"
    unique = list(dict.fromkeys(expected))
    value = items[0].get("input")
    hint = ""
    if unique == ["text"] and isinstance(value, dict) and len(value) == 1:
        # `- Cooperates: does the work` is a one-key mapping to YAML, text to its author.
        key, rest = next(iter(value.items()))
        hint = text_with_colon_hint(f"{key}: {rest}")
    return f"expected {' or '.join(unique)}, found {found}{hint}"
