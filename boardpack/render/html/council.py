"""The council's own pages, above its bodies' folders: a home page with every body's coming meetings, a calendar of
all of them by month, and the council-wide iCalendar and Atom feed. Each body's folder is the body's own site
(see pages), made as it would be alone but for the council's name in its header and breadcrumbs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Set as AbstractSet

from ...wording import long_date
from .feeds import Listing, atom_entries, atom_of, calendar_events, calendar_of, keep_events
from .opendata import data_of, open_data_of
from .outcomes import minutes_read_at, outside_rows, register_page, register_rows
from .pages import (
    Body,
    Context,
    Download,
    Page,
    Site,
    _minutes_pages,
    _page,
    accessibility_page_of,
    accessible,
    calendar_meetings,
    navigation,
)
from .people import memberships, merged_people, people_pages_of


def council_part(body: Body, today: dt.date, url: str = "") -> Context:
    """What a body gives its council's shared pages (home, calendar, decisions register, accessibility statement,
    people, open data, iCalendar and Atom feed), as plain values (JSON): a council's site built again takes an
    unchanged body's from the record of the last run instead of checking and assembling the body (build.py)."""
    board = body.papers.board.value
    base = f"{body.folder}/"
    return {
        "name": body.name,
        "folder": body.folder,
        "kind": board.kind,
        "lang": board.language if "-" in board.language else "en-GB",
        "meetings": _meetings(body),
        "register": register_rows(body.name, body.held, minutes_read_at(_minutes_pages(body.packs), body.held), base)
        + outside_rows(body.name, body.outside, base),
        "accessibility": accessible(body.folder, body.packs),
        "people": memberships(body, today),
        "data": data_of(body, today),
        "calendar": calendar_events(
            calendar_meetings(body.name, body.schedule, [e[0][0] for e in body.packs], f"{url}{base}", set(body.held))
        ),
        "feed": atom_entries(
            Listing(body.name, body.packs, body.decisions, base, body.outside, body.briefings), titled=False
        ),
    }


def _meetings(body: Body) -> list[Context]:
    """The body's meetings in date order, each as the council's pages list it: those with an agenda linked to their
    page, those of a body's calendar without one yet to the body's, each with what became of it."""
    listed = []
    packs = {pack.date.isoformat(): pack for [(pack, _), *_] in body.packs}
    fates = {entry["date"]: entry for entry in body.schedule}
    minuted = {date for date, held in body.held.items() if not held["agenda"]}  # their page is their minutes
    for date in sorted(set(packs) | set(fates) | minuted):
        pack, fate = packs.get(date), fates.get(date, {})
        front = pack.data["front"] if pack is not None else {}
        listed.append(
            {
                "date": date,
                "long_date": long_date(dt.date.fromisoformat(date)),
                "time": front.get("time") or fate.get("time", ""),
                "venue": front.get("venue") or fate.get("venue") or "",
                "body": body.name,
                "url": f"{body.folder}/{date}/index.html"
                if pack is not None or date in minuted
                else f"{body.folder}/index.html",
                "paper": pack is not None or date in minuted,
                "status": fate.get("status", "scheduled"),
                "note": fate.get("note", ""),
            }
        )
    return listed


# The council's own outputs, each a name in the site's folder, by what of each body's `council_part` it is made from
# (besides the council's name, language, address, templates and the day): a run makes again only those whose parts
# changed (build.py keeps the others as the last run wrote them).
SHARED: dict[str, tuple[str, ...]] = {
    "index.html": ("name", "folder", "kind", "meetings"),
    "calendar.html": ("meetings",),
    "decisions.html": ("register",),
    "search.html": ("folder",),
    "accessibility.html": ("accessibility",),
    "people": ("name", "folder", "people"),
    "pagefind": ("name", "folder", "people"),  # the council's own search index: its people's pages
    "data": ("name", "people", "data"),
    "calendar.ics": ("calendar",),
    "feed.atom": ("feed",),
}
EVERY = frozenset(SHARED)


