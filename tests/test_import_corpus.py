"""`boardpack import` on ordinary officers' reports: the corpus (tests/corpus/import, made by
scripts/make_import_corpus.py) carried over exactly, the title, masthead and heading levels of a report found,
typed numbers taken out, mammoth's messages said as advice; and `check` refusing a required field left empty
or holding a placeholder."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.checks import check_repository
from boardpack.cli import main
from boardpack.document.markdown import parse_markdown
from boardpack.errors import BoardpackError

from .conftest import REPO, Board

BENCHMARK = REPO / "benchmarks" / "import_corpus.py"
PANEL = REPO / "examples" / "people-children-scrutiny-panel"


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("import_corpus", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_corpus"] = module
    spec.loader.exec_module(module)
    return module


def problems(root: Path) -> list[str]:
    with pytest.raises(BoardpackError) as caught:
        check_repository(root)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    """A copy of the example panel, whose reports follow the officer-report form."""
    root = tmp_path / "panel"
    shutil.copytree(PANEL, root, ignore=shutil.ignore_patterns("build", ".boardpack-cache"))
    return root


@pytest.mark.slow  # (mammoth reads all 17 reports: the fast tier keeps the single-case tests below)
def test_the_corpus_is_carried_over_and_every_report_checks() -> None:
    """The Word reports of the corpus are imported, and at least 95% of their elements (title, officer, each
    field, each heading at its level, each paragraph, table cell and picture, each paragraph's number) are
    carried exactly, all of seed 003's; `check` refuses
    only what the author alone can write: a picture's alt text (Accessibility Regulations 2018, WCAG 2.2 AA
    1.1.1) and a section Word did not hold."""
    scores = _benchmark().run()
    assert len(scores) >= 12
    carried, total = sum(s.carried for s in scores), sum(s.total for s in scores)
    assert carried / total >= 0.95, [(s.name, s.missed(), s.added()) for s in scores if s.carried < s.total]
    seed = next(s for s in scores if s.name == "seed-003-officer-response")
    assert seed.carried == seed.total, (seed.missed(), seed.added())  # its own numbers: 1.1, 2.1, 3.1-3.4, 4.
    for score in scores:
        assert not score.unexpected, (score.name, score.unexpected)
        assert len(score.problems) == len(score.allowed), (score.name, score.problems)


@pytest.mark.slow
def test_every_report_of_the_corpus_builds(tmp_path: Path) -> None:
    """The corpus imported, with only the fixes `check` asks the author for, builds as one pack that prints
    each report's title once and no masthead line twice."""
    _benchmark().run(do_build=True, out=tmp_path / "out")
    pdf = PdfReader(tmp_path / "out" / "2015-01-15-public-pack.pdf")
    text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Home to school transport" in text and "Children's centres review" in text
    assert "13 November 2014" not in text  # the Word reports' dates: the pack prints its meeting's
    corpus = REPO / "tests" / "corpus" / "import"
    directors = [p for p in corpus.glob("*.json") if json.loads(p.read_text())["officer"] == "Director for People"]
    assert text.count("Report of the Director for People") == len(directors)  # once a report, not the masthead's


def _import(root: Path, document: docx.document.Document, path: Path) -> tuple[str, str]:
    document.save(str(path))
    result = CliRunner().invoke(main, ["import", str(path), "--root", str(root)])
    assert result.exit_code == 0, result.output
    return (root / "cover_sheets" / f"{path.stem}.md").read_text(encoding="utf-8"), result.output


