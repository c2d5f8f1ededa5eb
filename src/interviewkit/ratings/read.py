"""Reading what the panel gave: filled scoring-sheet PDFs and typed-in CSV files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interviewkit.errors import UserError
from interviewkit.manifest import Manifest
from interviewkit.ratings.model import Rating, Readings
from interviewkit.ratings.problems import Problems, shown
from interviewkit.ratings.read_pdf import read_pdf
from interviewkit.spreadsheet import read_rows

MAX_INPUT_BYTES = 50_000_000
CSV_COLUMNS = ("candidate", "panelist", "question", "rating")


def read_sheets(paths: Sequence[Path], record: Manifest) -> Readings:
    """Ratings, recommendations and comments from every file given (PDF sheets, CSV)."""
    if not paths:
        raise UserError("give at least one filled scoring-sheet PDF or ratings CSV")
    problems = Problems()
    readings = Readings()
    for path in paths:
        try:
            if not path.is_file():
                raise UserError(f"{path}: file not found")
            if path.stat().st_size > MAX_INPUT_BYTES:
                raise UserError(f"{path}: larger than {MAX_INPUT_BYTES:,} bytes")
            with path.open("rb") as handle:
                head = handle.read(1024)
        except OSError as exc:
            raise UserError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
        # A PDF may start with a few bytes of junk before its header (readers accept
        # up to 1,024); a CSV is known by its name.
        if path.suffix.lower() == ".csv":
            readings += Readings(read_csv(path, problems))
        elif b"%PDF-" in head:
            readings += read_pdf(path, record, problems)
        else:
            raise UserError(f"{path}: neither a PDF nor a .csv file")
    problems.raise_if_any()
    return readings


def read_csv(path: Path, problems: Problems) -> list[Rating]:
    """Ratings from a CSV with the columns candidate, panelist, question, rating.

    A candidate may be named by name, printed code or applicant id, a question by
    its id or the number printed on the sheet; `check` resolves them.
    """
    ratings = []
    for row in read_rows(path, CSV_COLUMNS, max_bytes=MAX_INPUT_BYTES):
        where = f"{path.name}:{row.line}"
        empty = [name for name in CSV_COLUMNS[:3] if not row.cells.get(name)]
        if empty:
            problems.add(f"{path}:{row.line}: {', '.join(empty)} is empty")
            continue
        raw = row.cells.get("rating", "")
        question = row.cells["question"]
        value = _whole_number(raw, f"{where}: question {shown(question)}", problems)
        if raw and value is None:
            continue
        ratings.append(
            Rating(row.cells["candidate"], row.cells["panelist"], question, value, where)
        )
    return ratings


def _whole_number(raw: str, where: str, problems: Problems) -> int | None:
    """A rating cell as a whole number (4, 4.0); None, with a problem, when it is not one."""
    if not raw:
        return None
    try:
        number = float(raw) if len(raw) < 20 else float("nan")
    except ValueError:
        problems.add(f"{where}: rating {shown(raw)} is not a number")
        return None
    if number.is_integer():
        return int(number)
    problems.add(f"{where}: rating {shown(raw)} is not a whole number")
    return None
