"""The one writer of Markdown blocks into Word: paragraphs, headings, numbered paragraphs, lists, tables, pictures
and links, into a docxtpl sub-document or a table cell; and the table helpers (widths fitted as the PDF's, shading)."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...document.markdown import plain_text
from ...forms import rating_rag
from ...images import published_image
from ...templates import shipped_templates

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

# python-docx and docxtpl are imported where they are used: only a build that writes Word documents loads them.

RAG_FILLS = {"red": "F4C7C3", "amber": "FCE8B2", "green": "C9E7D0"}  # as the PDF's (templates/typst/style.typ)
HEADER_FILL = "D9D9D9"  # a table's header row, as the PDF's header-fill


class Writer:
    """Markdown blocks written with python-docx: into a docxtpl sub-document (`{{p name }}` in a
    template) or into a table cell. One writer for every place Markdown reaches a Word file, so
    headings, lists, tables, links and pictures are the same everywhere."""

    def __init__(
        self,
        template: DocxTemplate,
        images: dict[str, Path],
        pdf: str = "",
        pdf_name: str = "the PDF pack",
        header_fill: str = HEADER_FILL,
    ) -> None:
        self.template = template
        self.pdf = pdf  # the PDF edition, relative to the Word file (it lays in a PDF appendix whole); "" unlinked
        self.pdf_name = pdf_name  # what that PDF is called in the text: "the PDF pack", "the PDF edition"
        self.images = images  # "img/1.png" -> the repository file (see Pack.images)
        self.header_fill = header_fill  # a table's header row, as the PDF fills it (board.yaml style: colour)

    def subdoc(self, nodes: list[Any], width: float = 16.6) -> Any:
        """A sub-document holding `nodes`; `width` (cm) is the most a picture may take."""
        doc = self.template.new_subdoc()
        self.blocks(doc, nodes, width)
        return doc

    def paragraph(self, container: Any, style: str | None = None) -> Any:
        """A new paragraph; a fresh cell's own empty paragraph is used first."""
        if is_cell(container) and len(container.paragraphs) == 1 and not container.paragraphs[0]._p.getchildren():
            paragraph = container.paragraphs[0]
            if style:
                paragraph.style = style
            return paragraph
        return container.add_paragraph(style=style)

    def blocks(self, container: Any, nodes: list[Any], width: float, depth: int = 0) -> None:
        for node in nodes:
            kind = node["t"]
            if kind == "p":
                self.runs(self.paragraph(container), node["c"], width)
            elif kind == "heading":
                _heading(self, container, node, width)
            elif kind == "numbered":
                _numbered(self, container, node, width, depth)
            elif kind == "list":
                self.list_block(container, node, width, depth)
            elif kind == "table":
                _table(self, container, node, width)
            elif kind == "grid":
                _grid(self, container, node, width)
            elif kind == "keep":  # the contact block: each line kept on the page of the next
                start = len(container.paragraphs)
                self.blocks(container, node["c"], width, depth)
                for paragraph in container.paragraphs[start:-1]:
                    paragraph.paragraph_format.keep_with_next = True
            elif kind == "quote":
                self.blocks(container, node["c"], width, depth)
            elif kind == "rule":
                self.paragraph(container).add_run("—" * 10)
            elif kind == "pre":
                self.paragraph(container).add_run(node["v"].rstrip("\n")).font.name = "Courier New"
            else:
                raise NotImplementedError(f"the Word writer has no rendering for the block node kind {kind!r}")

    def list_block(self, container: Any, node: dict[str, Any], width: float, depth: int) -> None:
        """List items in Word's list styles (List Bullet, List Number 2 …), one level a depth;
        an ordered list restarts at its own first number."""
        style = ("List Number" if node["ordered"] else "List Bullet") + (f" {depth + 1}" if depth else "")
        numbering = _restart(container, style, node.get("start", 1), node.get("marker")) if node["ordered"] else None
        for item in node["items"]:
            first, rest = _split_item(item)
            paragraph = self.paragraph(container, style)
            if numbering is not None:
                _number(paragraph, *numbering)
            self.runs(paragraph, first, width)
            for block in rest:
                if block["t"] == "list":
                    self.list_block(container, block, width, depth + 1)
                else:
                    self.blocks(container, [block], width, depth + 1)

    def runs(self, paragraph: Any, inline: list[Any], width: float, bold: bool = False, italic: bool = False) -> None:
        for node in inline:
            if isinstance(node, str):
                run = paragraph.add_run(node)
                run.bold, run.italic = bold or None, italic or None
            elif node["t"] == "strong":
                self.runs(paragraph, node["c"], width, True, italic)
            elif node["t"] == "em":
                self.runs(paragraph, node["c"], width, bold, True)
            elif node["t"] == "br":
                paragraph.add_run().add_break()
            elif node["t"] == "img":
                self.picture(paragraph, node, width)
            elif node["t"] == "code":
                paragraph.add_run(node["v"]).font.name = "Courier New"
            elif node["t"] == "link":
                link(paragraph, node["href"], plain_text(node["c"]), bold, italic)
            elif node["t"] == "span":
                self.runs(paragraph, node["c"], width, bold, italic)
            else:
                raise NotImplementedError(f"the Word writer has no rendering for the inline node kind {node['t']!r}")

    def picture(self, paragraph: Any, node: dict[str, Any], width: float) -> None:
        """The picture itself, at its own size or narrower to fit; its alt text as Word's description."""
        from docx.shared import Cm

        path = self.images[node["src"].lstrip("/")]
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(published_image(Path(path))))  # the pixels, never the file's metadata
        if shape.width > Cm(width):
            shape.height = int(shape.height * Cm(width) / shape.width)
            shape.width = Cm(width)
        properties = shape._inline.docPr
        properties.set("descr", node["alt"])
        properties.set("title", node["alt"])


