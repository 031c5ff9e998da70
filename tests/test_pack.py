"""The example pack, read back from the PDF: page references, odd starts, blanks, stamps, bookmarks, tags."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

BLANK = "This page is intentionally left blank"
ITEMS_WITH_PAPERS = ["1.3", "2.1", "3.1", "3.2", "4.1", "4.2", "4.3"]


@cache
def read(pdf: Path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(pdf)
    return reader, [page.extract_text() or "" for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def stamps(texts: list[str]) -> dict[int, int]:
    """Page N stamp -> physical page index, read from each page's text."""
    found = {}
    for index, text in enumerate(texts):
        match = re.search(r"(?m)^\s*Page (\d+)\s*$", text)
        if match:
            found[int(match.group(1))] = index
    return found


def agenda_ranges(texts: list[str]) -> list[tuple[int, int]]:
    first_numbered = min(stamps(texts).values())
    agenda = " ".join(texts[:first_numbered])
    return [(int(a), int(b)) for a, b in re.findall(r"\(Pages\s+(\d+)\s+-\s+(\d+)\)", agenda)]


def test_agenda_cites_a_range_for_every_item_with_papers(pack: Path) -> None:
    _, texts = read(pack)
    assert len(agenda_ranges(texts)) == len(ITEMS_WITH_PAPERS)


def test_agenda_page_references_land_on_the_documents(pack: Path) -> None:
    _, texts = read(pack)
    where = stamps(texts)
    for number, (first, last) in zip(ITEMS_WITH_PAPERS, agenda_ranges(texts)):
        start, end = where[first], where[last]
        assert f"Agenda Item {number}" in texts[start], f"item {number} does not start on Page {first}"
        assert BLANK not in texts[end], f"item {number} ends on a blank page"
        after = texts[end + 1] if end + 1 < len(texts) else ""
        assert after == "" or BLANK in after or "Agenda Item" in after, f"item {number} runs past Page {last}"
        for page in range(start + 1, end + 1):
            assert "Agenda Item" not in texts[page], f"another item starts inside {number}'s range"


def test_every_document_starts_on_an_odd_page(pack: Path) -> None:
    reader, texts = read(pack)
    starts = [i for i, t in enumerate(texts) if "Agenda Item" in t]
    assert len(starts) == len(ITEMS_WITH_PAPERS)
    assert all(i % 2 == 0 for i in starts), "physical page numbers (1-based) must be odd"
    outline_pages = [reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)]
    assert all(p % 2 == 0 for p in outline_pages)


def test_gap_pages_say_they_are_blank_and_nothing_else(pack: Path) -> None:
    _, texts = read(pack)
    blanks = [i for i, t in enumerate(texts) if BLANK in t]
    assert blanks, "the example pack has gap pages"
    for index in blanks:
        rest = re.sub(r"Page \d+", "", texts[index].replace(BLANK, "")).strip()
        assert rest == "", f"blank page {index + 1} carries text: {rest!r}"
        assert index % 2 == 1, "a gap page always falls on an even page"
        assert "Agenda Item" in texts[index + 1] or index + 1 == len(texts) or BLANK not in texts[index + 1]


def test_pages_after_the_agenda_are_numbered_consecutively(pack: Path) -> None:
    _, texts = read(pack)
    where = stamps(texts)
    numbers = sorted(where)
    assert numbers == list(range(1, len(texts) - where[1] + 1))
    assert all(where[n] == where[1] + n - 1 for n in numbers)
    assert "Public Document Pack" in texts[0] and not re.search(r"Page \d+", texts[0])


def test_tracker_repeats_its_header_on_every_page(example_pack: Path) -> None:
    reader, texts = read(example_pack)
    tracker_pages = [i for i, t in enumerate(texts) if "Update as at 20/02/12" in flat(t)]
    assert all(reader.pages[i].mediabox.width > reader.pages[i].mediabox.height for i in tracker_pages), "landscape"
    assert len(tracker_pages) >= 2, "the R1-R15 tracker spans several pages"
    assert tracker_pages == list(range(tracker_pages[0], tracker_pages[-1] + 1))
    header = "Recommendation Action Required to Deliver Recommendation Lead Update as at 20/02/12 Date to be Completed by Status"
    for index in tracker_pages:  # wrapped header cells interleave when read back, so compare the words
        assert all(word in flat(texts[index]) for word in header.split()), index
    tracker_text = " ".join(texts[i] for i in tracker_pages)
    assert all(re.search(rf"\bR{n}\b", tracker_text) for n in range(1, 16))


