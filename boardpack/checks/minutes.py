"""Rules for minutes and the meeting's record: attendance, substitutes and quorum, confirmations and corrections,
and confirmed minutes that stay as confirmed (declarations of interest are judged in interests.py)."""

from __future__ import annotations

import re
from typing import Any

from ..confirming import amended, presiding
from ..errors import Problems
from ..history import text_when_first
from ..load import Loaded, validate
from ..model import Attendee, Minutes, Person, Votes
from ..numbering import item_numbers
from ..schedule import adjourned
from ..wording import ambiguous_time, clock_time
from ..yamlread import read_yaml
from .context import Context


def check_minutes(ctx: Context) -> None:
    """Every meeting's minutes: attendance, the minutes themselves, quorum, confirmations."""
    for loaded in ctx.papers.minutes.values():
        check_attendance(ctx, loaded)
        check_accounted_for(ctx, loaded)
        check_minute_items(ctx, loaded)
        check_quorum(ctx, loaded)
        check_confirmations(ctx, loaded)
        check_urgent_items(ctx, loaded)


def check_minute_items(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """Each minute numbered once, its Markdown printable, an exempt minute's decisions with a public summary."""
    minutes = loaded.value
    ctx.duplicates(loaded, [m.number for m in minutes.items], ("items",), "number", "minute")
    for index, minute in enumerate(minutes.items):
        ctx.markdown(loaded, minute.body, "items", index, "body")
        if minute.urgency is not None:
            ctx.markdown(loaded, minute.urgency, "items", index, "urgency")
        for d, decision in enumerate(minute.decisions):
            for key in ("resolved", "reasons", "alternatives"):
                ctx.markdown(loaded, getattr(decision, key), "items", index, "decisions", d, key)
            if minute.exempt is not None and decision.public_summary is None:
                ctx.add(
                    loaded,
                    ("items", index, "decisions", d, "resolved"),
                    "a decision under an exempt minute needs a public_summary for the public decision list",
                )
            if decision.votes is not None:
                _check_votes(ctx, loaded, minute.number, decision.votes, ("items", index, "decisions", d, "votes"))


def _check_votes(
    ctx: Context, loaded: Loaded[Minutes], number: str, votes: Votes, where: tuple[str | int, ...]
) -> None:
    """The votes recorded are no more than the members present for the minute (substitutes in place of those who
    sent apologies) could cast, and equal votes are settled by the Chair's casting vote (Local Government Act 1972
    Sch 12 para 39)."""
    voters = members_present(loaded.value, number)
    present = len(voters)
    cast = votes.for_ + votes.against + votes.abstained
    if votes.recorded is not None:
        seen: set[str] = set()
        for key in ("for_", "against", "abstained"):
            for n, name in enumerate(getattr(votes.recorded, key)):
                place = where + ("recorded", key.rstrip("_"), n)
                if name in seen:
                    ctx.add(loaded, place, f"'{name}' is named twice in the recorded vote")
                elif name not in voters:
                    ctx.add(
                        loaded,
                        place,
                        f"'{name}' was not a member present for minute {number}, so did not vote "
                        "(Local Government Act 1972 Sch 12 para 39(1))",
                    )
                seen.add(name)
    if cast > present:
        ctx.add(
            loaded,
            where,
            f"{cast} votes are recorded (for, against and abstentions) but only {present} members were present for "
            f"minute {number}: only the members present vote (Local Government Act 1972 Sch 12 para 39(1))",
        )
    tied = votes.for_ == votes.against
    if tied and votes.casting_vote is None:
        ctx.add(
            loaded,
            where,
            f"the votes are equal ({votes.for_} for, {votes.against} against): record the Chair's casting vote "
            "(`casting_vote: for` or `against`; Local Government Act 1972 Sch 12 para 39(2))",
        )
    elif not tied and votes.casting_vote is not None:
        ctx.add(loaded, where + ("casting_vote",), "the Chair has a casting vote only when the votes are equal")


def check_urgent_items(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """An item the chair took as a matter of urgency is minuted with its special circumstances: Local Government
    Act 1972, s.100B(4)(b) ("by reason of special circumstances, which shall be specified in the minutes")."""
    agenda = ctx.papers.agendas.get(loaded.value.date)
    if agenda is None:
        return
    numbers = item_numbers(ctx.papers.board.value, agenda.value)
    for (s, i), number in numbers.items():
        item = agenda.value.sections[s].items[i]
        if item.urgent is None:
            continue
        found = next(
            (k for k, m in enumerate(loaded.value.items) if m.number == number),
            next((k for k, m in enumerate(loaded.value.items) if m.title == item.title), None),
        )
        taken = f"item {number} '{item.title}' was taken as a matter of urgency ({agenda.path}:"
        taken += f"{agenda.line('sections', s, 'items', i, 'urgent')})"
        if found is None:
            if not adjourned(ctx.papers, loaded.value.date):  # else perhaps taken when the meeting reconvened
                ctx.add(
                    loaded,
                    ("items",),
                    f"{taken}, and no minute records it: the minutes must specify its special circumstances "
                    "(Local Government Act 1972, s.100B(4)(b))",
                )
        elif loaded.value.items[found].urgency is None:
            ctx.add(
                loaded,
                ("items", found, "number"),
                f"{taken}: the minutes must specify the special circumstances for which the chair took it "
                "(Local Government Act 1972, s.100B(4)(b)): give them in `urgency:`",
            )


def check_attendance(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """Everyone once; members present or absent (anyone may send apologies), others in attendance; a substitute only
    where the body allows them, for a member who sent apologies; arrivals and departures at minutes
    these minutes have."""
    minutes, board = loaded.value, ctx.papers.board.value
    numbers = [m.number for m in minutes.items]
    apologies = {entry.name for entry in minutes.apologies}
    members = {person.name for person in board.members_on(minutes.date)}
    seen: dict[str, str] = {}
    for group in ATTENDANCE:
        for index, entry in enumerate(getattr(minutes, group)):
            where = (group, index)
            ctx.person(loaded, entry.name, *where, "name")
            shown = group.replace("_", " ")
            if entry.name in seen:
                ctx.add(
                    loaded, where + ("name",), f"'{entry.name}' is listed twice: under {seen[entry.name]} and {shown}"
                )
            seen.setdefault(entry.name, shown)
            person = board.person(entry.name)
            if entry.substitute_for is not None:
                _substitute(ctx, loaded, entry, group, apologies, where)
            elif person is not None and group in ("present", "absent") and not person.member:
                ctx.add(
                    loaded,
                    where + ("name",),
                    f"'{entry.name}' is not a member of the {board.kind} (member: true "
                    "in board.yaml): list officers and guests under in_attendance, "
                    "a substitute with substitute_for",
                )
            elif person is not None and group in ("present", "absent") and entry.name not in members:
                ctx.add(
                    loaded,
                    where + ("name",),
                    f"'{entry.name}' was not a member of the {board.kind} on {minutes.date.isoformat()} "
                    f"({_membership(person, board.year_of(minutes.date))}): list them under in_attendance",
                )
            if person is not None and group == "in_attendance" and entry.name in members:
                ctx.add(
                    loaded,
                    where + ("name",),
                    f"'{entry.name}' is a member of the {board.kind}: list them under present, apologies or absent",
                )
            for key in ("arrived", "left"):
                number = getattr(entry, key)
                if number is not None and group != "present":
                    ctx.add(loaded, where + (key,), f"`{key}` is for those present for part of the meeting")
                elif number is not None and number not in numbers:
                    ctx.add(
                        loaded,
                        where + (key,),
                        f"there is no minute {number} in these minutes (minutes: {', '.join(numbers)})",
                    )
            _times(ctx, loaded, entry, group, where)
            if (
                entry.arrived in numbers
                and entry.left in numbers
                and numbers.index(entry.left) < numbers.index(entry.arrived)
            ):
                ctx.add(
                    loaded, where + ("left",), f"left after minute {entry.left}, before arriving at {entry.arrived}"
                )


def _times(ctx: Context, loaded: Loaded[Minutes], entry: Attendee, group: str, where: tuple[str | int, ...]) -> None:
    """The times someone present for part of the meeting arrived and left: only for those present, the one before
    the other, and on the 12-hour clock said as morning or evening."""
    twelve = ctx.papers.board.value.style.times == "12-hour"
    for key in ("arrived_at", "left_at"):
        text = getattr(entry, key)
        if text is not None and group != "present":
            ctx.add(loaded, where + (key,), f"`{key}` is for those present for part of the meeting")
        elif text is not None and twelve and ambiguous_time(text):
            hour, minute = clock_time(text)
            ctx.add(
                loaded,
                where + (key,),
                f'"{text}" could be morning or evening, and the papers print the 12-hour clock: write '
                f'"{text} am" or "{text} pm" (or "{hour + 12}.{minute:02d}" on the 24-hour clock)',
            )
    times = (entry.arrived_at, entry.left_at)
    if None in times or (twelve and any(ambiguous_time(t) for t in times if t)):
        return
    if clock_time(entry.left_at or "") <= clock_time(entry.arrived_at or ""):
        ctx.add(loaded, where + ("left_at",), f"left at {entry.left_at}, before arriving at {entry.arrived_at}")


def _membership(person: Person, year: str | None) -> str:
    """Why a member was not one on a day, as board.yaml records it."""
    if person.appointed and year not in person.appointed:
        return f"appointed for {', '.join(person.appointed)}, not {year or 'before the first municipal year'}"
    if person.member_until is not None:
        return f"a member until {person.member_until.isoformat()}"
    return f"a member since {person.member_since.isoformat() if person.member_since else 'later'}"


def check_accounted_for(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """Every member of the body on the meeting's day is recorded as present, sending apologies or absent: the
    attendance is the record that quorum (Local Government Act 1972 Sch 12 para 6), attendance returns and the
    six-month rule (s.85) rest on, so no member is left out of it."""
    minutes, board = loaded.value, ctx.papers.board.value
    named = {entry.name for group in ("present", "apologies", "absent") for entry in getattr(minutes, group)}
    missing = [p.name for p in board.members_on(minutes.date) if p.name not in named]
    if missing:
        ctx.add(
            loaded,
            ("present",),
            f"{', '.join(missing)}: {'members' if len(missing) > 1 else 'a member'} of the {board.kind} on "
            f"{minutes.date.isoformat()}, not accounted for: list every member under present, apologies or absent "
            "(a member appointed since: `member_since:` in board.yaml)",
        )


def _substitute(
    ctx: Context, loaded: Loaded[Minutes], entry: Any, group: str, apologies: set[str], where: tuple[str | int, ...]
) -> None:
    board = ctx.papers.board.value
    if group != "present":
        ctx.add(loaded, where + ("substitute_for",), "a substitute is listed under present")
    elif not board.substitutes:
        ctx.add(
            loaded,
            where + ("substitute_for",),
            f"the {board.kind} does not allow substitutes (substitutes: true in board.yaml if it does)",
        )
    elif entry.substitute_for not in apologies:
        ctx.add(
            loaded,
            where + ("substitute_for",),
            f"'{entry.substitute_for}' is not among the apologies: a "
            "substitute attends for a member who sent apologies",
        )
    elif sum(e.substitute_for == entry.substitute_for for e in loaded.value.present) > 1:
        ctx.add(loaded, where + ("substitute_for",), f"'{entry.substitute_for}' has more than one substitute")


def check_quorum(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """Each minute was taken with a quorum of members present, or the minutes record that it was not."""
    minutes, board = loaded.value, ctx.papers.board.value
    quorum = board.quorum_of(minutes.date)
    if quorum is None or minutes.inquorate:
        return
    members = len(board.members_on(minutes.date))
    for index, minute in enumerate(minutes.items):
        present = len(members_present(minutes, minute.number))
        if present < quorum and not minute.inquorate:
            ctx.add(
                loaded,
                ("items", index, "number"),
                f"only {present} of the {members} members were present for minute {minute.number} (the quorum is "
                f"{quorum}): record it in the minute's `inquorate` (or the meeting's), or correct the attendance",
            )


def check_confirmations(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """A minute confirms earlier minutes the board has, not yet confirmed; a correction is agreed later."""
    minutes = loaded.value
    for index, minute in enumerate(minutes.items):
        if minute.confirms is None:
            continue
        where = ("items", index, "confirms", "minutes")
        confirmed = minute.confirms.minutes
        if confirmed not in ctx.papers.minutes:
            ctx.add(loaded, where, f"there are no minutes of {confirmed} to confirm (minutes/{confirmed}.yaml)")
        elif confirmed >= minutes.date:
            ctx.add(loaded, where, f"the minutes of {confirmed} are not of an earlier meeting")
        else:
            first = ctx.papers.confirmation(confirmed)
            if first is not None and (first[0], first[1]) != (minutes.date, minute.number):
                ctx.add(
                    loaded,
                    where,
                    f"the minutes of {confirmed} were already confirmed at the meeting of "
                    f"{first[0]} (minute {first[1]})",
                )
            else:
                _check_amendments(ctx, loaded, index)
        if presiding(minutes, ctx.papers.board.value.chair) is None:
            ctx.add(
                loaded,
                ("present",),
                f"minute {minute.number} confirms the minutes of {confirmed}, which the one presiding signs as a "
                "correct record (Local Government Act 1972 Sch 12 para 41): say who took the chair "
                "(`note: Chair` on their entry under present)",
            )
    confirmation = ctx.papers.confirmation(minutes.date)
    for index, correction in enumerate(minutes.corrections):
        if confirmation is None or correction.date <= confirmation[0]:
            ctx.add(
                loaded,
                ("corrections", index, "date"),
                "a correction is agreed at a meeting after the one that confirmed the minutes; before that, amend them",
            )


def _check_amendments(ctx: Context, loaded: Loaded[Minutes], index: int) -> None:
    """Each amendment agreed at confirmation applies to the minutes as circulated: its minute exists, and the words
    it replaces are found there exactly once (after the amendments before it)."""
    confirms = loaded.value.items[index].confirms
    assert confirms is not None
    _, misfits = amended(ctx.papers.minutes[confirms.minutes].value, confirms.amendments)
    for misfit in misfits:
        ctx.add(loaded, ("items", index, "confirms", "amendments", misfit.index, misfit.field), misfit.message)


def check_confirmed_minutes_unchanged(ctx: Context) -> None:
    """Confirmed minutes are locked: the record is the file as committed with the confirmation (or with its
    latest correction); any later change must be recorded under `corrections` (git is read only when some
    minutes are confirmed)."""
    confirmations = {date: ctx.papers.confirmation(date) for date in ctx.papers.minutes}
    confirmed = {date: when for date, when in confirmations.items() if when is not None}
    if not confirmed:
        return
    for date, (when, number, _) in sorted(confirmed.items()):
        loaded = ctx.papers.minutes[date]
        corrections = loaded.value.corrections
        if corrections:  # the record as it stood once the latest correction was written into it
            latest = f"date: {corrections[-1].date}"
            text = text_when_first(
                ctx.papers.root,
                loaded.path,
                lambda t: latest in t and "corrections" in t,  # noqa: B023 - called before the loop moves on
                loaded.path,
            )
        else:  # the record as it stood when the confirmation was committed
            text = text_when_first(
                ctx.papers.root,
                f"minutes/{when}.yaml",
                lambda t: bool(re.search(rf"minutes:\s*{date}\b", t)),  # noqa: B023 - called before the loop moves on
                loaded.path,
            )
        if text is None:
            continue  # not in git, or not yet committed: nothing to compare with
        ignored = Problems()
        data, source = read_yaml(text, loaded.path, ignored)
        then = validate(Minutes, data, source, ignored)
        if then is None:
            continue  # the record as committed did not read: nothing sound to compare with
        committed, current = _the_record(then), _the_record(loaded.value)
        changed = _first_difference(current, committed, ())
        if changed is not None:
            ctx.add(
                loaded,
                changed,
                f"these minutes were confirmed as a correct record at the meeting of {when} "
                f"(minute {number}) and this has changed since"
                + (" their latest correction" if corrections else "")
                + ": restore it; record an amendment agreed when they were confirmed under that minute's "
                "`confirms: amendments` (it is applied wherever they are printed), a later change under "
                "`corrections` with the date and minute that agreed it",
            )


ATTENDANCE = ("present", "apologies", "absent", "in_attendance")


def _the_record(minutes: Minutes) -> dict[str, Any]:
    """The minutes as the meeting confirms them: not their corrections, nor an exempt minute's public summary,
    which the proper officer writes for the public minutes (Local Government Act 1972 s.100C(2)), so a summary
    may be written or improved after the minutes are confirmed."""
    record = minutes.model_dump(mode="json", by_alias=True, exclude={"corrections"})
    for item in record["items"]:
        if item["exempt"] is not None:
            item["exempt"].pop("public_summary", None)
    return record


def _first_difference(now: Any, then: Any, where: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """Where two parsed versions of a file first differ (the deepest field or item that holds the change)."""
    if isinstance(now, dict) and isinstance(then, dict):
        for key in [*now, *(k for k in then if k not in now)]:
            if now.get(key) != then.get(key):
                return _first_difference(now.get(key), then.get(key), where + (key,)) if key in now else where
        return None
    if isinstance(now, list) and isinstance(then, list):
        for index, (a, b) in enumerate(zip(now, then)):
            if a != b:
                return _first_difference(a, b, where + (index,))
        return None if len(now) == len(then) else where
    return None if now == then else where


def members_present(minutes: Minutes, number: str) -> list[str]:
    """Those present as members (substitutes too) for the minute `number`: present for the whole meeting,
    or for the part whose arrival and departure bracket it."""
    order = [m.number for m in minutes.items]
    at = order.index(number)
    return [
        entry.name
        for entry in minutes.present
        if (entry.arrived not in order or order.index(entry.arrived) <= at)
        and (entry.left not in order or at <= order.index(entry.left))
    ]
