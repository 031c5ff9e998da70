"""The web edition: the public packs of every meeting as a static, accessible website.

It renders the same assembled data as the public PDF (so exempt material is absent by
construction) through Jinja2 templates with autoescaping and StrictUndefined. Links are
relative, so the folder can be copied to any web server or opened from disk.

The generators (pages) build every page and file first; the one writer (writer) then owns the
output folder; reuse holds what lets an unchanged meeting's pages come from the previous site.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ... import __version__
from ...templates import Templates, shipped_templates
from .council import council_pages, council_subscriptions
from .opendata import open_data
from .pages import (
    Body,
    forward_plan_pages,
    index_page,
    meeting_pages,
    notice_pages,
    record_pages,
    search_page,
    site_of,
    subscriptions,
)
from .people import people_pages
from .reuse import Edition, PreviousSite, folder_key
from .writer import SiteWriter


def write_site(
    packs: list[list[Edition]],
    templates: Templates,
    out: Path,
    today: dt.date,
    decisions: dict[str, list[Edition]] | None = None,
    plan: list[dict[str, Any]] | None = None,
    previous: Path | None = None,
    notice: Edition | None = None,
    council: str | None = None,
    url: str = "",
    schedule: list[dict[str, Any]] | None = None,
    bodies: list[Body] | None = None,
    records: list[dict[str, Any]] | None = None,
) -> list[Path]:
    """Write the whole site into `out` (a fresh folder); return the files written. A meeting whose pages
    would be made from exactly what made them in the `previous` site is linked from there, not made again.

    `packs` holds, for each meeting, its public pack and then the same pack in large print (once published:
    then each supplementary pack, and it in large print);
    `decisions`, by meeting date, the public decision lists its page links; `plan`, the forward plan's
    meetings (each with its items), for its page; `notice`, the Notice of Key Decisions and its PDF; `council`, the
    council whose site this body's folder is part of (its search is the council's); `url`, the address the site is
    published at, when known (its feeds' and calendars' links are then absolute); `schedule`, every meeting the body
    knows of with what became of it (schedule.py), for its lists and calendars; `bodies`, the bodies
    whose members and officers have pages (people/) and whose open data is published (data/): none in a body's
    folder of a council's site, whose people and data are the council's; `records`, the decisions taken outside
    meetings (decisions/), each with a page.
    """
    made_by = f"boardpack {__version__}"  # a new boardpack may write different pages from the same sources
    site = site_of(packs, [folder_key(templates.html), made_by], council, url, schedule, records)
    lender = PreviousSite(previous)
    meetings = [meeting_pages(site, editions, decisions or {}, lender) for editions in packs]
    notices, downloads = notice_pages(site, notice)
    data_pages, data_files = open_data(site, bodies, today) if bodies else ([], [])
    pages = [
        *forward_plan_pages(site, plan, notice is not None),
        *(people_pages(site, bodies, today) if bodies else []),
        *data_pages,
        *notices,
        *record_pages(site),
        index_page(site, meetings, today, plan is not None),
        *([search_page(site)] if council is None else []),
    ]
    writer = SiteWriter(out, templates)
    writer.copy(templates.html / "style.css")
    writer.copy(_tables_script(templates))
    for meeting in meetings:
        writer.meeting(meeting)
    writer.pages_record()
    for download in [*downloads, *subscriptions(site, packs, decisions or {}), *data_files]:
        writer.download(download)
    for page in pages:
        writer.page(page)
    return writer.written


def write_council(
    name: str, lang: str, bodies: list[Body], templates: Templates, out: Path, today: dt.date, url: str = ""
) -> list[Path]:
    """Write the council's own pages and subscriptions into `out`, above the folders of its bodies' sites (the site
    published at `url`, when known)."""
    writer = SiteWriter(out, templates)
    writer.copy(templates.html / "style.css")
    writer.copy(_tables_script(templates))
    pages, downloads = council_pages(name, lang, bodies, today, url)
    for download in [*council_subscriptions(name, bodies, url), *downloads]:
        writer.download(download)
    for page in pages:
        writer.page(page)
    return writer.written


def _tables_script(templates: Templates) -> Path:
    """tables.js, which marks the table boxes that really scroll: the board's own, or boardpack's for a board whose
    templates/html was copied before there was one."""
    own = templates.html / "tables.js"
    return own if own.exists() else shipped_templates() / "html" / "tables.js"
