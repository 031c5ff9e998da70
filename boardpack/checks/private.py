"""Rules for private business: the public interest test recorded for an exempt agenda item, the resolution to
exclude the press and public minuted for every exempt minute, and an exempt minute's summary for the public
minutes (Local Government Act 1972 s.100A(4), s.100C(2), Schedule 12A Part 3 para 10)."""

from __future__ import annotations

from ..load import Loaded
from ..model import Agenda, Minutes
from ..numbering import item_numbers
from ..schedule import agenda_of
from .context import Context


def check_private_business(ctx: Context) -> None:
    """Every agenda's exempt items, and every meeting's minutes of private business."""
    for agenda in ctx.papers.agendas.values():
        check_public_interest(ctx, agenda)
    for minutes in ctx.papers.minutes.values():
        check_exclusion(ctx, minutes)
        check_public_summaries(ctx, minutes)


def check_public_interest(ctx: Context, loaded: Loaded[Agenda]) -> None:
    """An exempt item of a meeting whose papers are not yet published records the outcome of the public interest
    test (Schedule 12A Part 3 para 10): a warning, not a refusal. The test must be met for the information to be
    exempt, but the Schedule does not say where its outcome is written, the resolution states it for every item,
    and a published agenda changed to add it would need a supplement."""
    if loaded.value.date in ctx.papers.publications:
        return
    numbers = item_numbers(ctx.papers.board.value, loaded.value)
    for s, section in enumerate(loaded.value.sections):
        for i, item in enumerate(section.items):
            if item.exempt is not None and item.exempt.public_interest is None:
                ctx.warn(
                    loaded,
                    ("sections", s, "items", i, "exempt"),
                    f"exempt item {numbers[(s, i)]} does not record the outcome of the public interest test: "
                    "information is exempt only while the public interest in maintaining the exemption outweighs "
                    "the public interest in disclosing it (Schedule 12A Part 3 para 10); say why in one sentence "
                    "for the public agenda, in `exempt.public_interest`",
                )


def check_exclusion(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """Every exempt minute was taken after a resolution to exclude the press and public that names it, recorded on
    a minute at or before it (Local Government Act 1972 s.100A(4)); the resolution names only exempt minutes of
    these minutes. Confirmed minutes that lack it are warned of, since only a correction can add it."""
    minutes = loaded.value
    numbers = [m.number for m in minutes.items]
    covered: dict[str, str] = {}  # an exempt minute's number: the minute of the resolution that names it
    mentioned: set[str] = set()  # every number a resolution names (a misplaced one is reported where it is named)
    for index, minute in enumerate(minutes.items):
        for n, number in enumerate(minute.exclusion.minutes if minute.exclusion else []):
            where = ("items", index, "exclusion", "minutes", n)
            named = minutes.items[numbers.index(number)] if number in numbers else None
            mentioned.add(number)
            if named is None:
                ctx.add(loaded, where, f"there is no minute {number} in these minutes (minutes: {', '.join(numbers)})")
            elif named.exempt is None:
                ctx.add(
                    loaded,
                    where,
                    f"minute {number} is not exempt: the press and public are excluded only for exempt business "
                    "(mark the minute `exempt`, or leave it out of the resolution)",
                )
            elif numbers.index(number) < index:
                ctx.add(
                    loaded,
                    where,
                    f"minute {number} comes before minute {minute.number}, which records the resolution: the press "
                    "and public are excluded before the business is taken",
                )
            elif number in covered:
                ctx.add(loaded, where, f"minute {number} is named by the resolution at minute {covered[number]} too")
            else:
                covered[number] = minute.number
    resolutions = [m.number for m in minutes.items if m.exclusion is not None]
    confirmed = ctx.papers.confirmation(minutes.date) is not None
    for index, minute in enumerate(minutes.items):
        if minute.exempt is None or minute.number in mentioned:
            continue
        if resolutions:
            message = (
                f"minute {minute.number} is exempt, but the resolution to exclude the press and public (minute "
                f'{", ".join(resolutions)}) does not name it: add "{minute.number}" to its `exclusion.minutes`'
            )
        else:
            message = (
                f"minute {minute.number} is exempt, but these minutes do not record the resolution to exclude the "
                "press and public (Local Government Act 1972 s.100A(4)): record it on the minute at which it was "
                f'passed, `exclusion: {{minutes: ["{minute.number}"]}}`'
            )
        if confirmed:
            ctx.warn(
                loaded,
                ("items", index, "exempt"),
                message + "; these minutes are confirmed, so record it as a correction agreed at a later meeting",
            )
        else:
            ctx.add(loaded, ("items", index, "exempt"), message)
    if not resolutions and not any(m.exempt for m in minutes.items):
        _exempt_on_the_agenda(ctx, loaded)


def _exempt_on_the_agenda(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """Minutes with no private business, of a meeting whose agenda had exempt items: a warning, since an exempt
    item may be withdrawn, deferred, or taken in public when the meeting judges the public interest favours it."""
    agenda = agenda_of(ctx.papers, loaded.value.date)
    if agenda is None:
        return
    numbers = item_numbers(ctx.papers.board.value, agenda.value)
    for s, section in enumerate(agenda.value.sections):
        for i, item in enumerate(section.items):
            if item.exempt is not None:
                ctx.warn(
                    loaded,
                    ("items",),
                    f"the agenda's item {numbers[(s, i)]} is exempt ({agenda.path}:"
                    f"{agenda.line('sections', s, 'items', i)}), but these minutes record no exempt minute and no "
                    "resolution to exclude the press and public: if it was taken in private, mark its minute "
                    "`exempt` and record the resolution on it (`exclusion`, Local Government Act 1972 s.100A(4))",
                )


def check_public_summaries(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """An exempt minute gives the public minutes a written summary of its proceedings (Local Government Act 1972
    s.100C(2)): its own `public_summary`, or the public summaries of its decisions (each decision has one)."""
    for index, minute in enumerate(loaded.value.items):
        if minute.exempt is not None and minute.exempt.public_summary is None and not minute.decisions:
            ctx.add(
                loaded,
                ("items", index, "exempt"),
                f"minute {minute.number} is exempt and has no decisions, so the public minutes would say nothing of "
                "it: write a summary of the proceedings that gives a fair and coherent record without disclosing the "
                "exempt information, in `exempt.public_summary` (Local Government Act 1972 s.100C(2))",
            )
