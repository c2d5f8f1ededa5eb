"""Each kind of content problem gives its exact, located message (golden tests, small library)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import FIXTURES, edit, problems

COMPETENCY = "competencies/listening.yaml"
POSITION = "positions/clerk.yaml"


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


DRAFT_NOTE = (
    "status: warning: draft: its problems are warnings until a position uses it, and a "
    "position uses it only in a build with --draft"
)


def test_a_draft_competency_needs_the_draft_flag(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "status: ready", "status: draft")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:3:9: {DRAFT_NOTE}",
        f"{POSITION}:8:9: competencies[0].id: competency 'listening' is a draft; build with "
        "--draft to use it (every page will say DRAFT), or finish it and set `status: ready`",
    ]
    allowed = validate("--draft")
    assert allowed.exit_code == 0
    assert "warning: draft" in allowed.stderr


def test_a_draft_without_questions_is_refused_even_with_the_flag(validate, mini: Path) -> None:
    text = (mini / COMPETENCY).read_text(encoding="utf-8")
    text = text.replace("status: ready", "status: draft")
    text = text[: text.index("qualification_statement:")]  # no statement, no questions
    (mini / COMPETENCY).write_text(text, encoding="utf-8")
    edit(mini / POSITION, "    questions: [listening-q1, listening-q2]\n", "")
    result = validate("--draft")
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:3:9: {DRAFT_NOTE}",
        f"{POSITION}:8:9: competencies[0].id: competency 'listening' is a draft without "
        "interview questions (at least one, with probes and listen_for) or a qualification "
        "statement; even a draft build needs them: write them, or leave the competency out of "
        "this position",
    ]


def seed_000_placeholder_lines(fixture: Path) -> set[int]:
    source = (fixture / "competencies/customer-focus-draft.yaml").read_text(encoding="utf-8")
    return {
        number
        for number, line in enumerate(source.splitlines(), start=1)
        if not line.lstrip().startswith("#")
        and ("Under Development" in line or "[bookmark:" in line)
    }


def reported_placeholder_lines(stderr: str, severity: str) -> set[int]:
    return {
        int(m.group(1))
        for m in re.finditer(
            r"^competencies/customer-focus-draft\.yaml:(\d+):\d+: [^:]+: "
            + severity
            + r"(?:placeholder text 'Under Development|word-processor export artifact)",
            stderr,
            re.M,
        )
    }


def test_seed_000_draft_warns_at_every_placeholder_until_a_position_uses_it(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture = tmp_path / "seed-000"
    shutil.copytree(FIXTURES / "seed-000", fixture)
    monkeypatch.chdir(fixture)
    expected = seed_000_placeholder_lines(fixture)
    assert len(expected) == 20
    alone = run("validate", "--content", ".")
    assert alone.exit_code == 0, alone.stderr  # a draft never blocks what does not use it
    assert reported_placeholder_lines(alone.stderr, "warning: ") == expected
    assert "'[bookmark: _GoBack]': delete it" in alone.stderr
    # A position that uses the draft makes its problems errors, even with --draft.
    (fixture / "positions").mkdir()
    shutil.copy(FIXTURES / "mini/positions/clerk.yaml", fixture / "positions/clerk.yaml")
    edit(
        fixture / "positions/clerk.yaml",
        "  - id: listening\n    questions: [listening-q1, listening-q2]",
        "  - id: customer-focus-draft",
    )
    edit(fixture / "positions/clerk.yaml", "verification_questions: reference-verification\n", "")
    used = run("validate", "--content", ".", "--draft")
    assert used.exit_code == 2
    assert reported_placeholder_lines(used.stderr, "") == expected
    # The draft's problems are its own: the position does not also call it unknown.
    assert "unknown competency" not in used.stderr


def test_the_weight_error_is_on_the_weight_that_was_written(validate, mini: Path) -> None:
    shutil.copy(mini / COMPETENCY, mini / "competencies/writing.yaml")
    path = mini / "competencies/writing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("listening", "writing")
        .replace("name: Listening", "name: Writing"),
        encoding="utf-8",
    )
    edit(mini / POSITION, "  - id: listening\n", "  - id: listening\n    weight: 2\n")
    edit(mini / POSITION, "panel:", "  - id: writing\n    questions: 1\npanel:")
    assert problems(validate()) == [
        f"{POSITION}:9:13: competencies[0].weight: competency weights differ; structured "
        "interviews weight competencies equally unless a documented reason says otherwise: "
        "add weights_rationale",
    ]


def test_an_unknown_question_set_suggests_the_close_one(validate, mini: Path) -> None:
    edit(
        mini / POSITION,
        "verification_questions: reference-verification",
        "verification_questions: reference-verificaton",
    )
    assert problems(validate()) == [
        f"{POSITION}:12:25: verification_questions: unknown question set "
        "'reference-verificaton'; did you mean 'reference-verification'?",
    ]


def test_an_unknown_id_with_nothing_close_lists_what_there_is(validate, mini: Path) -> None:
    edit(mini / POSITION, "  - id: listening", "  - id: my-competency")
    edit(mini / POSITION, "    questions: [listening-q1, listening-q2]\n", "")
    assert problems(validate()) == [
        f"{POSITION}:8:9: competencies[0].id: unknown competency 'my-competency' "
        "(this library has 'listening')",
    ]


def test_readiness_errors_say_how_to_keep_a_record_unfinished(validate, mini: Path) -> None:
    text = (mini / COMPETENCY).read_text(encoding="utf-8")
    q3 = text[text.index("  - id: listening-q3") : text.index("reference_questions:")]
    (mini / COMPETENCY).write_text(text.replace(q3, ""), encoding="utf-8")
    edit(mini / POSITION, "[listening-q1, listening-q2]", "[listening-q1]")
    result = validate()
    assert problems(result) == [
        f"{COMPETENCY}:15:3: interview_questions: a ready competency needs at least 3 "
        "interview questions, found 2; or set `status: draft` to keep it unfinished",
    ]


def test_yaml_syntax_error_from_a_colon_in_text_says_to_quote(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "definition: Hears what people say",
        "definition: Listening: Hears what people say",
    )
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:6:22: (document): YAML syntax: mapping values are not allowed in this "
        "context; the colon in the text makes YAML read a new key: put the whole text in "
        'quotes, e.g. definition: "Listening: Hears what people say and checks that they under…"',
    ]


def test_a_list_item_with_a_colon_says_to_quote(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "[Owns the misunderstanding.]", "\n      - Owns it: says so")
    assert problems(validate()) == [
        f"{COMPETENCY}:20:9: interview_questions[0].listen_for[0]: expected text, found a "
        "mapping; the text holds ': ', which YAML reads as a key and value: put the whole text "
        'in quotes, e.g. "Owns it: says so"',
    ]


def test_a_broken_scale_is_not_also_an_unknown_scale(validate, mini: Path) -> None:
    edit(
        mini / "scales/interview-five.yaml",
        "    meaning: The answer shows little or none of the competency; it is vague, "
        "off-topic or describes ineffective actions.\n",
        "",
    )
    assert problems(validate()) == [
        "scales/interview-five.yaml:15:5: points[0].meaning: required field is missing: add "
        "it, e.g. `meaning: The answer describes specific actions that show the competency.`",
    ]


def test_a_competency_with_a_syntax_error_is_not_also_unknown(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "name: Listening", "name: [Listening")
    result = validate()
    lines = problems(result)
    assert len(lines) == 1
    assert lines[0].startswith(f"{COMPETENCY}:3:7: (document): YAML syntax:")


def test_a_tab_in_the_indentation_says_to_use_spaces(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "  document: written", "\tdocument: written")
    assert problems(validate()) == [
        f"{COMPETENCY}:5:1: (document): YAML syntax: found character that cannot start any "
        "token; indent with spaces, not tabs",
    ]


def test_text_starting_with_a_quotation_mark_says_how_it_ends(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "name: Listening", 'name: "Listening" for the front desk')
    assert problems(validate()) == [
        f"{COMPETENCY}:2:19: (document): YAML syntax: did not find expected key; a text that "
        "starts with a quotation mark ends at the closing one: start the text with a word, or "
        "put all of it in quotes of the other kind",
    ]


def test_a_wrong_origin_lists_all_three_values(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "qualification_statement_origin: library",
        "qualification_statement_origin: own",
    )
    assert problems(validate()) == [
        f"{COMPETENCY}:13:33: qualification_statement_origin: 'own' is not allowed; use "
        "'source', 'adapted' or 'library'",
    ]


def test_anchors_keyed_to_a_broken_scale_are_not_also_unknown(validate, mini: Path) -> None:
    edit(mini / "scales/interview-five.yaml", "name: Five-point", "nme: Five-point")
    assert problems(validate()) == [
        "scales/interview-five.yaml:4:1: nme: unknown key 'nme'; did you mean 'name'?",
    ]
