"""The web edition: the public packs of every meeting as a static, accessible website.

It renders the same assembled data as the public PDF (so exempt material is absent by
construction) through Jinja2 templates with autoescaping and StrictUndefined. Links are
relative, so the folder can be copied to any web server or opened from disk.

The generators (pages) build every page and file first; the one writer (writer) then owns the
output folder; reuse holds what lets an unchanged meeting's pages come from the previous site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from ... import __version__
from ...assemble.briefing import Issue
from ...templates import Templates, shipped_templates
from .briefings import INDEX as BRIEFINGS
from .briefings import briefing_pages, feed_entries
from .council import EVERY, SHARED, council_pages, council_part, council_subscriptions, part_hashes, shared_keys
from .opendata import open_data
from .outcomes import (
    decision_lists_of,
    item_outcomes,
    minutes_pages,
    minutes_read_at,
    outside_rows,
    record_links,
    record_pages,
    records_index_page,
    register_page,
    register_rows,
)
from .pages import (
    Body,
    accessibility_page,
    forward_plan_pages,
    index_page,
    meeting_pages,
    navigation,
    notice_pages,
    outside_pages,
    search_page,
    site_of,
    subscriptions,
)
from .people import people_pages
from .reuse import PAGES_RECORD, Edition, PreviousSite, folder_key
from .search import appendix_records
from .writer import SiteWriter

__all__ = [
    "PAGES_RECORD",
    "SHARED",
    "Edition",
    "appendix_records",
    "council_part",
    "part_hashes",
    "shared_keys",
    "write_council",
    "write_site",
]


def write_site(
    packs: list[list[Edition]],
    templates: Templates,
    out: Path,
    today: dt.date,
    decisions: dict[str, list[Edition]] | None = None,
    plan: list[dict[str, Any]] | None = None,
    previous: Path | None = None,
    notice: Edition | None = None,
    held: dict[str, dict[str, Any]] | None = None,
    records: list[dict[str, Any]] | None = None,
    council: str | None = None,
    url: str = "",
    schedule: list[dict[str, Any]] | None = None,
    bodies: list[Body] | None = None,
    outside: list[dict[str, Any]] | None = None,
    only: set[str] | None = None,
    record: str = PAGES_RECORD,
    briefings: list[Issue] | None = None,
) -> list[Path]:
    """Write the whole site into `out` (a fresh folder); return the files written. A meeting whose pages
    would be made from exactly what made them in the `previous` site is linked from there, not made again.
    With `only` (a shard's meetings, by date), write those meetings' folders alone, and the record of their pages
    as `record`: the site's other pages are the whole run's.

    `packs` holds, for each meeting, its public pack and then the same pack in large print (once published:
    then each supplementary pack, and it in large print);
    `decisions`, by meeting date, the public decision lists its page links; `plan`, the forward plan's
    meetings (each with its items), for its page; `notice`, the Notice of Key Decisions and its PDF; `council`, the
    council whose site this body's folder is part of (its search is the council's); `url`, the address the site is
    published at, when known (its feeds' and calendars' links are then absolute); `schedule`, every meeting the body
    knows of with what became of it (schedule.py), for its lists and calendars; `bodies`, the bodies
    whose members and officers have pages (people/) and whose open data is published (data/): none in a body's
    folder of a council's site, whose people and data are the council's.
    `held`, by date, each meeting with minutes: its minutes as known today, its decisions minute by minute
    (assemble/outcomes.py) and whether it has an agenda; `records`, the public actions and tracker recommendations,
    each with its history from git. `outside`, the decisions taken outside
    meetings (decisions/), each with a page. `briefings`, the body's briefings for its partners, each issue with a
    page (and a page listing them).
    """
    made_by = f"boardpack {__version__}"  # a new boardpack may write different pages from the same sources
    made = {"index.html", "accessibility.html", "decisions.html", *(["forward-plan.html"] if plan is not None else [])}
    made |= {BRIEFINGS} if briefings else set()
    shared = {"search.html", *(["people/index.html"] if bodies or council is not None else [])}
    shared |= {"calendar.html"} if council is not None else set()  # the council's calendar of every body's meetings
    nav = navigation(made, shared, "../" if council is not None else "")
    site = site_of(packs, [folder_key(templates.html), made_by], council, url, schedule, outside, nav)
    lender = PreviousSite(previous)
    held, decisions = held or {}, decisions or {}
    read_at, lists = minutes_read_at(site.minutes, held), decision_lists_of(decisions)
    links = record_links(records or [])

    def outcomes(date: str) -> dict[str, Any]:
        """What the meeting's pages show of its outcomes (pages.NO_OUTCOMES)."""
        return {
            "items": item_outcomes(held[date], read_at, "../") if date in held else {},
            "held": held.get(date),
            "lists": lists.get(date, []),
            "links": links,
        }

    meetings = [
        meeting_pages(site, editions, decisions, lender, outcomes(editions[0][0].date.isoformat()))
        for editions in packs
        if only is None or editions[0][0].date.isoformat() in only
    ]
    if only is not None:
        writer = SiteWriter(out, templates)
        for meeting in meetings:
            writer.meeting(meeting)
        writer.pages_record(record)
        return writer.written
    notices, downloads = notice_pages(site, notice)
    minutes, minutes_files = minutes_pages(site, held, read_at, decisions, links)
    dates = sorted({m.folder for m in meetings} | set(held))
    data_pages, data_files = open_data(site, bodies, today) if bodies else ([], [])
    issue_pages, issue_images = briefing_pages(site, briefings or [])
    pages = [
        *forward_plan_pages(site, plan, today, notice is not None),
        *(people_pages(site, bodies, today) if bodies else []),
        *data_pages,
        *notices,
        *minutes,
        register_page(site, register_rows(site.board, held, read_at) + outside_rows(site.board, site.outside)),
        *record_pages(site, records or [], dates, read_at),
        *outside_pages(site),
        *issue_pages,
        *filter(None, [records_index_page(site, records or [])]),
        index_page(site, meetings, today, plan is not None, _held_only(held), bool(records)),
        *([search_page(site)] if council is None else []),
        accessibility_page(site, [("", packs)], today),
    ]
    writer = SiteWriter(out, templates)
    writer.copy(templates.html / "style.css")
    writer.copy(_script(templates, "tables.js"))
    writer.copy(_script(templates, "register.js"))
    for meeting in meetings:
        writer.meeting(meeting)
    writer.pages_record()
    feeds = subscriptions(site, packs, decisions, set(held), feed_entries(briefings or []))
    for download in [*downloads, *minutes_files, *feeds, *data_files, *issue_images]:
        writer.download(download)
    for page in pages:
        writer.page(page)
    return writer.written


