"""The packet's PDFs as documents to lay out and the copies made from them.

A scoring sheet differs from the posting's other sheets only in its names and
form-field names, so the sheet is laid out once, as a body with those left
out, and every copy is that body with its own names stamped over it. A
reference form is laid out once too, with room left in every sentence that
names the candidate; each candidate's sentences are laid out as a text layer
that fills those rooms (pdf/text_layers.py), and each referee's copy gets the
referee's names stamped over it. Stamps and text layers are laid out in
groups, since a document's fixed cost (fonts above all) is paid once per
document: a change to one candidate lays out its group again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from interviewkit import manifest
from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.packet import Packet, ReferenceForm, Sheet
from interviewkit.packet.sheets import personal_files
from interviewkit.pdf.plan import COPY_ANCHOR, Copy, Layout, OutputPdf, PdfPlan, Stamp
from interviewkit.renderer.documents import DOCUMENTS, PacketRenderer, document_keys

# Candidates whose stamps (and reference forms) are laid out in one document.
GROUP = 8
# The sheet a body is rendered for: its field names start with this key.
BODY_SHEET = Sheet(number=0, candidate=None, panelist=None, candidate_label=None)
BODY_FORM = ReferenceForm(number=0, candidate=None, referee=None)
Item = TypeVar("Item", Sheet, ReferenceForm)


def plan_pdfs(
    renderer: PacketRenderer, content_hash: str, *, split: bool, duplex: bool = False
) -> PdfPlan:
    """Every PDF of the packet: the documents to lay out and the copies each file holds.

    With `duplex`, every sheet and form ends on an even page, so printed on both
    sides none begins on the back of another.
    """
    packet = renderer.packet
    forms = bool(renderer.data["forms"])
    layouts: list[Layout] = []
    sheet_copies = _sheet_copies(renderer, layouts, duplex)
    form_copies = _form_copies(renderer, layouts, duplex)
    outputs: list[OutputPdf] = []
    for key in document_keys(packet):
        document = DOCUMENTS[key]
        if key == "sheets":
            copies = tuple(sheet_copies[s.number] for s in packet.sheets)
            info = _register_info(packet, content_hash, packet.sheets)
            outputs.append(OutputPdf(document.filename, copies, info))
        elif key == "references":
            copies = tuple(form_copies[f.number] for f in packet.forms)
            outputs.append(OutputPdf(document.filename, copies))
        else:
            # The consensus sheet is a form the chair fills; the guide and key are read.
            layout = Layout.of(renderer.render(key), forms and key == "consensus")
            layouts.append(layout)
            outputs.append(OutputPdf(document.filename, (Copy(layout.key),)))
    if split:
        outputs += _split_outputs(packet, content_hash, sheet_copies, form_copies)
    return PdfPlan(tuple(layouts), tuple(outputs), page_numbers=renderer.page_numbers)


def _sheet_copies(renderer: PacketRenderer, layouts: list[Layout], duplex: bool) -> dict[int, Copy]:
    packet = renderer.packet
    forms = bool(renderer.data["forms"])
    body = Layout.of(renderer.render("sheets", part="body", sheets=[BODY_SHEET]), forms)
    layouts.append(body)
    copies = {}
    for group in _groups(packet, packet.sheets):
        stamps = Layout.of(renderer.render("sheets", part="stamp", sheets=group))
        layouts.append(stamps)
        for index, sheet in enumerate(group):
            who = " · ".join(x for x in (sheet.candidate_label, _name(sheet.panelist)) if x)
            copies[sheet.number] = Copy(
                body.key,
                stamps=((Stamp(stamps.key, 2 * index),), (Stamp(stamps.key, 2 * index + 1),)),
                fields=(BODY_SHEET.key + "__", sheet.key + "__") if forms else None,
                title=f"Sheet {sheet.number}" + (f": {who}" if who else ""),
                even=duplex,
            )
    return copies


def _form_copies(renderer: PacketRenderer, layouts: list[Layout], duplex: bool) -> dict[int, Copy]:
    packet = renderer.packet
    forms = bool(renderer.data["forms"])
    # One body for every form, its sentences that name the candidate left as rooms;
    # a text layer per group of candidates puts each candidate's sentences in them.
    body_html = renderer.render(
        "references", part="body", forms=[BODY_FORM], stamped_page_numbers=True
    )
    body = Layout.of(body_html, forms)
    layouts.append(body)
    copies = {}
    for group in _groups(packet, packet.forms):
        candidates: dict[str, ReferenceForm] = {}
        for form in group:
            anchor = _anchor(packet, form.candidate)
            candidates.setdefault(anchor, ReferenceForm(len(candidates) + 1, form.candidate, None))
        layer = Layout.of(
            renderer.render(
                "references",
                part="layer",
                forms=list(candidates.values()),
                anchors=list(candidates),
            ),
            under=body_html,
        )
        stamps = Layout.of(renderer.render("references", part="stamp", forms=group))
        layouts += [layer, stamps]
        for index, form in enumerate(group):
            who = " · ".join(x for x in (_name(form.candidate), _name(form.referee)) if x)
            copies[form.number] = Copy(
                body.key,
                stamps=((Stamp(stamps.key, 2 * index),), (Stamp(stamps.key, 2 * index + 1),)),
                fields=(BODY_FORM.key + "__", form.key + "__") if forms else None,
                layer=(layer.key, _anchor(packet, form.candidate)),
                title=f"Reference check {form.number}" + (f": {who}" if who else ""),
                numbered=True,
                even=duplex,
            )
    return copies


def _groups(packet: Packet, items: Sequence[Item]) -> list[list[Item]]:
    """`items` in groups of GROUP candidates' worth, each group in packet order."""
    order = {c.name: i for i, c in enumerate(packet.candidates)}
    groups: dict[int, list[Item]] = {}
    for item in items:
        group = order[item.candidate.name] // GROUP if item.candidate is not None else 0
        groups.setdefault(group, []).append(item)
    return [groups[g] for g in sorted(groups)]


def _anchor(packet: Packet, candidate: Candidate | None) -> str:
    if candidate is None:
        return COPY_ANCHOR + "write-in"
    index = [c.name for c in packet.candidates].index(candidate.name)
    return f"{COPY_ANCHOR}{index + 1}"


def _register_info(
    packet: Packet, content_hash: str, sheets: Sequence[Sheet]
) -> tuple[tuple[str, str], ...]:
    register = manifest.register(packet, content_hash, sheets)
    return ((manifest.REGISTER_KEY, manifest.register_json(register)),)


def _split_outputs(
    packet: Packet,
    content_hash: str,
    sheet_copies: dict[int, Copy],
    form_copies: dict[int, Copy],
) -> list[OutputPdf]:
    """One scoring-sheet file per panelist and one reference file per candidate."""
    by_number = {sheet.number: sheet for sheet in packet.sheets}
    outputs = []
    for own in personal_files(packet):
        if own.panelist is not None:
            sheets = [by_number[n] for n in own.numbers]
            copies = tuple(sheet_copies[n] for n in own.numbers)
            info = _register_info(packet, content_hash, sheets)
            outputs.append(OutputPdf(own.filename, copies, info))
        else:
            outputs.append(OutputPdf(own.filename, tuple(form_copies[n] for n in own.numbers)))
    return outputs


def _name(person: Candidate | Panelist | Referee | None) -> str:
    return person.name if person is not None else ""
