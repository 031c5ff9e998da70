"""The web edition's open data: static JSON in the Popolo / Open Civic Data shape under data/, with its JSON
Schemas (draft 2020-12) in data/schema/ and a page saying what each file holds.

people.json (persons), organizations.json (the bodies, and the council they belong to), memberships.json,
events.json (meetings, with their public agenda items and their members' attendance) and votes.json (the decisions
as motions, and the vote events of those whose votes were recorded). Public fields only: an exempt minute's decision
is its public summary alone, with no vote, as the public decision list prints it; an exempt agenda item is its public
title; a sensitive interest is shown only to exist (Localism Act 2011 s.32(2)). Nothing depends on the clock, so the
files are byte-for-byte the same for the same sources.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ...assemble.minutes import as_confirmed
from ...document.markdown import markdown_plain
from ...members import meetings_of
from ...model import Decision, Minutes, Votes
from ...wording import long_date
from .dataschema import SCHEMAS
from .feeds import LONDON, times
from .pages import Body, Context, Download, Page, Site, _page
from .people import people, slug

FOLDER = "data"
FILES = ["people", "organizations", "memberships", "events", "votes"]
OPTION = {"for": "yes", "against": "no", "abstained": "abstain"}  # Popolo's vote options


def open_data(site: Site, bodies: list[Body], today: dt.date) -> tuple[list[Page], list[Download]]:
    """The open data's page, its five JSON files and their schemas."""
    return open_data_of(site, people(bodies, today), [data_of(body, today) for body in bodies])


def data_of(body: Body, today: dt.date) -> Context:
    """What the body gives the open data, as plain values (JSON): itself (and the council it belongs to), its meetings
    and its decisions; people are named, their ids given by `open_data_of` (a person's id is unique among every
    body's people)."""
    unnamed = _Unnamed()
    motions, vote_events = _decisions(body, unnamed)
    return {
        "name": body.name,
        "organizations": _organizations([body]),
        "events": _events(body, unnamed, today),
        "motions": motions,
        "vote_events": vote_events,
    }


class _Unnamed(dict[str, str]):
    """People's ids before they are known: "" for each (`_identified` gives them)."""

    def __missing__(self, name: str) -> str:
        return ""


def open_data_of(site: Site, everyone: list[Context], bodies: list[Context]) -> tuple[list[Page], list[Download]]:
    """The open data's page, its five JSON files and their schemas, of `everyone` (`people`) and of the `bodies`
    (each body's `data_of`)."""
    ids = {record["name"]: record["slug"] for record in everyone}
    organizations: dict[str, Context] = {}
    events, motions, vote_events = [], [], []
    for body in bodies:
        *parents, own = body["organizations"]
        for parent in parents:
            organizations.setdefault(parent["id"], parent)
        organizations[own["id"]] = own
        events += body["events"]
        motions += body["motions"]
        vote_events += body["vote_events"]
    _identified(events, vote_events, ids)
    folders = {body["name"]: slug(body["name"]) for body in bodies}
    data: dict[str, Any] = {
        "people": {"persons": [_person(record, folders) for record in everyone]},
        "organizations": {"organizations": list(organizations.values())},
        "memberships": {
            "memberships": [_membership(record["slug"], on) for record in everyone for on in record["bodies"]]
        },
        "events": {"events": events},
        "votes": {"motions": motions, "vote_events": vote_events},
    }
    downloads = [
        Download(f"{FOLDER}/{name}.json", _json({"$schema": f"schema/{name}.schema.json", **data[name]}))
        for name in FILES
    ]
    downloads += [Download(f"{FOLDER}/schema/{name}.schema.json", _json(SCHEMAS[name])) for name in FILES]
    counts = {name: len(next(iter(data[name].values()))) for name in FILES} | {"vote_events": len(vote_events)}
    page = _page(site, f"{FOLDER}/index.html", "open_data.html", "Open data", indexed=False, counts=counts)
    return [page], downloads


