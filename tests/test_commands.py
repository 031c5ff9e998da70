"""The chair's and clerk's commands: actions, tracker, history and new-meeting, output asserted exactly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from boardpack.checks import check_repository
from boardpack.cli import main

from .conftest import Board

MORE_ACTIONS = """\
  - id: A2
    raised: 2029-10-10
    minute: "1.1"
    owner: Paul O'Sullivan
    description: Circulate the *terms of reference*.
    due: 2029-12-01
    status: open
    updates:
      - {date: 2029-11-01, text: Draft written.}
  - id: A3
    raised: 2029-10-10
    minute: "1.1"
    owner: Olive Officer
    description: Arrange the away day.
    due: 2029-11-15
    status: done
    updates:
      - {date: 2029-11-10, text: Held on 10 November.}
trackers:"""


def run(board: Board, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [args[0], "--root", str(board.root), *args[1:]])
    return result.exit_code, result.output


def with_more_actions(board: Board) -> Board:
    board.replace("actions.yaml", "trackers:", MORE_ACTIONS)
    return board


def test_actions_grouped_by_owner_overdue_first(board: Board) -> None:
    code, output = run(with_more_actions(board), "actions", "--as-at", "2030-01-10")
    assert code == 0
    assert (
        output
        == """\
Open actions as at 10 January 2030: 2 (1 overdue)

Paul O'Sullivan
  A2    due 1 December 2029  OVERDUE  (raised 10 October 2029, minute 1.1)
        Circulate the terms of reference.
        latest update 1 November 2029: Draft written.

Olive Officer
  A1    due 10 January 2030  (raised 10 October 2029, minute 2.1)
        Bring the budget report to the next meeting.
        no update yet
"""
    )


def test_actions_as_at_an_earlier_date_reopens_what_was_closed_later(board: Board) -> None:
    code, output = run(with_more_actions(board), "actions", "--as-at", "2029-11-01", "--owner", "Olive Officer")
    assert code == 0
    assert output.splitlines()[0] == "Open actions as at 1 November 2029: 2 (0 overdue)"
    assert "  A3    due 15 November 2029  (raised 10 October 2029, minute 1.1)" in output


def test_actions_overdue_only_as_csv(board: Board) -> None:
    code, output = run(with_more_actions(board), "actions", "--as-at", "2030-01-10", "--overdue", "--format", "csv")
    assert code == 0
    assert output == (
        "id,owner,raised,minute,due,overdue,description,latest_update_date,latest_update,exempt_paragraph\n"
        "A2,Paul O'Sullivan,2029-10-10,1.1,2029-12-01,True,Circulate the terms of reference.,2029-11-01,Draft written.,\n"
    )


def test_actions_as_json(board: Board) -> None:
    code, output = run(board, "actions", "--as-at", "2030-01-10", "--format", "json")
    assert code == 0
    assert json.loads(output) == [
        {
            "id": "A1",
            "owner": "Olive Officer",
            "raised": "2029-10-10",
            "minute": "2.1",
            "due": "2030-01-10",
            "overdue": False,
            "description": "Bring the budget report to the next meeting.",
            "latest_update_date": "",
            "latest_update": "",
            "exempt_paragraph": "",
        }
    ]


def test_actions_unknown_owner(board: Board) -> None:
    """A mistake on the command line is blamed there, with the nearest name; a read-only command writes nothing
    and does not say so."""
    assert run(board, "actions", "--owner", "Nobody") == (
        2,
        "command line: --owner: 'Nobody' is not one of the board's people\n1 problem found.\n",
    )
    assert run(board, "actions", "--owner", "Olive Oficer") == (
        2,
        "command line: --owner: 'Olive Oficer' is not one of the board's people (did you mean \"Olive Officer\"?)\n"
        "1 problem found.\n",
    )


def test_tracker_rows(board: Board) -> None:
    code, output = run(board, "tracker", "tf", "--as-at", "2030-01-10")
    assert code == 0
    assert (
        output
        == """\
tf: Task and finish recommendations
as at 10 January 2030 (update as at 01/12/29)
1 recommendations: 1 open (0 overdue), 0 complete. RAG: 1 amber.

  R1    Open (Amber)  due 31/03/2030
        Do the thing.
        lead: Olive Officer
        1 December 2029: Planning under way.
"""
    )


def test_tracker_summary(board: Board) -> None:
    code, output = run(board, "tracker", "tf", "--as-at", "2031-01-01", "--summary")
    assert code == 0
    assert (
        output
        == """\
tf: Task and finish recommendations
as at 1 January 2031 (update as at 01/12/29)
1 recommendations: 1 open (1 overdue), 0 complete. RAG: 1 amber.

  status   open   1   complete   0   dropped   0
  overdue    1
  RAG      red   0   amber   1   green   0   unrated   0
