"""The scoring sheets' PDF form is well formed: qpdf walks it without a warning, every
rating is one field whose buttons are named by the scale's points, and poppler draws
whatever a reader chose."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from interviewkit.acroform import FormTreeError, is_radio_group, on_states
from interviewkit.build import BuildRequest, build
from interviewkit.library.models import Candidate, Panelist
from interviewkit.pdf.forms import fix_form_tree
from tests.conftest import FIXTURES
from tests.fillers import READERS

requires_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
requires_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)
SHEETS = 4  # two candidates, two panelists: the combined file is merged from four parts
QUESTIONS = ["listening-q1", "listening-q2"]
RECOMMENDATIONS = ["/4", "/3", "/2", "/1", "/no-decision"]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built scoring-sheets.pdf of the small test library."""
    out = tmp_path_factory.mktemp("forms")
    build(
        BuildRequest(
            position="clerk",
            content_dir=FIXTURES / "mini",
            out_dir=out,
            candidates=[Candidate(name="Sam Roe"), Candidate(name="Ana Díaz")],
            panel=[Panelist(name="Pat Lee"), Panelist(name="Kim Ode")],
        )
    )
    return out / "clerk/scoring-sheets.pdf"


def radio_groups(pdf: pikepdf.Pdf) -> list[Dictionary]:
    return [f for f in pdf.Root.AcroForm.Fields if is_radio_group(f)]


def test_every_rating_is_one_field_named_by_the_scale(sheets: Path) -> None:
    with pikepdf.open(sheets) as pdf:
        fields = list(pdf.Root.AcroForm.Fields)
        # A rating and notes per question, evidence for the one competency, and the summary
        # page's date, start time, recommendation, comments and signature date.
        assert len({f.objgen for f in fields}) == len(fields) == SHEETS * (2 * 2 + 1 + 5)
        assert all("/Parent" not in f for f in fields)
        groups = radio_groups(pdf)
        assert len(groups) == SHEETS * 3
        for group in groups:
            assert "/Opt" not in group
            assert str(group.V) == "/Off"
            states = [str(s) for w in group.Kids for s in on_states(w)]
            name = str(group.T)
            if name.endswith("__recommendation"):
                assert states == RECOMMENDATIONS
                assert str(group.TU) == "Overall recommendation"
            else:
                assert states == ["/1", "/2", "/3", "/4", "/5"]
                number = QUESTIONS.index(name.split("__")[1]) + 1
                assert str(group.TU) == f"Question {number} rating"
            for widget in group.Kids:
                assert not {"/T", "/FT", "/Ff", "/V", "/Opt"} & set(widget.keys())
                assert widget.Parent.objgen == group.objgen
                assert str(widget.AS) == "/Off"
            # Each button keeps its own label for a screen reader.
            assert str(group.Kids[3].TU).endswith(("4 Strong", "Do not recommend"))


def test_widgets_keep_their_place_in_the_structure_tree(sheets: Path) -> None:
    with pikepdf.open(sheets) as pdf:
        tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        checked = 0
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                element = tree[int(annotation.StructParent)]
                assert str(element.S) == "/Form"
                links = [k for k in element.K if isinstance(k, Dictionary)]
                assert [k.Obj.objgen for k in links] == [annotation.objgen]
                checked += 1
        # Five buttons for each of three choices; seven text fields.
        assert checked == SHEETS * (3 * 5 + 7)


def qpdf(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["qpdf", *args], capture_output=True, text=True, timeout=120)


@requires_qpdf
def test_qpdf_walks_the_form_without_a_warning(sheets: Path, tmp_path: Path) -> None:
    """qpdf 11's --check does not walk forms; copying pages and its form JSON do.
    Before the repair these printed a "loop detected while traversing /AcroForm"
    warning per radio button."""
    check = qpdf("--check", str(sheets))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr
    pages = qpdf("--empty", "--pages", str(sheets), "1-2", "--", str(tmp_path / "two.pdf"))
    assert (pages.returncode, pages.stdout + pages.stderr) == (0, "")
    form = qpdf("--json", "--json-key=acroform", str(sheets))
    assert (form.returncode, form.stderr) == (0, "")
    widgets = json.loads(form.stdout)["acroform"]["fields"]
    assert not any("." in w["fullname"] for w in widgets)
    first = [w for w in widgets if w["fullname"] == "s001__listening-q1__rating"]
    assert [w["isradiobutton"] for w in first] == [True] * 5


# --- the repair on forms shaped the way WeasyPrint writes them -------------------


