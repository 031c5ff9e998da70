"""Briefings for partners (briefings/NAME.md): both seed briefings built from the examples and read back against the
seed texts, "Inside this issue" against the pages the articles start on, PDF/UA-1, large print, the problems of a
faulty briefing, `briefing new`, and a briefing laid into a pack as an information item."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from pathlib import Path

import page
import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from boardpack.assemble.briefing import byline
from boardpack.cli import main
from boardpack.document.briefing import outline
from boardpack.model import Briefing
from boardpack.scaffold import briefing_text

from .conftest import REPO, Board, built_once, figure_alts, problems_of

SEEDS = REPO / "tests" / "corpus" / "briefings"  # the seed texts the examples were written from, as extracted
EXAMPLES = {  # the seed, the repository its briefing is kept in, the briefing
    "000": (REPO, "briefings/2010-03.md"),
    "004": (REPO / "examples" / "practice-exchange-network", "briefings/2010-12.md"),
}


@pytest.fixture(scope="session")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both examples' briefings, each in both editions, built once with `boardpack briefing build`."""

    def build(out: Path) -> None:
        for root, path in EXAMPLES.values():
            result = CliRunner().invoke(
                main, ["briefing", "build", Path(path).stem, "--root", str(root), "--out", str(out)]
            )
            assert result.exit_code == 0, result.output

    return built_once(tmp_path_factory, "briefings", build)


def pdf_of(folder: Path, seed: str, large: bool = False) -> Path:
    return folder / f"briefing-{Path(EXAMPLES[seed][1]).stem}{'-large-print' if large else ''}.pdf"


def squeezed(text: str) -> str:
    """Text as compared: quotes straight, Markdown's marks and every space gone, letter case ignored."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)", r"\1", text.replace("\\(", "(").replace("\\)", ")"))
    text = re.sub(r"^\s*(?:[-•>]\s*)+|^\s*\d+\.\s", "", text)
    return re.sub(r"\s+", "", text.replace("**", "").replace("*", "").replace("<", "").replace(">", "")).casefold()


def seed_text(seed: str) -> str:
    return next(SEEDS.glob(f"{seed}-*.txt")).read_text(encoding="utf-8")


@functools.cache
def pdf_text(path: Path) -> str:
    """The text of the pages above their footers (which would break a paragraph running on to the next page)."""
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.crop((0, 0, p.width, p.height - 56)).extract_text() or "" for p in pdf.pages)


def seed_lines(seed: str) -> list[str]:
    """Every line of the seed's text, but its masthead and its contents table (the briefing computes those)."""
    lines = [line for line in seed_text(seed).splitlines() if line.strip() and "\t" not in line]
    if seed == "004":
        lines = lines[1:]  # the masthead: publisher, title and audience, tested apart
    return lines


@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_every_line_of_the_seed_is_in_the_briefing(briefings: Path, seed: str) -> None:
    """Every article, heading, list item, link and contact line of the seed text is printed."""
    assert missing_lines(seed, pdf_text(pdf_of(briefings, seed))) == []


def missing_lines(seed: str, printed: str) -> list[str]:
    """The lines of the seed's text not in `printed` (an edition's text), each compared with spaces squeezed."""
    root, path = EXAMPLES[seed]
    presentations = Briefing.model_validate(_front(root / path)).presentations
    printed = squeezed(printed)
    missing = []
    for line in seed_lines(seed):
        # A presentation's heading runs its topic, any subtitle and its speakers together: the briefing prints its
        # topic as the heading, the speakers under it, then the rest.
        parts = [line]
        for p in presentations:
            if line.startswith(p.topic + " ") and line.endswith(byline(p)):
                parts = [p.topic, line.removeprefix(p.topic).removesuffix(byline(p)).strip(), byline(p)]
        missing += [part for part in parts if part and squeezed(part) not in printed]
    return missing