"""
    )


def test_unknown_tracker(board: Board) -> None:
    assert run(board, "tracker", "nope") == (
        2,
        "command line: TRACKER_ID: there is no tracker 'nope' in actions.yaml (trackers: tf)\n1 problem found.\n",
    )


def commit(repo: git.Repo, message: str, when: str, who: str) -> None:
    when = f"{int(dt.datetime.fromisoformat(when).timestamp())} +0000"
    repo.index.add(["actions.yaml"])
    actor = git.Actor(who, f"{who.split()[0].lower()}@example.org")
    repo.index.commit(message, author=actor, committer=actor, author_date=when, commit_date=when)


def test_history_from_git(board: Board) -> None:
    repo = git.Repo.init(board.root)
    commit(repo, "Add the task and finish tracker", "2029-12-02T10:00:00+00:00", "Clara Clerk")
    board.replace("actions.yaml", "owner: Olive Officer", "owner: Paul O'Sullivan")
    commit(repo, "Reassign A1", "2030-01-02T10:00:00+00:00", "Clara Clerk")
    board.replace(
        "actions.yaml",
        "          - {date: 2029-12-01, text: Planning under way.}",
        "          - {date: 2029-12-01, text: Planning under way.}\n          - {date: 2030-02-01, text: Plan agreed.}",
    )
    commit(repo, "February update to R1", "2030-02-03T09:30:00+00:00", "Olive Officer")
    code, output = run(board, "history", "R1", "--as-at", "2030-05-04")
    assert code == 0
    lines = output.splitlines()
    assert lines[0] == "R1 in tracker tf: changed in 2 commits by 04 May 2030; last on 03 February 2030, 90 days before"
    assert lines[1].startswith("  2030-02-03  ") and lines[1].endswith(
        "  Olive Officer: February update to R1  [updates]"
    )
    assert lines[2].startswith("  2029-12-02  ") and lines[2].endswith(
        "  Clara Clerk: Add the task and finish tracker  [added]"
    )
    code, output = run(board, "history", "tf/R1", "--as-at", "2030-05-04")
    assert output.splitlines()[0].startswith("R1 in tracker tf: changed in 2 commits")
    board.replace("actions.yaml", "description: Bring the budget", "description: Bring the whole budget")
    code, output = run(board, "history", "A1", "--as-at", "2030-01-02")
    assert output.splitlines()[:2] == [
        "action A1: changed in 2 commits by 02 January 2030; last on 02 January 2030, 0 days before",
        "  (actions.yaml has uncommitted changes to it)",
    ]
    code, output = run(board, "history", "R1", "--as-at", "2030-01-15")  # the February commit is not yet history
    assert output.splitlines() == [
        "R1 in tracker tf: changed in 1 commit by 15 January 2030; last on 02 December 2029, 44 days before",
        "  (1 later commit left out)",
        lines[2],
    ]
    code, output = run(board, "history", "R1", "--as-at", "2012-06-15")
    assert output.splitlines() == ["R1 in tracker tf: never committed by 15 June 2012", "  (2 later commits left out)"]


def test_history_of_unknown_item(board: Board) -> None:
    git.Repo.init(board.root)
    assert run(board, "history", "R9") == (
        2,
        "command line: ITEM: there is no action or tracker row 'R9' in actions.yaml, now or in its history\n"
        "1 problem found.\n",
    )


def test_new_meeting_scaffolds_a_valid_agenda_and_never_overwrites(board: Board) -> None:
    board.write(
        "minutes/2030-01-10.yaml",
        (board.root / "minutes" / "2029-10-10.yaml").read_text().replace("date: 2029-10-10", "date: 2030-01-10"),
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        future_meetings: [2030-04-10, 2030-07-10]",
    )
    code, output = run(board, "new-meeting", "2030-04-10")
    path = board.root / "agendas" / "2030-04-10.yaml"
    assert (code, output) == (0, f"wrote {path}\n")
    text = path.read_text()
    assert '      - title: "Minutes and action from the meeting held on 10 January 2030"\n' in text
    assert "        minutes: 2030-01-10\n" in text
    assert "        #   A1 Olive Officer, due 2030-01-10 OVERDUE\n" in text
    assert '        tracker: "tf"\n' in text
    assert "        future_meetings: [2030-07-10]\n" in text
    papers = check_repository(board.root)
    agenda = papers.agendas[max(papers.agendas)].value
    assert [s.heading for s in agenda.sections] == [
        "Welcome, apologies, minutes of the last meeting and matters arising",
        "Monitoring performance",
        "Information / AOB",
    ]
    path.write_text("edited by the clerk\n")
    assert run(board, "new-meeting", "2030-04-10") == (
        2,
        "agendas/2030-04-10.yaml: already exists; boardpack never overwrites an agenda\n"
        "1 problem found; nothing was written.\n",
    )
    assert path.read_text() == "edited by the clerk\n"


def test_every_command_has_help_with_an_example() -> None:
    for name, command in main.commands.items():
        assert "Example: boardpack " + name in (command.help or ""), name


def test_readme_documents_every_command_with_its_example() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        example = next(
            line.split("Example: ", 1)[1].strip() for line in (command.help or "").splitlines() if "Example: " in line
        )
        assert f"`{example}`" in readme, f"README lacks the example of `boardpack {name}`: {example}"


def test_actions_csv_with_nothing_to_show_still_has_its_header(board: Board) -> None:
    code, output = run(board, "actions", "--as-at", "2030-01-10", "--overdue", "--format", "csv")
    assert (code, output) == (
        0,
        "id,owner,raised,minute,due,overdue,description,latest_update_date,latest_update,exempt_paragraph\n",
    )


def test_history_survives_a_broken_version_in_git(board: Board) -> None:
    repo = git.Repo.init(board.root)
    good = (board.root / "actions.yaml").read_text()
    board.write("actions.yaml", "actions: 5\n")
    commit(repo, "A broken edit", "2029-12-02T10:00:00+00:00", "Clara Clerk")
    board.write("actions.yaml", good)
    commit(repo, "Mended", "2029-12-03T10:00:00+00:00", "Clara Clerk")
    code, output = run(board, "history", "A1", "--as-at", "2029-12-03")
    assert (
        code == 0
        and output.splitlines()[0]
        == "action A1: changed in 1 commit by 03 December 2029; last on 03 December 2029, 0 days before"
    )


HEAVY = {"typst", "pikepdf", "jinja2", "docx", "docxtpl", "git", "pydantic"}
IMPORTS = """
import sys
import boardpack.cli
sys.argv = ["boardpack", *sys.argv[1:]]
try:
    boardpack.cli.main()
