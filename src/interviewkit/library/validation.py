"""What `interviewkit validate [PATH...]` checks: whole content folders, or single files.

A folder is checked whole. A file is checked against its library (see
`positions.library_for`): a position with everything it draws on, any other
record on its own and against the scales it names. Files of one library are
checked together, so a new competency and the position that uses it can be
checked before either is moved into the folder. Every problem of every check
is reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.errors import UserError
from interviewkit.library.loading import load_library
from interviewkit.library.models import KINDS
from interviewkit.library.positions import is_inside, library_for, root_of_kind_folder
from interviewkit.library.problems import Location, Problem
from interviewkit.library.review import review
from interviewkit.library.source import YamlRefused, read_yaml
from interviewkit.resources import builtin_content


@dataclass
class Check:
    """One library to load, the outside files to read into it, and what to report."""

    root: Path
    extra: list[tuple[str, Path]] = field(default_factory=list)
    scope: list[Path] | None = field(default_factory=list)  # None: the whole folder


@dataclass
class Outcome:
    problems: list[Problem]
    summary: str

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)


def plan_checks(paths: Sequence[Path], content_dir: Path | None) -> list[Check]:
    """The checks `validate PATH...` runs, one per library, in the order first named."""
    if not paths:
        return [Check(content_dir if content_dir is not None else builtin_content(), scope=None)]
    checks: dict[Path, Check] = {}
    for path in paths:
        root, extra, scope = _target(path, content_dir)
        check = checks.setdefault(root.resolve(), Check(root))
        check.extra += extra
        if scope is None or check.scope is None:
            check.scope = None
        else:
            check.scope += scope
    return list(checks.values())


def _target(
    path: Path, content_dir: Path | None
) -> tuple[Path, list[tuple[str, Path]], list[Path] | None]:
    """(library root, files read from outside it, files to report or None for all)."""
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.is_dir():
        inside = root_of_kind_folder(path)
        if inside is not None:  # a kind folder such as DIR/competencies
            return inside, [], sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        return path, [], None
    root = library_for(path, content_dir)
    if is_inside(path, root):
        return root, [], [path]
    return root, [(guess_kind(path), path)], [path]


def guess_kind(path: Path) -> str:
    """The kind of record a file outside any content folder holds, from its keys."""
    try:
        data = read_yaml(path).data
    except YamlRefused:
        return "competencies"  # its syntax error is what will be reported
    if not isinstance(data, dict):
        return "competencies"
    keys = set(data)

    def fit(kind: str) -> tuple[int, bool]:
        fields = set(KINDS[kind].model_fields)
        return len(keys & fields) - len(keys - fields), kind == "competencies"

    return max(KINDS, key=fit)


def run_check(check: Check, *, allow_drafts: bool) -> Outcome:
    """Load the library of one check and review what it covers."""
    library = load_library(check.root, check.extra)
    if check.scope is None:
        positions = list(library.positions.values())
        problems = review(library, positions, allow_drafts=allow_drafts)
        summary = (
            f"{len(library.competencies)} competencies, {len(library.scales)} scales, "
            f"{len(library.question_sets)} question sets, {len(library.positions)} positions"
        )
        return Outcome(problems, summary)
    wanted = {p.resolve() for p in check.scope}
    positions = [e for e in library.positions.values() if e.doc.path.resolve() in wanted]
    problems = review(library, positions, allow_drafts=allow_drafts, scope=check.scope)
    against = (
        "the built-in library"
        if check.root.resolve() == builtin_content().resolve()
        else f"the library in {Location(check.root)}"
    )
    files = ", ".join(str(p) for p in check.scope) or "no content files"
    return Outcome(problems, f"{files} (checked against {against})")
