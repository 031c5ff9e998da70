"""Make the corpus of Word reports `boardpack import` is measured on (benchmarks/import_corpus.py):
tests/corpus/import/NAME.docx, each with NAME.json, what a careful clerk would make of it by hand.

The reports vary as officers' reports do: the title in Word's Title style, in Heading 1 or in a bold first
paragraph; headings numbered by hand ("1. PURPOSE OF THE REPORT", "3.1 Introduction") or by Word's own
numbering; a masthead (the body, the date, "Report of the …") as paragraphs or in a table; risk tables
rated L/M/H, in words or by scores; strategic-aim and key-decision tables; merged cells; footnotes;
pictures with and without alt text; a contact block as lines or as a table; the large-print line.

The expected result names each element once: the title, the officer, each form field (a Markdown field by
its paragraphs, a risk by its row, the contact by its parts), each heading of the report's text with its
level (## a section, ### a part of one), each paragraph and list item, each table cell, each picture's alt
text, and what the masthead held that the form has no field for (`left_out`, which import must name); and
what `check` rightly refuses in the imported report (`problems`: a picture Word holds without alt text, which
only its author can describe).

Run: python scripts/make_import_corpus.py
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm

OUT = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "import"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PANEL = "PEOPLE (CHILDREN) SCRUTINY PANEL"
LARGE_PRINT = "A Large Print or Braille Version of this Report is available upon request – Contact (01572) 722577."


def png(width: int, height: int) -> bytes:
    """A small grey PNG."""
    raw = b"".join(b"\x00" + b"\x80" * width * 3 for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def sentence(text: str) -> str:
    """ "BACKGROUND INFORMATION" -> "Background information", as import writes a heading typed in capitals."""
    return text[0] + text[1:].lower() if text.isupper() and len(text) > 3 else text


class Report:
    """A Word report being written, and what a careful import makes of it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.document = docx.Document()
        self.expected: dict[str, Any] = {
            "title": "",
            "officer": "",
            "fields": {},
            "headings": [],
            "paragraphs": [],
            "cells": [],
            "images": [],
            "left_out": [],
            "numbers": [],  # each number the Word report gives, with the words it numbers: the house prints it
            "lists": [],  # each list Word letters or numbers in roman: its marker ("a)", "i.") and its items
            "problems": [],  # what `check` rightly refuses in the imported report, for the author to fix
        }
        self.footnotes: list[str] = []
        self.bare = ""  # a bare number ("3.2") waiting for the table it numbers
        self.lettered = False  # Word's multi-level list letters its third level ("(a)")

    # The masthead and the title

    def line(self, text: str, bold: bool = False, centre: bool = False) -> None:
        """A masthead line: the body, the date, the large-print line (not the report's text)."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run(text).bold = bold
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def report_of(self, text: str, officer: str = "Director for People") -> None:
        self.line(text, bold=True)
        self.expected["officer"] = officer

    def title(self, text: str, how: str) -> None:
        """The title: in Word's Title style, as Heading 1, or as a bold paragraph."""
        if how == "title":
            self.document.add_paragraph(text, style="Title")
        elif how == "h1":
            self.document.add_heading(text, 1)
        else:
            self.line(text, bold=True, centre=True)
        self.expected["title"] = text

    def aim(self, text: str, how: str) -> None:
        """The strategic aim: a line ("STRATEGIC AIM: …") or a one-row table."""
        if how == "line":
            self.line(f"STRATEGIC AIM: {text}", bold=True)
        else:
            table = self.document.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.cell(0, 0).text, table.cell(0, 1).text = "STRATEGIC AIM:", text
        self.expected["fields"]["strategic_aim"] = text

    def masthead_table(self, rows: list[tuple[str, str]], fields: dict[str, str], left_out: list[str]) -> None:
        """A masthead as a table of label and value."""
        table = self.document.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for y, (label, value) in enumerate(rows):
            table.cell(y, 0).text, table.cell(y, 1).text = label, value
        self.expected["fields"].update(fields)
        self.expected["left_out"] += left_out

    # Sections

    def heading(self, text: str, level: int, number: str = "", how: str = "style", word_level: int = 0) -> None:
        """A section (level 2) or a part of one (level 3): in a Heading style (numbered by hand, or by Word when
        `how` is "word"), or as a bold paragraph."""
        typed = f"{number}{'' if number.endswith(chr(9)) else ' '}{text}" if number and how != "word" else text
        if how == "bold":
            self.document.add_paragraph().add_run(typed).bold = True
        else:
            paragraph = self.document.add_heading(typed, word_level or level - 1)
            if how == "word":
                self.numbered(paragraph, level - 2)

    def section(self, text: str, level: int = 2, **how: Any) -> None:
        """A heading of the report's own text."""
        self.heading(text, level, **how)
        self.expected["headings"].append([level, sentence(text)])
        if how.get("number"):
            self.number(how["number"], sentence(text))

    def number(self, typed: str, words: str) -> None:
        """A number the report gives ("3", "3.", "3.1\t"), as the house prints it ("3.", "3.1")."""
        number = typed.strip().rstrip(".")
        self.expected["numbers"].append([number if "." in number else number + ".", words])

    def field(self, key: str, heading: str, paragraphs: list[str], number: str = "", **how: Any) -> None:
        """A section the form takes as a field: its heading, then its paragraphs (each numbered `number`.N
        when `number` is given)."""
        self.heading(heading, 2, **how)
        for k, text in enumerate(paragraphs, start=1):
            self.document.add_paragraph(f"{number}.{k} {text}" if number else text)
            if number:
                self.number(f"{number}.{k}", text)
        self.expected["fields"][key] = paragraphs

    def numbered(self, paragraph: Any, level: int) -> None:
        """Word's own numbering on a paragraph (the report's multi-level list, at `level`)."""
        number = self.list_id(self.lettered)
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr>')
        )

    def list_id(self, lettered: bool = False) -> int:
        """A multi-level list numbered "1.", "1.1", "1.1.1" (or, `lettered`, "1.", "1.1", "(a)"), added to the
        document's numbering once."""
        levels = "".join(
            f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(k + 1))}."/></w:lvl>'
            for k in range(2 if lettered else 3)
        )
        if lettered:
            levels += (
                '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
            )
        return self.add_list(91 if lettered else 90, levels)

    def add_list(self, number: int, levels: str) -> int:
        """The list `number` of these `levels` in the document's numbering (added once)."""
        numbering = self.document.part.numbering_part.element
        if not any(num.get(qn("w:numId")) == str(number) for num in numbering.findall(qn("w:num"))):
            abstract = parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{number}">{levels}</w:abstractNum>')
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering.append(abstract)
            numbering.append(
                parse_xml(f'<w:num xmlns:w="{W}" w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>')
            )
        return number

    def word_list(self, texts: list[str], kind: str, text: str, marker: str) -> list[str]:
        """A list Word numbers in `kind` ("lowerLetter", "upperRoman") as `text` ("%1)"), in Word's "List
        Paragraph" style as Word's numbering button makes it; expected as a list marked `marker`."""
        number = 92 + len(self.expected["lists"])
        level = f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{kind}"/><w:lvlText w:val="{text}"/></w:lvl>'
        self.add_list(number, level)
        if "List Paragraph" not in [style.name for style in self.document.styles]:
            self.document.styles.add_style("List Paragraph", WD_STYLE_TYPE.PARAGRAPH).base_style = self.document.styles[
                "Normal"
            ]
        for words in texts:
            paragraph = self.document.add_paragraph(words, style="List Paragraph")
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{number}"/></w:numPr>')
            )
        self.expected["lists"].append([marker, len(texts)])
        return texts

    # The report's text

    def para(self, text: str, number: str = "", note: str = "") -> None:
        """A paragraph, typed with its number ("3.3 As part of …") or not; a footnote after it."""
        paragraph = self.document.add_paragraph(f"{number} {text}" if number else text)
        if number:
            self.number(number, text)
        expected = text
        if note:
            self.footnotes.append(note)
            self.footnote_mark(paragraph, len(self.footnotes))
            expected = f"{text}[{len(self.footnotes)}]"
        self.expected["paragraphs"].append(expected)

    def bare_number(self, number: str) -> None:
        """A paragraph holding only its number ("3.2"), before a table."""
        self.document.add_paragraph(number)
        self.bare = number

    def items(self, texts: list[str], ordered: bool = False) -> None:
        for text in texts:
            self.document.add_paragraph(text, style="List Number" if ordered else "List Bullet")
        self.expected["paragraphs"] += texts

    def table(self, rows: list[list[str]], merge: tuple[int, int, int, int] | None = None) -> None:
        """A table, the first row its header; `merge` (row, column, to row, to column) merges those cells."""
        table = self.document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table.style = "Table Grid"
        cells = []
        if merge is not None:
            y, x, y2, x2 = merge
            table.cell(y, x).merge(table.cell(y2, x2))
        seen: list[Any] = []  # the cells' elements, kept alive (a merged cell is met again under its other places)
        for y, row in enumerate(rows):
            for x, text in enumerate(row):
                cell = table.cell(y, x)
                if any(cell._tc is element for element in seen):
                    continue
                seen.append(cell._tc)
                cell.text = text
                cells.append(text)
        self.expected["cells"].append(cells)
        if self.bare:
            self.number(self.bare, cells[0])
            self.bare = ""

    def picture(self, alt: str) -> None:
        stream = io.BytesIO(png(40, 24))
        self.document.add_picture(stream, width=Cm(4))
        if alt:
            self.document.inline_shapes[-1]._inline.docPr.set("descr", alt)
        else:  # import cannot say what a picture shows: `check` asks the author to
            self.expected["problems"].append("has no alt text")
        self.expected["images"].append(alt)

    # The closing parts

    def risks(self, head: list[str], rows: list[list[str]], expected: list[dict[str, str]] | None) -> None:
        """A risk table: the form's risks when it rates them low, medium or high (`expected`), else a table
        of the report's text."""
        table = self.document.add_table(rows=len(rows) + 1, cols=len(head))
        table.style = "Table Grid"
        for y, row in enumerate([head, *rows]):
            for x, text in enumerate(row):
                table.cell(y, x).text = text
        if expected is None:
            self.expected["cells"].append([text for row in [head, *rows] for text in row])
        else:
            self.expected["fields"]["risks"] = expected
            self.expected["headings"].pop()  # the form prints its own heading over the risks

    def contact(self, name: str, phone: str, email: str, how: str = "lines") -> None:
        """The author's contact block: as lines, as one paragraph whose lines end in Shift+Enter ("breaks"),
        or as a table."""
        lines = ("Report Author", name, f"Tel No: {phone}", f"E-mail: {email}")
        if how == "lines":
            for text in lines:
                self.document.add_paragraph(text)
        elif how == "breaks":
            paragraph = self.document.add_paragraph()
            for k, text in enumerate(lines):
                run = paragraph.add_run(text)
                if k < len(lines) - 1:
                    run.add_break()
        else:
            table = self.document.add_table(rows=3, cols=2)
            for y, (label, value) in enumerate((("Contact officer", name), ("Telephone:", phone), ("Email:", email))):
                table.cell(y, 0).text, table.cell(y, 1).text = label, value
        self.expected["fields"]["contact"] = {"name": name, "phone": phone, "email": email}

    # Footnotes

    def footnote_mark(self, paragraph: Any, number: int) -> None:
        paragraph._p.append(
            parse_xml(
                f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            )
        )

    def add_footnotes(self) -> None:
        if not self.footnotes:
            return
        notes = "".join(
            f'<w:footnote w:id="{k}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
            for k, text in enumerate(self.footnotes, start=1)
        )
        blob = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            f"</w:footnote>{notes}</w:footnotes>"
        ).encode()
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            blob,
            self.document.part.package,
        )
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        self.expected["paragraphs"] += self.footnotes  # the notes, listed at the end of the report

    def save(self) -> None:
        self.add_footnotes()
        core = self.document.core_properties
        core.author, core.last_modified_by = "Officer", "Officer"
        OUT.mkdir(parents=True, exist_ok=True)
        self.document.save(str(OUT / f"{self.name}.docx"))
        (OUT / f"{self.name}.json").write_text(json.dumps(self.expected, indent=1, ensure_ascii=False) + "\n")


