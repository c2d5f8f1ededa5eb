"""Where the built-in content and templates live.

In an installed wheel they travel inside the package (`interviewkit/_data/`);
in a source checkout they are the repository's `content/` and `templates/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent.parent / name  # src/interviewkit -> repository root


def builtin_content() -> Path:
    return _find("content")


def builtin_templates() -> Path:
    return _find("templates")
