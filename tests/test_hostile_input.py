"""Hostile or merely huge input: people lists, YAML tags, timings, names in messages and
file names. Each is a clear message and exit status 2 (or the right file), never a
traceback, a runaway build or another person's file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from interviewkit import limits
from interviewkit.build import BuildRequest, build
from interviewkit.errors import UserError
from interviewkit.library.models import Candidate
from interviewkit.packet.people import read_candidates_csv
from interviewkit.packet.sheets import unique_slugs
from tests.conftest import FIXTURES, edit

MINI = FIXTURES / "mini"
POSITION = "positions/clerk.yaml"


def assert_refused(result: Result, *messages: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for message in messages:
        assert message in result.stderr, result.stderr


# --- people ---------------------------------------------------------------------------


def test_a_row_with_sixty_thousand_referees_is_refused_before_any_is_made(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    csv = tmp_path / "candidates.csv"
    referees = ";".join(f"Referee {i}" for i in range(60_000))
    csv.write_text(f"name,referees\nSam Roe,{referees}\n", encoding="utf-8")
    with pytest.raises(UserError, match="2: referees: 60,000 referees listed; the limit is 10"):
        read_candidates_csv(csv)
    result = run("build", "clerk", "--content", MINI, "--candidates", csv, "--out", tmp_path / "o")
    assert_refused(result, "60,000 referees listed; the limit is 10 per candidate")
    assert not (tmp_path / "o").exists()


def test_a_panel_on_the_command_line_is_bounded(run: Callable[..., Result], tmp_path: Path) -> None:
    panel = ",".join(f"Panelist {i}" for i in range(limits.MAX_PANELISTS + 1))
    result = run("build", "clerk", "--content", MINI, "--panel", panel, "--out", tmp_path / "o")
    assert_refused(result, "--panel: 21 names; a panel is limited to 20")


def _csv(path: Path, rows: int, referees: int = 0) -> Path:
    named = ";".join(f"Ref {i}" for i in range(referees))
    lines = ["name,referees", *(f"Candidate {i},{named}" for i in range(rows))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_people_that_multiply_into_too_many_sheets_or_forms_are_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    panel = ",".join(f"Panelist {i}" for i in range(17))
    sheets = _csv(tmp_path / "many.csv", 600)
    result = run(
        "build", "clerk", "--content", MINI, "--candidates", sheets, "--panel", panel,
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert_refused(result, "too many scoring sheets, one per candidate and panelist (10,200;")
    forms = _csv(tmp_path / "forms.csv", 2_000, referees=6)
    result = run(
        "build", "clerk", "--content", MINI, "--candidates", forms, "--out", tmp_path / "o"
    )
    assert_refused(result, "too many reference-check forms (12,000; the limit is 10,000)")
    assert not (tmp_path / "o").exists()


def test_candidates_passed_to_the_library_are_bounded_too(tmp_path: Path) -> None:
    crowd = [Candidate(name=f"Candidate {i}") for i in range(limits.MAX_CANDIDATES + 1)]
    request = BuildRequest(position="clerk", content_dir=MINI, out_dir=tmp_path, candidates=crowd)
    with pytest.raises(UserError, match=r"too many candidates \(2,001; the limit is 2,000\)"):
        build(request)


def test_people_in_a_position_file_are_bounded_where_they_are_listed(
    run: Callable[..., Result], mini: Path
) -> None:
    referees = ", ".join(f"R{i}" for i in range(11))
    panel = ", ".join(f"P{i}" for i in range(21))
    crowd = ", ".join(f"C{i}" for i in range(2_001))
    edit(mini / POSITION, "panel: [Pat Lee]", f"panel: [{panel}]")
    edit(
        mini / POSITION,
        "candidates: [Sam Roe]",
        f"candidates: [{{name: Sam Roe, referees: [{referees}]}}, {crowd}]",
    )
    result = run("validate", "--content", mini)
    assert_refused(
        result,
        "positions/clerk.yaml:10:8: panel: 21 listed; the limit is 20",
        "positions/clerk.yaml:11:13: candidates: 2,002 listed; the limit is 2,000",
        "positions/clerk.yaml:11:40: candidates[0].referees: 11 referees listed; the limit is 10",
    )


# --- content ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("interview_date: !!timestamp hello", "'hello' is not a timestamp"),
        ("department: !!bool maybe", "'maybe' is not a bool"),
    ],
)
def test_explicit_yaml_tags_that_do_not_fit_their_value_are_located(
    run: Callable[..., Result], mini: Path, line: str, message: str
) -> None:
    edit(mini / POSITION, "scale: interview-five", f"scale: interview-five\n{line}")
    result = run("validate", "--content", mini)
    column = line.index("!!") + 1
    assert_refused(result, f"positions/clerk.yaml:6:{column}: (document): {message}")


def test_a_question_longer_than_the_interview_is_located(
    run: Callable[..., Result], mini: Path
) -> None:
    edit(
        mini / "competencies/listening.yaml",
        "    listen_for: [Owns the misunderstanding.]",
        "    listen_for: [Owns the misunderstanding.]\n    minutes: 60",
    )
    result = run("validate", "--content", mini)
    assert_refused(
        result,
        "positions/clerk.yaml:6:20: interview_minutes: 30 minutes is too short for 2 questions "
        "(allow at least 73; question 'listening-q1' alone is set to 60 minutes)",
    )


# --- what reaches the terminal ------------------------------------------------------------


def test_names_are_echoed_with_control_characters_escaped(
    run: Callable[..., Result], tmp_path: Path, mini: Path
) -> None:
    csv = tmp_path / "candidates.csv"
    name = "Eve\x1b[2J\x1b[31mRed\u202eevil"
    csv.write_text(f"name\n{name}\n{name}\n", encoding="utf-8")
    result = run("build", "clerk", "--content", MINI, "--candidates", csv, "--out", tmp_path / "o")
    assert_refused(result, "'Eve\\x1b[2J\\x1b[31mRed\\u202eevil' is listed twice (line 2)")
    assert "\x1b" not in result.output
    assert "\u202e" not in result.output
    edit(mini / POSITION, "title: Counter Clerk", 'title: "Counter \\e[5mClerk"')
    listing = run("list", "positions", "--content", mini)
    assert listing.exit_code == 0, listing.output
    assert "Counter \\x1b[5mClerk" in listing.stdout
    assert "\x1b" not in listing.output


def test_a_report_of_thousands_of_problems_is_cut_short(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    csv = tmp_path / "candidates.csv"
    long_name = "A" * 5_000
    rows = [long_name, long_name, *([""] * 4_000), "x"]
    csv.write_text("name,id\n" + "\n".join(f"{r},id" for r in rows) + "\n", encoding="utf-8")
    result = run("build", "clerk", "--content", MINI, "--candidates", csv, "--out", tmp_path / "o")
    lines = result.stderr.splitlines()
    # 4,002 problems: the long name, its repeat, and 4,000 rows without a name.
    assert_refused(result, "candidates.csv:3: name: 'AAAA", "… and 3,902 more line(s)")
    assert len(lines) == limits.MAX_MESSAGE_LINES + 1
    assert re.search(r"A… \([\d,]+ more characters\)$", lines[1])
    assert max(len(line) for line in lines) < limits.MAX_LINE_CHARS + 40


def test_a_content_report_is_cut_short_too(run: Callable[..., Result], mini: Path) -> None:
    edit(mini / POSITION, "candidates: [Sam Roe]", "candidates: [" + ", ".join(["Sam"] * 500) + "]")
    result = run("validate", "--content", mini)
    assert_refused(result, "'Sam' is listed twice", "… and 399 more line(s)", "499 error(s)")
    assert len(result.stderr.splitlines()) == limits.MAX_MESSAGE_LINES + 2  # and the tally


# --- one person's own files -----------------------------------------------------------------


def test_a_person_whose_name_makes_a_slug_always_gets_it() -> None:
    assert unique_slugs(["Ann Lee", "Ann-Lee", "Ann Lee 2"]) == [
        "ann-lee",
        "ann-lee-3",
        "ann-lee-2",
    ]
    assert unique_slugs(["Ann Lee 2", "Ann Lee", "ann lee"]) == [
        "ann-lee-2",
        "ann-lee",
        "ann-lee-3",
    ]
    assert unique_slugs(["李明", "王芳", "Zoë"]) == ["person", "person-2", "zoe"]
    assert unique_slugs(["x" * 45 + " a", "x" * 45 + " b"]) == ["x" * 40, "x" * 40 + "-2"]


PEOPLE = ["Ann Lee", "Ann-Lee", "Ann Lee 2"]


@pytest.fixture(scope="module")
def split_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same split packet built twice into two folders, SOURCE_DATE_EPOCH unset."""
    from interviewkit.library.models import Panelist

    folders = []
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for _ in range(2):
            request = BuildRequest(
                position="clerk",
                content_dir=MINI,
                out_dir=tmp_path_factory.mktemp("split"),
                candidates=[Candidate(name=n, referees=[{"name": f"Ref of {n}"}]) for n in PEOPLE],
                panel=[Panelist(name=n) for n in PEOPLE],
                split=True,
            )
            folders.append(build(request).folder)
    return folders[0], folders[1]


