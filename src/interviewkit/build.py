"""One command from a position to a folder of print-ready documents.

The steps, each in its own module: open the library (content) -> decide the
packet (selection) -> render HTML (renderer) -> lay out PDFs (pdf) -> write
the files atomically (output), with a manifest of what was used (manifest).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit import manifest as manifest_module
from interviewkit.cache import CACHE_FILE, RenderCache, build_fingerprint, sha256
from interviewkit.content import open_library
from interviewkit.layout import PdfJob, PdfResult, render_all
from interviewkit.merge import Part, merge
from interviewkit.output import packet_folder, write_files
from interviewkit.plan import OutputPdf, plan
from interviewkit.renderer.documents import (
    Paper,
    RenderOptions,
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
    rendered: list[str] = field(default_factory=list)  # parts laid out now
    reused: int = 0  # parts taken from the cache


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


def fingerprint_inputs(
    request: BuildRequest, packet: Packet, content_hash: str, template_hashes: dict[str, str]
) -> dict[str, object]:
    """Everything a build reads, for the no-change check before any rendering."""
    return {
        "content": content_hash,
        "templates": template_hashes,
        "candidates": [c.model_dump() for c in packet.candidates],
        "panel": [p.model_dump() for p in packet.panel],
        "options": [request.paper, request.forms, request.blind, request.split, request.draft],
    }


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build the whole packet into `out_dir/<position-id>/`.

    Parts (sheets, forms, the guide...) whose inputs are unchanged since the last
    build into the same folder are taken from its cache instead of being laid
    out again; when nothing at all changed, nothing is rendered.
    """
    report = progress or (lambda _done, _total, _name: None)
    packet = prepare(request)
    folder = packet_folder(request.out_dir, packet.position.id)
    templates = TemplateSet(request.templates_dir)
    options = request.options
    content_root = request.content_dir if request.content_dir is not None else builtin_content()
    content_files = manifest_module.file_hashes(list(packet.source_files), content_root.resolve())
    content_hash = manifest_module.combined_hash(content_files)
    template_hashes = templates.fingerprint(template_names())
    fingerprint = build_fingerprint(
        fingerprint_inputs(request, packet, content_hash, template_hashes)
    )
    cache = RenderCache.load(folder)
    unchanged = cache.unchanged(fingerprint)
    if unchanged is not None:
        return BuildResult(folder, [folder / name for name in unchanged], packet)

    env = make_environment(templates)
    outputs_plan = plan(packet, env, options, content_hash, split=request.split)
    infos = {output.filename: json.dumps(output.info) for output in outputs_plan}
    all_keys = {u.key for output in outputs_plan for u in output.units}
    outputs: dict[str, bytes] = {}
    parts: dict[str, bytes] = {}
    to_assemble: list[OutputPdf] = []
    for output in outputs_plan:
        reused = cache.assembled(
            output.filename, [u.key for u in output.units], infos[output.filename]
        )
        if reused is not None:
            outputs[output.filename] = reused
            continue
        to_assemble.append(output)
        for unit in output.units:
            if unit.key not in parts:
                cached_part = cache.part(unit.key)
                if cached_part is not None:
                    parts[unit.key] = cached_part
    pending = {
        unit.key: PdfJob(unit.key, unit.html, unit.forms)
        for output in to_assemble
        for unit in output.units
        if unit.key not in parts
    }
    warnings: list[str] = []
    if pending:
        finished = 0

        def done(result: PdfResult) -> None:
            nonlocal finished
            finished += 1
            cache.store_part(result.name, result.data)
            report(finished, len(pending), result.name)

        report(0, len(pending), "")
        results = render_all(
            list(pending.values()), templates.folders, workers=request.workers, done=done
        )
        for key, result in results.items():
            parts[key] = result.data
            warnings.extend(result.warnings)
    for output in to_assemble:
        outputs[output.filename] = merge(
            [Part(parts[u.key], u.title) for u in output.units], info=dict(output.info)
        )
    for fmt, suffix in (("markdown", "md"), ("text", "txt"), ("html", "html")):
        text = statements(packet, fmt, env)  # type: ignore[arg-type]
        outputs[f"qualification-statements.{suffix}"] = text.encode("utf-8")
    record = manifest_module.manifest(
        packet,
        content_files=content_files,
        register=sheet_register(packet, options, content_hash),
        template_hashes=template_hashes,
        outputs=outputs,
        options=options,
    )
    outputs["manifest.json"] = manifest_module.to_json(record)
    cache.prune(all_keys)
    entries: dict[str, dict[str, object]] = {
        name: {"sha256": sha256(data)} for name, data in outputs.items()
    }
    for output in outputs_plan:
        entries[output.filename].update(
            units=[u.key for u in output.units], info=infos[output.filename]
        )
    outputs[CACHE_FILE] = cache.serialize(fingerprint, entries)
    files = write_files(folder, outputs)
    return BuildResult(
        folder,
        [f for f in files if f.name != CACHE_FILE],
        packet,
        list(dict.fromkeys(warnings)),
        rendered=list(pending),
        reused=len(all_keys - set(pending)),
    )
