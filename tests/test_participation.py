"""Public participation: questions from the public, petitions, deputations and notices of motion, from the agenda to
the minutes, in every edition.

Meetings are open to the public (Local Government Act 1972, s.100A(1)), but what the public may ask or present, and by
when, is each council's own: its procedure rules (standing orders) and the petition scheme it adopts. No statute
fixes those deadlines (the duty to have a petition scheme, Local Democracy, Economic Development and Construction Act
2009 Part 1 Chapter 2, was repealed in England by the Localism Act 2011 s.46), so they are house style in board.yaml
(`timetable.participation`), counted in clear working days with timetable.py's England and Wales bank holidays.

The small board meets on Thursday 10 January 2030; New Year's Day is a bank holiday.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from lxml import html
from pypdf import PdfReader

from boardpack.assemble import assemble_pack
from boardpack.build import build_pack, build_site
from boardpack.checks import check_repository
from boardpack.cli import main
from boardpack.errors import Problems
from boardpack.load import load_papers

from .conftest import AGENDA, REPO, Board
from .oracle import text_of

PANEL = REPO / "examples" / "people-children-scrutiny-panel"

RULES = "timetable:\n  participation: {questions: 3, petitions: 6}\n"
WELCOME = '      - title: Welcome\n        start: "9.30"\n        authors: [Chair]\n'


def run(board: Board, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(board.root)])
    return result.exit_code, result.output


def with_participation(board: Board, entries: str) -> None:
    board.write("board.yaml", (board.root / "board.yaml").read_text() + RULES)
    board.replace("agendas/2030-01-10.yaml", WELCOME, WELCOME + entries)


QUESTION = "        questions:\n          - {{asked_by: Mrs Jane Doe, received: {received}, question: Why?{extra}}}\n"
PETITION = (
    "        petitions:\n          - {{title: Save the library, lead_petitioner: Mr John Roe, signatures: 40, "
    "received: {received}, prayer: Keep it open.}}\n"
)


def test_a_question_received_after_the_houses_deadline_is_refused_naming_it(board: Board) -> None:
    """The house's rule (board.yaml): a question must be received 3 clear working days before the meeting. Received
    on Monday 7 January, it leaves 8 and 9 January only; the deadline was Friday 4 January."""
    with_participation(board, QUESTION.format(received="2030-01-07", extra=""))
    assert run(board, "check") == (
        2,
        "agendas/2030-01-10.yaml:11: item 1.1, question 1, received: received Monday 7 January 2030, after the "
        "deadline of Friday 4 January 2030: a question must be received 3 clear working days before the meeting "
        "(board.yaml timetable.participation.questions; England and Wales bank holidays), and 2 were left; if the "
        "Chair accepted it as urgent, give the reason (`urgent:`)\n1 problem found.\n",
    )


def test_a_petitions_deadline_skips_the_bank_holiday(board: Board) -> None:
    """Six clear working days before Thursday 10 January 2030 are 9, 8, 7, 4, 3 and 2 January: New Year's Day is
    not a working day, so the deadline is Monday 31 December 2029 (timetable.py, England and Wales)."""
    with_participation(board, PETITION.format(received="2030-01-02"))
    code, output = run(board, "check")
    assert (
        code == 2
        and (
            "received Wednesday 2 January 2030, after the deadline of Monday 31 December 2029: a petition must be "
            "received 6 clear working days before the meeting"
        )
        in output
    ), output
    board.replace("agendas/2030-01-10.yaml", "received: 2030-01-02", "received: 2029-12-31")
    assert run(board, "check")[0] == 0


def test_the_chairs_acceptance_as_urgent_admits_a_late_question(board: Board) -> None:
    """Received late but accepted by the Chair as urgent, with the reason recorded: no problem."""
    with_participation(board, QUESTION.format(received="2030-01-08", extra=", urgent: The closure is on 11 January."))
    assert run(board, "check")[0] == 0


def test_a_question_received_on_or_after_the_meeting_is_refused(board: Board) -> None:
    """What the agenda lists was received before the meeting, whatever the house's deadline."""
    board.replace("agendas/2030-01-10.yaml", WELCOME, WELCOME + QUESTION.format(received="2030-01-10", extra=""))
    assert run(board, "check") == (
        2,
        "agendas/2030-01-10.yaml:11: item 1.1, question 1, received: 2030-01-10 is not before the meeting "
        "(2030-01-10)\n1 problem found.\n",
    )


