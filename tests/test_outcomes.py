"""The web edition's outcomes in place (issue 25, finding 3): what each item of a meeting decided, a page of minutes for
every meeting that has them, the decisions register, and a page per action and recommendation with its history from
git. Each page is read back as a reader's browser has it (its DOM) and compared with the sources as parsed from
their YAML, not with the markup the templates write."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html

from boardpack.document.markdown import parse_markdown, plain_text

from . import test_council, test_site
from .conftest import REPO, Board
from .test_key_decisions import KEY_DECISION, plan
from .test_reflow import PHONE, axe_violations, sideways, window

site = test_site.site  # the example's web edition, built once for the run (with today = 1 June 2012)
served = test_site.served


def words(text: str) -> str:
    return " ".join(text.split())


def markdown(text: str) -> str:
    """What a reader reads of a Markdown source: its words."""
    return words(plain_text(parse_markdown(text)))


def page(site: Path, path: str) -> Any:
    return html.parse(str(site / path)).getroot()


def sources(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def long(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def agenda_items(date: str) -> dict[str, dict[str, Any]]:
    """The agenda's items by number (its sections numbered in turn, a break not counted)."""
    found, section = {}, 0
    for part in sources(f"agendas/{date}.yaml")["sections"]:
        if part.get("break"):
            continue
        section += 1
        for index, item in enumerate(part.get("items", []), 1):
            found[f"{section}.{index}"] = item
    return found


def public_decisions(minute: dict[str, Any]) -> list[str]:
    """A minute's decisions as the public may read them: an exempt minute's by their public summaries alone."""
    if minute.get("exempt"):
        return [decision["public_summary"] for decision in minute.get("decisions", [])]
    return [markdown(decision["resolved"]) for decision in minute.get("decisions", [])]


def test_each_item_of_a_meeting_with_minutes_shows_what_was_decided_and_links_its_minute(site: Path) -> None:
    """Local Government Act 1972 s.100C(1)-(2) and SI 2012/2089 regs 12-13: the record of each decision, open to
    inspection, where a reader of the agenda looks for it: under each item of the 15 June 2012 meeting (its page and
    the item's own page), its minute's decisions (an exempt minute's by its public summary only) and a link that
    lands on that minute of the minutes."""
    minutes = sources("minutes/2012-06-15.yaml")
    items = agenda_items("2012-06-15")
    meeting = page(site, "2012-06-15/index.html")
    listed = {
        li.findtext(".//span[@class='number']"): li for li in meeting.xpath("//ol[@class='agenda']/li")
    }  # each agenda item on the meeting's page, by its number
    assert set(listed) == set(items)
    checked = 0
    for minute in minutes["items"]:
        number = minute["number"]
        assert number in items, number  # the example's minutes are numbered as its agenda
        item = listed[number]
        decided = [words(p.text_content()) for p in item.xpath(".//div[@class='outcome']/p")]
        for decision in public_decisions(minute):
            assert any(decision in text for text in decided), (number, decision, decided)
        if minute.get("exempt"):
            for decision in minute["decisions"]:
                assert markdown(decision["resolved"]) not in words(item.text_content())
        [link] = [a for a in item.xpath(".//a") if words(a.text_content()) == f"Minute {number}"]
        target, anchor = link.get("href").split("#")
        landed = page(site, str(Path("2012-06-15") / target)).get_element_by_id(anchor)
        heading = words(landed.xpath("./h3|./h4")[0].text_content())
        title = minute["exempt"]["public_title"] if minute.get("exempt") else minute["title"]
        assert heading == f"{number} {title}", heading
        for decision in public_decisions(minute):
            assert decision in words(landed.text_content())
        if (site / "2012-06-15" / f"item-{number.replace('.', '-')}.html").exists():
            shown = page(site, f"2012-06-15/item-{number.replace('.', '-')}.html")
            outcome = words(" ".join(s.text_content() for s in shown.xpath("//main/section[@class='outcome']")))
            assert all(decision in outcome for decision in public_decisions(minute)), (number, outcome)
            assert f"inute {number}" in words(shown.xpath("//main")[0].text_content())
        checked += 1
    assert checked == len(minutes["items"]) == 12


def test_minutes_print_each_part_as_its_own_heading_and_each_action_once(site: Path) -> None:
    """Local Government Act 1972 s.100C(1) and Sch 12 para 41: the minutes read as the signed record does: "Part 3"
    heads its minutes and is not glued to the first one's heading ("Part 3: 3.1 Report…"), and each action the
    minutes raised is printed once, with its owner (not "Action – …" and then "Action: owner" again). Every page
    that prints minutes: the 9 March minutes under item 1.3, their page as confirmed, their meeting's own page, and
    the 15 June minutes' page."""
    actions = sources("actions.yaml")["actions"]
    for path, date in (
        ("2012-06-15/item-1-3.html", "2012-03-09"),
        ("2012-06-15/minutes-2012-03-09.html", "2012-03-09"),
        ("2012-03-09/index.html", "2012-03-09"),
        ("2012-06-15/minutes.html", "2012-06-15"),
    ):
        root = page(site, path)
        minutes = sources(f"minutes/{date}.yaml")["items"]
        headings = [words(h.text_content()) for h in root.xpath("//main//h3|//main//h4")]
        assert not [h for h in headings if h.startswith("Part ") and ":" in h], (path, headings)
        parts = sorted({minute["number"].split(".")[0] for minute in minutes}, key=int)
        assert [h for h in headings if h.startswith("Part ")] == [f"Part {part}" for part in parts], path
        for minute in minutes:
            section = root.get_element_by_id(f"minute-{date}-{minute['number'].replace('.', '-')}")
            text = words(section.text_content())
            raised = [a for a in actions if str(a["raised"]) == date and a["minute"] == minute["number"]]
            assert text.count("Action –") == len(raised) and "Action:" not in text, (path, minute["number"], text)
            for action in raised:
                blocks = section.xpath(".//div[@class='action']")
                assert sum(markdown(action["description"]) in words(b.text_content()) for b in blocks) == 1
                assert f"Owner: {action['owner']}" in text


def test_a_meeting_known_only_by_its_minutes_has_a_page_of_its_own(site: Path) -> None:
    """Local Government Act 1972 s.100C(1): minutes are open to inspection, a meeting's whether or not its agenda is
    in the repository. The 9 March 2012 meeting (minutes/2012-03-09.yaml, no agenda) has its page: its date, who
    attended, each minute with its decisions and actions, its decision list as a PDF; the list of meetings links it."""
    minutes = sources("minutes/2012-03-09.yaml")
    root = page(site, "2012-03-09/index.html")
    assert words(root.findtext(".//h1")) == "Meeting of Friday 9 March 2012"
    lists = {words(h.text_content()): h.getnext() for h in root.xpath("//main//h3") if h.getnext() is not None}
    present = [words(li.text_content()) for li in lists["Present"].iter("li")]
    for entry, shown in zip(minutes["present"], present, strict=True):
        name = entry if isinstance(entry, str) else entry["name"]
        assert shown.startswith(name), (name, shown)
    apologies = [words(li.text_content()) for li in lists["Apologies"].iter("li")]
    assert [a.split(" (")[0].split(",")[0] for a in apologies] == minutes["apologies"]
    for minute in minutes["items"]:
        section = root.get_element_by_id(f"minute-2012-03-09-{minute['number'].replace('.', '-')}")
        for decision in public_decisions(minute):
            assert decision in words(section.text_content())
    [pdf] = [a.get("href") for a in root.xpath("//a[@class='download']")]
    assert (site / "2012-03-09" / pdf).resolve().read_bytes().startswith(b"%PDF-")
    from pypdf import PdfReader

    text = words(" ".join(p.extract_text() for p in PdfReader(site / "2012-03-09" / pdf).pages))
    assert "Decisions of the Plymouth Children and Young People's Trust Board meeting of 9 March 2012" in text
    index = page(site, "index.html")
    assert "2012-03-09/index.html" in index.xpath("//ul[@class='meetings']//a/@href")


def register_rows(site: Path) -> list[dict[str, Any]]:
    root = page(site, "decisions.html")
    return [
        {
            **row.attrib,
            "cells": [words(cell.text_content()) for cell in row.iter("td")],
            "links": row.xpath(".//a/@href"),
        }
        for row in root.xpath("//table[@id='register']/tbody/tr")
    ]


