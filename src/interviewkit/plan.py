"""What PDFs a build writes, and the laid-out parts each is assembled from.

A part (`Unit`) is one document laid out on its own: the interview guide, the
consensus sheet, one scoring sheet, one reference form. An output file is a
list of parts; the combined scoring sheets and each panelist's own file share
the same parts, so a sheet is laid out once whichever files it appears in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from jinja2 import Environment

from interviewkit.cache import unit_key
from interviewkit.renderer.documents import (
    DOCUMENTS,
    RenderOptions,
    Sheet,
    documents_for,
    reference_forms,
    render_document,
    scoring_sheets,
    sheet_register,
)
from interviewkit.selection import Packet


@dataclass(frozen=True)
class Unit:
    key: str  # over everything the laid-out PDF depends on; names its cache file
    html: str
    forms: bool
    title: str  # outline entry in the assembled file


@dataclass(frozen=True)
class OutputPdf:
    filename: str
    units: tuple[Unit, ...]
    info: tuple[tuple[str, str], ...] = ()  # document-information entries to set


def _unit(html: str, forms: bool, title: str) -> Unit:
    return Unit(unit_key(html, forms), html, forms, title)


def plan(
    packet: Packet,
    env: Environment,
    options: RenderOptions,
    content_hash: str,
    *,
    split: bool,
) -> list[OutputPdf]:
    """Every PDF of the packet, each as the parts it is assembled from."""
    outputs: list[OutputPdf] = []
    sheets = scoring_sheets(packet, options.blind)
    sheet_units = {}
    for sheet in sheets:
        register = sheet_register(packet, options, content_hash, [sheet])
        html = render_document(env, packet, "sheets", options, register, only=[sheet])
        who = " · ".join(
            x for x in (sheet.candidate_label, sheet.panelist.name if sheet.panelist else "") if x
        )
        sheet_units[sheet.number] = _unit(
            html, options.forms, f"Sheet {sheet.number}" + (f": {who}" if who else "")
        )
    forms = reference_forms(packet)
    form_units = {}
    for form in forms:
        html = render_document(env, packet, "references", options, only=[form])
        who = " · ".join(
            x
            for x in (
                form.candidate.name if form.candidate else "",
                form.referee.name if form.referee else "",
            )
            if x
        )
        form_units[form.number] = _unit(
            html, False, f"Reference check {form.number}" + (f": {who}" if who else "")
        )

    def register_info(chosen: list[Sheet]) -> tuple[tuple[str, str], ...]:
        register = sheet_register(packet, options, content_hash, chosen)
        return (("interviewkitsheets", json.dumps(register, sort_keys=True)),)

    for key in documents_for(options):
        document = DOCUMENTS[key]
        if key == "sheets":
            units = tuple(sheet_units[s.number] for s in sheets)
            outputs.append(OutputPdf(document.filename, units, register_info(sheets)))
        elif key == "references":
            units = tuple(form_units[f.number] for f in forms)
            outputs.append(OutputPdf(document.filename, units))
        else:
            html = render_document(env, packet, key, options)
            outputs.append(OutputPdf(document.filename, (_unit(html, False, document.title),)))
    if split:
        names = UniqueNames()
        for panelist in packet.panel:
            own = [s for s in sheets if s.panelist == panelist]
            outputs.append(
                OutputPdf(
                    f"scoring-sheets-{names.take(panelist.name)}.pdf",
                    tuple(sheet_units[s.number] for s in own),
                    register_info(own),
                )
            )
        for candidate in packet.candidates:
            own_forms = [f for f in forms if f.candidate == candidate]
            outputs.append(
                OutputPdf(
                    f"reference-checks-{names.take(candidate.name)}.pdf",
                    tuple(form_units[f.number] for f in own_forms),
                )
            )
    return outputs


class UniqueNames:
    """File-name slugs of people's names, made unique within one build."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "person"
        candidate, number = slug, 2
        while candidate in self.used:
            candidate, number = f"{slug}-{number}", number + 1
        self.used.add(candidate)
        return candidate
