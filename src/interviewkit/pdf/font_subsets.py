"""Font subsetting without reading the tables the subset drops.

Without libharfbuzz-subset, WeasyPrint subsets each font of each document with
fontTools, asking it to drop the GSUB and GPOS tables (text is shaped already;
a PDF needs only the glyphs). fontTools 4.6x first reads GDEF, GSUB and GPOS
whole to convert their lookups to a compact form (`_compact_layout_tables`),
and only then drops GSUB and GPOS: for DejaVu Sans that reading is half of the
subset's time, about 0.15 s per font per document, paid twice a document (the
regular and the bold face).

`drop_before_subsetting` removes, before fontTools starts, exactly the tables
its own first step (`Subsetter._prune_pre_subset`) would remove: the tables in
`drop_tables`, the hinting tables when hinting is off, and `kern` when the font
has GPOS (that test is made on the font as given, as fontTools makes it before
it reaches GPOS). The subset font comes out the same, byte for byte; a test
compares the two on the fonts this machine lays out with.
"""

from __future__ import annotations

import functools
from typing import Any

_INSTALLED = "_interviewkit_drops_first"


def tables_dropped(options: Any, tags: list[str]) -> list[str]:
    """The tables of a font (`tags`) that fontTools' subsetter removes before it starts."""
    has_gpos = "GPOS" in tags
    return [
        tag
        for tag in tags
        if tag != "GlyphOrder"
        and (
            tag.strip() in options.drop_tables
            or (tag.strip() in options.hinting_tables and not options.hinting)
            or (tag == "kern" and not options.legacy_kern and has_gpos)
        )
    ]


def drop_before_subsetting() -> None:
    """Make fontTools' `Subsetter.subset` remove the tables it drops before reading any.

    Installed once per process; the original stays reachable as `__wrapped__`.
    """
    from fontTools import subset

    original = subset.Subsetter.subset
    if getattr(original, _INSTALLED, False):
        return

    @functools.wraps(original)
    def subset_font(self: Any, font: Any) -> Any:
        for tag in tables_dropped(self.options, list(font.keys())):
            del font[tag]
        return original(self, font)

    setattr(subset_font, _INSTALLED, True)
    subset.Subsetter.subset = subset_font
