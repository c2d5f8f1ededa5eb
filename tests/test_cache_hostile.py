"""The render cache and the layout workers under hostile folders and bad luck.

The packet folder may be shared: nothing in it (a planted link, a file where a
folder should be) makes a build read, write or delete outside it. A full disk,
a killed worker or a killed build is a message, and leaves nothing behind.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest

from interviewkit.build import BuildRequest, build
from interviewkit.errors import InternalError, UserError
from interviewkit.library.models import Candidate, Panelist
from interviewkit.pdf import cache as cache_module
from tests.conftest import FIXTURES

# Whole builds, many of them: in the slow group (`pytest -m slow`; CI runs it too).
pytestmark = pytest.mark.slow

MINI = FIXTURES / "mini"


def request(out: Path) -> BuildRequest:
    return BuildRequest(
        position="clerk",
        content_dir=MINI,
        out_dir=out,
        candidates=[Candidate(name="Sam Roe")],
        panel=[Panelist(name="Pat Lee")],
    )


def test_a_cache_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.pdf").write_bytes(b"%PDF- someone else's file")
    folder = tmp_path / "out" / "clerk"
    folder.mkdir(parents=True)
    (folder / ".cache").symlink_to(elsewhere)
    with pytest.raises(UserError, match=r"\.cache is a link"):
        build(request(tmp_path / "out"))
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.pdf"]
    assert (elsewhere / "keep.pdf").read_bytes() == b"%PDF- someone else's file"


def test_a_cache_that_is_a_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "clerk"
    folder.mkdir(parents=True)
    (folder / ".cache").write_text("not a folder")
    with pytest.raises(UserError, match=r"\.cache is not a folder"):
        build(request(tmp_path / "out"))


def test_links_planted_in_the_cache_are_neither_followed_nor_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(request(out))
    parts = first.folder / ".cache"
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"precious")
    # A link named like a cached document, and one named like a stale one to prune.
    cached = sorted(parts.glob("*.pdf"))[0]
    cached.unlink()
    cached.symlink_to(victim)
    stale = parts / ("f" * 64 + ".pdf")
    stale.symlink_to(victim)
    for made in first.folder.glob("*.pdf"):
        made.unlink()  # so the rebuild assembles every file from the cache
    again = build(request(out))
    assert again.rendered == [cached.stem]  # laid out again, not read through the link
    assert victim.read_bytes() == b"precious"
    assert stale.is_symlink()  # not a regular file: left alone, not deleted
    assert not cached.is_symlink()  # replaced by a real file when laid out again


def test_a_full_disk_while_keeping_a_document_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", full)
    with pytest.raises(UserError, match="No space left on device"):
        build(replace(request(tmp_path), workers=1))
    assert not (tmp_path / "clerk" / "scoring-sheets.pdf").exists()


def test_leftovers_of_an_interrupted_write_are_removed(tmp_path: Path) -> None:
    first = build(request(tmp_path))
    leftover = first.folder / ".cache" / ".part-interrupted"
    leftover.write_bytes(b"half a PDF")
    build(replace(request(tmp_path), paper="a4"))
    assert not leftover.exists()


def test_a_killed_worker_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interviewkit.pdf import layout

    def die(*_args: object, **_kwargs: object) -> bytes:
        os._exit(9)  # as if killed, or out of memory

    # The workers are forked from this process, so they lay out with this.
    monkeypatch.setattr(layout, "render_pdf", die)
    with pytest.raises(InternalError, match="stopped before it finished"):
        build(replace(request(tmp_path), workers=2))
    assert not (tmp_path / "clerk" / "scoring-sheets.pdf").exists()


def test_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    """`kill PID` on the build (what timeout and CI do) takes its workers with it."""
    csv = tmp_path / "many.csv"
    csv.write_text("name\n" + "".join(f"Person {i}\n" for i in range(30)), encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "interviewkit",
            "build",
            "permit-technician",
            "--candidates",
            str(csv),
            "--out",
            str(tmp_path / "out"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 60
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and not workers:
        workers = parent.children(recursive=True)
        time.sleep(0.1)
    assert workers, "the build started no workers"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert alive == [], f"workers outlived their build: {alive}"


def test_an_edited_file_does_not_survive_a_rebuild_by_editing_its_hash_too(tmp_path: Path) -> None:
    import hashlib
    import json

    first = build(request(tmp_path))
    guide = first.folder / "interview-guide.pdf"
    original = guide.read_bytes()
    forged = original.replace(b"Interview guide", b"Interview gvide")
    guide.write_bytes(forged)
    record_path = first.folder / ".interviewkit-cache.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["outputs"]["interview-guide.pdf"]["sha256"] = hashlib.sha256(forged).hexdigest()
    record_path.write_text(json.dumps(record), encoding="utf-8")
    build(request(tmp_path))
    assert guide.read_bytes() == original
