"""A body's house style from board.yaml: organisation, kind, membership, times, numbering, appendices,
colour and logo; read back from the PDF, the web edition and new-meeting's agenda."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.build import build_pack, build_site
from boardpack.cli import main
from boardpack.wording import ambiguous_time, clock_time, start_time, time_span

from .conftest import AXE, Board, png
from .test_check import problems

PANEL = """\
name: People (Children) Scrutiny Panel
organisation: Rutland County Council
kind: panel
front_sheet_title: People (Children) Scrutiny Panel
chair: Ann Chair
vice_chair: Paul O'Sullivan
clerk: {name: Clara Clerk, phone: "01572 722577", email: clerk@example.org}
style:
  times: 12-hour
  numbering: flat
  appendices: letters
  colour: "#cce0ff"
  logo: logo.png
  membership_on_front_sheet: true
standing_items:
  opening: [Apologies, {title: Record of meeting, minutes: true}, Declarations of interest]
  closing:
    - title: Any other business
      purpose: Items the Chair agrees are urgent.
  opening_heading: Business
  reports_heading: Business
  closing_heading: Business
people:
  - {name: Ann Chair, initials: AC, role: Chair of the Panel, member: true}
  - {name: Paul O'Sullivan, initials: POS, role: Councillor, member: true}
  - {name: Bea Member, role: Councillor, member: true, member_since: 2029-11-01}
  - {name: Olive Officer, role: Head of Service}
"""


def panel(board: Board) -> Board:
    board.write("board.yaml", PANEL)
    (board.root / "logo.png").write_bytes(png(40, 20, (20, 60, 140)))
    board.replace("agendas/2030-01-10.yaml", 'start: "9.30"', 'start: "19.00"')
    board.replace("agendas/2030-01-10.yaml", 'start: "9.30"', 'start: "19.00"')  # the Welcome's, at 7 pm too
    board.replace(
        "agendas/2030-01-10.yaml", 'start: "9.40"\n        end: "10.00"', 'start: "19.10"\n        end: "19.50"'
    )
    board.write("appendices/notes.md", "# Notes\n\nThe notes of the budget meeting.\n")
    board.replace(
        "cover_sheets/budget.md",
        "impact_on_child_poverty: None directly.\n",
        "impact_on_child_poverty: None directly.\nappendices:\n"
        "  - {title: Budget notes, markdown: appendices/notes.md}\n",
    )
    board.replace("minutes/2029-10-10.yaml", 'number: "1.1"', 'number: "1"')
    board.replace("minutes/2029-10-10.yaml", 'number: "2.1"', 'number: "2"')
    board.replace("actions.yaml", 'minute: "2.1"', 'minute: "2"')
    return board


def pages_text(pdf: Path) -> list[str]:
    return [(page.extract_text() or "").replace("\u00a0", " ") for page in PdfReader(pdf).pages]


def test_times_in_the_house_style() -> None:
    assert time_span("19.10", "19.50", twelve_hour=True) == "7.10 – 7.50\u00a0pm"
    assert time_span("11.30", "12.15", twelve_hour=True) == "11.30\u00a0am – 12.15\u00a0pm"
    assert time_span("9.30", "10.00") == "9.30 – 10.00"
    assert time_span("14:15", None, twelve_hour=True) == "2.15\u00a0pm"
    assert start_time("0.30") == "12.30 am" and start_time("12.00") == "12.00 pm" and start_time("9.30") == "9.30 am"


def test_times_written_with_am_or_pm() -> None:
    """A time may be written on either clock: "7.10 pm" is 19.10, "12.15 am" just after midnight."""
    assert (
        clock_time("7.10 pm") == (19, 10) and clock_time("7.10pm") == (19, 10) and clock_time("7:10 p.m.") == (19, 10)
    )
    assert clock_time("12.15 am") == (0, 15) and clock_time("12.15 pm") == (12, 15) and clock_time("9.30 AM") == (9, 30)
    assert time_span("7.10 pm", "19.50", twelve_hour=True) == "7.10 – 7.50\u00a0pm"
    assert ambiguous_time("7.10") and not ambiguous_time("19.10") and not ambiguous_time("07.10")
    assert not ambiguous_time("7.10 pm") and not ambiguous_time("12.30") and not ambiguous_time("0.30")


TIMED = """\
date: 2030-01-10
start: "19.00"
venue: Room 1
sections:
  - heading: Business
    items:
      - title: Welcome
        start: "7.00 pm"
        authors: [Chair]
      - title: Budget report
        start: "7.10"
        end: "7.50"
        authors: [Olive Officer]
        paper: cover_sheets/budget.md
      - title: Early item
        start: "18.30"
        authors: [Chair]
      - title: Out of order
        start: "19.05"
        authors: [Chair]
"""


def test_check_refuses_an_ambiguous_or_impossible_item_time(board: Board) -> None:
    """Local Government Act 1972 s.100B(1): the agenda open to inspection says when each item is taken; under a
    7 pm meeting "7.10" printed "7.10 – 7.50 am". In a 12-hour body each time is written with am or pm, or on the
    24-hour clock, and check refuses an ambiguous time, one before the meeting starts and one out of order."""
    panel(board)
    board.write("agendas/2030-01-10.yaml", TIMED)
    assert problems(board) == [
        'agendas/2030-01-10.yaml:11: item 2, start: "7.10" could be morning or evening, and the papers print the '
        '12-hour clock: write "7.10 am" or "7.10 pm" (or "19.10" on the 24-hour clock)',
        'agendas/2030-01-10.yaml:12: item 2, end: "7.50" could be morning or evening, and the papers print the '
        '12-hour clock: write "7.50 am" or "7.50 pm" (or "19.50" on the 24-hour clock)',
        "agendas/2030-01-10.yaml:16: item 3, start: 6.30 pm is before the meeting starts, at 7.00 pm",
    ]
    board.replace(
        "agendas/2030-01-10.yaml", 'start: "7.10"\n        end: "7.50"', 'start: "7.10 pm"\n        end: "19.50"'
    )
    board.replace("agendas/2030-01-10.yaml", 'start: "18.30"', 'start: "19.50"')
    assert problems(board) == [
        "agendas/2030-01-10.yaml:19: item 4, start: 7.05 pm is earlier than 7.50 pm above it (item 3, start): the "
        "agenda's times run in order",
    ]


def test_a_first_meeting_scaffolded_in_a_12_hour_body_starts_at_an_unambiguous_time(board: Board) -> None:
    """new-meeting with no earlier agenda to copy the start from writes "9.30 am", which check accepts."""
    panel(board)
    result = CliRunner().invoke(main, ["new-meeting", "2029-06-10", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    assert 'start: "9.30 am"' in (board.root / "agendas" / "2029-06-10.yaml").read_text()
    assert CliRunner().invoke(main, ["check", "--root", str(board.root)]).exit_code == 0


def test_a_panel_in_its_own_house_style(board: Board, tmp_path: Path) -> None:
    panel(board)
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    pages = pages_text(pdf)
    front = pages[0]
    assert "Rutland County Council" in front and "PEOPLE (CHILDREN) SCRUTINY PANEL" in front
    assert re.search(r"Membership:\s*Ann Chair \(Chair\), Paul O'Sullivan \(Vice-Chair\), Bea Member", front), front
    assert "7.00 pm" in front
    # Items numbered 1-3 straight through the sections, times with am/pm.
    assert re.search(r"1\.\s*Welcome", front) and re.search(r"2\.\s*Minutes of the last meeting", front)
    assert re.search(r"3\.\s*Budget report", front) and "7.10 – 7.50 pm" in front and "1.1" not in front
    assert not any("Agenda Item 3.1" in page or "Agenda Item 2.1" in page for page in pages)
    budget = [n for n, page in enumerate(pages) if "Agenda Item 3" in page]
    assert budget and "Budget report" in pages[budget[0]]
    minutes = next(page for page in pages if "Minutes of the People (Children) Scrutiny Panel meeting" in page)
    assert "Part 1" not in minutes and "Rutland County Council People" not in minutes
    assert any("Appendix A: Budget notes" in page for page in pages)
    outline = [item.title for item in pikepdf.open(pdf).open_outline().root]
    assert "3 Budget report" in outline, outline


def test_the_logo_is_drawn_with_its_alt_text_and_the_colour_shades_the_headings(board: Board, tmp_path: Path) -> None:
    panel(board)
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    with pikepdf.open(pdf) as document:
        first = document.pages[0]
        drawn = [op for _, op in pikepdf.parse_content_stream(first) if str(op) == "Do"]
        images = [x for x in first.Resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Image"]
        assert drawn and images and (int(images[0].Width), int(images[0].Height)) == (40, 20)
        figures = [node for node in _struct(document.Root.StructTreeRoot) if node.get("/S") == "/Figure"]
        assert [str(f.get("/Alt")) for f in figures] == ["Rutland County Council"]
        fills = [
            [round(float(v), 3) for v in operands]
            for operands, op in pikepdf.parse_content_stream(first)
            if str(op) in ("rg", "sc", "scn") and len(operands) == 3
        ]
    assert [0.8, 0.878, 1.0] in fills, fills  # #cce0ff


def _struct(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += _struct(kid)
    return found


def test_the_resolution_and_scaffold_speak_of_the_panel(board: Board, tmp_path: Path) -> None:
    panel(board)
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3}",
    )
    board.replace("agendas/2030-01-10.yaml", "venue: Room 1", "venue: Room 1")
    public, _ = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    # the agenda, on its first pages: the resolution to exclude the press and public may take it to a second
    assert "The Panel is recommended to resolve" in " ".join(pages_text(public)[:2]).replace("\n", " ")

    board.replace("agendas/2030-01-10.yaml", "sections:", "sections:")  # unchanged; new meeting below
    result = CliRunner().invoke(main, ["new-meeting", "2030-04-10", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    text = (board.root / "agendas" / "2030-04-10.yaml").read_text()
    titles = re.findall(r"- title: (.+)", text)
    assert titles[:3] == ["Apologies", "Record of meeting", "Declarations of interest"], titles
    assert titles[-1] == "Any other business" and 'purpose: "Items the Chair agrees are urgent."' in text
    assert "Welcome" not in titles and not any(t.startswith('"Minutes and action') for t in titles)
    assert re.findall(r"- heading: (.+)", text) == ["Business"]  # one heading: one section
    record = text[text.index("- title: Record of meeting") : text.index("- title: Declarations of interest")]
    assert "# minutes: 2030-01-10" in record and "#   A1 Olive Officer" in record, record
    assert CliRunner().invoke(main, ["check", "--root", str(board.root)]).exit_code == 0


@pytest.mark.browser
def test_the_web_edition_names_the_organisation_and_membership(board: Board, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    panel(board)
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    browser.get((folder / "2030-01-10" / "index.html").as_uri())
    body = browser.find_element("tag name", "main").text
    assert "Rutland County Council: People (Children) Scrutiny Panel" in body
    assert "Ann Chair (Chair), Paul O'Sullivan (Vice-Chair), Bea Member" in body
    logo = browser.find_element("css selector", "p.logo img")
    assert logo.get_attribute("alt") == "Rutland County Council"
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", logo) == 40
    assert "7.10 – 7.50 pm" in body  # the browser gives the no-break space as a space
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    )
    assert "error" not in result and result["passes"] and result["violations"] == [], result.get("violations")


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ('colour: "#cce0ff"', 'colour: "#333366"'),
            "style.colour: black text on #333366 has a contrast of only 1.8:1",
        ),
        (("logo: logo.png", "logo: logo.pgn"), "style.logo: the logo "),
        (("vice_chair: Paul O'Sullivan", "vice_chair: Paul OSullivan"), "vice_chair: 'Paul OSullivan' is not one of"),
        (("numbering: flat", "numbering: flat-ish"), "style.numbering:"),
    ],
)
def test_house_style_mistakes_are_named(board: Board, change: tuple[str, str], message: str) -> None:
    panel(board)
    board.replace("board.yaml", *change)
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2 and message in result.output, result.output


def test_a_post_may_be_the_responsible_officer_and_author(board: Board, tmp_path: Path) -> None:
    panel(board)
    board.replace(
        "board.yaml", "people:\n", "posts:\n  - {title: Director for People, holder: Olive Officer}\npeople:\n"
    )
    board.replace(
        "cover_sheets/budget.md", "responsible_officer: Olive Officer", "responsible_officer: Director for People"
    )
    board.replace("agendas/2030-01-10.yaml", "authors: [Olive Officer]", "authors: [Director for People]")
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    pages = pages_text(pdf)
    assert re.search(r"Director for People\s+\(Pages 5", pages[0]), pages[0]
    assert any(re.search(r"Responsible Officer\s*Director for People", page) for page in pages)

    board.replace(
        "cover_sheets/budget.md", "responsible_officer: Director for People", "responsible_officer: Director of People"
    )
    board.replace("board.yaml", "holder: Olive Officer", "holder: Olive Oficer")
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert (
        "'Director of People' is not one of the board's people or posts (did you mean \"Director for People\"?)"
    ) in result.output
    assert "post 1, holder: 'Olive Oficer' is not one of the board's people" in result.output, result.output
