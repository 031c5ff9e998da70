"""The statutory timetable of a meeting, in working days: when authors' drafts and finals are due, when the
agenda and reports must be published, and when the draft minutes are due.

Principal councils publish the agenda and reports at least five clear working days before the meeting
(Local Government Act 1972, s.100B): "clear" days exclude the day of publication and the day of the
meeting, and weekends, bank holidays (from the `holidays` package, for England and Wales, Scotland or
Northern Ireland) and the body's own closure days are not working days.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BoardpackError, Problem
from .wording import long_date

if TYPE_CHECKING:  # the model (pydantic) is not imported for the years alone (see cli._date)
    from .model import Agenda, Timetable

# The years of the meetings whose timetables boardpack works out: the `holidays` package knows the
# UK's bank holidays from 1871 to 2100, and a timetable reaches at most a year either side of its
# meeting (model.MAX_WORKING_DAYS).
FIRST_YEAR, LAST_YEAR = 1900, 2099

SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
CALENDARS = {"england-and-wales": "England and Wales", "scotland": "Scotland", "northern-ireland": "Northern Ireland"}


# The bank holidays of those years, as the `holidays` package gives them, written out by
# scripts/bank_holidays.py (and held equal to the package by the tests): reading them costs nothing,
# importing the package half a second.
TABLE = Path(__file__).with_name("bank_holidays.json")


@lru_cache(maxsize=8)
def bank_holidays(calendar: str) -> frozenset[dt.date]:
    """The bank holidays of `calendar` (a key of SUBDIVISIONS), FIRST_YEAR to LAST_YEAR."""
    days = json.loads(TABLE.read_text(encoding="utf-8"))["days"][calendar]
    return frozenset(dt.date.fromisoformat(day) for day in days)


def is_working_day(day: dt.date, timetable: Timetable) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(timetable.calendar) and day not in timetable.closures


def working_days_before(day: dt.date, count: int, timetable: Timetable) -> dt.date:
    """The working day `count` working days before `day` (1: the last working day before it)."""
    while count:
        day -= dt.timedelta(days=1)
        count -= is_working_day(day, timetable)
    return day


def working_days_after(day: dt.date, count: int, timetable: Timetable) -> dt.date:
    while count:
        day += dt.timedelta(days=1)
        count -= is_working_day(day, timetable)
    return day


def call_in_period(published: dt.date, timetable: Timetable) -> tuple[dt.date, dt.date]:
    """The last day an executive decision published on `published` may be called in (`timetable.call_in` working
    days after), and the first day it may then be implemented (the next working day)."""
    ends = working_days_after(published, timetable.call_in, timetable)
    return ends, working_days_after(ends, 1, timetable)


def clear_days(published: dt.date, meeting: dt.date) -> int:
    """The clear days between a notice published on `published` and the meeting (or decision) on `meeting`,
    neither day counted: every day counts (the 28 clear days of SI 2012/2089 regs 5 and 9)."""
    return max((meeting - published).days - 1, 0)


def clear_working_days(published: dt.date, meeting: dt.date, timetable: Timetable) -> int:
    """The clear working days between `published` and `meeting`, neither day counted, weekends, bank holidays
    and closure days left out (the 5 clear days of s.100B and of SI 2012/2089 reg 10)."""
    day, count = published + dt.timedelta(days=1), 0
    while day < meeting:
        count += is_working_day(day, timetable)
        day += dt.timedelta(days=1)
    return count


@dataclass(frozen=True)
class Dates:
    """A meeting's timetable."""

    drafts: dt.date
    finals: dt.date
    publication: dt.date
    meeting: dt.date
    minutes_draft: dt.date


def meeting_dates(meeting: dt.date, timetable: Timetable) -> Dates:
    """The dates of the meeting on `meeting`: the publication date leaves `notice` clear working days
    between it and the meeting (neither counted), so it is the working day before the notice's first."""
    if not FIRST_YEAR <= meeting.year <= LAST_YEAR:  # a meeting dated in an agenda's file name
        raise BoardpackError(
            [
                Problem(
                    f"agendas/{meeting.isoformat()}.yaml",
                    0,
                    "date",
                    f"{meeting.isoformat()} is "
                    f"outside the years {FIRST_YEAR} to {LAST_YEAR}, whose working days boardpack "
                    "can count",
                )
            ]
        )
    first_clear = working_days_before(meeting, timetable.notice, timetable)
    return Dates(
        drafts=working_days_before(meeting, timetable.drafts, timetable),
        finals=working_days_before(meeting, timetable.finals, timetable),
        publication=working_days_before(first_clear, 1, timetable),
        meeting=meeting,
        minutes_draft=working_days_after(meeting, timetable.minutes_draft, timetable),
    )


