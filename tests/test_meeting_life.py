"""The life of meetings: the calendar of meetings (meetings.yaml) with the meetings cancelled, moved and adjourned,
and extraordinary meetings — held to by `check`, followed by `new-meeting` and `timeline`, and told to every reader:
the front sheet, the Word agenda, the web edition, its calendars (STATUS and SEQUENCE) and its structured data."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import html
from pypdf import PdfReader

from boardpack.build import build_pack, build_site
from boardpack.checks import check_repository
from boardpack.cli import main
from boardpack.errors import BoardpackError, BoardpackWarning

from .conftest import Board, problems_of

CALENDAR = """\
meetings:
  - date: 2029-10-10
  - date: 2030-01-10
  - date: 2030-04-10
    start: "14.00"
    venue: Room 2
    moved: {to: 2030-04-17, on: 2030-02-01, reason: The room is needed for the election count.}
  - date: 2030-07-10
    cancelled: {on: 2030-06-01, reason: No business needs a decision.}
  - date: 2030-10-10
    adjourned: {to: 2030-10-17, reason: The meeting ran out of time.}
"""


def checked(board: Board) -> tuple[list[str], list[str]]:
    """(problems, warnings) of `check`, each as printed."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            check_repository(board.root)
            problems: list[str] = []
        except BoardpackError as error:
            problems = [str(p) for p in error.problems]
    return problems, [str(w.message) for w in caught if issubclass(w.category, BoardpackWarning)]


def test_a_sound_calendar_checks_clean(board: Board) -> None:
    board.write("meetings.yaml", CALENDAR)
    assert checked(board) == ([], [])


def test_check_holds_the_calendar_to_itself_and_the_agendas_to_it(board: Board) -> None:
    board.write(
        "meetings.yaml",
        CALENDAR
        + """\
  - date: 2030-01-10
  - date: 2029-12-01
  - date: 2031-01-09
    moved: {to: 2030-07-10, on: 2031-02-01, reason: Clash.}
  - date: 2031-03-06
    cancelled: {on: 2031-01-01, reason: No business.}
""",
    )
    agenda = (board.root / "agendas" / "2030-01-10.yaml").read_text(encoding="utf-8")
    board.write("agendas/2030-04-10.yaml", agenda.replace("2030-01-10", "2030-04-10", 1))
    board.write("agendas/2031-03-06.yaml", agenda.replace("2030-01-10", "2031-03-06", 1))
    problems, _ = checked(board)
    assert problems == [
        "meetings.yaml:7: meeting 3, moved.to: the meeting of Wednesday 10 April 2030 was moved to Wednesday 17 April "
        "2030: its agenda is agendas/2030-04-17.yaml, not agendas/2030-04-10.yaml",
        "meetings.yaml:12: meeting 6, date: 2030-01-10 is already meeting 2",
        "meetings.yaml:13: meeting 7, date: 2029-12-01 comes before the meeting above it",
        "meetings.yaml:15: meeting 8, moved.on: 2031-02-01 is after the meeting it changes",
        "meetings.yaml:15: meeting 8, moved.to: 2030-07-10 is already a meeting of the calendar: cancel this one instead",
        "meetings.yaml:17: meeting 9, cancelled: the meeting of Thursday 6 March 2031 was cancelled, but "
        "agendas/2031-03-06.yaml is still there: remove it (its papers were never published)",
    ]


def test_an_agenda_may_not_print_a_meeting_already_moved_or_cancelled_among_those_to_come(board: Board) -> None:
    """The dates of future meetings an agenda prints are those known when it is published: a move decided on
    1 February 2030 makes an agenda for 10 January 2030 no less right, but one for 10 March wrong."""
    board.write("meetings.yaml", CALENDAR.replace("on: 2030-02-01", "on: 2030-01-05"))
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n"
        "      - title: Dates of future meetings\n"
        "        authors: [Chair]\n"
        "        future_meetings: [2030-04-10, 2030-07-10]\n",
    )
    problems, _ = checked(board)
    assert problems == [
        "agendas/2030-01-10.yaml:23: item 2.2, future meeting 1: the meeting of Wednesday 10 April 2030 was moved "
        "to Wednesday 17 April 2030 on Saturday 5 January 2030 (meetings.yaml)",
    ]


def test_business_planned_for_a_meeting_moved_or_cancelled_is_flagged(board: Board) -> None:
    """LAW.md, Meetings: a cancelled meeting's planned business moves somewhere; check says where it is stranded."""
    board.write("meetings.yaml", CALENDAR)
    board.write(
        "forward_plan.yaml",
        """\
items:
  - {title: Budget monitoring, meeting: 2030-04-10, lead: Olive Officer, added: 2029-12-01}
  - {title: Annual report, meeting: 2030-07-10, lead: Olive Officer, added: 2029-12-01}
  - {title: Work programme, meeting: 2030-04-17, lead: Olive Officer, added: 2029-12-01}
""",
    )
    assert checked(board)[1] == [
        "forward_plan.yaml:2: 'Budget monitoring' is planned for the meeting of Wednesday 10 April 2030, which was "
        "moved to Wednesday 17 April 2030 (meetings.yaml): plan it for Wednesday 17 April 2030",
        "forward_plan.yaml:3: 'Annual report' is planned for the meeting of Wednesday 10 July 2030, which was "
        "cancelled (meetings.yaml): plan it for another",
    ]


