"""Word documents for clerks, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from click.testing import CliRunner

from boardpack.build import build_minutes_draft, build_pack, build_paper
from boardpack.cli import main

from .conftest import REPO, Board


@pytest.fixture
def word(example_word: Path) -> Path:
    return example_word


def texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def table_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(texts(document) + cells)


def test_public_and_private_word_documents(word: Path) -> None:
    public = sorted(p.name for p in (word / "2012-06-15-public-docx").iterdir())
    assert public == [
        "agenda.docx",
        "item-1-3-action-log.docx",
        "item-1-3-minutes.docx",
        "item-2-1.docx",
        "item-3-1.docx",
        "item-3-2.docx",
        "item-4-1.docx",
        "item-4-2.docx",
        "item-4-3.docx",
    ]
    private = sorted(p.name for p in (word / "2012-06-15-private-docx").iterdir())
    assert private == sorted(public + ["item-6-1.docx"])


def test_agenda(word: Path) -> None:
    agenda = docx.Document(str(word / "2012-06-15-public-docx" / "agenda.docx"))
    assert texts(agenda)[0] == "Public Document Pack: Agenda"
    assert "Date: Friday 15 June 2012" in texts(agenda)
    headings = [p.text for p in agenda.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == [
        "WELCOME, APOLOGIES, MINUTES OF THE LAST MEETING AND MATTERS ARISING",
        "INFRASTRUCTURE AND GOVERNANCE",
    ]
    first, second = table_rows(agenda.tables[0]), table_rows(agenda.tables[1])
    assert first[0] == ["Time", "Item", "Author"]  # the PDF pack's page ranges are not this file's
    assert first[1] == ["9.30", "1.1. Welcome", "Chair"]
    assert second[1][0] == "9.40 – 10.00"
    assert second[1][1].startswith(
        "2.1. Ofsted Inspection of Child Protection Arrangements\nPurpose of the item:\nTo alert partners"
    )
    assert second[1][2] == "Joy Howick and Claire Oatway"
    text = all_text(word / "2012-06-15-public-docx" / "agenda.docx")
    assert "6.1. Early intervention counselling pilot - contract" in text and "Kernow" not in text
    assert "Exempt from publication under paragraph 3" in text


def test_cover_sheet_and_report(word: Path) -> None:
    sheet = docx.Document(str(word / "2012-06-15-public-docx" / "item-2-1.docx"))
    assert texts(sheet)[0] == "Agenda Item 2.1: Ofsted Inspection of Child Protection Arrangements"
    rows = table_rows(sheet.tables[0])
    assert [r[0] for r in rows] == [  # labels down the first column, with no header row: as the PDF's
        "Meeting",
        "Date",
        "Title",
        "Responsible Officer",
        "Purpose of Item",
        "Recommendations",
        "Consultation Record",
        "Impact on Child Poverty",
        "Meeting Notes:",
    ]
    assert rows[3][1] == "Claire Oatway and Joy Howick"
    bullets = [p for p in sheet.tables[0].rows[5].cells[1].paragraphs if p.style.name == "List Bullet"]
    assert bullets[0].text.startswith("Board members understand and disseminate guidance")
    headings = [p.text for p in sheet.paragraphs if p.style.name.startswith("Heading")]
    assert "Ofsted Inspection of LA Arrangements for the Protection of Children" in headings
    qa = next(t for t in sheet.tables[1:] if t.rows[0].cells[0].text == "Question")
    assert qa.rows[1].cells[0].text == "How likely are we to be inspected?"


def test_tracker_in_word(word: Path) -> None:
    camhs = docx.Document(str(word / "2012-06-15-public-docx" / "item-4-1.docx"))
    tracker = next(t for t in camhs.tables if t.rows[0].cells[0].text == "Ref")
    assert [r.cells[0].text for r in tracker.rows[1:]] == [f"R{n}" for n in range(1, 16)]
    assert tracker.rows[0].cells[4].text == "Update as at 20/02/12"


def test_minutes(word: Path) -> None:
    minutes = docx.Document(str(word / "2012-06-15-public-docx" / "item-1-3-minutes.docx"))
    assert (
        texts(minutes)[0] == "Minutes of the Plymouth Children and Young People's Trust Board meeting of 9 March 2012"
    )
    present = table_rows(minutes.tables[0])
    assert present[1] == [
        "Cllr Sam Leaves (Cllr SL) - Chair",
        "Portfolio Holder for Children and Young People, Plymouth City Council",
    ]
    # Headings and paragraphs, not a layout table: the navigation pane lists each minute under its Part.
    outline = [(p.style.name, p.text) for p in minutes.paragraphs if p.style.name.startswith("Heading")]
    assert outline[:9] == [
        ("Heading 1", "Minutes of the Plymouth Children and Young People's Trust Board meeting of 9 March 2012"),
        ("Heading 2", "Present:"),
        ("Heading 2", "Apologies:"),
        ("Heading 2", "In Attendance:"),
        ("Heading 2", "Minutes"),
        ("Heading 3", "Part 1"),
        ("Heading 4", "1.1 Welcome"),
        ("Heading 4", "1.2 Apologies"),
        ("Heading 4", "1.3 Minutes of the last meeting, held on 9 December 2011"),
    ]
    assert len(minutes.tables) == 3  # present, apologies, in attendance: the tabular parts only
    texts_ = texts(minutes)
    troubled = texts_.index("2.2 Troubled Families")
    action = next(i for i in range(troubled, len(texts_)) if texts_[i].startswith("Action – The Board to receive"))
    assert texts_[action + 1] == "Owner: Pete Aley, by 15 June 2012"
    heading = minutes.paragraphs[troubled]  # a minute's heading keeps with its text: its style says so
    assert heading.paragraph_format.keep_with_next is None and heading.style.paragraph_format.keep_with_next is True


def test_properties_carry_the_title_and_nothing_else(word: Path) -> None:
    path = word / "2012-06-15-public-docx" / "agenda.docx"
    properties = docx.Document(str(path)).core_properties
    assert properties.title == "Plymouth Children and Young People's Trust Board, 15 June 2012: agenda"
    assert (
        properties.author,
        properties.comments,
        properties.last_modified_by,
        properties.keywords,
        properties.subject,
        properties.category,
    ) == ("", "", "", "", "", "")
    # (read from the XML: once docxcompose is imported, python-docx looks for cp: properties in the wrong namespace)
    with zipfile.ZipFile(path) as package:
        core = ElementTree.fromstring(package.read("docProps/core.xml"))
    assert core.findtext("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}revision") == "1"
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert "docProps/custom.xml" not in names
        assert b"python-docx" not in package.read("docProps/core.xml")
        app = ElementTree.fromstring(package.read("docProps/app.xml"))
        assert [(child.tag.split("}")[1], child.text) for child in app] == [("Application", "boardpack")]
        assert b"w:rsid" not in package.read("word/document.xml") and b"w:rsid" not in package.read("word/settings.xml")


CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC, DCTERMS = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
# ECMA-376 Part 2 (Open Packaging Conventions), opc-coreProperties.xsd: an xsd:all of these, each at most once.
CORE_PROPERTIES = (
    {
        f"{{{CORE}}}{name}"
        for name in ("category", "contentStatus", "keywords", "lastModifiedBy", "lastPrinted", "revision", "version")
    }
    | {f"{{{DC}}}{name}" for name in ("creator", "description", "identifier", "language", "subject", "title")}
    | {f"{{{DCTERMS}}}{name}" for name in ("created", "modified")}
)


def test_every_word_file_has_valid_core_properties_each_once(word: Path) -> None:
    """Word offers to "repair" a file whose docProps/core.xml breaks its schema (opc-coreProperties.xsd): every
    property from the schema's own list, in its own namespace, at most once. docxcompose (under docxtpl) once
    made python-docx write four of them twice, the second time in the wrong namespace. The language is the
    board's (en-GB), not empty."""
    files = sorted(word.rglob("*.docx"))
    assert len(files) >= 19, files
    for path in files:
        with zipfile.ZipFile(path) as package:
            root = ElementTree.fromstring(package.read("docProps/core.xml"))
        tags = [child.tag for child in root]
        assert root.tag == f"{{{CORE}}}coreProperties", path
        assert len(tags) == len(set(tags)) and set(tags) <= CORE_PROPERTIES, (path, tags)
        assert root.findtext(f"{{{DC}}}language") == "en-GB", path
        assert root.findtext(f"{{{DC}}}title"), path


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_word_file_is_in_the_house_font_and_british_english(word: Path) -> None:
    """Every style's font is the house font with no theme font or colour to override it (Word prefers a theme font
    to a named one: headings came out in Calibri, levels 4 and 5 blue), the proofing language is the board's, links
    have their own style, and no file carries a preview thumbnail."""
    for path in sorted(word.rglob("*.docx")):
        with zipfile.ZipFile(path) as package:
            styles = ElementTree.fromstring(package.read("word/styles.xml"))
            assert "docProps/thumbnail.jpeg" not in package.namelist(), path
        for style in [*styles.iter(f"{W}style"), styles.find(f"{W}docDefaults/{W}rPrDefault")]:
            assert style is not None  # (table styles' conditional formats are not text styles)
            fonts, colour = style.find(f"{W}rPr/{W}rFonts"), style.find(f"{W}rPr/{W}color")
            assert fonts is None or not any(key.lower().endswith("theme") for key in fonts.attrib), (path, style)
            assert colour is None or f"{W}themeColor" not in colour.attrib, (path, style.get(f"{W}styleId"))
        [lang] = styles.find(f"{W}docDefaults").iter(f"{W}lang")  # type: ignore[union-attr]
        assert lang.get(f"{W}val") == "en-GB", path
        document = docx.Document(str(path))
        assert document.styles["Normal"].font.name == "Arial", path
        for level in range(1, 6):
            style = document.styles[f"Heading {level}"]
            assert (style.font.name, style.font.color.rgb, style.font.italic) == ("Arial", (0, 0, 0), False), path
        assert document.styles["Hyperlink"].font.underline, path


