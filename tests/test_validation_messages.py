"""Each kind of content problem gives its exact, located message (golden tests, small library)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES, edit

COMPETENCY = "competencies/listening.yaml"
POSITION = "positions/clerk.yaml"


def problems(result: Result) -> list[str]:
    """The problem lines of a validate run, without the closing summary."""
    return [line for line in result.stderr.splitlines() if not re.match(r"^\d+ error", line)]


@pytest.fixture
def validate(run: Callable[..., Result], mini: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(mini)  # messages print paths relative to where the user is

    def go(*extra: str) -> Result:
        return run("validate", "--content", ".", *extra)

    return go


def test_the_small_library_is_valid(validate) -> None:
    result = validate()
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: 1 competencies")


def test_typo_in_a_key_is_located_with_a_suggestion(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "definition:", "definitoin:")
    result = validate()
    assert result.exit_code == 2
    # The missing 'definition' follows from the typo; the suggestion says how to fix both.
    assert problems(result) == [
        f"{COMPETENCY}:6:1: definitoin: unknown key 'definitoin'; did you mean 'definition'?",
    ]


def test_a_missing_field_is_named_with_an_example_value(validate, mini: Path) -> None:
    edit(mini / POSITION, "posting_number: T-001\n", "")
    edit(
        mini / COMPETENCY,
        "definition: Hears what people say and checks that they understood it.\n",
        "",
    )
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:1:1: definition: required field is missing: add it, e.g. `definition: "
        "The ability to work cooperatively with others to achieve shared goals.`",
        f"{POSITION}:1:1: posting_number: required field is missing: add it, e.g. "
        "`posting_number: 2027-0001`",
    ]


def test_a_missing_choice_lists_the_allowed_values(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "anchors:\n", "training:\n  - title: Listening at work\nanchors:\n")
    assert problems(validate()) == [
        f"{COMPETENCY}:8:5: training[0].kind: required field is missing: add `kind: course` "
        "(one of 'video', 'book', 'external', 'course' or 'other')",
    ]


def test_a_mapping_written_as_text_shows_the_mapping(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "source:\n  document: written for the interviewkit tests",
        "source: job aid",
    )
    assert problems(validate()) == [
        f"{COMPETENCY}:4:9: source: expected a mapping such as "
        "`{document: 'Public Service Competencies, City of Bellingham'}`, found 'job aid'",
    ]


def test_placeholder_text_is_located(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "People skilled in Listening have a work history of understanding requests the first time.",
        "TBD",
    )
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:12:26: qualification_statement: placeholder text 'TBD': write the real text",
    ]


def test_typo_key_and_placeholder_are_both_reported_in_one_run(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "qualification_statement_origin:", "qualification_statement_orign:")
    edit(
        mini / COMPETENCY, "How well did {candidate} listen", "How well did [applicant name] listen"
    )
    result = validate()
    assert result.exit_code == 2
    lines = problems(result)
    assert (
        f"{COMPETENCY}:13:1: qualification_statement_orign: unknown key "
        "'qualification_statement_orign'; did you mean 'qualification_statement_origin'?"
    ) in lines
    assert (
        f"{COMPETENCY}:34:11: reference_questions[0].text: bracketed placeholder "
        "'[applicant name]': name the candidate with {candidate}"
    ) in lines


def test_wrong_type_says_what_was_expected(validate, mini: Path) -> None:
    edit(mini / POSITION, "interview_minutes: 30", "interview_minutes: thirty")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{POSITION}:6:20: interview_minutes: expected a whole number, found 'thirty'",
    ]


def test_wrong_choice_suggests_the_close_one(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "type: situational", "type: situationnal")
    result = validate()
    assert problems(result) == [
        f"{COMPETENCY}:22:11: interview_questions[1].type: 'situationnal' is not allowed; "
        "use 'behavioral' or 'situational'; did you mean 'situational'?",
    ]


def test_duplicate_ids_point_at_both_places(validate, mini: Path) -> None:
    shutil.copy(mini / COMPETENCY, mini / "competencies/listening-copy.yaml")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:1:5: id: duplicate id 'listening' "
        "(first used at competencies/listening-copy.yaml:1:5)",
    ]


def test_reference_to_a_missing_id_suggests_the_close_one(validate, mini: Path) -> None:
    edit(mini / POSITION, "  - id: listening", "  - id: listenin")
    edit(mini / POSITION, "[listening-q1, listening-q2]", "[listening-q1]")
    result = validate()
    assert problems(result) == [
        f"{POSITION}:8:9: competencies[0].id: unknown competency 'listenin'; "
        "did you mean 'listening'?",
    ]


def test_question_id_not_in_the_competency(validate, mini: Path) -> None:
    edit(mini / POSITION, "[listening-q1, listening-q2]", "[listening-q1, listening-q7]")
    result = validate()
    assert problems(result) == [
        f"{POSITION}:9:31: competencies[0].questions[1]: 'listening-q7' is not a question of "
        "'listening'; did you mean 'listening-q3'?",
    ]


def test_protected_topics_are_refused(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "Describe how you take notes during a busy conversation.",
        "How old are you, and do you have children?",
    )
    result = validate()
    assert problems(result) == [
        f"{COMPETENCY}:28:11: interview_questions[2].text: asks about a protected topic (age): "
        "'How old'; ask only about job-related behavior",
        f"{COMPETENCY}:28:11: interview_questions[2].text: asks about a protected topic "
        "(marital or family status): 'children'; ask only about job-related behavior",
    ]


def test_work_authorization_is_not_a_citizenship_question(validate, mini: Path) -> None:
    edit(
        mini / "question-sets/reference-verification.yaml",
        "Why did {candidate} leave the position, if you know?",
        "Is {candidate} authorized to work in the United States?",
    )
    assert validate().exit_code == 0


def test_reference_questions_use_the_token_and_neutral_pronouns(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "How well did {candidate} listen to customers?",
        "How well did he listen to customers?",
    )
    result = validate()
    assert problems(result) == [
        f"{COMPETENCY}:34:11: reference_questions[0].text: uses the gendered pronoun 'he'; "
        "use 'they' or {candidate}",
        f"{COMPETENCY}:34:11: reference_questions[0].text: a reference question names the "
        "candidate with {candidate}, e.g. 'How did {candidate} handle ...?'",
    ]


def test_template_syntax_in_a_question_is_refused(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "What happened?", "What happened? {{ 7*7 }}")
    result = validate()
    assert result.exit_code == 2
    assert "unknown token '{{'; the only token is {candidate}" in result.stderr


def test_yaml_syntax_error_is_located(validate, mini: Path) -> None:
    edit(mini / POSITION, "panel: [Pat Lee]", "panel: [Pat Lee")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{POSITION}:11:11: (document): YAML syntax: did not find expected ',' or ']'",
    ]


def test_unequal_weights_need_a_documented_reason(validate, mini: Path) -> None:
    shutil.copy(mini / COMPETENCY, mini / "competencies/writing.yaml")
    path = mini / "competencies/writing.yaml"
    text = path.read_text(encoding="utf-8").replace("listening", "writing")
    path.write_text(
        text.replace("id: writing\nname: Listening", "id: writing\nname: Writing"), encoding="utf-8"
    )
    edit(mini / POSITION, "panel:", "  - id: writing\n    weight: 2\n    questions: 1\npanel:")
    result = validate()
    assert problems(result) == [
        f"{POSITION}:11:13: competencies[1].weight: competency weights differ; structured "
        "interviews weight competencies equally unless a documented reason says otherwise: "
        "add weights_rationale",
    ]
    edit(mini / POSITION, "panel:", "weights_rationale: Job analysis, 2026.\npanel:")
    assert validate().exit_code == 0


def test_a_draft_competency_needs_the_draft_flag(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "status: ready", "status: draft")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:3:9: status: warning: draft: it can be used in a position only with --draft",
        f"{POSITION}:8:9: competencies[0].id: competency 'listening' is a draft; build with "
        "--draft to use it (every page will say DRAFT)",
    ]
    allowed = validate("--draft")
    assert allowed.exit_code == 0
    assert "warning: draft" in allowed.stderr


def test_seed_000_is_rejected_with_every_placeholder_located(
    run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture = FIXTURES / "seed-000"
    monkeypatch.chdir(fixture)
    result = run("validate", "--content", ".")
    assert result.exit_code == 2
    source = (fixture / "competencies/customer-focus-draft.yaml").read_text(encoding="utf-8")
    placeholder_lines = [
        number
        for number, line in enumerate(source.splitlines(), start=1)
        if not line.lstrip().startswith("#")
        and ("Under Development" in line or "[bookmark:" in line)
    ]
    assert len(placeholder_lines) == 20
    reported = {
        int(m.group(1))
        for m in re.finditer(
            r"^competencies/customer-focus-draft\.yaml:(\d+):\d+: [^:]+: "
            r"(?:placeholder text 'Under Development|word-processor export artifact)",
            result.stderr,
            re.M,
        )
    }
    assert reported == set(placeholder_lines)
    assert "'[bookmark: _GoBack]': delete it" in result.stderr
