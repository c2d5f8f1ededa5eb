"""`new`: commented files to start from."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from interviewkit.errors import UserError


@click.command("new")
@click.argument("what", type=click.Choice(["position"]))
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def new_command(what: str, path: Path | None, force: bool) -> None:
    """Write a commented position file to start from (to PATH, or standard output)."""
    text = (resources.files("interviewkit") / "starter" / "position.yaml").read_text("utf-8")
    if path is None:
        click.echo(text, nl=False)
        return
    if path.exists() and not force:
        raise UserError(f"{path} already exists; choose another name or use --force")
    from interviewkit.output import write_files

    write_files(path.parent if str(path.parent) else Path(), {path.name: text.encode()})
    click.echo(
        f"wrote {path}; edit it, then run: interviewkit validate && interviewkit build {path}"
    )
