"""What each Word document holds: the agenda, each item's cover sheet with its report and appendices, the minutes
(in a pack, or as confirmed and signed), a decision list and the clerk's minutes draft."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from ... import carry
from ...assemble import Pack, item_groups
from ...assemble.participation import draft_notes
from ...document.markdown import markdown_plain
from ...load import Papers
from ...numbering import item_numbers
from ...templates import Templates
from ...wording import long_date, short_date
from .package import LANDSCAPE_FROM_HERE, PORTRAIT_FROM_HERE, render_word
from .writer import (
    LANDSCAPE_WIDTH,
    PORTRAIT_WIDTH,
    RAG_FILLS,
    Writer,
    finish_table,
    fit_widths,
    is_cell,
    link,
    para_of,
    repeat_header,
    shade,
    strong_of,
)


def _agenda_context(pack: Pack, writer: Writer) -> dict[str, Any]:
    agenda = pack.data["documents"][0]
    front = pack.data["front"]
    sections = []
    for section in agenda["sections"]:
        rows = []
        if section["is_break"]:
            rows.append(
                {
                    "time": section["time"],
                    "text": writer.subdoc([para_of(strong_of(section["heading"].upper()))]),
                    "authors": "",
                }
            )
        for item in section["items"]:
            blocks: list[Any] = []
            if item["resolution"]:
                blocks.append(para_of({"t": "em", "c": [item["resolution"]]}))
            if item["restricted"]:
                blocks.append(para_of(strong_of(item["restricted"])))
            blocks.append(para_of(strong_of(f"{item['number']}. {item['title']}")))
            if item.get("key_decision"):
                blocks.append(para_of(strong_of("Key decision")))
            if item["exempt"]:
                blocks.append(para_of(item["exempt"]))
            if "replaces" in item:
                blocks.append(para_of({"t": "em", "c": [item["replaces"]]}))
            for key, label in (("urgent", "Reason for urgency: "), ("late", "Reason for lateness: ")):
                if key in item:
                    blocks.append(para_of({"t": "em", "c": [label]}, item[key]))
            if item["purpose"]:
                blocks += [para_of({"t": "em", "c": ["Purpose of the item:"]}), *item["purpose"]]
            blocks += item["note"]
            rows.append({"time": item["time"], "text": writer.subdoc(blocks, 10), "authors": item["authors"]})
        sections.append({"heading": section["heading"].upper(), "rows": rows})
    return {
        "heading": f"{front['heading']}: Agenda",
        "board_title": front["board_title"].upper(),
        "occasion": front.get("occasion", ""),
        "date": front["date"],
        "time": front["time"],
        "venue": front["venue"],
        "clerk": front["clerk"],
        "phone": front["phone"],
        "email": front["email"],
        "sections": sections,
    }


def _document_blocks(doc: dict[str, Any], writer: Writer, container: Any) -> None:
    """A report, tracker, action log or foreign appendix of an item, written into `container`; a landscape one (a
    wide tracker or log, as the PDF prints it) in a landscape section of its own."""
    landscape = (
        bool(doc.get("landscape")) and doc["kind"] in ("report", "tracker", "action_log") and not is_cell(container)
    )
    if landscape:
        container.add_paragraph(LANDSCAPE_FROM_HERE)
    _document_body(doc, writer, container)
    if landscape:
        container.add_paragraph(PORTRAIT_FROM_HERE)


def _document_body(doc: dict[str, Any], writer: Writer, container: Any) -> None:
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
                    [para_of(strong_of(r["id"]))],
                    *(
                        [para_of(c)]
                        if isinstance(c, str)
                        else [para_of(line) for line in c]
                        if all(isinstance(x, str) for x in c)
                        else c
                        for c in r["cells"][1:]
                    ),
                ]
                for r in doc["rows"]
            ],
            fit_widths(
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
                        [para_of(strong_of(r["id"]))],
                        [para_of(r["raised"])],
                        ([para_of(strong_of(r["restricted"]))] if r["restricted"] else []) + r["description"],
                        [para_of(r["owner"])],
                        [para_of(r["due"])],
                        ([para_of({"t": "em", "c": [r["update_date"] + ":"]})] if r["update_date"] else [])
                        + r["update"],
                        [para_of(r["status"])],
                    ]
                    for r in doc["rows"]
                ],
                fit_widths(doc["fit"], LANDSCAPE_WIDTH if doc["landscape"] else PORTRAIT_WIDTH, 9.5, doc["columns"]),
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
            + writer.pdf_name
            + (", " if writer.pdf else ".")
        )
        if writer.pdf:  # the PDF edition, where it lies from the Word file
            link(paragraph, writer.pdf, writer.pdf.rpartition("/")[2], False, False)
            paragraph.add_run(".")
    elif kind == "decisions":
        writer.blocks(container, [{"t": "heading", "level": 2, "c": [doc["heading"]]}], 16.6)
        for row in doc["rows"]:
            writer.blocks(
                container,
                [
                    {"t": "heading", "level": 3, "c": [f"{row['number']} {row['title']}"]},
                    *([para_of(strong_of(row["restricted"]))] if row["restricted"] else []),
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


def _grid(
    writer: Writer,
    container: Any,
    header: list[str],
    rows: list[list[list[Any]]],
    widths: list[float],
    fills: list[str | None],
    size: float = 9,
) -> None:
    """A table of Markdown cells under a bold, filled header row that repeats on every page, its columns `widths` cm
    wide (in the grid and in every cell, as both kinds of word processor read them), its text `size` pt and each
    row's last cell shaded with its fill; rows are kept whole on a page, as the PDF keeps them."""
    table = container.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    repeat_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(name).bold = True
        shade(cell, writer.header_fill)
    for values, fill in zip(rows, fills):
        row = table.add_row()
        for cell, nodes, width in zip(row.cells, values, widths):
            writer.blocks(cell, nodes, width)
        if fill:
            shade(row.cells[-1], fill)
    finish_table(table, widths, size, 1)  # the PDF's size for a tracker or log


