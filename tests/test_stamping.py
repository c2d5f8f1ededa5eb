"""Laid out once, printed many: every copy is the sheet or form laid out on its own.

A posting's scoring sheets are one laid-out body with each copy's names
stamped over it, and its reference forms one body with each candidate's
sentences stamped into the room it leaves them, and each referee's names.
These tests lay out each sheet and form on its own, the plain way, and
compare it with its copy in the assembled file: the words of every page,
every page's structure (tags), what each piece of marked content is tagged
as, and the form fields. They read both with pypdf and pikepdf.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewkit import manifest
from interviewkit.build import BuildRequest, build, prepare
from interviewkit.library.models import Candidate, Panelist, Referee
from interviewkit.pdf.layout import render_pdf
from interviewkit.renderer.documents import PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment
from tests import pdf_compare
from tests.conftest import FIXTURES

# Whole builds, many of them: in the slow group (`pytest -m slow`; CI runs it too).
pytestmark = pytest.mark.slow

PANEL = [Panelist(name="Pat Lee", title="Chair"), Panelist(name="Kim Ode")]
CANDIDATES = [
    Candidate(
        name="Nguyễn Thị Minh Khai",
        id="A-7",
        referees=[Referee(name="Ref One", relationship="supervisor"), Referee(name="Ref Two")],
    ),
    Candidate(name="José Núñez-Smith"),
]


@pytest.fixture(scope="module")
def packet_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildRequest]:
    request = BuildRequest(
        position="clerk",
        content_dir=FIXTURES / "mini",
        out_dir=tmp_path_factory.mktemp("stamped"),
        candidates=CANDIDATES,
        panel=PANEL,
    )
    return build(request).folder, request


def laid_out_alone(request: BuildRequest, key: str, index: int) -> bytes:
    """Sheet or form `index` rendered whole and laid out as a document of its own."""
    packet = prepare(request)
    templates = TemplateSet()
    renderer = PacketRenderer(make_environment(templates), packet, paper="letter", forms=True)
    if key == "sheets":
        sheet = packet.sheets[index]
        register = manifest.register(packet, "unused", [sheet])
        html = renderer.render("sheets", register=register, sheets=[sheet])
    else:
        html = renderer.render("references", forms=[packet.forms[index]])
    return render_pdf(html, base_dir=templates.folders[0], allowed=templates.folders, forms=True)


@pytest.mark.parametrize(
    ("key", "filename"), [("sheets", "scoring-sheets.pdf"), ("references", "reference-checks.pdf")]
)
def test_every_copy_is_the_document_laid_out_on_its_own(
    packet_folder: tuple[Path, BuildRequest], key: str, filename: str
) -> None:
    folder, request = packet_folder
    assembled_path = folder / filename
    assembled = pdf_compare.open_pdf(assembled_path)
    ranges = pdf_compare.copy_ranges(assembled)
    expected_copies = 4 if key == "sheets" else 3  # 2 × 2 sheets; 2 + 1 referees
    assert len(ranges) == expected_copies
    for index, pages in enumerate(ranges):
        alone_data = laid_out_alone(request, key, index)
        alone = pdf_compare.open_pdf(alone_data)
        whole = range(len(alone.pages))
        assert len(pages) == len(whole)
        assert pdf_compare.words(assembled_path, pages) == pdf_compare.words(alone_data, whole)
        assert pdf_compare.structure(assembled, pages) == pdf_compare.structure(alone, whole)
        assert pdf_compare.marked_roles(assembled, pages) == pdf_compare.marked_roles(alone, whole)
        assert pdf_compare.fields(assembled, pages) == pdf_compare.fields(alone, whole)


def test_copies_carry_their_own_names_and_fields(packet_folder: tuple[Path, BuildRequest]) -> None:
    folder, _request = packet_folder
    assembled = pdf_compare.open_pdf(folder / "scoring-sheets.pdf")
    ranges = pdf_compare.copy_ranges(assembled)
    first_pages = pdf_compare.words(folder / "scoring-sheets.pdf", range(len(assembled.pages)))
    # Sheet 2 is José's with Pat Lee; its first page names them, not sheet 1's people.
    second = first_pages[ranges[1].start]
    assert second["Núñez-Smith"] >= 1
    assert second["Nguyễn"] == 0
    names = {name for name, *_ in pdf_compare.fields(assembled, ranges[1])}
    assert names
    assert all(name.startswith("s002__") for name in names)
    roots = [str(field.T) for field in assembled.Root.AcroForm.Fields]
    assert len(roots) == len(set(roots)) == 4 * len(names)
    assert not any(name.startswith("s000") for name in roots)
    assert assembled.Root.MarkInfo.Marked is True
    assert str(assembled.Root.Lang) == "en"


def test_each_reference_form_has_its_own_fields(packet_folder: tuple[Path, BuildRequest]) -> None:
    """Two candidates' bodies share a layout and each copy renames its fields to its form's."""
    folder, _request = packet_folder
    assembled = pdf_compare.open_pdf(folder / "reference-checks.pdf")
    ranges = pdf_compare.copy_ranges(assembled)
    per_copy = [{name for name, *_ in pdf_compare.fields(assembled, pages)} for pages in ranges]
    for number, names in enumerate(per_copy, start=1):
        assert names
        assert all(name.startswith(manifest.reference_key(number) + "__") for name in names)
    assert len({len(names) for names in per_copy}) == 1  # the same form for every referee
    roots = [str(field.T) for field in assembled.Root.AcroForm.Fields]
    assert len(roots) == len(set(roots)) == sum(len(names) for names in per_copy)


def test_the_body_is_laid_out_once_and_a_changed_candidate_only_changes_their_group(
    tmp_path: Path,
) -> None:
    request = BuildRequest(
        position="clerk",
        content_dir=FIXTURES / "mini",
        out_dir=tmp_path,
        candidates=CANDIDATES,
        panel=PANEL,
    )
    first = build(request)
    # guide, consensus, the sheet body, the sheets' stamps, the reference form's body,
    # the candidates' text layer and referee stamps, and the forms' page numbers: not
    # one layout per sheet or form.
    assert len(first.rendered) == 8
    renamed = [CANDIDATES[0], Candidate(name="José Núñez")]
    again = build(
        BuildRequest(
            position="clerk",
            content_dir=FIXTURES / "mini",
            out_dir=tmp_path,
            candidates=renamed,
            panel=PANEL,
        )
    )
    # The sheets' stamps, the text layer of the candidates' group and their referee stamps
    # (the running header names the candidate), the consensus sheet and the guide (its
    # schedule) that list the names; not the sheet body, the reference form's body (no
    # candidate's name is in it) or the forms' page numbers.
    assert len(again.rendered) == 5
    assert again.reused == 3
