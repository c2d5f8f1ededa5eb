"""Ratings, recommendations and comments from filled scoring-sheet PDFs.

The sheet register inside the file says whose sheet each form field belongs to
and which build made it; `form_values` says what each field holds. A sheet is
refused, naming the file, the sheet and the question, when a rating's places
disagree or hold something that is not a point of the scale.
"""

from __future__ import annotations

from pathlib import Path

from interviewkit import manifest
from interviewkit.errors import UserError
from interviewkit.manifest import Manifest, SheetRegister
from interviewkit.ratings.form_values import (
    FieldValue,
    FilledForm,
    Status,
    looks_like_sheet,
    read_form,
)
from interviewkit.ratings.model import Rating, Readings, Remark
from interviewkit.ratings.problems import Problems, plain, shown

# A register lists a few dozen bytes per sheet; this is far beyond any packet.
MAX_REGISTER_CHARS = 5_000_000
# Comments kept per sheet for the summary; a longer text is cut there, not on the sheet.
MAX_COMMENT_CHARS = 2_000
# Text every scoring sheet prints, to recognise one whose form fields are gone.
SHEET_MARKERS = ("Scoring sheet",)
FIELDS_GONE = "the form fields are gone: fill the original file or type the ratings into a CSV"


def read_pdf(path: Path, record: Manifest, problems: Problems) -> Readings:
    """What the panelists marked and wrote on every sheet in the PDF at `path`."""
    form = read_form(path)
    register = _register(path, form, record)
    if not form.fields:
        if not record.forms:
            raise UserError(
                f"{path}: these sheets were built without form fields (--no-forms); "
                "type the ratings into a CSV"
            )
        raise UserError(f"{path}: {FIELDS_GONE}")
    readings = Readings()
    for key, sheet in sorted(register.sheets.items()):
        readings += _sheet(path, key, sheet, form, record, problems)
    return readings


def _register(path: Path, form: FilledForm, record: Manifest) -> SheetRegister:
    """The file's sheet register, checked against the build being scored."""
    if form.register is None:
        if not form.fields and looks_like_sheet(path, SHEET_MARKERS):
            raise UserError(f"{path}: {FIELDS_GONE}")
        raise UserError(
            f"{path}: not a scoring-sheet PDF made by interviewkit (its sheet register is "
            "missing); give the filled scoring-sheets PDF, or a CSV"
        )
    if len(form.register) > MAX_REGISTER_CHARS:
        raise UserError(f"{path}: its sheet register is too long to be one interviewkit wrote")
    try:
        register = manifest.read_register(form.register)
    except ValueError as exc:
        raise UserError(f"{path}: its sheet register cannot be read") from exc
    position = record.position.id
    if register.position != position:
        raise UserError(
            f"{path}: these sheets are for position {shown(register.position)}, not '{position}'"
        )
    if register.content_hash != record.content_hash:
        raise UserError(
            f"{path}: these sheets were made from another version of the questions than the "
            f"current packet of '{position}' (content {plain(register.content_hash, 12)} "
            f"vs {record.content_hash[:12]}); score them against the packet they came from"
        )
    if register.blind != record.blind:
        raise UserError(f"{path}: made by a different build of '{position}' (blind or not)")
    return register


def _sheet(
    path: Path,
    key: str,
    sheet: manifest.SheetEntry,
    form: FilledForm,
    record: Manifest,
    problems: Problems,
) -> Readings:
    """One sheet's ratings and remark; its problems go to `problems`."""
    where = f"{path.name}: sheet {plain(key, 20)}"
    if sheet.candidate is not None and sheet.panelist is not None:
        where += f" ({plain(sheet.candidate)} / {plain(sheet.panelist)})"
    values: dict[str, int | None] = {}
    for question in record.questions:
        field = form.fields.get(manifest.rating_field(key, question.id))
        about = f"{where}: question {question.order} ({question.id})"
        values[question.id] = _rating(field, about, record, problems)
    recommendation = _recommendation(
        form.fields.get(manifest.field_name(key, "recommendation")), where, record, problems
    )
    comments = _text(form.fields.get(manifest.field_name(key, "comments")))
    if sheet.candidate is None or sheet.panelist is None:
        if any(v is not None for v in values.values()):
            problems.add(
                f"{where}: a blank (write-in) sheet was filled on screen; give its ratings in a "
                "CSV with the candidate and panelist names instead"
            )
        return Readings()
    ratings = [
        Rating(sheet.candidate, sheet.panelist, question, value, where)
        for question, value in values.items()
    ]
    remarks = []
    if recommendation is not None or comments:
        remarks.append(Remark(sheet.candidate, sheet.panelist, recommendation, comments, where))
    return Readings(ratings, remarks)


def _rating(
    field: FieldValue | None, about: str, record: Manifest, problems: Problems
) -> int | None:
    """The scale point chosen in a rating field; None when none was."""
    scale = record.scale.values
    points = f"{scale[0]}–{scale[-1]}"
    if field is None or field.status is Status.EMPTY:
        return None
    if field.status is Status.CHOSEN and field.value is not None:
        value = field.value.strip()
        if value.isascii() and value.isdigit() and len(value) < 4 and int(value) in scale:
            return int(value)
        problems.add(f"{about}: the rating {shown(value)} is not a point of the scale ({points})")
        return None
    problems.add(f"{about}: {_unclear(field, f'a point of the scale ({points})')}")
    return None


def _recommendation(
    field: FieldValue | None, where: str, record: Manifest, problems: Problems
) -> str | None:
    """The overall recommendation marked on a sheet (an option's value), or None."""
    options = [o.value for o in record.recommendation_options]
    if field is None or field.status is Status.EMPTY:
        return None
    if field.status is Status.CHOSEN and field.value in options:
        return field.value
    problems.add(
        f"{where}: overall recommendation: {_unclear(field, 'one of the recommendations')}"
    )
    return None


def _unclear(field: FieldValue, expected: str) -> str:
    """Why a choice cannot be read, and what to do about it."""
    held = plain("; ".join(field.said), 200)
    if field.status is Status.CONFLICT:
        return (
            f"the form holds different choices ({held}); open the sheet, mark the choice "
            "again and save it"
        )
    if field.status is Status.AMBIGUOUS:
        return f"the stored choice can be read two ways ({held}); open the sheet, mark it again"
    if field.status is Status.CHOSEN:
        return f"{shown(field.value)} is not {expected}"
    return f"the form holds something that is not {expected} ({held})"


def _text(field: FieldValue | None) -> str:
    if field is None or field.value is None or field.status is not Status.CHOSEN:
        return ""
    text = field.value.strip()
    return text if len(text) <= MAX_COMMENT_CHARS else text[:MAX_COMMENT_CHARS] + "… (cut)"