def weasyprint_form(values: list[str]) -> pikepdf.Pdf:
    """One radio group as WeasyPrint 70 writes it: widgets that carry the group's /T
    and /FT and are listed in /Fields, on-states /0, /1, ..., the values in /Opt."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    on = pdf.make_stream(b"0 g 0 0 5 5 re f", Type=Name.XObject, Subtype=Name.Form)
    group = pdf.make_indirect(
        Dictionary(
            FT=Name.Btn,
            Ff=49152,
            T=String("choice"),
            V=Name.Off,
            TU=String("Pick: " + values[0]),
            Kids=Array(),
            Opt=Array([String(v) for v in values]),
        )
    )
    fields = Array([group])
    for index, value in enumerate(values):
        widget = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Btn,
                T=String("choice"),
                TU=String(f"Pick: {value}"),
                Rect=Array([10 * index, 0, 10 * index + 5, 5]),
                Parent=group,
                P=page,
                AS=Name.Off,
                AP=Dictionary(N=Dictionary({f"/{index}": on})),
            )
        )
        group.Kids.append(widget)
        fields.append(widget)
    page.Annots = Array(list(group.Kids))
    pdf.Root.AcroForm = Dictionary(Fields=fields, NeedAppearances=True)
    return pdf


def test_values_become_state_names_and_the_choice_follows() -> None:
    pdf = weasyprint_form(["Strongly recommend", "a/b#c (x)", "très bien", "1"])
    group = pdf.Root.AcroForm.Fields[0]
    group.V = Name("/2")
    group.DV = Name("/0")
    group.Kids[2].AS = Name("/2")
    fix_form_tree(pdf)
    assert len(pdf.Root.AcroForm.Fields) == 1
    assert "/Opt" not in group
    assert [str(s) for w in group.Kids for s in on_states(w)] == [
        "/Strongly recommend",
        "/a/b#c (x)",
        "/très bien",
        "/1",
    ]
    assert [str(group.V), str(group.DV)] == ["/très bien", "/Strongly recommend"]
    assert [str(w.AS) for w in group.Kids] == ["/Off", "/Off", "/très bien", "/Off"]
    assert str(group.TU) == "Pick"
    before = group.unparse(resolved=True)
    fix_form_tree(pdf)  # idempotent
    assert group.unparse(resolved=True) == before


@pytest.mark.parametrize(
    "values", [["yes", "yes", "no"], ["", "x"], ["Off", "On"], ["x" * 128, "y"]]
)
def test_values_that_cannot_be_names_keep_positions_and_opt(values: list[str]) -> None:
    pdf = weasyprint_form(values)
    group = pdf.Root.AcroForm.Fields[0]
    group.V = Name("/1")
    group.Kids[1].AS = Name("/1")
    fix_form_tree(pdf)
    assert [str(s) for s in group.Opt] == values
    assert [str(s) for w in group.Kids for s in on_states(w)] == [
        f"/{i}" for i in range(len(values))
    ]
    assert [str(group.V), str(group.Kids[1].AS)] == ["/1", "/1"]
    assert all("/T" not in w for w in group.Kids)


def test_a_looping_form_is_refused_and_a_document_without_one_left_alone() -> None:
    pdf = weasyprint_form(["a", "b"])
    group = pdf.Root.AcroForm.Fields[0]
    group.Parent = group.Kids[0]
    with pytest.raises(FormTreeError, match="loops back"):
        fix_form_tree(pdf)
    plain = pikepdf.new()
    plain.add_blank_page()
    fix_form_tree(plain)
    assert "/AcroForm" not in plain.Root


# --- what poppler draws ---------------------------------------------------------


def widget_boxes(path: Path, field: str) -> tuple[int, list[tuple[int, int, int, int]]]:
    """The page (1-based) and the pixel boxes, at DPI, of a radio group's buttons."""
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.mediabox[3])
            boxes = []
            for annotation in page.obj.get("/Annots", []):
                parent = annotation.get("/Parent")
                if parent is None or str(parent.get("/T")) != field:
                    continue
                x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
                left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
                scale = DPI / 72
                boxes.append(
                    (
                        int(left * scale) + 1,
                        int((height - top) * scale) + 1,
                        int(right * scale) - 1,
                        int((height - bottom) * scale) - 1,
                    )
                )
            if boxes:
                return number, boxes
    raise AssertionError(f"{field} is on no page")


DPI = 72


def render(path: Path, page: int, stem: Path) -> object:
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", "-singlefile",
         str(path), str(stem)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return Image.open(stem.with_suffix(".png")).convert("L")


@requires_poppler
@pytest.mark.parametrize("tool", sorted(READERS))
def test_poppler_draws_every_filled_choice(sheets: Path, tmp_path: Path, tool: str) -> None:
    """The chosen button, and only it, looks different from the blank sheet."""
    choices = {
        "s001__listening-q1__rating": "4",
        "s001__listening-q2__rating": "1",
        "s004__listening-q2__rating": "5",
        "s001__recommendation": "no-decision",
    }
    filled = tmp_path / "filled.pdf"
    READERS[tool](sheets, filled, choices)
    for field, value in choices.items():
        page, boxes = widget_boxes(sheets, field)
        blank = render(sheets, page, tmp_path / "blank")
        drawn = render(filled, page, tmp_path / "filled")
        changed = [blank.crop(box).tobytes() != drawn.crop(box).tobytes() for box in boxes]
        options = ["4", "3", "2", "1", "no-decision"] if "recommendation" in field else "12345"
        assert changed == [option == value for option in options], (tool, field)
