"""The values of a filled PDF form, read wherever conforming readers put them.

A radio group's choice can sit in the group's `/V` (a name, an export value
written as a string, or an index into `/Opt`) and in every widget's `/AS`
(PDF 32000-1 §12.7.4.2); tools differ in which they set. Every place is read:
when they agree the field is CHOSEN; when they name different options, or a
value is no option at all, the field says so instead of guessing. Sheets made
before interviewkit repaired its forms (each button a field of its own,
on-states that index `/Opt`) are read the same way.

Nothing a file holds escapes as a library exception: a file that cannot be
read is a `UserError` naming it (bad input, exit 2); anything else that goes
wrong is an `InternalError` naming it (exit 1).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from interviewkit.acroform import (
    FF_PUSHBUTTON,
    FormTreeError,
    acroform_of,
    export_value,
    field_flags,
    inherited,
    is_dict,
    is_radio_group,
    is_widget,
    kids_of,
    name_text,
    obj_key,
    on_states,
    opt_texts,
    root_fields,
    walk_fields,
)
from interviewkit.errors import InternalError, UserError

# More fields than the largest packet could hold (the file size is bounded too).
MAX_FIELDS = 1_000_000
# The most a stream of a sheet may decode to (its largest, an embedded font, is
# under a megabyte), and the most warnings a damaged file may raise.
MAX_DECODED_STREAM = 64_000_000
MAX_WARNINGS = 10_000
# A text value stored as a stream is read only up to this compressed size.
MAX_TEXT_STREAM = 64_000
# Pages whose text is looked at to tell a printed sheet from another PDF.
TEXT_PAGES = 3

# What a hostile or broken file makes pikepdf (and our walk over its objects) raise.
_UNREADABLE = (
    pikepdf.PdfError,
    FormTreeError,
    RecursionError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RuntimeError,
    OverflowError,
    NotImplementedError,
)


class Status(enum.Enum):
    EMPTY = "empty"  # nothing chosen, no text
    CHOSEN = "chosen"  # one value, and every place that holds one agrees
    CONFLICT = "conflict"  # places name different options
    AMBIGUOUS = "ambiguous"  # one place, two readings, nothing to decide between them
    NOT_AN_OPTION = "not an option"  # a value that is none of the field's options


@dataclass(frozen=True)
class FieldValue:
    """One field's value; `said` lists what each place held when it is not CHOSEN."""

    name: str
    kind: str  # radio, checkbox, text, other
    status: Status
    value: str | None = None
    options: tuple[str, ...] = ()
    said: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilledForm:
    """What `score` needs from one PDF: its sheet register's text and its fields."""

    register: str | None  # None when the document information has none
    fields: dict[str, FieldValue]  # empty when the form fields are gone


def read_form(path: Path) -> FilledForm:
    """The sheet register and every terminal field of the PDF at `path`."""
    try:
        with bounded_decoding(), pikepdf.open(path) as pdf:
            form = FilledForm(_register_text(pdf), _read_fields(pdf))
            _refuse_damage(pdf.get_warnings(), bool(form.fields))
            return form
    except pikepdf.PasswordError as exc:
        raise UserError(
            f"{path}: the file is locked with a password; give the unlocked sheet"
        ) from exc
    except _UNREADABLE as exc:
        raise UserError(f"{path}: cannot read this PDF ({_reason(exc, path)})") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    except Exception as exc:  # anything else is ours to fix, still told without a traceback
        raise InternalError(
            f"{path}: reading the form failed ({type(exc).__name__}); please report this"
        ) from exc


@contextmanager
def bounded_decoding() -> Iterator[None]:
    """qpdf's memory limits for decoding streams, while a file from outside is read.

    A few hundred kilobytes of Flate data can expand to gigabytes; with the limits
    qpdf stops, warns and reads the stream as missing. The limits are process-wide,
    so they are put back as they were.
    """
    from pikepdf.settings import set_qpdf_limits

    previous: dict[str, Any] = set_qpdf_limits(
        flate_max_memory=MAX_DECODED_STREAM,
        png_max_memory=MAX_DECODED_STREAM,
        run_length_max_memory=MAX_DECODED_STREAM,
        tiff_max_memory=MAX_DECODED_STREAM,
        doc_max_warnings=MAX_WARNINGS,
    )
    try:
        yield
    finally:
        set_qpdf_limits(**previous)