def last_day_in_time(meeting: dt.date, timetable: Timetable, convened: dt.date | None = None) -> dt.date:
    """The last day papers may be published and be open to inspection for the clear days the law asks before the
    meeting (Local Government Act 1972, s.100B(4)(a)), or, for a meeting convened at shorter notice, from the
    time it was convened: published later, an item needs the chair's special circumstances of urgency (s.100B(4)(b))."""
    deadline = meeting_dates(meeting, timetable).publication
    return max(deadline, convened) if convened is not None else deadline


def papers_due(agenda: Agenda, timetable: Timetable) -> dt.date:
    """The last day the meeting's papers can be published in time: five clear working days before it, or the day it
    was convened when that was later (its `short_notice`) — see last_day_in_time."""
    return last_day_in_time(agenda.date, timetable, agenda.short_notice.convened if agenda.short_notice else None)


def clear_days_left(published: dt.date, meeting: dt.date, timetable: Timetable) -> int:
    """The clear working days between publishing on `published` and the meeting (neither day counted)."""
    count, day = 0, published + dt.timedelta(days=1)
    while day < meeting:
        count += is_working_day(day, timetable)
        day += dt.timedelta(days=1)
    return count


# What the public and members send in, by the house's deadlines (board.yaml `timetable.participation`).
PARTICIPATION = {
    "questions": "public questions",
    "petitions": "petitions",
    "deputations": "deputations",
    "motions": "notices of motion",
}


def received_by(meeting: dt.date, days: int, timetable: Timetable) -> dt.date:
    """The last working day on which something may be received and leave `days` clear working days before the
    meeting (neither day counted), as the publication date leaves the notice: a question sent at a weekend is
    received when the office opens."""
    return working_days_before(working_days_before(meeting, days, timetable), 1, timetable)


def participation_lines(meeting: dt.date, timetable: Timetable) -> list[tuple[str, dt.date, str]]:
    """(what, when, why) for each of the house's deadlines for public participation."""
    rules = timetable.participation
    return [
        (
            f"{what} received by",
            received_by(meeting, days, timetable),
            f"{days} clear working days before (house rules)",
        )
        for kind, what in PARTICIPATION.items()
        if (days := getattr(rules, kind)) is not None
    ]


def timeline_lines(meeting: dt.date, timetable: Timetable) -> list[tuple[str, dt.date, str]]:
    """(what, when, why) for each date of the meeting's timetable, in date order (the house's deadlines for public
    participation among them, when it has any)."""
    participation = participation_lines(meeting, timetable)
    lines = _statutory_lines(meeting, timetable)
    return sorted(lines + participation, key=lambda line: line[1]) if participation else lines


def _statutory_lines(meeting: dt.date, timetable: Timetable) -> list[tuple[str, dt.date, str]]:
    dates = meeting_dates(meeting, timetable)
    return [
        ("report drafts due", dates.drafts, f"{timetable.drafts} working days before"),
        ("final reports due", dates.finals, f"{timetable.finals} working days before"),
        (
            "agenda and reports published",
            dates.publication,
            f"{timetable.notice} clear working days before (Local Government Act 1972, s.100B)",
        ),
        ("meeting", dates.meeting, ""),
        ("draft minutes due", dates.minutes_draft, f"{timetable.minutes_draft} working days after"),
    ]


def render_timeline(meeting: dt.date, timetable: Timetable) -> str:
    lines = [
        f"Timetable for the meeting of {long_date(meeting)} "
        f"(working days: {CALENDARS[timetable.calendar]} bank holidays"
        + (
            f", {len(timetable.closures)} closure day{'s' if len(timetable.closures) != 1 else ''}"
            if timetable.closures
            else ""
        )
        + ")"
    ]
    for what, when, why in timeline_lines(meeting, timetable):
        lines.append(f"  {what:<30} {day(when):<22}{why}".rstrip())
    return "\n".join(lines) + "\n"


def day(when: dt.date) -> str:
    """'Thu  7 June 2012'."""
    return f"{when:%a} {when.day:>2} {when:%B %Y}"
