"""Hostile input: content, templates, names and files from someone else cannot hurt the user."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
import yaml
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from interviewkit import output as output_module
from interviewkit.errors import UserError
from interviewkit.packet.people import read_candidates_csv
from interviewkit.resources import builtin_templates
from tests.conftest import FIXTURES, edit

# Whole builds, many of them: in the slow group (`pytest -m slow`; CI runs it too).
pytestmark = pytest.mark.slow

COMPETENCY = "competencies/listening.yaml"


def text_of(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


def images_in(path: Path) -> int:
    pdf = pikepdf.open(path)
    return sum(
        1
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
    )


def build_with_templates(run: Callable[..., Result], templates: Path, out: Path) -> Result:
    """Build the small test position with a user's template folder."""
    return run(
        "build", "clerk", "--content", FIXTURES / "mini", "--templates", templates, "--out", out
    )


def test_markup_and_template_syntax_in_content_print_as_text(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    edit(
        mini / COMPETENCY,
        "Hears what people say and checks that they understood it.",
        f'Hears <img src="{secret}"> <link rel="stylesheet" href="file:///etc/hostname"> '
        "{{ 7*7 }} {% if true %}x{% endif %} & checks.",
    )
    result = run("build", "clerk", "--content", mini, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    guide = tmp_path / "out/clerk/interview-guide.pdf"
    text = " ".join(text_of(guide).split())
    # The long path may wrap at a hyphen in the guide's narrow column: compare unspaced.
    assert f'<imgsrc="{secret}">'.replace(" ", "") in "".join(text.split())
    assert "{{ 7*7 }} {% if true %}x{% endif %} & checks." in text
    assert "49" not in text
    assert images_in(guide) == 0


@pytest.mark.weasyprint_warnings_expected
def test_templates_cannot_fetch_local_files_or_the_network(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.png"
    shutil.copy(Path(pikepdf.__file__).parent / "py.typed", secret)  # any local file
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "consensus.html").write_text(
        '{% extends "base.html" %}{% block body %}<h1>Custom</h1>'
        f'<img src="file://{secret}"><img src="{secret}">'
        '<img src="http://127.0.0.1:9/logo.png">'
        '<link rel="stylesheet" href="https://example.invalid/x.css">'
        "{% endblock %}",
        encoding="utf-8",
    )
    stylesheet = (builtin_templates() / "packet.css").read_text(encoding="utf-8")
    (templates / "packet.css").write_text(
        stylesheet + f'\n@import url("file://{secret}");\n'
        'body { background: url("file:///etc/hostname") }\n',
        encoding="utf-8",
    )
    result = build_with_templates(run, templates, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert "interviewkit does not fetch" in result.stderr
    consensus = tmp_path / "out/clerk/consensus.pdf"
    assert "Custom" in text_of(consensus)
    assert images_in(consensus) == 0


def test_a_file_in_the_template_folder_may_be_used(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    # A one-pixel PNG: a logo shipped with the templates is allowed.
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
        "da6364f8ff3f0005fe02fea7d6a4a00000000049454e44ae426082"
    )
    (templates / "logo.png").write_bytes(png)
    (templates / "consensus.html").write_text(
        '{% extends "base.html" %}{% block body %}<h1>With logo</h1>'
        '<img src="logo.png" alt="Logo" style="width: 10mm">{% endblock %}',
        encoding="utf-8",
    )
    result = build_with_templates(run, templates, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert images_in(tmp_path / "out/clerk/consensus.pdf") >= 1  # the image (and its alpha mask)


def test_user_templates_run_in_the_sandbox(run: Callable[..., Result], tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "consensus.html").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    result = build_with_templates(run, templates, tmp_path / "out")
    assert result.exit_code == 2
    assert "consensus.html" in result.stderr
    assert "unsafe" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out/clerk").exists()


def test_templates_cannot_include_files_outside_their_folder(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "link.txt").symlink_to(secret)
    for include in ("link.txt", "../secret.txt", str(secret)):
        (templates / "consensus.html").write_text(
            f'{{% extends "base.html" %}}{{% block body %}}{{% include "{include}" %}}'
            "{% endblock %}",
            encoding="utf-8",
        )
        result = build_with_templates(run, templates, tmp_path / "out")
        assert result.exit_code == 2, include
        assert "not found" in result.stderr or "TemplateNotFound" in result.stderr
        assert "TOP-SECRET-CONTENT" not in result.output


def test_content_links_out_of_the_folder_are_not_read(
    run: Callable[..., Result], mini: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: outside\nsecret: TOP-SECRET-CONTENT\n", encoding="utf-8")
    (mini / "competencies/sneaky.yaml").symlink_to(outside)
    result = run("validate", "--content", mini)
    assert result.exit_code == 2
    assert "links to a file outside the content folder; not read" in result.stderr
    assert "TOP-SECRET-CONTENT" not in result.output


@pytest.mark.parametrize("position", ["../../x", "/etc/passwd", "..", "a/../../b.yaml"])
def test_position_arguments_cannot_leave_their_folders(
    run: Callable[..., Result], tmp_path: Path, position: str
) -> None:
    out = tmp_path / "out"
    result = run("build", position, "--content", FIXTURES / "mini", "--out", out)
    assert result.exit_code == 2
    assert result.stderr.strip()
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.pdf"))


def test_a_position_id_cannot_name_a_folder_outside_out(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    position = tmp_path / "evil.yaml"
    source = (FIXTURES / "mini/positions/clerk.yaml").read_text(encoding="utf-8")
    position.write_text(source.replace("id: clerk", "id: ../../evil"), encoding="utf-8")
    result = run("build", position, "--content", FIXTURES / "mini", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "is not a valid id" in result.stderr
    assert not (tmp_path / "evil").exists()


def test_split_file_names_come_from_names_safely(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(
        "build",
        "clerk",
        "--content",
        FIXTURES / "mini",
        "--out",
        out,
        "--split",
        "--panel",
        "../../etc/passwd,/root/x",
    )
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (out / "clerk").glob("scoring-sheets-*.pdf"))
    assert names == ["scoring-sheets-etc-passwd.pdf", "scoring-sheets-root-x.pdf"]
    assert {p.parent for p in out.rglob("*.pdf")} <= {out / "clerk", out / "clerk/.cache"}


def test_a_failed_score_leaves_the_previous_summary(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", "clerk", "--content", FIXTURES / "mini", "--out", out).exit_code == 0
    good = tmp_path / "good.csv"
    good.write_text(
        "candidate,panelist,question,rating\nSam Roe,Pat Lee,listening-q1,4\n"
        "Sam Roe,Pat Lee,listening-q2,5\n",
        encoding="utf-8",
    )
    assert run("score", "clerk", good, "--out", out).exit_code == 0
    before = (out / "clerk/score-summary.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "candidate,panelist,question,rating\nSam Roe,Pat Lee,listening-q1,9\n", encoding="utf-8"
    )
    assert run("score", "clerk", bad, "--out", out).exit_code == 2
    assert (out / "clerk/score-summary.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: &a ['x','x','x','x','x','x','x','x','x','x']\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
                for i in range(8)
            ),
            "alias bomb",
        ),
        ("a: " + "[" * 100_000 + "]" * 100_000, "nested more than"),
        ("a: &a [*a]\n", "nested more than"),
        ("x: '" + "y" * 1_100_000 + "'\n", "content files are limited to"),
        ("a: !!python/object/apply:os.system ['echo hacked']\n", "unsupported YAML tag"),
    ],
)
def test_malicious_yaml_is_refused(
    run: Callable[..., Result], mini: Path, text: str, message: str
) -> None:
    (mini / "competencies/evil.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "--content", mini)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "competencies/evil.yaml" in result.stderr


# --- property-based: any input at all gives exit 0 or 2, never a traceback --------------

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_clean(result: Result) -> None:
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.strip()


@SETTINGS
@given(data=yaml_values)
def test_random_yaml_structures_never_crash_validate(
    run: Callable[..., Result], mini: Path, data: object
) -> None:
    (mini / COMPETENCY).write_text(yaml.safe_dump(data), encoding="utf-8")
    assert_clean(run("validate", "--content", mini))


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_never_crashes_validate(
    run: Callable[..., Result], mini: Path, text: str
) -> None:
    (mini / "positions/clerk.yaml").write_text(text, encoding="utf-8")
    assert_clean(run("validate", "--content", mini))


@SETTINGS
@given(data=yaml_values)
def test_random_position_files_never_crash_build(
    run: Callable[..., Result], tmp_path: Path, data: object
) -> None:
    position = tmp_path / "position.yaml"
    position.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run("build", position, "--content", FIXTURES / "mini", "--out", tmp_path / "out")
    assert_clean(result)


csv_cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=15)


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


@SETTINGS
@given(
    rows=st.lists(st.lists(csv_cells, min_size=1, max_size=4), max_size=6),
    header=st.sampled_from([[], ["name"], ["name", "id", "referees"], ["nom"]]),
)
def test_random_candidate_csvs_load_or_are_refused(
    tmp_path: Path, rows: list[list[str]], header: list[str]
) -> None:
    path = tmp_path / "candidates.csv"
    path.write_text(csv_text([header, *rows] if header else rows), encoding="utf-8")
    message = None
    try:
        candidates = read_candidates_csv(path)
    except UserError as exc:
        message = exc.format_message()
        candidates = []
    assert message is None or message.strip()
    assert all(c.name.strip() for c in candidates)


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from interviewkit.build import BuildRequest, build

    out = tmp_path_factory.mktemp("built")
    build(BuildRequest(position="clerk", content_dir=FIXTURES / "mini", out_dir=out))
    return out


@SETTINGS
@given(
    rows=st.lists(st.lists(csv_cells, min_size=1, max_size=5), max_size=5),
    header=st.sampled_from([["candidate", "panelist", "question", "rating"], ["x"], []]),
)
def test_random_rating_csvs_never_crash_score(
    run: Callable[..., Result],
    built_mini: Path,
    tmp_path: Path,
    rows: list[list[str]],
    header: list[str],
) -> None:
    path = tmp_path / "ratings.csv"
    path.write_text(csv_text([header, *rows] if header else rows), encoding="utf-8")
    result = run("score", "clerk", path, "--out", built_mini, "--allow-incomplete")
    assert_clean(result)


def test_staging_never_writes_outside_the_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        output_module.write_files(tmp_path, {"../escape.pdf": b"x"})
    with pytest.raises(UserError):
        output_module.write_files(tmp_path, {"/etc/passwd": b"x"})
    assert not (tmp_path.parent / "escape.pdf").exists()