def council_pages(
    name: str, lang: str, bodies: list[Context], today: dt.date, url: str = "", only: AbstractSet[str] = EVERY
) -> tuple[list[Page], list[Download]]:
    """The council's home page, its calendar of meetings by month, its search of every body's papers, a page for each
    person across its bodies and its open data, with the files they offer (the site published at `url`, when
    known), from each body's `council_part`; `only` those of these outputs (SHARED)."""
    nav = navigation(
        {"index.html", "accessibility.html", "decisions.html"}, {"calendar.html", "people/index.html", "search.html"}
    )
    site = Site(name, lang, {}, [], url=url, nav=nav)
    pages: list[Page] = []
    files: list[Download] = []
    if {"index.html", "calendar.html"} & only:
        pages += _meeting_pages(site, bodies, today, only)
    if "decisions.html" in only:
        pages.append(register_page(site, [row for body in bodies for row in body["register"]]))
    if "search.html" in only:
        indexes = ["", *(f"{body['folder']}/" for body in bodies)]  # the council's own index (people), each body's
        pages.append(_page(site, "search.html", "search.html", "Search", False, indexes=indexes))
    if "accessibility.html" in only:
        pages.append(accessibility_page_of(site, [body["accessibility"] for body in bodies], today))
    everyone = merged_people([body["people"] for body in bodies]) if {"people", "data"} & only else []
    if "people" in only:
        pages += people_pages_of(site, everyone, [(b["name"], f"{b['folder']}/index.html") for b in bodies], today)
    if "data" in only:
        data_pages, files = open_data_of(site, everyone, [body["data"] for body in bodies])
        pages += data_pages
    return pages, files


def _meeting_pages(site: Site, bodies: list[Context], today: dt.date, only: AbstractSet[str]) -> list[Page]:
    """The council's home page and its calendar of meetings by month (those of them in `only`)."""
    meetings = sorted(
        (meeting for body in bodies for meeting in body["meetings"]),
        key=lambda meeting: (meeting["date"], meeting["body"]),
    )
    upcoming = [m for m in meetings if m["date"] >= today.isoformat()]
    listed = [
        {
            "name": body["name"],
            "url": f"{body['folder']}/index.html",
            "kind": body["kind"],
            "next": next((m for m in upcoming if m["body"] == body["name"] and m["status"] != "cancelled"), None),
        }
        for body in sorted(bodies, key=lambda body: body["name"])
    ]
    months: dict[str, Context] = {}
    for meeting in meetings:
        day = dt.date.fromisoformat(meeting["date"])
        month = months.setdefault(
            day.strftime("%Y-%m"), {"id": day.strftime("m%Y-%m"), "name": f"{day:%B} {day.year}", "meetings": []}
        )
        month["meetings"].append(meeting)
    past = [m for m in reversed(meetings) if m["date"] < today.isoformat()]
    home = _page(site, "index.html", "council.html", "Meetings", False, bodies=listed, upcoming=upcoming, past=past)
    months_page = _page(
        site, "calendar.html", "calendar.html", "Calendar of meetings", False, months=list(months.values())
    )
    return [page for page in (home, months_page) if page.path in only]


def council_subscriptions(
    name: str, bodies: list[Context], url: str = "", only: AbstractSet[str] = EVERY
) -> list[Download]:
    """The calendar of every body's meetings and the Atom feed of all their publications and decision lists (their
    links under the site's address `url`, when known), from each body's `council_part`; `only` those in `only`."""
    events = [event for body in bodies for event in body["calendar"]]
    keep_events(events)  # for the record of the site: the events of every body's calendar
    titled = len(bodies) > 1
    entries = [
        [*entry[:2], f"{entry[6]}: {entry[2]}" if titled else entry[2], *entry[3:]]
        for body in bodies
        for entry in body["feed"]
    ]
    made = [
        Download("calendar.ics", lambda: calendar_of(name, sorted(events, key=lambda m: (m["date"], m["board"])))),
        Download("feed.atom", lambda: atom_of(name, name, entries, url)),
    ]
    return [download for download in made if download.path in only]


def part_hashes(body: Context, recorded: object = None) -> dict[str, str]:
    """A SHA-256 of each part of a body's record that the council's outputs read (`shared_keys`): those `recorded`
    with it (by the run that wrote the record, from the same part), when they are as this code names them."""
    names = sorted({name for parts in SHARED.values() for name in parts})
    if isinstance(recorded, dict) and sorted(recorded) == names and all(isinstance(v, str) for v in recorded.values()):
        return recorded
    return {name: hashlib.sha256(json.dumps(body[name], sort_keys=True).encode()).hexdigest() for name in names}


def shared_keys(hashed: list[dict[str, str]], common: str) -> dict[str, str]:
    """A SHA-256 of what each of the council's outputs (SHARED) is made from: `common` (what every one of them
    shows: the council's name, language and address, its templates, the day, boardpack's code) and the hashes of
    the parts of the bodies' records it reads (`part_hashes`, each body's in council.yaml's order)."""
    return {
        output: hashlib.sha256(
            (common + "".join(f"\0{body[name]}" for body in hashed for name in parts)).encode()
        ).hexdigest()
        for output, parts in SHARED.items()
    }
