"""Foreign PDF appendices as a screen reader meets them in the pack: a tagged appendix keeps its own structure
(the same elements, and the same text painted in each), an untagged one is announced page by page by its title
as not accessible, and `check` warns of it; the whole pack, foreign pages included, passes PDF/UA-1 validation."""

from __future__ import annotations

import re
from pathlib import Path

import page
import pdfplumber
import pikepdf
import pytest
import typst
from click.testing import CliRunner

from boardpack.cli import main

from .conftest import REPO, Board, make_pdf

# The ten dense pages of the Ofsted schedule take a few seconds to read back: the same test on the three pages of the
# service model runs in the fast tier, the Ofsted schedule's in the full tier only (slow).
APPENDICES = [
    pytest.param(
        "appendices/ofsted-evaluation-schedule.pdf",
        "Inspections of arrangements for the protection of children",
        marks=pytest.mark.slow,
    ),
    ("appendices/families-with-a-future-service-model.pdf", "Service Model and Resource Recommendations"),
]


def _sections(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    tree = pdf.Root.StructTreeRoot
    document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
    return [kid for kid in document.K if kid.get("/S") == "/Sect"]


def _elements(element: pikepdf.Object, roles: dict[str, str]) -> list[str]:
    """The element types under `element`, depth first (role-mapped; a Document's children stand in its place)."""
    out = []
    kids = element.get("/K")
    for kid in list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kind = roles.get(str(kid.S), str(kid.S))
            if kind != "/Document":
                out.append(str(kid.S))
            out += _elements(kid, roles)
    return out


def _marked(element: pikepdf.Object, pages: dict, page: int | None = None) -> list[tuple[int, int]]:
    """(page, MCID) of every piece of marked content under `element`, in order."""
    found = []
    page = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
    kids = element.get("/K")
    for kid in list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, int):
            found.append((page, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += _marked(kid, pages, page)
        elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid and "/Pg" in kid:
            found.append((pages[kid.Pg.objgen], int(kid.MCID)))
    return found


def _painted(path: Path, pages: set[int] | None = None) -> dict[tuple[int, int], str]:
    """The text painted in each (page, MCID), as a reader that follows marked content gets it (on `pages`, counted
    from 0; default: every page)."""
    text: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as pdf:
        for number, shown in enumerate(pdf.pages):
            if pages is not None and number not in pages:
                continue
            for char in shown.chars:
                if char.get("mcid") is not None:
                    text[(number, char["mcid"])] = text.get((number, char["mcid"]), "") + char["text"]
    return text


@pytest.mark.parametrize("source, title", APPENDICES)
def test_a_tagged_appendix_keeps_its_structure_and_text(example_pack: Path, source: str, title: str) -> None:
    with pikepdf.open(REPO / source) as original, pikepdf.open(example_pack) as pack:
        [section] = [s for s in _sections(pack) if title in str(s.T)]
        roles = {str(k): str(v) for k, v in original.Root.StructTreeRoot.get("/RoleMap", {}).items()}
        assert _elements(section, roles) == _elements(original.Root.StructTreeRoot, roles)
        pack_pages = {p.objgen: n for n, p in enumerate(pack.pages)}
        original_pages = {p.objgen: n for n, p in enumerate(original.pages)}
        got = _marked(section, pack_pages)
        want = _marked(original.Root.StructTreeRoot, original_pages)
        assert len(got) == len(want) > 20
    painted, written = _painted(example_pack, {page for page, _ in got}), _painted(REPO / source)
    first = min(page for page, _ in got)
    offsets = {
        page: min(m for p, m in got if p == page) - min(m for p, m in want if p == page - first) for page, _ in got
    }
    for (number, mcid), (was_page, was_mcid) in zip(got, want):
        assert number - first == was_page and mcid - offsets[number] == was_mcid
        assert painted.get((number, mcid), "") == written.get((was_page, was_mcid), "")
    assert sum(len(painted.get(key, "")) for key in got) > 1000  # the reader gets the appendix's text
    # The pack's "Page N" stamp on the appendix's pages is a pagination artifact, as on the pack's own pages: no
    # marked content of the structure reads it out amid the appendix.
    assert not [text for text in painted.values() if re.fullmatch(r"Page \d+", text.strip())]


def _untagged(path: Path) -> Path:
    make_pdf(path.with_name("tagged.pdf"))
    with pikepdf.open(path.with_name("tagged.pdf")) as pdf:
        del pdf.Root["/StructTreeRoot"]
        del pdf.Root["/MarkInfo"]
        for shown in pdf.pages:
            del shown.obj["/StructParents"]
        pdf.save(path)
    return path


def test_an_untagged_appendix_is_announced_as_not_accessible(board: Board, tmp_path: Path) -> None:
    (board.root / "appendices").mkdir()
    _untagged(board.root / "appendices" / "figures.pdf")
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: Quarterly figures\n    file: appendices/figures.pdf\n---\n# Budget",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0 and result.output.splitlines()[0] == (
        "warning: cover_sheets/budget.md:10: appendix 1, file: 'appendices/figures.pdf' is not tagged, so a screen "
        "reader cannot read it: the pack announces each of its pages by the appendix's title, as not accessible; ask "
        "its authors for a tagged PDF (PDF/UA)"
    )
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "2030-01-10-public-pack.pdf"
    with pikepdf.open(path) as pack:
        [section] = _sections(pack)
        assert str(section.T) == "Quarterly figures"
        figures = list(section.K)
        assert [str(f.Alt) for f in figures] == [
            f"Quarterly figures, page {n} of 2: it was supplied as a PDF without the tags that let a screen reader read "
            "it; ask the clerk for an accessible copy."
            for n in (1, 2)
        ]
        for figure in figures:
            [reference] = list(figure.K)
            wrapper = reference.Stm
            # The figure's marked content draws the foreign page, on the page the figure says.
            assert b"/Figure <</MCID %d>> BDC /BpPage Do EMC" % int(reference.MCID) in wrapper.read_bytes()
            assert reference.Pg.Resources.XObject[next(iter(reference.Pg.Resources.XObject.keys()))] is not None
            assert any(obj.objgen == wrapper.objgen for obj in reference.Pg.Resources.XObject.values())
    text = " ".join(p.extract_text() or "" for p in pdfplumber.open(path).pages)
    assert "Foreign appendix text page 2" in text  # the pages themselves are drawn


def test_the_whole_pack_foreign_pages_included_passes_pdf_ua_1(board: Board, tmp_path: Path) -> None:
    (board.root / "appendices").mkdir()
    _untagged(board.root / "appendices" / "scan.pdf")
    make_pdf(board.root / "appendices" / "tagged.pdf", pages=3)
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: Scan\n    file: appendices/scan.pdf\n  - title: Tagged\n"
        "    file: appendices/tagged.pdf\n---\n# Budget",
    )
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = page.validate_pdf(str(tmp_path / "out" / "2030-01-10-public-pack.pdf"), profile="ua1")
    assert report.is_compliant, sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    with pikepdf.open(tmp_path / "out" / "2030-01-10-public-pack.pdf") as pack:
        assert [str(s.T) for s in _sections(pack)] == ["Scan", "Tagged"]