def test_every_page_carries_the_running_head_page_numbers_and_a_private_documents_marking(word: Path) -> None:
    """Every page of every Word file: the body and the document in the header, "Page N of M" in the footer (fields
    the word processor fills), and on every page of an exempt document its NOT FOR PUBLICATION marking
    (Local Government Act 1972 s.100A(4), Schedule 12A), which no public file carries."""
    for path in sorted(word.rglob("*.docx")):
        document = docx.Document(str(path))
        for section in document.sections:
            head = " ".join(p.text for p in section.header.paragraphs)
            assert "Plymouth Children and Young People's Trust Board" in head, (path, head)
            footer = section.footer._element
            fields = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
            assert fields == ["PAGE", "NUMPAGES"] and "Page" in section.footer.paragraphs[0].text, path
            private = "private" in path.parent.name or "private" in path.name
            exempt = any("NOT FOR PUBLICATION" in p.text for p in document.paragraphs)
            assert ("NOT FOR PUBLICATION" in head) == (private and (exempt or path.name == "agenda.docx")), path
    item = docx.Document(str(word / "2012-06-15-private-docx" / "item-6-1.docx"))
    assert "NOT FOR PUBLICATION: exempt under paragraph 3" in " ".join(
        p.text for p in item.sections[0].header.paragraphs
    )


