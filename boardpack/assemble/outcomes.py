"""What each meeting decided, minute by minute, and the actions and recommendations on the board's books, as the
public web edition shows them: nothing of an exempt minute but its number, public title and public summaries, and
no action or recommendation that belongs to an exempt item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import carry
from ..checks import Checked
from ..document.markdown import walk
from ..document.nodes import Node
from ..exemption import action_exemption, travelling
from ..model import Agenda, Minute
from ..numbering import item_numbers
from ..schedule import agenda_of
from ..wording import STATUS, long_date, short_date
from .minutes import as_confirmed, decision_blocks
from .scope import Files, Scope

Outcome = dict[str, Any]


def meeting_outcomes(papers: Checked, date: dt.date) -> list[Outcome]:
    """Each minute of the meeting on `date`, in order: its number, its public title, the agenda item it minutes
    ("" without one), whether that item is a key decision, and its decisions as the public decision list prints
    them (as confirmed, once they are; an exempt minute's only by their public summaries)."""
    scope = Scope(papers, date, False, Files()).within(papers.minutes[date].path)
    minutes = as_confirmed(papers, papers.minutes[date].value, dt.date.max)
    agenda = agenda_of(papers, date)
    items = _items(papers, agenda.value) if agenda is not None else []
    found = []
    for minute in minutes.items:
        exempt = minute.exempt is not None
        title = (minute.exempt.public_title or "Exempt item") if minute.exempt is not None else minute.title
        number, key = next(((n, k) for n, t, k in items if _minutes_item(minute, n, t)), ("", False))
        decisions = [_plain(decision_blocks(scope, d, summary=exempt)) for d in minute.decisions]
        found.append({"number": minute.number, "title": title, "item": number, "key": key, "decisions": decisions})
    return found


def _items(papers: Checked, agenda: Agenda) -> list[tuple[str, str, bool]]:
    """Each agenda item's number, its titles (its own, casefolded) and whether it is a key decision."""
    numbers = item_numbers(papers.board.value, agenda)
    return [
        (number, agenda.sections[s].items[i].title.casefold(), agenda.sections[s].items[i].key_decision)
        for (s, i), number in numbers.items()
    ]


def _minutes_item(minute: Minute, number: str, title: str) -> bool:
    """A minute records the agenda item of its number, or of its title (as the key-decision check matches them)."""
    return minute.number == number or minute.title.casefold() == title


def _plain(blocks: list[Node]) -> list[Node]:
    """Blocks for a page outside the meeting's folder: a picture is given by its words."""
    for node in walk(blocks):
        if node.get("t") == "img":
            alt = node.get("alt", "")
            node.clear()
            node.update({"t": "span", "c": [alt]})
    return blocks


def public_records(papers: Checked, today: dt.date) -> list[dict[str, Any]]:
    """The actions and tracker recommendations a public page may show, as known `today`: each with its key (as
    `boardpack history` names it: "A1", "camhs-ewmh/R1"), its page, and what it says. An action raised under an
    exempt minute, and every row of a tracker ever reported under an exempt item and not since released, are left
    out: they get no page and no link."""
    if papers.log is None:
        return []
    scope = Scope(papers, today, False, Files())
    records: list[dict[str, Any]] = []
    for action in papers.log.value.actions:
        if action_exemption(papers, action) is not None:
            continue
        records.append(
            {
                "kind": "action",
                "key": action.id,
                "page": f"actions/{action.id}.html",
                "heading": f"Action {action.id}",
                "group": "Actions",
                "what": _plain(scope.md(action.description, 2)),
                "status": _status(action, today),
                "raised": action.raised.isoformat(),
                "minute": action.minute,
                "fields": [
                    ("Action", _plain(scope.md(action.description, 2))),
                    ("Raised", f"At the meeting of {long_date(action.raised)}, minute {action.minute}"),
                    ("Owner", scope.person_line(action.owner)),
                    ("Due", long_date(action.due) if action.due else "Not set"),
                    ("Status", _status(action, today)),
                ],
                "updates": _updates(scope, action, today),
            }
        )
    exempt = travelling(papers).trackers
    for tracker in papers.log.value.trackers:
        found = exempt.get(tracker.id)
        if found is not None and (found.released is None or found.released.date > today):
            continue
        for row in tracker.rows:
            fields: list[tuple[str, Any]] = [
                ("Recommendation", _plain(scope.md(row.recommendation, 2))),
                ("Tracker", tracker.title),
            ]
            if tracker.made_by:
                fields.append(("Made by", tracker.made_by))
            if row.action_required:
                fields.append(("Action required", _plain(scope.md(row.action_required, 2))))
            if row.response is not None and row.response.date <= today:
                fields.append(("Response", _plain(scope.md(row.response.text, 2))))
            if row.leads:
                fields.append(("Lead", "; ".join(scope.person_line(name) for name in row.leads)))
            due = row.due_note or (long_date(row.due) if row.due else "")
            if due:
                fields.append(("To be completed by", due))
            rag = carry.rag_at(row, today)
            status = _status(row, today) + (f" ({rag.capitalize()})" if rag else "")
            fields.append(("Status", status))
            records.append(
                {
                    "kind": "recommendation",
                    "key": f"{tracker.id}/{row.id}",
                    "page": f"recommendations/{tracker.id}/{row.id}.html",
                    "heading": f"Recommendation {row.id}",
                    "group": tracker.title,
                    "what": _plain(scope.md(row.recommendation, 2)),
                    "status": status,
                    "tracker": tracker.id,
                    "row": row.id,
                    "made_by": tracker.made_by,
                    "rows": [r.id for r in tracker.rows],
                    "fields": fields,
                    "updates": _updates(scope, row, today),
                }
            )
    return records


def _status(item: carry.Item, today: dt.date) -> str:
    status = carry.status_at(item, today)
    return "Overdue" if carry.is_overdue(item, today) else STATUS[status]


def _updates(scope: Scope, item: carry.Item, today: dt.date) -> list[dict[str, Any]]:
    """The item's updates given by `today`, oldest first."""
    return [
        {"date": short_date(update.date), "text": _plain(scope.md(update.text, 2))}
        for update in item.updates
        if update.date <= today
    ]