def test_large_print_tracker_sets_each_row_as_its_own_table_headed_by_its_reference(large_print_pack: Path) -> None:
    """At 16 pt the seven columns cannot sit side by side: each recommendation becomes a table of
    its own, column names beside values, and a page it runs onto starts again with its reference."""
    reader, texts = read(large_print_pack)
    first = next(i for i, t in enumerate(texts) if "Appendix I: Emotional Wellbeing" in t)
    last = max(i for i, t in enumerate(texts) if re.search(r"Ref\s+R15\b", t))
    assert all(reader.pages[i].mediabox.width > reader.pages[i].mediabox.height for i in range(first, last + 1))
    for n in range(1, 16):
        assert any(re.search(rf"Ref\s+R{n}\s+Recommendation\s", flat(texts[i])) for i in range(first, last + 1)), n
    for index in range(first + 1, last + 1):
        assert re.match(r"Ref R\d+\b", flat(texts[index])), f"page {index + 1} does not start with its row's reference"
    labels = [
        "Recommendation",
        "Action Required to Deliver Recommendation",
        "Lead",
        "Update as at 20/02/12",
        "Date to be Completed by",
        "Status",
    ]
    text = flat(" ".join(texts[first : last + 1]))
    assert all(text.count(label) >= 15 for label in labels)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    entries: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def test_bookmarks_for_every_item_and_appendix(pack: Path) -> None:
    reader, texts = read(pack)
    entries = outline(reader)
    top = [(title, page) for depth, title, page in entries if depth == 0]
    assert top[0] == ("Agenda", 0)
    for title, page in top[1:]:
        assert "Agenda Item" in texts[page], f"bookmark {title!r} does not point at an item's first page"
    titles = [title for _, title, _ in entries]
    assert "2.1 Ofsted Inspection of Child Protection Arrangements" in titles
    assert "Appendix I: Emotional Wellbeing and Mental Health - Task and Finish Report Recommendations" in titles


def test_foreign_pdf_appendix_is_inserted_as_it_is(example_pack: Path) -> None:
    reader, texts = read(example_pack)
    foreign = Path(__file__).resolve().parents[1] / "appendices" / "ofsted-evaluation-schedule.pdf"
    source = [flat(page.extract_text() or "") for page in PdfReader(foreign).pages]
    hits = [i for i, t in enumerate(texts) if source[0] in flat(t)]
    assert len(hits) == 1, "the foreign appendix's first page appears once, whole"
    start = hits[0]
    for offset, text in enumerate(source):
        assert text in flat(texts[start + offset])
        assert re.search(r"Page \d+", texts[start + offset]), "foreign pages carry the pack's page stamp"
    bookmark_pages = {title: page for _, title, page in outline(reader)}
    assert bookmark_pages["Inspections of arrangements for the protection of children - evaluation schedule"] == start


def test_agenda_links_go_to_the_items(pack: Path) -> None:
    reader, texts = read(pack)
    first_numbered = min(stamps(texts).values())
    targets = set()
    with pikepdf.open(pack) as pdf:
        page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        for page in pdf.pages[:first_numbered]:
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                    dest = annot.Dest
                    if isinstance(dest, pikepdf.Array):
                        targets.add(page_index[dest[0].objgen])
                elif annot.get("/Subtype") == "/Link" and "/A" in annot and "/D" in annot.A:
                    dest = annot.A.D
                    if isinstance(dest, pikepdf.Array):
                        targets.add(page_index[dest[0].objgen])
    item_pages = {i for i, t in enumerate(texts) if "Agenda Item" in t}
    assert item_pages <= targets


def test_title_language_and_tags(example_pack: Path) -> None:
    with pikepdf.open(example_pack) as pdf:
        assert (
            str(pdf.docinfo["/Title"])
            == "Plymouth Children and Young People's Trust Board, 15 June 2012: Public Document Pack"
        )
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        kinds = set()

        def walk(element: pikepdf.Object, depth: int = 0) -> None:
            if depth > 60:
                return
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                kinds.add(str(element.S))
            kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid, depth + 1)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids, depth + 1)

        walk(pdf.Root.StructTreeRoot)
        assert {"/Table", "/TH", "/TD", "/H1", "/H2"} <= kinds


@pytest.mark.parametrize(
    "number, text",
    [
        ("2.1", "Ofsted Inspection of Child Protection Arrangements"),
        ("4.1", "Paul O'Sullivan"),
        ("4.3", "For information and action as necessary"),
    ],
)
def test_cover_sheets_carry_their_fields(example_pack: Path, number: str, text: str) -> None:
    _, texts = read(example_pack)
    [page] = [t for t in texts if f"Agenda Item {number}" in t]
    for label in (
        "Meeting",
        "Date",
        "Title",
        "Responsible Officer",
        "Purpose of Item",
        "Recommendations",
        "Consultation Record",
        "Meeting Notes:",
    ):
        assert label in page
    assert text in page.replace("\n", " ")


def test_example_packs_rebuild_byte_identical(example_pack: Path, tmp_path: Path) -> None:
    import datetime as dt

    from boardpack.build import build_pack

    again = build_pack(Path(__file__).resolve().parents[1], dt.date(2012, 6, 15), out=tmp_path)
    for path in again:
        assert path.read_bytes() == (example_pack.parent / path.name).read_bytes(), path.name


def test_public_pack_passes_pdf_ua_1_validation(pack: Path) -> None:
    import page

    report = page.validate_pdf(str(pack), profile="ua1")
    failures = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    assert report.is_compliant and failures == [], failures
    assert report.profile == page.ValidationProfile.PDF_UA_1
