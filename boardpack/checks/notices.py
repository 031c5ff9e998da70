"""Rules for executive decisions (SI 2012/2089): each key decision's route to being taken (28 clear days' notice,
the general exception or special urgency) allowed by its dates, notice of private meetings 28 clear days ahead, and
the record of a key decision giving its reasons and the alternatives rejected; and each decision's call-in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..load import PLAN, Loaded
from ..model import CallIn, ForwardPlan, Minutes, PlanItem
from ..numbering import item_numbers
from ..schedule import agenda_of, planned_entry
from ..timetable import call_in_period, clear_days, clear_working_days
from ..wording import long_date
from .context import Context

NOTICE_DAYS, EXCEPTION_DAYS, PRIVATE_DAYS = 28, 5, 28
REJECTED = "the alternatives considered and rejected"


def check_plan_notices(ctx: Context) -> None:
    """Each key decision in the forward plan has the notice its route needs, and each intention to meet in private
    its 28 clear days."""
    plan = ctx.papers.plan
    if plan is None:
        return
    for index, entry in enumerate(plan.value.items):
        if entry.key_decision:
            _route(ctx, plan, index, entry)
        else:
            for key in ("general_exception", "special_urgency"):
                if getattr(entry, key) is not None:
                    ctx.add(plan, ("items", index, key), "only a key decision has a route (`key_decision: true`)")
        if entry.private is not None:
            published = entry.private.published or entry.added
            if (clear := clear_days(published, entry.meeting)) < PRIVATE_DAYS:
                ctx.add(
                    plan,
                    ("items", index, "private"),
                    f"notice of the intention to take '{entry.title}' in private was published on {published}, "
                    f"{clear} clear days before the meeting on {entry.meeting}: it needs {PRIVATE_DAYS} clear "
                    "days (SI 2012/2089 reg 5(2))",
                )


def _route(ctx: Context, plan: Loaded[ForwardPlan], index: int, entry: PlanItem) -> None:
    """The key decision's route is one its dates allow."""
    where = ("items", index)
    if entry.general_exception is not None:
        start = max(entry.added, entry.general_exception.informed)
        clear = clear_working_days(start, entry.meeting, ctx.papers.board.value.timetable)
        if clear < EXCEPTION_DAYS:
            ctx.add(
                plan,
                (*where, "general_exception"),
                f"'{entry.title}' is taken under the general exception, which needs the notice published and the "
                f"chair of overview and scrutiny informed at least {EXCEPTION_DAYS} clear days before the decision "
                f"(SI 2012/2089 reg 10): from {start} to {entry.meeting} there are {clear} clear working days; where "
                "even that is impracticable, record `special_urgency` (reg 11)",
            )
    elif entry.special_urgency is not None:
        urgency = entry.special_urgency
        if urgency.agreed > entry.meeting:
            ctx.add(
                plan,
                (*where, "special_urgency", "agreed"),
                f"{urgency.agreed} is after the decision on {entry.meeting}: special urgency is agreed before the "
                "decision is made (SI 2012/2089 reg 11)",
            )
        if urgency.reported is not None and urgency.reported < entry.meeting:
            ctx.add(
                plan,
                (*where, "special_urgency", "reported"),
                f"{urgency.reported} is before the decision on {entry.meeting}: a decision taken under special "
                "urgency is reported to the council after it is made (SI 2012/2089 reg 19)",
            )
    elif (clear := clear_days(entry.added, entry.meeting)) < NOTICE_DAYS:
        ctx.add(
            plan,
            (*where, "added"),
            f"'{entry.title}' is a key decision first in the forward plan on {entry.added}, {clear} clear days "
            f"before the meeting on {entry.meeting}: it needs {NOTICE_DAYS} (SI 2012/2089 reg 9); where that is "
            "impracticable, record `general_exception` (reg 10: the chair of overview and scrutiny informed, "
            f"{EXCEPTION_DAYS} clear days' notice) or `special_urgency` (reg 11)",
        )


def check_agenda_notices(ctx: Context) -> None:
    """A key decision on an agenda is a key decision of the forward plan for its meeting; an executive body's item
    taken in private was given notice there."""
    if PLAN in ctx.papers.unreadable:
        return  # its own problems are reported; what it would have given notice of is not known
    executive = ctx.papers.board.value.executive
    for date, loaded in sorted(ctx.papers.agendas.items()):
        for s, section in enumerate(loaded.value.sections):
            for i, item in enumerate(section.items):
                where = ("sections", s, "items", i)
                entry = planned_entry(ctx.papers, date, item)
                if item.key_decision and entry is None:
                    ctx.add(
                        loaded,
                        (*where, "key_decision"),
                        f"'{item.title}' is a key decision but is not in the forward plan ({PLAN}) for {date}: a key "
                        f"decision is published there {NOTICE_DAYS} clear days before (SI 2012/2089 reg 9), or under "
                        "the general exception (reg 10) or special urgency (reg 11)",
                    )
                elif item.key_decision and entry is not None and not entry.key_decision:
                    ctx.add(
                        loaded,
                        (*where, "key_decision"),
                        f"'{item.title}' is a key decision but the forward plan ({PLAN}) does not give notice of it "
                        "as one: mark it `key_decision: true` there (SI 2012/2089 reg 9)",
                    )
                if executive and item.exempt is not None and (entry is None or entry.private is None):
                    ctx.add(
                        loaded,
                        (*where, "exempt"),
                        f"'{item.title}' is to be taken in private at the meeting of {date}, an executive meeting: "
                        f"notice of the intention, with its reasons, is published in the forward plan ({PLAN}, the "
                        f"item's `private:`) at least {PRIVATE_DAYS} clear days before (SI 2012/2089 reg 5)",
                    )


