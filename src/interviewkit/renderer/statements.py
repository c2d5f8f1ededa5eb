"""Qualification statements as plain text, Markdown or HTML, ready to paste."""

from __future__ import annotations

import re
from typing import Literal

from jinja2 import Environment

from interviewkit.packet import Packet
from interviewkit.renderer.environment import render_template

Format = Literal["text", "markdown", "html"]
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.M)


def markdown_escape(text: str) -> str:
    """Escape what Markdown would read as formatting or HTML, and nothing else.

    Inline markers are escaped everywhere; list, heading and quote markers only
    where they would start a line, so ordinary punctuation stays readable.
    """
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1." -> "1\." keeps the number, stops the list
        return indent + marker[:-1] + "\\" + marker[-1]
    return indent + "\\" + marker


def statements(packet: Packet, fmt: Format, env: Environment) -> str:
    """The qualification statement of each selected competency, in position order."""
    # Required levels stay out: "Advanced level" means nothing to an applicant.
    entries = [
        [c.competency.name, c.competency.qualification_statement or ""] for c in packet.competencies
    ]
    title = f"{packet.position.title}, posting {packet.position.posting_number}"
    if fmt == "html":
        return render_template(
            env,
            "qualification-statements.html",
            {
                "position": {
                    "title": packet.position.title,
                    "posting_number": packet.position.posting_number,
                },
                "entries": entries,
                "draft": packet.draft,
            },
        )
    lines: list[str] = []
    if fmt == "markdown":
        lines += [f"# Qualifications: {markdown_escape(title)}", ""]
        if packet.draft:
            lines += ["**DRAFT**", ""]
        for name, text in entries:
            lines += [f"## {markdown_escape(name)}", "", markdown_escape(text), ""]
    else:
        lines += [f"Qualifications: {title}", ""]
        if packet.draft:
            lines += ["DRAFT", ""]
        for name, text in entries:
            lines += [name, text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def statement_files(packet: Packet, env: Environment) -> dict[str, bytes]:
    """qualification-statements.md, .txt and .html, as a build writes them."""
    formats: tuple[tuple[Format, str], ...] = (
        ("markdown", "md"),
        ("text", "txt"),
        ("html", "html"),
    )
    return {
        f"qualification-statements.{suffix}": statements(packet, fmt, env).encode("utf-8")
        for fmt, suffix in formats
    }