def _front(path: Path) -> dict[str, object]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_the_masthead_says_what_issue_it_is(briefings: Path) -> None:
    with pdfplumber.open(pdf_of(briefings, "000")) as pdf:
        first = pdf.pages[0].extract_text()
    assert first.splitlines()[:4] == [
        "Plymouth Children and Young People's Trust",
        "Policy & Research Briefing",
        "Volume 4 | Issue 3 | March 2010",
        "A short guide for Trust partners on what's new in policy and research",
    ]
    with pikepdf.open(pdf_of(briefings, "000")) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Policy & Research Briefing, Volume 4, Issue 3, March 2010"
    with pdfplumber.open(pdf_of(briefings, "004")) as pdf:
        first = pdf.pages[0].extract_text()
    assert squeezed(
        "The National Children's Bureau Looked After Children Practice Exchange Network December 2010 "
        "Events October - December 2010"
    ) in squeezed(first)


@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_inside_this_issue_gives_the_page_each_article_starts_on(briefings: Path, seed: str) -> None:
    """Each entry of "Inside this issue" is the article's heading, a link to it, and the number of the page its
    heading is on; every article has one, in order."""
    root, path = EXAMPLES[seed]
    source = (root / path).read_text(encoding="utf-8")
    body = source.split("\n---\n", 1)[1]
    headings = [article.heading for article in outline(body, 1).articles()]
    entries = []  # (number printed, the page its link goes to), in order
    with pikepdf.open(pdf_of(briefings, seed)) as pdf, pdfplumber.open(pdf_of(briefings, seed)) as plumbed:
        index = {p.obj.objgen: n for n, p in enumerate(pdf.pages)}
        names = pikepdf.NameTree(pdf.Root.Names.Dests)
        for n, pdf_page in enumerate(pdf.pages[:3]):
            for annot in pdf_page.get("/Annots", []):
                if "/Dest" not in annot:
                    continue  # a web link
                target = names[str(annot.Dest)]
                target = target.D if isinstance(target, pikepdf.Dictionary) else target
                x0, y0, x1, y1 = (float(v) for v in annot.Rect)
                height = float(pdf_page.mediabox[3])
                top, bottom = height - y1, height - y0  # a word is the link's when its middle is in the link's box
                words = "".join(
                    w["text"]
                    for w in plumbed.pages[n].extract_words()
                    if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
                )
                if words.isdigit():
                    entries.append((int(words), index[target[0].objgen] + 1))
        texts = [squeezed(p.extract_text() or "") for p in plumbed.pages]
    assert len(entries) == len(headings)
    assert all(printed == goes_to for printed, goes_to in entries), entries
    for heading, (number, _) in zip(headings, entries):
        assert squeezed(heading) in texts[number - 1], (heading, number)
    assert [n for n, _ in entries] == sorted(n for n, _ in entries)  # the list is in the issue's order
    if seed == "000":
        assert entries[0][0] == 2  # as the seed: the Focus On article starts on page 2


@pytest.mark.parametrize("large", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["standard", "large print"])
@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_both_editions_pass_pdf_ua_1(briefings: Path, seed: str, large: bool) -> None:
    report = page.validate_pdf(str(pdf_of(briefings, seed, large)), profile="ua1")
    assert report.is_compliant, sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    with pikepdf.open(pdf_of(briefings, seed, large)) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]).endswith(" (large print)") == large


def test_large_print_sets_no_text_smaller_than_16_pt(briefings: Path) -> None:
    with pdfplumber.open(pdf_of(briefings, "000", large=True)) as pdf:
        sizes = {round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip()}
    assert min(sizes) >= 16


def test_a_practice_exchange_prints_its_events_and_speakers(briefings: Path) -> None:
    text = pdf_text(pdf_of(briefings, "004"))
    assert "Regional events" in text
    for row in ("Birmingham December 2010", "Yorkshire and the Humber December 2010", "Exeter November 2010"):
        assert row in text
    assert "Hannah Franklin and Nancy Purdy, NSPCC" in text
    assert "Zoe McLeod, Lewisham Youth Offending Service" in text


