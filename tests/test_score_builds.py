"""What a build records for `score`: a content hash that depends only on the content,
the recommendation scale a position words its own way, and blind review."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from interviewkit import manifest
from interviewkit.build import BuildRequest, prepare
from interviewkit.resources import builtin_content
from tests.conftest import FIXTURES, edit
from tests.fillers import fill_pikepdf_reader
from tests.scoring import (
    CANDIDATES,
    EXPECTED_FLAGS,
    EXPECTED_SUMMARY,
    build_scoring_packet,
    manifest_of,
    read_csv,
    sheet_values,
)

Q1 = "s001__listening-q1__rating"


def content_hash(content: str, position: str = "clerk") -> tuple[str, list[str]]:
    """The content hash and file keys a build with these arguments records."""
    request = BuildRequest(position=position, content_dir=Path(content))
    packet = prepare(request)
    root = (request.content_dir or builtin_content()).resolve()
    sources = manifest.Sources.of(packet.source_files, root, {})
    return sources.content_hash, sorted(sources.content_files)


def test_the_content_hash_does_not_depend_on_how_the_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    relative = content_hash("mini")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert content_hash("../mini") == relative
    assert content_hash(str(tmp_path / "mini")) == relative
    assert relative[1] == [
        "competencies/listening.yaml",
        "positions/clerk.yaml",
        "question-sets/reference-verification.yaml",
        "scales/interview-five.yaml",
    ]
    # A position file from outside the content folder is keyed by its name, not its path.
    shutil.copy(tmp_path / "mini/positions/clerk.yaml", tmp_path / "elsewhere/clerk.yaml")
    outside = content_hash("../mini", "clerk.yaml")
    monkeypatch.chdir(tmp_path)
    assert content_hash("mini", "elsewhere/clerk.yaml") == outside
    assert f"{manifest.OUTSIDE_CONTENT}/clerk.yaml" in outside[1]
    assert str(tmp_path) not in json.dumps(outside)
    # ...and the hash still follows the content.
    edit(tmp_path / "mini/competencies/listening.yaml", "What happened?", "What happened next?")
    assert content_hash("mini")[0] != relative[0]


def test_sheets_filled_before_a_rebuild_from_another_folder_still_score(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: `--content mini` then `--content /abs/mini` gave two hashes, and score
    refused the sheets panelists had already filled."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    monkeypatch.chdir(tmp_path)
    assert run("build", "clerk", "--content", "mini", "--out", "out").exit_code == 0
    filled = tmp_path / "filled.pdf"
    fill_pikepdf_reader(
        tmp_path / "out/clerk/scoring-sheets.pdf",
        filled,
        {Q1: "4", "s001__listening-q2__rating": "3"},
    )
    rebuilt = run("build", "clerk", "--content", tmp_path / "mini", "--out", tmp_path / "out")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    result = run("score", "clerk", filled, "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert read_csv(tmp_path / "out/clerk/score-summary.csv")[1][:4] == [
        "1",
        "Sam Roe",
        "3.50",
        "3.50",
    ]


def test_a_position_words_its_own_recommendations(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    labels = ["Hire", "Hire with a mentor", "Second interview", "Do not hire"]
    edit(
        mini / "positions/clerk.yaml",
        "panel:",
        f"recommendation_labels: {json.dumps(labels)}\npanel:",
    )
    out = tmp_path / "out"
    assert run("build", "clerk", "--content", mini, "--out", out).exit_code == 0
    sheets = out / "clerk/scoring-sheets.pdf"
    # Each label sits in its own cell and may wrap there.
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(sheets).pages)
    for label in [*labels, "No decision"]:
        assert label in text
    assert manifest_of(out / "clerk")["recommendation_options"] == [
        {"value": v, "label": t}
        for v, t in zip(["4", "3", "2", "1", "no-decision"], [*labels, "No decision"], strict=True)
    ]
    filled = tmp_path / "filled.pdf"
    fill_pikepdf_reader(
        sheets,
        filled,
        {Q1: "4", "s001__listening-q2__rating": "3", "s001__recommendation": "2"},
    )
    assert run("score", "clerk", filled, "--out", out).exit_code == 0
    summary = " ".join(
        (p.extract_text() or "") for p in PdfReader(out / "clerk/score-summary.pdf").pages
    )
    assert "Pat Lee Second interview" in " ".join(summary.split())


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("[Hire, Pass]", "recommendation_labels: needs at least 4 items"),
        (
            "[Hire, Pass, Hire, Wait]",
            "recommendation_labels: each label must differ from the others ('Hire' repeats)",
        ),
    ],
)
def test_recommendation_labels_are_four_different_steps(
    run: Callable[..., Result], mini: Path, labels: str, message: str
) -> None:
    edit(mini / "positions/clerk.yaml", "panel:", f"recommendation_labels: {labels}\npanel:")
    result = run("validate", "--content", mini)
    assert result.exit_code == 2
    assert "positions/clerk.yaml:10:24: " + message in result.stderr


def test_a_blind_summary_shows_codes_and_names_go_to_hr_only(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    packet = build_scoring_packet(tmp_path, blind=True)
    record = manifest_of(packet)
    assert record["candidate_key"] == {"Ana Díaz": "C01", "Ben Okoro": "C02", "Cy Young": "C03"}
    filled = tmp_path / "filled.pdf"
    fill_pikepdf_reader(packet / "scoring-sheets.pdf", filled, sheet_values(record))
    result = run("score", "clerk", filled, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    codes = {"Ana Díaz": "C01", "Ben Okoro": "C02", "Cy Young": "C03"}

    def coded(rows: list[list[str]]) -> list[list[str]]:
        return [[codes.get(cell, cell) for cell in row] for row in rows]

    assert read_csv(packet / "score-summary.csv") == coded(EXPECTED_SUMMARY)
    assert read_csv(packet / "score-flags.csv") == coded(EXPECTED_FLAGS)
    summary = PdfReader(packet / "score-summary.pdf")
    text = " ".join((p.extract_text() or "") for p in summary.pages)
    assert "C01" in text
    assert "blind review" in text
    for name, applicant_id in CANDIDATES:
        assert name not in text
        assert name not in str(summary.metadata)
        assert applicant_id not in text
        for file in ("score-summary.csv", "score-flags.csv"):
            assert name not in (packet / file).read_text(encoding="utf-8")
    assert read_csv(packet / "score-names-for-hr.csv") == [
        ["rank", "code", "candidate", "applicant_id", "weighted_total", "complete"],
        ["1", "C01", "Ana Díaz", "A-101", "4.22", "yes"],
        ["2", "C02", "Ben Okoro", "A-102", "3.44", "yes"],
        ["3", "C03", "Cy Young", "A-103", "3.11", "yes"],
    ]
