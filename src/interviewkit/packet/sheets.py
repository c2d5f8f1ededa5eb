"""Who gets which sheet and form: candidate codes, scoring sheets, reference forms, file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.packet.model import ReferenceForm, Sheet


def candidate_codes(candidates: Sequence[Candidate]) -> dict[str, str]:
    """Candidate name -> code (C01, C02, ...) in the order candidates are listed."""
    width = max(2, len(str(len(candidates))))
    return {c.name: f"C{i:0{width}d}" for i, c in enumerate(candidates, start=1)}


def scoring_sheets(
    candidates: Sequence[Candidate], panel: Sequence[Panelist], codes: dict[str, str], blind: bool
) -> tuple[Sheet, ...]:
    """Every panelist's stack of sheets, one per candidate, panelist by panelist."""
    people: list[Panelist | None] = list(panel) or [None]
    listed: list[Candidate | None] = list(candidates) or [None]
    pairs = [(c, p) for p in people for c in listed]
    return tuple(
        Sheet(i, c, p, (codes[c.name] if blind else c.name) if c else None)
        for i, (c, p) in enumerate(pairs, start=1)
    )


def reference_forms(candidates: Sequence[Candidate]) -> tuple[ReferenceForm, ...]:
    """One form per candidate and referee; one blank-referee form where none is named."""
    forms: list[tuple[Candidate | None, Referee | None]] = []
    listed: list[Candidate | None] = list(candidates) or [None]
    for candidate in listed:
        referees: list[Referee | None] = list(candidate.referees) if candidate else []
        forms.extend((candidate, r) for r in (referees or [None]))
    return tuple(ReferenceForm(i, c, r) for i, (c, r) in enumerate(forms, start=1))


class UniqueNames:
    """File-name slugs of people's names, made unique within one build."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "person"
        candidate, number = slug, 2
        while candidate in self.used:
            candidate, number = f"{slug}-{number}", number + 1
        self.used.add(candidate)
        return candidate