def write_council(
    name: str,
    lang: str,
    bodies: list[dict[str, Any]],
    templates: Templates,
    out: Path,
    today: dt.date,
    url: str = "",
    only: AbstractSet[str] = EVERY,
) -> list[Path]:
    """Write the council's own pages and subscriptions into `out`, above the folders of its bodies' sites (the site
    published at `url`, when known), from what each body gives them (`council_part`): `only` those of its outputs
    (SHARED: the others are as the last run wrote them), and its stylesheet and scripts."""
    writer = SiteWriter(out, templates)
    writer.copy(templates.html / "style.css")
    writer.copy(_script(templates, "tables.js"))
    writer.copy(_script(templates, "register.js"))
    pages, downloads = council_pages(name, lang, bodies, today, url, only)
    for download in [*council_subscriptions(name, bodies, url, only), *downloads]:
        writer.download(download)
    for page in pages:
        writer.page(page)
    return writer.written


def _script(templates: Templates, name: str) -> Path:
    """A script of the site (tables.js marks the table boxes that really scroll; register.js filters the decisions
    register): the board's own, or boardpack's for a board whose templates/html was copied before there was one."""
    own = templates.html / name
    return own if own.exists() else shipped_templates() / "html" / name


def _held_only(held: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The meetings known only by their minutes, as the list of meetings shows them."""
    return [{"date": date, "long_date": m["long_date"]} for date, m in held.items() if not m["agenda"]]
