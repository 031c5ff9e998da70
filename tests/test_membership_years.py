"""Membership over time: members appointed by municipal year (at the annual meeting), joining and leaving part-way
through one, and changes of chair — attendance, quorum and the front sheet's membership judged against the members of
the meeting's day, not today's (Local Government Act 1972 Sch 12: the quorum is a share of the whole number of
members; s.85 and attendance returns rest on who was a member when)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.build import build_pack
from boardpack.cli import main

from .conftest import Board, problems_of

YEARS = """\
municipal_years:
  - {year: 2029/30, from: 2029-05-18}
  - {year: 2030/31, from: 2030-05-17}
"""
NEWCOMER = "  - {name: Nina New, role: Councillor, member: true, appointed: [2030/31]}\n"


def by_year(board: Board, people: str = NEWCOMER) -> Board:
    """The small board with two municipal years, and a member appointed only for the second."""
    board.replace("board.yaml", "people:\n", YEARS + "people:\n" + people)
    return board


def test_a_member_appointed_for_a_later_year_is_not_one_at_an_earlier_meeting(board: Board) -> None:
    """The 10 October 2029 minutes (2029/30) account for that year's members: Nina New, appointed for 2030/31, is
    neither missing from them nor may be listed among the members present."""
    by_year(board)
    assert problems_of(board) == []
    board.replace("minutes/2029-10-10.yaml", "  - Paul O'Sullivan\n", "  - Paul O'Sullivan\n  - Nina New\n")
    assert problems_of(board) == [
        "minutes/2029-10-10.yaml:5: person present 3, name: 'Nina New' was not a member of the board on 2029-10-10 "
        "(appointed for 2030/31, not 2029/30): list them under in_attendance"
    ]


def test_a_member_who_left_part_way_through_the_year_is_not_accounted_for_after(board: Board) -> None:
    by_year(board, "")
    board.replace(
        "board.yaml", "member: true}\n  - {name: Olive", "member: true, member_until: 2029-09-30}\n  - {name: Olive"
    )
    board.replace("minutes/2029-10-10.yaml", "  - Paul O'Sullivan\n", "")
    assert problems_of(board) == []  # Paul O'Sullivan left on 30 September: the minutes need not name him
    result = CliRunner().invoke(main, ["attendance", "--root", str(board.root), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [line.split(",")[:2] for line in result.output.splitlines()]
    assert rows[0][:2] == ["member", "meetings"] and ["Paul O'Sullivan", "0"] in rows and ["Ann Chair", "1"] in rows


def test_the_quorum_is_a_share_of_the_members_of_the_day(board: Board) -> None:
    """Sch 12 para 6 (LAW.md: a quarter of the whole number): with five members in 2030/31 but two in 2029/30, a
    quorum of half is one in October 2029, not three."""
    people = "".join(f"  - {{name: Member {n}, member: true, appointed: [2030/31]}}\n" for n in range(3))
    by_year(board, people)
    board.replace("board.yaml", "chair: Ann Chair\n", "chair: Ann Chair\nquorum: {fraction: 0.5, minimum: 1}\n")
    board.replace("minutes/2029-10-10.yaml", "  - Paul O'Sullivan\n", "")
    board.replace(
        "minutes/2029-10-10.yaml", "apologies: [Olive Officer]\n", "apologies: [Olive Officer, Paul O'Sullivan]\n"
    )
    assert problems_of(board) == []  # one of the two members of the day is present: quorate


def test_the_front_sheet_lists_the_members_and_chair_of_the_meetings_day(board: Board, tmp_path: Path) -> None:
    by_year(
        board,
        "  - {name: Nina New, role: Councillor, member: true, appointed: [2029/30]}\n  - {name: Old Hand, member: true, appointed: [2028/29]}\n",
    )
    board.replace(
        "board.yaml",
        YEARS,
        YEARS.replace("municipal_years:\n", "municipal_years:\n  - {year: 2028/29, from: 2028-05-19}\n"),
    )
    board.replace(
        "board.yaml",
        "chair: Ann Chair\n",
        "chair: Ann Chair\nchairs: [{office: chair, name: Nina New, from: 2029-12-01}]\n",
    )
    board.replace(
        "board.yaml",
        "front_sheet_title: Test Trust\n",
        "front_sheet_title: Test Trust\nstyle: {membership_on_front_sheet: true}\n",
    )
    board.replace("minutes/2029-10-10.yaml", "  - Paul O'Sullivan\n", "  - Paul O'Sullivan\n  - Nina New\n")
    assert problems_of(board) == []
    [pdf] = [
        p for p in build_pack(board.root, dt.date(2030, 1, 10), tmp_path / "out") if p.name.endswith("public-pack.pdf")
    ]
    front = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Membership: Nina New (Chair), Ann Chair, Paul O'Sullivan" in front  # not Old Hand, of 2028/29


def test_check_refuses_a_year_or_a_chair_it_does_not_know(board: Board) -> None:
    by_year(board, "  - {name: Nina New, appointed: [2031/32]}\n")
    board.replace("board.yaml", YEARS, YEARS + "  - {year: 2028/29, from: 2028-05-19}\n")
    board.replace(
        "board.yaml",
        "chair: Ann Chair\n",
        "chair: Ann Chair\nchairs: [{office: vice_chair, name: Nobody Known, from: 2029-12-01}]\n",
    )
    assert problems_of(board) == [
        "board.yaml:4: chair 1, name: 'Nobody Known' is not one of the board's people (add them to people in board.yaml)",
        "board.yaml:9: municipal year 3, from: 2028-05-19 is not after the year above it",
        "board.yaml:11: person 1, appointed: appointed as a member: give `member: true` as well",
        "board.yaml:11: person 1, appointed 1: 2031/32 is not a municipal year (municipal_years: 2029/30, 2030/31, 2028/29)",
    ]


def test_a_joint_committees_members_are_printed_with_the_authority_that_appointed_them(
    board: Board, tmp_path: Path
) -> None:
    """A joint committee (Local Government Act 1972 s.102(1)(b)) has members appointed by several authorities: the
    front sheet's membership and the minutes' attendance say whose each is."""
    board.replace(
        "board.yaml",
        "initials: POS, role: Director of Joint Commissioning, member: true}",
        "initials: POS, role: Director of Joint Commissioning, member: true, authority: Cornwall Council}",
    )
    board.replace(
        "board.yaml",
        "front_sheet_title: Test Trust\n",
        "front_sheet_title: Test Trust\nstyle: {membership_on_front_sheet: true}\n",
    )
    assert problems_of(board) == []
    [pdf] = [
        p for p in build_pack(board.root, dt.date(2030, 1, 10), tmp_path / "out") if p.name.endswith("public-pack.pdf")
    ]
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]
    assert "Membership: Ann Chair (Chair), Paul O'Sullivan, Cornwall Council" in pages[0]
    assert any("Paul O'Sullivan (POS), Cornwall Council" in text for text in pages[1:])  # the minutes' attendance
