"""The packet's PDFs as the HTML parts they are laid out from.

Each scoring sheet and reference form is its own part, rendered once; the
combined file and a panelist's or candidate's own file (`--split`) list the
same parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from interviewkit import manifest
from interviewkit.packet import Sheet
from interviewkit.packet.sheets import UniqueNames
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
            html, forms, f"Reference check {form.number}" + (f": {who}" if who else "")
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
            # The consensus sheet is a form the chair fills; the guide and key are read.
            part = Part.of(renderer.render(key), forms and key == "consensus", document.title)
            outputs.append(OutputPdf(document.filename, (part,)))
    if split:
        names = UniqueNames()
        for panelist in packet.panel:
            own = [s for s in packet.sheets if s.panelist == panelist]
            outputs.append(
                OutputPdf(
                    f"scoring-sheets-{names.take(panelist.name)}.pdf",
                    tuple(sheet_parts[s.number] for s in own),
                    register_info(own),
                )
            )
        for candidate in packet.candidates:
            own_forms = [f for f in packet.forms if f.candidate == candidate]
            outputs.append(
                OutputPdf(
                    f"reference-checks-{names.take(candidate.name)}.pdf",
                    tuple(form_parts[f.number] for f in own_forms),
                )
            )
    return outputs


def _name(person: object | None) -> str:
    return getattr(person, "name", "") if person is not None else ""