RISKS_LMH = [
    ["Time", "L", "There are no implications from this report other than normal business"],
    ["Finance", "L", "There are no financial implications"],
    ["Profile", "M", "Members have been focussed on the needs of adolescents."],
]
RISKS_EXPECTED = [{"risk": r, "impact": i, "comments": c} for r, i, c in RISKS_LMH]
CONTACT = ("Colin Pennington", "(01572) 722577", "enquiries@rutland.gov.uk")


def seed_003() -> Report:
    """The report of 13 November 2014 to Rutland's People (Children) Scrutiny Panel (seed 003), as its author
    wrote it: the masthead as lines, the title in bold, numbers typed by hand, a bare "3.2" before a table."""
    r = Report("seed-003-officer-response")
    r.line(PANEL, bold=True, centre=True)
    r.line("13 November 2014", bold=True, centre=True)
    r.title("ADOLESCENT TASK AND FINISH GROUP RECOMMENDATIONS – OFFICER RESPONSE", "bold")
    r.report_of("REPORT OF THE DIRECTOR FOR PEOPLE")
    r.aim("Creating a Brighter Future for All", "table")
    r.field(
        "purpose",
        "1. PURPOSE OF THE REPORT",
        [
            "To inform the People (Children) Scrutiny Panel of the officer response to the Adolescent Task "
            "and Finish Group recommendations"
        ],
        number="1",
    )
    r.field("recommendations", "2. RECOMMENDATIONS", ["That Scrutiny Panel note the contents of this report."], "2")
    r.section("BACKGROUND INFORMATION", number="3.")
    r.section("Introduction", 3, number="3.1", how="bold")
    r.para(
        "The Adolescent Task and Finish Group submitted their report to the People (Children) Scrutiny Panel in "
        "May 2014. The report contained 4 recommendations."
    )
    r.para("The Adolescent Task and Finish Group's recommendations were as follows:")
    r.items(["clarify roles and responsibilities,", "enhance the working relationship,"])
    r.bare_number("3.2")
    r.table(
        [
            ["Recommendation", "Response"],
            ["Clarify roles and responsibilities", "The Council has undertaken a full survey of safeguarding."],
            ["Enhance the working relationship", "The Council has developed a Learning and Skills Strategy."],
        ]
    )
    r.para("As part of the People Directorate review consider:", number="3.3")
    r.items(["the role of early intervention services", "the effectiveness of the “step up step down” process."])
    r.table(
        [
            ["Early Intervention Activity", "April", "May", "Total"],
            ["No of clients recommended for CAF by Social Care", "Team 11", "0", "10"],
            ["", "Team 12", "6", "20"],
        ],
        merge=(1, 0, 2, 0),
    )
    r.para("Officers report to the People (Children) Scrutiny Panel on safeguarding in schools.", number="3.4")
    r.section("RISK MANAGEMENT", number="4.")
    r.risks(["RISK", "IMPACT", "COMMENTS"], RISKS_LMH, RISKS_EXPECTED)
    r.contact(*CONTACT)
    r.line(LARGE_PRINT)
    return r