def test_each_person_gets_their_own_file_and_the_manifest_says_whose(
    split_builds: tuple[Path, Path],
) -> None:
    folder = split_builds[0]
    files = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]
    expected = {"ann-lee": "Ann Lee", "ann-lee-3": "Ann-Lee", "ann-lee-2": "Ann Lee 2"}
    for slug, person in expected.items():
        sheets = f"scoring-sheets-{slug}.pdf"
        assert files[sheets]["panelist"] == person
        assert files[sheets]["candidate"] is None
        reader = PdfReader(folder / sheets)
        register = json.loads(str(reader.metadata["/interviewkitsheets"]))
        assert {s["panelist"] for s in register["sheets"].values()} == {person}
        forms = f"reference-checks-{slug}.pdf"
        assert files[forms]["candidate"] == person
        text = " ".join(page.extract_text() for page in PdfReader(folder / forms).pages)
        # Longest name first, so "Ann Lee" is not found inside "Ann Lee 2".
        referees = re.findall(r"Ref of (Ann Lee 2|Ann-Lee|Ann Lee)", " ".join(text.split()))
        assert set(referees) == {person}
    assert files["scoring-sheets.pdf"] == {
        "sha256": files["scoring-sheets.pdf"]["sha256"],
        "panelist": None,
        "candidate": None,
    }
    written = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert set(files) == written - {"manifest.json"}


def test_two_builds_give_the_same_bytes_without_source_date_epoch(
    split_builds: tuple[Path, Path],
) -> None:
    first, second = split_builds
    names = sorted(
        p.name for p in first.iterdir() if p.is_file() and p.name != ".interviewkit.lock"
    )
    assert names == sorted(
        p.name for p in second.iterdir() if p.is_file() and p.name != ".interviewkit.lock"
    )
    assert len([n for n in names if n.endswith(".pdf")]) == 10
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