finally:
    print(" ".join(sorted({m.split(".")[0] for m in sys.modules} & HEAVY)), file=sys.stderr)
""".replace("HEAVY", repr(HEAVY))


def heavy_imports(*arguments: str) -> set[str]:
    """The heavy libraries a command imported, run in a process of its own."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IMPORTS, *arguments], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


@pytest.mark.parametrize(
    "arguments, needed",
    [
        (["check"], {"pydantic"}),  # the model; no PDF appendix to open, nothing to render
        (["actions", "--as-at", "2030-01-10"], {"pydantic"}),
        (["tracker", "tf", "--as-at", "2030-01-10"], {"pydantic"}),
        (["schemas", "--out", "{root}/schemas"], {"pydantic"}),
        # pikepdf only where foreign pages are laid in (tests/test_startup.py), which this board has none of
        (["build", "--out", "{root}/out"], {"pydantic", "typst"}),
    ],
)
def test_a_command_imports_only_the_libraries_it_uses(board: Board, arguments: list[str], needed: set[str]) -> None:
    used = heavy_imports(*[a.format(root=board.root) for a in arguments], "--root", str(board.root))
    assert used == needed


def test_history_imports_git_but_not_the_model(board: Board) -> None:
    repo = git.Repo.init(board.root)
    commit(repo, "Add the log", "2029-12-02T10:00:00+00:00", "Clara Clerk")
    assert heavy_imports("history", "A1", "--as-at", "2030-01-02", "--root", str(board.root)) == {"git"}


def test_history_without_as_at_is_measured_from_the_latest_commit(board: Board) -> None:
    """Local Government Act 1972 s.100C keeps minutes open for six years, so a board's history is read years later:
    without --as-at, "N days before" is measured from the repository's latest commit, never from today, so a log
    kept in 2012 does not read "5277 days before"."""
    repo = git.Repo.init(board.root)
    commit(repo, "Add the action log", "2012-06-01T10:00:00+00:00", "Clara Clerk")
    board.replace("actions.yaml", "owner: Olive Officer", "owner: Paul O'Sullivan")
    commit(repo, "Reassign A1", "2012-06-11T10:00:00+00:00", "Clara Clerk")
    board.write("notes.txt", "later")
    repo.index.add(["notes.txt"])
    when = f"{int(dt.datetime(2012, 6, 20, 9).timestamp())} +0000"
    repo.index.commit("A later commit elsewhere", author_date=when, commit_date=when)
    code, output = run(board, "history", "A1")
    assert code == 0
    assert output.splitlines()[0] == (
        "action A1: changed in 2 commits; last on 11 June 2012, 9 days before the latest commit (20 June 2012)"
    )
    assert run(board, "history", "R1")[1].splitlines()[0] == (
        "R1 in tracker tf: changed in 1 commit; last on 01 June 2012, 19 days before the latest commit (20 June 2012)"
    )