def title_style_report() -> Report:
    """Title in Word's Title style, masthead in a table, Heading 1 sections numbered by hand, Heading 2 parts."""
    r = Report("title-style-masthead-table")
    r.masthead_table(
        [("Meeting:", "People (Children) Scrutiny Panel"), ("Date:", "13 November 2014"), ("Report No:", "187/2014")],
        {"report_number": "187/2014"},
        [],
    )
    r.title("Children's centres review", "title")
    r.report_of("Report of the Director for People")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To review the children's centres."], word_level=1)
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the review."], word_level=1)
    r.section("BACKGROUND", number="3.", word_level=1)
    r.section("Introduction", 3, number="3.1", word_level=2)
    r.para("There are three children's centres in the county.")
    r.section("Use of the centres", 3, number="3.2", word_level=2)
    r.para("Use has risen by a fifth since 2012.")
    r.picture("Visits to the centres by quarter, rising from 900 to 1,100")
    r.section("RISK MANAGEMENT", number="4.", word_level=1)
    r.risks(["RISK", "IMPACT", "COMMENTS"], RISKS_LMH, RISKS_EXPECTED)
    r.contact(*CONTACT)
    return r


def heading1_title() -> Report:
    """Title in Heading 1 before the first numbered section, sections in Heading 2."""
    r = Report("heading1-title")
    r.line(PANEL)
    r.line("13 November 2014")
    r.title("Home to school transport", "h1")
    r.report_of("REPORT OF THE DIRECTOR FOR PEOPLE")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To report on transport costs."], "1")
    r.field(
        "recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the costs.", "That it asks for a plan."], "2"
    )
    r.section("BACKGROUND", number="3.")
    r.para("Costs have risen by 8% this year.", number="3.1")
    r.para("Most of the rise is in special educational needs transport.", number="3.2")
    r.section("RISK MANAGEMENT", number="4.")
    r.risks(["RISK", "IMPACT", "COMMENTS"], RISKS_LMH, RISKS_EXPECTED)
    r.contact(*CONTACT)
    r.line(LARGE_PRINT)
    return r


