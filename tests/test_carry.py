"""Actions and tracker rows carried forward across three consecutive meetings, read back from the packs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack.build import build_pack

from .conftest import Board

# Three meetings: the action A1 is raised at the first (minutes of 2030-01-10), reported open
# with an update at the second, and closed before the third.
MEETINGS = ["2030-01-10", "2030-04-10", "2030-07-10"]

AGENDA = """\
date: {date}
start: "9.30"
venue: Room 1
sections:
  - heading: Welcome and minutes
    items:
      - title: Minutes of the last meeting
        authors: [Chair]
        minutes: {previous}
  - heading: Reports
    items:
      - title: Task and finish recommendations
        authors: [Olive Officer]
        tracker: tf
"""

MINUTES = """\
date: {date}
present: [Ann Chair, Paul O'Sullivan]
items:
  - number: "1.1"
    title: Minutes
    body: The minutes were agreed.
  - number: "2.1"
    title: Budget
    body: "**Agreed** – to receive a report."
"""

ACTIONS = """\
actions:
  - id: A1
    raised: 2030-01-10
    minute: "2.1"
    owner: Olive Officer
    description: Bring the budget report to the next meeting.
    due: 2030-04-10
    status: {status}
    updates:
{updates}
trackers:
  - id: tf
    title: Task and finish recommendations
    rows:
      - id: R1
        recommendation: Do the thing.
        action_required: Plan the thing.
        leads: [Olive Officer]
        due: 2030-12-31
        status: open
        updates:
{row_updates}
"""

A1_UPDATES = [
    "      - {date: 2030-03-01, text: Draft budget report circulated to finance.}",
    "      - {date: 2030-05-01, text: Budget report received by the Board; action closed.}",
]
R1_UPDATES = [
    "          - {date: 2029-12-01, text: Planning under way., rag: amber}",
    "          - {date: 2030-03-15, text: Plan agreed with partners., rag: green}",
    "          - {date: 2030-06-20, text: First phase delivered., rag: green}",
]


def write_board(board: Board, a1_updates: int, closed: bool, r1_updates: int) -> None:
    for index, date in enumerate(MEETINGS):
        previous = "2029-10-10" if index == 0 else MEETINGS[index - 1]
        board.write(f"agendas/{date}.yaml", AGENDA.format(date=date, previous=previous))
        if index < 2:
            board.write(f"minutes/{date}.yaml", MINUTES.format(date=date))
    (board.root / "cover_sheets" / "budget.md").unlink(missing_ok=True)
    board.write(
        "actions.yaml",
        ACTIONS.format(
            status="done" if closed else "open",
            updates="\n".join(A1_UPDATES[:a1_updates]) or "      []",
            row_updates="\n".join(R1_UPDATES[:r1_updates]),
        ),
    )


def pack_text(board: Board, date: str, out: Path) -> str:
    pdf = build_pack(board.root, dt.date.fromisoformat(date), out=out)[0]  # the public pack
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def action_log(text: str) -> str:
    match = re.search(r"Action log as at .*?(?=Page \d+)", text)
    assert match, "every pack has an action log"
    return match.group(0)


@pytest.fixture
def history(board: Board, tmp_path: Path) -> dict[str, str]:
    """The three packs, built from the final state of the sources (all updates written)."""
    write_board(board, a1_updates=2, closed=True, r1_updates=3)
    return {date: pack_text(board, date, tmp_path / date) for date in MEETINGS}


def test_action_raised_at_the_first_meeting_is_open_at_the_second(history: dict[str, str]) -> None:
    assert "A1" not in action_log(history["2030-01-10"])
    log = action_log(history["2030-04-10"])
    assert (
        "Action log as at 10 April 2030 1 open (0 overdue); 0 closed since the last meeting of 10 January 2030" in log
    )
    assert (
        "A1 10 January 2030, minute 2.1 Bring the budget report to the next meeting. Olive Officer 10 April 2030" in log
    )
    assert "1 March 2030: Draft budget report circulated to finance. Open" in log
    assert "action closed" not in log, "an update dated after the meeting is left out"


def test_action_closed_before_the_third_is_shown_once_as_closed(history: dict[str, str]) -> None:
    log = action_log(history["2030-07-10"])
    assert "0 open (0 overdue); 1 closed since the last meeting of 10 April 2030" in log
    assert "1 May 2030: Budget report received by the Board; action closed. Complete since the last meeting" in log


def test_closed_action_is_dropped_after_it_has_been_shown(board: Board, tmp_path: Path) -> None:
    write_board(board, a1_updates=2, closed=True, r1_updates=3)
    board.write("agendas/2030-10-10.yaml", AGENDA.format(date="2030-10-10", previous="2030-04-10"))
    log = action_log(pack_text(board, "2030-10-10", tmp_path))
    assert "A1" not in log and "No actions are open." in log


def test_overdue_action_is_marked(board: Board, tmp_path: Path) -> None:
    write_board(board, a1_updates=1, closed=False, r1_updates=2)
    log = action_log(pack_text(board, "2030-07-10", tmp_path))
    assert "1 open (1 overdue)" in log
    assert "1 March 2030: Draft budget report circulated to finance. Overdue" in log


def test_tracker_update_as_at_moves_with_the_meeting(history: dict[str, str]) -> None:
    assert "Update as at 01/12/29" in history["2030-01-10"]
    assert "Planning under way. 31/12/2030 Open (Amber)" in history["2030-01-10"]
    assert "Update as at 15/03/30" in history["2030-04-10"]
    assert "Plan agreed with partners. 31/12/2030 Open (Green)" in history["2030-04-10"]
    assert "Update as at 20/06/30" in history["2030-07-10"]
    assert "First phase delivered." in history["2030-07-10"]
    assert "First phase delivered." not in history["2030-04-10"]


def test_past_pack_unchanged_when_later_updates_are_added(board: Board, tmp_path: Path) -> None:
    write_board(board, a1_updates=1, closed=False, r1_updates=2)
    [before] = build_pack(board.root, dt.date(2030, 4, 10), out=tmp_path / "before")
    write_board(board, a1_updates=2, closed=True, r1_updates=3)
    [after] = build_pack(board.root, dt.date(2030, 4, 10), out=tmp_path / "after")
    assert before.read_bytes() == after.read_bytes()


def test_example_pack_carries_the_action_log_and_tracker(example_pack: Path) -> None:
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(example_pack).pages)
    log = action_log(text)
    assert "2 open (0 overdue); 1 closed since the last meeting of 9 March 2012" in log
    assert all(ref in log for ref in ("A1", "A2", "A3"))
    # every open row of R1-R15 was due before 15 June 2012 (R15 by 31/12/2011, R10 by 30/04/2012 …)
    assert "15 recommendations: 9 open (9 overdue), 6 complete. RAG: 9 amber, 6 green." in text


def test_public_pack_keeps_the_action_log_when_the_minutes_item_is_exempt(board: Board, tmp_path: Path) -> None:
    write_board(board, a1_updates=1, closed=False, r1_updates=1)
    board.replace(
        "agendas/2030-04-10.yaml",
        "        minutes: 2030-01-10",
        "        minutes: 2030-01-10\n        exempt: {paragraph: 1}",
    )
    log = action_log(pack_text(board, "2030-04-10", tmp_path))
    assert "A1 10 January 2030, minute 2.1" in log


def test_an_action_closed_at_a_meeting_is_reported_by_the_next_pack_not_its_own(board: Board, tmp_path: Path) -> None:
    """Updates dated on the meeting day are what the meeting heard: the pack published before it never
    shows them, and the next pack reports the action closed since the last meeting."""
    write_board(board, a1_updates=1, closed=False, r1_updates=2)
    [published] = build_pack(board.root, dt.date(2030, 4, 10), out=tmp_path / "published")
    board.replace("actions.yaml", "    status: open\n    updates:\n", "    status: done\n    updates:\n")
    board.replace(
        "actions.yaml",
        "      - {date: 2030-03-01, text: Draft budget report circulated to finance.}\n",
        "      - {date: 2030-03-01, text: Draft budget report circulated to finance.}\n"
        "      - {date: 2030-04-10, text: Report received at the meeting; action closed.}\n",
    )
    board.replace(
        "actions.yaml",
        "          - {date: 2030-03-15, text: Plan agreed with partners., rag: green}\n",
        "          - {date: 2030-03-15, text: Plan agreed with partners., rag: green}\n"
        "          - {date: 2030-04-10, text: Agreed at the meeting., rag: green}\n",
    )
    [rebuilt] = build_pack(board.root, dt.date(2030, 4, 10), out=tmp_path / "rebuilt")
    assert rebuilt.read_bytes() == published.read_bytes(), "rebuilding a published pack reproduces it"
    log = action_log(pack_text(board, "2030-07-10", tmp_path / "next"))
    assert "0 open (0 overdue); 1 closed since the last meeting of 10 April 2030" in log
    assert "10 April 2030: Report received at the meeting; action closed. Complete since the last meeting" in log
    board.write("minutes/2030-07-10.yaml", MINUTES.format(date="2030-07-10"))
    board.write("agendas/2030-10-10.yaml", AGENDA.format(date="2030-10-10", previous="2030-07-10"))
    assert "A1" not in action_log(pack_text(board, "2030-10-10", tmp_path / "after"))
