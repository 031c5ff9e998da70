"""Lettered and roman lists, "a) … d)" and "i. … iv.", as each edition's reader meets them: numbered as written
in the PDF (standard and large print), Word's own numbering, and the web edition's <ol type>; never bullets with
the letters typed in."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.oxml.ns import qn

from boardpack.build import build_paper, build_site
from boardpack.document.markdown import parse_markdown

from .conftest import Board

LISTS = """\
The data demonstrates the following:

a) Step Up Step Down Procedure is working well
b) Single Assessment is robust
c) Confidence in the CAF process has improved
d) Early Intervention prevents escalation

The Panel is asked to:

i. note the response;
ii. agree the actions;
iii. receive a further report;
iv. thank the group.

1. A numbered recommendation
   a) with a lettered part
   b) and another
"""


def with_lists(board: Board) -> Board:
    board.replace("cover_sheets/budget.md", "The budget is balanced.\n", "The budget is balanced.\n\n" + LISTS)
    return board


def test_lettered_and_roman_lists_are_parsed_as_numbered_lists() -> None:
    _, first, _, second, third = parse_markdown(LISTS)
    assert (first["t"], first["ordered"], first["marker"], len(first["items"])) == ("list", True, "a)", 4)
    assert (second["marker"], second["start"], len(second["items"])) == ("i.", 1, 4)
    assert "marker" not in third and third["items"][0][1]["marker"] == "a)"
    assert parse_markdown("J. Smith reported.")[0]["t"] == "p"  # an initial starts no list
    assert parse_markdown("A.  Upper\nB.  case")[0]["marker"] == "A."
    assert parse_markdown("c) from c\nd) on")[0]["start"] == 3


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_lettered_lists_in_the_pdf_large_print_and_word(board: Board, tmp_path: Path) -> None:
    """Accessibility Regulations 2018 (WCAG 2.2 1.3.1, info and relationships): a list the author lettered is a
    list, numbered "a)" as written, in every edition, not a bullet followed by a typed letter."""
    with_lists(board)
    pdf, word = build_paper(board.root, "cover_sheets/budget.md", out=tmp_path, docx=True)
    [large] = build_paper(board.root, "cover_sheets/budget.md", out=tmp_path / "large", large_print=True)
    for text in (_pdf_text(pdf), _pdf_text(large)):
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert "a) Step Up Step Down Procedure is working well" in lines
        assert "d) Early Intervention prevents escalation" in lines
        assert "iv. thank the group." in lines and "ii. agree the actions;" in lines
        assert "b) and another" in lines and "1. A numbered recommendation" in lines
        assert not any("•" in line for line in lines)

    document = docx.Document(str(word))
    numbering = document.part.numbering_part.element

    def marker(paragraph: docx.text.paragraph.Paragraph) -> tuple[str, str]:
        num_id = paragraph._p.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
        [definition] = [
            a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(abstract)
        ]
        level = paragraph._p.pPr.numPr.ilvl.val if paragraph._p.pPr.numPr.ilvl is not None else 0
        [lvl] = [x for x in definition.findall(qn("w:lvl")) if x.get(qn("w:ilvl")) == str(level)]
        return lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val"))

    items = {p.text: p for p in document.paragraphs if p.style.name.startswith("List Number")}
    assert marker(items["Step Up Step Down Procedure is working well"]) == ("lowerLetter", "%1)")
    assert marker(items["thank the group."]) == ("lowerRoman", "%1.")
    assert marker(items["A numbered recommendation"])[0] == "decimal"
    assert marker(items["with a lettered part"]) == ("lowerLetter", "%1)")  # List Number 2: a list of its own
    assert not any(re.match(r"[a-d]\) |i+v?\. ", p.text) for p in document.paragraphs)


class _Lists(HTMLParser):
    """Each <ol>'s attributes and its items' text."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[tuple[dict[str, str | None], list[str]]] = []
        self.open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ol":
            self.lists.append((dict(attrs), []))
            self.open.append(self.lists[-1][1])
        elif tag == "li" and self.open:
            self.open[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1]:
            self.open[-1][-1] += data


def test_lettered_lists_in_the_web_edition(board: Board, tmp_path: Path) -> None:
    """Accessibility Regulations 2018 (WCAG 2.2 1.3.1): the web edition's lettered list is an <ol type="a">, its
    ")" the stylesheet's."""
    with_lists(board)
    build_site(board.root, out=tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False)
    [page] = [p for p in (tmp_path / "site").rglob("*.html") if "Step Up Step Down" in p.read_text()]
    parser = _Lists()
    parser.feed(page.read_text())
    found = {
        " ".join(items[0].split()): (attrs.get("type"), attrs.get("class"), len(items))
        for attrs, items in parser.lists
        if items
    }
    assert found["Step Up Step Down Procedure is working well"] == ("a", "lower-alpha paren", 4)
    assert found["note the response;"] == ("i", "lower-roman", 4)
    assert found["with a lettered part"] == ("a", "lower-alpha paren", 2)
    assert found["A numbered recommendation"] == (None, None, 1)
    css = (tmp_path / "site" / "style.css").read_text()
    assert 'ol.paren.lower-alpha > li::marker { content: counter(list-item, lower-alpha) ") "; }' in css