def link(paragraph: Any, href: str, text: str, bold: bool, italic: bool) -> None:
    """A working hyperlink, in the template's Hyperlink style when it has one."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rid)
    run = paragraph.add_run(text, style="Hyperlink" if "Hyperlink" in _style_names(paragraph) else None)
    run.bold, run.italic = bold or None, italic or None
    run.font.underline = True
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


def _alignment(align: str) -> Any:
    """A table column's alignment (Table.align, Grid.align) as Word's; left is the paragraph's own."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}.get(align)


def is_cell(container: Any) -> bool:
    from docx.table import _Cell

    return isinstance(container, _Cell)


def _style_names(paragraph: Any) -> set[str]:
    return {style.name for style in paragraph.part.document.styles}


def repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


# A list's marker (ListNode.marker) as Word numbers it: w:numFmt, and w:lvlText after the number.
WORD_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _restart(container: Any, style: str, start: int, marker: str | None = None) -> tuple[int, int] | None:
    """A new numbering instance for one ordered list (Word would otherwise run on from the last), numbered as
    its author wrote it: a list marked "a)" or "i." gets a copy of the style's numbering lettered so."""
    part = container.part
    style_element = part.document.styles[style].element
    num_pr = style_element.pPr.numPr if style_element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    numbering = part.numbering_part.element
    base = numbering.num_having_numId(num_pr.numId.val)
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    abstract = base.abstractNumId.val
    if marker is not None:
        abstract = _lettered(numbering, abstract, level, marker)
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=level)
    override.add_startOverride(start)
    return num.numId, level


def _lettered(numbering: Any, abstract: int, level: int, marker: str) -> int:
    """A copy of abstract numbering `abstract` whose `level` is numbered by `marker` ("a)", "i."): its id."""
    import copy

    from docx.oxml.ns import qn

    [source] = [a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(abstract)]
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    lettered = copy.deepcopy(source)
    lettered.set(qn("w:abstractNumId"), str(max(ids) + 1))
    for child in lettered.findall(qn("w:nsid")) + lettered.findall(qn("w:tmpl")):
        lettered.remove(child)  # a copy with the same identifier would be merged back into the original by Word
    for lvl in lettered.findall(qn("w:lvl")):
        if lvl.get(qn("w:ilvl")) == str(level):
            lvl.find(qn("w:numFmt")).set(qn("w:val"), WORD_FORMATS[marker[0]])
            lvl.find(qn("w:lvlText")).set(qn("w:val"), f"%{level + 1}{marker[1]}")
    source.addnext(lettered)
    return max(ids) + 1


