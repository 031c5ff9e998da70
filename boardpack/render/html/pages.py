"""The web edition's generators: one for each kind of page, each returning its pages (template and
context) and the files they offer, built whole before the writer writes any of them.

A meeting's generator makes its home page, a page per item, the action log and its decision lists,
with the PDFs they link; or, when nothing it is made from has changed, lends it from the previous site.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import __version__
from ...assemble import Pack, item_groups
from ...assemble.pack import appendix_destination
from ...images import published_image
from ...load import Papers
from ...pdfs import file_sha256
from ...wording import long_date
from .feeds import Listing, atom, calendar, event_json_ld
from .feeds import Meeting as CalendarMeeting
from .reuse import Edition, PreviousSite, Reused, meeting_key
from .statement import CHECKS, ENFORCEMENT, PAGE_KINDS

Context = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """A page of the site: where it goes, the template that renders it, and everything the template shows."""

    path: str  # from the site's root
    template: str
    context: Context


@dataclass(frozen=True)
class Download:
    """A file a page links: its bytes are made only as it is written (a re-encoded image, a calendar)."""

    path: str
    make: Callable[[], bytes]


@dataclass(frozen=True)
class Site:
    """What every page shares."""

    board: str
    lang: str
    minutes: dict[str, str]  # the date of a meeting -> the page that publishes its minutes
    shared: list[str]  # what besides its own sources makes every meeting's pages: board, language, templates, version
    council: Context | None = None  # in a council's site: its name and its home from the body's folder ("../")
    url: str = ""  # the address the site is published at ("https://…/"), when known
    schedule: list[Context] = field(default_factory=list)  # every meeting known, with what became of it
    outside: list[Context] = field(default_factory=list)  # decisions taken outside meetings (decisions/)
    nav: list[Context] = field(default_factory=list)  # the header's links (navigation): only to pages the site has

    def address(self, path: str) -> str:
        """A file's address: absolute when the site's is known, else relative to the site's root."""
        return self.url + path


@dataclass(frozen=True)
class Body:
    """A body the site serves: its name, its folder in the site ("" when the site is the body's own), its checked
    papers, the public packs of its meetings as its pages show them (each meeting's first, as write_site has them),
    its public decision lists by meeting, every meeting it knows of with what became of it (schedule.py), and each
    meeting with minutes as its pages of outcomes show it (build's `_held`: its minutes, its decisions)."""

    name: str
    folder: str
    papers: Papers
    packs: list[list[Edition]]
    decisions: dict[str, list[Edition]] = field(default_factory=dict)
    schedule: list[Context] = field(default_factory=list)
    held: dict[str, Context] = field(default_factory=dict)
    outside: list[Context] = field(default_factory=list)  # decisions taken outside meetings (decisions/)
    briefings: list[Context] = field(default_factory=list)  # each issue of its briefings: date, page, title

    def path(self, page: str) -> str:
        """A page of the body's, from the site's root."""
        return f"{self.folder}/{page}" if self.folder else page


@dataclass
class Meeting:
    """A meeting's folder of the site: lent from the previous site, or its files and pages to make."""

    folder: str
    key: str
    listed: Context  # as the list of meetings shows it
    reused: Reused | None = None
    downloads: list[Download] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)


# The header's links, in order: whether each page is the body's ("body": from the body's folder) or the whole site's
# ("site": its people, calendar and search, the council's in a council's site), the page it opens (an anchor after
# "#") and its name. A site links only those it has (navigation): a body with no forward plan has no link to one.
NAV = (
    ("body", "index.html", "Meetings"),
    ("body", "forward-plan.html", "Forward plan"),
    ("body", "decisions.html", "Decisions"),
    ("body", "briefings/index.html", "Briefings"),
    ("site", "calendar.html", "Calendar"),
    ("body", "index.html#subscribe", "Subscribe"),
    ("site", "people/index.html", "People"),
    ("body", "accessibility.html", "Accessibility"),
    ("site", "search.html", "Search"),
)


def navigation(body: set[str], site: set[str], home: str = "") -> list[Context]:
    """The header's links to the pages the body has (`body`, from its folder) and the whole site has (`site`, from
    the site's root, which is `home` from the body's folder: "../" in a council's site), in the order of NAV; each
    `href` is from the body's folder."""
    made = {"body": body, "site": site}
    return [
        {"href": (home if scope == "site" else "") + path, "label": label}
        for scope, path, label in NAV
        if path.split("#")[0] in made[scope]
    ]


