"""Bad luck and hostile folders: a failed or concurrent run, a full disk, a read-only
folder or a planted link never loses the previous packet or writes outside it."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.packet_files import MINI, leftovers, rebuild, snapshot


@pytest.mark.parametrize("hard_links", [True, False], ids=["linked", "copied"])
def test_a_swap_that_fails_midway_puts_every_old_file_back(
    run: Callable[..., Result], out: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    folder = out / "clerk"
    before = snapshot(folder)
    real_replace = os.replace
    state = {"moves": 0, "gaps": []}

    def failing_replace(src: str, dst: str, **fds: int) -> None:
        # The swap's moves: names within the packet folder's descriptors (not the journal).
        if fds and not str(src).startswith("journal"):
            # Each final name holds the old file or the new one, never nothing.
            if str(dst) in before and not (folder / str(dst)).exists():
                state["gaps"].append(dst)  # type: ignore[attr-defined]
            state["moves"] += 1  # type: ignore[operator]
            if state["moves"] == 3:
                raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst, **fds)

    monkeypatch.setattr(os, "replace", failing_replace)
    if not hard_links:  # a file system without hard links: old files are copied aside
        monkeypatch.setattr(os, "link", _refuse_links)
    result = rebuild(run, out)
    assert result.exit_code == 2, result.output
    assert "Input/output error; the previous files are as they were" in result.stderr
    assert state["moves"] > 3  # the two files that had moved in were moved back out
    assert state["gaps"] == []
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def _refuse_links(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name a descriptor")
def test_a_full_disk_leaves_the_previous_packet(
    run: Callable[..., Result], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = out / "clerk"
    before = snapshot(folder)
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if ".staging-" in str(Path(f"/proc/self/fd/{fd}").readlink()):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    result = rebuild(run, out)
    assert result.exit_code == 2, result.output
    assert "No space left on device; the previous files are as they were" in result.stderr
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_a_read_only_folder_is_said_plainly(
    run: Callable[..., Result], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = out / "clerk"
    before = snapshot(folder)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            # Running as root, the mode alone stops nothing: answer as the kernel
            # answers anyone else, for every folder made inside the packet folder.
            real_mkdir = os.mkdir

            def refused(path: str, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
                if dir_fd is not None:
                    raise PermissionError(errno.EACCES, "Permission denied")
                real_mkdir(path, mode)

            monkeypatch.setattr(os, "mkdir", refused)
        result = rebuild(run, out)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert f"cannot write to {folder}: Permission denied; nothing was changed" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(folder) == before


def test_a_second_run_is_told_another_holds_the_folder(
    run: Callable[..., Result], out: Path, tmp_path: Path
) -> None:
    folder = out / "clerk"
    before = snapshot(folder)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "os.ftruncate(fd, 0); os.write(fd, str(os.getpid()).encode())\n"
            "print('locked', flush=True); sys.stdin.read()",
            str(folder / ".interviewkit.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        ratings = tmp_path / "ratings.csv"
        ratings.write_text("candidate,panelist,question,rating\n", encoding="utf-8")
        for result in (rebuild(run, out), run("score", "clerk", ratings, "--out", out)):
            assert result.exit_code == 2, result.output
            assert (
                f"another interviewkit build or score (process {holder.pid}) is using {folder}"
                in result.stderr
            )
        assert snapshot(folder) == before
    finally:
        assert holder.stdin is not None
        assert holder.stdout is not None
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()
    assert run("build", "clerk", "--content", MINI, "--out", out).exit_code == 0


def test_a_packet_folder_that_is_a_link_is_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "consensus.pdf").write_bytes(b"someone else's file")
    out = tmp_path / "out"
    out.mkdir()
    (out / "clerk").symlink_to(elsewhere)
    result = run("build", "clerk", "--content", MINI, "--out", out)
    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["consensus.pdf"]
    assert (elsewhere / "consensus.pdf").read_bytes() == b"someone else's file"


def test_a_lock_file_that_is_a_link_is_refused(
    run: Callable[..., Result], out: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    lock = out / "clerk/.interviewkit.lock"
    lock.unlink()
    lock.symlink_to(victim)
    result = rebuild(run, out)
    assert result.exit_code == 2
    assert ".interviewkit.lock is a link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_links_planted_in_the_packet_folder_are_never_followed(
    run: Callable[..., Result], out: Path, tmp_path: Path
) -> None:
    folder = out / "clerk"
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"not yours")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    (folder / "consensus.pdf").unlink()
    (folder / "consensus.pdf").symlink_to(victim)  # a packet file's name, pointing out
    (folder / ".staging-planted").symlink_to(outside)  # leftovers' name, pointing out
    forged = folder / ".staging-forged"  # a journal naming files outside the folder
    for inner in ("new", "old"):
        (forged / inner).mkdir(parents=True)
    (forged / "old/x").write_text("x", encoding="utf-8")
    (forged / "journal.json").write_text(
        json.dumps({"write": ["../../victim.pdf"], "remove": [], "existed": ["../outside"]}),
        encoding="utf-8",
    )
    result = rebuild(run, out)
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == b"not yours"
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert not (folder / "consensus.pdf").is_symlink()
    assert (folder / "consensus.pdf").read_bytes().startswith(b"%PDF")
    assert leftovers(folder) == []


def test_files_of_an_earlier_build_are_removed_unless_changed_since(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    people = ["--panel", "Pat Lee,Ann Lee"]
    first = run("build", "clerk", "--content", MINI, "--out", out, "--split", "--blind", *people)
    assert first.exit_code == 0, first.output
    folder = out / "clerk"
    assert (folder / "candidate-key.pdf").is_file()
    filled = folder / "scoring-sheets-ann-lee.pdf"  # filled in on screen and saved in place
    filled.write_bytes(filled.read_bytes() + b"% filled in\n")
    saved = filled.read_bytes()
    (folder / "score-summary.csv").write_text("candidate\n", encoding="utf-8")
    (folder / "my-notes.txt").write_text("mine", encoding="utf-8")
    result = run("build", "clerk", "--content", MINI, "--out", out, *people)
    assert result.exit_code == 0, result.output
    assert "scoring-sheets-ann-lee.pdf is from an earlier build and was changed since" in (
        result.stderr
    )
    packet = [
        "consensus.pdf",
        "interview-guide.pdf",
        "manifest.json",
        "qualification-statements.html",
        "qualification-statements.md",
        "qualification-statements.txt",
        "reference-checks.pdf",
        "scoring-sheets.pdf",
    ]
    # Gone: Pat Lee's own sheets, Sam Roe's own reference checks and the candidate key,
    # each exactly as the earlier build wrote it. Kept: what someone changed or wrote.
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert names == sorted(
        [*packet, "scoring-sheets-ann-lee.pdf", "score-summary.csv", "my-notes.txt"]
    )
    assert filled.read_bytes() == saved
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["stale_files"] == ["scoring-sheets-ann-lee.pdf"]
    assert sorted(manifest["files"]) == sorted(set(packet) - {"manifest.json"})
