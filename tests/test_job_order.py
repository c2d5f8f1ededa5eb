"""The order documents are laid out in: what holds up a long assembly goes first."""

from __future__ import annotations

from interviewkit.build import BuildRequest, prepare
from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.pdf.jobs import COPY_WEIGHT, in_order, layout_keys
from interviewkit.pdf.plan import Copy, Layout, OutputPdf, PdfPlan, Stamp
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment
from interviewkit.renderer.parts import plan_pdfs
from tests.conftest import FIXTURES


def _plan(split: bool) -> PdfPlan:
    request = BuildRequest(
        position="clerk",
        content_dir=FIXTURES / "mini",
        candidates=[
            Candidate(name="Sam Roe", referees=[Referee(name="Ref One"), Referee(name="Ref Two")]),
            Candidate(name="Ana Díaz"),
        ],
        panel=[Panelist(name="Pat Lee"), Panelist(name="Kim Ode")],
    )
    renderer = PacketRenderer(
        make_environment(TemplateSet()), prepare(request), paper="letter", forms=True
    )
    return plan_pdfs(renderer, "content-hash", split=split)


def _documents_of(plan: PdfPlan, filename: str) -> set[str]:
    (output,) = [o for o in plan.outputs if o.filename == filename]
    return layout_keys(output)


def test_reference_forms_first_then_what_holds_up_the_most_work() -> None:
    plan = _plan(split=False)
    ordered = in_order(list(reversed(plan.layouts)), list(plan.outputs))
    references = _documents_of(plan, "reference-checks.pdf")
    copies = {key: len(o.copies) for o in plan.outputs for key in layout_keys(o)}
    assert references
    assert len(references) < len(ordered)

    keys = [layout.key for layout in ordered]
    assert set(keys[: len(references)]) == references
    assert sorted(keys) == sorted(layout.key for layout in plan.layouts)
    rest = [len(x.html) + COPY_WEIGHT * copies[x.key] for x in ordered[len(references) :]]
    assert rest == sorted(rest, reverse=True)


def _layout(name: str, size: int) -> Layout:
    return Layout(name, "x" * size, False)


def test_a_short_document_of_a_file_of_many_copies_goes_before_a_long_single_one() -> None:
    guide, body = _layout("guide", 60_000), _layout("body", 45_000)
    stamps = _layout("stamps", 40_000)
    forms, form_stamps = _layout("forms", 180_000), _layout("form-stamps", 30_000)
    sheets = tuple(Copy("body", stamps=((Stamp("stamps", i),),)) for i in range(200))
    outputs = [
        OutputPdf("guide.pdf", (Copy("guide"),)),
        OutputPdf("sheets.pdf", sheets),
        OutputPdf(
            "forms.pdf", (Copy("forms", stamps=((Stamp("form-stamps", 0),),), numbered=True),)
        ),
    ]
    ordered = in_order([guide, stamps, body, form_stamps, forms], outputs)
    assert [layout.key for layout in ordered] == ["forms", "form-stamps", "body", "stamps", "guide"]
    # Without the 200 copies the guide, longest, leads the rest.
    alone = [OutputPdf("guide.pdf", (Copy("guide"),)), OutputPdf("sheets.pdf", sheets[:1])]
    assert [x.key for x in in_order([stamps, body, guide], alone)] == ["guide", "body", "stamps"]


def test_a_document_shared_by_several_files_is_weighed_by_the_largest() -> None:
    guide, body = _layout("guide", 60_000), _layout("body", 45_000)
    sheets = tuple(Copy("body") for _ in range(200))
    outputs = [
        OutputPdf("guide.pdf", (Copy("guide"),)),
        OutputPdf("sheets-pat.pdf", sheets[:1]),  # a panelist's own file
        OutputPdf("sheets.pdf", sheets),
    ]
    assert [x.key for x in in_order([guide, body], outputs)] == ["body", "guide"]


def test_split_files_do_not_change_the_order() -> None:
    # Each panelist's and each candidate's own file is made of documents the whole
    # files already use, with fewer copies.
    plain, split = _plan(split=False), _plan(split=True)
    assert [x.key for x in in_order(list(split.layouts), list(split.outputs))] == [
        x.key for x in in_order(list(plain.layouts), list(plain.outputs))
    ]
