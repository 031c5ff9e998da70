"""Council paragraph numbering (`style.paragraphs: numbered`) and the house style of a report form's words
(heading case, labels, the contact block's labels): the assembled report as every edition receives it, the
check of an empty `###`, and Hypothesis for documents no one would think of writing.

The editions themselves are read back for the panel's report (seed 003) in tests/test_forms.py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpack.assemble import assemble_pack
from boardpack.assemble.scope import level_headings
from boardpack.checks import check_repository
from boardpack.document.markdown import parse_markdown, plain_text, walk
from boardpack.errors import BoardpackError
from boardpack.forms import number_sections
from boardpack.render.html.markup import markdown_html, para_anchor

from .conftest import Board
from .oracle import expected

DATE = dt.date(2030, 1, 10)

REPORT = """\
---
title: Budget report
responsible_officer: Olive Officer
purpose: To note the budget.
recommendations: |
  That the Board notes the report.

  ###

  That the Board thanks the finance team.
contact: {name: Olive Officer, role: Report Author, phone: "01572 000000", email: olive@example.org}
---
# Budget

## Background

The budget is balanced.

A second paragraph of the same part.

###

| Line | Sum |
|---|---|
| Pay | 10 |

### Savings

Savings are found.

## Risks to the budget

###

- Inflation
- Interest rates
"""


def officer_board(board: Board, style: str = "") -> Board:
    board.replace("board.yaml", "people:\n", f"report_form: officer-report\nstyle: {{{style}}}\npeople:\n")
    board.write("cover_sheets/budget.md", REPORT)
    return board


def report_body(board: Board) -> list[dict[str, Any]]:
    """The body of the board's one report as the pack hands it to every renderer."""
    pack = assemble_pack(check_repository(board.root), DATE)
    [body] = [d["body"] for d in pack.data["documents"] if d["kind"] == "report"]
    return body


def lines(body: list[dict[str, Any]]) -> list[str]:
    """The report as a reader meets it, one paragraph, heading, item or table a line."""
    return [f"{b.kind}: {b.text}" for b in expected(body)]


def test_paragraphs_are_numbered_as_a_council_numbers_them(board: Board) -> None:
    """Local Government Act 1972 s.100B(1) and s.100C: members cite a report's paragraphs ("paragraph 2.2") in
    debate and in the minutes, so each has its number: the form's own fields (1.1, 2.1), a section's text before
    its first part (3.1), a part without a heading printed with the table after it (3.2), a heading's part (3.3),
    a section that starts with a list (4.1); a paragraph that continues a part has no number of its own."""
    body = report_body(officer_board(board, "paragraphs: numbered"))
    assert lines(body)[:17] == [
        "p: Report of Olive Officer",
        "heading: 1. Purpose of the report",
        "p: 1.1 To note the budget.",
        "heading: 2. Recommendations",
        "p: 2.1 That the Board notes the report.",
        "p: 2.2 That the Board thanks the finance team.",
        "heading: 3. Background",
        "p: 3.1 The budget is balanced.",
        "p: A second paragraph of the same part.",
        "p: 3.2",
        "table: Line | Sum / Pay | 10",
        "heading: 3.3 Savings",
        "p: Savings are found.",
        "heading: 4. Risks to the budget",
        "p: 4.1",
        "item: Inflation",
        "item: Interest rates",
    ]
    assert [n["number"] for n in walk(body) if "number" in n] == [
        *("1.", "1.1", "2.", "2.1", "2.2", "3.", "3.1", "3.2", "3.3", "4.", "4.1")
    ]
    assert lines(body)[17:] == [
        "heading: Report Author",
        "p: Olive Officer",
        "p: Tel: 01572 000000",
        "p: E-mail: olive@example.org",
        "link: mailto:olive@example.org olive@example.org",
    ]


def test_without_the_house_style_only_the_forms_headings_are_numbered(board: Board) -> None:
    """The default is as before: the officer-report form numbers its headings, not its paragraphs."""
    board = officer_board(board)
    board.replace("cover_sheets/budget.md", "\n  ###\n", "\n")
    board.replace("cover_sheets/budget.md", "###\n\n| Line", "| Line")
    board.replace("cover_sheets/budget.md", "###\n\n- Inflation", "- Inflation")
    body = report_body(board)
    assert not [n for n in walk(body) if n["t"] == "numbered"]
    assert [line for line in lines(body) if line.startswith("heading")][:4] == [
        "heading: 1. Purpose of the report",
        "heading: 2. Recommendations",
        "heading: 3. Background",
        "heading: 3.1 Savings",
    ]


