"""Writing one output file from copies of laid-out pages, as a stream.

Each `Copy` of the plan becomes pages of the file: its body's per-copy objects
filled from a template, its stamped layers appended to each page's content,
its structure elements hung under the file's Document element, its form
fields listed in the file's AcroForm and given their copy's names, and an
outline entry. Objects every copy shares (content streams, fonts, appearance
streams) are written once. The file is written as it is made, so memory does
not grow with the number of copies.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import pikepdf

from interviewkit.errors import InternalError
from interviewkit.pdf import text_layers
from interviewkit.pdf.cache import RenderCache
from interviewkit.pdf.copies import (
    Fill,
    Specialized,
    Template,
    compile_copy,
    fill,
    scalar,
    specialize,
    split_references,
)
from interviewkit.pdf.layers import merged_resources, rewrite
from interviewkit.pdf.outline import OutlineEntry, write_outline
from interviewkit.pdf.plan import Copy, OutputPdf, Stamp, assembly_key
from interviewkit.pdf.sources import ObjGen, OutlineItem, Source, SourceError, kids
from interviewkit.pdf.writer import PdfWriter, file_identifier

Numbers = Callable[[int, int], Stamp]  # (page n, of N) -> the stamp that prints it
_Root = tuple[int, pikepdf.Object]  # (a stamp's position on the page, its element)


# Streams at least this long (embedded font programs, above all) are written once per
# file even when several laid-out documents embed the same one.
_LARGE_STREAM = 64_000


@dataclass
class _Shared:
    """The objects of one source that copies share: each written once, on first use."""

    source: Source
    writer: PdfWriter
    large: dict[bytes, int]  # digest of a large stream's data -> its number, file-wide
    numbers: dict[ObjGen, int] = field(default_factory=dict)
    queue: list[ObjGen] = field(default_factory=list)

    def __call__(self, objgen: ObjGen) -> int:
        number = self.numbers.get(objgen)
        if number is None:
            number = self._large(objgen)
            if number is None:
                number = self.writer.reserve()
                self.queue.append(objgen)
            self.numbers[objgen] = number
        return number

    def _large(self, objgen: ObjGen) -> int | None:
        """The number of an identical large stream already in the file, if there is one."""
        obj = self.source.pdf.get_object(objgen)
        if not isinstance(obj, pikepdf.Stream):
            return None
        length = obj.stream_dict.get("/Length")
        if not isinstance(length, int) or length < _LARGE_STREAM:
            return None
        digest = hashlib.sha256(
            bytes(_without_length(obj).unparse()) + b"\0" + obj.read_raw_bytes()
        ).digest()
        found = self.large.get(digest)
        if found is None:
            self.large[digest] = found = self.writer.reserve()
            self.queue.append(objgen)
        return found

    def drain(self) -> None:
        while self.queue:
            objgen = self.queue.pop()
            obj = self.source.pdf.get_object(objgen)
            number = self.numbers[objgen]
            if isinstance(obj, pikepdf.Stream):
                dictionary = self.renumber(bytes(_without_length(obj).unparse()))
                self.writer.add_stream(number, dictionary, obj.read_raw_bytes())
            else:
                self.writer.add(number, self.renumber(bytes(obj.unparse(resolved=True))))

    def renumber(self, data: bytes) -> bytes:
        """qpdf's unparsed syntax, its references numbered as this file's shared objects."""
        chunks = split_references(data, lambda objgen: b"%d 0 R" % self(objgen))
        return b"".join(c for c in chunks if isinstance(c, bytes))

    def _dictionary(self, items: Iterable[tuple[str, object]]) -> bytes:
        return (
            b"<<"
            + b" ".join(pikepdf.Name(k).unparse() + b" " + self.value(v) for k, v in items)
            + b">>"
        )

    def value(self, obj: object) -> bytes:
        """`obj` in PDF syntax, the objects it refers to numbered (and queued) as shared."""
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            return b"%d 0 R" % self(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary):
            return self._dictionary(obj.items())
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(self.value(v) for v in obj) + b"]"
        return scalar(obj)


@dataclass(frozen=True)
class _Placed:
    """A stamp placed on a copy's page."""

    stamp: Stamp
    template: Template
    base: int  # the number of its first object
    offset: int  # its first marked-content id on the page
    grafted: tuple[int, ...]  # the elements it puts in place of the body's placeholders
    targets: tuple[int, ...]  # which placeholders: positions in the body's graft_targets


