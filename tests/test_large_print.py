"""The large-print pack: every character boardpack sets is at least 16 pt, on pages of their own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from boardpack.assemble import assemble_pack
from boardpack.checks import check_repository

from .conftest import REPO, Board, make_pdf


def foreign_pages(pdf: Path) -> set[int]:
    with pikepdf.open(pdf) as doc:
        return {
            i
            for i, page in enumerate(doc.pages)
            if any(str(k).startswith("/BpForeign") for k in page.Resources.get("/XObject", {}).keys())
        }


@pytest.mark.slow  # every character of 150 pages read back: the fast tier's other large-print tests cover its sizes
def test_every_character_is_at_least_16pt(large_print_pack: Path) -> None:
    """Every page, the example's PDF appendices' pages included: they are not laid in (they keep their own print
    size), each has a large-print page of its own that refers to it in the standard pack."""
    assert not foreign_pages(large_print_pack)
    sizes = []
    with pdfplumber.open(large_print_pack) as pdf:
        for page in pdf.pages:
            sizes += [char["size"] for char in page.chars]
    assert sizes and min(sizes) >= 15.99


def test_standard_pack_is_smaller_print(example_pack: Path) -> None:
    with pdfplumber.open(example_pack) as pdf:
        assert min(char["size"] for char in pdf.pages[0].chars) < 12


def test_large_print_reflows_onto_more_pages(example_pack: Path, large_print_pack: Path) -> None:
    assert len(PdfReader(large_print_pack).pages) > len(PdfReader(example_pack).pages) * 1.2
    with pikepdf.open(large_print_pack) as pdf:
        assert str(pdf.docinfo["/Title"]).endswith("Public Document Pack (large print)")


def _referrals(path: Path) -> list[tuple[int, str, list[str]]]:
    """The pages of a large-print pack that refer to a PDF appendix in the standard pack: each page's number (from 1),
    its text, and its links' targets."""
    found = []
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages, 1):
        text = " ".join((page.extract_text() or "").split())
        if "cannot be set in large print" in text:
            links = [
                str(a.get_object()["/A"].get("/URI", "")) for a in page.get("/Annots", []) if "/A" in a.get_object()
            ]
            found.append((number, text, links))
    return found


@pytest.mark.parametrize("edition", ["public", "private"])
def test_a_pdf_appendix_is_one_large_print_page_that_links_it_in_the_standard_pack(
    large_print_pack: Path, edition: str
) -> None:
    """A PDF appendix keeps its own print size, so the large-print pack does not repeat its pages: it gives it one page
    (starting on an odd page, as every document does) that names it, says how many pages it has and why it is not in
    large print, links it in the standard pack of the same series where that pack opens at it, and says whom to ask
    for it in another format."""
    path = large_print_pack.with_name(f"2012-06-15-{edition}-pack-large-print.pdf")
    pack = assemble_pack(check_repository(REPO), dt.date(2012, 6, 15), private=edition == "private")
    appendices = [doc for doc in pack.data["documents"] if doc["kind"] == "foreign"]
    front = pack.data["front"]
    referrals = _referrals(path)
    assert len(referrals) == len(appendices) == 2
    with pikepdf.open(path) as pdf:
        sizes = {tuple(sorted(round(float(v)) for v in page.mediabox[2:])) for page in pdf.pages}
        assert not foreign_pages(path) and sizes == {(595, 842)}  # A4 (or landscape), no appendix's own
    for doc, (_, text, links) in zip(appendices, referrals):
        count = len(doc["pages"])
        assert " ".join(doc["heading"].split()) in text and f"This appendix has {count} pages" in text
        assert "supplied as a PDF, whose pages keep their own print size, so it cannot be set in large print" in text
        assert f"2012-06-15-{edition}-pack.pdf" in text and f"{front['clerk']} (telephone {front['phone']}" in text
        assert f"2012-06-15-{edition}-pack.pdf#nameddest=appendix-{doc['id']}" in links
        assert f"mailto:{front['email']}" in links
        stamp = re.search(r"Page (\d+)", text)
        assert stamp and int(stamp[1]) % 2 == 1, "it starts on an odd page"


def test_a_boards_own_template_that_reserves_an_appendixs_pages_in_large_print_is_told_so(
    board: Board, tmp_path: Path
) -> None:
    """A board's pack.typ from before large print gave an appendix one page would reserve pages for its pages, and
    boardpack lays none in a large-print pack: the build refuses, naming the template, and writes nothing (rather
    than a pack with blank pages where the appendix was)."""
    import shutil

    from click.testing import CliRunner

    from boardpack.cli import main
    from boardpack.templates import shipped_templates

    make_pdf(board.attach("Figures", "figures.pdf"), pages=2)
    own = board.root / "templates" / "typst"
    shutil.copytree(shipped_templates() / "typst", own)
    template = own / "pack.typ"
    text = template.read_text(encoding="utf-8")
    assert 'doc.kind == "foreign" and large-print' in text
    template.write_text(text.replace('doc.kind == "foreign" and large-print', "false"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--large-print", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(
        "templates/typst/pack.typ: reserves pages for a PDF appendix's pages in a large-print pack, where boardpack "
        "lays none in"
    ), result.output
    assert not list(out.glob("*.pdf"))
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(out)])
    assert result.exit_code == 0, result.output  # the standard pack still lays the appendix in
