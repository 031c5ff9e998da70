"""Every word, picture and heading of each example body's public pack, read back from each edition as
its reader meets it (the PDF's structure tree and painted content, large print, Word, the web page in
a browser) and compared with the parsed sources by the oracle (tests/oracle.py).

The two bodies: the Plymouth board (cover sheets, sectioned numbering, minutes, trackers) and a
county council's scrutiny panel (officer reports in a numbered form, flat numbering, a tracker of
responses)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from boardpack.assemble import assemble_pack, item_groups
from boardpack.build import build_pack, build_site
from boardpack.checks import check_repository

from .conftest import REPO
from .oracle import (
    Block,
    PdfEdition,
    action_log_rows,
    agenda_rows,
    compare,
    cover_sheet_blocks,
    docx_blocks,
    expected,
    html_blocks,
    minutes_rows,
    minutes_words,
    norm,
    report_blocks,
    section,
    source_heading_levels,
    table_block,
    tracker_blocks,
    tracker_rows,
    without_page_ranges,
)

pytestmark = pytest.mark.slow  # every edition of two whole bodies, read back item by item

BODIES = {
    "Plymouth board": (REPO, dt.date(2012, 6, 15), dt.date(2012, 6, 1)),
    "scrutiny panel": (
        REPO / "examples" / "people-children-scrutiny-panel",
        dt.date(2014, 11, 13),
        dt.date(2014, 11, 1),
    ),
}


@pytest.fixture(scope="module", params=list(BODIES))
def editions(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    root, date, today = BODIES[request.param]
    out = tmp_path_factory.mktemp("roundtrip")
    build_pack(root, date, out=out, docx=True)
    build_pack(root, date, out=out, large_print=True)
    site = build_site(root, out / "site", today=today).folder
    papers = check_repository(root)
    return SimpleNamespace(
        out=out, site=site, papers=papers, pack=assemble_pack(papers, date), root=root, date=date, day=date.isoformat()
    )


def sources(editions: SimpleNamespace, number: str) -> list[Path]:
    """The files an item's papers were written in: its cover sheet and Markdown appendices."""
    agenda = editions.papers.agendas[editions.date].value
    rows = [row for s in editions.pack.data["documents"][0]["sections"] for row in s["items"]]
    items = dict(zip((row["number"] for row in rows), (item for s in agenda.sections for item in s.items)))
    item, root = items[number], editions.root
    if item.paper is None:
        return [root / "actions.yaml", *(root / "minutes").glob("*.yaml")]
    sheet = editions.papers.cover_sheets[item.paper].value
    return [root / item.paper, *(root / a.markdown for a in sheet.appendices if a.markdown)]


def heading_levels_as_written(
    doc: dict[str, Any], where: list[Path], edition: str, numbered: bool = False
) -> list[str]:
    """The report's heading levels, as the oracle expects them, follow its Markdown source (read
    independently of boardpack's parser), not only boardpack's own assembly."""
    assembled = [(b.text, b.level) for b in report_blocks(doc)[1:] if b.kind == "heading"]
    # A numbered form numbers the report's sections ("3.1 Introduction") and adds its own ("1. Purpose …"):
    # compare the headings written in the source, without their numbers.
    if numbered:
        assembled = [(re.sub(r"^\d+(\.\d+)*\.? ", "", text), level) for text, level in assembled]
    # The house style may print sections in capitals ("BACKGROUND INFORMATION" for "## Background information").
    assembled = [(text.casefold(), level) for text, level in assembled]
    for path in where:
        written = [
            (text.casefold(), level)
            for text, level in source_heading_levels(path.read_text(encoding="utf-8"), doc.get("level", 2))
        ]
        texts = {text for text, _ in written}
        kept = [(text, level) for text, level in assembled if text in texts] if numbered else assembled
        if [text for text, _ in written] == [text for text, _ in kept]:
            return [
                f"{path}: {edition}: heading {text!r} is at level {got}, written for level {want}"
                for (text, want), (_, got) in zip(written, kept)
                if want != got
            ]
    return (
        [f"{where[0]}: {edition}: the report {doc['heading']!r} has headings {assembled}, not those of its source"]
        if assembled
        else []
    )


def documents(editions: SimpleNamespace) -> list[tuple[str, dict[str, Any]]]:
    items, loose = item_groups(editions.pack)
    return [(item["number"], doc) for item in items for doc in item["documents"]] + [("", doc) for doc in loose]