def test_a_meeting_outside_the_calendar_is_extraordinary_or_warned_of(board: Board) -> None:
    board.write("meetings.yaml", CALENDAR.replace("  - date: 2030-01-10\n", ""))
    assert checked(board)[1] == [
        "agendas/2030-01-10.yaml:1: the meeting of Thursday 10 January 2030 is not in the calendar of meetings "
        "(meetings.yaml): add it there, or record who called it as an `extraordinary` meeting"
    ]
    board.replace(
        "agendas/2030-01-10.yaml",
        "venue: Room 1\n",
        "venue: Room 1\nextraordinary: {called_by: the Chair, reason: To agree the budget before the deadline.}\n",
    )
    assert checked(board) == ([], [])


def test_new_meeting_and_timeline_follow_the_calendar(board: Board) -> None:
    board.write("meetings.yaml", CALENDAR)
    runner = CliRunner()
    moved = runner.invoke(main, ["new-meeting", "2030-04-10", "--root", str(board.root)])
    assert moved.exit_code == 2 and moved.output.splitlines()[0] == (
        "meetings.yaml: the meeting of Wednesday 10 April 2030 was moved to Wednesday 17 April 2030 "
        "(boardpack new-meeting 2030-04-17)"
    )
    cancelled = runner.invoke(main, ["new-meeting", "2030-07-10", "--root", str(board.root)])
    assert cancelled.exit_code == 2 and "Cancelled on Saturday 1 June 2030: No business" in cancelled.output
    made = runner.invoke(main, ["new-meeting", "2030-04-17", "--root", str(board.root)])
    assert made.exit_code == 0, made.output
    text = (board.root / "agendas" / "2030-04-17.yaml").read_text(encoding="utf-8")
    assert 'start: "14.00"\nvenue: "Room 2"' in text  # the calendar's time and place
    assert "future_meetings: [2030-10-10, 2030-10-17]" in text  # not the cancelled 10 July
    timeline = runner.invoke(main, ["timeline", "2030-04-10", "--root", str(board.root)])
    assert timeline.output.splitlines()[:2] == [
        "note: the meeting of Wednesday 10 April 2030 was moved to Wednesday 17 April 2030",
        "Timetable for the meeting of Wednesday 17 April 2030 (working days: England and Wales bank holidays)",
    ]
    off = runner.invoke(main, ["timeline", "2030-07-10", "--root", str(board.root)])
    assert off.output == "note: Cancelled on Saturday 1 June 2030: No business needs a decision.\n"


EXTRAORDINARY = "extraordinary: {called_by: the Chair, reason: To agree the budget before the deadline.}\n"


@pytest.mark.parametrize(
    ("calendar", "extra", "occasion"),
    [
        ("", EXTRAORDINARY, "Extraordinary meeting, called by the Chair: To agree the budget before the deadline."),
        (
            CALENDAR.replace(
                "- date: 2030-01-10\n",
                "- date: 2030-01-03\n    moved: {to: 2030-01-10, on: 2029-12-01, reason: Snow.}\n",
            ),
            "",
            "Moved from Thursday 3 January 2030: Snow.",
        ),
    ],
    ids=["extraordinary", "moved"],
)
def test_the_front_sheet_and_the_word_agenda_say_what_meeting_it_is(
    board: Board, tmp_path: Path, calendar: str, extra: str, occasion: str
) -> None:
    """Local Government Act 1972 Sch 12 paras 3-4 (LAW.md, Meetings): an extraordinary meeting is called by the
    chair or by members' requisition, and its summons says so and why; a moved meeting's says it was moved."""
    if calendar:
        board.write("meetings.yaml", calendar)
    board.replace("agendas/2030-01-10.yaml", "venue: Room 1\n", "venue: Room 1\n" + extra)
    built = build_pack(board.root, dt.date(2030, 1, 10), tmp_path / "out", docx=True)
    pdf = next(p for p in built if p.name.endswith("public-pack.pdf"))
    front = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert occasion in front
    agenda = Document(str(next(p for p in (tmp_path / "out").rglob("agenda.docx"))))
    assert occasion in [p.text for p in agenda.paragraphs]


def _day(event: Any) -> dt.date:
    """The day an event starts on (a timed event's, or an all-day one's)."""
    start = event.decoded("dtstart")
    return start.date() if isinstance(start, dt.datetime) else start


