"""Text layers: a copy's own sentences, laid out over the room a shared body leaves them.

A reference form names its candidate in a dozen sentences, and the rest of the
form is the same for every candidate. So the form is laid out once as a body
in which each such sentence is replaced by an invisible copy of itself, its
"sizer", where a blank block as wide as the widest name stands for the name;
the sizer takes the room the sentence will take, and carries an id that starts
with `ROOM`. Each candidate's sentences are then laid out as a text layer: a
document whose elements `[data-slot=ID]` hold the sentence for room ID. This
module reads where the body put each room and writes the stylesheet that puts
every sentence there, on the page of its room, as wide as its room; the layer
then has a page per body page that has rooms, and is stamped over it.

A name is an inline block no wider than the blank block (see packet.css), so
a sentence never needs more lines than its sizer; `check_fit` makes sure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from interviewkit.errors import InternalError

ROOM = "slot-"
# Layer elements' ids: the room's id, this, and the copy's anchor.
SEPARATOR = "."
_MARGIN_BOXES = (
    "top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
    "right-top", "right-middle", "right-bottom", "bottom-right-corner", "bottom-right",
    "bottom-center", "bottom-left", "bottom-left-corner", "left-bottom", "left-middle",
    "left-top",
)  # fmt: skip


@dataclass(frozen=True)
class Room:
    """Where a body left room for a sentence: its sizer's margin box, in CSS px."""

    page: int
    x: float
    y: float
    width: float  # of the content box
    height: float  # of the margin box
    page_width: float
    page_height: float


def rooms(body: Any) -> dict[str, Room]:
    """Every room of a laid-out body (a weasyprint Document), by id, in page order."""
    found: dict[str, Room] = {}
    for index, page in enumerate(body.pages):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            ident = element.get("id") if element is not None else None
            if not ident or not ident.startswith(ROOM) or getattr(box, "pseudo_type", None):
                continue
            if ident in found:
                if found[ident].page != index:
                    raise InternalError(f"a sentence's room was split across pages: {ident}")
                continue  # a line or text box of the element already found
            found[ident] = Room(
                index,
                box.position_x,
                box.position_y,
                box.width,
                box.margin_height(),
                page.width,
                page.height,
            )
    return found


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def placing_css(found: dict[str, Room]) -> str:
    """The stylesheet that puts each layer sentence over its room, whatever the
    layer's own stylesheets say (its rules are important, and from the user).

    Each candidate's sentences start a page; a sentence whose room is on a later
    body page than the one before it starts a new page.
    """
    rules = []
    first = next(iter(found.values()), None)
    if first is not None:
        blank = " ".join(f"@{name} {{ content: none !important; }}" for name in _MARGIN_BOXES)
        size = f"{first.page_width:.4f}px {first.page_height:.4f}px"
        rules.append(f"@page {{ size: {size} !important; margin: 0 !important; {blank} }}")
    rules.append(
        ".slot-layer { display: block !important; height: 0 !important;"
        " margin: 0 !important; padding: 0 !important; }"
    )
    previous = None
    for ident, room in found.items():
        selector = f'.slot-layer[data-slot="{ident}"]'
        if previous is not None and room.page != previous.page:
            rules.append(f"{selector} {{ break-before: page !important; }}")
        place = (
            f"left: {room.x:.4f}px !important; top: {room.y:.4f}px !important;"
            f" width: {room.width:.4f}px !important;"
        )
        rules.append(f"{selector} > * {{ position: absolute !important; {place} }}")
        previous = room
    return "\n".join(rules)


def check_fit(layer: Any, found: dict[str, Room]) -> None:
    """Fail if a layer sentence takes more room than the body left it."""
    for page in layer.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            slot = element.get("data-slot") if element is not None else None
            if slot is None or getattr(box, "pseudo_type", None):
                continue
            room = found.get(slot)
            if room is None:
                raise InternalError(f"a text layer has a sentence with no room: {slot}")
            for child in getattr(box, "children", ()):
                placed = getattr(child, "_box", child)
                if placed.margin_height() > room.height + 0.01:
                    raise InternalError(f"a sentence is taller than its room: {slot}")
