"""The round-trip oracle: what a reader of each edition gets, compared with what the author wrote.

`expected` derives a document's structure from the assembled pack (the parsed Markdown tree
and the YAML model): headings with their levels, paragraphs, list items with their depth,
tables cell by cell with each column's alignment, pictures with their alt text, links. The
readers take the same structure back out of an edition as its reader meets it:

- `PdfEdition`: the PDF's structure tree (H1–H6, P, L/LI, Table/TR/TH/TD, Figure, Link), the
  text painted in each element's marked content, and whether a Figure's image is painted;
- `html_blocks`: the web page's DOM in a real browser, with computed alignment and whether
  each image loaded;
- `docx_blocks`: python-docx: heading and list styles, tables, inline pictures, hyperlinks.

`compare` lists what is missing, added or moved, naming the source file and line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from boardpack.document.markdown import plain_text


@dataclass(frozen=True)
class Block:
    """One thing a reader meets, in reading order."""

    kind: str  # heading | p | item | table | image | link | pre
    text: str = ""
    level: int = 0  # a heading's level; a list item's depth (1 = outermost)
    extra: tuple = ()  # a table's column alignments

    def __str__(self) -> str:
        level = f"{self.level} " if self.level else ""
        extra = f" {self.extra}" if self.extra else ""
        return f"{self.kind} {level}{self.text!r}{extra}"


def norm(text: str) -> str:
    """Whitespace as a reader perceives it: any run is one space; none at the ends."""
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------ expected


def expected(nodes: list[Any], depth: int = 0) -> list[Block]:
    """The blocks a reader should meet for a Markdown tree (as assemble hands it to the renderers)."""
    out: list[Block] = []
    for node in nodes:
        kind = node["t"]
        if kind == "heading":
            out += [Block("heading", norm(plain_text(node["c"])), node["level"]), *_inline_extras(node["c"])]
        elif kind == "p":
            if len(node["c"]) == 1 and isinstance(node["c"][0], dict) and node["c"][0]["t"] == "img":
                out.append(Block("image", node["c"][0]["alt"]))
            else:
                out += [Block("p", norm(plain_text(node["c"]))), *_inline_extras(node["c"])]
        elif kind == "list":
            for item in node["items"]:
                first = item[0]["c"] if item and item[0]["t"] == "p" else []
                rest = item[1:] if item and item[0]["t"] == "p" else item
                out += [Block("item", norm(plain_text(first)), depth + 1), *_inline_extras(first)]
                out += expected(rest, depth + 1)
        elif kind == "table":
            rows = [node["head"], *node["rows"]]
            out.append(
                Block(
                    "table",
                    _table_text([[norm(plain_text(c)) for c in row] for row in rows]),
                    extra=tuple(node["align"]),
                )
            )
            out += [extra for row in rows for cell in row for extra in _inline_extras(cell)]
        elif kind == "grid":  # each cell once, in the row it starts in, its blocks' text joined
            rows = [*node["head"], *node["rows"]]
            out.append(Block("table", _table_text([[norm(plain_text(c["c"])) for c in row] for row in rows])))
            out += [
                extra
                for row in rows
                for c in row
                for extra in expected(c["c"], depth)
                if extra.kind in ("link", "image")
            ]
        elif kind == "numbered":  # the number starts its paragraph, or stands on its own above a table or list
            first = node["c"][0] if node["c"] else None
            if first is not None and first["t"] == "p":
                out += [Block("p", norm(f"{node['number']} {plain_text(first['c'])}")), *_inline_extras(first["c"])]
            else:
                out += [Block("p", node["number"]), *expected(node["c"], depth)]
        elif kind in ("quote", "keep"):
            out += expected(node["c"], depth)
        elif kind == "pre":
            out.append(Block("pre", norm(node["v"])))
        elif kind == "rule":
            pass  # a rule has no text for a reader to meet
        else:
            raise NotImplementedError(f"the oracle has no expectation for the block node kind {kind!r}")
    return out


def _inline_extras(inline: list[Any]) -> list[Block]:
    """The links and pictures inside a run of inline content, in order."""
    out: list[Block] = []
    for node in inline:
        if isinstance(node, dict):
            if node["t"] == "link":
                out.append(Block("link", f"{node['href']} {norm(plain_text(node['c']))}"))
            elif node["t"] == "img":
                out.append(Block("image", node["alt"]))
            elif node["t"] in ("strong", "em", "span"):
                out += _inline_extras(node["c"])
            elif node["t"] not in ("code", "br"):
                raise NotImplementedError(f"the oracle has no expectation for the inline node kind {node['t']!r}")
    return out


def _table_text(rows: list[list[str]]) -> str:
    return " / ".join(" | ".join(row) for row in rows)


def source_heading_levels(markdown: str, title_level: int = 2) -> list[tuple[str, int]]:
    """The headings of a report's Markdown source, read with a regular expression rather than the parser,
    and the level each should have in the pack: the `# title` is the report's heading (level 2, or 1 for
    a report with no cover sheet), a `##` one level below it, and no heading more than one level below
    the one before."""
    found, previous = [], title_level
    markdown = re.sub(r"(?s)^---\n.*?\n---\n", "", markdown)  # the front matter's comments are not headings
    headings = re.findall(r"(?m)^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", markdown)
    if markdown.lstrip().startswith("# "):
        headings = headings[1:]  # the report's title, its heading in the pack
    for hashes, text in headings:
        previous = min(max(len(hashes) + title_level - 1, title_level + 1), previous + 1)
        found.append((norm(re.sub(r"[*_`]", "", text)), previous))
    return found


def report_blocks(doc: dict[str, Any], shift: int = 0) -> list[Block]:
    """A report (or Markdown appendix) document: its heading, then its body; with `shift`, every
    heading that many levels lower (as Word and the web page put them under the item's own)."""
    blocks = [Block("heading", norm(doc["heading"]), doc.get("level", 2)), *expected(doc["body"])]
    return [replace(b, level=b.level + shift) if b.kind == "heading" else b for b in blocks]


# ------------------------------------------------------------------------------------------ compare


def compare(want: list[Block], got: list[Block], sources: list[Path] = (), edition: str = "") -> list[str]:
    """Every difference between what was written and what the edition shows, located in the sources."""
    got = _settle_unknown_alignment(want, got)
    problems = []
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:  # altered in place: say where the text first differs
            for wanted, shown in zip(want[a1:a2], got[b1:b2]):
                problems.append(f"{_where(sources, wanted)}: {edition}: {_difference(wanted, shown)}")
            continue
        for block in want[a1:a2]:
            problems.append(f"{_where(sources, block)}: {edition}: missing or altered: {block}")
        for block in got[b1:b2]:
            problems.append(
                f"{_where(sources, want[a1] if a1 < len(want) else block)}: {edition}: shown instead: {block}"
            )
    return problems


def _difference(wanted: Block, shown: Block) -> str:
    """What changed between a block as written and as shown, with the text around the first change."""
    if (wanted.kind, wanted.level, wanted.extra) != (shown.kind, shown.level, shown.extra):
        return f"written as {wanted.kind} {wanted.level or ''} {wanted.extra or ''} {wanted.text[:80]!r}, shown as {shown}"[
            :600
        ]
    at = next(
        (i for i, (a, b) in enumerate(zip(wanted.text, shown.text)) if a != b), min(len(wanted.text), len(shown.text))
    )
    start = max(at - 60, 0)
    return (
        f"{wanted.kind} text differs at character {at}: written {wanted.text[start : at + 60]!r}, "
        f"shown {shown.text[start : at + 60]!r}"
    )


def _settle_unknown_alignment(want: list[Block], got: list[Block]) -> list[Block]:
    """Alignment is compared where the source sets it (Markdown tables, matched in order); a column
    whose every cell is full shows none ('?') and is taken as the one wanted."""
    wanted_tables = [block.extra for block in want if block.kind == "table"]
    settled, index = [], 0
    for block in got:
        if block.kind == "table":
            wanted = wanted_tables[index] if index < len(wanted_tables) else ()
            index += 1
            block = Block(
                "table",
                block.text,
                block.level,
                tuple((wanted[x] if x < len(wanted) else "?") if a == "?" else a for x, a in enumerate(block.extra))
                if wanted
                else (),
            )
        settled.append(block)
    return settled


def _where(sources: list[Path], block: Block) -> str:
    """The source file and line where a block's first words were written."""
    words = re.sub(r"^\S+://\S+ ", "", block.text).split()[:4]
    for source in sources:
        text = source.read_text(encoding="utf-8") if source.exists() else ""
        for size in range(len(words), 0, -1):
            match = re.search(r"\s+".join(re.escape(w) for w in words[:size]), text)
            if match:
                return f"{source}:{text[: match.start()].count(chr(10)) + 1}"
    return str(sources[0]) if sources else "?"


def section(blocks: list[Block], heading: str, level: int) -> list[Block]:
    """The blocks from the heading with this text to the next heading at its level or above."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.level == level and block.text == norm(heading):
            end = next(
                (j for j in range(index + 1, len(blocks)) if blocks[j].kind == "heading" and blocks[j].level <= level),
                len(blocks),
            )
            return blocks[index:end]
    return []


# ------------------------------------------------------------------------------------------ PDF


class PdfEdition:
    """A PDF read as its reader meets it: structure tree, painted text, painted images, links."""

    def __init__(self, path: Path) -> None:
        import pdfplumber

        self.pdf = pdfplumber.open(path)
        self.glyphs: dict[tuple[int, int], list[dict[str, Any]]] = {}  # (page, MCID) -> the glyphs painted in it
        self.images: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self.rules: dict[int, list[dict[str, Any]]] = {}  # page -> its vertical lines (table rules)
        for page in self.pdf.pages:
            number = page.page_number
            for char in page.chars:
                if char.get("mcid") is not None:
                    self.glyphs.setdefault((number, char["mcid"]), []).append(char)
            for image in page.images:
                if image.get("mcid") is not None:
                    self.images.setdefault((number, image["mcid"]), []).append(image)
            self.rules[number] = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.5]
            page.flush_cache()
        self.chars = {key: "".join(c["text"] for c in glyphs) for key, glyphs in self.glyphs.items()}
        self.tree = _structure_tree(path)

    def close(self) -> None:
        self.pdf.close()

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        for element in self.tree:
            out += self._blocks(element, 0)
        return out

    def _blocks(self, element: dict[str, Any], depth: int) -> list[Block]:
        kind = element["type"]
        children = element.get("children", [])
        if kind == "Sect" and any(node.get("foreign") for node in _descendants(element)):
            return []  # a foreign appendix's own structure: not the author's sources (see test_foreign.py)
        if kind in ("Document", "Div", "Sect", "Part", "Art", "Aside", "BlockQuote"):
            return [block for child in children for block in self._blocks(child, depth)]
        if re.fullmatch(r"H[1-6]", kind):
            return [Block("heading", self.text(element), int(kind[1])), *self._extras(element)]
        if kind == "P":
            return [Block("p", self.text(element)), *self._extras(element)]
        if kind == "Figure":
            return [self._figure(element)]
        if kind == "L":
            out: list[Block] = []
            for child in children:
                if child["type"] == "L":
                    out += self._blocks(child, depth + 1)
                elif child["type"] == "LI":
                    body = next((c for c in child.get("children", []) if c["type"] == "LBody"), {"children": []})
                    parts = body.get("children", [])
                    first = parts[0] if parts and parts[0]["type"] == "P" else None
                    out.append(Block("item", self.text(first) if first else "", depth + 1))
                    if first:
                        out += self._extras(first)
                    for part in parts[1 if first else 0 :]:
                        out += self._blocks(part, depth + 1)
            return out
        if kind == "Table":
            rows = [
                [cell for cell in row.get("children", []) if cell["type"] in ("TH", "TD")]
                for row in _descendants(element)
                if row["type"] == "TR"
            ]
            extras = [b for row in rows for cell in row for b in self._extras(cell)]
            aligns = tuple(
                self._column_alignment([row[x] for row in rows if x < len(row)])
                for x in range(len(rows[0]) if rows else 0)
            )
            return [
                Block("table", _table_text([[self.text(cell) for cell in row] for row in rows]), extra=aligns),
                *extras,
            ]
        if kind == "Code":
            return [Block("pre", self.text(element))]
        return []  # page stamps and other spans outside the documents' blocks

    def text(self, element: dict[str, Any] | None) -> str:
        """The text painted in an element's marked content (list labels left out)."""
        if element is None:
            return ""
        owner: dict[tuple[int, int], int] = {}  # each piece of marked content -> the block it belongs to

        def visit(node: dict[str, Any], block: int) -> None:
            if node["type"] != "Lbl":
                block = id(node) if node["type"] in _BLOCK_TYPES else block
                owner.update({key: block for key in node.get("mcids", [])})
                for child in node.get("children", []):
                    visit(child, block)

        visit(element, id(element))
        text, last = "", None
        for key in sorted(owner):
            if last is not None and owner[key] != last:
                text += " "  # separate blocks (paragraphs, list items, cells) read apart
            text += self.chars.get(key, "")
            last = owner[key]
        return norm(text)

    def _glyphs(self, element: dict[str, Any]) -> list[dict[str, Any]]:
        keys = {key for node in _descendants(element, skip=("Lbl",)) for key in node.get("mcids", [])}
        return [c for key in keys for c in self.glyphs.get(key, []) if c["text"].strip()]

    def _column_alignment(self, cells: list[dict[str, Any]]) -> str:
        """How a column's text sits in its cells, measured from the painted glyphs and the table's rules:
        left, right or center; '?' when every cell is full or empty."""
        for cell in cells:
            glyphs = self._glyphs(cell)
            if not glyphs:
                continue
            glyphs = [g for g in glyphs if g["page_number"] == glyphs[0]["page_number"]]
            x0, x1 = min(g["x0"] for g in glyphs), max(g["x1"] for g in glyphs)
            middle = (min(g["top"] for g in glyphs) + max(g["bottom"] for g in glyphs)) / 2
            rules = [
                line["x0"] for line in self.rules[glyphs[0]["page_number"]] if line["top"] <= middle <= line["bottom"]
            ]
            left = max((x for x in rules if x <= x0 + 0.5), default=None)
            right = min((x for x in rules if x >= x1 - 0.5), default=None)
            if left is None or right is None:
                continue
            before, after = x0 - left, right - x1
            if abs(before - after) < 1.5:
                if before > 11:  # beyond a cell's padding (8pt in large print, markdown.typ's cell-inset) and slack
                    return "center"
                continue  # the text fills its cell: no telling
            return "right" if after < before else "left"
        return "?"

    def _figure(self, element: dict[str, Any]) -> Block:
        """A picture as its reader meets it: its alt text, and only if its image is painted."""
        painted = [
            image
            for node in _descendants(element)
            for key in node.get("mcids", [])
            for image in self.images.get(key, [])
            if image["width"] > 1 and image["height"] > 1
        ]
        return Block(
            "image", element.get("alt_text", "") if painted else f"[not painted] {element.get('alt_text', '')}"
        )

    def _extras(self, element: dict[str, Any]) -> list[Block]:
        out = []
        for node in _descendants(element, include_self=False):
            if node["type"] == "Link" and node.get("internal"):
                continue  # a link within the pack (the agenda's page ranges): not the author's
            if node["type"] == "Link":
                uris = node.get("uris") or ["[no target]"]
                out.append(Block("link", f"{uris[0]} {self.text(node)}"))
            elif node["type"] == "Figure":
                out.append(self._figure(node))
        return out


_BLOCK_TYPES = {
    "P",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "LI",
    "LBody",
    "L",
    "Table",
    "TR",
    "TH",
    "TD",
    "Figure",
    "Div",
    "BlockQuote",
    "Code",
}


def _structure_tree(path: Path) -> list[dict[str, Any]]:
    """The PDF's structure tree as plain dicts: type, children, alt text, the (page, MCID) pairs
    of its marked content (MCRs on other pages included) and, for a Link, its target URIs."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        role_map = {str(k): str(v) for k, v in pdf.Root.StructTreeRoot.get("/RoleMap", {}).items()}

        def element(node: Any, page: int) -> dict[str, Any]:
            kind = str(node.get("/S", "/Span"))
            kind = role_map.get(kind, kind).lstrip("/")
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            out: dict[str, Any] = {"type": kind, "children": [], "mcids": [], "uris": []}
            if "/Alt" in node:
                out["alt_text"] = str(node.Alt)
            kids = node.get("/K")
            for kid in list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, int):
                    out["mcids"].append((page, int(kid)))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    out["children"].append(element(kid, page))
                elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                    on = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                    out["mcids"].append((on, int(kid.MCID)))
                    out["foreign"] = out.get("foreign", False) or "/Stm" in kid  # a foreign appendix's content
                elif isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid:
                    action = kid.Obj.get("/A")
                    if action is not None and "/URI" in action:
                        out["uris"].append(str(action.URI))
                    elif "/Dest" in kid.Obj or (action is not None and action.get("/S") == "/GoTo"):
                        out["internal"] = True
            return out

        root = pdf.Root.StructTreeRoot.get("/K")
        return [element(kid, 0) for kid in (list(root) if isinstance(root, pikepdf.Array) else [root])]


def _descendants(
    element: dict[str, Any], skip: tuple[str, ...] = (), include_self: bool = True
) -> Iterator[dict[str, Any]]:
    if include_self:
        yield element
    for child in element.get("children", []):
        if child["type"] not in skip:
            yield from _descendants(child, skip)


# ------------------------------------------------------------------------------------------ Word


def docx_blocks(path: Path) -> list[Block]:
    """A Word document's body in reading order, as blocks."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            out += _docx_paragraph(item)
        elif isinstance(item, Table):
            out += _docx_table(item)
    return out


def _docx_paragraph(paragraph: Any) -> list[Block]:
    style = paragraph.style.name if paragraph.style is not None else ""
    text = norm(" ".join(filter(None, [docx_number(paragraph), paragraph.text])))
    pictures = [Block("image", p.get("descr", "")) for p in paragraph._p.xpath(".//wp:docPr")]
    links = [Block("link", f"{link.url} {norm(link.text)}") for link in paragraph.hyperlinks]
    heading = re.fullmatch(r"Heading (\d)", style)
    listed = re.fullmatch(r"List (?:Bullet|Number)(?: (\d))?", style)
    if heading:
        return [Block("heading", text, int(heading.group(1))), *links, *pictures]
    if listed:
        return [Block("item", text, int(listed.group(1) or 1)), *links, *pictures]
    if not text and pictures:
        return pictures
    if not text:
        return []
    return [Block("p", text), *links, *pictures]


def docx_number(paragraph: Any) -> str:
    """The number Word prints before a paragraph numbered with a literal number of its own ("3.4"), as the
    report's paragraph numbers are; "" for any other (a list item's number is its list's, not read here)."""
    from docx.oxml.ns import qn

    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return ""
    numbering = paragraph.part.numbering_part.element
    num = numbering.num_having_numId(num_pr.numId.val)
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
    )
    text = abstract.find(f"{qn('w:lvl')}/{qn('w:lvlText')}")
    literal = text.get(qn("w:val")) if text is not None else ""
    return "" if "%" in literal else literal


