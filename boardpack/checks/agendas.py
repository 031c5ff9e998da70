"""Rules for agendas: times that read one way and run in order, authors, papers, trackers and minutes that
exist, later meetings later, and the forward plan's business on its meetings' agendas."""

from __future__ import annotations

import re

from ..load import Loaded
from ..model import Agenda, PlanItem
from ..repository import did_you_mean, repository_file
from ..wording import ambiguous_time, clock, clock_time
from .context import Context


def check_agendas(ctx: Context) -> None:
    """Every agenda."""
    for loaded in ctx.papers.agendas.values():
        check_agenda(ctx, loaded)


def check_agenda(ctx: Context, loaded: Loaded[Agenda]) -> None:
    """Times in order, authors who are people, papers and trackers and minutes that exist, later meetings later."""
    agenda = loaded.value
    _clock(ctx, loaded)
    for s, section in enumerate(agenda.sections):
        _times(ctx, loaded, section.start, section.end, "sections", s)
        for i, item in enumerate(section.items):
            where = ("sections", s, "items", i)
            _times(ctx, loaded, item.start, item.end, *where)
            ctx.markdown(loaded, item.purpose, *where, "purpose")
            for a, author in enumerate(item.authors):
                ctx.person(loaded, author, *where, "authors", a, allow_chair=True, allow_posts=True)
            if item.paper is not None:
                _paper(ctx, loaded, item.paper, *where, "paper")
            if item.tracker is not None:
                ctx.tracker_ref(loaded, item.tracker, *where, "tracker")
            if item.briefing is not None:
                _briefing(ctx, loaded, item.briefing, *where, "briefing")
            if item.minutes is not None and f"minutes/{item.minutes}.yaml" not in ctx.papers.unreadable:
                if item.minutes not in ctx.papers.minutes:
                    ctx.add(
                        loaded,
                        where + ("minutes",),
                        f"there are no minutes for {item.minutes} (expected minutes/{item.minutes}.yaml)",
                    )
                elif item.minutes >= agenda.date:
                    ctx.add(loaded, where + ("minutes",), f"minutes of {item.minutes} are not of an earlier meeting")
            for f, later in enumerate(item.future_meetings):
                if later <= agenda.date:
                    ctx.add(loaded, where + ("future_meetings", f), f"{later} is not after this meeting")


def check_forward_plan(ctx: Context) -> None:
    """The plan's leads are people or posts and its key decisions say what is to be decided, and what the plan
    schedules for a meeting whose agenda is written is on it (a warning). Notice of key decisions and of private
    meetings: see notices.py."""
    plan = ctx.papers.plan
    if plan is None:
        entries: list[PlanItem] = []
    else:
        entries = plan.value.items
        for index, entry in enumerate(entries):
            ctx.person(plan, entry.lead, "items", index, "lead", allow_posts=True)
            ctx.markdown(plan, entry.purpose, "items", index, "purpose")
            if entry.key_decision and not entry.decision.strip():
                ctx.add(
                    plan, ("items", index, "key_decision"), "a key decision says what is to be decided (`decision:`)"
                )
            if entry.added > entry.meeting:
                ctx.add(
                    plan,
                    ("items", index, "added"),
                    f"{entry.added} is after the meeting it is planned for ({entry.meeting})",
                )
    for date, loaded in sorted(ctx.papers.agendas.items()):
        titles = {
            title.casefold()
            for section in loaded.value.sections
            for item in section.items
            for title in (item.title, item.exempt.public_title if item.exempt else None)
            if title
        }
        for index, entry in enumerate(entries):
            if plan is not None and entry.meeting == date and entry.title.casefold() not in titles:
                ctx.warn(
                    plan,
                    ("items", index, "title"),
                    f"the forward plan schedules '{entry.title}' for {date}, and it is not on that agenda",
                )


def _times(ctx: Context, loaded: Loaded[Agenda], start: str | None, end: str | None, *where: str | int) -> None:
    if start and end and clock_time(end) <= clock_time(start):
        ctx.add(loaded, where + ("end",), f"ends at {end}, not after it starts at {start}")


def _clock(ctx: Context, loaded: Loaded[Agenda]) -> None:
    """The agenda's times read one way and run in order: in a body whose papers print the 12-hour clock, a time
    such as "7.10" (morning or evening?) is refused; no section or item starts before the meeting, nor before
    a time above it on the agenda."""
    agenda = loaded.value
    twelve = ctx.papers.board.value.style.times == "12-hour"
    times: list[tuple[str, tuple[str | int, ...]]] = [(agenda.start, ("start",))]
    for s, section in enumerate(agenda.sections):
        times += [(section.start, ("sections", s, "start"))] if section.start else []
        for i, item in enumerate(section.items):
            times += [(item.start, ("sections", s, "items", i, "start"))] if item.start else []
            if item.end is not None and _after(item.start, item.end):
                times.append((item.end, ("sections", s, "items", i, "end")))
        if section.end is not None and _after(section.start, section.end):
            times.append((section.end, ("sections", s, "end")))
    if twelve:
        for text, where in times:
            if ambiguous_time(text):
                hour, minute = clock_time(text)
                ctx.add(
                    loaded,
                    where,
                    f'"{text}" could be morning or evening, and the papers print the 12-hour clock: write '
                    f'"{text} am" or "{text} pm" (or "{hour + 12}.{minute:02d}" on the 24-hour clock)',
                )
        times = [(text, where) for text, where in times if not ambiguous_time(text)]
    if not times or times[0][1] != ("start",):
        return
    latest = times[0]
    for text, where in times[1:]:
        if clock_time(text) < clock_time(agenda.start):
            ctx.add(
                loaded, where, f"{_said(text, twelve)} is before the meeting starts, at {_said(agenda.start, twelve)}"
            )
        elif clock_time(text) < clock_time(latest[0]):
            ctx.add(
                loaded,
                where,
                f"{_said(text, twelve)} is earlier than {_said(latest[0], twelve)} above it "
                f"({loaded.name(*latest[1])}): the agenda's times run in order",
            )
        else:
            latest = (text, where)


def _after(start: str | None, end: str | None) -> bool:
    """An end to hold in order: one that is after its start (_times refuses one that is not)."""
    return end is not None and (start is None or clock_time(end) > clock_time(start))


def _said(text: str, twelve: bool) -> str:
    """A time as the agenda prints it ("7.10 pm", "19.10")."""
    return clock(text, twelve).replace("\u00a0", " ")


def _briefing(ctx: Context, loaded: Loaded[Agenda], path: str, *where: str | int) -> None:
    """An information item's briefing is one of the repository's (briefings/NAME.md)."""
    if path not in ctx.papers.briefings and path not in ctx.papers.unreadable:
        known = sorted(ctx.papers.briefings)
        ctx.add(loaded, where, f"there is no briefing '{path}' (briefings/NAME.md){did_you_mean(path, known)}")


def _paper(ctx: Context, loaded: Loaded[Agenda], text: str, *where: str | int) -> None:
    if not re.fullmatch(r"cover_sheets/[^/\\]+\.md", text):
        ctx.add(
            loaded,
            where,
            f"'{text}' is not a cover sheet: write cover_sheets/NAME.md (a file directly in cover_sheets/)",
        )
        return
    path, why = repository_file(ctx.papers.root, text)
    if path is None:
        ctx.add(loaded, where, why)
