"""Call-in of executive decisions (Local Government Act 2000 s.9F and the council's constitution; LAW.md, Executive
decisions): a decision is not implemented until the call-in period after its publication has passed, unless urgent;
its record says when it was published, when the period ends and from when it may be implemented, or that it was
called in, by whom, where to and with what outcome — in the minutes and the decision list, in every edition."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from lxml import html
from pypdf import PdfReader

from boardpack.build import build_pack, build_site

from .conftest import Board, problems_of

DECIDED = """\
    decisions:
      - resolved: To accept the budget.
        reasons: It is balanced.
        alternatives: None.
        call_in:
{call_in}
"""


def decided(board: Board, call_in: str, executive: bool = True) -> Board:
    """The small board's minute 2.1 (10 October 2029, a Wednesday) with a decision and its call-in."""
    if executive:
        board.replace("board.yaml", "chair: Ann Chair\n", "chair: Ann Chair\nexecutive: true\n")
    lines = "\n".join(f"          {line}" for line in call_in.strip().splitlines())
    (board.root / "minutes" / "2029-10-10.yaml").write_text(
        (board.root / "minutes" / "2029-10-10.yaml").read_text(encoding="utf-8") + DECIDED.format(call_in=lines),
        encoding="utf-8",
    )
    return board


def test_a_decision_is_not_implemented_inside_its_call_in_period(board: Board) -> None:
    """Published on Monday 15 October 2029, five working days' call-in end on Monday 22 October: it may be implemented
    from Tuesday 23 October, not on Friday 19th."""
    decided(board, "published: 2029-10-15\nimplement_from: 2029-10-19")
    assert problems_of(board) == [
        "minutes/2029-10-10.yaml:19: minute 2.1, decision 1, call_in.implement_from: 2029-10-19 is inside the call-in "
        "period, which ends on Monday 22 October 2029 (5 working days after its publication on Monday 15 October "
        "2029; Local Government Act 2000 s.9F): implement it from Tuesday 23 October 2029, or record why it is "
        "urgent in `urgent`"
    ]
    board.replace("minutes/2029-10-10.yaml", "implement_from: 2029-10-19", "implement_from: 2029-10-23")
    assert problems_of(board) == []


def test_every_other_mistake_in_a_call_in_is_reported_at_once(board: Board) -> None:
    decided(
        board,
        """\
published: 2029-10-09
urgent: The grant must be claimed by 12 October; agreed by the scrutiny chair.
called_in: {by: [Paul O'Sullivan, Nobody Known], on: 2029-11-30, referred_to: Scrutiny Panel}
""",
        executive=False,
    )
    assert problems_of(board) == [
        "minutes/2029-10-10.yaml:17: minute 2.1, decision 1, call_in: call-in is for executive decisions (Local "
        "Government Act 2000 s.9F): the board takes none (board.yaml: `executive`), and this decision names no "
        "`decision_maker`",
        "minutes/2029-10-10.yaml:18: minute 2.1, decision 1, call_in.published: 2029-10-09 is before the decision "
        "was made, on 2029-10-10",
        "minutes/2029-10-10.yaml:19: minute 2.1, decision 1, call_in.urgent: a decision taken as urgent is not "
        "subject to call-in, yet it was called in",
        "minutes/2029-10-10.yaml:20: minute 2.1, decision 1, call_in.called_in.by 2: 'Nobody Known' is not one of "
        "the board's people (add them to people in board.yaml)",
        "minutes/2029-10-10.yaml:20: minute 2.1, decision 1, call_in.called_in.on: 2029-11-30 is outside the "
        "call-in period, from its publication on Tuesday 9 October 2029 to Tuesday 16 October 2029",
    ]


def _decision_text(tmp_path: Path) -> tuple[str, str, str]:
    """The decision list of 10 October 2029 as the PDF, the Word document and the web page print it."""
    pdf = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "out" / "2029-10-10-decisions.pdf").pages
    )
    [word] = [p for p in (tmp_path / "out").rglob("*.docx") if "decisions" in p.name]
    docx = " ".join(p.text for p in Document(str(word)).paragraphs)
    page = tmp_path / "site" / "2030-01-10" / "decisions-2029-10-10.html"
    web = " ".join(html.parse(str(page)).getroot().xpath("//main")[0].text_content().split())
    return pdf, docx, web


def test_the_record_says_when_it_may_be_implemented_and_that_it_was_called_in(board: Board, tmp_path: Path) -> None:
    decided(
        board,
        """\
published: 2029-10-15
called_in:
  by: [Paul O'Sullivan]
  on: 2029-10-18
  referred_to: Children's Scrutiny Panel
  outcome: No further action; the decision takes effect.
""",
    )
    build_pack(board.root, dt.date(2030, 1, 10), tmp_path / "out", docx=True)
    build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False)
    for text in _decision_text(tmp_path):
        for line in (
            "Published: Monday 15 October 2029",
            "Call-in period ends: Monday 22 October 2029",
            "Called in: on Thursday 18 October 2029 by Paul O'Sullivan; referred to Children's Scrutiny Panel",
            "Outcome of the call-in: No further action; the decision takes effect.",
        ):
            assert line in text, (line, text)
        assert "May be implemented from" not in text


def test_an_urgent_decision_says_it_is_not_subject_to_call_in(board: Board, tmp_path: Path) -> None:
    decided(
        board, "published: 2029-10-10\nurgent: The grant must be claimed by 12 October; agreed by the scrutiny chair."
    )
    build_pack(board.root, dt.date(2030, 1, 10), tmp_path / "out", docx=True)
    build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False)
    for text in _decision_text(tmp_path):
        assert (
            "Call-in: not subject to call-in, as urgent: The grant must be claimed by 12 October; agreed by the "
            "scrutiny chair." in text
        )
        assert "Call-in period ends" not in text