def test_a_faulty_briefing_is_reported_all_at_once(board: Board) -> None:
    """A missing field, a signatory who is not one of the board's, an image without alt text, a presentation with
    no article: each at its file, line and field, in one pass, without a traceback."""
    (board.root / "briefings").mkdir()
    (board.root / "briefings" / "chart.png").write_bytes((REPO / "docs" / "images" / "agenda.png").read_bytes())
    board.write(
        "briefings/2030-01.md",
        """\
        ---
        volume: 1
        issue: 2
        date: 2030-01-31
        audience: For partners
        letter: {signatory: Olive Oficer}
        presentations:
          - topic: Budgets
            speakers: [{name: Ann Chair}]
        ---
        Dear all.

        ## Budget

        ![](chart.png)
        """,
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert problems_of(board) == [
        "briefings/2030-01.md:2: title: required field is missing",
        "briefings/2030-01.md:6: letter.signatory: 'Olive Oficer' is not one of the board's people "
        '(did you mean "Olive Officer"?)',
        "briefings/2030-01.md:8: presentation 1, topic: no article is headed 'Budgets' (its summary: a line "
        "'## Budgets' in the text) (did you mean \"Budget\"?)",
        "briefings/2030-01.md:14: image 'chart.png' has no alt text: write ![what the image shows](chart.png)",
    ]


def test_the_standing_sections_must_be_the_texts(board: Board) -> None:
    board.write(
        "briefings/2030-01.md",
        "---\ntitle: B\ndate: 2030-01-31\naudience: All\nsections: [POLICY, RESEARCH]\n---\nHello.\n\n# POLICY\n",
    )
    assert problems_of(board) == [
        "briefings/2030-01.md:5: sections: the text has no section 'RESEARCH' (a line '# RESEARCH')"
    ]


def test_an_agenda_names_a_briefing_that_exists(board: Board) -> None:
    board.replace(
        "agendas/2030-01-10.yaml", "        paper: cover_sheets/budget.md", "        briefing: briefings/x.md"
    )
    assert problems_of(board) == [
        "agendas/2030-01-10.yaml:20: item 2.1, briefing: there is no briefing 'briefings/x.md' (briefings/NAME.md)"
    ]


def test_briefing_new_numbers_the_next_issue_on(tmp_path: Path) -> None:
    root = tmp_path / "network"
    shutil.copytree(REPO / "examples" / "practice-exchange-network", root)
    march = (
        (REPO / "briefings" / "2010-03.md").read_text(encoding="utf-8").replace("date: 2010-03-31", "date: 2011-03-31")
    )
    (root / "briefings" / "2011-03.md").write_text(march, encoding="utf-8")
    (root / "briefings" / "2010-12.md").unlink()
    board = (root / "board.yaml").read_text(encoding="utf-8")
    (root / "board.yaml").write_text(board + "  - {name: Richenda Broad, role: Head of Service}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["briefing", "new", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote " + str(root / "briefings" / "2011-04.md") + "\n"
    written = (root / "briefings" / "2011-04.md").read_text(encoding="utf-8")
    front = _front(root / "briefings" / "2011-04.md")
    assert (front["volume"], front["issue"], front["date"]) == (4, 4, dt.date(2011, 4, 30))
    assert front["letter"] == {
        "salutation": "Dear Colleagues",
        "closing": "With Best Wishes",
        "signatory": "Richenda Broad",
    }
    assert [line for line in written.splitlines() if line.startswith("# ")] == [
        "# POLICY",
        "# Research & Consultation",
        "# Training and Events",
    ]
    checked = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert checked.output == "ok: 0 agendas, 0 cover sheets, 0 minutes, 2 briefings checked\n"
    again = CliRunner().invoke(main, ["briefing", "new", "--root", str(root), "--date", "2011-04-02"])
    assert again.exit_code == 2 and "already exists" in again.output


def test_a_new_year_begins_the_next_volume() -> None:
    from boardpack.model import Board as BoardModel

    board = BoardModel.model_validate(
        {
            "name": "B",
            "front_sheet_title": "B",
            "chair": "A",
            "clerk": {"name": "C", "phone": "1", "email": "e"},
            "people": [{"name": "A"}],
        }
    )
    december = Briefing.model_validate(
        {"title": "Briefing", "volume": 4, "issue": 12, "date": "2010-12-31", "audience": "All"}
    )
    text = briefing_text(board, december, dt.date(2011, 1, 31))
    assert "volume: 5\nissue: 1\ndate: 2011-01-31\n" in text


def _with_briefing_item(board: Board, before: str = "", after: str = "") -> None:
    """The example's March 2010 briefing in the board, and an item after the budget carrying it as its paper, with
    the item's fields `before` its authors and `after` its briefing."""
    shutil.copytree(REPO / "briefings", board.root / "briefings")
    board.replace("board.yaml", "people:\n", "people:\n  - {name: Richenda Broad, role: Head of Service}\n")
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n"
        "      - title: Policy & Research Briefing, March 2010\n"
        f"{before}"
        "        authors: [Richenda Broad]\n"
        f"        briefing: briefings/2010-03.md{after}",
    )


def test_a_briefing_is_laid_into_the_pack_as_an_information_item(board: Board, tmp_path: Path) -> None:
    """The briefing is the item's paper: the agenda gives its pages, and they hold the briefing's articles."""
    _with_briefing_item(board, before="        purpose: For information.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / "2030-01-10-public-pack.pdf") as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    agenda = "\n".join(pages[:2])
    found = re.search(r"Richenda Broad \(Pages (\d+) - (\d+)\)", agenda.replace("\n", " "))
    assert found, agenda
    first, last = int(found.group(1)), int(found.group(2))
    stamped = {int(m.group(1)): n for n, text in enumerate(pages) if (m := re.search(r"Page (\d+)\s*$", text))}
    start, end = pages[stamped[first]], pages[stamped[last]]
    assert "Policy & Research Briefing, Volume 4, Issue 3, March 2010" in start
    assert "Dear Colleagues" in start
    assert "Services for Children and Young People Tel: 307113" in end  # its last lines, on the last of its pages
    assert last > first


@pytest.mark.slow  # two packs built
def test_an_exempt_items_briefing_is_only_in_the_private_pack(board: Board, tmp_path: Path) -> None:
    """As any paper: the public pack has the item's public row alone, the private pack the briefing."""
    _with_briefing_item(board, after="\n        exempt: {paragraph: 3, public_title: A briefing}")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    public = pdf_text(out / "2030-01-10-public-pack.pdf")
    private = pdf_text(out / "2030-01-10-private-pack.pdf")
    assert "A briefing" in public and "Locality Working" not in public and "Richenda" not in public
    assert "Focus On: Locality Working" in private and "NOT FOR PUBLICATION" in private


@pytest.mark.slow  # every article of both briefings in both editions, read back from the structure tree
@pytest.mark.parametrize("large", [False, True], ids=["standard", "large print"])
@pytest.mark.parametrize("seed", sorted(EXAMPLES))
def test_the_round_trip_oracle_reads_every_article_back(briefings: Path, seed: str, large: bool) -> None:
    """Each article as a reader of the tagged PDF meets it (its structure tree and the text painted in it): its
    heading at its level, its speakers, then its text block by block as the Markdown was written."""
    from boardpack.assemble.briefing import assemble_briefing
    from boardpack.checks import check_repository

    from .oracle import Block, PdfEdition, compare, expected, norm, section

    root, path = EXAMPLES[seed]
    data = assemble_briefing(check_repository(root), path, large_print=large).data
    pdf = PdfEdition(pdf_of(briefings, seed, large))
    try:
        blocks = pdf.blocks()
    finally:
        pdf.close()
    problems = []
    for article in (a for s in data["sections"] for a in s["articles"]):
        want = [Block("heading", norm(article["heading"]), article["level"])]
        want += [Block("p", norm(article["byline"]))] if article["byline"] else []
        want += expected(article["body"])
        got = section(blocks, article["heading"], article["level"])
        problems += compare(want, got, [root / path], "large print" if large else "standard")
    assert problems == []


def test_a_briefings_picture_is_painted_with_its_alt_text(board: Board, tmp_path: Path) -> None:
    (board.root / "briefings").mkdir()
    (board.root / "briefings" / "chart.png").write_bytes((REPO / "docs" / "images" / "agenda.png").read_bytes())
    board.write(
        "briefings/2030-01.md",
        "---\ntitle: Partners' Briefing\nvolume: 1\nissue: 1\ndate: 2030-01-31\naudience: For partners\n---\n"
        "Welcome.\n\n## Spending\n\n![Spending by quarter, rising](chart.png)\n",
    )
    result = CliRunner().invoke(main, ["briefing", "build", "--root", str(board.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert figure_alts(tmp_path / "briefing-2030-01.pdf") == ["Spending by quarter, rising"]
    with pdfplumber.open(tmp_path / "briefing-2030-01.pdf") as pdf:
        assert sum(len(p.images) for p in pdf.pages) == 1  # painted, not only tagged


def test_a_board_that_restyled_its_pack_still_builds_its_briefings(board: Board, tmp_path: Path) -> None:
    """Its own templates/typst (made before briefings) has no briefing.typ: boardpack's own lays the briefing out,
    with the board's house style."""
    shutil.copytree(REPO / "templates" / "typst", board.root / "templates" / "typst")
    (board.root / "templates" / "typst" / "briefing.typ").unlink()
    board.write(
        "briefings/2030-01.md", "---\ntitle: Partners' Briefing\ndate: 2030-01-31\naudience: All\n---\nHello.\n"
    )
    result = CliRunner().invoke(main, ["briefing", "build", "--root", str(board.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Partners' Briefing" in pdf_text(tmp_path / "briefing-2030-01.pdf").replace("’", "'")


def test_a_briefing_build_that_fails_leaves_the_outputs_as_they_were(
    board: Board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board.write(
        "briefings/2030-01.md", "---\ntitle: Partners' Briefing\ndate: 2030-01-31\naudience: All\n---\nHello.\n"
    )
    assert (
        CliRunner().invoke(main, ["briefing", "build", "--root", str(board.root), "--out", str(tmp_path)]).exit_code
        == 0
    )
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.pdf")}
    board.replace("briefings/2030-01.md", "Hello.", "Goodbye.")
    import boardpack.build

    real, calls = boardpack.build.render_briefing, []

    def failing(*args: object) -> bytes:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed while rendering the large print")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(boardpack.build, "render_briefing", failing)
    with pytest.raises(RuntimeError):
        boardpack.build.build_briefing(board.root, "2030-01", tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.pdf")} == before
    assert sorted(before) == ["briefing-2030-01-large-print.pdf", "briefing-2030-01.pdf"]


def test_a_presentation_prints_its_speakers_under_its_heading_and_its_links_after_it(
    board: Board, tmp_path: Path
) -> None:
    board.write(
        "briefings/2030-01.md",
        """\
        ---
        title: Practice Exchange
        date: 2030-01-31
        audience: For practitioners
        presentations:
          - topic: Restorative justice
            speakers:
              - {name: Zoe McLeod, organisation: Lewisham Youth Offending Service}
              - {name: Ann Other, organisation: Leeds City Council}
            links:
              - {title: Restorative Justice Council, url: "https://restorativejustice.org.uk"}
        ---
        Welcome.

        ## Restorative justice

        Restorative approaches reduce offending.
        """,
    )
    result = CliRunner().invoke(main, ["briefing", "build", "--root", str(board.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "briefing-2030-01.pdf")
    article = text[text.rindex("Restorative justice\n") :]
    assert article.splitlines()[:4] == [
        "Restorative justice",
        "Zoe McLeod, Lewisham Youth Offending Service; Ann Other, Leeds City Council",
        "Restorative approaches reduce offending.",
        "Restorative Justice Council",
    ]
    with pikepdf.open(tmp_path / "briefing-2030-01.pdf") as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert uris == ["https://restorativejustice.org.uk"]
