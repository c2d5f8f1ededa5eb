"""Reading built PDFs as pages, with PyMuPDF: how full a page is, where text and fields sit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pymupdf
from pypdf import PdfReader

MM = 72 / 25.4
# The page margins of packet.css: what lies above or below is the running header and footer.
TOP, BOTTOM = 20 * MM, 18 * MM


def parts(path: Path) -> list[tuple[str, int, int]]:
    """The parts an assembled file is made of: (outline title, first page, page count)."""
    reader = PdfReader(path)
    starts = [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]
    ends = [start for _, start in starts[1:]] + [len(reader.pages)]
    return [(title, start, end - start) for (title, start), end in zip(starts, ends, strict=True)]


def used(page: pymupdf.Page) -> float:
    """How far down the body area the page's text, drawings and fields reach, from 0 to 1."""
    top, bottom = TOP, page.rect.height - BOTTOM
    lowest = top
    for block in page.get_text("blocks"):
        if block[1] >= top - 1 and block[3] <= bottom + 1:
            lowest = max(lowest, block[3])
    for drawing in page.get_drawings():
        rect = drawing["rect"]
        if rect.y0 >= top - 1 and rect.y1 <= bottom + 1:
            lowest = max(lowest, rect.y1)
    for widget in page.widgets() or []:
        lowest = max(lowest, widget.rect.y1)
    return (lowest - top) / (bottom - top)


def half_empty_pages(path: Path) -> list[tuple[str, int, float]]:
    """Pages less than half used that are not the last page of their part."""
    document = pymupdf.open(path)
    found = []
    for title, start, count in parts(path):
        for number in range(start, start + count - 1):
            share = used(document[number])
            if share < 0.5:
                found.append((title, number + 1, round(share, 2)))
    return found


def lines(page: pymupdf.Page, *, top: float = TOP) -> Iterator[tuple[pymupdf.Rect, str]]:
    """Each printed line of the page's body area, with its box."""
    bottom = page.rect.height - BOTTOM
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            box = pymupdf.Rect(line["bbox"])
            if box.y0 >= top - 1 and box.y1 <= bottom + 1:
                yield box, "".join(span["text"] for span in line["spans"]).strip()


def header_lines(page: pymupdf.Page) -> list[str]:
    return [
        "".join(span["text"] for span in line["spans"]).strip()
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", [])
        if line["bbox"][3] <= TOP
    ]


def body_text(page: pymupdf.Page, *, top: float = TOP) -> str:
    """The page's text between the running header and footer, from `top` down."""
    clip = pymupdf.Rect(0, top, page.rect.width, page.rect.height - BOTTOM)
    return re.sub(r"\s+", " ", page.get_text(clip=clip)).strip()