def test_numbering_restarts_with_each_report(board: Board) -> None:
    """Local Government Act 1972 s.100B(1), s.100C: "paragraph 3.4" is cited of a report, so each report's
    paragraphs are its own: a second report on the agenda starts again at 1.1."""
    officer_board(board, "paragraphs: numbered")
    board.write("cover_sheets/second.md", REPORT.replace("title: Budget report", "title: Second report"))
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n      - title: Second report\n        authors: [Olive Officer]\n"
        "        paper: cover_sheets/second.md\n",
    )
    pack = assemble_pack(check_repository(board.root), DATE)
    reports = [d["body"] for d in pack.data["documents"] if d["kind"] == "report"]
    assert len(reports) == 2
    numbers = [[n["number"] for n in walk(body) if "number" in n] for body in reports]
    assert numbers[0] == numbers[1] and numbers[0][:2] == ["1.", "1.1"]


def test_an_empty_part_heading_is_written_only_where_paragraphs_are_numbered(board: Board) -> None:
    """A numbered part without a heading is an empty `###`; anywhere else an empty heading is still refused, as
    a heading with no text cannot be read out or bookmarked (Accessibility Regulations 2018, WCAG 2.2 2.4.6)."""
    officer_board(board)
    with pytest.raises(BoardpackError) as caught:
        check_repository(board.root)
    assert [str(p) for p in caught.value.problems] == [
        "cover_sheets/budget.md:5: recommendations: a heading has no text",
        "cover_sheets/budget.md:21: a heading has no text",
    ]
    board.replace("board.yaml", "style: {}", "style: {paragraphs: numbered}")
    check_repository(board.root)
    board.replace("cover_sheets/budget.md", "## Risks to the budget", "##")
    with pytest.raises(BoardpackError) as caught:
        check_repository(board.root)
    assert [str(p) for p in caught.value.problems] == [
        "cover_sheets/budget.md:31: a heading has no text (a numbered part without a heading is an empty `###`)"
    ]


def test_the_house_style_sets_heading_case_labels_and_the_contact_blocks_words(board: Board) -> None:
    """The form's words are house style: "1. PURPOSE OF THE REPORT", "STRATEGIC AIM:", "Tel No:"; an author's
    role that is the form's label in other words is printed once, as the author wrote it."""
    officer_board(
        board,
        "paragraphs: numbered, heading_case: capitals, "
        "labels: {purpose: Purpose of the Report, strategic_aim: STRATEGIC AIM}, "
        "contact_labels: {phone: 'Tel No:', email: 'Email:'}",
    )
    board.replace("cover_sheets/budget.md", "purpose:", "strategic_aim: A brighter future\npurpose:")
    text = lines(report_body(board))
    assert "p: STRATEGIC AIM: A brighter future" in text
    headings = [line for line in text if line.startswith("heading")]
    assert headings[:4] == [
        "heading: 1. PURPOSE OF THE REPORT",
        "heading: 2. RECOMMENDATIONS",
        "heading: 3. BACKGROUND",  # the report's own sections too
        "heading: 3.3 Savings",  # its parts as written
    ]
    assert text[-5:-1] == [
        "heading: Report Author",
        "p: Olive Officer",
        "p: Tel No: 01572 000000",
        "p: Email: olive@example.org",
    ]

    board.replace("board.yaml", "heading_case: capitals", "heading_case: sentence case")
    board.replace("cover_sheets/budget.md", "role: Report Author", "role: Head of Service")
    text = lines(report_body(board))
    assert [line for line in text if line.startswith("heading")][:3] == [
        "heading: 1. Purpose of the report",  # the form's labels in sentence case …
        "heading: 2. Recommendations",
        "heading: 3. Background",  # … and the author's headings as written
    ]
    assert text[-6:-1] == [  # another role is the author's, under their name, below the form's label
        "heading: Report author",
        "p: Olive Officer",
        "p: Head of Service",
        "p: Tel No: 01572 000000",
        "p: Email: olive@example.org",
    ]


def test_a_label_names_a_field_of_the_form(board: Board) -> None:
    """A house label for a field the form does not have is a typo, named with the field it was meant for."""
    officer_board(board, "paragraphs: numbered, labels: {purpse: Purpose of the Report}")
    with pytest.raises(BoardpackError) as caught:
        check_repository(board.root)
    [problem] = [str(p) for p in caught.value.problems]
    assert re.fullmatch(
        r"board\.yaml:\d+: style\.labels\.purpse: 'purpse' is not a field of the report form "
        r'\(did you mean "purpose"\?\)',
        problem,
    ), problem


# ------------------------------------------------------------------------------------- Hypothesis

SECTION, PART = 2, 3


def _block(kind: str, n: int) -> dict[str, Any]:
    if kind == "section":
        return {"t": "heading", "level": SECTION, "c": [f"Section {n}"]}
    if kind == "part":
        return {"t": "heading", "level": PART, "c": [f"Part {n}"]}
    if kind == "empty part":
        return {"t": "heading", "level": PART, "c": []}
    if kind == "empty section":
        return {"t": "heading", "level": SECTION, "c": []}
    if kind == "unnumbered":
        return {"t": "heading", "level": SECTION, "c": [f"Unnumbered {n}"], "numbered": False}
    if kind == "deeper":
        return {"t": "heading", "level": PART + 1, "c": [f"Deeper {n}"]}
    if kind == "table":
        return {"t": "table", "head": [["Head"]], "rows": [[[f"cell {n}"]]], "align": ["left"], "fit": []}
    if kind == "list":
        return {"t": "list", "ordered": False, "items": [[{"t": "p", "c": [f"item {n}"]}]]}
    return {"t": "p", "c": [f"Paragraph {n}."]}


