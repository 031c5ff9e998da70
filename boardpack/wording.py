"""The words and figures the papers print: dates, times, lists of names, the exempt markings.

One place for the house's wording, so the pack, the Word documents, the web edition and the
command-line views say a date or a time the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol


class Exempt(Protocol):
    """An exempt item, minute or action, as its marking needs it (model.Exempt)."""

    paragraph: int


# A time as authors write it: on the 24-hour clock, "9.30", "19:10", or with am or pm, "7.10 pm" (the hour
# then 1 to 12); the model refuses any other form.
TIME = re.compile(r"^(?:([01]?\d|2[0-3])[.:]([0-5]\d)|(0?[1-9]|1[0-2])[.:]([0-5]\d) ?([AaPp])\.?[Mm]\.?)$")


def clock_time(text: str) -> tuple[int, int]:
    """'9.30', '09:30' or '9.30 am' -> (9, 30); '7.10 pm' -> (19, 10); the text has passed the ClockTime check."""
    match = TIME.match(text.strip())
    assert match, text
    if match.group(5) is None:
        return int(match.group(1)), int(match.group(2))
    return int(match.group(3)) % 12 + (12 if match.group(5) in "Pp" else 0), int(match.group(4))


def ambiguous_time(text: str) -> bool:
    """Whether a time could be morning or evening when the papers print the 12-hour clock: an hour from 1 to 11
    written without am or pm, and without the leading zero of the 24-hour clock ("7.10", not "07.10" or "19.10")."""
    match = TIME.match(text.strip())
    return bool(
        match and match.group(5) is None and not match.group(1).startswith("0") and 1 <= int(match.group(1)) <= 11
    )


def long_date(day: dt.date) -> str:
    """'Friday 15 June 2012', as the front sheet and headings write a date."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'15 June 2012'."""
    return f"{day.day} {day:%B %Y}"


def clock(text: str | None, twelve_hour: bool = False) -> str:
    """'9:30' -> '9.30', as the specimen writes times; with `twelve_hour`, '19:10' -> '7.10 pm'."""
    if not text:
        return ""
    hour, minute = clock_time(text)
    return _twelve_hour(hour, minute) if twelve_hour else f"{hour}.{minute:02d}"


def _twelve_hour(hour: int, minute: int, space: str = "\u00a0") -> str:
    """'7.10 pm', with a no-break space by default: "pm" never on a line of its own."""
    return f"{(hour - 1) % 12 + 1}.{minute:02d}{space}{'am' if hour < 12 else 'pm'}"


def start_time(text: str) -> str:
    """The meeting's start, as the front sheet writes it: '9.30 am'."""
    return _twelve_hour(*clock_time(text), space=" ")


def time_span(start: str | None, end: str | None, twelve_hour: bool = False) -> str:
    """'9.30 – 10.00'; with `twelve_hour`, '7.10 – 7.50 pm' (or '11.30 am – 12.15 pm')."""
    if start and end:
        first, last = clock(start, twelve_hour), clock(end, twelve_hour)
        if twelve_hour and first[-2:] == last[-2:]:
            first = first[:-3]
        return f"{first} – {last}"
    return clock(start, twelve_hour)


def sentence(text: str) -> str:
    """`text` as a sentence: stripped, and ended with a full stop unless it ends with one, a ! or a ?."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def join_names(names: list[str]) -> str:
    """'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


# An action's or tracker row's status as the papers print it.
STATUS = {"open": "Open", "done": "Complete", "dropped": "Dropped"}


def not_for_publication(exempt: Exempt) -> str:
    """The marking every page of an exempt paper carries, naming its paragraph of Schedule 12A."""
    return (
        f"NOT FOR PUBLICATION: exempt under paragraph {exempt.paragraph} of Part 1 of Schedule 12A "
        f"to the Local Government Act 1972"
    )


def exclusion_resolution(
    paragraphs: list[int], kind: str = "board", wording: str = "2006 Order", minutes: list[str] | None = None
) -> str:
    """The resolution to exclude the press and public: as the agenda recommends it, printed before the first exempt
    item, or (given the `minutes` it was passed for) as the minutes record it. By default it cites Schedule 12A as
    the 2006 Order substituted it, with its public interest test (para 10); the wording is the house style's."""
    listed = join_names([str(p) for p in paragraphs])
    plural = "s" if len(paragraphs) > 1 else ""
    act = "under Section 100A(4) of the Local Government Act 1972, to exclude the press and public for the following"
    if minutes is None:
        resolve, business, they = "is recommended to resolve", "item(s) of business", "they involve"
    elif len(minutes) > 1:
        resolve, business, they = "resolved", f"items of business (minutes {join_names(minutes)})", "they involve"
    else:
        resolve, business, they = "resolved", f"item of business (minute {minutes[0]})", "it involves"
    opening = (
        f"The {kind.capitalize()} {resolve}, {act} {business} on the grounds that {they} the likely disclosure of "
        f"exempt information as defined in paragraph{plural} {listed} of Part 1 of "
    )
    if wording == "Freedom of Information Act 2000":
        return opening + "Schedule 12A of the Act, as amended by the Freedom of Information Act 2000."
    return opening + (
        "Schedule 12A to the Act, as substituted by the Local Government (Access to Information) (Variation) Order "
        "2006, and that in all the circumstances the public interest in maintaining the exemption outweighs the "
        "public interest in disclosing the information."
    )


def summary_line(summary: dict[str, dict[str, int]], total: int) -> str:
    """'15 recommendations: 9 open (2 overdue), 6 complete. RAG: 9 amber, 6 green.'"""
    status = summary["status"]
    parts = [f"{status['open']} open ({summary['overdue']['overdue']} overdue)", f"{status['done']} complete"]
    if status["dropped"]:
        parts.append(f"{status['dropped']} dropped")
    rag = [f"{count} {name}" for name, count in summary["rag"].items() if count and name != "none"]
    return f"{total} recommendations: {', '.join(parts)}." + (f" RAG: {', '.join(rag)}." if rag else "")


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3` … when another took it; recorded as taken (page names, anchors)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate
