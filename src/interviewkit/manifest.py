"""The build↔score contract: what a build made from what, written and read by one typed model.

`build` writes `manifest.json` (the hiring record) and, inside every
scoring-sheet PDF, a sheet register telling `score` whose sheet each form
field belongs to. Both are defined here once, with the rule that names form
fields, so the writer and the reader cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewkit import __version__, practice
from interviewkit.errors import UserError

if TYPE_CHECKING:
    from interviewkit.packet import Packet, Sheet
    from interviewkit.packet.sheets import PersonalFile

# The document-information key of a scoring-sheet PDF that holds its register.
REGISTER_KEY = "interviewkitsheets"
MANIFEST_FILE = "manifest.json"


def sheet_key(number: int) -> str:
    """The prefix of sheet `number`'s form fields: s001, s002, ..."""
    return f"s{number:03d}"


def reference_key(number: int) -> str:
    """The prefix of reference-check form `number`'s fields: r001, r002, ..."""
    return f"r{number:03d}"


# The prefix of the consensus sheet's fields (one consensus sheet per posting).
CONSENSUS_KEY = "consensus"


def field_name(sheet: str, *parts: str) -> str:
    """A form field's name: its sheet's key, then what it holds, joined by `__`."""
    return "__".join((sheet, *parts))


def rating_field(sheet: str, question_id: str) -> str:
    return field_name(sheet, question_id, "rating")


class _Model(BaseModel):
    # Read leniently: a manifest from a newer interviewkit may hold more.
    model_config = ConfigDict(extra="ignore", frozen=True)


class SheetEntry(_Model):
    candidate: str | None  # the printed label: a name, or a code when blind
    panelist: str | None


class SheetRegister(_Model):
    position: str
    posting_number: str
    content_hash: str
    blind: bool
    sheets: dict[str, SheetEntry]


class PositionRecord(_Model):
    id: str
    title: str
    posting_number: str
    organization: str
    department: str | None
    interview_date: str | None
    interview_minutes: int
    opening_minutes: int
    closing_minutes: int


class ScalePointRecord(_Model):
    value: int
    label: str


class ScaleRecord(_Model):
    id: str
    points: list[ScalePointRecord]

    @property
    def values(self) -> list[int]:
        return [p.value for p in self.points]


class CompetencyRecord(_Model):
    id: str
    name: str
    weight: int | float  # as the position gives it: 1 stays 1, 1.5 stays 1.5
    required_level: str | None


class QuestionRecord(_Model):
    id: str
    competency: str
    order: int
    minutes: int
    text: str


class ReferenceQuestionRecord(_Model):
    id: str
    competency: str
    text: str


class VerificationQuestionRecord(_Model):
    id: str
    text: str


class RecommendationOption(_Model):
    value: str  # what the sheet's form stores
    label: str  # what the sheet prints


# What the sheets of a build whose manifest does not record its recommendations offered
# (interviewkit 0.x before the four-step scale), so their filled sheets still read.
_EARLIER_RECOMMENDATIONS = (
    ("highly-recommended", "Highly recommended"),
    ("recommended", "Recommended"),
    ("not-recommended", "Not recommended"),
)


def _earlier_recommendations() -> list[RecommendationOption]:
    return [RecommendationOption(value=v, label=t) for v, t in _EARLIER_RECOMMENDATIONS]


class CandidateRecord(_Model):
    name: str
    id: str | None
    referees: list[str]


class PanelistRecord(_Model):
    name: str
    title: str | None


class FileRecord(_Model):
    """One file the build wrote, and whose it is when it is one person's own (`--split`)."""

    sha256: str
    panelist: str | None = None  # a panelist's own scoring sheets
    candidate: str | None = None  # a candidate's own reference checks