def test_an_answer_is_given_by_one_of_the_boards_people_or_posts(board: Board) -> None:
    """Who answered is named as the minutes will print it: one of the board's people or posts, or the Chair."""
    extra = ", answer: Because., answered_by: Olive Oficer"
    with_participation(board, QUESTION.format(received="2030-01-02", extra=extra))
    code, output = run(board, "check")
    assert (
        code == 2
        and (
            "agendas/2030-01-10.yaml:11: item 1.1, question 1, answered_by: 'Olive Oficer' is not one of the board's "
            'people (did you mean "Olive Officer"?)'
        )
        in output
    ), output


def test_an_answer_names_who_gave_it(board: Board) -> None:
    """An answer without who gave it (or the reverse) is refused when the agenda is read."""
    with_participation(board, QUESTION.format(received="2030-01-02", extra=", answer: Because."))
    code, output = run(board, "check")
    assert code == 2 and "an answer needs `answered_by`, and `answered_by` an answer" in output, output


def test_participation_is_never_at_an_exempt_item(board: Board) -> None:
    """s.100A(4): the public may be excluded from an exempt item, so public questions and petitions are not taken
    at one (and nothing of them can be exempt text reaching a public output)."""
    board.replace(
        "agendas/2030-01-10.yaml",
        WELCOME,
        WELCOME + "        exempt: {paragraph: 3}\n" + QUESTION.format(received="2030-01-02", extra=""),
    )
    code, output = run(board, "check")
    assert (
        code == 2
        and ("public questions, petitions, deputations and motions are taken in public: not at an exempt item")
        in output
    ), output


MINUTES = """\
date: 2030-01-10
present:
  - {name: Ann Chair, note: Chair}
  - Paul O'Sullivan
items:
  - number: "1.1"
    title: Welcome
    participation: true
    body: The Chair welcomed the public.
"""


def test_the_minutes_record_an_answer_to_each_question(board: Board) -> None:
    """Once the minutes are written, a question with no answer recorded is warned about; a minute that says it
    records participation the agenda does not list is refused."""
    with_participation(board, QUESTION.format(received="2030-01-02", extra=""))
    board.write("minutes/2030-01-10.yaml", MINUTES)
    code, output = run(board, "check")
    assert (
        code == 0
        and (
            "warning: agendas/2030-01-10.yaml:11: the minutes of 2030-01-10 record no answer to the question from "
            "Mrs Jane Doe (`answer:`)"
        )
        in output
    ), output
    board.replace("agendas/2030-01-10.yaml", "question: Why?", "question: Why?, answer: Because., answered_by: Chair")
    assert run(board, "check") == (0, "ok: 1 agendas, 1 cover sheets, 2 minutes checked\n")
    board.replace("minutes/2030-01-10.yaml", "participation: true", "participation: false")
    code, output = run(board, "check")
    assert (
        "warning: minutes/2030-01-10.yaml:5: no minute records the public participation on the agenda "
        "(agendas/2030-01-10.yaml): mark the minute that took it `participation: true`"
    ) in output, output
    board.replace("minutes/2030-01-10.yaml", "participation: false", "participation: true")
    board.write("agendas/2030-01-10.yaml", AGENDA)
    assert run(board, "check") == (
        2,
        "minutes/2030-01-10.yaml:8: minute 1.1, participation: records the public participation, but its agenda "
        "lists none\n1 problem found.\n",
    )


