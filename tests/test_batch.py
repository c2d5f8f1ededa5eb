"""The batch build: same pages as laying out one document, and a rebuild renders only changes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from interviewkit import manifest
from interviewkit.build import BuildRequest, build, prepare
from interviewkit.library.models import Candidate, Panelist
from interviewkit.pdf.layout import render_pdf
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"
PANEL = [Panelist(name="Pat Lee"), Panelist(name="Kim Ode")]
CANDIDATES = [Candidate(name="Sam Roe", referees=[{"name": "Ref One"}]), Candidate(name="Ana Díaz")]


def pages_without_numbers(data: bytes | Path) -> list[str]:
    reader = PdfReader(data if isinstance(data, Path) else __import__("io").BytesIO(data))
    return [
        re.sub(r"\s+", " ", re.sub(r"Page \d+ of \d+", "", page.extract_text() or "")).strip()
        for page in reader.pages
    ]


def test_batch_gives_the_same_pages_and_text_as_one_layout(tmp_path: Path) -> None:
    request = BuildRequest(
        position="clerk", content_dir=MINI, out_dir=tmp_path, candidates=CANDIDATES, panel=PANEL
    )
    result = build(request)
    packet = prepare(request)
    templates = TemplateSet()
    env = make_environment(templates)
    content_hash = manifest.read(result.folder).content_hash
    for key, name in (("sheets", "scoring-sheets.pdf"), ("references", "reference-checks.pdf")):
        html = PacketRenderer(env, packet, paper="letter", forms=True).render(
            key,
            register=manifest.register(packet, content_hash, packet.sheets),
            sheets=packet.sheets if key == "sheets" else (),
            forms=packet.forms if key == "references" else (),
        )
        whole = render_pdf(
            html, base_dir=templates.folders[0], allowed=templates.folders, forms=key == "sheets"
        )
        # Only the page numbers differ: sheets count their own pages in the batch build.
        assert pages_without_numbers(result.folder / name) == pages_without_numbers(whole)


def test_a_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    request = BuildRequest(
        position="clerk", content_dir=MINI, out_dir=tmp_path, candidates=CANDIDATES, panel=PANEL
    )
    first = build(request)
    # guide, consensus, 4 scoring sheets, 2 reference forms
    assert len(first.rendered) == 8
    before = {p.name: p.read_bytes() for p in first.folder.iterdir() if p.is_file()}

    again = build(request)
    assert again.rendered == []
    assert {p.name: p.read_bytes() for p in again.folder.iterdir() if p.is_file()} == before

    changed = [CANDIDATES[0], Candidate(name="Ana Díaz-Ortiz")]
    partial = build(
        BuildRequest(
            position="clerk", content_dir=MINI, out_dir=tmp_path, candidates=changed, panel=PANEL
        )
    )
    # Ana's two sheets, her reference form, the consensus sheet and the guide (its
    # schedule names the candidates); not Sam's sheets or form.
    assert len(partial.rendered) == 5


def test_a_touched_output_file_is_made_again(tmp_path: Path) -> None:
    request = BuildRequest(position="clerk", content_dir=MINI, out_dir=tmp_path)
    first = build(request)
    guide = first.folder / "interview-guide.pdf"
    original = guide.read_bytes()
    guide.write_bytes(b"%PDF-1.7 edited by hand")
    again = build(request)
    assert guide.read_bytes() == original
    assert again.rendered == []  # the guide's laid-out part was still in the cache


def test_help_and_validate_do_not_import_weasyprint(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from interviewkit.cli import cli\n"
        "for args in (['--help'], ['validate']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('weasyprint' in sys.modules, 'pikepdf' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip().splitlines()[-1] == "False False"