class Manifest(_Model):
    """manifest.json: the hiring record of one build."""

    interviewkit_version: str
    position: PositionRecord
    draft: bool
    scale: ScaleRecord
    recommendation_options: list[RecommendationOption] = Field(
        default_factory=_earlier_recommendations
    )
    paper: str
    forms: bool
    blind: bool
    # "competency": a page per competency; "question": a page per question.
    sheet_layout: str = "competency"
    competencies: list[CompetencyRecord]
    questions: list[QuestionRecord]
    reference_questions: list[ReferenceQuestionRecord]
    verification_questions: list[VerificationQuestionRecord]
    candidates: list[CandidateRecord]
    panel: list[PanelistRecord]
    # Blind review: sheets print codes; this key (name -> code) is for HR only.
    candidate_key: dict[str, str]
    sheets: dict[str, SheetEntry]
    content_hash: str
    content_files: dict[str, str]
    template_hash: str
    templates: dict[str, str]
    # Every file of the packet but this manifest and the render cache's record.
    files: dict[str, FileRecord]
    # Files an earlier build wrote that this one did not, kept because they were
    # changed since (filled in, perhaps); they are not part of this packet.
    stale_files: list[str] = []

    def to_json(self) -> bytes:
        return (json.dumps(self.model_dump(), indent=2, ensure_ascii=False) + "\n").encode()


# Files from outside the content folder (a position file given by path) are keyed
# by this folder and their name: never by where they happen to be on this machine.
OUTSIDE_CONTENT = "(outside the content folder)"


def file_hashes(paths: Iterable[Path], root: Path) -> dict[str, str]:
    """sha256 of each file, keyed by its path relative to the content folder `root`.

    Paths are resolved first, so `mini`, `../mini` and `/abs/mini` give the same
    keys, and the content hash depends only on the content.
    """
    base = root.resolve()
    result = {}
    for path in paths:
        full = path.resolve()
        if full.is_relative_to(base):
            key = full.relative_to(base).as_posix()
        else:
            key = f"{OUTSIDE_CONTENT}/{full.name}"
        result[key] = hashlib.sha256(full.read_bytes()).hexdigest()
    return dict(sorted(result.items()))


