"""Word documents for clerks: the agenda, each item's cover sheet and report, the minutes, a minutes draft.

Templates are ordinary Word files in templates/word/ with docxtpl tags, so a clerk can
restyle them in Word. Values are autoescaped; Markdown goes in as RichText (in table
cells) or as a sub-document (reports). The saved files carry their title and nothing
else: no template author, comments, revision ids or application statistics.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate, RichText

from .. import carry
from ..assemble import Pack, item_groups, long_date, short_date
from ..load import Papers
from .markdown import markdown_plain, plain_text
from .pdf import Templates

_RSID = re.compile(rb'\sw:rsid[A-Za-z]*="[0-9A-Fa-f]+"')
_APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/extended-properties"><Application>boardpack</Application></Properties>')


def rich_text(nodes: list[Any]) -> RichText:
    """Markdown blocks as RichText for a table cell: paragraphs, list items, bold and italic runs."""
    text = RichText()
    first = True

    def paragraph(inline: list[Any], prefix: str = "") -> None:
        nonlocal first
        if not first:
            text.add("\a")
        first = False
        if prefix:
            text.add(prefix)
        runs(inline)

    def runs(inline: list[Any], bold: bool = False, italic: bool = False) -> None:
        for node in inline:
            if isinstance(node, str):
                text.add(node, bold=bold, italic=italic)
            elif node["t"] == "strong":
                runs(node["c"], True, italic)
            elif node["t"] == "em":
                runs(node["c"], bold, True)
            elif node["t"] == "br":
                text.add("\n")
            elif node["t"] == "img":
                text.add(f"[image: {node['alt']}]", italic=True)
            elif node["t"] == "code":
                text.add(node["v"], bold=bold, italic=italic)
            else:
                runs(node.get("c", []), bold, italic)

    def blocks(items: list[Any], depth: int = 0) -> None:
        for node in items:
            if node["t"] in ("p", "heading"):
                paragraph(node["c"], "    " * depth)
            elif node["t"] == "list":
                for index, item in enumerate(node["items"], start=node.get("start", 1)):
                    marker = f"{index}. " if node["ordered"] else "• "
                    first_block, rest = _split_item(item)
                    paragraph(first_block, "    " * depth + marker)
                    blocks(rest, depth + 1)
            elif node["t"] == "table":
                for row in [node["head"], *node["rows"]]:
                    paragraph([" | ".join(plain_text(cell) for cell in row)])
            elif node["t"] in ("quote",):
                blocks(node["c"], depth + 1)
            elif node["t"] == "pre":
                paragraph([node["v"]])

    blocks(nodes)
    return text


def _split_item(item: list[Any]) -> tuple[list[Any], list[Any]]:
    """A list item's first line (inline content) and the blocks under it; nothing is dropped."""
    if item and item[0]["t"] in ("p", "heading"):
        return item[0]["c"], item[1:]
    return [], item


class _Report:
    """Markdown blocks written into a docxtpl sub-document with python-docx."""

    def __init__(self, template: DocxTemplate) -> None:
        self.doc = template.new_subdoc()

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level=min(max(level, 1), 6))

    def runs(self, paragraph: Any, inline: list[Any], bold: bool = False, italic: bool = False) -> None:
        for node in inline:
            if isinstance(node, str):
                run = paragraph.add_run(node)
                run.bold, run.italic = bold or None, italic or None
            elif node["t"] == "strong":
                self.runs(paragraph, node["c"], True, italic)
            elif node["t"] == "em":
                self.runs(paragraph, node["c"], bold, True)
            elif node["t"] == "br":
                paragraph.add_run().add_break()
            elif node["t"] == "img":
                paragraph.add_run(f"[image: {node['alt']}]").italic = True
            elif node["t"] == "code":
                paragraph.add_run(node["v"])
            else:
                self.runs(paragraph, node.get("c", []), bold, italic)

    def blocks(self, nodes: list[Any], depth: int = 0) -> None:
        for node in nodes:
            kind = node["t"]
            if kind == "p":
                self.runs(self.doc.add_paragraph(), node["c"])
            elif kind == "heading":
                self.runs(self.doc.add_heading("", level=min(node["level"], 6)), node["c"])
            elif kind == "list":
                style = "List Number" if node["ordered"] else "List Bullet"
                style += f" {depth + 1}" if depth else ""
                for item in node["items"]:
                    first, rest = _split_item(item)
                    self.runs(self.doc.add_paragraph(style=style), first)
                    self.blocks(rest, min(depth + 1, 2))
            elif kind == "table":
                self.table([[plain_text(c) for c in node["head"]]] + [[plain_text(c) for c in r] for r in node["rows"]])
            elif kind == "quote":
                self.blocks(node["c"], depth)
            elif kind == "pre":
                self.doc.add_paragraph(node["v"])

    def table(self, rows: list[list[str]]) -> None:
        columns = max(len(r) for r in rows)
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        for index, values in enumerate(rows):
            cells = table.add_row().cells
            for cell, value in zip(cells, values + [""] * (columns - len(values))):
                cell.text = value
                if index == 0 and cell.paragraphs[0].runs:
                    cell.paragraphs[0].runs[0].bold = True


