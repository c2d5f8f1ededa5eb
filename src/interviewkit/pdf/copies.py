"""Copies of laid-out pages: compiled once into a byte template, filled once per copy.

A copy owns its page dictionaries, annotations, form fields and structure
elements: every copy needs its own, with its own numbers, field names and
parent-tree keys. Everything else its pages use (content streams, fonts,
images, appearance streams) is shared: written once per file, whatever the
number of copies.

`compile_copy` walks the objects a page range owns once and turns them into
PDF syntax with holes (slots) for what differs per copy; `fill` turns a
template into numbered objects in a few microseconds per object, so 200
copies of a sheet cost little more than one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pikepdf

from interviewkit.pdf.sources import ObjGen, Source

# Slot kinds: what a hole in a template is filled with.
LOCAL = "local"  # another object of the same copy: its number
SHARED = "shared"  # an object every copy uses: its number in the file being written
DOCUMENT = "document"  # the file's Document structure element
PAGES = "pages"  # the file's page tree node
KEY = "key"  # a parent-tree key (a page's /StructParents, an annotation's /StructParent)
FIELD = "field"  # a form field's name, renamed per copy
IDENT = "ident"  # a structure element's /ID (and /Headers that cite it), unique per copy
CONTENTS = "contents"  # a page's /Contents: the shared stream, or it with stamped layers
RESOURCES = "resources"  # a page's /Resources: shared, or merged with stamped layers
GRAFT = "graft"  # a placeholder, or the element a stamped layer puts in its place
GRAFT_PARENT = "graft-parent"  # the /P of a grafted element: its placeholder's parent
STAMPED_PAGE = "stamped-page"  # a layer's page: the copy's page it is stamped on

Chunk = bytes | tuple[str, Any]
Special = dict[str, "Chunk | _Bytes"]
_PER_COPY_TYPES = {"/Page", "/Annot", "/StructElem", "/OBJR", "/MCR"}
# In qpdf's unparsed syntax: a structure element's /ID, the id list of a table cell's
# /Headers, a literal string (qpdf escapes its parentheses), a hex string, or an
# indirect reference (always after a space or an opening bracket).
_TOKENS = re.compile(
    rb"/ID \(([\w.-]*)\)"
    rb"|/Headers \[((?: \([\w.-]*\))* )\]"
    rb"|\((?:[^\\()]|\\.)*\)"
    rb"|<[0-9A-Fa-f\s]*>"
    rb"|(?<=[\s\[])(\d+) (\d+) R\b"
)
_HEADER = re.compile(rb"\(([\w.-]*)\)")


_REFERENCE = re.compile(rb"(?<=[\s\[])(\d+) (\d+) R\b")


def split_references(data: bytes, resolve: Callable[[ObjGen], Chunk]) -> list[Chunk]:
    """`data` (qpdf's unparsed syntax) with each reference replaced by `resolve`'s chunk,
    and structure-element ids (and the /Headers that cite them) by IDENT slots."""
    if b"(" not in data and b"<" not in data[2:-2]:
        # No strings (most structure elements): split on references alone, in C.
        pieces = _REFERENCE.split(data)
        chunks: list[Chunk] = [pieces[0]]
        for index in range(1, len(pieces), 3):
            chunks.append(resolve((int(pieces[index]), int(pieces[index + 1]))))
            chunks.append(pieces[index + 2])
        return chunks
    chunks = []
    start = 0
    for match in _TOKENS.finditer(data):
        ident, headers, number = match.group(1), match.group(2), match.group(3)
        if ident is not None:
            chunks += [data[start : match.start()], b"/ID ", (IDENT, ident.decode("ascii"))]
        elif headers is not None:
            chunks += [data[start : match.start()], b"/Headers ["]
            for cited in _HEADER.findall(headers):
                chunks += [b" ", (IDENT, cited.decode("ascii"))]
            chunks.append(b" ]")
        elif number is not None:
            chunks.append(data[start : match.start()])
            chunks.append(resolve((int(number), int(match.group(4)))))
        else:
            continue  # a string: references inside it are text
        start = match.end()
    chunks.append(data[start:])
    return chunks


@dataclass
class Template:
    objects: list[list[Chunk]]  # per object of the copy, its body as chunks
    pages: list[int]  # the copy's page dictionaries, as object indices
    page_keys: list[int | None]  # per page, the source's /StructParents key
    roots: list[list[int]]  # per page, its top-level structure elements
    marked: list[list[int | None]]  # per page, MCID -> structure element
    annotations: list[tuple[int, int]]  # (source parent-tree key, element) per annotation
    keys: list[int]  # the source's parent-tree keys this copy uses, in order
    fields: list[int]  # form fields without a parent, for the file's AcroForm
    # Body templates: the placeholders layers may replace, and each one's parent.
    graft_targets: list[int] = field(default_factory=list)
    graft_parents: list[int | None] = field(default_factory=list)
    # Layer templates: the elements put in place of placeholders, in order.
    graft_roots: list[int] = field(default_factory=list)


@dataclass
class Fill:
    """What one copy's slots are filled with."""

    base: int  # the number of the copy's first object
    shared: Callable[[ObjGen], int]
    document: int
    pages_node: int
    key_base: int
    contents: Callable[[int], bytes]
    resources: Callable[[int], bytes]
    rename: Callable[[str], str] = str
    ident_prefix: str = ""
    # A body's placeholders (local index) -> the number of the element replacing each.
    grafts: dict[int, int] = field(default_factory=dict)
    # A layer's grafted elements, in order: the number of the element each goes into.
    graft_parents: list[int] = field(default_factory=list)
    stamped_page: int | None = None  # for a layer: the number of the page it is stamped on


def is_per_copy(obj: pikepdf.Object) -> bool:
    """Whether a copy needs its own version of `obj` (pages, annotations, fields, tags)."""
    if isinstance(obj, pikepdf.Stream) or not isinstance(obj, pikepdf.Dictionary):
        return False
    kind = obj.get("/Type")
    if kind is not None and str(kind) in _PER_COPY_TYPES:
        return True
    if obj.get("/Subtype") in ("/Widget", "/Link"):
        return True
    # Form fields; structure elements written without /Type.
    return "/FT" in obj or ("/Kids" in obj and "/T" in obj) or ("/S" in obj and "/P" in obj)


def is_field(obj: pikepdf.Object) -> bool:
    return "/FT" in obj or "/T" in obj or obj.get("/Subtype") == "/Widget"


@dataclass
class _Compiler:
    source: Source
    pages: set[ObjGen]  # the page range being copied
    layer: bool = False
    graft_roots: dict[ObjGen, int] = field(default_factory=dict)  # root -> its position
    graft_targets: set[ObjGen] = field(default_factory=set)
    order: list[pikepdf.Object] = field(default_factory=list)
    index: dict[ObjGen, int] = field(default_factory=dict)
    keys: dict[int, int] = field(default_factory=dict)
    kinds: dict[ObjGen, Chunk | bool] = field(default_factory=dict)
    fields: list[int] = field(default_factory=list)  # form fields without a parent

    def local(self, obj: pikepdf.Object) -> int:
        found = self.index.get(obj.objgen)
        if found is None:
            found = self.index[obj.objgen] = len(self.order)
            self.order.append(obj)
        return found

    def key(self, value: Any) -> Chunk:
        old = int(value)
        self.keys.setdefault(old, len(self.keys))
        return (KEY, old)

    def resolve(self, objgen: ObjGen) -> Chunk:
        """The chunk for a reference to `objgen`, the object fetched only once."""
        kind = self.kinds.get(objgen)
        if kind is True:
            return (LOCAL, self.index[objgen])
        if kind is None or kind is False:
            return self.reference(self.source.pdf.get_object(objgen))
        return kind

    def reference(self, obj: pikepdf.Object) -> Chunk:
        objgen = obj.objgen
        chunk = self._reference(obj)
        if isinstance(chunk, tuple) and chunk[0] == LOCAL:
            self.kinds[objgen] = True
        elif isinstance(chunk, tuple) and chunk[0] == SHARED:
            self.kinds[objgen] = chunk
        return chunk

    def _reference(self, obj: pikepdf.Object) -> Chunk:
        objgen = obj.objgen
        if objgen == self.source.document or objgen == self.source.tree_root:
            return (DOCUMENT, None)
        if objgen == self.source.pages_node:
            return (PAGES, None)
        if objgen in self.graft_targets:
            return (GRAFT, self.local(obj))
        if is_per_copy(obj):
            if obj.get("/Type") == "/Page":
                if objgen not in self.pages:
                    return b"null"  # a link to a page outside the copy
                if self.layer:
                    return (STAMPED_PAGE, None)
            return (LOCAL, self.local(obj))
        return (SHARED, objgen)

    def value(self, obj: Any, out: list[Chunk]) -> None:
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            out.append(self.reference(obj))
        elif isinstance(obj, pikepdf.Dictionary):
            self.dictionary(obj, out, {})
        elif isinstance(obj, pikepdf.Array):
            out.append(b"[")
            for item in obj:
                self.value(item, out)
                out.append(b" ")
            out.append(b"]")
        else:
            out.append(scalar(obj))

    def dictionary(self, obj: pikepdf.Object, out: list[Any], special: Special) -> None:
        out.append(b"<<")
        for name, item in obj.items():
            out.append(pikepdf.Name(name).unparse() + b" ")
            if name in special:
                out.append(special[name])
            else:
                self.value(item, out)
            out.append(b" ")
        out.append(b">>")

    def body(self, obj: pikepdf.Object, number: int) -> list[Chunk]:
        """The chunks of one per-copy object, its copy-specific entries as slots."""
        if obj.objgen not in self.graft_roots:
            data = bytes(obj.unparse(resolved=True))
            if b"/Type /StructElem" in data and b"/StructParent" not in data:
                # Structure elements, the bulk: only references and ids differ per copy.
                return split_references(data, self.resolve)
        out: list[Any] = []
        special: Special = {}
        if is_field(obj) and "/Parent" not in obj:
            self.fields.append(number)
        kind = obj.get("/Type")
        if kind == "/Page":
            page = self.source.page_index[obj.objgen]
            special = {
                "/Parent": (PAGES, None),
                "/Contents": (CONTENTS, page),
                "/Resources": (RESOURCES, page),
            }
        if "/StructParents" in obj:
            special["/StructParents"] = self.key(obj.StructParents)
        if "/StructParent" in obj:
            special["/StructParent"] = self.key(obj.StructParent)
        if "/T" in obj and is_field(obj):
            special["/T"] = (FIELD, str(obj.T))
        if "/ID" in obj and isinstance(obj.ID, pikepdf.String):
            special["/ID"] = (IDENT, str(obj.ID))
        if isinstance(obj.get("/A"), pikepdf.Dictionary) and "/Headers" in obj.A:
            special["/A"] = _Bytes(self.attributes(obj.A))
        if obj.objgen in self.graft_roots:
            special["/P"] = (GRAFT_PARENT, self.graft_roots[obj.objgen])
        self.dictionary(obj, out, special)
        return _flatten(out)

    def attributes(self, attributes: pikepdf.Object) -> list[Chunk]:
        """A table cell's attributes, its /Headers ids made unique per copy."""
        out: list[Any] = []
        headers = attributes.Headers
        chunks: list[Chunk] = [b"["]
        for header in headers:
            chunks += [(IDENT, str(header)), b" "]
        chunks.append(b"]")
        self.dictionary(attributes, out, {"/Headers": _Bytes(chunks)})
        return list(_flatten(out))


@dataclass
class _Bytes:
    """Pre-made chunks standing in for a value."""

    chunks: list[Chunk]


def _flatten(chunks: list[Any]) -> list[Chunk]:
    flat: list[Chunk] = []
    for chunk in chunks:
        if isinstance(chunk, _Bytes):
            flat.extend(_flatten(chunk.chunks))
        else:
            flat.append(chunk)
    return flat


def scalar(obj: Any) -> bytes:
    """A direct, non-container PDF value in PDF syntax."""
    if obj is None:
        return b"null"
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, Decimal | float):
        text = format(Decimal(obj), "f")
        return (text.rstrip("0").rstrip(".") if "." in text else text).encode() or b"0"
    if isinstance(obj, pikepdf.Object):
        return bytes(obj.unparse())
    if isinstance(obj, str):  # names come back from pikepdf as str in some places
        return bytes(pikepdf.Name(obj).unparse()) if obj.startswith("/") else _string(obj)
    raise TypeError(f"cannot write {type(obj).__name__} into a PDF")