def test_an_appendix_of_pages_of_several_sizes_lands_each_page_in_order_at_its_own_size(
    board: Board, tmp_path: Path
) -> None:
    """The template reserves an appendix's pages in runs of one size (pack.typ's foreign): each page still lands on
    a page of its own size, in its order, stamped with the pack's page number."""
    (board.root / "appendices").mkdir()
    sizes = ["a4", "a3", "a3", "a4", "a5", "a5", "a5"]
    pages = "\n".join(
        f'#page(paper: "{paper}", flipped: {str(paper == "a3").lower()})[Sheet {n + 1} of seven]'
        for n, paper in enumerate(sizes)
    )
    source = board.root / "appendices" / "sheets.typ"
    source.write_text(pages, encoding="utf-8")
    typst.compile(str(source), output=str(board.root / "appendices" / "sheets.pdf"))
    source.unlink()
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: Site sheets\n    file: appendices/sheets.pdf\n---\n# Budget",
    )
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out" / "2030-01-10-public-pack.pdf") as pack:
        found = [
            (n, shown.width, shown.height, shown.extract_text() or "")
            for n, shown in enumerate(pack.pages)
            if "of seven" in (shown.extract_text() or "")
        ]
    millimetres = {"a4": (210, 297), "a3": (420, 297), "a5": (148, 210)}  # A3 turned to landscape
    assert [text.split("\n")[0] for _, _, _, text in found] == [f"Sheet {n} of seven" for n in range(1, 8)]
    assert [n for n, *_ in found] == list(range(found[0][0], found[0][0] + 7)), "one after another"
    for (_, width, height, _), paper in zip(found, sizes):
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == millimetres[paper]
    stamps = [int(re.findall(r"Page (\d+)", text)[-1]) for *_, text in found]
    assert stamps == list(range(stamps[0], stamps[0] + 7)), "each stamped with its number in the pack"


