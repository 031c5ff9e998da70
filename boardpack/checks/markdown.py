"""What Markdown may hold so that every edition prints it: files in the repository for images (with alt text),
safe links, no raw HTML, tables and lists that fit a page, nesting Typst can lay out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from ..document.markdown import parse_markdown, plain_text, walk
from ..document.nodes import Node
from ..model import Implications, Risk
from ..repository import repository_file

_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")


IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")


MAX_MARKDOWN = 1_000_000


MAX_BRACKETS = 1000  # Python-Markdown's link parsing slows steeply with unclosed '['


MAX_LIST_DEPTH = 3  # Word's list styles go three levels deep (List Bullet 3), as board papers do (1., a., i.)


MAX_TABLE_COLUMNS = 10  # the most that fit side by side on a portrait page in large print


MAX_NESTING = 12  # quotes in quotes, emphasis in emphasis: deeper trips Typst's limits (show rules, data)


PART_LEVEL = 3  # `###`: a part of a report's `##` section (3.1, 3.2)


Found = tuple[str, str]  # (the offending text, why)


def markdown_problems(root: Path, text: str, base: str = "", parts: bool = False) -> list[Found]:
    """(the offending text, why) for each image, link or raw HTML a Markdown text may not hold; with `parts` (a
    report in numbered paragraphs) an empty `###` is a numbered part without a heading."""
    if len(text) > MAX_MARKDOWN:
        return [(text[:40], f"Markdown text is longer than {MAX_MARKDOWN // 1_000_000} MB; split it")]
    brackets = _bracket_problems(text)
    if brackets:
        return brackets
    try:
        nodes = parse_markdown(text)
        depth = _nesting(nodes)
    except RecursionError:  # nested far beyond anything printable (hundreds of quotes or list levels)
        deepest = max(text.splitlines(), key=lambda line: len(line) - len(line.lstrip(" >\t")))
        return [
            (
                deepest,
                f"Markdown nests too deeply to read (quotes within quotes, lists within lists); at most "
                f"{MAX_NESTING} levels can be printed",
            )
        ]
    if depth > MAX_NESTING:
        return [
            (
                text[:40],
                f"Markdown nests {depth} levels deep (quotes within quotes, emphasis within "
                f"emphasis); at most {MAX_NESTING} levels can be printed",
            )
        ]
    found = _list_depth_problems(text, nodes)
    for node in walk(nodes):
        found += _grid_problems(text, node)
        found += _table_problems(text, node)
        found += _heading_problems(text, node, parts)
        found += _image_problems(root, base, node) if node.get("t") == "img" else _link_problems(node)
        found += _raw_html_problems(node)
    return found


def _bracket_problems(text: str) -> list[Found]:
    """A paragraph with so many '[' that Markdown would take too long to read it (the first such)."""
    for block in re.split(r"\n\s*\n", text):
        if block.count("[") > MAX_BRACKETS:
            return [
                (
                    block[:40],
                    f"a paragraph has {block.count('[')} '[' characters (at most {MAX_BRACKETS}); "
                    "Markdown would take too long to read it",
                )
            ]
    return []


def _list_depth_problems(text: str, nodes: list[Node]) -> list[Found]:
    """Lists nested deeper than every edition prints."""
    if _list_depth(nodes) <= MAX_LIST_DEPTH:
        return []
    items = re.findall(r"(?m)^[ \t]*(?:[-*+]|\d+\.) .*$", text)
    deep = max(items, key=lambda line: len(line) - len(line.lstrip()), default=text[:40])
    return [(deep, f"lists nest {_list_depth(nodes)} deep; at most {MAX_LIST_DEPTH} levels print in every edition")]


def _grid_problems(text: str, node: Node) -> list[Found]:
    """A grid table Markdown could not read, one read as text, or one too wide for a page."""
    found: list[Found] = []
    if "grid_problem" in node:
        found.append(tuple(node["grid_problem"]))
    if node.get("t") == "p" and re.match(r"\+[-=+]+\+ \|", plain_text(node["c"])):
        first = plain_text(node["c"]).split(" ")[0]
        found.append(
            (
                first,
                "this looks like a grid table but was read as text: its first and last lines must be "
                "borders such as +------+------+, and a cell's text must not touch its borders",
            )
        )
    if node.get("t") == "grid" and node["columns"] > MAX_TABLE_COLUMNS:
        found.append(
            (
                text[:40],
                f"a grid table has {node['columns']} columns; at most {MAX_TABLE_COLUMNS} fit on a "
                "page in large print: split it, or attach it as a PDF appendix",
            )
        )
    return found


def _table_problems(text: str, node: Node) -> list[Found]:
    """A pipe table's rows whose cells do not match its header, and a table too wide for a page."""
    if node.get("t") != "table":
        return []
    found: list[Found] = []
    for row, cells in node.get("ragged", []):
        found.append(
            (
                row,
                f"table row '{row.strip()}' has {cells} cell{'s' if cells != 1 else ''} "
                f"but the table has {len(node['head'])} "
                "columns; give every row one cell a column (an empty cell is `| |`)",
            )
        )
    if len(node["head"]) > MAX_TABLE_COLUMNS:
        wide = re.search(rf"(?m)^[^\n]*(?:\|[^|\n]*){{{MAX_TABLE_COLUMNS},}}$", text)
        found.append(
            (
                wide.group(0) if wide else text[:40],
                f"a table has {len(node['head'])} columns; at most {MAX_TABLE_COLUMNS} fit on a "
                "page in large print: split it, or attach it as a PDF appendix",
            )
        )
    return found