def test_the_decisions_register_holds_every_public_decision_newest_first(site: Path) -> None:
    """SI 2012/2089 regs 12-13 and the Transparency Code 2015: the written record of each decision, searchable
    across meetings: every decision of every minutes file, the latest meeting first and in the order of its minutes,
    with its meeting, minute, words (an exempt minute's public summary only) and whether it is a key decision (its
    agenda item's `key_decision`); each row names its body and links its minute. Linked from the home page; its
    headings are not one another's copies."""
    expected = []
    for date in ("2012-06-15", "2012-03-09"):
        items = agenda_items(date) if (REPO / "agendas" / f"{date}.yaml").exists() else {}
        for minute in sources(f"minutes/{date}.yaml")["items"]:
            key = bool(items.get(minute["number"], {}).get("key_decision"))
            expected += [(date, minute["number"], text, "Yes" if key else "No") for text in public_decisions(minute)]
    rows = register_rows(site)
    outside = sorted(
        (sources(f"decisions/{p.name}") for p in (REPO / "decisions").glob("*.yaml")),
        key=lambda r: str(r["date"]),
        reverse=True,
    )
    assert len(rows) == len(outside) + len(expected) == 3 + 8  # the decisions taken outside meetings are the latest
    for row, record in zip(rows, outside, strict=False):
        kind = "Executive decision" if record["kind"] == "executive" else "Officer decision"
        assert (
            row["data-date"] == str(record["date"])
            and row["cells"][1] == f"{kind} by {record['decision_maker']}: {record['title']}"
        )
        assert words(record["decision"]) in row["cells"][2] and row["cells"][3] == (
            "Yes" if record.get("key_decision") else "No"
        )
    states = [row["cells"][4] for row in rows[:3]]
    assert states == [
        "–",  # an officer's decision: no call-in
        "Called in on Friday 6 July 2012; referred to Children and Young People Overview and Scrutiny Panel",
        "Not subject to call-in: urgent",
    ]
    rows = rows[3:]
    board = sources("board.yaml")["name"]
    for row, (date, number, text, key) in zip(rows, expected, strict=True):
        meeting, minute, decision, key_decision, _ = row["cells"]
        assert row["data-date"] == date and row["data-body"] == board
        assert meeting == long(dt.date.fromisoformat(date)) and minute.startswith(f"Minute {number}: ")
        assert text in decision and key_decision == key, (row, text)
        target, anchor = row["links"][1].split("#")
        assert page(site, target).get_element_by_id(anchor) is not None
    assert "Kernow" not in " ".join(" ".join(r["cells"]) for r in rows)
    root = page(site, "decisions.html")
    headings = [words(h.text_content()) for h in root.xpath("//h1|//h2")]
    assert len(headings) == len(set(headings)), headings
    assert root.xpath("//form[@id='register-filters']")[0].get("hidden") is not None  # shown by its script
    assert "decisions.html" in page(site, "index.html").xpath("//main//a/@href")


