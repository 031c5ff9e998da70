"""`boardpack import`: a Word report (made here with python-docx, with what officers' reports hold)
becomes a report in the body's form that checks and builds, and every part Word could hold but the
report cannot is named."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.shared import Cm
from pypdf import PdfReader

from boardpack.cli import main
from boardpack.document.markdown import parse_markdown

from .conftest import Board, png

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def officer_report(path: Path, pictures: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Rutland County Council"
    document.add_heading("Budget monitoring – quarter two", 1)
    document.add_paragraph("REPORT OF THE DIRECTOR FOR PEOPLE")
    document.add_paragraph("STRATEGIC AIM: Sound finances")
    document.add_heading("1. PURPOSE OF THE REPORT", 2)
    document.add_paragraph("To inform the Panel of the budget.")
    document.add_heading("2. RECOMMENDATIONS", 2)
    document.add_paragraph("That the Panel notes the report.")
    document.add_heading("3. BACKGROUND", 2)
    paragraph = document.add_paragraph("Spending is ")
    paragraph.add_run("on budget").bold = True
    paragraph.add_run(" and ")
    paragraph.add_run("reviewed monthly").italic = True
    paragraph.add_run(".")
    document.add_paragraph("Staff", style="List Bullet")
    document.add_paragraph("Premises", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for x, text in enumerate(["Measure", "Team", "Count"]):
        table.cell(0, x).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Recommended by social care"
    for y, (team, count) in enumerate((("Team 11", "0"), ("Team 12", "6")), start=1):
        table.cell(y, 1).text, table.cell(y, 2).text = team, count
    (pictures / "chart.png").write_bytes(png(30, 20))
    document.add_picture(str(pictures / "chart.png"), width=Cm(3))
    document.inline_shapes[0]._inline.docPr.set("descr", "Spending by quarter")
    document.add_picture(str(pictures / "chart.png"), width=Cm(3))  # no alt text
    equation = document.add_paragraph("Variance: ")
    equation._p.append(
        parse_xml(
            f'<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" {W}>'
            "<m:r><w:t>x=1</w:t></m:r></m:oMath>"
        )
    )
    document.add_heading("4. RISK MANAGEMENT", 2)
    risks = document.add_table(rows=3, cols=3)
    risks.style = "Table Grid"
    for y, row in enumerate(
        (("RISK", "IMPACT", "COMMENTS"), ("Finance", "M", "Watched monthly"), ("Time", "L", "None"))
    ):
        for x, text in enumerate(row):
            risks.cell(y, x).text = text
    document.add_paragraph("Report Author")
    document.add_paragraph("Colin Pennington")
    document.add_paragraph("Tel No: (01572) 722577")
    document.add_paragraph("E-mail: enquiries@rutland.gov.uk")
    document.save(str(path))
    return path


PANEL = """\
name: People (Children) Scrutiny Panel
organisation: Rutland County Council
kind: panel
front_sheet_title: People (Children) Scrutiny Panel
chair: Ann Chair
clerk: {name: Clara Clerk, phone: "01572 722577", email: clerk@example.org}
report_form: officer-report
style: {numbering: flat}
posts:
  - {title: Director for People}
