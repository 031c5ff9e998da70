"""Private business done properly: the public interest test's outcome for each exempt item, the resolution to
exclude the press and public minuted, and an exempt minute's written summary for the public minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from boardpack.cli import main

from .conftest import Board

PRIVATE_MINUTES = """\
  - number: "3.1"
    title: Exclusion of the press and public
    exclusion: {minutes: ["3.2"]}
  - number: "3.2"
    title: Sale of Home Farm to Acme Ltd
    exempt:
      paragraph: 3
      public_title: Sale of a council property
      public_summary: The Board discussed the sale of a council property.
    body: The Board discussed the offer from Acme Ltd.
"""


def private(board: Board, minutes: str = PRIVATE_MINUTES) -> Board:
    board.write("minutes/2029-10-10.yaml", (board.root / "minutes" / "2029-10-10.yaml").read_text() + minutes)
    return board


def check(board: Board) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    return result.exit_code, result.output.splitlines()


def test_minutes_of_private_business_pass_with_the_resolution_and_a_summary(board: Board) -> None:
    """Local Government Act 1972 s.100A(4) and s.100C(2): minutes of private business that record the resolution to
    exclude the press and public, and give the exempt minute a summary the public can read, are lawful."""
    assert check(private(board)) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])


def test_an_exempt_minute_with_no_resolution_to_exclude_the_public_is_refused(board: Board) -> None:
    """Local Government Act 1972 s.100A(4): the public may be excluded only by a resolution, passed at the
    meeting; the resolution is minuted. Minutes of private business that do not record it are refused."""
    private(board, PRIVATE_MINUTES.replace('    exclusion: {minutes: ["3.2"]}\n', ""))
    assert check(board) == (
        2,
        [
            "minutes/2029-10-10.yaml:17: minute 3.2, exempt: minute 3.2 is exempt, but these minutes do not record the "
            "resolution to exclude the press and public (Local Government Act 1972 s.100A(4)): record it on the minute "
            'at which it was passed, `exclusion: {minutes: ["3.2"]}`',
            "1 problem found.",
        ],
    )


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            ('exclusion: {minutes: ["3.2"]}', 'exclusion: {minutes: ["3.3"]}'),
            15,
            "minute 3.1, exclusion.minute 1: there is no minute 3.3 in these minutes (minutes: 1.1, 2.1, 3.1, 3.2)\n"
            "minutes/2029-10-10.yaml:18: minute 3.2, exempt: minute 3.2 is exempt, but the resolution to exclude the "
            'press and public (minute 3.1) does not name it: add "3.2" to its `exclusion.minutes`',
        ),
        (
            ('exclusion: {minutes: ["3.2"]}', 'exclusion: {minutes: ["3.2", "2.1"]}'),
            15,
            "minute 3.1, exclusion.minute 2: minute 2.1 is not exempt: the press and public are excluded only for exempt "
            "business (mark the minute `exempt`, or leave it out of the resolution)",
        ),
    ],
)
def test_a_resolution_names_exempt_minutes_of_these_minutes(
    board: Board, change: tuple[str, str], line: int, message: str
) -> None:
    """Local Government Act 1972 s.100A(4): the resolution names the items for which the public are excluded."""
    private(board, PRIVATE_MINUTES.replace(*change))
    code, lines = check(board)
    assert (code, "\n".join(lines[:-1])) == (2, f"minutes/2029-10-10.yaml:{line}: {message}")


def test_a_resolution_that_does_not_cover_an_exempt_minute_is_refused(board: Board) -> None:
    """Local Government Act 1972 s.100A(4): the public are excluded for the items the resolution names, and
    before they are taken; an exempt minute it does not cover (or one taken before it) is refused."""
    private(
        board,
        PRIVATE_MINUTES
        + """\
  - number: "3.3"
    title: Staffing
    exempt: {paragraph: 1, public_summary: The Board discussed a staffing matter.}