@pytest.mark.browser
def test_the_registers_filters_work_in_the_browser_and_the_page_reflows(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.3.1, 4.1.3 and 1.4.10 (Accessibility Regulations 2018): the register's filters are labelled form
    controls the script shows; choosing a date range or key decisions hides the rows that do not match and says
    how many are shown in a status line; the choice is kept in the address; axe-core finds nothing; at 320 CSS px
    no page of outcomes scrolls sideways."""
    browser.get(served + "decisions.html")
    assert browser.find_element("id", "register-filters").is_displayed()
    status = browser.find_element("id", "register-status")
    assert status.get_attribute("role") == "status" and status.text == "11 decisions."

    def visible() -> list[str]:
        return browser.execute_script(
            "return [...document.querySelectorAll('#register tbody tr')].filter(r => !r.hidden).map(r => r.dataset.date)"
        )

    browser.execute_script(
        "const f = document.getElementById('filter-from'); f.value = '2012-06-01';"
        "f.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    assert visible() == ["2012-07-09", "2012-07-02", "2012-06-19"] + ["2012-06-15"] * 6
    assert status.text == "9 of 11 decisions match the filters."
    assert browser.current_url.endswith("decisions.html?from=2012-06-01")
    browser.execute_script(
        "const k = document.getElementById('filter-key'); k.value = 'yes';"
        "k.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    assert visible() == ["2012-07-02"] and status.text == "1 of 11 decisions match the filters."  # the one key decision
    browser.get(served + "decisions.html?to=2012-03-31")
    assert visible() == ["2012-03-09"] * 2
    assert axe_violations(browser) == []
    with window(browser, PHONE):
        for path in ("decisions.html", "actions/A3.html", "2012-03-09/index.html", "2012-06-15/minutes.html"):
            browser.get(served + path)
            assert sideways(browser) == 0, path


def git_dates(key: str) -> list[str]:
    """The days (oldest first) of the commits that changed the action or tracker row `key` in actions.yaml, read from
    git with git itself."""
    log = subprocess.run(
        ["git", "log", "--format=%H %cs", "--", "actions.yaml"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    versions = []
    for line in reversed([line for line in log if line]):
        commit, day = line.split()
        shown = subprocess.run(
            ["git", "show", f"{commit}:./actions.yaml"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout
        data = yaml.safe_load(shown) or {}
        tracker, _, row = key.rpartition("/")
        entries = (
            [a for a in data.get("actions", []) if str(a.get("id")) == key]
            if not tracker
            else [
                r
                for t in data.get("trackers", [])
                if t.get("id") == tracker
                for r in t.get("rows", [])
                if r.get("id") == row
            ]
        )
        versions.append((day, entries[0] if entries else None))
    return [
        day
        for n, (day, entry) in enumerate(versions)
        if entry is not None and entry != (versions[n - 1][1] if n else None)
    ]


def test_each_public_action_and_recommendation_has_a_page_with_its_history_from_git(site: Path) -> None:
    """Local Government Act 1972 s.100C and the Transparency Code 2015: an action the minutes raised, or a
    recommendation the board tracks, can be followed: its page says what it is, who owns it, when it is due and its
    updates (as known on the site's day), and each change git holds of it with its day; the action log's and the
    tracker's rows link to it, and so does the list of them all, linked from the list of meetings."""
    log = sources("actions.yaml")
    today = dt.date(2012, 6, 1)
    for action in log["actions"]:
        root = page(site, f"actions/{action['id']}.html")
        assert words(root.findtext(".//h1")) == f"Action {action['id']}"
        text = words(root.xpath("//main")[0].text_content())
        assert markdown(action["description"]) in text and action["owner"] in text
        updates = [words(li.text_content()) for li in root.xpath("//ul[@class='updates']/li")]
        given = [u for u in action.get("updates", []) if u["date"] <= today]
        assert len(updates) == len(given) and all(markdown(u["text"]) in s for u, s in zip(given, updates))
        history = [words(td.text_content()) for td in root.xpath("//table[contains(@class,'history')]//td[1]")]
        assert history == [long(dt.date.fromisoformat(day)) for day in git_dates(action["id"])], history
    for tracker in log["trackers"]:
        for row in tracker["rows"]:
            root = page(site, f"recommendations/{tracker['id']}/{row['id']}.html")
            text = words(root.xpath("//main")[0].text_content())
            assert markdown(row["recommendation"]) in text
            history = [words(td.text_content()) for td in root.xpath("//table[contains(@class,'history')]//td[1]")]
            assert history == [long(dt.date.fromisoformat(day)) for day in git_dates(f"{tracker['id']}/{row['id']}")]
    listed = page(site, "actions/index.html")
    assert listed.xpath("//main//a/@href") == [f"../actions/{a['id']}.html" for a in log["actions"]] + [
        f"../recommendations/{t['id']}/{r['id']}.html" for t in log["trackers"] for r in t["rows"]
    ]
    assert "actions/index.html" in page(site, "index.html").xpath("//main//a/@href")
    minutes = page(site, "2012-06-15/item-1-3.html")
    log_links = minutes.xpath("//article[contains(@class,'document-action_log')]//tbody/tr/td[1]/a")
    assert log_links and all(a.get("href") == f"../actions/{words(a.text_content())}.html" for a in log_links)
    tracker = page(site, "2012-06-15/item-4-1.html")
    refs = tracker.xpath("//article[contains(@class,'document-tracker')]//tbody/tr/th/a")
    assert [words(a.text_content()) for a in refs] == [row["id"] for row in log["trackers"][0]["rows"]]
    assert all((site / "2012-06-15" / a.get("href")).resolve().is_file() for a in refs)


EARLIER = """\
date: 2029-07-10
present: [Ann Chair, Paul O'Sullivan]
items:
  - number: "1"
    title: Playing fields
    body: The Board discussed the playing fields.
    decisions:
      - resolved: The Board keeps the playing fields open.
"""

OWN = """\
date: 2030-01-10
present: [Ann Chair, Paul O'Sullivan]
items:
  - number: "2.1"
    title: Budget report
    body: Olive Officer presented the budget.
    decisions:
      - resolved: The Board notes the balanced budget.
        reasons: The budget is balanced.
        alternatives: Asking for savings, which the report advised against.
"""


def test_a_meeting_no_later_meeting_carries_has_its_decision_list_and_a_changed_minute_remakes_its_pages(
    board: Board, tmp_path: Path
) -> None:
    """Local Government Act 1972 s.100C(1): minutes no agenda in the repository carries (10 July 2029) still have
    their meeting's page and decision list, in its own folder; SI 2012/2089 reg 8: the register marks a decision
    taken under a key-decision item as key; and a meeting's pages, lent from the previous site when nothing they
    show has changed, are made again when its minutes change."""
    from boardpack.build import build_site

    board.write("minutes/2029-07-10.yaml", EARLIER)
    board.write("minutes/2030-01-10.yaml", OWN)
    board.replace("agendas/2030-01-10.yaml", *KEY_DECISION)  # with 28 clear days' notice in the forward plan
    plan(board, "2029-11-01")
    out = build_site(board.root, tmp_path / "site", today=dt.date(2030, 2, 1), pdfs=False).folder
    earlier = page(out, "2029-07-10/index.html")
    assert "The Board keeps the playing fields open." in words(
        earlier.get_element_by_id("minute-2029-07-10-1").text_content()
    )
    [listed] = earlier.xpath("//a[@class='download']/@href")
    assert listed.endswith("2029-07-10/decisions-2029-07-10.html") and (out / "2029-07-10" / listed).is_file()
    assert "2029-07-10/index.html" in page(out, "index.html").xpath("//ul[@class='meetings']//a/@href")
    import feedparser

    announced = [entry.link for entry in feedparser.parse((out / "feed.atom").read_bytes()).entries]
    assert "2029-07-10/decisions-2029-07-10.html" in announced and all((out / link).is_file() for link in announced)
    meeting = page(out, "2030-01-10/index.html")
    assert "The Board notes the balanced budget." in words(meeting.xpath("//div[@class='outcome']")[0].text_content())
    rows = register_rows(out)
    assert [(r["data-date"], r["data-key"], r["cells"][-2]) for r in rows] == [
        ("2030-01-10", "yes", "Yes"),  # SI 2012/2089 reg 8: its agenda item is a key decision
        ("2029-07-10", "no", "No"),
    ]
    board.replace("minutes/2030-01-10.yaml", "presented the budget.", "presented the budget in full.")
    out = build_site(board.root, out, today=dt.date(2030, 2, 1), pdfs=False).folder  # its decision list unchanged
    assert "presented the budget in full." in words(page(out, "2030-01-10/minutes.html").text_content())
    board.replace("minutes/2030-01-10.yaml", "notes the balanced budget", "approves the balanced budget")
    out = build_site(board.root, out, today=dt.date(2030, 2, 1), pdfs=False).folder
    for path in ("2030-01-10/index.html", "2030-01-10/item-2-1.html", "2030-01-10/minutes.html", "decisions.html"):
        assert "The Board approves the balanced budget." in words(page(out, path).text_content()), path


def test_a_board_whose_own_web_templates_predate_the_outcomes_pages_still_gets_them(
    board: Board, tmp_path: Path
) -> None:
    """Accessibility Regulations 2018 (WCAG 2.2 AA) and LGA 1972 s.100C: a board that copied templates/html before
    the pages of minutes, the decisions register and the action pages existed still builds them, with boardpack's
    templates for them inside its own page frame (base.html), and its own register.js-less folder gets boardpack's."""
    import shutil

    from boardpack.build import build_site

    templates = board.root / "templates" / "html"
    shutil.copytree(REPO / "templates" / "html", templates)
    for name in (
        "minutes.html",
        "minutes_document.html",
        "register.html",
        "record.html",
        "records.html",
        "register.js",
    ):
        (templates / name).unlink()
    (templates / "base.html").write_text(
        (templates / "base.html").read_text().replace("<footer", "<p>The board's own frame.</p>\n<footer")
    )
    out = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    for path in ("decisions.html", "actions/index.html", "actions/A1.html", "recommendations/tf/R1.html"):
        assert "The board's own frame." in (out / path).read_text(encoding="utf-8"), path
    assert (out / "register.js").read_text() == (REPO / "templates" / "html" / "register.js").read_text()


council = test_council.council  # the example council's site, built once for the run


def test_a_councils_decisions_register_holds_every_bodys_decisions(council: Path, site: Path) -> None:
    """SI 2012/2089 regs 12-13 and the Transparency Code 2015: a council's site has one decisions register across
    its bodies, linked from its home page; each row names its body (data-body and, with several bodies, a column and
    a filter) and links into that body's folder; a meeting known only by its minutes is on the council's lists."""
    rows = register_rows(council)
    alone = register_rows(site)
    assert [(r["data-date"], r["data-body"]) for r in rows] == [(r["data-date"], r["data-body"]) for r in alone]
    assert all(
        link.startswith("trust-board/") and (council / link.split("#")[0]).is_file()
        for r in rows
        for link in r["links"]
    )
    home = page(council, "index.html")
    assert "decisions.html" in home.xpath("//main//a/@href")
    assert "trust-board/2012-03-09/index.html" in home.xpath("//main//a/@href")
