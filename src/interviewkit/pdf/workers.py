"""Worker processes for the PDF stage, and the jobs they run.

A layout job lays out one HTML document with WeasyPrint; an assembly job
writes one output file from laid-out documents in the cache. Both run in
worker processes, one per core (WeasyPrint is pure Python, so threads would
share one core), and end with the build that started them.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from interviewkit.errors import InternalError
from interviewkit.pdf.plan import OutputPdf

LOGGER = logging.getLogger("interviewkit.pdf")
_PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for this process when its parent dies
T = TypeVar("T")
_in_worker = False  # set in the worker processes the pool starts


@dataclass(frozen=True)
class PdfJob:
    name: str
    html: str
    forms: bool = False
    under: str | None = None  # a text layer's body


@dataclass(frozen=True)
class PdfResult:
    name: str
    data: bytes
    warnings: tuple[str, ...]


def layout_job(job: PdfJob, allowed: Sequence[Path]) -> PdfResult:
    """Lay out one document (in a worker)."""
    from interviewkit.pdf.layout import captured_warnings, render_pdf

    with captured_warnings() as warnings:
        data = render_pdf(
            job.html, base_dir=allowed[0], allowed=allowed, forms=job.forms, under=job.under
        )
    release_memory()
    return PdfResult(job.name, data, tuple(warnings))


@dataclass(frozen=True)
class AssemblyJob:
    folder: Path  # the packet folder, whose cache holds the laid-out documents
    parts: dict[str, str]  # key -> sha256 of every laid-out document the file uses
    output: OutputPdf
    numbers: str | None  # the page-number stamps' document, if the file has numbered copies
    number_pages: dict[tuple[int, int], int]


def assemble_job(job: AssemblyJob) -> bytes:
    """Assemble one output file from cached documents (in a worker)."""
    from interviewkit.pdf.assemble import assemble_output
    from interviewkit.pdf.cache import RenderCache

    cache = RenderCache(job.folder, parts=dict(job.parts))
    data = assemble_output(job.output, cache, job.numbers, job.number_pages)
    release_memory()
    return data


def release_memory() -> None:
    """Hand the memory a finished job freed back to the system (in a worker).

    A long document's layout takes a worker to a few hundred MB; C's allocator
    keeps what was freed for the process's own reuse, so an idle worker would
    go on holding its largest job's memory for the rest of the build.
    """
    if not _in_worker:
        return  # one process does everything: it ends with the build anyway
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc's; elsewhere nothing to trim
        ctypes.CDLL(None).malloc_trim(0)


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


def start_worker() -> None:
    """Worker start-up: tie the worker to its build, and import what layout needs.

    Importing WeasyPrint takes about a second; a worker does it while the build is
    still rendering HTML, not when its first document arrives.
    """
    end_with_parent()
    import pikepdf  # noqa: F401
    import weasyprint  # noqa: F401

    global _in_worker
    _in_worker = True
    # What is loaded now lives as long as the worker: the collector need not look at
    # it again, so collecting a finished job's garbage (`release_memory`) takes
    # milliseconds, not a tenth of a second. A layout makes millions of short-lived
    # objects; collecting the young ones every 50,000 allocations instead of every
    # 700 saves about 5 % of layout time, for little memory.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _ready() -> None:
    """A job that does nothing: submitted once per worker to start it."""


def worker_count() -> int:
    """Processes worth starting: one per core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


class WorkerPool:
    """Worker processes (one per core), or the calling process itself when one is enough.

    WeasyPrint is pure Python, so threads would share one core. A worker that dies
    (killed, out of memory) is a message, not a traceback.
    """

    def __init__(self, workers: int | None = None):
        count = worker_count() if workers is None else workers
        self.executor: ProcessPoolExecutor | None = None
        self.capacity = max(1, count)  # jobs that can run at once
        if count > 1:
            self.executor = ProcessPoolExecutor(max_workers=count, initializer=start_worker)
            for _ in range(count):  # start every worker now, so each imports while we work
                self.executor.submit(_ready)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.executor is None:
            return
        if exc_type is not None:
            # The build failed (bad content, say): what the workers are doing is wanted by
            # nobody, so they end now instead of after their current job. They write
            # nothing themselves; the build keeps what they made.
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        if self.executor is not None:
            return _checked(self.executor.submit(function, *args))
        future: Future[T] = Future()
        try:
            future.set_result(function(*args))
        except BaseException as exc:  # handed to whoever waits on the future
            future.set_exception(exc)
        return future


def _checked(future: Future[T]) -> Future[T]:
    """`future`, with a dead worker turned into an InternalError."""
    checked: Future[T] = Future()

    def relay(done: Future[T]) -> None:
        try:
            checked.set_result(done.result())
        except BrokenProcessPool:
            checked.set_exception(
                InternalError(
                    "a layout worker stopped before it finished (killed, or out of memory); "
                    "nothing was written, and a new build starts from what is cached"
                )
            )
        except BaseException as exc:
            checked.set_exception(exc)

    future.add_done_callback(relay)
    return checked
