"""`score`: from filled sheets to the panel's score summary (CSV and PDF).

The stages, one call each: read the build's manifest -> read the ratings ->
check them against it -> summarise -> render the summary -> write the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interviewkit import manifest, ratings
from interviewkit.errors import UserError
from interviewkit.library.positions import position_id
from interviewkit.output import open_packet, packet_folder
from interviewkit.renderer.environment import TemplateSet, make_environment
from interviewkit.renderer.summary import summary_html


@dataclass(frozen=True)
class ScoreResult:
    folder: Path
    files: list[Path]
    summary: ratings.Summary
    warnings: list[str]


def score(
    position: str,
    sheets: Sequence[Path],
    *,
    out_dir: Path,
    allow_incomplete: bool = False,
    templates_dir: Path | None = None,
) -> ScoreResult:
    """Read, check and combine the ratings; write the summary beside the packet."""
    from interviewkit.pdf.layout import captured_warnings, render_pdf

    folder = packet_folder(out_dir, position_id(position))
    # Held from the first read of the build's files to the last write, so a build
    # running at the same time cannot swap the manifest out from under the check.
    with open_packet(folder, create=False) as held:
        record = manifest.read(folder)
        given = ratings.check(ratings.read_sheets(list(sheets), record), record)
        if not any(r.value is not None for r in given.ratings):
            raise UserError("no ratings found in the sheets given: are they filled in?")
        summary = ratings.summarize(
            record, given.ratings, allow_incomplete=allow_incomplete, remarks=given.remarks
        )
        templates = TemplateSet(templates_dir)
        html = summary_html(summary, make_environment(templates))
        with captured_warnings() as warnings:
            pdf = render_pdf(html, base_dir=templates.folders[0], allowed=templates.folders)
        outputs = {
            "score-summary.csv": ratings.summary_csv(summary),
            "score-flags.csv": ratings.flags_csv(summary),
            "score-summary.pdf": pdf,
        }
        if record.blind:  # the summary shows codes; names go to HR in a file of their own
            outputs[ratings.NAMES_FILE] = ratings.names_csv(summary)
        files = held.write(outputs)
    return ScoreResult(folder, files, summary, [*held.notes, *warnings])
