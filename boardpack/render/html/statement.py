"""The accessibility statement's facts, in the shape the Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018 ask for: what boardpack's tests prove of every site it writes (each claim
names the tests that hold it), and who enforces the regulations. The page (pages.accessibility_page) adds what only
the site knows: the clerk to ask, the appendices made by others, the day it was built."""

from __future__ import annotations

# The kinds of page the tests check, as tests/test_site.py's PAGES names them (a test holds the two lists together,
# so the statement never claims a check for a kind of page the tests do not make).
PAGE_KINDS = (
    "index of meetings",
    "meeting and agenda",
    "minutes and action log",
    "cover sheet, report, foreign appendix",
    "report with data tables",
    "tracker",
    "landscape table appendix",
    "decision list",
    "minutes as confirmed and signed",
    "forward plan",
    "notice of key decisions",
    "search and its results",
    "accessibility statement",
    "list of briefings",
    "briefing",
)

# What the tests prove of every page kind, each with the tests that prove it (tests/file.py::test).
CHECKS = (
    (
        "axe-core finds no failure of WCAG 2.2 level A or AA on each kind of page, in a real browser (Chromium).",
        (
            "test_site.py::test_no_wcag_22_aa_violations",
            "test_reflow.py::test_no_page_kind_scrolls_sideways_at_320_css_px",
        ),
    ),
    (
        "At 320 CSS pixels wide (a 1280 pixel screen at 400% zoom) no kind of page scrolls sideways (WCAG 1.4.10"
        " reflow): trackers, action logs, cover sheets and the forward plan stack their rows, and a wide table"
        " scrolls in its own box, which says so and can then be reached and scrolled by keyboard.",
        (
            "test_reflow.py::test_no_page_kind_scrolls_sideways_at_320_css_px",
            "test_reflow.py::test_a_tracker_stacks_its_rows_on_a_phone_and_takes_the_width_on_a_desktop",
        ),
    ),
    (
        "With a keyboard alone (Tab and Enter), a reader goes from the list of meetings to a meeting, an item and"
        " the link to that item, and back; the focus is always visible and never on something hidden (WCAG 2.1.1,"
        " 2.4.3, 2.4.7).",
        ("test_site_pages.py::test_a_keyboard_alone_walks_from_the_meetings_to_an_item_and_back",),
    ),
    (
        "A table box that scrolls is named by its table's caption and has a focus ring of at least 3:1 against the"
        " page and the box (WCAG 1.3.1, 1.4.11, 2.4.7).",
        ("test_site_pages.py::test_every_table_has_a_caption_and_a_scrolling_box_is_named_by_it",),
    ),
    (
        "The PDF packs boardpack makes are tagged and pass PDF/UA-1 validation; a PDF appendix made by others keeps"
        " its own tags, and one without any is announced page by page as not accessible.",
        (
            "test_foreign.py::test_the_whole_pack_foreign_pages_included_passes_pdf_ua_1",
            "test_foreign.py::test_an_untagged_appendix_is_announced_as_not_accessible",
        ),
    ),
)

# Who enforces the regulations (their regulation 9), and where a reader goes if the body's answer does not satisfy.
ENFORCEMENT = (
    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies"
    " (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations)."
    " If you are not happy with how we respond to your request or complaint, contact the Equality Advisory and"
    " Support Service (EASS). If you are in Northern Ireland, contact the Equality Commission for Northern Ireland"
    " (ECNI)."
)