def _render(template: Path, context: dict[str, Any], title: str, when: dt.date,
            report: Any = None) -> bytes:
    tpl = DocxTemplate(str(template))
    if report is not None:
        writer = _Report(tpl)
        report(writer)
        context = dict(context, report=writer.doc)
    tpl.render(context, autoescape=True)
    properties = tpl.docx.core_properties
    stamp = dt.datetime(when.year, when.month, when.day)
    for name in ("author", "category", "comments", "content_status", "identifier", "keywords", "language",
                 "last_modified_by", "subject", "version"):
        setattr(properties, name, "")
    properties.title, properties.revision = title, 1
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
                    content = content.replace(b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                                              b'vnd.openxmlformats-officedocument.custom-properties+xml"/>', b"")
                if info.filename == "_rels/.rels":
                    content = re.sub(rb'<Relationship [^>]*Target="docProps/custom.xml"/>', b"", content)
                if info.filename == "word/settings.xml":
                    content = re.sub(rb"<w:rsids>.*?</w:rsids>", b"", content, flags=re.S)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def _agenda_context(pack: Pack) -> dict[str, Any]:
    agenda = pack.data["documents"][0]
    front = pack.data["front"]
    sections = []
    for section in agenda["sections"]:
        rows = []
        for item in section["items"]:
            text = RichText()
            if item["resolution"]:
                text.add(item["resolution"] + "\a", italic=True)
            if item["restricted"]:
                text.add(item["restricted"] + "\a", bold=True)
            text.add(f"{item['number']}. {item['title']}", bold=True)
            if item["exempt"]:
                text.add("\a" + item["exempt"])
            if item["purpose"]:
                text.add("\aPurpose of the item:", italic=True)
                text.add("\a")
                text.add(rich_text(item["purpose"]))
            if item["note"]:
                text.add("\a")
                text.add(rich_text(item["note"]))
            rows.append({"time": item["time"], "text": text, "authors": item["authors"]})
        sections.append({"heading": section["heading"].upper(), "rows": rows})
    return {"heading": f"{front['heading']}: Agenda", "board_title": front["board_title"].upper(),
            "date": front["date"], "time": front["time"], "venue": front["venue"], "clerk": front["clerk"],
            "phone": front["phone"], "email": front["email"], "sections": sections}


def _write_document(writer: _Report, doc: dict[str, Any]) -> None:
    kind = doc["kind"]
    if kind == "report":
        writer.heading(doc["heading"], 2)
        writer.blocks(doc["body"])
    elif kind == "tracker":
        writer.heading(doc["heading"], 2)
        writer.doc.add_paragraph(doc["summary"])
        writer.table([["Ref", *doc["columns"][1:]]] + [[
            r["id"], plain_text(r["recommendation"]), plain_text(r["action_required"]), "; ".join(r["leads"]),
            plain_text(r["update"]), r["due"], r["status"]] for r in doc["rows"]])
    elif kind == "action_log":
        writer.heading(doc["heading"], 2)
        writer.doc.add_paragraph(doc["summary"])
        writer.table([["Ref", "Raised", "Action", "Owner", "Due", "Latest update", "Status"]] + [[
            r["id"] + (f" ({r['restricted']})" if r["restricted"] else ""), r["raised"], plain_text(r["description"]), r["owner"], r["due"],
            f"{r['update_date']}: {plain_text(r['update'])}" if r["update_date"] else plain_text(r["update"]),
            r["status"]] for r in doc["rows"]])
    elif kind == "foreign":
        writer.heading(doc["heading"], 2)
        writer.doc.add_paragraph(f"A PDF document of {len(doc['pages'])} pages: see the PDF pack.")


