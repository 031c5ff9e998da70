"""Nothing exempt reaches the public pack: a canary in every part of an exempt item, hunted everywhere."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.build import build_pack
from boardpack.cli import main

from .conftest import Board, make_pdf
from .test_build import tiny_png

CANARY = "Zq7CanaryXv9"
PERSON = f"Vera {CANARY}"  # a person mentioned only in exempt material: her mention is exempt too

# Why the item is late and the chair's special circumstances of urgency (s.100B(4)(b)): exempt, as the item is.
URGENT = f"""\
        late: The {CANARY} valuation arrived after the agenda was sent.
        urgent: The {CANARY} offer lapses before the next meeting.
"""

EXEMPT_AGENDA_ITEM = f"""\
  - heading: Private business
    items:
      - title: Sale of {CANARY} House
        start: "10.30"
        purpose: "To agree terms with {CANARY} Ltd. ![{CANARY} site plan](images/{CANARY.lower()}-plan.png)"
        authors: [{PERSON}]
        paper: cover_sheets/{CANARY.lower()}-sale.md
{URGENT}        exempt:
          paragraph: 3
          public_interest: The public interest in maintaining the exemption outweighs disclosure while the terms of the sale are negotiated.
          public_title: Sale of a council property
"""

EXEMPT_SHEET = f"""\
---
title: Sale of {CANARY} House
responsible_officer: {PERSON}
purpose: To agree the sale to {CANARY} Ltd.
recommendations: Accept the {CANARY} offer.
consultation_record: Consulted {CANARY} Partners.
impact_on_child_poverty: None for {CANARY}.
meeting_notes: Notes on {CANARY}.
appendices:
  - title: {CANARY} valuation
    file: appendices/{CANARY.lower()}-valuation.pdf
  - title: {CANARY} terms
    markdown: appendices/{CANARY.lower()}-terms.md
  - title: {CANARY} bidders' undertakings
    tracker: {CANARY.lower()}-undertakings
---
# {CANARY} sale report

