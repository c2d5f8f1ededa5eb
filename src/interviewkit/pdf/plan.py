"""What the PDF stage is asked to make: documents to lay out, and files made of their pages.

A `Layout` is one HTML document laid out once with WeasyPrint. An output file
is a list of `Copy`s: each a run of a layout's pages (a sheet's body, one
candidate's reference form, the whole guide) with, per page, `Stamp`s of other
layouts' pages drawn over it (the names of the copy's candidate and panelist),
its form fields renamed, and its own outline entry. A posting's 200 scoring
sheets are then one laid-out body and 200 sets of names, not 200 layouts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from interviewkit.pdf.cache import part_key

# Element ids that mark where each copy of a batched layout starts.
COPY_ANCHOR = "copy-"


@dataclass(frozen=True)
class Layout:
    key: str  # over everything the laid-out PDF depends on; names its cache file
    html: str
    forms: bool
    # For a text layer (`text_layers`): the body whose rooms its sentences are put in.
    under: str | None = None

    @classmethod
    def of(cls, html: str, forms: bool = False, under: str | None = None) -> Layout:
        keyed = html if under is None else under + "\0text layer\0" + html
        return cls(part_key(keyed, forms), html, forms, under)


@dataclass(frozen=True)
class Stamp:
    """Page `page` of layout `layout`, drawn over a page of a copy."""

    layout: str
    page: int


@dataclass(frozen=True)
class Copy:
    """A run of pages in an output file."""

    layout: str
    # The pages: from the element with this id to the next anchored one (or the
    # end); all pages of the layout when None.
    anchor: str | None = None
    stamps: tuple[tuple[Stamp, ...], ...] = ()  # per page; the last entry serves the rest
    fields: tuple[str, str] | None = None  # (prefix in the layout, prefix in this copy)
    # (text layer, this copy's anchor in it): the sentences stamped into the body's rooms
    layer: tuple[str, str] | None = None
    title: str = ""  # outline entry; without one, the layout's own bookmarks lead
    numbered: bool = False  # stamp "Page n of N" of the copy's own pages (batched layouts)
    even: bool = False  # end on an even page (a blank one if need be), for two-sided printing


@dataclass(frozen=True)
class OutputPdf:
    filename: str
    copies: tuple[Copy, ...]
    info: tuple[tuple[str, str], ...] = ()  # document-information entries to set

    @property
    def numbered(self) -> bool:
        """Whether any copy takes page-number stamps (and so waits for them)."""
        return any(copy.numbered for copy in self.copies)


# Renders the page-number stamps for copies marked `numbered`, once their lengths
# are known: (n, N) pairs in, the HTML of a document with one page per pair out.
PageNumbers = Callable[[list[tuple[int, int]]], str]


@dataclass(frozen=True)
class PdfPlan:
    layouts: tuple[Layout, ...]
    outputs: tuple[OutputPdf, ...]
    page_numbers: PageNumbers | None = None


def assembly_key(output: OutputPdf) -> str:
    """A key over everything an output file is assembled from."""
    return hashlib.sha256(repr((output.copies, output.info)).encode("utf-8")).hexdigest()
