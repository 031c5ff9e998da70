"""Grid tables: cells with paragraphs and lists, cells spanning rows and columns, as each edition's
reader meets them (the PDF's table structure, the browser's DOM, Word's merged cells); broken
grids named by `check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from boardpack.build import build_pack, build_site
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