def combined_hash(hashes: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name, value in sorted(hashes.items()):
        digest.update(f"{name}\0{value}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Sources:
    """What a build is made from, hashed: content files and templates."""

    content_files: dict[str, str]  # path relative to the content folder -> sha256
    templates: dict[str, str]  # template file name -> sha256 of the file used

    @classmethod
    def of(cls, paths: Iterable[Path], root: Path, templates: Mapping[str, str]) -> Sources:
        return cls(file_hashes(paths, root), dict(templates))

    @property
    def content_hash(self) -> str:
        return combined_hash(self.content_files)


def register(packet: Packet, content_hash: str, sheets: Iterable[Sheet]) -> SheetRegister:
    """The register of `sheets`: when blind, it holds candidate codes only."""
    return SheetRegister(
        position=packet.position.id,
        posting_number=packet.position.posting_number,
        content_hash=content_hash,
        blind=packet.blind,
        sheets={
            sheet.key: SheetEntry(
                candidate=sheet.candidate_label,
                panelist=sheet.panelist.name if sheet.panelist else None,
            )
            for sheet in sheets
        },
    )


def register_json(register: SheetRegister) -> str:
    """The register as the text stored in a PDF's document information."""
    return json.dumps(register.model_dump(), sort_keys=True)


def read_register(text: str) -> SheetRegister:
    """A register read back from a PDF; ValueError when it is not one."""
    try:
        return SheetRegister.model_validate_json(text)
    except ValidationError as exc:
        raise ValueError("not an interviewkit sheet register") from exc


def recorded_files(folder: Path) -> dict[str, str | None]:
    """The files the manifest in `folder` says earlier builds left: name -> sha256.

    Files its own build wrote come with their hash; files it kept from builds
    before it (`stale_files`) come with None, as they were changed since. Read
    leniently, for tidying up: a manifest that is missing, unreadable or from an
    older interviewkit (which kept only hashes) gives what it can, or nothing.
    """
    try:
        data = json.loads((folder / MANIFEST_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    files, stale = data.get("files"), data.get("stale_files")
    recorded: dict[str, str | None] = {}
    if isinstance(stale, list):
        recorded.update((name, None) for name in stale if isinstance(name, str))
    if isinstance(files, dict):
        for name, entry in files.items():
            digest = entry.get("sha256") if isinstance(entry, dict) else entry
            if isinstance(digest, str):
                recorded[name] = digest
    return recorded


def read(folder: Path) -> Manifest:
    """The manifest of the packet in `folder`, which `score` checks sheets against."""
    path = folder / MANIFEST_FILE
    if not path.is_file():
        raise UserError(
            f"{path} not found: build the packet first (interviewkit build), then score the "
            "sheets it made"
        )
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        raise UserError(f"{path}: not a manifest written by interviewkit") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot read file: {exc.strerror}") from exc


def record(
    packet: Packet,
    *,
    paper: str,
    forms: bool,
    sheet_layout: str = "competency",
    sources: Sources,
    outputs: Mapping[str, bytes],
    personal: Iterable[PersonalFile] = (),
    stale: Iterable[str] = (),
) -> Manifest:
    """The hiring record of a build of `packet`: `personal` names whose each own file is."""
    position = packet.position
    return Manifest(
        interviewkit_version=__version__,
        position=PositionRecord(
            id=position.id,
            title=position.title,
            posting_number=position.posting_number,
            organization=position.organization,
            department=position.department,
            interview_date=position.interview_date.isoformat() if position.interview_date else None,
            interview_minutes=position.interview_minutes,
            opening_minutes=packet.opening_minutes,
            closing_minutes=packet.closing_minutes,
        ),
        draft=packet.draft,
        scale=ScaleRecord(
            id=packet.scale.id,
            points=[ScalePointRecord(value=p.value, label=p.label) for p in packet.scale.points],
        ),
        recommendation_options=[
            RecommendationOption(value=value, label=label)
            for value, label in practice.recommendation_options(position.recommendation_labels)
        ],
        paper=paper,
        forms=forms,
        sheet_layout=sheet_layout,
        blind=packet.blind,
        competencies=[
            CompetencyRecord(
                id=c.competency.id,
                name=c.competency.name,
                weight=c.weight,
                required_level=c.required_level,
            )
            for c in packet.competencies
        ],
        questions=[
            QuestionRecord(
                id=q.question.id,
                competency=q.competency.id,
                order=q.number,
                minutes=q.minutes,
                text=q.question.text,
            )
            for q in packet.questions
        ],
        reference_questions=[
            ReferenceQuestionRecord(id=r.id, competency=c.competency.id, text=r.text)
            for c in packet.competencies
            for r in c.reference_questions
        ],
        verification_questions=[
            VerificationQuestionRecord(id=q.id, text=q.text) for q in packet.verification_questions
        ],
        candidates=[
            CandidateRecord(name=c.name, id=c.id, referees=[r.name for r in c.referees])
            for c in packet.candidates
        ],
        panel=[PanelistRecord(name=p.name, title=p.title) for p in packet.panel],
        candidate_key=dict(packet.codes) if packet.blind else {},
        sheets=register(packet, sources.content_hash, packet.sheets).sheets,
        content_hash=sources.content_hash,
        content_files=dict(sources.content_files),
        template_hash=combined_hash(sources.templates),
        templates=dict(sources.templates),
        files=file_records(outputs, personal),
        stale_files=sorted(stale),
    )


def file_records(
    outputs: Mapping[str, bytes], personal: Iterable[PersonalFile]
) -> dict[str, FileRecord]:
    """A record of each file: its hash, and its person when it is someone's own file."""
    owners = {own.filename: own for own in personal}
    return {
        name: FileRecord(
            sha256=hashlib.sha256(data).hexdigest(),
            panelist=owners[name].panelist if name in owners else None,
            candidate=owners[name].candidate if name in owners else None,
        )
        for name, data in sorted(outputs.items())
    }
