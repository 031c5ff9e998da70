"""The web edition's page furniture, read back in a real headless Chromium: table captions and the regions they name,
cover sheets without empty rows, the forward plan dated by today, the header's navigation, the accessibility
statement, the print stylesheet, anchors on items, search filters and appendix text, and a keyboard-only walk.

Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018: WCAG 2.2 AA, and an
accessibility statement.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from lxml import html
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from boardpack.build import build_site
from boardpack.pdfs import pdf_is_tagged
from boardpack.render.html.pages import navigation
from boardpack.render.html.statement import CHECKS, PAGE_KINDS

from . import test_council, test_site
from .browsing import follow, tab_until
from .conftest import REPO, Board, built_once, make_pdf
from .test_exempt import CANARY, exempt_board
from .test_reflow import PHONE, contrast, open_page, window

site = test_site.site  # the example's web edition (today 1 June 2012), built once for the run
served = test_site.served
council = test_council.council  # the example council's site (two bodies), built once for the run

ITEM = "2012-06-15/item-4-1.html"
WHITE, YELLOW = "rgb(255, 255, 255)", "rgb(255, 221, 0)"


@pytest.fixture(scope="module")
def late_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's web edition built in December 2026, long after its meetings (no PDFs: a preview)."""
    return (
        built_once(
            tmp_path_factory,
            "site-late",
            lambda out: build_site(REPO, out / "site", today=dt.date(2026, 12, 6), pdfs=False),
        )
        / "site"
    )


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exempt canary board (test_exempt.py: an exempt item with a PDF appendix) whose public budget report has a
    PDF appendix of its own, untagged, as another tool made it; its web edition, with its PDF packs (which carry the
    appendix the site links)."""
    board = exempt_board(Board(tmp_path_factory.mktemp("canary") / "board"))
    tagged = make_pdf(board.root / "appendices" / "tagged.pdf", pages=1, text="Quokkafigures budget detail")
    with pikepdf.open(tagged) as pdf:  # as a scanner or an old word processor writes it: no tags
        del pdf.Root["/StructTreeRoot"], pdf.Root["/MarkInfo"]
        for shown in pdf.pages:
            del shown.obj["/StructParents"]
        pdf.save(board.root / "appendices" / "budget-detail.pdf")
    board.replace(
        "cover_sheets/budget.md",
        "impact_on_child_poverty: None directly.\n",
        "impact_on_child_poverty: None directly.\n"
        "appendices:\n  - title: Budget detail\n    file: appendices/budget-detail.pdf\n",
    )
    return build_site(board.root, board.root.parent / "site", today=dt.date(2030, 1, 1)).folder


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test board's web edition (no forward plan, no PDF appendix; a preview)."""
    board = Board(tmp_path_factory.mktemp("plain") / "board")
    return build_site(board.root, board.root.parent / "site", today=dt.date(2030, 1, 1), pdfs=False).folder


def page(folder: Path, path: str) -> Any:
    return html.parse(str(folder / path)).getroot()


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


# 1. Table captions, and the scrolling boxes they name


