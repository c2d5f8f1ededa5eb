"""Runs killed at the worst moments: the next run puts the packet right."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import interviewkit
from interviewkit.output import swap as swap_module
from tests.conftest import FIXTURES
from tests.packet_files import MINI, leftovers, snapshot

# Whole builds, many of them: in the slow group (`pytest -m slow`; CI runs it too).
pytestmark = pytest.mark.slow

SOURCES = str(Path(interviewkit.__file__).parents[1])  # this checkout's src, for subprocesses


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
interviewkit.pdf.workers.worker_count = lambda *args: 1
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
