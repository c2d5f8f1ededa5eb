"""The JSON Schema of content files, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from interviewkit.library.models import KINDS


def content_json_schema() -> dict[str, Any]:
    """One schema that accepts any content record: a scale, competency, question set or position."""
    _, schema = models_json_schema(
        [(model, "validation") for model in KINDS.values()],
        title="interviewkit content file",
    )
    defs = schema["$defs"]
    schema["anyOf"] = [{"$ref": f"#/$defs/{model.__name__}"} for model in KINDS.values()]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "A file under content/scales, content/competencies, content/question-sets or "
        "content/positions. Each holds one record."
    )
    schema["$defs"] = defs
    return schema
