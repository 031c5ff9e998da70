"""Generate the Word templates in templates/word/ (docxtpl tags in ordinary Word documents).

A clerk may restyle the generated files in Word (fonts, colours, margins, logos); keep the
{{ … }} and {% … %} tags. Run again only to start from scratch:

    python scripts/make_word_templates.py            (or name some: ... minutes minutes_draft)
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from boardpack.render.docx.writer import set_widths  # the widths boardpack sets, in both forms

OUT = Path(__file__).resolve().parents[1] / "templates" / "word"


HOUSE_FONT = "Arial"
THEME_ATTRIBUTES = (
    "w:asciiTheme",
    "w:hAnsiTheme",
    "w:eastAsiaTheme",
    "w:cstheme",
    "w:themeColor",
    "w:themeShade",
    "w:themeTint",
)


def house_font(rpr) -> None:  # type: ignore[no-untyped-def]
    """The house font for every script, with no theme font or colour left to override it (Word prefers a theme
    font to a named one, so python-docx's headings came out in Calibri over Arial text, and blue)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), HOUSE_FONT)
    for element in (fonts, rpr.find(qn("w:color"))):
        for attribute in THEME_ATTRIBUTES:
            if element is not None and element.get(qn(attribute)) is not None:
                del element.attrib[qn(attribute)]


def prefixed(attribute: str) -> str:
    """'{…wordprocessingml…}asciiTheme' as 'w:asciiTheme'."""
    return "w:" + attribute.rpartition("}")[2]


def british_english(doc: Document) -> None:
    """Proofing language en-GB by default (boardpack sets the board's own when it renders)."""
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    house_font(defaults)
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), "en-GB")


def header_and_footer(doc: Document) -> None:
    """Every page: the body and document in the header, with the exempt marking of a private document, and
    "Page N of M" in the footer."""
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.text = "{{ running_head }}"
    head.runs[0].font.size = Pt(8)
    head.runs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    for text in ("{%p if marking %}", "{{ marking }}", "{%p endif %}"):
        paragraph = section.header.add_paragraph(text)
        if text == "{{ marking }}":
            paragraph.runs[0].bold = True
            paragraph.runs[0].font.size = Pt(9)
            paragraph.runs[0].font.color.rgb = RGBColor(0xB1, 0x0E, 0x1E)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("Page ")
    foot._p.append(field("PAGE"))
    foot.add_run(" of ")
    foot._p.append(field("NUMPAGES"))
    for run in foot.runs:
        run.font.size = Pt(9)


def field(instruction: str):  # type: ignore[no-untyped-def]
    """A simple field (PAGE, NUMPAGES) that the word processor fills in."""
    element = OxmlElement("w:fldSimple")
    element.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
    size.set(qn("w:val"), "18")  # 9 pt, as the words around it
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    element.append(run)
    return element


def base(title_tag: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    styles = doc.styles
    british_english(doc)
    styles["Normal"].font.name = HOUSE_FONT
    styles["Normal"].font.size = Pt(11)
    house_font(styles["Normal"].element.get_or_add_rPr())
    sizes = {1: 16, 2: 13, 3: 12, 4: 11, 5: 11, 6: 11, 7: 11, 8: 11, 9: 11}
    for name, size in [(f"Heading {level}", size) for level, size in sizes.items()] + [("Title", 20)]:
        style = styles[name]
        style.font.name, style.font.size, style.font.bold, style.font.italic = HOUSE_FONT, Pt(size), True, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        house_font(style.element.get_or_add_rPr())
    for element in styles.element.findall(qn("w:style")):  # the linked character styles (Heading 1 Char …) too
        rpr = element.find(qn("w:rPr"))
        if rpr is not None and any(a in THEME_ATTRIBUTES for e in rpr for a in map(prefixed, e.attrib)):
            house_font(rpr)
    border = styles["Title"].element.get_or_add_pPr().find(qn("w:pBdr"))
    if border is not None:  # python-docx's Title is underlined in its theme's blue
        border.getparent().remove(border)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)  # the web edition's link blue
    link.font.underline = True
    nested_numbering(doc)
    header_and_footer(doc)
    doc.add_heading(title_tag, level=1)
    return doc


