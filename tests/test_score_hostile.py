"""Hostile, broken and encrypted sheets: a message naming the file, never a traceback.

Issue 11 found thirteen tracebacks in `score` (AES files, an /Opt that is not an
array, a sheet register of the wrong shape or 100,000 levels deep, a /Parent
cycle, an object-stream bomb...) and five among 400 random mutants of a filled
sheet. Each becomes a case here, and a seeded mutation loop covers the rest.
"""

from __future__ import annotations

import random
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result

from interviewkit import manifest
from interviewkit.build import BuildRequest, build
from interviewkit.errors import UserError
from interviewkit.ratings import check, read_sheets
from interviewkit.ratings.form_values import read_form
from tests.conftest import FIXTURES
from tests.fillers import fill_pikepdf_reader
from tests.rawpdf import ON_APPEARANCE, build_pdf, one_page_form, radio_button, text_field

Q1 = "s001__listening-q1__rating"
DEEP = 100_000


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    build(BuildRequest(position="clerk", content_dir=FIXTURES / "mini", out_dir=out))
    return out / "clerk"


@pytest.fixture(scope="module")
def filled(packet: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "filled.pdf"
    fill_pikepdf_reader(packet / "scoring-sheets.pdf", path, {Q1: "4", "s001__comments": "ok"})
    return path


@pytest.fixture
def out(packet: Path, tmp_path: Path) -> Path:
    shutil.copytree(packet, tmp_path / "out/clerk")
    return tmp_path / "out"


@pytest.fixture(scope="module")
def register(packet: Path) -> str:
    """The real sheet register, so a hand-made file gets as far as its form."""
    return read_form(packet / "scoring-sheets.pdf").register or ""


def refused(run: Callable[..., Result], path: Path, out: Path, message: str) -> str:
    """Score `path`: exit 2, the file named, `message` said, nothing written."""
    result = run("score", "clerk", path, "--out", out)
    assert result.exit_code == 2, result.stderr
    assert str(path) in result.stderr or path.name in result.stderr
    assert message in result.stderr
    assert not (out / "clerk/score-summary.csv").exists()
    return result.stderr


# --- encryption -------------------------------------------------------------------


def encrypted(source: Path, target: Path, revision: int, user: str) -> Path:
    with pikepdf.open(source) as pdf:
        pdf.save(
            target,
            encryption=pikepdf.Encryption(owner="owner-secret", user=user, R=revision, aes=True),
        )
    return target


@pytest.mark.parametrize("revision", [4, 6], ids=["AES-128", "AES-256"])
def test_a_sheet_secured_with_aes_but_no_open_password_scores(
    run: Callable[..., Result], filled: Path, out: Path, tmp_path: Path, revision: int
) -> None:
    path = encrypted(filled, tmp_path / "secured.pdf", revision, user="")
    result = run("score", "clerk", path, "--out", out, "--allow-incomplete")
    assert result.exit_code == 0, result.stderr
    assert "1 rating(s) missing" in result.stderr


@pytest.mark.parametrize("revision", [4, 6], ids=["AES-128", "AES-256"])
def test_a_sheet_locked_with_a_password_is_refused(
    run: Callable[..., Result], filled: Path, out: Path, tmp_path: Path, revision: int
) -> None:
    path = encrypted(filled, tmp_path / "locked.pdf", revision, user="user-secret")
    refused(run, path, out, "the file is locked with a password")


@pytest.mark.parametrize("revision", [4, 6], ids=["AES-128", "AES-256"])
def test_a_printed_aes_sheet_is_still_recognised(
    run: Callable[..., Result], filled: Path, out: Path, tmp_path: Path, revision: int
) -> None:
    """Telling a printed sheet from another PDF reads its text with pypdf, which needs
    the `cryptography` package for AES (issue 11: it was not declared)."""
    with pikepdf.open(filled) as pdf:
        del pdf.Root["/AcroForm"]
        for page in pdf.pages:
            del page.obj["/Annots"]
        del pdf.trailer["/Info"]
        pdf.save(tmp_path / "printed.pdf")
    path = encrypted(tmp_path / "printed.pdf", tmp_path / "secured.pdf", revision, user="")
    refused(run, path, out, "the form fields are gone")


# --- the sheet register -------------------------------------------------------------


def with_register(source: Path, target: Path, value: object) -> Path:
    with pikepdf.open(source) as pdf:
        pdf.docinfo["/" + manifest.REGISTER_KEY] = value
        pdf.save(target)
    return target


@pytest.mark.parametrize(
    "value",
    [
        "[]",
        "5",
        "null",
        "not json at all",
        '{"position": "clerk"}',
        '{"position": ["clerk"], "posting_number": 1, "content_hash": {}, "blind": "x", '
        '"sheets": []}',
        "[" * DEEP + "]" * DEEP,
        '{"a": ' * DEEP + "1" + "}" * DEEP,
    ],
    ids=["list", "number", "null", "text", "keys-missing", "wrong-types", "deep-list", "deep-map"],
)
def test_a_register_of_the_wrong_shape_is_refused(
    run: Callable[..., Result], filled: Path, out: Path, tmp_path: Path, value: str
) -> None:
    path = with_register(filled, tmp_path / "register.pdf", value)
    refused(run, path, out, "its sheet register cannot be read")


@pytest.mark.parametrize("value", [pikepdf.Dictionary(A=1), 5, pikepdf.Array([1])])
def test_a_register_that_is_not_text_is_no_register(
    run: Callable[..., Result], filled: Path, out: Path, tmp_path: Path, value: object
) -> None:
    path = with_register(filled, tmp_path / "register.pdf", value)
    refused(run, path, out, "not a scoring-sheet PDF made by interviewkit")


def test_control_characters_in_a_register_are_not_echoed(
    run: Callable[..., Result], filled: Path, out: Path, tmp_path: Path, register: str
) -> None:
    hostile = register.replace('"position": "clerk"', '"position": "\\u001b[2Jclerk\\u0007"')
    stderr = refused(
        run, with_register(filled, tmp_path / "r.pdf", hostile), out, "these sheets are for"
    )
    assert "\x1b" not in stderr
    assert "\x07" not in stderr
    assert "\\x1b[2Jclerk\\x07" in stderr


# --- the form tree ------------------------------------------------------------------


def radio_group(extra: bytes = b"", kids: bytes = b"[5 0 R 6 0 R]") -> bytes:
    return b"<< /FT /Btn /Ff 49152 /T (" + Q1.encode() + b") " + extra + b" /Kids " + kids + b" >>"


BUTTONS = {5: radio_button(4, b"1"), 6: radio_button(4, b"2", on=True), 9: ON_APPEARANCE}


def chain(depth: int) -> dict[int, bytes]:
    """Objects 4 .. 4 + depth: each field's one kid is the next; the last is a text field."""
    objects = {4: b"<< /T (n4) /Kids [5 0 R] >>"}
    for number in range(5, 4 + depth):
        objects[number] = b"<< /T (n%d) /Parent %d 0 R /Kids [%d 0 R] >>" % (
            number,
            number - 1,
            number + 1,
        )
    objects[4 + depth] = text_field(b"leaf", b" /Parent %d 0 R" % (3 + depth))
    return objects


def deep_form(depth: int, *, from_leaf: bool, register: str) -> bytes:
    objects = chain(depth)
    leaf = b"%d 0 R" % (4 + depth)
    objects[1] = (
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields ["
        + (leaf if from_leaf else b"4 0 R")
        + b"] >> >>"
    )
    objects[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objects[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> "
        b"/Annots [" + leaf + b"] >>"
    )
    return build_pdf(objects, register=register)


CASES: dict[str, tuple[Callable[[str], bytes], str]] = {
    "parent-cycle": (
        lambda r: one_page_form(
            text_field(b"a", b" /Parent 5 0 R"),
            {5: b"<< /T (b) /Parent 4 0 R /Kids [4 0 R] >>"},
            register=r,
        ),
        "loops back",
    ),
    "kids-cycle": (
        lambda r: one_page_form(
            b"<< /T (loop) /Kids [4 0 R 5 0 R] >>",
            {5: text_field(b"t", b" /Parent 4 0 R")},
            annotations=b"5 0 R",
            register=r,
        ),
        "loop back",
    ),
    "kids-100000-deep": (
        lambda r: deep_form(DEEP, from_leaf=False, register=r),
        "nested deeper than 32 levels",
    ),
    "parent-chain-100000-deep": (
        lambda r: deep_form(DEEP, from_leaf=True, register=r),
        "nested deeper than 32 levels",
    ),
    "rating-not-an-option": (
        lambda r: one_page_form(radio_group(b"/V /7"), BUTTONS, annotations=b"5 0 R 6 0 R",
                                register=r),
        "question 1 (listening-q1): the form holds different choices (/V holds /7; button 2 "
        "holds /2)",
    ),
    "value-of-a-strange-type": (
        lambda r: one_page_form(radio_group(b"/V << /A 1 >>", b"[5 0 R]"), BUTTONS,
                                annotations=b"5 0 R", register=r),
        "the form holds something that is not a point of the scale (1–5) (/V holds a "
        "dictionary)",
    ),
    "not-a-pdf-past-the-header": (lambda r: b"%PDF-1.7\n" + b"\x00garbage" * 100, "cannot read"),
    "empty-after-the-header": (lambda r: b"%PDF-1.7\n%%EOF", "cannot read"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_form_is_refused_with_a_message(
    run: Callable[..., Result], out: Path, tmp_path: Path, register: str, case: str
) -> None:
    make, message = CASES[case]
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(make(register))
    refused(run, path, out, message)


@pytest.mark.parametrize("opt", [b"5", b"/Name", b"<< /A 1 >>", b"(text)", b"[1 2]", b"[(a) 7]"])
def test_an_opt_that_is_not_an_array_of_strings_is_ignored(
    tmp_path: Path, register: str, opt: bytes
) -> None:
    path = tmp_path / "opt.pdf"
    path.write_bytes(
        one_page_form(
            radio_group(b"/V /2 /Opt " + opt), BUTTONS, annotations=b"5 0 R 6 0 R",
            register=register,
        )
    )  # fmt: skip
    assert read_form(path).fields[Q1].value == "2"


def object_stream_bomb(expanded: int) -> bytes:
    """The form field lives in an object stream whose data expands to `expanded` bytes."""
    body = b"4 0 << /T (x) /FT /Tx /V (hi) /Rect [0 0 9 9] /Subtype /Widget >>"
    packer = zlib.compressobj(9)
    data = packer.compress(body) + b"".join(
        packer.compress(b" " * (1 << 20)) for _ in range(expanded >> 20)
    )
    data += packer.flush()
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(data)
    )
    catalog = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>"
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body_bytes in (
        (1, catalog),
        (2, pages),
        (3, page),
        (5, stream + data + b"\nendstream"),
    ):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n"
    rows = [(0, 0, 65535), (1, offsets[0], 0), (1, offsets[1], 0), (1, offsets[2], 0), (2, 5, 0),
            (1, offsets[3], 0), (1, len(out), 0)]  # fmt: skip
    table = b"".join(t.to_bytes(1, "big") + o.to_bytes(4, "big") + g.to_bytes(2, "big")
                     for t, o, g in rows)  # fmt: skip
    start = len(out)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def test_an_object_stream_bomb_is_refused_without_expanding_it(
    run: Callable[..., Result], out: Path, tmp_path: Path
) -> None:
    """300 KB that expand to 300 MB (pypdf raised LimitReachedError; qpdf would have
    allocated it all): qpdf's decoding limits stop it."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(object_stream_bomb(300_000_000))
    assert path.stat().st_size < 400_000
    refused(run, path, out, "a compressed stream expands beyond what a scoring sheet holds")


def test_a_failure_that_is_not_the_files_fault_exits_1(
    run: Callable[..., Result], filled: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(pdf: object) -> None:
        raise LookupError("a bug")

    monkeypatch.setattr("interviewkit.ratings.form_values._read_fields", broken)
    result = run("score", "clerk", filled, "--out", out)
    assert result.exit_code == 1
    assert f"{filled}: reading the form failed (LookupError); please report this" in result.stderr


# --- random mutants -------------------------------------------------------------------


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random change of the kinds damage and tampering make."""
    buffer = bytearray(data)
    start = rng.randrange(len(buffer))
    kind = rng.randrange(5)
    if kind == 0:  # flip bytes
        for _ in range(rng.randint(1, 8)):
            buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
    elif kind == 1:  # cut the file short
        del buffer[start:]
    elif kind == 2:  # drop a span
        del buffer[start : start + rng.randint(1, 2000)]
    elif kind == 3:  # repeat a span
        span = buffer[start : start + rng.randint(1, 2000)]
        buffer[start:start] = span
    else:  # swap a token for another
        tokens = [b"obj", b"endobj", b"R", b"/Kids", b"/Parent", b"/V", b"/AS", b"/Opt",
                  b"[", b"]", b"<<", b">>", b"/Fields", b"stream", b"99999 0 R", b"-1"]  # fmt: skip
        old, new = rng.choice(tokens), rng.choice(tokens)
        at = buffer.find(old, start)
        if at >= 0:
            buffer[at : at + len(old)] = new
    return bytes(buffer)


def test_random_mutants_of_a_filled_sheet_never_leak_a_library_error(
    packet: Path, filled: Path, tmp_path: Path
) -> None:
    """Seeded, so a failure can be replayed: every mutant is read or refused as bad input."""
    record = manifest.read(packet)
    plain = tmp_path / "plain.pdf"
    with pikepdf.open(filled) as pdf:  # uncompressed, so mutations hit the structure
        pdf.save(plain, compress_streams=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)  # fmt: skip
    sources = [plain.read_bytes(), filled.read_bytes()]
    rng = random.Random(20261123)
    read, unnamed, refused = 0, [], 0
    for number in range(150):
        path = tmp_path / f"mutant-{number}.pdf"
        path.write_bytes(mutate(sources[number % 2], rng))
        try:
            check(read_sheets([path], record), record)
            read += 1
        except UserError as exc:  # anything else fails the test with its traceback
            refused += 1
            if path.name not in exc.message:
                unnamed.append(exc.message)
        path.unlink()
    assert unnamed == []
    # Both outcomes happen: the loop exercises the reader, not only the first check.
    assert read > 10
    assert refused > 10