def test_the_decision_list_has_a_word_edition_too(word: Path) -> None:
    """Each decision list beside its PDF as a Word file: a heading per minute, its decisions beneath; the public one
    gives an exempt minute's public summary only (Local Government Act 1972 s.100C(2)), the private one the decision
    itself, marked NOT FOR PUBLICATION on every page (s.100A(4))."""
    public = docx.Document(str(word / "2012-06-15-decisions.docx"))
    headings = [p.text for p in public.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == [
        "2.1 Ofsted Inspection of Child Protection Arrangements",
        "3.1 Early Intervention and Prevention Framework",
    ]
    assert headings[-1] == "6.1 Early intervention counselling pilot - contract"
    text = all_text(word / "2012-06-15-decisions.docx")
    assert "For 6, against 6, abstained 1; the Chair's casting vote for" in text
    assert (  # the recorded (named) vote, as the example's minute 3.2 records it
        "Recorded vote – For: Cllr Sam Leaves, Carole Burgoyne, Gareth Allen, Maggie Carter, Dr Sumrana Chaudhary, "
        "Debra Laphorne; Against: Jenny Rudge, Cllr David Stark, Steve Waite, Andy Birkett, Paul O'Sullivan, Kerri "
        "Nason; Abstained: Alan Fuller."
    ) in text
    assert "The Board endorsed a six-month extension of the pilot contract while the service is retendered." in text
    assert "Kernow" not in text and "NOT FOR PUBLICATION" not in " ".join(
        p.text for p in public.sections[0].header.paragraphs
    )
    private = docx.Document(str(word / "2012-06-15-decisions-private.docx"))
    assert "Kernow Listening Services" in all_text(word / "2012-06-15-decisions-private.docx")
    assert "NOT FOR PUBLICATION" in " ".join(p.text for p in private.sections[0].header.paragraphs)


def test_trackers_and_wide_tables_are_landscape_with_fitted_columns_and_coloured_statuses(word: Path) -> None:
    """As the PDF prints them: item 4.1's tracker (Appendix I) and item 4.2's ten-column table in landscape
    sections of their own, each table's columns sized by what they hold (the Ref column narrow, no longer seven
    equal columns breaking words inside), a tracker row's status shaded by its RAG rating, rows never split."""
    from docx.enum.section import WD_ORIENT

    for name in ("item-4-1.docx", "item-4-2.docx"):
        document = docx.Document(str(word / "2012-06-15-public-docx" / name))
        orientations = [section.orientation for section in document.sections]
        assert WD_ORIENT.LANDSCAPE in orientations and orientations[0] == WD_ORIENT.PORTRAIT, (name, orientations)
    tracker = docx.Document(str(word / "2012-06-15-public-docx" / "item-4-1.docx"))
    table = next(t for t in tracker.tables if t.rows[0].cells[0].text == "Ref")
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert grid[0] < min(grid[1:]) and max(grid) > 2 * grid[0] and len(set(grid)) > 2, grid
    assert sum(grid) > 16.6 / 2.54 * 1440 * 1.3  # wider than a portrait page's text: the landscape one
    fills = {
        row.cells[-1].text.split()[-1].strip("()"): row.cells[-1]._tc.tcPr.find(f"{W}shd").get(f"{W}fill")
        for row in table.rows[1:]
        if row.cells[-1]._tc.tcPr is not None and row.cells[-1]._tc.tcPr.find(f"{W}shd") is not None
    }
    assert {"Green": "C9E7D0", "Amber": "FCE8B2"}.items() <= fills.items(), fills
    assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows[1:])


