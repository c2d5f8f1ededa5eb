"""The panel's numbers: means, spreads, weighted totals and ranks.

Pure: checked ratings and the build's manifest in, a `Summary` out. Arithmetic
is exact (fractions; weights as the decimals the position gives), so rounding
happens once, where a number is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from interviewkit import practice
from interviewkit.manifest import Manifest
from interviewkit.ratings.model import (
    CandidateScore,
    CompetencyScore,
    QuestionScore,
    Rating,
    Remark,
    Summary,
)

Ratings = dict[tuple[str, str, str], int]  # (candidate, panelist, question id) -> rating


def summarize(
    record: Manifest,
    ratings: Sequence[Rating],
    *,
    allow_incomplete: bool = False,
    remarks: Sequence[Remark] = (),
) -> Summary:
    """Panel means, spreads, weighted totals and ranks, per candidate and competency."""
    panel = [p.name for p in record.panel] or sorted({r.panelist for r in ratings})
    names = [c.name for c in record.candidates] or sorted({r.candidate for r in ratings})
    values: Ratings = {
        (r.candidate, r.panelist, r.question): r.value for r in ratings if r.value is not None
    }
    scores = [_candidate(record, candidate, panel, values, allow_incomplete) for candidate in names]
    return Summary(
        record, _rank(scores, allow_incomplete), allow_incomplete, tuple(panel), tuple(remarks)
    )


def _mean(numbers: Sequence[Fraction | int]) -> Fraction:
    return Fraction(sum(numbers, Fraction(0))) / len(numbers)


def _candidate(
    record: Manifest, candidate: str, panel: list[str], values: Ratings, allow_incomplete: bool
) -> CandidateScore:
    questions = [
        QuestionScore(
            q.id,
            {p: values[(candidate, p, q.id)] for p in panel if (candidate, p, q.id) in values},
        )
        for q in record.questions
    ]
    missing = [
        (panelist, q.id)
        for panelist in panel
        for q in record.questions
        if (candidate, panelist, q.id) not in values
    ]
    competency_of = {q.id: q.competency for q in record.questions}
    per_competency = []
    for competency in record.competencies:
        asked = [q for q in questions if competency_of[q.question] == competency.id]
        by_panelist: dict[str, Fraction] = {}
        for panelist in panel:
            given = [q.by_panelist[panelist] for q in asked if panelist in q.by_panelist]
            if given:
                by_panelist[panelist] = _mean(given)
        marks = list(by_panelist.values())
        per_competency.append(
            CompetencyScore(
                competency.id,
                by_panelist,
                _mean(marks) if marks else None,
                min(marks) if marks else None,
                max(marks) if marks else None,
            )
        )
    # Weights as the decimals the position file gives (1.1 is 11/10, not a binary float).
    weights = {c.id: Fraction(str(c.weight)) for c in record.competencies}
    rated = [(weights[s.competency], s.mean) for s in per_competency if s.mean is not None]
    total = (
        sum((w * m for w, m in rated), Fraction(0)) / sum((w for w, _ in rated), Fraction(0))
        if rated and (len(rated) == len(per_competency) or allow_incomplete)
        else None
    )
    return CandidateScore(candidate, tuple(per_competency), tuple(questions), total, tuple(missing))


def _rank(scores: list[CandidateScore], allow_incomplete: bool) -> tuple[CandidateScore, ...]:
    """Standard competition ranking (1, 2, 2, 4) on weighted totals as printed (rounded)."""
    eligible = [
        s for s in scores if s.weighted_total is not None and (s.complete or allow_incomplete)
    ]

    def shown(score: CandidateScore) -> Decimal:
        return practice.rounded(score.weighted_total or Fraction(0))

    ordered = sorted(eligible, key=shown, reverse=True)
    ranks: dict[str, int] = {}
    for position, score in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous is not None and shown(previous) == shown(score):
            ranks[score.candidate] = ranks[previous.candidate]
        else:
            ranks[score.candidate] = position
    return tuple(
        CandidateScore(
            s.candidate,
            s.competencies,
            s.questions,
            s.weighted_total,
            s.missing,
            ranks.get(s.candidate),
        )
        for s in scores
    )
