"""The web edition's people pages and open data, read back as their readers have them (the DOM, and JSON against
its schema) and compared with the parsed sources: the minutes, board.yaml and interests.yaml."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from boardpack.build import build_site
from boardpack.checks import check_repository
from boardpack.load import Papers
from boardpack.members import WITHHELD, attendance_records
from boardpack.model import Minutes
from boardpack.render.html.people import slug
from boardpack.wording import long_date

from . import test_site
from .conftest import REPO, Board
from .test_interests import declared, relying_on

site = test_site.site  # the example's web edition, built once for the run as at 1 June 2012
TODAY = dt.date(2012, 6, 1)
ORG = "plymouth-children-and-young-peoples-trust-board"


@pytest.fixture(scope="module")
def papers() -> Papers:
    return check_repository(REPO)


def text(node: Any) -> str:
    return " ".join(node.text_content().split())


def page(site: Path, path: str) -> Any:
    return html.parse(str(site / path)).getroot()


def data(site: Path, name: str) -> Any:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def expected_presence(name: str, record: Minutes) -> str:
    """The oracle: how the minutes' own lists record a member, read straight from them."""
    present = {e.name: e for e in record.present}
    if name in present:
        entry = present[name]
        shown = "Present for part" if entry.arrived or entry.left else "Present"
        shown += f" (arrived before minute {entry.arrived})" if entry.arrived else ""
        return shown + (f" (left after minute {entry.left})" if entry.left else "")
    if name in {e.name for e in record.apologies}:
        substitute = [e.name for e in record.present if e.substitute_for == name]
        return "Apologies" + (f" ({substitute[0]} attended as substitute)" if substitute else "")
    return "Absent" if name in {e.name for e in record.absent} else "Not recorded"


def test_each_members_page_gives_their_attendance_as_the_minutes_record_it(site: Path, papers: Papers) -> None:
    """Local Government Act 1972 s.100C (the minutes, open to inspection) and s.85 (attendance keeps a member's seat):
    every member's page lists each meeting with how its minutes record them, and the totals `boardpack attendance`
    prints."""
    board = papers.board.value
    minutes = [loaded.value for _, loaded in sorted(papers.minutes.items())]
    totals = {r["member"]: r for r in attendance_records(board, minutes)}
    members = [p for p in board.people if p.member]
    assert len(members) == 20
    for person in members:
        root = page(site, f"people/{slug(person.name)}.html")
        assert text(root.find(".//h1")) == person.name
        [table] = root.xpath('//table[contains(@class, "attendance")]')
        rows = [[text(cell) for cell in row.xpath("td")] for row in table.xpath("tbody/tr")]
        assert rows == [[long_date(m.date), expected_presence(person.name, m)] for m in minutes], person.name
        t = totals[person.name]
        [shown] = root.xpath('//p[@class="totals"]')
        assert text(shown) == (
            f"{t['meetings']} meetings: present {t['present']}, present for part {t['present_for_part']}, apologies "
            f"{t['apologies']} (with a substitute {t['substituted']}), absent {t['absent']}; attended "
            f"{t['attended_percent']}%."
        )
    simon = page(site, "people/simon-mower.html")
    assert "Apologies (Alan Fuller attended as substitute)" in text(simon)
    # A meeting's row links the page that publishes its record: 15 June its own page; 9 March (no agenda here) the
    # item page of the 15 June meeting that carries its minutes.
    links = [a.get("href") for a in simon.xpath('//table[contains(@class, "attendance")]//a')]
    assert links == ["../2012-06-15/item-1-3.html", "../2012-06-15/index.html"]
    assert all((site / "people" / link).is_file() for link in links)


def test_the_people_index_lists_every_member_and_the_clerk_by_role(site: Path, papers: Papers) -> None:
    """The membership a council publishes: each member (the Chair marked) and the clerk, one link each."""
    board = papers.board.value
    root = page(site, "people/index.html")
    items = [text(li) for li in root.xpath('//ul[@class="people"]/li')]
    expected = [p for p in board.people if p.member or p.name == board.clerk.name]
    assert [item.split(",")[0] for item in items] == [p.name for p in expected]
    assert items[0].startswith("Cllr Sam Leaves, Chair (Portfolio Holder")
    assert items[-1] == "Mrs Amelia Boulter, Clerk (Clerk to the Board, Plymouth City Council)"
    for link in root.xpath('//ul[@class="people"]//a/@href'):
        assert (site / "people" / link).is_file()
    clerk = text(page(site, "people/mrs-amelia-boulter.html"))
    assert "Clerk: Clerk to the Board" in clerk and "Attendance" not in clerk
    assert not (site / "people" / "louise-casey.html").exists(), "a person the papers only mention has no page"


