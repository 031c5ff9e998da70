"""What is due or overdue as at a date, across every meeting of the repository, and who owes it (`boardpack due`).

Four kinds of obligation, each from the papers as they stand (nothing here reads git), for every meeting with an
agenda and every meeting of the calendar (meetings.yaml) still to be held, or held, that has none yet; nothing is
owed for a cancelled meeting:

- a **report** an agenda item of a meeting not yet held still lacks (an item with an officer among its authors and
  no paper, minutes or tracker), owed by its authors by the day final reports are due (`timetable.finals`), or by
  the meeting itself for an item taken as a matter of urgency (`urgent:`, Local Government Act 1972 s.100B(4)(b));
- the **publication** of a meeting's agenda and reports, owed by the clerk until `publish` records it, by the last
  day that leaves five clear working days before the meeting (s.100B(3), timetable.papers_due); once published,
  each item no publication holds yet (added, or its paper named, since), in a supplementary pack by the same
  day, or by the meeting for an urgent item (s.100B(4));
- the **draft minutes** of a meeting held whose minutes/ file is not yet written, owed by the clerk by
  `timetable.minutes_draft` working days after it;
- an **action** open as at the date with a due date (actions.yaml), owed by its owner;
- an **answer** to a public question put at a meeting held and not yet recorded, owed by whoever was to answer it
  (else the clerk) by the day the draft minutes are due, when the minutes record it;
- a **call-in** period still running (an executive decision's, minuted or taken outside a meeting): its end is
  owed to no one, but the decision maker may not implement the decision before it (Local Government Act 2000
  s.9F), so it is listed while it runs and never as overdue.

A meeting's reports and publication are owed until the meeting; once it has been held they can no longer be in
time, and what the meeting had is on record.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
from dataclasses import dataclass
from typing import Any, Literal

from . import carry, schedule
from .document.markdown import markdown_plain
from .exemption import action_exemption
from .load import Papers
from .model import AgendaItem, Timetable
from .numbering import item_key, item_numbers
from .timetable import call_in_period, is_working_day, last_day_in_time, meeting_dates, papers_due
from .wording import short_date

Kind = Literal["report", "publication", "minutes", "action", "answer", "call-in"]
CHAIR = "Chair"  # an agenda item presented by the Chair owes no report


@dataclass(frozen=True)
class Obligation:
    """One thing owed: by whom, for which meeting, what, by when, and where the papers say so (file:line)."""

    owner: str
    meeting: dt.date  # the meeting it is for (an action: the meeting that raised it)
    kind: Kind
    what: str
    due: dt.date
    where: str
    detail: str = ""  # an action's description ("" when exempt)
    exempt: bool = False  # for an exempt item, or an action raised under an exempt minute


@dataclass(frozen=True)
class Standing:
    """An obligation as at a date: working days overdue (positive), left (negative) or 0 when due that day."""

    obligation: Obligation
    days: int

    @property
    def overdue(self) -> bool:
        return self.days > 0


def working_days_between(start: dt.date, end: dt.date, timetable: Timetable) -> int:
    """The working days after `start` up to and including `end` (negative when `end` is before `start`)."""
    first, last, sign = (start, end, 1) if start <= end else (end, start, -1)
    count, day = 0, first + dt.timedelta(days=1)
    while day <= last:
        count += is_working_day(day, timetable)
        day += dt.timedelta(days=1)
    return sign * count


def standing(obligation: Obligation, as_at: dt.date, timetable: Timetable) -> Standing:
    """How late (or early) an obligation is as at `as_at`: a due day that has passed is overdue by at least one
    working day, even when `as_at` is a weekend."""
    days = working_days_between(obligation.due, as_at, timetable)
    if as_at > obligation.due:
        days = max(days, 1)
    elif as_at < obligation.due:
        days = min(days, -1)
    return Standing(obligation, days)


def _item_name(item: AgendaItem, number: str) -> str:
    """An item as a list anyone may read names it: an exempt item by its public title only."""
    if item.exempt is not None:
        return f"item {number} (exempt, paragraph {item.exempt.paragraph})" + (
            f" '{item.exempt.public_title}'" if item.exempt.public_title else ""
        )
    return f"item {number} '{item.title}'"


def meeting_obligations(papers: Papers, as_at: dt.date) -> list[Obligation]:
    """The reports, publication and draft minutes of each meeting with an agenda, outstanding as at `as_at`."""
    board = papers.board.value
    timetable, clerk = board.timetable, board.clerk.name
    found = _planned(papers, as_at)
    cancelled = {m.date for m in schedule.meetings(papers) if not m.held}
    for date, loaded in sorted(papers.agendas.items()):
        if date in cancelled:
            continue  # nothing is owed for a meeting that is not held
        agenda, path = loaded.value, loaded.path
        dated = f"{path}:{loaded.line('date')}"
        if as_at <= date:
            finals = meeting_dates(date, timetable).finals
            numbers = item_numbers(board, agenda)
            for (s, i), number in numbers.items():
                item = agenda.sections[s].items[i]
                if any(x is not None for x in (item.paper, item.minutes, item.tracker, item.briefing)):
                    continue
                where = f"{path}:{loaded.line('sections', s, 'items', i, 'title')}"
                what = f"the report for {_item_name(item, number)}" + (" (urgent)" if item.urgent else "")
                by = date if item.urgent else finals
                for author in (a for a in item.authors if a != CHAIR):
                    found.append(Obligation(author, date, "report", what, by, where, exempt=item.exempt is not None))
            if date not in papers.publications:
                what = "publish the agenda and reports (Local Government Act 1972, s.100B(3))"
                found.append(Obligation(clerk, date, "publication", what, papers_due(agenda, timetable), dated))
            else:
                found += _supplement(papers, date, clerk)
        elif date not in papers.minutes:
            due = meeting_dates(date, timetable).minutes_draft
            found.append(Obligation(clerk, date, "minutes", "circulate the draft minutes", due, dated))
    return found


def _planned(papers: Papers, as_at: dt.date) -> list[Obligation]:
    """The meetings of the calendar (meetings.yaml) still to be held, or moved to a day still to come, that have no
    agenda yet: their agenda and reports are owed by the clerk all the same (a meeting held without an agenda
    owes its draft minutes). A reconvened meeting shares its agenda and minutes with the one adjourned."""
    if papers.calendar is None:
        return []
    board, calendar = papers.board.value, papers.calendar
    entries = {entry.date: index for index, entry in enumerate(calendar.value.meetings)}
    found = []
    for meeting in schedule.meetings(papers):
        if meeting.status not in ("scheduled", "moved", "adjourned") or meeting.date in papers.agendas:
            continue
        where = f"{calendar.path}:{calendar.line('meetings', entries[meeting.planned], 'date')}"
        clerk = board.clerk.name
        if as_at <= meeting.date:
            what = "write and publish the agenda and reports (Local Government Act 1972, s.100B(3))"
            due = last_day_in_time(meeting.date, board.timetable)
            found.append(Obligation(clerk, meeting.date, "publication", what, due, where))
        elif meeting.date not in papers.minutes:
            due = meeting_dates(meeting.date, board.timetable).minutes_draft
            found.append(Obligation(clerk, meeting.date, "minutes", "circulate the draft minutes", due, where))
    return found


def _supplement(papers: Papers, date: dt.date, clerk: str) -> list[Obligation]:
    """The items of a published meeting that no publication holds yet (added, or their paper named, since), owed in
    a supplementary pack: by the five-clear-day deadline, or for an urgent item by the meeting (s.100B(4))."""
    loaded, board = papers.agendas[date], papers.board.value
    published = {key for publication in papers.publications[date].value.publications for key in publication.items}
    deadline = papers_due(loaded.value, board.timetable)
    found = []
    for (s, i), number in item_numbers(board, loaded.value).items():
        item = loaded.value.sections[s].items[i]
        if item_key(item, number) in published:
            continue
        found.append(
            Obligation(
                clerk,
                date,
                "publication",
                f"publish {_item_name(item, number)} in a supplementary pack (s.100B(4))",
                date if item.urgent else deadline,
                f"{loaded.path}:{loaded.line('sections', s, 'items', i, 'title')}",
                exempt=item.exempt is not None,
            )
        )
    return found


def action_obligations(papers: Papers, as_at: dt.date) -> list[Obligation]:
    """Actions open as at `as_at` that have a due date (an action raised under an exempt minute without its
    description)."""
    if papers.log is None:
        return []
    found = []
    for index, action in enumerate(papers.log.value.actions):
        if action.due is None or action.raised > as_at or carry.status_at(action, as_at) != "open":
            continue
        exempt = action_exemption(papers, action)
        found.append(
            Obligation(
                action.owner,
                action.raised,
                "action",
                f"action {action.id} (minute {action.minute})",
                action.due,
                f"{papers.log.path}:{papers.log.line('actions', index, 'id')}",
                "" if exempt else action.description,
                exempt=exempt is not None,
            )
        )
    return found


def answer_obligations(papers: Papers, as_at: dt.date) -> list[Obligation]:
    """Public questions put at a meeting held by `as_at` that no answer is recorded for, owed by whoever was to
    answer (else the clerk) by the day the meeting's draft minutes are due."""
    board = papers.board.value
    found = []
    for date, loaded in sorted(papers.agendas.items()):
        if date >= as_at:
            continue
        due = meeting_dates(date, board.timetable).minutes_draft
        for (s, i), number in item_numbers(board, loaded.value).items():
            for q, question in enumerate(loaded.value.sections[s].items[i].questions):
                if question.answer is None:
                    where = f"{loaded.path}:{loaded.line('sections', s, 'items', i, 'questions', q)}"
                    what = f"the answer to the public question of {question.asked_by} at item {number}"
                    found.append(Obligation(question.answered_by or board.clerk.name, date, "answer", what, due, where))
    return found