def word_numbering() -> Report:
    """Headings numbered by Word's own numbering (no typed numbers); the strategic aim as a line."""
    r = Report("word-numbered-headings")
    r.title("Youth service review", "title")
    r.report_of("Report of the Director for People")
    r.aim("Creating a Brighter Future for All", "line")
    r.field("purpose", "PURPOSE OF THE REPORT", ["To report on the youth service."], how="word")
    r.field("recommendations", "RECOMMENDATIONS", ["That the Panel endorses the plan."], how="word")
    r.section("BACKGROUND", how="word")
    r.section("The service today", 3, how="word")
    r.para("The service runs six youth clubs.")
    r.section("Proposals", 3, how="word")
    r.para("Two clubs would move to the community hubs.")
    r.contact(*CONTACT)
    return r


def risk_words() -> Report:
    """A risk table rated in words with likelihood and mitigation; a key-decision table in the masthead."""
    r = Report("risk-words-key-decision")
    r.line("Rutland County Council")
    r.title("Library opening hours", "title")
    r.report_of("Report of the Director for People")
    r.masthead_table(
        [("Key Decision:", "Yes"), ("Forward Plan Reference:", "FP/101014")], {}, ["Key Decision", "Forward Plan"]
    )
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To propose new opening hours."], "1")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel comments on the proposal."], "2")
    r.section("BACKGROUND", number="3.")
    r.para("Visits on Mondays are a third of those on Saturdays.", number="3.1")
    r.section("RISK MANAGEMENT", number="4.")
    head = ["Risk", "Likelihood", "Impact", "Mitigation"]
    rows = [["Fewer visits", "Medium", "Low", "Publicise the new hours."], ["Complaints", "High", "Medium", "Consult."]]
    r.risks(head, rows, [{"risk": a, "likelihood": b, "impact": c, "mitigation": d} for a, b, c, d in rows])
    r.contact(*CONTACT, how="table")
    return r


