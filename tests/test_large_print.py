"""The large-print pack: every character boardpack sets is at least 16 pt, on pages of their own."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader


def foreign_pages(pdf: Path) -> set[int]:
    with pikepdf.open(pdf) as doc:
        return {
            i
            for i, page in enumerate(doc.pages)
            if any(str(k).startswith("/BpForeign") for k in page.Resources.get("/XObject", {}).keys())
        }


@pytest.mark.slow  # every character of 150 pages read back: the fast tier's other large-print tests cover its sizes
def test_every_generated_character_is_at_least_16pt(large_print_pack: Path) -> None:
    skip = foreign_pages(large_print_pack)
    assert skip, "the example has foreign pages, which keep their own sizes"
    sizes = []
    with pdfplumber.open(large_print_pack) as pdf:
        for index, page in enumerate(pdf.pages):
            if index not in skip:
                sizes += [char["size"] for char in page.chars]
    assert sizes and min(sizes) >= 15.99


def test_standard_pack_is_smaller_print(example_pack: Path) -> None:
    with pdfplumber.open(example_pack) as pdf:
        assert min(char["size"] for char in pdf.pages[0].chars) < 12


def test_large_print_reflows_onto_more_pages(example_pack: Path, large_print_pack: Path) -> None:
    assert len(PdfReader(large_print_pack).pages) > len(PdfReader(example_pack).pages) * 1.2
    with pikepdf.open(large_print_pack) as pdf:
        assert str(pdf.docinfo["/Title"]).endswith("Public Document Pack (large print)")
