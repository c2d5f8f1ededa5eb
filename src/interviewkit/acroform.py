"""The shape of a PDF form (AcroForm, PDF 32000-1 §12.7), read safely.

Two stages meet here: `pdf/forms.py` repairs the form WeasyPrint writes, and
`ratings/form_values.py` reads the forms panelists filled in, possibly with a
tool that bent the rules, possibly a hostile file. Both walk the same tree
with the same words: root fields, their kids, a button's widgets, its
appearance states and export values. Every walk here is bounded: a `/Parent`
or `/Kids` loop, or a tree deeper than any real form, raises `FormTreeError`
instead of hanging or overflowing the stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

import pikepdf
from pikepdf import Array, Dictionary, Name, String

# Field flag bits (PDF 32000-1 table 226): bit n (1-based) is 1 << (n - 1).
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
FF_MULTISELECT = 1 << 21

# The longest name PDF 1.7 readers accept (annex C), in bytes.
MAX_NAME_BYTES = 127
# Real forms are one to three levels deep; anything deeper is refused.
MAX_DEPTH = 32

ObjectKey = tuple[int, int] | int


class FormTreeError(ValueError):
    """The form tree loops back on itself or is deeper than any real form."""


def obj_key(obj: pikepdf.Object) -> ObjectKey:
    """Identity of a PDF object: its object number if indirect, else its Python id."""
    return obj.objgen if obj.is_indirect else id(obj)


def is_dict(obj: object) -> TypeGuard[Dictionary]:
    """A dictionary (not a stream: streams are neither fields nor widgets)."""
    return isinstance(obj, Dictionary)


def acroform_of(pdf: pikepdf.Pdf) -> Dictionary | None:
    """The document's `/AcroForm`, or None."""
    form = pdf.Root.get("/AcroForm")
    return form if is_dict(form) else None


def inherited(node: Dictionary, key: str) -> pikepdf.Object | None:
    """An inheritable field attribute, looked up the `/Parent` chain (bounded, loop-safe)."""
    seen: set[ObjectKey] = set()
    current: object = node
    for _ in range(MAX_DEPTH):
        if not is_dict(current) or obj_key(current) in seen:
            return None
        seen.add(obj_key(current))
        if key in current:
            return current[key]
        current = current.get("/Parent")
    return None


def field_flags(node: Dictionary) -> int:
    """The field's `/Ff` (inherited); 0 when absent or not an integer."""
    value = inherited(node, "/Ff")
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else 0


def is_radio_group(node: Dictionary) -> bool:
    """A button field with the radio flag that is not a push button."""
    flags = field_flags(node)
    return (
        inherited(node, "/FT") == Name.Btn and bool(flags & FF_RADIO) and not flags & FF_PUSHBUTTON
    )


def kids_of(node: Dictionary) -> list[Dictionary]:
    """The dictionaries in `/Kids`; none when `/Kids` is missing or not an array."""
    kids = node.get("/Kids")
    if not isinstance(kids, Array):
        return []
    return [kid for kid in kids if is_dict(kid)]


def is_widget(node: Dictionary) -> bool:
    """A widget annotation (possibly merged with its field's dictionary)."""
    return node.get("/Subtype") == Name.Widget or ("/Rect" in node and "/Kids" not in node)


def on_states(widget: Dictionary) -> list[Name]:
    """The widget's appearance states other than `/Off`, from `/AP /N`, then `/AP /D`."""
    appearance = widget.get("/AP")
    if not is_dict(appearance):
        return []
    names: list[Name] = []
    for sub in ("/N", "/D"):
        states = appearance.get(sub)
        if is_dict(states):  # a stream here is one appearance without states
            for key in states:
                name = Name(str(key))
                if name != Name.Off and name not in names:
                    names.append(name)
    return names


def opt_texts(field: Dictionary) -> list[str] | None:
    """`/Opt` as text, or None when absent or not an array of strings.

    An `[export, display]` pair (allowed for choice fields, written by some tools
    for buttons too) stands for its export string.
    """
    opt = field.get("/Opt")
    if not isinstance(opt, Array):
        return None
    texts: list[str] = []
    for entry in opt:
        export = entry[0] if isinstance(entry, Array) and len(entry) else entry
        if not isinstance(export, String):
            return None
        texts.append(str(export))
    return texts


def name_text(name: Name) -> str:
    """A name's value without its slash, as text."""
    return str(name)[1:]


def export_value(index: int, state: Name | None, opt: list[str] | None) -> str | None:
    """The export value of a button field's widget number `index`.

    §12.7.4.2.4: `/Opt` holds one string per widget in `/Kids` order, and then
    the on-state names may be mere positions; so `/Opt[index]` wins, and
    otherwise the on-state name is the value.
    """
    if opt is not None and index < len(opt):
        return opt[index]
    return None if state is None else name_text(state)


def can_be_state_name(value: str) -> bool:
    """Can `value` be an appearance state name that means itself?"""
    if not value or value == "Off" or "\x00" in value:
        return False
    return len(value.encode("utf-8")) <= MAX_NAME_BYTES


def top_of(node: Dictionary) -> Dictionary:
    """The root field above `node`, following `/Parent`."""
    seen = {obj_key(node)}
    current = node
    for _ in range(MAX_DEPTH):
        parent = current.get("/Parent")
        if not is_dict(parent):
            return current
        if obj_key(parent) in seen:
            raise FormTreeError("a field's /Parent chain loops back on itself")
        seen.add(obj_key(parent))
        current = parent
    raise FormTreeError(f"the form's fields are nested deeper than {MAX_DEPTH} levels")


def root_fields(form: Dictionary) -> list[Dictionary]:
    """The root fields reachable from `/Fields`, each once, in the order first met."""
    fields = form.get("/Fields")
    if not isinstance(fields, Array):
        return []
    roots: list[Dictionary] = []
    seen: set[ObjectKey] = set()
    for entry in fields:
        if not is_dict(entry):
            continue
        top = top_of(entry)
        if obj_key(top) not in seen:
            seen.add(obj_key(top))
            roots.append(top)
    return roots


def walk_fields(roots: list[Dictionary]) -> Iterator[tuple[str, Dictionary, bool]]:
    """Every field below `roots`, depth first: (qualified name, node, is it terminal).

    A field is terminal when no kid of it has a `/T`; a radio group is always
    terminal, since its kids are widgets even when (as WeasyPrint writes them)
    they carry a `/T`. Meeting a node twice means `/Kids` loop back.
    """
    stack = [("", root, 0) for root in reversed(roots)]
    seen: set[ObjectKey] = set()
    while stack:
        prefix, node, depth = stack.pop()
        if obj_key(node) in seen:
            raise FormTreeError(f"the kids of field '{prefix}' loop back on themselves")
        if depth > MAX_DEPTH:
            raise FormTreeError(f"the form's fields are nested deeper than {MAX_DEPTH} levels")
        seen.add(obj_key(node))
        name = qualified_name(prefix, node)
        below = [] if is_radio_group(node) else [k for k in kids_of(node) if "/T" in k]
        yield name, node, not below
        stack.extend((name, kid, depth + 1) for kid in reversed(below))


def qualified_name(prefix: str, node: Dictionary) -> str:
    """A field's full name: its parent's full name, a dot, its own `/T`."""
    title = node.get("/T")
    part = str(title) if isinstance(title, String) else ""
    if not prefix:
        return part
    return f"{prefix}.{part}" if part else prefix
