"""Which problems matter for what is being checked or built.

A library's problems belong to files. Three rules decide which of them a
command reports and how much each weighs:

- A build, and `validate FILE`, report the problems of the files they use: the
  position, its scales, its competencies, its verification questions (every
  file that claims one of those ids, valid or not). A broken record nobody uses
  never blocks a build.
- A draft's problems are warnings until something checked uses it, because a
  draft is unfinished on purpose; once a position uses it they are errors again,
  since nothing unfinished may reach paper, not even with --draft.
- Problems of the content folder as a whole (it is missing) always count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from interviewkit.library.examples import EXAMPLE_KIND
from interviewkit.library.models import Position
from interviewkit.library.position_checks import position_problems
from interviewkit.library.problems import Problem
from interviewkit.library.records import Entry, Library


def used_files(library: Library, entry: Entry[Position]) -> set[Path]:
    """Every file a position draws on, itself included, valid or not."""
    position = entry.record
    files = [entry.doc.path, *library.files_of("positions", position.id)]
    files += library.files_of("scales", position.scale)
    files += library.files_of("scales", position.proficiency_scale)
    files += library.files_of("question-sets", position.verification_questions)
    for chosen in position.competencies:
        files += library.files_of("competencies", chosen.id)
    return {path.resolve() for path in files}


def review(
    library: Library,
    positions: Sequence[Entry[Position]],
    *,
    allow_drafts: bool,
    scope: Iterable[Path] | None = None,
) -> list[Problem]:
    """The problems to report when `positions` are checked against the library.

    With `scope`, only problems of those files and of the files the positions
    use are kept; without, every problem of the library is.
    """
    found = list(library.problems)
    for entry in positions:
        found += position_problems(library, entry, allow_drafts=allow_drafts)
    used: set[Path] = set()
    for entry in positions:
        used |= used_files(library, entry)
    kept = None if scope is None else {p.resolve() for p in scope} | used
    drafts = {p.resolve() for p in library.drafts}
    root = library.root.resolve()
    result = []
    for problem in dict.fromkeys(found):  # each once, in order
        where = problem.location.path.resolve()
        if kept is not None and where not in kept and where != root:
            continue
        if where in drafts and where not in used and problem.is_error:
            problem = problem.as_warning()
        result.append(problem)
    result.sort(key=lambda p: (p.location, p.field))
    return result


def condensed(problems: Iterable[Problem]) -> list[str]:
    """Warnings as a build prints them: example-text warnings one line per file."""
    lines = []
    examples: dict[Path, list[Problem]] = {}
    for problem in problems:
        if problem.kind == EXAMPLE_KIND:
            examples.setdefault(problem.location.path, []).append(problem)
        else:
            lines.append(problem.format())
    for found in examples.values():
        fields = ", ".join(p.field for p in found[:4]) + (", ..." if len(found) > 4 else "")
        lines.append(
            f"{found[0].location}: warning: {len(found)} part(s) still hold the example text "
            f"of `interviewkit new` ({fields}); `interviewkit validate` lists them"
        )
    return lines
