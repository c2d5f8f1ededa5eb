"""A laid-out PDF read for assembly: its pages and, per page, what the page owns.

WeasyPrint writes a tagged PDF whose structure is built page by page: every
page's top-level structure elements hang under one Document element, in page
order, and the parent tree maps each page's marked-content ids (MCIDs) to
their elements. Margin boxes (running headers, page numbers) get elements
that only the parent tree reaches. That makes a page a self-contained unit
that can be copied: its dictionary, its annotations and form fields, and its
structure elements; everything else it uses (content streams, fonts, images,
appearance streams) is shared by every copy.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from interviewkit.pdf.plan import COPY_ANCHOR

ObjGen = tuple[int, int]


class SourceError(Exception):
    """A laid-out PDF that does not have the shape assembly relies on."""


@dataclass
class OutlineItem:
    title: str
    page: int  # index of the page it points at, in the source
    destination: list[Any]  # the rest of the destination after the page: /XYZ x y z, /Fit...
    children: list[OutlineItem] = field(default_factory=list)


@dataclass
class Source:
    """One laid-out PDF, opened lazily from disk."""

    pdf: pikepdf.Pdf
    pages: list[pikepdf.Dictionary]
    page_index: dict[ObjGen, int]
    roots: list[list[pikepdf.Dictionary]]  # per page: its top-level structure elements
    marked: list[list[pikepdf.Object | None]]  # per page: MCID -> structure element
    annotation_parents: dict[int, pikepdf.Object]  # StructParent key -> structure element
    document: ObjGen | None  # the Document structure element
    tree_root: ObjGen | None
    pages_node: ObjGen
    outline: list[OutlineItem]
    anchors: dict[str, int]  # element id -> index of the page it starts on

    @classmethod
    def open(cls, data: bytes) -> Source:
        pdf = _read(data)
        pages = [page.obj for page in pdf.pages]
        page_index = {page.objgen: i for i, page in enumerate(pages)}
        tree = pdf.Root.get("/StructTreeRoot")
        document = _document_element(tree)
        roots: list[list[pikepdf.Dictionary]] = [[] for _ in pages]
        if document is not None:
            for element in kids(document):
                page = element.get("/Pg")
                if page is None or page.objgen not in page_index:
                    raise SourceError("a top-level structure element belongs to no page")
                roots[page_index[page.objgen]].append(element)
        numbers = dict(_number_tree(tree.get("/ParentTree") if tree is not None else None))
        marked: list[list[pikepdf.Object | None]] = []
        for page in pages:
            key = page.get("/StructParents")
            entry = numbers.pop(int(key), None) if key is not None else None
            marked.append(list(entry) if isinstance(entry, pikepdf.Array) else [])
        return cls(
            pdf=pdf,
            pages=pages,
            page_index=page_index,
            roots=roots,
            marked=marked,
            annotation_parents=numbers,
            document=document.objgen if document is not None else None,
            tree_root=tree.objgen if tree is not None else None,
            pages_node=pdf.Root.Pages.objgen,
            outline=list(_outline(pdf, page_index)),
            anchors=dict(_anchors(pdf, page_index)),
        )

    def page_range(self, anchor: str | None) -> tuple[int, int]:
        """(first page, page count) of the copy whose element has the id `anchor`: from
        its page to the page of the next copy's anchor (ids starting with
        COPY_ANCHOR), or the whole document when `anchor` is None."""
        return page_range(self.anchors, len(self.pages), anchor)

    def mcid_count(self) -> int:
        """One more than the highest MCID of any page: a safe start for stamped layers."""
        return max((len(entries) for entries in self.marked), default=0)

    def close(self) -> None:
        self.pdf.close()


def page_range(anchors: dict[str, int], pages: int, anchor: str | None) -> tuple[int, int]:
    """(first page, page count) of the copy starting at `anchor` in a document of
    `pages` pages whose element ids start on the pages `anchors` gives."""
    if anchor is None:
        return 0, pages
    first = anchors.get(anchor)
    if first is None:
        raise SourceError(f"nothing with the id '{anchor}' was laid out")
    following = [
        page for name, page in anchors.items() if name.startswith(COPY_ANCHOR) and page > first
    ]
    return first, min(following, default=pages) - first


def copy_lengths(data: bytes, anchors: list[str | None]) -> dict[str | None, int]:
    """The page count of each copy (by anchor) of a laid-out PDF.

    Reads the page tree and the named destinations only: opening the whole
    source (its structure tree above all) holds tens of MB a document.
    """
    with _read(data) as pdf:
        pages = len(pdf.pages)
        page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        found = dict(_anchors(pdf, page_index))
    return {anchor: page_range(found, pages, anchor)[1] for anchor in anchors}


def _read(data: bytes) -> pikepdf.Pdf:
    """A laid-out document opened with pikepdf; a SourceError if it cannot be."""
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        raise SourceError(f"a laid-out document cannot be read: {exc}") from exc


def _document_element(tree: pikepdf.Object | None) -> pikepdf.Dictionary | None:
    if tree is None:
        return None
    found = kids(tree)
    if len(found) != 1 or found[0].get("/S") != "/Document":
        raise SourceError("the structure tree does not have one Document element")
    return found[0]


def kids(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """The dictionaries among a structure element's kids: elements, and references to
    marked content or objects."""
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return [k for k in kids if isinstance(k, pikepdf.Dictionary)]
    return [kids] if isinstance(kids, pikepdf.Dictionary) else []


def _number_tree(node: pikepdf.Object | None) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, flat."""
    for key, value in _tree(node, "/Nums"):
        yield int(key), value