@pytest.mark.browser
def test_every_table_has_a_caption_and_a_scrolling_box_is_named_by_it(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.3.1 (info and relationships), 2.4.6 (labels), 2.1.1 (keyboard), 1.4.11 and 2.4.7 (focus visible),
    under the Accessibility Regulations 2018: every table has a caption (the heading it stands under, numbered when
    several share one), so a page's scrolling regions are named apart, each by its table's caption (aria-labelledby)
    and described by its hint; a box is a Tab stop only when it really scrolls; its focus ring is GOV.UK's, black
    and yellow, at least 3:1 against the page and the box."""
    read = (
        "return [...document.querySelectorAll('table')].map(t => { const box = t.closest('.table-wrap');"
        " const caption = t.querySelector(':scope > caption');"
        " return {caption: caption ? caption.textContent.trim() : '', id: caption ? caption.id : '',"
        " box: !!box, scrolls: box ? box.scrollWidth > box.clientWidth + 1 : false,"
        " role: box && box.getAttribute('role'), tabindex: box && box.getAttribute('tabindex'),"
        " labelledby: box && box.getAttribute('aria-labelledby'), label: box && box.getAttribute('aria-label'),"
        " describedby: box && box.getAttribute('aria-describedby')}; })"
    )
    with window(browser, PHONE):
        for path in ("2012-06-15/item-3-2.html", ITEM, "2012-06-15/item-1-3.html", "forward-plan.html"):
            open_page(browser, served + path)
            tables = browser.execute_script(read)
            assert tables and all(t["caption"] for t in tables), (path, tables)
            captions = [t["caption"] for t in tables]
            assert len(set(captions)) == len(captions), (path, captions)
            regions = [t for t in tables if t["role"] == "region"]
            for table in tables:
                if table["box"] and table["scrolls"]:
                    assert table["role"] == "region" and table["tabindex"] == "0", table
                    assert table["labelledby"] == table["id"] and not table["label"], table
                    assert table["describedby"], table
                else:
                    assert table["role"] is None and table["tabindex"] is None, table
            if path == "2012-06-15/item-3-2.html":
                assert len(regions) >= 2, tables  # several boxes scroll here at 320 px, each named apart
                assert "Breakdown of the 645 Households, table 1 of 2" in captions, captions
            names = [
                browser.execute_script(
                    "return document.getElementById(arguments[0]).textContent.trim()", region["labelledby"]
                )
                for region in regions
            ]
            assert len(set(names)) == len(names) and "Table" not in names, names
        open_page(browser, served + "2012-06-15/item-3-2.html")
        ring = browser.execute_script(
            "const b = document.querySelector('.table-wrap[tabindex=\"0\"]'); b.focus(); const s = getComputedStyle(b);"
            "return {focused: document.activeElement === b, style: s.outlineStyle, width: parseFloat(s.outlineWidth),"
            " color: s.outlineColor, shadow: s.boxShadow, page: getComputedStyle(document.body).backgroundColor};"
        )
    assert ring["focused"] and ring["style"] == "solid" and ring["width"] >= 3, ring
    assert contrast(ring["color"], ring["page"]) >= 3 and contrast(ring["color"], WHITE) >= 3, ring  # page, box
    assert YELLOW in ring["shadow"], ring  # GOV.UK's focus colour beside the black
    assert contrast(ring["color"], YELLOW) >= 3, ring


# 2. Cover sheets print no empty row


@pytest.mark.browser
def test_a_cover_sheet_field_with_no_value_prints_no_row(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.3.1 (info and relationships): a cover-sheet field left blank for handwritten notes in the PDF
    ("Meeting Notes:") or given no value prints no row on the web, where it would be an empty cell to listen to."""
    for item in ("2-1", "3-1", "3-2", "4-1", "4-2", "4-3"):
        browser.get(served + f"2012-06-15/item-{item}.html")
        rows = browser.execute_script(
            "return [...document.querySelectorAll('table.cover-sheet tr')].map(tr =>"
            " [tr.querySelector('th').innerText.trim(), tr.querySelector('td').innerText.trim()])"
        )
        assert len(rows) >= 5 and all(value for _, value in rows), (item, rows)
        assert "Meeting Notes:" not in [label for label, _ in rows]


# 3. The forward plan, dated by today


@pytest.mark.browser
def test_the_forward_plan_words_each_meeting_by_whether_its_date_has_passed(
    site: Path, late_site: Path, browser
) -> None:  # type: ignore[no-untyped-def]
    """SI 2012/2089 reg 9 (the forward plan and its 28 clear days' notice): built before its meetings, the plan lists
    them as coming; built in 2026, the same 2012 dates are past, never "coming meetings", as the list of meetings
    says none is scheduled."""

    def sections(folder: Path) -> dict[str, list[str]]:
        browser.get((folder / "forward-plan.html").as_uri())
        found: dict[str, list[str]] = browser.execute_script(
            "const out = {}; let at = null;"
            "for (const h of document.querySelectorAll('main h2, main h3')) {"
            " if (h.tagName === 'H2') { at = h.innerText; out[at] = []; } else { out[at].push(h.innerText); } }"
            "return out;"
        )
        return found

    before = sections(site)
    assert before == {"Coming meetings": ["Friday 14 September 2012", "Friday 7 December 2012"]}, before
    after = sections(late_site)
    assert after == {
        "Coming meetings": [],
        "Dates now past": ["Friday 14 September 2012", "Friday 7 December 2012"],
    }, after
    page_text = browser.find_element("tag name", "main").text
    assert "No business is planned for coming meetings." in page_text
    assert "These meetings' dates have passed and no minutes of them are published yet" in page_text
    browser.get((late_site / "index.html").as_uri())
    assert "No meetings are scheduled." in browser.find_element("tag name", "main").text


# 4. The header's navigation


@pytest.mark.browser
def test_the_header_navigates_to_the_sites_pages_and_marks_the_current_one(served: str, site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 2.4.5 (multiple ways), 3.2.3 (consistent navigation) and 1.3.1: every page has a navigation
    landmark, the same links in the same order to the pages the site has, the current page marked
    aria-current="page"."""
    expected = ["Meetings", "Forward plan", "Decisions", "Briefings", "Subscribe", "People", "Accessibility", "Search"]
    for path, current in (
        ("index.html", "Meetings"),
        ("briefings/index.html", "Briefings"),
        ("forward-plan.html", "Forward plan"),
        ("accessibility.html", "Accessibility"),
        ("search.html", "Search"),
        ("people/index.html", "People"),
        ("2012-06-15/index.html", None),
        (ITEM, None),
    ):
        browser.get(served + path)
        nav = browser.execute_script(
            "const nav = document.querySelector('header nav[aria-label=\"Site\"]');"
            "return nav && {role: nav.computedRole, links: [...nav.querySelectorAll('a')].map(a =>"
            " ({text: a.innerText, href: a.href, current: a.getAttribute('aria-current')}))};"
        )
        assert nav is not None, path
        assert [link["text"] for link in nav["links"]] == expected, (path, nav)
        assert [link["text"] for link in nav["links"] if link["current"] == "page"] == ([current] if current else [])
        for link in nav["links"]:
            target, _, anchor = link["href"].removeprefix(served).partition("#")
            assert (site / target).is_file(), (path, link)
            assert not anchor or f'id="{anchor}"' in (site / target).read_text(encoding="utf-8"), (path, link)


def test_the_header_links_only_the_pages_a_site_has(plain_site: Path) -> None:
    """WCAG 2.2 3.2.3 (consistent navigation): a body with no forward plan has no link to one; the decisions register
    is linked when its page is made (the list of links is a value every page is given)."""
    out = plain_site
    for path in ("index.html", "2030-01-10/item-2-1.html", "accessibility.html"):
        links = page(out, path).xpath('//header//nav[@aria-label="Site"]//a')
        assert [text(a) for a in links] == [
            "Meetings",
            "Decisions",
            "Subscribe",
            "People",
            "Accessibility",
            "Search",
        ], path
        assert all((out / path).parent.joinpath(a.get("href").split("#")[0]).resolve().is_file() for a in links)
    links = navigation({"index.html", "decisions.html"}, {"search.html", "calendar.html"}, "../")
    assert links == [
        {"href": "index.html", "label": "Meetings"},
        {"href": "decisions.html", "label": "Decisions"},
        {"href": "../calendar.html", "label": "Calendar"},  # a council's, above the body's folder
        {"href": "index.html#subscribe", "label": "Subscribe"},
        {"href": "../search.html", "label": "Search"},
    ]


# 5. The accessibility statement


def test_the_accessibility_statement_has_the_regulations_shape_and_says_what_the_tests_prove(site: Path) -> None:
    """Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018: an accessibility
    statement, linked from every page: its compliance status, the content that is not accessible, how to ask for
    another format (the clerk board.yaml names), the enforcement procedure (EHRC; ECNI in Northern Ireland), how the
    site was tested and when; its claims are the tests' (each names tests that exist, of page kinds they check)."""
    statement = page(site, "accessibility.html")
    assert [text(h) for h in statement.xpath("//main//h2")] == [
        "Compliance status",
        "Non-accessible content",
        "What to do if you cannot use this website or its papers",
        "Enforcement procedure",
        "How we tested this website",
        "Preparation of this statement",
    ]
    body = text(statement.xpath("//main")[0])
    clerk = yaml.safe_load((REPO / "board.yaml").read_text(encoding="utf-8"))["clerk"]
    assert f"{clerk['name']}, telephone {clerk['phone']}, email {clerk['email']}" in body
    assert statement.xpath(f'//main//a[@href="mailto:{clerk["email"]}"]')
    assert "Equality and Human Rights Commission (EHRC)" in body and "Equality Commission for Northern Ireland" in body
    assert "This statement was prepared on Friday 1 June 2012, when this website was built." in body
    # The example's appendices are tagged by their authors, and the pack the site offers them in keeps their tags, so
    # nothing of them is listed as not accessible; each is linked where the pack opens at it.
    assert "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2" in body
    listed = statement.xpath('//main//li/a[contains(@href, "appendix-")]')
    assert len(listed) == 2 and all(map(pdf_is_tagged, (REPO / "appendices").glob("*.pdf")))
    assert all(
        a.get("href").startswith("2012-06-15/2012-06-15-public-pack.pdf#nameddest=appendix-doc-") for a in listed
    )
    assert all(re.search(r"\(in the meeting's pack, PDF, \d+ KB, \d+ pages\)$", text(a)) for a in listed)
    assert all(
        text(a.getparent().getparent().getprevious()).startswith("These appendices are tagged by their authors")
        for a in listed
    )
    for claim, _ in CHECKS:
        assert " ".join(claim.split()) in body
    for _, proofs in CHECKS:
        for proof in proofs:
            file, _, name = proof.partition("::")
            assert name and f"def {name}(" in (REPO / "tests" / file).read_text(encoding="utf-8"), proof
    assert set(PAGE_KINDS) <= set(test_site.PAGES), set(PAGE_KINDS) - set(test_site.PAGES)
    assert "; ".join(PAGE_KINDS) in body
    for path in site.rglob("*.html"):
        if "pagefind" not in path.parts:
            [link] = page(site, str(path.relative_to(site))).xpath('//footer//a[text()="Accessibility statement"]')
            assert path.parent.joinpath(link.get("href")).resolve() == site / "accessibility.html", path


def test_an_untagged_appendix_makes_the_site_partially_compliant_and_is_listed(canary_site: Path) -> None:
    """Accessibility Regulations 2018: content that is not accessible is listed in the statement (an untagged PDF
    appendix cannot be read by a screen reader), and the site is then partially compliant; an exempt item's
    appendix, not on the site, is not listed (Local Government Act 1972 s.100A(2), Schedule 12A)."""
    body = text(page(canary_site, "accessibility.html").xpath("//main")[0])
    assert "This website is partially compliant" in body
    assert re.search(
        r"Budget detail \(in the meeting's pack, PDF, \d+ KB, 1 page\), meeting of Thursday 10 January", body
    )
    assert CANARY not in body


def test_a_site_with_nothing_known_inaccessible_says_it_is_fully_compliant(plain_site: Path) -> None:
    """Accessibility Regulations 2018: the compliance status follows from the site's content: with no PDF appendix,
    it is fully compliant as far as the tests show, with nothing listed as not accessible; and it names the
    board's own clerk."""
    body = text(page(plain_site, "accessibility.html").xpath("//main")[0])
    assert "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA" in body
    assert "We know of no content on this website that is not accessible." in body
    assert "Clara Clerk, telephone 01752 000000, email clerk@example.org" in body
    assert "This statement was prepared on Tuesday 1 January 2030" in body


def test_a_board_whose_own_web_templates_predate_the_statement_still_gets_it(board: Board, tmp_path: Path) -> None:
    """Accessibility Regulations 2018 (an accessibility statement): a board that copied templates/html before
    accessibility.html existed still gets boardpack's, linked from its pages; the build does not fail."""
    templates = board.root / "templates" / "html"
    shutil.copytree(REPO / "templates" / "html", templates)
    (templates / "accessibility.html").unlink()
    (templates / "base.html").write_text(
        (templates / "base.html").read_text(encoding="utf-8").replace("<body>", '<body class="ours">'),
        encoding="utf-8",
    )
    out = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    statement = page(out, "accessibility.html")
    assert statement.xpath("//body/@class") == ["ours"]  # boardpack's statement in the board's own frame
    assert text(statement.xpath("//h1")[0]) == "Accessibility statement"


def test_a_councils_statement_covers_every_body(council: Path) -> None:
    """Accessibility Regulations 2018: the statement of a council's site (linked from its own pages' footers) lists
    every body's clerk to ask for another format and every body's PDF appendices, by body; each body's pages link
    the body's own statement."""
    statement = page(council, "accessibility.html")
    body = text(statement.xpath("//main")[0])
    contacts = [text(li) for li in statement.xpath('//main//ul[@class="contacts"]/li')]
    assert len(contacts) == 2 and all(", email " in contact for contact in contacts), contacts
    assert any(contact.startswith("the Plymouth Children and Young People's Trust Board: ") for contact in contacts)
    # each where the body's meeting's public pack has it (the council's site is a preview: no pack, so no link)
    listed = [text(li) for li in statement.xpath("//main//li") if "(in the meeting's pack, " in text(li)]
    assert len(listed) == 2 and not statement.xpath('//main//a[contains(@href, "appendix-")]')
    assert "pages), Plymouth Children and Young People's Trust Board, meeting of Friday 15 June 2012" in body
    [link] = page(council, "index.html").xpath('//footer//a[text()="Accessibility statement"]')
    assert link.get("href") == "accessibility.html"


# 6. Printing


@contextmanager
def printed(browser: Any) -> Iterator[None]:
    """The page as Chromium prints it (its print media emulated)."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.browser
def test_a_printed_page_is_the_papers_alone(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """Accessibility Regulations 2018 (a document printed from the site is as usable as the page): printed, a page has
    no header, navigation, breadcrumbs or footer; an external link's address follows its text (an internal one's
    does not); no table row or agenda item is cut between pages; each document of an item starts a page."""
    shown = (
        "return {chrome: ['.site-header', '.site-nav', '.breadcrumbs', '.site-footer', '.self-link']"
        ".map(s => [...document.querySelectorAll(s)].every(e => !e.checkVisibility())),"
        " rows: [...document.querySelectorAll('tr')].map(e => getComputedStyle(e).breakInside),"
        " items: [...document.querySelectorAll('.agenda > li')].map(e => getComputedStyle(e).breakInside),"
        " documents: [...document.querySelectorAll('.document + .document')].map(e => getComputedStyle(e).breakBefore),"
        " boxes: [...document.querySelectorAll('.table-wrap')].map(e => getComputedStyle(e).overflowX),"
        " external: [...document.querySelectorAll('main a[href^=\"https:\"]')].map(a =>"
        "   [a.getAttribute('href'), getComputedStyle(a, '::after').content]),"
        " internal: [...document.querySelectorAll('main a[href$=\".html\"]')].map(a =>"
        "   getComputedStyle(a, '::after').content)};"
    )
    browser.get(served + ITEM)
    on_screen = browser.execute_script(shown)
    assert not all(on_screen["chrome"]), "the header shows on screen"
    with printed(browser):
        for path in (ITEM, "2012-06-15/index.html", "accessibility.html"):
            browser.get(served + path)
            seen = browser.execute_script(shown)
            assert all(seen["chrome"]), (path, seen["chrome"])
            assert set(seen["rows"]) <= {"avoid"} and set(seen["items"]) <= {"avoid"}, path
            assert set(seen["documents"]) <= {"page"} and set(seen["boxes"]) <= {"visible"}, path
            assert all(content == f'" (" "{href}" ")"' or href in content for href, content in seen["external"])
            assert set(seen["internal"]) <= {"none"}, path
            if path == ITEM:
                assert seen["rows"] and len(seen["documents"]) >= 1, seen
            if path == "accessibility.html":
                assert seen["external"], "the statement links the EHRC's and ECNI's advice services"
            if path == "2012-06-15/index.html":
                assert len(seen["items"]) > 5


# 7. Anchors on items


@pytest.mark.browser
def test_every_item_has_a_stable_anchor_and_a_named_link_to_it(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 2.4.4 (link purpose), 2.1.1 (keyboard) and 2.5.3 (label in name): every agenda item on a meeting's
    page and every item page's heading has a stable id (item-4-1) and a visible "§" link to it, named for it and
    reachable by keyboard."""
    read = (
        "return [...document.querySelectorAll(arguments[0])].map(e => { const a = e.querySelector('a.self-link')"
        " || e.parentElement.querySelector('a.self-link'); a.focus();"
        " return {id: e.id, href: a.getAttribute('href'), shown: a.innerText.trim().charAt(0), focused:"
        " document.activeElement === a, visible: a.checkVisibility() && a.getBoundingClientRect().width > 0}; })"
    )
    browser.get(served + "2012-06-15/index.html")
    items = browser.execute_script(read, ".agenda > li")
    numbers = browser.execute_script(
        "return [...document.querySelectorAll('.agenda > li .number')].map(e => e.innerText)"
    )
    assert [item["id"] for item in items] == ["item-" + number.replace(".", "-") for number in numbers]
    assert "item-4-1" in [item["id"] for item in items]
    for item in items:
        assert item["href"] == "#" + item["id"] and item["shown"] == "§" and item["focused"] and item["visible"], item
    link = browser.find_element("css selector", "#item-4-1 a.self-link")
    assert link.accessible_name.startswith("§") and "Link to item 4.1" in link.accessible_name
    browser.get(served + ITEM)
    [heading] = browser.execute_script(read, "main h1")
    assert heading == {"id": "item-4-1", "href": "#item-4-1", "shown": "§", "focused": True, "visible": True}
    link = browser.find_element("css selector", "main a.self-link")
    assert "Link to this item" in link.accessible_name
    assert browser.find_element("css selector", "main h1").text == "4.1 CAMHS - Performance Update"


# 8. Search: filters, and the text of the appendices


def index_records(folder: Path) -> list[dict[str, Any]]:
    """Every record of a site's Pagefind index: its URL (a PDF appendix's: its PDF's, which its `url` meta gives and
    the search page links), meta, filters and text."""
    records = []
    for path in (folder / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        records.append(record | ({"url": "/" + record["meta"]["url"]} if "url" in record["meta"] else {}))
    return records


def test_search_indexes_each_page_by_body_meeting_and_kind_and_each_public_appendix_by_its_text(site: Path) -> None:
    """Local Government Act 1972 s.100B(1) and s.100H (the papers open to inspection, found): every indexed page
    carries the body, its meeting and the kinds of document it shows as search filters, and each PDF appendix the
    site offers is a search record of its own text."""
    records = {record["url"]: record for record in index_records(site)}
    board = "Plymouth Children and Young People's Trust Board"
    assert all(record["filters"]["body"] == [board] for record in records.values())
    assert records["/2012-06-15/item-1-3.html"]["filters"]["kind"] == ["Minutes", "Action log"]
    assert records["/2012-06-15/item-1-3.html"]["filters"]["meeting"] == ["Friday 15 June 2012"]
    assert records["/2012-06-15/item-4-1.html"]["filters"]["kind"] == ["Report", "Tracker"]
    assert records["/forward-plan.html"]["filters"]["kind"] == ["Forward plan"]
    appendix = records["/2012-06-15/2012-06-15-public-pack.pdf#nameddest=appendix-doc-5"]  # where the pack opens at it
    assert appendix["filters"]["kind"] == ["Appendix"] and appendix["meta"]["meeting"] == "Friday 15 June 2012"
    assert appendix["meta"]["title"].startswith("Inspections of arrangements for the protection of children")
    assert "chronology" in appendix["content"]  # a word of the Ofsted schedule (a PDF), on no page of the site
    assert not any("chronology" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert not list(site.rglob("appendix-*")), "the appendix's page for the indexing is never part of the site"


def test_an_exempt_appendix_never_reaches_the_search_index(canary_site: Path) -> None:
    """Local Government Act 1972 s.100A(2) and Schedule 12A: the text of a public PDF appendix is indexed; that of
    an exempt item's PDF appendix (the canary) is not, nor anything else of the exempt item."""
    records = index_records(canary_site)
    [appendix] = [r for r in records if "#nameddest=appendix-" in r["url"]]
    assert "Quokkafigures" in appendix["content"] and appendix["meta"]["title"] == "Budget detail (PDF appendix)"
    for record in records:
        assert CANARY.lower() not in json.dumps(record).lower(), record["url"]


@pytest.mark.browser
def test_search_filters_by_kind_of_document_and_finds_appendix_text(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.3.1 and 3.3.2 (labels): the search page offers the kinds of document as labelled checkboxes in a
    fieldset; choosing one narrows the results, and says so; a word found only in a PDF appendix finds it."""
    browser.get(served + "search.html?q=Unemployment")
    status = browser.find_element("id", "search-status")
    WebDriverWait(browser, 20).until(lambda b: status.text.startswith(("4 ", "No ")))
    assert status.text == "4 results for “Unemployment”"  # the minutes of 9 March, twice, and of 15 June, twice
    legends = [e.text for e in browser.find_elements("css selector", "#search-filters legend")]
    assert "Kind of document" in legends, legends
    box = browser.find_element("css selector", '#search-filters input[value="Minutes"]')
    assert browser.find_element("css selector", f'label[for="{box.get_attribute("id")}"]').text.startswith("Minutes (")
    box.send_keys(Keys.SPACE)  # by keyboard
    WebDriverWait(browser, 20).until(lambda b: "in Minutes" in status.text)
    assert status.text == "1 result for “Unemployment” in Minutes"
    links = [a.get_attribute("href") for a in browser.find_elements("css selector", "#search-results h2 a")]
    assert len(links) == 1 and links[0].endswith("/2012-06-15/item-1-3.html")
    browser.get(served + "search.html?q=chronology")
    status = browser.find_element("id", "search-status")
    WebDriverWait(browser, 20).until(lambda b: re.match(r"(\d+ results?|No results) for", status.text))
    first = browser.find_element("css selector", "#search-results h2 a")
    assert first.text.endswith("(PDF appendix)") and first.get_attribute("href").endswith(
        "/2012-06-15/2012-06-15-public-pack.pdf#nameddest=appendix-doc-5"
    )


# 9. A keyboard alone


@pytest.mark.browser
def test_a_keyboard_alone_walks_from_the_meetings_to_an_item_and_back(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 2.1.1 (keyboard), 2.4.3 (focus order) and 2.4.7 (focus visible): from the list of meetings, by Tab
    and Enter only, a reader opens the meeting, the item 4.1, its anchor, and goes back to the list of meetings; at
    every step the focus is visible (an outline or GOV.UK's yellow and black) and never on something hidden."""
    issues: list[str] = []

    def tab_to(test: str, back: bool = False) -> None:
        tab_until(browser, test, issues, back)

    def enter(url: str) -> None:
        follow(browser, url)

    browser.get(served + "index.html")
    tab_to("e.matches('main a') && e.getAttribute('href') === '2012-06-15/index.html'")
    enter(served + "2012-06-15/index.html")
    tab_to("e.getAttribute('href') === 'item-4-1.html'")
    enter(served + "2012-06-15/item-4-1.html")
    tab_to("e.matches('a.self-link')")
    enter(served + "2012-06-15/item-4-1.html#item-4-1")
    tab_to(f"e.matches('a') && e.href === '{served}index.html'", back=True)  # the breadcrumb or the header's link
    enter(served + "index.html")
    assert issues == []
