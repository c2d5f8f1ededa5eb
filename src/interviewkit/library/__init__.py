"""The content library: YAML files in, validated records and located problems out.

The steps, each in its own module: `source` reads YAML keeping every
location, `models` validates one record, `messages` turns validation errors
into problems, `text_checks` reads the words, `record_checks`, `cross_checks`
and `position_checks` check what the models cannot, and `loading` runs them
over a whole content folder.
"""

from __future__ import annotations

from pathlib import Path

from interviewkit.errors import ContentError
from interviewkit.library.loading import load_library, read_record
from interviewkit.library.records import Entry, Library
from interviewkit.resources import builtin_content


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


__all__ = ["Entry", "Library", "load_library", "open_library", "read_record"]
