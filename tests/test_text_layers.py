"""Text layers: a candidate's sentences laid out over the room a shared body leaves them.

The placement is read back with PyMuPDF, not with the code that placed it; the
forms built with very long and very wide names are compared, page by page, with
the same forms laid out on their own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pymupdf
import pytest

from interviewkit.build import BuildRequest, build
from interviewkit.errors import InternalError
from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.pdf.layout import render_pdf
from interviewkit.renderer.filters import NAME_EMS, fitted
from interviewkit.resources import builtin_templates
from tests import pdf_compare
from tests.conftest import FIXTURES
from tests.test_stamping import laid_out_alone

STYLE = """<style>
@page { size: 400px 400px; margin: 30px; }
.sentence { font: 12px/1.4 "DejaVu Sans", sans-serif; margin: 3px 0 5px; }
</style>"""
SENTENCE = "Pat handled the permit queue well under pressure"


def body(sentence: str) -> str:
    """A body whose room for `sentence` is a visible copy of it, 120px from the top."""
    return (
        f'<html lang="en"><head>{STYLE}</head><body><div style="height: 120px"></div>'
        f'<div style="margin-left: 40px; width: 150px">'
        f'<div class="sentence" id="slot-one">{sentence}</div></div>'
        "<p>After the room</p></body></html>"
    )


def layer(sentence: str) -> str:
    return (
        f'<html lang="en"><head>{STYLE}</head><body>'
        '<section class="ref-layer" id="copy-1">'
        f'<div class="slot-layer" data-slot="slot-one" id="slot-one.copy-1">'
        f'<div class="sentence">{sentence}</div></div></section></body></html>'
    )


def lay_out(html: str, under: str | None = None) -> bytes:
    folder = builtin_templates()
    return render_pdf(html, base_dir=folder, allowed=[folder], under=under)


def words(data: bytes) -> list[tuple[str, float, float]]:
    with pymupdf.open(stream=data, filetype="pdf") as document:
        page = document[0]
        return [(w[4], round(w[0], 2), round(w[1], 2)) for w in page.get_text("words")]


def page_words(data: bytes, pages: range) -> list[Counter[str]]:
    """The words of each page, as PyMuPDF reads them."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return [Counter(w[4] for w in document[i].get_text("words")) for i in pages]


def test_a_sentence_is_printed_where_the_body_left_its_room() -> None:
    laid_over = lay_out(layer(SENTENCE), under=body(SENTENCE))
    body_words = words(lay_out(body(SENTENCE)))
    layer_words = words(laid_over)
    # Every word of the sentence where the body printed it (first, before its last
    # paragraph), wrapped the same way.
    assert layer_words == body_words[: len(SENTENCE.split())]
    assert [w[0] for w in layer_words] == SENTENCE.split()
    assert len({y for _, _, y in layer_words}) > 1  # the room is narrow: the sentence wraps
    with pymupdf.open(stream=laid_over, filetype="pdf") as document:
        assert document.page_count == 1
        assert document.resolve_names()["slot-one.copy-1"]["page"] == 0


def test_a_sentence_taller_than_its_room_is_refused() -> None:
    with pytest.raises(InternalError, match="taller than its room: slot-one"):
        lay_out(layer(SENTENCE + " and " + SENTENCE), under=body(SENTENCE))


def test_a_sentence_without_a_room_is_refused() -> None:
    with pytest.raises(InternalError, match="no room: slot-one"):
        lay_out(layer(SENTENCE), under=body(SENTENCE).replace("slot-one", "elsewhere"))


@pytest.mark.slow
def test_long_and_wide_names_leave_every_copy_the_form_laid_out_alone(tmp_path: Path) -> None:
    # Names wider than the room allows (cut), with accents, and short; each short
    # enough for the running header, which cuts a name its own way.
    wide, accented = "Mmmmmmmmm Wwwwwwww", "Åsa Ågren-Núñez"
    candidates = [
        Candidate(
            name=wide, id="ID-" + "9" * 37, referees=[Referee(name="Ro", relationship="peer")]
        ),
        Candidate(name=accented, referees=[Referee(name="Ray")]),
        Candidate(name="Al"),
    ]
    request = BuildRequest(
        position="clerk",
        content_dir=FIXTURES / "mini",
        out_dir=tmp_path,
        candidates=candidates,
        panel=[Panelist(name="Pat Lee")],
    )
    path = build(request).folder / "reference-checks.pdf"
    assembled = pdf_compare.open_pdf(path)
    ranges = pdf_compare.copy_ranges(assembled)
    assert len(ranges) == 3
    for index, pages in enumerate(ranges):
        alone_data = laid_out_alone(request, "references", index)
        alone = pdf_compare.open_pdf(alone_data)
        whole = range(len(alone.pages))
        assert len(pages) == len(whole)
        # PyMuPDF reads the words here: pypdf garbles some pages' text, as it did
        # before text layers (a page with a font for CJK text, say).
        assert page_words(path.read_bytes(), pages) == page_words(alone_data, whole)
        assert pdf_compare.structure(assembled, pages) == pdf_compare.structure(alone, whole)
        assert pdf_compare.marked_roles(assembled, pages) == pdf_compare.marked_roles(alone, whole)
    first_page = page_words(path.read_bytes(), range(1))[0]
    assert fitted(wide, NAME_EMS) == "Mmmmmmmmm W…"
    assert first_page["Mmmmmmmmm"] >= 3  # the header, the title, the introduction
    assert first_page["W…"] >= 1
    assert fitted(accented, NAME_EMS) == accented
