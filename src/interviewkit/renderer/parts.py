"""The packet's PDFs as the HTML parts they are laid out from.

Each scoring sheet and reference form is its own part, rendered once; the
combined file and a panelist's or candidate's own file (`--split`) list the
same parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from interviewkit import manifest
from interviewkit.packet import Sheet
from interviewkit.packet.sheets import personal_files
from interviewkit.pdf.plan import OutputPdf, Part
from interviewkit.renderer.documents import DOCUMENTS, PacketRenderer, document_keys


def plan_pdfs(renderer: PacketRenderer, content_hash: str, *, split: bool) -> list[OutputPdf]:
    """Every PDF of the packet, each as the parts it is assembled from."""
    packet = renderer.packet
    forms = renderer.data["forms"]

    def register_info(sheets: Sequence[Sheet]) -> tuple[tuple[str, str], ...]:
        register = manifest.register(packet, content_hash, sheets)
        return ((manifest.REGISTER_KEY, manifest.register_json(register)),)

    sheet_parts = {}
    for sheet in packet.sheets:
        html = renderer.render(
            "sheets",
            register=manifest.register(packet, content_hash, [sheet]),
            sheets=[sheet],
        )
        who = " · ".join(x for x in (sheet.candidate_label, _name(sheet.panelist)) if x)
        sheet_parts[sheet.number] = Part.of(
            html, forms, f"Sheet {sheet.number}" + (f": {who}" if who else "")
        )
    form_parts = {}
    for form in packet.forms:
        html = renderer.render("references", forms=[form])
        who = " · ".join(x for x in (_name(form.candidate), _name(form.referee)) if x)
        form_parts[form.number] = Part.of(
            html, False, f"Reference check {form.number}" + (f": {who}" if who else "")
        )
    outputs: list[OutputPdf] = []
    for key in document_keys(packet):
        document = DOCUMENTS[key]
        if key == "sheets":
            parts = tuple(sheet_parts[s.number] for s in packet.sheets)
            outputs.append(OutputPdf(document.filename, parts, register_info(packet.sheets)))
        elif key == "references":
            parts = tuple(form_parts[f.number] for f in packet.forms)
            outputs.append(OutputPdf(document.filename, parts))
        else:
            part = Part.of(renderer.render(key), False, document.title)
            outputs.append(OutputPdf(document.filename, (part,)))
    if split:
        by_number = {s.number: s for s in packet.sheets}
        for own in personal_files(packet):
            if own.panelist is not None:
                mine = [by_number[n] for n in own.numbers]
                parts = tuple(sheet_parts[n] for n in own.numbers)
                outputs.append(OutputPdf(own.filename, parts, register_info(mine)))
            else:
                parts = tuple(form_parts[n] for n in own.numbers)
                outputs.append(OutputPdf(own.filename, parts))
    return outputs


def _name(person: object | None) -> str:
    return getattr(person, "name", "") if person is not None else ""
