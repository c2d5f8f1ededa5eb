"""Shared test helpers: content copies in tmp folders and a CLI runner."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interviewkit.cli import cli
from interviewkit.resources import builtin_content

# Fixtures shared by the modules that break a built packet (`good_packet`, `out`).
pytest_plugins = ["tests.packet_files"]

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = ("customer-service-representative", "hr-consultant", "permit-technician")
TRICKY_NAMES = ["Zoë O'Brien <b>", "José Núñez-Smith", "Ada & Grace"]
PANEL = "Dr. Ama Mensah,Li Wei"
PDFS = ["interview-guide.pdf", "scoring-sheets.pdf", "reference-checks.pdf", "consensus.pdf"]


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the command line in-process; stdout and stderr stay separate."""

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small test library, safe to edit."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    """A copy of the built-in library, safe to edit."""
    target = tmp_path / "content"
    shutil.copytree(builtin_content(), target)
    return target


def problems(result: Result) -> list[str]:
    """The problem lines of a validate run, without the closing summary."""
    return [line for line in result.stderr.splitlines() if not re.match(r"^\d+ error", line)]


@pytest.fixture
def validate(run: Callable[..., Result], mini: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`validate --content .` run in a copy of the small library, as its author would."""
    monkeypatch.chdir(mini)  # messages print paths relative to where the user is

    def go(*extra: str) -> Result:
        return run("validate", "--content", ".", *extra)

    return go


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def state_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's state folder (where the cache-signing key lives) kept out of the real home.

    For the whole session, before any session fixture builds: the key is read once
    per process, so a build made before the folder moved would sign with the real
    home's key, and a subprocess of a later test would not trust its cache.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(tmp_path_factory.getbasetemp() / "state"))
        yield


@pytest.fixture(autouse=True)
def fail_on_weasyprint_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """Any warning WeasyPrint logs (a missing font, CSS it ignores) fails the test,
    in this process or in a layout worker."""
    from interviewkit.pdf.layout import captured_warnings

    with captured_warnings() as warnings:
        yield
    if request.node.get_closest_marker("weasyprint_warnings_expected") is None:
        assert warnings == [], f"WeasyPrint warned: {warnings}"


@pytest.fixture(scope="session")
def candidates_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv") / "candidates.csv"
    # As a spreadsheet exports it: UTF-8 with a byte-order mark, CRLF line ends.
    path.write_text(
        "\ufeffname,id,referees\r\n"
        '"Zoë O\'Brien <b>",C-1,Renee Castillo;Mark Li\r\n'
        "José Núñez-Smith,C-2,\r\n"
        "Ada & Grace,C-3,Sam Okafor\r\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, candidates_csv: Path) -> dict[str, Path]:
    """Every example position built once with tricky candidate names and a panel, shared by
    every test that reads the example packets."""
    from interviewkit.build import BuildRequest, build
    from interviewkit.packet.people import parse_panel, read_candidates_csv

    out = tmp_path_factory.mktemp("out")
    folders = {}
    for position in EXAMPLES:
        result = build(
            BuildRequest(
                position=position,
                out_dir=out,
                candidates=read_candidates_csv(candidates_csv),
                panel=parse_panel(PANEL),
            )
        )
        assert result.warnings == []
        folders[position] = result.folder
    return folders
