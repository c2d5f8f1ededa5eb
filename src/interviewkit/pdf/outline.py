"""The bookmarks of an assembled file: an entry per sheet or form, with its own inside."""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

from interviewkit.pdf.writer import PdfWriter


@dataclass
class OutlineEntry:
    title: str
    page: int  # the object number of the page it opens
    destination: list[bytes]  # after the page: /Fit, or /XYZ left top zoom
    children: list[OutlineEntry] = field(default_factory=list)


def write_outline(writer: PdfWriter, entries: list[OutlineEntry]) -> int | None:
    """Write the outline; the number of its root, or None when there are no entries.

    Entries with children start closed, so a file of 200 sheets opens as a list
    of 200 sheets.
    """
    if not entries:
        return None
    root = writer.reserve()
    first, last = _level(writer, entries, root)
    writer.add(
        root,
        b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>" % (first, last, len(entries)),
    )
    return root


def _level(writer: PdfWriter, entries: list[OutlineEntry], parent: int) -> tuple[int, int]:
    first = writer.reserve(len(entries))
    numbers = list(range(first, first + len(entries)))
    for index, entry in enumerate(entries):
        number = numbers[index]
        parts = [
            b"/Title " + bytes(pikepdf.String(entry.title).unparse()),
            b"/Parent %d 0 R" % parent,
            b"/Dest [%d 0 R %s]" % (entry.page, b" ".join(entry.destination)),
        ]
        if index > 0:
            parts.append(b"/Prev %d 0 R" % numbers[index - 1])
        if index + 1 < len(entries):
            parts.append(b"/Next %d 0 R" % numbers[index + 1])
        if entry.children:
            child_first, child_last = _level(writer, entry.children, number)
            parts.append(b"/First %d 0 R /Last %d 0 R" % (child_first, child_last))
            parts.append(b"/Count -%d" % len(entry.children))
        writer.add(number, b"<<" + b" ".join(parts) + b">>")
    return numbers[0], numbers[-1]
