"""Checking ratings against the packet they were given for."""

from __future__ import annotations

from collections.abc import Iterable

from interviewkit.errors import UserError
from interviewkit.manifest import Manifest
from interviewkit.ratings.model import Rating


def candidate_names(record: Manifest) -> dict[str, str]:
    """Label printed on the sheets -> candidate name (codes when the build was blind)."""
    if record.candidate_key:
        return {code: name for name, code in record.candidate_key.items()}
    return {c.name: c.name for c in record.candidates}


def check(ratings: Iterable[Rating], record: Manifest) -> list[Rating]:
    """Refuse unknown names and questions, out-of-scale values and conflicting sheets.

    Returns the ratings with candidate labels turned into names (blind builds)
    and exact duplicates (the same sheet given twice) removed.
    """
    labels = candidate_names(record)
    names = set(labels.values())
    panel = {p.name for p in record.panel}
    questions = {q.id for q in record.questions}
    scale = record.scale.values
    problems: list[str] = []
    seen: dict[tuple[str, str, str], Rating] = {}
    for rating in ratings:
        candidate = labels.get(rating.candidate, rating.candidate)
        problem = _problem(rating, candidate, names, labels, panel, questions, scale)
        if problem is None:
            key = (candidate, rating.panelist, rating.question)
            earlier = seen.get(key)
            problem = _conflict(rating, candidate, earlier)
            if problem is None and (earlier is None or earlier.value is None):
                seen[key] = Rating(
                    candidate, rating.panelist, rating.question, rating.value, rating.source
                )
        if problem is not None:
            problems.append(problem)
    if problems:
        raise UserError("\n".join(problems))
    return list(seen.values())


def _problem(
    rating: Rating,
    candidate: str,
    names: set[str],
    labels: dict[str, str],
    panel: set[str],
    questions: set[str],
    scale: list[int],
) -> str | None:
    """Why one rating cannot be used on its own, or None."""
    if names and candidate not in names:
        known = ", ".join(sorted(labels)) or "none"
        return (
            f"{rating.source}: unknown candidate '{rating.candidate}' (the packet lists: {known})"
        )
    if panel and rating.panelist not in panel:
        return (
            f"{rating.source}: unknown panelist '{rating.panelist}' "
            f"(the panel: {', '.join(sorted(panel))})"
        )
    if rating.question not in questions:
        return f"{rating.source}: unknown question '{rating.question}'"
    if rating.value is not None and rating.value not in scale:
        return (
            f"{rating.source}: {rating.question}: rating {rating.value} is "
            f"outside the scale ({scale[0]}–{scale[-1]})"
        )
    return None


def _conflict(rating: Rating, candidate: str, earlier: Rating | None) -> str | None:
    """The same sheet given twice with different ratings."""
    if earlier is None or earlier.value is None or rating.value is None:
        return None
    if earlier.value == rating.value:
        return None
    return (
        f"{rating.source}: {candidate} / {rating.panelist} / {rating.question} is "
        f"rated {rating.value} here and {earlier.value} in {earlier.source}: the same "
        "sheet was given twice with different ratings"
    )