def test_declarations_and_the_register_are_those_of_the_public_minutes_and_interests_yaml(
    site: Path, papers: Papers
) -> None:
    """Localism Act 2011 ss.29-31 and s.33: the interests declared at meetings (with the dispensation relied on)
    and the register and dispensations current on the site's day, as interests.yaml and the minutes hold them."""
    steve = page(site, "people/steve-waite.html")
    assert [text(li) for li in steve.xpath('//ul[@class="declarations"]/li')] == [
        "Friday 15 June 2012, Plymouth Children and Young People's Trust Board, minute 4.1 CAMHS - Performance "
        "Update: a prejudicial interest (Chief Executive, Plymouth Community Healthcare, which provides the CAMHS "
        "service); remained and took part under dispensation D1."
    ]
    register = [text(li) for li in steve.xpath('//ul[@class="register"]/li')]
    assert register == [
        "Personal: Chief Executive, Plymouth Community Healthcare (registered Sunday 1 April 2012)",
        "Dispensation D1, granted Thursday 24 May 2012 by the Standards Committee, until Monday 23 May 2016: "
        "covers the Board's business on services Plymouth Community Healthcare provides, including CAMHS.",
    ]
    assert text(steve.xpath('//h2[@id="register"]')[0]) == "Register of interests as at Friday 1 June 2012"
    declared_by = {d.member for loaded in papers.minutes.values() for m in loaded.value.items for d in m.declarations}
    assert declared_by == {"Steve Waite", "Andy Birkett"}
    for person in (p for p in papers.board.value.people if p.member and p.name not in declared_by):
        root = page(site, f"people/{slug(person.name)}.html")
        assert not root.xpath('//ul[@class="declarations"]'), person.name
    registered = {i.member for i in papers.register.value.interests} if papers.register else set()
    assert "No interests registered." in text(page(site, "people/gareth-allen.html")) and "Gareth Allen" not in (
        registered
    )


def test_a_sensitive_interest_is_published_only_as_withheld(board: Board, tmp_path: Path) -> None:
    """Localism Act 2011 s.32(2): where disclosing an interest's details could lead to violence or intimidation, a
    published register must not include them, but may say the member has an interest whose details are withheld.
    The person's page and people.json say exactly that; no detail of it reaches any file of the site."""
    declared(board, relying_on("D1"))
    secret = "Trustee of the Refuge Qx4Sensitive"
    board.replace(
        "interests.yaml",
        "dispensations:\n",
        f"  - {{member: Bea Member, kind: other registrable, interest: {secret}, names: [Qx4Sensitive Refuge],"
        " registered: 2029-07-01, sensitive: true}\ndispensations:\n",
    )
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    root = page(folder, "people/bea-member.html")
    assert [text(li) for li in root.xpath('//ul[@class="register"]/li')][:2] == [
        f"{WITHHELD}.",  # no date either: it is given first
        "Disclosable pecuniary: Shareholder, Budget Consultants Ltd (registered Tuesday 1 May 2029)",
    ]
    [bea] = [p for p in data(folder, "people")["persons"] if p["id"] == "bea-member"]
    assert bea["interests"][0] == {"organization_id": "test-trust-board", "withheld": True}
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"Qx4Sensitive" not in path.read_bytes(), path


SCHEMA_FILES = ["people", "organizations", "memberships", "events", "votes"]


def test_the_open_data_validates_against_its_shipped_schemas(site: Path) -> None:
    """Transparency Code 2015 (open data where practicable): each file in data/ names its schema, the schema is a
    valid JSON Schema of draft 2020-12, and the file validates against it (formats checked)."""
    import jsonschema

    for name in SCHEMA_FILES:
        document = data(site, name)
        schema_path = site / "data" / document["$schema"]
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], (name, errors[:5])
    broken = json.loads((site / "data" / "schema" / "events.schema.json").read_text(encoding="utf-8"))
    event = data(site, "events")
    event["events"][0]["status"] = "postponed"
    assert not jsonschema.Draft202012Validator(broken).is_valid(event), "the schema is not vacuous"


