"""Bad luck and hostile folders: a failed, killed or concurrent run, a full disk, a
read-only folder or a planted link never loses the previous packet or writes outside it."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import interviewkit
from interviewkit.output import swap as swap_module
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"
SOURCES = str(Path(interviewkit.__file__).parents[1])  # this checkout's src, for subprocesses


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from interviewkit.build import BuildRequest, build

    out = tmp_path_factory.mktemp("built")
    build(BuildRequest(position="clerk", content_dir=MINI, out_dir=out))
    return out


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """--out holding a copy of a good packet, and a note of the user's beside it."""
    target = tmp_path / "out"
    shutil.copytree(built, target)
    (target / "clerk/my-notes.txt").write_text("mine", encoding="utf-8")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the render cache's laid-out parts (kept as soon as
    they are laid out, whatever becomes of the build) and the lock's note of its holder."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.is_symlink()
        and p.name != ".interviewkit.lock"
        and ".cache" not in p.relative_to(folder).parts
    }


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".staging")]


def rebuild(run: Callable[..., Result], out: Path, *extra: str) -> Result:
    """A build whose files differ from the packet in `out` (another panel)."""
    return run("build", "clerk", "--content", MINI, "--out", out, "--panel", "Kim Doe", *extra)


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


KILL_BETWEEN_REPLACES = """
import os, sys
real, moves = os.replace, [0]
def dying(src, dst, **fds):
    if fds and not str(src).startswith("journal"):
        moves[0] += 1
        if moves[0] == 3:
            os._exit(9)  # killed: no cleanup, no finally
    real(src, dst, **fds)
os.replace = dying
"""
KILL_WHILE_STAGING = """
import os
def dying(*args, **kwargs):
    os._exit(9)
os.link = dying  # the old files' second names come after the new files, before the journal
"""
KILL_AFTER_THE_SWAP = """
import os, shutil
def dying(*args, **kwargs):
    os._exit(9)
shutil.rmtree = dying  # every file replaced, the staging folder not yet removed
"""
# Layout in the process itself: layout workers are not what these tests are about, and a
# killed parent's workers are the layout stage's own concern.
RUN_CLI = """
import sys
import interviewkit.pdf.workers
interviewkit.pdf.workers.worker_count = lambda jobs: 1
from interviewkit.cli import cli
cli.main(sys.argv[1:], prog_name="interviewkit")
"""


def killed_build(out: Path, kill: str) -> None:
    """A build with another panel, killed at the point `kill` sets, in its own process."""
    command = ["build", "clerk", "--content", str(MINI), "--out", str(out), "--panel", "Kim Doe"]
    log = out.parent / "killed-build.log"
    with log.open("w", encoding="utf-8") as output:
        done = subprocess.run(
            [sys.executable, "-c", kill + RUN_CLI, *command],
            env={**os.environ, "PYTHONPATH": SOURCES},
            stdout=output,
            stderr=output,
            check=False,
            timeout=600,  # a bound on a broken test, not a measurement
        )
    assert done.returncode == 9, log.read_text(encoding="utf-8")


def test_a_run_killed_between_two_replaces_is_rolled_back_by_the_next(
    run: Callable[..., Result], out: Path
) -> None:
    folder = out / "clerk"
    before = snapshot(folder)
    killed_build(out, KILL_BETWEEN_REPLACES)
    assert snapshot(folder) != before  # two new files had moved in
    [staging] = leftovers(folder)
    assert (folder / staging / "journal.json").is_file()
    # The next run (the same build as before) first puts the old packet back whole.
    result = run("build", "clerk", "--content", MINI, "--out", out)
    assert result.exit_code == 0, result.output
    assert "the files it had replaced were put back as they were" in result.stderr
    assert "nothing changed since the last build" in result.stdout
    assert snapshot(folder) == before
    assert leftovers(folder) == []


@pytest.mark.parametrize(
    ("kill", "outcome"),
    [(KILL_WHILE_STAGING, "the previous packet"), (KILL_AFTER_THE_SWAP, "the new packet")],
    ids=["while-staging", "after-the-swap"],
)
def test_leftovers_of_a_killed_run_are_removed_by_the_next(
    run: Callable[..., Result], out: Path, kill: str, outcome: str
) -> None:
    folder = out / "clerk"
    before = snapshot(folder)
    killed_build(out, kill)
    assert len(leftovers(folder)) == 1
    after_kill = snapshot(folder)
    if outcome == "the previous packet":
        assert {k: v for k, v in after_kill.items() if not k.startswith(".staging")} == before
    result = run("score", "clerk", FIXTURES / "no-such.csv", "--out", out)  # any run tidies up
    assert result.exit_code == 2
    assert leftovers(folder) == []
    kept = {k: v for k, v in after_kill.items() if not k.startswith(".staging")}
    assert snapshot(folder) == kept
    if outcome == "the new packet":
        assert json.loads(kept["manifest.json"])["panel"] == [{"name": "Kim Doe", "title": None}]


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


def test_an_interrupted_swap_is_put_back_exactly(tmp_path: Path) -> None:
    """The journal's promise, without a build: files a and b existed, c is new; the run
    was killed after a and c had moved in."""
    folder = tmp_path / "packet"
    staging = folder / ".staging-0123"
    for inner in ("new", "old"):
        (staging / inner).mkdir(parents=True)
    (folder / "a.pdf").write_bytes(b"new a")
    (folder / "b.pdf").write_bytes(b"old b")
    (folder / "c.pdf").write_bytes(b"new c")
    (folder / "notes.txt").write_bytes(b"mine")
    (staging / "old/a.pdf").write_bytes(b"old a")
    os.link(folder / "b.pdf", staging / "old/b.pdf")
    (staging / "new/b.pdf").write_bytes(b"new b")
    (staging / "journal.json").write_text(
        json.dumps(
            {"write": ["a.pdf", "b.pdf", "c.pdf"], "remove": [], "existed": ["a.pdf", "b.pdf"]}
        ),
        encoding="utf-8",
    )
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        notes = swap_module.recover(fd)
    finally:
        os.close(fd)
    assert len(notes) == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        "a.pdf": b"old a",
        "b.pdf": b"old b",
        "notes.txt": b"mine",
    }


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
