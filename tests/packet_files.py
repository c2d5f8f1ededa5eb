"""A good packet to break, and how to compare a packet folder before and after.

Its fixtures (`good_packet`, `out`) are registered for every test module by
`pytest_plugins` in conftest.py; a module with an `out` of its own uses that.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def good_packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """--out holding the small test position, built once per test module."""
    from interviewkit.build import BuildRequest, build

    out = tmp_path_factory.mktemp("built")
    build(BuildRequest(position="clerk", content_dir=MINI, out_dir=out))
    return out


@pytest.fixture
def out(good_packet: Path, tmp_path: Path) -> Path:
    """A copy of that --out, safe to break, with a note of the user's beside the packet."""
    target = tmp_path / "out"
    shutil.copytree(good_packet, target)
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