def site_of(
    packs: list[list[Edition]],
    keys: list[str],
    council: str | None = None,
    url: str = "",
    schedule: list[Context] | None = None,
    outside: list[Context] | None = None,
    nav: list[Context] | None = None,
) -> Site:
    """The site's shared values, from the first meeting's pack; `keys` name the templates and boardpack's version;
    `council`, the council whose site the body's folder is part of; `url`, the site's address, when known;
    `schedule`, every meeting known with what became of it (schedule.py); `nav`, the header's links (every page
    shows them, so a meeting's pages are made again when they change)."""
    data = packs[0][0][0].data if packs else None
    board = data["board_name"] if data else ""
    lang = f"{data['lang']}-{data['region']}" if data else "en-GB"
    home = {"name": council, "home": "../"} if council is not None else None
    known = schedule or []
    links = nav or []
    shared = [board, lang, *keys, council or "", url, json.dumps(known, sort_keys=True), json.dumps(links)]
    return Site(board, lang, _minutes_pages(packs), shared, home, url, known, outside or [], links)


def _minutes_pages(packs: list[list[Edition]]) -> dict[str, str]:
    """The date of each meeting whose minutes a later meeting publishes -> the item page that shows them."""
    pages = {}
    for [(pack, _), *_] in packs:
        for item in item_groups(pack)[0]:
            for doc in item["documents"]:
                if doc["kind"] == "minutes":
                    pages[doc["date"]] = f"../{pack.date.isoformat()}/{item['slug']}.html"
    return pages


# The kinds of document search filters by (Pagefind's "kind" filter), by the kind of document a page shows; a PDF
# appendix's text is its own search record (search.appendix_records), so an item page is not an "Appendix".
SEARCH_KINDS = {
    "cover_sheet": "Report",
    "report": "Report",
    "minutes": "Minutes",
    "action_log": "Action log",
    "tracker": "Tracker",
    "decisions": "Decisions",
}


def search_kinds(documents: list[Context]) -> list[str]:
    """The kinds of document search may filter a page by, once each, in the order the page shows them."""
    return list(dict.fromkeys(SEARCH_KINDS[doc["kind"]] for doc in documents if doc["kind"] in SEARCH_KINDS))


def _page(site: Site, path: str, template: str, title: str, indexed: bool = True, **context: Any) -> Page:
    """`indexed`: searchable (Pagefind); the list of meetings and the search page are not. `search_kinds`, in
    `context`: the kinds of document search may filter the page by."""
    return Page(
        path,
        template,
        {
            "root": "../" * path.count("/"),
            "here": path,
            "nav": site.nav,
            "lang": site.lang,
            "board": site.board,
            "title": title,
            "indexed": indexed,
            "search_kinds": [],
            "council": site.council,
            "canonical": site.address(path) if site.url else "",
            **context,
        },
    )


def meeting_pages(
    site: Site,
    editions: list[Edition],
    decisions: dict[str, list[Edition]],
    previous: PreviousSite,
    outcomes: Context | None = None,
) -> Meeting:
    """A meeting's folder: its public pack first in `editions`, then the other editions of it. `outcomes`: what
    its pages show of what was decided (see NO_OUTCOMES)."""
    pack = editions[0][0]
    folder = pack.date.isoformat()
    decided = decisions.get(folder, [])
    shown = outcomes or NO_OUTCOMES
    key = meeting_key(pack, editions, decided, site.minutes.get(folder, ""), site.shared, shown)
    reused = previous.reusable(folder, key)
    if reused is not None:
        return Meeting(
            folder, key, {"date": folder, "long_date": long_date(pack.date), "front": pack.data["front"]}, reused
        )
    return _made(site, editions, decided, folder, key, shown)


# What a meeting's pages show of outcomes: under each item (by number) its minute's decisions and link, its own
# minutes as known today (None before they are written) and their decision lists, and the pages of the actions and
# tracker rows its action log and trackers link.
NO_OUTCOMES: Context = {"items": {}, "held": None, "lists": [], "links": {"actions": {}, "trackers": {}}}


