"""Joining laid-out PDFs into one file, keeping it a tagged, fillable PDF.

Each scoring sheet and reference form is laid out as its own small document
(the layout cost per page is the same either way, memory stays small, and an
unchanged sheet is taken from the cache). A combined file is then assembled
here with pikepdf: pages are appended, every part's structure tree is hung
under the first part's Document element with its parent-tree keys renumbered,
form fields are gathered into one AcroForm, and the outline gets one entry per
part. The result stays PDF/UA-tagged and its form fields stay unique, because
each part's field names already carry their sheet's key.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import pikepdf

# Parts merged in one go. pikepdf keeps every source open until the result is
# saved, so merging hundreds of sheets at once holds them all in memory; merging
# in groups, then the groups, keeps memory flat at a small cost in time.
GROUP = 24


@dataclass(frozen=True)
class _Piece:
    data: bytes
    outline: tuple[tuple[str, int], ...]  # (title, first page within the piece)


def merge(parts: Sequence[tuple[bytes, str]], *, info: Mapping[str, str] | None = None) -> bytes:
    """One PDF made of `parts` (a PDF and its outline title each), in order; `info`
    sets document-information entries."""
    if not parts:
        raise ValueError("nothing to merge")
    pieces = [_Piece(data, ((title, 0),)) for data, title in parts]
    while len(pieces) > GROUP:
        pieces = [_join(pieces[i : i + GROUP]) for i in range(0, len(pieces), GROUP)]
    return _join(pieces, info).data


def _join(pieces: Sequence[_Piece], info: Mapping[str, str] | None = None) -> _Piece:
    out = pikepdf.open(io.BytesIO(pieces[0].data))
    tree = out.Root.get("/StructTreeRoot")
    document = tree.K[0] if tree is not None and isinstance(tree.K, pikepdf.Array) else None
    nums: list[pikepdf.Object | int] = list(_parent_tree_nums(tree))
    next_key = _next_key(nums)
    outline = list(pieces[0].outline)
    for piece in pieces[1:]:
        source = pikepdf.open(io.BytesIO(piece.data))
        first_new = len(out.pages)
        outline.extend((title, first_new + start) for title, start in piece.outline)
        # pages.extend is much lighter than add_pages_from on large forms; the
        # fields are carried over below, and their names are unique already.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            out.pages.extend(source.pages)
        offset = next_key
        for page in out.pages[first_new:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        source_tree = source.Root.get("/StructTreeRoot")
        if document is not None and source_tree is not None:
            source_nums = _parent_tree_nums(source_tree)
            for index in range(0, len(source_nums), 2):
                nums.append(int(source_nums[index]) + offset)
                nums.append(_copy(out, source_nums[index + 1]))
            next_key = offset + _next_key(source_nums)
            for element in _copy(out, source_tree.K[0]).get("/K", []):
                if isinstance(element, pikepdf.Dictionary):
                    element.P = document
                document.K.append(element)
        _merge_fields(out, source)
    if tree is not None:
        tree.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        tree.ParentTreeNextKey = next_key
    with out.open_outline() as items:
        items.root.clear()
        items.root.extend(pikepdf.OutlineItem(title, page) for title, page in outline)
    _share_font_files(out)
    for key, value in (info or {}).items():
        out.docinfo[pikepdf.Name("/" + key)] = value
    buffer = io.BytesIO()
    # A deterministic identifier keeps rebuilds byte-identical.
    out.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return _Piece(buffer.getvalue(), tuple(outline))


def _parent_tree_nums(tree: pikepdf.Object | None) -> list[pikepdf.Object]:
    if tree is None or "/ParentTree" not in tree:
        return []
    parent_tree = tree.ParentTree
    if "/Nums" in parent_tree:
        return list(parent_tree.Nums)
    # WeasyPrint writes a flat number tree; a tree with /Kids is flattened.
    flat: list[pikepdf.Object] = []
    for kid in parent_tree.get("/Kids", []):
        flat.extend(_parent_tree_nums(pikepdf.Dictionary(ParentTree=kid)))
    return flat


def _next_key(nums: Sequence[pikepdf.Object | int]) -> int:
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max(keys) + 1 if keys else 0


def _share_font_files(out: pikepdf.Pdf) -> None:
    """Keep one copy of each embedded font program.

    Every fillable part embeds the whole text font for its form fields (a reader
    needs every glyph to show what is typed); merged, those copies would make a
    posting's scoring sheets hundreds of megabytes. Identical programs are
    pointed at one stream; the unused copies are dropped when the file is saved.
    """
    seen: dict[bytes, pikepdf.Object] = {}
    for descriptor in _form_font_descriptors(out):
        for key in ("/FontFile2", "/FontFile3", "/FontFile"):
            program = descriptor.get(key)
            if program is None:
                continue
            raw = program.read_raw_bytes()
            if len(raw) < 64_000:  # subsets differ per part; only whole fonts repeat
                continue
            digest = hashlib.sha256(raw).digest()
            if digest in seen:
                descriptor[key] = seen[digest]
            else:
                seen[digest] = program


def _form_font_descriptors(out: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Font descriptors of the form fields: the AcroForm's and the widgets' fonts.

    Walking only these (not every object of a thousand-page file) keeps the
    pass quick and small.
    """
    fonts: list[pikepdf.Object] = []
    form = out.Root.get("/AcroForm")
    if form is not None:
        fonts.extend(_fonts_of(form))
    for page in out.pages:
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            appearance = annotation.get("/AP")
            normal = appearance.get("/N") if appearance is not None else None
            if isinstance(normal, pikepdf.Stream):
                fonts.extend(_fonts_of(normal))
            elif isinstance(normal, pikepdf.Dictionary):
                for state in normal.values():
                    if isinstance(state, pikepdf.Stream):
                        fonts.extend(_fonts_of(state))
    seen: set[tuple[int, int]] = set()
    for font in fonts:
        for candidate in [font, *font.get("/DescendantFonts", [])]:
            descriptor = candidate.get("/FontDescriptor")
            if descriptor is not None and descriptor.objgen not in seen:
                seen.add(descriptor.objgen)
                yield descriptor


def _fonts_of(holder: pikepdf.Object) -> list[pikepdf.Object]:
    """The fonts in a form's default resources (/DR) or a stream's /Resources."""
    resources = holder.get("/DR") if "/DR" in holder else holder.get("/Resources")
    if resources is None or "/Font" not in resources:
        return []
    return list(resources.Font.values())


def _merge_fields(out: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    """Add the source's form fields (already copied with their pages) to the AcroForm."""
    source_form = source.Root.get("/AcroForm")
    if source_form is None or not source_form.get("/Fields"):
        return
    if "/AcroForm" not in out.Root:
        out.Root.AcroForm = _copy(out, source_form)
        return
    fields = out.Root.AcroForm.get("/Fields")
    if fields is None:
        out.Root.AcroForm.Fields = fields = pikepdf.Array()
    for field in source_form.Fields:
        fields.append(_copy(out, field))


def _copy(out: pikepdf.Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """Bring an object from another PDF, direct containers included.

    Indirect objects go through pikepdf's copier, which maps every object of a
    source once, so structure elements land on the pages already copied.
    """
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(out, item) for item in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj
