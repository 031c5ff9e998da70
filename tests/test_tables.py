"""Grid tables: cells with paragraphs and lists, cells spanning rows and columns, as each edition's
reader meets them (the PDF's table structure, the browser's DOM, Word's merged cells); broken
grids named by `check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pytest
from click.testing import CliRunner

from boardpack.build import build_pack, build_paper, build_site
from boardpack.cli import main

from .conftest import Board

GRID = """\
+----------------------+---------+-----+-----+
| Activity                       | May | Jun |
+======================+=========+=====+=====+
| Recommended for CAF  | Team 11 | 0   | 6   |
| by Social Care       +---------+-----+-----+
|                      | Team 12 | 3   | 2   |
+----------------------+---------+-----+-----+
| - a list in a cell   | Second  | 1   | 2   |
| - another item       |         |     |     |
|                      | para    |     |     |
+----------------------+---------+-----+-----+
"""


def with_grid(board: Board, grid: str = GRID) -> Board:
    board.replace("cover_sheets/budget.md", "The budget is balanced.\n", "The budget is balanced.\n\n" + grid)
    return board


def _cells(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if str(kid.S) in ("/TD", "/TH"):
                found.append(kid)
            found += _cells(kid)
    return found


def _attribute(cell: pikepdf.Dictionary, name: str) -> int:
    attributes = cell.get("/A", [])
    for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(attribute, pikepdf.Dictionary) and name in attribute:
            return int(attribute[name])
    return 1


def _kinds(node: pikepdf.Object) -> set[str]:
    kids = node.get("/K")
    out = set()
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out |= {str(kid.S)} | _kinds(kid)
    return out


def test_spans_and_blocks_reach_the_pdfs_table_structure(board: Board, tmp_path: Path) -> None:
    with_grid(board)
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    with pikepdf.open(pdf) as document:
        cells = _cells(document.Root.StructTreeRoot)
        spans = {(str(c.S), _attribute(c, "/ColSpan"), _attribute(c, "/RowSpan")) for c in cells}
        assert ("/TH", 2, 1) in spans and ("/TD", 1, 2) in spans, spans
        assert any("/L" in _kinds(c) for c in cells), "the list in a cell is a list"
        assert (
            sum("/P" in _kinds(c) and len([k for k in c.K if isinstance(k, pikepdf.Dictionary)]) == 2 for c in cells)
            >= 1
        ), "a cell of two paragraphs"


@pytest.mark.browser
def test_spans_in_the_web_edition_and_word(board: Board, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    import docx
    from selenium.webdriver.common.by import By

    with_grid(board)
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    browser.get((folder / "2030-01-10" / "item-2-1.html").as_uri())
    table = browser.find_element(By.CSS_SELECTOR, "table.grid")
    header = table.find_element(By.CSS_SELECTOR, "thead th")
    assert (header.text, header.get_attribute("colspan"), header.get_attribute("scope")) == (
        "Activity",
        "2",
        "colgroup",
    )
    first = table.find_element(By.CSS_SELECTOR, "tbody td")
    assert (first.text, first.get_attribute("rowspan")) == ("Recommended for CAF by Social Care", "2")
    assert [li.text for li in table.find_elements(By.CSS_SELECTOR, "td li")] == ["a list in a cell", "another item"]

    assert (
        CliRunner()
        .invoke(main, ["build", "--root", str(board.root), "--docx", "--out", str(tmp_path / "out")])
        .exit_code
        == 0
    )
    word = docx.Document(str(tmp_path / "out" / "2030-01-10-public-docx" / "item-2-1.docx"))
    grid = next(t for t in word.tables if t.cell(0, 0).text == "Activity")
    assert grid.cell(0, 0)._tc is grid.cell(0, 1)._tc  # the header spans two columns
    assert grid.cell(1, 0)._tc is grid.cell(2, 0)._tc  # "Recommended…" spans two rows
    assert [p.style.name for p in grid.cell(3, 0).paragraphs if p.text] == ["List Bullet", "List Bullet"]
    assert [p.text for p in grid.cell(3, 1).paragraphs if p.text] == ["Second", "para"]


@pytest.mark.parametrize(
    "broken, message",
    [
        (
            GRID.replace("| Team 12 | 3   |", "| Team 12 | 3  |"),
            "a grid table's lines differ in length (45 to 46 characters)",
        ),
        (GRID.rstrip("\n")[:-8] + "--  ---+\n", "this looks like a grid table but was read as text"),
    ],
)
def test_check_names_a_broken_grid_table(board: Board, broken: str, message: str) -> None:
    with_grid(board, broken)
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert result.output.startswith("cover_sheets/budget.md:") and message in result.output, result.output


READING = """\
A pipe table of six columns:

| Pipe column | B | C | D | E | F |
|---|---|---|---|---|---|
| Pipecell | 1 | 2 | 3 | 4 | 5 |

A grid table of seven, its numbers right-aligned and its status centred:

+-------------------+-------+-------+------+------+-----+---------+
| Grid column       | April | May   | June | July | Aug | Status  |
+===================+======:+======:+=====:+=====:+====:+:=======:+
| Gridcell of CAF   | 46    | 53    | 52   | 51   | 51  | ↓ 36.5% |
| cases             |       |       |      |      |     |         |
+-------------------+-------+-------+------+------+-----+---------+
| New CAF referrals | 6     | 7     | 10   | 4    | 5   | 9.43% + |
+-------------------+-------+-------+------+------+-----+---------+

A narrow status column:

| Of all contacts, those stepped down or recommended to CAF in the year | 2012-13 contacts opened | 2013-14 contacts opened | Status |
|---|---|---|--:|
| Of those that went onto referral, those that resulted in a CAF | Of those that went onto referral 3 resulted in a CAF | Of those that went onto referral 34 resulted in a CAF | ↓ 36.5% |
"""


def _reading(board: Board) -> Board:
    board.replace("cover_sheets/budget.md", "The budget is balanced.\n", "The budget is balanced.\n\n" + READING)
    return board


def _pdf_lines(pdf: Path) -> list[str]:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]


def _chars(pdf: Path, word: str) -> list[dict[str, Any]]:
    """The characters of the first place `word` is painted (pdfplumber), across the pages."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = page.chars
            text = "".join(c["text"] for c in chars)
            if word in text:
                start = text.index(word)
                return [dict(c) for c in chars[start : start + len(word)]]
    raise AssertionError(f"{word!r} is not painted in {pdf}")


def test_pipe_and_grid_tables_share_one_style(board: Board, tmp_path: Path) -> None:
    """Accessibility Regulations 2018 (WCAG 2.2 AA, 1.3.1 and 1.4.4): a grid table beside a pipe table prints in
    the same size of text (a grid of seven columns printed at 8.5pt beside a pipe table's 10pt), its columns
    aligned as written, and "↓ 36.5%" never split with the arrow above its number, in every edition."""
    _reading(board)
    pdf, word = build_paper(board.root, "cover_sheets/budget.md", out=tmp_path, docx=True)
    sizes = {
        round(c["size"], 1) for w in ("Pipecell", "Gridcell", "Pipe column", "Grid column") for c in _chars(pdf, w)
    }
    assert sizes == {10.0}
    lines = _pdf_lines(pdf)
    assert sum("↓ 36.5%" in line for line in lines) == 2, [line for line in lines if "36.5" in line or "↓" in line]
    assert any("9.43% +" in line for line in lines)
    # Right-aligned: the numbers' right edges line up with "April"'s, not their left edges.
    april, first = _chars(pdf, "April"), _chars(pdf, "46")
    assert abs(april[-1]["x1"] - first[-1]["x1"]) < 0.5 and first[0]["x0"] - april[0]["x0"] > 5

    document = docx.Document(str(word))
    grid = next(t for t in document.tables if t.cell(0, 0).text == "Grid column")
    assert [str(grid.cell(1, x).paragraphs[0].alignment) for x in (0, 1, 6)] == ["None", "RIGHT (2)", "CENTER (1)"]
    assert grid.cell(1, 0).text == "Gridcell of CAF cases" and grid.cell(1, 6).text == "↓\u00a036.5%"
    assert not [c.text for t in document.tables for row in t.rows for c in row.cells if c.text != c.text.strip()]

    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    page = (site / "2030-01-10" / "item-2-1.html").read_text()
    assert '<td class="align-right"><p>46</p>\n</td>' in page and '<td class="align-center"><p>↓\u00a036.5%</p>' in page


def test_large_print_table_cells_are_padded(board: Board, tmp_path: Path) -> None:
    """Accessibility Regulations 2018 (large print on request): 16pt text in a table cell stands clear of its
    borders, padded 8pt, not the standard edition's 5pt."""
    _reading(board)
    [pdf] = build_paper(board.root, "cover_sheets/budget.md", out=tmp_path, large_print=True)
    margin = _chars(pdf, "The budget is balanced")[0]["x0"]
    assert _chars(pdf, "Pipe column")[0]["x0"] - margin >= 8
    assert round(_chars(pdf, "Pipecell")[0]["size"]) == 16


TEAMS = """\
+--------------------------------------+-----------+-------+-----+------+------+-----+-------+
| Early Intervention Activity                      | April | May | June | July | Aug | Total |
+======================================+===========+=======+=====+======+======+=====+=======+
| Number of active CAF cases                       | 46    | 53  | 52   | 51   | 51  | n/a   |
+--------------------------------------+-----------+-------+-----+------+------+-----+-------+
| No of clients recommended for        | Team 11   | 0     | 0   | 6    | 4    | 0   | 10    |
|                                      +-----------+-------+-----+------+------+-----+-------+
| CAF by Social Care                   | Team 12   | 6     | 3   | 2    | 1    | 8   | 20    |
+--------------------------------------+-----------+-------+-----+------+------+-----+-------+

| Team | Q1 2014 |
|---|---|
| Team 1 | 3 |
"""


def test_a_cell_of_a_short_label_and_its_number_is_held_together(board: Board, tmp_path: Path) -> None:
    """Accessibility Regulations 2018 (WCAG 2.2 AA 1.3.2, meaningful sequence): "Team 11" alone in a narrow grid
    column is not printed "Team" above "11" (the column is as wide as the label and its number), in the PDF, Word
    and the web edition, as "↓ 36.5%" is held together; a label with its number inside a sentence may still
    break."""
    board.replace("cover_sheets/budget.md", "The budget is balanced.\n", "The budget is balanced.\n\n" + TEAMS)
    pdf, word = build_paper(board.root, "cover_sheets/budget.md", out=tmp_path, docx=True)
    lines = _pdf_lines(pdf)
    assert any(line.startswith("No of clients recommended for Team 11 0 0 6 4 0 10") for line in lines), lines
    assert any(line.startswith("CAF by Social Care Team 12 6 3 2 1 8 20") for line in lines), lines
    document = docx.Document(str(word))
    grid = next(t for t in document.tables if t.cell(0, 0).text == "Early Intervention Activity")
    assert grid.cell(2, 1).text == "Team\u00a011" and document.tables[-1].cell(0, 1).text == "Q1\u00a02014"
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    page = (site / "2030-01-10" / "item-2-1.html").read_text()
    assert "<p>Team\u00a012</p>" in page and "<td>Team\u00a01</td>" in page
