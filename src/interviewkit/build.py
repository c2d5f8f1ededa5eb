"""`build`: one command from a position to a folder of print-ready documents.

The stages, one call each: hash the bytes it is made from -> (nothing changed?
done) -> open the library -> decide the packet -> render HTML -> make the PDFs
-> write the statements and the manifest -> write every file atomically.

The modules of the later stages (the content checks, Jinja, the PDF makers)
are imported by the functions that use them, so that a rebuild with nothing
changed, which needs none of them, ends in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from interviewkit.errors import ContentError, UserError
from interviewkit.library.files import content_files
from interviewkit.library.positions import library_for, position_id, position_path
from interviewkit.output import open_packet, packet_folder
from interviewkit.pdf.cache import CACHE_FILE, build_fingerprint, previous_build, sha256
from interviewkit.renderer.templates import TemplateSet, template_names

if TYPE_CHECKING:
    from interviewkit.library.models import Candidate, Panelist
    from interviewkit.output import PacketFolder
    from interviewkit.packet import Packet
    from interviewkit.pdf import Progress
    from interviewkit.pdf.workers import WorkerPool
    from interviewkit.renderer.statements import Format

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
    # The people as the command line takes them, read by the build itself (when
    # `candidates` / `panel` are not given): a CSV file, and names separated by commas.
    # A rebuild with nothing changed then knows it from their bytes alone.
    candidates_csv: Path | None = None
    panel_names: str | None = None
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
    packet: Packet | None  # None when nothing changed: the content was not read again
    warnings: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # parts laid out now
    reused: int = 0  # parts taken from the cache
    # Warnings about the content the packet uses (example text, lints), as printed.
    content_warnings: list[str] = field(default_factory=list)


def prepare(request: BuildRequest) -> Packet:
    """Open the content and decide the packet; raises on any problem of what it uses."""
    return _prepare(with_people(request))[1]


def with_people(request: BuildRequest) -> BuildRequest:
    """`request` with its candidates CSV and panel names read into people."""
    from dataclasses import replace

    from interviewkit.packet.people import parse_panel, read_candidates_csv

    candidates, panel = request.candidates, request.panel
    if candidates is None and request.candidates_csv is not None:
        candidates = read_candidates_csv(request.candidates_csv)
    if panel is None and request.panel_names is not None:
        panel = parse_panel(request.panel_names)
    return replace(request, candidates=candidates, panel=panel)


def _prepare(request: BuildRequest) -> tuple[Path, Packet]:
    """The content folder the position was checked against, and the decided packet."""
    from interviewkit.library.positions import open_position
    from interviewkit.packet.selection import decide

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


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build the whole packet into `out_dir/<position-id>/`.

    Parts (sheets, forms, the guide...) whose inputs are unchanged since the last
    build into the same folder are taken from its cache instead of being laid
    out again. When nothing at all changed (the same bytes of every content file
    and template, the same people and options) and every file is as that build
    wrote it, the build ends there, before the content is even checked again: the
    same bytes check the same. The folder is held for the whole build: no other
    build or score can use it meanwhile.
    """
    inputs = _inputs(request)
    unchanged = _unchanged_build(request, inputs.fingerprint)
    if unchanged is not None:
        return unchanged
    request = with_people(request)
    from interviewkit.pdf.workers import WorkerPool

    # The workers start now, so that they import WeasyPrint while the content is
    # checked and the HTML rendered; a build that fails ends them at once.
    with WorkerPool(request.workers) as pool:
        content_root, packet = _prepare(request)
        with open_packet(packet_folder(request.out_dir, packet.position.id)) as held:
            result = _build_into(held, request, content_root, packet, inputs, pool, progress)
    result.warnings[:0] = held.notes
    return result


def _unchanged_build(request: BuildRequest, fingerprint: str) -> BuildResult | None:
    """The last build's result, if it was made from exactly these inputs and its files
    are untouched; None when anything is to be checked or made."""
    try:
        folder = packet_folder(request.out_dir, position_id(request.position))
    except (UserError, ContentError):
        return None  # the full check says what is wrong, with everything else it finds
    if not (folder / CACHE_FILE).is_file():
        return None
    with open_packet(folder, create=False) as held:
        previous = previous_build(folder, fingerprint)
    if previous is None:
        return None
    files, notes = previous
    return BuildResult(
        folder,
        [folder / name for name in files],
        None,
        warnings=held.notes,
        content_warnings=notes,
    )


def _build_into(
    held: PacketFolder,
    request: BuildRequest,
    content_root: Path,
    packet: Packet,
    inputs: _Inputs,
    pool: WorkerPool,
    progress: Progress | None,
) -> BuildResult:
    from interviewkit import manifest, pdf
    from interviewkit.library.review import condensed
    from interviewkit.packet.sheets import personal_files
    from interviewkit.renderer.documents import PacketRenderer
    from interviewkit.renderer.environment import make_environment
    from interviewkit.renderer.parts import plan_pdfs
    from interviewkit.renderer.statements import statement_files

    folder = held.path
    templates = TemplateSet(request.templates_dir)
    content_root = content_root.resolve()
    sources = manifest.Sources.of(packet.source_files, content_root, inputs.templates)
    notes = condensed(packet.content_warnings)
    env = make_environment(templates)
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
    outputs.update(made.cache_file(inputs.fingerprint, outputs, notes))
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
    from interviewkit import manifest

    own = {manifest.MANIFEST_FILE, CACHE_FILE, *outputs}
    earlier = {
        name: digest
        for name, digest in manifest.recorded_files(held.path).items()
        if name not in own
    }
    return held.untouched(earlier)


@dataclass(frozen=True)
class _Inputs:
    fingerprint: str
    templates: dict[str, str]  # template file name -> sha256 of the file used


def _inputs(request: BuildRequest) -> _Inputs:
    """A key over the bytes of everything a build reads, before any of it is checked:
    every file of the content folder (not only those the position uses, which only
    the check can tell), the templates, the people and the options; and the
    templates' hashes, which the manifest records."""
    templates = TemplateSet(request.templates_dir).fingerprint(template_names())
    try:
        path = position_path(request.position)
    except UserError:
        path = None
    root = library_for(path, request.content_dir)
    content = (
        {str(file.relative_to(root)): _file_hash(file) for _kind, file in content_files(root)}
        if root.is_dir()
        else {}
    )
    fingerprint = build_fingerprint(
        {
            "position": request.position,
            "position_file": _file_hash(path) if path is not None else None,
            "content": content,
            "templates": templates,
            "candidates": _dumped(request.candidates),
            "panel": _dumped(request.panel),
            "candidates_csv": (
                _file_hash(request.candidates_csv) if request.candidates_csv is not None else None
            ),
            "panel_names": request.panel_names,
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
    return _Inputs(fingerprint, templates)


def _file_hash(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def _dumped(people: Sequence[Candidate] | Sequence[Panelist] | None) -> list[object] | None:
    return None if people is None else [person.model_dump() for person in people]


def qualification_statements(request: BuildRequest, fmt: Format) -> tuple[str, list[str]]:
    """The qualification statements of the position, as `interviewkit statements` prints them,
    and the warnings about the content they come from (example text left in, for one)."""
    from interviewkit.library.review import condensed
    from interviewkit.renderer.environment import make_environment
    from interviewkit.renderer.statements import statements

    packet = prepare(request)
    env = make_environment(TemplateSet(request.templates_dir))
    return statements(packet, fmt, env), condensed(packet.content_warnings)
