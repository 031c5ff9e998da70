"""The statutory timetable in working days, against dates worked out by hand from the 2012 calendar
(Easter: Good Friday 6 April, Easter Monday 9 April; the Diamond Jubilee: 4 and 5 June; the August
bank holiday: 27 August in England and Wales, 6 August in Scotland)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from boardpack.cli import main
from boardpack.model import Timetable
from boardpack.timetable import TABLE, bank_holidays, meeting_dates
from scripts.bank_holidays import table

from .conftest import Board

D = dt.date


@pytest.mark.parametrize(
    "meeting, drafts, finals, publication, minutes",
    [
        # Friday 15 June 2012, after the Jubilee: 5 clear days are 14, 13, 12, 11 and 8 June, so publish on the 7th;
        # 15 days back skip 4 and 5 June.
        (D(2012, 6, 15), D(2012, 5, 23), D(2012, 6, 1), D(2012, 6, 7), D(2012, 6, 29)),
        # Wednesday 11 April 2012, after Easter: clear days 10, 5, 4, 3, 2 April; publish Friday 30 March.
        (D(2012, 4, 11), D(2012, 3, 19), D(2012, 3, 28), D(2012, 3, 30), D(2012, 4, 25)),
        # Tuesday 4 September 2012, after the August bank holiday: clear days 3 Sep, 31, 30, 29, 28 Aug; publish the 24th.
        (D(2012, 9, 4), D(2012, 8, 13), D(2012, 8, 22), D(2012, 8, 24), D(2012, 9, 18)),
    ],
)
def test_dates_in_england_and_wales(
    meeting: dt.date, drafts: dt.date, finals: dt.date, publication: dt.date, minutes: dt.date
) -> None:
    dates = meeting_dates(meeting, Timetable())
    assert (dates.drafts, dates.finals, dates.publication, dates.minutes_draft) == (
        drafts,
        finals,
        publication,
        minutes,
    )


def test_scotland_and_the_bodys_own_closures() -> None:
    # In Scotland 27 August is a working day (its summer holiday was 6 August): clear days 3 Sep, 31, 30, 29, 28.
    assert meeting_dates(D(2012, 9, 4), Timetable(calendar="scotland")).publication == D(2012, 8, 27)
    # Closed on 3 and 4 September in England: clear days 31, 30, 29, 28 and 24 August; publish the 23rd.
    closed = Timetable(closures=[D(2012, 9, 3)])
    assert meeting_dates(D(2012, 9, 4), closed).publication == D(2012, 8, 23)
    # Ten clear days before 15 June 2012: 14, 13, 12, 11, 8, 7, 6, 1 June, 31 and 30 May; publish on the 29th.
    assert meeting_dates(D(2012, 6, 15), Timetable(notice=10)).publication == D(2012, 5, 29)


def test_timeline_and_new_meeting(board: Board) -> None:
    board.replace("board.yaml", "people:\n", "timetable: {drafts: 10, finals: 6, closures: [2030-03-29]}\npeople:\n")
    result = CliRunner().invoke(main, ["timeline", "2030-04-10", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    # By hand: drafts 10 working days back from Wed 10 April 2030 are 9, 8, 5, 4, 3, 2, 1 April, 28, 27, 26 March
    # (Friday 29 March is the body's closure day); finals 6 back: 2 April; five clear days 9, 8, 5, 4, 3 April,
    # so publish on the 2nd; minutes 10 forward: 11, 12, 15-18, 23-26 April (Easter is 19 and 22 April).
    assert result.output.splitlines() == [
        "Timetable for the meeting of Wednesday 10 April 2030 (working days: England and Wales bank holidays, "
        "1 closure day)",
        "  report drafts due              Tue 26 March 2030     10 working days before",
        "  final reports due              Tue  2 April 2030     6 working days before",
        "  agenda and reports published   Tue  2 April 2030     5 clear working days before (Local Government Act "
        "1972, s.100B)",
        "  meeting                        Wed 10 April 2030",
        "  draft minutes due              Fri 26 April 2030     10 working days after",
    ]
    result = CliRunner().invoke(main, ["new-meeting", "2030-04-10", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    text = (board.root / "agendas" / "2030-04-10.yaml").read_text()
    assert "#   agenda and reports published:   Tue  2 April 2030" in text


def test_check_as_at_holds_a_meeting_to_its_timetable(board: Board) -> None:
    """For the meeting of 10 January 2030: final reports due 28 December 2029, publication 2 January 2030."""
    import git

    from .test_meeting_record import commit_all

    repo = git.Repo.init(board.root)
    board.replace("agendas/2030-01-10.yaml", "        paper: cover_sheets/budget.md\n", "")
    commit_all(repo, "The agenda, as published", "2030-01-02")

    def check(as_at: str) -> tuple[int, list[str]]:
        result = CliRunner().invoke(main, ["check", "--as-at", as_at, "--root", str(board.root)])
        return result.exit_code, result.output.splitlines()

    assert check("2029-12-20") == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])  # before finals are due
    code, lines = check("2029-12-30")
    assert (code, lines[0]) == (
        0,
        "warning: agendas/2030-01-10.yaml:15: final reports were due on Friday 28 December "
        "2029; 'Budget report' has no paper",
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "        purpose: To note the budget.\n",
        "        purpose: To note the budget.\n        paper: cover_sheets/budget.md\n",
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "  - heading: Reports\n    items:\n",
        "  - heading: Reports\n    items:\n      - title: Urgent staffing matter\n        authors: [Olive Officer]\n"
        "        paper: cover_sheets/budget.md\n",
    )
    assert check("2030-01-02")[0] == 0  # publication day itself: not yet late
    code, lines = check("2030-01-08")
    assert code == 2 and lines[:2] == [
        "warning: agendas/2030-01-10.yaml:1: the agenda and reports were due to be published five clear working "
        "days before the meeting, on Wednesday 2 January 2030 (Local Government Act 1972, s.100B(3)), and no "
        "publication is recorded: publish them now with `boardpack publish 2030-01-10`",
        "agendas/2030-01-10.yaml:15: item 2.1, title: 'Urgent staffing matter' was added after Wednesday 2 January "
        "2030, too late to be open to inspection for five clear days before the meeting (Local Government Act 1972, "
        "s.100B(4)(a)): give the chair's special circumstances of urgency in `urgent:` (s.100B(4)(b))",
    ], lines
    board.replace(
        "agendas/2030-01-10.yaml",
        "      - title: Urgent staffing matter\n",
        "      - title: Urgent staffing matter\n        urgent: The contract ends before the next meeting.\n",
    )
    assert check("2030-01-08")[0] == 0


def test_check_as_at_says_when_a_meetings_papers_are_overdue(board: Board) -> None:
    """Local Government Act 1972 s.100B(3): the agenda and reports are open to inspection at least five clear
    days before the meeting. Once that day has passed with no publication recorded, `check --as-at` says so;
    before it, and once the papers are published, it says nothing of it."""

    def check(as_at: str) -> list[str]:
        result = CliRunner().invoke(main, ["check", "--as-at", as_at, "--root", str(board.root)])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    overdue = (
        "warning: agendas/2030-01-10.yaml:1: the agenda and reports were due to be published five clear working "
        "days before the meeting, on Wednesday 2 January 2030 (Local Government Act 1972, s.100B(3)), and no "
        "publication is recorded: publish them now with `boardpack publish 2030-01-10`"
    )
    assert overdue not in check("2030-01-02")  # the publication day itself
    assert check("2030-01-03")[0] == overdue
    assert overdue not in check("2030-01-11")  # the meeting has been held: a late publication is past mending


def test_the_bank_holiday_table_is_what_the_holidays_package_says() -> None:
    """Local Government Act 1972 s.100B(3) and s.100K(1): clear days leave out bank holidays. boardpack reads them
    from a table written by scripts/bank_holidays.py (importing `holidays` costs a build half a second); the table
    must be exactly the installed package's days for every calendar and year, so a new bank holiday (a coronation,
    a jubilee) is never missed: run the script again when this fails."""
    written = json.loads(TABLE.read_text(encoding="utf-8"))
    assert written["days"] == table()["days"]
    assert {dt.date(2012, 6, 4), dt.date(2012, 6, 5), dt.date(2023, 5, 8)} <= bank_holidays("england-and-wales")
    assert dt.date(2012, 8, 6) in bank_holidays("scotland") and dt.date(2012, 8, 27) not in bank_holidays("scotland")
