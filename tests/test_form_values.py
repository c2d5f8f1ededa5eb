"""Reading a filled sheet wherever a tool put the choice, and refusing what cannot be read."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result
from pikepdf import Name, String

from interviewkit.build import BuildRequest, build
from interviewkit.ratings.form_values import FieldValue, Status, read_form
from tests.conftest import FIXTURES
from tests.fillers import FILLERS

Q1 = "s001__listening-q1__rating"
Q2 = "s001__listening-q2__rating"
# What every filler writes into the one sheet of the small test library.
PATTERN = {
    Q1: "4",
    Q2: "1",
    "s001__listening-q1__notes": "Zoë said ‘yes’ & <more>",
    "s001__recommendation": "2",
    "s001__comments": "Überzeugend ✓ — Ω naïve café",  # not all PDFDocEncoding: UTF-16
}


def build_mini(out: Path, *, forms: bool = True) -> Path:
    build(BuildRequest(position="clerk", content_dir=FIXTURES / "mini", out_dir=out, forms=forms))
    return out / "clerk"


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small library's packet: one sheet (Sam Roe, rated by Pat Lee), two questions."""
    return build_mini(tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="module")
def unrepaired(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same sheet as interviewkit made it before repairing WeasyPrint's form
    (panelists may still hold such files): each button a field, states that index /Opt."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("interviewkit.pdf.forms.fixed_pdf", lambda data: data)
        out = tmp_path_factory.mktemp("unrepaired")
        build(BuildRequest(position="clerk", content_dir=FIXTURES / "mini", out_dir=out, workers=1))
    return out / "clerk/scoring-sheets.pdf"


def edited(
    source: Path, target: Path, name: str, change: Callable[[pikepdf.Dictionary], None]
) -> Path:
    """`source` with `change` applied to the field called `name`, saved as `target`."""
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        # Before the repair a group's buttons were listed in /Fields under its name too.
        named = [f for f in pdf.Root.AcroForm.Fields if str(f.get("/T")) == name]
        change(next((f for f in named if "/Kids" in f), named[0]))
        pdf.save(target)
    return target


def read(path: Path, name: str = Q1) -> FieldValue:
    return read_form(path).fields[name]


def test_a_blank_sheet_reads_as_blank(packet: Path) -> None:
    form = read_form(packet / "scoring-sheets.pdf")
    assert '"s001"' in (form.register or "")
    # A rating and notes per question, evidence per competency, and the summary page's
    # interview date, start time, recommendation, comments and signature date.
    assert len(form.fields) == 2 * 2 + 1 + 5
    assert {v.status for v in form.fields.values()} == {Status.EMPTY}
    assert form.fields[Q1].options == ("1", "2", "3", "4", "5")
    assert form.fields["s001__recommendation"].options == ("4", "3", "2", "1", "no-decision")


@pytest.mark.parametrize("tool", sorted(FILLERS))
def test_every_filler_reads_back_exactly(packet: Path, tmp_path: Path, tool: str) -> None:
    """Including tools that set only the group's /V (as a string) or only a button's /AS."""
    filled = tmp_path / "filled.pdf"
    FILLERS[tool](packet / "scoring-sheets.pdf", filled, PATTERN)
    fields = read_form(filled).fields
    assert {n: (fields[n].status, fields[n].value) for n in PATTERN} == {
        n: (Status.CHOSEN, v) for n, v in PATTERN.items()
    }
    assert fields["s001__listening-q2__notes"].status is Status.EMPTY


@pytest.mark.parametrize(
    ("change", "status", "said"),
    [
        (lambda g: (g.__setattr__("V", Name("/3")), g.Kids[4].__setattr__("AS", Name("/5"))),
         Status.CONFLICT, ("/V holds /3", "button 5 holds /5")),
        (lambda g: [g.Kids[i].__setattr__("AS", Name(f"/{i + 1}")) for i in (0, 1)],
         Status.CONFLICT, ("button 1 holds /1", "button 2 holds /2")),
        (lambda g: g.__setattr__("V", Name("/7")), Status.NOT_AN_OPTION, ("/V holds /7",)),
        (lambda g: g.__setattr__("V", String("7")), Status.NOT_AN_OPTION, ("/V holds '7'",)),
        (lambda g: g.__setattr__("V", 0), Status.NOT_AN_OPTION, ("/V holds 0",)),
        (lambda g: g.__setattr__("V", pikepdf.Array([Name("/4")])), Status.NOT_AN_OPTION,
         ("/V holds an array",)),
        (lambda g: g.Kids[2].__setattr__("AS", Name("/9")), Status.NOT_AN_OPTION,
         ("button 3 holds /9",)),
    ],
)  # fmt: skip
def test_choices_that_disagree_or_are_no_option_are_not_guessed(
    packet: Path, tmp_path: Path, change: Callable, status: Status, said: tuple[str, ...]
) -> None:
    result = read(edited(packet / "scoring-sheets.pdf", tmp_path / "e.pdf", Q1, change))
    assert (result.status, result.value, result.said) == (status, None, said)


def test_a_button_switched_on_alone_is_the_choice(packet: Path, tmp_path: Path) -> None:
    result = read(
        edited(packet / "scoring-sheets.pdf", tmp_path / "e.pdf", Q1,
               lambda g: g.Kids[3].__setattr__("AS", Name("/4")))
    )  # fmt: skip
    assert (result.status, result.value) == (Status.CHOSEN, "4")


@pytest.mark.parametrize(
    ("change", "status", "value"),
    [
        # /V /3 alone: index 3 (rating 4) or the value 3? Nothing says which.
        (lambda g: g.__setattr__("V", Name("/3")), Status.AMBIGUOUS, None),
        # What a reader writes on a click there: /V /3 and the fourth button's /AS /3.
        (lambda g: (g.__setattr__("V", Name("/3")), g.Kids[3].__setattr__("AS", Name("/3"))),
         Status.CHOSEN, "4"),
        (lambda g: (g.__setattr__("V", 1), g.Kids[1].__setattr__("AS", Name("/1"))),
         Status.CHOSEN, "2"),
        # A string is text, never an index: "4" is the rating 4.
        (lambda g: g.__setattr__("V", String("4")), Status.CHOSEN, "4"),
        # /Opt that is not an array of strings is ignored, the states decide.
        (lambda g: (g.__setattr__("Opt", 5), g.Kids[1].__setattr__("AS", Name("/1"))),
         Status.CHOSEN, "1"),
    ],
)  # fmt: skip
def test_sheets_made_before_the_repair_are_read_too(
    unrepaired: Path, tmp_path: Path, change: Callable, status: Status, value: str | None
) -> None:
    result = read(edited(unrepaired, tmp_path / "e.pdf", Q1, change))
    assert (result.status, result.value) == (status, value)


def test_a_reader_filling_each_button_as_its_own_field_is_read(
    unrepaired: Path, tmp_path: Path
) -> None:
    """pypdf on the unrepaired tree stores the choice on the button it takes for a field."""
    filled = tmp_path / "filled.pdf"
    FILLERS["pypdf"](unrepaired, filled, {Q1: "4", Q2: "1"})
    fields = read_form(filled).fields
    # pypdf's state names there are /Opt positions: "/4" is the fifth button, rating 5,
    # and "/1" the second. The buttons' appearances agree, so that is what was chosen.
    assert [(fields[q].status, fields[q].value) for q in (Q1, Q2)] == [
        (Status.CHOSEN, "5"),
        (Status.CHOSEN, "2"),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xfe\xff" + "Zoë said ‘yes’".encode("utf-16-be"),
        b"Zo\xeb said \x8fyes\x90",  # PDFDocEncoding
        b"\xef\xbb\xbf" + "Zoë said ‘yes’".encode(),  # PDF 2.0 allows UTF-8
    ],
)
def test_text_in_every_encoding(packet: Path, tmp_path: Path, raw: bytes) -> None:
    name = "s001__comments"
    result = read(
        edited(packet / "scoring-sheets.pdf", tmp_path / "t.pdf", name,
               lambda f: f.__setattr__("V", String(raw))),
        name,
    )  # fmt: skip
    assert (result.status, result.value) == (Status.CHOSEN, "Zoë said ‘yes’")


