"""The JSON Schemas (draft 2020-12) of the web edition's open data, shipped beside it in data/schema/.

Each file is one object: its `$schema` (the schema's path, relative to the file) and one or two lists of Popolo
objects, closed to properties the schema does not name, every property described.
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
Schema = dict[str, Any]

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATE_OR_TIME = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$",
    "description": "a date, or a date and time with its offset from UTC (ISO 8601)",
}
ID = {"type": "string", "minLength": 1}
TEXT = {"type": "string"}


def _described(schema: Schema, description: str) -> Schema:
    return {**schema, "description": description}


def _object(about: str, required: list[str], /, **properties: Schema) -> Schema:
    """A closed object: only the properties named, those in `required` always present."""
    return {
        "type": "object",
        "description": about,
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def _list_of(items: Schema, description: str) -> Schema:
    return {"type": "array", "description": description, "items": items}


def _file(title: str, description: str, lists: dict[str, Schema]) -> Schema:
    return {
        "$schema": DRAFT,
        "title": title,
        "description": description,
        "type": "object",
        "required": ["$schema", *lists],
        "additionalProperties": False,
        "properties": {
            "$schema": _described(TEXT, "the path of this schema, relative to the file"),
            **lists,
        },
    }


LINK = _object(
    "a link (Popolo)",
    ["url", "note"],
    url=_described(TEXT, "the page, relative to this file"),
    note=_described(TEXT, "what the page is"),
)
LINKS = _list_of(LINK, "pages of the site about it")

PERSON = _object(
    "a member or officer of a body (Popolo Person)",
    ["id", "name", "links", "interests", "dispensations", "declarations"],
    id=_described(ID, "the person's identifier: their page's name on the site, unique in the file"),
    name=_described(TEXT, "the name as the papers print it"),
    links=LINKS,
    interests=_list_of(
        _object(
            "an entry in the register of members' interests current on the day the site was built",
            ["organization_id", "withheld"],
            organization_id=_described(ID, "the body whose register holds it"),
            withheld={
                "type": "boolean",
                "description": "a sensitive interest: its details are withheld under section 32(2) of the Localism "
                "Act 2011, and only its existence is published",
            },
            kind=_described(TEXT, "the kind of interest under the body's code of conduct"),
            interest=_described(TEXT, "what it is"),
            registered=_described(DATE, "when it was registered"),
        ),
        "the register of interests, public fields only",
    ),
    dispensations=_list_of(
        _object(
            "a dispensation current on the day the site was built (Localism Act 2011 s.33)",
            ["organization_id", "scope", "detail"],
            organization_id=_described(ID, "the body whose register holds it"),
            scope=_described(TEXT, "the business it covers"),
            detail=_described(TEXT, "its reference, who granted it and when, and its last day"),
        ),
        "the dispensations granted to the member",
    ),
    declarations=_list_of(
        _object(
            "a declaration of interest the public minutes record",
            ["event_id", "minute", "kind", "interest", "action"],
            event_id=_described(ID, "the meeting (in events.json)"),
            minute=_described(TEXT, "the minute's number"),
            kind=_described(TEXT, "the kind of interest"),
            interest=_described(TEXT, "the interest, as declared"),
            action={
                "enum": ["left the room", "took no part", "spoke as public", "remained"],
                "description": "what the member did for the item",
            },
            dispensation=_described(TEXT, "the dispensation relied on to remain"),
        ),
        "the declarations the person made at meetings",
    ),
)

ORGANIZATION = _object(
    "a body, or the council it belongs to (Popolo Organization)",
    ["id", "name", "classification"],
    id=_described(ID, "the organisation's identifier, unique in the file"),
    name=_described(TEXT, "its name"),
    classification={
        "enum": ["council", "board", "committee", "panel", "group"],
        "description": "what it is: a council, or what its papers call the body",
    },
    parent_id=_described(ID, "the organisation the body belongs to"),
    links=LINKS,
)

MEMBERSHIP = _object(
    "a person's place on a body (Popolo Membership)",
    ["id", "person_id", "organization_id", "role", "label"],
    id=_described(ID, "the membership's identifier: the body's and the person's"),
    person_id=_described(ID, "the person (in people.json)"),
    organization_id=_described(ID, "the body (in organizations.json)"),
    role={"enum": ["Chair", "Vice-chair", "Member", "Clerk"], "description": "their role on the body"},
    label=_described(TEXT, "how the body's papers describe them"),
    start_date=_described(DATE, "when they became a member, where recorded"),
)

EVENT = _object(
    "a meeting of a body (Open Civic Data Event)",
    ["id", "name", "classification", "organization_id", "start_date", "timezone", "status", "links", "agenda"]
    + ["participants"],
    id=_described(ID, "the meeting's identifier: the body's and the date"),
    name=_described(TEXT, "the meeting's name"),
    classification={"const": "meeting", "description": "a meeting"},
    organization_id=_described(ID, "the body that met (in organizations.json)"),
    start_date=_described(DATE_OR_TIME, "when it starts (a date alone when no agenda gives the time)"),
    end_date=_described(DATE_OR_TIME, "when the agenda's last timed business ends"),
    timezone={"const": "Europe/London", "description": "the zone of its times"},
    status={"enum": ["confirmed", "passed"], "description": "passed: before the day the site was built"},
    location=_object("where it meets", ["name"], name=_described(TEXT, "the venue, as the agenda names it")),
    links=LINKS,
    agenda=_list_of(
        _object(
            "an item of the public agenda (an exempt item by its public title)",
            ["order", "identifier", "description"],
            order={"type": "integer", "minimum": 1, "description": "its place on the agenda, from 1"},
            identifier=_described(TEXT, "its number on the agenda"),
            description=_described(TEXT, "its title, as the public agenda prints it"),
            exempt=_described(TEXT, "for an exempt item: the statement of the exemption the public agenda prints"),
        ),
        "the public agenda's items, in order (empty for a meeting known only by its minutes)",
    ),
    participants=_list_of(
        _object(
            "a member's attendance, as the minutes record it",
            ["person_id", "name", "attendance"],
            person_id=_described(ID, "the member (in people.json)"),
            name=_described(TEXT, "the member's name"),
            attendance={
                "enum": ["present", "present_for_part", "apologies", "absent"],
                "description": "how the minutes record them",
            },
            substitute=_described(TEXT, "who attended in their place"),
        ),
        "the members' attendance (empty until the minutes are written)",
    ),
)

MOTION = _object(
    "a decision of a meeting, as the public decision list prints it (Popolo Motion)",
    ["id", "organization_id", "event_id", "identifier", "classification", "date", "title", "text", "result"],
    id=_described(ID, "the decision's identifier: the meeting's, the minute's number and its place in the minute"),
    organization_id=_described(ID, "the body (in organizations.json)"),
    event_id=_described(ID, "the meeting (in events.json)"),
    identifier=_described(TEXT, "the minute it was made under"),
    classification={"const": "resolution", "description": "a resolution of the meeting"},
    date=_described(DATE, "the date of the decision"),
    title=_described(TEXT, "the minute's title (an exempt minute's public title)"),
    text=_described(TEXT, "what was resolved (an exempt minute's: the public summary alone)"),
    result={"enum": ["pass", "fail"], "description": "whether it was carried"},
    reasons=_described(TEXT, "the reasons for the decision"),
    alternatives=_described(TEXT, "the alternatives considered and rejected"),
    decision_maker=_described(TEXT, "who made it, where not the body itself"),
    exempt_paragraph={
        "type": "integer",
        "minimum": 1,
        "maximum": 7,
        "description": "taken under an exempt minute: the paragraph of Part 1 of Schedule 12A to the Local "
        "Government Act 1972",
    },
)

OPTIONS = {"enum": ["yes", "no", "abstain"], "description": "for, against, or abstained"}
VOTE_EVENT = _object(
    "the votes cast on a decision, where the minutes record them (Popolo VoteEvent)",
    ["id", "motion_id", "organization_id", "event_id", "start_date", "result", "counts"],
    id=_described(ID, "the vote's identifier (its motion's)"),
    motion_id=_described(ID, "the decision voted on"),
    organization_id=_described(ID, "the body"),
    event_id=_described(ID, "the meeting"),
    start_date=_described(DATE, "the date of the vote"),
    result={"enum": ["pass", "fail"], "description": "whether it was carried"},
    counts=_list_of(
        _object(
            "the number who voted one way",
            ["option", "value"],
            option=OPTIONS,
            value={"type": "integer", "minimum": 0, "description": "how many"},
        ),
        "the counts: yes, no and abstain",
    ),
    casting_vote=_described(
        OPTIONS, "the Chair's second or casting vote (Local Government Act 1972 Sch 12 para 39(2))"
    ),
    votes=_list_of(
        _object(
            "a member's vote, in a recorded vote",
            ["voter_id", "voter_name", "option"],
            voter_id=_described(ID, "the member (in people.json)"),
            voter_name=_described(TEXT, "the member's name"),
            option=OPTIONS,
        ),
        "each member's vote, where a recorded vote was taken",
    ),
)

SCHEMAS: dict[str, Schema] = {
    "people": _file(
        "People", "The members and officers of the bodies (Popolo persons)", {"persons": _list_of(PERSON, "people")}
    ),
    "organizations": _file(
        "Organizations", "The bodies and their council", {"organizations": _list_of(ORGANIZATION, "organisations")}
    ),
    "memberships": _file("Memberships", "Who sits on each body", {"memberships": _list_of(MEMBERSHIP, "memberships")}),
    "events": _file("Events", "The meetings of the bodies", {"events": _list_of(EVENT, "meetings")}),
    "votes": _file(
        "Decisions and votes",
        "The decisions of the meetings and the votes recorded on them",
        {"motions": _list_of(MOTION, "decisions"), "vote_events": _list_of(VOTE_EVENT, "votes")},
    ),
}
