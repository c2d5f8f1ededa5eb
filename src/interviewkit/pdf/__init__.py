"""HTML parts in, finished PDF files out: laid out once, cached, assembled.

The steps, each in its own module: `plan` says what files are made from which
parts, `layout` lays out one part with WeasyPrint, `workers` spreads the
layout over the machine's cores, `assemble` joins parts into one tagged,
fillable file, and `cache` keeps laid-out parts so a rebuild lays out only
what changed. Nothing outside this package touches the cache.

WeasyPrint and pikepdf are imported only when PDFs are made, so commands that
make none start quickly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewkit.pdf.cache import CACHE_FILE, RenderCache, build_fingerprint, sha256
from interviewkit.pdf.plan import OutputPdf, Part

Progress = Callable[[int, int, str], None]  # (done, total, part just finished)

__all__ = [
    "CACHE_FILE",
    "MadePdfs",
    "OutputPdf",
    "Part",
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
    rendered: list[str]  # parts laid out now
    reused: int  # parts taken from the cache
    warnings: list[str]
    cache: RenderCache = field(repr=False)
    plan: Sequence[OutputPdf] = field(repr=False)

    def cache_file(self, fingerprint: str, outputs: Mapping[str, bytes]) -> dict[str, bytes]:
        """The cache's record of this build, written with the build's other files."""
        entries: dict[str, dict[str, Any]] = {
            name: {"sha256": sha256(data)} for name, data in outputs.items()
        }
        for output in self.plan:
            entries[output.filename].update(
                parts=[p.key for p in output.parts], info=json.dumps(output.info)
            )
        return {CACHE_FILE: self.cache.serialize(fingerprint, entries)}


def make_pdfs(
    plan: Sequence[OutputPdf],
    *,
    folder: Path,
    template_folders: Sequence[Path],
    workers: int | None = None,
    progress: Progress | None = None,
) -> MadePdfs:
    """Every planned file, from the cache where its parts are unchanged."""
    from interviewkit.pdf.assemble import merge
    from interviewkit.pdf.workers import PdfJob, PdfResult, render_all

    report = progress or (lambda _done, _total, _name: None)
    cache = RenderCache.load(folder)
    files: dict[str, bytes] = {}
    parts: dict[str, bytes] = {}
    to_assemble: list[OutputPdf] = []
    for output in plan:
        keys = [p.key for p in output.parts]
        reused = cache.assembled(output.filename, keys, json.dumps(output.info))
        if reused is not None:
            files[output.filename] = reused
            continue
        to_assemble.append(output)
        for key in keys:
            if key not in parts and (cached := cache.part(key)) is not None:
                parts[key] = cached
    pending = {
        p.key: PdfJob(p.key, p.html, p.forms)
        for output in to_assemble
        for p in output.parts
        if p.key not in parts
    }
    finished = 0

    def done(result: PdfResult) -> None:
        nonlocal finished
        finished += 1
        cache.store_part(result.name, result.data)
        report(finished, len(pending), result.name)

    warnings: list[str] = []
    if pending:
        report(0, len(pending), "")
        results = render_all(list(pending.values()), template_folders, workers=workers, done=done)
        for key, result in results.items():
            parts[key] = result.data
            warnings.extend(result.warnings)
    for output in to_assemble:
        files[output.filename] = merge(
            [(parts[p.key], p.title) for p in output.parts], info=dict(output.info)
        )
    every_key = {p.key for output in plan for p in output.parts}
    cache.prune(every_key)
    return MadePdfs(
        files,
        rendered=list(pending),
        reused=len(every_key - set(pending)),
        warnings=list(dict.fromkeys(warnings)),
        cache=cache,
        plan=plan,
    )