def call_in_obligations(papers: Papers, as_at: dt.date) -> list[Obligation]:
    """Each executive decision whose call-in period is still running as at `as_at` (not urgent, not called in):
    listed against its decision maker until the period ends, never as overdue."""
    board = papers.board.value
    decided = [  # (maker, day, what it is called, its call-in, where it is recorded)
        (
            decision.decision_maker or board.clerk.name,
            date,
            f"the decision '{minute.title}'",
            decision.call_in,
            f"{loaded.path}:{loaded.line('items', m, 'decisions', d, 'call_in')}",
        )
        for date, loaded in sorted(papers.minutes.items())
        for m, minute in enumerate(loaded.value.items)
        if minute.exempt is None
        for d, decision in enumerate(minute.decisions)
    ]
    decided += [
        (r.value.decision_maker, r.value.date, f"'{r.value.title}'", r.value.call_in, f"{path}:{r.line('call_in')}")
        for path, r in sorted(papers.records.items())
    ]
    found = []
    for maker, date, name, call_in, where in decided:
        if call_in is None or call_in.urgent is not None or call_in.called_in is not None:
            continue
        ends, first = call_in_period(call_in.published, board.timetable)
        if as_at <= ends:
            what = f"the call-in period of {name} (may be implemented from {short_date(first)})"
            found.append(Obligation(maker, date, "call-in", what, ends, where))
    return found