def _string(text: str) -> bytes:
    return bytes(pikepdf.String(text).unparse())


def compile_copy(
    source: Source,
    first: int,
    count: int,
    *,
    graft_targets: Sequence[pikepdf.Object] = (),
    graft_roots: Sequence[pikepdf.Object] = (),
    layer: bool = False,
) -> Template:
    """The template of a copy of pages `first` to `first + count - 1` of `source`.

    A `layer` template (a page stamped over another) holds no page dictionary:
    only the structure elements of its marked content, rooted at `graft_roots`
    when they replace placeholders (`graft_targets` of the body's template).
    """
    pages = list(range(first, first + count))
    compiler = _Compiler(
        source,
        {source.pages[p].objgen for p in pages},
        layer=layer,
        graft_roots={root.objgen: i for i, root in enumerate(graft_roots)},
        graft_targets={target.objgen for target in graft_targets},
    )
    page_locals = [] if layer else [compiler.local(source.pages[p]) for p in pages]
    roots = []
    for p in pages:
        if layer and graft_roots:
            roots.append([compiler.local(root) for root in graft_roots])
        elif layer:
            # A layer's empty elements (the section around a running header, say) would
            # be tags with nothing in them on the page it is stamped on.
            roots.append([compiler.local(e) for e in source.roots[p] if _holds_content(e)])
        else:
            roots.append([compiler.local(e) for e in source.roots[p]])
    marked = [
        [compiler.local(e) if isinstance(e, pikepdf.Dictionary) else None for e in source.marked[p]]
        for p in pages
    ]
    annotations: list[tuple[int, int]] = []
    for p in [] if layer else pages:
        for annotation in source.pages[p].get("/Annots", []):
            compiler.local(annotation)
            raw_key = annotation.get("/StructParent")
            if raw_key is None:
                continue
            element = source.annotation_parents.get(int(raw_key))
            if isinstance(element, pikepdf.Dictionary):
                annotations.append((int(raw_key), compiler.local(element)))
    objects: list[list[Chunk]] = []
    while len(objects) < len(compiler.order):  # the walk adds objects as it finds them
        objects.append(compiler.body(compiler.order[len(objects)], len(objects)))
    page_keys = [
        None
        if layer or "/StructParents" not in source.pages[p]
        else int(source.pages[p].StructParents)
        for p in pages
    ]
    return Template(
        objects=objects,
        pages=page_locals,
        page_keys=page_keys,
        roots=roots,
        marked=marked,
        annotations=annotations,
        keys=sorted(compiler.keys, key=compiler.keys.__getitem__),
        fields=compiler.fields,
        graft_targets=[compiler.index[target.objgen] for target in graft_targets],
        graft_parents=[
            compiler.index.get(target.P.objgen) if "/P" in target else None
            for target in graft_targets
        ],
        graft_roots=[compiler.index[root.objgen] for root in graft_roots],
    )


