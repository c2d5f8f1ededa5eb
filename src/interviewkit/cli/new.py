"""`new`: commented files, or a whole content folder, to start from."""

from __future__ import annotations

from pathlib import Path

import click

from interviewkit.errors import UserError


@click.command("new")
@click.argument("what", type=click.Choice(["position", "competency", "scale", "library"]))
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
def new_command(what: str, path: Path | None, force: bool) -> None:
    """Write a commented file to start from (to PATH, or standard output).

    `new library DIR` writes a small content folder: a rating scale, a competency,
    a position and the reference-verification questions. Everything `new` writes
    validates and builds as written; its example text is flagged until replaced.
    A file written to PATH takes its id from the file name.
    """
    from interviewkit.scaffold import id_from_path, library_files, starter_text

    if what == "library":
        if path is None:
            raise UserError("name the folder to create: interviewkit new library DIR")
        files = {path / name: text for name, text in library_files().items()}
        _write(files, force)
        click.echo(f"wrote a content folder in {path}:")
        for written in files:
            click.echo(f"  {written}")
        click.echo(
            "Every text in competencies/ and positions/ is an example to replace. Then run:\n"
            f"  interviewkit validate {path}\n"
            f"  interviewkit build {path / 'positions' / 'my-position.yaml'}"
        )
        return
    if path is None:
        click.echo(starter_text(what), nl=False)
        return
    _write({path: starter_text(what, id_from_path(path))}, force)
    then = f"interviewkit validate {path}"
    if what == "position":
        then += f" && interviewkit build {path}"
    click.echo(f"wrote {path}; replace the example text, then run: {then}")


def _write(files: dict[Path, str], force: bool) -> None:
    """Write each file atomically; refuse to overwrite anything without --force."""
    from interviewkit.output import write_files

    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        verb = "already exists" if len(existing) == 1 else "already exist"
        raise UserError(f"{', '.join(existing)} {verb}; choose another name or use --force")
    folders: dict[Path, dict[str, bytes]] = {}
    for target, text in files.items():
        folders.setdefault(target.parent, {})[target.name] = text.encode("utf-8")
    for folder, contents in folders.items():
        write_files(folder, contents)
