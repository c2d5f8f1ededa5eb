"""What the PDF stage is asked to make: output files, each assembled from laid-out parts.

A part is one HTML document laid out on its own: the interview guide, the
consensus sheet, one scoring sheet, one reference form. An output file is a
list of parts; the combined scoring sheets and each panelist's own file share
the same parts, so a sheet is laid out once whichever files it appears in.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewkit.pdf.cache import part_key


@dataclass(frozen=True)
class Part:
    key: str  # over everything the laid-out PDF depends on; names its cache file
    html: str
    forms: bool
    title: str  # outline entry in the assembled file

    @classmethod
    def of(cls, html: str, forms: bool, title: str) -> Part:
        return cls(part_key(html, forms), html, forms, title)


@dataclass(frozen=True)
class OutputPdf:
    filename: str
    parts: tuple[Part, ...]
    info: tuple[tuple[str, str], ...] = ()  # document-information entries to set
