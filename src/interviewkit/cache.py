"""The render cache: a PDF whose inputs have not changed is not laid out again.

It lives with the output (`.interviewkit-cache.json` in the packet folder) and
records, per file, a key over everything the PDF depends on (the HTML, which
already holds the content, templates and people, plus the form flag and the
interviewkit and WeasyPrint versions) and the sha256 of the file written. A
file is reused only when both still match, so an edited, replaced or deleted
file is always made again: the cache can be missing or stale, never wrong.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from interviewkit import __version__
from interviewkit.layout import PdfJob

CACHE_FILE = ".interviewkit-cache.json"


def _weasyprint_version() -> str:
    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


def job_key(job: PdfJob) -> str:
    digest = hashlib.sha256()
    for part in (__version__, _weasyprint_version(), "pdf/ua-1", str(job.forms), job.html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class RenderCache:
    folder: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> RenderCache:
        try:
            data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
            entries = {
                str(name): {"key": str(e["key"]), "sha256": str(e["sha256"])}
                for name, e in data.get("files", {}).items()
            }
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            entries = {}
        return cls(folder, entries)

    def lookup(self, job: PdfJob) -> bytes | None:
        """The PDF already in the folder for this job, if it is exactly what it would be."""
        entry = self.entries.get(job.filename)
        if entry is None or entry["key"] != job_key(job):
            return None
        try:
            data = (self.folder / job.filename).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == entry["sha256"] else None

    def serialize(self, jobs: Mapping[str, PdfJob], outputs: Mapping[str, bytes]) -> bytes:
        files = {
            name: {"key": job_key(job), "sha256": hashlib.sha256(outputs[name]).hexdigest()}
            for name, job in sorted(jobs.items())
        }
        return (json.dumps({"files": files}, indent=1) + "\n").encode("utf-8")
