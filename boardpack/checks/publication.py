"""Rules for publication: a published agenda keeps its items' numbers and grows only by urgent items, and (with
`check --as-at`) each meeting is held to its timetable."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import Problems
from ..history import committed_text
from ..load import Papers
from ..numbering import item_identity, item_key, item_numbers
from ..schedule import meetings as meetings_of
from ..timetable import meeting_dates, papers_due
from ..wording import long_date
from .context import CHAIR, Context


def check_published_agendas(ctx: Context) -> None:
    """Once a meeting's papers are published (publications/), an item added to its agenda goes into a
    supplementary pack: it needs the chair's special circumstances of urgency (`urgent:`) once it can no longer be
    open to inspection for five clear days (s.100B(4)); and no published item may change its number: members
    hold the published pack."""

    for date, record in sorted(ctx.papers.publications.items()):
        if date not in ctx.papers.agendas:
            ctx.add(record, ("date",), f"there is no agenda for {date.isoformat()}, whose papers were published")
            continue
        loaded = ctx.papers.agendas[date]
        agenda = loaded.value
        published = {
            key: item.number for publication in record.value.publications for key, item in publication.items.items()
        }
        numbered = {number: key for key, number in published.items()}
        identities = {
            key: item.identity
            for publication in record.value.publications  # from the private record
            for key, item in publication.exempt.items()
        }
        first = record.value.publications[0].published
        deadline = papers_due(agenda, ctx.papers.board.value.timetable)
        for (s, i), number in item_numbers(ctx.papers.board.value, agenda).items():
            item = agenda.sections[s].items[i]
            key = item_key(item, number)
            where = ("sections", s, "items", i, "title")
            if key in identities and identities[key] != item_identity(item):
                ctx.add(
                    loaded,
                    where,
                    f"'{item.title}' takes the number {number}, published on {long_date(first)} "
                    "for another exempt item: members hold the published pack, so add items "
                    "after those published in their section",
                )
            elif key not in published and item.urgent is None and ctx.today > deadline:
                ctx.add(
                    loaded,
                    where,
                    f"'{item.title}' was added after the papers were published on {long_date(first)}, too late "
                    f"to be open to inspection for five clear days before the meeting (the last day was "
                    f"{long_date(deadline)}; Local Government Act 1972, s.100B(4)(a)): give the chair's special "
                    "circumstances of urgency in `urgent:` (s.100B(4)(b)), and it goes into a supplementary pack",
                )
            elif key not in published and number in numbered:
                ctx.add(
                    loaded,
                    where,
                    f"'{item.title}' takes the number {number}, published on {long_date(first)} "
                    "for another item: members hold the published pack, so add items after "
                    "those published in their section",
                )
            elif key in published and published[key] != number:
                ctx.add(
                    loaded,
                    where,
                    f"'{item.title}' was published as item {published[key]}, and is now "
                    f"{number}: members hold the published pack, so add items after those "
                    "published in their section",
                )


def check_minutes_before_pack(ctx: Context) -> None:
    """A meeting's agenda and reports are due five clear working days before it (Local Government Act 1972,
    s.100B(3)); when that is before the previous meeting's draft minutes are due (`timetable.minutes_draft`) and
    they are not yet written, the pack is timetabled to go out without them: worth a warning while it is
    unpublished. The previous meeting is the last before it with an agenda or minutes, or held on the calendar."""
    timetable = ctx.papers.board.value.timetable
    planned = {m.date for m in meetings_of(ctx.papers) if m.held and m.status != "reconvened"}
    meetings = sorted(set(ctx.papers.agendas) | set(ctx.papers.minutes) | planned)
    for date, loaded in sorted(ctx.papers.agendas.items()):
        earlier = [d for d in meetings if d < date]
        if not earlier or date in ctx.papers.publications or earlier[-1] in ctx.papers.minutes:
            continue
        previous, pack = earlier[-1], papers_due(loaded.value, timetable)
        minutes = meeting_dates(previous, timetable).minutes_draft
        if pack < minutes:
            ctx.warn(
                loaded,
                ("date",),
                f"the agenda and reports are due to be published on {long_date(pack)} (Local Government Act 1972, "
                f"s.100B(3)), before the draft minutes of the meeting of {long_date(previous)} are due on "
                f"{long_date(minutes)} ({timetable.minutes_draft} working days after it, timetable.minutes_draft): "
                "draft those minutes by the publication date, or the pack goes without them",
            )


def check_timetable(papers: Papers, problems: Problems, as_at: dt.date) -> None:
    """Deadlines as on `as_at`: once final reports are due, an officer's item with no paper is worth a warning;
    once the agenda's publication date has passed, papers not yet published are overdue (a warning), and an
    item added since (not in the agenda as committed to git by then) needs the chair's special circumstances of
    urgency (`urgent:`, s.100B(4)(b))."""
    timetable = papers.board.value.timetable
    for date, loaded in sorted(papers.agendas.items()):
        if date in papers.publications:
            continue  # what was published is on record (see check_published_agendas)
        dates = meeting_dates(date, timetable)
        if not dates.finals <= as_at <= date:
            continue
        items = [
            (s, i, item) for s, section in enumerate(loaded.value.sections) for i, item in enumerate(section.items)
        ]
        for s, i, item in items:
            if (
                item.paper is None
                and item.minutes is None
                and item.tracker is None
                and item.briefing is None
                and any(author != CHAIR for author in item.authors)
            ):
                problems.warn(
                    loaded.path,
                    loaded.line("sections", s, "items", i, "title"),
                    "",
                    f"final reports were due on {long_date(dates.finals)}; '{item.title}' has no paper",
                )
        deadline = papers_due(loaded.value, papers.board.value.timetable)
        if as_at <= deadline:
            continue
        due = (
            "convened at shorter notice, its agenda and reports were due to be published when it was convened, on "
            if loaded.value.short_notice
            else "the agenda and reports were due to be published five clear working days before the meeting, on "
        )
        problems.warn(
            loaded.path,
            loaded.line("date"),
            "",
            f"{due}{long_date(deadline)} (Local Government Act 1972, s.100B(3)), and no publication is "
            f"recorded: publish them now with `boardpack publish {date.isoformat()}`",
        )
        published = committed_text(papers.root, loaded.path, deadline)
        if published is None and not _in_git(papers.root):
            continue  # no history to say what was published
        titles = set(re.findall(r"(?m)^\s*-?\s*title:\s*(.+?)\s*$", published or ""))
        for s, i, item in items:
            if item.urgent is None and not any(item.title in title for title in titles):
                problems.add(
                    loaded.path,
                    loaded.line("sections", s, "items", i, "title"),
                    loaded.name("sections", s, "items", i, "title"),
                    f"'{item.title}' was added after {long_date(deadline)}, too late to be open to inspection "
                    "for five clear days before the meeting (Local Government Act 1972, s.100B(4)(a)): give the "
                    "chair's special circumstances of urgency in `urgent:` (s.100B(4)(b))",
                )


def _in_git(root: Path) -> bool:
    return any((folder / ".git").exists() for folder in (root, *root.parents))
