"""Every generated page of the example's packs, standard and large print, public and private, is free of
the layout faults a reader would see (tests/layout.py): overprinted glyphs, text out of its cell or
the text area, a page holding only the tail of a short block."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO
from .layout import layout_faults


@pytest.fixture
def packs(example_pack: Path, large_print_pack: Path) -> dict[str, Path]:
    """Every PDF of the example's two builds (standard and large print), by name."""
    return {
        path.name: path for folder in (example_pack.parent, large_print_pack.parent) for path in folder.glob("*.pdf")
    }


# The meeting's packs (public, private, large print) are checked in the full tier only (slow): each takes seconds;
# the fast tier checks the decision lists and confirmed minutes, made by the same templates.
@pytest.mark.parametrize(
    "name",
    [
        pytest.param("2012-06-15-public-pack.pdf", marks=pytest.mark.slow),
        pytest.param("2012-06-15-private-pack.pdf", marks=pytest.mark.slow),
        pytest.param("2012-06-15-public-pack-large-print.pdf", marks=pytest.mark.slow),
        pytest.param("2012-06-15-private-pack-large-print.pdf", marks=pytest.mark.slow),
        "2012-03-09-decisions.pdf",
        "2012-03-09-minutes.pdf",
        "2012-06-15-decisions.pdf",
        "2012-06-15-decisions-private.pdf",
    ],
)
def test_no_layout_faults_on_any_generated_page(packs: dict[str, Path], name: str) -> None:
    assert layout_faults(packs[name], large_print="large-print" in name) == []


TABLE_PAGE = """\
#set document(title: "Table")
#set page(paper: "a4", margin: (x: 2.2cm, top: 2.4cm, bottom: 2.2cm))
#set text(font: "Liberation Sans", size: 11pt)
#v({filler})
#table(columns: (1fr, 1fr), {rows})
"""


def _table_pdf(tmp_path: Path, filler: str, rows: str) -> Path:
    import typst

    source = tmp_path / "table.typ"
    source.write_text(TABLE_PAGE.format(filler=filler, rows=rows), encoding="utf-8")
    out = tmp_path / "table.pdf"
    out.write_bytes(
        typst.compile(
            str(source),
            font_paths=[str(REPO / "templates" / "fonts")],
            ignore_system_fonts=True,
            pdf_standards=["ua-1"],
        )
    )
    return out


def test_the_check_sees_a_split_row_and_accepts_whole_rows_moved(tmp_path: Path) -> None:
    """The rule the check holds a table to: a row split so that only its last line or two reach the next
    page is a fault; a long table's last row that moved whole to the next page is not."""
    words = " ".join(f"Word{n}" for n in range(40))  # eight lines in half the width
    # A row that starts low on the page: at some heights Typst splits it, its last two lines over the page.
    split = [_faults(_table_pdf(tmp_path, f"{height / 10}cm", f"[A], [{words}]")) for height in range(200, 236, 3)]
    assert any(any("holds only" in fault for fault in faults) for faults in split), split
    # Many short rows where only the last fits on the next page: whole rows, no fault.
    rows = ", ".join(f"[Row {n}], [Some text in row {n}.]" for n in range(12))
    whole = [
        _faults(_table_pdf(tmp_path, f"{height / 10}cm", rows)) for height in range(175, 184, 3)
    ]  # 17.8: row 11 alone
    assert all(faults == [] for faults in whole), whole


def _faults(pdf: Path) -> list[str]:
    return layout_faults(pdf)
