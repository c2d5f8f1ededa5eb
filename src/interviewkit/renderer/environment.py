"""The one Jinja environment: user templates first, autoescaped, strict, sandboxed, bounded."""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.loaders import split_template_path

from interviewkit import limits
from interviewkit.errors import InternalError, InterviewkitError, UserError
from interviewkit.renderer import budget, filters
from interviewkit.renderer.bounds import WorkLimitError, bounded_filter, bounded_output
from interviewkit.renderer.sandbox import PlainDataEnvironment
from interviewkit.renderer.templates import TemplateSet, template_names


def make_environment(templates: TemplateSet) -> PlainDataEnvironment:
    """Jinja configured once for every document.

    The sandbox keeps a shared template from reaching Python internals and bounds
    its work; autoescaping keeps names and content text as text; StrictUndefined
    turns a misspelled variable into an error instead of an empty string.
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
        finalize=bounded_output,
    )
    env.filters.update(filters.FILTERS)
    env.filters = {name: bounded_filter(name, f) for name, f in env.filters.items()}
    env.interviewkit_templates = templates  # type: ignore[attr-defined]
    return env


class ConfinedLoader(BaseLoader):
    """A folder loader that reads only text files inside its folder, of a bounded size.

    Jinja's own loader already refuses `..`; a symbolic link inside a shared
    template folder could still point at any file on the machine.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.resolve()

    def get_source(self, environment: Environment, template: str):  # type: ignore[no-untyped-def]
        path = Path(self.folder, *split_template_path(template))
        if not path.is_file() or not path.resolve().is_relative_to(self.root):
            raise TemplateNotFound(template)
        size = path.stat().st_size
        if size > limits.MAX_TEMPLATE_BYTES:
            raise TemplateFileRefused(
                path, f"{size:,} bytes; templates are limited to {limits.MAX_TEMPLATE_BYTES:,}"
            )
        try:
            source = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateFileRefused(path, f"not UTF-8 text (byte {exc.start})") from exc
        mtime = path.stat().st_mtime_ns

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate


class TemplateFileRefused(TemplateError):
    """A template file that is too large or not text."""

    def __init__(self, path: Path, why: str):
        super().__init__(f"{path}: {why}")
        self.path = path


def render_template(env: Environment, name: str, context: dict[str, object]) -> str:
    """Render one template within its time and size limits.

    Whatever goes wrong inside a template is reported with the template's file
    and line: bad input (exit 2) when the templates are the user's or the
    template asked for too much work, a bug of ours (exit 1) when a built-in
    template fails.
    """
    try:
        with budget.limited(env) as within:
            return budget.collect(env.get_template(name).generate(context), within)
    except Exception as exc:  # anything a template does wrong, reported where it happened
        raise _failure(exc, name, getattr(env, "interviewkit_templates", None)) from exc


def _failure(exc: Exception, name: str, templates: TemplateSet | None) -> InterviewkitError:
    users = templates is not None and templates.user_dir is not None
    if isinstance(exc, TemplateNotFound):
        message = (
            f"template '{exc.name}' not found (used by {name}); templates are read only from "
            "the template folders, and links out of them are not followed"
        )
        return UserError(message) if users else InternalError(message)
    if isinstance(exc, TemplateFileRefused):
        return UserError(f"template {exc.message}")
    message = f"template {_where(exc, name, templates)}: {_why(exc)}"
    if users or isinstance(exc, WorkLimitError | MemoryError | RecursionError):
        return UserError(message)
    return InternalError(message)


def _why(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "templates include or call each other too deeply (a template that includes itself?)"
    if isinstance(exc, MemoryError):
        return "ran out of memory; a template makes values far too large"
    if isinstance(exc, TemplateError):
        return exc.message or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


def _where(exc: Exception, name: str, templates: TemplateSet | None) -> str:
    """`file:line` of the innermost template line that failed, as far as it is known.

    Jinja rewrites a failing render's traceback so each template frame carries
    the template's file name and line; Python's own frames are `.py` files.
    """
    filename: str | None = getattr(exc, "filename", None)
    line: int | None = getattr(exc, "lineno", None)
    trace = exc.__traceback__
    while trace is not None:
        code_file = trace.tb_frame.f_code.co_filename
        if not code_file.endswith(".py") and not code_file.startswith("<"):
            filename, line = code_file, trace.tb_lineno
        trace = trace.tb_next
    if filename is None and templates is not None:
        with contextlib.suppress(UserError):
            filename = str(templates.source_of(name))
    origin = filename or name
    return f"{origin}:{line}" if line else origin


__all__ = [
    "TemplateNotFound",
    "TemplateSet",
    "make_environment",
    "render_template",
    "template_names",
]