people:
  - {name: Ann Chair, role: Chair of the Panel, member: true}
  - {name: Paul O'Sullivan, role: Councillor, member: true}
  - {name: Olive Officer, role: Head of Service}
"""


def test_a_word_report_becomes_a_report_in_the_bodys_form(board: Board, tmp_path: Path) -> None:
    board.write("board.yaml", PANEL)
    board.write(
        "cover_sheets/budget.md",
        "---\ntitle: Budget\nresponsible_officer: Olive Officer\n"
        "purpose: To note.\nrecommendations: To note.\n---\nText.\n",
    )
    board.replace("agendas/2030-01-10.yaml", "        paper: cover_sheets/budget.md\n", "")
    report = officer_report(tmp_path / "Budget Q2.docx", tmp_path)
    result = CliRunner().invoke(main, ["import", str(report), "--item", "2030-01-10/3", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    written = [line.removeprefix("wrote ") for line in result.output.splitlines() if line.startswith("wrote ")]
    assert written == [
        str(board.root / p)
        for p in (
            "cover_sheets/budget-q2.md",
            "images/budget-q2-1.png",
            "images/budget-q2-2.png",
            "agendas/2030-01-10.yaml",
        )
    ]
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert any("1 equation not carried over" in n for n in notes), notes
    assert any("picture 2 (images/budget-q2-2.png) has no alt text" in n for n in notes), notes
    assert any("page header ('Rutland County Council') was left out" in n for n in notes), notes
    assert any("to fix before building:" in n and "has no alt text" in n for n in notes), notes

    text = (board.root / "cover_sheets" / "budget-q2.md").read_text()
    front, body = text.split("\n---\n", 1)
    assert 'title: "Budget monitoring – quarter two"' in front and 'responsible_officer: "Director for People"' in front
    assert 'strategic_aim: "Sound finances"' in front and 'purpose: "To inform the Panel of the budget."' in front
    assert '{"risk": "Finance", "impact": "M", "comments": "Watched monthly"}' in front
    assert '"name": "Colin Pennington", "phone": "(01572) 722577"' in front
    assert "Spending is **on budget** and *reviewed monthly*." in body and "## Background" in body
    nodes = parse_markdown(body)
    grid = next(n for n in nodes if n["t"] == "grid")
    assert [(c["colspan"], c["rowspan"], c["c"][0]["c"][0]) for c in grid["rows"][0]] == [
        (1, 2, "Recommended by social care"),
        (1, 1, "Team\u00a011"),  # a label and its number, held together (test_tables.py)
        (1, 1, "0"),
    ]
    assert 'paper: "cover_sheets/budget-q2.md"' in (board.root / "agendas" / "2030-01-10.yaml").read_text()

    (board.root / "cover_sheets" / "budget-q2.md").write_text(
        text.replace("![](images/budget-q2-2.png)", "![Spending by team](images/budget-q2-2.png)")
    )
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pdf = " ".join(
        re.sub(r"\s+", " ", p.extract_text() or "")
        for p in PdfReader(tmp_path / "out" / "2030-01-10-public-pack.pdf").pages
    )
    for words in (
        "Budget monitoring – quarter two",
        "Report of the Director for People",
        "1. Purpose of the report",
        "3. Background",
        "4. Risk management",
        "Finance Medium Watched monthly",
        "Colin Pennington",
    ):
        assert words in pdf, words

    again = CliRunner().invoke(main, ["import", str(report), "--root", str(board.root)])
    assert again.exit_code == 2 and "already exists; boardpack import never overwrites a file" in again.output


def test_import_names_what_it_cannot_read(board: Board, tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_text("not a Word file")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "notes.docx"), "--root", str(board.root)])
    assert result.exit_code == 2 and "is not a Word document (.docx)" in result.output
    report = officer_report(tmp_path / "r.docx", tmp_path)
    result = CliRunner().invoke(main, ["import", str(report), "--item", "2030-01-10/9.9", "--root", str(board.root)])
    assert result.exit_code == 2 and "'2030-01-10/9.9' is not an agenda item" in result.output
    assert not (board.root / "cover_sheets" / "r.md").exists()


def test_a_cover_sheet_body_takes_its_fields_from_the_reports_headings(board: Board, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Ofsted inspection", 1)
    for heading, text in (
        ("Purpose of Item", "To alert partners."),
        ("Recommendations", "That the Board notes it."),
        ("Consultation Record", "Shared with leads."),
        ("Findings", "Good overall."),
    ):
        document.add_heading(heading, 2)
        document.add_paragraph(text)
    document.save(str(tmp_path / "ofsted.docx"))
    result = CliRunner().invoke(main, ["import", str(tmp_path / "ofsted.docx"), "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    front, body = (board.root / "cover_sheets" / "ofsted.md").read_text().split("\n---\n", 1)
    assert 'purpose: "To alert partners."' in front and 'consultation_record: "Shared with leads."' in front
    assert "the responsible officer was not found" in result.output
    assert body.strip() == "# Ofsted inspection\n\n## Findings\n\nGood overall."


def test_a_new_body_starts_imports_an_officers_report_and_builds_its_pack(tmp_path: Path) -> None:
    folder = tmp_path / "panel"
    assert CliRunner().invoke(main, ["init", str(folder), "--form", "officer-report"]).exit_code == 0
    [agenda] = (folder / "agendas").glob("*.yaml")
    report = officer_report(tmp_path / "budget.docx", tmp_path)
    document = docx.Document(str(report))
    document.inline_shapes[1]._inline.docPr.set("descr", "Spending by team")
    document.save(str(report))
    result = CliRunner().invoke(main, ["import", str(report), "--item", f"{agenda.stem}/2", "--root", str(folder)])
    assert result.exit_code == 0 and "to fix before building" not in result.output, result.output
    result = CliRunner().invoke(main, ["build", "--root", str(folder), "--docx"])
    assert result.exit_code == 0, result.output
    pages = [
        re.sub(r"\s+", " ", p.extract_text() or "")
        for p in PdfReader(folder / "build" / f"{agenda.stem}-public-pack.pdf").pages
    ]
    assert re.search(r"2\.\s*Declarations of interest", pages[0]) and "(Pages" in pages[0]
    text = " ".join(pages)
    assert "Budget monitoring – quarter two" in text and "Report of the Director for People" in text
    assert "Strategic aim: Sound finances" in text and "Tel: (01572) 722577" in text


def test_import_refuses_a_name_that_is_not_a_file_name_and_an_item_it_cannot_edit_safely(
    board: Board, tmp_path: Path
) -> None:
    report = officer_report(tmp_path / "r.docx", tmp_path)
    result = CliRunner().invoke(main, ["import", str(report), "--name", "../../outside", "--root", str(board.root)])
    assert result.exit_code == 2 and "'../../outside' is not a file name for a report" in result.output
    assert not (tmp_path / "outside.md").exists() and not any(board.root.parent.glob("*.md"))
    board.replace(
        "agendas/2030-01-10.yaml", "      - title: Budget report\n", "      - title: Budget\n          report\n"
    )
    board.replace("agendas/2030-01-10.yaml", "        paper: cover_sheets/budget.md\n", "")
    result = CliRunner().invoke(main, ["import", str(report), "--item", "2030-01-10/2.1", "--root", str(board.root)])
    assert result.exit_code == 2 and "cannot add `paper: cover_sheets/r.md` to this item safely" in result.output
    assert not (board.root / "cover_sheets" / "r.md").exists(), "nothing written when the agenda cannot be edited"
    result = CliRunner().invoke(main, ["import", str(report), "--item", "2030-01-10/1.2", "--root", str(board.root)])
    assert result.exit_code == 2 and "item 1.2 already has minutes (2029-10-10)" in result.output


def _key_decision_report(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Budget monitoring", style="Title")
    document.add_paragraph("Report of the Director for People")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Key Decision:", "Yes"
    document.add_heading("1. PURPOSE OF THE REPORT", 1)
    document.add_paragraph("To agree the budget.")
    document.add_heading("2. RECOMMENDATIONS", 1)
    document.add_paragraph("That the Panel agrees the budget.")
    document.save(str(path))
    return path


def test_a_key_decision_is_marked_on_its_agenda_item(board: Board, tmp_path: Path) -> None:
    """ "Key Decision: Yes" in the Word report's masthead is its agenda item's `key_decision: true` (printed "Key
    decision"), so that `check` asks for its notice in the forward plan (SI 2012/2089 reg 9); imported without
    --item, the note says what the clerk writes in the agenda."""
    board.write("board.yaml", PANEL)
    (board.root / "cover_sheets" / "budget.md").unlink()
    board.replace("agendas/2030-01-10.yaml", "        paper: cover_sheets/budget.md\n", "")
    report = _key_decision_report(tmp_path / "budget.docx")
    result = CliRunner().invoke(main, ["import", str(report), "--name", "loose", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    assert (
        'note: "Key Decision: Yes" was left out of the report: mark its agenda item `key_decision: true` in '
        'agendas/YYYY-MM-DD.yaml (the agenda prints "Key decision"; `check` asks for its notice in the forward '
        "plan), or import with --item YYYY-MM-DD/NUMBER to have it marked" in result.output
    )
    result = CliRunner().invoke(main, ["import", str(report), "--item", "2030-01-10/3", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    agenda = (board.root / "agendas" / "2030-01-10.yaml").read_text(encoding="utf-8")
    assert '      - title: Budget report\n        paper: "cover_sheets/budget.md"\n        key_decision: true\n' in (
        agenda
    )
    assert 'note: "Key Decision: Yes": agenda item 2030-01-10/3 is marked `key_decision: true`' in result.output
    assert re.search(
        r"to fix before building: agendas/2030-01-10.yaml:\d+: .*'Budget report' is a key decision but "
        r"is not in the forward plan",
        result.output,
    ), result.output
    assert "Key Decision" not in (board.root / "cover_sheets" / "budget.md").read_text(encoding="utf-8")
