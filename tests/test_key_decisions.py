"""Executive decisions under SI 2012/2089: a key decision's three routes (28 clear days' notice, the general
exception, special urgency) judged from their dates; the Notice of Key Decisions with regulation 9's particulars,
read back from its PDF and its web page; 28 clear days' notice of a private meeting (reg 5); and the record of a
key decision with its reasons and the alternatives rejected (regs 12-13)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.cli import main

from .conftest import Board

PLAN = """\
items:
  - title: Budget report
    meeting: 2030-01-10
    lead: Olive Officer
    key_decision: true
    decision: To set the budget for 2030/31.
{route}    added: {added}
"""

KEY_DECISION = (
    "        paper: cover_sheets/budget.md\n",
    "        paper: cover_sheets/budget.md\n        key_decision: true\n",
)


def run(board: Board, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, [*args, "--root", str(board.root)])
    return result.exit_code, result.output.splitlines()


def plan(board: Board, added: str, route: str = "") -> None:
    board.write("forward_plan.yaml", PLAN.format(added=added, route=route))


OK = (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])


def test_the_general_exception_needs_five_clear_days_and_the_scrutiny_chair_told(board: Board) -> None:
    """SI 2012/2089 reg 10: where 28 clear days' notice is impracticable, a key decision may be made only once the
    chair of the relevant overview and scrutiny committee has been informed in writing and 5 clear days have passed
    since that and the notice's publication."""
    board.replace("agendas/2030-01-10.yaml", *KEY_DECISION)
    exception = (
        "    general_exception:\n"
        "      scrutiny_chair: Cllr Jo Hart\n"
        "      informed: {informed}\n"
        "      reasons: The grant was announced on 20 December.\n"
    )
    # Published on 2 January 2030 and the chair told the same day: 3, 4, 7, 8 and 9 January are five clear
    # working days before Thursday 10 January (1 January, a bank holiday, is before them anyway).
    plan(board, "2030-01-02", exception.format(informed="2030-01-02"))
    assert run(board, "check") == OK
    # The chair told a day later: four clear working days are counted from then.
    plan(board, "2030-01-02", exception.format(informed="2030-01-03"))
    assert run(board, "check") == (
        2,
        [
            "forward_plan.yaml:7: item 1, general_exception: 'Budget report' is taken under the general exception, "
            "which needs the notice published and the chair of overview and scrutiny informed at least 5 clear days "
            "before the decision (SI 2012/2089 reg 10): from 2030-01-03 to 2030-01-10 there are 4 clear working "
            "days; where even that is impracticable, record `special_urgency` (reg 11)",
            "1 problem found.",
        ],
    )
    # Published on Friday 3 January: the weekend is not counted either.
    plan(board, "2030-01-03", exception.format(informed="2029-12-20"))
    assert run(board, "check")[0] == 2
    # No chair informed: refused by name.
    plan(board, "2030-01-02", "    general_exception:\n      informed: 2030-01-02\n      reasons: Late grant.\n")
    code, lines = run(board, "check")
    assert code == 2
    assert lines[0] == "forward_plan.yaml:7: item 1, general_exception.scrutiny_chair: required field is missing", lines


