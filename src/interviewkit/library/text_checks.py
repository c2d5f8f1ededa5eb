"""Checks on the words themselves: placeholders, bullets, tokens, pronouns, repeats.

These run on the raw data so that every finding points at the exact field.
They are deliberately conservative word lists; a content owner who trips one
rewrites the text, which is what the law and good practice ask for. Protected
topics live in `protected_topics`, anchor wording in `anchor_wording`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from interviewkit.library.problems import DataPath

CANDIDATE_TOKEN = "{candidate}"

_WRITE_IT = "placeholder text {found}: write the real text"

PLACEHOLDERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"under\s+development", re.I), _WRITE_IT),
    (re.compile(r"\bTBD\b|\bTBA\b|\bto be determined\b", re.I), _WRITE_IT),
    # "To be developed" is how job aids mark a section nobody has written yet.
    (
        re.compile(
            r"\bto be (developed|written|added|completed|supplied|provided)\b"
            r"|\bcoming soon\b|\bplaceholder\b",
            re.I,
        ),
        _WRITE_IT,
    ),
    (re.compile(r"\bLorem ipsum\b", re.I), _WRITE_IT),
    (
        re.compile(r"\[\s*bookmark:[^\]]*\]", re.I),
        "word-processor export artifact {found}: delete it",
    ),
    (
        re.compile(r"[\[(]\s*(applicant|candidate|employee)(['’]s)?\s+name\s*[\])]", re.I),
        "bracketed placeholder {found}: name the candidate with {{candidate}}",
    ),
    (
        re.compile(r"[\[(]\s*pick an? [^\])]*[\])]", re.I),
        "instruction to the interviewer left in the text {found}: write the real text",
    ),
    (re.compile(r"\b(XXX+|FIXME|TODO)\b"), "placeholder marker {found}: write the real text"),
]

# A bullet character pasted from a word processor prints as a stray symbol and
# runs two items together. Round bullets are never prose; a hyphen or asterisk
# is a bullet only where an item would start: at the start of the text or of a
# line, or right after the end of a sentence (a folded YAML block joins lines).
BULLET = re.compile(
    r"(?P<round>[•·▪◦‣●■□➢➤✓✔])"
    r"|(?:^|\n|[.;:!?]\s)\s*(?P<dash>[-*–])(?=\s|$)",
)
_BULLET_HELP = (
    "bullet character {found} in the text: make each item its own entry in the YAML list "
    "(a line that starts with '- ') and delete the character"
)

GENDERED = re.compile(
    # Longest first, so that "his/her" is reported whole.
    r"\b(him/herself|he/she|s/he|him/her|his/her|himself|herself|hers|he|she|him|his|her)\b",
    re.I,
)
TOKEN = re.compile(r"\{[^{}]*\}|\{\{|\}\}|\{%|%\}")


def walk_strings(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every string in a YAML structure with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, (*path, index))


def placeholder_findings(text: str) -> list[str]:
    """Why `text` looks unfinished (placeholder words, bare bullets); empty when it does not."""
    found = [
        why.format(found=repr(match.group(0)))
        for pattern, why in PLACEHOLDERS
        for match in [pattern.search(text)]
        if match
    ]
    bullet = BULLET.search(text)
    if bullet:
        found.append(_BULLET_HELP.format(found=repr(bullet.group("round") or bullet.group("dash"))))
    return found


def token_findings(text: str, *, candidate_allowed: bool) -> list[str]:
    """Template-like tokens other than {candidate}, which are never filled."""
    found = []
    for match in TOKEN.finditer(text):
        token = match.group(0)
        if token == CANDIDATE_TOKEN and candidate_allowed:
            continue
        if token == CANDIDATE_TOKEN:
            found.append("{candidate} can only be used in reference-check questions")
        else:
            found.append(f"unknown token {token!r}; the only token is {CANDIDATE_TOKEN}")
    return found


def pronoun_findings(text: str, *, about_candidate: bool = True) -> list[str]:
    """Gendered pronouns: about the candidate, or anywhere in printed text."""
    match = GENDERED.search(text)
    if not match:
        return []
    if about_candidate:
        return [f"uses the gendered pronoun {match.group(0)!r}; use 'they' or {CANDIDATE_TOKEN}"]
    return [
        f"uses the gendered pronoun {match.group(0)!r}; printed text says 'they' or names the "
        "role ('the employee', 'the customer')"
    ]


def comparable(text: str) -> str:
    """A list item reduced to its words, so that repeats differing in case or a period match."""
    return " ".join(text.casefold().split()).rstrip(" .;:?!")
