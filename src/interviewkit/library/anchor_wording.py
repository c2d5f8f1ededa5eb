"""Trait and appearance words in behavioral anchors.

An anchor tells a panelist what an answer at that rating shows the candidate
did. Words about how a person seems (friendly, mature, energetic, a
"fire-ready-aim type") or looks (well-groomed, dress, eye contact) invite
ratings of personality and appearance, which are not job-related evidence and
are where bias enters a structured interview. The list is conservative: each
pattern is a phrase that almost never describes an action in an answer, so the
lint is a warning the content owner can weigh, not a refusal.
"""

from __future__ import annotations

import re

TRAIT_WORDS = re.compile(
    r"\b(appears?|appeared|seems?|seemed) (to be|to have)\b|\bor appears\b"
    r"|\bcomes? across as\b|\battitudes?\b|\bpersonalit(y|ies)\b"
    r"|(?<![\w-])(un)?friendly\b|\bdemeanou?r\b|\b(\w+-)+\w+ type\b(?! of)"
    r"|\b(is|was|be|being) (a|an) [\w-]+ type\b(?! of)"
    r"|\blooks? (like|professional|neat|nervous|confident|tired|sharp|polished"
    r"|good|bored|uninterested|the part)\b|\bappearance\b|\b(well-)?groom(ed|ing)\b"
    r"|\benergetic\b|\benergy level\b|\b(im)?mature\b|\bmaturity\b"
    r"|\bdress(ed|es)? (well|neatly|professionally|appropriately)\b|\battire\b"
    r"|\beye contact\b|\bhandshake\b|\bbody language\b|\bcharisma(tic)?\b"
    r"|\bbubbly\b|\bcheerful\b|\bpresentable\b",
    re.I,
)


def trait_findings(text: str, what: str = "anchor") -> list[str]:
    """Why an anchor's (or listen-for point's) wording rates the person, not the answer."""
    match = TRAIT_WORDS.search(text)
    if not match:
        return []
    return [
        f"{what} describes a trait or appearance ({match.group(0)!r}), not an answer: say what the "
        "candidate's example shows they did, e.g. 'describes calming the customer by "
        "restating the complaint before offering options'"
    ]
