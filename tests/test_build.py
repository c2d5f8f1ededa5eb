"""Building the packet: read back every PDF as a user would get it."""

from __future__ import annotations

import functools
import json
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from interviewkit.build import BuildRequest, build
from interviewkit.library.loading import load_library
from interviewkit.packet.people import parse_panel, read_candidates_csv
from interviewkit.resources import builtin_content
from tests.conftest import FIXTURES, PANEL, PDFS, TRICKY_NAMES, edit

# Whole builds, many of them: in the slow group (`pytest -m slow`; CI runs it too).
pytestmark = pytest.mark.slow


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed, as one string."""
    return " ".join(page_texts(path))


def page_texts(path: Path) -> list[str]:
    return list(_page_texts(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=64)
def _page_texts(path: str, _mtime: int) -> tuple[str, ...]:
    """Text extraction is slow; each built file is read once per test run."""
    reader = PdfReader(path)
    return tuple(
        unicodedata.normalize("NFC", re.sub(r"\s+", " ", page.extract_text() or ""))
        for page in reader.pages
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    "position", ["customer-service-representative", "hr-consultant", "permit-technician"]
)
def test_every_file_is_written(built: dict[str, Path], position: str) -> None:
    names = sorted(p.name for p in built[position].iterdir() if not p.name.startswith("."))
    assert names == sorted(
        [
            *PDFS,
            "qualification-statements.md",
            "qualification-statements.txt",
            "qualification-statements.html",
            "manifest.json",
        ]
    )


@pytest.mark.parametrize(
    "position", ["customer-service-representative", "hr-consultant", "permit-technician"]
)
def test_selected_questions_appear_in_order(built: dict[str, Path], position: str) -> None:
    library = load_library(builtin_content())
    manifest = json.loads((built[position] / "manifest.json").read_text(encoding="utf-8"))
    texts = {q.id: squash(q.text) for _, q in library.interview_questions()}
    asked = [texts[q["id"]] for q in manifest["questions"]]
    assert [q["order"] for q in manifest["questions"]] == list(range(1, len(asked) + 1))
    for document in ("interview-guide.pdf", "scoring-sheets.pdf"):
        text = pdf_text(built[position] / document)
        found = [text.find(question[:60]) for question in asked]
        assert -1 not in found, f"a question is missing from {document}"
        assert found == sorted(found), f"questions out of order in {document}"
    # Questions the position did not choose are not printed.
    chosen = {q["id"] for q in manifest["questions"]}
    guide = pdf_text(built[position] / "interview-guide.pdf")
    for competency in manifest["competencies"]:
        for question in library.competencies[competency["id"]].record.interview_questions:
            if question.id not in chosen:
                assert squash(question.text)[:60] not in guide


def test_names_appear_exactly_as_written(built: dict[str, Path]) -> None:
    folder = built["customer-service-representative"]
    sheets = pdf_text(folder / "scoring-sheets.pdf")
    for name in [*TRICKY_NAMES, "Dr. Ama Mensah", "Li Wei"]:
        assert name in sheets
    references = pdf_text(folder / "reference-checks.pdf")
    consensus = pdf_text(folder / "consensus.pdf")
    for name in TRICKY_NAMES:
        assert name in references
        assert name in consensus
    for referee in ["Renee Castillo", "Mark Li", "Sam Okafor"]:
        assert referee in references
    guide = pdf_text(folder / "interview-guide.pdf")
    assert "Dr. Ama Mensah" in guide
    assert "Li Wei" in guide


def test_no_token_or_placeholder_is_left(built: dict[str, Path]) -> None:
    for folder in built.values():
        for document in PDFS:
            text = pdf_text(folder / document)
            assert "{candidate}" not in text
            assert not re.search(r"[\[(]\s*applicant name\s*[\])]", text, re.I)
            assert "under development" not in text.lower()
            assert "{{" not in text


def test_reference_questions_name_the_candidate(built: dict[str, Path]) -> None:
    text = pdf_text(built["hr-consultant"] / "reference-checks.pdf")
    assert "Tell me about a time when Zoë O'Brien <b> overcommitted themselves" in text


def test_one_scoring_sheet_per_candidate_and_panelist(built: dict[str, Path]) -> None:
    for folder in built.values():
        pages = page_texts(folder / "scoring-sheets.pdf")
        heads = [p for p in pages if "Scoring sheet:" in p]
        assert len(heads) == len(TRICKY_NAMES) * 2
        pairs = {
            (name, panelist)
            for page in heads
            for name in TRICKY_NAMES
            for panelist in ("Dr. Ama Mensah", "Li Wei")
            if f"Candidate {name}" in page and f"Panelist {panelist}" in page
        }
        assert len(pairs) == 6


def test_one_reference_form_per_referee(built: dict[str, Path]) -> None:
    pages = page_texts(built["permit-technician"] / "reference-checks.pdf")
    heads = [p for p in pages if "Reference check:" in p]
    # Zoë has two referees, José none (one blank form), Ada one.
    assert len(heads) == 4


def test_running_header_and_page_numbers(built: dict[str, Path]) -> None:
    pages = page_texts(built["hr-consultant"] / "scoring-sheets.pdf")
    # Each sheet counts its own pages, so a loose page can be put back in place.
    per_sheet = [re.search(r"Page (\d+) of (\d+)", page) for page in pages]
    assert all(per_sheet)
    numbers = [(int(m.group(1)), int(m.group(2))) for m in per_sheet if m]
    sheet_length = numbers[0][1]
    assert numbers == [(i % sheet_length + 1, sheet_length) for i in range(len(pages))]
    assert len(pages) == 6 * sheet_length
    for index, page in enumerate(pages):
        assert "Human Resource Consultant 3 · Posting DOA-2026-HR-031" in page
        assert "Candidate: " in page
        assert "Panelist: " in page
        assert f"Scoring sheet {index // sheet_length + 1} of 6" in page


def test_agenda_adds_up_to_the_interview_length(built: dict[str, Path]) -> None:
    manifest = json.loads((built["hr-consultant"] / "manifest.json").read_text(encoding="utf-8"))
    position = manifest["position"]
    minutes = sum(q["minutes"] for q in manifest["questions"])
    assert len({q["minutes"] for q in manifest["questions"]}) == 1  # the same time for each
    assert minutes + position["opening_minutes"] + position["closing_minutes"] == 75
    guide = pdf_text(built["hr-consultant"] / "interview-guide.pdf")
    assert "Total 75" in guide


def test_pdfs_are_tagged_with_title_author_and_language(built: dict[str, Path]) -> None:
    for document in PDFS:
        reader = PdfReader(built["permit-technician"] / document)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en"
        assert root["/MarkInfo"]["/Marked"]
        assert reader.metadata is not None
        assert reader.metadata.title is not None
        assert "Permit Technician" in reader.metadata.title
        assert reader.metadata.author == "City of Alder Bay"


def test_manifest_records_what_was_built(built: dict[str, Path]) -> None:
    manifest = json.loads((built["hr-consultant"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["position"]["id"] == "hr-consultant"
    assert [c["id"] for c in manifest["competencies"]] == [
        "customer-focus",
        "problem-solving",
        "communication",
    ]
    assert [c["weight"] for c in manifest["competencies"]] == [2, 1, 1]
    assert [q["id"] for q in manifest["questions"]][:4] == [
        "customer-focus-q1",
        "customer-focus-q3",
        "customer-focus-q4",
        "customer-focus-q5",
    ]
    assert [c["name"] for c in manifest["candidates"]] == TRICKY_NAMES
    assert [p["name"] for p in manifest["panel"]] == ["Dr. Ama Mensah", "Li Wei"]
    assert set(manifest["content_files"]) == {
        "positions/hr-consultant.yaml",
        "scales/interview-five.yaml",
        "scales/wa-hr-proficiency.yaml",
        "competencies/customer-focus.yaml",
        "competencies/problem-solving.yaml",
        "competencies/communication.yaml",
        "question-sets/reference-verification.yaml",
    }
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["content_hash"])
    assert "scoring-sheets.html" in manifest["templates"]


def test_statements_are_written_in_three_formats(built: dict[str, Path]) -> None:
    folder = built["hr-consultant"]
    markdown = (folder / "qualification-statements.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Qualifications: Human Resource Consultant 3")
    assert "## Customer Focus\n" in markdown
    assert "Advanced" not in markdown
    assert "People skilled in Customer Focus have a work history" in markdown
    text = (folder / "qualification-statements.txt").read_text(encoding="utf-8")
    assert "Customer Focus\nPeople skilled in Customer Focus" in text
    html = (folder / "qualification-statements.html").read_text(encoding="utf-8")
    assert "<h2>Customer Focus</h2>" in html


def test_rebuild_is_byte_identical(
    built: dict[str, Path], candidates_csv: Path, tmp_path: Path
) -> None:
    again = build(
        BuildRequest(
            position="permit-technician",
            out_dir=tmp_path,
            candidates=read_candidates_csv(candidates_csv),
            panel=parse_panel(PANEL),
        )
    ).folder
    first = built["permit-technician"]
    for path in sorted(p for p in first.iterdir() if p.is_file()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_template_override_takes_effect(tmp_path: Path) -> None:
    templates = tmp_path / "my-templates"
    templates.mkdir()
    (templates / "consensus.html").write_text(
        '{% extends "base.html" %}{% block body %}<h1>Our own consensus form</h1>'
        "<p>{{ position.title }}</p>{% endblock %}",
        encoding="utf-8",
    )
    result = build(
        BuildRequest(
            position="clerk",
            content_dir=FIXTURES / "mini",
            out_dir=tmp_path / "out",
            templates_dir=templates,
        )
    )
    consensus = pdf_text(result.folder / "consensus.pdf")
    assert "Our own consensus form" in consensus
    assert "Counter Clerk" in consensus
    # The other documents still use the built-in templates.
    assert "Interview guide" in pdf_text(result.folder / "interview-guide.pdf")


def test_blank_sheets_when_no_candidates_or_panel(tmp_path: Path) -> None:
    result = build(BuildRequest(position="hr-consultant", out_dir=tmp_path, panel=[]))
    pages = page_texts(result.folder / "scoring-sheets.pdf")
    assert len([p for p in pages if "Scoring sheet:" in p]) == 1
    assert "Candidate: ____" in pages[0]


def test_a4_on_request(tmp_path: Path) -> None:
    mini = FIXTURES / "mini"
    result = build(BuildRequest(position="clerk", content_dir=mini, out_dir=tmp_path, paper="a4"))
    box = PdfReader(result.folder / "interview-guide.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    letter = build(BuildRequest(position="clerk", content_dir=mini, out_dir=tmp_path / "l"))
    box = PdfReader(letter.folder / "interview-guide.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_drafts_only_with_the_flag_and_then_every_page_says_draft(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    edit(mini / "competencies/listening.yaml", "status: ready", "status: draft")
    refused = run("build", "clerk", "--content", mini, "--out", tmp_path / "out")
    assert refused.exit_code == 2
    assert "is a draft; build with --draft" in refused.stderr
    assert not (tmp_path / "out" / "clerk").exists()
    done = run("build", "clerk", "--content", mini, "--out", tmp_path / "out", "--draft")
    assert done.exit_code == 0, done.stderr
    folder = tmp_path / "out" / "clerk"
    for document in PDFS:
        for page in page_texts(folder / document):
            assert "DRAFT" in page
    assert "DRAFT" in (folder / "qualification-statements.md").read_text(encoding="utf-8")


def test_build_cli_with_candidates_and_panel(
    run: Callable[..., Result], candidates_csv: Path, tmp_path: Path
) -> None:
    command = (
        "build",
        "clerk",
        "--content",
        FIXTURES / "mini",
        "--candidates",
        candidates_csv,
        "--panel",
        "Pat Lee,Sam Roe",
        "--out",
        tmp_path,
    )
    result = run(*command)
    assert result.exit_code == 0, result.stderr
    assert "built 8 files" in result.stdout
    assert "laid out" in result.stdout
    again = run(*command)
    assert "(nothing changed since the last build)" in again.stdout
    manifest = json.loads((tmp_path / "clerk/manifest.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in manifest["panel"]] == ["Pat Lee", "Sam Roe"]
    assert len(manifest["candidates"]) == 3


def test_build_from_a_position_file(run: Callable[..., Result], tmp_path: Path) -> None:
    position = tmp_path / "mine.yaml"
    assert run("new", "position", position).exit_code == 0
    assert run("validate", position).exit_code == 0
    result = run("build", position, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    # The file names the position; an untouched starter builds, with a word about it.
    assert (tmp_path / "out/mine/scoring-sheets.pdf").is_file()
    assert "still hold the example text of `interviewkit new`" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "no-such-position"], "no position 'no-such-position'"),
        (["build", "../../etc/passwd"], "position file not found"),
        (["build", "Bad Id!"], "is neither a position id"),
        (["build", "hr-consultant", "--candidates", "missing.csv"], "cannot read file"),
        (["build", "hr-consultant", "--panel", "A,,B"], "no empty name"),
        (["build", "hr-consultant", "--panel", "A,A"], "A listed twice"),
        (["build", "hr-consultant", "--templates", "no-such-folder"], "folder not found"),
        (["statements", "nope"], "no position 'nope'"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(
    run: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--out", tmp_path) if args[0] == "build" else run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_candidates_csv_problems_are_located(run: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,id\nAna,1\n,2\nAna,3\n", encoding="utf-8")
    result = run("build", "hr-consultant", "--candidates", bad, "--out", tmp_path)
    assert result.exit_code == 2
    assert f"{bad}:3: name: a candidate needs a name" in result.stderr
    assert f"{bad}:4: name: 'Ana' is listed twice (line 2)" in result.stderr
    no_header = tmp_path / "no-header.csv"
    no_header.write_text("full name\nAna\n", encoding="utf-8")
    result = run("build", "hr-consultant", "--candidates", no_header, "--out", tmp_path)
    assert result.exit_code == 2
    assert "must name a 'name' column (found 'full name')" in result.stderr


def test_statements_command_prints_each_format(run: Callable[..., Result]) -> None:
    text = run("statements", "permit-technician")
    assert text.exit_code == 0
    assert text.stdout.startswith("Qualifications: Permit Technician, posting ALB-2026-118")
    markdown = run("statements", "permit-technician", "--format", "markdown")
    assert "## Service Orientation" in markdown.stdout
    html = run("statements", "permit-technician", "--format", "html")
    assert "<h2>Teamwork and Cooperation</h2>" in html.stdout


def test_statements_escape_markup(run: Callable[..., Result], library_copy: Path) -> None:
    edit(
        library_copy / "competencies/service-orientation.yaml",
        "name: Service Orientation",
        "name: Service <Orientation> & *Care*",
    )
    html = run("statements", "permit-technician", "--format", "html", "--content", library_copy)
    assert "<h2>Service &lt;Orientation&gt; &amp; *Care*</h2>" in html.stdout
    markdown = run(
        "statements", "permit-technician", "--format", "markdown", "--content", library_copy
    )
    assert r"## Service \<Orientation\> & \*Care\*" in markdown.stdout


def test_new_position_refuses_to_overwrite(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("mine", encoding="utf-8")
    result = run("new", "position", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_new_position_validates_as_written(run: Callable[..., Result], tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(builtin_content(), content)
    assert run("new", "position", content / "positions" / "mine.yaml").exit_code == 0
    result = run("validate", "--content", content)
    assert result.exit_code == 0, result.stderr
    assert "4 positions" in result.stdout


def test_each_seed_format_prints_in_the_guide_on_one_scale(built: dict[str, Path]) -> None:
    guide = pdf_text(built["permit-technician"] / "interview-guide.pdf")
    # Seed 004's competencies and seed 003's Customer Service print their key behaviors
    # and their anchors on the five-point interview scale, named for the competency.
    assert guide.count("Key behaviors") == 5
    for name in ("Service Orientation", "Teamwork and Cooperation", "Customer Service"):
        assert f"Behavioral anchors: {name}" in guide
    # Their numbered behavior levels and the three-point factor table are other scales:
    # the anchors do not use them, so the panel does not see them.
    assert "Behavior levels" not in guide
    assert "Factors" not in guide
    for label in ("Needs Improvement", "Meets Expectations", "Exceeds Expectations"):
        assert label not in guide
    hr_guide = pdf_text(built["hr-consultant"] / "interview-guide.pdf")
    # Seed 001's key elements, and its required level tied to the interview rating.
    assert "Key behaviors" in hr_guide
    assert "Required level: Advanced." in hr_guide
    assert "An answer that shows the competency at this level is rated 3 (Acceptable)" in hr_guide
    assert "Panelists do not rate levels" in hr_guide
    # The 1-5 proficiency table (Entry to Expert) is not printed beside the 1-5 rating.
    assert "Proficiency levels" not in hr_guide
    assert "Entry" not in hr_guide