def _number(paragraph: Any, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _grid(writer: Writer, container: Any, node: dict[str, Any], width: float) -> None:
    """A grid table: merged cells for those that span, each cell's blocks in it, header rows repeated and
    filled; its size, widths and rows kept whole as the PDF's (see `finish_table`)."""
    rows = [*node["head"], *node["rows"]]
    table = container.add_table(rows=len(rows), cols=node["columns"])
    table.style = "Table Grid"
    size = table_size(node["fit"], width)
    widths = fit_widths(node["fit"], width, size)  # as the PDF sizes its columns
    for y, row in enumerate(rows):
        header = y < len(node["head"])
        if header:
            repeat_header(table.rows[y])
        for c in row:
            cell = table.cell(y, c["x"])
            if c["colspan"] > 1 or c["rowspan"] > 1:
                cell = cell.merge(table.cell(y + c["rowspan"] - 1, c["x"] + c["colspan"] - 1))
            blocks = (
                [{**b, "c": [{"t": "strong", "c": b["c"]}]} if b["t"] == "p" else b for b in c["c"]]
                if header
                else c["c"]
            )
            writer.blocks(cell, blocks, sum(widths[c["x"] : c["x"] + c["colspan"]]))
            if header:
                shade(cell, writer.header_fill)
            if (aligned := node["align"][c["x"]]) != "left":  # a spanning cell: its first column's
                for paragraph in cell.paragraphs:
                    paragraph.alignment = _alignment(aligned)
    finish_table(table, widths, size, len(node["head"]))
    if is_cell(container):
        container.add_paragraph()


def _table(writer: Writer, container: Any, node: dict[str, Any], width: float) -> None:
    """A pipe table: a bold header row, filled and repeated; a cell reading Red, Amber or Green (or a rated
    column's Low, Medium or High) shaded as its status, as the PDF's `rag-of`."""
    table = container.add_table(rows=0, cols=len(node["head"]))
    table.style = "Table Grid"
    size = table_size(node["fit"], width)
    widths = fit_widths(node["fit"], width, size)  # as the PDF sizes its columns
    rated = node.get("rated", ())
    for index, cells in enumerate([node["head"], *node["rows"]]):
        row = table.add_row()
        if index == 0:
            repeat_header(row)
        for x, (cell, inline) in enumerate(zip(row.cells, cells)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = _alignment(node["align"][x] if x < len(node["align"]) else "left")
            writer.runs(paragraph, inline, widths[x], bold=index == 0)
            text = plain_text(inline)
            if index == 0:
                shade(cell, writer.header_fill)
            elif rag := (rating_rag(text) if x in rated else rag_of(text)):
                shade(cell, RAG_FILLS[rag])
    finish_table(table, widths, size, 1)
    if is_cell(container):
        container.add_paragraph()  # a cell must end with a paragraph, not a table


def _heading(writer: Writer, container: Any, node: dict[str, Any], width: float) -> None:
    """A heading in Word's heading style; a numbered one ("3.1 Introduction") numbered by Word, not typed."""
    paragraph = writer.paragraph(container, f"Heading {min(node['level'], 6)}")
    inline = node["c"]
    if "number" in node and inline[:1] == [f"{node['number']} "]:
        _number_as(paragraph, node["number"])
        inline = inline[1:]
    writer.runs(paragraph, inline, width)


def _numbered(writer: Writer, container: Any, node: dict[str, Any], width: float, depth: int) -> None:
    """A report's numbered paragraph in Word's own numbering, its number exactly the pack's: the paragraph
    numbered, or a number on a line of its own kept with the table or list after it."""
    first = node["c"][0] if node["c"] else None
    paragraph = writer.paragraph(container)
    _number_as(paragraph, node["number"])
    if first is not None and first["t"] == "p":
        writer.runs(paragraph, first["c"], width)
    else:
        paragraph.paragraph_format.keep_with_next = True
        writer.blocks(container, node["c"], width, depth)


NUMBER_INDENT = 851  # twentieths of a point (1.5 cm): where a numbered paragraph's text starts


def _number_as(paragraph: Any, number: str) -> None:
    """Number `paragraph` with Word's numbering, its number the literal `number` ("3.4"): a list of its own, so
    Word prints exactly the number the pack does, hung in the margin before the text (digits and dots only)."""
    assert number.replace(".", "").isdigit(), number
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = paragraph.part.numbering_part.element
    taken = [int(a.get(qn_w("abstractNumId"))) for a in numbering.findall(qn_w("abstractNum"))]
    abstract_id = max(taken, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{number}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{NUMBER_INDENT}"/></w:tabs>'
        f'<w:ind w:left="{NUMBER_INDENT}" w:hanging="{NUMBER_INDENT}"/></w:pPr></w:lvl></w:abstractNum>'
    )
    nums = numbering.findall(qn_w("num"))
    if nums:
        nums[0].addprevious(abstract)  # every abstractNum before the first num (the schema's order)
    else:
        numbering.append(abstract)
    _number(paragraph, numbering.add_num(abstract_id).numId, 0)


def qn_w(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def _split_item(item: list[Any]) -> tuple[list[Any], list[Any]]:
    """A list item's first line (inline content) and the blocks under it; nothing is dropped."""
    if item and item[0]["t"] in ("p", "heading"):
        return item[0]["c"], item[1:]
    return [], item


def strong_of(text: str) -> dict[str, Any]:
    return {"t": "strong", "c": [text]}


def para_of(*inline: Any) -> dict[str, Any]:
    return {"t": "p", "c": list(inline)}


def rag_of(text: str) -> str | None:
    """'Amber' -> 'amber': a cell that is a RAG status, coloured as the PDF's rag-of colours it."""
    word = text.strip().lower()
    return word if word in RAG_FILLS else None


def shade(cell: Any, fill: str) -> None:
    """Shade a table cell (w:shd), as a rating is coloured in the PDF."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def set_widths(table: Any, widths: list[float]) -> None:
    """Column widths (cm) in both forms word processors read: the table's grid (LibreOffice, Pages) and each
    cell's (Word), a cell that spans columns as wide as they are together; the table keeps them rather than
    fitting itself to its contents."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table._tbl.tr_lst:
        x = 0
        for cell in row.tc_lst:
            cell.width = Cm(sum(widths[x : x + cell.grid_span]))
            x += cell.grid_span


# A Markdown table's text, as the PDF sets it: 10 pt, or 8.5 pt when its columns' longest words would not fit.
TABLE_SIZES = (10.0, 8.5)
CELL_PAD = 0.5  # cm: a cell's margins (0.19 cm a side in Word) and its borders


def _mins(fit: list[Any], size: float, header: list[str] | None = None) -> list[float]:
    """Each column's least width (cm) at `size` pt: its widest word set in bold (the header's too), and its
    cell's margins."""
    names = [name.split() for name in header or [""] * len(fit)]  # a header the fit does not hold ("Ref")
    return [
        max([word_width(word, size) for word, _ in f["words"]] + [word_width(w, size) for w in name] + [0.0]) + CELL_PAD
        for f, name in zip(fit, names)
    ]


def word_width(word: str, size: float) -> float:
    """How wide (cm) `word` prints in bold at `size` pt in the house font (Arial; measured with the metrics of
    Liberation Sans Bold, which boardpack ships and whose letters are as wide as Arial's)."""
    advances, units = _bold_advances()
    return sum(advances.get(ord(c), units) for c in word) / units * size / 72 * 2.54


@functools.cache
def _bold_advances() -> tuple[dict[int, int], int]:
    """Each character's advance in Liberation Sans Bold, and the font's units to the em."""
    from fontTools.ttLib import TTFont

    font = TTFont(shipped_templates() / "fonts" / "LiberationSans-Bold.ttf", lazy=True)
    metrics = font["hmtx"]
    return {code: metrics[name][0] for code, name in font.getBestCmap().items()}, font["head"].unitsPerEm


def table_size(fit: list[Any], available: float) -> float:
    """The size (pt) of a Markdown table's text, chosen as the PDF's table-frame chooses it."""
    return next((size for size in TABLE_SIZES if sum(_mins(fit, size)) <= available), TABLE_SIZES[-1])


def fit_widths(fit: list[Any], available: float, size: float = 11, header: list[str] | None = None) -> list[float]:
    """Column widths (cm) from what each column holds at `size` pt, as the PDF's fit-columns: every column at least
    as wide as its longest word, the room left shared by how much each holds (no word broken inside,
    "Recomm|endation")."""
    em = size / 72 * 2.54  # cm
    mins = _mins(fit, size, header)
    maxs = [max(f["chars"] * 0.5 * em + CELL_PAD, low) for f, low in zip(fit, mins)]
    low, high = sum(mins), sum(maxs)
    if high <= available:
        return [m / high * available for m in maxs]
    if low < available:
        return [a + (b - a) / (high - low) * (available - low) for a, b in zip(mins, maxs)]
    return [m / low * available for m in mins]  # too narrow even for the words: shrink all alike


def finish_table(table: Any, widths: list[float], size: float, head: int) -> None:
    """A table laid out as the PDF's: its text (and its lists' numbers) at `size` pt, its columns `widths` cm
    wide, and every row after the `head` rows kept whole on a page unless too tall for one (as the PDF breaks
    only a row taller than a page less room for the header)."""
    from docx.oxml import OxmlElement

    set_size(table, size)
    set_widths(table, widths)
    tall = (LANDSCAPE_BODY if sum(widths) > PORTRAIT_WIDTH + 0.1 else PORTRAIT_BODY) - 4
    for row in table.rows[head:]:
        if _row_height(row, widths, size) <= tall:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 16.6, 25.3  # cm between the margins of an A4 page of the Word templates
PORTRAIT_BODY, LANDSCAPE_BODY = 25.3, 16.6  # cm from the top margin to the bottom one, portrait and landscape


def _row_height(row: Any, widths: list[float], size: float) -> float:
    """About how tall (cm) a row prints: its tallest cell's lines, each paragraph wrapped at half an em a
    character in its cell's width."""
    import math

    from docx.oxml.ns import qn

    em = size / 72 * 2.54
    tallest, x = 0.0, 0
    for cell in row._tr.tc_lst:
        width = max(sum(widths[x : x + cell.grid_span]) - CELL_PAD, em)
        x += cell.grid_span
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p"))]
        lines = sum(max(1, math.ceil(len(text) * 0.5 * em / width)) for text in texts)
        tallest = max(tallest, lines * em * 1.2 + 0.1)
    return tallest


def set_size(table: Any, size: float) -> None:
    """Every run of `table` at `size` pt, and every paragraph's mark too (a list's number is the mark's size)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for paragraph in table._tbl.iter(qn("w:p")):
        properties = paragraph.get_or_add_pPr()
        mark = properties.find(qn("w:rPr"))
        if mark is None:
            mark = OxmlElement("w:rPr")
            successor = next((e for e in properties if e.tag in (qn("w:sectPr"), qn("w:pPrChange"))), None)
            if successor is None:
                properties.append(mark)
            else:
                successor.addprevious(mark)
        for properties in [mark, *(run.get_or_add_rPr() for run in paragraph.iter(qn("w:r")))]:
            properties.sz_val = Pt(size)
