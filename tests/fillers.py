"""Ways a scoring sheet gets filled, each the way that tool (or a PDF reader) does it.

Every filler takes the blank file, a {field name: value} mapping (a radio
group's value is its export value: "4", "no-decision") and writes the filled
file. They know nothing about interviewkit beyond the field names, and none
of them is interviewkit code: pypdf's form API, PyMuPDF's widget API, and
pikepdf doing what a conforming reader does on a click.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name, String

Filler = Callable[[Path, Path, Mapping[str, str]], None]


def fill_pypdf(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """pypdf: a button is given one of the states get_fields() lists in /_States_
    (what pypdf's documentation tells a user to look up), text as text."""
    from pypdf import PdfReader, PdfWriter

    fields = PdfReader(source).get_fields() or {}
    wanted = {}
    for name, value in values.items():
        states = fields.get(name, {}).get("/_States_")
        wanted[name] = f"/{value}" if states and f"/{value}" in states else value
    writer = PdfWriter(clone_from=source)
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, wanted, auto_regenerate=False)
    writer.write(target)


def fill_pypdf_bare(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """pypdf given the bare export value ("4"), as a caller who did not look up states."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=source)
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, dict(values), auto_regenerate=False)
    writer.write(target)


def fill_pymupdf(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """PyMuPDF as a viewer: click the button whose on-state is the value, type the text."""
    import pymupdf

    with pymupdf.open(source) as document:
        for page in document:
            for widget in page.widgets():
                value = values.get(widget.field_name)
                if value is None:
                    continue
                if widget.field_type in (
                    pymupdf.PDF_WIDGET_TYPE_RADIOBUTTON,
                    pymupdf.PDF_WIDGET_TYPE_CHECKBOX,
                ):
                    if str(widget.on_state()) != value:
                        continue
                    widget.field_value = widget.on_state()
                else:
                    widget.field_value = value
                widget.update()
        document.save(target)


def _fields(pdf: pikepdf.Pdf) -> dict[str, Dictionary]:
    return {str(f.T): f for f in pdf.Root.AcroForm.Fields if "/T" in f}


def _buttons(group: Dictionary, value: str) -> list[tuple[Dictionary, bool]]:
    """(widget, is it the button for `value`) for each widget of a radio group."""
    return [(widget, Name("/" + value) in [Name(k) for k in widget.AP.N]) for widget in group.Kids]


def _fill_with_pikepdf(
    source: Path,
    target: Path,
    values: Mapping[str, str],
    click: Callable[[Dictionary, str], None],
) -> None:
    """Text fields get the value as their /V; a radio group is handed to `click`."""
    with pikepdf.open(source) as pdf:
        fields = _fields(pdf)
        for name, value in values.items():
            field = fields[name]
            if field.get("/FT") != Name.Btn:
                field.V = String(value)
            else:
                click(field, value)
        pdf.save(target)


def fill_pikepdf_reader(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """What a conforming reader does on a click: the group's /V becomes the chosen
    state, the chosen widget's /AS that state, every other widget's /AS /Off."""

    def click(group: Dictionary, value: str) -> None:
        group.V = Name("/" + value)
        for widget, chosen in _buttons(group, value):
            widget.AS = Name("/" + value) if chosen else Name.Off

    _fill_with_pikepdf(source, target, values, click)


def fill_value_only(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """A tool that writes only the field's /V, as the export value in a text string."""
    with pikepdf.open(source) as pdf:
        fields = _fields(pdf)
        for name, value in values.items():
            fields[name].V = String(value)
        pdf.save(target)


def fill_appearance_only(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """A tool that only switches the chosen button's appearance (/AS), leaving /V /Off."""

    def click(group: Dictionary, value: str) -> None:
        for widget, chosen in _buttons(group, value):
            if chosen:
                widget.AS = Name("/" + value)

    _fill_with_pikepdf(source, target, values, click)


# The three independent tools the issue asks for, and two half-fillers seen in the wild.
READERS: dict[str, Filler] = {
    "pypdf": fill_pypdf,
    "pymupdf": fill_pymupdf,
    "pikepdf-reader": fill_pikepdf_reader,
}
FILLERS: dict[str, Filler] = {
    **READERS,
    "pypdf-bare-values": fill_pypdf_bare,
    "value-only": fill_value_only,
    "appearance-only": fill_appearance_only,
}
