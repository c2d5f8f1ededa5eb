"""Checks on the words themselves: placeholders, protected topics, tokens, pronouns.

These run on the raw data so that every finding points at the exact field.
They are deliberately conservative word lists; a content owner who trips one
rewrites the question, which is what the law and good practice ask for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from interviewkit.library.problems import DataPath

CANDIDATE_TOKEN = "{candidate}"

PLACEHOLDERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"under\s+development", re.I), "placeholder text {found}: write the real text"),
    (
        re.compile(r"\bTBD\b|\bTBA\b|\bto be determined\b", re.I),
        "placeholder text {found}: write the real text",
    ),
    (re.compile(r"\bLorem ipsum\b", re.I), "placeholder text {found}: write the real text"),
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

# Topics that are unlawful or unwise to ask about in US public-sector hiring.
PROTECTED_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    (
        "age",
        re.compile(
            r"\bhow old\b|\bages?\b|\bdate of birth\b|\bbirth\s?(date|day)\b"
            r"|\bwhen were you born\b|\byear (you|they) (were born|graduated)\b"
            r"|\bretire(ment)? plans?\b",
            re.I,
        ),
    ),
    (
        "marital or family status",
        re.compile(
            r"\bmarital\b|\bmarried\b|\bspouse\b|\bhusband\b|\bwife\b|\bmaiden name\b"
            r"|\bchild(ren)?\b|\bkids\b|\bchild ?care\b|\bbabysit\w*|\bfamily (status|plans?)\b"
            r"|\bstart a family\b|\bsingle parent\b",
            re.I,
        ),
    ),
    ("pregnancy", re.compile(r"\bpregnan\w*|\bmaternity\b|\bexpecting a baby\b", re.I)),
    (
        "religion",
        re.compile(
            r"\breligio\w*|\bchurch\w*|\bmosque\b|\bsynagogue\b|\btemple\b"
            r"|\bworship\w*|\bholy days?\b|\bsabbath\b|\bpray\w*",
            re.I,
        ),
    ),
    (
        "national origin",
        re.compile(
            r"\bnational origin\b|\bnationality\b|\bwhere were you born\b"
            r"|\bborn in\b|\bnative (language|country|tongue)\b"
            r"|\bancestry\b|\bethnic\w*|\bheritage\b|\baccent\b"
            r"|\bmother tongue\b",
            re.I,
        ),
    ),
    (
        "citizenship beyond work authorization",
        re.compile(
            r"\bcitizen(ship)?\b|\bimmigra\w*"
            r"|\bgreen card\b|\bvisa\b",
            re.I,
        ),
    ),
    ("race or color", re.compile(r"\brace\b|\bracial\b|\bskin\b|\bcolou?r of\b", re.I)),
    (
        "disability or health",
        re.compile(
            r"\bdisab\w*|\bhandicap\w*|\bhealth\b|\bmedical\b|\billness\w*|\bsick\b"
            r"|\bmedications?\b|\bsurgery\b|\bworkers'? comp\w*|\bmental\b|\btherapy\b"
            r"|\bimpairment\w*",
            re.I,
        ),
    ),
    ("arrest record", re.compile(r"\barrest\w*", re.I)),
    (
        "sex, gender or sexual orientation",
        re.compile(
            r"\bsexual\b|\bgender\b|\bboyfriend\b|\bgirlfriend\b|\bpartner'?s? name\b", re.I
        ),
    ),
    ("military discharge", re.compile(r"\bdischarge\w*\b", re.I)),
    ("height or weight", re.compile(r"\bhow tall\b|\bheight\b|\b(your|their) weight\b", re.I)),
]
_WORK_AUTHORIZATION = re.compile(r"\bauthori[sz]ed to work\b|\bwork authori[sz]ation\b", re.I)

GENDERED = re.compile(
    r"\b(he|she|him|his|her|hers|himself|herself|he/she|s/he|him/her|his/her|him/herself)\b",
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
    """Why `text` looks unfinished; empty when it does not."""
    return [
        why.format(found=repr(match.group(0)))
        for pattern, why in PLACEHOLDERS
        for match in [pattern.search(text)]
        if match
    ]


def protected_topic_findings(text: str) -> list[str]:
    """Protected topics a question touches, with the words that show it."""
    found = []
    for topic, pattern in PROTECTED_TOPICS:
        match = pattern.search(text)
        if not match:
            continue
        if topic.startswith("citizenship") and _WORK_AUTHORIZATION.search(text):
            continue
        found.append(f"asks about a protected topic ({topic}): {match.group(0)!r}")
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


def pronoun_findings(text: str) -> list[str]:
    """Gendered pronouns in a question about the candidate."""
    match = GENDERED.search(text)
    if not match:
        return []
    return [f"uses the gendered pronoun {match.group(0)!r}; use 'they' or {CANDIDATE_TOKEN}"]
