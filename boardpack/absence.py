"""The six-month rule: a member who attends no meeting for six months stops being a member.

Local Government Act 1972 s.85(1): a member of a local authority who "fails throughout a period of six consecutive
months from the date of his last attendance to attend any meeting of the authority" ceases to be a member, "unless
the failure was due to some reason approved by the authority before the expiry of that period". Attending a meeting
of a committee or sub-committee of the authority, or of a joint committee or other body it has appointed the member
to, counts as attending (s.85(2)).

boardpack knows only this body's meetings, so it approximates: the last attendance is the last meeting whose
minutes list the member under `present` (for all of it or part, or as a substitute); with none on record, the six
months run from the day they became a member (`member_since`) or else from the first meeting on record they were
a member at. A member who attends other meetings of the authority may not be at risk at all: the warnings say
what these minutes show, for the clerk to look at. An absence approved in time (`approved_absences`) covers the
member until its `to` (or indefinitely), and a new six months runs from then.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import ApprovedAbsence, Board, Minutes, Person
from .wording import long_date

WARN_BEFORE = 1  # months before the six months run out that the warnings begin


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), the last of the month when it has fewer days: 31 August + 6 is
    28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Absence:
    """A member nearing or past six months without attending, as at a date."""

    member: Person
    since: dt.date
    since_words: str  # "last attended a meeting on …"
    runs_out: dt.date
    reached: bool
    late: tuple[ApprovedAbsence, ...]  # approvals given after the six months had run out: they do not count

    def message(self) -> str:
        name = self.member.name
        late = "".join(
            f"; the absence approved on {long_date(a.approved_on)} came after the six months had run out, and "
            "counts only when approved before"
            for a in self.late
        )
        if self.reached:
            return (
                f"{name} {self.since_words}: six months without attending ran out on {long_date(self.runs_out)}, "
                "and a member who attends no meeting of the authority for six consecutive months ceases to be a "
                f"member unless the authority approved the reason first (Local Government Act 1972 s.85){late}: "
                "check their attendance at the authority's other meetings"
            )
        return (
            f"{name} {self.since_words}: six months without attending run out on {long_date(self.runs_out)} "
            "(Local Government Act 1972 s.85: a member who attends no meeting of the authority for six consecutive "
            f"months ceases to be a member unless the authority approves the reason first){late}: record an "
            "approved absence in board.yaml (`approved_absences`) before then, or expect them at a meeting"
        )


def _start(member: Person, minutes: list[Minutes]) -> tuple[dt.date, str] | None:
    """When the member's six months run from, and how to say so."""
    attended = [m.date for m in minutes if any(entry.name == member.name for entry in m.present)]
    if attended:
        return max(attended), f"last attended a meeting on {long_date(max(attended))}"
    if member.member_since is not None:
        return member.member_since, (
            f"has attended no meeting since becoming a member on {long_date(member.member_since)}"
        )
    if minutes:
        first = minutes[0].date
        return first, f"has attended none of the meetings on record, the first on {long_date(first)}"
    return None


def absence(board: Board, member: Person, minutes: Iterable[Minutes], as_at: dt.date) -> Absence | None:
    """The member's standing under s.85 as at `as_at` from the minutes of the meetings held by then that were theirs
    (a member on the day, in its municipal year), when the six months are within a month of running out or have
    run out; None otherwise, or while an approved absence covers them."""
    theirs = sorted(
        (m for m in minutes if m.date <= as_at and member.member_on(m.date, board.year_of(m.date))),
        key=lambda m: m.date,
    )
    start = _start(member, theirs)
    if start is None:
        return None
    since, words = start
    late = []
    for approval in sorted(member.approved_absences, key=lambda a: a.approved_on):
        if approval.approved_on > as_at:
            continue  # not yet approved
        if approval.approved_on >= add_months(since, 6):
            late.append(approval)
            continue
        if approval.to is None or as_at <= approval.to:
            return None
        if approval.to > since:
            since = approval.to
            words = f"has attended no meeting since an approved absence ended on {long_date(approval.to)}"
    runs_out = add_months(since, 6)
    if as_at < add_months(runs_out, -WARN_BEFORE):
        return None
    return Absence(member, since, words, runs_out, as_at >= runs_out, tuple(late))


def absences(board: Board, minutes: list[Minutes], as_at: dt.date) -> list[Absence]:
    """Each member of the body on `as_at` nearing or past six months without attending."""
    found = (absence(board, p, minutes, as_at) for p in board.members_on(as_at))
    return [a for a in found if a is not None]