def risk_scores() -> Report:
    """A risk table scored 1-5 (not the form's ratings: it stays a table of the report's text)."""
    r = Report("risk-scores")
    r.title("Adult learning budget", "h1")
    r.report_of("Report of the Director for People")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To set the adult learning budget."], "1")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the budget."], "2")
    r.section("RISK MANAGEMENT", number="3.")
    r.risks(["Risk", "Likelihood (1-5)", "Impact (1-5)", "Score"], [["Funding cut", "3", "4", "12"]], None)
    r.contact(*CONTACT)
    return r


def footnotes_and_pictures() -> Report:
    """Footnotes, a picture with alt text and one without, a numbered Word list of recommendations."""
    r = Report("footnotes-pictures")
    r.title("Attendance at school", "title")
    r.report_of("Report of the Director for People")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To report on attendance."], "1")
    r.heading("2. RECOMMENDATIONS", 2)
    r.document.add_paragraph("That the Panel:")
    r.document.add_paragraph("notes the rise in attendance;", style="List Number")
    r.document.add_paragraph("asks for a further report in March.", style="List Number")
    r.expected["fields"]["recommendations"] = [
        "That the Panel:",
        "notes the rise in attendance;",
        "asks for a further report in March.",
    ]
    r.section("BACKGROUND", number="3.")
    r.para("Attendance rose to 96.1% in 2013-14.", number="3.1", note="Department for Education statistics, 2014.")
    r.para("Persistent absence fell by a quarter.", number="3.2", note="The county's own figures.")
    r.picture("Attendance by term, 2011 to 2014")
    r.picture("")
    r.contact(*CONTACT)
    return r


def contact_table_bold_title() -> Report:
    """A bold first paragraph as the title, the masthead as lines, "Report of" naming a post, a contact table."""
    r = Report("bold-title-contact-table")
    r.line("Rutland County Council")
    r.line(PANEL)
    r.line("Thursday 13 November 2014")
    r.title("Fostering service annual report", "bold")
    r.report_of("Report of the Director for People")
    r.field("purpose", "PURPOSE OF THE REPORT", ["To present the annual report of the fostering service."], "1")
    r.field("recommendations", "RECOMMENDATIONS", ["That the Panel notes the annual report."], "2")
    r.section("BACKGROUND", number="3")
    r.para("There are 42 approved foster carers.", number="3.1")
    r.para("Nine new carers were approved this year.", number="3.2")
    r.section("FINANCIAL IMPLICATIONS", number="4")
    r.para("There are none.", number="4.1")
    r.contact(*CONTACT, how="table")
    r.line(LARGE_PRINT)
    return r


