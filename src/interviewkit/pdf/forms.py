"""Making the PDF form WeasyPrint writes well formed, so any reader fills it the same way.

WeasyPrint (70) writes each radio button as a widget that is also a field (it
carries the group's `/T` and `/FT`), lists those widgets in `/AcroForm /Fields`
beside their group, names the buttons' on-states by position (`/0`, `/1`...)
with the real values in `/Opt`, and labels the group with its first button's
label. Readers then fill each button as a field of its own, qpdf reports "loop
detected while traversing /AcroForm", a tool that writes the export value into
`/V` is read one point off, and a screen reader announces the group as
"Question 1 rating: 1 Unsatisfactory".

`fix_form_tree` rewrites the form tree only, in place: no object is replaced,
so pages' `/Annots` and the structure tree's links to widgets stay valid.
"""

from __future__ import annotations

import io
import os

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from interviewkit.acroform import (
    acroform_of,
    can_be_state_name,
    export_value,
    is_radio_group,
    is_widget,
    kids_of,
    on_states,
    opt_texts,
    root_fields,
    walk_fields,
)

# Keys that belong to a field, not to a widget (tables 220 and 226). A widget's
# /TU stays: it is that button's own label ("4 Strong"), read out per button.
_FIELD_ONLY_KEYS = ("/T", "/TM", "/FT", "/Ff", "/V", "/DV", "/Opt")
# Templates title a choice's buttons "<the question>: <the option>".
_LABEL_SEPARATOR = ": "


def fix_form_tree(pdf: pikepdf.Pdf) -> None:
    """Make the document's form well formed, in place; idempotent.

    Afterwards `/AcroForm /Fields` lists only root fields, each once; each radio
    group is one field whose kids are pure widgets; the widgets' on-states (and
    the group's `/V` and `/DV`, and the widgets' `/AS`) are named by their
    export values, with `/Opt` dropped, unless a value cannot be a name or two
    widgets share one (then states stay positions and `/Opt` has one value per
    widget); and the group's `/TU` is the question the buttons answer. Text
    fields, check boxes, `/NeedAppearances`, `/DR`, pages and tags are left as
    they were. A document without a form is left alone. Raises
    `acroform.FormTreeError` on a looping or absurdly deep tree.
    """
    form = acroform_of(pdf)
    if form is None or not isinstance(form.get("/Fields"), Array):
        return
    roots = root_fields(form)
    for _name, field, _terminal in walk_fields(roots):
        if is_radio_group(field):
            _fix_radio_group(field)
    form.Fields = Array(roots)


def fixed_pdf(data: bytes) -> bytes:
    """A laid-out PDF with its form made well formed, saved the same way every time."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fix_form_tree(pdf)
        buffer = io.BytesIO()
        pdf.save(
            buffer,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return buffer.getvalue()


def _fix_radio_group(group: Dictionary) -> None:
    widgets = [kid for kid in kids_of(group) if is_widget(kid)]
    _label_group(group, widgets)
    for widget in widgets:
        for key in _FIELD_ONLY_KEYS:
            if key in widget:
                del widget[key]
    opt = opt_texts(group)
    if opt is None:
        if "/Opt" in group:
            del group["/Opt"]  # not an array of strings: no reader can use it
        return  # the state names already are the export values
    old = [next(iter(on_states(w)), None) for w in widgets]
    values = [export_value(i, state, opt) for i, state in enumerate(old)]
    present = [v for v in values if v is not None]
    by_name = all(can_be_state_name(v) for v in present) and len(set(present)) == len(present)
    renames: dict[str, Name] = {}
    for index, (state, value) in enumerate(zip(old, values, strict=True)):
        if state is None or value is None:
            continue  # a widget without an on appearance cannot be chosen
        new = Name("/" + value) if by_name else Name(f"/{index}")
        renames[str(state)] = new
        _rename_state(widgets[index], state, new)
    for key in ("/V", "/DV"):
        current = group.get(key)
        if isinstance(current, Name) and str(current) in renames:
            group[key] = renames[str(current)]
    if by_name:
        del group["/Opt"]
    else:
        group.Opt = Array([String(v if v is not None else "") for v in values])


def _label_group(group: Dictionary, widgets: list[Dictionary]) -> None:
    """Give the group the label its buttons share, not the first button's label."""
    labels = [str(w.get("/TU")) for w in widgets if isinstance(w.get("/TU"), String)]
    if len(labels) < 2 or len(labels) != len(widgets):
        return
    shared = os.path.commonprefix(labels)
    cut = shared.rfind(_LABEL_SEPARATOR)
    if cut > 0:
        group.TU = String(shared[:cut])


def _rename_state(widget: Dictionary, old: Name, new: Name) -> None:
    """Rename appearance state `old` to `new` in `/AP /N`, `/D`, `/R`, and in `/AS`."""
    if old == new:
        return
    appearance = widget.get("/AP")
    for sub in ("/N", "/D", "/R"):
        states = appearance.get(sub) if isinstance(appearance, Dictionary) else None
        if isinstance(states, Dictionary) and str(old) in states:
            stream = states[old]
            del states[old]
            states[new] = stream
    if widget.get("/AS") == old:
        widget.AS = new