KINDS = ["section", "part", "empty part", "empty section", "unnumbered", "deeper", "table", "list", "p", "p"]
documents = st.lists(st.sampled_from(KINDS), max_size=30).map(lambda kinds: [_block(k, n) for n, k in enumerate(kinds)])


@given(documents)
def test_numbering_is_stable_ordered_and_loses_nothing(blocks: list[dict[str, Any]]) -> None:
    """For any document (headings skipped, a section that starts with a table, empty sections, parts before any
    section): the same source always gets the same numbers; sections count 1, 2, 3 and each section's parts
    1, 2, 3 from 1, with no number twice; every block the author wrote is printed once, in order, and only an
    empty heading (a part without a heading) gives up its place to its number."""
    first = number_sections([dict(b) for b in blocks], SECTION, paragraphs=True)
    again = number_sections([dict(b) for b in blocks], SECTION, paragraphs=True)
    assert first == again

    numbers = [n["number"] for n in walk(first) if "number" in n]
    assert len(numbers) == len(set(numbers))
    sections = [int(n[:-1]) for n in numbers if n.endswith(".")]
    assert sections == list(range(1, len(sections) + 1))
    for section in sections:
        parts = [int(n.split(".")[1]) for n in numbers if n.startswith(f"{section}.") and not n.endswith(".")]
        assert parts == list(range(1, len(parts) + 1))
    numbered_sections = [b for b in blocks if b["t"] == "heading" and b["level"] == SECTION and b.get("numbered", 1)]
    assert len(sections) == len(numbered_sections)

    def printed(nodes: list[dict[str, Any]]) -> list[str]:
        return [plain_text(n) for n in nodes if n["t"] != "numbered"] + [
            plain_text(c) for n in nodes if n["t"] == "numbered" for c in n["c"]
        ]

    written = [plain_text(b) for b in blocks if b["t"] != "heading" or plain_text(b["c"])]
    shown = [re.sub(r"^\d+\.\d* ", "", text) for text in printed(first)]
    assert sorted(shown) == sorted(written)
    flat = [re.sub(r"^\d+\.\d* ", "", plain_text(c)) for n in first for c in ([n] if n["t"] != "numbered" else n["c"])]
    assert flat == written  # in the author's order

    anchors = re.findall(r'id="(para-[^"]*)"', markdown_html(first))  # the web edition's, one a number
    assert anchors == [para_anchor(n) for n in numbers] and len(set(anchors)) == len(anchors)


@given(documents)
def test_without_paragraphs_only_headings_are_numbered(blocks: list[dict[str, Any]]) -> None:
    """The form's numbering alone (`numbered: true`, paragraphs unnumbered) adds no number to any paragraph."""
    out = number_sections([dict(b) for b in blocks], SECTION)
    assert len(out) == len(blocks) and not [n for n in out if n["t"] == "numbered"]


PIECES = {
    "section": "## Section {n}",
    "part": "### Part {n}",
    "empty part": "###",
    "skipped": "#### Skipped to level four {n}",
    "paragraph": "Paragraph {n}.",
    "table": "| Head {n} |\n|---|\n| cell {n} |",
    "list": "- item {n}",
}
markdown_reports = st.lists(st.sampled_from(list(PIECES)), max_size=20).map(
    lambda kinds: "\n\n".join(PIECES[k].format(n=n) for n, k in enumerate(kinds))
)


@given(markdown_reports)
def test_a_report_written_any_way_numbers_its_written_text_in_order(text: str) -> None:
    """Markdown as authors write it (headings skipped, a section that starts with a table or list, empty parts,
    text before any section) is read, levelled and numbered: the paragraphs keep their order, nothing the author
    wrote is lost, and a number is never given twice."""
    numbered = number_sections(parse_and_level(text), SECTION, paragraphs=True)
    numbers = [n["number"] for n in walk(numbered) if "number" in n]
    assert len(numbers) == len(set(numbers))
    words = re.findall(r"(?:Paragraph|cell|item|Part|Section|Skipped to level four) \d+", text)
    printed = plain_text(numbered).replace("\xa0", " ")  # a cell of a label and its number is held: "cell\xa00"
    assert re.findall(r"(?:Paragraph|cell|item|Part|Section|Skipped to level four) \d+", printed) == words
    assert number_sections(parse_and_level(text), SECTION, paragraphs=True) == numbered


def parse_and_level(text: str) -> list[dict[str, Any]]:
    nodes = parse_markdown(text)
    level_headings(nodes, 1)
    return nodes
