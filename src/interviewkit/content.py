"""Opening the content library a command works on."""

from __future__ import annotations

from pathlib import Path

from interviewkit.errors import ContentError
from interviewkit.resources import builtin_content
from interviewkit.schema.library import Library, load_library


def open_library(content_dir: Path | None, *, allow_drafts: bool, strict: bool) -> Library:
    """Load the content folder (built-in when None).

    With `strict`, any error raises `ContentError` listing every problem; without,
    the problems are left on the library for the caller to report.
    """
    root = content_dir if content_dir is not None else builtin_content()
    library = load_library(root, allow_drafts=allow_drafts)
    if strict and library.errors:
        raise ContentError(library.problems)
    return library


__all__ = ["Library", "open_library"]