def test_a_pdf_appendix_is_named_and_linked_to_the_pack_that_prints_it(word: Path) -> None:
    """A PDF appendix cannot be poured into a Word file: it is named, with its pages, and linked to the PDF pack
    beside the Word files, which prints it whole."""
    sheet = docx.Document(str(word / "2012-06-15-public-docx" / "item-3-2.docx"))
    [paragraph] = [p for p in sheet.paragraphs if "is a PDF document" in p.text]
    assert paragraph.text == (
        "“Appendix 2 – Service Model and Resource Recommendations” is a PDF document of 3 pages, printed in full in "
        "the PDF pack, 2012-06-15-public-pack.pdf."
    )
    assert link_targets(sheet) == ["../2012-06-15-public-pack.pdf"]
    assert (word / "2012-06-15-public-docx" / "../2012-06-15-public-pack.pdf").resolve().is_file()


def link_targets(document: docx.document.Document) -> list[str]:
    """Where each hyperlink of the body leads."""
    rels = document.part.rels
    return [
        rels[link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")].target_ref
        for link in document.element.body.iter(f"{W}hyperlink")
    ]


def test_a_papers_pdf_appendix_links_to_the_papers_own_pdf(tmp_path: Path) -> None:
    """`paper --docx` writes the Word file beside the paper's own PDF, not in a pack's folder: its PDF appendix is
    linked to that PDF, a file that is there, and called the PDF edition (there is no pack)."""
    written = build_paper(REPO, "cover_sheets/2012-06-15-families-with-a-future.md", out=tmp_path, docx=True)
    [word] = [path for path in written if path.suffix == ".docx"]
    sheet = docx.Document(str(word))
    [paragraph] = [p for p in sheet.paragraphs if "is a PDF document" in p.text]
    assert paragraph.text.endswith("printed in full in the PDF edition, 2012-06-15-families-with-a-future.pdf.")
    [target] = link_targets(sheet)
    assert target == "2012-06-15-families-with-a-future.pdf" and (word.parent / target).is_file()


def test_word_values_are_escaped_text(board: Board, tmp_path: Path) -> None:
    board.replace("cover_sheets/budget.md", "title: Budget report", "title: 'R&D <draft> {{ x }}'")
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "Costs of R&D <w:t>x</w:t> rose.")
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    text = all_text(tmp_path / "2030-01-10-public-docx" / "item-2-1.docx")
    assert "R&D <draft> {{ x }}" in text
    assert "Costs of R&D <w:t>x</w:t> rose." in text


