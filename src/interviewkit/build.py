"""`build`: one command from a position to a folder of print-ready documents.

The stages, one call each: open the library -> decide the packet -> hash what
it is made from -> (nothing changed? done) -> render HTML -> make the PDFs ->
write the statements and the manifest -> write every file atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from interviewkit import manifest, pdf
from interviewkit.library.models import Candidate, Panelist
from interviewkit.library.positions import open_position
from interviewkit.library.review import condensed
from interviewkit.output import PacketFolder, open_packet, packet_folder
from interviewkit.packet import Packet, decide
from interviewkit.packet.sheets import personal_files
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment, template_names
from interviewkit.renderer.parts import plan_pdfs
from interviewkit.renderer.statements import Format, statement_files, statements

Paper = Literal["letter", "a4"]
# A scoring sheet's pages: one per competency (the default), or one per question.
SheetLayout = Literal["competency", "question"]


@dataclass(frozen=True)
class BuildRequest:
    position: str
    content_dir: Path | None = None
    templates_dir: Path | None = None
    out_dir: Path = Path("output")
    candidates: Sequence[Candidate] | None = None
    panel: Sequence[Panelist] | None = None
    paper: Paper = "letter"
    sheet_layout: SheetLayout = "competency"
    draft: bool = False
    forms: bool = True
    blind: bool = False
    split: bool = False
    duplex: bool = False  # every sheet and form ends on an even page
    workers: int | None = None  # None: one per core


@dataclass
class BuildResult:
    folder: Path
    files: list[Path]
    packet: Packet
    warnings: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # parts laid out now
    reused: int = 0  # parts taken from the cache
    # Warnings about the content the packet uses (example text, lints), as printed.
    content_warnings: list[str] = field(default_factory=list)


def prepare(request: BuildRequest) -> Packet:
    """Open the content and decide the packet; raises on any problem of what it uses."""
    return _prepare(request)[1]


def _prepare(request: BuildRequest) -> tuple[Path, Packet]:
    """The content folder the position was checked against, and the decided packet."""
    library, entry = open_position(request.content_dir, request.position)
    packet = decide(
        library,
        entry,
        candidates=request.candidates,
        panel=request.panel,
        allow_drafts=request.draft,
        blind=request.blind,
    )
    return library.root, packet


def build(request: BuildRequest, progress: pdf.Progress | None = None) -> BuildResult:
    """Build the whole packet into `out_dir/<position-id>/`.

    Parts (sheets, forms, the guide...) whose inputs are unchanged since the last
    build into the same folder are taken from its cache instead of being laid
    out again; when nothing at all changed, nothing is rendered. The folder is
    held for the whole build: no other build or score can use it meanwhile.
    """
    content_root, packet = _prepare(request)
    with open_packet(packet_folder(request.out_dir, packet.position.id)) as held:
        result = _build_into(held, request, content_root, packet, progress)
    result.warnings[:0] = held.notes
    return result


def _build_into(
    held: PacketFolder,
    request: BuildRequest,
    content_root: Path,
    packet: Packet,
    progress: pdf.Progress | None,
) -> BuildResult:
    folder = held.path
    templates = TemplateSet(request.templates_dir)
    content_root = content_root.resolve()
    sources = manifest.Sources.of(
        packet.source_files, content_root, templates.fingerprint(template_names())
    )
    fingerprint = _fingerprint(request, packet, sources)
    notes = condensed(packet.content_warnings)
    unchanged = pdf.previous_build(folder, fingerprint)
    if unchanged is not None:
        return BuildResult(
            folder, [folder / name for name in unchanged], packet, content_warnings=notes
        )
    env = make_environment(templates)
    with pdf.WorkerPool(request.workers) as pool:  # workers start while HTML is rendered
        renderer = PacketRenderer(
            env, packet, paper=request.paper, forms=request.forms, sheet_layout=request.sheet_layout
        )
        plan = plan_pdfs(renderer, sources.content_hash, split=request.split, duplex=request.duplex)
        made = pdf.make_pdfs(
            plan, folder=folder, template_folders=templates.folders, pool=pool, progress=progress
        )
    outputs = {**made.files, **statement_files(packet, env)}
    gone, kept = _earlier_files(held, outputs)
    outputs[manifest.MANIFEST_FILE] = manifest.record(
        packet,
        paper=request.paper,
        forms=request.forms,
        sheet_layout=request.sheet_layout,
        sources=sources,
        outputs=outputs,
        personal=personal_files(packet) if request.split else (),
        stale=kept,
    ).to_json()
    outputs.update(made.cache_file(fingerprint, outputs))
    files = held.write(outputs, remove=gone)
    made.forget_unused()
    written = [f for f in files if f.name != pdf.CACHE_FILE]
    warnings = made.warnings + [
        f"{name} is from an earlier build and was changed since; it was kept, but it is not "
        "part of this packet (manifest.json lists it under stale_files)"
        for name in kept
    ]
    return BuildResult(
        folder, written, packet, warnings, made.rendered, made.reused, content_warnings=notes
    )


def _earlier_files(held: PacketFolder, outputs: Mapping[str, bytes]) -> tuple[list[str], list[str]]:
    """Files of earlier builds that this one does not write: (to remove, to keep).

    A `--split` or `--blind` build writes files the next build may not (a
    panelist's own sheets, the candidate key); left beside a new packet they
    would be taken for part of it. Those still exactly as a build wrote them are
    removed with the swap; any changed since (a sheet filled in and saved) are
    someone's work: kept, and named.
    """
    own = {manifest.MANIFEST_FILE, pdf.CACHE_FILE, *outputs}
    earlier = {
        name: digest
        for name, digest in manifest.recorded_files(held.path).items()
        if name not in own
    }
    return held.untouched(earlier)


def _fingerprint(request: BuildRequest, packet: Packet, sources: manifest.Sources) -> str:
    """A key over everything a build reads, for the no-change check before any rendering."""
    return pdf.build_fingerprint(
        {
            "content": sources.content_hash,
            "templates": sources.templates,
            "candidates": [c.model_dump() for c in packet.candidates],
            "panel": [p.model_dump() for p in packet.panel],
            "options": [
                request.paper,
                request.forms,
                request.blind,
                request.split,
                request.draft,
                request.sheet_layout,
                request.duplex,
            ],
        }
    )


def qualification_statements(request: BuildRequest, fmt: Format) -> tuple[str, list[str]]:
    """The qualification statements of the position, as `interviewkit statements` prints them,
    and the warnings about the content they come from (example text left in, for one)."""
    packet = prepare(request)
    env = make_environment(TemplateSet(request.templates_dir))
    return statements(packet, fmt, env), condensed(packet.content_warnings)
