"""The hiring record of a build: what was built from what."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interviewkit import __version__
from interviewkit.renderer.documents import RenderOptions, candidate_codes
from interviewkit.selection import Packet


def file_hashes(paths: list[Path], root: Path | None) -> dict[str, str]:
    """sha256 of each file, keyed by its path relative to `root` where it is inside it."""
    result = {}
    for path in paths:
        key = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        result[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(result.items()))


def combined_hash(hashes: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name, value in sorted(hashes.items()):
        digest.update(f"{name}\0{value}\n".encode())
    return digest.hexdigest()


def manifest(
    packet: Packet,
    *,
    content_files: Mapping[str, str],
    register: Mapping[str, Any],
    template_hashes: Mapping[str, str],
    outputs: Mapping[str, bytes],
    options: RenderOptions,
) -> dict[str, Any]:
    content = dict(content_files)
    position = packet.position
    return {
        "interviewkit_version": __version__,
        "position": {
            "id": position.id,
            "title": position.title,
            "posting_number": position.posting_number,
            "organization": position.organization,
            "department": position.department,
            "interview_date": position.interview_date.isoformat()
            if position.interview_date
            else None,
            "interview_minutes": position.interview_minutes,
            "opening_minutes": packet.opening_minutes,
            "closing_minutes": packet.closing_minutes,
        },
        "draft": packet.draft,
        "scale": {
            "id": packet.scale.id,
            "points": [{"value": p.value, "label": p.label} for p in packet.scale.points],
        },
        "paper": options.paper,
        "forms": options.forms,
        "blind": options.blind,
        "competencies": [
            {
                "id": c.competency.id,
                "name": c.competency.name,
                "weight": c.weight,
                "required_level": c.required_level,
            }
            for c in packet.competencies
        ],
        "questions": [
            {
                "id": q.question.id,
                "competency": q.competency.id,
                "order": q.number,
                "minutes": q.minutes,
                "text": q.question.text,
            }
            for q in packet.questions
        ],
        "reference_questions": [
            {"id": r.id, "competency": c.competency.id, "text": r.text}
            for c in packet.competencies
            for r in c.reference_questions
        ],
        "verification_questions": [
            {"id": q.id, "text": q.text} for q in packet.verification_questions
        ],
        "candidates": [
            {"name": c.name, "id": c.id, "referees": [r.name for r in c.referees]}
            for c in packet.candidates
        ],
        "panel": [{"name": p.name, "title": p.title} for p in packet.panel],
        # Blind review: sheets print codes; this key is for HR only.
        "candidate_key": candidate_codes(packet) if options.blind else {},
        "sheets": register["sheets"],
        "content_hash": combined_hash(content),
        "content_files": content,
        "template_hash": combined_hash(template_hashes),
        "templates": dict(template_hashes),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(outputs.items())},
    }


def to_json(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
