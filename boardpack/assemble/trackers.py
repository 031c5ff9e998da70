"""The recommendation trackers and the action log, carried forward to the meeting: a row a recommendation or an
action, with its latest update and status as known on the meeting's eve."""

from __future__ import annotations

from typing import Any

from .. import carry
from ..document.markdown import column_fit, plain_text
from ..document.nodes import em, para, paras
from ..exemption import action_exemption
from ..model import Tracker
from ..wording import STATUS, not_for_publication, short_date, summary_line
from .scope import Doc, Scope


def tracker_document(scope: Scope, heading: str, tracker: Tracker, level: int = 2) -> Doc:
    """A tracker's table: a row a recommendation, with the columns its rows fill (the status last)."""
    states, latest = carry.tracker_state(tracker, scope.date, carry.eve(scope.date))
    responses = {
        s.row.id: s.row.response for s in states if s.row.response and s.row.response.date <= carry.eve(scope.date)
    }
    has = {
        "response": bool(responses),
        "action": any(s.row.action_required for s in states),
        "lead": any(s.row.leads for s in states),
        "due": any(s.row.due or s.row.due_note for s in states),
    }
    as_at = f"Update as at {latest:%d/%m/%y}" if latest else "Update"
    columns = [
        "",
        "Recommendation",
        "Response",
        "Action Required to Deliver Recommendation",
        "Lead",
        as_at,
        "Date to be Completed by",
        "Status",
    ]
    updated = any(s.update for s in states) or not has["response"]  # a response alone needs no "No update yet"
    shown = [True, True, has["response"], has["action"], has["lead"], updated, has["due"], True]
    rows = []
    for state in states:
        row = state.row
        status = "Overdue" if state.overdue else STATUS[state.status]
        response = responses.get(row.id)
        cells: list[Any] = [
            row.id,
            scope.md(row.recommendation, level),
            [*scope.md(response.text, level), para(em(f"{response.by}, {short_date(response.date)}"))]
            if response
            else paras("No response yet"),
            scope.md(row.action_required, level),
            [scope.person_line(name) for name in row.leads],
            scope.md(state.update.text, level) if state.update else paras("No update yet"),
            row.due_note or (f"{row.due:%d/%m/%Y}" if row.due else ""),
            status + (f" ({state.rag.capitalize()})" if state.rag else ""),
        ]
        rows.append({"id": row.id, "rag": state.rag or "", "cells": [c for c, show in zip(cells, shown) if show]})
    columns = [c for c, show in zip(columns, shown) if show]
    text = [
        [
            c if isinstance(c, str) else "\n".join(c) if all(isinstance(x, str) for x in c) else plain_text(c)
            for c in r["cells"]
        ]
        for r in rows
    ]
    return scope.document(
        "tracker",
        heading=heading,
        level=level,
        made_by=tracker.made_by,
        columns=columns,
        rows=rows,
        fit=column_fit(columns, text),
        summary=summary_line(carry.tracker_summary(states), len(states)),
        landscape=True,
    )


def action_log_document(scope: Scope) -> list[Doc]:
    """The action log carried forward: open actions, and those closed since the last meeting
    (none for a body that keeps no actions)."""
    if scope.papers.log is None or not scope.papers.log.value.actions:
        return []
    meetings = set(scope.papers.agendas) | set(scope.papers.minutes)
    previous = carry.previous_meeting(meetings, scope.date)
    states = carry.action_log(scope.papers.log.value, scope.date, previous)
    exemptions = {s.action.id: action_exemption(scope.papers, s.action) for s in states}
    if any(exemptions.values()):
        scope.files.exempt = True
    if not scope.private:
        states = [s for s in states if exemptions[s.action.id] is None]
    rows: list[dict[str, Any]] = []  # document/kinds.py: ActionRow
    for state in states:
        action = state.action
        exempt = exemptions[action.id]
        if state.status != "open":
            status = f"{STATUS[state.status]} since the last meeting"
        else:
            status = "Overdue" if state.overdue else "Open"
        rows.append(
            {
                "id": action.id,
                "raised": f"{short_date(action.raised)}, minute {action.minute}",
                "description": scope.md(action.description, 2),
                "owner": action.owner,
                "due": short_date(action.due) if action.due else "",
                "update": scope.md(state.update.text, 2) if state.update else paras("No update yet"),
                "update_date": short_date(state.update.date) if state.update else "",
                "status": status,
                "overdue": state.overdue,
                "closed": state.status != "open",
                "restricted": not_for_publication(exempt) if exempt else "",
            }
        )
    counts = (
        sum(s.status == "open" for s in states),
        sum(s.overdue for s in states),
        sum(s.status != "open" for s in states),
    )
    columns = ["Ref", "Raised", "Action", "Owner", "Due", "Latest update", "Status"]
    cells = [
        [
            r["id"],
            r["raised"],
            r["restricted"] + " " + plain_text(r["description"]),
            r["owner"],
            r["due"],
            f"{r['update_date']}: {plain_text(r['update'])}",
            r["status"],
        ]
        for r in rows
    ]
    return [
        scope.document(
            "action_log",
            heading=f"Action log as at {short_date(scope.date)}",
            rows=rows,
            landscape=True,
            columns=columns,
            fit=column_fit(columns, cells),
            summary=f"{counts[0]} open ({counts[1]} overdue); {counts[2]} closed since the last meeting"
            + (f" of {short_date(previous)}" if previous else ""),
        )
    ]


def find_tracker(scope: Scope, tracker_id: str) -> Tracker:
    """The tracker of actions.yaml with this id (check refuses an id it does not have)."""
    assert scope.papers.log is not None
    return next(t for t in scope.papers.log.value.trackers if t.id == tracker_id)
