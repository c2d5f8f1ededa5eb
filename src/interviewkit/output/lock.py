"""One run at a time in a packet folder: a lock held from the first read to the last write.

Two builds into one folder would overwrite each other's cache parts and files;
a `score` while a build replaces the sheets would read half of each. The lock
is an advisory `flock` on a small file in the folder, released by the system
when the process ends, however it ends.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from interviewkit.errors import UserError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking there
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".interviewkit.lock"


@contextmanager
def folder_lock(folder_fd: int, folder: Path) -> Iterator[None]:
    """Hold the folder's lock, or say plainly that another run holds it."""
    try:
        fd = os.open(
            LOCK_FILE,
            os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
            0o644,
            dir_fd=folder_fd,
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError(f"{folder / LOCK_FILE} is a link; remove it and run again") from exc
        raise UserError(f"cannot write to {folder}: {exc.strerror}; nothing was changed") from exc
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise UserError(
                    f"another interviewkit build or score{_holder(fd)} is using {folder}; "
                    "wait for it to finish, then run this again"
                ) from exc
            # Who holds it, for the message another run will show.
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(fd: int) -> str:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (process {text})" if text.isdigit() else ""