def test_minutes_draft(board: Board, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["minutes-draft", "2030-01-10", "--root", str(board.root), "--out", str(tmp_path)]
    )
    path = tmp_path / "2030-01-10-minutes-draft.docx"
    assert (result.exit_code, result.output) == (0, f"wrote {path}\n")
    draft = docx.Document(str(path))
    assert texts(draft)[0] == "Minutes of the Test Trust Board meeting of 10 January 2030"
    attendance = table_rows(draft.tables[0])
    assert attendance == [
        ["Name", "Initials", "Role", "Present", "Apologies", "Absent", "Substitute", "Arrived", "Left"],
        ["Ann Chair", "AC", "Chair of the Board", "☐", "☐", "☐", "", "", ""],
        ["Paul O'Sullivan", "POS", "Director of Joint Commissioning", "☐", "☐", "☐", "", "", ""],
    ]  # the record s.85's six months and the quorum rest on: absent members, and the times of those present for part
    declarations = table_rows(draft.tables[1])
    assert declarations[0] == ["Member", "Minute", "Interest", "Kind", "What they did"]
    assert len(declarations) == 4 and set(sum(declarations[1:], [])) == {""}
    actions = table_rows(draft.tables[2])
    assert actions[0] == ["Ref", "Action", "Owner", "Due", "Latest update", "Update at the meeting"]
    assert actions[1][:4] == ["A1", "Bring the budget report to the next meeting.", "Olive Officer", "10 January 2030"]
    headings = [p.text for p in draft.paragraphs if p.style.name == "Heading 3"]
    assert headings == ["Part 1: 1.1 Welcome", "1.2 Minutes of the last meeting", "Part 2: 2.1 Budget report"]
    empty_action_tables = [t for t in draft.tables[3:] if table_rows(t)[0] == ["Action", "Owner", "Due"]]
    assert len(empty_action_tables) == 3 and all(set(sum(table_rows(t)[1:], [])) == {""} for t in empty_action_tables)
    resolutions = [t for t in draft.tables[3:] if table_rows(t)[0] == ["Resolved (and votes: for, against, abstained)"]]
    assert len(resolutions) == 3 and all(table_rows(t)[1] == [""] for t in resolutions)
    # The two boxes are two tables (a paragraph between them: touching, Word shows one), tall enough to write in,
    # and kept on the page of their minute's heading.
    body = list(draft.element.body)
    for box in resolutions:
        after = body[body.index(box._tbl) + 1]
        assert after.tag == f"{W}p", "a paragraph between the Resolved box and the Action table"
        assert box.rows[1].height is not None and box.rows[1].height.cm >= 2
        assert all(p.paragraph_format.keep_with_next for row in box.rows for p in row.cells[0].paragraphs)
    assert all(t.rows[1].height is not None and t.rows[1].height.cm >= 1 for t in empty_action_tables)
    # The Role column holds the most (a line or two a member), the columns filled in by hand a tick or a time.
    name, initials, role, *ticks, substitute, arrived, left = _grid_widths(draft.tables[0])
    assert role > 1.5 * max(name, substitute) and role > 3 * left and arrived < substitute
    # It names no exempt item: no marking, and named as a public file is.
    assert all("NOT FOR PUBLICATION" not in p.text for section in draft.sections for p in section.header.paragraphs)


def test_template_tables_set_their_widths_in_the_grid_too_and_rows_never_split(word: Path) -> None:
    """Word reads each cell's width, other word processors the table's grid: both say the agenda's Time column is
    narrow and its Item column wide; and an agenda row is never split across pages."""
    agenda = docx.Document(str(word / "2012-06-15-public-docx" / "agenda.docx"))
    for table in agenda.tables:
        grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
        assert grid[1] > 3 * grid[0] and grid[1] > 2 * grid[2], grid
        assert all(row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows)


