"""A PDF file written as it is made: objects go out one by one, never held all at once.

Assembling a posting's scoring sheets in a PDF library's memory holds every
page's objects until the file is saved (1.6 GB for 200 sheets). This writer
keeps only where each object went: small objects are packed a few hundred at
a time into compressed object streams, streams are written at once, and the
cross-reference stream at the end points at all of them (PDF 1.5 and later).

Objects are given as bytes already in PDF syntax; references to other
objects are written `N 0 R` with numbers handed out by `reserve`.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable
from typing import BinaryIO

# Small objects packed into one object stream before it is compressed and written.
OBJECTS_PER_STREAM = 200
# A cross-reference stream row: type (1 in the file, 2 in an object stream), offset or
# object-stream number, generation or index: /W [1 4 2].
_ROW = struct.Struct(">BIH")


class PdfWriter:
    """Write numbered objects to `out` in any order; `finish` writes the xref and trailer."""

    def __init__(self, out: BinaryIO, version: str = "1.7"):
        self.out = out
        self.position = 0
        # object number -> (1, offset) for objects in the file, (2, stream, index) when packed
        self.xref: dict[int, tuple[int, ...]] = {}
        self.next_number = 1
        self.pending: list[tuple[int, bytes]] = []  # small objects waiting for an object stream
        self._emit(f"%PDF-{version}\n%\xe2\xe3\xcf\xd3\n".encode("latin-1"))

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def reserve(self, count: int = 1) -> int:
        """Hand out `count` consecutive object numbers; returns the first."""
        first = self.next_number
        self.next_number += count
        return first

    def add(self, number: int, body: bytes) -> None:
        """A non-stream object (a dictionary, array, number...), packed into an object stream."""
        self.pending.append((number, body))
        if len(self.pending) >= OBJECTS_PER_STREAM:
            self._flush()

    def add_stream(self, number: int, dictionary: bytes, data: bytes) -> None:
        """A stream object: `dictionary` is its `<< ... >>` without /Length, `data` as stored."""
        if not (dictionary.startswith(b"<<") and dictionary.endswith(b">>")):
            raise ValueError("a stream dictionary must be written << ... >>")
        self.xref[number] = (1, self.position)
        head = dictionary[:-2] + b" /Length %d>>" % len(data)
        self._emit(b"%d 0 obj\n%s\nstream\n" % (number, head))
        self._emit(data)
        self._emit(b"\nendstream\nendobj\n")

    def _flush(self) -> None:
        if not self.pending:
            return
        stream_number = self.reserve()
        offsets: list[bytes] = []
        bodies: list[bytes] = []
        offset = 0
        for index, (number, body) in enumerate(self.pending):
            offsets.append(b"%d %d" % (number, offset))
            bodies.append(body)
            offset += len(body) + 1
            self.xref[number] = (2, stream_number, index)
        header = b" ".join(offsets) + b"\n"
        # Level 1: a posting's sheets are hundreds of thousands of small objects, and
        # level 6 makes them only a few percent smaller for three times the time.
        data = zlib.compress(header + b"\n".join(bodies) + b"\n", 1)
        self.pending = []
        self.add_stream(
            stream_number,
            b"<</Type /ObjStm /N %d /First %d /Filter /FlateDecode>>" % (len(offsets), len(header)),
            data,
        )

    def finish(self, root: int, info: int | None, identifier: bytes) -> None:
        """Write the cross-reference stream and the trailer; the file is then complete."""
        self._flush()
        xref_number = self.reserve()
        missing = [n for n in range(1, xref_number) if n not in self.xref]
        if missing:
            raise ValueError(f"objects reserved but never written: {missing[:10]}")
        self.xref[xref_number] = (1, self.position)
        rows = [_ROW.pack(0, 0, 0xFFFF)]  # object 0: the head of the free list
        for number in range(1, xref_number + 1):
            entry = self.xref[number]
            rows.append(_ROW.pack(*entry) if len(entry) == 3 else _ROW.pack(entry[0], entry[1], 0))
        ident = identifier.hex().encode("ascii")
        trailer = (
            b"<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s"
            b" /ID [<%s> <%s>] /Filter /FlateDecode>>"
            % (
                xref_number + 1,
                root,
                b" /Info %d 0 R" % info if info is not None else b"",
                ident,
                ident,
            )
        )
        start = self.position
        self.add_stream(xref_number, trailer, zlib.compress(b"".join(rows), 6))
        self._emit(b"startxref\n%d\n%%%%EOF\n" % start)


def file_identifier(parts: Iterable[bytes]) -> bytes:
    """A document identifier derived from what the file is made of, so rebuilds match."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\0")
    return digest.digest()[:16]
