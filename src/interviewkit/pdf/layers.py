"""Stamping one laid-out page over another: the per-copy names over a shared body.

A layer is a page of a small laid-out document (a sheet's names and running
header, say) drawn over a body page that every copy shares. Its content
stream is appended to the body's, so its resource names are renamed apart
from the body's (both documents call their fonts by names of their own), and
its marked-content ids are moved past the body page's, so the two can share
one page's parent-tree entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pikepdf

from interviewkit.pdf.copies import scalar
from interviewkit.pdf.sources import ObjGen

RESOURCE_KINDS = ("/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading")
# Operators and the operand that names a resource: (operator, operand index, kind).
_NAMED_OPERANDS = {
    "Tf": (0, "/Font"),
    "Do": (0, "/XObject"),
    "gs": (0, "/ExtGState"),
    "cs": (0, "/ColorSpace"),
    "CS": (0, "/ColorSpace"),
    "sh": (0, "/Shading"),
    "scn": (-1, "/Pattern"),
    "SCN": (-1, "/Pattern"),
}


def resource_names(resources: pikepdf.Object | None) -> dict[str, set[str]]:
    """The names a resources dictionary defines, by kind."""
    names: dict[str, set[str]] = {}
    if resources is None:
        return names
    for kind in RESOURCE_KINDS:
        entries = resources.get(kind)
        if isinstance(entries, pikepdf.Dictionary):
            names[kind] = set(entries.keys())
    return names


def rewrite(page: pikepdf.Page, suffix: str, mcid_offset: int) -> bytes:
    """The page's content stream with its resources renamed and its MCIDs moved."""
    names = resource_names(page.obj.get("/Resources"))
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for item in pikepdf.parse_content_stream(page):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            instructions.append(item)
            continue
        operands, operator = list(item.operands), str(item.operator)
        named = _NAMED_OPERANDS.get(operator)
        if named is not None and operands:
            index, kind = named
            name = operands[index]
            if isinstance(name, pikepdf.Name) and str(name) in names.get(kind, ()):
                operands[index] = pikepdf.Name(str(name) + suffix)
        if operator in ("BDC", "DP") and len(operands) == 2:
            properties = operands[1]
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                properties = pikepdf.Dictionary(dict(properties.items()))
                properties.MCID = int(properties.MCID) + mcid_offset
                operands[1] = properties
        instructions.append(pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator)))
    return bytes(pikepdf.unparse_content_stream(instructions))


def merged_resources(
    body: pikepdf.Object | None,
    body_shared: Callable[[ObjGen], int],
    layers: Sequence[tuple[pikepdf.Object | None, str, Callable[[ObjGen], int]]],
) -> bytes:
    """One resources dictionary: the body's names, and each layer's under its suffix."""
    entries: dict[str, list[bytes]] = {}
    others: dict[str, bytes] = {}
    sources = [(body, "", body_shared), *layers]
    for resources, suffix, shared in sources:
        if resources is None:
            continue
        for key, value in resources.items():
            if key in RESOURCE_KINDS and isinstance(value, pikepdf.Dictionary):
                for name, item in value.items():
                    written = pikepdf.Name(name + suffix).unparse() + b" " + _value(item, shared)
                    entries.setdefault(key, []).append(written)
            elif not suffix and key not in RESOURCE_KINDS:
                others[key] = _value(value, shared)  # /ProcSet and the like: the body's
    parts = [b"<<"]
    for key, items in entries.items():
        parts.append(pikepdf.Name(key).unparse() + b" <<" + b" ".join(items) + b">>")
    for key, written in others.items():
        parts.append(pikepdf.Name(key).unparse() + b" " + written)
    parts.append(b">>")
    return b" ".join(parts)


def _value(obj: object, shared: Callable[[ObjGen], int]) -> bytes:
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return b"%d 0 R" % shared(obj.objgen)
    if isinstance(obj, pikepdf.Dictionary):
        items = [pikepdf.Name(k).unparse() + b" " + _value(v, shared) for k, v in obj.items()]
        return b"<<" + b" ".join(items) + b">>"
    if isinstance(obj, pikepdf.Array):
        return b"[" + b" ".join(_value(v, shared) for v in obj) + b"]"
    return scalar(obj)
