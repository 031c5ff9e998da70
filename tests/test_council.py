"""A council's site across its bodies (council.yaml): one home page, calendar, feed and search over a folder for each
body's web edition; every body's meetings listed, nothing exempt of any body published, and a council.yaml that is
wrong reported whole, naming file, line and field, with nothing written."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from boardpack.build import build_council_site, build_site
from boardpack.cli import main
from boardpack.errors import BoardpackError

from .browsing import follow, tab_until
from .conftest import REPO, Board, built_once
from .test_reflow import axe_violations, sideways, window
from .test_site import _Links, _QuietHandler

TRUST, PANEL = "Plymouth Children and Young People's Trust Board", "People (Children) Scrutiny Panel"
MEETINGS = {TRUST: "trust-board/2012-06-15/index.html", PANEL: "people-children-scrutiny-panel/2014-11-13/index.html"}
TODAY = dt.date(2013, 1, 1)  # the trust board's meeting is past; the panel's is to come


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example council's site (the trust board and the scrutiny panel), built once for the run and only read."""
    folder = built_once(
        tmp_path_factory,
        "council",
        lambda out: build_council_site(REPO / "council.yaml", out / "site", today=TODAY, pdfs=False),
    )
    return folder / "site"


@pytest.fixture(scope="module")
def served(council: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(council)))
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _main(page: Path) -> str:
    """The text of the page's main content."""
    return " ".join(html.parse(str(page)).getroot().xpath("//main")[0].text_content().split())


def test_the_home_page_lists_every_bodys_meetings_coming_and_past(council: Path) -> None:
    root = html.parse(str(council / "index.html")).getroot()
    sections = {h2.text_content(): h2.getnext() for h2 in root.iter("h2")}
    upcoming = [(a.text_content(), a.get("href")) for a in sections["Upcoming meetings"].iter("a")]
    past = [(a.text_content(), a.get("href")) for a in sections["Past meetings"].iter("a")]
    # the trust board's calendar of meetings (meetings.yaml): its March 2013 meeting, cancelled, is listed as such
    assert upcoming == [
        (f"{TRUST}, Friday 15 March 2013", "trust-board/index.html"),
        (f"{PANEL}, Thursday 13 November 2014", MEETINGS[PANEL]),
    ]
    notes = [" ".join(li.text_content().split()) for li in sections["Upcoming meetings"].iter("li")]
    assert notes[0].endswith(
        "Cancelled on Friday 22 February 2013: No business needs the Board's decision before June; the reports planned are taken then."
    )
    assert past == [
        (f"{TRUST}, Friday 7 December 2012", "trust-board/index.html"),
        (f"{TRUST}, Friday 21 September 2012", "trust-board/index.html"),  # reconvened
        (f"{TRUST}, Friday 14 September 2012", "trust-board/index.html"),  # adjourned
        (f"{TRUST}, Friday 15 June 2012", MEETINGS[TRUST]),
        (f"{TRUST}, Friday 9 March 2012", "trust-board/2012-03-09/index.html"),  # its page: its minutes
    ]
    bodies = [li.text_content() for li in sections["Bodies"].iter("li")]
    assert bodies == [f"{PANEL}: next meets on Thursday 13 November 2014", TRUST]  # not on the cancelled day
    nav = {a.text_content(): a.get("href") for a in root.xpath("//header//nav[@aria-label='Site']//a")}
    assert nav == {
        "Meetings": "index.html",
        "Decisions": "decisions.html",  # the register of every body's decisions
        "Calendar": "calendar.html",
        "Subscribe": "index.html#subscribe",
        "People": "people/index.html",
        "Accessibility": "accessibility.html",
        "Search": "search.html",
    }
    for link in [href for _, href in upcoming + past] + [a.get("href") for a in sections["Bodies"].iter("a")]:
        assert (council / link).is_file(), link