def test_special_urgency_needs_who_agreed_and_when(board: Board) -> None:
    """SI 2012/2089 reg 11: where even the general exception is impracticable, a key decision may be made only with
    the agreement of the chair of the relevant overview and scrutiny committee (or the chair, or vice-chair, of the
    council) that it is urgent and cannot reasonably be deferred; it is reported to the council (reg 19)."""
    board.replace("agendas/2030-01-10.yaml", *KEY_DECISION)
    urgency = (
        "    special_urgency:\n"
        "      agreed_by: Cllr Jo Hart\n"
        "      agreed: {agreed}\n"
        "      reasons: The building was condemned on 8 January.\n"
    )
    plan(board, "2030-01-09", urgency.format(agreed="2030-01-09"))
    assert run(board, "check") == OK
    plan(board, "2030-01-09", urgency.format(agreed="2030-01-11"))
    assert run(board, "check") == (
        2,
        [
            "forward_plan.yaml:9: item 1, special_urgency.agreed: 2030-01-11 is after the decision on 2030-01-10: "
            "special urgency is agreed before the decision is made (SI 2012/2089 reg 11)",
            "1 problem found.",
        ],
    )
    plan(board, "2030-01-09", "    special_urgency:\n      reasons: Condemned.\n")
    code, lines = run(board, "check")
    assert code == 2
    assert lines[:2] == [
        "forward_plan.yaml:7: item 1, special_urgency.agreed: required field is missing",
        "forward_plan.yaml:7: item 1, special_urgency.agreed_by: required field is missing",
    ], lines
    # A route on an item that is no key decision, and two routes at once, are refused.
    board.write(
        "forward_plan.yaml",
        PLAN.format(added="2029-11-01", route=urgency.format(agreed="2030-01-09")).replace(
            "    key_decision: true\n", ""
        ),
    )
    assert run(board, "check")[1][1] == (
        "forward_plan.yaml:6: item 1, special_urgency: only a key decision has a route (`key_decision: true`)"
    )
    both = urgency.format(agreed="2030-01-09") + (
        "    general_exception: {scrutiny_chair: Cllr Jo Hart, informed: 2030-01-02, reasons: Late.}\n"
    )
    plan(board, "2029-11-01", both)
    assert run(board, "check")[1][0].endswith(
        "a key decision has one route: `general_exception` or `special_urgency`, not both"
    )


PRIVATE_AGENDA = (
    "        paper: cover_sheets/budget.md\n",
    "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3, public_title: Budget - contract, public_interest: The prices are sensitive.}\n",
)


def test_an_executive_meeting_in_private_needs_28_clear_days_notice(board: Board) -> None:
    """SI 2012/2089 reg 5: an executive meeting (or part of it) is held in private only after notice of the
    intention, with its reasons, was published at least 28 clear days before; representations received are
    recorded with it."""
    board.replace("board.yaml", "chair: Ann Chair\n", "chair: Ann Chair\nexecutive: true\n")
    board.replace("agendas/2030-01-10.yaml", *PRIVATE_AGENDA)
    assert run(board, "check") == (
        2,
        [
            "agendas/2030-01-10.yaml:21: item 2.1, exempt: 'Budget report' is to be taken in private at the "
            "meeting of 2030-01-10, an executive meeting: notice of the intention, with its reasons, is published in "
            "the forward plan (forward_plan.yaml, the item's `private:`) at least 28 clear days before "
            "(SI 2012/2089 reg 5)",
            "1 problem found.",
        ],
    )
    private = (
        "items:\n"
        "  - title: Budget - contract\n"
        "    meeting: 2030-01-10\n"
        "    lead: Olive Officer\n"
        "    private:\n"
        "      paragraph: 3\n"
        "      reasons: The bidders' prices are commercially sensitive.\n"
        "      representations: One, from a local newspaper, answered on 5 January.\n"
        "    added: {added}\n"
    )
    board.write("forward_plan.yaml", private.format(added="2029-12-12"))
    assert run(board, "check") == OK
    board.write("forward_plan.yaml", private.format(added="2029-12-13"))
    assert run(board, "check") == (
        2,
        [
            "forward_plan.yaml:5: item 1, private: notice of the intention to take 'Budget - contract' in private "
            "was published on 2029-12-13, 27 clear days before the meeting on 2030-01-10: it needs 28 clear days "
            "(SI 2012/2089 reg 5(2))",
            "1 problem found.",
        ],
    )
    # A body that takes no executive decisions (the default) is not held to regulation 5.
    board.replace("board.yaml", "executive: true\n", "")
    board.write("forward_plan.yaml", "items: []\n")
    assert run(board, "check") == OK


