"""The five-clear-day rule as the one test of lateness (Local Government Act 1972, s.100B(3)-(4)), on the small
board's meeting of Thursday 10 January 2030. Its five clear working days are 9, 8, 7, 4 and 3 January (New Year's
Day is a bank holiday), so papers published on or before Wednesday 2 January are in time."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.cli import main

from .conftest import COVER_SHEET, Board
from .test_meeting_record import commit_all

YOUTH = COVER_SHEET.replace("Budget report", "Youth offer").replace("The budget is balanced.", "Twelve venues.")


def run(board: Board, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(board.root)])
    return result.exit_code, " ".join(result.output.split())


def add_youth_item(board: Board, extra: str = "") -> None:
    board.write("cover_sheets/youth.md", YOUTH)
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n      - title: Youth offer\n        authors: [Olive Officer]\n"
        f"        paper: cover_sheets/youth.md\n{extra}",
    )


@pytest.mark.slow
def test_an_item_open_for_five_clear_days_is_not_late_whatever_was_published_before(board: Board) -> None:
    """s.100B(4)(a): an item may be considered if it is open to inspection for five clear days before the meeting.
    Added after the pack was first published but with more than five clear days left, it needs no reason for
    urgency; a change with fewer left goes into no supplement unless the chair's special circumstances are
    recorded (s.100B(4)(b))."""
    repo = git.Repo.init(board.root)
    commit_all(repo, "The papers", "2029-12-14")
    assert run(board, "publish", "2030-01-10", "--on", "2029-12-14")[0] == 0
    add_youth_item(board)
    commit_all(repo, "An item added with eight clear working days left", "2029-12-20")
    assert run(board, "check", "--as-at", "2029-12-20") == (0, "ok: 1 agendas, 2 cover sheets, 1 minutes checked")
    code, output = run(board, "publish", "2030-01-10", "--on", "2029-12-20")
    assert code == 0 and "published supplement 1 of 2030-01-10 on 2029-12-20" in output, output

    board.replace("cover_sheets/youth.md", "Twelve venues.", "Fourteen venues.")
    commit_all(repo, "Revised inside the five clear days", "2030-01-04")
    code, output = run(board, "publish", "2030-01-10", "--on", "2030-01-04")
    assert (
        code == 2
        and (
            "nothing to publish: no item has been added, or changed in time or as a matter of urgency, since the last "
            "publication; changed, too late to be open for five clear days and without the chair's special "
            "circumstances of urgency (`urgent:`, Local Government Act 1972, s.100B(4)): cover_sheets/youth.md"
        )
        in output
    ), output
    board.replace(
        "agendas/2030-01-10.yaml",
        "      - title: Youth offer\n",
        "      - title: Youth offer\n        urgent: The venues must be booked before the meeting.\n"
        "        late: Two venues were confirmed on 3 January.\n",
    )
    commit_all(repo, "The chair's special circumstances", "2030-01-04")
    code, output = run(board, "publish", "2030-01-10", "--on", "2030-01-04")
    assert code == 0 and "published supplement 2 of 2030-01-10 on 2030-01-04" in output, output
    front = " ".join(
        PdfReader(board.root / "build" / "2030-01-10-public-pack-supplement-2.pdf").pages[0].extract_text().split()
    )
    assert "Reason for urgency: The venues must be booked before the meeting." in front
    assert "Reason for lateness: Two venues were confirmed on 3 January." in front


def test_an_item_added_inside_the_five_clear_days_needs_the_chairs_special_circumstances(board: Board) -> None:
    """s.100B(4): once an item can no longer be open for five clear days, only the chair's opinion that it is
    urgent, by reason of special circumstances, lets it be considered; `check` refuses it without them, naming the
    item by its printed number."""
    repo = git.Repo.init(board.root)
    commit_all(repo, "The papers", "2029-12-14")
    add_youth_item(board)
    commit_all(repo, "An item added on 3 January", "2030-01-03")
    code, output = run(board, "check", "--as-at", "2030-01-03")
    assert (
        code == 2
        and (
            "agendas/2030-01-10.yaml:21: item 2.2, title: 'Youth offer' was added after Wednesday 2 January 2030, too "
            "late to be open to inspection for five clear days before the meeting (Local Government Act 1972, "
            "s.100B(4)(a)): give the chair's special circumstances of urgency in `urgent:` (s.100B(4)(b))"
        )
        in output
    ), output
    assert run(board, "check", "--as-at", "2030-01-02")[0] == 0  # on the last day it would still be in time


@pytest.mark.slow
def test_a_pack_published_with_fewer_than_five_clear_days_is_refused_unless_convened_at_shorter_notice(
    board: Board,
) -> None:
    """s.100B(3): the agenda and reports are open to inspection at least five clear days before the meeting, or,
    where the meeting is convened at shorter notice, from when it is convened; otherwise each item needs the chair's
    special circumstances of urgency (s.100B(4)(b))."""
    repo = git.Repo.init(board.root)
    commit_all(repo, "The papers", "2029-12-14")
    code, output = run(board, "publish", "2030-01-10", "--on", "2030-01-07")
    assert (
        code == 2
        and (
            "--on: published on Monday 7 January 2030, the papers would be open to inspection for 2 clear working days "
            "before the meeting, not five (Local Government Act 1972, s.100B(3); the last day was Wednesday 2 January "
            "2030): record in agendas/2030-01-10.yaml that the meeting was convened at shorter notice "
            "(`short_notice:`), or give the chair's special circumstances of urgency (`urgent:`, s.100B(4)(b)) for "
            "items 1.1, 1.2, 2.1"
        )
        in output
    ), output
    assert not (board.root / "publications").exists() and not (board.root / "build").exists()
    board.replace(
        "agendas/2030-01-10.yaml",
        "venue: Room 1\n",
        "venue: Room 1\nshort_notice: {convened: 2030-01-07, reason: The inspection report arrived on 4 January.}\n",
    )
    commit_all(repo, "Convened at shorter notice", "2030-01-07")
    code, output = run(board, "publish", "2030-01-10", "--on", "2030-01-07")
    assert code == 0, output


def test_a_pack_published_late_is_lawful_when_every_item_carries_the_chairs_urgency(board: Board) -> None:
    """s.100B(4)(b): an item not open to inspection for five clear days may still be considered if the chair is of
    the opinion that, by reason of special circumstances, it should be considered as a matter of urgency. A pack
    published with fewer than five clear days left, each of whose items carries them, is published; one item
    without them is named in the refusal (s.100B(3))."""
    urgent = "        urgent: The inspection report arrived on 4 January.\n"
    for title in ("Welcome", "Minutes of the last meeting"):
        board.replace("agendas/2030-01-10.yaml", f"      - title: {title}\n", f"      - title: {title}\n{urgent}")
    repo = git.Repo.init(board.root)
    commit_all(repo, "The papers, two items urgent", "2030-01-07")
    code, output = run(board, "publish", "2030-01-10", "--on", "2030-01-07")
    assert (
        code == 2
        and (
            "agendas/2030-01-10.yaml:17: item 2.1, title: 'Budget report' was added after Wednesday 2 January 2030, too "
            "late to be open to inspection for five clear days before the meeting (Local Government Act 1972, "
            "s.100B(4)(a)): give the chair's special circumstances of urgency in `urgent:` (s.100B(4)(b))"
        )
        in output
    ), output
    assert not (board.root / "publications").exists()
    board.replace(
        "agendas/2030-01-10.yaml", "      - title: Budget report\n", f"      - title: Budget report\n{urgent}"
    )
    commit_all(repo, "Every item urgent", "2030-01-07")
    code, output = run(board, "publish", "2030-01-10", "--on", "2030-01-07")
    assert code == 0 and "published the pack of 2030-01-10 on 2030-01-07" in output, output


def test_the_minutes_must_specify_the_special_circumstances_of_an_urgent_item(board: Board) -> None:
    """s.100B(4)(b): an item considered as a matter of urgency is considered "by reason of special circumstances,
    which shall be specified in the minutes". Minutes of the meeting that leave them out are refused."""
    add_youth_item(board, "        urgent: The venues must be booked before the meeting.\n")
    minutes = (
        "date: 2030-01-10\npresent: [{name: Ann Chair, note: Chair}, Paul O'Sullivan]\nitems:\n"
        '  - number: "1.1"\n    title: Welcome\n'
        '  - number: "2.2"\n    title: Youth offer\n    body: The Board agreed the youth offer.\n'
    )
    board.write("minutes/2030-01-10.yaml", minutes)
    code, output = run(board, "check")
    assert (
        code == 2
        and (
            "minutes/2030-01-10.yaml:6: minute 2.2, number: item 2.2 'Youth offer' was taken as a matter of "
            "urgency (agendas/2030-01-10.yaml:24): the minutes must specify the special circumstances for which the "
            "chair took it (Local Government Act 1972, s.100B(4)(b)): give them in `urgency:`"
        )
        in output
    ), output
    board.write("minutes/2030-01-10.yaml", minutes.replace("Youth offer\n", "Youth offer\n    urgency: Bookings.\n"))
    assert run(board, "check")[0] == 0
    board.write(
        "minutes/2030-01-10.yaml",
        minutes.replace('  - number: "2.2"', '  - number: "3.1"').replace("Youth offer\n", "Other business\n"),
    )
    code, output = run(board, "check")
    assert code == 2 and "item 2.2 'Youth offer' was taken as a matter of urgency" in output
    assert "and no minute records it" in output