def _made(
    site: Site, editions: list[Edition], decided: list[Edition], folder: str, key: str, shown: Context
) -> Meeting:
    pack = editions[0][0]
    items, loose = item_groups(pack)
    agenda = pack.data["documents"][0]
    titles = {row["number"]: row["title"] for section in agenda["sections"] for row in section["items"]}
    for item in items:
        item["title"] = titles.get(item["number"], item["number"])
    pdfs, downloads = _editions(folder, editions)
    foreign = appendix_links(editions)
    fate = next((entry for entry in site.schedule if entry["date"] == folder), {})
    decision_files, decision_pages = _decision_lists(folder, decided)
    meeting = {
        "date": folder,
        "long_date": long_date(pack.date),
        "front": pack.data["front"],
        "decisions": decision_pages,
        "agenda": agenda,
        "items": items,
        "loose": loose,
        "downloads": downloads,
        "minutes": site.minutes.get(folder, "") or ("minutes.html" if shown["held"] else ""),
        "outcomes": shown["items"],
        "held": shown["held"],
        "lists": shown["lists"],
        "links": shown["links"],
        "foreign": foreign,
        "appendices": {
            item["number"]: [foreign[doc["id"]] for doc in item["documents"] if doc["id"] in foreign] for item in items
        },
        "item_links": {item["number"]: f"{item['slug']}.html" for item in items},
        "cancelled": fate["note"] if fate.get("status") == "cancelled" else "",
        "event": event_json_ld(
            pack,
            site.board,
            site.address(f"{folder}/index.html") if site.url else "",
            fate.get("status", ""),
            fate.get("planned", ""),
        ),
    }
    ics = Download(
        f"{folder}/meeting.ics",
        lambda: calendar(
            site.board,
            [
                _occasion(
                    site.board,
                    site.schedule,
                    folder,
                    pack,
                    site.address(f"{folder}/index.html") if site.url else "index.html",
                )
            ],
        ),
    )
    files = pdfs + _images(folder, pack) + decision_files + [ics]
    return Meeting(folder, key, meeting, None, files, _pages(site, meeting))


def _pages(site: Site, meeting: Context) -> list[Page]:
    """The meeting's home page, then its action log, its items, its decision lists and minutes as confirmed."""
    folder = meeting["date"]
    pages = [
        _page(
            site,
            f"{folder}/index.html",
            "meeting.html",
            f"Meeting of {meeting['long_date']}",
            meeting=meeting,
            search_kinds=["Agenda"],
        )
    ]
    if meeting["loose"]:
        pages.append(
            _page(
                site,
                f"{folder}/actions.html",
                "documents.html",
                "Action log",
                meeting=meeting,
                documents=meeting["loose"],
                search_kinds=search_kinds(meeting["loose"]),
            )
        )
    pages += [
        _page(
            site,
            f"{folder}/{item['slug']}.html",
            "documents.html",
            f"{item['number']} {item['title']}",
            meeting=meeting,
            documents=item["documents"],
            outcome=meeting["outcomes"].get(item["number"]),
            anchor=item["slug"],
            search_kinds=search_kinds(item["documents"]),
        )
        for item in meeting["items"]
    ]
    if meeting["held"]:
        pages.append(
            _page(
                site,
                f"{folder}/minutes.html",
                "minutes.html",
                f"Minutes of the meeting of {meeting['long_date']}",
                indexed=folder not in site.minutes,  # minutes a later meeting prints are searched there, not twice
                held=meeting["held"],
                meeting=meeting,
                lists=meeting["lists"],
                elsewhere=None,
            )
        )
    pages += [
        _page(
            site,
            f"{folder}/{listed['page']}",
            "documents.html",
            listed["heading"],
            # minutes as confirmed are searched on the item page that prints them (as known today), not twice
            indexed=listed["doc"]["kind"] != "minutes",
            meeting=meeting,
            documents=[listed["doc"]],
            search_kinds=search_kinds([listed["doc"]]),
        )
        for listed in meeting["decisions"]
    ]
    return pages


