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

    def __init__(self, template: DocxTemplate, images: dict[str, Path]) -> None:
        self.template = template
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
                self.runs(self.paragraph(container, f"Heading {min(node['level'], 6)}"), node["c"], width)
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
        column = width / max(node["columns"], 1)
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
                self.blocks(cell, blocks, column * c["colspan"])
                if (aligned := node["align"][c["x"]]) != "left":  # a spanning cell: its first column's
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = _alignment(aligned)
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


def _split_item(item: list[Any]) -> tuple[list[Any], list[Any]]:
    """A list item's first line (inline content) and the blocks under it; nothing is dropped."""
    if item and item[0]["t"] in ("p", "heading"):
        return item[0]["c"], item[1:]
    return [], item


def _render(
    template: Path, context: Callable[[_Writer], dict[str, Any]], title: str, when: dt.date, images: dict[str, Path]
) -> bytes:
    """Fill `template` with the context `context(writer)` makes (Markdown as sub-documents)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render(context(_Writer(tpl, images)), jinja_env=data_environment(), autoescape=True)
    properties = tpl.docx.core_properties
    stamp = dt.datetime(when.year, when.month, when.day)
    for name in (
        "author",
        "category",
        "comments",
        "content_status",
        "identifier",
        "keywords",
        "language",
        "last_modified_by",
        "subject",
        "version",
    ):
        setattr(properties, name, "")
    properties.title = title if len(title) <= 255 else title[:254] + "…"  # Word's title holds 255 characters
    properties.revision = 1
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    buffer = io.BytesIO()
    tpl.save(buffer)
    return _scrub(buffer.getvalue())


def _scrub(data: bytes) -> bytes:
    """Drop revision-save ids, custom properties and application statistics; fix zip dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/custom.xml":
                continue
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = _APP_XML
            elif info.filename.endswith(".xml"):
                content = _RSID.sub(b"", content)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(
                        b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.custom-properties+xml"/>',
                        b"",
                    )
                if info.filename == "_rels/.rels":
                    content = re.sub(rb'<Relationship [^>]*Target="docProps/custom.xml"/>', b"", content)
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
            if item["exempt"]:
                blocks.append(_p(item["exempt"]))
            if item.get("key_decision"):
                blocks.append(_p(_strong("Key decision")))
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
    """A report, tracker, action log or foreign appendix of an item, written into `container`."""
    kind = doc["kind"]
    if kind == "report" and "masthead" in doc:
        writer.blocks(container, doc["masthead"], 16.6)
    # The document's heading sits under the item's Heading 1 ("Agenda Item 2.1: …"), as in the web edition.
    shift = 2 - doc.get("level", 2) if kind == "report" else 0
    if kind in ("report", "tracker", "action_log", "foreign"):
        writer.blocks(container, [{"t": "heading", "level": doc.get("level", 2) + shift, "c": [doc["heading"]]}], 16.6)
    if kind == "report":
        writer.blocks(container, _shifted(doc["body"], shift), 16.6)
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
            )
    elif kind == "foreign":
        writer.paragraph(container).add_run(f"A PDF document of {len(doc['pages'])} pages: see the PDF pack.")
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


def _grid(writer: _Writer, container: Any, header: list[str], rows: list[list[list[Any]]]) -> None:
    """A table of Markdown cells under a bold header row that repeats on every page."""
    table = container.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(name).bold = True
    width = 24.0 / len(header)
    for values in rows:
        for cell, nodes in zip(table.add_row().cells, values):
            writer.blocks(cell, nodes, width)


def _minutes_context(doc: dict[str, Any], writer: _Writer) -> dict[str, Any]:
    rows = []
    for m in doc["items"]:
        blocks: list[Any] = [_p(_strong(m["restricted"]))] if m["restricted"] else []
        blocks += [{"t": "heading", "level": 2, "c": [m["title"]]}, *m["body"]]
        rows.append(
            {
                "label": (m["part"] + "\n" if m["part"] else "") + m["number"],
                "text": writer.subdoc(blocks, 11),
                "owners": "",
            }
        )
        for action in m["actions"]:  # each action on a row of its own, beside its owner
            rows.append(
                {
                    "label": "",
                    "text": writer.subdoc(action["text"], 11),
                    "owners": action["owner"] + (f"\n{action['due']}" if action["due"] else ""),
                }
            )
    return {
        "heading": doc["heading"],
        "status": doc.get("status", ""),
        "present": doc["present"],
        "apologies": doc["apologies"],
        "absent": doc.get("absent", []),
        "in_attendance": doc["in_attendance"],
        "minutes": rows,
        "signature": doc.get("signature", []),
    }


def minutes_alone(pack: Pack, templates: Templates) -> bytes:
    """The Word edition of a pack of minutes alone (the minutes as confirmed and signed)."""
    [doc] = [d for d in pack.data["documents"] if d["kind"] == "minutes"]
    return _render(
        templates.word / "minutes.docx",
        functools.partial(_minutes_context, doc),
        doc["heading"],
        pack.date,
        pack.images,
    )


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
                pack.date,
                pack.images,
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
                pack.date,
                pack.images,
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
            word / "cover_sheet.docx", context, f"{number} {titles.get(number, '')}", pack.date, pack.images
        )
    for doc in loose:

        def log(writer: _Writer, doc: dict[str, Any] = doc) -> dict[str, Any]:
            report = writer.template.new_subdoc()
            _document_blocks(doc, writer, report)
            return {"heading": doc["heading"], "rows": [], "restricted": "", "report": report}

        files["action-log.docx"] = _render(word / "cover_sheet.docx", log, doc["heading"], pack.date, pack.images)
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
        pack.date,
        pack.images,
    )
