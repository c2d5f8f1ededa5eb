"""The render cache: nothing changed, nothing rendered; a touched file is made again."""

from __future__ import annotations

import shutil
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


def _warned_copy_of_mini(tmp_path: Path) -> Path:
    """The mini library with a printed sentence a content check warns about."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    listening = content / "competencies" / "listening.yaml"
    text = listening.read_text(encoding="utf-8")
    listening.write_text(
        text.replace(
            "checks that they understood it.", "checks that the customer knows his options."
        ),
        encoding="utf-8",
    )
    return content


def test_a_rebuild_with_nothing_changed_does_not_check_the_content_again(tmp_path: Path) -> None:
    content = _warned_copy_of_mini(tmp_path)
    request = BuildRequest(position="clerk", content_dir=content, out_dir=tmp_path / "out")
    first = build(request)
    assert any("his" in note for note in first.content_warnings)

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from interviewkit.build import BuildRequest, build\n"
        f"result = build(BuildRequest(position='clerk', content_dir=Path({str(content)!r}), "
        f"out_dir=Path({str(tmp_path / 'out')!r})))\n"
        "print(result.packet is None, result.rendered == [])\n"
        "print(*(m in sys.modules for m in ('interviewkit.library.loading', 'weasyprint')))\n"
        "print(*result.content_warnings, sep='\\n')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    lines = completed.stdout.splitlines()
    assert lines[0] == "True True"  # no packet decided, nothing laid out
    assert lines[1] == "False False"  # the checks and WeasyPrint were not even imported
    assert lines[2:] == first.content_warnings  # and the notes are printed again


def test_any_change_to_the_content_folder_checks_it_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    request = BuildRequest(position="clerk", content_dir=content, out_dir=tmp_path / "out")
    build(request)
    # A comment changes no record, so nothing is laid out again; but the bytes changed,
    # and only the check can tell what that means, so the content is checked again.
    scale = content / "scales" / "interview-five.yaml"
    scale.write_text(scale.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    again = build(request)
    assert again.packet is not None
    assert again.rendered == []
    # A changed sentence is laid out again.
    listening = content / "competencies" / "listening.yaml"
    text = listening.read_text(encoding="utf-8")
    listening.write_text(text.replace("Hears what", "Listens to what"), encoding="utf-8")
    assert build(request).rendered


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
