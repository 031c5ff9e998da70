"""The chair's views in the terminal: open actions by owner, a tracker and its summary (text, CSV or JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
from itertools import groupby
from typing import Any

from . import carry
from .document.markdown import markdown_plain as _plain
from .load import Papers
from .members import ATTENDANCE_FIELDS, INTEREST_FIELDS, attendance_records, interest_records
from .model import ActionLog, Board, Exempt, Minutes, Tracker
from .wording import STATUS, short_date, summary_line

WIDTH = 88


def _wrap(text: str, indent: int) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * indent)


ACTION_FIELDS = [
    "id",
    "owner",
    "raised",
    "minute",
    "due",
    "overdue",
    "description",
    "latest_update_date",
    "latest_update",
    "exempt_paragraph",
]
ROW_FIELDS = [
    "id",
    "status",
    "rag",
    "overdue",
    "due",
    "due_note",
    "leads",
    "recommendation",
    "latest_update_date",
    "latest_update",
]


def action_records(states: list[carry.ActionState], exempt: dict[str, Exempt | None]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.action.id,
            "owner": s.action.owner,
            "raised": s.action.raised.isoformat(),
            "minute": s.action.minute,
            "due": s.action.due.isoformat() if s.action.due else "",
            "overdue": s.overdue,
            "description": _plain(s.action.description),
            "latest_update_date": s.update.date.isoformat() if s.update else "",
            "latest_update": _plain(s.update.text) if s.update else "",
            "exempt_paragraph": marked.paragraph if (marked := exempt.get(s.action.id)) else "",
        }
        for s in states
    ]


def render_actions(
    log: ActionLog,
    as_at: dt.date,
    owner: str | None,
    overdue_only: bool,
    fmt: str,
    exempt: dict[str, Exempt | None],
    public: bool = False,
) -> str:
    """Open actions as at a date, grouped by owner, owners with overdue actions first. Exempt actions are
    marked NOT FOR PUBLICATION, and left out altogether with `public`."""
    states = [
        s for s in carry.open_actions(log, as_at, owner, overdue_only) if not (public and exempt.get(s.action.id))
    ]
    if fmt != "text":
        return _records(action_records(states, exempt), fmt, ACTION_FIELDS)
    overdue = sum(s.overdue for s in states)
    lines = [f"Open actions as at {short_date(as_at)}: {len(states)} ({overdue} overdue)"]
    by_owner = sorted(states, key=lambda s: s.action.owner)
    groups = [(name, list(items)) for name, items in groupby(by_owner, key=lambda s: s.action.owner)]
    groups.sort(key=lambda group: (not any(s.overdue for s in group[1]), group[0]))
    for name, items in groups:
        lines += ["", name]
        for state in items:  # already overdue first, then by due date
            action = state.action
            due = f"due {short_date(action.due)}" if action.due else "no due date"
            flag = "  OVERDUE" if state.overdue else ""
            if exempt.get(action.id):
                flag += f"  NOT FOR PUBLICATION (exempt, paragraph {exempt[action.id].paragraph})"  # type: ignore[union-attr]
            lines.append(f"  {action.id:<5} {due}{flag}  (raised {short_date(action.raised)}, minute {action.minute})")
            lines.append(_wrap(_plain(action.description), 8))
            if state.update:
                lines.append(_wrap(f"latest update {short_date(state.update.date)}: {_plain(state.update.text)}", 8))
            else:
                lines.append(_wrap("no update yet", 8))
    return "\n".join(lines) + "\n"


def render_tracker(tracker: Tracker, as_at: dt.date, summary_only: bool, fmt: str, exempt: Exempt | None = None) -> str:
    """A tracker's rows (or only its counts) as at a date; an exempt tracker's text starts NOT FOR PUBLICATION."""
    states, latest = carry.tracker_state(tracker, as_at)
    counts = carry.tracker_summary(states)
    if fmt != "text":
        if summary_only:
            return _records(
                [
                    {"group": group, "value": key, "count": n}
                    for group, values in counts.items()
                    for key, n in values.items()
                ],
                fmt,
                ["group", "value", "count"],
            )
        return _records(
            [
                {
                    "id": s.row.id,
                    "status": s.status,
                    "rag": s.rag or "",
                    "overdue": s.overdue,
                    "due": s.row.due.isoformat() if s.row.due else "",
                    "due_note": s.row.due_note or "",
                    "leads": "; ".join(s.row.leads),
                    "recommendation": _plain(s.row.recommendation),
                    "latest_update_date": s.update.date.isoformat() if s.update else "",
                    "latest_update": _plain(s.update.text) if s.update else "",
                }
                for s in states
            ],
            fmt,
            ROW_FIELDS,
        )
    as_of = f"update as at {latest:%d/%m/%y}" if latest else "no updates yet"
    lines = [
        f"{tracker.id}: {tracker.title}",
        f"as at {short_date(as_at)} ({as_of})",
        summary_line(counts, len(states)),
    ]
    if exempt is not None:
        lines.insert(0, f"NOT FOR PUBLICATION: exempt under paragraph {exempt.paragraph} of Part 1 of Schedule 12A")
    if summary_only:
        status, rag = counts["status"], counts["rag"]
        lines += [
            "",
            f"  status   open {status['open']:>3}   complete {status['done']:>3}   dropped {status['dropped']:>3}",
            f"  overdue  {counts['overdue']['overdue']:>3}",
            f"  RAG      red {rag['red']:>3}   amber {rag['amber']:>3}   green {rag['green']:>3}   "
            f"unrated {rag['none']:>3}",
        ]
        return "\n".join(lines) + "\n"
    for state in states:
        row = state.row
        shown = STATUS[state.status]
        shown += f" ({state.rag.capitalize()})" if state.rag else ""
        due = row.due_note or (f"due {row.due:%d/%m/%Y}" if row.due else "no due date")
        flag = "  OVERDUE" if state.overdue else ""
        lines += ["", f"  {row.id:<5} {shown}{flag}  {due}", _wrap(_plain(row.recommendation), 8)]
        if row.leads:
            lines.append(_wrap("lead: " + "; ".join(row.leads), 8))
        update = f"{short_date(state.update.date)}: {_plain(state.update.text)}" if state.update else "no update yet"
        lines.append(_wrap(update, 8))
    return "\n".join(lines) + "\n"


def _records(records: list[dict[str, Any]], fmt: str, fields: list[str]) -> str:
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def render_attendance(
    board: Board, minutes: list[Minutes], fmt: str, start: dt.date | None = None, end: dt.date | None = None
) -> str:
    """The members' attendance as a table (or CSV, JSON), over the period asked for (`start` to `end`; each
    defaults to the first or last meeting found)."""
    records = attendance_records(board, minutes)
    if fmt != "text":
        return _records(records, fmt, ATTENDANCE_FIELDS)
    if not minutes:
        return "No minutes in this period.\n"
    dates = sorted(m.date for m in minutes)
    first, last = start or dates[0], end or dates[-1]
    period = short_date(first) + (f" to {short_date(last)}" if last != first else "")
    width = max(len(r["member"]) for r in records) if records else 6
    head = f"{'member':<{width}}  meetings  present  part  apologies  substituted  absent  attended"
    lines = [
        f"Attendance of the {board.name}, {period}: {len(minutes)} meeting{'s' if len(minutes) != 1 else ''}",
        "",
        head,
    ]
    for r in records:
        lines.append(
            f"{r['member']:<{width}}  {r['meetings']:>8}  {r['present']:>7}  {r['present_for_part']:>4}  "
            f"{r['apologies']:>9}  {r['substituted']:>11}  {r['absent']:>6}  {r['attended_percent']:>7}%"
        )
    return "\n".join(lines) + "\n"


def render_interests(papers: Papers, name: str | None, as_at: dt.date, fmt: str) -> str:
    """The register of members' interests as at a date, with the dispensations then current and the declarations
    made at meetings."""
    records = interest_records(papers, name, as_at)
    if fmt != "text":
        return _records(records, fmt, INTEREST_FIELDS)
    lines = [f"Register of interests as at {short_date(as_at)}" + (f": {name}" if name else "")]
    if not records:
        lines.append("  none registered or declared")
    for member, items in groupby(records, key=lambda r: r["member"]):
        lines += ["", member]
        for r in items:
            if r["record"] == "registered":
                lines.append(
                    _wrap(
                        f"{r['kind']}: {r['interest']} (registered {r['date']})"
                        + (f"; concerns {r['detail']}" if r["detail"] else ""),
                        2,
                    )
                )
            elif r["record"] == "dispensation":
                lines.append(_wrap(f"dispensation {r['detail']}; covers {r['interest']}", 2))
            else:
                lines.append(_wrap(f"declared {r['date']}, {r['detail']}: {r['kind']}, {r['interest']}", 2))
    return "\n".join(lines) + "\n"
