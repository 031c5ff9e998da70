"""The HTML mammoth reads from Word, written as the Markdown of a report: headings, paragraphs, lists,
links and pictures, and tables (a pipe table, or a grid table where cells span or hold several lines)."""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree import ElementTree

from .grids import grid_table

SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
NUMBERING = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")
BREAK = "\x00br\x00"


class MarkdownWriter:
    """HTML elements -> Markdown text; what cannot be carried over is added to `notes`."""

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes

    def blocks(self, elements: list[ElementTree.Element]) -> str:
        return "".join(self.block(e) for e in elements)

    def block(self, element: ElementTree.Element, indent: str = "") -> str:
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return self.heading(element)
        if tag == "p":
            text = _unheading(self.inline(element))
            return f"{indent}{text}\n\n" if text else ""
        if tag in ("ul", "ol"):
            return self.list_block(element, indent) + "\n"
        if tag == "table":
            return self.table(element) + "\n"
        return f"{indent}{self.inline(element)}\n\n"

    def heading(self, element: ElementTree.Element) -> str:
        level = max(int(element.tag[1]), 2)  # the report's title is its `#`
        text = self.inline(element)  # its typed number already taken out (shape.py)
        if text.isupper() and len(text) > 3:  # "BACKGROUND INFORMATION" -> "Background information"
            text = text[0] + text[1:].lower()
        return f"{'#' * level} {text}".rstrip() + "\n\n"  # an empty `###`: a numbered paragraph without a heading

    def list_block(self, element: ElementTree.Element, indent: str) -> str:
        out = []
        for number, item in enumerate((li for li in element if li.tag == "li"), start=1):
            marker = _marker(element.get("data-marker", "1."), number) if element.tag == "ol" else "- "
            text = self.inline(item, skip_blocks=True)
            out.append(f"{indent}{marker}{_unheading(text)}\n")
            out += self.list_item_rest(item, indent + " " * len(marker))
        return "".join(out)

    def list_item_rest(self, item: ElementTree.Element, inner: str) -> list[str]:
        """An item's nested lists and its paragraphs after the first (the first is the item's own text)."""
        first = next((child for child in item if child.tag == "p"), None) if not (item.text or "").strip() else None
        out = []
        for child in item:
            if child.tag in ("ul", "ol"):
                out.append(self.list_block(child, inner))
            elif child.tag == "p" and child is not first:
                out.append(f"{inner}{_unheading(self.inline(child))}\n")
        return out

    def inline(self, element: ElementTree.Element, skip_blocks: bool = False) -> str:
        parts = [_escape(element.text or "")]
        for child in element:
            if skip_blocks and child.tag in ("ul", "ol", "p"):
                if child.tag == "p" and not parts[-1].strip():
                    parts.append(self.inline(child))
                parts.append("")
                continue
            parts.append(self.inline_node(child))
            parts.append(_escape(child.tail or ""))
        return re.sub(r"[ \t]*\n[ \t]*", " ", "".join(parts)).strip().replace(BREAK, "\\\n")

    def inline_node(self, node: ElementTree.Element) -> str:
        inner = self.inline(node)
        if node.tag == "strong":
            return f"**{inner}**" if inner else ""
        if node.tag == "em":
            return f"*{inner}*" if inner else ""
        if node.tag == "br":
            return BREAK  # a hard line break, kept apart from the newlines that collapse to spaces
        if node.tag == "img":
            return (
                "" if node.get("data-dropped") else f"![{_escape(node.get('alt', '')).strip()}]({node.get('src', '')})"
            )
        if node.tag == "a":
            return self.link(node.get("href", ""), inner)
        return inner  # footnote marks stay as "[1]", the notes a numbered list at the end

    def link(self, href: str, inner: str) -> str:
        """A link to the web or an address; any other (a file, a place in the document) is kept as its text."""
        if SAFE_LINK.match(href):
            return f"[{inner}]({href})"
        if href.startswith(("#footnote-ref", "#endnote-ref")):
            return ""  # a note's link back to its mark
        if href and not href.startswith("#"):
            self.notes.append(
                f"the link to {href!r} was kept as text: links must start with https://, http:// or mailto:"
            )
        return inner

    def table(self, element: ElementTree.Element) -> str:
        rows = [[cell for cell in tr if cell.tag in ("td", "th")] for tr in element.iter("tr")]
        if not rows:
            return ""
        spans = any(cell.get("colspan") or cell.get("rowspan") for row in rows for cell in row)
        texts = [[self.cell_text(cell) for cell in row] for row in rows]
        if not spans and all("\n" not in text for row in texts for text in row):
            return _pipe_table(texts)
        return grid_table(rows, texts)

    def cell_text(self, cell: ElementTree.Element) -> str:
        return "\n\n".join(text for child in cell if (text := self.block(child).strip())) or self.inline(cell)


def _marker(kind: str, number: int) -> str:
    """An ordered list's marker for its `number`th item, as Word numbered it: "3. ", "c) ", "iv. ", "C.  " (two
    spaces after a capital and a full stop, so that "A. Smith" is not read as a list)."""
    counted: dict[str, Callable[[int], str]] = {
        "a": _letters,
        "A": lambda n: _letters(n).upper(),
        "i": _roman,
        "I": lambda n: _roman(n).upper(),
    }
    label = counted.get(kind[0], str)(number) + kind[1:]
    return f"{label}  " if label[0].isupper() and label.endswith(".") else f"{label} "


def _letters(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa", as Word letters a list."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
    (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, numeral in ROMAN:
        out, number = out + numeral * (number // value), number % value
    return out


def _pipe_table(texts: list[list[str]]) -> str:
    """A table of one line a cell, the first row its header; short rows are filled to the widest."""
    width = max(len(row) for row in texts)
    texts = [row + [""] * (width - len(row)) for row in texts]
    lines = ["| " + " | ".join(row) + " |" for row in texts]  # a `|` in a cell is escaped already
    return "\n".join([lines[0], "|" + "---|" * width, *lines[1:]]) + "\n"


def _unheading(text: str) -> str:
    """A paragraph that starts with `#` (a hashtag) is text, not a heading."""
    return "\\" + text if text.startswith("#") else text


def _escape(text: str) -> str:
    """Text that Markdown prints as it is: characters that would start markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
