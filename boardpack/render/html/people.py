"""The web edition's people pages: one per member and officer of the bodies the site serves, and their index.

People are merged by name across bodies (a councillor sits on several): each page gives their bodies and roles
(board.yaml), their attendance meeting by meeting with its totals (the minutes), the declarations of interest they
made at meetings (the public minutes: never an exempt minute's), and the register of interests and dispensations as
at the site's day, public fields only (a sensitive interest is shown only to exist: Localism Act 2011 s.32(2)).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ...members import PRESENCE, WITHHELD, declarations, interest_records, meetings_of, totals
from ...model import DECLARED_ACTIONS, Person
from ...wording import long_date, unique_name
from .pages import Body, Context, Page, Site, _page, site_of

FOLDER = "people"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def slug(name: str) -> str:
    """A person's page name: "Paul O'Sullivan" -> "paul-osullivan" (apostrophes and accents dropped)."""
    plain = unicodedata.normalize("NFKD", re.sub("['\u2019]", "", name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "person"


def role_on(body: Body, person: Person) -> str:
    """The person's role on the body, as a membership list names it."""
    board = body.papers.board.value
    if person.name == board.chair:
        return "Chair"
    if person.name == board.vice_chair:
        return "Vice-chair"
    if person.member:
        return "Member"
    return "Clerk"


def listed(body: Body) -> list[Person]:
    """The body's members and officers, in board.yaml's order: every member, and the clerk when board.yaml names
    them among its people (a clerk named by post has no page)."""
    board = body.papers.board.value
    return [p for p in board.people if p.member or p.name == board.clerk.name]


def people(bodies: list[Body], today: dt.date) -> list[Context]:
    """Every member and officer of the bodies, merged by name, in order of first appearance, each with their page
    (by a slug unique among them), bodies and roles, attendance, declarations and register as at `today`."""
    return merged_people([memberships(body, today) for body in bodies])


def memberships(body: Body, today: dt.date) -> list[Context]:
    """The body's members and officers, each by name with their membership (`_membership`): plain values (JSON),
    what a council's people pages take from the body."""
    links, declared = _meeting_links(body), declarations(body.papers, dt.date.max)
    return [{"name": person.name, "on": _membership(body, person, today, links, declared)} for person in listed(body)]


def merged_people(bodies: list[list[Context]]) -> list[Context]:
    """The people of the bodies (each body's `memberships`), merged by name as `people` gives them."""
    found: dict[str, Context] = {}
    taken = {"index"}  # people/index.html is the index
    for body in bodies:
        for entry in body:
            name = entry["name"]
            if name not in found:
                page = unique_name(slug(name), taken)
                found[name] = {"name": name, "slug": page, "page": f"{FOLDER}/{page}.html", "bodies": []}
            found[name]["bodies"].append(dict(entry["on"]))
    for record in found.values():
        record["member"] = any(b["member"] for b in record["bodies"])
        record["declarations"] = [d for b in record["bodies"] for d in b.pop("declarations")]
        record["register"] = [r for b in record["bodies"] for r in b.pop("register")]
    return list(found.values())


def _membership(body: Body, person: Person, today: dt.date, links: dict[str, str], declared: list[Context]) -> Context:
    """The person on one body: role, attendance, declarations (of those `declared` at its meetings) and the
    register entries the body holds; `links`, the page publishing each meeting's record."""
    papers = body.papers
    minutes = [loaded.value for loaded in papers.minutes.values()]
    meetings = meetings_of(person, minutes, body.papers.board.value) if person.member else []
    return {
        "body": body.name,
        "folder": body.folder,
        "home": body.path("index.html"),
        "role": role_on(body, person),
        "description": ", ".join(part for part in (person.role, person.authority or "") if part),
        "member": person.member,
        "member_since": person.member_since.isoformat() if person.member_since else "",
        "member_since_long": long_date(person.member_since) if person.member_since else "",
        "meetings": [
            {
                "date": m.date.isoformat(),
                "long_date": long_date(m.date),
                "link": links.get(m.date.isoformat(), ""),
                "presence": m.presence,
                "shown": PRESENCE[m.presence],
                "substitute": m.substitute or "",
                "arrived": m.arrived or "",
                "left": m.left or "",
            }
            for m in meetings
        ],
        "totals": totals(meetings),
        "declarations": [
            {
                **d,
                "body": body.name,
                "long_date": long_date(dt.date.fromisoformat(d["date"])),
                "link": links.get(d["date"], ""),
                "did": DECLARED_ACTIONS[d["action"]],
            }
            for d in declared
            if d["member"] == person.name and person.member
        ],
        "register": [
            {
                **r,
                "body": body.name,
                "withheld": r["interest"] == WITHHELD and not r["kind"],
                "long_date": long_date(dt.date.fromisoformat(r["date"])) if r["date"] else "",
                "detail": ISO_DATE.sub(lambda day: long_date(dt.date.fromisoformat(day[0])), r["detail"]),
            }
            for r in interest_records(papers, person.name, today, public=True)
            if r["record"] != "declared" and person.member
        ],
    }


def _meeting_links(body: Body) -> dict[str, str]:
    """The page, from the site's root, that publishes each meeting's record: its own page, or (a meeting with
    minutes but no agenda in the repository) the item page of the later meeting that carries its minutes."""
    site: Site = site_of(body.packs, [])
    links = {date: body.path(page.removeprefix("../")) for date, page in site.minutes.items()}
    links |= {date.isoformat(): body.path(f"{date.isoformat()}/index.html") for date in body.papers.agendas}
    return links


def people_pages(site: Site, bodies: list[Body], today: dt.date) -> list[Page]:
    """The people index and a page per person (see `people`), under people/."""
    return people_pages_of(
        site, people(bodies, today), [(body.name, body.path("index.html")) for body in bodies], today
    )


def people_pages_of(site: Site, everyone: list[Context], bodies: list[tuple[str, str]], today: dt.date) -> list[Page]:
    """The people index and a page per person of `everyone` (`people`), with the `bodies` by name and home page."""
    by_body = [
        {
            "name": name,
            "home": home,
            "people": [
                {**record, "on": next(b for b in record["bodies"] if b["body"] == name)}
                for record in everyone
                if any(b["body"] == name for b in record["bodies"])
            ],
        }
        for name, home in bodies
    ]
    pages = [_page(site, f"{FOLDER}/index.html", "people.html", "People", indexed=False, bodies=by_body)]
    pages += [
        _page(site, record["page"], "person.html", record["name"], person=record, as_at=long_date(today))
        for record in everyone
    ]
    return pages
