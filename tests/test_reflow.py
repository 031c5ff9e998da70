"""The web edition on a phone and at 400% zoom: no page scrolls sideways at 320 CSS px (WCAG 2.2 1.4.10 reflow).

Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018: WCAG 2.2 AA.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from boardpack.build import build_site

from . import test_site
from .conftest import AXE, REPO, Board

site = test_site.site  # the example's web edition, built once for the run (shared with test_site.py)
served = test_site.served

PHONE, DESKTOP = 320, 1280
TRACKER = "2012-06-15/item-4-1.html"
DATA_TABLES = "2012-06-15/item-3-2.html"


@contextmanager
def window(browser: Any, width: int) -> Iterator[None]:
    """The page laid out `width` CSS px wide, as a phone or 400% zoom of a 1280 px window has it."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def open_page(browser: Any, url: str) -> None:
    browser.get(url)
    if "?q=" in url:
        WebDriverWait(browser, 20).until(lambda b: b.find_elements("css selector", "#search-results li"))


def sideways(browser: Any) -> int:
    """How many CSS px the page as a whole scrolls sideways (0 when it reflows)."""
    overflow: int = browser.execute_script("const e = document.documentElement; return e.scrollWidth - e.clientWidth;")
    return overflow


def axe_violations(browser: Any) -> list[str]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
        test_site.WCAG_22_AA,
    )
    assert "error" not in result, result
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in result["violations"]]


def tracker_row(browser: Any) -> dict[str, Any]:
    """How the tracker's first row is laid out: its display, its width, and the label shown before its cells."""
    row: dict[str, Any] = browser.execute_script(
        "const tr = document.querySelector('.document-tracker tbody tr');"
        "const cell = tr.querySelector('td');"
        "return {display: getComputedStyle(tr).display, width: tr.getBoundingClientRect().width,"
        " label: getComputedStyle(cell, '::before').content, column: cell.dataset.label};"
    )
    return row


@pytest.mark.browser
def test_a_tracker_stacks_its_rows_on_a_phone_and_takes_the_width_on_a_desktop(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.4.10 (reflow), under the Accessibility Regulations 2018: at 320 CSS px the tracker page (item 4.1)
    does not scroll sideways, each tracker row is a block of label and value, and axe-core finds nothing; at 1280 px
    the tracker is a table as wide as the window allows, not squeezed into the 60 rem of the text."""
    with window(browser, PHONE):
        open_page(browser, served + TRACKER)
        assert sideways(browser) == 0
        row = tracker_row(browser)
        assert row["display"] == "block"
        assert row["column"] == "Recommendation" and row["label"] == '"Recommendation"', row
        assert axe_violations(browser) == []
    with window(browser, DESKTOP):
        open_page(browser, served + TRACKER)
        assert sideways(browser) == 0
        row = tracker_row(browser)
        assert row["display"] == "table-row"
        assert row["label"] == "none"
        assert row["width"] > 60 * 16 + 100, row  # wider than the text's 60rem column
        assert axe_violations(browser) == []


@pytest.mark.browser
def test_a_wide_table_says_it_scrolls_and_is_a_tab_stop_only_when_it_does(served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.4.10 (reflow), 2.1.1 (keyboard), 2.4.7 and 1.4.11 (a focus ring of at least 3:1): at 320 CSS px a
    Markdown table too wide for the screen scrolls in its own box, which shows "Scroll sideways to see the whole
    table" and is a named, focusable region; a table that fits shows no hint and is no Tab stop."""
    with window(browser, PHONE):
        open_page(browser, served + DATA_TABLES)
        assert sideways(browser) == 0
        boxes = browser.execute_script(
            "return [...document.querySelectorAll('.table-wrap')].map(b => ({"
            " scrolls: b.scrollWidth > b.clientWidth + 1, tabindex: b.getAttribute('tabindex'),"
            " role: b.getAttribute('role'), name: b.getAttribute('aria-labelledby'),"
            " hint: b.querySelector('.scroll-hint').checkVisibility() ? b.querySelector('.scroll-hint').innerText : ''}))"
        )
        assert any(b["scrolls"] for b in boxes) and not all(b["scrolls"] for b in boxes), boxes
        for box in boxes:
            if box["scrolls"]:
                assert box["hint"].startswith("Scroll sideways to see the whole table"), box
                assert box["tabindex"] == "0" and box["role"] == "region" and box["name"], box
            else:
                assert box["hint"] == "" and box["tabindex"] is None and box["role"] is None, box
        ring = browser.execute_script(
            "const b = [...document.querySelectorAll('.table-wrap')].find(b => b.getAttribute('tabindex') === '0');"
            "b.focus(); const s = getComputedStyle(b);"
            "return {width: parseFloat(s.outlineWidth), style: s.outlineStyle, color: s.outlineColor,"
            " focused: document.activeElement === b};"
        )
        assert ring["focused"] and ring["style"] == "solid" and ring["width"] >= 3, ring
        assert contrast(ring["color"], "rgb(255, 255, 255)") >= 3, ring
        assert axe_violations(browser) == []
    with window(browser, DESKTOP):
        open_page(browser, served + DATA_TABLES)
        assert browser.execute_script("return document.querySelectorAll('.table-wrap[tabindex]').length") == 0


def contrast(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("kind", test_site.PAGES)
def test_no_page_kind_scrolls_sideways_at_320_css_px(served: str, browser, kind: str) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.4.10 (reflow), under the Accessibility Regulations 2018: every page kind of the example's site
    (index, meeting, each item page, decision list, minutes as confirmed, forward plan, notice of key decisions,
    search) fits 320 CSS px without scrolling sideways, and axe-core finds no WCAG 2.2 AA violation there."""
    with window(browser, PHONE):
        open_page(browser, served + test_site.PAGES[kind])
        assert sideways(browser) == 0
        assert axe_violations(browser) == []


@pytest.mark.slow
@pytest.mark.browser
def test_every_item_page_reflows_at_320_css_px(site: Path, served: str, browser) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 1.4.10 (reflow): every item page of the 15 June 2012 meeting, not only those in the axe sweep."""
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "2012-06-15").glob("*.html"))
    assert len(pages) > 8
    with window(browser, PHONE):
        wide = []
        for page in pages:
            open_page(browser, served + page)
            if sideways(browser):
                wide.append(page)
    assert wide == []


