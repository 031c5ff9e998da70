"""Word documents for clerks: the agenda, each item's cover sheet and report, the minutes, a minutes draft.

Templates are ordinary Word files in templates/word/ with docxtpl tags, so a clerk can
restyle them in Word. Values are autoescaped; Markdown goes in as a sub-document
(`{{p name }}`), written by one writer wherever it lands, a report or a table cell. The
saved files carry their title and nothing else: no template author, comments, revision
ids or application statistics.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import carry
from ..assemble import Pack, item_groups
from ..document.markdown import markdown_plain, plain_text
from ..forms import rating_rag
from ..images import published_image
from ..load import Papers
from ..templates import Templates
from ..wording import long_date, short_date
from .templating import data_environment

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

# python-docx and docxtpl are imported where they are used: only a build that writes Word documents loads them.

_RSID = re.compile(rb'\sw:rsid[A-Za-z]*="[0-9A-Fa-f]+"')
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/extended-properties"><Application>boardpack</Application></Properties>'
)


class _Writer:
    """Markdown blocks written with python-docx: into a docxtpl sub-document (`{{p name }}` in a
    template) or into a table cell. One writer for every place Markdown reaches a Word file, so
    headings, lists, tables, links and pictures are the same everywhere."""

    def __init__(self, template: DocxTemplate, images: dict[str, Path], pack_file: str = "") -> None:
        self.template = template
        self.pack_file = pack_file  # the PDF pack beside the Word files, which lays in a PDF appendix whole
        self.images = images  # "img/1.png" -> the repository file (see Pack.images)

    def subdoc(self, nodes: list[Any], width: float = 16.6) -> Any:
        """A sub-document holding `nodes`; `width` (cm) is the most a picture may take."""
        doc = self.template.new_subdoc()
        self.blocks(doc, nodes, width)
        return doc

    def paragraph(self, container: Any, style: str | None = None) -> Any:
        """A new paragraph; a fresh cell's own empty paragraph is used first."""
        if _is_cell(container) and len(container.paragraphs) == 1 and not container.paragraphs[0]._p.getchildren():
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
                self.table(container, node, width)
            elif kind == "grid":
                self.grid(container, node, width)
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

    def grid(self, container: Any, node: dict[str, Any], width: float) -> None:
        """A grid table: merged cells for those that span, each cell's blocks in it, header rows repeated."""
        rows = [*node["head"], *node["rows"]]
        table = container.add_table(rows=len(rows), cols=node["columns"])
        table.style = "Table Grid"
        widths = _fit_widths(node["fit"], width)  # as the PDF sizes its columns
        for y, row in enumerate(rows):
            if y < len(node["head"]):
                _repeat_header(table.rows[y])
            for c in row:
                cell = table.cell(y, c["x"])
                if c["colspan"] > 1 or c["rowspan"] > 1:
                    cell = cell.merge(table.cell(y + c["rowspan"] - 1, c["x"] + c["colspan"] - 1))
                blocks = (
                    c["c"]
                    if y >= len(node["head"])
                    else [{**b, "c": [{"t": "strong", "c": b["c"]}]} if b["t"] == "p" else b for b in c["c"]]
                )
                self.blocks(cell, blocks, sum(widths[c["x"] : c["x"] + c["colspan"]]))
                if (aligned := node["align"][c["x"]]) != "left":  # a spanning cell: its first column's
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = _alignment(aligned)
        _set_widths(table, widths)
        if _is_cell(container):
            container.add_paragraph()

    def table(self, container: Any, node: dict[str, Any], width: float) -> None:
        table = container.add_table(rows=0, cols=len(node["head"]))
        table.style = "Table Grid"
        for index, cells in enumerate([node["head"], *node["rows"]]):
            row = table.add_row()
            if index == 0:
                _repeat_header(row)
            for x, (cell, inline) in enumerate(zip(row.cells, cells)):
                paragraph = cell.paragraphs[0]
                paragraph.alignment = _alignment(node["align"][x] if x < len(node["align"]) else "left")
                self.runs(paragraph, inline, width / max(len(cells), 1), bold=index == 0)
                if index and x in node.get("rated", ()) and (rag := rating_rag(plain_text(inline))):
                    _shade(cell, RAG_FILLS[rag])
        _set_widths(table, _fit_widths(node["fit"], width))  # as the PDF sizes its columns
        if _is_cell(container):
            container.add_paragraph()  # a cell must end with a paragraph, not a table

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
                _link(paragraph, node["href"], plain_text(node["c"]), bold, italic)
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


