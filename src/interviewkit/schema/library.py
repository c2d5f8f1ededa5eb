"""The content library: every record in a content folder, validated and cross-checked.

`load_library` never stops at the first problem: it reads every file, runs
every check it can, and returns the library together with all problems found,
each located at `path:line:column`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from interviewkit.schema import text_checks
from interviewkit.schema.models import (
    KINDS,
    Competency,
    InterviewQuestion,
    Position,
    QuestionSet,
    ReferenceQuestion,
    Scale,
)
from interviewkit.schema.problems import DataPath, Location, Problem, format_data_path, suggestion
from interviewkit.schema.pydantic_errors import problems_from_validation
from interviewkit.schema.source import SourceDoc, YamlRefused, read_yaml

R = TypeVar("R", bound=BaseModel)
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A validated record and the document it came from (for locating problems)."""

    record: R
    doc: SourceDoc

    def locate(self, *path: str | int, key: bool = False) -> Location:
        return self.doc.locate(tuple(path), key=key)


@dataclass
class Library:
    root: Path
    scales: dict[str, Entry[Scale]] = field(default_factory=dict)
    competencies: dict[str, Entry[Competency]] = field(default_factory=dict)
    question_sets: dict[str, Entry[QuestionSet]] = field(default_factory=dict)
    positions: dict[str, Entry[Position]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Ids of records that exist but failed validation: references to them are not
    # reported again as unknown ids, their own problems already say what is wrong.
    broken_ids: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def interview_questions(self) -> Iterator[tuple[Competency, InterviewQuestion]]:
        for entry in self.competencies.values():
            for question in entry.record.interview_questions:
                yield entry.record, question

    def reference_questions(self) -> Iterator[tuple[Competency, ReferenceQuestion]]:
        for entry in self.competencies.values():
            for question in entry.record.reference_questions:
                yield entry.record, question


# --- reading ----------------------------------------------------------------


def content_files(root: Path) -> Iterator[tuple[str | None, Path]]:
    """(kind, path) for every YAML file under `root`, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(root)
        kind = relative.parts[0] if len(relative.parts) > 1 else None
        yield (kind if kind in KINDS else None), path


def read_record(path: Path, model: type[R]) -> tuple[Entry[R] | None, list[Problem]]:
    """Read and validate one record file; never raises for bad content."""
    try:
        doc = read_yaml(path)
    except YamlRefused as refused:
        return None, [refused.problem]
    if not isinstance(doc.data, dict):
        found = "an empty file" if doc.data is None else "a " + type(doc.data).__name__
        message = (
            f"expected a mapping of keys to values (a {model.__name__.lower()}), found {found}"
        )
        return None, [Problem(doc.locate(()), "", message)]
    problems = list(text_problems(doc, model))
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(doc, model, exc))
        return None, problems
    entry = Entry(record, doc)
    problems.extend(record_problems(entry))
    return entry, problems


def load_library(root: Path, *, allow_drafts: bool = False) -> Library:
    """Read and check every record under `root`; positions may use drafts if `allow_drafts`."""
    library = Library(root)
    if not root.is_dir():
        library.problems.append(Problem(Location(root), "", "content folder not found"))
        return library
    tables: dict[str, dict[str, Any]] = {
        "scales": library.scales,
        "competencies": library.competencies,
        "question-sets": library.question_sets,
        "positions": library.positions,
    }
    resolved_root = root.resolve()
    for kind, path in content_files(root):
        if not path.resolve().is_relative_to(resolved_root):
            library.problems.append(
                Problem(Location(path), "", "links to a file outside the content folder; not read")
            )
            continue
        if kind is None:
            folders = ", ".join(f"{k}/" for k in KINDS)
            library.problems.append(
                Problem(
                    Location(path), "", f"not in a content folder; put it under one of {folders}"
                )
            )
            continue
        entry, problems = read_record(path, KINDS[kind])
        library.problems.extend(problems)
        if entry is None:
            raw_id = _raw_id(path)
            if raw_id:
                library.broken_ids.add(raw_id)
            continue
        record_id = entry.record.id  # type: ignore[attr-defined]
        table = tables[kind]
        if record_id in table:
            first = table[record_id].doc.locate(("id",))
            library.problems.append(
                Problem(
                    entry.locate("id"), "id", f"duplicate id '{record_id}' (first used at {first})"
                )
            )
            continue
        table[record_id] = entry
    library.problems.extend(cross_problems(library))
    for position in library.positions.values():
        library.problems.extend(position_problems(library, position, allow_drafts=allow_drafts))
    library.problems.sort(key=lambda p: (p.location, p.field))
    return library


def _raw_id(path: Path) -> str | None:
    try:
        data = read_yaml(path).data
    except YamlRefused:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


# --- checks on one record ---------------------------------------------------


def text_problems(doc: SourceDoc, model: type[BaseModel]) -> Iterator[Problem]:
    """Placeholders anywhere; protected topics, tokens and pronouns in questions."""
    for path, text in text_checks.walk_strings(doc.data):
        for message in text_checks.placeholder_findings(text):
            yield Problem(doc.locate(path), format_data_path(path), message)
    for path, text, kind in _question_texts(doc.data, model):
        where = doc.locate(path)
        field_name = format_data_path(path)
        for message in text_checks.protected_topic_findings(text):
            yield Problem(where, field_name, message)
        for message in text_checks.token_findings(text, candidate_allowed=kind != "interview"):
            yield Problem(where, field_name, message)
        if kind == "reference":
            for message in text_checks.pronoun_findings(text):
                yield Problem(where, field_name, message)
            if path[-1] == "text" and text_checks.CANDIDATE_TOKEN not in text:
                yield Problem(
                    where,
                    field_name,
                    f"a reference question names the candidate with {text_checks.CANDIDATE_TOKEN}",
                )


def _question_texts(
    data: dict[str, Any], model: type[BaseModel]
) -> Iterator[tuple[DataPath, str, str]]:
    """(path, text, kind) of every question text and probe in a record's raw data."""

    def items(key: str) -> Iterator[tuple[int, dict[str, Any]]]:
        value = data.get(key)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield index, item

    if model is Competency:
        for index, item in items("interview_questions"):
            for path, text in text_checks.walk_strings(
                item.get("text"), ("interview_questions", index, "text")
            ):
                yield path, text, "interview"
            for path, text in text_checks.walk_strings(
                item.get("probes"), ("interview_questions", index, "probes")
            ):
                yield path, text, "interview"
        for index, item in items("reference_questions"):
            for path, text in text_checks.walk_strings(
                item.get("text"), ("reference_questions", index, "text")
            ):
                yield path, text, "reference"
    elif model is QuestionSet:
        for index, item in items("questions"):
            for path, text in text_checks.walk_strings(
                item.get("text"), ("questions", index, "text")
            ):
                yield path, text, "verification"


def record_problems(entry: Entry[Any]) -> Iterator[Problem]:
    record = entry.record
    if isinstance(record, Scale):
        values = record.values
        if values != sorted(set(values)):
            yield Problem(
                entry.locate("points"),
                "points",
                "point values must be unique and in ascending order",
            )
        for index, value in enumerate(record.benchmarks):
            if value not in values:
                yield Problem(
                    entry.locate("benchmarks", index),
                    f"benchmarks[{index}]",
                    f"{value} is not a point value of this scale",
                )
    elif isinstance(record, Competency):
        yield from _competency_problems(entry)


def _competency_problems(entry: Entry[Competency]) -> Iterator[Problem]:
    competency = entry.record
    if competency.status == "draft":
        yield Problem(
            entry.locate("status"),
            "status",
            "draft: it can be used in a position only with --draft",
            severity="warning",
        )
        return
    if len(competency.interview_questions) < 3:
        yield Problem(
            entry.locate("interview_questions"),
            "interview_questions",
            f"a ready competency needs at least 3 interview questions, found "
            f"{len(competency.interview_questions)}",
        )
    if len(competency.reference_questions) < 2:
        yield Problem(
            entry.locate("reference_questions"),
            "reference_questions",
            f"a ready competency needs at least 2 reference-check questions, found "
            f"{len(competency.reference_questions)}",
        )
    if not competency.qualification_statement:
        yield Problem(
            entry.locate(),
            "qualification_statement",
            "a ready competency needs a qualification statement",
        )
    elif competency.qualification_statement_origin is None:
        yield Problem(
            entry.locate("qualification_statement"),
            "qualification_statement_origin",
            "say where the qualification statement comes from: 'source' or 'library'",
        )
    if not competency.anchors:
        yield Problem(
            entry.locate(),
            "anchors",
            "a ready competency needs behavioral anchors for a rating scale",
        )


# --- checks across records --------------------------------------------------


def cross_problems(library: Library) -> Iterator[Problem]:
    yield from _duplicate_question_ids(library)
    for entry in library.competencies.values():
        competency = entry.record
        yield from _anchor_problems(
            library,
            entry,
            ("anchors",),
            competency.anchors,
            require_benchmarks=competency.status == "ready",
        )
        for index, factor in enumerate(competency.factors):
            yield from _anchor_problems(
                library,
                entry,
                ("factors", index, "anchors"),
                factor.anchors,
                require_benchmarks=False,
            )
        for index, question in enumerate(competency.interview_questions):
            yield from _anchor_problems(
                library,
                entry,
                ("interview_questions", index, "anchors"),
                question.anchors,
                require_benchmarks=True,
            )


def _duplicate_question_ids(library: Library) -> Iterator[Problem]:
    seen: dict[str, Location] = {}
    for entry in library.competencies.values():
        for kind in ("interview_questions", "reference_questions"):
            for index, question in enumerate(getattr(entry.record, kind)):
                yield from _claim(
                    seen, question.id, entry.locate(kind, index, "id"), f"{kind}[{index}].id"
                )
    for set_entry in library.question_sets.values():
        for index, vq in enumerate(set_entry.record.questions):
            yield from _claim(
                seen, vq.id, set_entry.locate("questions", index, "id"), f"questions[{index}].id"
            )


def _claim(
    seen: dict[str, Location], question_id: str, where: Location, field_name: str
) -> Iterator[Problem]:
    if question_id in seen:
        yield Problem(
            where,
            field_name,
            f"duplicate question id '{question_id}' (first used at {seen[question_id]})",
        )
    else:
        seen[question_id] = where


def _anchor_problems(
    library: Library,
    entry: Entry[Any],
    path: DataPath,
    anchors: dict[str, dict[int, str]],
    *,
    require_benchmarks: bool,
) -> Iterator[Problem]:
    for scale_id, points in anchors.items():
        where = entry.doc.locate((*path, scale_id), key=True)
        name = format_data_path((*path, scale_id))
        scale_entry = library.scales.get(scale_id)
        if scale_entry is None:
            yield Problem(
                where, name, f"unknown scale '{scale_id}'{suggestion(scale_id, library.scales)}"
            )
            continue
        scale = scale_entry.record
        for value in points:
            if value not in scale.values:
                yield Problem(
                    entry.doc.locate((*path, scale_id, value), key=True),
                    format_data_path((*path, scale_id, value)),
                    f"{value} is not a point of scale '{scale_id}' "
                    f"(its points are {', '.join(map(str, scale.values))})",
                )
        missing = [v for v in scale.benchmark_values if v not in points]
        if require_benchmarks and missing:
            yield Problem(
                where,
                name,
                "behavioral anchors are missing at point(s) "
                f"{', '.join(map(str, missing))} of scale '{scale_id}' "
                "(anchors are needed at the low, middle and high points)",
            )


# --- positions --------------------------------------------------------------


def position_problems(
    library: Library, entry: Entry[Position], *, allow_drafts: bool
) -> list[Problem]:
    """Everything wrong with a position against the library it draws on."""
    return list(_position_problems(library, entry, allow_drafts))


def _position_problems(
    library: Library, entry: Entry[Position], allow_drafts: bool
) -> Iterator[Problem]:
    position = entry.record
    scale_entry = library.scales.get(position.scale)
    if scale_entry is None:
        yield Problem(
            entry.locate("scale"),
            "scale",
            f"unknown scale '{position.scale}'{suggestion(position.scale, library.scales)}",
        )
    elif scale_entry.record.purpose != "rating":
        yield Problem(
            entry.locate("scale"),
            "scale",
            f"'{position.scale}' is a proficiency scale; choose a rating scale",
        )
    proficiency = None
    if position.proficiency_scale is not None:
        found = library.scales.get(position.proficiency_scale)
        if found is None:
            yield Problem(
                entry.locate("proficiency_scale"),
                "proficiency_scale",
                f"unknown scale '{position.proficiency_scale}'"
                f"{suggestion(position.proficiency_scale, library.scales)}",
            )
        else:
            proficiency = found.record
    if position.verification_questions and (
        position.verification_questions not in library.question_sets
    ):
        yield Problem(
            entry.locate("verification_questions"),
            "verification_questions",
            f"unknown question set '{position.verification_questions}'"
            f"{suggestion(position.verification_questions, library.question_sets)}",
        )

    seen: set[str] = set()
    question_count = 0
    for index, chosen in enumerate(position.competencies):
        here = ("competencies", index)
        name = f"competencies[{index}]"
        if chosen.id in seen:
            yield Problem(
                entry.locate(*here, "id"), f"{name}.id", f"competency '{chosen.id}' is listed twice"
            )
        seen.add(chosen.id)
        found_entry = library.competencies.get(chosen.id)
        if found_entry is None and chosen.id in library.broken_ids:
            continue
        if found_entry is None:
            yield Problem(
                entry.locate(*here, "id"),
                f"{name}.id",
                f"unknown competency '{chosen.id}'{suggestion(chosen.id, library.competencies)}",
            )
            continue
        competency = found_entry.record
        if competency.status == "draft" and not allow_drafts:
            yield Problem(
                entry.locate(*here, "id"),
                f"{name}.id",
                f"competency '{chosen.id}' is a draft; build with --draft to use it "
                "(every page will say DRAFT)",
            )
        if chosen.required_level is not None:
            if proficiency is None:
                yield Problem(
                    entry.locate(*here, "required_level"),
                    f"{name}.required_level",
                    "a required level needs the position's proficiency_scale",
                )
            else:
                labels = [p.label for p in proficiency.points]
                if chosen.required_level not in labels:
                    yield Problem(
                        entry.locate(*here, "required_level"),
                        f"{name}.required_level",
                        f"'{chosen.required_level}' is not a level of "
                        f"'{proficiency.id}' ({', '.join(labels)})"
                        f"{suggestion(chosen.required_level, labels)}",
                    )
        question_count += yield from _chosen_problems(
            entry,
            here,
            "questions",
            chosen.questions,
            [q.id for q in competency.interview_questions],
            competency.id,
        )
        yield from _chosen_problems(
            entry,
            here,
            "reference_questions",
            chosen.reference_questions,
            [q.id for q in competency.reference_questions],
            competency.id,
        )
        if scale_entry is not None and scale_entry.record.purpose == "rating":
            yield from _scale_anchor_problems(
                entry, here, competency, chosen.questions, scale_entry.record
            )

    weights = [c.weight for c in position.competencies]
    if len(set(weights)) > 1 and not position.weights_rationale:
        index = next(i for i, w in enumerate(weights) if w != weights[0])
        yield Problem(
            entry.locate("competencies", index, "weight"),
            f"competencies[{index}].weight",
            "competency weights differ; structured interviews weight competencies "
            "equally unless a documented reason says otherwise: add weights_rationale",
        )
    # Opening and closing take about ten minutes; each question needs at least three.
    if question_count and position.interview_minutes < 10 + 3 * question_count:
        yield Problem(
            entry.locate("interview_minutes"),
            "interview_minutes",
            f"{position.interview_minutes} minutes is too short for {question_count} "
            f"questions (allow at least {10 + 3 * question_count})",
        )
    yield from _unique_names(entry, "panel", [p.name for p in position.panel])
    yield from _unique_names(entry, "candidates", [c.name for c in position.candidates])


def _chosen_problems(
    entry: Entry[Position],
    here: DataPath,
    key: str,
    chosen: list[str] | int | None,
    available: list[str],
    competency_id: str,
) -> Any:
    """Problems with a question choice; returns (via yield from) how many are asked."""
    name = format_data_path((*here, key))
    if chosen is None:
        return len(available)
    if isinstance(chosen, int):
        if chosen > len(available):
            yield Problem(
                entry.locate(*here, key),
                name,
                f"asks for {chosen} question(s) but '{competency_id}' has {len(available)}",
            )
        return min(chosen, len(available))
    counts = Counter(chosen)
    for index, question_id in enumerate(chosen):
        if question_id not in available:
            yield Problem(
                entry.locate(*here, key, index),
                f"{name}[{index}]",
                f"'{question_id}' is not a question of '{competency_id}'"
                f"{suggestion(question_id, available)}",
            )
        elif counts[question_id] > 1 and chosen.index(question_id) != index:
            yield Problem(
                entry.locate(*here, key, index),
                f"{name}[{index}]",
                f"question '{question_id}' is chosen twice",
            )
    return len(chosen)


def _scale_anchor_problems(
    entry: Entry[Position],
    here: DataPath,
    competency: Competency,
    chosen: list[str] | int | None,
    scale: Scale,
) -> Iterator[Problem]:
    if scale.id in competency.anchors:
        return
    questions = select_questions(competency, chosen)
    if questions and all(scale.id in q.anchors for q in questions):
        return
    yield Problem(
        entry.locate(*here, "id"),
        format_data_path((*here, "id")),
        f"competency '{competency.id}' has no behavioral anchors for scale "
        f"'{scale.id}'; choose another scale or add anchors",
    )


def _unique_names(entry: Entry[Position], key: str, names: Iterable[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, person in enumerate(names):
        if person in seen:
            yield Problem(
                entry.locate(key, index), f"{key}[{index}]", f"'{person}' is listed twice"
            )
        seen.add(person)


Q = TypeVar("Q", InterviewQuestion, ReferenceQuestion)


def choose(questions: Sequence[Q], chosen: list[str] | int | None) -> list[Q]:
    """The questions a position asks, in its order: all, the first N, or by id."""
    if chosen is None:
        return list(questions)
    if isinstance(chosen, int):
        return list(questions[:chosen])
    by_id = {q.id: q for q in questions}
    return [by_id[q] for q in chosen if q in by_id]


def select_questions(
    competency: Competency, chosen: list[str] | int | None
) -> list[InterviewQuestion]:
    """The interview questions a position asks, in the order it asks them."""
    return choose(competency.interview_questions, chosen)
