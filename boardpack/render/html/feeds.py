"""The web edition's subscriptions, as static files: iCalendar (RFC 5545) for each meeting and for all the body's
meetings, an Atom feed (RFC 4287) of its publications and decision lists, and schema.org `Event` JSON-LD for
each meeting's page.

All are made from the public packs only (the agenda's public titles, never an exempt item's real title), and
from nothing that changes between builds (no clock), so the site stays byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ...assemble import Pack
from ...wording import TIME, clock_time
from .reuse import Edition

LONDON = "Europe/London"
EVENTS_RECORD = ".boardpack-events.json"  # in a site's folder: the text of each event its calendars hold, by key
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}(?:\s*[AaPp][Mm])?")
ATOM = "http://www.w3.org/2005/Atom"


def _zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(LONDON)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "board"


def times(pack: Pack) -> tuple[dt.datetime, dt.datetime | None]:
    """When the meeting starts (its front sheet's time, in Europe/London) and, when the agenda times its
    sections or items, when the last of them ends."""
    start = dt.datetime.combine(pack.date, dt.time(*clock_time(pack.data["front"]["time"])), _zone())
    agenda = pack.data["documents"][0]
    spans = [section.get("time", "") for section in agenda["sections"]]
    spans += [item.get("time", "") for section in agenda["sections"] for item in section["items"]]
    found = [" ".join(text.split()) for span in spans for text in _CLOCK.findall(span or "")]  # "7.50\u00a0pm"
    clocks = [dt.time(*clock_time(text)) for text in found if TIME.match(text)]
    end = dt.datetime.combine(pack.date, max(clocks), _zone()) if clocks else None
    return start, end if end is not None and end > start else None


def _titles(pack: Pack) -> list[str]:
    """The agenda's items as the public agenda prints them: number and public title."""
    agenda = pack.data["documents"][0]
    return [f"{row['number']} {row['title']}" for section in agenda["sections"] for row in section["items"]]


@dataclass(frozen=True)
class Meeting:
    """A meeting as a calendar lists it: its body and page, its public pack once it has an agenda, and what became
    of it (see schedule.py)."""

    board: str
    url: str
    date: dt.date
    pack: Pack | None = None
    planned: dt.date | None = None  # the day first planned, when it was moved: the event keeps its UID
    status: str = "scheduled"  # scheduled, cancelled, moved, adjourned, reconvened or extraordinary
    note: str = ""
    sequence: int = 0  # times changed since announced (RFC 5545 3.8.7.4)
    start: str | None = None  # before there is an agenda: from meetings.yaml
    venue: str | None = None


@dataclass(frozen=True)
class _Event:
    """What a meeting's VEVENT is made from, as plain values: an event made once is not made again while the process
    lasts (`serve` makes every calendar again on each change, though few of their events have changed)."""

    uid: str
    stamp: dt.datetime
    sequence: int
    start: dt.datetime | dt.date
    end: dt.datetime | None
    location: str | None  # None: none given
    summary: str
    url: str
    description: str
    status: str


def _event(meeting: Meeting) -> _Event:
    """The meeting's VEVENT: from its agenda when it has one, else from the calendar of meetings (a day's event when
    its time is not yet known); a cancelled meeting's STATUS is CANCELLED, and a moved one keeps its UID with a new
    start and a higher SEQUENCE, so calendar apps update the event they hold."""
    planned = meeting.planned or meeting.date
    lines = [meeting.note] if meeting.note else []
    end: dt.datetime | None = None
    start: dt.datetime | dt.date
    if meeting.pack is not None:
        start, end = times(meeting.pack)
        location: str | None = meeting.pack.data["front"]["venue"]
        lines += ["Agenda:", *_titles(meeting.pack)]
    else:
        clock = clock_time(meeting.start) if meeting.start and TIME.match(meeting.start) else None
        start = dt.datetime.combine(meeting.date, dt.time(*clock), _zone()) if clock else meeting.date
        location = meeting.venue or None
        lines += [] if meeting.status == "cancelled" else ["The agenda is not yet published."]
    summary = "Extraordinary meeting" if meeting.status == "extraordinary" else "meeting"
    return _Event(
        uid=f"{planned.isoformat()}-{_slug(meeting.board)}@boardpack",
        stamp=dt.datetime.combine(planned, dt.time(), dt.UTC),  # stable: no build-time clock
        sequence=meeting.sequence,
        start=start,
        end=end,
        location=location,
        summary=f"{meeting.board}: {summary}" + (" (cancelled)" if meeting.status == "cancelled" else ""),
        url=meeting.url,
        description="\n".join(lines),
        status="CANCELLED" if meeting.status == "cancelled" else "CONFIRMED",
    )


_RECALLED: dict[str, list[Any]] = {}  # each event's text and time zones, by its key, as a site's record holds them
_MADE: dict[str, list[Any]] = {}  # those this process's calendars hold, for the record of the site it writes


def recall_events(record: Path) -> None:
    """The events a site's calendars held when it was written (its record, if any), so that a run writing the site
    again makes only the events that changed (a council's calendar holds every body's meetings). The record this
    run writes starts empty: it holds the events of the site being written alone."""
    _MADE.clear()
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(known, dict):
        _RECALLED.update(
            (key, value)
            for key, value in known.items()
            if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
        )


def events_record() -> bytes:
    """The record of the events this process's calendars hold (`recall_events` reads it)."""
    return json.dumps(dict(sorted(_MADE.items())), ensure_ascii=False).encode()  # no indent: the C encoder


@functools.cache
def _maker() -> str:
    """What an event's text depends on besides the event: icalendar's version and this module's code."""
    return f"{importlib.metadata.version('icalendar')}\0{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"


def _ical(event: _Event) -> tuple[str, bytes, tuple[str, ...]]:
    """The VEVENT's key, text and time zones: as recalled from the site's record when made from exactly this event by
    this icalendar and this code (its key says so), else made."""
    key = hashlib.sha256(f"{_maker()}\0{event!r}".encode()).hexdigest()
    recalled = _RECALLED.get(key)
    if recalled is not None and all(isinstance(tzid, str) for tzid in recalled[1]):
        text, tzids = recalled[0].encode(), tuple(recalled[1])
    else:
        text, tzids = _event_ical(event)
    _MADE[key] = [text.decode(), list(tzids)]
    return key, text, tzids


def calendar_events(meetings: list[Meeting]) -> list[dict[str, Any]]:
    """Each meeting's VEVENT as plain values (JSON), as a calendar holds it: its day, body, key, text and time zones.
    A council's calendar is made from its bodies' (see `calendar_of`)."""
    events = []
    for meeting in meetings:
        key, text, tzids = _ical(_event(meeting))
        events.append(
            {
                "date": meeting.date.isoformat(),
                "board": meeting.board,
                "key": key,
                "text": text.decode(),
                "tzids": tzids,
            }
        )
    return events


def keep_events(events: list[dict[str, Any]]) -> None:
    """Events made by an earlier run (`calendar_events`), held again in the record of the site this run writes."""
    for event in events:
        _MADE[event["key"]] = [event["text"], list(event["tzids"])]


@functools.lru_cache(maxsize=50_000)
def _event_ical(event: _Event) -> tuple[bytes, tuple[str, ...]]:
    """The VEVENT as iCalendar text, and the time zones it names (whose VTIMEZONE its calendar must hold)."""
    from icalendar import Calendar, Event

    made = Event()
    made.add("uid", event.uid)
    made.add("dtstamp", event.stamp)
    made.add("sequence", event.sequence)
    made.add("dtstart", event.start)
    if event.end is not None:
        made.add("dtend", event.end)
    if event.location is not None:
        made.add("location", event.location)
    for name in ("summary", "url", "description", "status"):
        made.add(name, getattr(event, name))
    alone = Calendar()
    alone.add_component(made)
    return bytes(made.to_ical()), tuple(sorted(alone.get_missing_tzids()))


def calendar(name: str, meetings: list[Meeting]) -> bytes:
    """An iCalendar named `name` of the given meetings, with the Europe/London VTIMEZONE."""
    return calendar_of(name, calendar_events(meetings))


def calendar_of(name: str, events: list[dict[str, Any]]) -> bytes:
    """An iCalendar named `name` of the given events (`calendar_events`), with the VTIMEZONEs they name."""
    from icalendar import Calendar, Timezone

    cal = Calendar()
    cal.add("prodid", "-//boardpack//web edition//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", LONDON)
    if events:  # the zone's rules for the years of the meetings only, not 1970 to 2038
        years = [int(event["date"][:4]) for event in events]
        for tzid in sorted({tzid for event in events for tzid in event["tzids"]}):
            try:
                zone = Timezone.from_tzid(
                    tzid, first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
                )
            except ValueError:  # a zone icalendar does not know: none, as icalendar's add_missing_timezones does
                continue
            cal.add_component(zone)
    head, end = bytes(cal.to_ical()), b"END:VCALENDAR\r\n"
    assert head.endswith(end), "a calendar's text ends with its END line"
    return head[: -len(end)] + b"".join(event["text"].encode() for event in events) + end


EVENT_STATUS = {"cancelled": "EventCancelled", "moved": "EventRescheduled"}


def event_json_ld(pack: Pack, board: str, url: str = "", status: str = "", planned: str = "") -> str:
    """schema.org `Event` for the meeting's page (at `url`, when the site's address is known; cancelled, or moved
    from the day `planned`, as `status` says), safe inside `<script>`: '<', '>' and '&' written as escapes."""
    start, end = times(pack)
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{board}: meeting of {pack.data['front']['date']}",
        "startDate": start.isoformat(),
        "eventStatus": f"https://schema.org/{EVENT_STATUS.get(status, 'EventScheduled')}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": pack.data["front"]["venue"]},
        "organizer": {"@type": "Organization", "name": board},
    }
    if end is not None:
        event["endDate"] = end.isoformat()
    if url:
        event["url"] = url
    if status == "moved" and planned:
        event["previousStartDate"] = planned
    text = json.dumps(event, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _id(board: str, path: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"boardpack:{_slug(board)}:{path}").urn


@dataclass(frozen=True)
class Listing:
    """A body's publications as a feed lists them: its packs and decision lists, under its folder of the site."""

    board: str
    packs: list[list[Edition]]
    decisions: dict[str, list[Edition]]
    folder: str = ""  # "" in the body's own site; "slug/" in its council's
    outside: list[dict[str, Any]] = field(default_factory=list)  # decisions taken outside meetings (decisions/)
    briefings: list[dict[str, Any]] = field(default_factory=list)  # each issue of a briefing: date, page, title


Entry = tuple[str, str, str, str, str, int, str]  # updated, page, title, page, PDF and its size, the id's board


def _entries(listing: Listing, titled: bool) -> list[Entry]:
    """The feed's entries of one body's publications (each title led by the body's name when `titled`), their
    links under its folder."""
    entries: list[Entry] = []
    for editions in listing.packs:
        for pack, data in editions:
            publication = pack.data.get("publication")
            if publication is None or pack.large_print or not data:  # a preview offers no PDF
                continue
            name = (
                f"Supplementary Public Document Pack {pack.supplement}" if pack.supplement else "Public Document Pack"
            )
            folder = pack.date.isoformat()
            title = f"{name}: meeting of {pack.data['front']['date']}"
            pdf = f"{folder}/{pack.filename}"
            entries.append((publication["date"], pdf, title, f"{folder}/index.html", pdf, len(data), listing.board))
    for folder, lists in listing.decisions.items():
        for pack, data in lists:
            [doc] = [d for d in pack.data["documents"] if d["kind"] in ("decisions", "minutes")]
            page = f"{folder}/{doc['kind']}-{pack.date.isoformat()}.html"
            publication = pack.data.get("publication")
            # minutes as confirmed are published with the meeting that confirms them; a decision list on its day
            confirmed = folder if doc["kind"] == "minutes" else pack.date.isoformat()
            updated = publication["date"] if publication else confirmed
            pdf = f"{folder}/{pack.filename}" if data else ""
            entries.append((updated, page, doc["heading"], page, pdf, len(data), listing.board))
    for record in listing.outside:
        page = f"decisions/{record['slug']}.html"
        entries.append((record["date"], page, f"{record['kind']}: {record['title']}", page, "", 0, listing.board))
    for issue in listing.briefings:
        entries.append((issue["date"], issue["page"], issue["title"], issue["page"], "", 0, listing.board))
    prefix, lead = listing.folder, f"{listing.board}: " if titled else ""
    return [
        (updated, path, lead + title, prefix + page, prefix + pdf if pdf else "", size, board)
        for updated, path, title, page, pdf, size, board in entries
    ]


def atom(name: str, author: str, listings: list[Listing], url: str = "") -> bytes:
    """The Atom feed named `name` of every published pack and supplement (by its publication record), every
    public decision list and minutes as confirmed (dated by its meeting) and every briefing of the bodies listed, the
    newest first; links relative to the site's root, or absolute under its address `url` when known. An entry's id is
    its body's, the same in the body's feed and the council's."""
    return atom_of(name, author, [e for listing in listings for e in _entries(listing, len(listings) > 1)], url)


def atom_entries(listing: Listing, titled: bool) -> list[Entry]:
    """The feed's entries of one body's publications (see `atom`): a council's feed is made from its bodies'."""
    return _entries(listing, titled)


def atom_of(name: str, author: str, entries: list[Any], url: str = "") -> bytes:
    """The Atom feed named `name` of the `entries` of one body or several (see `atom`; each a tuple, or a list once
    read back from JSON)."""
    entries = sorted((tuple(entry) for entry in entries), reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{name}: papers and decisions"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _id(name, "feed.atom")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(entries[0][0] if entries else "1970-01-01")
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author or name
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=url + "feed.atom", type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=url + "index.html", type="text/html")
    for updated, path, title, page, pdf, size, board in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(board, path)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(updated)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url + page, type="text/html")
        if pdf:
            ET.SubElement(
                entry, f"{{{ATOM}}}link", rel="enclosure", href=url + pdf, type="application/pdf", length=str(size)
            )
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = title
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"
