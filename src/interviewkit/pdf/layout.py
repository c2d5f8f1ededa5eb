"""Page layout: HTML in, PDF bytes out, with WeasyPrint.

Only this module imports WeasyPrint, and only when a PDF is made, so commands
that make no PDF start quickly. The URL fetcher refuses everything except
`data:` URLs and files inside the template folders: shared templates and
content cannot read other local files or reach the network.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from interviewkit.errors import InternalError

LOGGER_NAMES = ("weasyprint", "weasyprint.progress", "fontTools", "interviewkit.pdf")
# Notices about the machine, not the document: WeasyPrint falls back to fontTools
# when the system lacks libharfbuzz-subset. The PDF is the same; only slower to make.
MACHINE_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


# Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which
# writes the time of saving into each font unless SOURCE_DATE_EPOCH says
# otherwise. A fixed date keeps the same inputs giving the same bytes.
FONT_DATE_EPOCH = "946684800"  # 2000-01-01T00:00:00Z


@contextmanager
def reproducible_fonts() -> Iterator[None]:
    """Fix the date fontTools writes into subset fonts, unless the user set one."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FONT_DATE_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


class FetchRefused(ValueError):
    """A document asked for a resource outside the allowed folders."""


def safe_fetcher(allowed: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher limited to `data:` URLs and files in `allowed` folders.

    Anything else (another local file, a link out of the folder, the network) is
    refused; WeasyPrint then leaves the image or stylesheet out and logs why.
    """
    from weasyprint.urls import URLFetcher

    folders = [p.resolve() for p in allowed]

    class SafeFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and any(path.is_relative_to(f) for f in folders):
                    return super().fetch(url, headers)
            raise FetchRefused(f"interviewkit does not fetch {url}")

    return SafeFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=1)


def identifier(html: str) -> bytes:
    """A PDF identifier derived from the content, so the same input gives the same bytes."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")


def render_pdf(
    html: str,
    *,
    base_dir: Path,
    allowed: Sequence[Path],
    forms: bool = False,
    under: str | None = None,
) -> bytes:
    """Lay out one HTML document and return the PDF (tagged PDF/UA-1; any form well formed).

    With `under`, `html` is a text layer: its sentences are placed over the rooms
    that the document `under` leaves for them (see `text_layers`).
    """
    import weasyprint

    from interviewkit.pdf import stylesheets, text_layers
    from interviewkit.pdf.font_subsets import drop_before_subsetting

    drop_before_subsetting()
    fetcher = safe_fetcher(allowed)
    base_url = base_dir.resolve().as_uri() + "/"

    def parsed(source: str) -> tuple[Any, list[Any]]:
        own, styles = stylesheets.split(source)
        document = weasyprint.HTML(string=own, base_url=base_url, url_fetcher=fetcher)
        return document, stylesheets.css_objects(styles, base_url, allowed, fetcher)

    options: dict[str, Any] = {
        "pdf_variant": "pdf/ua-1",
        "pdf_identifier": identifier(html if under is None else under + html),
        "pdf_forms": forms,
        "custom_metadata": True,
        # A document with a form is saved again by `fixed_pdf`, which compresses
        # every stream then; WeasyPrint's own compression (zlib level 9, over the
        # whole font a form embeds for typed text) would be a third of a second
        # spent on bytes that are decompressed and written again.
        "uncompressed_pdf": forms,
    }
    try:
        with reproducible_fonts():
            document, sheets = parsed(html)
            if under is None:
                laid_out = document.render(stylesheets=sheets, **options)
            else:
                body, body_sheets = parsed(under)
                rooms = text_layers.rooms(body.render(stylesheets=body_sheets, **options))
                placing = weasyprint.CSS(string=text_layers.placing_css(rooms))
                laid_out = document.render(stylesheets=[*sheets, placing], **options)
                text_layers.check_fit(laid_out, rooms)
            result: bytes = laid_out.write_pdf(**options)
    except InternalError:
        raise
    except Exception as exc:  # WeasyPrint failing on our HTML is our bug, not the user's
        raise InternalError(f"PDF layout failed: {exc}") from exc
    if forms:
        from interviewkit.pdf.forms import fixed_pdf

        result = fixed_pdf(result)
    return result


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs (missing fonts, CSS it ignores, refused URLs)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if record.levelno >= logging.WARNING and not message.startswith(MACHINE_NOTICES):
                messages.append(message)

    handler = Collect()
    loggers = [logging.getLogger(name) for name in LOGGER_NAMES]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield messages
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