def _docx_table(table: Any) -> list[Block]:
    seen: list[Any] = []  # a merged cell is one cell, though python-docx gives it at every place it covers

    def first_time(cell: Any) -> bool:
        if any(element is cell._tc for element in seen):  # (held, so lxml keeps one proxy per element)
            return False
        seen.append(cell._tc)
        return True

    rows = [
        [norm(" ".join(p.text for p in cell.paragraphs if p.text)) for cell in row.cells if first_time(cell)]
        for row in table.rows
    ]
    extras = [
        b
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for b in _docx_paragraph(p)
        if b.kind in ("link", "image")
    ]
    alignment = {None: "left", 0: "left", 1: "center", 2: "right"}
    aligns = (
        tuple(
            alignment.get(
                int(cell.paragraphs[0].alignment) if cell.paragraphs[0].alignment is not None else None, "left"
            )
            for cell in table.rows[0].cells
        )
        if table.rows
        else ()
    )
    return [Block("table", _table_text(rows), extra=aligns), *extras]


# ------------------------------------------------------------------------------------------ web


# Walks an element's children into [kind, text, level, extra] lists, as the page presents them.
_DOM_BLOCKS = r"""
const offset = arguments[1];
const norm = s => s.replace(/\s+/g, ' ').trim();
const out = [];
function extras(el) {
  for (const node of el.querySelectorAll('a[href], img')) {
    if (node.tagName === 'A') out.push(['link', node.getAttribute('href') + ' ' + norm(node.textContent), 0, []]);
    else out.push(['image', image(node), 0, []]);
  }
}
function image(img) {
  const shown = img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0;
  return shown ? img.alt : '[not shown] ' + img.alt;
}
function block(child, depth) {
  const tag = child.tagName;
  if (child.classList.contains('scroll-hint')) return;  // the page's own "scroll sideways" hint, not the paper's
  if (/^H[1-6]$/.test(tag)) { out.push(['heading', norm(child.innerText), +tag[1] - offset, []]); extras(child); }
  else if (tag === 'P') {
    const imgs = child.querySelectorAll('img');
    if (imgs.length === 1 && !norm(child.innerText)) out.push(['image', image(imgs[0]), 0, []]);
    else { out.push(['p', norm(child.innerText), 0, []]); extras(child); }
  }
  else if (tag === 'UL' || tag === 'OL') {
    for (const li of child.children) {
      const parts = [...li.children];
      const first = parts.length && parts[0].tagName === 'P' ? parts.shift() : null;
      out.push(['item', first ? norm(first.innerText) : '', depth + 1, []]);
      if (first) extras(first);
      for (const part of parts) block(part, depth + 1);
    }
  }
  else if (tag === 'TABLE') {
    const rows = [...child.rows].map(r => [...r.cells].map(c => norm(c.innerText)).join(' | '));
    const aligns = [...(child.rows[0] ? child.rows[0].cells : [])].map(c => {
      const a = getComputedStyle(c).textAlign; return a === 'right' || a === 'end' ? 'right' : a === 'center' ? 'center' : 'left'; });
    out.push(['table', rows.join(' / '), 0, aligns]);
    extras(child);
  }
  else if (tag === 'PRE') out.push(['pre', norm(child.textContent), 0, []]);
  else if (tag === 'IMG') out.push(['image', image(child), 0, []]);
  else walk(child, depth);
}
function walk(el, depth) { for (const child of el.children) block(child, depth); }
walk(arguments[0], 0);
return out;
"""


