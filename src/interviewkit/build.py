"""One command from a position to a folder of print-ready documents.

The steps, each in its own module: open the library (content) -> decide the
packet (selection) -> render HTML (renderer) -> lay out PDFs (pdf) -> write
the files atomically (output), with a manifest of what was used (manifest).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment

from interviewkit import manifest as manifest_module
from interviewkit.cache import CACHE_FILE, RenderCache
from interviewkit.content import open_library
from interviewkit.layout import PdfJob, PdfResult, render_all
from interviewkit.output import packet_folder, write_files
from interviewkit.renderer.documents import (
    DOCUMENTS,
    Paper,
    RenderOptions,
    documents_for,
    render_document,
    sheet_register,
)
from interviewkit.renderer.environment import TemplateSet, make_environment, template_names
from interviewkit.resources import builtin_content
from interviewkit.schema.models import Candidate, Panelist
from interviewkit.selection import Packet, find_position, select
from interviewkit.statements import statements

Progress = Callable[[int, int, str], None]  # (done, total, file just finished)


@dataclass(frozen=True)
class BuildRequest:
    position: str
    content_dir: Path | None = None
    templates_dir: Path | None = None
    out_dir: Path = Path("output")
    candidates: Sequence[Candidate] | None = None
    panel: Sequence[Panelist] | None = None
    paper: Paper = "letter"
    draft: bool = False
    forms: bool = True
    blind: bool = False
    split: bool = False
    workers: int | None = None  # None: one per core

    @property
    def options(self) -> RenderOptions:
        return RenderOptions(paper=self.paper, forms=self.forms, blind=self.blind)


@dataclass
class BuildResult:
    folder: Path
    files: list[Path]
    packet: Packet
    warnings: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # laid out now, not taken from the cache


def prepare(request: BuildRequest) -> Packet:
    """Open the content and decide the packet; raises on any content problem."""
    library = open_library(request.content_dir, allow_drafts=request.draft, strict=False)
    entry = find_position(library, request.position)
    return select(
        library,
        entry,
        candidates=request.candidates,
        panel=request.panel,
        allow_drafts=request.draft,
    )


def pdf_jobs(
    packet: Packet,
    env: Environment,
    options: RenderOptions,
    content_hash: str,
    *,
    split: bool,
) -> list[PdfJob]:
    """Every PDF the build writes, as HTML ready for layout."""
    register = sheet_register(packet, options, content_hash)
    jobs = [
        PdfJob(
            DOCUMENTS[key].filename,
            render_document(env, packet, key, options, register),
            forms=options.forms and key == "sheets",
        )
        for key in documents_for(options)
    ]
    if split:
        names = UniqueNames()
        for panelist in packet.panel:
            part = replace(packet, panel=(panelist,))
            jobs.append(
                PdfJob(
                    f"scoring-sheets-{names.take(panelist.name)}.pdf",
                    render_document(
                        env, part, "sheets", options, sheet_register(part, options, content_hash)
                    ),
                    forms=options.forms,
                )
            )
        for candidate in packet.candidates:
            part = replace(packet, candidates=(candidate,))
            jobs.append(
                PdfJob(
                    f"reference-checks-{names.take(candidate.name)}.pdf",
                    render_document(env, part, "references", options),
                )
            )
    return jobs


class UniqueNames:
    """File-name slugs of people's names, made unique within one build."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "person"
        candidate, number = slug, 2
        while candidate in self.used:
            candidate, number = f"{slug}-{number}", number + 1
        self.used.add(candidate)
        return candidate


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build the whole packet into `out_dir/<position-id>/`.

    PDFs whose inputs are unchanged since the last build into the same folder
    are taken from it instead of being laid out again.
    """
    report = progress or (lambda _done, _total, _name: None)
    packet = prepare(request)
    folder = packet_folder(request.out_dir, packet.position.id)
    templates = TemplateSet(request.templates_dir)
    env = make_environment(templates)
    options = request.options
    content_root = request.content_dir if request.content_dir is not None else builtin_content()
    content_files = manifest_module.file_hashes(list(packet.source_files), content_root.resolve())
    content_hash = manifest_module.combined_hash(content_files)
    jobs = pdf_jobs(packet, env, options, content_hash, split=request.split)
    cache = RenderCache.load(folder)
    outputs: dict[str, bytes] = {}
    for job in jobs:
        cached = cache.lookup(job)
        if cached is not None:
            outputs[job.filename] = cached
    pending = [job for job in jobs if job.filename not in outputs]
    warnings: list[str] = []
    if pending:
        finished = 0

        def done(result: PdfResult) -> None:
            nonlocal finished
            finished += 1
            report(finished, len(pending), result.filename)

        report(0, len(pending), "")
        for name, result in render_all(
            pending, templates.folders, workers=request.workers, done=done
        ).items():
            outputs[name] = result.data
            warnings.extend(result.warnings)
    for fmt, suffix in (("markdown", "md"), ("text", "txt"), ("html", "html")):
        text = statements(packet, fmt, env)  # type: ignore[arg-type]
        outputs[f"qualification-statements.{suffix}"] = text.encode("utf-8")
    record = manifest_module.manifest(
        packet,
        content_files=content_files,
        register=sheet_register(packet, options, content_hash),
        template_hashes=templates.fingerprint(template_names()),
        outputs=outputs,
        options=options,
    )
    outputs["manifest.json"] = manifest_module.to_json(record)
    outputs[CACHE_FILE] = cache.serialize({j.filename: j for j in jobs}, outputs)
    files = write_files(folder, outputs)
    return BuildResult(
        folder,
        [f for f in files if f.name != CACHE_FILE],
        packet,
        list(dict.fromkeys(warnings)),
        rendered=[job.filename for job in pending],
    )
