"""Writing files so that a failed or killed run never leaves a half-written packet.

Everything is rendered in memory first. A packet folder is then opened for one
run (`open_packet`): it must be a real folder, not a link; the run holds its
lock; what an interrupted run left behind is put right; and the new files
replace the old ones all or nothing (`swap`). Files in the folder that a run
does not write (a score summary, a user's notes) are left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.errors import InternalError, UserError
from interviewkit.output.lock import LOCK_FILE, folder_lock
from interviewkit.output.swap import STAGING_PREFIX, plain_name, recover, swap_files

__all__ = [
    "LOCK_FILE",
    "STAGING_PREFIX",
    "PacketFolder",
    "open_packet",
    "packet_folder",
    "write_files",
]


def packet_folder(out_dir: Path, position_id: str) -> Path:
    """`out_dir/<position-id>`, refusing anything that would leave `out_dir` or is a link."""
    folder = out_dir / position_id
    if folder.is_symlink():
        raise UserError(
            f"{folder} is a symbolic link; interviewkit writes packets only into real folders "
            "(remove the link, or choose another --out)"
        )
    resolved = folder.resolve()
    if resolved.parent != out_dir.resolve():
        raise UserError(f"position id '{position_id}' cannot be used as a folder name")
    return resolved


@dataclass
class PacketFolder:
    """A packet folder held for one run: locked, with leftovers of earlier runs put right."""

    path: Path
    fd: int
    notes: list[str] = field(default_factory=list)  # what was put right, for the user

    def write(self, files: Mapping[str, bytes], remove: Iterable[str] = ()) -> list[Path]:
        """Replace `files` and delete `remove`, all or nothing."""
        return _swap(self.path, self.fd, files, remove)

    def untouched(self, recorded: Mapping[str, str | None]) -> tuple[list[str], list[str]]:
        """Of the files recorded (name -> sha256), those still as recorded and those changed.

        A file recorded without a hash counts as changed; files that are gone are
        in neither list; links are never read.
        """
        same: list[str] = []
        changed: list[str] = []
        for name, digest in sorted(recorded.items()):
            if not plain_name(name):
                continue
            data = _read_regular(name, self.fd)
            if data is not None:
                as_recorded = digest is not None and hashlib.sha256(data).hexdigest() == digest
                (same if as_recorded else changed).append(name)
        return same, changed


@contextmanager
def open_packet(folder: Path, *, create: bool = True) -> Iterator[PacketFolder]:
    """The packet folder for one run; `create` makes it when missing."""
    made_now = create and not folder.exists()
    if create:
        _make_folder(folder)
    elif not folder.is_dir():
        raise UserError(
            f"{folder}: no packet here; build the packet first (interviewkit build), then "
            "score the sheets it made"
        )
    with _open_folder(folder) as fd, folder_lock(fd, folder):
        try:
            notes = recover(fd)
            # Found out now, not after minutes of layout: can this run write here at all?
            probe = f"{STAGING_PREFIX}probe-{os.getpid()}"
            os.mkdir(probe, 0o700, dir_fd=fd)
            os.rmdir(probe, dir_fd=fd)
        except OSError as exc:
            raise UserError(
                f"cannot write to {folder}: {exc.strerror}; nothing was changed"
            ) from exc
        try:
            yield PacketFolder(folder, fd, notes)
        except BaseException:
            if made_now:  # a first build that failed leaves no empty folder behind
                _remove_if_empty(folder, fd)
            raise


def _remove_if_empty(folder: Path, fd: int) -> None:
    """Remove a folder that holds nothing but its lock (a folder left holding more stays)."""
    if os.listdir(fd) == [LOCK_FILE]:
        os.unlink(LOCK_FILE, dir_fd=fd)
        with contextlib.suppress(OSError):
            folder.rmdir()


def write_files(folder: Path, files: Mapping[str, bytes], remove: Iterable[str] = ()) -> list[Path]:
    """Write `files` (name -> bytes) into any folder, all or nothing (no lock)."""
    _make_folder(folder)
    with _open_folder(folder) as fd:
        return _swap(folder, fd, files, remove)


def _swap(folder: Path, fd: int, files: Mapping[str, bytes], remove: Iterable[str]) -> list[Path]:
    removals = list(remove)
    for name in (*files, *removals):
        if not plain_name(name):
            raise UserError(f"refusing to write '{name}': not a plain file name")
    try:
        swap_files(fd, files, removals)
    except OSError as exc:
        raise UserError(
            f"cannot write to {folder}: {exc.strerror}; the previous files are as they were"
        ) from exc
    return [folder / name for name in files]


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise UserError(f"{folder} exists and is not a folder") from exc
    except OSError as exc:
        raise UserError(f"cannot create {folder}: {exc.strerror}") from exc


@contextmanager
def _open_folder(path: Path) -> Iterator[int]:
    """A descriptor of the folder `path`, refusing a symbolic link or a file."""
    if not hasattr(os, "O_NOFOLLOW") or os.open not in os.supports_dir_fd:
        # Every write goes through the folder's descriptor so no link is ever followed;
        # a system without descriptor-relative calls (Windows) cannot promise that.
        raise InternalError("writing a packet needs a POSIX system (Linux, macOS, BSD)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except NotADirectoryError as exc:
        raise UserError(f"{path} exists and is not a folder") from exc
    except OSError as exc:
        if path.is_symlink():
            raise UserError(f"{path} is a symbolic link; nothing was written") from exc
        raise UserError(f"cannot open {path}: {exc.strerror}") from exc
    try:
        yield fd
    finally:
        os.close(fd)


def _read_regular(name: str, dir_fd: int) -> bytes | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()