def test_the_open_data_agrees_with_the_sources(site: Path, papers: Papers) -> None:
    """The open data counts what the papers hold: a meeting per agenda or minutes, a person per member and the clerk,
    a decision per resolution minuted; each recorded vote's counts are the minutes', and an exempt minute's decision
    is its public summary with no vote (Local Government Act 1972 s.100A(4), Schedule 12A)."""
    board = papers.board.value
    events = data(site, "events")["events"]
    assert [e["start_date"][:10] for e in events] == [d.isoformat() for d in sorted({*papers.agendas, *papers.minutes})]
    persons = data(site, "people")["persons"]
    assert [p["name"] for p in persons] == [p.name for p in board.people if p.member or p.name == board.clerk.name]
    memberships = data(site, "memberships")["memberships"]
    ids = {p["id"] for p in persons}
    assert {m["person_id"] for m in memberships} == ids and len(memberships) == len(persons)
    assert [m["role"] for m in memberships if m["person_id"] == "cllr-sam-leaves"] == ["Chair"]
    [org] = data(site, "organizations")["organizations"]
    assert org == {
        "id": ORG,
        "name": board.name,
        "classification": "board",
        "links": [{"url": "../index.html", "note": "the body's meetings"}],
    }
    votes = data(site, "votes")
    minuted = [
        (date, m, d) for date, loaded in sorted(papers.minutes.items()) for m in loaded.value.items for d in m.decisions
    ]
    assert len(votes["motions"]) == len(minuted) == 8
    by_id = {motion["id"]: motion for motion in votes["motions"]}
    vote_events = {v["motion_id"]: v for v in votes["vote_events"]}
    for date, minute, decision in minuted:
        [motion] = [m for i, m in by_id.items() if i.startswith(f"{ORG}/{date.isoformat()}/{minute.number}/")]
        if minute.exempt is not None:
            assert motion["text"] == decision.public_summary and motion["title"] == minute.exempt.public_title
            assert motion["id"] not in vote_events and "reasons" not in motion
            continue
        if decision.votes is None:
            assert motion["id"] not in vote_events
            continue
        counts = {c["option"]: c["value"] for c in vote_events[motion["id"]]["counts"]}
        assert counts == {"yes": decision.votes.for_, "no": decision.votes.against, "abstain": decision.votes.abstained}
    [vote] = votes["vote_events"]  # 3.2 Families with a Future: 6 to 6, carried on the Chair's casting vote
    assert vote["casting_vote"] == "yes" and vote["result"] == "pass"
    named = {v["voter_name"]: v["option"] for v in vote["votes"]}  # recorded by name: each member's own vote
    assert (len(named), named["Cllr Sam Leaves"], named["Kerri Nason"], named["Alan Fuller"]) == (
        13,
        "yes",
        "no",
        "abstain",
    )
    june = events[1]
    assert june["start_date"] == "2012-06-15T09:30:00+01:00" and june["location"] == {
        "name": "Warspite Room, Council House"
    }
    exempt = [item for item in june["agenda"] if "exempt" in item]
    assert [item["description"] for item in exempt] == ["Early intervention counselling pilot - contract"]
    attendance = {p["name"]: p["attendance"] for p in june["participants"]}
    assert attendance["Jenny Rudge"] == "present_for_part" and attendance["Chris Eastwood"] == "absent"
    text_of_votes = json.dumps(votes)
    for private in ("Kernow", "counselling pilot contract with"):
        assert private not in text_of_votes


def test_every_page_offers_the_open_data(site: Path) -> None:
    """Each page names the open data in its head (`rel=alternate`, JSON) and links it and the people pages from its
    footer; each link resolves."""
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 30
    for path in pages:
        root = html.parse(str(path)).getroot()
        alternates = root.xpath('//head/link[@rel="alternate"][@type="application/json"]/@href')
        assert alternates and all((path.parent / href).resolve().is_file() for href in alternates), path
        footer = root.xpath("//footer//a/@href")
        assert any(h.endswith("data/index.html") for h in footer) and any(
            h.endswith("people/index.html") for h in footer
        )
        assert all((path.parent / href).resolve().is_file() for href in footer), path
    person = page(site, "people/steve-waite.html")
    assert "../data/people.json" in person.xpath('//head/link[@type="application/json"]/@href')
    listed = page(site, "data/index.html").xpath('//ul[@class="open-data-files"]//a/@href')
    assert sorted(listed) == sorted(
        [f"{n}.json" for n in SCHEMA_FILES] + [f"schema/{n}.schema.json" for n in SCHEMA_FILES]
    )


