"""One posting decided: competencies, questions, timings, people, sheets and forms.

`selection.decide` turns a position and the library into a `Packet`, once per build;
every document is then printed from the same packet, so every candidate gets
the same questions in the same order.
"""

from __future__ import annotations

from interviewkit.packet.model import (
    AskedQuestion,
    Packet,
    ReferenceForm,
    SelectedCompetency,
    Sheet,
)

__all__ = ["AskedQuestion", "Packet", "ReferenceForm", "SelectedCompetency", "Sheet"]
