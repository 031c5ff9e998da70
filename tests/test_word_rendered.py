"""Every Word edition of both example bodies as a word processor lays it out: converted by LibreOffice (headless)
and read back as the PDF editions are, page by page. python-docx reading the text back is not what a clerk sees.
Every edition: each pack's Word files (`build --docx`), the minutes drafts (`minutes-draft`) and papers on their
own (`paper --docx`).

Held to: a page count within bounds of the PDF edition's for the same document (a minutes draft has none), no word
broken inside (the body's words, the running head's lines left out), about as many landscape pages as the PDF
prints, "Page N of M" on every page, an exempt document's NOT FOR PUBLICATION on every page (Local Government
Act 1972 s.100A(4), Schedule 12A), and no two tables touching (Word would show them as one).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from .conftest import REPO

pytestmark = pytest.mark.slow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PANEL = REPO / "examples" / "people-children-scrutiny-panel"
# Papers on their own: one with a PDF appendix (linked to the paper's own PDF), and the exempt one.
PAPERS = ("cover_sheets/2012-06-15-families-with-a-future.md", "cover_sheets/2012-06-15-counselling-contract.md")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple[Path, Path]]:
    """Each Word file of both examples -> (the PDF LibreOffice made of it, the PDF edition it is held to)."""
    from boardpack.build import build_minutes_draft, build_pack, build_paper

    root = tmp_path_factory.mktemp("word-rendered")
    build_pack(REPO, dt.date(2012, 6, 15), out=root / "plymouth", docx=True)
    build_pack(PANEL, dt.date(2014, 11, 13), out=root / "panel", docx=True)
    build_minutes_draft(REPO, dt.date(2012, 6, 15), out=root / "drafts")
    build_minutes_draft(PANEL, dt.date(2014, 11, 13), out=root / "drafts")
    for paper in PAPERS:
        build_paper(REPO, paper, out=root / "papers", docx=True)
    files = sorted(root.rglob("*.docx"))
    assert len(files) >= 29, files
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed (apt-get install libreoffice-writer-nogui; .ci/run installs it)"
    out = root / "rendered"
    for folder in sorted({path.parent for path in files}):  # one LibreOffice start a folder: names may repeat
        target = out / folder.relative_to(root)
        target.mkdir(parents=True, exist_ok=True)
        batch = [str(path) for path in files if path.parent == folder]
        subprocess.run(
            [office, "--headless", "--convert-to", "pdf", "--outdir", str(target), *batch],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return {path: (out / path.relative_to(root).with_suffix(".pdf"), edition_of(path)) for path in files}


def edition_of(path: Path) -> Path:
    """The PDF edition a Word file is held to: the pack beside its folder, or the PDF of the same name."""
    if path.parent.name.endswith("-docx"):
        return path.parent.parent / (path.parent.name.removesuffix("-docx") + "-pack.pdf")
    return path.with_suffix(".pdf")


def outline_pages(pdf: Path) -> dict[tuple[str, int], list[int]]:
    """Each bookmark of a pack (top level 0 and the next, 1), with its level -> the indices of its pages: to the
    next bookmark of its level or above."""
    reader = PdfReader(pdf)
    marks: list[tuple[str, int, int]] = []  # title, first page, level

    def walk(outline: list, depth: int) -> None:  # type: ignore[type-arg]
        for entry in outline:
            if isinstance(entry, list):
                if depth == 0:
                    walk(entry, 1)
            else:
                marks.append((entry.title, reader.get_destination_page_number(entry) or 0, depth))

    walk(reader.outline, 0)
    pages = {}
    for index, (title, start, level) in enumerate(marks):
        end = next((s for _, s, lv in marks[index + 1 :] if lv <= level), len(reader.pages))
        pages[(title, level)] = list(range(start, max(end, start + 1)))
    return pages


def reference_pages(word: Path, edition: Path) -> list[int] | None:
    """The pages of the PDF edition that print what the Word file holds (None for a minutes draft: it has none)."""
    if "minutes-draft" in word.name:
        return None
    pages = outline_pages(edition)
    top = {title: p for (title, level), p in pages.items() if level == 0}
    name = word.stem
    if name == "agenda":
        return top["Agenda"]
    if found := re.fullmatch(r"item-(\d+)-(\d+)(-minutes|-action-log)?", name):
        number, kind = f"{found[1]}.{found[2]}", found[3]
        log = next((p for (title, _), p in pages.items() if title.startswith("Action log")), [])
        if kind == "-minutes":  # the minutes, without the action log the pack prints after them
            return [n for n in next(p for title, p in top.items() if title.startswith("Minutes of")) if n not in log]
        if kind == "-action-log":
            return log
        return next(p for title, p in top.items() if title.startswith(f"{number} "))
    if name.startswith("item-"):  # a flat-numbered body's: the bookmark of its title ("Agenda Item 4: title")
        heading = docx.Document(str(word)).paragraphs[0].text.partition(": ")[2]
        return next(p for title, p in top.items() if title.endswith(heading))
    return list(range(len(PdfReader(edition).pages)))  # a decision list or signed minutes: its own PDF


def body_texts(pdf: Path, top: float, bottom: float) -> list[str]:
    """The text of each page between its margins (`top` and `bottom`, in points), the running head and the footer
    left out: a word broken in the body is not hidden by a whole copy of it in the header ("Plymouth")."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [
            page.within_bbox((0, top, page.width, page.height - bottom)).extract_text() or "" for page in document.pages
        ]


