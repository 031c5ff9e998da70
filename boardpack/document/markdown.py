"""Markdown -> the document tree (see nodes.py) that the Typst, HTML and Word renderers walk.

Python-Markdown parses (configured in mdparser.py, imported only when a text is not in the board's
cache); its raw-HTML handling is switched off, so `<b>` or `<script>`
in a report stays literal text. The tree holds only strings, lists and dicts: a
template prints strings as text and can never run them as markup.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from .nodes import BLOCK_KINDS, Node

Inline = list[Any]  # str | Node
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
AMP_SUBSTITUTE = "\x02amp\x03"  # Python-Markdown's stand-in for "&" in a text (markdown.util's)
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "hr", "pre"}
_MARKERS = {"decimal": "1", "alpha": "a", "ALPHA": "A", "roman": "i", "ROMAN": "I"}  # fancylists' styles -> markers

_PARSER: tuple[Any, Any] | None = None  # mdparser.parser(): Python-Markdown's, and its captured tree

# Parses by the SHA-256 of their text: read back from a board's cache (see memo.py), and made by this process.
_KNOWN: dict[str, tuple[Node, ...]] = {}
_MADE: dict[str, tuple[Node, ...]] = {}


def text_key(text: str) -> str:
    """The key a parse of `text` is kept under: the SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def remember(parses: dict[str, tuple[Node, ...]]) -> None:
    """Take up parses made before (by their text's key), so that those texts are not parsed again."""
    _KNOWN.update(parses)


def parses_made() -> dict[str, tuple[Node, ...]]:
    """The parses this process has made (not those it was given), by their text's key."""
    return dict(_MADE)


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Node, ...]:
    if not text.strip():
        return ()
    key = text_key(text)
    if (known := _KNOWN.get(key)) is not None:
        return known
    _MADE[key] = _parsed(text)
    return _MADE[key]


def _parsed(text: str) -> tuple[Node, ...]:
    global _PARSER
    if _PARSER is None:
        from . import mdparser  # Python-Markdown: imported only when a text is not in the cache (see mdparser)

        _PARSER = mdparser.parser()
    md, capture = _PARSER
    md.reset()
    try:
        md.convert(text)
    except BaseException:
        # A parse cut short (RecursionError in text nested hundreds deep) leaves the parser's block
        # state behind (a list it was inside, say), which reset() keeps: the next text would be
        # read as if inside that list. The next parse gets a new parser.
        _PARSER = None
        raise
    assert capture.root is not None
    return tuple(_block(child) for child in capture.root)


def parse_markdown(text: str) -> list[Node]:
    """Parse Markdown into a list of block nodes: {"t": "p", "c": [...]} and so on."""
    return list(_parse(text or ""))


def _text(value: str | None) -> str:
    if not value:
        return ""
    if AMP_SUBSTITUTE in value:
        value = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))
    return value


def _inline(element: Element) -> Inline:
    """The inline content of an element: its text, children and their tails.

    A line break in the source is a space (Markdown's soft break); only two trailing
    spaces or a backslash make a hard break ({"t": "br"}), in every edition.
    """
    out: Inline = []
    if element.text:
        out.append(_text(element.text))
    for child in element:
        node = _inline_node(child)
        if node is not None:
            out.append(node)
        if child.tail:
            out.append(_text(child.tail))
    return _soft_breaks(out)


_SPACES = re.compile(r"[ \t\r\n]+")


# A short token that must not break across lines: an arrow or a sign and the number it goes with ("↓ 36.5%",
# "+ 2"), or a number and the sign after it ("36.5% -"). The space between becomes a no-break space, in the tree
# that every edition prints, so a narrow column keeps the arrow beside its number in each of them.
_SIGN = "←↑→↓↔↕↖↗↘↙▲▼△▽+\\-−±~≈<>≤≥"
_SIGN_FIRST = re.compile(rf"(?<!\S)([{_SIGN}]) (?=[£$€]?\d)")
_SIGN_AFTER = re.compile(rf"(\d%?) ([{_SIGN}])(?=\s|$|[.,;:)])")


def _joined(text: str) -> str:
    return _SIGN_AFTER.sub("\\1\u00a0\\2", _SIGN_FIRST.sub("\\1\u00a0", text))


# A table cell holding only a short label and its number ("Team 11", "Q1 2014", "Level 3") is held together
# too: a column as narrow as the label's longest word would print the number under it. A longer heading
# ("Target 2011/12") may still break, so as not to take its width from the table's other columns.
_LABEL_NUMBER = re.compile(r"([^\W\d]\S{0,7}) (\d[\d.,%]{0,3})")


def _held(cell: Inline) -> Inline:
    """A cell's text, its space a no-break space when it is a short label and its number."""
    if len(cell) == 1 and isinstance(cell[0], str) and _LABEL_NUMBER.fullmatch(cell[0]):
        return [cell[0].replace(" ", "\u00a0")]
    return cell


