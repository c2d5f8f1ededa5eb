"""The packet's stylesheet, parsed once per process, lays out the same PDFs as inline.

`pdf.stylesheets` takes a document's style elements out of its HTML and hands
them to WeasyPrint as stylesheets (the shared one parsed once). These tests
lay out real documents both ways and compare the bytes, and check when the
styles are left where they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewkit.build import BuildRequest, prepare
from interviewkit.packet.people import parse_panel, read_candidates_csv
from interviewkit.pdf import layout, stylesheets
from interviewkit.pdf.stylesheets import Sheet, split
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment
from interviewkit.renderer.parts import plan_pdfs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _html(head: str, body: str = "<p>x</p>") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


def test_every_style_element_is_taken_out_in_order() -> None:
    html = _html("<style data-shared>p { color: red }</style><style>p { color: blue }</style>")
    own, sheets = split(html)
    assert "<style" not in own
    assert "<p>x</p>" in own
    assert sheets == [Sheet("p { color: red }", True), Sheet("p { color: blue }", False)]


@pytest.mark.parametrize(
    "head",
    [
        "<style>p { color: blue }</style>",  # nothing shared
        "<style data-shared>p {}</style><link rel='stylesheet' href='x.css'>",
        "<style data-shared>p {}</style><style media='print'>p {}</style>",
        "<style data-shared>@font-face { font-family: x; src: url(x.ttf) }</style>",
        "<style data-shared>@IMPORT 'x.css';</style>",
        "<style data-shared>p {}</style><!-- <style>p { color: red }</style> -->",
    ],
)
def test_styles_that_cannot_all_move_stay_in_the_document(head: str) -> None:
    html = _html(head)
    assert split(html) == (html, [])


@pytest.fixture(scope="module")
def sample_layouts() -> list[tuple[str, bool]]:
    """The README sample's documents: (html, forms)."""
    request = BuildRequest(
        position="customer-service-representative",
        candidates=read_candidates_csv(EXAMPLES / "candidates.csv"),
        panel=parse_panel("Dr. Ama Mensah,Li Wei"),
    )
    packet = prepare(request)
    renderer = PacketRenderer(make_environment(TemplateSet()), packet, paper="letter", forms=True)
    plan = plan_pdfs(renderer, "content", split=False)
    return [(item.html, item.forms) for item in plan.layouts]


def _both_ways(html: str, forms: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    # The PDF identifier hashes the HTML; the same one for both, so only layout differs.
    monkeypatch.setattr(layout, "identifier", lambda _html: b"0" * 32)
    folders = TemplateSet().folders
    assert "<style data-shared>" in html
    moved = layout.render_pdf(html, base_dir=folders[0], allowed=folders, forms=forms)
    inline = html.replace("<style data-shared>", "<style>")
    assert split(inline)[1] == []
    kept = layout.render_pdf(inline, base_dir=folders[0], allowed=folders, forms=forms)
    return moved, kept


def test_the_guide_is_the_same_bytes(
    sample_layouts: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The guide's running header overrides packet.css, which `@page cover` overrides
    # again by specificity: the case a change of origin for packet.css alone got wrong.
    (guide,) = [html for html, _forms in sample_layouts if 'class="guide' in html]
    moved, kept = _both_ways(guide, False, monkeypatch)
    assert moved == kept


@pytest.mark.slow
def test_every_document_of_the_sample_is_the_same_bytes(
    sample_layouts: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch
) -> None:
    for html, forms in sample_layouts:
        moved, kept = _both_ways(html, forms, monkeypatch)
        assert moved == kept


def test_the_shared_stylesheet_is_parsed_once(
    sample_layouts: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    parsed: list[str] = []
    original = weasyprint.CSS

    def counting(*args: object, **kwargs: object) -> object:
        parsed.append(str(kwargs.get("string", "")))
        return original(*args, **kwargs)

    monkeypatch.setattr(stylesheets, "_parsed", {})
    monkeypatch.setattr(weasyprint, "CSS", counting)
    folders = TemplateSet().folders
    small = [html for html, forms in sample_layouts if not forms][:2]
    for html in small:
        layout.render_pdf(html, base_dir=folders[0], allowed=folders)
    shared = [css for css in parsed if "Print stylesheet shared by every" in css]
    assert len(shared) == 1
    assert len(parsed) == 1 + len(small)  # and each document's own once
