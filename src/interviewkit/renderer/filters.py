"""Small, pure helpers the templates use."""

from __future__ import annotations

from interviewkit.schema.text_checks import CANDIDATE_TOKEN


def fill_candidate(text: str, name: str | None) -> str:
    """Put the candidate's name where a question says {candidate}.

    The result is plain text: autoescaping makes any markup in the name print as text.
    """
    return text.replace(CANDIDATE_TOKEN, name or "the candidate")


def weight(value: float) -> str:
    """1.0 -> '1', 1.5 -> '1.5'."""
    return f"{value:g}"


def clock(minutes: int) -> str:
    """Minutes from the start as h:mm."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    return "".join(p[0].upper() for p in parts[:3]) or name[:2]


FILTERS = {
    "fill_candidate": fill_candidate,
    "weight": weight,
    "clock": clock,
    "initials": initials,
}