def _trimmed(nodes: Inline) -> Inline:
    """A block's inline content without a space at either end (a grid cell's last source line may be blank)."""
    out = list(nodes)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip(" ")
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip(" ")
    return [node for node in out if node != ""]


def _soft_breaks(nodes: Inline) -> Inline:
    """Newlines and runs of spaces become one space; no space is left beside a hard break."""
    out: Inline = []
    for index, node in enumerate(nodes):
        if isinstance(node, str):
            node = _joined(_SPACES.sub(" ", node))
            if index and _is_break(nodes[index - 1]):
                node = node.lstrip(" ")
            if index + 1 < len(nodes) and _is_break(nodes[index + 1]):
                node = node.rstrip(" ")
            if not node:
                continue
        out.append(node)
    return out


def _is_break(node: object) -> bool:
    return isinstance(node, dict) and node.get("t") == "br"


def _inline_node(element: Element) -> Node:
    tag = element.tag
    if tag in ("strong", "b"):
        return {"t": "strong", "c": _inline(element)}
    if tag in ("em", "i"):
        return {"t": "em", "c": _inline(element)}
    if tag == "code":
        return {"t": "code", "v": _text("".join(element.itertext()))}
    if tag == "br":
        return {"t": "br"}
    if tag == "a":
        href = element.get("href", "")
        children = _inline(element)
        if SAFE_LINK.match(href):
            return {"t": "link", "href": href, "c": children}
        return {"t": "span", "c": children, "dropped_href": href}
    if tag == "img":
        return {"t": "img", "src": element.get("src", ""), "alt": element.get("alt", "")}
    if tag in _BLOCKS:
        return _block(element)
    return {"t": "span", "c": _inline(element)}


def _block(element: Element) -> Node:
    tag = element.tag
    if tag == "p":
        return {"t": "p", "c": _trimmed(_inline(element))}
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return {"t": "heading", "level": int(tag[1]), "c": _trimmed(_inline(element))}
    if tag in ("ul", "ol"):
        items = [_list_item(li) for li in element if li.tag == "li"]
        node: Node = {"t": "list", "ordered": tag == "ol", "items": items}
        if tag == "ol":
            node["start"] = int(element.get("start", "1") or 1)
            delimiter, _, kind = element.get("__fancylist", "dot-decimal").partition("-")
            marker = _MARKERS.get(kind, "1") + (")" if delimiter == "paren" else ".")
            if marker != "1.":
                node["marker"] = marker
        return node
    if tag == "table":
        return _grid(element) if _is_grid(element) else _table(element)
    if tag == "blockquote":
        return {"t": "quote", "c": [_block(child) for child in element]}
    if tag == "hr":
        return {"t": "rule"}
    if tag == "pre":
        node = {"t": "pre", "v": _text("".join(element.itertext()))}
        if element.get("data-grid-problem"):
            node["grid_problem"] = [element.get("data-source", ""), element.get("data-grid-problem")]
        return node
    return {"t": "p", "c": _inline(element)}


def _is_grid(element: Element) -> bool:
    """A grid table's cells hold blocks (markdown-grids parses each cell as Markdown); a pipe table's, text."""
    return any(child.tag in _BLOCKS for part in element for tr in part for cell in tr for child in cell)


def _grid(element: Element) -> Node:
    """A grid table: rows of cells, each {"c": blocks, "x": its first column, "colspan", "rowspan"}."""
    sections: dict[str, list[list[Node]]] = {"thead": [], "tbody": []}
    taken: set[tuple[int, int]] = set()  # (row, column) covered by a cell above that spans rows
    y = 0
    for part in element:
        for tr in part:
            row: list[Node] = []
            x = 0
            for cell in (c for c in tr if c.tag in ("th", "td")):
                while (y, x) in taken:
                    x += 1
                colspan, rowspan = int(cell.get("colspan", "1")), int(cell.get("rowspan", "1"))
                taken |= {(y + dy, x + dx) for dy in range(rowspan) for dx in range(colspan)}
                row.append({"c": _cell_blocks(cell), "x": x, "colspan": colspan, "rowspan": rowspan})
                x += colspan
            sections["thead" if part.tag == "thead" else "tbody"].append(row)
            y += 1
    columns = max((x + 1 for _, x in taken), default=0)
    texts: list[list[str]] = [[] for _ in range(columns)]
    for cells in sections["thead"] + sections["tbody"]:
        for spanned in cells:
            if spanned["colspan"] == 1:
                texts[spanned["x"]].append(plain_text(spanned["c"]))
    fit = [column_fit([""], [[text] for text in column])[0] for column in texts]
    align = (element.get("data-align") or "").split()
    align = align if len(align) == columns else ["left"] * columns
    return {
        "t": "grid",
        "columns": columns,
        "head": sections["thead"],
        "rows": sections["tbody"],
        "fit": fit,
        "align": align,
    }


