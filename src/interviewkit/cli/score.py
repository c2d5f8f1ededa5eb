"""`score`: the panel's ratings in, the score summary out."""

from __future__ import annotations

from pathlib import Path

import click

from interviewkit import terminal
from interviewkit.cli.options import out_option, templates_option


@click.command("score")
@click.argument("position")
@click.argument("sheets", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@out_option("Folder holding <position-id>/ from the build; the summary goes there.")
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Rank candidates with missing ratings on the ratings given.",
)
@templates_option
def score_command(
    position: str,
    sheets: tuple[Path, ...],
    out_dir: Path,
    allow_incomplete: bool,
    templates_dir: Path | None,
) -> None:
    """Combine filled scoring sheets (PDF forms or CSV) into a score summary.

    CSV files have the columns candidate (the name, the printed code or the
    applicant id), panelist, question (its id, or the number printed on the sheet)
    and rating. Writes score-summary.csv, score-flags.csv and score-summary.pdf; a
    blind build's summary shows codes, and the names go to score-names-for-hr.csv.
    """
    from interviewkit.score import score

    result = score(
        position,
        list(sheets),
        out_dir=out_dir,
        allow_incomplete=allow_incomplete,
        templates_dir=templates_dir,
    )
    for warning in result.warnings:
        terminal.echo(f"warning: {warning}", err=True)
    summary = result.summary
    click.echo(
        f"scored {len(summary.candidates)} candidate(s): {len(summary.ranked)} ranked, "
        f"{len(summary.flags)} cell(s) and {len(summary.question_flags)} question(s) "
        "flagged for discussion"
    )
    missing = sum(len(c.missing) for c in summary.candidates)
    if missing:
        click.echo(f"{missing} rating(s) missing; see score-summary.pdf", err=True)
    for path in result.files:
        terminal.echo(f"  {path}")
