"""The forward plan: 28 clear days' notice of key decisions, new-meeting taking what is due, and the plan on the
web edition (read in Chromium) and the key decision on the printed agenda (read back from the PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.cli import main

from .conftest import Board

PLAN = """\
items:
  - title: Budget report
    meeting: 2030-01-10
    lead: Olive Officer
    purpose: To agree the **budget**.
    key_decision: true
    decision: To set the budget for 2030/31.
    added: {added}
  - title: Youth offer
    meeting: 2030-04-10
    lead: Olive Officer
    added: 2029-12-01
"""


def run(board: Board, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, [*args, "--root", str(board.root)])
    return result.exit_code, result.output.splitlines()


def test_key_decisions_need_28_clear_days_in_the_plan(board: Board) -> None:
    """SI 2012/2089 reg 9: a key decision is not made unless notice of it was published at least 28 clear days
    before; without the general exception (reg 10) or special urgency (reg 11) recorded, check refuses it."""
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n        key_decision: true\n",
    )
    # Not in the plan at all.
    assert run(board, "check") == (
        2,
        [
            "agendas/2030-01-10.yaml:21: item 2.1, key_decision: 'Budget report' is a key decision but is "
            "not in the forward plan (forward_plan.yaml) for 2030-01-10: a key decision is published there 28 clear "
            "days before (SI 2012/2089 reg 9), or under the general exception (reg 10) or special urgency (reg 11)",
            "1 problem found.",
        ],
    )
    # In the plan from 12 December 2029: 28 clear days (13 December to 9 January) - enough.
    board.write("forward_plan.yaml", PLAN.format(added="2029-12-12"))
    assert run(board, "check") == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])
    # From 13 December: 27 clear days - one short, and the plan says so, pointing at regs 10 and 11.
    board.write("forward_plan.yaml", PLAN.format(added="2029-12-13"))
    assert run(board, "check") == (
        2,
        [
            "forward_plan.yaml:8: item 1, added: 'Budget report' is a key decision first in the forward plan on "
            "2029-12-13, 27 clear days before the meeting on 2030-01-10: it needs 28 (SI 2012/2089 reg 9); where "
            "that is impracticable, record `general_exception` (reg 10: the chair of overview and scrutiny "
            "informed, 5 clear days' notice) or `special_urgency` (reg 11)",
            "1 problem found.",
        ],
    )


def test_what_the_plan_itself_must_say(board: Board) -> None:
    board.write(
        "forward_plan.yaml",
        PLAN.format(added="2029-11-01")
        .replace("    decision: To set the budget for 2030/31.\n", "")
        .replace("lead: Olive Officer\n    added: 2029-12-01", "lead: Olive Oficer\n    added: 2030-05-01"),
    )
    code, lines = run(board, "check")
    assert code == 2
    assert lines[:3] == [
        "forward_plan.yaml:6: item 1, key_decision: a key decision says what is to be decided (`decision:`)",
        "forward_plan.yaml:10: item 2, lead: 'Olive Oficer' is not one of the board's people (did you mean \"Olive Officer\"?)",
        "forward_plan.yaml:11: item 2, added: 2030-05-01 is after the meeting it is planned for (2030-04-10)",
    ], lines
    # A planned item left off its meeting's agenda.
    board.write(
        "forward_plan.yaml", PLAN.format(added="2029-11-01").replace("title: Budget report", "title: Fees review")
    )
    code, lines = run(board, "check")
    assert (code, lines[0]) == (
        0,
        "warning: forward_plan.yaml:2: the forward plan schedules 'Fees review' for 2030-01-10, "
        "and it is not on that agenda",
    )


def test_new_meeting_takes_the_planned_business(board: Board) -> None:
    board.write("forward_plan.yaml", PLAN.format(added="2029-11-01"))
    code, lines = run(board, "new-meeting", "2030-04-10")
    assert code == 0, lines
    text = (board.root / "agendas" / "2030-04-10.yaml").read_text()
    assert (
        '      - title: "Youth offer"\n'
        '        authors: ["Olive Officer"]\n'
        "        # paper: cover_sheets/2030-04-10-NAME.md   # from the forward plan: Olive Officer reports\n"
    ) in text
    assert run(board, "check")[0] == 0


@pytest.mark.browser
def test_the_plan_on_the_web_and_the_key_decision_on_the_agenda(board: Board, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    board.write("forward_plan.yaml", PLAN.format(added="2029-11-01"))
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n        key_decision: true\n",
    )
    assert run(board, "build", "--out", str(tmp_path / "out"))[0] == 0
    front = " ".join(PdfReader(tmp_path / "out" / "2030-01-10-public-pack.pdf").pages[0].extract_text().split())
    assert "2.1. Budget report Key decision Purpose of the item:" in front
    assert run(board, "site", "--out", str(tmp_path / "site"))[0] == 0
    browser.get((tmp_path / "site" / "index.html").as_uri())
    browser.find_element("link text", "Forward plan").click()
    assert browser.find_element("css selector", "h1").text == "Forward plan"
    # The minutes of 10 January are not written, so both meetings' business is still planned; both are to come.
    assert [h.text for h in browser.find_elements("css selector", "main h2")] == ["Coming meetings"]
    assert [h.text for h in browser.find_elements("css selector", "main h3")] == [
        "Thursday 10 January 2030",
        "Wednesday 10 April 2030",
    ]
    rows = [
        [cell.text for cell in row.find_elements("css selector", "th, td")]
        for row in browser.find_elements("css selector", "tbody tr")
    ]
    assert rows == [
        [
            "Budget report\nTo agree the budget.",
            "Olive Officer",
            "Key decision: To set the budget for 2030/31.",
            "Thursday 1 November 2029",
        ],
        ["Youth offer", "Olive Officer", "No key decision", "Saturday 1 December 2029"],
    ]
    browser.get((tmp_path / "site" / "2030-01-10" / "index.html").as_uri())
    assert browser.find_element("css selector", "p.key-decision").text == "Key decision"