def test_the_public_agenda_is_the_further_notice_of_a_private_meeting(board: Board, tmp_path: Path) -> None:
    """SI 2012/2089 reg 5(4)-(5): at least five clear days before a private meeting (the public agenda's day,
    s.100B(3)), a further notice of the intention to hold it in private gives the reasons, and any representations
    that it should be held in public with the response to them. Read back from the public pack and the web edition;
    a body that takes no executive decisions gives no such notice."""
    board.replace("board.yaml", "chair: Ann Chair\n", "chair: Ann Chair\nexecutive: true\n")
    board.replace("agendas/2030-01-10.yaml", *PRIVATE_AGENDA)
    board.write(
        "forward_plan.yaml",
        "items:\n  - title: Budget - contract\n    meeting: 2030-01-10\n    lead: Olive Officer\n    private:\n"
        "      paragraph: 3\n      reasons: The bidders' prices are commercially sensitive\n"
        "      representations: One, from a local newspaper; the Board answered that the prices stay private.\n"
        "    added: 2029-12-12\n",
    )
    notice = (
        "Further notice of the intention to consider this item in private (SI 2012/2089 reg 5(4)-(5)): The bidders' "
        "prices are commercially sensitive. Representations that it should be considered in public, and the "
        "response: One, from a local newspaper; the Board answered that the prices stay private."
    )
    assert run(board, "build", "--out", str(tmp_path / "out"))[0] == 0
    pack = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(tmp_path / "out" / "2030-01-10-public-pack.pdf").pages
    )
    assert notice in pack.replace("- ", "-"), pack
    assert run(board, "site", "--out", str(tmp_path / "site"))[0] == 0
    page = (tmp_path / "site" / "2030-01-10" / "index.html").read_text()
    assert notice in " ".join(re.sub(r"<[^>]+>", " ", page).replace("&#39;", "'").split())
    board.replace("board.yaml", "executive: true\n", "")
    assert run(board, "build", "--out", str(tmp_path / "plain"))[0] == 0
    plain = " ".join(page.extract_text() for page in PdfReader(tmp_path / "plain" / "2030-01-10-public-pack.pdf").pages)
    assert "Further notice" not in plain and "Exempt from publication under paragraph 3" in " ".join(plain.split())


KEY_MINUTES = """\
date: 2030-01-10
present:
  - {name: Ann Chair, note: Chair}
  - Paul O'Sullivan
apologies: [Olive Officer]
items:
  - number: "1.1"
    title: Welcome
  - number: "2.1"
    title: Budget report
    decisions:
      - resolved: The Board sets the budget for 2030/31.
"""


def test_a_key_decision_records_its_reasons_and_the_alternatives_rejected(board: Board) -> None:
    """SI 2012/2089 reg 13 (and SI 2014/2095 reg 7 for officers): the record of a key decision states the reasons
    for it and the alternatives considered and rejected; and its decision maker, date, any conflict of interest
    declared by a member consulted and any dispensation, which the minutes and the decision list print."""
    board.replace("agendas/2030-01-10.yaml", *KEY_DECISION)
    plan(board, "2029-11-01")
    board.write("minutes/2030-01-10.yaml", KEY_MINUTES)
    assert run(board, "check") == (
        2,
        [
            "minutes/2030-01-10.yaml:12: minute 2.1, decision 1, alternatives: minute 2.1 takes the key decision "
            "'Budget report': its record states the alternatives considered and rejected (`alternatives:`; "
            "SI 2012/2089 reg 13)",
            "minutes/2030-01-10.yaml:12: minute 2.1, decision 1, reasons: minute 2.1 takes the key decision 'Budget "
            "report': its record states the reasons for it (`reasons:`; SI 2012/2089 reg 13)",
            "2 problems found.",
        ],
    )
    board.write(
        "minutes/2030-01-10.yaml",
        KEY_MINUTES
        + "        reasons: It balances the budget.\n"
        + "        alternatives: A budget drawing on reserves, rejected as unsustainable.\n"
        + "        decision_maker: Cllr Ann Chair, Cabinet Member for Finance\n"
        + "        date: 2030-01-11\n"
        + "        conflicts: Paul O'Sullivan, consulted, declared his post at a bidder.\n"
        + "        dispensation: Granted by the Standards Committee on 2 January 2030, for 2030.\n",
    )
    assert run(board, "check")[0] == 0
    # A decision that is no key decision needs neither.
    board.replace("agendas/2030-01-10.yaml", KEY_DECISION[1], KEY_DECISION[0])
    board.write("minutes/2030-01-10.yaml", KEY_MINUTES)
    assert run(board, "check")[0] == 0