NEXT = """\
date: 2015-02-12
start: "19.00"
venue: Council Chamber, Catmose, Oakham
sections:
  - heading: Agenda
    items:
      - title: Apologies
        authors: [Chair]
      - title: Record of meeting
        authors: [Chair]
        minutes: 2014-11-13
"""


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def panel_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The panel example with its next meeting, whose pack carries the minutes of 13 November 2014: both packs (PDF
    and Word) and the web edition, as at 1 January 2015."""
    root = tmp_path_factory.mktemp("participation") / "panel"
    shutil.copytree(PANEL, root)
    (root / "agendas" / "2015-02-12.yaml").write_text(NEXT, encoding="utf-8")
    out = root.parent / "out"
    agenda = build_pack(root, dt.date(2014, 11, 13), out=out, docx=True)
    minutes = build_pack(root, dt.date(2015, 2, 12), out=out, docx=True)
    site = build_site(root, root.parent / "site", today=dt.date(2015, 1, 1), pdfs=False).folder
    return {"agenda": agenda, "minutes": minutes, "site": site, "papers": load_papers(root, Problems())}


def sources(papers: Any) -> tuple[Any, Any]:
    [item] = [i for s in papers.agendas[dt.date(2014, 11, 13)].value.sections for i in s.items if i.questions]
    return item.questions[0], item.petitions[0]


def pdf_pages(paths: list[Path]) -> list[str]:
    [pdf] = [p for p in paths if p.suffix == ".pdf"]
    return [flat(page.extract_text()) for page in PdfReader(pdf).pages]


def docx_text(paths: list[Path], name: str) -> str:
    [path] = [p for p in paths if p.name == name]
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return flat(" ".join([p.text for p in document.paragraphs] + cells))


def web_text(site: Path, page: str) -> str:
    return flat(html.parse(str(site / page)).getroot().xpath("string(//main)"))


@pytest.mark.slow
def test_the_agenda_lists_the_question_and_petition_received_in_every_edition(panel_editions: dict[str, Any]) -> None:
    """The agenda is open to inspection (s.100B(1)): item 3 lists the question with its questioner and the petition
    with its lead petitioner, signatures and prayer, on the agenda's own page of the PDF, in the Word agenda and on
    the web page; the answer, given at the meeting and not in writing beforehand, is not on the agenda."""
    question, petition = sources(panel_editions["papers"])
    listed = [
        f"Question from {question.asked_by} ({question.area}): {question.question}",
        f"{petition.title}, presented by {petition.lead_petitioner} ({petition.signatures} signatures, received "
        f"20 October 2014): {petition.prayer}",
    ]
    pages = pdf_pages(panel_editions["agenda"])
    [page] = [n for n, text in enumerate(pages) if "3. Petitions, deputations and questions" in text]
    assert page < 3 and all(flat(words) in pages[page] for words in listed), pages[page]
    word = docx_text(panel_editions["agenda"], "agenda.docx")
    web = web_text(panel_editions["site"], "2014-11-13/index.html")
    for edition in (word, web):
        assert all(flat(words) in edition for words in listed), edition
    for edition in (" ".join(pages), word, web):
        assert question.answer not in edition and petition.response not in edition


@pytest.mark.slow
def test_the_minutes_record_the_answer_and_the_response_in_every_edition(panel_editions: dict[str, Any]) -> None:
    """The minutes (s.100C) record at minute 3 the question, who answered and the answer, the supplementary question
    and its answer, and the petition's response: on the minutes' pages of the next meeting's PDF pack, in its Word
    minutes and on its web page."""
    question, petition = sources(panel_editions["papers"])
    recorded = [
        f"Question from {question.asked_by} ({question.area}): {question.question}",
        f"Answer ({question.answered_by}): {question.answer}",
        f"Supplementary question: {question.supplementary}",
        f"Answer: {question.supplementary_answer}",
        f"Response: {petition.response}",
    ]
    pages = pdf_pages(panel_editions["minutes"])
    [first] = [n for n, text in enumerate(pages) if "Minutes of the People (Children) Scrutiny Panel" in text]
    minute_3 = pages[first].split("Petitions, deputations and questions", 1)[1].split("Adolescent Task", 1)[0]
    assert all(flat(words) in minute_3 for words in recorded), minute_3
    word = docx_text(panel_editions["minutes"], "item-2-minutes.docx")
    web = web_text(panel_editions["site"], "2015-02-12/item-2.html")
    for edition in (word, web):
        assert all(flat(words) in edition for words in recorded), edition


EVERY_KIND = """\
        questions:
          - asked_by: Mrs Jane Doe
            area: Plympton
            received: 2030-01-08
            urgent: The library closes on 11 January.
            question: Will the library stay open?
            answered_by: Olive Officer
            answer: It will, until March.
            in_writing: true
          - {asked_by: Mr Sam Poe, received: 2029-12-20, question: Who decides?, answered_by: Chair, answer: The Board.}
        petitions:
          - {title: Save the library, lead_petitioner: Mr John Roe, signatures: 1, received: 2029-12-20,
             prayer: Keep it open., response: Referred to the Head of Service.}
        deputations:
          - {speaker: Ms Ada Lee, on_behalf_of: Friends of the Library, subject: Opening hours, received: 2029-12-20,
             outcome: The Board thanked the deputation.}
        motions:
          - {mover: Paul O'Sullivan, seconder: Ann Chair, text: That the library stays open., received: 2029-12-20,
             outcome: Carried.}
