"""Replacing a folder's files all together or not at all, even when the process is killed.

The new files are written into a staging folder inside the destination, then
each moves over its final name with one rename (`os.replace`), so at every
instant each name holds either the old file or the new one. Before the first
rename, each old file gets a second name (a hard link, or a copy) in the staging folder
and a journal records what is about to change. If the run fails, or is killed,
between two renames, the journal tells the next run how to put every old file
back (`recover`); once every rename is done, the journal is deleted first, so
the leftovers of a finished run are only removed.

Every operation goes through a descriptor of the folder opened without
following links, so nothing is ever written or deleted through a symbolic link.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

STAGING_PREFIX = ".staging-"
JOURNAL = "journal.json"
NEW, OLD = "new", "old"  # inside a staging folder: the new files, second names of the old


def plain_name(name: str) -> bool:
    """A file name that stays in its folder and is not one of ours."""
    return (
        bool(name)
        and name not in (".", "..")
        and not any(c in name for c in "/\\\0")
        and not name.startswith(STAGING_PREFIX)
    )


def _exists(name: str, dir_fd: int) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _unlink(name: str, dir_fd: int) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name, dir_fd=dir_fd)


def _write_file(name: str, data: bytes, dir_fd: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(name, flags, 0o644, dir_fd=dir_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _second_name(name: str, folder_fd: int, old_fd: int) -> None:
    """Give the old file `name` a second name in the staging folder, without moving it."""
    try:
        os.link(name, name, src_dir_fd=folder_fd, dst_dir_fd=old_fd, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EOPNOTSUPP):
            raise
        # A file system without hard links: keep a copy instead.
        if not stat.S_ISREG(os.stat(name, dir_fd=folder_fd, follow_symlinks=False).st_mode):
            raise
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)
        with os.fdopen(fd, "rb") as handle:
            _write_file(name, handle.read(), old_fd)


@dataclass(frozen=True)
class Journal:
    """What a swap changes: names written, names removed, and which of them existed."""

    write: tuple[str, ...]
    remove: tuple[str, ...]
    existed: frozenset[str]

    def to_json(self) -> bytes:
        data = {"write": self.write, "remove": self.remove, "existed": sorted(self.existed)}
        return json.dumps(data).encode()

    @classmethod
    def read(cls, staging_fd: int) -> Journal | None:
        """The journal in a staging folder; None when absent or not one we wrote."""
        try:
            fd = os.open(JOURNAL, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=staging_fd)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            try:
                data = json.loads(handle.read(10_000_000))
                lists = [data["write"], data["remove"], data["existed"]]
            except (ValueError, TypeError, KeyError):
                return None
        if not all(isinstance(x, list) and all(map(_is_plain, x)) for x in lists):
            return None
        return cls(tuple(lists[0]), tuple(lists[1]), frozenset(lists[2]))


def _is_plain(value: object) -> bool:
    return isinstance(value, str) and plain_name(value)


def _roll_back(folder_fd: int, staging_fd: int, journal: Journal) -> None:
    """Put every old file back and take away every new name; safe to repeat."""
    old_fd, new_fd = _open_inner(OLD, staging_fd), _open_inner(NEW, staging_fd)
    try:
        for name in (*journal.write, *journal.remove):
            if name in journal.existed:
                if _exists(name, old_fd):
                    os.replace(name, name, src_dir_fd=old_fd, dst_dir_fd=folder_fd)
            elif name in journal.write and not _exists(name, new_fd):
                _unlink(name, folder_fd)  # it had moved in: a name the old packet did not have
        os.fsync(folder_fd)
    finally:
        os.close(old_fd)
        os.close(new_fd)


def _open_inner(name: str, dir_fd: int) -> int:
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)


def swap_files(folder_fd: int, files: Mapping[str, bytes], remove: Iterable[str] = ()) -> None:
    """Replace `files` and delete `remove` in the folder, all or nothing."""
    removals = tuple(n for n in remove if n not in files)
    staging = STAGING_PREFIX + secrets.token_hex(8)
    os.mkdir(staging, 0o700, dir_fd=folder_fd)
    leave_for_next_run = False
    try:
        staging_fd = _open_inner(staging, folder_fd)
        try:
            for inner in (NEW, OLD):
                os.mkdir(inner, 0o700, dir_fd=staging_fd)
            journal = _stage(folder_fd, staging_fd, files, removals)
            try:
                _commit(folder_fd, staging_fd, journal)
            except BaseException:
                leave_for_next_run = True  # if putting back fails too, the journal stays
                _roll_back(folder_fd, staging_fd, journal)
                leave_for_next_run = False
                raise
        finally:
            os.close(staging_fd)
    finally:
        if not leave_for_next_run:
            shutil.rmtree(staging, dir_fd=folder_fd, ignore_errors=True)


def _stage(
    folder_fd: int, staging_fd: int, files: Mapping[str, bytes], removals: tuple[str, ...]
) -> Journal:
    """Write the new files and second names of the old ones; then the journal, last."""
    new_fd, old_fd = _open_inner(NEW, staging_fd), _open_inner(OLD, staging_fd)
    try:
        for name, data in files.items():
            _write_file(name, data, new_fd)
        os.fsync(new_fd)
        existed = frozenset(n for n in (*files, *removals) if _exists(n, folder_fd))
        for name in sorted(existed):
            _second_name(name, folder_fd, old_fd)
        os.fsync(old_fd)
    finally:
        os.close(new_fd)
        os.close(old_fd)
    journal = Journal(tuple(files), removals, existed)
    # Written whole under another name and renamed: a journal is never half there.
    _write_file(JOURNAL + ".tmp", journal.to_json(), staging_fd)
    os.replace(JOURNAL + ".tmp", JOURNAL, src_dir_fd=staging_fd, dst_dir_fd=staging_fd)
    os.fsync(staging_fd)
    return journal


def _commit(folder_fd: int, staging_fd: int, journal: Journal) -> None:
    """Move each new file over its name and delete the removed ones, then drop the journal."""
    new_fd = _open_inner(NEW, staging_fd)
    try:
        for name in journal.write:
            os.replace(name, name, src_dir_fd=new_fd, dst_dir_fd=folder_fd)
        for name in journal.remove:
            _unlink(name, folder_fd)
        os.fsync(folder_fd)
    finally:
        os.close(new_fd)
    os.unlink(JOURNAL, dir_fd=staging_fd)  # done: nothing to put back any more


def recover(folder_fd: int) -> list[str]:
    """Finish off what killed runs left in the folder; a note for each thing done."""
    notes = []
    for name in sorted(os.listdir(folder_fd)):
        if not name.startswith(STAGING_PREFIX):
            continue
        mode = os.stat(name, dir_fd=folder_fd, follow_symlinks=False).st_mode
        if not stat.S_ISDIR(mode):
            _unlink(name, folder_fd)
            continue
        staging_fd = _open_inner(name, folder_fd)
        try:
            journal = Journal.read(staging_fd)
            if journal is not None:
                _roll_back(folder_fd, staging_fd, journal)
                os.unlink(JOURNAL, dir_fd=staging_fd)
                notes.append(
                    "an earlier run was stopped while replacing files; the files it had "
                    "replaced were put back as they were"
                )
        finally:
            os.close(staging_fd)
        shutil.rmtree(name, dir_fd=folder_fd)
    return notes