def _minutes_context(doc: dict[str, Any]) -> dict[str, Any]:
    minutes = []
    for m in doc["items"]:
        text = RichText()
        if m["restricted"]:
            text.add(m["restricted"] + "\a", bold=True)
        text.add(m["title"], bold=True)
        if m["body"]:
            text.add("\a")
            text.add(rich_text(m["body"]))
        for action in m["actions"]:
            text.add("\aAction – ", bold=True)
            text.add(action["text"])
        minutes.append({"label": (m["part"] + "\n" if m["part"] else "") + m["number"], "text": text,
                        "owners": ", ".join(m["owners"])})
    return {"heading": doc["heading"], "present": doc["present"], "apologies": doc["apologies"],
            "in_attendance": doc["in_attendance"], "minutes": minutes}


def pack_documents(pack: Pack, templates: Templates) -> dict[str, bytes]:
    """File name -> .docx bytes for the agenda, each item's papers and the minutes of one pack."""
    word = templates.word
    board = pack.data["board_name"]
    files = {"agenda.docx": _render(word / "agenda.docx", _agenda_context(pack),
                                    f"{board}, {short_date(pack.date)}: agenda", pack.date)}
    items, loose = item_groups(pack)
    titles = {row["number"]: row["title"] for s in pack.data["documents"][0]["sections"] for row in s["items"]}
    for item in items:
        number, documents, name = item["number"], item["documents"], item["slug"]
        for doc in [d for d in documents if d["kind"] == "minutes"]:
            files[f"{name}-minutes.docx"] = _render(word / "minutes.docx", _minutes_context(doc), doc["heading"], pack.date)
        rest = [d for d in documents if d["kind"] != "minutes"]
        if not rest:
            continue
        sheet = next((d for d in rest if d["kind"] == "cover_sheet"), None)
        rows = [{"label": r["label"], "value": rich_text(r["value"])} for r in sheet["rows"]] if sheet else []
        context = {"heading": f"Agenda Item {number}: {titles.get(number, '')}", "rows": rows,
                   "restricted": rest[0].get("restricted") or ""}
        body = [d for d in rest if d["kind"] != "cover_sheet"]
        suffix = "" if sheet else "-" + rest[0]["kind"].replace("_", "-")
        files[f"{name}{suffix}.docx"] = _render(word / "cover_sheet.docx", context, f"{number} {titles.get(number, '')}", pack.date,
                                        report=lambda writer, body=body: [_write_document(writer, d) for d in body])
    for doc in loose:
        files["action-log.docx"] = _render(word / "cover_sheet.docx", {"heading": doc["heading"], "rows": [], "restricted": ""},
                                           doc["heading"], pack.date, report=lambda writer, doc=doc: _write_document(writer, doc))
    return files


def minutes_draft(papers: Papers, pack: Pack, templates: Templates) -> bytes:
    """The clerk's note-taking document for a meeting about to happen (private: it names exempt items)."""
    board = papers.board.value
    people = [{"name": p.name, "initials": p.initials or "", "role": p.role} for p in board.people if p.member]
    actions = [{"id": s.action.id, "description": s.action.description, "owner": s.action.owner,
                "due": short_date(s.action.due) + (" (overdue)" if s.overdue else "") if s.action.due else "",
                "update": f"{short_date(s.update.date)}: {markdown_plain(s.update.text)}" if s.update else ""}
               for s in (carry.open_actions(papers.log.value, pack.date - dt.timedelta(days=1)) if papers.log else [])]
    minutes = []
    last_part = None
    for section in pack.data["documents"][0]["sections"]:
        for item in section["items"]:
            part = item["number"].split(".")[0]
            heading = (f"Part {part}: " if part != last_part else "") + f"{item['number']} {item['title']}"
            last_part = part
            minutes.append({"heading": heading, "restricted": item["restricted"]})
    context = {"heading": f"Minutes of the {board.name} meeting of {short_date(pack.date)}",
               "subheading": f"Draft for note-taking, {long_date(pack.date)}. Not for circulation.",
               "people": people, "actions": actions, "minutes": minutes}
    return _render(templates.word / "minutes_draft.docx", context,
                   f"{board.name}, {short_date(pack.date)}: minutes draft", pack.date)


