"""The word checks: placeholders and bullets, protected topics and their proxies, trait wording
in anchors, gendered pronouns, repeated items. Golden tests on the small library: a broken
input next to the exact messages a content author reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewkit.library.protected_topics import protected_topic_matches
from tests.conftest import edit, problems

COMPETENCY = "competencies/listening.yaml"
VERIFICATION = "question-sets/reference-verification.yaml"
TRAIT_FIX = (
    "say what the candidate's example shows they did, e.g. 'describes calming the customer "
    "by restating the complaint before offering options'"
)
BULLET_FIX = (
    "make each item its own entry in the YAML list (a line that starts with '- ') and delete "
    "the character"
)


def test_to_be_developed_is_a_placeholder(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "Hears what people say and checks that they understood it.",
        "To be developed.",
    )
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:6:13: definition: placeholder text 'To be developed': write the real text",
    ]


@pytest.mark.parametrize(
    ("text", "bullet"),
    [
        ("'• Owns the misunderstanding.'", "•"),
        ("'Owns the misunderstanding. · Says what they changed.'", "·"),
        ("'- Owns the misunderstanding.'", "-"),
        ("'Owns the misunderstanding. * Says what they changed.'", "*"),
    ],
)
def test_bare_bullets_are_placeholders(validate, mini: Path, text: str, bullet: str) -> None:
    edit(mini / COMPETENCY, "[Owns the misunderstanding.]", f"[{text}]")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:19:18: interview_questions[0].listen_for[0]: bullet character "
        f"'{bullet}' in the text: {BULLET_FIX}",
    ]


def test_a_dash_inside_a_sentence_is_not_a_bullet(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "Owns the misunderstanding.",
        "Owns the misunderstanding - and says what they changed.",
    )
    assert validate().exit_code == 0


def test_bullets_pasted_into_a_folded_block_are_found(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "definition: Hears what people say and checks that they understood it.",
        "definition: >-\n  Hears what people say.\n  - Checks that they understood it.",
    )
    assert problems(validate()) == [
        f"{COMPETENCY}:6:13: definition: bullet character '-' in the text: {BULLET_FIX}",
    ]


def test_source_notes_are_never_read_for_placeholders(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "  document: written for the interviewkit tests",
        "  document: written for the interviewkit tests\n"
        "  notes: The job aid says its behaviors are under development; • TBD [applicant name].",
    )
    assert validate().exit_code == 0


def test_protected_topic_proxies_are_refused(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "Describe how you take notes during a busy conversation.",
        "What year did you graduate, and is English your first language?",
    )
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:28:11: interview_questions[2].text: asks about a protected topic (age): "
        "'What year did you graduate'; ask only about job-related behavior",
        f"{COMPETENCY}:28:11: interview_questions[2].text: asks about a protected topic "
        "(national origin): 'first language'; ask only about job-related behavior",
    ]


def test_listen_for_is_read_for_protected_topics(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "[Owns the misunderstanding.]", "[Mentions who watches their kids.]")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{COMPETENCY}:19:18: interview_questions[0].listen_for[0]: listens for a protected "
        "topic (marital or family status): 'kids'; listen only for job-related behavior",
    ]


@pytest.mark.parametrize(
    ("question", "topic", "words"),
    [
        ("How long until you retire?", "age", "until you retire"),
        ("When did you graduate from high school?", "age", "When did you graduate"),
        ("Are you a native speaker of English?", "national origin", "native speaker"),
        ("Where did you grow up?", "national origin", "grow up"),
        ("You have a slight accent; where is it from?", "national origin", "accent"),
        ("What is your maiden name?", "marital or family status", "maiden name"),
        ("Who watches your kids while you work?", "marital or family status", "kids"),
        ("Do you need childcare to work evenings?", "marital or family status", "childcare"),
        ("Which holidays do you observe?", "religion", "holidays do you observe"),
        ("Does your faith let you work on Sundays?", "religion", "your faith"),
        ("Are you physically fit?", "disability or health", "physically fit"),
        ("How much do you weigh?", "height or weight", "How much do you weigh"),
        (
            "What clubs or social organizations do you belong to?",
            "memberships that reveal a protected trait",
            "clubs",
        ),
    ],
)
def test_each_proxy_names_its_topic(question: str, topic: str, words: str) -> None:
    assert (topic, words) in protected_topic_matches(question)


@pytest.mark.parametrize(
    "question",
    [
        "Can you lift 50 pounds, as the job requires?",
        "This job works some Saturdays and Sundays; are you available then?",
        "Are you authorized to work in the United States?",
        "How did you weigh the options?",
        "Tell me about a time you worked with community groups on a project.",
        "How did you handle a customer who lodged a complaint in good faith?",
    ],
)
def test_job_related_questions_are_not_mistaken_for_proxies(question: str) -> None:
    assert protected_topic_matches(question) == []


def test_trait_and_appearance_words_in_anchors_are_warned(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "Interrupts; cannot recall what the customer asked.",
        "Is (or appears to be) unfriendly; a fire-ready-aim type.",
    )
    edit(
        mini / COMPETENCY,
        "Draws out the real need behind the request and confirms it.",
        "Well-groomed and energetic.",
    )
    result = validate()
    assert result.exit_code == 0  # a lint: the author weighs it
    assert problems(result) == [
        f"{COMPETENCY}:9:8: anchors.interview-five[1]: warning: anchor describes a trait or "
        f"appearance ('or appears'), not an answer: {TRAIT_FIX}",
        f"{COMPETENCY}:11:8: anchors.interview-five[5]: warning: anchor describes a trait or "
        f"appearance ('Well-groomed'), not an answer: {TRAIT_FIX}",
    ]


def test_trait_words_in_listen_for_are_warned(validate, mini: Path) -> None:
    edit(mini / COMPETENCY, "[Owns the misunderstanding.]", "[Has a positive attitude.]")
    assert problems(validate()) == [
        f"{COMPETENCY}:19:18: interview_questions[0].listen_for[0]: warning: listen-for point "
        f"describes a trait or appearance ('attitude'), not an answer: {TRAIT_FIX}",
    ]


@pytest.mark.parametrize(
    "anchor",
    [
        "Describes the problem type and the steps taken to solve it.",
        "Makes the form user-friendly for the customer.",
        "Calms a nervous caller by restating the question.",
        "Looks for the cause before answering.",
    ],
)
def test_behavior_wording_is_not_mistaken_for_traits(validate, mini: Path, anchor: str) -> None:
    edit(mini / COMPETENCY, "Lets the customer finish and summarizes the request.", anchor)
    result = validate()
    assert result.exit_code == 0
    assert problems(result) == []


def test_gendered_pronouns_in_printed_text_are_warned(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "Suppose a caller is angry and talking fast.",
        "Suppose a caller is angry and she is talking fast.",
    )
    edit(
        mini / COMPETENCY,
        "Hears what people say and checks that they understood it.",
        "Hears what people say and checks that he or she understood it.",
    )
    result = validate()
    assert result.exit_code == 0
    fix = "printed text says 'they' or names the role ('the employee', 'the customer')"
    assert problems(result) == [
        f"{COMPETENCY}:6:13: definition: warning: uses the gendered pronoun 'he'; {fix}",
        f"{COMPETENCY}:23:11: interview_questions[1].text: warning: uses the gendered pronoun "
        f"'she'; {fix}",
    ]


def test_gendered_pronouns_in_verification_questions_are_errors(validate, mini: Path) -> None:
    edit(mini / VERIFICATION, "what was their job title", "what was his job title")
    result = validate()
    assert result.exit_code == 2
    assert problems(result) == [
        f"{VERIFICATION}:10:11: questions[1].text: uses the gendered pronoun 'his'; "
        "use 'they' or {candidate}",
    ]


def test_repeated_list_items_are_warned(validate, mini: Path) -> None:
    edit(
        mini / COMPETENCY,
        "probes: [What did you do when you noticed?]",
        "probes: [What did you do when you noticed?, what did you do when you noticed]",
    )
    edit(
        mini / COMPETENCY,
        "anchors:\n",
        "key_elements:\n"
        "  - name: Hears the request.\n"
        "    behaviors: [Lets people finish.]\n"
        "  - name: Checks understanding.\n"
        "    behaviors: [Summarizes the request., Lets people finish.]\n"
        "anchors:\n",
    )
    result = validate()
    assert result.exit_code == 0
    assert problems(result) == [
        f"{COMPETENCY}:11:42: key_elements[1].behaviors[1]: warning: repeats "
        "key_elements[0].behaviors[0] (line 9); keep it once",
        f"{COMPETENCY}:23:49: interview_questions[0].probes[1]: warning: repeats "
        "interview_questions[0].probes[0] (line 23); keep it once",
    ]