@pytest.mark.slow
def test_the_special_circumstances_are_printed_in_the_minutes(board: Board, tmp_path: Path) -> None:
    """s.100B(4)(b): the printed minutes (in the next meeting's pack) specify the special circumstances."""
    add_youth_item(board, "        urgent: The venues must be booked before the meeting.\n")
    board.write(
        "minutes/2030-01-10.yaml",
        "date: 2030-01-10\npresent: [{name: Ann Chair, note: Chair}, Paul O'Sullivan]\nitems:\n"
        '  - number: "2.2"\n    title: Youth offer\n    urgency: Two of the venues must be booked by 17 January.\n'
        "    body: The Board agreed the youth offer.\n",
    )
    board.write(
        "agendas/2030-04-10.yaml",
        'date: 2030-04-10\nstart: "9.30"\nvenue: Room 1\nsections:\n  - heading: Minutes\n    items:\n'
        "      - title: Minutes of the last meeting\n        authors: [Chair]\n        minutes: 2030-01-10\n",
    )
    code, output = run(board, "build", "--meeting", "2030-04-10", "--out", str(tmp_path / "out"))
    assert code == 0, output
    pages = PdfReader(tmp_path / "out" / "2030-04-10-public-pack.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Urgent business – the special circumstances: Two of the venues must be booked by 17 January." in text
