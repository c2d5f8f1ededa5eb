"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content folder (default: the built-in library).",
)


def out_option(help_text: str) -> Callable[[F], F]:
    """`--out DIR`, the folder that holds <position-id>/ (default: output)."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("output"),
        show_default=True,
        help=help_text,
    )


templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Your templates; a file here replaces the built-in one of the same name.",
)
