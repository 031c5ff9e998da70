"""Rules for public participation: questions, petitions, deputations and notices of motion received by the house's
deadline (or accepted by the Chair as urgent), answered by the board's people, and recorded in the minutes.

The deadlines are the council's own (its standing orders and petition scheme: no statute sets them), counted in
clear working days by timetable.py. A question received late is refused rather than warned about: the agenda would
otherwise list business the rules do not admit, and the fix (the Chair's reason, `urgent:`) is one line.
"""

from __future__ import annotations

import datetime as dt

from ..load import Loaded
from ..model import Agenda, AgendaItem, Received
from ..schedule import agenda_of
from ..timetable import CALENDARS, clear_working_days, is_working_day, received_by, working_days_after
from ..wording import long_date
from .context import Context

KINDS = {"questions": "a question", "petitions": "a petition", "deputations": "a deputation", "motions": "a motion"}


def check_participation(ctx: Context) -> None:
    """Each agenda's participation in time and answered by the board's people; the minutes record it."""
    for loaded in ctx.papers.agendas.values():
        for s, section in enumerate(loaded.value.sections):
            for i, item in enumerate(section.items):
                _item(ctx, loaded, item, ("sections", s, "items", i))
    _minuted(ctx)


def _item(ctx: Context, loaded: Loaded[Agenda], item: AgendaItem, where: tuple[str | int, ...]) -> None:
    for kind in KINDS:
        entries: list[Received] = getattr(item, kind)
        for n, entry in enumerate(entries):
            _in_time(ctx, loaded, entry, kind, where + (kind, n))
    for n, question in enumerate(item.questions):
        if question.answered_by is not None:
            ctx.person(
                loaded, question.answered_by, *where, "questions", n, "answered_by", allow_chair=True, allow_posts=True
            )
        for field in ("question", "answer", "supplementary", "supplementary_answer"):
            ctx.markdown(loaded, getattr(question, field) or "", *where, "questions", n, field)
    for n, petition in enumerate(item.petitions):
        for field in ("prayer", "response"):
            ctx.markdown(loaded, getattr(petition, field) or "", *where, "petitions", n, field)
    for n, deputation in enumerate(item.deputations):
        ctx.markdown(loaded, deputation.outcome or "", *where, "deputations", n, "outcome")
    for n, motion in enumerate(item.motions):
        ctx.person(loaded, motion.mover, *where, "motions", n, "mover")
        if motion.seconder is not None:
            ctx.person(loaded, motion.seconder, *where, "motions", n, "seconder")
        for field in ("text", "outcome"):
            ctx.markdown(loaded, getattr(motion, field) or "", *where, "motions", n, field)


def _in_time(ctx: Context, loaded: Loaded[Agenda], entry: Received, kind: str, where: tuple[str | int, ...]) -> None:
    """Received before the meeting, and by the house's deadline unless the Chair accepted it as urgent."""
    meeting = loaded.value.date
    if entry.received >= meeting:
        ctx.add(loaded, where + ("received",), f"{entry.received} is not before the meeting ({meeting})")
        return
    timetable = ctx.papers.board.value.timetable
    days: int | None = getattr(timetable.participation, kind)
    if days is None or entry.urgent is not None:
        return
    deadline = received_by(meeting, days, timetable)
    if entry.received <= deadline:
        return
    counted = (
        entry.received
        if is_working_day(entry.received, timetable)
        else working_days_after(entry.received, 1, timetable)
    )
    left = clear_working_days(counted, meeting, timetable)
    note = f" (counted from {long_date(counted)}, the next working day)" if counted != entry.received else ""
    ctx.add(
        loaded,
        where + ("received",),
        f"received {long_date(entry.received)}{note}, after the deadline of {long_date(deadline)}: {KINDS[kind]} "
        f"must be received {days} clear working day{'s' if days != 1 else ''} before the meeting (board.yaml "
        f"timetable.participation.{kind}; {CALENDARS[timetable.calendar]} bank holidays), and {left} "
        f"{'were' if left != 1 else 'was'} left; if the Chair accepted it as urgent, give the reason (`urgent:`)",
    )


def _minuted(ctx: Context) -> None:
    """A minute records participation only where the meeting's agenda lists some, and minutes of a meeting whose
    agenda lists some record it (a warning), with an answer to each question and a response to each petition."""
    for date, loaded in ctx.papers.minutes.items():
        agenda = agenda_of(ctx.papers, date)
        items = [item for section in agenda.value.sections for item in section.items] if agenda else []
        listed = [item for item in items if item.questions or item.petitions or item.deputations or item.motions]
        marked = [n for n, minute in enumerate(loaded.value.items) if minute.participation]
        if not listed:
            why = "its agenda lists none" if agenda else f"there is no agenda for {date} (agendas/{date}.yaml)"
            for n in marked:
                ctx.add(loaded, ("items", n, "participation"), f"records the public participation, but {why}")
        for n in marked[1:] if listed else []:
            first = loaded.value.items[marked[0]].number
            ctx.add(loaded, ("items", n, "participation"), f"the public participation is recorded at minute {first}")
        if listed and not marked:
            ctx.warn(
                loaded,
                ("items",),
                f"no minute records the public participation on the agenda (agendas/{date}.yaml): mark the minute "
                "that took it `participation: true`",
            )
        if listed and marked and agenda is not None:
            _answered(ctx, agenda, date)


def _answered(ctx: Context, agenda: Loaded[Agenda], date: dt.date) -> None:
    """Once the minutes are written, each question has its answer and each petition its response (warnings)."""
    for s, section in enumerate(agenda.value.sections):
        for i, item in enumerate(section.items):
            for n, question in enumerate(item.questions):
                if question.answer is None:
                    ctx.warn(
                        agenda,
                        ("sections", s, "items", i, "questions", n),
                        f"the minutes of {date} record no answer to the question from {question.asked_by} (`answer:`)",
                    )
            for n, petition in enumerate(item.petitions):
                if petition.response is None:
                    ctx.warn(
                        agenda,
                        ("sections", s, "items", i, "petitions", n),
                        f"the minutes of {date} record no response to the petition '{petition.title}' (`response:`)",
                    )
