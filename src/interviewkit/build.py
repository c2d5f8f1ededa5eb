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
    forms: bool = True
    blind: bool = False

    @property
    def options(self) -> RenderOptions:
        return RenderOptions(paper=self.paper, forms=self.forms, blind=self.blind)


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


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build the whole packet into `out_dir/<position-id>/`."""
    from interviewkit.pdf import captured_warnings, render_pdf

    report = progress or (lambda _message: None)
    packet = prepare(request)
    folder = packet_folder(request.out_dir, packet.position.id)
    templates = TemplateSet(request.templates_dir)
    env = make_environment(templates)
    options = request.options
    content_root = request.content_dir if request.content_dir is not None else builtin_content()
    content_files = manifest_module.file_hashes(list(packet.source_files), content_root.resolve())
    register = sheet_register(packet, options, manifest_module.combined_hash(content_files))
    outputs: dict[str, bytes] = {}
    allowed = templates.folders
    with captured_warnings() as warnings:
        for key in documents_for(options):
            document = DOCUMENTS[key]
            report(f"rendering {document.filename}")
            html = render_document(env, packet, key, options, register)
            outputs[document.filename] = render_pdf(
                html, base_dir=allowed[-1], allowed=allowed, forms=options.forms and key == "sheets"
            )
    for fmt, suffix in (("markdown", "md"), ("text", "txt"), ("html", "html")):
        text = statements(packet, fmt, env)  # type: ignore[arg-type]
        outputs[f"qualification-statements.{suffix}"] = text.encode("utf-8")
    record = manifest_module.manifest(
        packet,
        content_files=content_files,
        register=register,
        template_hashes=templates.fingerprint(template_names()),
        outputs=outputs,
        options=options,
    )
    outputs["manifest.json"] = manifest_module.to_json(record)
    report(f"writing {folder}")
    files = write_files(folder, outputs)
    return BuildResult(folder, files, packet, list(warnings))
