"""Filling the generated form fields as a PDF reader would, for the scoring tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject


def fill_sheets(source: Path, target: Path, values: Mapping[str, str]) -> None:
    """Set radio groups (by export value) and text fields, as a user clicking would.

    A radio group's on-states index its /Opt array; choosing a value sets the
    group's /V and the chosen widget's /AS to that index, the others to /Off.
    """
    writer = PdfWriter(clone_from=PdfReader(source))
    remaining = dict(values)
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            parent = widget.get("/Parent")
            field = parent.get_object() if parent is not None else widget
            name = str(field.get("/T"))
            if name not in remaining:
                continue
            wanted = remaining[name]
            if field.get("/FT") == "/Btn":
                options = [str(o) for o in field["/Opt"]]
                state = NameObject(f"/{options.index(wanted)}")
                field[NameObject("/V")] = state
                on_states = list(widget["/AP"]["/N"].keys())
                widget[NameObject("/AS")] = state if state in on_states else NameObject("/Off")
            else:
                field[NameObject("/V")] = TextStringObject(wanted)
    with target.open("wb") as handle:
        writer.write(handle)
