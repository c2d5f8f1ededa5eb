"""Who gets which sheet and form: candidate codes, scoring sheets, reference forms, file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.packet.model import Packet, ReferenceForm, Sheet


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


def slug(name: str) -> str:
    """A person's name as a file-name part: ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "person"


def unique_slugs(names: Sequence[str]) -> list[str]:
    """A distinct slug per name, in order.

    A person whose name makes a slug always gets it: when two names make the
    same slug, the later one is numbered, skipping any number that is another
    person's own slug (so "Ann Lee 2" keeps `ann-lee-2` even after a second
    "Ann Lee").
    """
    natural = [slug(n) for n in names]
    owned = set(natural)
    used: set[str] = set()
    result = []
    for own in natural:
        chosen, number = own, 2
        while chosen in used or (chosen != own and chosen in owned):
            chosen, number = f"{own}-{number}", number + 1
        used.add(chosen)
        result.append(chosen)
    return result


@dataclass(frozen=True)
class PersonalFile:
    """One person's own file of a `--split` build: a panelist's sheets or a candidate's forms."""

    filename: str
    panelist: str | None  # whose sheets these are
    candidate: str | None  # whose reference checks these are
    numbers: tuple[int, ...]  # the sheet or form numbers it holds, in order


def personal_files(packet: Packet) -> tuple[PersonalFile, ...]:
    """Every panelist's sheets file and every candidate's reference-check file."""
    sheets: dict[str, list[int]] = {}
    for sheet in packet.sheets:
        if sheet.panelist is not None:
            sheets.setdefault(sheet.panelist.name, []).append(sheet.number)
    forms: dict[str, list[int]] = {}
    for form in packet.forms:
        if form.candidate is not None:
            forms.setdefault(form.candidate.name, []).append(form.number)
    panel = [p.name for p in packet.panel]
    candidates = [c.name for c in packet.candidates]
    return tuple(
        PersonalFile(f"scoring-sheets-{tag}.pdf", name, None, tuple(sheets.get(name, ())))
        for name, tag in zip(panel, unique_slugs(panel), strict=True)
    ) + tuple(
        PersonalFile(f"reference-checks-{tag}.pdf", None, name, tuple(forms.get(name, ())))
        for name, tag in zip(candidates, unique_slugs(candidates), strict=True)
    )
