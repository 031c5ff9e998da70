"""Report forms: the scrutiny panel's officer report (seed 003) as its readers meet it, a body's own
form declared in board.yaml, and the structured blocks (risks, contact, background papers)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.build import build_pack, build_site
from boardpack.cli import main

from .conftest import AXE, REPO, Board
from .oracle import Block, PdfEdition, docx_blocks, docx_number, section

PANEL = REPO / "examples" / "people-children-scrutiny-panel"
DATE = dt.date(2014, 11, 13)
TITLE = "Adolescent Task and Finish Group recommendations – officer response"


@pytest.fixture(scope="module")
def panel_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    written = build_pack(PANEL, DATE, out=tmp_path_factory.mktemp("panel"), docx=True)
    return next(path for path in written if path.suffix == ".pdf")


def page_texts(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", (page.extract_text() or "").replace("\u00a0", " ")) for page in PdfReader(pdf).pages]


def test_the_officer_report_has_every_element_of_seed_003_in_its_order(panel_pack: Path) -> None:
    text = " ".join(page_texts(panel_pack))
    start = text.index("PEOPLE (CHILDREN) SCRUTINY PANEL 13 November 2014")
    order = [
        "PEOPLE (CHILDREN) SCRUTINY PANEL",
        "13 November 2014",
        TITLE,
        "Report of the Director for People",
        "STRATEGIC AIM: Creating a Brighter Future for All",
        "1. PURPOSE OF THE REPORT",
        "1.1 To inform the People (Children) Scrutiny Panel",
        "2. RECOMMENDATIONS",
        "2.1 That Scrutiny Panel note the contents of this report.",
        "3. BACKGROUND INFORMATION",
        "3.1 Introduction",
        "3.2 Recommendation Response",
        "3.3 As part of the People Directorate review consider:",
        "3.4 Officers report to the People (Children) Scrutiny Panel",
        "3.5 Officers to explore with the military",
        "4. RISK MANAGEMENT",
        "Risk Impact Comments",
        "Time Low",
        "Profile Medium Members have been focussed",
        "Report Author",
        "Colin Pennington",
        "Tel No: (01572) 722577",
        "E-mail: enquiries@rutland.gov.uk",
        "A Large Print or Braille Version of this Report is available upon request",
        "Appendix A: The recommendations and the officer response",
        "Director for People, 6 November 2014",
    ]
    positions = [text.find(words, start) for words in order]
    assert -1 not in positions, [w for w, p in zip(order, positions) if p == -1]
    assert positions == sorted(positions), [w for w, p in sorted(zip(order, positions), key=lambda x: x[1])]
    assert "Report of the Director for People" in text and "Responsible Officer" not in text  # no cover sheet
    assert text.count("Report Author") == 1 and "Report author" not in text  # the author's role, printed once
    assert "No update yet" not in text and "Action Required" not in text  # columns no row fills are left out


def test_the_report_is_one_heading_tree_and_its_sections_are_numbered(panel_pack: Path) -> None:
    pdf = PdfEdition(panel_pack)
    report = section(pdf.blocks(), TITLE, 1)
    pdf.close()
    headings = [(b.level, b.text) for b in report if b.kind == "heading"]
    assert headings[:5] == [
        (1, TITLE),
        (2, "1. PURPOSE OF THE REPORT"),
        (2, "2. RECOMMENDATIONS"),
        (2, "3. BACKGROUND INFORMATION"),
        (3, "3.1 Introduction"),
    ]
    assert (2, "4. RISK MANAGEMENT") in headings and (2, "Report Author") in headings  # the contact block unnumbered
    assert (2, "Appendix A: The recommendations and the officer response") in headings
    with pikepdf.open(panel_pack) as document:
        outline = [item.title for item in document.open_outline().root]
    assert TITLE in outline


SEED_NUMBERS = ["1.", "1.1", "2.", "2.1", "3.", "3.1", "3.2", "3.3", "3.4", "3.5", "4."]  # seed 003's own


def paragraph_numbers(blocks: list[Block]) -> list[str]:
    """The numbers a reader meets at the start of the report's paragraphs and headings, in order."""
    found = (re.match(r"(\d+\.(?:\d+)?)(?: |$)", b.text) for b in blocks if b.kind in ("p", "heading"))
    return [m.group(1) for m in found if m]