def test_a_template_that_marks_each_reserved_page_alone_is_read_as_runs_of_one() -> None:
    """A board's own pack.typ, restyled from an older one, marks every reserved page (no count): read as before."""
    from boardpack.render.pdf import _spots

    assert (
        _spots([{"doc": "d", "index": 0, "page": 9}, {"doc": "d", "index": 1, "page": 10}])
        == _spots([{"doc": "d", "index": 0, "count": 2, "page": 9}])
        == [{"doc": "d", "index": 0, "page": 9}, {"doc": "d", "index": 1, "page": 10}]
    )


@pytest.mark.parametrize("edition", ["public", "private"])
def test_each_appendix_is_named_where_its_first_page_is_drawn(example_pack: Path, edition: str) -> None:
    """`pack.pdf#nameddest=appendix-doc-N` (the web edition's links, the large-print pack's) opens the pack at the
    page its appendix's first page is drawn on: its name in the catalogue's /Names /Dests tree, fitted to the window,
    and the appendix's first page's opening words painted there (and not on the page before)."""
    path = example_pack.with_name(f"2012-06-15-{edition}-pack.pdf")
    with pikepdf.open(path) as pack:
        index = {page.objgen: n for n, page in enumerate(pack.pages)}
        named = {str(k): v for k, v in pikepdf.NameTree(pack.Root.Names.Dests).items()}
        assert all(str(place[1]) == "/Fit" for place in named.values())
        pages = {name: index[place[0].objgen] for name, place in named.items() if name.startswith("appendix-")}
    assert sorted(pages) == ["appendix-doc-11", "appendix-doc-5"]
    with pdfplumber.open(path) as pack:
        shown = {n: " ".join((pack.pages[n].extract_text() or "").split()) for n in range(len(pack.pages))}
    for source in sorted((REPO / "appendices").glob("*.pdf")):
        with pdfplumber.open(source) as original:
            opening = " ".join(original.pages[0].extract_text().split())[:40]
        [at] = [n for n in pages.values() if opening in shown[n]]
        assert opening not in shown[at - 1]


def test_an_appendixs_name_joins_the_names_typst_gave(tmp_path: Path) -> None:
    """A pack whose template links a label has Typst's own named destinations: an appendix's name is added to the
    same tree, and Typst's stay as they were."""
    from boardpack.render.pdf import _name_destinations

    source = tmp_path / "named.typ"
    source.write_text(
        '#set document(title: "T")\n#set text(lang: "en")\n= Intro <intro>\nSee #link(<intro>)[it].\n#pagebreak()\nMore\n',
        encoding="utf-8",
    )
    out = tmp_path / "named.pdf"
    out.write_bytes(typst.compile(str(source), format="pdf", pdf_standards=["ua-1"]))
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        before = {str(k): v for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        assert list(before) == ["intro"]
        _name_destinations(pdf, {"doc-3": pdf.pages[1]})
        pdf.save(out)
    with pikepdf.open(out) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        named = {str(k): (index[v[0].objgen], str(v[1])) for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
    assert named == {"intro": (0, "/XYZ"), "appendix-doc-3": (1, "/Fit")}
