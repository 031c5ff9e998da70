"""What authors write reaches every edition as they wrote it: one test for each way it was once lost.

Each test reads an edition back as its reader meets it: the PDF through its structure tree and
painted content (tests/oracle.py), Word through python-docx, the web page in Chromium.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.build import build_pack, build_site
from boardpack.cli import main
from boardpack.render.templating import data_environment

from .conftest import REPO, Board, png
from .oracle import Block, PdfEdition, docx_blocks, html_blocks, section

DATE = dt.date(2030, 1, 10)

REPORT = """\
# Budget

The budget is balanced.
It was agreed in December.

Line one ends here\\
line two follows a backslash,{HARD}
line three follows two spaces.

![A bar chart of spending by quarter](appendices/chart.png)

## Spending

Nested at two spaces, as editors and git hosts nest:

- Staff
  - Permanent
    - Full time
- Premises

| Quarter | Spend (£) |
|---------|----------:|
| Q1      |    12,000 |
| Q2      |     9,500 |

## Income

See [the council's budget](https://example.org/budget).
""".replace("{HARD}", "  ")  # two trailing spaces: a hard break (kept out of the source, where editors strip them)


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Board:
    """The small board with a picture, two-space nested lists, breaks, a right-aligned column and two actions
    under one minute."""
    board = Board(tmp_path_factory.mktemp("rich") / "board")
    (board.root / "appendices").mkdir()
    (board.root / "appendices" / "chart.png").write_bytes(png(300, 150))
    text = (board.root / "cover_sheets" / "budget.md").read_text(encoding="utf-8")
    board.write("cover_sheets/budget.md", text.split("# Budget")[0] + REPORT)
    board.replace(
        "actions.yaml",
        "trackers:",
        """\
  - id: A2
    raised: 2029-10-10
    minute: "2.1"
    owner: Paul O'Sullivan
    description: |
      Ask schools to:
      - clarify roles
      - name a lead
    due: 2030-01-10
    status: open
trackers:""",
    )
    board.write(
        "agendas/2029-10-10.yaml",
        """\
        date: 2029-10-10
        start: "9.30"
        venue: Room 1
        sections:
          - heading: Business
            items:
              - title: Budget
                authors: [Olive Officer]
        """,
    )
    return board


@pytest.fixture(scope="module")
def built(rich: Board, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rich-out")
    build_pack(rich.root, DATE, out=out, docx=True)
    build_pack(rich.root, DATE, out=out, large_print=True)
    return out


def report(blocks: list[Block]) -> list[Block]:
    return section(blocks, "Budget", 2)


@pytest.mark.parametrize("name", ["2030-01-10-public-pack.pdf", "2030-01-10-public-pack-large-print.pdf"])
def test_a_picture_is_painted_in_the_pdf_with_its_alt_text(built: Path, name: str) -> None:
    blocks = report(PdfEdition(built / name).blocks())
    assert Block("image", "A bar chart of spending by quarter") in blocks
    with pdfplumber.open(built / name) as pdf:
        page = next(p for p in pdf.pages if "Spending" in (p.extract_text() or ""))
        [image] = page.images
        assert image["srcsize"] == (300, 150)
        assert 0 <= image["x0"] < image["x1"] <= page.width and image["x1"] - image["x0"] > 100


def test_a_picture_is_a_picture_in_word(built: Path) -> None:
    document = docx.Document(str(built / "2030-01-10-public-docx" / "item-2-1.docx"))
    [shape] = document.inline_shapes
    assert shape.width > 0 and shape.height * 2 == pytest.approx(shape.width, rel=0.01)
    assert document.part.package.image_parts, "the picture's bytes are in the file"
    assert "[image" not in "\n".join(p.text for p in document.paragraphs)
    assert Block("image", "A bar chart of spending by quarter") in report(
        docx_blocks(built / "2030-01-10-public-docx" / "item-2-1.docx")
    )


def test_headings_keep_their_level_under_the_report_title(built: Path) -> None:
    want = [("heading", 2, "Budget"), ("heading", 3, "Spending"), ("heading", 3, "Income")]
    pdf = [
        (b.kind, b.level, b.text)
        for b in report(PdfEdition(built / "2030-01-10-public-pack.pdf").blocks())
        if b.kind == "heading"
    ]
    word = [
        (b.kind, b.level, b.text)
        for b in report(docx_blocks(built / "2030-01-10-public-docx" / "item-2-1.docx"))
        if b.kind == "heading"
    ]
    assert pdf == word == want


def test_every_section_of_the_camhs_report_is_bookmarked_under_it(example_pack: Path) -> None:
    reader = PdfReader(example_pack)
    outline = reader.outline
    index = next(i for i, item in enumerate(outline) if not isinstance(item, list) and item.title.startswith("4.1 "))
    children = outline[index + 1]
    report_index = next(
        i for i, item in enumerate(children) if not isinstance(item, list) and item.title.startswith("Response to")
    )
    sections = [item.title for item in children[report_index + 1] if not isinstance(item, list)]
    assert sections == [
        "1. Background",
        "2. Waiting times and service improvement for specialist intervention",
        "3. Communication",
        "4. Review of roles of statutory and non-statutory provision and Early Intervention",
        "5. Next steps",
    ]


def test_a_break_is_printed_on_the_agenda_with_its_time(example_pack: Path, example_word: Path) -> None:
    texts = [p.extract_text() or "" for p in PdfReader(example_pack).pages[:3]]
    assert any(re.search(r"11\.00 –\s+11\.15\s+REFRESHMENTS", t) for t in texts)
    agenda = docx.Document(str(example_word / "2012-06-15-public-docx" / "agenda.docx"))
    rows = [[c.text for c in row.cells] for table in agenda.tables for row in table.rows]
    assert ["11.00 – 11.15", "REFRESHMENTS", ""] in rows


def test_templates_print_data_never_a_method(board: Board, tmp_path: Path) -> None:
    board.replace(
        "actions.yaml",
        "    status: open\n",
        "    status: open\n    updates:\n      - {date: 2029-12-01, text: Draft circulated.}\n",
    )
    result = CliRunner().invoke(
        main, ["minutes-draft", "2030-01-10", "--root", str(board.root), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    draft = docx.Document(str(tmp_path / "2030-01-10-minutes-draft.docx"))
    header, row = [[c.text for c in r.cells] for r in draft.tables[2].rows][:2]  # after attendance and declarations
    assert row[header.index("Latest update")] == "1 December 2029: Draft circulated."
    env = data_environment()
    names = ["update", "items", "keys", "values", "get", "title", "index", "count", "format", "copy", "pop"]
    assert env.from_string(" ".join(f"{{{{ a.{n} }}}}" for n in names)).render(
        a={n: n.upper() for n in names}
    ) == " ".join(n.upper() for n in names)
    with pytest.raises(Exception, match="has no attribute 'upper'"):
        env.from_string("{{ a.upper }}").render(a="text")


def test_tracker_and_actions_in_the_terminal_keep_blocks_apart(rich: Board) -> None:
    text = CliRunner().invoke(main, ["actions", "--root", str(rich.root), "--as-at", "2030-01-01"]).output
    assert "Ask schools to: clarify roles name a lead" in " ".join(text.split())
    out = (
        CliRunner()
        .invoke(main, ["actions", "--root", str(rich.root), "--as-at", "2030-01-01", "--format", "csv"])
        .output
    )
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["A2"]["description"] == "Ask schools to: clarify roles name a lead"
    example = (
        CliRunner()
        .invoke(main, ["tracker", "camhs-ewmh", "--root", str(REPO), "--as-at", "2012-06-15", "--format", "csv"])
        .output
    )
    r8 = {r["id"]: r for r in csv.DictReader(io.StringIO(example))}["R8"]
    assert "for prevention and early intervention. Review of services underway" in r8["latest_update"]


def test_check_refuses_a_table_row_with_more_or_fewer_cells_than_its_header(board: Board) -> None:
    board.replace(
        "cover_sheets/budget.md",
        "The budget is balanced.",
        "The budget is balanced.\n\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert result.output == (
        "cover_sheets/budget.md:15: table row '| 1 | 2 | 3 |' has 3 cells but the table has 2 columns; "
        "give every row one cell a column (an empty cell is `| |`)\n"
        "cover_sheets/budget.md:16: table row '| 4 |' has 1 cell but the table has 2 columns; "
        "give every row one cell a column (an empty cell is `| |`)\n"
        "2 problems found.\n"
    )


def test_lists_nest_at_two_spaces_as_at_four_in_every_edition(built: Path) -> None:
    want = [
        Block("item", "Staff", 1),
        Block("item", "Permanent", 2),
        Block("item", "Full time", 3),
        Block("item", "Premises", 1),
    ]
    for blocks in (
        PdfEdition(built / "2030-01-10-public-pack.pdf").blocks(),
        PdfEdition(built / "2030-01-10-public-pack-large-print.pdf").blocks(),
        docx_blocks(built / "2030-01-10-public-docx" / "item-2-1.docx"),
    ):
        assert [b for b in report(blocks) if b.kind == "item"] == want


def test_a_line_break_in_the_source_is_a_space_and_only_a_marked_break_is_a_new_line(built: Path) -> None:
    with pdfplumber.open(built / "2030-01-10-public-pack.pdf") as pdf:
        page = next(p for p in pdf.pages if "The budget is balanced." in (p.extract_text() or ""))
        lines = (page.extract_text() or "").splitlines()
    assert "The budget is balanced. It was agreed in December." in lines
    assert "Line one ends here" in lines and "line two follows a backslash," in lines
    assert "line three follows two spaces." in lines
    document = docx.Document(str(built / "2030-01-10-public-docx" / "item-2-1.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "The budget is balanced. It was agreed in December." in texts
    assert "Line one ends here\nline two follows a backslash,\nline three follows two spaces." in texts


def test_each_action_is_printed_beside_its_own_owner(rich: Board, built: Path) -> None:
    blocks = PdfEdition(built / "2030-01-10-public-pack.pdf").blocks()
    minutes = next(b for b in blocks if b.kind == "table" and b.text.startswith("Minute | Item | Action"))
    rows = minutes.text.split(" / ")
    assert "Action – Bring the budget report to the next meeting. | Olive Officer by 10 January 2030" in rows
    assert "Action – Ask schools to: clarify roles name a lead | Paul O'Sullivan by 10 January 2030" in rows
    word = docx.Document(str(built / "2030-01-10-public-docx" / "item-1-2-minutes.docx"))
    lines = [p.text for p in word.paragraphs]
    budget = lines.index("Action – Bring the budget report to the next meeting.")
    assert lines[budget + 1] == "Owner: Olive Officer, by 10 January 2030"
    schools = lines.index("Action – Ask schools to:")
    assert lines[schools + 1 : schools + 4] == [
        "clarify roles",
        "name a lead",
        "Owner: Paul O'Sullivan, by 10 January 2030",
    ]


def test_word_documents_other_than_cover_sheets_start_with_their_own_content(example_word: Path) -> None:
    log = docx.Document(str(example_word / "2012-06-15-public-docx" / "item-1-3-action-log.docx"))
    assert [c.text for c in log.tables[0].rows[0].cells] == [
        "Ref",
        "Raised",
        "Action",
        "Owner",
        "Due",
        "Latest update",
        "Status",
    ]
    assert all(t.rows[0].cells[0].text != "Field" for t in log.tables)


@pytest.mark.browser
def test_the_web_edition_shows_the_picture_aligns_numbers_and_links_minutes_and_large_print(
    rich: Board, tmp_path: Path, browser
) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    site = build_site(rich.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    browser.get((site / "2030-01-10" / "item-2-1.html").as_uri())
    article = browser.find_element(By.CSS_SELECTOR, "article.document-report")
    blocks = html_blocks(browser, article)
    assert Block("image", "A bar chart of spending by quarter") in blocks
    assert Block("table", "Quarter | Spend (£) / Q1 | 12,000 / Q2 | 9,500", extra=("left", "right")) in blocks
    assert [b for b in blocks if b.kind == "item"] == [
        Block("item", "Staff", 1),
        Block("item", "Permanent", 2),
        Block("item", "Full time", 3),
        Block("item", "Premises", 1),
    ]
    browser.get((site / "2030-01-10" / "index.html").as_uri())
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main a")}
    assert any(
        name.startswith("Download the Public Document Pack in large print")
        and href.endswith("2030-01-10-public-pack-large-print.pdf")
        for name, href in links.items()
    )
    assert (site / "2030-01-10" / "2030-01-10-public-pack-large-print.pdf").read_bytes().startswith(b"%PDF-")
    browser.get((site / "2029-10-10" / "index.html").as_uri())
    minutes = browser.find_element(By.LINK_TEXT, "Minutes of this meeting")
    minutes.click()
    assert browser.find_element(By.TAG_NAME, "h2").text == "Minutes of the Test Trust Board meeting of 10 October 2029"


def test_check_refuses_in_one_pass_what_no_edition_could_print(board: Board) -> None:
    """Whatever check accepts builds; what could not print is refused by check, with file and line."""
    board.replace(
        "cover_sheets/budget.md",
        "The budget is balanced.",
        "\n\n".join(
            [
                "The budget is balanced.",
                "- one\n  - two\n    - three\n      - four",
                "| "
                + " | ".join(f"c{n}" for n in range(11))
                + " |\n|"
                + "---|" * 11
                + "\n| "
                + " | ".join("x" * 11)
                + " |",
                "Costs in 日本円.",
            ]
        ),
    )
    board.replace(
        "cover_sheets/budget.md", "consultation_record: Finance team.", "consultation_record: '" + ">" * 13 + " quoted'"
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert result.output == (
        "cover_sheets/budget.md:6: consultation_record: Markdown nests 14 levels deep (quotes within quotes, emphasis "
        "within emphasis); at most 12 levels can be printed\n"
        "cover_sheets/budget.md:16: lists nest 4 deep; at most 3 levels print in every edition\n"
        "cover_sheets/budget.md:18: a table has 11 columns; at most 10 fit on a page in large print: split it, or attach "
        "it as a PDF appendix\n"
        "cover_sheets/budget.md:22: the character '円' (U+5186 CJK UNIFIED IDEOGRAPH-5186) cannot be printed: the pack's "
        "fonts have no glyph for it (add a font that has it to templates/fonts)\n"
        "cover_sheets/budget.md:22: the character '日' (U+65E5 CJK UNIFIED IDEOGRAPH-65E5) cannot be printed: the pack's "
        "fonts have no glyph for it (add a font that has it to templates/fonts)\n"
        "cover_sheets/budget.md:22: the character '本' (U+672C CJK UNIFIED IDEOGRAPH-672C) cannot be printed: the pack's "
        "fonts have no glyph for it (add a font that has it to templates/fonts)\n"
        "6 problems found.\n"
    )


def test_a_markdown_appendix_named_from_its_reports_folder_is_held_to_the_fonts(board: Board) -> None:
    """The appendix is read as its report names it (from the report's own folder), once, and every character of it
    is one the pack can print; before load read appendices, check looked for it from the repository's root."""
    board.write("cover_sheets/budget/costs.md", "# Costs\n\nCosts in 日本.\n")
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: Costs\n    markdown: budget/costs.md\n---\n# Budget",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert result.output == (
        "cover_sheets/budget/costs.md:3: the character '日' (U+65E5 CJK UNIFIED IDEOGRAPH-65E5) cannot be printed: the pack's "
        "fonts have no glyph for it (add a font that has it to templates/fonts)\n"
        "cover_sheets/budget/costs.md:3: the character '本' (U+672C CJK UNIFIED IDEOGRAPH-672C) cannot be printed: the pack's "
        "fonts have no glyph for it (add a font that has it to templates/fonts)\n"
        "2 problems found.\n"
    )
