"""One command from a position to a folder of print-ready documents.

The steps, each in its own module: open the library (content) -> decide the
packet (selection) -> render HTML (renderer) -> lay out PDFs (pdf) -> write
the files atomically (output), with a manifest of what was used (manifest).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit import manifest as manifest_module
from interviewkit.content import open_library
from interviewkit.output import packet_folder, write_files
from interviewkit.renderer.documents import DOCUMENTS, Paper, render_document
from interviewkit.renderer.environment import TemplateSet, make_environment, template_names
from interviewkit.schema.models import Candidate, Panelist
from interviewkit.selection import Packet, find_position, select
from interviewkit.statements import statements

Progress = Callable[[str], None]


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


@dataclass
class BuildResult:
    folder: Path
    files: list[Path]
    packet: Packet
    warnings: list[str] = field(default_factory=list)


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


def render_html(packet: Packet, templates: TemplateSet, paper: Paper) -> dict[str, str]:
    """Every PDF document of the packet as HTML, keyed by document key."""
    env = make_environment(templates)
    return {key: render_document(env, packet, key, paper=paper) for key in DOCUMENTS}


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build the whole packet into `out_dir/<position-id>/`."""
    from interviewkit.pdf import captured_warnings, render_pdf

    report = progress or (lambda _message: None)
    packet = prepare(request)
    folder = packet_folder(request.out_dir, packet.position.id)
    templates = TemplateSet(request.templates_dir)
    env = make_environment(templates)
    outputs: dict[str, bytes] = {}
    allowed = templates.folders
    with captured_warnings() as warnings:
        for key, document in DOCUMENTS.items():
            report(f"rendering {document.filename}")
            html = render_document(env, packet, key, paper=request.paper)
            outputs[document.filename] = render_pdf(html, base_dir=allowed[-1], allowed=allowed)
    for fmt, suffix in (("markdown", "md"), ("text", "txt"), ("html", "html")):
        text = statements(packet, fmt, env)  # type: ignore[arg-type]
        outputs[f"qualification-statements.{suffix}"] = text.encode("utf-8")
    content_root = request.content_dir
    if content_root is None:
        from interviewkit.resources import builtin_content

        content_root = builtin_content()
    record = manifest_module.manifest(
        packet,
        content_root=content_root,
        template_hashes=templates.fingerprint(template_names()),
        outputs=outputs,
        paper=request.paper,
    )
    outputs["manifest.json"] = manifest_module.to_json(record)
    report(f"writing {folder}")
    files = write_files(folder, outputs)
    return BuildResult(folder, files, packet, list(warnings))
