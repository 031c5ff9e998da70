"""The six-month rule: Local Government Act 1972 s.85 ("a member who attends no meeting for six consecutive months
ceases to be a member unless the council approves the absence first", ../shared/LAW.md; the Act: unless the
failure was due to a reason approved by the authority before the six months ran out)."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from boardpack.absence import add_months
from boardpack.cli import main

from .conftest import Board

PAUL = "  - {name: Paul O'Sullivan, initials: POS, role: Director of Joint Commissioning, member: true}\n"
NEARING = (
    "warning: board.yaml:7: Paul O'Sullivan last attended a meeting on Wednesday 10 October 2029: six months without "
    "attending run out on Wednesday 10 April 2030 (Local Government Act 1972 s.85: a member who attends no meeting "
    "of the authority for six consecutive months ceases to be a member unless the authority approves the reason "
    "first): record an approved absence in board.yaml (`approved_absences`) before then, or expect them at a meeting"
)
REACHED = (
    "warning: board.yaml:7: Paul O'Sullivan last attended a meeting on Wednesday 10 October 2029: six months without "
    "attending ran out on Wednesday 10 April 2030, and a member who attends no meeting of the authority for six "
    "consecutive months ceases to be a member unless the authority approved the reason first (Local Government Act "
    "1972 s.85): check their attendance at the authority's other meetings"
)


@pytest.fixture
def absent(board: Board) -> Board:
    """Paul O'Sullivan attends on 10 October 2029 and sends apologies on 10 January 2030."""
    board.write(
        "minutes/2030-01-10.yaml",
        "date: 2030-01-10\npresent: [Ann Chair]\napologies: [Paul O'Sullivan]\nitems:\n  - {number: '1.1', title: Welcome}\n",
    )
    return board


def check(board: Board, as_at: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--root", str(board.root), "--as-at", as_at])
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line.startswith("warning")]


def approve(board: Board, absence: str) -> None:
    board.replace(
        "board.yaml",
        PAUL,
        f"  - name: Paul O'Sullivan\n    member: true\n    approved_absences:\n      - {absence}\n",
    )


def test_check_warns_as_six_months_near_and_run_out(absent: Board) -> None:
    """s.85(1): six months from his last attendance on 10 October 2029 run out on 10 April 2030; `check --as-at`
    says nothing until a month before, then warns that they near, then that they have run out."""
    assert check(absent, "2030-03-09") == []
    assert check(absent, "2030-03-10") == [NEARING]
    assert check(absent, "2030-04-09") == [NEARING]
    assert check(absent, "2030-04-10") == [REACHED]