def test_the_report_prints_seed_003s_own_paragraph_numbers_in_the_pdf_and_word(panel_pack: Path) -> None:
    """Local Government Act 1972 s.100B(1) and s.100C: the report open to inspection and the minutes that cite
    "paragraph 3.4" of it must mean the same paragraph in every copy: the PDF (read from its tagged structure,
    which assistive technology reads, and its bookmarks) and Word (Word's own numbering, not typed text), each
    printing seed 003's numbers and no others."""
    pdf = PdfEdition(panel_pack)
    blocks = section(pdf.blocks(), TITLE, 1)
    pdf.close()
    report = blocks[: next(n for n, b in enumerate(blocks) if b.text.startswith("Appendix A"))]
    assert paragraph_numbers(report) == SEED_NUMBERS
    three_two = next(n for n, b in enumerate(report) if b.text == "3.2")
    assert report[three_two + 1].kind == "table" and report[three_two + 1].text.startswith("Recommendation | Response")
    with pikepdf.open(panel_pack) as document:
        outline = [title for item in document.open_outline().root for title in _titles(item)]
    assert [t for t in outline if t.startswith(("1. ", "3.1 ", "4. "))] == [
        "1. PURPOSE OF THE REPORT",
        "3.1 Introduction",
        "4. RISK MANAGEMENT",
    ]

    word = panel_pack.parent / "2014-11-13-public-docx" / "item-4-report.docx"
    words = docx_blocks(word)
    assert paragraph_numbers(words[: next(n for n, b in enumerate(words) if b.text.startswith("Appendix A"))]) == (
        SEED_NUMBERS
    )
    import docx

    typed = [p.text for p in docx.Document(str(word)).paragraphs if re.match(r"\d+\.\d* ", p.text)]
    assert typed == []  # every number is Word's numbering, none typed into the text


@pytest.mark.slow
def test_large_print_and_the_web_edition_print_the_same_numbers(tmp_path: Path) -> None:
    """Local Government Act 1972 s.100B(1) and s.100C; the Accessibility Regulations 2018 (WCAG 2.2 AA): the
    large-print pack prints seed 003's numbers as the standard pack does, and the web edition gives each
    numbered paragraph an anchor (#para-3-4) a minute can link to, its number the first thing read there."""
    import lxml.html

    large = next(p for p in build_pack(PANEL, DATE, out=tmp_path / "large", large_print=True) if p.suffix == ".pdf")
    pdf = PdfEdition(large)
    blocks = section(pdf.blocks(), TITLE, 1)
    pdf.close()
    assert paragraph_numbers(blocks[: next(n for n, b in enumerate(blocks) if b.text.startswith("Appendix A"))]) == (
        SEED_NUMBERS
    )

    folder = build_site(PANEL, tmp_path / "site", today=dt.date(2014, 11, 1)).folder
    page = lxml.html.parse(str(folder / "2014-11-13" / "item-4.html")).getroot()
    anchored = page.xpath("//main//*[starts-with(@id, 'para-')]")
    assert [e.get("id") for e in anchored] == ["para-" + n.rstrip(".").replace(".", "-") for n in SEED_NUMBERS]
    for element, number in zip(anchored, SEED_NUMBERS, strict=True):
        assert " ".join(element.text_content().split()).startswith(number), (number, element.text_content()[:40])
    [three_two] = page.xpath("//*[@id='para-3-2']")
    assert three_two.xpath("./p")[0].text_content() == "3.2" and three_two.xpath(".//table")  # the table, numbered


def _titles(item: Any) -> list[str]:
    return [item.title, *(title for child in item.children for title in _titles(child))]