def test_the_decision_record_is_printed(board: Board, tmp_path: Path) -> None:
    """SI 2012/2089 reg 13, SI 2014/2095 reg 7: the written record states the decision maker and the date, any
    conflict of interest declared by a member consulted and any dispensation: read back from the decision list."""
    board.write(
        "minutes/2029-10-10.yaml",
        (board.root / "minutes/2029-10-10.yaml")
        .read_text()
        .replace(
            '    body: "**Agreed** – to receive a report."\n',
            '    body: "**Agreed** – to receive a report."\n'
            "    decisions:\n"
            "      - resolved: To ask for the budget report.\n"
            "        decision_maker: Olive Officer, under delegated powers\n"
            "        date: 2029-10-11\n"
            "        conflicts: Paul O'Sullivan, consulted, declared a family member at a bidder.\n"
            "        dispensation: Granted by the monitoring officer on 1 October 2029.\n",
        ),
    )
    assert run(board, "build", "--out", str(tmp_path))[0] == 0
    for printed in ("2029-10-10-decisions.pdf", "2030-01-10-public-pack.pdf"):  # the decision list, the minutes
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / printed).pages)
        for line in (
            "Decision maker: Olive Officer, under delegated powers",
            "Date of decision: Thursday 11 October 2029",
            "Conflicts of interest declared by a member consulted: Paul O'Sullivan, consulted, declared a family",
            "Dispensation: Granted by the monitoring officer on 1 October 2029.",
        ):
            assert line in text, (printed, text)


NOTICE_PLAN = """\
items:
  - title: Budget report
    meeting: 2030-01-10
    lead: Olive Officer
    key_decision: true
    decision: To set the budget for 2030/31.
    documents: ["Report: Budget 2030/31", "Appendix: the capital programme"]
    added: 2029-11-01
  - title: Leisure centre - interim operator
    meeting: 2030-01-10
    lead: Olive Officer
    key_decision: true
    decision: To appoint an interim operator of the leisure centre.
    decision_maker: Cllr Ann Chair, Cabinet Member for Leisure
    period: Between 10 and 17 January 2030
    obtain: The Leisure Service, Civic Centre, Plymouth PL1 2AA
    general_exception: {scrutiny_chair: Cllr Jo Hart, informed: 2029-12-20, reasons: The operator went into administration.}
    added: 2029-12-20
  - title: Flood repairs - emergency works
    meeting: 2030-01-10
    lead: Olive Officer
    key_decision: true
    decision: To commission emergency repairs to the flooded school.
    special_urgency:
      agreed_by: Cllr Lee Chairman
      capacity: chair of the council
      agreed: 2030-01-08
      reasons: The school flooded on 6 January and cannot reopen until it is repaired.
    added: 2030-01-08
  - title: Youth offer - contract award
    meeting: 2030-04-10
    lead: Olive Officer
    private:
      paragraph: 3
      reasons: The bidders' prices are commercially sensitive until the contract is awarded.
      representations: One, from the Youth Council, asking that the award be made in public.
    added: 2029-12-01
"""

PARTICULARS = {
    "Budget report": [
        "Matter to be decided: To set the budget for 2030/31.",
        "Decision maker: Test Trust Board",
        "Date of decision: At the meeting of Thursday 10 January 2030",
        "Documents submitted: Report: Budget 2030/31; Appendix: the capital programme",
        "How to obtain them: Clara Clerk, 01752 000000, clerk@example.org",
        "Other documents: Other documents relevant to the matter may be submitted to the decision maker.",
        "Notice: Published on Thursday 1 November 2029, at least 28 clear days before the decision (regulation 9).",
    ],
    "Leisure centre - interim operator": [
        "Matter to be decided: To appoint an interim operator of the leisure centre.",
        "Decision maker: Cllr Ann Chair, Cabinet Member for Leisure",
        "Date of decision: Between 10 and 17 January 2030",
        "Documents submitted: A report of Olive Officer.",
        "How to obtain them: The Leisure Service, Civic Centre, Plymouth PL1 2AA",
        "Notice: General exception (regulation 10): published on Thursday 20 December 2029.",
        "Why 28 days' notice was impracticable: The operator went into administration.",
        "Overview and scrutiny: Cllr Jo Hart, chair of the relevant overview and scrutiny committee, was informed in "
        "writing on Thursday 20 December 2029.",
    ],
    "Flood repairs - emergency works": [
        "Matter to be decided: To commission emergency repairs to the flooded school.",
        "Notice: Special urgency (regulation 11): published on Tuesday 8 January 2030.",
        "Agreed to be urgent: Cllr Lee Chairman, chair of the council, agreed on Tuesday 8 January 2030 that the "
        "decision is urgent and cannot reasonably be deferred.",
        "Why it is urgent: The school flooded on 6 January and cannot reopen until it is repaired.",
        "Report to the council: To be reported to the council (regulation 19).",
    ],
    "Youth offer - contract award": [
        "Meeting: Test Trust Board, Wednesday 10 April 2030",
        "Exempt information: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
        "Reasons: The bidders' prices are commercially sensitive until the contract is awarded.",
        "Notice published: Saturday 1 December 2029",
        "Representations received: One, from the Youth Council, asking that the award be made in public.",
    ],
}


