"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content folder (default: the built-in library).",
)