def test_the_calendar_page_lists_the_meetings_month_by_month(council: Path) -> None:
    root = html.parse(str(council / "calendar.html")).getroot()
    months = {h2.text_content(): [a.text_content() for a in h2.getnext().iter("a")] for h2 in root.iter("h2")}
    assert months == {
        "March 2012": [f"Friday 9 March 2012: {TRUST}"],
        "June 2012": [f"Friday 15 June 2012: {TRUST}"],
        "September 2012": [f"Friday 14 September 2012: {TRUST}", f"Friday 21 September 2012: {TRUST}"],
        "December 2012": [f"Friday 7 December 2012: {TRUST}"],
        "March 2013": [f"Friday 15 March 2013: {TRUST}"],
        "November 2014": [f"Thursday 13 November 2014: {PANEL}"],
    }
    december = " ".join(root.get_element_by_id("m2012-12").getnext().text_content().split())
    assert december == (
        f"Friday 7 December 2012: {TRUST}, 9.30 am, Warspite Room, Council House (agenda to follow)"
        "Moved from Friday 14 December 2012: The Council's budget scrutiny needs the Warspite Room on 14 December."
    )
    jumps = [a.get("href") for a in root.xpath("//nav[@aria-label='Months']//a")]
    assert jumps == ["#m2012-03", "#m2012-06", "#m2012-09", "#m2012-12", "#m2013-03", "#m2014-11"]
    assert all(root.get_element_by_id(j[1:]) is not None for j in jumps)


def test_every_link_of_every_page_resolves_and_each_body_page_names_its_council(council: Path) -> None:
    pages = [p for p in council.rglob("*.html") if "pagefind" not in p.parts]
    assert {p.relative_to(council).parts[0] for p in pages} == {
        "index.html",
        "calendar.html",
        "decisions.html",
        "search.html",
        "accessibility.html",  # the council's statement, for every body's pages above their own
        "trust-board",
        "people-children-scrutiny-panel",
        "people",
        "data",
    }
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if link.startswith(("https://", "http://", "mailto:", "#")):
                continue
            assert (page.parent / link.split("#")[0].split("?")[0]).resolve().is_file(), f"{page}: {link}"
    item = html.parse(str(council / "people-children-scrutiny-panel" / "2014-11-13" / "index.html")).getroot()
    header = item.xpath("//header")[0]
    assert [a.text_content() for a in header.iter("a")] == [
        "Example Council",
        PANEL,
        *(
            "Meetings",
            "Decisions",
            "Calendar",
            "Subscribe",
            "People",
            "Accessibility",
            "Search",
        ),  # the body's and the council's
    ]
    assert [a.get("href") for a in header.iter("a")] == [
        "../../index.html",
        "../index.html",
        *("../index.html", "../decisions.html", "../../calendar.html", "../index.html#subscribe"),
        "../../people/index.html",
        *("../accessibility.html", "../../search.html"),
    ]
    assert item.xpath("//nav[@aria-label='Breadcrumb']//a")[0].text_content() == "Example Council"
    assert item.findtext(".//title").endswith(f"– {PANEL} – Example Council")
    # one search, the council's: no body keeps a search page of its own (its folder holds its part of the one
    # index, merged by the council's search page); nor people or open data
    for own in ("search.html", "people", "data"):
        assert not list(council.glob(f"*/{own}")), own
    assert (council / "trust-board" / "pagefind" / "pagefind.js").is_file()
    fragments = [gzip.decompress(path.read_bytes()) for path in (council / "pagefind" / "fragment").iterdir()]
    people = [json.loads(data[data.index(b"{") :])["url"] for data in fragments]  # the council's own index
    assert people and all(url.startswith("/people/") for url in people)
    assert "/people/cllr-sam-leaves.html" in people
    assert [a.get("href") for a in item.xpath("//footer//a")] == [
        "../../people/index.html",
        "../../data/index.html",
        "../accessibility.html",  # the body's own statement, naming its clerk
    ]


