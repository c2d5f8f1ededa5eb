"""Writing a packet's files so that a failed run never leaves a half-written packet.

Everything is rendered in memory first. The files are then written into a
staging folder next to their destination and moved into place one by one with
`os.replace`, which is atomic on the same file system. Files in the packet
folder that this run does not write (a score summary, a user's notes) are left
alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from interviewkit.errors import UserError


def packet_folder(out_dir: Path, position_id: str) -> Path:
    """`out_dir/<position-id>`, refusing anything that would leave `out_dir`."""
    folder = (out_dir / position_id).resolve()
    if folder.parent != out_dir.resolve():
        raise UserError(f"position id '{position_id}' cannot be used as a folder name")
    return folder


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write `files` (name -> bytes) into `folder` atomically, file by file."""
    for name in files:
        if Path(name).name != name or name.startswith(".staging") or name in (".", ".."):
            raise UserError(f"refusing to write '{name}': not a plain file name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create {folder}: {exc.strerror}") from exc
    if not folder.is_dir():
        raise UserError(f"{folder} exists and is not a folder")
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    previous = staging / "previous"
    previous.mkdir()
    moved_aside: list[str] = []
    placed: list[str] = []
    try:
        for name, data in files.items():
            with (staging / name).open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        # Old files step aside before the new ones move in, so that if anything
        # fails half way the old packet can be put back exactly as it was.
        for name in files:
            if (folder / name).exists():
                (folder / name).replace(previous / name)
                moved_aside.append(name)
        for name in files:
            (staging / name).replace(folder / name)
            placed.append(name)
        return [folder / name for name in files]
    except BaseException as exc:
        for name in placed:
            (folder / name).unlink(missing_ok=True)
        for name in moved_aside:
            (previous / name).replace(folder / name)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write to {folder}: {exc.strerror}") from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
