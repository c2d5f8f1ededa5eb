"""Hostile templates: a shared template can call nothing but template constructs, and
cannot make a build run, grow or recurse without bound. Each case ends in a message
naming the template and line, exit status 2, and the previous packet as it was."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from interviewkit import limits
from interviewkit.renderer import budget, filters
from interviewkit.renderer.environment import TemplateSet, make_environment, render_template
from tests.conftest import FIXTURES

NOT_ALLOWED = "is not allowed in a template"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packet built with the built-in templates, to copy into each test's --out."""
    from interviewkit.build import BuildRequest, build

    out = tmp_path_factory.mktemp("built")
    build(BuildRequest(position="clerk", content_dir=FIXTURES / "mini", out_dir=out))
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the packet folder (the lock's note of its last holder aside)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".interviewkit.lock"
    }


def build_with_template(
    run: Callable[..., Result], built: Path, tmp_path: Path, source: str | bytes
) -> tuple[Result, Path]:
    """Build over a copy of a good packet with `source` as the user's consensus.html."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    templates = tmp_path / "templates"
    templates.mkdir()
    data = source.encode("utf-8") if isinstance(source, str) else source
    (templates / "consensus.html").write_bytes(data)
    before = snapshot(out / "clerk")
    result = run(
        "build", "clerk", "--content", FIXTURES / "mini", "--templates", templates, "--out", out
    )
    assert snapshot(out / "clerk") == before, "a refused build changed the previous packet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "templates"]
    return result, templates / "consensus.html"


def assert_refused(result: Result, where: str, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert where in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


CALLS = [
    ("{{ position.title.upper() }}", "calling str.upper()"),
    ('{{ "{}".format(position.title) }}', "calling format()"),
    ("{{ position.title.split(' ') }}", "calling str.split()"),
    ("{{ lipsum(5) }}", "calling generate_lorem_ipsum()"),
    ("{{ dict(a=1) }}", "calling dict()"),
    ("{{ cycler('a', 'b') }}", "calling Cycler()"),
    ("{{ joiner(',') }}", "calling Joiner()"),
    ("{{ (position.title|attr('upper'))() }}", "calling str.upper()"),
]


@pytest.mark.parametrize(("line", "message"), CALLS)
def test_a_template_may_call_only_template_constructs(
    run: Callable[..., Result], built: Path, tmp_path: Path, line: str, message: str
) -> None:
    source = '{% extends "base.html" %}{% block body %}\n<p>fine</p>\n' + line + "{% endblock %}"
    result, template = build_with_template(run, built, tmp_path, source)
    assert_refused(result, f"{template}:3", message)
    assert NOT_ALLOWED in result.stderr


def test_the_allowed_constructs_still_work(tmp_path: Path) -> None:
    (tmp_path / "parts.html").write_text(
        "{% macro box(label) %}[{{ label }}|{{ caller() }}]{% endmacro %}", encoding="utf-8"
    )
    (tmp_path / "page.html").write_text(
        "<b>{% block body %}base{% endblock %}</b>", encoding="utf-8"
    )
    (tmp_path / "check.html").write_text(
        '{% extends "page.html" %}{% import "parts.html" as p %}{% block body %}'
        "{{ super() }};"
        "{% call p.box('x') %}inside{% endcall %};"
        "{% for n in range(3) %}{{ loop.cycle('a', 'b') }}{{ loop.changed(n) }}{% endfor %};"
        "{% set ns = namespace(total=0) %}{% for k, v in scores.items() %}"
        "{% set ns.total = ns.total + v %}{% endfor %}{{ ns.total }};"
        "{{ scores.keys()|sort|join(',') }};{{ scores.values()|sum }};"
        "{{ scores.get('b') }};{{ scores.get('z', 0) }};"
        "{% for item in tree recursive %}{{ item.name }}{% if item.kids %}({{ loop(item.kids) }})"
        "{% endif %}{% endfor %};{{ 6 * 7 }};{{ 2 ** 10 }};{{ 'ab' ~ 'cd' }};{{ '%03d' % 7 }}"
        "{% endblock %}",
        encoding="utf-8",
    )
    env = make_environment(TemplateSet(tmp_path))
    tree = [{"name": "r", "kids": [{"name": "k", "kids": []}]}]
    html = render_template(env, "check.html", {"scores": {"a": 1, "b": 2}, "tree": tree})
    assert html == ("<b>base;[x|inside];aTruebTrueaTrue;3;a,b;3;2;0;r(k);42;1024;abcd;007</b>")


WORK = [
    ("{{ 'a' * 5000000000 }}", "'*' would make a value of 5,000,000,000"),
    ("{{ [0] * 100000000 }}", "'*' would make a value of 100,000,000"),
    ("{{ 9 ** (9 ** 9) }}", "'**' would make a number"),
    ("{{ 10 ** 100000 }}", "'**' would make a number"),
    ("{{ range(10 ** 7)|list|length }}", "Range too big"),
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "more than 100 levels deep"),
    ('{% include "consensus.html" %}', "too deeply"),
    ("{{ 'a'|center(1000000000) }}", "filter 'center' was given 1,000,000,000"),
    ("{{ '%0999999999d' % 1 }}", "a width of 999,999,999 is too wide"),
    ("{{ '%*d' % (999999999, 1) }}", "a width taken from the values"),
    ("{{ '%099999d'|format(1) }}", "a width of 99,999 is too wide"),
    (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "joining text would make a value",
    ),
    (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "'+' would make a value",
    ),
    (
        "{% macro ten(x) %}{% for i in range(10) %}{{ x }}{% endfor %}{% endmacro %}"
        "{% set a = ten('a' * 1000) %}{% set b = ten(a) %}{% set c = ten(b) %}"
        "{% set d = ten(c) %}{% set e = ten(d) %}{{ e|length }}",
        "joining text would make a value",
    ),
    ("{{ ('a' * 1000)|replace('a', 'b' * 100000) }}", "filter 'replace' would make"),
    ("{{ range(100000)|join('x' * 1000) }}", "joining text would make"),
    (r"{{ ('x\n' * 100000)|indent(1000) }}", "filter 'indent' would make"),
    ("{{ range(10)|batch(100000000, 'x')|list }}", "filter 'batch' was given"),
    ("{% for i in range(100000) %}{{ 'a' * 1000 }}{% endfor %}", "characters of HTML"),
    # A list of a thousand references to one long text is cheap to make, huge to print.
    ("{% set z = ['a' * 30000] * 1000 %}{{ z }}", "printing a value would make"),
    ("{% set z = ['a' * 30000] * 1000 %}{{ '' ~ z }}", "joining text would make"),
    ("{% set z = ['a' * 30000] * 1000 %}{{ '%s' % (z,) }}", "'%' would make"),
    ("{% set z = ['a' * 30000] * 1000 %}{{ z|string }}", "filter 'string' would make"),
    ("{% set z = ['a' * 30000] * 1000 %}{{ z|join }}", "joining text would make"),
    ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
    ("{{ 2.0 ** 100000 }}", "OverflowError"),
]


@pytest.mark.parametrize(("line", "message"), WORK)
def test_work_a_template_asks_for_is_bounded(
    run: Callable[..., Result], built: Path, tmp_path: Path, line: str, message: str
) -> None:
    result, template = build_with_template(run, built, tmp_path, "<p>\n" + line)
    assert_refused(result, f"{template}", message)
    if "HTML" not in message:  # the output limit is checked outside the template's lines
        assert f"{template}:2" in result.stderr


def test_a_template_that_is_not_utf8_is_refused(
    run: Callable[..., Result], built: Path, tmp_path: Path
) -> None:
    result, template = build_with_template(run, built, tmp_path, b"<p>\xff\xfe caf\xe9</p>")
    assert_refused(result, str(template), "not UTF-8 text (byte 3)")


def test_a_huge_template_file_is_refused(
    run: Callable[..., Result], built: Path, tmp_path: Path
) -> None:
    source = "<p>" + "x" * (limits.MAX_TEMPLATE_BYTES + 1) + "</p>"
    result, template = build_with_template(run, built, tmp_path, source)
    assert_refused(result, str(template), "templates are limited to 1,000,000")


def test_a_render_that_runs_too_long_is_stopped(
    run: Callable[..., Result], built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ten billion loop steps: without the deadline this runs for hours.
    monkeypatch.setattr(limits, "RENDER_SECONDS", 0.5)
    source = "<p>\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    result, template = build_with_template(run, built, tmp_path, source)
    assert_refused(result, f"{template}:2", "still rendering after 0.5 seconds")


def test_work_the_sandbox_cannot_see_is_stopped_by_the_timer(
    run: Callable[..., Result], built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter that loops inside Python never reaches the sandbox's checks; the timer
    signal stops it. (Bounded at a minute so a broken timer fails instead of hanging.)"""
    seen = {"stopped": False}

    def endless(value: object) -> str:
        stop = time.monotonic() + 60
        try:
            while time.monotonic() < stop:
                pass
        except budget.RenderTimeout:
            seen["stopped"] = True
            raise
        return "finished"

    monkeypatch.setattr(limits, "RENDER_SECONDS", 0.3)
    monkeypatch.setattr(limits, "ALARM_GRACE_SECONDS", 0.2)
    monkeypatch.setitem(filters.FILTERS, "endless", endless)
    result, template = build_with_template(
        run, built, tmp_path, "<p>\n{{ position.title|endless }}"
    )
    assert seen["stopped"]
    assert_refused(result, f"{template}:2", "still rendering after 0.3 seconds")


def test_the_timer_is_put_back_after_a_render(tmp_path: Path) -> None:
    import signal

    (tmp_path / "t.html").write_text("{{ 1 + 1 }}", encoding="utf-8")
    handler = signal.getsignal(signal.SIGALRM)
    assert render_template(make_environment(TemplateSet(tmp_path)), "t.html", {}) == "2"
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