def test_risk_ratings_are_words_and_colours(panel_pack: Path) -> None:
    green, amber = [0.788, 0.906, 0.816], [0.988, 0.91, 0.698]  # templates/typst/style.typ rag-fill
    with pikepdf.open(panel_pack) as document:
        pages = page_texts(panel_pack)
        indexes = [n for n, text in enumerate(pages) if "Risk Impact Comments" in text]  # its header repeats
        fills = [
            [round(float(v), 3) for v in operands]
            for index in indexes
            for operands, op in pikepdf.parse_content_stream(document.pages[index])
            if str(op) in ("rg", "sc", "scn") and len(operands) == 3
        ]
    assert green in fills and amber in fills, fills


@pytest.mark.browser
def test_the_web_edition_of_the_panel_passes_axe_and_colours_the_ratings(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    folder = build_site(PANEL, tmp_path / "site", today=dt.date(2014, 11, 1)).folder
    import icalendar

    # Local Government Act 1972 s.100A(6)(a): its calendar holds the evening meeting at 7 pm (GMT in November),
    # ending when its twelve-hour agenda's last item does
    [event] = icalendar.Calendar.from_ical((folder / "2014-11-13" / "meeting.ics").read_bytes()).walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.isoformat(), end.isoformat()) == ("2014-11-13T19:00:00+00:00", "2014-11-13T19:50:00+00:00")
    for page in ("index.html", "2014-11-13/index.html", "2014-11-13/item-4.html"):
        browser.get((folder / page).as_uri())
        browser.execute_script(AXE.read_text(encoding="utf-8"))
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        )
        assert "error" not in result and result["passes"] and result["violations"] == [], (
            page,
            result.get("violations"),
        )
    rated = {cell.text: cell.get_attribute("class") for cell in browser.find_elements(By.CSS_SELECTOR, "td.rag")}
    assert rated == {"Low": "rag rag-green", "Medium": "rag rag-amber", "Open": "rag rag-none"}, rated  # tracker status
    levels = [(h.tag_name, h.text) for h in browser.find_elements(By.CSS_SELECTOR, "main h1, main h2, main h3")]
    assert levels[:4] == [
        ("h1", f"4 {TITLE}"),
        ("h2", TITLE),
        ("h3", "1. PURPOSE OF THE REPORT"),
        ("h3", "2. RECOMMENDATIONS"),
    ], levels


def test_word_shades_the_ratings(panel_pack: Path) -> None:
    import docx

    document = docx.Document(str(panel_pack.parent / "2014-11-13-public-docx" / "item-4-report.docx"))
    risks = next(t for t in document.tables if t.rows[0].cells[0].text == "Risk")
    shading = {row.cells[1].text: re.findall(r'w:fill="(\w+)"', row.cells[1]._tc.xml) for row in risks.rows[1:]}
    assert shading["Low"] == ["C9E7D0"] and shading["Medium"] == ["FCE8B2"], shading


OWN_FORM = """\
report_form:
  cover_sheet: true
  numbered: true
  fields:
    - {key: purpose, label: Purpose, required: true, place: cover_sheet}
    - {key: decision, label: Decision sought, kind: text, required: true, place: heading}
    - {key: summary, label: Summary}
    - {key: papers, label: Background papers, kind: background_papers, place: closing, numbered: false}
    - {key: author, label: Contact, kind: contact, place: closing, numbered: false}
"""

OWN_SHEET = """\
---
title: Budget report
responsible_officer: Olive Officer
purpose: To note the budget.
decision: To note.
summary: The budget *balances*.
papers:
  - {title: Budget working papers 2030, where: the Finance office}
author: {name: Olive Officer, role: Head of Service, phone: "01572 000000", email: olive@example.org}
---
# Budget

## Detail

The budget is balanced.
"""


def own_form(board: Board) -> Board:
    board.replace("board.yaml", "people:\n", OWN_FORM + "people:\n")
    board.write("cover_sheets/budget.md", OWN_SHEET)
    return board