The offer from {CANARY} Ltd is below. See [the {CANARY} bid](https://example.org/{CANARY}/bid).

![{CANARY} floor plan](images/{CANARY.lower()}-plan.png)

## {CANARY} figures

| Bidder | Offer |
| --- | --: |
| {CANARY} Ltd | £1 |
"""

EXEMPT_MINUTE = f"""\
  - number: "3.1"
    title: {CANARY} negotiations
    body: The Board discussed the {CANARY} negotiations in private.
    urgency: The {CANARY} offer lapsed before the next meeting.
    exempt:
      paragraph: 3
      public_summary: The Board discussed the negotiations for the sale of a council property.
    exclusion: {{minutes: ["3.1"]}}
    declarations:
      - {{member: Paul O'Sullivan, interest: Trustee of the {CANARY} Trust, kind: other registrable, action: left the room}}
    decisions:
      - resolved: The Board accepts the {CANARY} offer of £1.
        reasons: The {CANARY} offer is the best.
        alternatives: Refusing the {CANARY} offer.
        decision_maker: The {CANARY} disposals panel
        conflicts: A member consulted declared a {CANARY} shareholding.
        dispensation: The {CANARY} dispensation of 1 October 2029.
        public_summary: The Board agreed the terms of the sale.
"""

EXEMPT_ACTION = f"""\
  - id: A9
    raised: 2029-10-10
    minute: "3.1"
    owner: {PERSON}
    description: Write to {CANARY} Ltd with the Board's terms.
    due: 2029-12-01
    status: open
    updates:
      - {{date: 2029-11-01, text: Letter to {CANARY} drafted.}}
trackers:
  - id: {CANARY.lower()}-undertakings
    title: {CANARY} bidders' undertakings
    made_by: {CANARY} valuation panel
    rows:
      - id: U1
        recommendation: {CANARY} Ltd to keep the nursery open.
        action_required: Write the undertaking into the {CANARY} contract.
        leads: [{PERSON}]
        due: 2030-06-30
        status: open"""


def utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


def exempt_board(board: Board) -> Board:
    board.replace(
        "board.yaml",
        "  - {name: Olive Officer, role: Head of Service}",
        f"  - {{name: Olive Officer, role: Head of Service}}\n  - {{name: {PERSON}, role: {CANARY} Valuation Adviser}}",
    )
    board.write(
        "agendas/2030-01-10.yaml", (board.root / "agendas" / "2030-01-10.yaml").read_text() + EXEMPT_AGENDA_ITEM
    )
    board.write(f"cover_sheets/{CANARY.lower()}-sale.md", EXEMPT_SHEET)
    (board.root / "appendices").mkdir()
    make_pdf(board.root / "appendices" / f"{CANARY.lower()}-valuation.pdf", pages=2, text=f"{CANARY} valuation")
    board.write(f"appendices/{CANARY.lower()}-terms.md", f"The {CANARY} terms are confidential.\n")
    (board.root / "images").mkdir()
    (board.root / "images" / f"{CANARY.lower()}-plan.png").write_bytes(tiny_png())
    board.write("minutes/2029-10-10.yaml", (board.root / "minutes" / "2029-10-10.yaml").read_text() + EXEMPT_MINUTE)
    board.replace("actions.yaml", "trackers:", EXEMPT_ACTION)
    return board


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    board = exempt_board(Board(tmp_path_factory.mktemp("exempt") / "board"))
    public, private, *decision_lists = build_pack(board.root, dt.date(2030, 1, 10), out=board.root / "build")
    assert [p.name for p in decision_lists] == ["2029-10-10-decisions.pdf", "2029-10-10-decisions-private.pdf"]
    return public, private


def decoded_objects(pdf: pikepdf.Pdf) -> Iterator[bytes]:
    """Every object of the file, streams decoded: what a determined reader could dig out."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            try:
                yield obj.read_bytes()
            except pikepdf.PdfError:
                yield obj.read_raw_bytes()
            yield repr(obj.stream_dict).encode("utf-8", "replace")
        else:
            yield repr(obj).encode("utf-8", "replace")


def bookmark_titles(pdf: pikepdf.Pdf) -> list[str]:
    titles = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(item.children)
    return titles


def structure_texts(pdf: pikepdf.Pdf) -> list[str]:
    found, stack = [], [pdf.Root.get("/StructTreeRoot")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            found += [str(node[key]) for key in ("/Alt", "/ActualText", "/T", "/E") if key in node]
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return found


def link_targets(pdf: pikepdf.Pdf) -> list[str]:
    return [
        str(annot.A.get("/URI", ""))
        for page in pdf.pages
        for annot in page.get("/Annots", [])
        if annot.get("/Subtype") == "/Link" and "/A" in annot
    ]


def named_destinations(pdf: pikepdf.Pdf) -> list[str]:
    names = pdf.Root.get("/Names", {})
    tree = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
    found = [str(k) for k in pikepdf.NameTree(tree).keys()] if tree is not None else []
    return found + [str(k) for k in pdf.Root.get("/Dests", {}).keys()]


def views(path: Path) -> dict[str, str]:
    """Each place a canary could hide, as text."""
    with pikepdf.open(path) as pdf:
        with pdf.open_metadata() as meta:
            xmp = str(meta)
        names = pdf.Root.get("/Names", {})
        embedded = list(pdf.attachments.keys())
        return {
            "extracted text": " ".join((page.extract_text() or "") for page in PdfReader(path).pages),
            "bookmarks": " ".join(bookmark_titles(pdf)),
            "document info": " ".join(str(v) for v in pdf.docinfo.values()),
            "XMP metadata": xmp,
            "named destinations": " ".join(named_destinations(pdf)),
            "link annotations": " ".join(link_targets(pdf)),
            "embedded files": " ".join(embedded)
            + repr(names.get("/EmbeddedFiles") if isinstance(names, pikepdf.Dictionary) else ""),
            "structure tree": " ".join(structure_texts(pdf)),
        }


def test_canary_is_absent_from_every_part_of_the_public_pack(packs: tuple[Path, Path]) -> None:
    public, _ = packs
    decisions = public.parent / "2029-10-10-decisions.pdf"  # the public decision list of the exempt minute's meeting
    for pdf_path in (public, decisions):
        for place, text in views(pdf_path).items():
            assert CANARY not in text and CANARY.lower() not in text, f"exempt text leaked into the {place}"
        with pikepdf.open(pdf_path) as pdf:
            for blob in decoded_objects(pdf):
                for needle in (CANARY.encode(), CANARY.lower().encode(), utf16(CANARY), utf16(CANARY.lower())):
                    assert needle not in blob, f"exempt text leaked into an object of {pdf_path.name}"
        assert CANARY.encode() not in pdf_path.read_bytes() and CANARY.lower().encode() not in pdf_path.read_bytes()
    assert all(CANARY.lower() not in p.name.lower() for p in public.parent.iterdir())


def test_an_exempt_decisions_record_stays_out_of_the_public_decision_list(packs: tuple[Path, Path]) -> None:
    """Local Government Act 1972 s.100C(2) and SI 2012/2089 reg 13: the public decision list gives an exempt
    decision's public summary only, never its record's reasons, decision maker, conflicts or dispensation."""
    public = packs[0].parent / "2029-10-10-decisions.pdf"
    for place, text in views(public).items():
        assert CANARY not in text and CANARY.lower() not in text, f"exempt text leaked into the {place}"
    assert "The Board agreed the terms of the sale." in views(public)["extracted text"]
    private = " ".join(views(packs[0].parent / "2029-10-10-decisions-private.pdf")["extracted text"].split())
    assert f"Dispensation: The {CANARY} dispensation of 1 October 2029." in private


def test_canary_is_found_in_the_private_pack(packs: tuple[Path, Path]) -> None:
    _, private = packs
    found = views(private)
    for place in ("extracted text", "bookmarks", "link annotations", "structure tree"):
        assert CANARY in found[place] or CANARY.lower() in found[place], f"the test cannot see the {place}"
    text = " ".join(found["extracted text"].split())
    for part in (
        f"Sale of {CANARY} House",
        f"To agree the sale to {CANARY} Ltd.",
        f"{CANARY} valuation page 1",
        f"{CANARY} Ltd to keep the nursery open.",
        f"The {CANARY} terms are confidential.",
        f"The Board discussed the {CANARY} negotiations in private.",
        f"The {CANARY} dispensation of 1 October 2029.",  # a decision's record (SI 2012/2089 reg 13)
        f"Write to {CANARY} Ltd with the Board's terms.",
        f"Letter to {CANARY} drafted.",
        f"The Board accepts the {CANARY} offer of £1.",
        f"Trustee of the {CANARY} Trust",
        f"The {CANARY} offer lapses before the next meeting.",  # the chair's urgency (s.100B(4)(b))
        f"The {CANARY} valuation arrived after the agenda was sent.",  # why it is late
        f"The {CANARY} offer lapsed before the next meeting.",  # the urgency, minuted
    ):
        assert part in text, part
    assert "NOT FOR PUBLICATION" in text


RESOLVED = (
    "The Board resolved, under Section 100A(4) of the Local Government Act 1972, to exclude the press and public for "
    "the following item of business (minute 3.1) on the grounds that it involves the likely disclosure of exempt "
    "information as defined in paragraph 3 of Part 1 of Schedule 12A to the Act, as substituted by the Local "
    "Government (Access to Information) (Variation) Order 2006, and that in all the circumstances the public "
    "interest in maintaining the exemption outweighs the public interest in disclosing the information."
)
SUMMARY = "The Board discussed the negotiations for the sale of a council property."
OUTCOME = (
    "Public interest test: The public interest in maintaining the exemption outweighs disclosure while the terms of "
    "the sale are negotiated."
)


def test_the_public_minutes_record_the_exclusion_and_summarise_the_exempt_minute(packs: tuple[Path, Path]) -> None:
    """Local Government Act 1972 s.100A(4) (the resolution to exclude the public is minuted) and s.100C(2) (the
    public minutes give a written summary of exempt proceedings): the public pack's minutes of 10 October show, under
    the exempt minute's number and title, its statement, the resolution, its summary and its decision's summary, and
    nothing of the minute itself; its public decision list gives the summaries; the agenda prints the outcome of the
    public interest test (Schedule 12A Part 3 para 10) with the exempt item."""
    public, private = packs
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(public).pages)
    minute = text.split("3.1 Exempt item ")[1]
    assert minute.startswith("Exempt from publication under paragraph 3 of Part 1 of Schedule 12A")
    assert f"information). {RESOLVED} {SUMMARY} Resolved: The Board agreed the terms of the sale." in minute
    assert f"that information). {OUTCOME}" in text.split("Agenda Item 1.2")[0]
    decisions = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(public.parent / "2029-10-10-decisions.pdf").pages
    )
    assert f"3.1 Exempt item {SUMMARY} Resolved: The Board agreed the terms of the sale." in decisions
    private_text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(private).pages)
    assert RESOLVED in private_text and f"The Board discussed the {CANARY} negotiations in private." in private_text


def test_public_agenda_lists_the_exempt_item_with_its_paragraph(packs: tuple[Path, Path]) -> None:
    public, private = packs
    # the agenda, on its first pages (the resolution to exclude the press and public may take it to a second)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(public).pages[:2])
    assert "3.1. Sale of a council property" in text
    assert (
        "Exempt from publication under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972: "
        "information relating to the financial or business affairs of any particular person"
    ) in text
    assert "to exclude the press and public for the following item(s) of business" in text
    assert "Pages" not in text.split("3.1. Sale of a council property")[1], (
        "no page range for papers the public pack lacks"
    )
    minutes = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(public).pages)
    assert "3.1 Exempt item Exempt from publication under paragraph 3" in minutes
    private_text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(private).pages)
    assert "Private Document Pack" in private_text and "Agenda Item 3.1" in private_text


