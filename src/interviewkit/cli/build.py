"""`build`: the packet for one position."""

from __future__ import annotations

from pathlib import Path

import click

from interviewkit import terminal
from interviewkit.cli.options import content_option, out_option, templates_option
from interviewkit.cli.progress import TerminalProgress

paper_option = click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default="letter",
    show_default=True,
    help="Paper size of the PDFs.",
)


@click.command("build")
@click.argument("position")
@out_option("Folder that receives <position-id>/.")
@click.option(
    "--candidates",
    "candidates_csv",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV with a 'name' column (optional 'id', 'referees' separated by ';').",
)
@click.option("--panel", help='Panelists, separated by commas: "Name One,Name Two".')
@content_option
@templates_option
@paper_option
@click.option(
    "--sheet-layout",
    type=click.Choice(["competency", "question"]),
    default="competency",
    show_default=True,
    help="Scoring sheets with a page per competency, or a roomier page per question.",
)
@click.option("--draft", is_flag=True, help="Allow draft competencies; every page says DRAFT.")
@click.option("--no-forms", is_flag=True, help="Plain print scoring sheets, no PDF form fields.")
@click.option("--blind", is_flag=True, help="Codes, not names, on scoring and consensus sheets.")
@click.option(
    "--split",
    is_flag=True,
    help="Also write one scoring-sheet file per panelist and one reference file per candidate.",
)
@click.option(
    "--duplex",
    is_flag=True,
    help="End every sheet and form on an even page, for printing on both sides.",
)
def build_command(
    position: str,
    out_dir: Path,
    candidates_csv: Path | None,
    panel: str | None,
    content_dir: Path | None,
    templates_dir: Path | None,
    paper: str,
    sheet_layout: str,
    draft: bool,
    no_forms: bool,
    blind: bool,
    split: bool,
    duplex: bool,
) -> None:
    """Build the packet for POSITION (an id, or a path to a position YAML file).

    Writes the interview guide, scoring sheets, reference-check forms, consensus
    sheet, qualification statements and manifest.json to OUT/<position-id>/.
    """
    from interviewkit.build import BuildRequest, build

    request = BuildRequest(
        position=position,
        content_dir=content_dir,
        templates_dir=templates_dir,
        out_dir=out_dir,
        candidates_csv=candidates_csv,
        panel_names=panel,
        paper=paper,  # type: ignore[arg-type]
        sheet_layout=sheet_layout,  # type: ignore[arg-type]
        draft=draft,
        forms=not no_forms,
        blind=blind,
        split=split,
        duplex=duplex,
    )
    result = build(request, TerminalProgress("making PDFs"))
    for line in result.content_warnings:
        click.echo(line, err=True)
    for warning in result.warnings:
        terminal.echo(f"warning: {warning}", err=True)
    laid_out = len(result.rendered)
    if laid_out == 0:
        detail = "nothing changed since the last build"
    elif result.reused:
        detail = f"{laid_out} document(s) laid out, {result.reused} unchanged"
    else:
        detail = f"{laid_out} document(s) laid out"
    terminal.echo(f"built {len(result.files)} files in {result.folder} ({detail})")
    for path in result.files:
        terminal.echo(f"  {path.name}")
