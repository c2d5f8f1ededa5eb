"""Candidates and panelists given on the command line or in a spreadsheet export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError

from interviewkit.errors import UserError
from interviewkit.schema.models import Candidate, Panelist, Referee

MAX_CSV_BYTES = 5_000_000
MAX_CANDIDATES = 2_000


def read_candidates_csv(path: Path) -> list[Candidate]:
    """Candidates from a CSV with a `name` column (and optional `id`, `referees`).

    Accepts UTF-8 with or without a byte-order mark, as spreadsheets export it.
    Referees are names separated by `;`. Problems are reported all at once with
    their line numbers.
    """
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise UserError(f"{path}: file is {size:,} bytes; the limit is {MAX_CSV_BYTES:,}")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text; save the spreadsheet as CSV UTF-8") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot read file: {exc.strerror}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in headers:
        found = ", ".join(repr(h) for h in headers) or "no header row"
        raise UserError(f"{path}:1: the first row must name a 'name' column (found {found})")
    reader.fieldnames = headers
    problems: list[str] = []
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise UserError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from exc
    for number, row in rows:
        name = (row.get("name") or "").strip()
        if not name and not any((v or "").strip() for k, v in row.items() if k):
            continue  # blank line at the end of a spreadsheet export
        if not name:
            problems.append(f"{path}:{number}: name: a candidate needs a name")
            continue
        if name in seen:
            problems.append(f"{path}:{number}: name: '{name}' is listed twice (line {seen[name]})")
            continue
        seen[name] = number
        referees = [
            Referee(name=r.strip()) for r in (row.get("referees") or "").split(";") if r.strip()
        ]
        try:
            candidates.append(
                Candidate(name=name, id=(row.get("id") or "").strip() or None, referees=referees)
            )
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"])
            problems.append(f"{path}:{number}: {field}: {first['msg'].lower()}")
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
