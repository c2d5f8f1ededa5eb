"""The render cache: nothing whose inputs are unchanged is laid out again.

It lives with the output, in the packet folder:

- `.cache/<key>.pdf`: every laid-out document (a sheet's body, the names of a
  group of sheets, the guide), named by a key over everything it depends on:
  its HTML (which holds the content, templates and names), the form flag, and
  the interviewkit and WeasyPrint versions. A document is used only if its
  file still has the hash recorded for it.
- `.interviewkit-cache.json`: for each output file, what it was assembled from
  and its hash, and a fingerprint of the whole build's inputs. When the
  fingerprint matches and every file is intact, a rebuild renders nothing.

The cache can be missing or stale, never wrong: anything that does not match
is made again. The record is signed with a secret of the user's (kept in their
state folder, never in the packet folder), so someone who can edit a shared
packet folder cannot make a rebuild keep a file they changed by changing its
hash in the record too: an unsigned or wrongly signed record is ignored.

The packet folder may be shared, so the cache never writes, reads or deletes
through a symbolic link: `.cache` must be a real folder,
files are read with O_NOFOLLOW, written through `mkstemp` and renamed into
place, and pruning deletes only regular files named like cache keys.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from interviewkit import __version__
from interviewkit.errors import UserError

CACHE_FILE = ".interviewkit-cache.json"
PARTS_FOLDER = ".cache"
_KEY_FILE = re.compile(r"^[0-9a-f]{64}\.pdf$")
_TEMPORARY_PREFIX = ".part-"


@cache
def _weasyprint_version() -> str:
    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in (__version__, _weasyprint_version(), *parts):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


# Bumped whenever what happens to a laid-out document after WeasyPrint changes (the
# form repair, say), so documents cached before are laid out again.
LAYOUT_REVISION = "3"


def part_key(html: str, forms: bool) -> str:
    return _digest("pdf/ua-1", LAYOUT_REVISION, str(forms), html)


def build_fingerprint(inputs: Mapping[str, Any]) -> str:
    """A key over everything a build reads, computed before any rendering."""
    return _digest(json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str))


def previous_build(folder: Path, fingerprint: str) -> tuple[dict[str, bytes], list[str]] | None:
    """Every file of the last build into `folder` and the notes it printed about its
    content, if its inputs were the same and no file was touched since; None when
    anything must be made again."""
    cache = RenderCache.load(folder)
    files = cache.unchanged(fingerprint)
    return None if files is None else (files, cache.notes)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_regular(path: Path) -> bytes | None:
    """A regular file's bytes, or None if it is missing, a link or unreadable."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(descriptor)