def test_the_councils_people_are_every_bodys(council: Path) -> None:
    """One page per person across the council's bodies, and one set of open data naming every body."""
    index = html.parse(str(council / "people" / "index.html")).getroot()
    names = {a.text_content() for a in index.xpath("//main//a[contains(@href, '.html')]")}
    assert {"Cllr Sam Leaves", "Cllr Richard Gale"} <= names  # the trust board's chair and the panel's
    organisations = json.loads((council / "data" / "organizations.json").read_text(encoding="utf-8"))
    assert {o["name"] for o in organisations["organizations"]} >= {TRUST, PANEL}


def test_a_bodys_folder_is_its_own_site_but_for_the_council_around_it(council: Path, tmp_path: Path) -> None:
    """The panel's pages in the council's site are the panel's own web edition with the council's name added."""
    alone = build_site(REPO / "examples" / "people-children-scrutiny-panel", tmp_path / "site", today=TODAY).folder
    page = "2014-11-13/item-4.html"
    assert _main(council / "people-children-scrutiny-panel" / page) == _main(alone / page)


def test_the_council_calendar_and_feed_parse_and_carry_every_body(council: Path) -> None:
    """Local Government Act 1972 s.100A(6)(a): the time and place of each body's meetings, in one calendar a
    resident subscribes to; each meeting's UID the one its body's own calendar gives it."""
    import feedparser
    import icalendar

    events = icalendar.Calendar.from_ical((council / "calendar.ics").read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"{TRUST}: meeting"] * 5 + [
        f"{TRUST}: meeting (cancelled)",
        f"{PANEL}: meeting",
    ]
    assert [str(e["url"]) for e in events] == ["trust-board/2012-03-09/index.html", MEETINGS[TRUST]] + [
        "trust-board/index.html"
    ] * 4 + [MEETINGS[PANEL]]
    september = [str(e["description"]) for e in events if "2012-09" in str(e["uid"])]
    assert september == [
        "Adjourned to Friday 21 September 2012: The Board ran out of time before its last two items; it reconvenes to "
        "take them.\nThe agenda is not yet published.",
        "The meeting of Friday 14 September 2012, adjourned, reconvenes to take its remaining business\nThe agenda "
        "is not yet published.",
    ]
    own = [
        event
        for folder in ("trust-board", "people-children-scrutiny-panel")
        for event in icalendar.Calendar.from_ical((council / folder / "calendar.ics").read_bytes()).walk("VEVENT")
    ]
    assert [(str(e["uid"]), e.decoded("dtstart")) for e in own] == [
        (str(e["uid"]), e.decoded("dtstart")) for e in events
    ]
    feed = feedparser.parse((council / "feed.atom").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    body_feed = feedparser.parse((council / "trust-board" / "feed.atom").read_bytes())
    assert len(feed.entries) == len(body_feed.entries) >= 3  # the panel has published nothing yet
    for entry, own in zip(feed.entries, body_feed.entries, strict=True):
        assert entry.id == own.id and entry.title == f"{TRUST}: {own.title}"
        assert entry.link == f"trust-board/{own.link}" and (council / entry.link).is_file()


def test_nothing_exempt_of_any_body_reaches_the_councils_pages(council: Path) -> None:
    """Local Government Act 1972 s.100A(4) and Schedule 12A: the trust board's exempt item 6.1 is nowhere in the
    council's site but as its public title, in no page, calendar, feed, open data, record of what a body gave the
    council's pages (.boardpack-council.json, read back by the next run) or file name."""
    everything = " ".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in council.rglob("*")
        if p.suffix in (".html", ".ics", ".atom", ".json")
    )
    assert (council / "trust-board" / ".boardpack-council.json").is_file()
    assert "Kernow" not in everything and "item-6-1.html" not in everything  # its agenda anchor (#item-6-1) only
    assert not [p for p in council.rglob("*") if "private" in p.name.lower()]