"""


def row_and_minute(board: Board) -> tuple[str, str]:
    """The agenda row of the Welcome item and its minute, as plain text, from the assembled documents (what every
    edition prints: the PDF, Word and web renderers walk the same nodes)."""
    with_participation(board, EVERY_KIND)
    board.write("minutes/2030-01-10.yaml", MINUTES)
    board.write("agendas/2030-02-14.yaml", NEXT.replace("2015-02-12", "2030-02-14").replace("2014-11-13", "2030-01-10"))
    papers = check_repository(board.root)
    agenda = assemble_pack(papers, dt.date(2030, 1, 10)).data["documents"][0]
    [row] = [row for section in agenda["sections"] for row in section["items"] if row["title"] == "Welcome"]
    [minutes] = [d for d in assemble_pack(papers, dt.date(2030, 2, 14)).data["documents"] if d["kind"] == "minutes"]
    [minute] = [m for m in minutes["items"] if m["number"] == "1.1"]
    return text_of(row["note"]), text_of(minute["body"])


def test_every_kind_of_participation_is_listed_on_the_agenda_and_recorded_in_the_minutes(board: Board) -> None:
    """The agenda lists each question, petition, deputation and motion received, the Chair's reason for accepting a
    late one, and an answer given in writing beforehand (only that one); the minute records every answer and
    outcome, by whom each question was answered."""
    agenda, minute = row_and_minute(board)
    assert agenda == (
        "Questions from the public: Question from Mrs Jane Doe (Plympton): Will the library stay open? Accepted by "
        "the Chair as urgent: The library closes on 11 January. Written answer (Olive Officer): It will, until "
        "March. Question from Mr Sam Poe: Who decides? Petitions: Save the library, presented by Mr John Roe (1 "
        "signature, received 20 December 2029): Keep it open. Deputations: Ms Ada Lee, on behalf of Friends of the "
        "Library: Opening hours Notices of motion: Moved by Paul O'Sullivan, seconded by Ann Chair: That the "
        "library stays open."
    )
    assert minute == (
        "The Chair welcomed the public. Questions from the public: Question from Mrs Jane Doe (Plympton): Will the "
        "library stay open? Accepted by the Chair as urgent: The library closes on 11 January. Written answer "
        "(Olive Officer): It will, until March. Question from Mr Sam Poe: Who decides? Answer (Chair): The Board. "
        "Petitions: Save the library, presented by Mr John Roe (1 signature, received 20 December 2029): Keep it "
        "open. Response: Referred to the Head of Service. Deputations: Ms Ada Lee, on behalf of Friends of the "
        "Library: Opening hours Outcome: The Board thanked the deputation. Notices of motion: Moved by Paul "
        "O'Sullivan, seconded by Ann Chair: That the library stays open. Outcome: Carried."
    )


def test_an_exempt_minute_does_not_record_public_participation(board: Board) -> None:
    """s.100C(2): the public minutes give only a summary of an exempt minute, so the minute that records the public's
    questions and the answers given them is never exempt (nothing of them can reach the private minutes alone)."""
    with_participation(board, QUESTION.format(received="2029-12-20", extra=", answer: Yes., answered_by: Chair"))
    board.write(
        "minutes/2030-01-10.yaml",
        MINUTES.replace("    participation: true\n", "    participation: true\n    exempt: {paragraph: 3}\n"),
    )
    code, output = run(board, "check")
    assert (
        code == 2
        and ("minutes/2030-01-10.yaml:6: minute 1.1: public participation is not minuted in an exempt minute") in output
    ), output


def test_a_question_sent_at_the_weekend_is_received_when_the_office_opens(board: Board) -> None:
    """Sent on Saturday 5 January, a question is counted from Monday 7 January, the next working day, which leaves
    two clear working days: after the deadline of Friday 4 January."""
    with_participation(board, QUESTION.format(received="2030-01-05", extra=""))
    code, output = run(board, "check")
    assert (
        code == 2
        and (
            "received Saturday 5 January 2030 (counted from Monday 7 January 2030, the next working day), after the "
            "deadline of Friday 4 January 2030: a question must be received 3 clear working days before the meeting"
        )
        in output
        and "and 2 were left" in output
    ), output


def test_the_timeline_gives_the_houses_deadlines_for_participation(board: Board) -> None:
    """`timeline` (and so `new-meeting`'s comments) lists when questions and petitions must be received, among the
    statutory dates: for Thursday 10 January 2030, questions by Friday 4 January and petitions by Monday 31
    December 2029 (New Year's Day is not a working day)."""
    board.write("board.yaml", (board.root / "board.yaml").read_text() + RULES)
    code, output = run(board, "timeline", "2030-01-10")
    assert code == 0 and [line for line in output.splitlines() if "received by" in line] == [
        "  petitions received by          Mon 31 December 2029  6 clear working days before (house rules)",
        "  public questions received by   Fri  4 January 2030   3 clear working days before (house rules)",
    ], output


def test_the_minutes_draft_lists_what_is_to_be_answered_under_its_item(board: Board, tmp_path: Path) -> None:
    """The clerk's note-taking document lists, under the item that takes them, each question (with its questioner)
    and each petition, deputation and motion, with what the minutes will need recorded of each."""
    with_participation(board, EVERY_KIND)
    code, output = run(board, "minutes-draft", "2030-01-10", "--out", str(tmp_path))
    assert code == 0, output
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "2030-01-10-minutes-draft.docx")).paragraphs]
    welcome = paragraphs.index("Part 1: 1.1 Welcome")
    assert paragraphs[welcome + 1 : paragraphs.index("Notes:", welcome)] == [
        "Question from Mrs Jane Doe (Plympton): Will the library stay open? – answered by, the answer, any "
        "supplementary question and its answer:",
        "Question from Mr Sam Poe: Who decides? – answered by, the answer, any supplementary question and its answer:",
        "Petition: Save the library, presented by Mr John Roe (1 signature) – the response or referral:",
        "Deputation: Ms Ada Lee, Opening hours – the outcome:",
        "Motion moved by Paul O'Sullivan: That the library stays open. – the outcome:",
    ]


@pytest.mark.slow
def test_the_examples_own_web_edition_carries_the_question_and_petition_from_agenda_to_minutes(
    tmp_path: Path,
) -> None:
    """Issue 26's test of done: in the panel example as it stands, the meeting's web page lists the question and the
    petition under item 3, and its minutes page records the answer, the supplementary and the petition's response
    (s.100C: the minutes are open to inspection)."""
    site = build_site(PANEL, tmp_path / "site", today=dt.date(2015, 1, 1), pdfs=False).folder
    question, petition = sources(load_papers(PANEL, Problems()))
    agenda, minutes = web_text(site, "2014-11-13/index.html"), web_text(site, "2014-11-13/minutes.html")
    assert flat(f"Question from {question.asked_by} ({question.area}): {question.question}") in agenda
    assert flat(petition.prayer) in agenda and question.answer not in agenda
    minute_3 = minutes.split("3 Petitions, deputations and questions", 1)[1].split("4 Adolescent", 1)[0]
    for words in (
        f"Answer ({question.answered_by}): {question.answer}",
        f"Supplementary question: {question.supplementary} Answer: {question.supplementary_answer}",
        f"Response: {petition.response}",
    ):
        assert flat(words) in minute_3, minute_3