def merged_cells() -> Report:
    """Tables with merged cells across columns and down rows."""
    r = Report("merged-cells")
    r.title("Short breaks for disabled children", "title")
    r.report_of("Report of the Director for People")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To report on short breaks."], "1")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the report."], "2")
    r.section("BACKGROUND", number="3.")
    r.para("Short breaks are offered at three levels.", number="3.1")
    r.table(
        [
            ["Level", "Offer", "Children"],
            ["Universal", "Clubs and activities", "120"],
            ["Targeted", "Overnight stays", "14"],
        ],
    )
    r.table(
        [["Quarter", "2013-14", ""], ["Q1", "31", "32"], ["Q2", "27", "46"]],
        merge=(0, 1, 0, 2),
    )
    r.contact(*CONTACT)
    return r


def plain_subheadings() -> Report:
    """Heading 2 parts without numbers under Heading 1 sections, and a deeper Heading 3."""
    r = Report("unnumbered-parts")
    r.line(PANEL)
    r.line("13 November 2014")
    r.title("Tier 3 CAMHS review", "h1")
    r.report_of("Report of the Director for People")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To update the Panel on the CAMHS review."], "1", word_level=1)
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the update."], "2", word_level=1)
    r.section("BACKGROUND INFORMATION", number="3.", word_level=1)
    r.section("Outline strategy", 3, word_level=2)
    r.para("The strategy is set out in four themes:")
    r.items(["Promoting good emotional health and resilience", "Early and targeted support"])
    r.section("Pathways", 3, word_level=2)
    r.para("Work is focussing on the pathways.")
    r.section("NEXT STEPS", number="4.", word_level=1)
    r.items(["Strategic groups have been identified."], ordered=True)
    r.contact(*CONTACT)
    return r


def reasons_and_implications() -> Report:
    """Reasons for the recommendations, and sections the form has no field for, typed in capitals."""
    r = Report("reasons-and-data-tables")
    r.title("Early help performance", "title")
    r.report_of("Report of the Director for People")
    r.aim("Creating a Brighter Future for All", "table")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To report on early help."], "1")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the report."], "2")
    r.field("reasons", "3. REASONS FOR THE RECOMMENDATIONS", ["The Panel asked for this report."], "3")
    r.section("PERFORMANCE", number="4.")
    r.para("Key data is as follows:", number="4.1")
    r.table(
        [
            ["Data Headlines", "2012-13", "2013-14"],
            ["Prevention of homelessness", "53", "86"],
            ["Children Centre's Reach 0 – 5", "41.5%", "56%"],
        ]
    )
    r.bare_number("4.2")
    r.table([["01/04/12 to 31/03/13", "01/04/13 to 31/03/14", "Status"], ["631 contacts", "690 contacts", "↓ 36.5%"]])
    r.section("RISK MANAGEMENT", number="5.")
    r.risks(["RISK", "IMPACT", "COMMENTS"], RISKS_LMH, RISKS_EXPECTED)
    r.contact(*CONTACT)
    r.line(LARGE_PRINT)
    return r


def officer_named() -> Report:
    """ "Report of" naming a person, the large-print line near the top, lettered recommendations."""
    r = Report("large-print-at-top")
    r.line(LARGE_PRINT)
    r.title("Safeguarding in schools", "title")
    r.report_of("Report of Colin Pennington", officer="Colin Pennington")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To report the findings of the safeguarding survey."], "1")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the findings."], "2")
    r.section("FINDINGS", number="3.")
    r.para("All schools returned the survey.", number="3.1")
    r.para("Two schools need further support.", number="3.2")
    r.contact(*CONTACT)
    return r


def everyday_mess() -> Report:
    """What a real report holds besides: a subtitle, parts headed by a bold line without a number, a typed
    number and a tab before a heading's words, numbers in the text ("7.5 tonne", "3 new carers"), a paragraph
    that mentions large print without being the large-print line, a link,
    lettered recommendations typed by hand, and a contact block whose author gives a role."""
    r = Report("everyday-mess")
    r.line(PANEL)
    r.title("Early intervention offer", "title")
    r.document.add_paragraph("Update for members", style="Subtitle")
    r.expected["paragraphs"].append("Update for members")
    r.report_of("REPORT OF THE DIRECTOR FOR PEOPLE")
    r.field("purpose", "1.\tPURPOSE OF THE REPORT", ["To describe the early intervention offer."], "1", word_level=1)
    r.field(
        "recommendations",
        "2.\tRECOMMENDATIONS",
        ["That the Panel:", "(a) notes the offer;", "(b) visits the Rutland Wanderer."],
        word_level=1,
    )
    r.document.add_paragraph("2.2 That the Panel thanks the youth workers")  # no full stop: still a paragraph
    r.expected["fields"]["recommendations"].append("That the Panel thanks the youth workers")
    r.section("BACKGROUND", number="3.\t", word_level=1)
    r.section("Outline", 3, number="3.1\t", word_level=2)
    r.para("The Rutland Wanderer is a 7.5 tonne mobile youth centre.")
    r.para("3 new youth workers joined in June.")
    r.para("The large print library at the youth centre is available to all.")  # not the large-print line
    r.section("Single agency support", 3, how="bold")
    r.para("A recent system records single agency work.")
    paragraph = r.document.add_paragraph("The strategy is on the ")
    hyperlink(paragraph, "https://www.rutland.gov.uk/", "Council's website")
    paragraph.add_run(".")
    r.expected["paragraphs"].append("The strategy is on the Council's website.")
    for text in ("Report Author:", "Colin Pennington", "Head of Early Intervention", "Tel: 01572 722577"):
        r.document.add_paragraph(text)
    r.document.add_paragraph("Email: cpennington@rutland.gov.uk")
    r.expected["fields"]["contact"] = {
        "name": "Colin Pennington",
        "role": "Head of Early Intervention",
        "phone": "01572 722577",
        "email": "cpennington@rutland.gov.uk",
    }
    return r


