"""The stylesheet every document shares, parsed once per process instead of once per document.

Every document's HTML carries the packet's stylesheet (templates/packet.css) in
a `<style data-shared>` element, so the HTML alone says how it looks (and keys
the render cache). WeasyPrint parses a document's stylesheets anew for each
document: for packet.css about 0.1 s, a third of the layout of a one-page
document. At layout, `split` takes the style elements out of the HTML, and
WeasyPrint is given them as stylesheets: the shared one parsed once per worker
(`parsed`), the document's own (a few lines) parsed as before.

All of them move, in their order: WeasyPrint gives stylesheets passed that way
the user's origin, below the document's own rules, so moving only the shared
one would let any rule of the document's beat it, where before the more
specific rule won (the guide's running header over packet.css's `@page cover`).
Moved together, they cascade as they did in the document; the laid-out PDFs
are the same, byte for byte (tests compare the two). A document whose styles
cannot all move the same way (a linked stylesheet, a style element with a
media query, an HTML comment, a stylesheet whose parsing needs the document: its fonts from
@font-face, an @import, counter styles, cascade layers) keeps them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_STYLE = re.compile(r"<style( data-shared)?>(.*?)</style>", re.DOTALL)
_ANY_STYLE_OR_LINK = re.compile(r"<(?:style|link)\b", re.IGNORECASE)
_NEEDS_DOCUMENT = re.compile(r"@(?:font-face|import|counter-style|layer)\b", re.IGNORECASE)
_LIMIT = 8  # stylesheets kept per process: one per template set a build uses

_parsed: dict[tuple[str, str, tuple[str, ...]], Any] = {}


@dataclass(frozen=True)
class Sheet:
    css: str
    shared: bool  # the same in every document: parsed once per process


def split(html: str) -> tuple[str, list[Sheet]]:
    """The HTML without its style elements, and their stylesheets in order; or the HTML
    as it is and no stylesheets, when they cannot all be taken out (see above)."""
    found = list(_STYLE.finditer(html))
    if (
        not any(match.group(1) for match in found)
        or "<!--" in html  # a style element inside a comment is no style element
        or len(_ANY_STYLE_OR_LINK.findall(html)) != len(found)
        or any(_NEEDS_DOCUMENT.search(match.group(2)) for match in found)
    ):
        return html, []
    pieces = []
    start = 0
    for match in found:
        pieces.append(html[start : match.start()])
        start = match.end()
    pieces.append(html[start:])
    sheets = [Sheet(match.group(2), bool(match.group(1))) for match in found]
    return "".join(pieces), sheets


def css_objects(
    sheets: list[Sheet], base_url: str, allowed: Sequence[Path], fetcher: Any
) -> list[Any]:
    """`sheets` as weasyprint.CSS objects, the shared ones parsed once per process."""
    import weasyprint

    return [
        parsed(sheet.css, base_url, allowed, fetcher)
        if sheet.shared
        else weasyprint.CSS(string=sheet.css, base_url=base_url, url_fetcher=fetcher)
        for sheet in sheets
    ]


def parsed(css: str, base_url: str, allowed: Sequence[Path], fetcher: Any) -> Any:
    """`css` as a weasyprint.CSS, parsed on the first call for it in this process."""
    import weasyprint

    key = (
        hashlib.sha256(css.encode("utf-8")).hexdigest(),
        base_url,
        tuple(str(folder) for folder in allowed),
    )
    found = _parsed.get(key)
    if found is None:
        if len(_parsed) >= _LIMIT:
            _parsed.clear()
        found = _parsed[key] = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher)
    return found
