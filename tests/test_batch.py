"""The render cache: nothing changed, nothing rendered; a touched file is made again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from interviewkit.build import BuildRequest, build
from interviewkit.library.models import Candidate, Panelist
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"
PANEL = [Panelist(name="Pat Lee"), Panelist(name="Kim Ode")]
CANDIDATES = [Candidate(name="Sam Roe", referees=[{"name": "Ref One"}]), Candidate(name="Ana Díaz")]


def test_a_rebuild_with_nothing_changed_renders_nothing(tmp_path: Path) -> None:
    request = BuildRequest(
        position="clerk", content_dir=MINI, out_dir=tmp_path, candidates=CANDIDATES, panel=PANEL
    )
    first = build(request)
    assert first.rendered
    before = {p.name: p.read_bytes() for p in first.folder.iterdir() if p.is_file()}

    again = build(request)
    assert again.rendered == []
    assert {p.name: p.read_bytes() for p in again.folder.iterdir() if p.is_file()} == before


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
