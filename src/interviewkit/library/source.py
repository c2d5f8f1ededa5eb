"""Safe YAML reading that remembers where every key and value came from.

PyYAML composes the document into nodes (no Python objects are built from
tags, so nothing in a file can run code); we then build plain dicts, lists and
scalars ourselves, recording the line and column of every key and value. That
lets every later check point at the exact place a content author must fix.
Size, depth and alias expansion are bounded so a hostile file is refused early.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interviewkit.library.problems import DataPath, Location, Problem
from interviewkit.library.yaml_hints import syntax_hint

try:  # the C parser is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 40

_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")  # only used for its scalar constructors
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class YamlRefused(Exception):
    """The file cannot be read as content; carries the located problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


@dataclass
class SourceDoc:
    """A YAML document turned into plain data, with a location for every path."""

    path: Path
    data: Any
    value_marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, data_path: DataPath, *, key: bool = False) -> Location:
        """The closest known location of `data_path` (its key when `key`)."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(data_path)
        if key and probe in marks:
            line, column = marks[probe]
            return Location(self.path, line, column)
        while probe:
            if probe in self.value_marks:
                line, column = self.value_marks[probe]
                return Location(self.path, line, column)
            probe = probe[:-1]
        line, column = self.value_marks.get((), (1, 1))
        return Location(self.path, line, column)


def read_yaml(path: Path) -> SourceDoc:
    """Read one YAML file safely; raise `YamlRefused` with a located problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlRefused(Problem(Location(path), "", f"cannot read file: {exc.strerror}")) from exc
    if size > MAX_FILE_BYTES:
        raise YamlRefused(
            Problem(
                Location(path),
                "",
                f"file is {size:,} bytes; content files are limited to {MAX_FILE_BYTES:,} bytes",
            )
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlRefused(
            Problem(Location(path), "", f"not UTF-8 text (byte {exc.start} cannot be read)")
        ) from exc
    except OSError as exc:
        raise YamlRefused(Problem(Location(path), "", f"cannot read file: {exc.strerror}")) from exc
    return parse_yaml(text, path)


def _check_nesting(text: str, path: Path) -> None:
    """Refuse documents nested deeper than MAX_DEPTH before composing them.

    libyaml's event parser is a state machine, but composing nodes recurses: a
    file of a hundred thousand '[' crashes the interpreter outright. The events
    are cheap to walk and tell the depth without recursion.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
                raise YamlRefused(
                    Problem(where, "", f"document is nested more than {MAX_DEPTH} levels deep")
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str, path: Path) -> SourceDoc:
    """Parse YAML text (already read) into a `SourceDoc`."""
    try:
        _check_nesting(text, path)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "not valid YAML"
        lines = text.splitlines()
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        what += syntax_hint(what, line_text, column)
        raise YamlRefused(
            Problem(Location(path, line, column), "", f"YAML syntax: {what}")
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlRefused(Problem(Location(path), "", f"YAML syntax: {exc}")) from exc
    except RecursionError as exc:
        raise YamlRefused(Problem(Location(path), "", "document is nested too deeply")) from exc
    if len(nodes) > 1:
        second = nodes[1].start_mark
        raise YamlRefused(
            Problem(
                Location(path, second.line + 1, second.column + 1),
                "",
                "a content file holds one document; remove the extra '---' section",
            )
        )
    doc = SourceDoc(path, None)
    if not nodes or nodes[0] is None:
        return doc
    builder = _Builder(doc)
    doc.data = builder.build(nodes[0], (), 0)
    return doc


class _Builder:
    def __init__(self, doc: SourceDoc):
        self.doc = doc
        self.count = 0

    def _refuse(self, node: yaml.Node, message: str) -> YamlRefused:
        mark = node.start_mark
        return YamlRefused(
            Problem(Location(self.doc.path, mark.line + 1, mark.column + 1), "", message)
        )

    def build(self, node: yaml.Node, path: DataPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._refuse(
                node, f"document expands to more than {MAX_NODES:,} values (alias bomb?)"
            )
        if depth > MAX_DEPTH:
            raise self._refuse(node, f"document is nested more than {MAX_DEPTH} levels deep")
        self.doc.value_marks.setdefault(
            path, (node.start_mark.line + 1, node.start_mark.column + 1)
        )
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
            raise self._refuse(
                node, f"unsupported YAML tag {node.tag!r}; write plain lists and keys"
            )
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._refuse(
                        key_node, "a key must be a plain word, not a list or mapping"
                    )
                key = self._scalar(key_node)
                if not isinstance(key, str | int) or isinstance(key, bool):
                    key = str(key)
                if key in result:
                    raise self._refuse(key_node, f"key '{key}' appears twice in the same mapping")
                child = (*path, key)
                mark = key_node.start_mark
                self.doc.key_marks[child] = (mark.line + 1, mark.column + 1)
                result[key] = self.build(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        constructor = _SCALAR_CONSTRUCTOR.yaml_constructors.get(node.tag)
        if constructor is None or not isinstance(node, yaml.ScalarNode):
            raise self._refuse(node, f"unsupported YAML tag {node.tag!r}; write plain text")
        try:
            return constructor(_SCALAR_CONSTRUCTOR, node)
        except (yaml.YAMLError, ValueError) as exc:
            raise self._refuse(node, f"cannot read value: {exc}") from exc
        except (LookupError, AttributeError, TypeError) as exc:
            # PyYAML's constructors trust that an explicit tag's text matches the tag
            # (`!!bool maybe`, `!!timestamp hello`) and fail inside when it does not.
            kind = str(node.tag).rsplit(":", 1)[-1]
            text = str(node.value)
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise self._refuse(
                node, f"'{shown}' is not a {kind}; fix the value or remove the '!!{kind}' tag"
            ) from exc