def _tree(node: pikepdf.Object | None, leaves: str, depth: int = 0) -> Iterator[tuple[Any, Any]]:
    """The (key, value) pairs of a number tree (`/Nums`) or name tree (`/Names`), flat."""
    if node is None:
        return
    if depth > 32:
        raise SourceError("a number or name tree is nested too deeply")
    pairs = node.get(leaves)
    if pairs is not None:
        for index in range(0, len(pairs) - 1, 2):
            yield pairs[index], pairs[index + 1]
    for kid in node.get("/Kids", []):
        yield from _tree(kid, leaves, depth + 1)


def _outline(pdf: pikepdf.Pdf, page_index: dict[ObjGen, int]) -> Iterator[OutlineItem]:
    outlines = pdf.Root.get("/Outlines")
    if outlines is None:
        return
    yield from _outline_level(outlines.get("/First"), page_index, 0)


def _outline_level(
    item: pikepdf.Object | None, page_index: dict[ObjGen, int], depth: int
) -> Iterator[OutlineItem]:
    seen = 0
    while item is not None and seen < 100_000 and depth < 32:
        seen += 1
        destination = item.get("/Dest")
        if isinstance(destination, pikepdf.Array) and len(destination) > 0:
            target = destination[0]
            if isinstance(target, pikepdf.Dictionary) and target.objgen in page_index:
                yield OutlineItem(
                    title=str(item.get("/Title", "")),
                    page=page_index[target.objgen],
                    destination=list(destination)[1:],
                    children=list(_outline_level(item.get("/First"), page_index, depth + 1)),
                )
        item = item.get("/Next")


def _anchors(pdf: pikepdf.Pdf, page_index: dict[ObjGen, int]) -> Iterator[tuple[str, int]]:
    """Named destinations (WeasyPrint makes one per element id) and their pages."""
    names = pdf.Root.get("/Names")
    tree = names.get("/Dests") if names is not None else None
    for name, destination in ((str(n), d) for n, d in _tree(tree, "/Names")):
        if isinstance(destination, pikepdf.Dictionary):
            destination = destination.get("/D")
        if isinstance(destination, pikepdf.Array) and len(destination) > 0:
            target = destination[0]
            if isinstance(target, pikepdf.Dictionary) and target.objgen in page_index:
                yield name, page_index[target.objgen]
