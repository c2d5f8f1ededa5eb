"""CSV files as spreadsheets export them, and CSV text that spreadsheets open safely.

One reader serves every CSV a user gives (candidates, typed-in ratings): UTF-8
with or without a byte-order mark, header names trimmed and lower-cased, every
row with its line number for messages, blank rows skipped, size bounded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interviewkit.errors import UserError

MAX_CSV_BYTES = 5_000_000
# A formula character at the start of a cell makes a spreadsheet run it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    line: int  # where the row starts in the file, for messages
    cells: dict[str, str]  # header name -> trimmed text ("" when the cell is missing)


def read_rows(path: Path, required: Sequence[str], *, max_bytes: int = MAX_CSV_BYTES) -> list[Row]:
    """The non-blank rows of a CSV file whose header names every `required` column."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError(f"{path}: file is {size:,} bytes; the limit is {max_bytes:,}")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text; save the spreadsheet as CSV UTF-8") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot read file: {exc.strerror}") from exc
    # A cell may be as large as the file allows (the csv module stops at 128 KB with a
    # message no one can act on); what a cell may hold is each reader's own check.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    if missing:
        found = ", ".join(repr(h) for h in header) or "no header row"
        if len(required) == 1:
            wanted = f"a '{required[0]}' column"
        else:
            listed = ", ".join(f"'{name}'" for name in required)
            wanted = f"the columns {listed} (missing: {', '.join(missing)})"
        raise UserError(f"{path}:1: the first row must name {wanted} (found {found})")
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            if any(cells.values()):
                rows.append(Row(reader.line_num, cells))
    except csv.Error as exc:
        raise UserError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from exc
    return rows


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