def html_blocks(driver: Any, element: Any, offset: int = 0) -> list[Block]:
    """The blocks of a DOM element (an <article>), headings moved up by `offset` levels."""
    rows = driver.execute_script(_DOM_BLOCKS, element, offset)
    return [Block(kind, text, level, tuple(extra)) for kind, text, level, extra in rows]


# ------------------------------------------------------------------------------------------ documents
# What each kind of generated document should hold, as the table a reader meets in each edition.


def text_of(nodes: Any) -> str:
    return norm(plain_text(nodes))


def cover_sheet_blocks(doc: dict[str, Any], shown_only: bool = False) -> list[Block]:
    """A cover sheet: its heading, then the two-column table of labels and Markdown values (`shown_only`: as the
    web edition prints it, with no row for a field that shows nothing — empty, or a bare "-")."""
    rows = [[norm(r["label"]), text_of(r["value"])] for r in doc["rows"]]
    if shown_only:
        pictured = {id(r) for r in doc["rows"] if any(b.kind == "image" for b in expected(r["value"]))}
        rows = [row for row, r in zip(rows, doc["rows"]) if row[1].strip() or id(r) in pictured]
    extras = [b for r in doc["rows"] for b in expected(r["value"]) if b.kind in ("link", "image")]
    return [Block("heading", norm(doc["bookmark"]), 1), Block("table", _table_text(rows)), *extras]