def _link(paragraph: Any, href: str, text: str, bold: bool, italic: bool) -> None:
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


def _is_cell(container: Any) -> bool:
    from docx.table import _Cell

    return isinstance(container, _Cell)


def _style_names(paragraph: Any) -> set[str]:
    return {style.name for style in paragraph.part.document.styles}


def _repeat_header(row: Any) -> None:
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


def _heading(writer: _Writer, container: Any, node: dict[str, Any], width: float) -> None:
    """A heading in Word's heading style; a numbered one ("3.1 Introduction") numbered by Word, not typed."""
    paragraph = writer.paragraph(container, f"Heading {min(node['level'], 6)}")
    inline = node["c"]
    if "number" in node and inline[:1] == [f"{node['number']} "]:
        _number_as(paragraph, node["number"])
        inline = inline[1:]
    writer.runs(paragraph, inline, width)


def _numbered(writer: _Writer, container: Any, node: dict[str, Any], width: float, depth: int) -> None:
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


def _render(
    template: Path, context: Callable[[_Writer], dict[str, Any]], title: str, pack: Pack, marking: str = ""
) -> bytes:
    """Fill `template` with the context `context(writer)` makes (Markdown as sub-documents); every page's header
    names the body and the document and carries `marking` (an exempt document's NOT FOR PUBLICATION)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    board = pack.data["board_name"]
    page = {"running_head": title if board in title else f"{board}: {title}", "marking": marking}
    tpl.render(context(_Writer(tpl, pack.images, pack.filename)) | page, jinja_env=data_environment(), autoescape=True)
    _sections(tpl.docx)
    _part_tables(tpl.docx)
    buffer = io.BytesIO()
    tpl.save(buffer)
    language = f"{pack.data['lang']}-{pack.data['region']}"
    return _scrub(buffer.getvalue(), _core_xml(title, pack.date, language), language)


def _core_xml(title: str, when: dt.date, language: str) -> bytes:
    """docProps/core.xml written whole, each property once in its own namespace: the title, the language and the
    meeting's date. (docxcompose, which docxtpl pulls in, re-registers the `cp` prefix for another namespace, so
    properties python-docx sets after it are written twice, once wrongly: docxcompose #101, python-docx #1037.)"""
    from xml.sax.saxutils import escape

    stamp = f"{when.isoformat()}T00:00:00Z"
    title = title if len(title) <= 255 else title[:254] + "…"  # Word's title holds 255 characters
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:language>{escape(language)}</dc:language><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _scrub(data: bytes, core: bytes, language: str) -> bytes:
    """Drop revision-save ids, custom properties, application statistics and the preview thumbnail; write the core
    properties `core` and the proofing `language`; fix zip dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in ("docProps/custom.xml", "docProps/thumbnail.jpeg"):
                continue
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = _APP_XML
            elif info.filename == "docProps/core.xml":
                content = core
            elif info.filename == "_rels/.rels":  # (a custom.xml was never related; a thumbnail is)
                content = re.sub(rb'<Relationship [^>]*Target="docProps/(custom.xml|thumbnail.jpeg)"/>', b"", content)
            elif info.filename.endswith(".xml"):
                content = _RSID.sub(b"", content)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(
                        b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.custom-properties+xml"/>',
                        b"",
                    )
                if info.filename == "word/styles.xml":
                    content = re.sub(rb'(<w:lang [^>]*w:val=")en-GB"', rb"\g<1>" + language.encode() + b'"', content)
                if info.filename == "word/settings.xml":
                    content = re.sub(rb"<w:rsids>.*?</w:rsids>", b"", content, flags=re.S)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def _strong(text: str) -> dict[str, Any]:
    return {"t": "strong", "c": [text]}


def _p(*inline: Any) -> dict[str, Any]:
    return {"t": "p", "c": list(inline)}


def _agenda_context(pack: Pack, writer: _Writer) -> dict[str, Any]:
    agenda = pack.data["documents"][0]
    front = pack.data["front"]
    sections = []
    for section in agenda["sections"]:
        rows = []
        if section["is_break"]:
            rows.append(
                {
                    "time": section["time"],
                    "text": writer.subdoc([_p(_strong(section["heading"].upper()))]),
                    "authors": "",
                }
            )
        for item in section["items"]:
            blocks: list[Any] = []
            if item["resolution"]:
                blocks.append(_p({"t": "em", "c": [item["resolution"]]}))
            if item["restricted"]:
                blocks.append(_p(_strong(item["restricted"])))
            blocks.append(_p(_strong(f"{item['number']}. {item['title']}")))
            if item.get("key_decision"):
                blocks.append(_p(_strong("Key decision")))
            if item["exempt"]:
                blocks.append(_p(item["exempt"]))
            if "replaces" in item:
                blocks.append(_p({"t": "em", "c": [item["replaces"]]}))
            for key, label in (("urgent", "Reason for urgency: "), ("late", "Reason for lateness: ")):
                if key in item:
                    blocks.append(_p({"t": "em", "c": [label]}, item[key]))
            if item["purpose"]:
                blocks += [_p({"t": "em", "c": ["Purpose of the item:"]}), *item["purpose"]]
            blocks += item["note"]
            rows.append({"time": item["time"], "text": writer.subdoc(blocks, 10), "authors": item["authors"]})
        sections.append({"heading": section["heading"].upper(), "rows": rows})
    return {
        "heading": f"{front['heading']}: Agenda",
        "board_title": front["board_title"].upper(),
        "date": front["date"],
        "time": front["time"],
        "venue": front["venue"],
        "clerk": front["clerk"],
        "phone": front["phone"],
        "email": front["email"],
        "sections": sections,
    }


def _document_blocks(doc: dict[str, Any], writer: _Writer, container: Any) -> None:
    """A report, tracker, action log or foreign appendix of an item, written into `container`; a landscape one (a
    wide tracker or log, as the PDF prints it) in a landscape section of its own."""
    landscape = (
        bool(doc.get("landscape")) and doc["kind"] in ("report", "tracker", "action_log") and not _is_cell(container)
    )
    if landscape:
        container.add_paragraph(LANDSCAPE_FROM_HERE)
    _document_body(doc, writer, container)
    if landscape:
        container.add_paragraph(PORTRAIT_FROM_HERE)


# Paragraphs that mark where a landscape section begins and ends, turned into section breaks once the template
# is filled (see _sections): only then are the template's own page size, margins, header and footer known.
LANDSCAPE_FROM_HERE, PORTRAIT_FROM_HERE = "\u2060[landscape section]\u2060", "\u2060[portrait section]\u2060"


def _sections(document: Any) -> None:
    """Each marked paragraph ends a section, with the document's own section properties (page size, margins,
    header and footer): the one before a landscape part stays portrait, the landscape part is turned."""
    import copy

    from docx.oxml.ns import qn

    body = document.element.body
    final = body.find(qn("w:sectPr"))
    for paragraph in list(document.paragraphs):
        if paragraph.text not in (LANDSCAPE_FROM_HERE, PORTRAIT_FROM_HERE):
            continue
        turned = paragraph.text == PORTRAIT_FROM_HERE  # it ends the landscape part
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        rest = list(paragraph._p.itersiblings())
        if turned and all(e.tag == qn("w:sectPr") or not "".join(e.itertext()).strip() for e in rest):
            body.remove(paragraph._p)  # nothing after the landscape part: the document ends turned
            _turn(final)
            continue
        properties = copy.deepcopy(final)
        if turned:
            _turn(properties)
        paragraph._p.get_or_add_pPr().append(properties)


def _part_tables(document: Any) -> None:
    """An empty paragraph between two tables that would otherwise touch: a word processor joins them into one
    (two tables in a report, or a report's last table and its tracker appendix)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element.body
    for parent in [body, *body.iter(qn("w:tc"))]:
        for table in parent.findall(qn("w:tbl")):
            following = table.getnext()
            if following is not None and following.tag == qn("w:tbl"):
                table.addnext(OxmlElement("w:p"))


def _turn(properties: Any) -> None:
    """Section properties turned to landscape."""
    from docx.oxml.ns import qn

    size = properties.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")


def _document_body(doc: dict[str, Any], writer: _Writer, container: Any) -> None:
    kind = doc["kind"]
    if kind == "report" and "masthead" in doc:
        writer.blocks(container, doc["masthead"], 16.6)
    # The document's heading sits under the item's Heading 1 ("Agenda Item 2.1: …"), as in the web edition.
    shift = 2 - doc.get("level", 2) if kind == "report" else 0
    if kind in ("report", "tracker", "action_log", "foreign"):
        writer.blocks(container, [{"t": "heading", "level": doc.get("level", 2) + shift, "c": [doc["heading"]]}], 16.6)
    if kind == "report":
        writer.blocks(container, _shifted(doc["body"], shift), LANDSCAPE_WIDTH if doc.get("landscape") else 16.6)
    elif kind == "tracker":
        writer.paragraph(container).add_run(doc["summary"]).bold = True
        _grid(
            writer,
            container,
            ["Ref", *doc["columns"][1:]],
            [
                [
                    [_p(_strong(r["id"]))],
                    *(
                        [_p(c)]
                        if isinstance(c, str)
                        else [_p(line) for line in c]
                        if all(isinstance(x, str) for x in c)
                        else c
                        for c in r["cells"][1:]
                    ),
                ]
                for r in doc["rows"]
            ],
            _fit_widths(
                doc["fit"], LANDSCAPE_WIDTH if doc["landscape"] else PORTRAIT_WIDTH, 9, ["Ref", *doc["columns"][1:]]
            ),
            [RAG_FILLS.get(r["rag"]) for r in doc["rows"]],  # the status, as the PDF colours it
        )
    elif kind == "action_log":
        writer.paragraph(container).add_run(doc["summary"]).bold = True
        if not doc["rows"]:
            writer.paragraph(container).add_run("No actions are open.")
        else:
            _grid(
                writer,
                container,
                doc["columns"],
                [
                    [
                        [_p(_strong(r["id"]))],
                        [_p(r["raised"])],
                        ([_p(_strong(r["restricted"]))] if r["restricted"] else []) + r["description"],
                        [_p(r["owner"])],
                        [_p(r["due"])],
                        ([_p({"t": "em", "c": [r["update_date"] + ":"]})] if r["update_date"] else []) + r["update"],
                        [_p(r["status"])],
                    ]
                    for r in doc["rows"]
                ],
                _fit_widths(doc["fit"], LANDSCAPE_WIDTH if doc["landscape"] else PORTRAIT_WIDTH, 9.5, doc["columns"]),
                [
                    RAG_FILLS["red"] if r["overdue"] else RAG_FILLS["green"] if r["closed"] else None
                    for r in doc["rows"]
                ],
                9.5,
            )
    elif kind == "foreign":
        pages = len(doc["pages"])
        paragraph = writer.paragraph(container)
        paragraph.add_run(
            f"“{doc['heading']}” is a PDF document of {pages} page{'s' if pages != 1 else ''}, printed in full in "
            + ("the PDF pack, " if writer.pack_file else "the PDF pack.")
        )
        if writer.pack_file:  # the Word files sit in a folder beside the pack
            _link(paragraph, f"../{writer.pack_file}", writer.pack_file, False, False)
            paragraph.add_run(".")
    elif kind == "decisions":
        writer.blocks(container, [{"t": "heading", "level": 2, "c": [doc["heading"]]}], 16.6)
        for row in doc["rows"]:
            writer.blocks(
                container,
                [
                    {"t": "heading", "level": 3, "c": [f"{row['number']} {row['title']}"]},
                    *([_p(_strong(row["restricted"]))] if row["restricted"] else []),
                    *row["body"],
                ],
                16.6,
            )
    else:
        raise NotImplementedError(f"the Word writer has no rendering for the document kind {kind!r}")


def _shifted(nodes: list[Any], by: int) -> list[Any]:
    """Blocks with every heading `by` levels lower."""
    if not by:
        return nodes
    return [{**n, "level": min(n["level"] + by, 6)} if n.get("t") == "heading" else n for n in nodes]


RAG_FILLS = {"red": "F4C7C3", "amber": "FCE8B2", "green": "C9E7D0"}  # as the PDF's (templates/typst/style.typ)


def _shade(cell: Any, fill: str) -> None:
    """Shade a table cell (w:shd), as a rating is coloured in the PDF."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 16.6, 25.3  # cm between the margins of an A4 page of the Word templates


def _grid(
    writer: _Writer,
    container: Any,
    header: list[str],
    rows: list[list[list[Any]]],
    widths: list[float],
    fills: list[str | None],
    size: float = 9,
) -> None:
    """A table of Markdown cells under a bold header row that repeats on every page, its columns `widths` cm wide
    (in the grid and in every cell, as both kinds of word processor read them) and each row's last cell shaded
    with its fill; rows never split across pages."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    table = container.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(name).bold = True
    for values, fill in zip(rows, fills):
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, nodes, width in zip(row.cells, values, widths):
            writer.blocks(cell, nodes, width)
        if fill:
            _shade(row.cells[-1], fill)
    for row in table.rows:  # the PDF's size for a tracker or log
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
    _set_widths(table, widths)


def _set_widths(table: Any, widths: list[float]) -> None:
    """Column widths (cm) in both forms word processors read: the table's grid (LibreOffice, Pages) and each
    cell's (Word); the table keeps them rather than fitting itself to its contents."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _fit_widths(fit: list[Any], available: float, size: float = 11, header: list[str] | None = None) -> list[float]:
    """Column widths (cm) from what each column holds, as the PDF's fit-columns: every column at least as wide as
    its longest word, the room left shared by how much each holds (no word broken inside, "Recomm|endation")."""
    em = size / 72 * 2.54  # cm
    pad = 0.5  # the cell's margins (0.19 cm a side in Word) and its borders
    names = [name.split() for name in header or [""] * len(fit)]  # a header the fit does not hold ("Ref")
    longest = [max([len(word) for word, _ in f["words"]] + [len(w) for w in name] + [1]) for f, name in zip(fit, names)]
    mins = [length * 0.7 * em + pad for length in longest]  # bold, wide letters
    maxs = [max(f["chars"] * 0.5 * em + pad, low) for f, low in zip(fit, mins)]
    low, high = sum(mins), sum(maxs)
    if high <= available:
        return [m / high * available for m in maxs]
    if low < available:
        return [a + (b - a) / (high - low) * (available - low) for a, b in zip(mins, maxs)]
    return [m / low * available for m in mins]  # too narrow even for the words: shrink all alike


def _minutes_context(doc: dict[str, Any], writer: _Writer) -> dict[str, Any]:
    """The minutes as headings and paragraphs (the navigation pane lists each minute under its Part), with tables
    only for the attendance, which is tabular."""
    return {
        "heading": doc["heading"],
        "status": doc.get("status", ""),
        "present": doc["present"],
        "apologies": doc["apologies"],
        "absent": doc.get("absent", []),
        "in_attendance": doc["in_attendance"],
        "body": writer.subdoc(minutes_blocks(doc)),
        "signature": doc.get("signature", []),
    }


def minutes_blocks(doc: dict[str, Any]) -> list[Any]:
    """Each minute under a heading of its number and title (a level lower under a Part's heading), its exempt
    marking, its text, then each action it raised with its owner and when it is due."""
    blocks: list[Any] = []
    parted = any(m["part"] for m in doc["items"])
    for m in doc["items"]:
        if m["part"]:
            blocks.append({"t": "heading", "level": 3, "c": [m["part"]]})
        blocks.append({"t": "heading", "level": 4 if parted else 3, "c": [f"{m['number']} {m['title']}"]})
        blocks += [_p(_strong(m["restricted"]))] if m["restricted"] else []
        blocks += m["body"]
        for action in m["actions"]:
            owner = action["owner"] + (f", {action['due']}" if action["due"] else "")
            blocks += [*action["text"], _p({"t": "em", "c": [f"Owner: {owner}"]})]
    return blocks


def minutes_alone(pack: Pack, templates: Templates) -> bytes:
    """The Word edition of a pack of minutes alone (the minutes as confirmed and signed)."""
    [doc] = [d for d in pack.data["documents"] if d["kind"] == "minutes"]
    return _render(
        templates.word / "minutes.docx",
        functools.partial(_minutes_context, doc),
        doc["heading"],
        pack,
        doc.get("restricted") or "",
    )


def decisions_alone(pack: Pack, templates: Templates) -> bytes:
    """The Word edition of a decision list: each minute's decisions under a heading of its number and title (the
    navigation pane lists them), an exempt one's marked in the private list."""
    [doc] = [d for d in pack.data["documents"] if d["kind"] == "decisions"]

    def context(writer: _Writer) -> dict[str, Any]:
        blocks: list[Any] = []
        for row in doc["rows"]:
            blocks += [_p(_strong(row["restricted"]))] if row["restricted"] else []
            blocks += [{"t": "heading", "level": 2, "c": [f"{row['number']} {row['title']}"]}, *row["body"]]
        return {"heading": doc["heading"], "rows": [], "restricted": "", "report": writer.subdoc(blocks)}

    exempt = pack.private and any(row["restricted"] for row in doc["rows"])
    marking = "NOT FOR PUBLICATION: contains exempt information" if exempt else ""
    return _render(templates.word / "cover_sheet.docx", context, doc["heading"], pack, marking)


def pack_documents(pack: Pack, templates: Templates) -> dict[str, bytes]:
    """File name -> .docx bytes for the agenda, each item's papers and the minutes of one pack."""
    word = templates.word
    board = pack.data["board_name"]
    files = (
        {}
        if pack.stem
        else {  # a paper on its own has no agenda
            "agenda.docx": _render(
                word / "agenda.docx",
                lambda w: _agenda_context(pack, w),
                f"{board}, {short_date(pack.date)}: agenda",
                pack,
                pack.data["front"]["restricted"],
            )
        }
    )
    items, loose = item_groups(pack)
    titles = {row["number"]: row["title"] for s in pack.data["documents"][0]["sections"] for row in s["items"]}
    for item in items:
        number, documents, name = item["number"], item["documents"], item["slug"]
        for doc in [d for d in documents if d["kind"] == "minutes"]:
            files[f"{name}-minutes.docx"] = _render(
                word / "minutes.docx",
                functools.partial(_minutes_context, doc),
                doc["heading"],
                pack,
                doc.get("restricted") or "",
            )
        rest = [d for d in documents if d["kind"] != "minutes"]
        if not rest:
            continue
        sheet = next((d for d in rest if d["kind"] == "cover_sheet"), None)
        body = [d for d in rest if d["kind"] != "cover_sheet"]
        suffix = "" if sheet else "-" + rest[0]["kind"].replace("_", "-")

        def context(
            writer: _Writer,
            sheet: Any = sheet,
            body: list[Any] = body,
            number: str = number,
            restricted: str = rest[0].get("restricted") or "",
        ) -> dict[str, Any]:
            report = writer.template.new_subdoc()
            for doc in body:
                _document_blocks(doc, writer, report)
            rows = (
                [{"label": r["label"], "value": writer.subdoc(r["value"], 12)} for r in sheet["rows"]] if sheet else []
            )
            return {
                "heading": f"Agenda Item {number}: {titles.get(number, '')}",
                "rows": rows,
                "restricted": restricted,
                "report": report,
            }

        files[f"{name}{suffix}.docx"] = _render(
            word / "cover_sheet.docx",
            context,
            f"{number} {titles.get(number, '')}",
            pack,
            rest[0].get("restricted") or "",
        )
    for doc in loose:

        def log(writer: _Writer, doc: dict[str, Any] = doc) -> dict[str, Any]:
            report = writer.template.new_subdoc()
            _document_blocks(doc, writer, report)
            return {"heading": doc["heading"], "rows": [], "restricted": "", "report": report}

        files["action-log.docx"] = _render(
            word / "cover_sheet.docx", log, doc["heading"], pack, doc.get("restricted") or ""
        )
    return files


def minutes_draft(papers: Papers, pack: Pack, templates: Templates) -> bytes:
    """The clerk's note-taking document for a meeting about to happen (private: it names exempt items)."""
    board = papers.board.value
    people = [{"name": p.name, "initials": p.initials or "", "role": p.role} for p in board.people if p.member]
    actions = [
        {
            "id": s.action.id,
            "description": markdown_plain(s.action.description),
            "owner": s.action.owner,
            "due": short_date(s.action.due) + (" (overdue)" if s.overdue else "") if s.action.due else "",
            "update": f"{short_date(s.update.date)}: {markdown_plain(s.update.text)}" if s.update else "",
        }
        for s in (carry.open_actions(papers.log.value, pack.date - dt.timedelta(days=1)) if papers.log else [])
    ]
    minutes = []
    last_part = None
    for section in pack.data["documents"][0]["sections"]:
        for item in section["items"]:
            part = item["number"].split(".")[0] if "." in item["number"] else None
            heading = (f"Part {part}: " if part and part != last_part else "") + f"{item['number']} {item['title']}"
            last_part = part
            minutes.append({"heading": heading, "restricted": item["restricted"]})
    context = {
        "heading": f"Minutes of the {board.name} meeting of {short_date(pack.date)}",
        "subheading": f"Draft for note-taking, {long_date(pack.date)}. Not for circulation.",
        "people": people,
        "actions": actions,
        "minutes": minutes,
    }
    return _render(
        templates.word / "minutes_draft.docx",
        lambda writer: context,
        f"{board.name}, {short_date(pack.date)}: minutes draft",
        pack,
    )