def obligations(papers: Papers, as_at: dt.date) -> list[Standing]:
    """Everything outstanding as at `as_at`, soonest due first."""
    timetable = papers.board.value.timetable
    found = meeting_obligations(papers, as_at) + action_obligations(papers, as_at)
    found += answer_obligations(papers, as_at) + call_in_obligations(papers, as_at)
    states = [standing(o, as_at, timetable) for o in found]
    return sorted(states, key=lambda s: (s.obligation.due, s.obligation.meeting, s.obligation.owner, s.obligation.what))


FIELDS = ["owner", "meeting", "kind", "what", "due", "state", "overdue", "working_days_overdue", "where", "detail"]


def state_words(state: Standing) -> str:
    """'overdue by 3 working days', 'due today' or 'due in 1 working day'."""
    days = abs(state.days)
    plural = f"{days} working day{'s' if days != 1 else ''}"
    return f"overdue by {plural}" if state.days > 0 else f"due in {plural}" if state.days < 0 else "due today"


def due_records(states: list[Standing]) -> list[dict[str, Any]]:
    return [
        {
            "owner": s.obligation.owner,
            "meeting": s.obligation.meeting.isoformat(),
            "kind": s.obligation.kind,
            "what": s.obligation.what,
            "due": s.obligation.due.isoformat(),
            "state": state_words(s),
            "overdue": s.overdue,
            "working_days_overdue": s.days,
            "where": s.obligation.where,
            "detail": markdown_plain(s.obligation.detail) if s.obligation.detail else "",
        }
        for s in states
    ]


def render_due(papers: Papers, as_at: dt.date, fmt: str, public: bool = False) -> str:
    """Everything due as at `as_at`, grouped by who owes it (owners with the most overdue first), as text, CSV or
    JSON. With `public`, the obligations of exempt business are left out (their owners may be named only in
    exempt papers), and the text says how many."""
    states = obligations(papers, as_at)
    hidden = [s for s in states if s.obligation.exempt] if public else []
    states = [s for s in states if not (public and s.obligation.exempt)]
    if fmt == "json":
        return json.dumps(due_records(states), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(due_records(states))
        return out.getvalue()
    clerk = papers.board.value.clerk.name
    overdue = sum(s.overdue for s in states)
    lines = [f"Due as at {short_date(as_at)}: {len(states)} ({overdue} overdue)"]
    if hidden:
        lines.append(
            f"  ({len(hidden)} of exempt business left out, {sum(s.overdue for s in hidden)} overdue: run `boardpack "
            "due` without --public where the papers are kept)"
        )
    owners: dict[str, list[Standing]] = {}
    for state in states:
        owners.setdefault(state.obligation.owner, []).append(state)
    for owner, owed in sorted(owners.items(), key=lambda group: (-max(s.days for s in group[1]), group[0])):
        lines += ["", owner + (" (clerk)" if owner == clerk else "")]
        for state in owed:
            o = state.obligation
            lines.append(
                f"  meeting of {short_date(o.meeting)}: {o.what}: due {short_date(o.due)}, {state_words(state)}"
            )
            if o.detail:
                detail = markdown_plain(o.detail)
                lines.append(textwrap.fill(detail, 88, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(lines) + "\n"