def nested_numbering(doc: Document) -> None:
    """A numbered list inside a numbered item counts a., b. and one inside that i., ii. (python-docx's template
    numbers every level 1., so "1(a)" could not be cited)."""
    formats = {"ListNumber2": "lowerLetter", "ListNumber3": "lowerRoman"}
    numbering = doc.part.numbering_part.element
    for abstract in numbering.findall(qn("w:abstractNum")):
        level = abstract.find(qn("w:lvl"))
        style = level.find(qn("w:pStyle")) if level is not None else None
        if style is not None and style.get(qn("w:val")) in formats:
            level.find(qn("w:numFmt")).set(qn("w:val"), formats[style.get(qn("w:val"))])


def shade(cell, colour: str = "D9D9D9") -> None:  # type: ignore[no-untyped-def]
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour)
    properties.append(fill)


def header_row(table, labels: list[str]) -> None:  # type: ignore[no-untyped-def]
    row = table.rows[0]
    for cell, label in zip(row.cells, labels):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
        shade(cell)
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def loop_table(
    doc: Document, labels: list[str], loop: str, cells: list[str], widths: list[float], header: bool = True
) -> None:
    """A table with a header row (or, without `header`, its first column shaded as labels, as the PDF's cover
    sheet is) and one row repeated by docxtpl for each element of a list."""
    table = doc.add_table(rows=3 if header else 2, cols=len(labels))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if header:
        header_row(table, labels)
    table.rows[-2].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, text in zip(table.rows[-1].cells, cells):
        cell.text = text
    if not header:
        shade(table.rows[-1].cells[0])
        table.rows[-1].cells[0].paragraphs[0].runs[0].bold = True
    table.add_row().cells[0].text = "{%tr endfor %}"
    set_widths(table, widths)
    for row in table.rows:  # a row is never split across pages
        keep = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(keep)