def _number_format(document: docx.document.Document, paragraph) -> str:  # type: ignore[no-untyped-def]
    """The format Word numbers a list paragraph in: its own numbering, else its style's (decimal, lowerLetter …)."""
    numbering = document.part.numbering_part.element
    properties = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if properties is None:
        properties = paragraph.style.element.pPr.numPr
    level = int(properties.ilvl.val) if properties.ilvl is not None else 0
    num = next(n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") == str(properties.numId.val))
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    override = next(
        (
            o
            for o in num.findall(f"{W}lvlOverride")
            if o.get(f"{W}ilvl") == str(level) and o.find(f"{W}lvl") is not None
        ),
        None,
    )
    if override is not None:
        return override.find(f"{W}lvl/{W}numFmt").get(f"{W}val")
    abstract = next(a for a in numbering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id)
    lvl = next(lv for lv in abstract.findall(f"{W}lvl") if lv.get(f"{W}ilvl") == str(level))
    return lvl.find(f"{W}numFmt").get(f"{W}val")


def test_nested_numbered_lists_count_1_a_i(board: Board, tmp_path: Path) -> None:
    """A numbered list inside a numbered item counts a., b., and one inside that i., ii., so that a member can
    cite "1(a)(ii)" (the README's promise; Word had numbered every level 1.)."""
    board.replace(
        "cover_sheets/budget.md",
        "The budget is balanced.",
        "1. First\n    1. First (a)\n        1. First (a)(i)\n        2. First (a)(ii)\n    2. First (b)\n2. Second",
    )
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    sheet = docx.Document(str(tmp_path / "2030-01-10-public-docx" / "item-2-1.docx"))
    formats = {p.text: _number_format(sheet, p) for p in sheet.paragraphs if p.text.startswith(("First", "Second"))}
    assert formats == {
        "First": "decimal",
        "First (a)": "lowerLetter",
        "First (a)(i)": "lowerRoman",
        "First (a)(ii)": "lowerRoman",
        "First (b)": "lowerLetter",
        "Second": "decimal",
    }
    from pypdf import PdfReader  # the PDF counts the same way

    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "2030-01-10-public-pack.pdf").pages
    )
    assert "1. First a. First (a) i. First (a)(i) ii. First (a)(ii) b. First (b) 2. Second" in text, text


def test_nested_lists_keep_every_item(board: Board, tmp_path: Path) -> None:
    board.replace(
        "cover_sheets/budget.md", "The budget is balanced.", "- - nested first\n    - nested second\n- top level"
    )
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    text = all_text(tmp_path / "2030-01-10-public-docx" / "item-2-1.docx")
    assert all(part in text for part in ("nested first", "nested second", "top level"))


def test_an_exempt_minutes_draft_is_marked_on_every_page_and_named_private(tmp_path: Path) -> None:
    """The draft of 15 June 2012 names exempt item 6.1 and its exempt title: it is a private document, marked NOT FOR
    PUBLICATION in every page's header (Local Government Act 1972 s.100A(4), Schedule 12A) and named as private
    outputs are (-private), so that nothing serving or publishing public files takes it for one."""
    path = build_minutes_draft(REPO, dt.date(2012, 6, 15), out=tmp_path)
    assert path.name == "2012-06-15-minutes-draft-private.docx"
    draft = docx.Document(str(path))
    assert (
        "Part 6: 6.1 Early intervention counselling pilot - extension of the contract with Kernow Listening "
        "Services" in texts(draft)
    )
    for section in draft.sections:
        assert "NOT FOR PUBLICATION" in " ".join(p.text for p in section.header.paragraphs)


GRID_AND_PIPE = """

| Priority | RAG | Performance measure | Qtr1 | Qtr2 |
|---|---|---|---|---|
| Priority 1 | Amber | Reduce the number of young people aged 16 to 18 who are not in education, employment or training | Forecast | Forecast |
| Priority 2 | Green | Increase the take up of benefits previously unclaimed by families with children | 21% | 10% |

+----------------------+---------+-----+-----+
| Activity                       | May | Jun |
+======================+=========+=====+=====+
| Recommended for CAF  | Team 11 | 0   | 6   |
+----------------------+---------+-----+-----+
| 1. first step        | Second  | 1   | 2   |
| 2. second step       |         |     |     |
+----------------------+---------+-----+-----+
"""


def _grid_widths(table) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]


def _fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    shading = cell._tc.tcPr.find(f"{W}shd") if cell._tc.tcPr is not None else None
    return None if shading is None else shading.get(f"{W}fill")