def _refuse_damage(warnings: Sequence[str], has_fields: bool) -> None:
    """Refuse a file qpdf could only read in part: a stream beyond the limits, or
    damage that left no form to read. (A few repaired details in a form that reads
    whole are no reason to refuse it.)"""
    limited = [w for w in warnings if "limit exceeded" in w]
    if limited:
        raise ValueError("a compressed stream expands beyond what a scoring sheet holds")
    if warnings and not has_fields:
        raise ValueError(f"the file is damaged: {warnings[-1]}")


def _reason(exc: BaseException, path: Path) -> str:
    """What went wrong, in a line; qpdf's own naming of the file is left out."""
    if isinstance(exc, RecursionError):
        return "its objects are nested too deeply"
    text = " ".join(str(exc).replace(f"{path}: ", "").replace(f"{path} ", "").split())
    return (text[:200] + "…") if len(text) > 200 else text or type(exc).__name__


def _register_text(pdf: pikepdf.Pdf) -> str | None:
    from interviewkit.manifest import REGISTER_KEY

    info = pdf.trailer.get("/Info")
    value = info.get("/" + REGISTER_KEY) if is_dict(info) else None
    return str(value) if isinstance(value, String) else None


def _read_fields(pdf: pikepdf.Pdf) -> dict[str, FieldValue]:
    form = acroform_of(pdf)
    if form is None or not _any_widget_on_pages(pdf):
        return {}
    found: dict[str, FieldValue] = {}
    for name, node, terminal in walk_fields(root_fields(form)):
        if terminal:
            found[name] = _read_field(name, node)
            if len(found) > MAX_FIELDS:
                raise FormTreeError(f"more than {MAX_FIELDS:,} form fields")
    return found


def _any_widget_on_pages(pdf: pikepdf.Pdf) -> bool:
    """Does a page still carry a widget? (A flattening may keep /AcroForm but drop widgets.)"""
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, Array) and any(
            is_dict(a) and a.get("/Subtype") == Name.Widget for a in annotations
        ):
            return True
    return False


def _read_field(name: str, node: Dictionary) -> FieldValue:
    field_type = inherited(node, "/FT")
    if field_type == Name.Btn and not field_flags(node) & FF_PUSHBUTTON:
        return _read_button(name, node, "radio" if is_radio_group(node) else "checkbox")
    if field_type == Name.Tx:
        raw = inherited(node, "/V")
        text = _as_text(raw)
        if text is None and raw is not None:
            return FieldValue(name, "text", Status.NOT_AN_OPTION, said=(_kind(raw),))
        return FieldValue(name, "text", Status.CHOSEN if text else Status.EMPTY, text or None)
    return FieldValue(name, "other", Status.EMPTY)


def _as_text(raw: object) -> str | None:
    """A text string (PDFDocEncoding or UTF-16), a name, or a short text stream, as text."""
    if isinstance(raw, String):
        return str(raw)
    if isinstance(raw, Name):
        return name_text(raw)
    if isinstance(raw, pikepdf.Stream) and len(raw.read_raw_bytes()) <= MAX_TEXT_STREAM:
        data = raw.read_bytes()
        if data.startswith(b"\xfe\xff"):
            return data[2:].decode("utf-16-be", errors="replace")
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8", errors="replace")
        return str(String(data))
    return None


def _kind(raw: object) -> str:
    """What a stored value is, for a message: "an array", "a number"..."""
    for kind, name in (
        (pikepdf.Stream, "a stream"),
        (Array, "an array"),
        (Dictionary, "a dictionary"),
        (bool, "a true/false value"),
        (int | float | Decimal, "a number"),
    ):
        if isinstance(raw, kind):
            return name
    return "an unreadable value"


# --- buttons ------------------------------------------------------------------


@dataclass(frozen=True)
class _Button:
    """A button field's widgets, their on-states and export values."""

    widgets: list[Dictionary]
    states: list[Name | None]
    values: list[str | None]
    opt: list[str] | None
    key: object

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in self.values if v is not None))


@dataclass(frozen=True)
class _Place:
    """One place that holds a choice: where, what it held, and the options it can mean."""

    where: str
    raw: str
    means: frozenset[str]


def _button(node: Dictionary) -> _Button:
    widgets = [k for k in kids_of(node) if is_widget(k)]
    if not widgets and is_widget(node):
        widgets = [node]  # a check box whose field and widget are one dictionary
    opt = opt_texts(node)
    states = [next(iter(on_states(w)), None) for w in widgets]
    values = [export_value(i, s, opt) for i, s in enumerate(states)]
    return _Button(widgets, states, values, opt, obj_key(node))