""",
    )
    assert check(board) == (
        2,
        [
            "minutes/2029-10-10.yaml:25: minute 3.3, exempt: minute 3.3 is exempt, but the resolution to exclude the "
            'press and public (minute 3.1) does not name it: add "3.3" to its `exclusion.minutes`',
            "1 problem found.",
        ],
    )
    moved = PRIVATE_MINUTES.replace('    exclusion: {minutes: ["3.2"]}\n', "").replace(
        "    body: The Board discussed the offer from Acme Ltd.\n",
        '    body: The Board discussed the offer from Acme Ltd.\n  - number: "3.3"\n    title: Next\n'
        '    exclusion: {minutes: ["3.2"]}\n',
    )
    board.write(
        "minutes/2029-10-10.yaml",
        (board.root / "minutes" / "2029-10-10.yaml").read_text().split('  - number: "3.1"')[0] + moved,
    )
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:24: minute 3.3, exclusion.minute 1: minute 3.2 comes before minute 3.3, which records "
        "the resolution: the press and public are excluded before the business is taken"
    ), lines


def test_an_exempt_minute_with_no_summary_for_the_public_minutes_is_refused(board: Board) -> None:
    """Local Government Act 1972 s.100C(2): where exempt information is left out of the public minutes, a written
    summary of the proceedings gives a reasonably fair and coherent record; an exempt minute with neither a
    public summary nor decisions (each with its own public summary) would leave the public minutes silent."""
    private(
        board,
        PRIVATE_MINUTES.replace("      public_summary: The Board discussed the sale of a council property.\n", ""),
    )
    assert check(board) == (
        2,
        [
            "minutes/2029-10-10.yaml:18: minute 3.2, exempt: minute 3.2 is exempt and has no decisions, so the public "
            "minutes would say nothing of it: write a summary of the proceedings that gives a fair and coherent record "
            "without disclosing the exempt information, in `exempt.public_summary` (Local Government Act 1972 "
            "s.100C(2))",
            "1 problem found.",
        ],
    )
    private(  # decisions, each with its public summary, are a summary of the proceedings too
        board,
        "    decisions:\n      - {resolved: Sell Home Farm to Acme Ltd for £1m., public_summary: The Board agreed a sale.}\n",
    )
    assert check(board)[0] == 0


def test_an_exempt_item_without_its_public_interest_test_is_warned_of(board: Board) -> None:
    """Schedule 12A Part 3 para 10 (as substituted by SI 2006/88): information in paras 1-7 is exempt only if, in
    all the circumstances, the public interest in maintaining the exemption outweighs the public interest in
    disclosing it. An exempt item of unpublished papers that does not record the outcome is warned of."""
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3}\n",
    )
    code, lines = check(board)
    assert code == 0 and lines[0] == (
        "warning: agendas/2030-01-10.yaml:21: exempt item 2.1 does not record the outcome of the public interest "
        "test: information is exempt only while the public interest in maintaining the exemption outweighs the "
        "public interest in disclosing it (Schedule 12A Part 3 para 10); say why in one sentence for the public "
        "agenda, in `exempt.public_interest`"
    ), lines
    board.replace(
        "agendas/2030-01-10.yaml",
        "exempt: {paragraph: 3}",
        "exempt: {paragraph: 3, public_interest: The public interest in disclosure is outweighed while the budget "
        "is negotiated}",
    )
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])


def test_minutes_with_no_private_business_of_a_meeting_with_an_exempt_item_are_questioned(board: Board) -> None:
    """Local Government Act 1972 s.100A(4): an exempt item taken in private needs the minuted resolution; the
    meeting may have taken it in public or not at all, so minutes without private business are only warned of."""
    board.write(
        "minutes/2030-01-10.yaml",
        """\
        date: 2030-01-10
        present: [Ann Chair, Paul O'Sullivan]
        items:
          - number: "1.1"
            title: Budget
            body: The Board took the budget in public.
        """,
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3, public_interest: It is outweighed.}\n",
    )
    code, lines = check(board)
    assert code == 0 and lines[0] == (
        "warning: minutes/2030-01-10.yaml:3: the agenda's item 2.1 is exempt (agendas/2030-01-10.yaml:15), but these "
        "minutes record no exempt minute and no resolution to exclude the press and public: if it was taken in "
        "private, mark its minute `exempt` and record the resolution on it (`exclusion`, Local Government Act 1972 "
        "s.100A(4))"
    ), lines


def test_a_summary_may_be_written_after_confirmation_and_a_missing_resolution_is_then_a_warning(
    board: Board, tmp_path: Path
) -> None:
    """Local Government Act 1972 s.100C(2): the written summary is the proper officer's, not part of the minutes
    the meeting confirms, so writing it after confirmation is no change to the signed record; a resolution
    missing from confirmed minutes (s.100A(4)) can be added only by a correction, so it is warned of."""
    import git

    from .test_meeting_record import commit_all

    private(board, PRIVATE_MINUTES.replace('    exclusion: {minutes: ["3.2"]}\n', ""))
    board.write(
        "minutes/2030-01-10.yaml",
        """\
        date: 2030-01-10
        present: [Ann Chair, Paul O'Sullivan]
        items:
          - number: "1.1"
            title: Minutes of the last meeting
            confirms: {minutes: 2029-10-10}
        """,
    )
    repo = git.Repo.init(board.root)
    commit_all(repo, "Minutes, confirmed", "2030-01-20")
    code, lines = check(board)
    assert code == 0 and lines[0].startswith(
        "warning: minutes/2029-10-10.yaml:17: minute 3.2 is exempt, but these minutes do not record the resolution"
    ), lines
    assert lines[0].endswith("; these minutes are confirmed, so record it as a correction agreed at a later meeting")
    board.replace(
        "minutes/2029-10-10.yaml",
        "The Board discussed the sale of a council property.",
        "The Board discussed the proposed sale of a council property and the valuation.",
    )
    assert check(board)[0] == 0  # the summary is not the confirmed record
    board.replace("minutes/2029-10-10.yaml", "the offer from Acme Ltd", "the offer from Acme Limited")
    code, lines = check(board)
    assert code == 2 and "minute 3.2, body: these minutes were confirmed as a correct record" in lines[-2], lines


def test_the_resolution_as_minuted_is_worded_as_the_house_style_says() -> None:
    """Local Government Act 1972 s.100A(4), Schedule 12A as substituted by SI 2006/88: the minuted resolution
    names the minutes and paragraphs in the agenda's wording."""
    from boardpack.wording import exclusion_resolution

    assert exclusion_resolution([1, 3], "committee", minutes=["6.1", "6.2"]) == (
        "The Committee resolved, under Section 100A(4) of the Local Government Act 1972, to exclude the press and "
        "public for the following items of business (minutes 6.1 and 6.2) on the grounds that they involve the likely "
        "disclosure of exempt information as defined in paragraphs 1 and 3 of Part 1 of Schedule 12A to the Act, as "
        "substituted by the Local Government (Access to Information) (Variation) Order 2006, and that in all the "
        "circumstances the public interest in maintaining the exemption outweighs the public interest in disclosing "
        "the information."
    )
    older = exclusion_resolution([3], minutes=["6.1"], wording="Freedom of Information Act 2000")
    assert older.endswith(
        "(minute 6.1) on the grounds that it involves the likely disclosure of exempt information as defined in "
        "paragraph 3 of Part 1 of Schedule 12A of the Act, as amended by the Freedom of Information Act 2000."
    )


def test_the_example_board_records_its_private_business(example_pack: Path) -> None:
    """Schedule 12A Part 3 para 10 and Local Government Act 1972 s.100C(2): the example's exempt item 6.1 prints
    the outcome of its public interest test on the public agenda, and the public decision list of 15 June gives the
    exempt minute's summary and its decision's, not the provider's name or the price."""
    from pypdf import PdfReader

    def text(path: Path) -> str:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)

    agenda = text(example_pack)
    assert (
        "Public interest test: The public interest in maintaining the exemption outweighs the public interest in "
        "disclosure, because the report sets out the provider's prices"
    ) in agenda
    decisions = text(example_pack.parent / "2012-06-15-decisions.pdf")
    assert (
        "6.1 Early intervention counselling pilot - contract Fiona Fleming presented a report on the results of the "
        "early intervention counselling pilot"
    ) in decisions
    assert "Agreed – The Board endorsed a six-month extension of the pilot contract" in decisions
    assert "Kernow" not in decisions and "section 3 of the report" not in decisions
    assert "Kernow" in text(example_pack.parent / "2012-06-15-decisions-private.pdf")
