"""A progress bar for long builds: shown on a terminal, silent when piped."""

from __future__ import annotations

import sys
from typing import Any

import click


class TerminalProgress:
    """Call with (done, total, name) as parts are laid out."""

    def __init__(self, label: str, *, minimum: int = 3):
        self.label = label
        self.minimum = minimum  # fewer parts than this finish too fast to need a bar
        self.bar: Any = None

    def __call__(self, done: int, total: int, _name: str) -> None:
        if not sys.stderr.isatty() or total < self.minimum:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)
        if done == total:
            self.bar.__exit__(None, None, None)
            self.bar = None