def tracker_rows(doc: dict[str, Any], first_column: str) -> list[list[str]]:
    """A tracker as rows: its header (the first column named `first_column`), then one row a recommendation."""

    def cell(c: Any) -> str:
        return (
            norm(c) if isinstance(c, str) else norm(" ".join(c)) if all(isinstance(x, str) for x in c) else text_of(c)
        )

    return [[first_column, *map(norm, doc["columns"][1:])]] + [[cell(c) for c in r["cells"]] for r in doc["rows"]]


def tracker_blocks(doc: dict[str, Any], stacked: bool = False, first_column: str = "") -> list[Block]:
    """A tracker: heading, then one table, or (large print) one table a row of column names beside values."""
    rows = tracker_rows(doc, first_column)
    head = [Block("heading", norm(doc["heading"]), doc["level"])]
    head += [Block("p", norm(doc["made_by"]))] if doc["made_by"] else []
    head += [Block("p", norm(doc["summary"]))]
    if not stacked:
        return head + [Block("table", _table_text(rows))]
    names = ["Ref", *rows[0][1:]]
    return head + [Block("table", _table_text([[n, v] for n, v in zip(names, row)])) for row in rows[1:]]


def action_log_rows(doc: dict[str, Any]) -> list[list[str]]:
    return [list(doc["columns"])] + [
        [
            r["id"],
            norm(r["raised"]),
            norm(r["restricted"] + " " + text_of(r["description"])),
            norm(r["owner"]),
            norm(r["due"]),
            norm((r["update_date"] + ": " if r["update_date"] else "") + text_of(r["update"])),
            norm(r["status"]),
        ]
        for r in doc["rows"]
    ]