def _holds_content(element: pikepdf.Object, depth: int = 0) -> bool:
    """Whether a structure element holds marked content or an annotation, at any depth."""
    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, int):
            return True
        if not isinstance(kid, pikepdf.Dictionary):
            continue
        if kid.get("/Type") in ("/OBJR", "/MCR") or (depth < 64 and _holds_content(kid, depth + 1)):
            return True
    return False


@dataclass
class Specialized:
    """A template with all that is the same for every copy in one file filled in.

    Each object is a `%`-format and its remaining slots: a copy is then one
    format operation per object. A slot that is an int is a local reference.
    """

    objects: list[tuple[bytes, tuple[Any, ...], bool]]  # format, slots, all local


def specialize(
    template: Template, shared: Callable[[ObjGen], int], document: int, pages_node: int
) -> Specialized:
    """Fill the slots that do not change between copies written into one file."""
    objects = []
    for chunks in template.objects:
        parts: list[bytes] = []
        slots: list[Any] = []
        for chunk in chunks:
            if isinstance(chunk, bytes):
                parts.append(chunk.replace(b"%", b"%%"))
                continue
            kind, arg = chunk
            if kind == SHARED:
                parts.append(b"%d 0 R" % shared(arg))
            elif kind == DOCUMENT:
                parts.append(b"%d 0 R" % document)
            elif kind == PAGES:
                parts.append(b"%d 0 R" % pages_node)
            elif kind == LOCAL:
                parts.append(b"%d 0 R")
                slots.append(arg)
            elif kind in (GRAFT, GRAFT_PARENT, STAMPED_PAGE):
                parts.append(b"%d 0 R")
                slots.append(chunk)
            elif kind == KEY:
                parts.append(b"%d")
                slots.append(chunk)
            else:  # FIELD, IDENT, CONTENTS, RESOURCES: bytes made per copy
                parts.append(b"%s")
                slots.append(chunk)
        local_only = all(type(slot) is int for slot in slots)
        objects.append((b"".join(parts), tuple(slots), local_only))
    return Specialized(objects)


