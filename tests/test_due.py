"""`boardpack due`: what is owed as at a date across every meeting, by whom, and whether overdue; and `check`'s
warning when a pack is due before the previous meeting's draft minutes (Local Government Act 1972 s.100B)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from boardpack.cli import main

from .conftest import REPO, Board

CLERK = "Mrs Amelia Boulter (clerk)"
PUBLISH = "publish the agenda and reports (Local Government Act 1972, s.100B(3))"
SHORT_BREAKS = "the report for item 5.2 'Short Breaks for Disabled Children - capital grant bid' (urgent)"
A1 = """\
Pete Aley
  meeting of 9 March 2012: action A1 (minute 2.2): due 15 June 2012, due in {days} working days
    The Board to receive an update on Troubled Families and how the programme will roll
    out at the next meeting in June.
"""
A3 = """\
Claire Oatway
  meeting of 9 March 2012: action A3 (minute 3.2): due 14 September 2012, due in {days} working days
    Findings from the Youth Unemployment task and finish group to be reported back to
    the board. Future presentations from the Growth Board on Youth Unemployment and the
    Growth agenda.
"""


def due(root: object, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["due", "--root", str(root), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "as_at, code, expected",
    [
        (
            "2012-06-01",
            0,
            f"""\
Due as at 1 June 2012: 6 (0 overdue)

{CLERK}
  meeting of 15 June 2012: {PUBLISH}: due 7 June 2012, due in 2 working days
  meeting of 14 September 2012: write and {PUBLISH}: due 6 September 2012, due in 66 working days
  meeting of 7 December 2012: write and {PUBLISH}: due 29 November 2012, due in 126 working days

Fiona Fleming
  meeting of 15 June 2012: {SHORT_BREAKS}: due 15 June 2012, due in 8 working days

{A1.format(days=8)}
{A3.format(days=72)}""",
        ),
        (
            "2012-06-08",
            1,
            f"""\
Due as at 8 June 2012: 6 (1 overdue)

{CLERK}
  meeting of 15 June 2012: {PUBLISH}: due 7 June 2012, overdue by 1 working day
  meeting of 14 September 2012: write and {PUBLISH}: due 6 September 2012, due in 63 working days
  meeting of 7 December 2012: write and {PUBLISH}: due 29 November 2012, due in 123 working days

Fiona Fleming
  meeting of 15 June 2012: {SHORT_BREAKS}: due 15 June 2012, due in 5 working days

{A1.format(days=5)}
{A3.format(days=69)}""",
        ),
        (
            "2012-06-20",
            0,
            f"""\
Due as at 20 June 2012: 4 (0 overdue)

{CLERK}
  meeting of 14 September 2012: write and {PUBLISH}: due 6 September 2012, due in 55 working days
  meeting of 7 December 2012: write and {PUBLISH}: due 29 November 2012, due in 115 working days

{A3.format(days=61)}
Pete Aley
  meeting of 15 June 2012: action A4 (minute 3.2): due 14 September 2012, due in 61 working days
    Report progress on Families with a Future, with the first families identified, to
    the September meeting.
""",
        ),
        (
            "2012-09-20",
            1,
            f"""\
Due as at 20 September 2012: 4 (2 overdue)

{A3.format(days=61).replace("due in 61 working days", "overdue by 4 working days")}
Pete Aley
  meeting of 15 June 2012: action A4 (minute 3.2): due 14 September 2012, overdue by 4 working days
    Report progress on Families with a Future, with the first families identified, to
    the September meeting.

{CLERK}
  meeting of 14 September 2012: circulate the draft minutes: due 28 September 2012, due in 6 working days
  meeting of 7 December 2012: write and {PUBLISH}: due 29 November 2012, due in 50 working days
""",
        ),
    ],
)
def test_due_in_the_example(as_at: str, code: int, expected: str) -> None:
    """Local Government Act 1972 s.100B(3): the example's 15 June 2012 papers are due to be published on 7 June
    (five clear working days before, the Jubilee holidays of 4 and 5 June left out); unpublished on 8 June, they
    are overdue and `due` exits 1. Its urgent item (s.100B(4)(b)) still has no paper, owed by the meeting; actions
    are owed by their owners until closed (A1 on 15 June), and the meeting held, its minutes are written. The
    calendar's later meetings (meetings.yaml: 14 December moved to 7 December, 15 March 2013 cancelled) owe their
    agendas with no agenda written yet, the cancelled one nothing; 14 September held, its draft minutes are owed."""
    assert due(REPO, "--as-at", as_at) == (code, expected)


@pytest.fixture
def owing(board: Board) -> Board:
    """The small board with an officer's item that has no paper yet, by two authors."""
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n      - title: Risk register\n"
        "        authors: [Olive Officer, Paul O'Sullivan]\n",
    )
    return board