def check_decision_records(ctx: Context) -> None:
    """The decisions minuted for a key decision give their reasons and the alternatives considered and rejected
    (SI 2012/2089 reg 13)."""
    for date, loaded in sorted(ctx.papers.minutes.items()):
        agenda = agenda_of(ctx.papers, date)
        if agenda is None:
            continue
        numbers = item_numbers(ctx.papers.board.value, agenda.value)
        for (s, i), number in numbers.items():
            item = agenda.value.sections[s].items[i]
            if item.key_decision:
                _key_decision_minute(ctx, loaded, number, item.title, date)


def _key_decision_minute(ctx: Context, loaded: Loaded[Minutes], number: str, title: str, date: dt.date) -> None:
    found = [
        (index, minute)
        for index, minute in enumerate(loaded.value.items)
        if minute.number == number or minute.title.casefold() == title.casefold()
    ]
    if not found:
        return  # the minute is not written yet, or numbered otherwise: nothing to hold to the regulation
    index, minute = found[0]
    if not minute.decisions:
        ctx.add(
            loaded,
            ("items", index, "title"),
            f"minute {minute.number} takes the key decision '{title}' (agendas/{date}.yaml): record the decision "
            "with its reasons and the alternatives considered and rejected (`decisions:`; SI 2012/2089 reg 13)",
        )
    for d, decision in enumerate(minute.decisions):
        for key, what in (("reasons", "the reasons for it"), ("alternatives", REJECTED)):
            if not getattr(decision, key).strip():
                ctx.add(
                    loaded,
                    ("items", index, "decisions", d, key),
                    f"minute {minute.number} takes the key decision '{title}': its record states {what} "
                    f"(`{key}:`; SI 2012/2089 reg 13)",
                )


def check_call_in(ctx: Context) -> None:
    """An executive decision is not implemented until its call-in period has passed, unless it is urgent (Local
    Government Act 2000 s.9F and the constitution): call-in is for executive decisions; a decision is published on or
    after it is made; it is called in within the period; and it is either called in or urgent, not both."""
    board = ctx.papers.board.value
    for date, loaded in sorted(ctx.papers.minutes.items()):
        for m, minute in enumerate(loaded.value.items):
            for d, decision in enumerate(minute.decisions):
                if decision.call_in is not None:
                    where = ("items", m, "decisions", d, "call_in")
                    _call_in(
                        ctx,
                        loaded,
                        where,
                        decision.call_in,
                        decision.date or date,
                        board.executive or bool(decision.decision_maker),
                    )


def check_decision_records_outside_meetings(ctx: Context) -> None:
    """A decision taken outside a meeting names its maker among the body's people or posts; its call-in is held to
    the period as a minuted one's is, and an officer's decision is subject to call-in only as a key decision."""
    for _, loaded in sorted(ctx.papers.records.items()):
        record = loaded.value
        ctx.person(loaded, record.decision_maker, "decision_maker", allow_posts=True)
        if record.call_in is not None:
            if record.kind == "officer" and not record.key_decision:
                ctx.add(
                    loaded,
                    ("call_in",),
                    "an officer's decision is subject to call-in only when it is a key decision (`key_decision: true`)",
                )
            _call_in(ctx, loaded, ("call_in",), record.call_in, record.date, True)


def _call_in(
    ctx: Context, loaded: Loaded[Any], where: tuple[str | int, ...], call_in: CallIn, made: dt.date, executive: bool
) -> None:
    board = ctx.papers.board.value
    ends, first = call_in_period(call_in.published, board.timetable)
    if not executive:
        ctx.add(
            loaded,
            where,
            f"call-in is for executive decisions (Local Government Act 2000 s.9F): the {board.kind} takes none "
            "(board.yaml: `executive`), and this decision names no `decision_maker`",
        )
    if call_in.published < made:
        ctx.add(loaded, (*where, "published"), f"{call_in.published} is before the decision was made, on {made}")
    if call_in.urgent is not None and call_in.called_in is not None:
        ctx.add(
            loaded, (*where, "urgent"), "a decision taken as urgent is not subject to call-in, yet it was called in"
        )
    if call_in.urgent is None and call_in.implement_from is not None and call_in.implement_from < first:
        ctx.add(
            loaded,
            (*where, "implement_from"),
            f"{call_in.implement_from} is inside the call-in period, which ends on {long_date(ends)} "
            f"({board.timetable.call_in} working days after its publication on {long_date(call_in.published)}; Local "
            f"Government Act 2000 s.9F): implement it from {long_date(first)}, or record why it is urgent in `urgent`",
        )
    called = call_in.called_in
    if called is not None:
        if not call_in.published <= called.on <= ends:
            ctx.add(
                loaded,
                (*where, "called_in", "on"),
                f"{called.on} is outside the call-in period, from its publication on {long_date(call_in.published)} "
                f"to {long_date(ends)}",
            )
        for n, name in enumerate(called.by):
            ctx.person(loaded, name, *where, "called_in", "by", n)
