"""`score`: from filled sheets to the panel's score summary (CSV and PDF)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from interviewkit import scoring
from interviewkit.errors import UserError
from interviewkit.output import packet_folder, write_files
from interviewkit.renderer.documents import Document
from interviewkit.renderer.environment import TemplateSet, make_environment, render_template
from interviewkit.selection import position_file

SUMMARY = Document("summary", "score-summary.html", "score-summary.pdf", "Score summary")


@dataclass(frozen=True)
class ScoreResult:
    folder: Path
    files: list[Path]
    summary: scoring.Summary
    warnings: list[str]


def position_id(argument: str) -> str:
    """The position id named by an id or a position YAML file."""
    from_file = position_file(argument)
    return from_file.record.id if from_file is not None else argument


def summary_html(summary: scoring.Summary, templates: TemplateSet, paper: str) -> str:
    """The score summary as HTML, in the packet's look."""
    record = summary.record
    env = make_environment(templates)
    competencies = record["competencies"]
    questions = {q["id"]: f"Question {q['order']} ({q['id']})" for q in record["questions"]}
    context: dict[str, Any] = {
        "document": SUMMARY,
        "position": SimpleNamespace(**record["position"]),
        "paper": paper,
        "draft": record.get("draft", False),
        "register": None,
        "summary": summary,
        "competencies": [SimpleNamespace(**c) for c in competencies],
        "competency_names": {c["id"]: c["name"] for c in competencies},
        "total_weight": sum(float(c["weight"]) for c in competencies),
        "scale_values": [p["value"] for p in record["scale"]["points"]],
        "disagreement": scoring.DISAGREEMENT,
        "missing": scoring.missing_ratings(summary),
        "question_labels": questions,
    }
    return render_template(env, SUMMARY.template, context)


def score(
    position: str,
    sheets: Sequence[Path],
    *,
    out_dir: Path,
    allow_incomplete: bool = False,
    templates_dir: Path | None = None,
) -> ScoreResult:
    """Read, check and combine the ratings; write the summary beside the packet."""
    from interviewkit.pdf import captured_warnings, render_pdf

    folder = packet_folder(out_dir, position_id(position))
    record = scoring.read_record(folder)
    ratings = scoring.check(scoring.read_sheets(list(sheets), record), record)
    if not any(r.value is not None for r in ratings):
        raise UserError("no ratings found in the sheets given: are they filled in?")
    summary = scoring.summarize(record, ratings, allow_incomplete=allow_incomplete)
    templates = TemplateSet(templates_dir)
    html = summary_html(summary, templates, str(record.get("paper", "letter")))
    with captured_warnings() as warnings:
        pdf = render_pdf(html, base_dir=templates.folders[0], allowed=templates.folders)
    files = write_files(
        folder,
        {
            "score-summary.csv": scoring.summary_csv(summary),
            "score-flags.csv": scoring.flags_csv(summary),
            "score-summary.pdf": pdf,
        },
    )
    return ScoreResult(folder, files, summary, list(warnings))
