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
from .pages import (
    accessibility_page,
    forward_plan_pages,
    index_page,
    meeting_pages,
    navigation,
    notice_pages,
    search_page,
    site_of,
    subscriptions,
)
from .reuse import Edition, PreviousSite, folder_key
from .search import appendix_records
from .writer import SiteWriter

__all__ = ["Edition", "appendix_records", "write_site"]


def write_site(
    packs: list[list[Edition]],
    templates: Templates,
    out: Path,
    today: dt.date,
    decisions: dict[str, list[Edition]] | None = None,
    plan: list[dict[str, Any]] | None = None,
    previous: Path | None = None,
    notice: Edition | None = None,
) -> list[Path]:
    """Write the whole site into `out` (a fresh folder); return the files written. A meeting whose pages
    would be made from exactly what made them in the `previous` site is linked from there, not made again.

    `packs` holds, for each meeting, its public pack and then the same pack in large print (once published:
    then each supplementary pack, and it in large print);
    `decisions`, by meeting date, the public decision lists its page links; `plan`, the forward plan's
    meetings (each with its items), for its page; `notice`, the Notice of Key Decisions and its PDF.
    """
    made_by = f"boardpack {__version__}"  # a new boardpack may write different pages from the same sources
    made = {"index.html", "search.html", "accessibility.html", *(["forward-plan.html"] if plan is not None else [])}
    site = site_of(packs, [folder_key(templates.html), made_by], navigation(made))
    lender = PreviousSite(previous)
    meetings = [meeting_pages(site, editions, decisions or {}, lender) for editions in packs]
    notices, downloads = notice_pages(site, notice)
    pages = [
        *forward_plan_pages(site, plan, today, notice is not None),
        *notices,
        index_page(site, meetings, today, plan is not None),
        search_page(site),
        accessibility_page(site, packs, today, made_by),
    ]
    writer = SiteWriter(out, templates)
    writer.copy(templates.html / "style.css")
    writer.copy(_tables_script(templates))
    for meeting in meetings:
        writer.meeting(meeting)
    writer.pages_record()
    for download in [*downloads, *subscriptions(site, packs, decisions or {})]:
        writer.download(download)
    for page in pages:
        writer.page(page)
    return writer.written


def _tables_script(templates: Templates) -> Path:
    """tables.js, which marks the table boxes that really scroll: the board's own, or boardpack's for a board whose
    templates/html was copied before there was one."""
    own = templates.html / "tables.js"
    return own if own.exists() else shipped_templates() / "html" / "tables.js"