def _heading_problems(text: str, node: Node, parts: bool = False) -> list[Found]:
    """A heading with no text (but for an empty `###` in a report whose paragraphs are numbered: a numbered part
    without a heading)."""
    if node.get("t") != "heading" or plain_text(node["c"]).strip() or (parts and node["level"] == PART_LEVEL):
        return []
    empty = re.search(rf"(?m)^ {{0,3}}#{{{node['level']}}}(?:[ \t][ \t#]*)?$", text)  # one of its own level
    hint = " (a numbered part without a heading is an empty `###`)" if parts else ""
    return [(empty.group(0) if empty else "#", "a heading has no text" + hint)]


def _image_problems(root: Path, base: str, node: Node) -> list[Found]:
    """An image that is not a PNG, JPEG or GIF file in the repository, or has no alt text."""
    found: list[Found] = []
    src: str = node["src"]
    path, why = repository_file(root, src, base)
    if path is None:
        found.append((src, f"image {why}"))
    elif path.suffix.lower() not in IMAGE_TYPES:
        found.append((src, f"image '{src}' is not a PNG, JPEG or GIF file"))
    if not node.get("alt", "").strip():
        found.append((src, f"image '{src}' has no alt text: write ![what the image shows]({src})"))
    return found


def _link_problems(node: Node) -> list[Found]:
    """A link whose address was dropped: neither https://, http:// nor mailto:."""
    if "dropped_href" not in node:
        return []
    href = node["dropped_href"]
    return [(href, f"link to '{href}' is not allowed: links must start with https://, http:// or mailto:")]


def _raw_html_problems(node: Node) -> list[Found]:
    """Raw HTML in a node's text, which Markdown keeps as literal text."""
    found: list[Found] = []
    for child in node.get("c", []):
        if isinstance(child, str):
            for match in _RAW_HTML.finditer(child):
                found.append((match.group(0), f"raw HTML '{match.group(0)}' is not allowed in Markdown"))
    return found


def _markdown_of(kind: str, value: object, where: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """The Markdown texts in a report form's field, each with where it is."""
    if value is None:
        return []
    if kind == "markdown":
        return [(where, str(value))]
    # the form's kind says what the report's model read the field as (model.FIELD_TYPES)
    if kind == "risks":
        risks = cast(list[Risk], value)
        return [(where + (index, "mitigation"), risk.mitigation) for index, risk in enumerate(risks)]
    if kind == "implications":
        implications = cast(Implications, value)
        return [(where + (name,), text) for name, text in implications if text is not None]
    return []


def _nesting(value: object) -> int:
    """How deep a Markdown tree's nodes nest within each other."""
    if isinstance(value, list):
        return max((_nesting(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_nesting(value[key]) for key in ("c", "items", "head", "rows") if key in value), default=0)
    return 0


def _list_depth(nodes: list[Node]) -> int:
    """How deep lists nest in a block tree (0 when there is no list)."""
    deepest = 0
    for node in nodes:
        if node.get("t") == "list":
            deepest = max(deepest, 1 + max((_list_depth(item) for item in node["items"]), default=0))
        elif node.get("t") == "quote":
            deepest = max(deepest, _list_depth(node["c"]))
    return deepest
