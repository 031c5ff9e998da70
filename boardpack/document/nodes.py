"""The node kinds of the document tree, declared once, with small builders.

A report's Markdown, a cover sheet's fields, the minutes' resolutions and the risk table all become
these nodes; the Typst templates (markdown.typ), the HTML writer, the Word writer and the tests' oracle
walk them. They are plain JSON data (a TypedDict is a dict at run time), so a template prints their
strings as text and can never run them as markup. Every renderer dispatches on the `t` of a node and
fails loudly on a kind it does not know; tests/test_document.py holds each of them to this list.
"""

from typing import Any, Literal, NotRequired, TypedDict, get_args, get_type_hints

# Inline nodes: a paragraph's, a heading's or a table cell's content is a list of strings and these.


class Strong(TypedDict):
    t: Literal["strong"]
    c: list["Inline"]


class Em(TypedDict):
    t: Literal["em"]
    c: list["Inline"]


class Code(TypedDict):
    t: Literal["code"]
    v: str


class Break(TypedDict):
    """A hard line break (two trailing spaces or a backslash); a soft break is a space."""

    t: Literal["br"]


class Link(TypedDict):
    """A link to an http(s) or mailto address; any other is refused by check and never a link."""

    t: Literal["link"]
    href: str
    c: list["Inline"]


class Span(TypedDict):
    """Text with no mark of its own: a link whose address was dropped, an image that could not be found."""

    t: Literal["span"]
    c: list["Inline"]
    dropped_href: NotRequired[str]


class Image(TypedDict):
    """A picture of the repository: `src` is its name in the build ("/img/1.png"), `alt` its text."""

    t: Literal["img"]
    src: str
    alt: str


Inline = str | Strong | Em | Code | Break | Link | Span | Image

# Block nodes: a document's body is a list of these.


class Paragraph(TypedDict):
    t: Literal["p"]
    c: list["Inline"]


class Heading(TypedDict):
    """A heading; `level` counts from the document's own title, never skipping one (PDF/UA)."""

    t: Literal["heading"]
    level: int
    c: list["Inline"]
    numbered: NotRequired[bool]  # False: an officer report's section the form leaves unnumbered
    number: NotRequired[str]  # "3." or "3.1": the number its text begins with (Word numbers it, the web anchors it)


class ListNode(TypedDict):
    """A bulleted or numbered list: each item is a list of blocks; a numbered list restarts at `start`."""

    t: Literal["list"]
    ordered: bool
    items: list[list["Block"]]
    start: NotRequired[int]
    # How a numbered list is numbered, as its author wrote it: "a)", "a.", "A)", "i.", "I)", "1)"; absent, "1.".
    marker: NotRequired[Literal["1)", "a.", "a)", "A.", "A)", "i.", "i)", "I.", "I)"]]


class ColumnFit(TypedDict):
    """What a table column holds, for a template to size it: its longest words (and whether bold), its longest cell."""

    words: list[list[Any]]
    chars: int


class Table(TypedDict):
    """A pipe table: a header row and rows of inline cells."""

    t: Literal["table"]
    head: list[list["Inline"]]
    rows: list[list[list["Inline"]]]
    align: list[str]
    fit: list[ColumnFit]
    ragged: NotRequired[list[list[Any]]]  # [source row, its cell count]: rows check reports as not matching the header
    rated: NotRequired[list[int]]  # columns of ratings (a risk's likelihood, impact), coloured as RAG statuses
    caption: NotRequired[str]


class GridCell(TypedDict):
    """A grid table's cell: its blocks, the column it starts in and how many columns and rows it spans."""

    c: list["Block"]
    x: int
    colspan: int
    rowspan: int


class Grid(TypedDict):
    """A grid table, whose cells hold blocks and may be merged across columns and rows."""

    t: Literal["grid"]
    columns: int
    head: list[list[GridCell]]
    rows: list[list[GridCell]]
    fit: list[ColumnFit]
    align: list[str]  # each column's: "left", "right" or "center" (colons in the line under the header)
    caption: NotRequired[str]  # what names it: the web edition's, from the heading it stands under (markup.captioned)


class Quote(TypedDict):
    t: Literal["quote"]
    c: list["Block"]


class Rule(TypedDict):
    t: Literal["rule"]


class Pre(TypedDict):
    """Preformatted text; `grid_problem` marks a grid table Markdown could not read (check reports it)."""

    t: Literal["pre"]
    v: str
    grid_problem: NotRequired[list[str]]


class Numbered(TypedDict):
    """A numbered paragraph of a report ("3.4"): its number printed before the one block it holds, a paragraph's
    first line or on a line of its own above a table or list; the blocks after it, up to the next, are its own."""

    t: Literal["numbered"]
    number: str
    c: list["Block"]


class Keep(TypedDict):
    """Blocks kept together on one page (the author's contact block)."""

    t: Literal["keep"]
    c: list["Block"]


Block = Paragraph | Heading | ListNode | Table | Grid | Quote | Rule | Pre | Keep | Numbered
Node = dict[str, Any]  # a node of either kind as code that walks the tree sees it


def _kinds(union: Any) -> dict[str, type]:
    """Each declaration of a union by the kind its `t` names."""
    return {get_args(get_type_hints(cls)["t"])[0]: cls for cls in get_args(union) if cls is not str}


INLINE_KINDS: dict[str, type] = _kinds(Inline)
BLOCK_KINDS: dict[str, type] = _kinds(Block)


def para(*inline: Any) -> Node:
    """A paragraph of strings and inline nodes (empty strings left out)."""
    return {"t": "p", "c": [part for part in inline if part != ""]}


def paras(text: str) -> list[Node]:
    """A paragraph of `text`, or none when there is no text."""
    return [para(text)] if text else []


def heading(level: int, *inline: Any) -> Node:
    return {"t": "heading", "level": level, "c": list(inline)}


def strong(*inline: Any) -> Node:
    return {"t": "strong", "c": list(inline)}


def em(*inline: Any) -> Node:
    return {"t": "em", "c": list(inline)}


def link(href: str, *inline: Any) -> Node:
    return {"t": "link", "href": href, "c": list(inline)}


def bullets(items: list[list[Node]]) -> Node:
    """A bulleted list of items, each a list of blocks."""
    return {"t": "list", "ordered": False, "items": items}


def keep(blocks: list[Node]) -> Node:
    return {"t": "keep", "c": blocks}


def strong_para(text: str) -> Node:
    """A paragraph in bold (a report's masthead, "Report of …")."""
    return para(strong(text))


def lead_in(words: str, nodes: list[Node]) -> list[Node]:
    """Blocks with `words` in bold at the start of the first paragraph ("Action – …")."""
    lead = [strong(words), " "]
    if nodes and nodes[0]["t"] == "p":
        return [{"t": "p", "c": lead + nodes[0]["c"]}, *nodes[1:]]
    return [{"t": "p", "c": lead[:1]}, *nodes]