class _Cells(HTMLParser):
    """The cells of the tables that stack on a phone, and every table box's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.stacking = 0
        self.unlabelled: list[str] = []
        self.boxes: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.stacking = int(
                "stack" in (found.get("class") or "").split() and "cover-sheet" not in (found["class"] or "")
            )
        elif tag == "thead":
            self.stacking = -self.stacking
        elif tag == "tbody":
            self.stacking = abs(self.stacking)
        elif tag in ("td", "th") and self.stacking > 0 and not found.get("data-label"):
            self.unlabelled.append(f"<{tag} {found}>")
        elif tag == "div" and "table-wrap" in (found.get("class") or ""):
            self.boxes.append(found)


def test_stacked_rows_carry_their_column_labels_and_no_table_box_is_a_fixed_tab_stop(site: Path) -> None:
    """WCAG 2.2 1.3.1 (info and relationships) and 1.4.10 (reflow): a tracker's, action log's or forward plan's cell
    names its column (data-label), which a stacked row shows before the value; and no table box is written as a Tab
    stop or a region (tables.js makes one so only when it really scrolls, WCAG 2.1.1)."""
    stacked = 0
    for page in sorted(site.rglob("*.html")):
        cells = _Cells()
        cells.feed(page.read_text(encoding="utf-8"))
        assert cells.unlabelled == [], page
        assert all("tabindex" not in box and "role" not in box for box in cells.boxes), page
        stacked += 'class="stack"' in page.read_text(encoding="utf-8") or "plan stack" in page.read_text(
            encoding="utf-8"
        )
    assert stacked >= 3  # the minutes' action log, the tracker, the forward plan


def test_a_board_whose_own_web_templates_predate_tables_js_still_gets_it(board: Board, tmp_path: Path) -> None:
    """WCAG 2.2 2.1.1 (keyboard): a board that copied templates/html before tables.js existed still gets boardpack's,
    so its wide tables still become scrollable regions; the build does not fail."""
    templates = board.root / "templates" / "html"
    shutil.copytree(REPO / "templates" / "html", templates)
    (templates / "tables.js").unlink()
    out = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    assert (out / "tables.js").read_text() == (REPO / "templates" / "html" / "tables.js").read_text()