def minutes_rows(doc: dict[str, Any]) -> list[list[str]]:
    """The minutes table: each minute (number, title and body), then each action it raised beside its owner."""
    rows = [["Minute", "Item", "Action"]]
    for m in doc["items"]:
        rows.append(
            [norm(f"{m['part']} {m['number']}"), norm(f"{m['restricted']} {m['title']} {text_of(m['body'])}"), ""]
        )
        for action in m["actions"]:
            rows.append([text_of(action["text"]), norm(f"{action['owner']} {action['due']}")])
    return rows


def minutes_words(doc: dict[str, Any]) -> str:
    """The minutes as Word prints them, read straight through: each Part, each minute's number and title, its
    marking, its words, each action and its owner; then the signature block."""
    parts: list[str] = []
    for m in doc["items"]:
        parts += [m["part"], f"{m['number']} {m['title']}", m["restricted"], text_of(m["body"])]
        for action in m["actions"]:
            owner = action["owner"] + (f", {action['due']}" if action["due"] else "")
            parts += [text_of(action["text"]), f"Owner: {owner}"]
    parts += doc.get("signature", [])
    return norm(" ".join(part for part in parts if part))


def agenda_rows(section: dict[str, Any]) -> list[list[str]]:
    """One section of the agenda: the header row, then each item (page ranges are tested elsewhere)."""
    if section["is_break"]:
        return [[norm(section["time"]) or "Time", norm(section["heading"].upper()), ""]]
    rows = [["Time", norm(section["heading"].upper()), "Author & Pages"]]
    for item in section["items"]:
        text = " ".join(
            part
            for part in (
                item["resolution"],
                item["restricted"],
                f"{item['number']}. {item['title']}",
                "Key decision" if item.get("key_decision") else "",
                item["exempt"],
                item.get("replaces", ""),
                "Reason for urgency: " + item["urgent"] if "urgent" in item else "",
                "Reason for lateness: " + item["late"] if "late" in item else "",
                "Purpose of the item: " + text_of(item["purpose"]) if item["purpose"] else "",
                text_of(item["note"]),
            )
            if part
        )
        rows.append([norm(item["time"]), norm(text), norm(item["authors"])])
    return rows


def table_block(rows: list[list[str]]) -> Block:
    return Block("table", _table_text(rows))


def without_page_ranges(block: Block) -> Block:
    return Block(block.kind, re.sub(r" ?\(Pages \d+ - \d+\)", "", block.text), block.level, ())