class Assembler:
    """One output file: `add` each copy in order, then `finish`."""

    def __init__(self, out: BinaryIO, sources: Callable[[str], Source], numbers: Numbers):
        self.writer = PdfWriter(out)
        self.sources = sources
        self.numbers = numbers
        self.pages_node = self.writer.reserve()
        self.tree_root = self.writer.reserve()
        self.document = self.writer.reserve()
        self.pages: list[int] = []
        self.top_elements: list[int] = []
        self.parent_tree: list[tuple[int, bytes]] = []
        self.next_key = 0
        self.fields: list[int] = []
        self.outline: list[OutlineEntry] = []
        self.first: str | None = None  # the layout whose catalog entries the file takes
        self.form_sources: list[str] = []
        self._shared: dict[str, _Shared] = {}
        self._templates: dict[tuple[object, ...], Template] = {}
        self._specialized: dict[tuple[int, str], Specialized] = {}
        self._layer_streams: dict[tuple[object, ...], int] = {}
        self._resources: dict[tuple[object, ...], int] = {}
        self._suffixes: dict[str, str] = {}
        self._large: dict[bytes, int] = {}
        self._wrappers: tuple[int, int] | None = None
        self._elements: dict[tuple[int, int], list[pikepdf.Object]] = {}

    def shared(self, key: str) -> _Shared:
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = _Shared(self.sources(key), self.writer, self._large)
        return found

    def add(self, copy: Copy) -> None:
        """Write one copy's pages, stamps and tags; note what the file's catalog needs."""
        source = self.sources(copy.layout)
        self.first = self.first or copy.layout
        first, count = source.page_range(copy.anchor)
        text = self._text_layer(copy, source, first, count)
        stamps = [self._stamps(copy, i, count, text[i]) for i in range(count)]
        text_key = copy.layer[0] if copy.layer is not None else None
        grafts = [
            self._grafts(source, first + i, stamps[i], i == 0, text_key) for i in range(count)
        ]
        targets = [target for page in grafts for target, _ in page]
        template = self._template(copy.layout, first, count, targets)
        base = self.writer.reserve(len(template.objects))
        layers = self._place(source, stamps, grafts)
        grafted = {
            template.graft_targets[target]: number
            for placed in (p for page in layers for p in page)
            for target, number in zip(placed.targets, placed.grafted, strict=True)
        }
        key_base = self.next_key
        self.next_key += len(template.keys)
        prefix = f"c{len(self.pages)}-"  # makes structure ids unique per copy
        values = Fill(
            base=base,
            shared=self.shared(copy.layout),
            document=self.document,
            pages_node=self.pages_node,
            key_base=key_base,
            contents=lambda page: self._contents(copy.layout, page, layers[page - first]),
            resources=lambda page: self._page_resources(
                copy.layout, source, page, layers[page - first]
            ),
            rename=_renamer(copy.fields),
            ident_prefix=prefix,
            grafts=grafted,
        )
        for number, body in fill(template, self._specialize(template, copy.layout), values):
            self.writer.add(number, body)
        parents = [
            base + local if local is not None else self.document for local in template.graft_parents
        ]
        self._write_layers(layers, [base + local for local in template.pages], prefix, parents)
        self._record(copy, source, first, template, base, key_base, layers)
        if copy.even and len(template.pages) % 2 == 1:
            self._blank_page(source.pages[first + count - 1])
        for shared in self._shared.values():
            shared.drain()

    def _place(
        self,
        source: Source,
        stamps: list[tuple[Stamp, ...]],
        grafts: list[list[tuple[pikepdf.Object, _Root]]],
    ) -> list[list[_Placed]]:
        """Each page's stamps, numbered, their marked content after the page's own, and
        the elements they put in place of the page's placeholders."""
        layers = []
        target = 0  # position in the copy's graft targets
        for page_stamps, page_grafts in zip(stamps, grafts, strict=True):
            placed = []
            offset = source.mcid_count()
            for index, stamp in enumerate(page_stamps):
                roots = [root for _, (at, root) in page_grafts if at == index]
                layer = self._layer_template(stamp, roots)
                layer_base = self.writer.reserve(len(layer.objects))
                grafted = tuple(layer_base + local for local in layer.graft_roots)
                targets = tuple(range(target, target + len(grafted)))
                target += len(grafted)
                placed.append(_Placed(stamp, layer, layer_base, offset, grafted, targets))
                offset += self.sources(stamp.layout).mcid_count()
            layers.append(placed)
        return layers

    def _write_layers(
        self, layers: list[list[_Placed]], pages: list[int], prefix: str, parents: list[int]
    ) -> None:
        """The structure elements of every stamp, on the copy's pages."""
        for index, placed in enumerate(layers):
            for layer in placed:
                values = Fill(
                    base=layer.base,
                    shared=self.shared(layer.stamp.layout),
                    document=self.document,
                    pages_node=self.pages_node,
                    key_base=0,
                    contents=lambda page: b"null",
                    resources=lambda page: b"null",
                    ident_prefix=prefix,
                    graft_parents=[parents[target] for target in layer.targets],
                    stamped_page=pages[index],
                )
                specialized = self._specialize(layer.template, layer.stamp.layout)
                for number, body in fill(layer.template, specialized, values):
                    self.writer.add(number, body)

    def _blank_page(self, like: pikepdf.Object) -> None:
        """An empty page the size of `like`, so the next copy starts on a front side."""
        number = self.writer.reserve()
        box = like.get("/MediaBox")
        size = b"[" + b" ".join(scalar(v) for v in box) + b"]" if box is not None else b""
        self.writer.add(
            number,
            b"<</Type /Page /Parent %d 0 R /MediaBox %s /Resources <<>>>>"
            % (self.pages_node, size or b"[0 0 612 792]"),
        )
        self.pages.append(number)

    def _specialize(self, template: Template, layout: str) -> Specialized:
        key = (id(template), layout)
        found = self._specialized.get(key)
        if found is None:
            found = specialize(template, self.shared(layout), self.document, self.pages_node)
            self._specialized[key] = found
        return found

    def _stamps(
        self, copy: Copy, index: int, count: int, text: tuple[Stamp, ...]
    ) -> tuple[Stamp, ...]:
        stamps: tuple[Stamp, ...] = ()
        if copy.stamps:
            stamps = copy.stamps[min(index, len(copy.stamps) - 1)]
        stamps = (*stamps, *text)
        if copy.numbered:
            stamps = (*stamps, self.numbers(index + 1, count))
        return stamps

    def _text_layer(
        self, copy: Copy, source: Source, first: int, count: int
    ) -> list[tuple[Stamp, ...]]:
        """Per page of the copy, the pages of its text layer that fill the page's rooms."""
        if copy.layer is None:
            return [()] * count
        key, anchor = copy.layer
        layer = self.sources(key)
        pages: list[list[int]] = [[] for _ in range(count)]
        for name, page in source.anchors.items():
            if name.startswith(text_layers.ROOM) and first <= page < first + count:
                found = layer.anchors.get(name + text_layers.SEPARATOR + anchor)
                if found is None:
                    raise SourceError(f"the text layer has no sentence for {name} of {anchor}")
                if found not in pages[page - first]:
                    pages[page - first].append(found)
        return [tuple(Stamp(key, page) for page in sorted(found)) for found in pages]

    def _grafts(
        self,
        source: Source,
        page: int,
        stamps: tuple[Stamp, ...],
        first_page: bool,
        text_key: str | None,
    ) -> list[tuple[pikepdf.Object, _Root]]:
        """The placeholders of a body page, each with the element of a stamp that takes
        its place: (placeholder, (the stamp's position, element)), in stamp order.

        The first stamp of a copy's first page may fill the empty element that opens
        the page (the referee block of a reference form) with an element of the same
        role; the pages of the copy's text layer (`text_key`) fill the rooms of the
        page's sentences, in order.
        """
        found: list[tuple[pikepdf.Object, _Root]] = []
        roots = source.roots[page]
        if first_page and stamps and roots:
            placeholder = _first_kid(roots[0])
            layer = self.sources(stamps[0].layout)
            page_roots = layer.roots[stamps[0].page] if stamps[0].page < len(layer.roots) else []
            root = _first_kid(page_roots[0]) if page_roots else None
            if (
                placeholder is not None
                and root is not None
                and placeholder.get("/S") == root.get("/S")
                and len(placeholder.get("/K", ())) == 0
            ):
                found.append((placeholder, (0, root)))
        if text_key is None:
            return found
        rooms = self._found(source, page, lambda: [e for e in _descendants(roots) if _is_room(e)])
        sentences = [
            (index, element)
            for index, stamp in enumerate(stamps)
            if stamp.layout == text_key
            for element in self._layer_sentences(stamp)
        ]
        if len(rooms) != len(sentences):
            raise SourceError(
                f"page {page + 1} has {len(rooms)} rooms for sentences and its text layer "
                f"{len(sentences)} sentences"
            )
        found += zip(rooms, sentences, strict=True)
        return found

    def _layer_sentences(self, stamp: Stamp) -> list[pikepdf.Object]:
        layer = self.sources(stamp.layout)
        return self._found(layer, stamp.page, lambda: _sentences(layer.roots[stamp.page]))

    def _found(
        self, source: Source, page: int, find: Callable[[], list[pikepdf.Object]]
    ) -> list[pikepdf.Object]:
        """What `find` finds on a page of `source`, found once per file."""
        key = (id(source), page)
        found = self._elements.get(key)
        if found is None:
            found = self._elements[key] = find()
        return found

    def _template(
        self, layout: str, first: int, count: int, targets: list[pikepdf.Object]
    ) -> Template:
        key = (layout, first, count, tuple(target.objgen for target in targets))
        found = self._templates.get(key)
        if found is None:
            source = self.sources(layout)
            found = compile_copy(source, first, count, graft_targets=targets)
            self._templates[key] = found
            if found.fields and layout not in self.form_sources:
                self.form_sources.append(layout)
        return found

    def _layer_template(self, stamp: Stamp, roots: list[pikepdf.Object]) -> Template:
        key = ("layer", stamp.layout, stamp.page, tuple(root.objgen for root in roots))
        found = self._templates.get(key)
        if found is None:
            found = compile_copy(
                self.sources(stamp.layout), stamp.page, 1, graft_roots=roots, layer=True
            )
            self._templates[key] = found
        return found

    def _contents(self, layout: str, page: int, layers: list[_Placed]) -> bytes:
        contents = self.sources(layout).pages[page].get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        shared = self.shared(layout)
        refs = [b"%d 0 R" % shared(s.objgen) for s in streams if s is not None]
        if not layers:
            return refs[0] if len(refs) == 1 else b"[" + b" ".join(refs) + b"]"
        save, restore = self._wrapper_streams()
        parts = [b"%d 0 R" % save, *refs, b"%d 0 R" % restore]
        for layer in layers:
            number = self._layer_stream(layer.stamp, layer.offset)
            parts += [b"%d 0 R" % save, b"%d 0 R" % number, b"%d 0 R" % restore]
        return b"[" + b" ".join(parts) + b"]"

    def _wrapper_streams(self) -> tuple[int, int]:
        """Streams holding `q` and `Q`: each layer draws in its own graphics state."""
        if self._wrappers is None:
            save = self.writer.reserve(2)
            restore = save + 1
            self.writer.add_stream(save, b"<<>>", b"q\n")
            self.writer.add_stream(restore, b"<<>>", b"\nQ\n")
            self._wrappers = (save, restore)
        return self._wrappers

    def _suffix(self, layout: str) -> str:
        if layout not in self._suffixes:
            self._suffixes[layout] = f"_L{len(self._suffixes)}"
        return self._suffixes[layout]

    def _layer_stream(self, stamp: Stamp, offset: int) -> int:
        key = (stamp.layout, stamp.page, offset)
        number = self._layer_streams.get(key)
        if number is None:
            source = self.sources(stamp.layout)
            data = rewrite(
                pikepdf.Page(source.pages[stamp.page]), self._suffix(stamp.layout), offset
            )
            number = self._layer_streams[key] = self.writer.reserve()
            self.writer.add_stream(number, b"<</Filter /FlateDecode>>", zlib.compress(data, 6))
        return number

    def _page_resources(
        self,
        layout: str,
        source: Source,
        page: int,
        layers: list[_Placed],
    ) -> bytes:
        resources = source.pages[page].get("/Resources")
        if not layers:
            if resources is None:
                return b"<<>>"
            if resources.is_indirect:
                return b"%d 0 R" % self.shared(layout)(resources.objgen)
            return merged_resources(resources, self.shared(layout), [])
        key = (
            layout,
            resources.objgen if resources is not None and resources.is_indirect else page,
            tuple(self._resources_key(layer.stamp) for layer in layers),
        )
        number = self._resources.get(key)
        if number is None:
            layer_resources = [
                (
                    self.sources(layer.stamp.layout).pages[layer.stamp.page].get("/Resources"),
                    self._suffix(layer.stamp.layout),
                    self.shared(layer.stamp.layout),
                )
                for layer in layers
            ]
            body = merged_resources(resources, self.shared(layout), layer_resources)
            number = self._resources[key] = self.writer.reserve()
            self.writer.add(number, body)
        return b"%d 0 R" % number

    def _resources_key(self, stamp: Stamp) -> tuple[str, object]:
        """What a stamp's page draws with: its resources, the same for many pages."""
        resources = self.sources(stamp.layout).pages[stamp.page].get("/Resources")
        if resources is not None and resources.is_indirect:
            return stamp.layout, resources.objgen
        return stamp.layout, stamp.page

    def _record(
        self,
        copy: Copy,
        source: Source,
        first: int,
        template: Template,
        base: int,
        key_base: int,
        layers: list[list[_Placed]],
    ) -> None:
        """The copy's pages, structure, parent-tree entries, fields and outline entry."""
        key_of = {old: key_base + i for i, old in enumerate(template.keys)}
        page_numbers = [base + local for local in template.pages]
        for index, number in enumerate(page_numbers):
            self.pages.append(number)
            self.top_elements += [base + local for local in template.roots[index]]
            marked: list[int | None] = [
                base + local if local is not None else None for local in template.marked[index]
            ]
            for layer in layers[index]:
                if not layer.grafted:
                    self.top_elements += [layer.base + local for local in layer.template.roots[0]]
                marked += [None] * (layer.offset - len(marked))
                marked += [
                    layer.base + local if local is not None else None
                    for local in layer.template.marked[0]
                ]
            old_key = template.page_keys[index]
            if old_key is not None:
                entries = b" ".join(b"null" if n is None else b"%d 0 R" % n for n in marked)
                self.parent_tree.append((key_of[old_key], b"[" + entries + b"]"))
        for old_key, element in template.annotations:
            self.parent_tree.append((key_of[old_key], b"%d 0 R" % (base + element)))
        self.fields += [base + local for local in template.fields]
        children = _outline_in(source.outline, first, len(page_numbers), page_numbers)
        if copy.title:
            self.outline.append(OutlineEntry(copy.title, page_numbers[0], [b"/Fit"], children))
        else:
            self.outline += children

    def finish(self, info: dict[str, str], identifier: bytes) -> None:
        """Write the page tree, structure tree, form, outline and catalog; end the file."""
        if self.first is None:
            raise SourceError("an output file needs at least one page")
        first = self.sources(self.first)
        writer = self.writer
        writer.add(
            self.pages_node,
            b"<</Type /Pages /Count %d /Kids [%s]>>"
            % (len(self.pages), b" ".join(b"%d 0 R" % n for n in self.pages)),
        )
        parent_tree = writer.reserve()
        nums = b" ".join(b"%d %s" % (key, value) for key, value in sorted(self.parent_tree))
        writer.add(parent_tree, b"<</Nums [%s]>>" % nums)
        writer.add(
            self.tree_root,
            b"<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>"
            % (self.document, parent_tree, self.next_key),
        )
        writer.add(
            self.document,
            b"<</Type /StructElem /S /Document /P %d 0 R /K [%s]>>"
            % (self.tree_root, b" ".join(b"%d 0 R" % n for n in self.top_elements)),
        )
        catalog = [b"/Type /Catalog", b"/Pages %d 0 R" % self.pages_node]
        catalog.append(b"/StructTreeRoot %d 0 R" % self.tree_root)
        catalog.append(b"/MarkInfo <</Marked true>>")
        catalog += self._catalog_entries(first)
        if self.fields:
            catalog.append(b"/AcroForm %s" % self._acroform())
        outline = write_outline(writer, self.outline)
        if outline is not None:
            catalog.append(b"/Outlines %d 0 R" % outline)
        root = writer.reserve()
        writer.add(root, b"<<" + b" ".join(catalog) + b">>")
        info_number = writer.reserve()
        writer.add(info_number, self._info(first, info))
        for shared in self._shared.values():
            shared.drain()
        writer.finish(root, info_number, identifier)

    def _catalog_entries(self, first: Source) -> list[bytes]:
        entries = []
        shared = self.shared(self.first or "")
        for key in ("/Lang", "/ViewerPreferences", "/Metadata", "/PageMode"):
            value = first.pdf.Root.get(key)
            if value is not None:
                entries.append(pikepdf.Name(key).unparse() + b" " + shared.value(value))
        return entries

    def _acroform(self) -> bytes:
        """The file's form: every copy's fields, and the resources of their appearances."""
        entries = {b"/Fields": b"[%s]" % b" ".join(b"%d 0 R" % n for n in self.fields)}
        fonts: dict[str, bytes] = {}
        for layout in self.form_sources:
            form = self.sources(layout).pdf.Root.get("/AcroForm")
            if form is None:
                continue
            shared = self.shared(layout)
            for key in ("/NeedAppearances", "/DA"):
                if key in form:
                    entries.setdefault(key.encode(), shared.value(form[key]))
            resources = form.get("/DR")
            font_dict = resources.get("/Font") if resources is not None else None
            # Fields name their fonts in /DA; WeasyPrint names a font after its file,
            # so one name means one font in every layout.
            for name, font in font_dict.items() if font_dict is not None else ():
                fonts.setdefault(name, shared.value(font))
        if fonts:
            listed = b" ".join(pikepdf.Name(n).unparse() + b" " + v for n, v in fonts.items())
            entries[b"/DR"] = b"<</Font <<%s>>>>" % listed
        return b"<<" + b" ".join(k + b" " + v for k, v in entries.items()) + b">>"

    def _info(self, first: Source, info: dict[str, str]) -> bytes:
        entries: dict[str, bytes] = {}
        source_info = first.pdf.trailer.get("/Info")
        for key, item in (source_info or {}).items():
            if isinstance(item, pikepdf.String):
                entries[key] = bytes(item.unparse())
        for key, text in info.items():
            entries["/" + key] = bytes(pikepdf.String(text).unparse())
        return (
            b"<<"
            + b" ".join(pikepdf.Name(k).unparse() + b" " + v for k, v in entries.items())
            + b">>"
        )


