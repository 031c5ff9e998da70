"""HTML for boardpack's Markdown data tree: one function per kind of node, every string escaped."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from markupsafe import Markup, escape

from ...document.nodes import INLINE_KINDS
from ...forms import rating_rag

Node = dict[str, Any]
SCROLL_HINT = '<p class="scroll-hint" hidden data-pagefind-ignore>Scroll sideways to see the whole table</p>'
# A wide table scrolls in its own box; tables.js makes the box a named, focusable region and shows the
# hint only when the table really overflows it (WCAG 1.4.10 reflow, 2.1.1 keyboard).
TABLE_WRAP = '<div class="table-wrap">' + SCROLL_HINT


def markdown_html(nodes: list[Any], inline: bool = False, offset: int = 0) -> Markup:
    """HTML for boardpack's Markdown data tree; every string is escaped.

    `offset` moves headings down by that many levels, for a document whose own heading
    sits lower on its web page than in the PDF (minutes are an h1 in the PDF, an h2 here).
    """
    return Markup("").join(_inline(n) if inline else _block(n, offset) for n in nodes)


def captioned(nodes: list[Any], name: str) -> list[Any]:
    """A copy of `nodes` in which every table has a caption: its own, or the text of the heading it stands under
    (`name`, the document's, before the first), numbered when several stand under one ("Ages, table 2 of 3"); the
    caption names the table and, when it scrolls, its box (tables.js), so no two regions of a page are just "Table"."""
    copied = copy.deepcopy(nodes)
    under: dict[str, list[Node]] = {}
    heading = name or "Table"
    for node in _walk(copied):
        if node["t"] == "heading":
            heading = plain_text(node["c"])
        elif node["t"] in ("table", "grid") and "caption" not in node:
            under.setdefault(heading, []).append(node)
    for text, tables in under.items():
        for number, table in enumerate(tables, 1):
            table["caption"] = text if len(tables) == 1 else f"{text}, table {number} of {len(tables)}"
    return copied


def _walk(nodes: list[Any]) -> Iterator[Node]:
    """Every block node of the tree, in reading order."""
    for node in nodes:
        if not isinstance(node, dict) or node["t"] in INLINE_KINDS:
            continue
        yield node
        if node["t"] == "list":
            for item in node["items"]:
                yield from _walk(item)
        elif node["t"] == "grid":
            for row in node["head"] + node["rows"]:
                for cell in row:
                    yield from _walk(cell["c"])
        elif node["t"] in ("quote", "keep", "numbered"):
            yield from _walk(node["c"])


def has_content(nodes: Any) -> bool:
    """Whether a tree shows anything: some text or a picture (a cover-sheet field written "-", an empty bullet,
    shows nothing, and the web edition prints no row for it)."""
    if isinstance(nodes, str):
        return bool(nodes.strip())
    if isinstance(nodes, list):
        return any(has_content(node) for node in nodes)
    if isinstance(nodes, dict):
        return nodes.get("t") in ("img", "rule") or any(
            has_content(nodes.get(key)) for key in ("c", "items", "head", "rows", "v")
        )
    return False


def plain_text(inline: list[Any]) -> str:
    """The text of inline nodes, marks dropped."""
    return "".join(part if isinstance(part, str) else plain_text(part.get("c", [])) for part in inline)


def _caption(node: Node) -> Markup:
    return (
        Markup('<caption class="visually-hidden">%s</caption>\n') % node["caption"] if "caption" in node else Markup("")
    )


def _inline(node: Any) -> Markup:
    if isinstance(node, str):
        return escape(node)
    kind = node["t"]
    inner = markdown_html(node.get("c", []), inline=True)
    if kind == "strong":
        return Markup("<strong>%s</strong>") % inner
    if kind == "em":
        return Markup("<em>%s</em>") % inner
    if kind == "code":
        code: str = node["v"]
        return Markup("<code>%s</code>") % code
    if kind == "br":
        return Markup("<br>")
    if kind == "link":
        return Markup('<a href="%s">%s</a>') % (node["href"], inner)
    if kind == "img":
        return Markup('<img src="%s" alt="%s">') % (node["src"].lstrip("/"), node["alt"])
    if kind == "span":
        return inner
    raise NotImplementedError(f"the web edition has no rendering for the inline node kind {kind!r}")


def _block(node: Node, offset: int = 0) -> Markup:
    """A block node as HTML; a kind not listed in BLOCKS fails loudly (document/nodes.py declares them all)."""
    write = BLOCKS.get(node["t"])
    if write is None:
        raise NotImplementedError(f"the web edition has no rendering for the block node kind {node['t']!r}")
    return write(node, offset)


def _paragraph(node: Node, offset: int) -> Markup:
    return Markup("<p>%s</p>\n") % markdown_html(node["c"], inline=True)


def _heading(node: Node, offset: int) -> Markup:
    level = min(node["level"] + offset, 6)  # set by assemble, below the document's own heading
    anchor = Markup(' id="%s"') % para_anchor(node["number"]) if "number" in node else Markup("")
    return Markup("<h%d%s>%s</h%d>\n") % (level, anchor, markdown_html(node["c"], inline=True), level)


def para_anchor(number: str) -> str:
    """The anchor of a report's numbered paragraph or section: "3.4" -> "para-3-4", "3." -> "para-3"."""
    return "para-" + number.rstrip(".").replace(".", "-")


def _numbered(node: Node, offset: int) -> Markup:
    """A numbered paragraph: its number starts the paragraph (or stands above a table or list), with an anchor
    a minute can link to ("paragraph 3.4": #para-3-4)."""
    anchor, number = para_anchor(node["number"]), Markup('<span class="para-number">%s</span>') % node["number"]
    first = node["c"][0] if node["c"] else None
    if first is not None and first["t"] == "p":
        return Markup('<p class="numbered" id="%s">%s %s</p>\n') % (
            anchor,
            number,
            markdown_html(first["c"], inline=True),
        )
    return Markup('<div class="numbered" id="%s"><p>%s</p>\n%s</div>\n') % (
        anchor,
        number,
        markdown_html(node["c"], offset=offset),
    )


# A numbered list's marker (ListNode.marker) as the list style CSS numbers it by (style.css gives ")" its own rule).
LIST_STYLES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def _list(node: Node, offset: int) -> Markup:
    tag = "ol" if node["ordered"] else "ul"
    attributes = Markup("")
    if node["ordered"] and node.get("start", 1) != 1:
        attributes += Markup(' start="%d"') % node["start"]
    if "marker" in node:  # <ol type="a">, and a class the stylesheet numbers by, "a)" or "a."
        marker: str = node["marker"]
        style = LIST_STYLES[marker[0]] + (" paren" if marker.endswith(")") else "")
        attributes += Markup(' type="%s" class="%s"') % (marker[0], style)
    items = Markup("").join(Markup("<li>%s</li>\n") % markdown_html(item, offset=offset) for item in node["items"])
    return Markup("<%s%s>\n%s</%s>\n") % (tag, attributes, items, tag)


def _table(node: Node, offset: int) -> Markup:
    """A pipe table: one line of text a cell, aligned and RAG-coloured by column."""
    head = Markup("").join(_table_cell(node, "th", x, c, ' scope="col"') for x, c in enumerate(node["head"]))
    rows = Markup("").join(
        Markup("<tr>%s</tr>\n") % Markup("").join(_table_cell(node, "td", x, c) for x, c in enumerate(row))
        for row in node["rows"]
    )
    return Markup(TABLE_WRAP + "<table>\n%s<thead><tr>%s</tr></thead>\n<tbody>\n%s</tbody>\n</table></div>\n") % (
        _caption(node),
        head,
        rows,
    )


def _table_cell(node: Node, tag: str, x: int, content: list[Any], extra: str = "") -> Markup:
    align = node.get("align", [])
    classes = " ".join(
        c
        for c in (
            f"align-{align[x]}" if x < len(align) and align[x] != "left" else "",
            _cell_rag(content, x in node.get("rated", ())) if tag == "td" else "",
        )
        if c
    )
    attributes = Markup(extra) + (Markup(' class="%s"') % classes if classes else Markup(""))
    return Markup("<%s%s>%s</%s>") % (tag, attributes, markdown_html(content, inline=True), tag)


def _cell_rag(cells: list[Any], rated: bool = False) -> str:
    text = "".join(c for c in cells if isinstance(c, str)).strip().lower()
    if rated:  # a risk's rating, coloured as the RAG status it stands for
        text = rating_rag(text)
    return f"rag rag-{text}" if text in ("red", "amber", "green") else ""


def _grid(node: Node, offset: int) -> Markup:
    """A grid table: cells that span rows and columns and hold blocks of their own."""
    head = _grid_rows("th", node["head"], node["align"], offset)
    rows = _grid_rows("td", node["rows"], node["align"], offset)
    return Markup(TABLE_WRAP + '<table class="grid">\n%s%s<tbody>\n%s</tbody>\n</table></div>\n') % (
        _caption(node),
        Markup("<thead>%s</thead>\n") % head if node["head"] else Markup(""),
        rows,
    )


def _grid_rows(tag: str, rows: list[list[Node]], align: list[str], offset: int) -> Markup:
    return Markup("").join(
        Markup("<tr>%s</tr>\n") % Markup("").join(_grid_cell(tag, c, align, offset) for c in row) for row in rows
    )


def _grid_cell(tag: str, cell: Node, align: list[str], offset: int) -> Markup:
    spans = Markup("").join(
        Markup(' %s="%d"') % (name, cell[name]) for name in ("colspan", "rowspan") if cell[name] > 1
    )
    scope = Markup(' scope="%s"') % ("colgroup" if cell["colspan"] > 1 else "col") if tag == "th" else Markup("")
    aligned = align[cell["x"]] if cell["x"] < len(align) else "left"  # a spanning cell: its first column's
    if aligned != "left":
        spans += Markup(' class="align-%s"') % aligned
    return Markup("<%s%s%s>%s</%s>") % (tag, scope, spans, markdown_html(cell["c"], offset=offset), tag)


def _keep(node: Node, offset: int) -> Markup:
    return Markup('<div class="keep">%s</div>\n') % markdown_html(node["c"], offset=offset)


def _quote(node: Node, offset: int) -> Markup:
    return Markup("<blockquote>%s</blockquote>\n") % markdown_html(node["c"], offset=offset)


def _rule(node: Node, offset: int) -> Markup:
    return Markup("<hr>\n")


def _pre(node: Node, offset: int) -> Markup:
    text: str = node["v"]
    return Markup("<pre>%s</pre>\n") % text


BLOCKS: dict[str, Callable[[Node, int], Markup]] = {
    "p": _paragraph,
    "heading": _heading,
    "list": _list,
    "table": _table,
    "grid": _grid,
    "keep": _keep,
    "numbered": _numbered,
    "quote": _quote,
    "rule": _rule,
    "pre": _pre,
}