def test_the_title_masthead_and_levels_of_a_report_are_found(panel: Path, tmp_path: Path) -> None:
    """The masthead (the body, the date, "Report of the …", a STRATEGIC AIM table, the large-print line) is
    taken, not repeated; the title is Word's Title style, not the first heading; "3.1 Introduction" is a part
    of section 3; the typed numbers are gone, so that the body's own numbering is the only one (members cite
    it: Local Government Act 1972 s.100B(1), the report open to inspection is the report as printed)."""
    document = docx.Document()
    document.add_paragraph().add_run("PEOPLE (CHILDREN) SCRUTINY PANEL").bold = True
    document.add_paragraph("13 November 2014")
    document.add_paragraph("Adolescent task and finish group – officer response", style="Title")
    document.add_paragraph("REPORT OF THE DIRECTOR FOR PEOPLE")
    aim = document.add_table(rows=1, cols=2)
    aim.cell(0, 0).text, aim.cell(0, 1).text = "STRATEGIC AIM:", "Creating a Brighter Future for All"
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("1.1 To inform the Panel of the officer response.")
    document.add_heading("2. RECOMMENDATIONS", 1)
    document.add_paragraph("2.1 That the Panel notes the report.")
    document.add_heading("3. BACKGROUND INFORMATION", 1)
    document.add_heading("3.1 Introduction", 2)
    document.add_paragraph("The group reported in May 2014.")
    document.add_paragraph("3.2")
    table = document.add_table(rows=2, cols=2)
    for y, row in enumerate((("Recommendation", "Response"), ("Clarify roles", "A survey was made."))):
        table.cell(y, 0).text, table.cell(y, 1).text = row
    document.add_paragraph("3.3 As part of the People Directorate review consider the Rutland Wanderer.")
    document.add_paragraph("A Large Print or Braille Version of this Report is available upon request.")
    report, output = _import(panel, document, tmp_path / "response.docx")
    front, body = report.split("\n---\n", 1)
    assert 'title: "Adolescent task and finish group – officer response"' in front
    assert 'responsible_officer: "Director for People"' in front
    assert 'strategic_aim: "Creating a Brighter Future for All"' in front
    assert 'purpose: "To inform the Panel of the officer response."' in front
    assert 'recommendations: "That the Panel notes the report."' in front
    assert body.startswith("# Adolescent task and finish group – officer response\n\n## Background information\n\n")
    # The panel numbers its paragraphs (style.paragraphs: numbered): "3.2" and "3.3" become empty `###`.
    assert "### Introduction\n\nThe group reported in May 2014.\n\n###\n\n| Recommendation | Response |" in body
    assert "\n###\n\nAs part of the People Directorate review consider the Rutland Wanderer.\n" in body
    for repeated in ("SCRUTINY PANEL", "13 November", "REPORT OF", "STRATEGIC", "Large Print", "3.2", "3.3"):
        assert repeated not in body, repeated
    assert "was left out: the pack prints the body's own" in output
    assert "Style ID" not in output and "Unrecognised" not in output
    assert "to fix before building" not in output, output


def test_a_bold_first_paragraph_is_the_title_and_heading_1_before_the_sections_too(panel: Path, tmp_path: Path) -> None:
    """Without Word's Title style, the title is the Heading 1 before the first numbered section, else the
    first paragraph in bold; sections in Heading 1 and parts in Heading 2 keep their levels."""
    document = docx.Document()
    document.add_paragraph().add_run("Fostering service annual report").bold = True
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("To present the annual report.")
    document.add_heading("2. RECOMMENDATIONS", 1)
    document.add_paragraph("That the Panel notes it.")
    document.add_heading("3. BACKGROUND", 1)
    document.add_heading("Carers", 2)
    document.add_paragraph("There are 42 carers.")
    report, _ = _import(panel, document, tmp_path / "fostering.docx")
    assert 'title: "Fostering service annual report"' in report
    assert "# Fostering service annual report\n\n## Background\n\n### Carers\n\nThere are 42 carers.\n" in report

    document = docx.Document()
    document.add_heading("Home to school transport", 1)
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("To report on costs.")
    report, _ = _import(panel, document, tmp_path / "transport.docx")
    assert 'title: "Home to school transport"' in report and 'purpose: "To report on costs."' in report


