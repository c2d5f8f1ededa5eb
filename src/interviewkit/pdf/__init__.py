"""HTML documents in, finished PDF files out: each laid out once, cached, copied.

The steps, each in its own module: `plan` says which documents to lay out and
which files are made of their pages; `layout` lays out one document with
WeasyPrint and `workers` spreads that over the machine's cores; `sources`
reads a laid-out document, `copies` turns a run of its pages into a template
filled once per copy, `layers` stamps one page's content over another,
`assemble` writes a file from copies through the streaming `writer`; `cache`
keeps laid-out documents so a rebuild lays out only what changed. Nothing
outside this package touches the cache.

WeasyPrint and pikepdf are imported only when PDFs are made, so commands that
make none start quickly.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewkit.errors import InternalError
from interviewkit.pdf.cache import CACHE_FILE, RenderCache, build_fingerprint, sha256
from interviewkit.pdf.plan import Copy, Layout, OutputPdf, PdfPlan, Stamp

Progress = Callable[[int, int, str], None]  # (done, total, document just finished)

__all__ = [
    "CACHE_FILE",
    "Copy",
    "Layout",
    "MadePdfs",
    "OutputPdf",
    "PdfPlan",
    "Stamp",
    "build_fingerprint",
    "make_pdfs",
    "previous_build",
]


def previous_build(folder: Path, fingerprint: str) -> dict[str, bytes] | None:
    """Every file of the last build into `folder`, if its inputs were the same and no
    file was touched since; None when anything must be made again."""
    return RenderCache.load(folder).unchanged(fingerprint)


@dataclass
class MadePdfs:
    files: dict[str, bytes]
    rendered: list[str]  # documents laid out now
    reused: int  # documents taken from the cache
    warnings: list[str]
    cache: RenderCache = field(repr=False)
    assemblies: dict[str, str] = field(repr=False)  # file name -> what it was made from

    def cache_file(self, fingerprint: str, outputs: Mapping[str, bytes]) -> dict[str, bytes]:
        """The cache's record of this build, written with the build's other files."""
        entries: dict[str, dict[str, Any]] = {
            name: {"sha256": sha256(data)} for name, data in outputs.items()
        }
        for name, assembly in self.assemblies.items():
            entries[name]["assembly"] = assembly
        return {CACHE_FILE: self.cache.serialize(fingerprint, entries)}


def assembly_key(output: OutputPdf) -> str:
    """A key over everything an output file is assembled from."""
    return hashlib.sha256(repr((output.copies, output.info)).encode("utf-8")).hexdigest()


def make_pdfs(
    plan: PdfPlan,
    *,
    folder: Path,
    template_folders: list[Path],
    workers: int | None = None,
    progress: Progress | None = None,
) -> MadePdfs:
    """Every planned file, laying out only what the cache does not hold."""
    cache = RenderCache.load(folder)
    assemblies = {output.filename: assembly_key(output) for output in plan.outputs}
    files: dict[str, bytes] = {}
    to_assemble = []
    for output in plan.outputs:
        reused = cache.assembled(output.filename, assemblies[output.filename])
        if reused is not None:
            files[output.filename] = reused
        else:
            to_assemble.append(output)
    needed = {key for output in to_assemble for key in _layout_keys(output)}
    layouts = [layout for layout in plan.layouts if layout.key in needed]
    session = _Layouts(cache, template_folders, workers, progress)
    session.lay_out(layouts)
    numbers = _PageNumbers(plan, session) if plan.page_numbers is not None else None
    if numbers is not None:
        numbers.prepare(to_assemble)
    for output in to_assemble:
        files[output.filename] = session.assemble(output, numbers)
    keep = {key for output in plan.outputs for key in _layout_keys(output)}
    if numbers is not None and numbers.layout is not None:
        keep.add(numbers.layout.key)
    cache.prune(keep)
    session.close()
    return MadePdfs(
        files,
        rendered=session.rendered,
        reused=len(keep - set(session.rendered)),
        warnings=list(dict.fromkeys(session.warnings)),
        cache=cache,
        assemblies=assemblies,
    )


def _layout_keys(output: OutputPdf) -> set[str]:
    keys = set()
    for copy in output.copies:
        keys.add(copy.layout)
        keys.update(stamp.layout for stamps in copy.stamps for stamp in stamps)
    return keys


@dataclass
class _Layouts:
    """The laid-out documents of one build: in the cache, or laid out now."""

    cache: RenderCache
    template_folders: list[Path]
    workers: int | None
    progress: Progress | None
    rendered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    opened: dict[str, Any] = field(default_factory=dict)

    def lay_out(self, layouts: list[Layout]) -> None:
        from interviewkit.pdf.workers import PdfJob, PdfResult, render_all

        pending = [
            PdfJob(layout.key, layout.html, layout.forms)
            for layout in layouts
            if not self.cache.has(layout.key)
        ]
        if not pending:
            return
        report = self.progress or (lambda _done, _total, _name: None)
        finished = 0

        def done(result: PdfResult) -> None:
            nonlocal finished
            finished += 1
            self.cache.store_part(result.name, result.data)
            report(finished, len(pending), result.name)

        report(0, len(pending), "")
        results = render_all(pending, self.template_folders, workers=self.workers, done=done)
        for result in results.values():
            self.rendered.append(result.name)
            self.warnings.extend(result.warnings)

    def source(self, key: str) -> Any:
        from interviewkit.pdf.sources import Source

        found = self.opened.get(key)
        if found is None:
            data = self.cache.get(key)
            if data is None:
                raise InternalError(f"a laid-out document went missing from the cache: {key}")
            found = self.opened[key] = Source.open(data)
        return found

    def assemble(self, output: OutputPdf, numbers: _PageNumbers | None) -> bytes:
        from interviewkit.pdf.assemble import Assembler
        from interviewkit.pdf.writer import file_identifier

        buffer = io.BytesIO()
        assembler = Assembler(buffer, self.source, numbers.stamp if numbers else _no_numbers)
        for copy in output.copies:
            assembler.add(copy)
        identity = [output.filename.encode(), assembly_key(output).encode()]
        assembler.finish(dict(output.info), file_identifier(identity))
        return buffer.getvalue()

    def close(self) -> None:
        for source in self.opened.values():
            source.close()
        self.opened.clear()


def _no_numbers(page: int, count: int) -> Stamp:
    raise ValueError("this plan has no page-number stamps")


@dataclass
class _PageNumbers:
    """The "Page n of N" stamps of copies whose layout holds several of them."""

    plan: PdfPlan
    session: _Layouts
    layout: Layout | None = None
    pages: dict[tuple[int, int], int] = field(default_factory=dict)

    def prepare(self, outputs: list[OutputPdf]) -> None:
        pairs: set[tuple[int, int]] = set()
        for output in outputs:
            for copy in output.copies:
                if copy.numbered:
                    _first, count = self.session.source(copy.layout).page_range(copy.anchor)
                    pairs.update((n, count) for n in range(1, count + 1))
        if not pairs or self.plan.page_numbers is None:
            return
        ordered = sorted(pairs, key=lambda pair: (pair[1], pair[0]))
        self.layout = Layout.of(self.plan.page_numbers(ordered))
        self.pages = {pair: index for index, pair in enumerate(ordered)}
        self.session.lay_out([self.layout])

    def stamp(self, page: int, count: int) -> Stamp:
        if self.layout is None:
            raise ValueError("no page-number stamps were prepared")
        return Stamp(self.layout.key, self.pages[(page, count)])
