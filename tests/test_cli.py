"""The command line through click's runner: help, version, list, schema, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import interviewkit
from interviewkit import __version__
from interviewkit.cli import cli
from interviewkit.library.json_schema import content_json_schema

REPO = Path(__file__).resolve().parent.parent


def test_version(run: Callable[..., Result]) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(run: Callable[..., Result], command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: cli {command}" in result.stdout or f"Usage: interviewkit {command}" in (
        result.stdout
    )
    assert len(result.stdout.splitlines()) > 3


def test_validate_builtin_library_from_any_folder(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_list_prints_one_record_a_line_id_first(run: Callable[..., Result], mini: Path) -> None:
    result = run("list", "competencies", "--content", mini)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "listening\tListening\t3 interview, 2 reference questions"
    ]
    questions = run("list", "questions", "--content", mini).stdout.splitlines()
    assert [line.split("\t")[0] for line in questions[:5]] == [
        "listening-q1",
        "listening-q2",
        "listening-q3",
        "listening-r1",
        "listening-r2",
    ]
    assert run("list", "positions", "--content", mini).stdout.startswith("clerk\tCounter Clerk\t")
    assert run("list", "scales", "--content", mini).stdout.startswith("interview-five\t")


def test_list_refuses_broken_content_with_exit_2(run: Callable[..., Result], mini: Path) -> None:
    (mini / "positions/clerk.yaml").write_text("id: clerk\ntitel: x\n", encoding="utf-8")
    result = run("list", "positions", "--content", mini)
    assert result.exit_code == 2
    assert "unknown key 'titel'; did you mean 'title'?" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_list_kind_is_a_usage_error(run: Callable[..., Result]) -> None:
    result = run("list", "candidates")
    assert result.exit_code == 2


def test_missing_content_folder_is_bad_input(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("validate", "--content", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "content folder not found" in result.stderr


def test_schema_is_json_and_the_committed_copy_is_current(run: Callable[..., Result]) -> None:
    result = run("schema")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed == content_json_schema()
    assert {"Competency", "Position", "Scale", "QuestionSet"} <= set(printed["$defs"])
    committed = REPO / "schema" / "interviewkit.schema.json"
    if not committed.exists():
        pytest.skip("running from an installed copy without the source tree")
    assert json.loads(committed.read_text(encoding="utf-8")) == printed, (
        "schema/interviewkit.schema.json is stale: run `interviewkit schema > "
        "schema/interviewkit.schema.json`"
    )


def test_python_dash_m_runs_from_another_folder(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "interviewkit", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok: ")


def test_looking_at_content_never_imports_the_pdf_stack(tmp_path: Path) -> None:
    """validate (a folder or a file), list and new start fast: no WeasyPrint, no pikepdf."""
    code = (
        "import sys\n"
        "from interviewkit.cli import cli\n"
        "for args in (['new', 'library', 'lib'], ['validate', 'lib'],\n"
        "             ['validate', 'lib/positions/my-position.yaml'],\n"
        "             ['list', 'competencies', '--content', 'lib'], ['new', 'scale']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('weasyprint' in sys.modules, 'pikepdf' in sys.modules)\n"
    )
    # The interviewkit under test, wherever the test runs from (PYTHONPATH may be relative).
    here = Path(interviewkit.__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(here), os.environ.get("PYTHONPATH", "")]),
    }
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert (tmp_path / "lib/positions/my-position.yaml").is_file()
    assert completed.stdout.strip().splitlines()[-1] == "False False"
