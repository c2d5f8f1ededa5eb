"""The one exception family of interviewkit.

A `UserError` is bad input (exit status 2); an `InternalError` is a bug
(exit status 1). Both are `click.ClickException`s, so the command line catches
them once and the exit status falls out of click. Messages often repeat names
and text from the input, so they are shown printable and capped (`terminal`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

import click

from interviewkit import terminal

if TYPE_CHECKING:
    from interviewkit.library.problems import Problem


class InterviewkitError(click.ClickException):
    """Base class for every error interviewkit raises on purpose."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        terminal.echo(f"error: {self.format_message()}", err=True, file=file)


class UserError(InterviewkitError):
    """Bad input: content, arguments or files. Exit status 2."""

    exit_code = 2


class InternalError(InterviewkitError):
    """Something interviewkit did wrong. Exit status 1."""

    exit_code = 1


class ContentError(UserError):
    """One or more located content problems, reported all at once."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the content")

    def show(self, file: IO[Any] | None = None) -> None:
        for line in terminal.report(p.format() for p in self.problems):
            click.echo(line, err=True, file=file)
        errors = sum(1 for p in self.problems if p.is_error)
        click.echo(f"{errors} error(s) found; nothing was built.", err=True, file=file)
