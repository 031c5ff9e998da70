"""Markdown -> a plain data tree that the Typst, HTML and Word renderers walk.

Python-Markdown parses; its raw-HTML handling is switched off, so `<b>` or `<script>`
in a report stays literal text. The tree holds only strings, lists and dicts: a
template prints strings as text and can never run them as markup.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

Node = dict[str, Any]
Inline = list[Any]  # str | Node
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "hr", "pre"}


class _Capture(Treeprocessor):
    """Keeps the finished element tree instead of letting it be serialised."""

    root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


def _parser() -> tuple[markdown.Markdown, _Capture]:
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    md.preprocessors.deregister("html_block")
    for pattern in ("html", "entity", "automail"):
        md.inlinePatterns.deregister(pattern)
    capture = _Capture(md)
    md.treeprocessors.register(capture, "boardpack-capture", -100)
    return md, capture


_PARSER: tuple[markdown.Markdown, _Capture] | None = None


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Node, ...]:
    global _PARSER
    if not text.strip():
        return ()
    if _PARSER is None:
        _PARSER = _parser()
    md, capture = _PARSER
    md.reset()
    md.convert(text)
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
    """The inline content of an element: its text, children and their tails."""
    out: Inline = []
    if element.text:
        out.append(_text(element.text))
    for child in element:
        node = _inline_node(child)
        if node is not None:
            out.append(node)
        if child.tail:
            out.append(_text(child.tail))
    return out


def _inline_node(element: Element) -> Any:
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
        return {"t": "p", "c": _inline(element)}
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return {"t": "heading", "level": int(tag[1]), "c": _inline(element)}
    if tag in ("ul", "ol"):
        items = [_list_item(li) for li in element if li.tag == "li"]
        node: Node = {"t": "list", "ordered": tag == "ol", "items": items}
        if tag == "ol":
            node["start"] = int(element.get("start", "1") or 1)
        return node
    if tag == "table":
        return _table(element)
    if tag == "blockquote":
        return {"t": "quote", "c": [_block(child) for child in element]}
    if tag == "hr":
        return {"t": "rule"}
    if tag == "pre":
        return {"t": "pre", "v": _text("".join(element.itertext()))}
    return {"t": "p", "c": _inline(element)}


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
    for part in element:
        for tr in part:
            cells = [cell for cell in tr if cell.tag in ("th", "td")]
            if part.tag == "thead":
                head = [_inline(cell) for cell in cells]
                align = [_align(cell) for cell in cells]
            else:
                rows.append([_inline(cell) for cell in cells])
    return {"t": "table", "head": head, "rows": rows, "align": align, "widths": _widths([head, *rows])}


def _widths(rows: list[list[Inline]]) -> list[float]:
    """Relative column widths from content: long words and long cells get more room."""
    columns = max((len(row) for row in rows), default=0)
    widths = []
    for index in range(columns):
        texts = [plain_text(row[index]) for row in rows if index < len(row)]
        longest_word = max((len(word) for text in texts for word in text.split()), default=1)
        typical = sorted(len(text) for text in texts)[len(texts) * 3 // 4] if texts else 1
        widths.append(round(min(max(longest_word, typical ** 0.75, 3), 40), 1))
    return widths


def _align(cell: Element) -> str:
    style = cell.get("style", "") + " " + cell.get("align", "")
    for word in ("center", "right"):
        if word in style:
            return word
    return "left"


def plain_text(nodes: Any) -> str:
    """All the text in a tree, for searching and for checks."""
    if isinstance(nodes, str):
        return nodes
    if isinstance(nodes, list):
        return "".join(plain_text(n) for n in nodes)
    if isinstance(nodes, dict):
        parts = [nodes.get("v", "")]
        for key in ("c", "items", "head", "rows"):
            if key in nodes:
                parts.append(plain_text(nodes[key]))
        if nodes.get("t") == "img":
            parts.append(nodes.get("alt", ""))
        sep = " " if nodes.get("t") in ("p", "heading", "list", "table") else ""
        return sep.join(p for p in parts if p)
    return ""


def markdown_plain(text: str) -> str:
    """Markdown source as one line of plain text (for terminals, CSV and Word cells)."""
    return " ".join(plain_text(parse_markdown(text)).split())


def walk(nodes: Any):
    """Every dict node in a tree, depth first."""
    if isinstance(nodes, list):
        for node in nodes:
            yield from walk(node)
    elif isinstance(nodes, dict):
        yield nodes
        for key in ("c", "items", "head", "rows"):
            if key in nodes:
                yield from walk(nodes[key])