def _without_length(stream: pikepdf.Stream) -> pikepdf.Dictionary:
    """A stream's dictionary without /Length, which the writer sets."""
    return pikepdf.Dictionary({k: v for k, v in stream.stream_dict.items() if k != "/Length"})


def _renamer(fields: tuple[str, str] | None) -> Callable[[str], str]:
    if fields is None:
        return str
    old, new = fields

    def rename(name: str) -> str:
        return new + name[len(old) :] if name.startswith(old) else name

    return rename


def _descendants(elements: list[pikepdf.Dictionary], depth: int = 0) -> Iterator[pikepdf.Object]:
    """Structure elements and their descendants, depth first."""
    for element in elements:
        yield element
        if depth < 64:
            yield from _descendants(_elements(element), depth + 1)


def _is_room(element: pikepdf.Object) -> bool:
    """Whether a body's structure element is the placeholder of a sentence's room: the
    empty caption (figcaption) reference-checks.html puts beside a sentence's sizer."""
    return element.get("/S") == "/Caption" and len(element.get("/K", ())) == 0


def _sentences(roots: list[pikepdf.Dictionary]) -> list[pikepdf.Object]:
    """A text layer page's sentences, in order: each the one element inside an element
    (a `.slot-layer`) of the page's section."""
    found = []
    for root in roots:
        for holder in _elements(root):
            sentence = _first_kid(holder)
            if sentence is not None:
                found.append(sentence)
    return found


