"""Rules for members' interests: the body's regime (board.yaml), the register and its dispensations
(interests.yaml), and the declarations in the minutes, each judged by the code of conduct in force on its date."""

from __future__ import annotations

import datetime as dt

from ..conduct import CODES, Code, four_years_after, regime_on
from ..load import Loaded
from ..model import Declaration, Interest, Minute, Minutes, Register
from ..wording import short_date
from .context import Context
from .minutes import members_present


def check_register(ctx: Context) -> None:
    """The register holds the members' interests, each of a kind its regime has and registered before it ended;
    each dispensation is a member's, for at most four years (s.33(3))."""
    register = ctx.papers.register
    if register is None:
        return
    board = ctx.papers.board.value
    for index, interest in enumerate(register.value.interests):
        _member(ctx, register, interest.member, "interests", index)
        code = CODES[regime_on(board, interest.registered)]
        if interest.kind not in code.kinds:
            ctx.add(
                register,
                ("interests", index, "kind"),
                _not_a_kind(interest.kind, code.title, code.kinds, f"registered on {short_date(interest.registered)}"),
            )
        if interest.ended is not None and interest.ended < interest.registered:
            ctx.add(
                register,
                ("interests", index, "ended"),
                f"ended {interest.ended}, before it was registered on {interest.registered}",
            )
    dispensations = register.value.dispensations
    ctx.duplicates(register, [d.id for d in dispensations], ("dispensations",), "id", "dispensation")
    for index, dispensation in enumerate(dispensations):
        _member(ctx, register, dispensation.member, "dispensations", index)
        where = ("dispensations", index, "expires")
        if dispensation.expires < dispensation.granted:
            ctx.add(register, where, f"expires {dispensation.expires}, before it was granted on {dispensation.granted}")
        elif regime_on(board, dispensation.granted) == "England 2012" and dispensation.expires > (
            last := four_years_after(dispensation.granted)
        ):
            ctx.add(
                register,
                where,
                f"expires {dispensation.expires}, more than four years after it was granted on "
                f"{dispensation.granted}: a dispensation has effect for no more than four years "
                f"(Localism Act 2011 s.33(3)); the latest it may run to is {last}",
            )


def check_regimes(ctx: Context) -> None:
    """A list of regimes runs in date order, each after the first saying the day it applies from."""
    board = ctx.papers.board
    periods = board.value.interests_regime
    if isinstance(periods, str):
        return
    for index, period in enumerate(periods[1:], start=1):
        before = periods[index - 1].from_
        if period.from_ is None:
            ctx.add(
                board,
                ("interests_regime", index, "regime"),
                f"say the day {period.regime} applies `from`: only the first regime listed may leave it out",
            )
        elif before is not None and period.from_ <= before:
            ctx.add(
                board,
                ("interests_regime", index, "from"),
                f"{period.from_} is not after {before}, when the regime listed before it applies from: "
                "list the regimes in date order",
            )


def _member(ctx: Context, register: Loaded[Register], name: str, group: str, index: int) -> None:
    """`name` is one of the body's members (a register entry's or a dispensation's holder)."""
    ctx.person(register, name, group, index, "member")
    board = ctx.papers.board.value
    person = board.person(name)
    if person is not None and not person.member:
        what = "the register is of members' interests" if group == "interests" else "dispensations are for members"
        ctx.add(register, (group, index, "member"), f"'{name}' is not a member of the {board.kind}: {what}")


def _not_a_kind(kind: str, title: str, kinds: tuple[str, ...], when: str) -> str:
    return (
        f"'{kind}' is not a kind of interest under {title}, the regime in force when it was {when} "
        f"(interests_regime in board.yaml): {', '.join(kinds[:-1])} or {kinds[-1]}"
    )


def check_declarations(ctx: Context) -> None:
    """Each meeting's declarations of interest (see `check_declared`)."""
    for loaded in ctx.papers.minutes.values():
        check_declared(ctx, loaded)


def check_declared(ctx: Context, loaded: Loaded[Minutes]) -> None:
    """A declaration is made by someone present for the minute, of a kind the regime on the meeting's date has; a
    member who took part despite an interest that bars it relies on a dispensation current that day (s.31(4));
    a declared disclosable pecuniary interest missing from the register is flagged (s.31(2)-(3)); a minute that
    names an organisation in a present member's register, with no declaration from them, is worth a second look."""
    minutes = loaded.value
    register = ctx.papers.register.value.interests if ctx.papers.register else []
    regime = regime_on(ctx.papers.board.value, minutes.date)
    code = CODES[regime]
    first = next((i for i, minute in enumerate(minutes.items) if minute.declarations), None)
    if first is not None and (anachronism := _out_of_time(regime, minutes.date)):
        ctx.warn(loaded, ("items", first, "declarations"), anachronism)
    for index, minute in enumerate(minutes.items):
        present = members_present(minutes, minute.number)
        for d, declaration in enumerate(minute.declarations):
            where = ("items", index, "declarations", d)
            ctx.person(loaded, declaration.member, *where, "member")
            if declaration.member not in present:
                ctx.add(
                    loaded,
                    (*where, "member"),
                    f"'{declaration.member}' declared an interest but was not present for minute {minute.number}",
                )
            if declaration.kind not in code.kinds:
                when = f"declared on {short_date(minutes.date)}"
                ctx.add(loaded, (*where, "kind"), _not_a_kind(declaration.kind, code.title, code.kinds, when))
                continue
            _dispensation(ctx, loaded, code, minute, declaration, where)
            if declaration.kind == "disclosable pecuniary" and not _registered(register, declaration, minutes.date):
                last = minutes.date + dt.timedelta(days=27)
                what = f"under exempt minute {minute.number}" if minute.exempt else f"({declaration.interest})"
                ctx.warn(
                    loaded,
                    (*where, "kind"),
                    f"{declaration.member} declared a disclosable pecuniary interest {what} that is "
                    f"not on the register of interests: they must notify the monitoring officer of it within 28 days "
                    f"of disclosing it, by {short_date(last)} (Localism Act 2011 s.31(2)-(3)); once notified, record "
                    "it in interests.yaml",
                )
        _undeclared(ctx, loaded, index, minute, present, register)