@pytest.mark.parametrize("edition", ["standard", "large print"])
def test_the_pdf_holds_what_was_written(editions: SimpleNamespace, edition: str) -> None:
    name = f"{editions.day}-public-pack" + ("-large-print" if edition == "large print" else "") + ".pdf"
    pdf = PdfEdition(editions.out / name)
    blocks = pdf.blocks()
    problems: list[str] = []
    for number, doc in documents(editions):
        where = sources(editions, number) if number else [editions.root / "actions.yaml"]
        kind = doc["kind"]
        if kind == "report":
            numbered = (
                editions.papers.board.value.form.numbered or editions.papers.board.value.style.paragraphs == "numbered"
            )
            problems += heading_levels_as_written(doc, where, name, numbered)
            want, level = report_blocks(doc), doc.get("level", 2)
            got = section(blocks, doc["heading"], level)
            # A report that is its item's first heading (no cover sheet) has its appendices under it.
            problems += compare(want, got[: len(want)] if level == 1 else got, where, name)
        elif kind == "cover_sheet":
            want = cover_sheet_blocks(doc)
            problems += compare(want, section(blocks, doc["bookmark"], 1)[: len(want)], where, name)
        elif kind == "tracker":
            # In large print a tracker too wide for the page is set a table a row ("stacked"); a narrow one stays whole.
            candidates = [tracker_blocks(doc)] + (
                [tracker_blocks(doc, stacked=True)] if edition == "large print" else []
            )
            found = [
                compare(want, section(blocks, doc["heading"], doc["level"])[: len(want)], where, name)
                for want in candidates
            ]
            problems += min(found, key=len)
        elif kind == "action_log":
            tables = [b for b in section(blocks, doc["heading"], 2) if b.kind == "table"]
            problems += compare([table_block(action_log_rows(doc))], tables[:1], where, name)
        elif kind == "minutes":
            got = section(blocks, doc["heading"], 1)
            want = [Block("heading", norm(doc["heading"]), 1)] + (
                [Block("p", norm(doc["status"]))] if doc.get("status") else []
            )
            for title, people in (
                ("Present:", doc["present"]),
                ("Apologies:", doc["apologies"]),
                ("Absent:", doc["absent"]),
                ("In Attendance:", doc["in_attendance"]),
            ):
                if people:
                    want += [
                        Block("heading", title, 2),
                        table_block([[norm(p["name"]), norm(p["role"])] for p in people]),
                    ]
            want.append(table_block(minutes_rows(doc)))
            problems += compare(want, got[: len(want)], where, name)
    agenda = section(blocks, "Agenda", 1)
    want = [Block("heading", "Agenda", 1)] + [
        table_block(agenda_rows(s)) for s in editions.pack.data["documents"][0]["sections"]
    ]
    problems += compare(
        want,
        [without_page_ranges(b) for b in agenda][: len(want)],
        [editions.root / "agendas" / f"{editions.day}.yaml"],
        name,
    )
    pdf.close()
    assert problems == [], "\n".join(p[:700] for p in problems)