def _read_button(name: str, node: Dictionary, kind: str) -> FieldValue:
    button = _button(node)
    places: list[_Place] = []
    value = inherited(node, "/V")
    if not _is_off(value):
        places.append(_place("/V", value, button))
    for index, widget in enumerate(button.widgets):
        places.extend(_widget_places(index, widget, button))
    return _resolve(name, kind, button, places)


def _widget_places(index: int, widget: Dictionary, button: _Button) -> list[_Place]:
    """What one widget says: its `/AS`, and its own `/V` when it is a field too.

    Readers that take a WeasyPrint radio widget (it has its own `/T`) for a field
    store the choice in the widget's `/V`. The `/V` of a plain widget is no value.
    """
    found: list[_Place] = []
    state = widget.get("/AS")
    if not _is_off(state):
        own = button.values[index]
        if state == button.states[index] and own is not None:
            found.append(_Place(f"button {index + 1}", str(state), frozenset({own})))
        else:  # a state the widget has no appearance for
            found.append(_Place(f"button {index + 1}", str(state), frozenset()))
    if "/T" in widget and obj_key(widget) != button.key and not _is_off(widget.get("/V")):
        found.append(_place(f"button {index + 1}'s value", widget.get("/V"), button))
    return found


def _is_off(value: object) -> bool:
    if value is None or value == Name.Off:
        return True
    return isinstance(value, String) and str(value) in ("", "Off", "/Off")


def _place(where: str, raw: object, button: _Button) -> _Place:
    """A stored value, read every way a writer may have meant it."""
    if isinstance(raw, Name):
        return _Place(where, str(raw), frozenset(_name_means(raw, button)))
    if isinstance(raw, String):
        text = str(raw)
        means = {text} & set(button.options)
        if text.startswith("/") and len(text) > 1:  # pypdf stores a state name as a string
            means |= _name_means(Name(text), button)
        return _Place(where, repr(text), frozenset(means))
    if isinstance(raw, int) and not isinstance(raw, bool):
        means = {str(raw)} & set(button.options)
        if button.opt is not None and 0 <= raw < len(button.opt):
            means.add(button.opt[raw])
        return _Place(where, str(raw), frozenset(means))
    return _Place(where, _kind(raw), frozenset())


def _name_means(name: Name, button: _Button) -> set[str]:
    """The options a state name can stand for: a widget's state, an export value, an
    `/Opt` index. With `/Opt` these differ: that is how a tool writing `/4` got read as 5."""
    text = name_text(name)
    means = {
        value
        for state, value in zip(button.states, button.values, strict=True)
        if state == name and value is not None
    }
    if text in button.options:
        means.add(text)
    # Only a short run of ASCII digits is an index ("²".isdigit() is true, and a
    # thousand-digit name would hit Python's limit on reading integers).
    index = int(text) if 0 < len(text) <= 6 and text.isascii() and text.isdigit() else None
    if button.opt is not None and index is not None and index < len(button.opt):
        means.add(button.opt[index])
    return means


def _resolve(name: str, kind: str, button: _Button, places: Sequence[_Place]) -> FieldValue:
    said = tuple(f"{p.where} holds {p.raw}" for p in places)
    if not places:
        return FieldValue(name, kind, Status.EMPTY, options=button.options)
    known = [p for p in places if p.means]
    if len(known) < len(places):
        status = Status.CONFLICT if known else Status.NOT_AN_OPTION
        return FieldValue(name, kind, status, options=button.options, said=said)
    common = frozenset.intersection(*(p.means for p in known))
    if not common:
        return FieldValue(name, kind, Status.CONFLICT, options=button.options, said=said)
    if len(common) > 1:
        return FieldValue(name, kind, Status.AMBIGUOUS, options=button.options, said=said)
    (value,) = common
    return FieldValue(name, kind, Status.CHOSEN, value, button.options)


# --- form-less files ------------------------------------------------------------


def looks_like_sheet(path: Path, markers: Sequence[str]) -> bool | None:
    """Whether the first pages' text holds a marker; None when the text cannot be read.

    Only a hint for a message, so any failure (even a missing `cryptography` for
    an AES file) just makes the answer unknown.
    """
    try:
        from pypdf import PdfReader

        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = reader.pages[:TEXT_PAGES]
        text = " ".join(page.extract_text() or "" for page in pages)
    except Exception:  # a hint only; never fail on it
        return None
    folded = " ".join(text.split()).casefold()
    return any(marker.casefold() in folded for marker in markers)