def test_a_body_declares_its_own_form(board: Board, tmp_path: Path) -> None:
    own_form(board)
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    text = " ".join(page_texts(pdf))
    assert re.search(r"Purpose of Item|Purpose To note the budget\.", text)
    for words in (
        "Decision sought: To note.",
        "1. Summary The budget balances.",
        "2. Detail The budget is balanced.",
        "Background papers These unpublished papers",
        "Budget working papers 2030 (available for inspection at the Finance office)",
        "Contact Olive Officer Head of Service Tel: 01572 000000",
    ):
        assert words in text, words
    assert "Consultation Record" not in text and "Meeting Notes" not in text

    schema = CliRunner().invoke(main, ["schemas", "--root", str(board.root), "--out", str(tmp_path / "schemas")])
    assert schema.exit_code == 0, schema.output
    written = (tmp_path / "schemas" / "cover_sheet.schema.json").read_text()
    assert '"decision"' in written and '"consultation_record"' not in written


def test_the_form_decides_what_a_report_must_and_may_say(board: Board) -> None:
    own_form(board)
    board.replace("cover_sheets/budget.md", "decision: To note.\n", "consultation_record: Finance.\n")
    board.replace("cover_sheets/budget.md", "author: {name: Olive Officer,", "author: {nme: Olive Officer,")
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert any(
        line.startswith("cover_sheets/budget.md:") and "decision" in line and "missing" in line for line in lines
    ), lines
    assert any("consultation_record: unknown field" in line for line in lines), lines
    assert any("author.nme: unknown field" in line for line in lines), lines


@pytest.mark.parametrize(
    "form, message",
    [
        ("report_form: {fields: [{key: title, label: Title}]}", "not one of title, responsible_officer or appendices"),
        (
            "report_form: {cover_sheet: false, fields: [{key: why, label: Why, place: cover_sheet}]}",
            "no place `cover_sheet`",
        ),
        ("report_form: officer-reprot", "report_form"),
    ],
)
def test_mistakes_in_a_form_are_named(board: Board, form: str, message: str) -> None:
    board.replace("board.yaml", "people:\n", form + "\npeople:\n")
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2 and message in result.output and "board.yaml:" in result.output, result.output


def test_the_contact_block_is_never_split_across_pages(board: Board, tmp_path: Path) -> None:
    """Reports of 40 lengths, a paragraph apart (more than a page between the shortest and the longest):
    wherever each ends, its author's contact block is whole on one page, and some blocks had to move."""
    own_form(board)
    items = []
    for n in range(40):
        lines = "\n\n".join(f"Paragraph {k} of report {n}." for k in range(10 + n))
        board.write(
            f"cover_sheets/r{n}.md",
            OWN_SHEET.replace("The budget is balanced.", lines).replace("name: Olive Officer,", f"name: Author {n},"),
        )
        items.append(
            f"      - title: Report {n}\n        authors: [Olive Officer]\n        paper: cover_sheets/r{n}.md\n"
        )
    board.replace(
        "agendas/2030-01-10.yaml",
        "  - heading: Reports\n    items:\n",
        "  - heading: Reports\n    items:\n" + "".join(items),
    )
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    pages = page_texts(pdf)
    moved = 0
    for n in range(40):
        [page] = [p for p, text in enumerate(pages) if f"Author {n} " in text]
        assert "Tel: 01572 000000 E-mail: olive@example.org" in pages[page][pages[page].index(f"Author {n} ") :], n
        moved += pages[page].startswith(f"Contact Author {n} ")  # heading and block went whole to a new page
    assert moved, "no report ended near enough to a page's foot to test the block"