def test_attendance_warns_as_at_the_end_of_its_period(absent: Board) -> None:
    """s.85: `attendance` warns as at `--as-at`, else its `--to` date, else the latest meeting's."""
    result = CliRunner().invoke(main, ["attendance", "--root", str(absent.root)])
    assert "warning" not in result.output  # as at 10 January 2030
    result = CliRunner().invoke(main, ["attendance", "--root", str(absent.root), "--to", "2030-04-10"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == REACHED
    result = CliRunner().invoke(main, ["attendance", "--root", str(absent.root), "--as-at", "2030-03-20"])
    assert result.output.splitlines()[0] == NEARING


def test_an_absence_approved_in_time_covers_the_member_until_it_ends(absent: Board) -> None:
    """s.85(1): a failure to attend for a reason the authority approved before the six months ran out does not end
    the membership; once the approved absence ends, a new six months runs."""
    approve(absent, "{from: 2030-01-01, to: 2030-06-30, approved_on: 2030-03-01, reason: ill health}")
    assert check(absent, "2030-04-10") == []

    def paul(as_at: str) -> list[str]:
        return [line for line in check(absent, as_at) if "Paul" in line]

    assert paul("2030-11-29") == []
    assert paul("2030-11-30") == [
        "warning: board.yaml:7: Paul O'Sullivan has attended no meeting since an approved absence ended on Sunday "
        "30 June 2030: six months without attending run out on Monday 30 December 2030 (Local Government Act 1972 "
        "s.85: a member who attends no meeting of the authority for six consecutive months ceases to be a member "
        "unless the authority approves the reason first): record an approved absence in board.yaml "
        "(`approved_absences`) before then, or expect them at a meeting"
    ]


def test_an_absence_approved_too_late_does_not_count(absent: Board) -> None:
    """s.85(1): the reason must be approved "before the expiry of that period": approved on 20 April 2030, after the
    six months ran out on 10 April, it does not save the membership, and the warning says why."""
    approve(absent, "{from: 2030-01-01, approved_on: 2030-04-20, reason: ill health}")
    assert check(absent, "2030-05-01") == [
        REACHED.replace(
            "(Local Government Act 1972 s.85)",
            "(Local Government Act 1972 s.85); the absence approved on Saturday 20 April 2030 came after the six "
            "months had run out, and counts only when approved before",
        )
    ]


def test_a_member_who_never_attended_counts_from_becoming_one(absent: Board) -> None:
    """s.85(1): with no attendance on record, the six months run from the day the member was appointed."""
    absent.replace(
        "board.yaml",
        "  - {name: Olive Officer, role: Head of Service}\n",
        "  - {name: Olive Officer, role: Head of Service}\n  - {name: Nina New, member: true, member_since: 2029-12-01}\n",
    )
    absent.replace("minutes/2030-01-10.yaml", "apologies: [Paul O'Sullivan]", "apologies: [Paul O'Sullivan, Nina New]")
    assert check(absent, "2030-05-05") == [
        REACHED,
        "warning: board.yaml:9: Nina New has attended no meeting since becoming a member on Saturday 1 December 2029: "
        "six months without attending run out on Saturday 1 June 2030 (Local Government Act 1972 s.85: a member who "
        "attends no meeting of the authority for six consecutive months ceases to be a member unless the authority "
        "approves the reason first): record an approved absence in board.yaml (`approved_absences`) before then, or "
        "expect them at a meeting",
    ]


def test_an_approved_absence_ends_after_it_begins(absent: Board) -> None:
    """A clear error naming the file, line and field, never a traceback."""
    approve(absent, "{from: 2030-07-01, to: 2030-06-30, approved_on: 2030-03-01, reason: ill health}")
    result = CliRunner().invoke(main, ["check", "--root", str(absent.root)])
    assert (result.exit_code, result.output) == (
        2,
        "board.yaml:10: person 2, approved absence 1: `to` is before `from`: an absence ends after it begins\n"
        "1 problem found.\n",
    )


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2012, 3, 9), 6, dt.date(2012, 9, 9)),
        (dt.date(2012, 8, 31), 6, dt.date(2013, 2, 28)),
        (dt.date(2011, 8, 31), 6, dt.date(2012, 2, 29)),
        (dt.date(2012, 10, 10), -1, dt.date(2012, 9, 10)),
    ],
)
def test_six_calendar_months(day: dt.date, months: int, expected: dt.date) -> None:
    """s.85's months are calendar months; a day the later month lacks is its last."""
    assert add_months(day, months) == expected


def test_an_approved_absence_is_a_members(absent: Board) -> None:
    """s.85 ends a member's membership: an officer has none to keep, so an approved absence for one is a mistake."""
    absent.replace(
        "board.yaml",
        "  - {name: Olive Officer, role: Head of Service}\n",
        "  - name: Olive Officer\n    approved_absences:\n"
        "      - {from: 2030-01-01, approved_on: 2030-01-01, reason: leave}\n",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(absent.root)])
    assert (result.exit_code, result.output) == (
        2,
        "board.yaml:9: person 3, approved_absences: 'Olive Officer' is not a member of the board (member: true): an "
        "approved absence keeps a member's seat under the six-month rule (Local Government Act 1972 s.85)\n"
        "1 problem found.\n",
    )


def test_only_the_members_of_the_day_are_warned(absent: Board) -> None:
    """s.85 ends a member's membership: a member whose appointment ended with the municipal year (appointed for
    2029/30 only, the year 2030/31 beginning on 1 April 2030) is no longer one, and is not warned."""
    absent.replace(
        "board.yaml",
        "people:\n",
        "municipal_years:\n  - {year: 2029/30, from: 2029-05-01}\n  - {year: 2030/31, from: 2030-04-01}\npeople:\n",
    )
    absent.replace("board.yaml", PAUL, "  - {name: Paul O'Sullivan, member: true, appointed: [2029/30]}\n")
    assert [line for line in check(absent, "2030-03-20") if "Paul" in line]  # still a member: warned
    assert [line for line in check(absent, "2030-04-10") if "Paul" in line] == []
