"""How long one render may run and how much HTML it may make.

The sandbox checks the deadline at every call, attribute lookup, operator and
loop step (`RenderBudget.check`). Work the checks cannot see, such as a filter
looping inside Python, is stopped by a timer signal on Unix (`alarm`), a little
after the deadline. The output is counted as it streams out (`collect`).
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic
from types import FrameType

from interviewkit import limits
from interviewkit.renderer.bounds import WorkLimitError

REPEAT_SECONDS = 0.25


class RenderTimeout(WorkLimitError):
    """A render ran past its deadline."""


def _timeout() -> RenderTimeout:
    return RenderTimeout(
        f"still rendering after {limits.RENDER_SECONDS:g} seconds; a template loops too long"
    )


class RenderBudget:
    """The deadline of the render under way; none when nothing is rendering."""

    def __init__(self, deadline: float = math.inf):
        self.deadline = deadline

    def check(self) -> None:
        if monotonic() > self.deadline:
            raise _timeout()


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Raise `RenderTimeout` in this thread after `seconds`, where signals allow it.

    Only the main thread of a Unix process receives the signal; elsewhere the
    sandbox's own checks are the only limit.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not in_main_thread:
        yield
        return

    def ring(_signum: int, _frame: FrameType | None) -> None:
        raise _timeout()

    previous_handler = signal.signal(signal.SIGALRM, ring)
    # It keeps ringing until the render ends: Jinja evaluates constant filter calls
    # while compiling and swallows any exception they raise, the first ring too.
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # someone else's timer: give it back
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)


@contextmanager
def limited(budget_holder: object) -> Iterator[RenderBudget]:
    """A fresh deadline for one render, set on the environment's `budget` while it runs."""
    budget = RenderBudget(time.monotonic() + limits.RENDER_SECONDS)
    previous = getattr(budget_holder, "budget", RenderBudget())
    budget_holder.budget = budget  # type: ignore[attr-defined]
    try:
        with alarm(limits.RENDER_SECONDS + limits.ALARM_GRACE_SECONDS):
            yield budget
    finally:
        budget_holder.budget = previous  # type: ignore[attr-defined]


def collect(chunks: Iterator[str], budget: RenderBudget) -> str:
    """A render's streamed output, refused as soon as it grows past the HTML limit."""
    parts: list[str] = []
    size = 0
    limit = limits.MAX_HTML_CHARS
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise WorkLimitError(
                f"makes more than {limit:,} characters of HTML, the limit for one document"
            )
    budget.check()
    return "".join(parts)
