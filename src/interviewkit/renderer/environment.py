"""The one Jinja environment: user templates first, autoescaped, strict, sandboxed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from interviewkit.errors import InternalError, UserError
from interviewkit.renderer import filters
from interviewkit.resources import builtin_templates


@dataclass(frozen=True)
class TemplateSet:
    """Where templates come from: a user's folder (optional) before the built-in one."""

    user_dir: Path | None = None

    @property
    def folders(self) -> list[Path]:
        builtin = builtin_templates()
        return [self.user_dir, builtin] if self.user_dir else [builtin]

    def source_of(self, name: str) -> Path:
        """The file a template name resolves to (the user's copy wins)."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise UserError(f"template '{name}' not found in {', '.join(map(str, self.folders))}")

    def fingerprint(self, names: Iterable[str]) -> dict[str, str]:
        """sha256 of each named template as resolved, for the manifest and the cache."""
        return {
            name: hashlib.sha256(self.source_of(name).read_bytes()).hexdigest()
            for name in sorted(names)
        }


class PlainDataEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, reading `a.b` on a mapping as its item `b` first.

    Templates receive plain mappings; a key such as `values` or `items` must
    print the data, not reach the mapping's method of the same name.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(templates: TemplateSet) -> ImmutableSandboxedEnvironment:
    """Jinja configured once for every document.

    The sandbox keeps a shared template from reaching Python internals; autoescaping
    keeps names and content text as text; StrictUndefined turns a misspelled
    variable into an error instead of an empty string.
    """
    if templates.user_dir is not None and not templates.user_dir.is_dir():
        raise UserError(f"--templates: folder not found: {templates.user_dir}")
    env = PlainDataEnvironment(
        loader=ChoiceLoader([ConfinedLoader(f) for f in templates.folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters.FILTERS)
    env.interviewkit_templates = templates  # type: ignore[attr-defined]
    return env


class ConfinedLoader(FileSystemLoader):
    """A folder loader that will not follow a link out of its folder.

    Jinja's own loader already refuses `..`; a symbolic link inside a shared
    template folder could still point at any file on the machine.
    """

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.root = folder.resolve()

    def get_source(self, environment: Environment, template: str):  # type: ignore[no-untyped-def]
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise TemplateNotFound(template)
        return source, filename, uptodate


def render_template(env: Environment, name: str, context: dict[str, object]) -> str:
    """Render one template; a broken user template is bad input, not a crash."""
    templates: TemplateSet | None = getattr(env, "interviewkit_templates", None)
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as exc:
        message = (
            f"template '{exc.name}' not found (used by {name}); templates are read only from "
            "the template folders, and links out of them are not followed"
        )
        if templates is not None and templates.user_dir is not None:
            raise UserError(message) from exc
        raise InternalError(message) from exc
    except TemplateError as exc:
        origin = _origin(exc, name, templates)
        line = getattr(exc, "lineno", None)
        where = f"{origin}:{line}" if line else origin
        message = f"template {where}: {exc.message or type(exc).__name__}"
        if templates is not None and templates.user_dir is not None:
            raise UserError(message) from exc
        raise InternalError(message) from exc


def _origin(exc: TemplateError, name: str, templates: TemplateSet | None) -> str:
    filename = getattr(exc, "filename", None) or getattr(exc, "name", None) or name
    if templates is not None:
        try:
            return str(templates.source_of(Path(str(filename)).name))
        except UserError:
            pass
    return str(filename)


def template_names() -> list[str]:
    """Every built-in template, so a user override can be recognised by file name."""
    return sorted(p.name for p in builtin_templates().iterdir() if p.is_file())


__all__ = [
    "TemplateNotFound",
    "TemplateSet",
    "make_environment",
    "render_template",
    "template_names",
]