def writing_box(
    doc: Document, labels: list[str], widths: list[float], rows: int, height: float, last: bool = False
) -> None:
    """A box to write in by hand at the meeting: a header row, then `rows` empty rows `height` cm tall, kept on one
    page with what follows (unless it is the `last` of its minute: the chain ends there)."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    table = doc.add_table(rows=1 + rows, cols=len(labels))
    table.style = "Table Grid"
    header_row(table, labels)
    set_widths(table, widths)
    for row in table.rows[1:]:
        row.height, row.height_rule = Cm(height), WD_ROW_HEIGHT_RULE.AT_LEAST
    for index, row in enumerate(table.rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = not (last and index == rows)


def agenda() -> None:
    doc = base("{{ heading }}")
    doc.add_paragraph("{{ board_title }}").runs[0].bold = True
    doc.add_paragraph("{%p if occasion %}")
    doc.add_paragraph("{{ occasion }}").runs[0].bold = True
    doc.add_paragraph("{%p endif %}")
    for label, tag in (("Date", "date"), ("Time", "time"), ("Venue", "venue"), ("Please ask for", "clerk")):
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(f"{{{{ {tag} }}}}")
    doc.add_paragraph("T: {{ phone }}   E: {{ email }}")
    doc.add_paragraph("{%p for section in sections %}")
    doc.add_heading("{{ section.heading }}", level=2)
    doc.add_paragraph("{%p if section.rows %}")
    loop_table(
        doc,
        ["Time", "Item", "Author"],  # (the pages are the PDF pack's: a Word file has its own)
        "row in section.rows",
        ["{{ row.time }}", "{{p row.text }}", "{{ row.authors }}"],
        [2.3, 10.2, 4.1],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(OUT / "agenda.docx")


def cover_sheet() -> None:
    doc = base("{{ heading }}")
    doc.add_paragraph("{%p if restricted %}")
    doc.add_paragraph("{{ restricted }}").runs[0].bold = True
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if rows %}")
    loop_table(doc, ["", ""], "row in rows", ["{{ row.label }}", "{{p row.value }}"], [4.6, 12], header=False)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{p report }}")
    doc.save(OUT / "cover_sheet.docx")


def minutes() -> None:
    doc = base("{{ heading }}")
    doc.add_paragraph("{%p if status %}")
    doc.add_paragraph("{{ status }}").runs[0].italic = True
    doc.add_paragraph("{%p endif %}")
    for group in ("Present", "Apologies", "Absent", "In Attendance"):
        key = group.lower().replace(" ", "_")
        doc.add_paragraph(f"{{%p if {key} %}}")
        doc.add_heading(f"{group}:", level=2)
        loop_table(doc, ["Name", "Role"], f"person in {key}", ["{{ person.name }}", "{{ person.role }}"], [6.4, 10.2])
        doc.add_paragraph("{%p endif %}")
    doc.add_heading("Minutes", level=2)
    doc.add_paragraph("{{p body }}")  # each minute a heading and its paragraphs, not a layout table
    doc.add_paragraph("{%p for line in signature %}")  # the Chair's signature block, line by line
    doc.add_paragraph("{{ line }}").paragraph_format.space_before = Pt(12)
    doc.add_paragraph("{%p endfor %}")
    doc.save(OUT / "minutes.docx")


def minutes_draft() -> None:
    doc = base("{{ heading }}")
    doc.add_paragraph("{{ subheading }}")
    doc.add_heading("Attendance", level=2)
    loop_table(
        doc,
        ["Name", "Initials", "Role", "Present", "Apologies", "Absent", "Substitute", "Arrived", "Left"],
        "person in people",
        ["{{ person.name }}", "{{ person.initials }}", "{{ person.role }}", "☐", "☐", "☐", "", "", ""],
        [2.6, 1.4, 4.1, 1.4, 1.75, 1.3, 1.8, 1.35, 0.9],  # Role the widest: the rest hold a tick or a time
    )
    attendance = doc.tables[-1]  # nine columns: smaller type and margins, so that no heading breaks inside a word
    for paragraph in (p for row in attendance.rows for cell in row.cells for p in cell.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(9)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # 0.1 cm, in twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    attendance._tbl.tblPr.append(margins)
    doc.add_heading("Declarations of interest", level=2)
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    header_row(table, ["Member", "Minute", "Interest", "Kind", "What they did"])
    doc.add_heading("Open actions due for report", level=2)
    doc.add_paragraph("{%p if actions %}")
    loop_table(
        doc,
        ["Ref", "Action", "Owner", "Due", "Latest update", "Update at the meeting"],
        "a in actions",
        ["{{ a.id }}", "{{ a.description }}", "{{ a.owner }}", "{{ a.due }}", "{{ a.update }}", ""],
        [1.1, 4.4, 2.6, 2.5, 3.4, 2.6],  # Due as wide as "September"
    )
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("No actions are open.")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading("Minutes", level=2)
    doc.add_paragraph("{%p for m in minutes %}")
    doc.add_heading("{{ m.heading }}", level=3)
    doc.add_paragraph("{%p if m.restricted %}")
    doc.add_paragraph("{{ m.restricted }}").runs[0].bold = True
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for p in m.participation %}")  # the public's questions and petitions, to note answers
    doc.add_paragraph("{{ p }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    notes = doc.add_paragraph("Notes:")
    notes.paragraph_format.keep_with_next = True  # the heading, notes and boxes stay together on a page
    doc.add_paragraph("").paragraph_format.keep_with_next = True
    writing_box(doc, ["Resolved (and votes: for, against, abstained)"], [16.6], rows=1, height=2.4)
    doc.add_paragraph("").paragraph_format.keep_with_next = True  # so the two boxes are two tables, not one
    writing_box(doc, ["Action", "Owner", "Due"], [10, 4, 2.6], rows=2, height=1.3, last=True)
    doc.add_paragraph("{%p endfor %}")
    doc.save(OUT / "minutes_draft.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for make in [globals()[name] for name in sys.argv[1:]] or (agenda, cover_sheet, minutes, minutes_draft):
        make()
    print(f"wrote {sorted(p.name for p in OUT.glob('*.docx'))}")
