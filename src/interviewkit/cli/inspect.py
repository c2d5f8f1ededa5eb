"""`validate`, `list` and `schema`: looking at the content without building anything."""

from __future__ import annotations

import json
from pathlib import Path

import click

from interviewkit import terminal
from interviewkit.cli.options import content_option


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@content_option
@click.option("--draft", is_flag=True, help="Allow positions to use draft competencies.")
def validate_command(paths: tuple[Path, ...], content_dir: Path | None, draft: bool) -> None:
    """Check content and report every problem.

    With no PATH, the whole content folder (--content, or the built-in library).
    A PATH may be a content folder, or single files: a position file is checked
    with everything it uses, against the content folder it sits in (DIR/positions/),
    else --content, else the built-in library.
    """
    from interviewkit.library.validation import plan_checks, run_check

    outcomes = [run_check(c, allow_drafts=draft) for c in plan_checks(paths, content_dir)]
    problems = [problem.format() for outcome in outcomes for problem in outcome.problems]
    for line in terminal.report(problems):
        click.echo(line, err=True)
    failed = False
    for outcome in outcomes:
        warnings = len(outcome.problems) - outcome.errors
        if outcome.errors:
            failed = True
            click.echo(
                f"{outcome.errors} error(s), {warnings} warning(s) in {outcome.summary}", err=True
            )
        else:
            click.echo(f"ok: {outcome.summary}" + (f" ({warnings} warning(s))" if warnings else ""))
    if failed:
        raise click.exceptions.Exit(2)


@click.command("list")
@click.argument("what", type=click.Choice(["competencies", "questions", "positions", "scales"]))
@content_option
def list_command(what: str, content_dir: Path | None) -> None:
    """List what the library holds, one record a line, its id first."""
    from interviewkit.library import readable_library

    library = readable_library(content_dir)
    if what == "competencies":
        for entry in library.competencies.values():
            c = entry.record
            status = "  [draft]" if c.status == "draft" else ""
            terminal.echo_printable(
                f"{c.id}\t{c.name}\t{len(c.interview_questions)} interview, "
                f"{len(c.reference_questions)} reference questions{status}"
            )
        for draft_id, path in library.unreadable_drafts("competencies"):
            click.echo(
                f"{draft_id}\t(does not validate yet: interviewkit validate {path})  [draft]"
            )
    elif what == "questions":
        for competency, question in library.interview_questions():
            terminal.echo_printable(
                f"{question.id}\t{competency.id}\t{question.type}\t{question.text}"
            )
        for competency, ref in library.reference_questions():
            terminal.echo_printable(f"{ref.id}\t{competency.id}\treference\t{ref.text}")
        for qs in library.question_sets.values():
            for vq in qs.record.questions:
                terminal.echo_printable(f"{vq.id}\t{qs.record.id}\t{vq.type}\t{vq.text}")
    elif what == "positions":
        for p_entry in library.positions.values():
            p = p_entry.record
            terminal.echo_printable(f"{p.id}\t{p.title}\t{p.posting_number}\t{p.organization}")
    else:
        for s_entry in library.scales.values():
            s = s_entry.record
            points = ", ".join(f"{pt.value} {pt.label}" for pt in s.points)
            terminal.echo_printable(f"{s.id}\t{s.name}\t{s.purpose}\t{points}")


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of content files, for editor autocompletion."""
    from interviewkit.library.json_schema import content_json_schema

    click.echo(json.dumps(content_json_schema(), indent=2, sort_keys=True))
