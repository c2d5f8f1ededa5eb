"""The command line: parses arguments and calls the pipeline, nothing more.

Heavy modules (WeasyPrint above all) are imported inside the commands that
need them, so `interviewkit --help` and `validate` start fast.
"""

from __future__ import annotations

import sys

import click

from interviewkit import __version__
from interviewkit.cli.build import build_command
from interviewkit.cli.inspect import list_command, schema_command, validate_command
from interviewkit.cli.new import new_command
from interviewkit.cli.score import score_command
from interviewkit.cli.statements import statements_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="interviewkit")
def cli() -> None:
    """Structured-interview packets from competency content.

    Content (competencies, questions, scales, positions) is YAML; the packet is
    print-ready PDFs. Exit status: 0 done, 1 an unexpected failure, 2 bad input.
    """


cli.add_command(validate_command)
cli.add_command(list_command)
cli.add_command(schema_command)
cli.add_command(build_command)
cli.add_command(statements_command)
cli.add_command(new_command)
cli.add_command(score_command)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="interviewkit", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted", err=True)
        sys.exit(130)
