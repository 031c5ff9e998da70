"""The codes of conduct members declare interests under, and the dispensations that let a member take part.

A body names its regime in board.yaml (`interests_regime`), one for all dates or a list with the date each applies
`from`; a meeting's declarations, and a register entry, are judged by the regime in force on their date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Board, Declaration, Dispensation, InterestKind, InterestRegime, Register


@dataclass(frozen=True)
class Code:
    """What a regime makes of interests: the kinds it has, and the kind that bars taking part."""

    title: str  # as messages name it: "the 2007 Model Code"
    kinds: tuple[InterestKind, ...]
    barred: InterestKind  # a member with this kind of interest may not take part without a dispensation
    rule: str  # the provision that bars it, as messages cite it


CODES: dict[InterestRegime, Code] = {
    "England 2012": Code(
        "the Localism Act 2011 regime (England, from 1 July 2012)",
        ("disclosable pecuniary", "other registrable", "non-registrable"),
        "disclosable pecuniary",
        "a member with a disclosable pecuniary interest may not participate in any discussion of the matter or vote "
        "on it without a dispensation under s.33 (Localism Act 2011 s.31(4)); doing so without reasonable excuse is "
        "an offence (s.34)",
    ),
    "2007 Model Code": Code(
        "the 2007 Model Code (England, before 1 July 2012)",
        ("personal", "prejudicial"),
        "prejudicial",
        "a member with a prejudicial interest must withdraw unless the standards committee has granted a "
        "dispensation (the Model Code of Conduct 2007, para 12(1))",
    ),
    "Welsh code": Code(
        "the Welsh Model Code of Conduct (2008)",
        ("personal", "prejudicial"),
        "prejudicial",
        "a member with a prejudicial interest must withdraw unless the standards committee has granted a "
        "dispensation (the Model Code of Conduct (Wales) 2008, para 14(1))",
    ),
}


def regime_on(board: Board, day: dt.date) -> InterestRegime:
    """The regime in force on `day`: the last listed whose `from` is on or before it (else the first)."""
    if isinstance(board.interests_regime, str):
        return board.interests_regime
    periods = board.interests_regime
    started = [p for p in periods if p.from_ is None or p.from_ <= day]
    return (started[-1] if started else periods[0]).regime


def relied_on(register: Register | None, declaration: Declaration) -> Dispensation | None:
    """The dispensation a declaration names (None: it names none, or one the register does not hold)."""
    dispensations = register.dispensations if register else []
    return next((d for d in dispensations if d.id == declaration.dispensation), None)


def four_years_after(day: dt.date) -> dt.date:
    """The last day of a period of four years beginning with `day` (s.33(3)); 29 February falls to 28."""
    try:
        end = day.replace(year=day.year + 4)
    except ValueError:
        end = day.replace(year=day.year + 4, day=28)
    return end - dt.timedelta(days=1)
