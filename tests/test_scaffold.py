"""`interviewkit new`: starters that validate and build as written, flag their example text,
and take a new agency from a job aid's text to a buildable library in a few validate runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pypdf import PdfReader

from tests.conftest import FIXTURES, edit

EXAMPLE = "still holds the example text of `interviewkit new`"


def problem_lines(result: Result) -> list[str]:
    return [
        line
        for line in result.stderr.splitlines()
        if re.match(r"^\S+:\d+:\d+: ", line) and not line.startswith("ok: ")
    ]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_library_validates_and_names_every_example(
    run: Callable[..., Result], here: Path
) -> None:
    made = run("new", "library", "agency")
    assert made.exit_code == 0, made.stderr
    assert sorted(str(p.relative_to(here)) for p in here.rglob("*.yaml")) == [
        "agency/competencies/my-competency.yaml",
        "agency/positions/my-position.yaml",
        "agency/question-sets/reference-verification.yaml",
        "agency/scales/interview-five.yaml",
    ]
    result = run("validate", "agency")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: 1 competencies, 1 scales, 1 question sets, 1 positions")
    fields = [line.split(": ")[1] for line in problem_lines(result)]
    assert all(EXAMPLE in line for line in problem_lines(result))
    assert fields == [
        "name",
        "definition",
        "key_elements[0]",
        "key_elements[1]",
        "anchors",
        "qualification_statement",
        "interview_questions[0]",
        "interview_questions[1]",
        "interview_questions[2]",
        "reference_questions[0]",
        "reference_questions[1]",
        "title",
        "posting_number",
        "organization",
        "department",
        "panel[0]",
        "panel[1]",
        "candidates[0]",
    ]


def test_new_files_take_their_id_from_the_file_name(run: Callable[..., Result], here: Path) -> None:
    assert run("new", "competency", "Team Work.yaml").exit_code == 0
    text = (here / "Team Work.yaml").read_text(encoding="utf-8")
    assert "\nid: team-work\n" in text
    assert "team-work-q1" in text
    assert "team-work-r2" in text
    assert "my-competency" not in text
    assert run("new", "scale", "five-point.yaml").exit_code == 0
    assert "\nid: five-point\n" in (here / "five-point.yaml").read_text(encoding="utf-8")
    # Each validates against the built-in library as written: warnings only.
    result = run("validate", "Team Work.yaml", "five-point.yaml")
    assert result.exit_code == 0, result.stderr
    assert all(": warning: " in line for line in problem_lines(result))


def test_new_refuses_to_overwrite_and_needs_a_folder(
    run: Callable[..., Result], here: Path
) -> None:
    assert run("new", "library", "agency").exit_code == 0
    again = run("new", "library", "agency")
    assert again.exit_code == 2
    assert "already exist; choose another name or use --force" in again.stderr
    missing = run("new", "library")
    assert missing.exit_code == 2
    assert "interviewkit new library DIR" in missing.stderr
    bad = run("new", "competency", "!!!.yaml")
    assert bad.exit_code == 2
    assert "cannot make an id from the file name" in bad.stderr


def test_new_prints_to_standard_output_without_a_path(run: Callable[..., Result]) -> None:
    for what in ("position", "competency", "scale"):
        result = run("new", what)
        assert result.exit_code == 0
        assert result.stdout.startswith("# A ")


# --- the done-when of issue 14: a job aid's competency through the scaffold ------------


def seed_teamwork() -> tuple[str, list[tuple[str, list[str]]]]:
    """Seed 004's Teamwork and Cooperation, as a person reads it: definition, levels."""
    text = (FIXTURES / "seed-004-teamwork.txt").read_text(encoding="utf-8")
    definition = re.search(r"\*\*Teamwork and Cooperation:\*\* (.+)", text)
    assert definition
    levels: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        header = re.search(r"(?:\*\*)?\d\.\s*(?:\*\*)?([^*:]+):\*\*", line)
        bullet = re.match(r"\s*-\s+(.+)", line)
        if header:
            levels.append((header.group(1).strip(), []))
        elif bullet and levels:
            levels[-1][1].append(bullet.group(1).strip())
    return "Teamwork and Cooperation: " + definition.group(1).strip(), levels


def replace_block(path: Path, start: str, end: str, new: str) -> None:
    """Replace the lines from `start` up to (not including) `end`, as an editor would."""
    text = path.read_text(encoding="utf-8")
    first = text.index(start)
    path.write_text(text[:first] + new + text[text.index(end, first) :], encoding="utf-8")


TEAMWORK_OWN_TEXT = """anchors:
  interview-five:
    1: >-
      The example shows an uneven share of the work or information kept from
      others, or describes the team's success only as the candidate's own.
    3: >-
      Describes doing a full share of a team's work, keeping others informed, and
      asking colleagues for ideas that shaped a specific decision.
    5: >-
      Describes crediting others' work in public, helping settle a conflict within
      the team, and a specific effect of that on the team's results.

qualification_statement: >-
  People skilled in Teamwork and Cooperation have a work history of doing their
  full share of team work, sharing information and credit, and helping groups
  work through disagreement.

interview_questions:
  - id: teamwork-cooperation-q1
    text: >-
      Tell me about a time you worked with other departments toward a shared goal.
      What was your part?
    probes: [How did you keep the others informed?, What was the result?]
    listen_for:
      - Does a full share of the work on time.
      - Shares information before being asked.
  - id: teamwork-cooperation-q2
    text: Describe a time your team decided something you disagreed with. What did you do?
    probes: [How did you make your view known?, What did you do once it was decided?]
    listen_for:
      - Raises the disagreement openly and at the right time.
      - Supports the decision once made.
  - id: teamwork-cooperation-q3
    type: situational
    text: >-
      A colleague on your project has missed two meetings and their part is late.
      What would you do?
    probes: [What would you say to them?, When would you involve the supervisor?]
    listen_for:
      - Talks with the colleague directly about the work.
      - Offers a fair way to finish on time.

reference_questions:
  - id: teamwork-cooperation-r1
    text: How did {candidate} contribute to the work of a team? Please give an example.
  - id: teamwork-cooperation-r2
    text: How did {candidate} handle disagreements within the team?

"""