def _minutes_context(doc: dict[str, Any], writer: Writer) -> dict[str, Any]:
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
        blocks += [para_of(strong_of(m["restricted"]))] if m["restricted"] else []
        blocks += m["body"]
        for action in m["actions"]:
            owner = action["owner"] + (f", {action['due']}" if action["due"] else "")
            blocks += [*action["text"], para_of({"t": "em", "c": [f"Owner: {owner}"]})]
    return blocks


def minutes_alone(pack: Pack, templates: Templates) -> bytes:
    """The Word edition of a pack of minutes alone (the minutes as confirmed and signed)."""
    [doc] = [d for d in pack.data["documents"] if d["kind"] == "minutes"]
    return render_word(
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

    def context(writer: Writer) -> dict[str, Any]:
        blocks: list[Any] = []
        for row in doc["rows"]:
            blocks += [para_of(strong_of(row["restricted"]))] if row["restricted"] else []
            blocks += [{"t": "heading", "level": 2, "c": [f"{row['number']} {row['title']}"]}, *row["body"]]
        return {"heading": doc["heading"], "rows": [], "restricted": "", "report": writer.subdoc(blocks)}

    exempt = pack.private and any(row["restricted"] for row in doc["rows"])
    marking = "NOT FOR PUBLICATION: contains exempt information" if exempt else ""
    return render_word(templates.word / "cover_sheet.docx", context, doc["heading"], pack, marking)


def pack_documents(pack: Pack, templates: Templates, pdf: str = "") -> dict[str, bytes]:
    """File name -> .docx bytes for the agenda, each item's papers and the minutes of one pack; `pdf` is the pack's
    PDF (or a paper's) as the Word files reach it ("../2012-06-15-public-pack.pdf"), which a PDF appendix links."""
    word = templates.word
    board = pack.data["board_name"]
    files = (
        {}
        if pack.stem
        else {  # a paper on its own has no agenda
            "agenda.docx": render_word(
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
            files[f"{name}-minutes.docx"] = render_word(
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
            writer: Writer,
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

        files[f"{name}{suffix}.docx"] = render_word(
            word / "cover_sheet.docx",
            context,
            f"{number} {titles.get(number, '')}",
            pack,
            rest[0].get("restricted") or "",
            pdf,
        )
    for doc in loose:

        def log(writer: Writer, doc: dict[str, Any] = doc) -> dict[str, Any]:
            report = writer.template.new_subdoc()
            _document_blocks(doc, writer, report)
            return {"heading": doc["heading"], "rows": [], "restricted": "", "report": report}

        files["action-log.docx"] = render_word(
            word / "cover_sheet.docx", log, doc["heading"], pack, doc.get("restricted") or ""
        )
    return files


DRAFT_MARKING = "NOT FOR PUBLICATION: names exempt items"


def names_exempt(pack: Pack) -> bool:
    """Whether the minutes draft of a meeting's private `pack` names an exempt item (its minute heading)."""
    return any(item["restricted"] for section in pack.data["documents"][0]["sections"] for item in section["items"])


def minutes_draft(papers: Papers, pack: Pack, templates: Templates) -> bytes:
    """The clerk's note-taking document for a meeting about to happen, from its private pack: one that names an
    exempt item is marked NOT FOR PUBLICATION on every page, as a private document is."""
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
    agenda = papers.agendas[pack.date].value
    numbered = {number: agenda.sections[s].items[i] for (s, i), number in item_numbers(board, agenda).items()}
    for section in pack.data["documents"][0]["sections"]:
        for item in section["items"]:
            part = item["number"].split(".")[0] if "." in item["number"] else None
            heading = (f"Part {part}: " if part and part != last_part else "") + f"{item['number']} {item['title']}"
            last_part = part
            heard = draft_notes(numbered[item["number"]]) if item["number"] in numbered else []
            minutes.append({"heading": heading, "restricted": item["restricted"], "participation": heard})
    context = {
        "heading": f"Minutes of the {board.name} meeting of {short_date(pack.date)}",
        "subheading": f"Draft for note-taking, {long_date(pack.date)}. Not for circulation.",
        "people": people,
        "actions": actions,
        "minutes": minutes,
    }
    return render_word(
        templates.word / "minutes_draft.docx",
        lambda writer: context,
        f"{board.name}, {short_date(pack.date)}: minutes draft",
        pack,
        DRAFT_MARKING if names_exempt(pack) else "",
    )
