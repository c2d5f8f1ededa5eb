"""Laying out many PDFs at once: a job per part, spread over the machine's cores.

Each job is one WeasyPrint layout of one small HTML document (a sheet, a form,
the guide). Measured here, a scoring sheet costs the same time laid out alone
or among many (layout time grows with pages, not documents), while one huge
document holds every page in memory at once. Jobs run in worker processes
(WeasyPrint is pure Python, so threads would share one core), longest first.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from interviewkit.errors import InternalError

LOGGER = logging.getLogger("interviewkit.pdf")
_PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for this process when its parent dies


@dataclass(frozen=True)
class PdfJob:
    name: str
    html: str
    forms: bool = False


@dataclass(frozen=True)
class PdfResult:
    name: str
    data: bytes
    warnings: tuple[str, ...]


def _run(job: PdfJob, allowed: Sequence[Path]) -> PdfResult:
    from interviewkit.pdf.layout import captured_warnings, render_pdf

    with captured_warnings() as warnings:
        data = render_pdf(job.html, base_dir=allowed[0], allowed=allowed, forms=job.forms)
    return PdfResult(job.name, data, tuple(warnings))


def end_with_parent() -> None:
    """Worker start-up: end this worker when the build that started it ends.

    Killing only the build (what `timeout`, CI and `kill PID` do) must not leave
    workers laying out pages nobody will read. Linux ends the worker at once;
    elsewhere a watch thread notices within a second.
    """
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the watch thread below does it
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def worker_count(jobs: int) -> int:
    """Processes worth starting: one per core, no more than there are jobs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, jobs))


def render_all(
    jobs: Sequence[PdfJob],
    allowed: Sequence[Path],
    *,
    workers: int | None = None,
    done: Callable[[PdfResult], None] | None = None,
) -> dict[str, PdfResult]:
    """Lay out every job; `done` is called as each one finishes."""
    notify = done or (lambda _result: None)
    ordered = sorted(jobs, key=lambda j: len(j.html), reverse=True)
    count = worker_count(len(ordered)) if workers is None else workers
    results: dict[str, PdfResult] = {}
    if count <= 1:
        for job in ordered:
            result = _run(job, allowed)
            results[job.name] = result
            notify(result)
        return results
    with ProcessPoolExecutor(max_workers=count, initializer=end_with_parent) as pool:
        futures = [pool.submit(_run, job, list(allowed)) for job in ordered]
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool as exc:
                raise InternalError(
                    "a layout worker stopped before it finished (killed, or out of memory); "
                    "nothing was written, and a new build starts from what is cached"
                ) from exc
            # What WeasyPrint logged in a worker is told here too, where it is watched.
            for message in result.warnings:
                LOGGER.warning(message)
            results[result.name] = result
            notify(result)
    return results
