"""The life of a body's meetings: its calendar of meetings (meetings.yaml) and what became of each one — held as
planned, cancelled, moved to another day, adjourned to reconvene — and the extraordinary meetings called outside it.

Every part of boardpack that lists meetings asks here: the dates of future meetings a new agenda prints, the
forward plan, the web edition's lists and calendars (a moved meeting keeps its identity, so a calendar app moves
the event it already holds rather than adding a second).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .reads import summary
from .wording import long_date

if TYPE_CHECKING:
    from .load import Loaded, Papers
    from .model import Agenda, AgendaItem, PlanItem

Status = Literal["scheduled", "cancelled", "moved", "adjourned", "reconvened", "extraordinary"]


@dataclass(frozen=True)
class Meeting:
    """A meeting as its readers are told of it."""

    date: dt.date  # the day it is (or was to be) held
    status: Status
    planned: dt.date  # the day first planned: the meeting's identity (its calendar UID)
    note: str = ""  # what happened, as a sentence: "Moved from Friday 14 December 2012: …"
    decided: dt.date | None = None  # when the change was decided
    start: str | None = None  # from meetings.yaml, before there is an agenda
    venue: str | None = None

    @property
    def held(self) -> bool:
        """Whether the meeting is (or was) held on its date."""
        return self.status != "cancelled"

    @property
    def sequence(self) -> int:
        """How many times the meeting was changed after it was announced (iCalendar's SEQUENCE, RFC 5545 3.8.7.4)."""
        return 1 if self.status in ("cancelled", "moved") else 0


@summary
def meetings(papers: Papers) -> list[Meeting]:
    """Every meeting the body knows of, in date order: those of its calendar with what became of them, the days
    they were moved to or reconvene on, and any other meeting it has an agenda for (extraordinary, when marked)."""
    found: dict[dt.date, Meeting] = {}
    planned = papers.calendar.value.meetings if papers.calendar is not None else []
    for entry in planned:
        if entry.cancelled is not None:
            note = f"Cancelled on {long_date(entry.cancelled.on)}: {entry.cancelled.reason}"
            found[entry.date] = Meeting(
                entry.date, "cancelled", entry.date, note, entry.cancelled.on, entry.start, entry.venue
            )
        elif entry.moved is not None:
            note = f"Moved from {long_date(entry.date)}: {entry.moved.reason}"
            found[entry.moved.to] = Meeting(
                entry.moved.to, "moved", entry.date, note, entry.moved.on, entry.start, entry.venue
            )
        else:
            found.setdefault(
                entry.date, Meeting(entry.date, "scheduled", entry.date, "", None, entry.start, entry.venue)
            )
        if entry.adjourned is not None:
            found[entry.date] = Meeting(
                entry.date,
                "adjourned",
                entry.date,
                f"Adjourned to {long_date(entry.adjourned.to)}: {entry.adjourned.reason}",
                start=entry.start,
                venue=entry.venue,
            )
            found[entry.adjourned.to] = Meeting(
                entry.adjourned.to,
                "reconvened",
                entry.adjourned.to,
                f"The meeting of {long_date(entry.date)}, adjourned, reconvenes to take its remaining business",
                venue=entry.venue,
            )
    for date, loaded in papers.agendas.items():
        called = loaded.value.extraordinary
        if called is not None:
            note = f"Extraordinary meeting, called by {called.called_by}: {called.reason}"
            found[date] = Meeting(date, "extraordinary", date, note)
        else:
            found.setdefault(date, Meeting(date, "scheduled", date))
    return sorted(found.values(), key=lambda meeting: meeting.date)


def meeting(papers: Papers, date: dt.date) -> Meeting | None:
    """The meeting held (or to have been held) on `date`, if there is one."""
    return next((m for m in meetings(papers) if m.date == date), None)


def moved_from(papers: Papers, date: dt.date) -> Meeting | None:
    """The meeting moved away from `date` (planned for it, now held on another day), if any."""
    return next((m for m in meetings(papers) if m.status == "moved" and m.planned == date), None)


def future_meetings(papers: Papers, after: dt.date) -> list[dt.date]:
    """The days of the meetings still to be held after `after`: neither cancelled nor moved away."""
    return [m.date for m in meetings(papers) if m.date > after and m.held]


def meeting_notes(papers: Papers, date: dt.date) -> list[tuple[str, dt.date | None]]:
    """What a reader of the meeting on `date` must be told first, with the day the meeting is held: that it was
    moved (held on the day it moved to) or cancelled (held on no day)."""
    away, held = moved_from(papers, date), meeting(papers, date)
    if away is not None:
        return [(f"the meeting of {long_date(date)} was moved to {long_date(away.date)}", away.date)]
    if held is not None and held.status == "cancelled":
        return [(held.note, None)]
    return []


def agenda_of(papers: Papers, date: dt.date) -> Loaded[Agenda] | None:
    """The agenda the meeting on `date` takes its business from: its own, or, for a meeting reconvened after an
    adjournment, the adjourned meeting's (the continuation shares its agenda and its minutes' numbering)."""
    if date in papers.agendas:
        return papers.agendas[date]
    planned = papers.calendar.value.meetings if papers.calendar is not None else []
    adjourned = next((entry.date for entry in planned if entry.adjourned and entry.adjourned.to == date), None)
    return papers.agendas.get(adjourned) if adjourned is not None else None


def adjourned(papers: Papers, date: dt.date) -> bool:
    """Whether the meeting on `date` was adjourned, its remaining business taken when it reconvened."""
    planned = papers.calendar.value.meetings if papers.calendar is not None else []
    return any(entry.date == date and entry.adjourned is not None for entry in planned)


def planned_entry(papers: Papers, date: dt.date, item: AgendaItem) -> PlanItem | None:
    """The forward plan's entry for an agenda item of the meeting of `date`: the one of that meeting titled as the
    item is (or as its exempt item's public title), if any."""
    titles = {item.title.casefold()} | (
        {item.exempt.public_title.casefold()} if item.exempt and item.exempt.public_title else set()
    )
    entries = papers.plan.value.items if papers.plan is not None else []
    return next((entry for entry in entries if entry.meeting == date and entry.title.casefold() in titles), None)