def test_private_pack_marks_every_exempt_page(packs: tuple[Path, Path]) -> None:
    _, private = packs
    texts = [" ".join((p.extract_text() or "").split()) for p in PdfReader(private).pages]
    exempt_pages = [i for i, t in enumerate(texts) if CANARY in t]
    assert len(exempt_pages) >= 7, "agenda, minutes, action log, cover sheet, report, two foreign pages, terms"
    for index in exempt_pages:
        assert "NOT FOR PUBLICATION: exempt under paragraph 3 of Part 1 of Schedule 12A" in texts[index], index


def test_the_private_large_print_packs_page_for_an_exempt_appendix_is_marked_and_refers_to_the_private_pack(
    tmp_path: Path,
) -> None:
    """Schedule 12A: an exempt PDF appendix's page in the private large-print pack (which does not lay in its pages)
    carries the NOT FOR PUBLICATION line, and refers to it in the private pack; the public large-print pack has no
    page for it."""
    board = exempt_board(Board(tmp_path / "board"))
    public, private = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path / "out", large_print=True)[:2]
    assert private.name == "2030-01-10-private-pack-large-print.pdf"
    texts = [" ".join((p.extract_text() or "").split()) for p in PdfReader(private).pages]
    [page] = [t for t in texts if f"{CANARY} valuation" in t and "cannot be set in large print" in t]
    assert "NOT FOR PUBLICATION: exempt under paragraph 3 of Part 1 of Schedule 12A" in page
    assert "2030-01-10-private-pack.pdf" in page
    with pikepdf.open(private) as pdf:
        assert any(t.startswith("2030-01-10-private-pack.pdf#nameddest=appendix-doc-") for t in link_targets(pdf))
    assert not any("cannot be set in large print" in (p.extract_text() or "") for p in PdfReader(public).pages)