@pytest.mark.browser
def test_one_search_finds_the_papers_of_every_body(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """From a body's page, the header's Search is the council's, and finds each body's papers."""
    browser.get(served + MEETINGS[PANEL])
    browser.find_element("link text", "Search").click()
    for word, folder in (("Unemployment", "trust-board/"), ("Catmose", "people-children-scrutiny-panel/")):
        field = browser.find_element("id", "q")
        field.clear()
        field.send_keys(word + Keys.ENTER)
        WebDriverWait(browser, 20).until(
            lambda b, w=word: re.match(rf"\d+ results? for “{w}”", b.find_element("id", "search-status").text)
        )
        links = [a.get_attribute("href") for a in browser.find_elements("css selector", "#search-results h2 a")]
        assert links and all(folder in link for link in links), (word, links)


COUNCIL_PAGES = {
    "council home": "index.html",
    "calendar": "calendar.html",
    "decisions register of every body": "decisions.html",
    "a body's meetings": "people-children-scrutiny-panel/index.html",
    "a body's meeting": MEETINGS[PANEL],
    "the council's accessibility statement": "accessibility.html",
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", COUNCIL_PAGES)
def test_the_councils_pages_are_axe_clean_and_reflow_at_320_css_px(served: str, browser, kind: str) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 AA (PSBAR 2018) on the council's own pages and a body's pages within them; 1.4.10 reflow."""
    browser.get(served + COUNCIL_PAGES[kind])
    assert axe_violations(browser) == []
    with window(browser, 320):
        assert sideways(browser) == 0


@pytest.mark.browser
def test_a_keyboard_alone_walks_from_the_council_to_a_decision_and_a_person(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 2.1.1 (keyboard), 2.4.3 (focus order) and 2.4.7 (focus visible), as issue 25 asks: home, a body, a
    meeting, an item, the decision under it, the people and a person, by Tab and Enter alone, the focus always
    visible and never on something hidden."""
    issues: list[str] = []
    board = served + "trust-board/"
    browser.get(served + "index.html")
    tab_until(browser, "e.matches('main a') && e.getAttribute('href') === 'trust-board/index.html'", issues)
    follow(browser, board + "index.html")
    tab_until(browser, "e.matches('main a') && e.getAttribute('href') === '2012-06-15/index.html'", issues)
    follow(browser, board + "2012-06-15/index.html")
    tab_until(browser, "e.getAttribute('href') === 'item-2-1.html'", issues)
    follow(browser, board + "2012-06-15/item-2-1.html")
    tab_until(browser, "e.closest('.outcome') !== null && e.matches('a')", issues)  # the decision's minute
    minute = browser.execute_script("return document.activeElement.href")
    assert minute == board + "2012-06-15/minutes.html#minute-2012-06-15-2-1"
    follow(browser, minute)
    tab_until(browser, "e.closest('header') !== null && e.textContent.trim() === 'People'", issues, back=True)
    follow(browser, served + "people/index.html")
    tab_until(browser, "e.matches('main a') && e.getAttribute('href') === '../people/cllr-sam-leaves.html'", issues)
    follow(browser, served + "people/cllr-sam-leaves.html")
    assert browser.find_element("css selector", "h1").text.endswith("Sam Leaves")
    assert issues == []


def council_file(folder: Path, text: str) -> Path:
    path = folder / "council.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_mistake_in_council_yaml_is_reported_at_once_and_nothing_is_written(board: Board, tmp_path: Path) -> None:
    path = council_file(
        board.root.parent,
        "name: Ours\n"
        "bodies:\n"
        "  - {path: board, slug: ours}\n"
        "  - {path: board/, slug: theirs}\n"
        "  - {path: nowhere, slug: ours}\n"
        "  - {path: board, slug: pagefind, colour: red}\n",
    )
    with pytest.raises(BoardpackError) as raised:
        build_council_site(path, tmp_path / "site")
    assert [str(p) for p in raised.value.problems] == [
        "council.yaml:4: body 2, path: 'board' is already body 1's",
        "council.yaml:5: body 3, path: 'nowhere' holds no board.yaml (a body's folder, relative to council.yaml)",
        "council.yaml:5: body 3, slug: 'ours' is already body 1's",
        "council.yaml:6: body 4, colour: unknown field (expected one of: path, slug)",
        "council.yaml:6: body 4, path: 'board' is already body 1's",
        "council.yaml:6: body 4, slug: 'pagefind' is a folder of the site's own",
    ]
    assert not (tmp_path / "site").exists()


def test_a_bodys_problems_are_named_by_its_folder_and_every_body_is_checked(board: Board, tmp_path: Path) -> None:
    board.replace("board.yaml", "chair: ", "chair: Nobody Known # ")
    panel = tmp_path / "panel"
    shutil.copytree(REPO / "examples" / "people-children-scrutiny-panel", panel)
    text = (panel / "board.yaml").read_text(encoding="utf-8")
    (panel / "board.yaml").write_text(text.replace("chair: Cllr Richard Gale", "chair: Cllr Nobody"), encoding="utf-8")
    path = council_file(
        tmp_path, "name: Ours\nbodies:\n  - {path: board, slug: ours}\n  - {path: panel, slug: panel}\n"
    )
    result = CliRunner().invoke(main, ["site", "--council", str(path), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert [line.split(": ")[0] for line in result.output.splitlines()[:2]] == [
        "board/board.yaml:3",
        "panel/board.yaml:11",
    ]
    assert result.output.splitlines()[2] == "2 problems found; nothing was written."
    assert not (tmp_path / "site").exists()


def test_with_the_sites_address_known_its_feeds_calendars_and_pages_link_absolutely(
    board: Board, tmp_path: Path
) -> None:
    """A feed reader or calendar app fetches the file alone, so it must be given whole addresses (RFC 4287 and
    RFC 5545 links resolve against the file's own address otherwise); each page names its own."""
    import feedparser
    import icalendar

    path = council_file(
        tmp_path, f"name: Ours\nsite_url: https://papers.example.gov.uk/\nbodies:\n  - {{path: {REPO}, slug: ours}}\n"
    )
    site = build_council_site(path, tmp_path / "site", today=TODAY, pdfs=False).folder
    base = "https://papers.example.gov.uk/"
    for feed_path, prefix in ((site / "feed.atom", base), (site / "ours" / "feed.atom", base + "ours/")):
        feed = feedparser.parse(feed_path.read_bytes())
        assert not feed.bozo and len(feed.entries) >= 3
        assert feed.feed.links[0].href == prefix + "feed.atom"
        for entry in feed.entries:
            assert entry.link.startswith(
                tuple(base + f"ours/{page}/" for page in ("2012-06-15", "decisions", "briefings"))
            ), entry.link
            assert (site / entry.link.removeprefix(base)).is_file()
    meeting = base + "ours/2012-06-15/index.html"
    for calendar_path in (
        site / "calendar.ics",
        site / "ours" / "calendar.ics",
        site / "ours" / "2012-06-15" / "meeting.ics",
    ):
        events = icalendar.Calendar.from_ical(calendar_path.read_bytes()).walk("VEVENT")
        [event] = [e for e in events if getattr(e.decoded("dtstart"), "date", lambda: None)() == dt.date(2012, 6, 15)]
        assert str(event["url"]) == meeting
    page = html.parse(str(site / "ours" / "2012-06-15" / "index.html")).getroot()
    assert page.xpath("//link[@rel='canonical']/@href") == [meeting]
    [script] = page.xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(script)["url"] == meeting
    assert html.parse(str(site / "index.html")).getroot().xpath("//link[@rel='canonical']/@href") == [
        base + "index.html"
    ]
    # a body's own site, at the address in its board.yaml
    board.replace("board.yaml", "name:", f"site_url: {base}trust/\nname:")
    alone = build_site(board.root, tmp_path / "alone", today=dt.date(2030, 1, 1), pdfs=False).folder
    [event] = icalendar.Calendar.from_ical((alone / "calendar.ics").read_bytes()).walk("VEVENT")
    assert str(event["url"]) == base + "trust/2030-01-10/index.html"