def test_mammoths_messages_are_said_as_what_the_author_should_do(panel: Path, tmp_path: Path) -> None:
    """A Word style boardpack does not know is named with what to do about it; mammoth's own words never
    reach the author."""
    document = docx.Document()
    document.styles.add_style("Council Heading", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Budget", style="Title")
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("To set the budget.")
    document.add_paragraph("Spending", style="Council Heading")
    _, output = _import(panel, document, tmp_path / "styled.docx")
    assert (
        "note: paragraphs in Word's style 'Council Heading' were imported as ordinary text: if any of them is a "
        "heading, give it Word's Heading 1, 2 or 3 style" in output
    )
    assert "Style ID" not in output and "Unrecognised" not in output and "Word: " not in output


def test_import_never_leaves_a_required_field_empty(panel: Path, tmp_path: Path) -> None:
    """A required section the Word report lacks is written as a placeholder naming it, and `check` refuses the
    placeholder with file:line, so the pack never prints an empty "1. Purpose of the report" (Local
    Government Act 1972 s.100B(1): the report open to inspection must be the whole report)."""
    document = docx.Document()
    document.add_paragraph("Members' visits", style="Title")
    document.add_heading("1. RECOMMENDATIONS", 1)
    document.add_paragraph("That the Panel agrees a rota.")
    report, output = _import(panel, document, tmp_path / "visits.docx")
    assert 'purpose: "TO DO: Purpose of the report (not found in the Word report)"' in report
    assert "note: 'Purpose of the report' was not found in the Word report: write it in `purpose`" in output
    assert (
        "note: 'Purpose of the report' is a numbered section of the form: the sections after it print one number "
        "higher than in the Word report (its 2.1 as 3.1): check references to paragraph numbers in the text" in output
    )
    assert (
        "to fix before building: cover_sheets/visits.md:5: responsible officer 1: is still a placeholder ('TO DO: "
        "the responsible officer (not found in the Word report)'): name one of the board's people or posts" in output
    )
    line = report.splitlines().index('purpose: "TO DO: Purpose of the report (not found in the Word report)"') + 1
    assert f"to fix before building: cover_sheets/visits.md:{line}: purpose: 'Purpose of the report' is required " in (
        output
    )

    # No title (no Title style, no heading or paragraph before the first section): a placeholder naming the
    # title, never the file's name, and `check` refuses it.
    document = docx.Document()
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("To agree a rota.")
    report, output = _import(panel, document, tmp_path / "notitle.docx")
    assert "notitle" not in report
    assert report.splitlines()[3] == 'title: "TO DO: the report\'s title (not found in the Word report)"'
    assert "note: the report's title was not found in the Word report: write it in `title`" in output
    assert (
        "to fix before building: cover_sheets/notitle.md:4: title: is still a placeholder (\"TO DO: the report's "
        "title (not found in the Word report)\"): write the report's title" in output
    )


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ('""', "is required but empty: write it"),
        ('"   "', "is required but empty: write it"),
        ('"TO DO"', "is required but still a placeholder ('TO DO'): write it"),
        ('"TODO: the purpose"', "is required but still a placeholder ('TODO: the purpose'): write it"),
    ],
)
def test_check_refuses_an_empty_required_field(board: Board, value: str, said: str) -> None:
    """A required field of the report form that is empty, only spaces, or a TO DO placeholder is refused with
    file:line and the field: the pack would print an empty section of the report (Local Government Act 1972
    s.100B(1): the agenda's reports open to inspection are the reports as the meeting has them)."""
    board.replace("cover_sheets/budget.md", "purpose: To note the budget.\n", f"purpose: {value}\n")
    assert problems(board.root) == [f"cover_sheets/budget.md:4: purpose: 'Purpose of Item' {said}"]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ('"TO DO"', "is still a placeholder ('TO DO'): write the report's title"),
        ('" "', "is empty: write the report's title"),
    ],
)
def test_check_refuses_a_title_still_to_do(board: Board, value: str, said: str) -> None:
    """A report's title left as import's placeholder (or blank) is refused with file:line: the agenda, the pack's
    contents and its bookmarks would print it."""
    text = (board.root / "cover_sheets/budget.md").read_text(encoding="utf-8")
    line = next(k for k, t in enumerate(text.splitlines(), start=1) if t.startswith("title: "))
    title = text.splitlines()[line - 1]
    board.replace("cover_sheets/budget.md", title + "\n", f"title: {value}\n")
    assert problems(board.root) == [f"cover_sheets/budget.md:{line}: title: {said}"]


def test_check_passes_a_purpose_that_begins_to_do(board: Board) -> None:
    """ "To do …" in ordinary case is a purpose, not a placeholder."""
    board.replace("cover_sheets/budget.md", "purpose: To note the budget.\n", "purpose: To do the budget.\n")
    check_repository(board.root)


def test_the_corpus_is_current() -> None:
    """The corpus's expectations are those scripts/make_import_corpus.py writes (the .docx differ only in the
    times zip records)."""
    spec = importlib.util.spec_from_file_location("make_import_corpus", REPO / "scripts" / "make_import_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    corpus = REPO / "tests" / "corpus" / "import"
    assert sorted(p.stem for p in corpus.glob("*.docx")) == sorted(make().name for make in module.REPORTS)
    for make in module.REPORTS:
        report = make()
        report.add_footnotes()
        assert json.loads((corpus / f"{report.name}.json").read_text(encoding="utf-8")) == report.expected


def test_an_imported_grid_table_is_laid_out_by_its_content(panel: Path, tmp_path: Path) -> None:
    """A table with merged cells becomes a grid table whose columns are as wide as their text needs (a column
    of figures narrow, one of words wide), not Word's widths, so no column holds one word a line."""
    source = REPO / "tests" / "corpus" / "import" / "seed-003-officer-response.docx"
    shutil.copy(source, tmp_path / "seed.docx")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "seed.docx"), "--root", str(panel)])
    assert result.exit_code == 0, result.output
    body = (panel / "cover_sheets" / "seed.md").read_text(encoding="utf-8")
    grid = [line for line in body.splitlines() if line.startswith(("+", "|")) and "Early Intervention" in line]
    assert grid == ["| Early Intervention Activity              | April   | May | Total |"]
    assert "| No of clients recommended for CAF by     | Team 11 | 0   | 10    |" in body