def test_a_recorded_vote_gives_each_members_vote(board: Board, tmp_path: Path) -> None:
    """Local Government Act 1972 Sch 12 (recorded votes where standing orders allow): each member's vote, by their
    person id, and the counts."""
    declared(board, relying_on("D1"))
    board.replace(
        "minutes/2029-10-10.yaml",
        '    body: "**Agreed** – to receive a report."\n',
        '    body: "**Agreed** – to receive a report."\n'
        "    decisions:\n"
        "      - resolved: The Board sets the budget.\n"
        "        votes: {for: 1, against: 1, casting_vote: against, recorded: {for: [Ann Chair], against: [Bea Member]}}\n",
    )
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    [vote] = data(folder, "votes")["vote_events"]
    assert vote["result"] == "fail" and vote["casting_vote"] == "no"  # equal, and the Chair's casting vote against
    assert vote["votes"] == [
        {"voter_id": "ann-chair", "voter_name": "Ann Chair", "option": "yes"},
        {"voter_id": "bea-member", "voter_name": "Bea Member", "option": "no"},
    ]
    persons = {p["id"] for p in data(folder, "people")["persons"]}
    assert {v["voter_id"] for v in vote["votes"]} <= persons


def test_people_are_merged_by_name_across_the_bodies_of_a_council(board: Board, papers: Papers) -> None:
    """One person, one page, however many bodies they sit on: Paul O'Sullivan is a member of the example board and
    of a second body (the small test board, in its own folder of the site); his page and his open-data record list
    both bodies, with his attendance at each body's meetings, and the open data validates."""
    import jsonschema

    from boardpack.render.html.dataschema import SCHEMAS
    from boardpack.render.html.opendata import open_data
    from boardpack.render.html.pages import Site
    from boardpack.render.html.people import Body, people, people_pages

    second = check_repository(board.root)
    bodies = [
        Body(papers.board.value.name, "", papers, []),
        Body(second.board.value.name, "test-trust", second, []),
    ]
    everyone = {record["name"]: record for record in people(bodies, TODAY)}
    paul = everyone["Paul O'Sullivan"]
    assert [(on["body"], on["role"]) for on in paul["bodies"]] == [
        ("Plymouth Children and Young People's Trust Board", "Member"),
        ("Test Trust Board", "Member"),
    ]
    assert [m["date"] for m in paul["bodies"][1]["meetings"]] == ["2029-10-10"]
    assert paul["bodies"][1]["meetings"][0]["presence"] == "present"
    assert everyone["Ann Chair"]["bodies"][0]["home"] == "test-trust/index.html"
    site = Site("Council", "en-GB", {}, [])
    pages = people_pages(site, bodies, TODAY)
    assert len([p for p in pages if p.path == "people/paul-osullivan.html"]) == 1
    assert len(pages) == 1 + len(everyone)
    _, files = open_data(site, bodies, TODAY)
    made = {f.path: json.loads(f.make()) for f in files}
    for name in SCHEMA_FILES:
        jsonschema.Draft202012Validator(SCHEMAS[name]).validate(made[f"data/{name}.json"])
    memberships = made["data/memberships.json"]["memberships"]
    assert [m["organization_id"] for m in memberships if m["person_id"] == "paul-osullivan"] == [
        ORG,
        "test-trust-board",
    ]
    assert [o["id"] for o in made["data/organizations.json"]["organizations"]] == [ORG, "test-trust-board"]


def test_a_body_with_no_minutes_yet_lists_its_members_and_claims_no_attendance(tmp_path: Path) -> None:
    """The scrutiny panel before its minutes were written (a copy without them): its Chair and Vice-chair marked, and
    no "0 of 0 meetings" or totals where nothing is minuted yet; its council is the panel's parent in the open data."""
    panel = tmp_path / "panel"
    shutil.copytree(REPO / "examples" / "people-children-scrutiny-panel", panel)
    shutil.rmtree(panel / "minutes")
    folder = build_site(panel, tmp_path / "site", today=dt.date(2014, 11, 1), pdfs=False).folder
    items = [text(li) for li in page(folder, "people/index.html").xpath('//ul[@class="people"]/li')]
    assert items == [
        "Cllr Richard Gale, Chair (Councillor)",
        "Cllr Christine Emmett, Vice-chair (Councillor)",
        "Cllr Jeff Dale, Member (Councillor)",
        "Cllr Richard Clifton, Member (Councillor)",
    ]
    gale = page(folder, "people/cllr-richard-gale.html")
    assert not gale.xpath('//p[@class="totals"]') and "No meetings minuted yet." in text(gale)
    council, panel = data(folder, "organizations")["organizations"]
    assert (council["classification"], panel["classification"], panel["parent_id"]) == (
        "council",
        "panel",
        council["id"],
    )