def _editions(folder: str, editions: list[Edition]) -> tuple[list[Download], list[Context]]:
    """The PDFs of the pack (none in a preview) and how the meeting's page offers each."""
    files, offered = [], []
    for pack, data in editions:
        if not data:
            continue  # a preview: no PDF rendered
        files.append(Download(f"{folder}/{pack.filename}", _given(data)))
        publication = pack.data.get("publication")
        offered.append(
            {
                "name": _edition(pack),
                "file": pack.filename,
                "size": _megabytes(data),
                "published": long_date(dt.date.fromisoformat(publication["date"])) if publication else "",
                "commit": publication["commit"] if publication else "",
                "date": publication["date"] if publication else "",
            }
        )
    return files, offered


def _edition(pack: Pack) -> str:
    """'Public Document Pack', 'Supplementary Public Document Pack 1 in large print'."""
    name = f"Supplementary Public Document Pack {pack.supplement}" if pack.supplement else "Public Document Pack"
    return name + (" in large print" if pack.large_print else "")


def appendix_links(editions: list[Edition]) -> dict[str, Context]:
    """Where the web edition offers each PDF appendix its pages show (by its document id in the first edition's
    pack): inside the public pack that lays it in, at its named destination, never as a file of its own (the same
    bytes stored twice). The pack is the latest standard (not large-print) edition that lays in the appendix's
    bytes, else the meeting's pack. Each gives the link (`href`: "" in a preview, which renders no PDF to link) and,
    in the link's `text`, the pack's name and size and the appendix's pages."""
    pack = editions[0][0]
    standard = [(made, data) for made, data in editions[1:] if data and not made.large_print]
    links = {}
    for doc in pack.data["documents"]:
        if doc["kind"] != "foreign" or doc["id"] not in pack.foreign:
            continue
        # The PDFs that may lay it in, latest first, each with its own appendices by id (a published meeting's
        # pages show its latest sources, whose ids may differ from those of the pack as first published).
        candidates = [(made, data, made.foreign) for made, data in reversed(standard)]
        if pack.offered is not None:
            candidates.append((pack, editions[0][1], pack.offered))
        bytes_of = file_sha256(Path(pack.foreign[doc["id"]])) if candidates else ""
        made, data, doc_id = next(
            (
                (made, data, doc_id)
                for made, data, files in candidates
                for doc_id, path in files.items()
                if file_sha256(Path(path)) == bytes_of
            ),
            (pack, editions[0][1], doc["id"]),
        )
        where = "the meeting's pack" if made is pack else f"Supplementary Public Document Pack {made.supplement}"
        count = len(doc["pages"])
        pages = f"{count} page{'s' * (count != 1)}"
        links[doc["id"]] = {
            "heading": doc["heading"],
            "href": f"{made.filename}#nameddest={appendix_destination(doc_id)}" if data else "",
            # what a phone's reader will download, said in the link itself (meaningful out of context)
            "text": f"{doc['heading']} (in {where}, " + (f"PDF, {_megabytes(data)}, " if data else "") + f"{pages})",
        }
    return links


def _images(folder: str, pack: Pack) -> list[Download]:
    """The pack's pictures: the pixels, never the file's metadata."""
    return [Download(f"{folder}/{name}", _published(Path(source))) for name, source in pack.images.items()]


def _decision_lists(folder: str, decided: list[Edition]) -> tuple[list[Download], list[Context]]:
    """The meeting's public decision lists, and minutes as confirmed and signed: their PDFs and a page for each."""
    files, pages = [], []
    for pack, data in decided:
        if data:
            files.append(Download(f"{folder}/{pack.filename}", _given(data)))
        [doc] = [d for d in pack.data["documents"] if d["kind"] in ("decisions", "minutes")]
        pages.append(
            {
                "page": f"{doc['kind']}-{pack.date.isoformat()}.html",
                "file": pack.filename if data else "",
                "heading": doc["heading"] + (" (confirmed and signed)" if doc["kind"] == "minutes" else ""),
                "doc": doc,
                "size": _megabytes(data),
            }
        )
    return files, pages