def test_markdown_tables_are_shaded_sized_and_kept_whole_as_the_pdf(board: Board, tmp_path: Path) -> None:
    """A Markdown table in Word as the PDF prints it: its header row filled grey, a RAG status cell shaded with its
    colour (as the PDF's rag-of), its columns fitted to what they hold in the grid and in every cell (the measure
    column wider than the quarters'), a cell spanning columns as wide as they are together, rows kept whole on a
    page, and a list's numbers in a cell the size of the cell's text."""
    board.replace("cover_sheets/budget.md", "The budget is balanced.\n", "The budget is balanced.\n" + GRID_AND_PIPE)
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    sheet = docx.Document(str(tmp_path / "2030-01-10-public-docx" / "item-2-1.docx"))
    pipe = next(t for t in sheet.tables if t.rows[0].cells[0].text == "Priority")
    assert [_fill(c) for c in pipe.rows[0].cells] == ["D9D9D9"] * 5
    assert [_fill(row.cells[1]) for row in pipe.rows[1:]] == ["FCE8B2", "C9E7D0"]
    assert _fill(pipe.rows[1].cells[2]) is None
    grid = _grid_widths(pipe)
    assert grid[2] > max(grid[3:]) and grid[2] > grid[0], grid
    for row in pipe.rows:
        assert [c._tc.width.twips for c in row.cells] == pytest.approx(grid, abs=2)
    spanned = next(t for t in sheet.tables if t.rows[0].cells[0].text == "Activity")
    columns = _grid_widths(spanned)
    [header] = spanned.rows[0]._tr.tc_lst[:1]
    assert header.grid_span == 2 and header.width.twips == pytest.approx(columns[0] + columns[1], abs=2)
    assert [_fill(c) for c in spanned.rows[0].cells] == ["D9D9D9"] * 4
    for table in (pipe, spanned):
        assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows[1:])
    numbered = [p for p in spanned.rows[2].cells[0].paragraphs if p.text in ("first step", "second step")]
    assert numbered and all(p._p.pPr.numPr is not None for p in numbered)
    for paragraph in numbered:
        mark = paragraph._p.pPr.find(f"{W}rPr/{W}sz").get(f"{W}val")
        assert {run.font.size.pt for run in paragraph.runs} == {int(mark) / 2}


def test_the_performance_table_is_fitted_to_its_measures(word: Path) -> None:
    """Item 4.2's ten columns fitted as the PDF fits them (at the table's own size): the Performance Measure column,
    which holds the most, is the widest, its quarters narrow; its RAG column's Amber shaded; no row split."""
    item = docx.Document(str(word / "2012-06-15-public-docx" / "item-4-2.docx"))
    table = next(t for t in item.tables if t.rows[0].cells[0].text == "Priority/Outcome")
    grid = _grid_widths(table)
    assert grid[2] == max(grid) and grid[2] > 1.5 * max(grid[5:9]) and grid[2] / 567 > 4.5, grid
    assert "FCE8B2" in {_fill(row.cells[1]) for row in table.rows[1:]}
    assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows[1:])


def test_a_clerk_sees_tables_with_room_around_them_and_logs_in_landscape_from_the_first_page(word: Path) -> None:
    """The action log alone is landscape from its first page (not a portrait page holding only its title); every
    table of the body has at least 6 pt between its borders and the text above and below it; a private document's
    header (running head and marking) fits its top margin, so the body is where the word processor expects."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt
    from docx.text.paragraph import Paragraph

    log = docx.Document(str(word / "2012-06-15-public-docx" / "item-1-3-action-log.docx"))
    assert [section.orientation for section in log.sections] == [WD_ORIENT.LANDSCAPE]
    for path in sorted((word / "2012-06-15-private-docx").glob("*.docx")):
        document = docx.Document(str(path))
        for table in document.element.body.findall(f"{W}tbl"):
            before, after = table.getprevious(), table.getnext()
            if before is not None and before.tag == f"{W}p":
                paragraph = Paragraph(before, document)
                space = paragraph.paragraph_format.space_after
                space = space if space is not None else paragraph.style.paragraph_format.space_after
                assert space is None or space >= Pt(6), (path.name, paragraph.text)
            if after is not None and after.tag == f"{W}p":
                paragraph = Paragraph(after, document)
                space = paragraph.paragraph_format.space_before
                space = space if space is not None else paragraph.style.paragraph_format.space_before
                assert space is not None and space >= Pt(6), (path.name, paragraph.text)
    item = docx.Document(str(word / "2012-06-15-private-docx" / "item-6-1.docx"))
    for section in item.sections:
        assert section.top_margin >= section.header_distance + Cm(1.7)
        assert all(p.paragraph_format.space_after == 0 for p in section.header.paragraphs)
