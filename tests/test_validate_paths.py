"""`validate [PATH...]` checks the files a person just wrote; drafts never block what does
not use them; `list` works with a draft in the folder."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES, edit

POSITION = "positions/clerk.yaml"
COMPETENCY = "competencies/listening.yaml"


def lines(result: Result) -> list[str]:
    """The problem lines of a validate run, without the closing summaries."""
    return [
        line
        for line in result.stderr.splitlines()
        if not re.match(r"^\d+ error", line) and not line.startswith("ok: ")
    ]


@pytest.fixture
def here(mini: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work beside the small library, as its author would."""
    monkeypatch.chdir(mini.parent)
    return mini.parent


@pytest.fixture
def with_draft(mini: Path) -> Path:
    """The small library plus seed 000's draft, which no position uses."""
    shutil.copy(
        FIXTURES / "seed-000/competencies/customer-focus-draft.yaml",
        mini / "competencies/customer-focus-draft.yaml",
    )
    return mini


def test_a_position_file_is_checked_against_the_built_in_library(
    run: Callable[..., Result], here: Path
) -> None:
    assert run("new", "position", "mine.yaml").exit_code == 0
    edit(here / "mine.yaml", "scale: interview-five", "scale: interview-fiv")
    result = run("validate", "mine.yaml")
    assert result.exit_code == 2
    assert (
        "mine.yaml:16:8: scale: unknown scale 'interview-fiv'; did you mean 'interview-five'?"
    ) in lines(result)
    assert "error(s)" in result.stderr
    assert "in mine.yaml (checked against the built-in library)" in result.stderr


def test_a_position_file_in_a_content_folder_is_checked_against_it(
    run: Callable[..., Result], here: Path
) -> None:
    # A broken file the position does not use is not this check's business.
    (here / "mini/competencies/unused.yaml").write_text("id: unused\nnam: x\n", encoding="utf-8")
    result = run("validate", f"mini/{POSITION}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"ok: mini/{POSITION} (checked against the library in mini)\n")
    # The folder as a whole still reports it.
    assert run("validate", "mini").exit_code == 2


def test_the_files_a_position_uses_are_checked_with_it(
    run: Callable[..., Result], here: Path
) -> None:
    edit(here / "mini" / COMPETENCY, "definition:", "definitoin:")
    result = run("validate", f"mini/{POSITION}")
    assert result.exit_code == 2
    assert lines(result) == [
        f"mini/{COMPETENCY}:6:1: definitoin: unknown key 'definitoin'; did you mean 'definition'?",
    ]


def test_new_files_are_checked_together_before_they_join_the_folder(
    run: Callable[..., Result], here: Path
) -> None:
    """A competency and the position that uses it, both outside the folder, checked as one."""
    shutil.copy(here / "mini" / COMPETENCY, here / "writing.yaml")
    text = (here / "writing.yaml").read_text(encoding="utf-8").replace("listening", "writing")
    (here / "writing.yaml").write_text(text, encoding="utf-8")
    shutil.copy(here / "mini" / POSITION, here / "writer.yaml")
    edit(here / "writer.yaml", "id: clerk", "id: writer")
    edit(
        here / "writer.yaml",
        "  - id: listening\n    questions: [listening-q1, listening-q2]",
        "  - id: writing\n    questions: [writing-q1, writing-q4]",
    )
    result = run("validate", "writing.yaml", "writer.yaml", "--content", "mini")
    assert result.exit_code == 2
    assert lines(result) == [
        "writer.yaml:9:29: competencies[0].questions[1]: 'writing-q4' is not a question of "
        "'writing'; did you mean 'writing-q3'?",
    ]
    edit(here / "writer.yaml", "writing-q4", "writing-q2")
    fixed = run("validate", "writing.yaml", "writer.yaml", "--content", "mini")
    assert fixed.exit_code == 0, fixed.stderr
    assert fixed.stdout == ("ok: writing.yaml, writer.yaml (checked against the library in mini)\n")


def test_a_folder_argument_is_a_content_folder(run: Callable[..., Result], here: Path) -> None:
    result = run("validate", "mini")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ok: 1 competencies, 1 scales, 1 question sets, 1 positions\n"


def test_a_missing_path_is_bad_input(run: Callable[..., Result], here: Path) -> None:
    result = run("validate", "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml: no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_a_draft_nobody_uses_never_blocks(
    run: Callable[..., Result], with_draft: Path, here: Path
) -> None:
    result = run("validate", "mini")
    assert result.exit_code == 0, result.stderr
    assert "placeholder text 'Under Development': write the real text" in result.stderr
    assert all(": warning: " in line for line in lines(result))
    listed = run("list", "competencies", "--content", "mini")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "listening\tListening\t3 interview, 2 reference questions",
        "customer-focus-draft\t(does not validate yet: interviewkit validate "
        "mini/competencies/customer-focus-draft.yaml)  [draft]",
    ]


def test_a_position_without_verification_questions_has_none(
    run: Callable[..., Result], mini: Path
) -> None:
    from interviewkit.build import BuildRequest, prepare

    edit(mini / POSITION, "verification_questions: reference-verification\n", "")
    assert run("validate", "--content", mini).exit_code == 0
    packet = prepare(BuildRequest(position="clerk", content_dir=mini))
    assert packet.verification_questions == ()
    assert not any("question-sets" in str(p) for p in packet.source_files)


def test_a_build_is_not_stopped_by_a_draft_it_does_not_use(with_draft: Path) -> None:
    from interviewkit.build import BuildRequest, prepare

    packet = prepare(BuildRequest(position="clerk", content_dir=with_draft))
    assert [c.competency.id for c in packet.competencies] == ["listening"]
    assert packet.content_warnings == ()  # the draft's problems are not this build's


def test_a_build_that_uses_an_unfinished_draft_is_refused_even_with_draft(
    with_draft: Path,
) -> None:
    from interviewkit.build import BuildRequest, prepare
    from interviewkit.errors import ContentError

    edit(
        with_draft / POSITION,
        "  - id: listening\n    questions: [listening-q1, listening-q2]",
        "  - id: customer-focus-draft",
    )
    with pytest.raises(ContentError) as refused:
        prepare(BuildRequest(position="clerk", content_dir=with_draft, draft=True))
    errors = [p for p in refused.value.problems if p.is_error]
    assert {p.location.path.name for p in errors} == {"customer-focus-draft.yaml"}
    assert any("placeholder text 'Under Development'" in p.message for p in errors)