def test_a_paper_on_its_own_is_headed_for_its_meeting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.chdir(PANEL / "cover_sheets")  # the path as a shell completes it, from the current folder
    result = CliRunner().invoke(
        main,
        ["paper", "adolescent-task-and-finish-response.md", "--root", str(PANEL), "--out", str(tmp_path), "--docx"],
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "2014-11-13-adolescent-task-and-finish-response.pdf"
    assert result.output.splitlines() == [f"wrote {pdf}", f"wrote {pdf.with_suffix('.docx')}"]
    pages = page_texts(pdf)
    assert pages[0].startswith("Agenda Item 4 PEOPLE (CHILDREN) SCRUTINY PANEL 13 November 2014 " + TITLE), pages[0][
        :200
    ]
    assert "Page 1" in pages[0] and not any("Public Document Pack" in page or "Membership" in page for page in pages)
    assert any("Appendix A: The recommendations and the officer response" in page for page in pages)
    assert PdfReader(pdf).metadata.title == f"People (Children) Scrutiny Panel, 13 November 2014: {TITLE}"
    headings = [
        f"{docx_number(p)} {p.text}".strip()  # Word numbers the sections itself: the number is not typed
        for p in docx.Document(str(pdf.with_suffix(".docx"))).paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings[:3] == [f"Agenda Item 4: {TITLE}", TITLE, "1. PURPOSE OF THE REPORT"], headings


def test_a_paper_on_its_own_names_what_is_wrong(board: Board, tmp_path: Path) -> None:
    def paper(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["paper", *args, "--root", str(board.root), "--out", str(tmp_path)])
        return result.exit_code, result.output

    assert paper("cover_sheets/budgt.md") == (
        2,
        "cover_sheets/budgt.md: is not one of the repository's reports "
        "(cover_sheets/*.md: cover_sheets/budget.md)\n1 problem found; nothing was written.\n",
    )
    board.write(
        "agendas/2030-04-10.yaml",
        (board.root / "agendas" / "2030-01-10.yaml").read_text().replace("date: 2030-01-10", "date: 2030-04-10"),
    )
    code, output = paper("cover_sheets/budget.md")
    assert code == 2 and "is on the agendas of 2030-01-10, 2030-04-10: choose one with --meeting" in output
    code, output = paper("cover_sheets/budget.md", "--meeting", "2030-07-10")
    assert code == 2 and "is not on the agenda of 2030-07-10 (it is on 2030-01-10, 2030-04-10)" in output
    assert list(tmp_path.glob("*.pdf")) == []

    board.replace(
        "agendas/2030-04-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3}",
    )
    assert paper("cover_sheets/budget.md", "--meeting", "2030-04-10")[0] == 0
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.name == "2030-04-10-budget-private.pdf"
    assert "NOT FOR PUBLICATION" in page_texts(pdf)[0] and "(not for publication)" in PdfReader(pdf).metadata.title


@pytest.mark.parametrize("form", ["cover-sheet", "officer-report"])
def test_init_starts_a_body_that_checks_builds_and_validates(tmp_path: Path, form: str) -> None:
    import json

    import jsonschema
    import yaml

    folder = tmp_path / "body"
    result = CliRunner().invoke(main, ["init", str(folder), "--form", form, "--name", "People Scrutiny Panel"])
    assert result.exit_code == 0, result.output
    assert (folder / ".gitignore").read_text().splitlines() == ["build/", "site/", ".venv/", "__pycache__/"]
    assert (folder / ".pre-commit-config.yaml").exists() and (folder / ".gitlab-ci.yml").exists()
    assert "boardpack new-meeting" in (folder / "README.md").read_text()
    assert CliRunner().invoke(main, ["check", "--root", str(folder)]).exit_code == 0
    [agenda] = (folder / "agendas").glob("*.yaml")
    date = agenda.stem
    result = CliRunner().invoke(main, ["build", "--root", str(folder), "--docx"])
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(folder / "build" / f"{date}-public-pack.pdf"))
    assert "Example Council" in text and "An example report" in text
    if form == "officer-report":
        assert "Report of the Director for People" in text and "Report No: 1/" in text
        assert "3. Background" in text and "4. Risk management" in text and "There are no background papers" in text
    else:
        assert "Consultation Record" in text
    schema = json.loads((folder / "schemas" / "cover_sheet.schema.json").read_text())
    front = yaml.safe_load((folder / "cover_sheets" / "example-report.md").read_text().split("---\n")[1])
    jsonschema.validate(front, schema)
    assert ("report_number" in schema["properties"]) == (form == "officer-report")

    result = CliRunner().invoke(main, ["new-meeting", "2099-01-01", "--root", str(folder)])
    assert result.exit_code == 0, result.output
    titles = re.findall(r"- title: (.+)", (folder / "agendas" / "2099-01-01.yaml").read_text())
    assert titles[:2] == ["Apologies", "Declarations of interest"] and titles[-1] == "Any other urgent business"

    again = CliRunner().invoke(main, ["init", str(folder)])
    assert again.exit_code == 2 and "already exists and is not empty" in again.output
