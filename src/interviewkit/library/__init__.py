"""The content library: YAML files in, validated records and located problems out.

The steps, each in its own module: `source` reads YAML keeping every
location, `models` validates one record, `messages` turns validation errors
into problems, `record_text` runs the word checks (`text_checks`,
`protected_topics`, `anchor_wording`, `examples`) on the fields they apply to,
`record_checks`, `cross_checks` and `position_checks` check what the models
cannot, `loading` reads a whole content folder, `review` decides which
problems matter for what is checked or built, and `validation` plans what
`validate PATH...` checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interviewkit.errors import ContentError

if TYPE_CHECKING:
    from interviewkit.library.records import Library

# The checks are imported when a library is opened, not with this package: the
# models alone (which people files need) should not cost the checks' start-up.


def open_library(content_dir: Path | None) -> Library:
    """Load the content folder (built-in when None), leaving its problems on it."""
    from interviewkit.library.loading import load_library
    from interviewkit.resources import builtin_content

    return load_library(content_dir if content_dir is not None else builtin_content())


def readable_library(content_dir: Path | None) -> Library:
    """The content folder for looking at, not building: refused only for errors in it.

    Nothing is built from it, so drafts count as unfinished, not broken, and what
    positions ask of the library is not checked (`validate` does that).
    """
    from interviewkit.library.review import review

    library = open_library(content_dir)
    problems = review(library, [], allow_drafts=True)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return library


__all__ = ["open_library", "readable_library"]
