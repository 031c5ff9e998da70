"""What the papers say of each member: their attendance, meeting by meeting, from the minutes; the register of
interests and the dispensations current on a date; and the declarations made at meetings.

The commands (`boardpack attendance`, `boardpack interests`) print these; the web edition's people pages and open
data publish them, with `public` withholding a sensitive interest's details (Localism Act 2011 s.32(2)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .load import Papers
from .model import DECLARED_ACTIONS, Board, Minutes, Person

ATTENDANCE_FIELDS = [
    "member",
    "meetings",
    "present",
    "present_for_part",
    "substituted",
    "apologies",
    "absent",
    "attended_percent",
]
Presence = Literal["present", "present_for_part", "apologies", "absent", "not recorded"]
# As a page words each: the minutes' own headings
PRESENCE = {
    "present": "Present",
    "present_for_part": "Present for part",
    "apologies": "Apologies",
    "absent": "Absent",
    "not recorded": "Not recorded",
}
WITHHELD = "An interest whose details are withheld under section 32(2) of the Localism Act 2011"


@dataclass(frozen=True)
class Attended:
    """A member at one meeting, as its minutes record them."""

    date: dt.date
    presence: Presence
    substitute: str | None = None  # who attended in their place, when they sent apologies and a substitute
    arrived: str | None = None  # present for part: arrived before this minute
    left: str | None = None  # present for part: left after this minute


def attended(person: Person, record: Minutes) -> Attended:
    """How the minutes of one meeting record a member: present (for all or part), apologies (with any substitute),
    absent, or not at all."""
    present = next((e for e in record.present if e.name == person.name), None)
    if present is not None:
        part = bool(present.arrived or present.left)
        return Attended(record.date, "present_for_part" if part else "present", None, present.arrived, present.left)
    if any(e.name == person.name for e in record.apologies):
        substitute = next((e.name for e in record.present if e.substitute_for == person.name), None)
        return Attended(record.date, "apologies", substitute)
    if any(e.name == person.name for e in record.absent):
        return Attended(record.date, "absent")
    return Attended(record.date, "not recorded")


def meetings_of(person: Person, minutes: list[Minutes], board: Board | None = None) -> list[Attended]:
    """A member's attendance at each meeting whose minutes are given and that was theirs (a member on its day: after
    their `member_since`, until their `member_until`, in a municipal year of the `board` they were appointed for),
    in date order."""
    ordered = sorted(minutes, key=lambda m: m.date)
    year = board.year_of if board is not None else lambda _: None
    return [attended(person, record) for record in ordered if person.member_on(record.date, year(record.date))]


def totals(meetings: list[Attended]) -> dict[str, int]:
    """The counts councils publish: present, present for part, substituted, apologies, absent, and the share
    attended (present for part counts as attending)."""
    counts = dict.fromkeys(ATTENDANCE_FIELDS[2:-1], 0)
    for meeting in meetings:
        if meeting.presence != "not recorded":
            counts[meeting.presence] += 1
        counts["substituted"] += meeting.substitute is not None
    attended = counts["present"] + counts["present_for_part"]
    return {
        "meetings": len(meetings),
        **counts,
        "attended_percent": round(100 * attended / len(meetings)) if meetings else 0,
    }


def attendance_records(board: Board, minutes: list[Minutes]) -> list[dict[str, Any]]:
    """Each member's attendance over the meetings whose minutes are given, as councils publish it.

    A member present for part of a meeting attended it; a member who sent apologies and a substitute is
    counted under both "apologies" and "substituted"; a meeting before a member's `member_since` is not
    theirs (check holds the minutes to name every member of the day)."""
    return [{"member": p.name, **totals(meetings_of(p, minutes, board))} for p in board.people if p.member]


INTEREST_FIELDS = ["member", "record", "date", "kind", "interest", "detail"]


def interest_records(papers: Papers, name: str | None, as_at: dt.date, public: bool = False) -> list[dict[str, Any]]:
    """The register entries and dispensations current at `as_at` and the declarations made by then, member by
    member (a dispensation's `interest` is its scope). With `public`, as the register may be published: a
    sensitive entry says only that the member has an interest whose details are withheld (Localism Act 2011
    s.32(2)), and an exempt minute's declarations stay with it (as they always do)."""
    register = papers.register.value.interests if papers.register else []
    records = [
        {"member": i.member, "record": "registered", "date": "", "kind": "", "interest": WITHHELD, "detail": ""}
        if public and i.sensitive
        else {
            "member": i.member,
            "record": "registered",
            "date": i.registered.isoformat(),
            "kind": i.kind,
            "interest": i.interest,
            "detail": ", ".join(i.names),
        }
        for i in register
        if i.current(as_at)
    ]
    records += [
        {
            "member": d.member,
            "record": "dispensation",
            "date": d.granted.isoformat(),
            "kind": "",
            "interest": d.scope,
            "detail": f"{d.id}, granted {d.granted.isoformat()} by {d.granted_by}, until {d.expires.isoformat()}",
        }
        for d in (papers.register.value.dispensations if papers.register else [])
        if d.current(as_at)
    ]
    records += [
        {
            "member": d["member"],
            "record": "declared",
            "date": d["date"],
            "kind": d["kind"],
            "interest": d["interest"],
            "detail": f"minute {d['minute']} {d['title']}: {DECLARED_ACTIONS[d['action']]}"
            + (f" under dispensation {d['dispensation']}" if d["dispensation"] else ""),
        }
        for d in declarations(papers, as_at)
    ]
    order = [p.name for p in papers.board.value.people]
    records = [r for r in records if name is None or r["member"] == name]
    return sorted(
        records,
        key=lambda r: (
            order.index(r["member"]) if r["member"] in order else len(order),
            ["registered", "dispensation", "declared"].index(r["record"]),
            r["date"],
        ),
    )


def declarations(papers: Papers, as_at: dt.date) -> list[dict[str, Any]]:
    """The declarations of interest made at meetings up to `as_at`, as the public minutes print them, in date and
    minute order; an exempt minute's declarations stay with it."""
    found = []
    for date, loaded in sorted(papers.minutes.items()):
        if date > as_at:
            continue
        for minute in loaded.value.items:
            if minute.exempt is not None:
                continue  # an exempt minute's declarations stay with it
            found += [
                {
                    "member": d.member,
                    "date": date.isoformat(),
                    "minute": minute.number,
                    "title": minute.title,
                    "kind": d.kind,
                    "interest": d.interest,
                    "action": d.action,
                    "dispensation": d.dispensation or "",
                }
                for d in minute.declarations
            ]
    return found