def test_the_web_edition_and_its_calendars_tell_subscribers(board: Board, tmp_path: Path) -> None:
    """Local Government Act 1972 s.100A(6)(a): public notice of the time and place of each meeting, kept true as
    meetings are moved and cancelled. RFC 5545 3.8.1.11 and 3.8.7.4: a cancelled meeting's event is CANCELLED with a
    higher SEQUENCE; a moved one keeps its UID with its new start, so a calendar app moves the event it holds."""
    import icalendar

    board.write(
        "meetings.yaml",
        CALENDAR.replace(
            "  - date: 2030-01-10\n",
            "  - date: 2030-01-03\n    moved: {to: 2030-01-10, on: 2029-12-01, reason: Snow.}\n",
        ),
    )
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 5), pdfs=False).folder
    by_day = {_day(e): e for e in icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes()).walk("VEVENT")}
    moved = by_day[dt.date(2030, 1, 10)]
    assert int(moved["sequence"]) == 1 and str(moved["status"]) == "CONFIRMED"
    assert str(moved["uid"]).startswith("2030-01-03-")  # the meeting's identity: the day first planned
    assert "Moved from Thursday 3 January 2030: Snow." in str(moved["description"])
    cancelled = by_day[dt.date(2030, 7, 10)]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1
    later = by_day[dt.date(2030, 4, 17)]  # moved, with no agenda yet: the calendar's time and place
    assert later.decoded("dtstart").hour == 14 and str(later["location"]) == "Room 2"
    assert int(later["sequence"]) == 1 and str(later["uid"]).startswith("2030-04-10-")
    planned = by_day[dt.date(2030, 10, 17)]  # reconvening, its time not yet known: a day's event
    assert planned.decoded("dtstart") == dt.date(2030, 10, 17) and "adjourned" in str(planned["description"])
    # the meeting page and its structured data
    page = html.parse(str(site / "2030-01-10" / "index.html")).getroot()
    assert page.xpath("//p[@class='occasion']/text()") == ["Moved from Thursday 3 January 2030: Snow."]
    [script] = page.xpath("//script[@type='application/ld+json']/text()")
    event = json.loads(script)
    assert event["eventStatus"] == "https://schema.org/EventRescheduled" and event["previousStartDate"] == "2030-01-03"
    # the list of meetings: what is to come, with what became of each
    index = html.parse(str(site / "index.html")).getroot()
    upcoming = [
        " ".join(li.text_content().split())
        for li in index.xpath("//h2[.='Upcoming meetings']/following-sibling::ul[1]/li")
    ]
    assert upcoming == [
        "Thursday 10 January 2030, 9.30 am, Room 1Moved from Thursday 3 January 2030: Snow.",
        "Wednesday 17 April 2030, 2.00 pm, Room 2 (agenda to follow)Moved from Wednesday 10 April 2030: The room is needed for the election count.",
        "Wednesday 10 July 2030Cancelled on Saturday 1 June 2030: No business needs a decision.",
        "Thursday 10 October 2030 (agenda to follow)Adjourned to Thursday 17 October 2030: The meeting ran out of time.",
        "Thursday 17 October 2030 (agenda to follow)The meeting of Thursday 10 October 2030, adjourned, reconvenes to take its remaining business",
    ]


def test_a_reconvened_meeting_takes_the_adjourned_meetings_agenda_and_numbering(board: Board) -> None:
    """LAW.md, Meetings (adjournments must be representable): the meeting of 10 January 2030 is adjourned to the
    17th, whose minutes continue its agenda's numbering — its minute 2.1 takes the key decision of item 2.1, and is
    held to SI 2012/2089 reg 13 (its reasons and the alternatives rejected) as if minuted on the 10th."""
    board.write(
        "meetings.yaml",
        "meetings:\n  - date: 2029-10-10\n  - date: 2030-01-10\n    adjourned: {to: 2030-01-17, reason: Out of time.}\n",
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n        key_decision: true\n",
    )
    board.write(
        "minutes/2030-01-17.yaml",
        "date: 2030-01-17\npresent: [Ann Chair, Paul O'Sullivan]\napologies: [Olive Officer]\nitems:\n"
        '  - number: "2.1"\n    title: Budget report\n    body: The Board took the budget.\n'
        "    decisions:\n      - resolved: To agree the budget.\n",
    )
    assert [p for p in problems_of(board) if "2030-01-17" in p] == [
        "minutes/2030-01-17.yaml:9: minute 2.1, decision 1, alternatives: minute 2.1 takes the key decision 'Budget "
        "report': its record states the alternatives considered and rejected (`alternatives:`; SI 2012/2089 reg 13)",
        "minutes/2030-01-17.yaml:9: minute 2.1, decision 1, reasons: minute 2.1 takes the key decision 'Budget report': "
        "its record states the reasons for it (`reasons:`; SI 2012/2089 reg 13)",
    ]
