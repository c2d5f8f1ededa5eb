"""Checking what was read against the packet it was given for.

Sheets and typed-in rows may name a candidate by name, printed code or
applicant id, and a question by its id or the number printed on the sheet;
names are compared after Unicode normalization and white-space folding. Each
rating comes out under the candidate's name and the question's id.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from interviewkit.manifest import Manifest
from interviewkit.ratings.model import Rating, Readings, Remark
from interviewkit.ratings.problems import Problems, fold, shown


@dataclass
class _Names:
    """How a packet's people or questions may be named: folded label -> the one it means."""

    what: str  # "candidate", "panelist", "question"
    known: dict[str, str] = field(default_factory=dict)
    clashing: set[str] = field(default_factory=set)  # labels that name two of them
    open: bool = False  # blank write-in sheets: any name is taken as given

    def add(self, label: str | None, meaning: str) -> None:
        if not label:
            return
        key = fold(label)
        if self.known.get(key, meaning) != meaning:
            self.clashing.add(key)
        self.known[key] = meaning

    def find(self, label: str, source: str, problems: Problems) -> str | None:
        key = fold(label)
        if key in self.clashing:
            problems.add(f"{source}: {shown(label)} names more than one {self.what}; use the name")
            return None
        if key in self.known:
            return self.known[key]
        if self.open:
            return key
        problems.add(f"{source}: unknown {self.what} {shown(label)}{self._hint(key, problems)}")
        return None

    def _hint(self, key: str, problems: Problems) -> str:
        if problems.full:  # only counted from here on: spare the search
            return ""
        close = difflib.get_close_matches(key, self.known, n=1, cutoff=0.75)
        if close:
            return f" (did you mean {shown(close[0])}?)"
        return f" (the packet has {len(set(self.known.values()))} {self.what}s)"


def directory(record: Manifest) -> tuple[_Names, _Names, _Names]:
    """The ways sheets and rows may name the packet's candidates, panelists and questions."""
    candidates = _Names("candidate", open=not record.candidates)
    for candidate in record.candidates:
        candidates.add(candidate.name, candidate.name)
        candidates.add(candidate.id, candidate.name)
    for name, code in record.candidate_key.items():
        candidates.add(code, name)
    panel = _Names("panelist", open=not record.panel)
    for panelist in record.panel:
        panel.add(panelist.name, panelist.name)
    questions = _Names("question")
    for question in record.questions:
        questions.add(question.id, question.id)
        questions.add(str(question.order), question.id)
    return candidates, panel, questions


def check(readings: Readings, record: Manifest) -> Readings:
    """Refuse unknown people and questions, off-scale values and conflicting copies.

    Returns the ratings and remarks under candidates' names and question ids,
    with exact duplicates (the same sheet given twice) removed. Raises a
    `UserError` listing the problems (the first few in full, all counted).
    """
    candidates, panel, questions = directory(record)
    scale = record.scale.values
    problems = Problems()
    seen: dict[tuple[str, str, str], Rating] = {}
    for rating in readings.ratings:
        candidate = candidates.find(rating.candidate, rating.source, problems)
        panelist = panel.find(rating.panelist, rating.source, problems)
        question = questions.find(rating.question, rating.source, problems)
        if candidate is None or panelist is None or question is None:
            continue
        if rating.value is not None and rating.value not in scale:
            problems.add(
                f"{rating.source}: question {shown(rating.question)}: rating {rating.value} is "
                f"outside the scale ({scale[0]}–{scale[-1]})"
            )
            continue
        resolved = Rating(candidate, panelist, question, rating.value, rating.source)
        key = (candidate, panelist, question)
        earlier = seen.get(key)
        if earlier is not None and None not in (earlier.value, rating.value):
            if earlier.value != rating.value:
                problems.add(
                    f"{rating.source}: {shown(candidate)} / {shown(panelist)} / {question} is "
                    f"rated {rating.value} here and {earlier.value} in {earlier.source}: the "
                    "same sheet was given twice with different ratings"
                )
            continue
        if earlier is None or earlier.value is None:
            seen[key] = resolved
    remarks = _remarks(readings.remarks, candidates, panel, problems)
    problems.raise_if_any()
    return Readings(list(seen.values()), remarks)


def _remarks(
    remarks: Iterable[Remark], candidates: _Names, panel: _Names, problems: Problems
) -> list[Remark]:
    """Each sheet's recommendation and comments once, under the candidate's name."""
    seen: dict[tuple[str, str], Remark] = {}
    for remark in remarks:
        candidate = candidates.find(remark.candidate, remark.source, problems)
        panelist = panel.find(remark.panelist, remark.source, problems)
        if candidate is None or panelist is None:
            continue
        earlier = seen.get((candidate, panelist))
        same = (remark.recommendation, remark.comments)
        if earlier is not None and (earlier.recommendation, earlier.comments) != same:
            problems.add(
                f"{remark.source}: the recommendation or comments of {shown(candidate)} / "
                f"{shown(panelist)} differ from {earlier.source}: the same sheet was given twice"
            )
            continue
        seen[(candidate, panelist)] = Remark(candidate, panelist, *same, remark.source)
    return list(seen.values())