def no_purpose() -> Report:
    """A report with no section for its purpose: import writes a placeholder that `check` refuses, and the pack
    numbers the purpose its section 1, so the report's own sections print one number higher ("1. RECOMMENDATIONS"
    as 2., its 2.1 as 3.1): what members cite is the number printed, once the author writes the purpose."""
    r = Report("no-purpose")
    r.title("Members' visits to schools", "title")
    r.report_of("Report of the Director for People")
    r.field("recommendations", "1. RECOMMENDATIONS", ["That the Panel agrees a rota of visits."], "1")
    r.section("BACKGROUND", number="2.")
    r.para("Members visited four schools last year.", number="2.1")
    r.contact(*CONTACT)
    r.expected["problems"].append("'Purpose of the report' is required but still a placeholder")
    r.expected["numbers"] = [[shifted(number), words] for number, words in r.expected["numbers"]]
    return r


def shifted(number: str) -> str:
    """ "2.1" -> "3.1", "2." -> "3.": a number one section later."""
    section, dot, rest = number.partition(".")
    return f"{int(section) + 1}{dot}{rest}"


def bold_headings() -> Report:
    """Every heading typed in an ordinary paragraph in bold (no Heading styles at all), the title too."""
    r = Report("bold-headings")
    r.line(PANEL, bold=True)
    r.line("13 November 2014", bold=True)
    r.title("Elective home education", "bold")
    r.report_of("REPORT OF THE DIRECTOR FOR PEOPLE")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To report on elective home education."], "1", how="bold")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the report."], "2", how="bold")
    r.section("BACKGROUND", number="3.", how="bold")
    r.section("Numbers", 3, number="3.1", how="bold")
    r.para("There are 38 children educated at home.")
    r.section("Support", 3, number="3.2", how="bold")
    r.para("Each family is offered a visit each year.")
    r.heading("4. RISK MANAGEMENT", 2, how="bold")
    r.expected["headings"].append([2, "Risk management"])
    r.risks(["RISK", "IMPACT", "COMMENTS"], RISKS_LMH, RISKS_EXPECTED)
    r.contact(*CONTACT)
    return r


def masthead_with_officer() -> Report:
    """A masthead table naming the officer ("Report of:"), the wards and whether it is a key decision."""
    r = Report("masthead-table-officer")
    r.title("School place planning", "title")
    r.masthead_table(
        [
            ("Report of:", "Director for People"),
            ("Wards affected:", "All"),
            ("Key decision:", "No"),
            ("Strategic aim:", "Creating a Brighter Future for All"),
        ],
        {"strategic_aim": "Creating a Brighter Future for All"},
        ["Wards affected", "Key decision"],
    )
    r.expected["officer"] = "Director for People"
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To forecast school places to 2020."], "1")
    r.field("recommendations", "2. RECOMMENDATIONS", ["That the Panel notes the forecast."], "2")
    r.section("FORECAST", number="3.")
    r.para("Primary places will be short by 2018 in Oakham.", number="3.1")
    r.contact(*CONTACT)
    return r