def _elements(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """The structure elements among an element's kids."""
    return [kid for kid in kids(element) if "/S" in kid]


def _first_kid(element: pikepdf.Object) -> pikepdf.Object | None:
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) > 0:
        kid = kids[0]
        return kid if isinstance(kid, pikepdf.Dictionary) else None
    return None


def _outline_in(
    items: list[OutlineItem], first: int, count: int, page_numbers: list[int]
) -> list[OutlineEntry]:
    """The source's bookmarks that point into pages first..first+count-1, on the copy's pages."""
    entries = []
    for item in items:
        children = _outline_in(item.children, first, count, page_numbers)
        if first <= item.page < first + count:
            destination = [scalar(v) for v in item.destination]
            entries.append(
                OutlineEntry(item.title, page_numbers[item.page - first], destination, children)
            )
        else:
            entries += children
    return entries


def assemble_output(
    output: OutputPdf,
    cache: RenderCache,
    numbers: str | None,
    number_pages: dict[tuple[int, int], int],
) -> bytes:
    """One output file, from the laid-out documents in `cache`."""
    opened: dict[str, Source] = {}

    def source(key: str) -> Source:
        found = opened.get(key)
        if found is None:
            data = cache.get(key)
            if data is None:
                raise InternalError(f"a laid-out document went missing from the cache: {key}")
            found = opened[key] = Source.open(data)
        return found

    def stamp(page: int, count: int) -> Stamp:
        if numbers is None:
            raise InternalError("a numbered copy without page-number stamps")
        return Stamp(numbers, number_pages[(page, count)])

    buffer = io.BytesIO()
    try:
        assembler = Assembler(buffer, source, stamp)
        for copy in output.copies:
            assembler.add(copy)
        identity = [output.filename.encode(), assembly_key(output).encode()]
        assembler.finish(dict(output.info), file_identifier(identity))
    finally:
        for opened_source in opened.values():
            opened_source.close()
    return buffer.getvalue()