RISK = "meeting of 10 January 2030: the report for item 2.2 'Risk register': due 28 December 2029"
BUDGET = "meeting of 10 October 2029: action A1 (minute 2.1): due 10 January 2030"


def test_due_before_the_deadlines(owing: Board) -> None:
    """Final reports are due 8 working days before the meeting (board.yaml timetable.finals), the papers five clear
    working days before it (Local Government Act 1972 s.100B(3)): as at 20 December 2029 nothing is overdue, and
    each is said with the working days left (Christmas, Boxing Day and New Year's Day left out)."""
    assert due(owing.root, "--as-at", "2029-12-20") == (
        0,
        f"""\
Due as at 20 December 2029: 4 (0 overdue)

Olive Officer
  {RISK}, due in 4 working days
  {BUDGET}, due in 12 working days
    Bring the budget report to the next meeting.

Paul O'Sullivan
  {RISK}, due in 4 working days

Clara Clerk (clerk)
  meeting of 10 January 2030: {PUBLISH}: due 2 January 2030, due in 6 working days
""",
    )


def test_due_overdue_reports_and_publication(owing: Board) -> None:
    """Local Government Act 1972 s.100B(3): on 3 January 2030 the papers of 10 January, due on the 2nd, are
    overdue by one working day, and the reports due on 28 December by three: `due` exits 1, so CI can remind."""
    assert due(owing.root, "--as-at", "2030-01-03") == (
        1,
        f"""\
Due as at 3 January 2030: 4 (3 overdue)

Olive Officer
  {RISK}, overdue by 3 working days
  {BUDGET}, due in 5 working days
    Bring the budget report to the next meeting.

Paul O'Sullivan
  {RISK}, overdue by 3 working days

Clara Clerk (clerk)
  meeting of 10 January 2030: {PUBLISH}: due 2 January 2030, overdue by 1 working day
""",
    )


def test_due_after_the_meeting_minutes_and_actions(owing: Board) -> None:
    """Once the meeting is held its reports and publication are past mending (s.100B), and its draft minutes are
    owed by the clerk 10 working days after it (timetable.minutes_draft); an action open after its due date is
    overdue until an update closes it."""
    assert due(owing.root, "--as-at", "2030-02-01") == (
        1,
        f"""\
Due as at 1 February 2030: 2 (2 overdue)

Olive Officer
  {BUDGET}, overdue by 16 working days
    Bring the budget report to the next meeting.

Clara Clerk (clerk)
  meeting of 10 January 2030: circulate the draft minutes: due 24 January 2030, overdue by 6 working days
""",
    )
    owing.write(
        "minutes/2030-01-10.yaml",
        "date: 2030-01-10\npresent: [Ann Chair]\napologies: [Paul O'Sullivan]\nitems:\n  - {number: '1.1', title: Welcome}\n",
    )
    owing.replace(
        "actions.yaml",
        "    status: open\n",
        "    status: done\n    updates:\n      - {date: 2030-01-31, text: Received.}\n",
    )
    assert due(owing.root, "--as-at", "2030-02-01") == (0, "Due as at 1 February 2030: 0 (0 overdue)\n")


def test_due_as_csv_and_json(owing: Board) -> None:
    """The same obligations for a spreadsheet or a script, each with the place in the papers it comes from."""
    code, output = due(owing.root, "--as-at", "2030-01-03", "--format", "csv")
    assert code == 1
    assert output.splitlines() == [
        "owner,meeting,kind,what,due,state,overdue,working_days_overdue,where,detail",
        "Olive Officer,2030-01-10,report,the report for item 2.2 'Risk register',2029-12-28,overdue by 3 working days,"
        "True,3,agendas/2030-01-10.yaml:21,",
        "Paul O'Sullivan,2030-01-10,report,the report for item 2.2 'Risk register',2029-12-28,overdue by 3 working "
        "days,True,3,agendas/2030-01-10.yaml:21,",
        'Clara Clerk,2030-01-10,publication,"publish the agenda and reports (Local Government Act 1972, s.100B(3))",'
        "2030-01-02,overdue by 1 working day,True,1,agendas/2030-01-10.yaml:1,",
        "Olive Officer,2029-10-10,action,action A1 (minute 2.1),2030-01-10,due in 5 working days,False,-5,"
        "actions.yaml:2,Bring the budget report to the next meeting.",
    ]
    code, output = due(owing.root, "--as-at", "2030-01-03", "--format", "json")
    assert code == 1
    records = json.loads(output)
    assert [(r["owner"], r["kind"], r["overdue"], r["working_days_overdue"]) for r in records] == [
        ("Olive Officer", "report", True, 3),
        ("Paul O'Sullivan", "report", True, 3),
        ("Clara Clerk", "publication", True, 1),
        ("Olive Officer", "action", False, -5),
    ]