def _identified(events: list[Context], vote_events: list[Context], ids: dict[str, str]) -> None:
    """Each attendance's and recorded vote's person id, by their name."""
    for event in events:
        for entry in event["participants"]:
            entry["person_id"] = ids[entry["name"]]
    for vote_event in vote_events:
        for vote in vote_event.get("votes", []):
            vote["voter_id"] = ids.get(vote["voter_name"], slug(vote["voter_name"]))


def _json(value: Any) -> Any:
    text = json.dumps(value, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    return lambda: text.encode("utf-8")


def organization_id(body: Body) -> str:
    return slug(body.name)


def _organizations(bodies: list[Body]) -> list[Context]:
    """Each body, and the council (or other organisation) it belongs to when board.yaml names one."""
    found: dict[str, Context] = {}
    for body in bodies:
        board = body.papers.board.value
        parent = slug(board.organisation) if board.organisation else None
        if board.organisation and parent not in found:
            found[parent or ""] = {"id": parent, "name": board.organisation, "classification": "council"}
        found[organization_id(body)] = {
            "id": organization_id(body),
            "name": board.name,
            "classification": board.kind,
            **({"parent_id": parent} if parent else {}),
            "links": [{"url": "../" + body.path("index.html"), "note": "the body's meetings"}],
        }
    return list(found.values())


def _person(record: Context, folders: dict[str, str]) -> Context:
    """A person as Popolo has them, with their public register of interests and the declarations they made (`folders`:
    each body's organisation id by its name)."""
    return {
        "id": record["slug"],
        "name": record["name"],
        "links": [{"url": f"../{record['page']}", "note": "the person's page"}],
        "interests": [
            {"organization_id": folders[r["body"]], "withheld": True}
            if r["withheld"]
            else {
                "organization_id": folders[r["body"]],
                "withheld": False,
                "kind": r["kind"],
                "interest": r["interest"],
                "registered": r["date"],
            }
            for r in record["register"]
            if r["record"] == "registered"
        ],
        "dispensations": [
            {"organization_id": folders[r["body"]], "scope": r["interest"], "detail": r["detail"]}
            for r in record["register"]
            if r["record"] == "dispensation"
        ],
        "declarations": [
            {
                "event_id": f"{folders[d['body']]}/{d['date']}",
                "minute": d["minute"],
                "kind": d["kind"],
                "interest": d["interest"],
                "action": d["action"],
                **({"dispensation": d["dispensation"]} if d["dispensation"] else {}),
            }
            for d in record["declarations"]
        ],
    }


def _membership(person: str, on: Context) -> Context:
    found = {
        "id": f"{slug(on['body'])}/{person}",
        "person_id": person,
        "organization_id": slug(on["body"]),
        "role": on["role"],
        "label": on["description"],
    }
    return found | ({"start_date": on["member_since"]} if on["member_since"] else {})


def _events(body: Body, ids: dict[str, str], today: dt.date) -> list[Context]:
    """The body's meetings: each with an agenda (its public pack: time, venue, public agenda items) and each with
    minutes only (its date, and its members' attendance), in date order."""
    packs = {editions[0][0].date: editions[0][0] for editions in body.packs}
    minutes = {date: loaded.value for date, loaded in body.papers.minutes.items()}
    org = organization_id(body)
    events = []
    for date in sorted({*packs, *minutes}):
        event: Context = {
            "id": f"{org}/{date.isoformat()}",
            "name": f"{body.name}: meeting of {long_date(date)}",
            "classification": "meeting",
            "organization_id": org,
            "start_date": date.isoformat(),
            "timezone": LONDON,
            "status": "passed" if date < today else "confirmed",
            "links": [],
            "agenda": [],
            "participants": _attendance(body, minutes.get(date), ids),
        }
        pack = packs.get(date)
        if pack is not None:
            start, end = times(pack)
            event["start_date"] = start.isoformat()
            if end is not None:
                event["end_date"] = end.isoformat()
            event["location"] = {"name": pack.data["front"]["venue"]}
            event["links"].append({"url": "../" + body.path(f"{date.isoformat()}/index.html"), "note": "papers"})
            event["agenda"] = [
                {
                    "order": order,
                    "identifier": row["number"],
                    "description": row["title"],
                    **({"exempt": row["exempt"]} if row["exempt"] else {}),
                }
                for order, row in enumerate(
                    (row for section in pack.data["documents"][0]["sections"] for row in section["items"]), 1
                )
            ]
        events.append(event)
    return events


def _attendance(body: Body, record: Minutes | None, ids: dict[str, str]) -> list[Context]:
    """Each member's attendance as the meeting's minutes record it (none before its minutes are written)."""
    if record is None:
        return []
    found = []
    for person in body.papers.board.value.people:
        for meeting in meetings_of(person, [record], body.papers.board.value) if person.member else []:
            if meeting.presence == "not recorded":
                continue
            entry: Context = {"person_id": ids[person.name], "name": person.name, "attendance": meeting.presence}
            if meeting.substitute:
                entry["substitute"] = meeting.substitute
            found.append(entry)
    return found


def _decisions(body: Body, ids: dict[str, str]) -> tuple[list[Context], list[Context]]:
    """The body's decisions as Popolo motions (as the public decision list prints each: an exempt minute's, its
    public summary alone) and the vote events of the public ones whose votes were recorded."""
    org = organization_id(body)
    motions, vote_events = [], []
    for date, loaded in sorted(body.papers.minutes.items()):
        minutes = as_confirmed(body.papers, loaded.value, dt.date.max)  # as the decision list prints them
        event = f"{org}/{date.isoformat()}"
        for minute in minutes.items:
            for n, decision in enumerate(minute.decisions, 1):
                motion: Context = {
                    "id": f"{event}/{minute.number}/{n}",
                    "organization_id": org,
                    "event_id": event,
                    "identifier": f"minute {minute.number}" + (f" ({n})" if len(minute.decisions) > 1 else ""),
                    "classification": "resolution",
                    "date": (decision.date or date).isoformat(),
                }
                if minute.exempt is not None:
                    motion |= {
                        "title": minute.exempt.public_title or "Exempt item",
                        "text": decision.public_summary or "",
                        "exempt_paragraph": minute.exempt.paragraph,
                        "result": "pass",
                    }
                    motions.append(motion)
                    continue
                motion |= _public_motion(minute.title, decision)
                motions.append(motion)
                if decision.votes is not None:
                    vote_events.append(_vote_event(motion, decision.votes, ids))
    return motions, vote_events


def _public_motion(title: str, decision: Decision) -> Context:
    found: Context = {
        "title": title,
        "text": markdown_plain(decision.resolved),
        "result": _result(decision.votes) if decision.votes else "pass",
    }
    for key, value in (
        ("reasons", markdown_plain(decision.reasons)),
        ("alternatives", markdown_plain(decision.alternatives)),
        ("decision_maker", decision.decision_maker or ""),
    ):
        if value:
            found[key] = value
    return found


def _result(votes: Votes) -> str:
    """Carried when more voted for than against, or when equal and the Chair's casting vote was for."""
    carried = votes.for_ > votes.against or (votes.for_ == votes.against and votes.casting_vote == "for")
    return "pass" if carried else "fail"


def _vote_event(motion: Context, votes: Votes, ids: dict[str, str]) -> Context:
    event: Context = {
        "id": motion["id"],
        "motion_id": motion["id"],
        "organization_id": motion["organization_id"],
        "event_id": motion["event_id"],
        "start_date": motion["date"],
        "result": _result(votes),
        "counts": [
            {"option": "yes", "value": votes.for_},
            {"option": "no", "value": votes.against},
            {"option": "abstain", "value": votes.abstained},
        ],
    }
    if votes.casting_vote:
        event["casting_vote"] = OPTION[votes.casting_vote]
    if votes.recorded is not None:
        event["votes"] = [
            {"voter_id": ids.get(name, slug(name)), "voter_name": name, "option": OPTION[key]}
            for key, names in (
                ("for", votes.recorded.for_),
                ("against", votes.recorded.against),
                ("abstained", votes.recorded.abstained),
            )
            for name in names
        ]
    return event
