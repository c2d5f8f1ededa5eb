"""The packet's documents as HTML: one template per document over the packet's plain data.

Rendering is pure: a packet and an environment in, HTML strings out. The
plain data every document shares is built once (`PacketRenderer`); a sheet or
form document adds only its own sheets or forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import Environment

from interviewkit import manifest
from interviewkit.packet import Packet, ReferenceForm, Sheet
from interviewkit.renderer.context import Data, form_data, packet_data, sheet_data
from interviewkit.renderer.environment import render_template


@dataclass(frozen=True)
class Document:
    key: str
    template: str
    filename: str
    title: str


DOCUMENTS: dict[str, Document] = {
    d.key: d
    for d in (
        Document("guide", "interview-guide.html", "interview-guide.pdf", "Interview guide"),
        Document("sheets", "scoring-sheets.html", "scoring-sheets.pdf", "Scoring sheets"),
        Document("references", "reference-checks.html", "reference-checks.pdf", "Reference checks"),
        Document("consensus", "consensus.html", "consensus.pdf", "Consensus sheet"),
        Document("key", "candidate-key.html", "candidate-key.pdf", "Candidate key"),
    )
}
PAGE_NUMBERS = Document("page-numbers", "page-numbers.html", "", "Page numbers")
# How a document is rendered: whole; as the body every copy of a sheet or form
# shares (per-copy text left out, field names of a placeholder); as the stamps
# that carry each copy's own text; or as the text layer of the sentences that
# name a reference form's candidate (pdf/text_layers.py).
Part = Literal["whole", "body", "stamp", "layer"]
SUMMARY = Document("summary", "score-summary.html", "score-summary.pdf", "Score summary")


def document_keys(packet: Packet) -> list[str]:
    """The documents a build makes: the candidate key only for blind review."""
    return [key for key in DOCUMENTS if key != "key" or packet.blind]


def document_data(document: Document) -> Data:
    return {"key": document.key, "title": document.title}


class PacketRenderer:
    """Renders the documents of one packet; the shared plain data is built once."""

    def __init__(
        self,
        env: Environment,
        packet: Packet,
        *,
        paper: str,
        forms: bool,
        sheet_layout: str = "competency",
    ):
        self.env = env
        self.packet = packet
        self.data = packet_data(packet, paper=paper, forms=forms, sheet_layout=sheet_layout)

    def context(
        self,
        key: str,
        *,
        part: Part = "whole",
        register: manifest.SheetRegister | None = None,
        sheets: Sequence[Sheet] = (),
        forms: Sequence[ReferenceForm] = (),
        anchors: Sequence[str] = (),
        stamped_page_numbers: bool = False,
    ) -> dict[str, Any]:
        """What the template of document `key` receives: plain data only.

        `anchors` gives each form an element id, where several forms share one
        layout; their page numbers then come from stamps (`stamped_page_numbers`).
        """
        return {
            **self.data,
            "document": document_data(DOCUMENTS[key]),
            "part": part,
            "page_numbers": "stamped" if stamped_page_numbers else "css",
            "register": register.model_dump() if register is not None else None,
            "sheets": [sheet_data(s, self.packet) for s in sheets],
            "reference_forms": [
                {**form_data(f, self.packet), "anchor": anchors[i] if anchors else None}
                for i, f in enumerate(forms)
            ],
        }

    def render(self, key: str, **options: Any) -> str:
        """One document, or some sheets or forms of it, as a complete HTML page."""
        context = self.context(key, **options)
        return render_template(self.env, DOCUMENTS[key].template, context)

    def page_numbers(self, pairs: list[tuple[int, int]]) -> str:
        """A document of "Page n of N" stamps, a page per (n, N) pair."""
        context = {
            **self.data,
            "document": document_data(PAGE_NUMBERS),
            "part": "stamp",
            "page_numbers": "stamped",
            "register": None,
            "page_number_pairs": [list(pair) for pair in pairs],
        }
        return render_template(self.env, PAGE_NUMBERS.template, context)