def test_no_private_pack_without_exempt_material(board: Board, tmp_path: Path) -> None:
    written = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    assert [p.name for p in written] == ["2030-01-10-public-pack.pdf"]


def every_byte(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Each file's name and content; Word files unzipped and the search index's files (Pagefind's, gzipped)
    decompressed, so compressed XML and indexed text are searched too."""
    import gzip
    import zipfile

    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield str(path.relative_to(folder)), path.read_bytes()
            if "pagefind" in path.relative_to(folder).parts and path.read_bytes()[:2] == b"\x1f\x8b":
                yield f"{path.relative_to(folder)} (decompressed)", gzip.decompress(path.read_bytes())
            if path.suffix == ".docx":
                with zipfile.ZipFile(path) as package:
                    for name in package.namelist():
                        yield f"{path.name}:{name}", package.read(name)


def needles() -> list[bytes]:
    return [CANARY.encode(), CANARY.lower().encode(), utf16(CANARY), utf16(CANARY.lower())]


def test_canary_is_absent_from_public_word_documents_and_present_in_private(tmp_path: Path) -> None:
    board = exempt_board(Board(tmp_path / "board"))
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path / "out", docx=True)
    public = tmp_path / "out" / "2030-01-10-public-docx"
    private = tmp_path / "out" / "2030-01-10-private-docx"
    for name, content in every_byte(public):
        assert CANARY.lower() not in name.lower(), name
        assert not any(n in content for n in needles()), f"exempt text leaked into {name}"
    assert any(CANARY.encode() in content for _, content in every_byte(private)), "the test can see Word text"
    import docx

    minutes = [p.text for p in docx.Document(str(public / "item-1-2-minutes.docx")).paragraphs]
    exempt = minutes.index("3.1 Exempt item")
    assert minutes[exempt + 2 : exempt + 5] == [RESOLVED, SUMMARY, "Resolved: The Board agreed the terms of the sale."]


def test_canary_is_absent_from_the_web_edition(tmp_path: Path) -> None:
    from boardpack.build import build_site

    board = exempt_board(Board(tmp_path / "board"))
    make_pdf(board.root / "appendices" / "budget-detail.pdf", pages=1, text="Public budget detail")
    board.replace(  # a public PDF appendix too: the pack names it, and the large-print pack refers to it
        "cover_sheets/budget.md",
        "impact_on_child_poverty: None directly.\n",
        "impact_on_child_poverty: None directly.\n"
        "appendices:\n  - title: Budget detail\n    file: appendices/budget-detail.pdf\n",
    )
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    folder = site / "2030-01-10"
    with pikepdf.open(folder / "2030-01-10-public-pack.pdf") as pdf:
        [named] = named_destinations(pdf)  # the public appendix's alone
    with pikepdf.open(folder / "2030-01-10-public-pack-large-print.pdf") as pdf:
        referred = [target for target in link_targets(pdf) if "#nameddest=" in target]
        assert referred == [f"2030-01-10-public-pack.pdf#nameddest={named}"]
    for name in ("2030-01-10-public-pack.pdf", "2030-01-10-public-pack-large-print.pdf"):
        for place, text in views(folder / name).items():
            assert CANARY not in text and CANARY.lower() not in text, f"exempt text leaked into the {place} of {name}"
    files = list(every_byte(site))
    assert any(name.endswith(".html") for name, _ in files)
    assert any(name.endswith("(decompressed)") for name, _ in files), "the search index is searched too"
    for name, content in files:
        assert CANARY.lower() not in name.lower(), name
        if name.endswith(".pdf"):
            with pikepdf.open(site / name) as pdf:
                assert not any(n in blob for blob in decoded_objects(pdf) for n in needles()), name
        assert not any(n in content for n in needles()), f"exempt text leaked into {name}"
    assert not any(name.endswith(".png") for name, _ in files), "the exempt item's images stay out of the site"
    agenda = (site / "2030-01-10" / "index.html").read_text(encoding="utf-8")
    assert "Sale of a council property" in agenda and "Exempt from publication under paragraph 3" in agenda
    assert OUTCOME in agenda  # Schedule 12A Part 3 para 10
    from lxml import html

    minutes = html.parse(str(site / "2030-01-10" / "item-1-2.html")).getroot()
    [exempt] = [s for s in minutes.iter("section") if "3.1 Exempt item" in s.findtext("h4", "")]  # under Part 3
    paragraphs = [" ".join(p.text_content().split()) for p in exempt.iter("p")]
    assert paragraphs[1:] == [RESOLVED, SUMMARY, "Resolved: The Board agreed the terms of the sale."]  # s.100C(2)
    decisions = (site / "2030-01-10" / "decisions-2029-10-10.html").read_text(encoding="utf-8")
    assert SUMMARY in decisions
    subscriptions_hold_no_exempt_text(site)
    outcomes_hold_nothing_exempt(site)


def outcomes_hold_nothing_exempt(site: Path) -> None:
    """Local Government Act 1972 s.100C(2) and Sch 12A: the pages of outcomes (the decisions register, the minutes'
    own page, the action and recommendation pages) give an exempt minute's decision by its public summary alone,
    and the action raised under it (A9) and the rows of the tracker reported under the exempt item get no page and
    no link anywhere; the public action (A1) and tracker row (tf/R1) do."""
    from lxml import html

    register = html.parse(str(site / "decisions.html")).getroot()
    rows = [" ".join(row.text_content().split()) for row in register.xpath("//table[@id='register']/tbody/tr")]
    [exempt] = [row for row in rows if "Minute 3.1" in row]
    assert "Exempt item" in exempt and "The Board agreed the terms of the sale." in exempt, exempt
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert {"actions/A1.html", "recommendations/tf/R1.html", "2029-10-10/index.html"} <= pages
    assert not [p for p in pages if p.startswith("actions/A9") or CANARY.lower() in p.lower()], pages
    for page in site.rglob("*.html"):
        links = html.parse(str(page)).getroot().xpath("//a/@href")
        assert not [link for link in links if "A9" in link or CANARY.lower() in link.lower()], page


def subscriptions_hold_no_exempt_text(site: Path) -> None:
    """The calendars, the Atom feed, the JSON-LD, the open data and the people pages read back as their readers read
    them (an iCalendar line folded every 75 octets could split a canary the byte search above would miss; JSON may
    escape what it holds): the exempt item by its public title."""
    import json

    import feedparser
    import icalendar
    from lxml import html

    texts = []
    for path in [site / "calendar.ics", *site.glob("*/meeting.ics")]:
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            texts += [str(event[name]) for name in ("summary", "description", "location", "url")]
    assert any("Sale of a council property" in text for text in texts), "the exempt item is listed by its public title"
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo
    texts += [f"{entry.title} {entry.summary} {entry.link}" for entry in feed.entries]
    for page in site.glob("*/index.html"):
        for script in html.parse(str(page)).getroot().xpath('//script[@type="application/ld+json"]'):
            texts.append(json.dumps(json.loads(script.text), ensure_ascii=False))
    # The open data, parsed as its users parse it: the exempt item by its public title, its decision by its public
    # summary, and the declaration made under it nowhere (not on the declaring member's record either).
    data = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (site / "data").glob("*.json")}
    assert set(data) == {"people", "organizations", "memberships", "events", "votes"}
    texts += [json.dumps(value, ensure_ascii=False) for value in data.values()]
    agenda = [item["description"] for event in data["events"]["events"] for item in event["agenda"]]
    assert "Sale of a council property" in agenda
    [exempt] = [m for m in data["votes"]["motions"] if "exempt_paragraph" in m]
    assert exempt["text"] == "The Board agreed the terms of the sale." and exempt["title"] == "Exempt item"
    [paul] = [p for p in data["people"]["persons"] if p["name"] == "Paul O'Sullivan"]
    assert paul["declarations"] == []
    for person in site.glob("people/*.html"):
        texts.append(html.parse(str(person)).getroot().text_content())
    for text in texts:
        assert CANARY not in text and CANARY.lower() not in text, text


CONFIRMING_EXEMPT = f"""\
date: 2030-01-10
present: [Ann Chair, Paul O'Sullivan]
items:
  - number: "1.1"
    title: Minutes of the last meeting
    body: The minutes were agreed as a correct record, as amended.
    confirms:
      minutes: 2029-10-10
      amendments:
        - minute: "3.1"
          replace: the {CANARY} negotiations in private
          by: the {CANARY} negotiations and {PERSON}'s offer in private
"""


@pytest.mark.slow
def test_canary_is_absent_from_minutes_confirmed_with_an_amendment_to_an_exempt_minute(tmp_path: Path) -> None:
    """Local Government Act 1972 s.100A(4) and Sch 12 para 41: an amendment agreed at confirmation to an exempt
    minute is applied to the minutes as signed, but its words, like the minute's, reach only the private editions:
    not the public minutes as confirmed (PDF, Word, web), the confirming minute, the decision list or the status."""
    from boardpack.build import build_site

    board = exempt_board(Board(tmp_path / "board"))
    board.replace("agendas/2030-01-10.yaml", URGENT, "")  # these minutes record the item not taken
    board.write("minutes/2030-01-10.yaml", CONFIRMING_EXEMPT)
    out = tmp_path / "out"
    written = build_pack(board.root, dt.date(2030, 1, 10), out=out, docx=True)
    assert {"2029-10-10-minutes.pdf", "2029-10-10-minutes.docx", "2029-10-10-minutes-private.pdf"} <= {
        p.name for p in written
    }
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 2, 1)).folder
    public = tmp_path / "public"  # the public outputs alone: the files, and the Word folder, not named private
    public.mkdir()
    for path in out.iterdir():
        if "private" not in path.name:
            (shutil.copytree if path.is_dir() else shutil.copy)(path, public / path.name)
    for name, content in [*every_byte(public), *every_byte(site)]:
        assert not any(n in content for n in needles()), f"exempt text leaked into {name}"
    for folder, name in ((out, "2029-10-10-minutes.pdf"), (site / "2030-01-10", "2029-10-10-minutes.pdf")):
        with pikepdf.open(folder / name) as pdf:
            assert not any(n in blob for blob in decoded_objects(pdf) for n in needles()), name
    signed = re.sub(r"\s+", " ", views(out / "2029-10-10-minutes-private.pdf")["extracted text"])
    assert f"{PERSON}'s offer in private" in signed, signed[-800:]


def test_a_paper_is_never_both_exempt_and_public_in_one_meeting(board: Board) -> None:
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        """\
        paper: cover_sheets/budget.md
      - title: Budget in private
        authors: [Olive Officer]
        paper: cover_sheets/budget.md
        exempt: {paragraph: 3, public_interest: The budget is being negotiated.}
""",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert (result.exit_code, result.output) == (
        2,
        (
            "agendas/2030-01-10.yaml:23: paper: 'cover_sheets/budget.md' is exempt here but public at "
            "agendas/2030-01-10.yaml:20; a paper is either exempt or public in a meeting\n"
            "1 problem found.\n"
        ),
    )


def test_a_paper_published_before_it_became_exempt_is_flagged_where_it_still_is(board: Board) -> None:
    board.write(
        "agendas/2030-04-10.yaml",
        """\
        date: 2030-04-10
        start: "9.30"
        venue: Room 1
        sections:
          - heading: Private business
            items:
              - title: Budget, revisited in private
                authors: [Olive Officer]
                paper: cover_sheets/budget.md
                exempt: {paragraph: 3}
        """,
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "warning: agendas/2030-04-10.yaml:9: 'cover_sheets/budget.md' is exempt from 2030-04-10, but the public pack of "
        "2030-01-10 (agendas/2030-01-10.yaml:20) published it: that pack and its page on the web edition still hold it; "
        "withdraw them if the information must not stay public"
    )


def test_an_exempt_tracker_stays_exempt_in_the_next_meetings_scaffold_pack_and_site(tmp_path: Path) -> None:
    from boardpack.build import build_site

    board = exempt_board(Board(tmp_path / "board"))
    result = CliRunner().invoke(main, ["new-meeting", "2030-04-10", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    scaffold = (board.root / "agendas" / "2030-04-10.yaml").read_text()
    private = scaffold.split("  - heading: Private business")[1]
    assert f'tracker: "{CANARY.lower()}-undertakings"' in private and "paragraph: 3" in private
    assert CANARY not in scaffold.split("  - heading: Private business")[0]
    assert f"#   A9 {PERSON}, due 2029-12-01 OVERDUE (paragraph 3)" in private  # the exempt action, for the clerk
    public, _ = build_pack(board.root, dt.date(2030, 4, 10), out=tmp_path / "out")[:2]
    assert all(CANARY not in text and CANARY.lower() not in text for text in views(public).values())
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    for path in site.rglob("*"):
        if path.is_file():
            assert not any(n in path.read_bytes() for n in needles()), path


def test_a_public_item_cannot_report_an_exempt_tracker_or_appendix_until_it_is_released(tmp_path: Path) -> None:
    board = exempt_board(Board(tmp_path / "board"))
    board.replace("agendas/2030-01-10.yaml", URGENT, "")  # its minutes record the item not taken
    board.write(
        "agendas/2030-04-10.yaml",
        f"""\
        date: 2030-04-10
        start: "9.30"
        venue: Room 1
        sections:
          - heading: Monitoring
            items:
              - title: Undertakings
                authors: [Olive Officer]
                tracker: {CANARY.lower()}-undertakings
              - title: Valuation
                authors: [Olive Officer]
                paper: cover_sheets/valuation.md
        """,
    )
    board.write(
        "cover_sheets/valuation.md",
        f"""\
        ---
        title: Valuation
        responsible_officer: Olive Officer
        purpose: To note the valuation.
        recommendations: Note it.
        consultation_record: None.
        appendices:
          - title: Valuation
            file: appendices/{CANARY.lower()}-valuation.pdf
        ---
        The valuation is attached.
        """,
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert result.output == (
        f"agendas/2030-04-10.yaml:7: tracker '{CANARY.lower()}-undertakings' is exempt since 2030-01-10 (paragraph 3, "
        "agendas/2030-01-10.yaml:23): make this item exempt too, or record its release on the tracker in actions.yaml "
        '(released: {date: YYYY-MM-DD, minute: "N.N"})\n'
        f"agendas/2030-04-10.yaml:10: appendix 'appendices/{CANARY.lower()}-valuation.pdf' is exempt since 2030-01-10 "
        "(paragraph 3, agendas/2030-01-10.yaml:23): make this item exempt too, or record its release on this appendix in "
        'its cover sheet (released: {date: YYYY-MM-DD, minute: "N.N"})\n'
        "2 problems found.\n"
    )
    board.write(
        "minutes/2030-01-10.yaml",
        """\
        date: 2030-01-10
        present: [Ann Chair]
        apologies: [Paul O'Sullivan]
        items:
          - number: "3.1"
            title: Release of the undertakings and the valuation
            body: The Board agreed that the undertakings and the valuation may now be published.
        """,
    )
    board.replace(
        "actions.yaml",
        f"    title: {CANARY} bidders' undertakings\n",
        f'    title: {CANARY} bidders\' undertakings\n    released: {{date: 2030-01-10, minute: "9.9"}}\n',
    )
    board.replace(
        "cover_sheets/valuation.md",
        f"    file: appendices/{CANARY.lower()}-valuation.pdf\n",
        f'    file: appendices/{CANARY.lower()}-valuation.pdf\n    released: {{date: 2030-01-10, minute: "3.1"}}\n',
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    problems = [line for line in result.output.splitlines() if not line.startswith("warning:")]
    assert problems[0] == (
        "actions.yaml:21: tracker 1, released.minute: there is no minute 9.9 in minutes/2030-01-10.yaml to release it"
    )
    board.replace("actions.yaml", 'minute: "9.9"', 'minute: "3.1"')
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0, result.output


def test_chairs_listings_mark_exempt_actions_and_trackers_and_leave_them_out_for_the_public(tmp_path: Path) -> None:
    board = exempt_board(Board(tmp_path / "board"))
    root = ["--root", str(board.root), "--as-at", "2030-02-01"]
    listing = CliRunner().invoke(main, ["actions", *root]).output
    assert "A9" in listing and "NOT FOR PUBLICATION (exempt, paragraph 3)" in listing
    public = CliRunner().invoke(main, ["actions", *root, "--public"]).output
    assert "A9" not in public and CANARY not in public and "A1" in public
    csv = CliRunner().invoke(main, ["actions", *root, "--format", "csv"]).output
    assert any(line.startswith("A9,") and line.endswith(",3") for line in csv.splitlines())
    tracker = CliRunner().invoke(main, ["tracker", f"{CANARY.lower()}-undertakings", *root]).output
    assert tracker.startswith("NOT FOR PUBLICATION: exempt under paragraph 3 of Part 1 of Schedule 12A\n")
    refused = CliRunner().invoke(main, ["tracker", f"{CANARY.lower()}-undertakings", *root, "--public"])
    assert refused.exit_code == 2 and CANARY.lower() + "-undertakings' is exempt (paragraph 3)" in refused.output


def test_the_exclusion_resolution_cites_the_2006_order_and_the_public_interest_test(
    packs: tuple[Path, Path], tmp_path: Path
) -> None:
    """Local Government Act 1972 s.100A(4) and Schedule 12A as substituted by the Local Government (Access to
    Information) (Variation) Order 2006, whose para 10 makes information exempt only while the public interest in
    maintaining the exemption outweighs that in disclosing it: the resolution printed on the public agenda says so
    by default; a council that kept the older "as amended by the Freedom of Information Act 2000" may choose it."""
    public, _ = packs
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(public).pages[:2])
    assert (
        "as defined in paragraph 3 of Part 1 of Schedule 12A to the Act, as substituted by the Local Government "
        "(Access to Information) (Variation) Order 2006, and that in all the circumstances the public interest in "
        "maintaining the exemption outweighs the public interest in disclosing the information."
    ) in text
    assert "Freedom of Information Act 2000" not in text
    board = exempt_board(Board(tmp_path / "board"))
    board.replace("board.yaml", "people:\n", "style: {exclusion_wording: Freedom of Information Act 2000}\npeople:\n")
    older, _ = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path / "out")[:2]
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(older).pages[:2])
    assert "of Part 1 of Schedule 12A of the Act, as amended by the Freedom of Information Act 2000." in text
    assert "2006" not in text