def word_numbered_paragraphs() -> Report:
    """Headings and paragraphs numbered by Word's own multi-level list ("1.", "1.1"): no number typed."""
    r = Report("word-numbered-paragraphs")
    r.title("Children's social care performance", "title")
    r.report_of("Report of the Director for People")
    for key, heading, text in (
        ("purpose", "PURPOSE OF THE REPORT", "To report on performance in the first half year."),
        ("recommendations", "RECOMMENDATIONS", "That the Panel notes the performance."),
    ):
        r.heading(heading, 2, how="word")
        r.numbered(r.document.add_paragraph(text), 1)
        r.expected["fields"][key] = [text]
        r.number(f"{len(r.expected['numbers']) + 1}.1", text)
    r.section("PERFORMANCE", how="word")
    for k, text in enumerate(("Referrals fell by a tenth.", "Assessments were completed on time."), start=1):
        r.numbered(r.document.add_paragraph(text), 1)
        r.expected["paragraphs"].append(text)
        r.number(f"3.{k}", text)
    r.para("The Panel asked to see:")
    r.items(["caseloads by team", "agency staff numbers"])
    r.contact(*CONTACT)
    return r


def lettered_lists() -> Report:
    """Word's own lettered and roman lists (Word's numbering button, not letters typed), "Agenda Item 5" above
    the title, and a contact block typed as one paragraph with Shift+Enter between its lines."""
    r = Report("lettered-lists-contact-breaks")
    r.line("Agenda Item 5")
    r.title("Youth offer for 2015", "bold")
    r.report_of("Report of the Director for People")
    r.field("purpose", "1. PURPOSE OF THE REPORT", ["To propose the youth offer for 2015."], "1")
    r.heading("2. RECOMMENDATIONS", 2)
    r.document.add_paragraph("That the Panel:")
    items = r.word_list(["notes the proposals;", "agrees the new opening times;"], "lowerLetter", "%1)", "a)")
    r.expected["fields"]["recommendations"] = ["That the Panel:", *items]
    r.section("BACKGROUND", number="3.")
    r.para("The review asked three questions:", number="3.1")
    r.expected["paragraphs"] += r.word_list(
        ["who uses the service;", "when it is used;", "what it costs."], "lowerRoman", "%1.", "i."
    )
    r.para("Two options were considered:", number="3.2")
    r.expected["paragraphs"] += r.word_list(
        ["Keep the clubs as they are", "Move two clubs to the hubs"], "upperLetter", "%1.", "A."
    )
    r.contact(*CONTACT, how="breaks")
    return r


def word_numbered_lettered() -> Report:
    """Headings, paragraphs and lettered recommendations all numbered by one Word multi-level list ("2.",
    "2.1", "(a)"): the numbered paragraphs are the house's, the lettered ones a list."""
    r = Report("word-numbered-lettered")
    r.lettered = True
    r.title("Children's centres opening hours", "title")
    r.report_of("Report of the Director for People")
    r.heading("PURPOSE OF THE REPORT", 2, how="word")
    r.numbered(r.document.add_paragraph("To propose new opening hours."), 1)
    r.number("1.1", "To propose new opening hours.")
    r.expected["fields"]["purpose"] = ["To propose new opening hours."]
    r.heading("RECOMMENDATIONS", 2, how="word")
    r.numbered(r.document.add_paragraph("That the Panel:"), 1)
    r.number("2.1", "That the Panel:")
    items = ["notes the proposal;", "comments on the hours."]
    for text in items:
        r.numbered(r.document.add_paragraph(text), 2)
    r.expected["fields"]["recommendations"] = ["That the Panel:", *items]
    r.expected["lists"].append(["a)", len(items)])
    r.section("BACKGROUND", how="word")
    r.numbered(r.document.add_paragraph("Use is lowest on Friday afternoons."), 1)
    r.expected["paragraphs"].append("Use is lowest on Friday afternoons.")
    r.number("3.1", "Use is lowest on Friday afternoons.")
    r.contact(*CONTACT)
    return r


def hyperlink(paragraph: Any, url: str, text: str) -> None:
    """A link in a paragraph, as Word writes one."""
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            f' r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
        )
    )


REPORTS = [
    seed_003,
    title_style_report,
    heading1_title,
    word_numbering,
    risk_words,
    risk_scores,
    footnotes_and_pictures,
    contact_table_bold_title,
    merged_cells,
    plain_subheadings,
    reasons_and_implications,
    officer_named,
    everyday_mess,
    no_purpose,
    bold_headings,
    masthead_with_officer,
    word_numbered_paragraphs,
    lettered_lists,
    word_numbered_lettered,
]


def main() -> None:
    for make in REPORTS:
        make().save()
    print(f"wrote {len(REPORTS)} reports to {OUT}")


if __name__ == "__main__":
    main()
