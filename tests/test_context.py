"""Templates receive plain data only: nothing reachable from a template has methods."""

from __future__ import annotations

from typing import Any

import pytest

from interviewkit import manifest, ratings
from interviewkit.build import BuildRequest, prepare
from interviewkit.library.models import Candidate, Panelist
from interviewkit.renderer.documents import DOCUMENTS, PacketRenderer
from interviewkit.renderer.environment import TemplateSet, make_environment
from interviewkit.renderer.summary import summary_context
from tests.conftest import FIXTURES

PLAIN = (str, int, float, bool, type(None))


def impure(value: Any, path: str = "context") -> list[str]:
    """Every place in `value` holding something other than plain data."""
    if isinstance(value, PLAIN):
        return []
    if type(value) in (list, tuple):
        return [p for i, item in enumerate(value) for p in impure(item, f"{path}[{i}]")]
    if type(value) is dict:
        found = [f"{path} key {k!r}" for k in value if not isinstance(k, str | int)]
        return found + [p for k, v in value.items() for p in impure(v, f"{path}.{k}")]
    return [f"{path}: {type(value).__name__}"]


def test_the_walk_finds_objects() -> None:
    assert impure({"a": [1, "x", None], "b": {"c": 2.5}}) == []
    assert impure({"a": [object()]}) == ["context.a[0]: object"]
    assert impure({"p": FIXTURES}) == ["context.p: PosixPath"]


@pytest.mark.parametrize("blind", [False, True])
def test_every_document_context_is_plain_data(blind: bool) -> None:
    packet = prepare(
        BuildRequest(
            position="clerk",
            content_dir=FIXTURES / "mini",
            candidates=[Candidate(name="Sam Roe", id="A-1", referees=[{"name": "Ref One"}])],
            panel=[Panelist(name="Pat Lee", title="Chair")],
            blind=blind,
        )
    )
    renderer = PacketRenderer(make_environment(TemplateSet()), packet, paper="a4", forms=True)
    register = manifest.register(packet, "hash", packet.sheets)
    for key in DOCUMENTS:
        context = renderer.context(key, register=register, sheets=packet.sheets, forms=packet.forms)
        assert impure(context) == [], key


def test_the_score_summary_context_is_plain_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from interviewkit.build import build

    request = BuildRequest(
        position="clerk",
        content_dir=FIXTURES / "mini",
        out_dir=tmp_path,
        candidates=[Candidate(name="Sam Roe")],
        panel=[Panelist(name="Pat Lee")],
    )
    record = manifest.read(build(request).folder)
    given = [ratings.Rating("Sam Roe", "Pat Lee", q.id, 3, "test") for q in record.questions]
    assert impure(summary_context(ratings.summarize(record, given))) == []
