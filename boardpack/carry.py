"""Carry actions and tracker rows forward: their state as at a date.

A pack is a pure function of the sources and the meeting date, so nothing here looks
at today's date. A meeting's pack is published before the meeting, so it shows what was
known by the day before (`eve`): an update dated on the meeting day is what the meeting
heard, reported in the next meeting's pack ("closed since the last meeting"), and
rebuilding a published pack reproduces what was published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Action, ActionLog, Tracker, TrackerRow, Update

Item = Action | TrackerRow


def closed_on(item: Item) -> dt.date | None:
    """The date an item was closed: the date of the update that closed it (check requires one)."""
    if item.status == "open" or not item.updates:
        return None
    return item.updates[-1].date


def status_at(item: Item, date: dt.date) -> str:
    """open, done or dropped as at `date`."""
    closed = closed_on(item)
    return item.status if closed is not None and closed <= date else "open"


def latest_update(item: Item, date: dt.date) -> Update | None:
    """The newest update dated on or before `date`."""
    known = [u for u in item.updates if u.date <= date]
    return known[-1] if known else None


def is_overdue(item: Item, date: dt.date, known: dt.date | None = None) -> bool:
    """Open as known at `known` (default: `date`) and due before `date`."""
    return status_at(item, known or date) == "open" and item.due is not None and item.due < date


def eve(meeting: dt.date) -> dt.date:
    """The last day whose updates a meeting's pack shows: the day before the meeting."""
    return meeting - dt.timedelta(days=1)


@dataclass(frozen=True)
class ActionState:
    """An action as the log shows it at one date."""

    action: Action
    status: str
    update: Update | None
    overdue: bool


def action_log(log: ActionLog, date: dt.date, previous: dt.date | None) -> list[ActionState]:
    """Actions on the board's books in the pack of the meeting on `date`, as known on its eve.

    All actions raised before the meeting and open then, plus those closed since the previous
    meeting, its own day included (shown once as closed, then dropped from later logs).
    """
    known = eve(date)
    states = []
    for action in log.actions:
        if action.raised >= date:
            continue
        status = status_at(action, known)
        closed = closed_on(action)
        if status != "open" and (closed is None or (previous is not None and closed < previous)):
            continue
        states.append(ActionState(action, status, latest_update(action, known), is_overdue(action, date, known)))
    return sorted(states, key=lambda s: (s.status != "open", not s.overdue, s.action.due or dt.date.max, s.action.id))


def open_actions(
    log: ActionLog, date: dt.date, owner: str | None = None, overdue_only: bool = False
) -> list[ActionState]:
    """Actions raised on or before `date` and open as at it, overdue first (optionally one owner's)."""
    states = [
        ActionState(a, "open", latest_update(a, date), is_overdue(a, date))
        for a in log.actions
        if a.raised <= date and status_at(a, date) == "open"
    ]
    states = [s for s in states if (owner is None or s.action.owner == owner) and (s.overdue or not overdue_only)]
    return sorted(states, key=lambda s: (not s.overdue, s.action.due or dt.date.max, s.action.id))


def rag_at(row: TrackerRow, date: dt.date) -> str | None:
    """The RAG rating as at `date`: from the newest update that sets one, else the row's own."""
    rated = [u for u in row.updates if u.date <= date and u.rag]
    return rated[-1].rag if rated else row.rag


@dataclass(frozen=True)
class RowState:
    """A tracker row as a pack shows it at one date."""

    row: TrackerRow
    status: str
    rag: str | None
    update: Update | None
    overdue: bool


def tracker_state(
    tracker: Tracker, date: dt.date, known: dt.date | None = None
) -> tuple[list[RowState], dt.date | None]:
    """Each row's state as at `date` with the updates dated by `known` (default: `date`; a pack: its
    meeting's eve), and the date of the newest update shown ("Update as at")."""
    known = known or date
    rows = [
        RowState(r, status_at(r, known), rag_at(r, known), latest_update(r, known), is_overdue(r, date, known))
        for r in tracker.rows
    ]
    dates = [s.update.date for s in rows if s.update]
    return rows, max(dates) if dates else None


def tracker_summary(rows: Iterable[RowState]) -> dict[str, dict[str, int]]:
    """Counts by status and by RAG rating, for the chair's summary."""
    by_status = {"open": 0, "done": 0, "dropped": 0}
    by_rag = {"red": 0, "amber": 0, "green": 0, "none": 0}
    overdue = 0
    for state in rows:
        by_status[state.status] += 1
        by_rag[state.rag or "none"] += 1
        overdue += state.overdue
    return {"status": by_status, "rag": by_rag, "overdue": {"overdue": overdue}}


def previous_meeting(dates: Iterable[dt.date], date: dt.date) -> dt.date | None:
    earlier = [d for d in dates if d < date]
    return max(earlier) if earlier else None
