"""Subsetting fonts with the dropped tables removed first gives the same fonts and PDFs.

`pdf.font_subsets` changes how fontTools works, not what it makes: these tests
compare its subsets and laid-out PDFs with fontTools' own, byte for byte, on
the fonts this machine lays out with. (With libharfbuzz-subset installed,
WeasyPrint does not use fontTools; the PDFs are then trivially the same.)
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from interviewkit.pdf import font_subsets
from interviewkit.pdf.layout import render_pdf, reproducible_fonts
from interviewkit.renderer.templates import TemplateSet

# Both faces the templates use, with kerning pairs (AV, To) and accents.
HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>body { font-family: "DejaVu Sans", sans-serif; }</style></head>
<body><h1>AVATAR To Wé Øre</h1><p>Typical text: José Núñez-Smith, “quotes” — 1–5.</p>
<p><b>Bold AV To</b> <input type="text" name="x" title="x"></p></body></html>"""


def _stock_subset() -> object:
    method = subset.Subsetter.subset
    return getattr(method, "__wrapped__", method)


def _font_files() -> list[Path]:
    """The regular and bold DejaVu Sans files fontconfig gives, when it can say."""
    if shutil.which("fc-match") is None:
        return []
    files = []
    for pattern in ("DejaVu Sans", "DejaVu Sans:bold"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=False
        ).stdout
        if found and Path(found).is_file():
            files.append(Path(found))
    return files


def _subset(data: bytes) -> bytes:
    # The options WeasyPrint's fontTools path uses (weasyprint/pdf/fonts.py).
    options = subset.Options(
        retain_gids=True,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=False,
        desubroutinize=True,
        notdef_outline=False,
    )
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=set(range(1, 300)))
    font = TTFont(io.BytesIO(data))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.mark.parametrize("path", _font_files(), ids=lambda p: p.name)
def test_a_font_subsets_to_the_same_bytes(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")
    monkeypatch.setattr(subset.Subsetter, "subset", _stock_subset())
    stock = _subset(data)
    font_subsets.drop_before_subsetting()
    assert getattr(subset.Subsetter.subset, "__wrapped__", None) is not None
    assert _subset(data) == stock


def test_a_laid_out_pdf_is_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    folders = TemplateSet().folders
    with reproducible_fonts():
        ours = render_pdf(HTML, base_dir=folders[0], allowed=folders, forms=True)
    monkeypatch.setattr(subset.Subsetter, "subset", _stock_subset())
    monkeypatch.setattr(font_subsets, "drop_before_subsetting", lambda: None)
    with reproducible_fonts():
        stock = render_pdf(HTML, base_dir=folders[0], allowed=folders, forms=True)
    assert getattr(subset.Subsetter.subset, "__wrapped__", None) is None
    assert ours == stock


def test_the_tables_dropped_are_those_fonttools_drops_first() -> None:
    options = subset.Options(hinting=False)
    options.drop_tables += ["GSUB", "GPOS"]
    tags = ["GlyphOrder", "head", "kern", "GDEF", "GPOS", "GSUB", "fpgm", "prep", "glyf"]
    assert font_subsets.tables_dropped(options, tags) == ["kern", "GPOS", "GSUB", "fpgm", "prep"]
    # Without GPOS, fontTools keeps the old kern table; with hinting, the hinting tables.
    options.hinting = True
    assert font_subsets.tables_dropped(options, ["kern", "GSUB", "fpgm"]) == ["GSUB"]
