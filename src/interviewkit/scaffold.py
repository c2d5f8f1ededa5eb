"""The files `interviewkit new` writes: commented starters that validate and build as written.

The starters live in `starter/` inside the package (so they travel in the
wheel). Each carries a default id (`my-position`, `my-competency`,
`interview-five`); a file written to a path takes its id from the file name
instead, so `new competency content/competencies/teamwork.yaml` gives the
competency `teamwork` with the questions `teamwork-q1`... and never collides
with another starter's ids. The verification questions of a new library are the
built-in library's own set, copied, so there is one text of them to maintain.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from interviewkit.errors import UserError
from interviewkit.library.models import ID_PATTERN
from interviewkit.resources import builtin_content

# What `new` can write, with the starter file and the id it carries.
STARTERS = {
    "position": ("position.yaml", "my-position"),
    "competency": ("competency.yaml", "my-competency"),
    "scale": ("scale.yaml", "interview-five"),
}
VERIFICATION_SET = "question-sets/reference-verification.yaml"


def starter_text(what: str, record_id: str | None = None) -> str:
    """The starter file for `what`, with its id (and the ids made from it) set to `record_id`."""
    name, default_id = STARTERS[what]
    return _with_id(_read_starter(name), default_id, record_id)


def id_from_path(path: Path) -> str:
    """The record id a file name stands for: `Teamwork Skills.yaml` -> `teamwork-skills`."""
    record_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not record_id or not ID_PATTERN.fullmatch(record_id):
        raise UserError(
            f"cannot make an id from the file name '{path.name}': name the file with "
            "lowercase letters, digits and hyphens, such as teamwork.yaml"
        )
    return record_id


def library_files() -> dict[str, str]:
    """A small content folder that validates and builds: path inside it -> text."""
    competency_id = STARTERS["competency"][1]
    position_id = STARTERS["position"][1]
    return {
        f"scales/{STARTERS['scale'][1]}.yaml": starter_text("scale"),
        VERIFICATION_SET: (builtin_content() / VERIFICATION_SET).read_text(encoding="utf-8"),
        f"competencies/{competency_id}.yaml": starter_text("competency"),
        f"positions/{position_id}.yaml": _read_starter("library-position.yaml"),
    }


def _read_starter(name: str) -> str:
    return (resources.files("interviewkit") / "starter" / name).read_text(encoding="utf-8")


def _with_id(text: str, default_id: str, record_id: str | None) -> str:
    if record_id is None or record_id == default_id:
        return text
    # Whole ids only: `my-competency` and `my-competency-q1`, not `my-competency2`.
    return re.sub(rf"(?<![a-z0-9-]){re.escape(default_id)}(?![a-z0-9])", record_id, text)