def _megabytes(data: bytes) -> str:
    """A file's size as a download link gives it: "2.4 MB", "58 KB" (a small decision list is not "0.0 MB")."""
    size = len(data)
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def _given(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _published(source: Path) -> Callable[[], bytes]:
    return lambda: published_image(source)


def forward_plan_pages(
    site: Site, plan: list[dict[str, Any]] | None, today: dt.date, notice: bool = False
) -> list[Page]:
    """The forward plan's page, when the site has a plan (`notice`: linking the Notice of Key Decisions): its meetings
    dated from `today` on as coming, those dated before it as past dates with no minutes yet."""
    if plan is None:
        return []
    coming = [meeting for meeting in plan if meeting["date"] >= today.isoformat()]
    past = [meeting for meeting in plan if meeting["date"] < today.isoformat()]
    return [
        _page(
            site,
            "forward-plan.html",
            "forward_plan.html",
            "Forward plan",
            coming=coming,
            past=past,
            plan=plan,  # all of them, as a board's forward_plan.html written before coming and past were had them
            notice=notice,
            search_kinds=["Forward plan"],
        )
    ]


def notice_pages(site: Site, notice: Edition | None) -> tuple[list[Page], list[Download]]:
    """The Notice of Key Decisions: its page, and its PDF (none in a preview), when the forward plan gives notice
    of anything."""
    if notice is None:
        return [], []
    pack, data = notice
    [doc] = [d for d in pack.data["documents"] if d["kind"] == "report"]
    files = [Download(pack.filename, _given(data))] if data else []
    shown = {"body": doc["body"], "file": pack.filename if data else "", "size": _megabytes(data)}
    page = _page(
        site, "notice-of-key-decisions.html", "notice.html", doc["heading"], notice=shown, search_kinds=["Notice"]
    )
    return [page], files


def index_page(
    site: Site,
    meetings: list[Meeting],
    today: dt.date,
    has_plan: bool,
    held: list[Context] | None = None,
    has_records: bool = False,
) -> Page:
    """The list of meetings: upcoming ones in date order, then past ones, the latest first (`held`: the meetings
    known only by their minutes, each with its date and long date, whose page is their minutes; `has_records`:
    there is a list of actions and recommendations to link)."""
    known = [{**m, "front": None, "minutes_only": True} for m in held or []]
    listed = _with_schedule(site, [meeting.listed for meeting in meetings] + known)
    upcoming = [m for m in listed if m["date"] >= today.isoformat()]
    past = [m for m in reversed(listed) if m["date"] < today.isoformat()]
    return _page(
        site,
        "index.html",
        "index.html",
        "Meetings",
        indexed=False,
        upcoming=upcoming,
        past=past,
        has_plan=has_plan,
        has_records=has_records,
        outside=site.outside,
    )


def _with_schedule(site: Site, listed: list[Context]) -> list[Context]:
    """The meetings with pages, and those of the calendar without an agenda yet, in date order; each with what became
    of it (`status`, `note`) and, for one without a page, its time and place as the calendar gives them."""
    fates = {entry["date"]: entry for entry in site.schedule}
    paged = {m["date"] for m in listed}
    every = [{**m, "status": "scheduled", "note": "", **_fate(fates.get(m["date"]))} for m in listed]
    every += [
        {"date": date, "long_date": entry["long_date"], "front": None, "time": entry["time"], "venue": entry["venue"]}
        | _fate(entry)
        for date, entry in fates.items()
        if date not in paged
    ]
    return sorted(every, key=lambda m: m["date"])


def _fate(entry: Context | None) -> Context:
    return {"status": entry["status"], "note": entry["note"]} if entry else {}


def subscriptions(
    site: Site,
    packs: list[list[Edition]],
    decisions: dict[str, list[Edition]],
    paged: set[str] | None = None,
    briefings: list[Context] | None = None,
) -> list[Download]:
    """The calendar of all the body's meetings and the Atom feed of its publications, decision lists and briefings
    (`briefings`: each issue's date, page and title)."""
    public = [editions[0][0] for editions in packs]
    author = public[0].data["front"]["clerk"] if public else ""
    meetings = calendar_meetings(site.board, site.schedule, public, site.url, paged)
    return [
        Download("calendar.ics", lambda: calendar(site.board, meetings)),
        Download(
            "feed.atom",
            lambda: atom(
                site.board,
                author,
                [Listing(site.board, packs, decisions, outside=site.outside, briefings=briefings or [])],
                site.url,
            ),
        ),
    ]


def calendar_meetings(
    board: str, schedule: list[Context], public: list[Pack], base: str, paged: set[str] | None = None
) -> list[CalendarMeeting]:
    """Every meeting of the body as its calendar lists it: each with an agenda (its public pack) and each planned
    without one yet, with what became of it (`schedule`); each linked to its page under `base` (the body's folder
    from the calendar file, or its address) when it has one (an agenda, or minutes: `paged`), else the body's."""
    packs = {pack.date.isoformat(): pack for pack in public}
    pages = set(packs) | (paged or set())
    dates = sorted({entry["date"] for entry in schedule} | set(packs))
    return [
        _occasion(
            board, schedule, date, packs.get(date), base + (f"{date}/index.html" if date in pages else "index.html")
        )
        for date in dates
    ]


def _occasion(board: str, schedule: list[Context], date: str, pack: Pack | None, link: str) -> CalendarMeeting:
    """The meeting on `date` as a calendar lists it, with what became of it and the link to its page."""
    fate = next((entry for entry in schedule if entry["date"] == date), {})
    planned = fate.get("planned")
    return CalendarMeeting(
        board,
        link,
        dt.date.fromisoformat(date),
        pack,
        dt.date.fromisoformat(planned) if planned and planned != date else None,
        fate.get("status", "scheduled"),
        fate.get("note", ""),
        fate.get("sequence", 0),
        fate.get("start"),
        fate.get("venue"),
    )


def outside_pages(site: Site) -> list[Page]:
    """A page for each decision taken outside a meeting, by an executive member or an officer, with its record."""
    return [
        _page(
            site,
            f"decisions/{record['slug']}.html",
            "decision_record.html",
            record["title"],
            record=record,
            search_kinds=["Decisions"],
        )
        for record in site.outside
    ]


def search_page(site: Site) -> Page:
    return _page(site, "search.html", "search.html", "Search", indexed=False, indexes=[""])


def accessibility_page(site: Site, bodies: list[tuple[str, list[list[Edition]]]], today: dt.date) -> Page:
    """The accessibility statement (Accessibility Regulations 2018) of a body's site, or of a council's for all its
    bodies (each `bodies` entry: its folder from the page, "" for a body's own, and its packs): the status, the
    content that is not accessible (each PDF appendix made by others whose copy on the site is untagged; a tagged
    one, not checked), whom to ask for another format (each body's clerk, as its latest meeting's front sheet names
    them), the enforcement procedure, and what the tests prove."""
    return accessibility_page_of(site, [accessible(folder, packs) for folder, packs in bodies], today)


def accessible(folder: str, packs: list[list[Edition]]) -> Context:
    """What a body gives the accessibility statement, as plain values (JSON): each of its PDF appendices made by
    others, where the site offers it (in the meeting's public pack, see appendix_links), whether it keeps tags there
    (its source is tagged), and whom to ask for another format (None: it has no meetings)."""
    prefix = f"{folder}/" if folder else ""
    appendices, contact = [], None
    for editions in packs:
        pack = editions[0][0]
        links = appendix_links(editions)
        for doc in pack.data["documents"]:
            if doc["id"] in links:
                link = links[doc["id"]]
                appendices.append(
                    {
                        "heading": doc["heading"],
                        "meeting": long_date(pack.date),
                        "body": pack.data["board_name"],
                        "href": f"{prefix}{pack.date.isoformat()}/{link['href']}" if link["href"] else "",
                        "text": link["text"],
                        "tagged": doc["tagged"],
                    }
                )
    if packs:
        data = packs[-1][0][0].data
        front = data["front"]
        contact = {"body": data["board_name"], **{key: front.get(key, "") for key in ("clerk", "phone", "email")}}
    return {"appendices": appendices, "contact": contact}


def accessibility_page_of(site: Site, bodies: list[Context], today: dt.date) -> Page:
    """The accessibility statement (see `accessibility_page`) of the bodies, each as `accessible` gives it."""
    appendices = [appendix for body in bodies for appendix in body["appendices"]]
    contacts = [body["contact"] for body in bodies if body["contact"] is not None]
    return _page(
        site,
        "accessibility.html",
        "accessibility.html",
        "Accessibility statement",
        indexed=False,
        compliance="partially" if any(not shown["tagged"] for shown in appendices) else "fully",
        appendices=appendices,
        contacts=contacts,
        checks=[{"claim": claim, "tests": tests} for claim, tests in CHECKS],
        kinds=PAGE_KINDS,
        enforcement=ENFORCEMENT,
        prepared=long_date(today),
        made_by=f"boardpack {__version__}",
    )
