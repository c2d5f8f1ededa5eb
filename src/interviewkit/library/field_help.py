"""What a field of a content record looks like, for messages that say how to fix it.

The models are the one place that knows each field: its type, its allowed values
(a `Literal`) and an example value (`examples=`). The messages read them here,
so a message and the JSON Schema can never disagree about what a field takes.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from interviewkit.library.problems import DataPath


def models_at(model: type[BaseModel], path: DataPath) -> set[type[BaseModel]]:
    """The model(s) that describe the mapping at `path` inside a `model` record."""
    models: set[type[BaseModel]] = {model}
    for part in path:
        if isinstance(part, int):
            continue
        following: set[type[BaseModel]] = set()
        for current in models:
            field = current.model_fields.get(part)
            if field is not None:
                following.update(_models_in(field.annotation))
        if following:
            models = following
    return models


def field_names_at(model: type[BaseModel], path: DataPath) -> set[str]:
    """Field names of the model(s) that describe the mapping at `path`."""
    return {name for m in models_at(model, path) for name in m.model_fields}


def field_at(model: type[BaseModel], path: DataPath) -> FieldInfo | None:
    """The field a path ends in (`competencies[0].id` -> PositionCompetency.id), if known."""
    if not path or not isinstance(path[-1], str):
        return None
    for owner in models_at(model, path[:-1]):
        found = owner.model_fields.get(path[-1])
        if found is not None:
            return found
    return None


def allowed_values(field: FieldInfo) -> list[str]:
    """The values a `Literal` field allows, in the order the model lists them."""
    annotation = field.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Literal:
            return [str(v) for v in typing.get_args(arg)]
    return []


def quoted_choices(values: list[str]) -> str:
    """`'a', 'b' or 'c'`."""
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def yaml_line(key: str, value: Any) -> str:
    """`key: value` as one line of YAML, quoted where YAML needs it."""
    text = yaml.safe_dump(
        {key: value}, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False
    )
    return text.strip().removeprefix("{").removesuffix("}")


def missing_help(field: FieldInfo | None, key: str) -> str:
    """How to add a required field: an example line, and the allowed values of a choice."""
    if field is None:
        return ""
    choices = allowed_values(field)
    examples = field.examples or []
    if choices:
        example = examples[0] if examples else choices[0]
        return f": add `{yaml_line(key, example)}` (one of {quoted_choices(choices)})"
    if examples:
        return f": add it, e.g. `{yaml_line(key, examples[0])}`"
    return ""


def mapping_help(model: type[BaseModel]) -> str:
    """An example mapping of a model's required fields, as one line of YAML flow style."""
    example = {
        name: field.examples[0]
        for name, field in model.model_fields.items()
        if field.is_required() and field.examples
    }
    if not example:
        return ""
    return yaml_line("x", example).removeprefix("x: ")


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models_in(typing.get_args(annotation)[0])
        return
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)