def _cell_blocks(cell: Element) -> list[Node]:
    """A grid table cell's blocks (text outside any block, as a paragraph)."""
    blocks = [_block(child) for child in cell if child.tag in _BLOCKS]
    if cell.text and cell.text.strip():
        blocks.insert(0, {"t": "p", "c": _trimmed(_inline(cell))})
    if len(blocks) == 1 and blocks[0]["t"] == "p":
        blocks[0]["c"] = _held(blocks[0]["c"])
    return blocks


def _list_item(element: Element) -> list[Node]:
    """A list item as blocks: loose items already hold <p>; tight ones hold inline text."""
    if any(child.tag in _BLOCKS for child in element):
        blocks: list[Node] = []
        loose: Inline = [_text(element.text)] if element.text and element.text.strip() else []
        for child in element:
            if child.tag in _BLOCKS:
                if loose:
                    blocks.append({"t": "p", "c": loose})
                    loose = []
                blocks.append(_block(child))
            else:
                node = _inline_node(child)
                if node is not None:
                    loose.append(node)
            if child.tail and child.tail.strip():
                loose.append(_text(child.tail))
        if loose:
            blocks.append({"t": "p", "c": loose})
        return blocks
    return [{"t": "p", "c": _inline(element)}]


def _table(element: Element) -> Node:
    head: list[Inline] = []
    rows: list[list[Inline]] = []
    align: list[str] = []
    ragged: list[list[Any]] = []  # [source row, its cell count] for rows that do not match the header
    for part in element:
        for tr in part:
            cells = [cell for cell in tr if cell.tag in ("th", "td")]
            if tr.get("data-cells"):
                ragged.append([tr.get("data-source", ""), int(tr.get("data-cells", "0"))])
            if part.tag == "thead":
                head = [_held(_inline(cell)) for cell in cells]
                align = [_align(cell) for cell in cells]
            else:
                rows.append([_held(_inline(cell)) for cell in cells])
    fit = column_fit([plain_text(c) for c in head], [[plain_text(c) for c in row] for row in rows])
    node = {"t": "table", "head": head, "rows": rows, "align": align, "fit": fit}
    if ragged:
        node["ragged"] = ragged
    return node


def column_fit(head: list[str], rows: list[list[str]]) -> list[dict[str, Any]]:
    """What a table's columns hold, for the template to size them from (see fit-columns in markdown.typ):
    each column's longest words (header words are bold) and its longest cell in characters."""
    fit = []
    for index in range(len(head)):
        texts = [row[index] for row in rows if index < len(row)]
        words = [(word, False) for text in texts for word in _words(text)] + [(w, True) for w in _words(head[index])]
        longest = sorted(words, key=lambda pair: -len(pair[0]) - (2 if pair[1] else 0))[:3]
        fit.append(
            {
                "words": [list(pair) for pair in longest] or [["", False]],
                "chars": max((len(text) for text in [head[index], *texts]), default=0),
            }
        )
    return fit


def _words(text: str) -> list[str]:
    """The words a line may break between: a no-break space joins ("↓ 36.5%" is one word)."""
    return [word for word in re.split(r"[^\S\u00a0]+", text) if word]


def _align(cell: Element) -> str:
    style = cell.get("style", "") + " " + cell.get("align", "")
    for word in ("center", "right"):
        if word in style:
            return word
    return "left"


def plain_text(nodes: object) -> str:
    """All the text in a tree, for searching and for checks: blocks, list items, cells and
    hard breaks are separated by a space, inline runs are joined as they read."""
    if isinstance(nodes, str):
        return nodes
    if isinstance(nodes, list):
        separate = any(isinstance(n, list) or (isinstance(n, dict) and n.get("t") in BLOCK_KINDS) for n in nodes)
        return (" " if separate else "").join(plain_text(n) for n in nodes)
    if isinstance(nodes, dict):
        kind = nodes.get("t")
        if kind == "br":
            return " "
        if kind == "img":
            alt: str = nodes.get("alt", "")
            return alt
        if kind == "table":
            return plain_text([nodes["head"], *nodes["rows"]])
        if kind == "grid":
            return plain_text([[cell["c"] for cell in row] for row in [*nodes["head"], *nodes["rows"]]])
        own: str = nodes.get("v", "")
        return own + plain_text(nodes.get("c", nodes.get("items", [])))
    return ""


def markdown_plain(text: str) -> str:
    """Markdown source as one line of plain text (for terminals, CSV and Word cells)."""
    return " ".join(plain_text(parse_markdown(text)).split())


def walk(nodes: object) -> Iterator[Node]:
    """Every dict node in a tree, depth first."""
    if isinstance(nodes, list):
        for node in nodes:
            yield from walk(node)
    elif isinstance(nodes, dict):
        yield nodes
        for key in ("c", "items", "head", "rows"):
            if key in nodes:
                yield from walk(nodes[key])