@dataclass
class RenderCache:
    folder: Path
    fingerprint: str = ""
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)  # key -> sha256 of its PDF
    # What the build printed about its content, printed again by a rebuild that makes nothing.
    notes: list[str] = field(default_factory=list)
    _verified: dict[str, bytes] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: Path) -> RenderCache:
        raw = read_regular(folder / CACHE_FILE)
        try:
            data = json.loads(raw.decode("utf-8")) if raw is not None else {}
            if not isinstance(data, dict) or data.pop("signature", None) != _signature(data):
                return cls(folder)
            return cls(
                folder,
                str(data.get("fingerprint", "")),
                {str(k): dict(v) for k, v in data.get("outputs", {}).items()},
                {str(k): str(v) for k, v in data.get("parts", {}).items() if _is_key(k)},
                [str(note) for note in data.get("notes", [])],
            )
        except (ValueError, TypeError, AttributeError):
            return cls(folder)

    @property
    def parts_folder(self) -> Path:
        return self.folder / PARTS_FOLDER

    def intact(self, name: str) -> bytes | None:
        """The file as last written, if it is still exactly that."""
        entry = self.outputs.get(name)
        if entry is None:
            return None
        data = read_regular(self.folder / name)
        return data if data is not None and sha256(data) == entry.get("sha256") else None

    def unchanged(self, fingerprint: str) -> dict[str, bytes] | None:
        """Every file of the last build, if the inputs are the same and no file was touched."""
        if not self.outputs or fingerprint != self.fingerprint:
            return None
        files = {}
        for name in self.outputs:
            data = self.intact(name)
            if data is None:
                return None
            files[name] = data
        return files

    def assembled(self, name: str, assembly: str) -> bytes | None:
        """An output file, if it was assembled from exactly the same copies before."""
        entry = self.outputs.get(name)
        if entry is None or entry.get("assembly") != assembly:
            return None
        return self.intact(name)

    def get(self, key: str) -> bytes | None:
        """A laid-out document, if it is in the cache and still the one recorded."""
        found = self._verified.get(key)
        if found is not None:
            return found
        expected = self.parts.get(key)
        if expected is None:
            return None
        data = read_regular(self.parts_folder / f"{key}.pdf")
        if data is None or sha256(data) != expected:
            return None
        self._verified[key] = data
        return data

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def store_part(self, key: str, data: bytes) -> None:
        """Keep a laid-out document at once, so an interrupted build keeps its work."""
        if not _is_key(key):
            raise ValueError(f"not a cache key: {key!r}")
        folder = self._real_parts_folder()
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=_TEMPORARY_PREFIX, dir=folder)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                # A rename replaces a link planted under the final name; it never writes
                # through one.
                Path(temporary).replace(folder / f"{key}.pdf")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise UserError(
                f"cannot keep laid-out pages in {folder}: {exc.strerror or exc}"
            ) from exc
        self.parts[key] = sha256(data)
        self._verified[key] = data

    def _real_parts_folder(self) -> Path:
        """`.cache`, created if missing; refused if it is a link or not a folder."""
        folder = self.parts_folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass
        except OSError as exc:
            raise UserError(f"cannot create {folder}: {exc.strerror or exc}") from exc
        try:
            mode = os.lstat(folder).st_mode
        except OSError as exc:
            raise UserError(f"cannot use {folder}: {exc.strerror or exc}") from exc
        if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
            raise UserError(
                f"{folder} is {'a link' if stat.S_ISLNK(mode) else 'not a folder'}: interviewkit "
                "keeps its render cache only in a real folder; remove it and build again"
            )
        return folder

    def prune(self, keep: set[str]) -> None:
        """Forget and delete cached documents no output uses any more, and leftovers of
        interrupted writes. Only regular files named like cache keys are touched."""
        for key in list(self.parts):
            if key not in keep:
                del self.parts[key]
        folder = self.parts_folder
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return
            names = [path.name for path in folder.iterdir()]
        except OSError:
            return
        for name in names:
            stale = _KEY_FILE.match(name) and name[:-4] not in keep
            if stale or name.startswith(_TEMPORARY_PREFIX):
                path = folder / name
                try:
                    if stat.S_ISREG(os.lstat(path).st_mode):
                        path.unlink()
                except OSError as exc:
                    if exc.errno != errno.ENOENT:
                        continue

    def serialize(
        self,
        fingerprint: str,
        outputs: Mapping[str, dict[str, Any]],
        only: set[str] | None = None,
        notes: list[str] | None = None,
    ) -> bytes:
        """The record of a build: its inputs' fingerprint, its files, its documents
        (those in `only`, when given) and the notes it printed about its content."""
        parts = {k: v for k, v in self.parts.items() if only is None or k in only}
        data: dict[str, Any] = {
            "fingerprint": fingerprint,
            "outputs": dict(outputs),
            "parts": parts,
            "notes": list(notes or []),
        }
        data["signature"] = _signature(data)
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _signature(data: Mapping[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hmac.new(_secret(), canonical, hashlib.sha256).hexdigest()


@cache
def _secret() -> bytes:
    """This user's key for signing cache records, made on first use.

    It lives in the user's state folder ($XDG_STATE_HOME, else ~/.local/state),
    readable by the user alone. Where none can be kept, a key for this run only:
    the cache then serves within a run but is not trusted by the next one.
    """
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    path = Path(state) / "interviewkit" / "cache-key"
    for _attempt in range(2):
        found = read_regular(path)
        if found is not None and len(found) >= 32:
            return found
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            descriptor = os.open(path, flags, 0o600)
        except FileExistsError:
            continue  # made by another build at the same moment: read it
        except OSError:
            break
        secret = secrets.token_bytes(32)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        return secret
    return secrets.token_bytes(32)


def _is_key(key: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{64}", key))
