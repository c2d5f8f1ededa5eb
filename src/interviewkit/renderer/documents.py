"""The packet's documents as HTML: a declared context per document, rendered by Jinja.

Rendering is pure: a packet and an environment in, an HTML string out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import Environment

from interviewkit.schema.models import Candidate, Panelist, Referee
from interviewkit.selection import Packet

Paper = Literal["letter", "a4"]
# Rows printed for write-in names when a build lists no candidates or no panel.
BLANK_CANDIDATE_ROWS = 6
BLANK_PANEL_ROWS = 3


@dataclass(frozen=True)
class Document:
    key: str
    template: str
    filename: str
    title: str
    per_candidate: bool  # the running header names the candidate


DOCUMENTS: dict[str, Document] = {
    d.key: d
    for d in (
        Document("guide", "interview-guide.html", "interview-guide.pdf", "Interview guide", False),
        Document("sheets", "scoring-sheets.html", "scoring-sheets.pdf", "Scoring sheets", True),
        Document(
            "references", "reference-checks.html", "reference-checks.pdf", "Reference checks", True
        ),
        Document("consensus", "consensus.html", "consensus.pdf", "Consensus sheet", False),
    )
}


@dataclass(frozen=True)
class Sheet:
    """One panelist's scoring sheet for one candidate; either may be blank (write-in)."""

    number: int
    candidate: Candidate | None
    panelist: Panelist | None


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


def scoring_sheets(packet: Packet) -> list[Sheet]:
    """Every panelist's stack of sheets, one per candidate, panelist by panelist."""
    panel: list[Panelist | None] = list(packet.panel) or [None]
    candidates: list[Candidate | None] = list(packet.candidates) or [None]
    pairs = [(c, p) for p in panel for c in candidates]
    return [Sheet(i, c, p) for i, (c, p) in enumerate(pairs, start=1)]


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


def context(packet: Packet, document: Document, *, paper: Paper) -> dict[str, Any]:
    """The declared shape every template receives."""
    position = packet.position
    return {
        "document": document,
        "packet": packet,
        "position": position,
        "scale": packet.scale,
        "proficiency_scale": packet.proficiency_scale,
        "competencies": packet.competencies,
        "questions": packet.questions,
        "candidates": packet.candidates,
        "panel": packet.panel,
        "paper": paper,
        "draft": packet.draft,
        "sheets": scoring_sheets(packet) if document.key == "sheets" else [],
        "reference_forms": reference_forms(packet) if document.key == "references" else [],
        "agenda": agenda(packet),
        "blank_candidate_rows": BLANK_CANDIDATE_ROWS,
        "blank_panel_rows": BLANK_PANEL_ROWS,
    }


def render_document(env: Environment, packet: Packet, key: str, *, paper: Paper) -> str:
    """One document of the packet as a complete HTML page."""
    document = DOCUMENTS[key]
    return env.get_template(document.template).render(context(packet, document, paper=paper))
