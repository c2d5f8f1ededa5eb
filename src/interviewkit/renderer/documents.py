"""The packet's documents as HTML: a declared context per document, rendered by Jinja.

Rendering is pure: a packet and an environment in, an HTML string out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import Environment

from interviewkit.renderer.environment import render_template
from interviewkit.schema.models import Candidate, Panelist, Referee
from interviewkit.selection import Packet

Paper = Literal["letter", "a4"]
# Rows printed for write-in names when a build lists no candidates or no panel.
BLANK_CANDIDATE_ROWS = 4
BLANK_PANEL_ROWS = 3


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


@dataclass(frozen=True)
class RenderOptions:
    """How the documents are printed: paper size, on-screen form fields, blind review."""

    paper: Paper = "letter"
    forms: bool = True
    blind: bool = False


@dataclass(frozen=True)
class Sheet:
    """One panelist's scoring sheet for one candidate; either may be blank (write-in).

    `key` prefixes the sheet's form field names, so one file holds every sheet;
    `candidate_label` is what the sheet prints: the name, or the code when blind.
    """

    number: int
    candidate: Candidate | None
    panelist: Panelist | None
    candidate_label: str | None

    @property
    def key(self) -> str:
        return f"s{self.number:03d}"

    def field(self, *parts: str) -> str:
        return "__".join((self.key, *parts))


@dataclass(frozen=True)
class ReferenceForm:
    number: int
    candidate: Candidate | None
    referee: Referee | None


@dataclass(frozen=True)
class AgendaItem:
    start: int
    label: str
    minutes: int
    question_number: int | None = None


def candidate_codes(packet: Packet) -> dict[str, str]:
    """Candidate name -> code (C01, C02, ...) in the order candidates are listed."""
    width = max(2, len(str(len(packet.candidates))))
    return {c.name: f"C{i:0{width}d}" for i, c in enumerate(packet.candidates, start=1)}


def scoring_sheets(packet: Packet, blind: bool = False) -> list[Sheet]:
    """Every panelist's stack of sheets, one per candidate, panelist by panelist."""
    panel: list[Panelist | None] = list(packet.panel) or [None]
    candidates: list[Candidate | None] = list(packet.candidates) or [None]
    codes = candidate_codes(packet)
    pairs = [(c, p) for p in panel for c in candidates]
    return [
        Sheet(i, c, p, (codes[c.name] if blind else c.name) if c else None)
        for i, (c, p) in enumerate(pairs, start=1)
    ]


def sheet_register(
    packet: Packet,
    options: RenderOptions,
    content_hash: str,
    sheets: Sequence[Sheet] | None = None,
) -> dict[str, Any]:
    """What `score` needs to know where each filled sheet belongs.

    It travels inside the scoring-sheet PDF (document metadata) and in the
    manifest; when blind, it holds candidate codes only.
    """
    chosen = scoring_sheets(packet, options.blind) if sheets is None else sheets
    return {
        "position": packet.position.id,
        "posting_number": packet.position.posting_number,
        "content_hash": content_hash,
        "blind": options.blind,
        "sheets": {
            sheet.key: {
                "candidate": sheet.candidate_label,
                "panelist": sheet.panelist.name if sheet.panelist else None,
            }
            for sheet in chosen
        },
    }


def reference_forms(packet: Packet) -> list[ReferenceForm]:
    """One form per candidate and referee; one blank-referee form where none is named."""
    forms: list[tuple[Candidate | None, Referee | None]] = []
    candidates: list[Candidate | None] = list(packet.candidates) or [None]
    for candidate in candidates:
        referees: list[Referee | None] = list(candidate.referees) if candidate else []
        forms.extend((candidate, r) for r in (referees or [None]))
    return [ReferenceForm(i, c, r) for i, (c, r) in enumerate(forms, start=1)]


def agenda(packet: Packet) -> list[AgendaItem]:
    items = [
        AgendaItem(0, "Opening: introductions and how the interview works", packet.opening_minutes)
    ]
    clock = packet.opening_minutes
    for asked in packet.questions:
        items.append(AgendaItem(clock, f"{asked.competency.name}", asked.minutes, asked.number))
        clock += asked.minutes
    items.append(
        AgendaItem(
            clock, "Closing: the candidate's questions and next steps", packet.closing_minutes
        )
    )
    return items


def context(
    packet: Packet,
    document: Document,
    options: RenderOptions,
    register: dict[str, Any] | None,
    only: Sequence[Sheet | ReferenceForm] | None = None,
) -> dict[str, Any]:
    """The declared shape every template receives.

    `only` limits a scoring-sheet or reference document to some of its sheets or
    forms (numbered as in the whole packet), so each can be laid out on its own.
    """
    position = packet.position
    codes = candidate_codes(packet)
    all_sheets = scoring_sheets(packet, options.blind)
    all_forms = reference_forms(packet)
    return {
        "document": document,
        "packet": packet,
        "position": position,
        "scale": packet.scale,
        "proficiency_scale": packet.proficiency_scale,
        "competencies": packet.competencies,
        "questions": packet.questions,
        "candidates": packet.candidates,
        "candidate_labels": [codes[c.name] if options.blind else c.name for c in packet.candidates],
        "candidate_codes": codes,
        "panel": packet.panel,
        "paper": options.paper,
        "forms": options.forms,
        "blind": options.blind,
        "draft": packet.draft,
        "register": register,
        "sheets": (list(only) if only is not None else all_sheets)
        if document.key == "sheets"
        else [],
        "reference_forms": (list(only) if only is not None else all_forms)
        if document.key == "references"
        else [],
        "sheet_total": len(all_sheets),
        "form_total": len(all_forms),
        "agenda": agenda(packet),
        # About a minute and a half per question, rounded up to five minutes.
        "reference_minutes": reference_minutes(packet),
        "blank_candidate_rows": BLANK_CANDIDATE_ROWS,
        "blank_panel_rows": BLANK_PANEL_ROWS,
    }


def reference_minutes(packet: Packet) -> int:
    count = len(packet.verification_questions) + sum(
        len(c.reference_questions) for c in packet.competencies
    )
    return max(10, -(-int(count * 1.5) // 5) * 5)


def documents_for(options: RenderOptions) -> list[str]:
    """The document keys a build makes: the candidate key only for blind review."""
    return [key for key in DOCUMENTS if key != "key" or options.blind]


def render_document(
    env: Environment,
    packet: Packet,
    key: str,
    options: RenderOptions,
    register: dict[str, Any] | None = None,
    only: Sequence[Sheet | ReferenceForm] | None = None,
) -> str:
    """One document of the packet (or some of its sheets or forms) as a complete HTML page."""
    document = DOCUMENTS[key]
    return render_template(
        env, document.template, context(packet, document, options, register, only)
    )
