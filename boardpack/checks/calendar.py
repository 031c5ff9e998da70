"""The calendar of meetings (meetings.yaml) against the agendas and the forward plan: no agenda for a meeting moved
away, no agenda printing a cancelled or moved meeting among the dates to come, no business stranded at a meeting
that will not be held there, and no meeting outside the calendar unless called as an extraordinary one."""

from __future__ import annotations

import datetime as dt

from ..schedule import meetings
from ..wording import long_date
from .context import Context


def check_calendar(ctx: Context) -> None:
    """Each meeting of meetings.yaml once and in order; a change decided by the day of the meeting; a meeting moved
    to a day of its own; no agenda for a meeting moved away, nor (unless its papers were published before) for one
    cancelled."""
    loaded = ctx.papers.calendar
    if loaded is None:
        return
    planned = loaded.value.meetings
    seen: dict[dt.date, int] = {}
    for n, entry in enumerate(planned):
        if entry.date in seen:
            ctx.add(loaded, ("meetings", n, "date"), f"{entry.date} is already meeting {seen[entry.date] + 1}")
        elif seen and entry.date < max(seen):
            ctx.add(loaded, ("meetings", n, "date"), f"{entry.date} comes before the meeting above it")
        seen.setdefault(entry.date, n)
    days = {entry.date for entry in planned}
    for n, entry in enumerate(planned):
        change = entry.cancelled or entry.moved
        if change is not None and change.on > entry.date:
            field = "cancelled" if entry.cancelled else "moved"
            ctx.add(loaded, ("meetings", n, field, "on"), f"{change.on} is after the meeting it changes")
        if entry.moved is not None and entry.moved.to in days:
            ctx.add(
                loaded,
                ("meetings", n, "moved", "to"),
                f"{entry.moved.to} is already a meeting of the calendar: cancel this one instead",
            )
        if entry.adjourned is not None and entry.adjourned.to <= entry.date:
            ctx.add(loaded, ("meetings", n, "adjourned", "to"), f"{entry.adjourned.to} is not after the meeting")
        if entry.date in ctx.papers.agendas and entry.moved is not None:
            ctx.add(
                loaded,
                ("meetings", n, "moved", "to"),
                f"the meeting of {long_date(entry.date)} was moved to {long_date(entry.moved.to)}: "
                f"its agenda is agendas/{entry.moved.to}.yaml, not agendas/{entry.date}.yaml",
            )
        if entry.cancelled is not None and entry.date in ctx.papers.agendas:
            published = ctx.papers.publications.get(entry.date)
            if published is None or published.value.publications[0].published > entry.cancelled.on:
                ctx.add(
                    loaded,
                    ("meetings", n, "cancelled"),
                    f"the meeting of {long_date(entry.date)} was cancelled, but agendas/{entry.date}.yaml is "
                    "still there: remove it (its papers were never published)",
                )
    held = {e.date for e in planned if e.moved is None}
    held |= {e.moved.to for e in planned if e.moved} | {e.adjourned.to for e in planned if e.adjourned}
    for date, agenda in ctx.papers.agendas.items():
        if date not in held and agenda.value.extraordinary is None:
            ctx.warn(
                agenda,
                ("date",),
                f"the meeting of {long_date(date)} is not in the calendar of meetings ({loaded.path}): add it "
                "there, or record who called it as an `extraordinary` meeting",
            )


def check_dates_to_come(ctx: Context) -> None:
    """An agenda prints the dates of the meetings to come as known when it was published: not one already cancelled
    or moved away by then; and the forward plan's business is not left at a meeting that will not be held."""
    if ctx.papers.calendar is None:
        return
    changed = {
        m.planned: m for m in meetings(ctx.papers) if m.status in ("cancelled", "moved") and m.decided is not None
    }
    for date, loaded in sorted(ctx.papers.agendas.items()):
        published = ctx.papers.publications.get(date)
        known_on = published.value.publications[0].published if published is not None else date
        for s, section in enumerate(loaded.value.sections):
            for i, item in enumerate(section.items):
                for f, later in enumerate(item.future_meetings):
                    fate = changed.get(later)
                    if fate is not None and fate.decided is not None and fate.decided <= known_on:
                        ctx.add(
                            loaded,
                            ("sections", s, "items", i, "future_meetings", f),
                            f"the meeting of {long_date(later)} was {_what(fate.status, fate.date)} on "
                            f"{long_date(fate.decided)} ({ctx.papers.calendar.path})",
                        )
    plan = ctx.papers.plan
    if plan is None:
        return
    for n, entry in enumerate(plan.value.items):
        fate = changed.get(entry.meeting)
        if fate is not None:
            instead = f"plan it for {long_date(fate.date)}" if fate.status == "moved" else "plan it for another"
            ctx.warn(
                plan,
                ("items", n, "meeting"),
                f"'{entry.title}' is planned for the meeting of {long_date(entry.meeting)}, which was "
                f"{_what(fate.status, fate.date)} ({ctx.papers.calendar.path}): {instead}",
            )


def _what(status: str, date: dt.date) -> str:
    return f"moved to {long_date(date)}" if status == "moved" else "cancelled"