def test_seed_004_teamwork_becomes_a_buildable_library_in_three_validate_runs(
    run: Callable[..., Result], here: Path
) -> None:
    runs: list[Result] = []

    def validate() -> Result:
        runs.append(run("validate", "agency"))
        return runs[-1]

    assert run("new", "library", "agency").exit_code == 0
    competency = here / "agency/competencies/my-competency.yaml"
    position = here / "agency/positions/my-position.yaml"
    definition, levels = seed_teamwork()
    assert [name for name, _ in levels] == [
        "Cooperates",
        "Expresses Positive Expectations of Team",
        "Solicits Input",
        "Encourages Others",
        "Builds Team Spirit",
    ]

    # The author pastes the job aid's text over the examples, the label with the definition.
    edit(competency, "id: my-competency", "id: teamwork-cooperation")
    edit(competency, "name: Planning and Organizing", "name: Teamwork and Cooperation")
    replace_block(competency, "definition: >-", "# importance", f"definition: {definition}\n")
    pasted_levels = "behavior_levels:\n" + "".join(
        f"  - level: {number}\n    name: {name}\n    behaviors:\n"
        + "".join(f"      - {behavior}\n" for behavior in behaviors)
        for number, (name, behaviors) in enumerate(levels, start=1)
    )
    replace_block(competency, "key_elements:", "# Behavioral anchors", pasted_levels + "\n")
    replace_block(competency, "\nanchors:", "# Optional lists", "\n" + TEAMWORK_OWN_TEXT)
    edit(position, "id: my-competency", "id: teamwork-cooperation")
    edit(position, "title: Office Assistant 2", "title: Permit Technician")
    edit(position, 'posting_number: "2027-0001"', 'posting_number: "ALB-2027-014"')
    edit(position, "organization: Your Organization", "organization: City of Alder Bay")
    edit(position, "department: Your Department", "department: Permit Center")
    edit(
        position,
        "  - name: First Panelist\n    title: Hiring Supervisor",
        "  - name: Henry Blackwood\n    title: Permit Center Manager",
    )
    edit(position, "  - name: First Candidate", "  - name: Jordan Ellis")

    first = validate()  # the colon in the pasted definition
    assert first.exit_code == 2
    errors = [line for line in problem_lines(first) if ": warning: " not in line]
    assert errors == [
        "agency/competencies/my-competency.yaml:28:37: (document): YAML syntax: mapping values "
        "are not allowed in this context; the colon in the text makes YAML read a new key: put "
        'the whole text in quotes, e.g. definition: "Teamwork and Cooperation: The ability to '
        'work cooperatively…"',
    ]
    edit(competency, f"definition: {definition}", f'definition: "{definition}"')

    second = validate()  # valid; the warnings say what still needs a look
    assert second.exit_code == 0, second.stderr
    assert problem_lines(second) == [
        "agency/competencies/my-competency.yaml:36:9: behavior_levels[0].behaviors[0]: "
        "warning: uses the gendered pronoun 'his/her'; printed text says 'they' or names the role "
        "('the employee', 'the customer')",
        f"agency/positions/my-position.yaml:39:5: panel[1]: warning: {EXAMPLE}: replace it "
        "with your own",
        f"agency/positions/my-position.yaml:45:16: candidates[0]: warning: {EXAMPLE} "
        "(referees[0]): replace it with your own",
    ]
    edit(competency, "does his/her share", "does their share")
    edit(position, "  - Second Panelist", "  - Aiyana Redcloud")
    edit(position, "referees: [A Referee]", "referees: [Olivia Brandt]")

    third = validate()
    assert third.exit_code == 0
    assert third.stderr == ""
    assert third.stdout == "ok: 1 competencies, 1 scales, 1 question sets, 1 positions\n"
    assert len(runs) <= 3

    built = run("build", "agency/positions/my-position.yaml", "--out", here / "out")
    assert built.exit_code == 0, built.stderr
    assert "warning" not in built.stderr
    guide = PdfReader(here / "out/my-position/interview-guide.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in guide.pages)
    assert "Teamwork and Cooperation" in text
    assert "Describes crediting others" in text  # the author's own anchors
    # The seed's numbered behavior levels are another scale: the guide leaves them out,
    # as the anchors the panel rates against do not cite them.
    assert "Expresses Positive Expectations of Team" not in text
    assert "Planning and Organizing" not in text


def test_statements_from_an_untouched_scaffold_warn_on_stderr(
    run: Callable[..., Result], here: Path
) -> None:
    assert run("new", "library", "agency").exit_code == 0
    result = run("statements", "agency/positions/my-position.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Qualifications: Office Assistant 2, posting 2027-0001")
    assert "warning" not in result.stdout
    assert result.stderr.splitlines() == [
        "agency/competencies/my-competency.yaml:20:7: warning: 11 part(s) still hold the "
        "example text of `interviewkit new` (name, definition, key_elements[0], "
        "key_elements[1], ...); `interviewkit validate` lists them",
        "agency/positions/my-position.yaml:9:8: warning: 7 part(s) still hold the example "
        "text of `interviewkit new` (title, posting_number, organization, department, ...); "
        "`interviewkit validate` lists them",
    ]
