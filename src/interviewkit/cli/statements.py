"""`statements`: the qualification statements of a position, ready to paste."""

from __future__ import annotations

from pathlib import Path

import click

from interviewkit import terminal
from interviewkit.cli.options import content_option, templates_option


@click.command("statements")
@click.argument("position")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
)
@content_option
@templates_option
@click.option("--draft", is_flag=True, help="Allow draft competencies.")
def statements_command(
    position: str, fmt: str, content_dir: Path | None, templates_dir: Path | None, draft: bool
) -> None:
    """Print the qualification statements of POSITION, ready to paste into an announcement."""
    from interviewkit.build import BuildRequest, qualification_statements

    request = BuildRequest(
        position=position, content_dir=content_dir, templates_dir=templates_dir, draft=draft
    )
    text, warnings = qualification_statements(request, fmt)  # type: ignore[arg-type]
    for line in warnings:
        terminal.echo(line, err=True)
    terminal.echo_printable(text, nl=False)