def test_typed_numbers_mark_numbered_paragraphs_only_where_the_house_numbers_them(panel: Path, tmp_path: Path) -> None:
    """Where the body numbers headings only (no `style.paragraphs: numbered`), typed paragraph numbers are taken
    out with no empty `###` (which check refuses there); where it numbers paragraphs, the pack prints the Word
    report's own numbers: 2.2 is the second numbered paragraph of section 2."""
    document = docx.Document()
    document.add_paragraph("Budget", style="Title")
    document.add_paragraph("Report of the Director for People")
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("1.1 To set the budget.")
    document.add_heading("2. RECOMMENDATIONS", 1)
    document.add_paragraph("2.1 That the Panel notes the budget.")
    document.add_paragraph("2.2 That the Panel thanks the finance team.")
    report, _ = _import(panel, document, tmp_path / "numbered.docx")
    assert "recommendations: |\n  That the Panel notes the budget.\n\n  ###\n\n  That the Panel thanks" in report
    board = panel / "board.yaml"
    board.write_text(board.read_text(encoding="utf-8").replace("  paragraphs: numbered", ""), encoding="utf-8")
    report, output = _import(panel, document, tmp_path / "headings-only.docx")
    assert "recommendations: |\n  That the Panel notes the budget.\n\n  That the Panel thanks" in report
    assert "2.2 " not in report and "building: cover_sheets/headings-only.md" not in output, (report, output)


def test_words_own_lettered_and_roman_lists_keep_their_letters(panel: Path, tmp_path: Path) -> None:
    """A list Word letters ("a)", "A.") or numbers in roman ("i.") with its numbering button is imported as a
    list of that kind, not as plain paragraphs or 1, 2, 3: members cite "recommendation (b)" (Local Government
    Act 1972 s.100B(1): the report open to inspection is the report as written); under headings Word numbers,
    only its decimal paragraph numbers are the house's numbered paragraphs."""
    corpus = REPO / "tests" / "corpus" / "import"
    for name in ("lettered-lists-contact-breaks", "word-numbered-lettered"):
        shutil.copy(corpus / f"{name}.docx", tmp_path / f"{name}.docx")
        result = CliRunner().invoke(main, ["import", str(tmp_path / f"{name}.docx"), "--root", str(panel)])
        assert result.exit_code == 0 and "to fix before building" not in result.output, result.output
    report = (panel / "cover_sheets" / "lettered-lists-contact-breaks.md").read_text(encoding="utf-8")
    assert "recommendations: |\n  That the Panel:\n\n  a) notes the proposals;\n  b) agrees the new opening" in report
    assert "i. who uses the service;\nii. when it is used;\niii. what it costs.\n" in report
    assert "A.  Keep the clubs as they are\nB.  Move two clubs to the hubs\n" in report
    report = (panel / "cover_sheets" / "word-numbered-lettered.md").read_text(encoding="utf-8")
    assert "recommendations: |\n  That the Panel:\n\n  a) notes the proposal;\n  b) comments on the hours.\n" in report
    _, front, _ = report.split("---\n", 2)
    [recommendations] = [n for n in parse_markdown(yaml.safe_load(front)["recommendations"]) if n["t"] == "list"]
    assert (recommendations["marker"], len(recommendations["items"])) == ("a)", 2)


def test_a_contact_block_typed_with_line_breaks_and_an_agenda_item_line(panel: Path, tmp_path: Path) -> None:
    """A contact block typed as one paragraph with Shift+Enter between its lines fills `contact`, and the
    "Agenda Item 5" line above the title is the masthead's (the pack numbers its items): neither is left in the
    report's text."""
    document = docx.Document()
    document.add_paragraph("Agenda Item 5")
    document.add_paragraph("Respite care review")
    document.add_paragraph("Report of the Director for People")
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("1.1 To review respite care.")
    document.add_heading("2. RECOMMENDATIONS", 1)
    document.add_paragraph("2.1 That the Panel notes the review.")
    document.add_heading("3. BACKGROUND", 1)
    document.add_paragraph("3.1 Respite is offered at two sites.")
    contact = document.add_paragraph()
    lines = ("Report Author", "Colin Pennington", "Tel No: (01572) 722577", "E-mail: enquiries@rutland.gov.uk")
    for k, line in enumerate(lines):
        run = contact.add_run(line)
        if k < len(lines) - 1:
            run.add_break()
    report, output = _import(panel, document, tmp_path / "respite.docx")
    assert 'title: "Respite care review"' in report
    assert (
        'contact: {"name": "Colin Pennington", "phone": "(01572) 722577", "email": "enquiries@rutland.gov.uk"}'
        in report
    )
    assert report.endswith("---\n# Respite care review\n\n## Background\n\nRespite is offered at two sites.\n")
    assert "to fix before building" not in output, output
