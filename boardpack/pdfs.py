"""Facts about a PDF that check, assembly and the renderers all ask: is it tagged, how big are its pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf


def is_tagged(source: pikepdf.Pdf) -> bool:
    """Whether a PDF carries a structure tree a reader can follow."""
    tree = source.Root.get("/StructTreeRoot")
    mark = source.Root.get("/MarkInfo")
    return tree is not None and tree.get("/K") is not None and bool(mark is not None and mark.get("/Marked", False))


def page_size(page: pikepdf.Page) -> list[float]:
    """Width and height in points as a viewer shows the page (rotation applied)."""
    box = page.mediabox
    width, height = abs(float(box[2]) - float(box[0])), abs(float(box[3]) - float(box[1]))
    return [height, width] if int(page.obj.get("/Rotate", 0)) % 180 else [width, height]
