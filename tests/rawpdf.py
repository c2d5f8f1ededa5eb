"""PDF files written byte by byte, for shapes no library would write."""

from __future__ import annotations


def pdf_string(text: str) -> bytes:
    """`text` as a PDF literal string (UTF-16 with a byte-order mark)."""
    data = b"\xfe\xff" + text.encode("utf-16-be")
    escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"


def build_pdf(objects: dict[int, bytes], *, register: str | None = None) -> bytes:
    """A PDF 1.7 file of `objects` (number -> body, written verbatim), catalog 1, with a
    correct cross-reference table; `register` goes into the document information."""
    objects = dict(objects)
    info = ""
    if register is not None:
        number = max(objects) + 1
        objects[number] = b"<< /interviewkitsheets " + pdf_string(register) + b" >>"
        info = f" /Info {number} 0 R"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        info.encode(),
        xref,
    )
    return bytes(out)


def one_page_form(
    field: bytes,
    extra: dict[int, bytes] | None = None,
    *,
    fields: bytes = b"4 0 R",
    annotations: bytes = b"4 0 R",
    register: str | None = None,
) -> bytes:
    """Catalog (1), page tree (2), page (3) and a field as object 4; `extra` adds objects
    5 and up. /Fields holds `fields`, the page's /Annots holds `annotations`."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + fields + b"] >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> "
        b"/Annots [" + annotations + b"] >>",
        4: field,
        **(extra or {}),
    }
    return build_pdf(objects, register=register)


# An on appearance for radio buttons: an empty form XObject (object 9).
ON_APPEARANCE = (
    b"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Length 0 >>\nstream\n\nendstream"
)


def radio_button(parent: int, state: bytes, on: bool = False) -> bytes:
    """A plain radio widget (no /T) of field `parent`, with one on-state."""
    current = state if on else b"Off"
    return (
        b"<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /Parent %d 0 R"
        b" /AS /%s /AP << /N << /%s 9 0 R >> >> >>" % (parent, current, state)
    )


def text_field(name: bytes, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (" + name + b") /Rect [0 0 50 20] "
        b"/V (hello)" + extra + b" >>"
    )
