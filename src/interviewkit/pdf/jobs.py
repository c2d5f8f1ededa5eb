"""The PDF stage's work as jobs on the worker processes, in the order it can run.

Every document to lay out is a job, those that hold up the most work first
(`in_order`). A file is assembled, also in a worker, as soon as every document
it is made of is laid out, so the scoring sheets are written while the guide
is still being laid out. Copies that need page-number stamps wait for them; the
stamps are laid out once the lengths of the copies they number are known.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewkit.pdf.cache import RenderCache
from interviewkit.pdf.plan import Layout, OutputPdf, PageNumbers
from interviewkit.pdf.workers import (
    AssemblyJob,
    PdfJob,
    PdfResult,
    WorkerPool,
    assemble_job,
    layout_job,
)

Progress = Callable[[int, int, str], None]  # (done, total, what just finished)


@dataclass
class Jobs:
    """One build's layouts and assemblies."""

    cache: RenderCache
    template_folders: list[Path]
    progress: Progress | None
    rendered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    numbers_used: set[str] = field(default_factory=set)  # the page-number stamps' document

    def run(
        self,
        layouts: list[Layout],
        outputs: list[OutputPdf],
        page_numbers: PageNumbers | None,
        pool: WorkerPool,
    ) -> dict[str, bytes]:
        """Lay out what the cache lacks and assemble every output; file name -> bytes."""
        missing = [layout for layout in layouts if not self.cache.has(layout.key)]
        pending = in_order(missing, outputs)
        state = _State(self, outputs, page_numbers, total=len(pending) + len(outputs))
        state.pool = pool
        state.queue = pending
        state.start_ready()
        state.fill()
        while state.running:
            finished, _ = wait(list(state.running), return_when=FIRST_COMPLETED)
            for future in finished:
                state.finished(future)
        return state.files


