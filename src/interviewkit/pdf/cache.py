"""The render cache: nothing whose inputs are unchanged is laid out again.

It lives with the output, in the packet folder:

- `.cache/<key>.pdf`: every laid-out part (one sheet, one form, the guide),
  named by a key over everything it depends on: its HTML (which holds the
  content, templates and names), the form flag, and the interviewkit and
  WeasyPrint versions. A part is reused only if its file still has the hash
  recorded for it.
- `.interviewkit-cache.json`: for each output file, the parts it was assembled
  from and its hash, and a fingerprint of the whole build's inputs. When the
  fingerprint matches and every file is intact, a rebuild renders nothing at
  all, not even HTML.

The cache can be missing or stale, never wrong: anything that does not match
is made again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from interviewkit import __version__

CACHE_FILE = ".interviewkit-cache.json"
PARTS_FOLDER = ".cache"


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


def part_key(html: str, forms: bool) -> str:
    return _digest("pdf/ua-1", str(forms), html)


def build_fingerprint(inputs: Mapping[str, Any]) -> str:
    """A key over everything a build reads, computed before any rendering."""
    return _digest(json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class RenderCache:
    folder: Path
    fingerprint: str = ""
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)  # part key -> sha256 of its PDF

    @classmethod
    def load(cls, folder: Path) -> RenderCache:
        try:
            data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
            return cls(
                folder,
                str(data.get("fingerprint", "")),
                {str(k): dict(v) for k, v in data.get("outputs", {}).items()},
                {str(k): str(v) for k, v in data.get("parts", {}).items()},
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return cls(folder)

    def intact(self, name: str) -> bytes | None:
        """The file as last written, if it is still exactly that."""
        entry = self.outputs.get(name)
        if entry is None:
            return None
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == entry.get("sha256") else None

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

    def assembled(self, name: str, parts: Iterable[str], info: str) -> bytes | None:
        """An output file, if it was assembled from exactly these parts before."""
        entry = self.outputs.get(name)
        if entry is None or entry.get("parts") != list(parts) or entry.get("info") != info:
            return None
        return self.intact(name)

    def part(self, key: str) -> bytes | None:
        expected = self.parts.get(key)
        if expected is None:
            return None
        try:
            data = (self.folder / PARTS_FOLDER / f"{key}.pdf").read_bytes()
        except OSError:
            return None
        return data if sha256(data) == expected else None

    def store_part(self, key: str, data: bytes) -> None:
        """Keep a laid-out part at once, so an interrupted build keeps its work."""
        folder = self.folder / PARTS_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.tmp"
        temporary.write_bytes(data)
        temporary.replace(folder / f"{key}.pdf")
        self.parts[key] = sha256(data)

    def prune(self, keep: set[str]) -> None:
        """Forget and delete parts no output uses any more."""
        for key in list(self.parts):
            if key not in keep:
                del self.parts[key]
        folder = self.folder / PARTS_FOLDER
        if folder.is_dir():
            for path in folder.iterdir():
                if path.suffix == ".pdf" and path.stem not in keep:
                    path.unlink(missing_ok=True)

    def serialize(self, fingerprint: str, outputs: Mapping[str, dict[str, Any]]) -> bytes:
        data = {"fingerprint": fingerprint, "outputs": dict(outputs), "parts": self.parts}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")
