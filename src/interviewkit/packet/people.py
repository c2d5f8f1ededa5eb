"""Candidates and panelists given on the command line or in a spreadsheet export."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from interviewkit.errors import UserError
from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.spreadsheet import read_rows

MAX_CANDIDATES = 2_000


def read_candidates_csv(path: Path) -> list[Candidate]:
    """Candidates from a CSV with a `name` column (and optional `id`, `referees`).

    Referees are names separated by `;`. Problems are reported all at once with
    their line numbers.
    """
    problems: list[str] = []
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    for row in read_rows(path, ["name"]):
        name = row.cells.get("name", "")
        if not name:
            problems.append(f"{path}:{row.line}: name: a candidate needs a name")
            continue
        if name in seen:
            problems.append(
                f"{path}:{row.line}: name: '{name}' is listed twice (line {seen[name]})"
            )
            continue
        seen[name] = row.line
        referees = [
            Referee(name=r.strip()) for r in row.cells.get("referees", "").split(";") if r.strip()
        ]
        try:
            candidates.append(
                Candidate(name=name, id=row.cells.get("id") or None, referees=referees)
            )
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"])
            problems.append(f"{path}:{row.line}: {field}: {first['msg'].lower()}")
    if len(candidates) > MAX_CANDIDATES:
        problems.append(f"{path}: {len(candidates)} candidates; the limit is {MAX_CANDIDATES}")
    if problems:
        raise UserError("\n".join(problems))
    if not candidates:
        raise UserError(f"{path}: no candidates found under the 'name' column")
    return candidates


def parse_panel(text: str) -> list[Panelist]:
    """`"Name One,Name Two"` -> panelists, refusing empty or repeated names."""
    names = [part.strip() for part in text.split(",")]
    if not all(names):
        raise UserError("--panel: names are separated by commas, with no empty name")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UserError(f"--panel: {', '.join(repeated)} listed twice")
    try:
        return [Panelist(name=name) for name in names]
    except ValidationError as exc:
        raise UserError(f"--panel: {exc.errors(include_url=False)[0]['msg'].lower()}") from exc