LOCALISM_ACT = dt.date(2012, 7, 1)  # the regime of disclosable pecuniary interests in force in England


def _out_of_time(regime: str, day: dt.date) -> str | None:
    """Why an English regime could not have applied on `day` (None: it could)."""
    if regime == "2007 Model Code" and day >= LOCALISM_ACT:
        return (
            f"these minutes declare interests under the 2007 Model Code, which no longer applied in England on "
            f"{short_date(day)}: the Localism Act 2011's regime replaced it on 1 July 2012 (add "
            "`{regime: England 2012, from: 2012-07-01}` to interests_regime in board.yaml)"
        )
    if regime == "England 2012" and day < LOCALISM_ACT:
        return (
            f"these minutes declare interests under the Localism Act 2011's regime, not yet in force on "
            f"{short_date(day)} (it began on 1 July 2012): an English body then used the 2007 Model Code (list it "
            "first in interests_regime in board.yaml, with England 2012 from 2012-07-01)"
        )
    return None


def _dispensation(
    ctx: Context,
    loaded: Loaded[Minutes],
    code: Code,
    minute: Minute,
    declaration: Declaration,
    where: tuple[str | int, ...],
) -> None:
    """The dispensation a declaration names is the member's and current; one is needed to take part with an interest
    the regime bars (a disclosable pecuniary interest, or a prejudicial one)."""
    day = loaded.value.date
    dispensations = ctx.papers.register.value.dispensations if ctx.papers.register else []
    if declaration.dispensation is not None:
        named = next((d for d in dispensations if d.id == declaration.dispensation), None)
        if named is None:
            ctx.add(
                loaded,
                (*where, "dispensation"),
                f"there is no dispensation '{declaration.dispensation}' in interests.yaml",
            )
        elif named.member != declaration.member:
            ctx.add(
                loaded,
                (*where, "dispensation"),
                f"dispensation {named.id} is {named.member}'s, not {declaration.member}'s",
            )
        elif not named.current(day):
            ctx.add(
                loaded,
                (*where, "dispensation"),
                f"dispensation {named.id} had effect from {short_date(named.granted)} to "
                f"{short_date(named.expires)}, not on {short_date(day)}, the day of the meeting",
            )
        return
    if declaration.kind != code.barred or declaration.action != "remained":
        return
    current = [d.id for d in dispensations if d.member == declaration.member and d.current(day)]
    if current:
        ctx.add(
            loaded,
            (*where, "dispensation"),
            f"{declaration.member} declared a {declaration.kind} interest and remained and took part: name the "
            f"dispensation relied on ({' or '.join(current)}, current on {short_date(day)}) so that the minutes "
            "record it",
        )
    else:
        ctx.add(
            loaded,
            (*where, "action"),
            f"{declaration.member} declared a {declaration.kind} interest and remained and took part in minute "
            f"{minute.number}, with no dispensation current on {short_date(day)}: under {code.title}, {code.rule}. "
            "Record the dispensation in interests.yaml and name it here (`dispensation:`), or correct the action",
        )


def _registered(register: list[Interest], declaration: Declaration, day: dt.date) -> bool:
    """A current register entry of the member's, of the declaration's kind, that is the interest declared."""
    declared = declaration.interest.lower()
    return any(
        i.member == declaration.member
        and i.kind == declaration.kind
        and i.current(day)
        and (
            i.interest.lower() in declared
            or declared in i.interest.lower()
            or any(name.lower() in declared for name in i.names)
        )
        for i in register
    )


def _undeclared(
    ctx: Context, loaded: Loaded[Minutes], index: int, minute: Minute, present: list[str], register: list[Interest]
) -> None:
    """A minute that names an organisation in a present member's register, with no declaration from them."""
    declared = {declaration.member for declaration in minute.declarations}
    text = f"{minute.title}\n{minute.body}".lower()
    for interest in register:
        if interest.member in present and interest.member not in declared and interest.current(loaded.value.date):
            named = next((name for name in interest.names if name.lower() in text), None)
            if named:
                ctx.warn(
                    loaded,
                    ("items", index, "title"),
                    f"minute {minute.number} names '{named}', in "
                    f"{interest.member}'s register of interests "
                    f"({interest.kind}: {interest.interest}), and no "
                    "declaration by them is recorded",
                )