@dataclass
class _State:
    jobs: Jobs
    outputs: list[OutputPdf]
    page_numbers: PageNumbers | None
    total: int
    pool: WorkerPool | None = None
    running: dict[Future[Any], tuple[str, Any]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    numbers: Layout | None = None
    number_pages: dict[tuple[int, int], int] = field(default_factory=dict)
    numbers_state: str = "none"  # none -> laying-out -> ready
    done: int = 0
    # Documents waiting for a free worker, longest first. They are handed out one
    # at a time as workers come free, so that what unblocks a file (its page-number
    # stamps, its assembly) goes to the next free worker instead of queueing behind
    # every document not yet started.
    queue: list[Layout] = field(default_factory=list)

    def fill(self) -> None:
        """Hand queued documents to the workers that are free."""
        assert self.pool is not None
        while self.queue and len(self.running) < self.pool.capacity:
            self.lay_out(self.queue.pop(0))

    def lay_out(self, layout: Layout, what: str = "layout") -> None:
        assert self.pool is not None
        job = PdfJob(layout.key, layout.html, layout.forms, layout.under)
        future = self.pool.submit(layout_job, job, self.jobs.template_folders)
        self.running[future] = (what, layout)

    def finished(self, future: Future[Any]) -> None:
        what, subject = self.running.pop(future)
        if what in ("layout", "numbers"):
            result: PdfResult = future.result()
            self.jobs.cache.store_part(result.name, result.data)
            self.jobs.rendered.append(result.name)
            self.jobs.warnings.extend(result.warnings)
            if what == "numbers":
                self.numbers_state = "ready"
            self._report(subject.key)
        else:
            self.files[subject.filename] = future.result()
            self._report(subject.filename)
        self.start_ready()
        self.fill()

    def _report(self, name: str) -> None:
        self.done += 1
        if self.jobs.progress is not None:
            self.jobs.progress(self.done, self.total, name)

    def start_ready(self) -> None:
        """Start every assembly whose documents are all laid out, and the page-number
        stamps as soon as the bodies they number are."""
        numbered = any(output.numbered for output in self.outputs)
        numbers_ready = self._numbers_ready() if numbered else True
        for output in self.outputs:
            if output.filename in self.started or not self._laid_out(output):
                continue
            if output.numbered and not numbers_ready:
                continue
            self.started.add(output.filename)
            assert self.pool is not None
            job = AssemblyJob(
                folder=self.jobs.cache.folder,
                parts={key: self.jobs.cache.parts[key] for key in _keys(output, self.numbers)},
                output=output,
                numbers=self.numbers.key if self.numbers is not None else None,
                number_pages=dict(self.number_pages),
            )
            self.running[self.pool.submit(assemble_job, job)] = ("assembly", output)

    def _laid_out(self, output: OutputPdf) -> bool:
        return all(self.jobs.cache.has(key) for key in _keys(output, None))

    def _numbers_ready(self) -> bool:
        """Whether the page-number stamps are laid out; starts them once they can be."""
        if self.numbers_state == "ready":
            return True
        if self.numbers_state == "laying-out" or self.page_numbers is None:
            return False
        numbered = [output for output in self.outputs if output.numbered]
        # The stamps number the pages of the copies' bodies: only those must be laid out.
        bodies = {copy.layout for output in numbered for copy in output.copies if copy.numbered}
        if not all(self.jobs.cache.has(key) for key in bodies):
            return False
        pairs = _page_number_pairs(self.jobs.cache, numbered)
        self.numbers = Layout.of(self.page_numbers(pairs))
        self.jobs.numbers_used.add(self.numbers.key)
        self.number_pages = {pair: index for index, pair in enumerate(pairs)}
        self.total += 1
        if self.jobs.cache.has(self.numbers.key):
            self.numbers_state = "ready"
            return True
        self.numbers_state = "laying-out"
        self.lay_out(self.numbers, "numbers")
        return False


# Assembling one copy takes about as long as laying out this much html (20 ms
# against 25 microseconds a byte, measured on the benchmark's posting).
COPY_WEIGHT = 800


def in_order(layouts: list[Layout], outputs: list[OutputPdf]) -> list[Layout]:
    """`layouts` in the order they are laid out.

    First the documents of files with numbered copies (the reference forms). Those
    files take longest to assemble, as every page carries the page-number stamp as
    well as its own, and they wait for the page-number stamps, which wait for their
    bodies. Then the rest by how long the work that waits on them is: the
    document's html length, a fair guess at its layout time, plus the assembly of
    the largest file it is part of, by its number of copies. The scoring sheets'
    stamps, short to lay out but holding up a file of hundreds of copies, so go
    before the guide, which is assembled in a moment, and the last jobs are short
    ones that keep both workers busy to the end.
    """
    numbered: set[str] = set()
    copies: dict[str, int] = {}
    for output in outputs:
        for key in layout_keys(output):
            copies[key] = max(copies.get(key, 0), len(output.copies))
            if output.numbered:
                numbered.add(key)

    def rank(layout: Layout) -> tuple[bool, int]:
        html = len(layout.html) + len(layout.under or "")  # a text layer lays out its body too
        waiting = html + COPY_WEIGHT * copies.get(layout.key, 0)
        return layout.key not in numbered, -waiting

    return sorted(layouts, key=rank)


def _keys(output: OutputPdf, numbers: Layout | None) -> set[str]:
    keys = layout_keys(output)
    if numbers is not None and output.numbered:
        keys.add(numbers.key)
    return keys


def layout_keys(output: OutputPdf) -> set[str]:
    """The documents an output file is made of."""
    keys = set()
    for copy in output.copies:
        keys.add(copy.layout)
        keys.update(stamp.layout for stamps in copy.stamps for stamp in stamps)
        if copy.layer is not None:
            keys.add(copy.layer[0])
    return keys


def _page_number_pairs(cache: RenderCache, outputs: list[OutputPdf]) -> list[tuple[int, int]]:
    """Every (page n, of N) the numbered copies of `outputs` print, in a stable order."""
    from interviewkit.pdf.sources import copy_lengths

    anchors: dict[str, set[str | None]] = {}
    for output in outputs:
        for copy in output.copies:
            if copy.numbered:
                anchors.setdefault(copy.layout, set()).add(copy.anchor)
    pairs: set[tuple[int, int]] = set()
    for layout, wanted in anchors.items():
        data = cache.get(layout)
        assert data is not None
        for count in copy_lengths(data, list(wanted)).values():
            pairs.update((n, count) for n in range(1, count + 1))
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))
