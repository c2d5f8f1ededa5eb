"""The panel's numbers: means, spreads, weighted totals and ranks.

Pure: ratings and the build's manifest in, a `Summary` out.
"""

from __future__ import annotations

from collections.abc import Sequence

from interviewkit.manifest import Manifest
from interviewkit.ratings.model import CandidateScore, CompetencyScore, Rating, Summary

Ratings = dict[tuple[str, str, str], int]  # (candidate, panelist, question id) -> rating


def summarize(
    record: Manifest, ratings: Sequence[Rating], *, allow_incomplete: bool = False
) -> Summary:
    """Panel means, spreads, weighted totals and ranks, per candidate and competency."""
    panel = [p.name for p in record.panel] or sorted({r.panelist for r in ratings})
    names = [c.name for c in record.candidates] or sorted({r.candidate for r in ratings})
    values: Ratings = {
        (r.candidate, r.panelist, r.question): r.value for r in ratings if r.value is not None
    }
    scores = [_candidate(record, candidate, panel, values, allow_incomplete) for candidate in names]
    return Summary(record, _rank(scores, allow_incomplete), allow_incomplete, tuple(panel))


def _candidate(
    record: Manifest, candidate: str, panel: list[str], values: Ratings, allow_incomplete: bool
) -> CandidateScore:
    missing = [
        (panelist, q.id)
        for panelist in panel
        for q in record.questions
        if (candidate, panelist, q.id) not in values
    ]
    per_competency = []
    for competency in record.competencies:
        asked = [q.id for q in record.questions if q.competency == competency.id]
        by_panelist = {}
        for panelist in panel:
            given = [
                values[(candidate, panelist, q)]
                for q in asked
                if (candidate, panelist, q) in values
            ]
            if given:
                by_panelist[panelist] = sum(given) / len(given)
        marks = list(by_panelist.values())
        per_competency.append(
            CompetencyScore(
                competency.id,
                by_panelist,
                sum(marks) / len(marks) if marks else None,
                min(marks) if marks else None,
                max(marks) if marks else None,
            )
        )
    weights = {c.id: c.weight for c in record.competencies}
    rated = [(weights[s.competency], s.mean) for s in per_competency if s.mean is not None]
    total = (
        sum(w * m for w, m in rated) / sum(w for w, _ in rated)
        if rated and (len(rated) == len(per_competency) or allow_incomplete)
        else None
    )
    return CandidateScore(candidate, tuple(per_competency), total, tuple(missing))


def _rank(scores: list[CandidateScore], allow_incomplete: bool) -> tuple[CandidateScore, ...]:
    """Standard competition ranking (1, 2, 2, 4) on weighted totals rounded to 2 places."""
    eligible = [
        s for s in scores if s.weighted_total is not None and (s.complete or allow_incomplete)
    ]
    ordered = sorted(eligible, key=lambda s: -round(s.weighted_total or 0, 2))
    ranks: dict[str, int] = {}
    for position, score in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous is not None and round(previous.weighted_total or 0, 2) == round(
            score.weighted_total or 0, 2
        ):
            ranks[score.candidate] = ranks[previous.candidate]
        else:
            ranks[score.candidate] = position
    return tuple(
        CandidateScore(
            s.candidate, s.competencies, s.weighted_total, s.missing, ranks.get(s.candidate)
        )
        for s in scores
    )