def test_due_names_an_exempt_item_by_its_public_title_only(owing: Board) -> None:
    """Local Government Act 1972 s.100A(4) and Schedule 12A: `due` is run in CI, whose log the public may read, so
    an exempt item is named by its paragraph and public title, and an action raised under an exempt minute
    without its description."""
    owing.replace(
        "agendas/2030-01-10.yaml",
        "        authors: [Olive Officer, Paul O'Sullivan]\n",
        "        authors: [Olive Officer]\n        exempt: {paragraph: 3, public_title: Contract matter, "
        "public_interest: The public interest in maintaining the exemption outweighs it.}\n",
    )
    owing.replace(
        "minutes/2029-10-10.yaml",
        "    title: Budget\n",
        '    title: Budget\n    exclusion: {minutes: ["2.1"]}\n    exempt: {paragraph: 3, public_summary: A contract.}\n',
    )
    for fmt in ("text", "csv", "json"):
        code, output = due(owing.root, "--as-at", "2030-01-03", "--format", fmt)
        assert "Risk register" not in output and "budget report" not in output, output
        assert "item 2.2 (exempt, paragraph 3) 'Contract matter'" in output


def test_check_warns_when_the_pack_is_due_before_the_previous_draft_minutes(board: Board) -> None:
    """Local Government Act 1972 s.100B(3): the papers of a meeting on Friday 28 December 2012 are due five clear
    working days before it, on 18 December (Christmas and Boxing Day are not working days), while the draft minutes
    of 7 December are due only on 21 December (10 working days after): `check` warns, until they are written."""
    for date in ("2012-12-07", "2012-12-28"):
        board.write(
            f"agendas/{date}.yaml",
            f'date: {date}\nstart: "9.30"\nvenue: Room 1\nsections:\n'
            "  - heading: Welcome\n    items:\n      - {title: Welcome, authors: [Chair]}\n",
        )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "warning: agendas/2012-12-28.yaml:1: the agenda and reports are due to be published on Tuesday 18 December "
        "2012 (Local Government Act 1972, s.100B(3)), before the draft minutes of the meeting of Friday 7 December "
        "2012 are due on Friday 21 December 2012 (10 working days after it, timetable.minutes_draft): draft those "
        "minutes by the publication date, or the pack goes without them"
    )
    board.write(
        "minutes/2012-12-07.yaml",
        "date: 2012-12-07\npresent: [Ann Chair, Paul O'Sullivan]\nitems:\n  - {number: '1.1', title: Welcome}\n",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert "warning" not in result.output, result.output


@pytest.mark.slow
def test_due_after_publication_owes_a_supplement(board: Board, monkeypatch: pytest.MonkeyPatch) -> None:
    """Local Government Act 1972 s.100B(4): once the papers are published, an item added since is owed in a
    supplementary pack, an urgent one by the meeting (with the chair's special circumstances); its report is owed by
    its author; and the publication itself is no longer owed."""
    import git

    from .test_publish import IDENTITY, commit

    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    board.write(".gitignore", "build/\nsite/\n")
    git.Repo.init(board.root)
    commit(board.root, "Papers")
    assert (
        CliRunner().invoke(main, ["publish", "2030-01-10", "--on", "2030-01-02", "--root", str(board.root)]).exit_code
        == 0
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n      - title: Flood response\n        authors: [Olive Officer]\n"
        "        urgent: The floods of 4 January need the Board's decision before it next meets.\n",
    )
    assert due(board.root, "--as-at", "2030-01-06") == (
        0,
        """\
Due as at 6 January 2030: 3 (0 overdue)

Clara Clerk (clerk)
  meeting of 10 January 2030: publish item 2.2 'Flood response' in a supplementary pack (s.100B(4)): due 10 January 2030, due in 4 working days

Olive Officer
  meeting of 10 October 2029: action A1 (minute 2.1): due 10 January 2030, due in 4 working days
    Bring the budget report to the next meeting.
  meeting of 10 January 2030: the report for item 2.2 'Flood response' (urgent): due 10 January 2030, due in 4 working days
""",
    )


def test_due_with_a_problem_in_the_sources_exits_2_and_writes_nothing(owing: Board) -> None:
    """A problem in the sources is reported as every command reports it, naming file, line and field (exit status 2,
    apart from 1, overdue); `due` only reads, so it does not say "nothing was written"."""
    owing.replace("actions.yaml", "owner: Olive Officer", "owner: Olive Oficer")
    code, output = due(owing.root, "--as-at", "2030-01-03")
    assert (code, output.splitlines()[-1]) == (2, "1 problem found.")
    assert output.startswith("actions.yaml:5: action 1, owner: 'Olive Oficer' is not one of the board's people")


def test_due_follows_the_calendar_of_meetings(board: Board) -> None:
    """Local Government Act 1972 s.100B(3): a meeting of the calendar (meetings.yaml) with no agenda yet still owes
    its agenda and reports five clear working days before it, on the day it was moved to; a cancelled meeting owes
    nothing; a meeting held with no agenda on file owes its draft minutes (10 working days after 10 April 2030, Good
    Friday and Easter Monday left out: 26 April)."""
    board.write(
        "meetings.yaml",
        "meetings:\n  - date: 2029-10-10\n  - date: 2030-01-10\n  - date: 2030-04-10\n"
        "  - date: 2030-07-10\n    cancelled: {on: 2030-05-01, reason: No business.}\n"
        "  - date: 2030-10-10\n    moved: {to: 2030-10-17, on: 2030-05-01, reason: The room is needed.}\n",
    )
    board.write(
        "minutes/2030-01-10.yaml",
        "date: 2030-01-10\npresent: [Ann Chair]\napologies: [Paul O'Sullivan]\nitems:\n  - {number: '1.1', title: Welcome}\n",
    )
    board.replace(
        "actions.yaml",
        "    status: open\n",
        "    status: done\n    updates:\n      - {date: 2030-01-10, text: Done.}\n",
    )
    publish = "write and publish the agenda and reports (Local Government Act 1972, s.100B(3))"
    assert due(board.root, "--as-at", "2030-05-02") == (
        1,
        f"""\
Due as at 2 May 2030: 2 (1 overdue)

Clara Clerk (clerk)
  meeting of 10 April 2030: circulate the draft minutes: due 26 April 2030, overdue by 4 working days
  meeting of 17 October 2030: {publish}: due 9 October 2030, due in 111 working days
""",
    )


def test_check_takes_the_previous_meeting_from_the_calendar(board: Board) -> None:
    """Local Government Act 1972 s.100B(3): the meeting of 7 December 2012 is on the calendar (meetings.yaml) with no
    agenda on file; the pack of 28 December is still due before its draft minutes, and `check` warns."""
    board.write(
        "meetings.yaml",
        "meetings:\n  - date: 2012-12-07\n  - date: 2012-12-28\n  - date: 2029-10-10\n  - date: 2030-01-10\n",
    )
    board.write(
        "agendas/2012-12-28.yaml",
        'date: 2012-12-28\nstart: "9.30"\nvenue: Room 1\nsections:\n'
        "  - heading: Welcome\n    items:\n      - {title: Welcome, authors: [Chair]}\n",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    assert "before the draft minutes of the meeting of Friday 7 December 2012 are due on Friday 21 December 2012" in (
        result.output
    )


def test_due_lists_public_questions_awaiting_an_answer_and_call_in_periods_still_running(board: Board) -> None:
    """A public question put and not answered at the meeting is owed an answer (house rules: in writing after it);
    an executive decision may not be implemented while its call-in period runs (Local Government Act 2000 s.9F):
    `due` lists the period against its decision maker until it ends, and never counts it overdue."""
    board.replace("board.yaml", "chair: Ann Chair\n", "chair: Ann Chair\nexecutive: true\n")
    board.replace(
        "agendas/2030-01-10.yaml",
        '      - title: Welcome\n        start: "9.30"\n        authors: [Chair]\n',
        '      - title: Welcome\n        start: "9.30"\n        authors: [Chair]\n'
        "        questions:\n"
        "          - {asked_by: Mrs Helen Ward, received: 2030-01-02, question: When will the park reopen?}\n",
    )
    board.write(
        "minutes/2030-01-10.yaml",
        "date: 2030-01-10\npresent: [Ann Chair, Paul O'Sullivan]\napologies: [Olive Officer]\nitems:\n"
        '  - number: "1.1"\n    title: Welcome\n    body: The Chair welcomed everyone.\n'
        "    decisions:\n      - resolved: To reopen the park.\n        call_in: {published: 2030-01-14}\n",
    )
    code, text = due(board.root, "--as-at", "2030-01-15")
    assert code == 1 and "Due as at 15 January 2030: 3 (1 overdue)" in text  # only action A1: the answer is due
    # with the draft minutes, and the period still runs
    assert (
        "  meeting of 10 January 2030: the call-in period of the decision 'Welcome' (may be implemented from "
        "22 January 2030): due 21 January 2030, due in 4 working days"
    ) in text
    assert (
        "  meeting of 10 January 2030: the answer to the public question of Mrs Helen Ward at item 1.1: "
        "due 24 January 2030, due in 7 working days"
    ) in text
    code, text = due(board.root, "--as-at", "2030-01-25")
    assert (
        code == 1
        and "the answer to the public question of Mrs Helen Ward at item 1.1: due 24 January 2030, overdue by 1 working day"
        in text
    )
    assert "call-in period" not in text  # ended: nothing to list
