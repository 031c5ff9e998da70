"""Rules for the action log and recommendation trackers: owners and leads, the minutes that raised an action,
ids once, updates in date order, and a closed action or row that says why."""

from __future__ import annotations

import datetime as dt

from ..load import Loaded
from ..model import ActionLog, Update
from .context import Context


def check_log(ctx: Context) -> None:
    loaded = ctx.papers.log
    if loaded is None:
        return
    log = loaded.value
    ctx.duplicates(loaded, [a.id for a in log.actions], ("actions",), "id", "action id")
    for index, action in enumerate(log.actions):
        where: tuple[str | int, ...] = ("actions", index)
        ctx.person(loaded, action.owner, *where, "owner")
        minutes = ctx.papers.minutes.get(action.raised)
        ctx.markdown(loaded, action.description, *where, "description")
        if f"minutes/{action.raised}.yaml" in ctx.papers.unreadable:
            pass  # those minutes have problems of their own
        elif minutes is None:
            ctx.add(
                loaded,
                where + ("raised",),
                f"there are no minutes for {action.raised} (expected minutes/{action.raised}.yaml)",
            )
        elif action.minute not in {m.number for m in minutes.value.items}:
            ctx.add(loaded, where + ("minute",), f"there is no minute {action.minute} in minutes/{action.raised}.yaml")
        _updates(ctx, loaded, action.updates, action.raised, action.status, *where)
        for u, update in enumerate(action.updates):
            ctx.markdown(loaded, update.text, *where, "updates", u, "text")
    ctx.duplicates(loaded, [t.id for t in log.trackers], ("trackers",), "id", "tracker id")
    for t, tracker in enumerate(log.trackers):
        ctx.release(loaded, tracker.released, "trackers", t)
        ctx.duplicates(loaded, [r.id for r in tracker.rows], ("trackers", t, "rows"), "id", "row id")
        for r, row in enumerate(tracker.rows):
            where = ("trackers", t, "rows", r)
            for lead_index, lead in enumerate(row.leads):
                ctx.person(loaded, lead, *where, "leads", lead_index)
            _updates(ctx, loaded, row.updates, None, row.status, *where)
            for name in ("recommendation", "action_required"):
                ctx.markdown(loaded, getattr(row, name), *where, name)
            for u, update in enumerate(row.updates):
                ctx.markdown(loaded, update.text, *where, "updates", u, "text")
            if row.response is not None:
                ctx.person(loaded, row.response.by, *where, "response", "by", allow_posts=True)
                ctx.markdown(loaded, row.response.text, *where, "response", "text")


def _updates(
    ctx: Context,
    loaded: Loaded[ActionLog],
    updates: list[Update],
    raised: dt.date | None,
    status: str,
    *where: str | int,
) -> None:
    for u, update in enumerate(updates):
        if raised is not None and update.date < raised:
            ctx.add(
                loaded,
                where + ("updates", u, "date"),
                f"update dated {update.date} is before the action was raised on {raised}",
            )
        if u and update.date < updates[u - 1].date:
            ctx.add(
                loaded,
                where + ("updates", u, "date"),
                f"updates must be in date order: {update.date} comes after {updates[u - 1].date}",
            )
    if status in ("done", "dropped") and not updates:
        ctx.add(loaded, where + ("status",), f"{status} with no update saying why; add an update")