def _sections(text: str) -> dict[str, str]:
    """The notice's text under each item's heading, up to the next item's."""
    titles = list(PARTICULARS)
    spots = sorted((text.index(title), title) for title in titles)
    return {
        title: text[start : (spots[n + 1][0] if n + 1 < len(spots) else len(text))]
        for n, (start, title) in enumerate(spots)
    }


def test_the_notice_of_key_decisions_states_regulation_9s_particulars(board: Board, tmp_path: Path) -> None:
    """SI 2012/2089 reg 9: the notice of a key decision states the matter, the decision maker, the date or period,
    the documents submitted, the address from which they may be obtained, and that other documents may be
    submitted; regs 10 and 11 state their own notices' reasons; reg 5 the notice of a private meeting with its
    reasons and any representations. Read back from the tagged PDF that `boardpack notice` writes."""
    board.write("forward_plan.yaml", NOTICE_PLAN)
    board.replace("agendas/2030-01-10.yaml", *KEY_DECISION)
    code, lines = run(board, "notice", "--out", str(tmp_path))
    assert (code, lines[-1]) == (0, f"wrote {tmp_path / 'notice-of-key-decisions.pdf'}"), lines
    reader = PdfReader(tmp_path / "notice-of-key-decisions.pdf")
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, as the packs are
    assert reader.metadata is not None and reader.metadata.title == "Test Trust Board: Notice of Key Decisions"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert text.startswith(
        "Notice of Key Decisions Test Trust Board gives notice under regulation 9 of the Local "
        "Authorities (Executive Arrangements) (Meetings and Access to Information) (England) "
        "Regulations 2012"
    ), text
    for title, section in _sections(text).items():
        for line in PARTICULARS[title]:
            assert line in section, (title, line, section)
    # A meeting whose minutes are written is past: its business leaves the notice, and with nothing left there is
    # no notice to write.
    board.write(
        "forward_plan.yaml",
        "items:\n  - {title: Budget, meeting: 2029-10-10, lead: Olive Officer, key_decision: true, decision: To set it,"
        " added: 2029-08-01}\n",
    )
    board.replace("agendas/2030-01-10.yaml", KEY_DECISION[1], KEY_DECISION[0])
    code, lines = run(board, "notice", "--out", str(tmp_path / "none"))
    assert code == 2 and lines[0].startswith("forward_plan.yaml: there is nothing to give notice of"), lines
    assert not (tmp_path / "none").exists()


def test_the_notice_on_the_web_edition(board: Board, tmp_path: Path) -> None:
    """SI 2012/2089 regs 9 and 5: the notice is published on the council's website, as the web edition's page
    (each item with its particulars) and its PDF, linked from the forward plan."""
    board.write("forward_plan.yaml", NOTICE_PLAN)
    board.replace("agendas/2030-01-10.yaml", *KEY_DECISION)
    assert run(board, "site", "--out", str(tmp_path / "site"))[0] == 0
    site = tmp_path / "site"
    assert (site / "notice-of-key-decisions.pdf").read_bytes().startswith(b"%PDF")
    assert 'href="notice-of-key-decisions.html"' in (site / "forward-plan.html").read_text()
    page = (site / "notice-of-key-decisions.html").read_text()
    assert "<h1>Notice of Key Decisions</h1>" in page
    assert 'href="notice-of-key-decisions.pdf"' in page
    main = page[page.index("<main") : page.index("</main>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", main).replace("&#39;", "'").split())
    for title, section in _sections(text).items():
        for line in PARTICULARS[title]:
            assert line in section, (title, line, section)
