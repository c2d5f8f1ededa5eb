"""HTML documents in, finished PDF files out: each laid out once, cached, copied.

The steps, each in its own module: `plan` says which documents to lay out and
which files are made of their pages; `layout` lays out one document with
WeasyPrint and `workers` spreads that over the machine's cores; `sources`
reads a laid-out document, `copies` turns a run of its pages into a template
filled once per copy, `layers` stamps one page's content over another,
`assemble` writes a file from copies through the streaming `writer`; `jobs`
runs the layouts and assemblies on the `workers`, each file as soon as its
documents are laid out; `cache` keeps laid-out documents so a rebuild lays out
only what changed. Nothing outside this package touches the cache.

WeasyPrint and pikepdf are imported only when PDFs are made, and the job
runner and its worker processes (`workers.WorkerPool`) only by a build that
makes some, so commands that make none, and a rebuild that finds nothing
changed, start quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewkit.pdf.cache import CACHE_FILE, RenderCache, sha256
from interviewkit.pdf.plan import Copy, Layout, OutputPdf, PdfPlan, Stamp, assembly_key

if TYPE_CHECKING:
    from interviewkit.pdf.workers import WorkerPool

Progress = Callable[[int, int, str], None]  # (done, total, document just finished)

__all__ = [
    "CACHE_FILE",
    "Copy",
    "Layout",
    "MadePdfs",
    "OutputPdf",
    "PdfPlan",
    "Stamp",
    "make_pdfs",
]


@dataclass
class MadePdfs:
    files: dict[str, bytes]
    rendered: list[str]  # documents laid out now
    reused: int  # documents taken from the cache
    warnings: list[str]
    cache: RenderCache = field(repr=False)
    assemblies: dict[str, str] = field(repr=False)  # file name -> what it was made from
    keep: set[str] = field(repr=False, default_factory=set)  # documents this build uses

    def cache_file(
        self, fingerprint: str, outputs: Mapping[str, bytes], notes: list[str]
    ) -> dict[str, bytes]:
        """The cache's record of this build, written with the build's other files.

        It lists only the documents this build uses; the others are deleted by
        `forget_unused` once the files are written, so a failed write leaves the
        previous build's documents in place.
        """
        entries: dict[str, dict[str, Any]] = {
            name: {"sha256": sha256(data)} for name, data in outputs.items()
        }
        for name, assembly in self.assemblies.items():
            entries[name]["assembly"] = assembly
        record = self.cache.serialize(fingerprint, entries, only=self.keep, notes=notes)
        return {CACHE_FILE: record}

    def forget_unused(self) -> None:
        """Delete cached documents no file of this build uses (after it is written)."""
        self.cache.prune(self.keep)


def make_pdfs(
    plan: PdfPlan,
    *,
    folder: Path,
    template_folders: list[Path],
    pool: WorkerPool,
    progress: Progress | None = None,
) -> MadePdfs:
    """Every planned file, laying out only what the cache does not hold, on `pool`."""
    from interviewkit.pdf.jobs import Jobs, layout_keys

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
    needed = {key for output in to_assemble for key in layout_keys(output)}
    layouts = [layout for layout in plan.layouts if layout.key in needed]
    jobs = Jobs(cache, template_folders, progress)
    files.update(jobs.run(layouts, to_assemble, plan.page_numbers, pool))
    keep = {key for output in plan.outputs for key in layout_keys(output)}
    keep |= jobs.numbers_used
    return MadePdfs(
        files,
        rendered=jobs.rendered,
        reused=len(keep - set(jobs.rendered)),
        warnings=list(dict.fromkeys(jobs.warnings)),
        cache=cache,
        assemblies=assemblies,
        keep=keep,
    )