# --- through score: the sheet named, and files whose form is gone -----------------


@pytest.fixture
def out(packet: Path, tmp_path: Path) -> Path:
    shutil.copytree(packet, tmp_path / "out/clerk")
    return tmp_path / "out"


def test_score_names_the_file_sheet_and_question_it_cannot_read(
    run: Callable[..., Result], packet: Path, out: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.pdf"
    FILLERS["pikepdf-reader"](packet / "scoring-sheets.pdf", filled, {Q1: "4", Q2: "2"})
    edited(filled, filled, Q2, lambda g: g.Kids[4].__setattr__("AS", Name("/5")))
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 2
    assert (
        "filled.pdf: sheet s001 (Sam Roe / Pat Lee): question 2 (listening-q2): the form "
        "holds different choices (/V holds /2; button 2 holds /2; button 5 holds /5)"
    ) in result.stderr
    assert not (out / "clerk/score-summary.csv").exists()


def test_a_flattened_sheet_gets_its_own_message(
    run: Callable[..., Result], packet: Path, out: Path, tmp_path: Path
) -> None:
    """PyMuPDF's bake() does what "flatten" and "print to PDF" do to a form."""
    import pymupdf

    filled = tmp_path / "filled.pdf"
    FILLERS["pikepdf-reader"](packet / "scoring-sheets.pdf", filled, {Q1: "4"})
    with pymupdf.open(filled) as document:
        document.bake()
        document.save(tmp_path / "flat.pdf")
    printed = tmp_path / "printed.pdf"
    with pikepdf.open(filled) as pdf:  # what a browser's "save as PDF" leaves
        del pdf.Root["/AcroForm"]
        for page in pdf.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
        del pdf.trailer["/Info"]
        pdf.save(printed)
    for path in (tmp_path / "flat.pdf", printed):
        result = run("score", "clerk", path, "--out", out)
        assert result.exit_code == 2
        assert (
            f"{path}: the form fields are gone: fill the original file or type the ratings "
            "into a CSV"
        ) in result.stderr


def test_sheets_built_without_forms_say_so(run: Callable[..., Result], tmp_path: Path) -> None:
    folder = build_mini(tmp_path / "out", forms=False)
    result = run("score", "clerk", folder / "scoring-sheets.pdf", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "built without form fields (--no-forms); type the ratings into a CSV" in result.stderr