def test_word_holds_what_was_written(editions: SimpleNamespace) -> None:
    folder = editions.out / f"{editions.day}-public-docx"
    problems: list[str] = []
    items, loose = item_groups(editions.pack)
    for item in items:
        where = sources(editions, item["number"])
        for doc in item["documents"]:
            kind = doc["kind"]
            if kind == "minutes":
                path = folder / f"{item['slug']}-minutes.docx"
                blocks = docx_blocks(path)
                tables = [b for b in blocks if b.kind == "table"]
                want = [
                    table_block([["Name", "Role"], *([norm(p["name"]), norm(p["role"])] for p in doc[group])])
                    for group in ("present", "apologies", "absent", "in_attendance")
                    if doc[group]
                ]
                problems += compare(want, [Block("table", b.text) for b in tables], where, path.name)
                # The minutes themselves: a heading each (under its Part's), then its words, as written.
                start = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.text == "Minutes")
                got = blocks[start + 1 :]
                headings = [(b.text, b.level) for b in got if b.kind == "heading"]
                parted = any(m["part"] for m in doc["items"])
                expected = [
                    heading
                    for m in doc["items"]
                    for heading in ([(m["part"], 3)] if m["part"] else [])
                    + [(norm(f"{m['number']} {m['title']}"), 4 if parted else 3)]
                ]
                problems += compare(
                    [Block("outline", str(expected))], [Block("outline", str(headings))], where, path.name
                )
                problems += compare(
                    [Block("minutes", minutes_words(doc))],
                    [Block("minutes", norm(" ".join(b.text for b in got if b.kind not in ("image", "link"))))],
                    where,
                    path.name,
                )
                continue
            path = next(
                p
                for p in (
                    folder / f"{item['slug']}.docx",
                    folder / f"{item['slug']}-action-log.docx",
                    folder / f"{item['slug']}-tracker.docx",
                    folder / f"{item['slug']}-report.docx",
                )
                if p.exists()
            )
            blocks = docx_blocks(path)
            if kind == "report":
                shift = 2 - doc.get("level", 2)  # under the item's Heading 1
                problems += compare(report_blocks(doc, shift), section(blocks, doc["heading"], 2), where, path.name)
            elif kind == "cover_sheet":
                table = next(b for b in blocks if b.kind == "table")
                want = Block("table", cover_sheet_blocks(doc)[1].text)  # as the PDF's: no header row
                problems += compare([want], [Block("table", table.text)], where, path.name)
            elif kind == "tracker":
                want = [Block("heading", norm(doc["heading"]), doc["level"]), table_block(tracker_rows(doc, "Ref"))]
                got = section(blocks, doc["heading"], doc["level"])
                problems += compare(
                    want, [got[0], *(Block("table", b.text) for b in got if b.kind == "table")][:2], where, path.name
                )
            elif kind == "action_log":  # a document of its own: its first table is the log
                tables = [Block("table", b.text) for b in blocks if b.kind == "table"]
                problems += compare([table_block(action_log_rows(doc))], tables[:1], where, path.name)
    agenda = [Block("table", b.text) for b in docx_blocks(folder / "agenda.docx") if b.kind == "table"]
    want = [_word_agenda(s) for s in editions.pack.data["documents"][0]["sections"]]
    problems += compare(want, agenda, [editions.root / "agendas" / f"{editions.day}.yaml"], "agenda.docx")
    assert problems == [], "\n".join(p[:700] for p in problems)


def _word_agenda(section: dict[str, Any]) -> Block:
    """Word's agenda puts one header row, "Time | Item | Author", under each section's heading (a Word file's pages
    are its own, so the PDF pack's page ranges are not named)."""
    rows = agenda_rows(section)
    body = [[norm(section["time"]), rows[0][1], ""]] if section["is_break"] else rows[1:]
    return table_block([["Time", "Item", "Author"], *body])


@pytest.mark.browser
def test_the_web_edition_holds_what_was_written(editions: SimpleNamespace, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    problems: list[str] = []
    items, _ = item_groups(editions.pack)
    for item in items:
        where = sources(editions, item["number"])
        browser.get((editions.site / editions.day / f"{item['slug']}.html").as_uri())
        articles = browser.find_elements(By.CSS_SELECTOR, "main article.document")
        assert len(articles) == len(item["documents"]), item["slug"]
        for doc, article in zip(item["documents"], articles):
            kind = doc["kind"]
            page = f"{item['slug']}.html"
            if kind == "report":
                want = expected(doc.get("masthead", [])) + report_blocks(doc, 2 - doc.get("level", 2))
                problems += compare(want, html_blocks(browser, article), where, page)
            elif kind == "cover_sheet":
                want = cover_sheet_blocks(doc, shown_only=True)
                got = html_blocks(browser, article, offset=1)
                problems += compare([Block("heading", "Cover sheet", 1), *want[1:]], got, where, page)
            elif kind == "tracker":
                got = [b for b in html_blocks(browser, article) if b.kind == "table"]
                problems += compare(
                    [table_block(tracker_rows(doc, "Ref"))], [Block("table", b.text) for b in got], where, page
                )
            elif kind == "action_log":
                got = [Block("table", b.text) for b in html_blocks(browser, article) if b.kind == "table"]
                problems += compare([table_block(action_log_rows(doc))], got, where, page)
            elif kind == "minutes":
                text = norm(article.text)
                for m in doc["items"]:
                    for piece in (
                        m["title"],
                        " ".join(b.text for b in report_blocks({"heading": "", "body": m["body"]})[1:]),
                    ):
                        if norm(piece) not in text:
                            problems.append(f"{where[0]}: {page}: minute {m['number']} is missing {piece[:60]!r}")
                    for action in m["actions"]:
                        owner = f"Owner: {action['owner']}" + (f", {action['due']}" if action["due"] else "")
                        if owner not in text:
                            problems.append(f"{where[0]}: {page}: minute {m['number']} does not show {owner!r}")
    assert problems == [], "\n".join(p[:700] for p in problems)
