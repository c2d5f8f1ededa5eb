"""Reading the panel's ratings: filled scoring-sheet PDFs and typed-in CSV files."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from interviewkit import manifest
from interviewkit.errors import UserError
from interviewkit.manifest import Manifest
from interviewkit.ratings.model import Rating
from interviewkit.spreadsheet import read_rows

MAX_INPUT_BYTES = 50_000_000
CSV_COLUMNS = ("candidate", "panelist", "question", "rating")


def read_sheets(paths: Sequence[Path], record: Manifest) -> list[Rating]:
    """Ratings from every file given: filled scoring-sheet PDFs and CSV files."""
    if not paths:
        raise UserError("give at least one filled scoring-sheet PDF or ratings CSV")
    ratings: list[Rating] = []
    for path in paths:
        if not path.is_file():
            raise UserError(f"{path}: file not found")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise UserError(f"{path}: larger than {MAX_INPUT_BYTES:,} bytes")
        with path.open("rb") as handle:
            head = handle.read(5)
        if head == b"%PDF-":
            ratings += read_pdf(path, record)
        elif path.suffix.lower() == ".csv":
            ratings += read_csv(path)
        else:
            raise UserError(f"{path}: neither a PDF nor a .csv file")
    return ratings


def read_pdf(path: Path, record: Manifest) -> list[Rating]:
    """Ratings from the form fields of a filled scoring-sheet PDF."""
    register, fields = _register_and_fields(path)
    position = record.position.id
    if register.position != position:
        raise UserError(
            f"{path}: these sheets are for position '{register.position}', not '{position}'"
        )
    if register.content_hash != record.content_hash:
        raise UserError(
            f"{path}: these sheets were made from another version of the questions than the "
            f"current packet of '{position}' (content {register.content_hash[:12]} "
            f"vs {record.content_hash[:12]}); score them against the packet they came from"
        )
    if register.blind != record.blind:
        raise UserError(f"{path}: made by a different build of '{position}' (blind or not)")
    question_ids = [q.id for q in record.questions]
    ratings: list[Rating] = []
    for key, sheet in sorted(register.sheets.items()):
        where = f"{path.name}: sheet {key}"
        filled = {q: _radio_value(fields.get(manifest.rating_field(key, q))) for q in question_ids}
        if sheet.candidate is None or sheet.panelist is None:
            if any(v is not None for v in filled.values()):
                raise UserError(
                    f"{where}: a blank (write-in) sheet was filled on screen; give its ratings "
                    "in a CSV with the candidate and panelist names instead"
                )
            continue
        for question in question_ids:
            raw = filled[question]
            value = _to_int(raw, where, question) if raw is not None else None
            ratings.append(Rating(sheet.candidate, sheet.panelist, question, value, where))
    return ratings


def _register_and_fields(path: Path) -> tuple[manifest.SheetRegister, Mapping[str, Any]]:
    """A scoring-sheet PDF's sheet register and its form fields."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # WeasyPrint names each radio widget like its group; pypdf logs every one of
    # them as "already parsed". The values are read from the group all the same.
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        info: Mapping[str, Any] = reader.metadata or {}
        raw_register = info.get("/" + manifest.REGISTER_KEY)
        fields = reader.get_fields() or {}
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise UserError(f"{path}: cannot read this PDF ({exc})") from exc
    finally:
        pypdf_logger.setLevel(level)
    if not raw_register:
        raise UserError(
            f"{path}: not a scoring-sheet PDF made by interviewkit (its sheet register is "
            "missing); build with form fields, or give a CSV"
        )
    try:
        return manifest.read_register(str(raw_register)), fields
    except ValueError as exc:
        raise UserError(f"{path}: its sheet register cannot be read") from exc


def _radio_value(field_data: Any) -> str | None:
    """The export value chosen in a radio group (its on-state indexes `/Opt`)."""
    if not field_data:
        return None
    value = field_data.get("/V")
    if value in (None, "", "/Off"):
        return None
    text = str(value).lstrip("/")
    options = field_data.get("/Opt")
    if options and text.isdigit() and int(text) < len(options):
        return str(options[int(text)])
    return text


def read_csv(path: Path) -> list[Rating]:
    """Ratings from a CSV with the columns candidate, panelist, question, rating."""
    ratings = []
    for row in read_rows(path, CSV_COLUMNS, max_bytes=MAX_INPUT_BYTES):
        where = f"{path.name}:{row.line}"
        for name in ("candidate", "panelist", "question"):
            if not row.cells.get(name):
                raise UserError(f"{path}:{row.line}: {name} is empty")
        raw = row.cells.get("rating", "")
        question = row.cells["question"]
        value = _to_int(raw, where, question) if raw else None
        ratings.append(
            Rating(row.cells["candidate"], row.cells["panelist"], question, value, where)
        )
    return ratings


def _to_int(raw: str, where: str, question: str) -> int:
    try:
        return int(raw)
    except ValueError:
        try:
            number = float(raw)
        except ValueError:
            raise UserError(f"{where}: {question}: rating '{raw}' is not a number") from None
        if number.is_integer():
            return int(number)
        raise UserError(f"{where}: {question}: rating '{raw}' is not a whole number") from None
