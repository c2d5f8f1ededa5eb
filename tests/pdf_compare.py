"""Reading a PDF the way a comparison needs it: per page, its words, tags and form fields.

Used to show that a copy stamped from a shared body is what the same sheet laid
out on its own would be. Everything here reads with pypdf and pikepdf, not with
the code that writes the copies.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf
from pypdf import PdfReader


def open_pdf(data: bytes | Path) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data) if isinstance(data, bytes) else data)


def words(data: bytes | Path, pages: range) -> list[Counter[str]]:
    """The words of each page, read by position (the order a page draws them in set aside)."""
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return [
        Counter((reader.pages[i].extract_text(extraction_mode="layout") or "").split())
        for i in pages
    ]


def copy_ranges(pdf: pikepdf.Pdf) -> list[range]:
    """The pages of each copy in an assembled file, from its outline (an entry a copy)."""
    index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    with pdf.open_outline() as outline:
        starts = [index[item.destination[0].objgen] for item in outline.root]
    ends = [*starts[1:], len(pdf.pages)]
    return [range(a, b) for a, b in zip(starts, ends, strict=True)]


def structure(pdf: pikepdf.Pdf, pages: range) -> list[list[tuple[int, str]]]:
    """Per page, its structure elements depth first: (depth, role), with the marked
    content and annotations they hold."""
    index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    document = pdf.Root.StructTreeRoot.K[0]
    result: list[list[tuple[int, str]]] = [[] for _ in pages]
    for element in document.K:
        page = index[element.Pg.objgen]
        if page in pages:
            result[page - pages.start] += _walk(element, 0)
    return result


def _walk(element: pikepdf.Object, depth: int) -> list[tuple[int, str]]:
    found = [(depth, str(element.get("/S")))]
    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, int):
            found.append((depth + 1, "MCID"))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            found.append((depth + 1, "OBJR " + str(kid.Obj.get("/Subtype"))))
        elif isinstance(kid, pikepdf.Dictionary):
            found += _walk(kid, depth + 1)
    return found


def marked_roles(pdf: pikepdf.Pdf, pages: range) -> list[list[str | None]]:
    """Per page, the role of the element each marked-content id belongs to."""
    tree = pdf.Root.StructTreeRoot.ParentTree
    nums = _flat_nums(tree)
    result = []
    for i in pages:
        entry = nums.get(int(pdf.pages[i].obj.StructParents), [])
        roles = [str(e.get("/S")) if isinstance(e, pikepdf.Dictionary) else None for e in entry]
        result.append(sorted(r for r in roles if r is not None))
    return result


def _flat_nums(node: pikepdf.Object) -> dict[int, Any]:
    found: dict[int, Any] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            found[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        found.update(_flat_nums(kid))
    return found


def fields(pdf: pikepdf.Pdf, pages: range) -> list[tuple[Any, ...]]:
    """Each widget on the pages: its field's full name, type, flags, on-states and rectangle."""
    found = []
    for i in pages:
        for widget in pdf.pages[i].obj.get("/Annots", []):
            if widget.get("/Subtype") != "/Widget":
                continue
            field = widget.get("/Parent", widget)
            states = sorted(str(k) for k in widget.get("/AP", {}).get("/N", {}))
            flags = int(field.get("/Ff", 0))
            rect = tuple(round(float(v), 2) for v in widget.Rect)
            found.append((str(field.T), str(field.get("/FT")), flags, tuple(states), rect))
    return sorted(found)


def page_number_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
