"""The minutes of an earlier meeting as the pack prints them, and a meeting's decision list; an exempt minute's
text only in the private pack (the public one keeps its number, public title and statement)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import carry
from ..conduct import relied_on
from ..confirming import amended, presiding
from ..document.nodes import Node, em, lead_in, para, paras, strong
from ..load import Loaded, Papers
from ..model import Attendee, CallIn, Confirmation, Decision, DecisionRecord, Minute, Minutes
from ..schedule import agenda_of
from ..timetable import call_in_period
from ..wording import clock, exclusion_resolution, long_date, not_for_publication, short_date
from . import participation
from .scope import Doc, Scope


def minutes_document(scope: Scope, loaded: Loaded[Minutes], known: dt.date | None = None) -> Doc:
    """The minutes of an earlier meeting as known on `known` (by default, a pack's: its meeting's eve): a draft
    for confirmation, with a blank block for the Chair to sign; or as confirmed, the amendments agreed applied and
    the block signed."""
    known = carry.eve(scope.date) if known is None else known
    scope, minutes = scope.within(loaded.path), as_confirmed(scope.papers, loaded.value, known)
    actions = scope.papers.log.value.actions if scope.papers.log else []

    def attendee(entry: Any) -> dict[str, str]:
        person = scope.board.person(entry.name)
        label = entry.name + (f" ({person.initials})" if person and person.initials else "")
        if person and person.authority:  # a joint committee's member: the authority that appointed them
            label += f", {person.authority}"
        if entry.note:
            label += f" - {entry.note}"
        if entry.substitute_for:  # a substitute is a member for the meeting, and the minutes say for whom
            label += f" (substitute for {entry.substitute_for})"
        if entry.for_part():  # present for part of the meeting
            label += f" ({part_of_meeting(entry, scope.board.style.times == '12-hour')})"
        return {"name": label, "role": entry.role or (person.role if person else "")}

    items, last_part = [], None
    for minute in minutes.items:
        part = minute.number.split(".")[0] if "." in minute.number else None
        row: dict[str, Any] = {
            "part": f"Part {part}" if part and part != last_part else "",
            "number": minute.number,
            "restricted": "",
            "actions": [],
        }
        last_part = part
        excluded = exclusion_blocks(scope, minutes, minute)
        if minute.exempt is not None:
            scope.files.exempt = True
            if not scope.private:  # the public minutes: the number, public title, statement and public summaries
                title = minute.exempt.public_title or "Exempt item"
                items.append(row | {"title": title, "body": public_minute(scope, minutes, minute)})
                continue
            row["restricted"] = not_for_publication(minute.exempt)
        raised = [a for a in actions if a.raised == minutes.date and a.minute == minute.number]
        register = scope.papers.register.value if scope.papers.register else None
        declared = [
            paras(declaration.sentence(relied_on(register, declaration)))[0] for declaration in minute.declarations
        ]
        if minute.urgency is not None:  # s.100B(4)(b): the special circumstances are specified in the minutes
            declared[:0] = lead_in("Urgent business – the special circumstances:", scope.md(minute.urgency, 2))
        decided = [block for decision in minute.decisions for block in decision_blocks(scope, decision)]
        agreed = amendment_blocks(scope, minute.confirms) if minute.confirms else []
        heard = participation_blocks(scope, minutes) if minute.participation else []
        items.append(
            row
            | {
                "title": minute.title,
                "body": [*excluded, *declared, *scope.md(minute.body, 2), *heard, *agreed, *decided],
                "actions": [
                    {
                        "text": lead_in("Action –", scope.md(a.description, 2)),
                        "owner": a.owner,
                        "due": f"by {short_date(a.due)}" if a.due else "",
                    }
                    for a in raised
                ],
            }
        )
    return scope.document(
        "minutes",
        date=minutes.date.isoformat(),
        heading=f"Minutes of the {scope.board.name} meeting of {short_date(minutes.date)}",
        status=minutes_status(scope.papers, minutes.date, known),
        signature=signature(scope.papers, minutes.date, known),
        present=[attendee(p) for p in minutes.present],
        apologies=[attendee(p) for p in minutes.apologies],
        absent=[attendee(p) for p in minutes.absent],
        in_attendance=[attendee(p) for p in minutes.in_attendance],
        items=items,
    )


def participation_blocks(scope: Scope, minutes: Minutes) -> list[Node]:
    """The public participation on the agenda of the minutes' meeting, with the answers and outcomes (`check` makes
    sure the agenda exists and lists some)."""
    loaded = agenda_of(scope.papers, minutes.date)
    if loaded is None:
        return []
    items = [item for section in loaded.value.sections for item in section.items]
    return participation.minute_blocks(scope.within(loaded.path), items)


def exclusion_blocks(scope: Scope, minutes: Minutes, minute: Minute) -> list[Node]:
    """The resolution to exclude the press and public passed at `minute`, if it records one, in the house's wording
    (the agenda's), naming the minutes and their paragraphs of Schedule 12A: public, in every edition."""
    if minute.exclusion is None:
        return []
    exempt = {m.number: m.exempt for m in minutes.items if m.exempt is not None}
    named = minute.exclusion.minutes
    paragraphs = sorted({exempt[number].paragraph for number in named if number in exempt})
    board = scope.board
    return [para(em(exclusion_resolution(paragraphs, board.kind, board.style.exclusion_wording, named)))]


def public_minute(scope: Scope, minutes: Minutes, minute: Minute) -> list[Node]:
    """An exempt minute as the public minutes print it (Local Government Act 1972 s.100C(2)): the statement of its
    paragraph, the resolution to exclude the public if passed at it, its written public summary and its decisions'
    public summaries; nothing else of it is read."""
    assert minute.exempt is not None
    return [
        *paras(minute.exempt.statement()),
        *exclusion_blocks(scope, minutes, minute),
        *summary_blocks(minute.exempt.public_summary),
        *(block for decision in minute.decisions for block in decision_blocks(scope, decision, summary=True)),
    ]


def summary_blocks(summary: str | None) -> list[Node]:
    """An exempt minute's public summary, plain text, a paragraph for each part between blank lines."""
    return [para(part.strip()) for part in (summary or "").split("\n\n") if part.strip()]


def decision_blocks(scope: Scope, decision: Decision, summary: bool = False) -> list[Node]:
    """A resolution as the minutes and the decision list print it (`summary`: only its public summary)."""
    label = decision.label or scope.board.style.resolution_label
    if summary:
        return [{"t": "p", "c": [strong(label), " ", decision.public_summary or ""]}]
    blocks = lead_in(label, scope.md(decision.resolved, 2))
    if decision.votes is not None:
        blocks.append(para(em(decision.votes.line())))
        if decision.votes.recorded is not None:
            blocks.append(para(decision.votes.recorded.line()))
    for label, text in (("Reasons:", decision.reasons), ("Alternatives considered:", decision.alternatives)):
        if text:
            blocks += lead_in(label, scope.md(text, 2))
    return blocks + record_lines(decision) + call_in_lines(scope, decision.call_in)


def call_in_lines(scope: Scope, call_in: CallIn | None) -> list[Node]:
    """An executive decision's call-in, as its record states it (Local Government Act 2000 s.9F): when it was
    published, when the period ends and from when it may be implemented; or that it is urgent; and whether it was
    called in, by whom and with what outcome."""
    if call_in is None:
        return []
    if call_in.urgent is not None:
        return [para(strong("Call-in:"), " ", f"not subject to call-in, as urgent: {call_in.urgent}")]
    ends, first = call_in_period(call_in.published, scope.board.timetable)
    lines = [
        para(strong("Published:"), " ", long_date(call_in.published)),
        para(strong("Call-in period ends:"), " ", long_date(ends)),
    ]
    called = call_in.called_in
    if called is None:
        return [*lines, para(strong("May be implemented from:"), " ", long_date(call_in.implement_from or first))]
    when = f"on {long_date(called.on)} by {', '.join(called.by)}"
    lines.append(para(strong("Called in:"), " ", f"{when}; referred to {called.referred_to}"))
    if called.outcome:
        lines += lead_in("Outcome of the call-in:", scope.md(called.outcome, 2))
    return lines


def call_in_state(scope: Scope, call_in: CallIn | None) -> str:
    """Where an executive decision stands with call-in, in a few words for a register ("" without call-in)."""
    if call_in is None:
        return ""
    if call_in.urgent is not None:
        return "Not subject to call-in: urgent"
    if call_in.called_in is not None:
        return f"Called in on {long_date(call_in.called_in.on)}; referred to {call_in.called_in.referred_to}"
    ends, first = call_in_period(call_in.published, scope.board.timetable)
    return (
        f"Call-in period ends {long_date(ends)}; may be implemented from {long_date(call_in.implement_from or first)}"
    )


def record_blocks(scope: Scope, record: DecisionRecord) -> list[Node]:
    """A decision taken outside a meeting as its written record states it (SI 2012/2089 reg 13; SI 2014/2095 reg 7):
    the decision, its reasons, the alternatives rejected, who made it and when, conflicts and dispensations, and its
    call-in."""
    blocks = lead_in("Decision:", scope.md(record.decision, 2))
    for label, text in (("Reasons:", record.reasons), ("Alternatives considered and rejected:", record.alternatives)):
        blocks += lead_in(label, scope.md(text, 2))
    lines = [
        ("Decision maker:", record.decision_maker),
        ("Date of decision:", long_date(record.date)),
        ("Key decision:", "yes" if record.key_decision else None),
        ("Conflicts of interest declared by a member consulted:", record.conflicts),
        ("Dispensation:", record.dispensation),
    ]
    return (
        blocks
        + [para(strong(label), " ", text) for label, text in lines if text]
        + call_in_lines(scope, record.call_in)
    )


def record_lines(decision: Decision) -> list[Node]:
    """What the record of a decision says besides the resolution (SI 2012/2089 reg 13, SI 2014/2095 reg 7): who made
    it and when, where not the body at its meeting, any conflict of interest declared by a member consulted and any
    dispensation."""
    lines = [
        ("Decision maker:", decision.decision_maker),
        ("Date of decision:", long_date(decision.date) if decision.date else None),
        ("Conflicts of interest declared by a member consulted:", decision.conflicts),
        ("Dispensation:", decision.dispensation),
    ]
    return [para(strong(label), " ", text) for label, text in lines if text]


def decisions_document(scope: Scope, loaded: Loaded[Minutes]) -> Doc | None:
    """The meeting's decision list: each minute's resolutions (as confirmed, once they are), an exempt one's public
    summary only (in full in the private list); None when the minutes record no decisions."""
    scope, minutes = scope.within(loaded.path), as_confirmed(scope.papers, loaded.value, dt.date.max)
    rows = []
    for minute in minutes.items:
        if not minute.decisions:
            continue
        public = minute.exempt is not None and not scope.private
        if minute.exempt is not None:
            scope.files.exempt = True
        blocks = [b for d in minute.decisions for b in decision_blocks(scope, d, summary=public)]
        title = minute.title
        if public and minute.exempt is not None:  # (public: the minute is exempt, and this is the public list)
            title = minute.exempt.public_title or "Exempt item"
            blocks = summary_blocks(minute.exempt.public_summary) + blocks
        rows.append(
            {
                "number": minute.number,
                "title": title,
                "body": blocks,
                "restricted": not_for_publication(minute.exempt) if minute.exempt and not public else "",
            }
        )
    if not rows:
        return None
    return scope.document(
        "decisions", heading=f"Decisions of the {scope.board.name} meeting of {short_date(minutes.date)}", rows=rows
    )


def minutes_status(papers: Papers, date: dt.date, known: dt.date) -> str:
    """Draft or confirmed, as known on `known` (a pack: its meeting's eve), with any later corrections."""
    confirmed = papers.confirmation(date)
    if confirmed is None or confirmed[0] > known:
        return "Draft minutes, to be confirmed as a correct record."
    # Only where and when: the amendments and corrections are recorded in their own minutes, which may be
    # exempt, so their words are never copied into these minutes' (possibly public) status line.
    when, number, amendments = confirmed
    status = (
        f"Confirmed as a correct record{', as amended,' if amendments else ''} at the meeting of "
        f"{short_date(when)} (minute {number})."
    )
    for correction in papers.minutes[date].value.corrections:
        if correction.date <= known:
            status += f" Corrected at the meeting of {short_date(correction.date)} (minute {correction.minute})."
    return status


DOTS = "." * 40  # a line to sign (or date) on


def as_confirmed(papers: Papers, minutes: Minutes, known: dt.date) -> Minutes:
    """The minutes as known on `known`: once confirmed by then, with the amendments agreed at confirmation applied
    (`check` has made sure each applies); before, the draft as circulated."""
    confirmed = papers.confirmation(minutes.date)
    if confirmed is None or confirmed[0] > known:
        return minutes
    return amended(minutes, confirmed[2])[0]


def signature(papers: Papers, date: dt.date, known: dt.date) -> list[str]:
    """The Chair's signature block, line by line, in the house style's words (Local Government Act 1972 Sch 12
    para 41): dotted lines to sign on while the minutes are a draft; once confirmed by `known`, who presided at the
    confirming meeting and its date."""
    board = papers.board.value
    chair, day = DOTS, DOTS
    confirmed = papers.confirmation(date)
    if confirmed is not None and confirmed[0] <= known:
        chair = presiding(papers.minutes[confirmed[0]].value, board.chair) or DOTS
        day = short_date(confirmed[0])
    return board.style.signature.format(chair=chair, date=day).split("\n")


def amendment_blocks(scope: Scope, confirms: Confirmation) -> list[Node]:
    """The amendments a confirming minute agreed, one paragraph each ("Minute 2.2: for 'X' read 'Y'."). An
    amendment to an exempt minute gives its words only in the private minutes."""
    loaded = scope.papers.minutes.get(confirms.minutes)
    exempt = {m.number for m in loaded.value.items if m.exempt is not None} if loaded else set()
    blocks: list[Node] = []
    for amendment in confirms.amendments:
        if amendment.minute in exempt:
            scope.files.exempt = True
        if amendment.minute in exempt and not scope.private:
            text = f"Minute {amendment.minute} (an exempt item): amended as the private minutes record."
        elif amendment.replace is None:
            text = f"Minute {amendment.minute} to read: {amendment.by}"
        elif amendment.by:
            text = f"Minute {amendment.minute}: for “{amendment.replace}” read “{amendment.by}”."
        else:
            text = f"Minute {amendment.minute}: “{amendment.replace}” struck out."
        blocks += scope.md(text, 2)
    return lead_in("Amendments agreed –", blocks) if blocks else []


def part_of_meeting(entry: Attendee, twelve_hour: bool) -> str:
    """When someone present for part of the meeting came and went: "from minute 2.1 until minute 3.1", or with
    the times recorded "arrived 10.15, for minute 2.1; left 11.40, after minute 3.1"."""
    came = f"from minute {entry.arrived}" if entry.arrived else ""
    if entry.arrived_at:
        came = f"arrived {clock(entry.arrived_at, twelve_hour)}" + (
            f", for minute {entry.arrived}" if entry.arrived else ""
        )
    went = f"until minute {entry.left}" if entry.left else ""
    if entry.left_at:
        went = f"left {clock(entry.left_at, twelve_hour)}" + (f", after minute {entry.left}" if entry.left else "")
    timed = entry.arrived_at or entry.left_at
    return ("; " if timed else " ").join(p for p in (came, went) if p)