def words(text: str) -> Counter[str]:
    """The words of three letters or more, each as often as it occurs: a word broken across a line inside a cell
    ("recomm|ended") is one fewer of it, even if it is whole elsewhere."""
    return Counter(re.findall(r"[A-Za-z]{3,}", text))


def source_text(document: docx.document.Document) -> str:
    """The text of the body and its tables, a merged cell once (python-docx gives it under every row it spans)."""
    cells = {cell._tc: cell.text for table in document.tables for row in table.rows for cell in row.cells}
    return " ".join([p.text for p in document.paragraphs] + list(cells.values()))


def test_every_word_edition_as_a_word_processor_lays_it_out(rendered: dict[Path, tuple[Path, Path]]) -> None:
    problems = []
    for word, (pdf, edition) in rendered.items():
        name = f"{word.parent.name}/{word.name}"
        document = docx.Document(str(word))
        reader = PdfReader(pdf)
        texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
        total = len(texts)
        reference = reference_pages(word, edition)
        laid_in = sum(int(n) for n in re.findall(r"is a PDF document of (\d+) page", source_text(document)))
        if reference is not None and not (len(reference) - laid_in) // 2 <= total <= 2 * len(reference) + 1:
            problems.append(f"{name}: {total} pages, against {len(reference)} in the PDF edition")
        section = document.sections[0]
        top, bottom = section.top_margin.pt - 2, section.bottom_margin.pt  # (a body line's baseline is below the top)
        body = " ".join(body_texts(pdf, top, bottom))
        missing = words(source_text(document)) - words(body)
        if missing:
            problems.append(f"{name}: words broken or lost in the layout: {sorted(missing)[:8]}")
        turned = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
        if reference is not None:
            edition_pages = PdfReader(edition).pages
            landscape = [i for i in reference if edition_pages[i].mediabox.width > edition_pages[i].mediabox.height]
            if not len(landscape) // 2 <= len(turned) <= 2 * len(landscape) + 1:
                problems.append(f"{name}: {len(turned)} landscape pages, against {len(landscape)} in the PDF edition")
        for number, text in enumerate(texts, 1):
            if f"Page {number} of {total}" not in text:
                problems.append(f"{name}: page {number} has no 'Page {number} of {total}'")
        head = " ".join(p.text for section in document.sections for p in section.header.paragraphs)
        if "NOT FOR PUBLICATION" in head:
            unmarked = [n for n, text in enumerate(texts, 1) if "NOT FOR PUBLICATION" not in text]
            if unmarked:
                problems.append(f"{name}: exempt, but pages {unmarked} carry no NOT FOR PUBLICATION")
        for parent in [document.element.body, *document.element.body.iter(f"{W}tc")]:
            children = [child.tag for child in parent]
            if any(a == b == f"{W}tbl" for a, b in zip(children, children[1:])):
                problems.append(f"{name}: two tables touch, which Word shows as one")
    assert problems == [], "\n".join(problems)


def test_the_private_item_is_marked_on_every_page_and_the_tracker_is_landscape(
    rendered: dict[Path, tuple[Path, Path]],
) -> None:
    """The cases the issue names, checked one by one: every page of item 6.1 (the contract's figures) carries the
    marking, and every page of the private agenda (three, exempt only in the row of 6.1); item 4.1's Appendix I is
    in landscape, on about as many pages as the PDF gives it (4)."""
    by_name = {f"{word.parent.name}/{word.name}": pdf for word, (pdf, _) in rendered.items()}
    for name, least in (("item-6-1.docx", 1), ("agenda.docx", 3)):
        private = PdfReader(by_name[f"2012-06-15-private-docx/{name}"])
        assert len(private.pages) >= least, name
        assert all("NOT FOR PUBLICATION" in (page.extract_text() or "") for page in private.pages), name
    tracker = PdfReader(by_name["2012-06-15-public-docx/item-4-1.docx"])
    landscape = [page for page in tracker.pages if page.mediabox.width > page.mediabox.height]
    assert 3 <= len(landscape) <= 6, len(landscape)
    assert any("Recommendation" in (page.extract_text() or "") for page in landscape)


def test_exempt_drafts_and_papers_are_marked_on_every_page_and_a_heading_keeps_with_its_text(
    rendered: dict[Path, tuple[Path, Path]],
) -> None:
    """The minutes draft of 15 June 2012 names exempt item 6.1 and its exempt title, and the exempt paper is the
    contract's figures: every page of each says NOT FOR PUBLICATION (Local Government Act 1972 s.100A(4),
    Schedule 12A); the panel's draft names no exempt item and says nothing of the kind. Item 6.1's "4.
    Recommendation" is on the page of its text, not alone at the foot of the page before."""
    by_name = {f"{word.parent.name}/{word.name}": pdf for word, (pdf, _) in rendered.items()}
    for name in ("drafts/2012-06-15-minutes-draft-private.docx", "papers/2012-06-15-counselling-contract-private.docx"):
        pages = [page.extract_text() or "" for page in PdfReader(by_name[name]).pages]
        assert pages and all("NOT FOR PUBLICATION" in text for text in pages), name
    assert len(PdfReader(by_name["drafts/2012-06-15-minutes-draft-private.docx"]).pages) >= 4
    panel = PdfReader(by_name["drafts/2014-11-13-minutes-draft.docx"])
    assert not any("NOT FOR PUBLICATION" in (page.extract_text() or "") for page in panel.pages)
    for name in ("2012-06-15-private-docx/item-6-1.docx", "papers/2012-06-15-counselling-contract-private.docx"):
        pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(by_name[name]).pages]
        [page] = [text for text in pages if "4. Recommendation" in text]
        assert "4.1 That the Board endorses the extension" in page, name
