"""Where templates come from, and what they hash to: no Jinja needed to know that."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from interviewkit.errors import UserError
from interviewkit.resources import builtin_templates


@dataclass(frozen=True)
class TemplateSet:
    """Where templates come from: a user's folder (optional) before the built-in one."""

    user_dir: Path | None = None

    @property
    def folders(self) -> list[Path]:
        builtin = builtin_templates()
        return [self.user_dir, builtin] if self.user_dir else [builtin]

    def source_of(self, name: str) -> Path:
        """The file a template name resolves to (the user's copy wins)."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise UserError(f"template '{name}' not found in {', '.join(map(str, self.folders))}")

    def fingerprint(self, names: Iterable[str]) -> dict[str, str]:
        """sha256 of each named template as resolved, for the manifest and the cache."""
        return {
            name: hashlib.sha256(self.source_of(name).read_bytes()).hexdigest()
            for name in sorted(names)
        }


def template_names() -> list[str]:
    """Every built-in template, so a user override can be recognised by file name."""
    return sorted(p.name for p in builtin_templates().iterdir() if p.is_file())
