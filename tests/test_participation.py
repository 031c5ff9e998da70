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

from click.testing import CliRunner

from boardpack.cli import main

from .conftest import AGENDA, Board

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