def fill(template: Template, specialized: Specialized, values: Fill) -> list[tuple[int, bytes]]:
    """The numbered objects of one copy."""
    keys = {old: values.key_base + i for i, old in enumerate(template.keys)}
    base = values.base

    def value(slot: tuple[str, Any]) -> int | bytes:
        kind, arg = slot
        if kind == KEY:
            return keys[arg]
        if kind == FIELD:
            return _string(values.rename(arg))
        if kind == IDENT:
            return _string(values.ident_prefix + arg)
        if kind == CONTENTS:
            return values.contents(arg)
        if kind == RESOURCES:
            return values.resources(arg)
        if kind == GRAFT:
            return values.grafts.get(arg, base + arg)
        if kind == GRAFT_PARENT:
            return values.graft_parents[arg] if arg < len(values.graft_parents) else values.document
        return values.stamped_page or 0  # STAMPED_PAGE

    result = []
    grafts = values.grafts
    add = base.__add__
    for number, (form, slots, local_only) in enumerate(specialized.objects):
        if number in grafts:
            # Replaced by the grafted element: nothing refers to it any more.
            result.append((base + number, b"null"))
        elif local_only:
            result.append((base + number, form % tuple(map(add, slots))))
        else:
            args = tuple(base + s if type(s) is int else value(s) for s in slots)
            result.append((base + number, form % args))
    return result
