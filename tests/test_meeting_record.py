"""The meeting record: attendance (present, present for part, apologies with substitutes, absent, in
attendance), the quorum, and each member's attendance over a period."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.build import build_pack
from boardpack.cli import main

from .conftest import Board

MEMBERS = """\
  - {name: Bea Member, role: Councillor, member: true}
  - {name: Cy Member, role: Councillor, member: true}
  - {name: Sam Substitute, role: Councillor}
"""

MINUTES = """\
date: 2029-10-10
present:
  - {name: Ann Chair, note: Chair}
  - {name: Paul O'Sullivan, left: "1.1"}
  - {name: Bea Member, arrived: "2.1"}
apologies: [Cy Member]
in_attendance: [Olive Officer]
items:
  - number: "1.1"
    title: Welcome
    body: The Chair welcomed everyone.
  - number: "2.1"
    title: Budget
    body: "**Agreed** – to receive a report."
"""


def record(board: Board, quorum: str = "") -> Board:
    board.replace(
        "board.yaml",
        "  - {name: Olive Officer, role: Head of Service}\n",
        "  - {name: Olive Officer, role: Head of Service}\n" + MEMBERS,
    )
    if quorum:
        board.replace("board.yaml", "people:\n", f"{quorum}\npeople:\n")
    board.write("minutes/2029-10-10.yaml", MINUTES)
    return board


def with_substitute(board: Board) -> Board:
    """A body that allows substitutes, and Sam Substitute present at its last meeting for Cy Member (who sent
    apologies)."""
    board.replace("board.yaml", "people:\n", "substitutes: true\npeople:\n")
    board.replace(
        "minutes/2029-10-10.yaml",
        '  - {name: Bea Member, arrived: "2.1"}\n',
        '  - {name: Bea Member, arrived: "2.1"}\n  - {name: Sam Substitute, substitute_for: Cy Member}\n',
    )
    return board


def check(board: Board) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    return result.exit_code, result.output.splitlines()


def test_the_attendance_is_printed_in_the_minutes(board: Board, tmp_path: Path) -> None:
    record(board)
    board.replace("minutes/2029-10-10.yaml", "apologies: [Cy Member]", "apologies: []\nabsent: [Cy Member]")
    assert check(board)[0] == 0
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    text = " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "Paul O'Sullivan (POS) (until minute 1.1)" in text and "Bea Member (from minute 2.1)" in text
    assert re.search(r"Absent:\s*Cy Member\s*Councillor", text), text[:1500]


@pytest.mark.parametrize(
    "change, line, message",
    [
        (
            ("apologies: [Cy Member]", "apologies: [Cy Member, Ann Chair]"),
            6,
            "apology 2, name: 'Ann Chair' is listed twice: under present and apologies",
        ),
        (
            ("in_attendance: [Olive Officer]", "in_attendance: [Olive Officer, Cy Member]"),
            7,
            "person in attendance 2, name: 'Cy Member' is a member of the board: list them under present, apologies or absent",
        ),
        (
            ("apologies: [Cy Member]", "apologies: [Cy Member]\nabsent: [Sam Substitute]"),
            7,
            "person absent 1, name: 'Sam Substitute' is not a member of the board",
        ),
        (
            ('{name: Bea Member, arrived: "2.1"}', '{name: Bea Member, arrived: "3.1"}'),
            5,
            "person present 3, arrived: there is no minute 3.1 in these minutes (minutes: 1.1, 2.1)",
        ),
        (
            (
                '  - {name: Bea Member, arrived: "2.1"}\n',
                '  - {name: Bea Member, arrived: "2.1"}\n  - {name: Sam Substitute, substitute_for: Cy Member}\n',
            ),
            6,
            "person present 4, substitute_for: the board does not allow substitutes (substitutes: true in board.yaml",
        ),
    ],
)
def test_check_refuses_an_impossible_attendance(board: Board, change: tuple[str, str], line: int, message: str) -> None:
    record(board)
    board.replace("minutes/2029-10-10.yaml", *change)
    code, lines = check(board)
    assert code == 2 and any(shown.startswith(f"minutes/2029-10-10.yaml:{line}: {message}") for shown in lines), lines


def test_a_substitute_attends_for_a_member_who_sent_apologies(board: Board) -> None:
    record(board)
    board.replace("board.yaml", "people:\n", "substitutes: true\npeople:\n")
    board.replace(
        "minutes/2029-10-10.yaml",
        '  - {name: Bea Member, arrived: "2.1"}\n',
        '  - {name: Bea Member, arrived: "2.1"}\n  - {name: Sam Substitute, substitute_for: Bea Member}\n',
    )
    code, lines = check(board)
    assert (
        code == 2
        and (
            "minutes/2029-10-10.yaml:6: person present 4, substitute_for: 'Bea Member' is not among the "
            "apologies: a substitute attends for a member who sent apologies"
        )
        in lines
    ), lines
    board.replace("minutes/2029-10-10.yaml", "substitute_for: Bea Member", "substitute_for: Cy Member")
    assert check(board)[0] == 0


def test_an_inquorate_minute_is_refused_unless_the_minutes_record_it(board: Board) -> None:
    record(board, quorum="quorum: 3")
    code, lines = check(board)
    # 1.1: Ann Chair and Paul O'Sullivan (2 of 4); 2.1: Ann Chair and Bea Member (2 of 4).
    assert code == 2 and lines[:2] == [
        "minutes/2029-10-10.yaml:9: minute 1.1, number: only 2 of the 4 members were present for minute 1.1 (the quorum "
        "is 3): record it in the minute's `inquorate` (or the meeting's), or correct the attendance",
        "minutes/2029-10-10.yaml:12: minute 2.1, number: only 2 of the 4 members were present for minute 2.1 (the quorum "
        "is 3): record it in the minute's `inquorate` (or the meeting's), or correct the attendance",
    ], lines
    board.replace(
        "minutes/2029-10-10.yaml",
        "    title: Budget\n",
        "    title: Budget\n    inquorate: The meeting was inquorate; the item was noted for information only.\n",
    )
    assert [shown.split(":")[1] for shown in check(board)[1][:-1]] == ["9"]
    board.replace(
        "minutes/2029-10-10.yaml",
        "in_attendance: [Olive Officer]\n",
        "in_attendance: [Olive Officer]\ninquorate: The meeting was inquorate throughout.\n",
    )
    assert check(board)[0] == 0


def test_a_quorum_as_a_share_of_the_members(board: Board) -> None:
    record(board, quorum="quorum: {fraction: 0.5, minimum: 2}")  # half of four: two
    assert check(board)[0] == 0
    board.replace("minutes/2029-10-10.yaml", '{name: Bea Member, arrived: "2.1"}', '{name: Bea Member, left: "1.1"}')
    code, lines = check(board)
    assert code == 2 and "only 1 of the 4 members were present for minute 2.1 (the quorum is 2)" in lines[0], lines


def test_attendance_over_a_period(board: Board) -> None:
    record(board)
    board.write(
        "minutes/2030-01-10.yaml",
        MINUTES.replace("2029-10-10", "2030-01-10")
        .replace('{name: Bea Member, arrived: "2.1"}', "Bea Member")
        .replace("apologies: [Cy Member]", "absent: [Cy Member]"),
    )
    board.write(
        "agendas/2030-04-10.yaml",
        (board.root / "agendas" / "2030-01-10.yaml")
        .read_text()
        .replace("date: 2030-01-10", "date: 2030-04-10")
        .replace("minutes: 2029-10-10", "minutes: 2030-01-10"),
    )
    result = CliRunner().invoke(main, ["attendance", "--root", str(board.root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Attendance of the Test Trust Board, 10 October 2029 to 10 January 2030: 2 meetings",
        "",
        "member           meetings  present  part  apologies  substituted  absent  attended",
        "Ann Chair               2        2     0          0            0       0      100%",
        "Paul O'Sullivan         2        0     2          0            0       0      100%",
        "Bea Member              2        1     1          0            0       0      100%",
        "Cy Member               2        0     0          1            0       1        0%",
    ]
    result = CliRunner().invoke(
        main, ["attendance", "--root", str(board.root), "--from", "2030-01-01", "--format", "json"]
    )
    [cy] = [r for r in json.loads(result.output) if r["member"] == "Cy Member"]
    assert cy == {
        "member": "Cy Member",
        "meetings": 1,
        "present": 0,
        "present_for_part": 0,
        "substituted": 0,
        "apologies": 0,
        "absent": 1,
        "attended_percent": 0,
    }


REGISTER = """\
interests:
  - member: Bea Member
    kind: other registrable
    interest: Governor, Hele's School
    names: [Hele's School]
    registered: 2029-05-01
  - member: Ann Chair
    kind: disclosable pecuniary
    interest: Director, Budget Consultants Ltd
    names: [Budget Consultants]
    registered: 2028-01-01
    ended: 2029-01-01
"""

DECLARED = """\
    declarations:
      - {member: Bea Member, interest: "Governor, Hele's School", kind: other registrable, action: left the room}
"""


def with_interests(board: Board) -> Board:
    record(board)
    board.write("interests.yaml", REGISTER)
    board.replace(
        "minutes/2029-10-10.yaml",
        'body: "**Agreed** – to receive a report."',
        'body: "Hele\'s School and Budget Consultants bid for the work. **Agreed** – to receive a report."',
    )
    return board


@pytest.mark.browser
def test_a_declaration_is_printed_in_every_edition(board: Board, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    import docx

    from boardpack.build import build_site

    with_interests(board)
    board.replace("minutes/2029-10-10.yaml", "    title: Budget\n", "    title: Budget\n" + DECLARED)
    sentence = (
        "Bea Member declared an other registrable interest (Governor, Hele's School) and left the room for the item."
    )
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    text = " ".join(
        re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(tmp_path / "2030-01-10-public-pack.pdf").pages
    )
    assert sentence in text
    word = docx.Document(str(tmp_path / "2030-01-10-public-docx" / "item-1-2-minutes.docx"))
    assert any(sentence in paragraph.text for paragraph in word.paragraphs)
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    browser.get((folder / "2030-01-10" / "item-1-2.html").as_uri())
    assert sentence in browser.find_element("tag name", "main").text


def test_a_declaration_by_someone_absent_is_refused(board: Board) -> None:
    with_interests(board)
    board.replace(
        "minutes/2029-10-10.yaml",
        "    title: Budget\n",
        "    title: Budget\n" + DECLARED.replace("member: Bea Member", "member: Paul O'Sullivan"),
    )  # he left after minute 1.1
    code, lines = check(board)
    assert (
        code == 2
        and (
            "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, member: 'Paul O'Sullivan' "
            "declared an interest but was not present for minute 2.1"
        )
        in lines
    ), lines


def test_a_minute_naming_a_registered_interest_with_no_declaration_is_questioned(board: Board) -> None:
    with_interests(board)
    code, lines = check(board)
    assert code == 0 and lines[0] == (
        "warning: minutes/2029-10-10.yaml:13: minute 2.1 names 'Hele's School', in Bea "
        "Member's register of interests (other registrable: Governor, Hele's School), and "
        "no declaration by them is recorded"
    ), lines
    assert not any("Budget Consultants" in line for line in lines), "an interest that had ended is not asked about"
    board.replace("minutes/2029-10-10.yaml", "    title: Budget\n", "    title: Budget\n" + DECLARED)
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])


def test_the_register_and_declarations_by_member(board: Board) -> None:
    with_interests(board)
    board.replace("minutes/2029-10-10.yaml", "    title: Budget\n", "    title: Budget\n" + DECLARED)
    result = CliRunner().invoke(main, ["interests", "--root", str(board.root), "--as-at", "2030-01-01"])
    assert result.output.splitlines() == [
        "Register of interests as at 1 January 2030",
        "",
        "Bea Member",
        "  other registrable: Governor, Hele's School (registered 2029-05-01); concerns Hele's",
        "  School",
        "  declared 2029-10-10, minute 2.1 Budget: left the room for the item: other registrable,",
        "  Governor, Hele's School",
    ], result.output
    result = CliRunner().invoke(
        main, ["interests", "Ann Chair", "--root", str(board.root), "--as-at", "2028-06-01", "--format", "json"]
    )
    assert json.loads(result.output) == [
        {
            "member": "Ann Chair",
            "record": "registered",
            "date": "2028-01-01",
            "kind": "disclosable pecuniary",
            "interest": "Director, Budget Consultants Ltd",
            "detail": "Budget Consultants",
        }
    ]
    register = (board.root / "interests.yaml").read_text().replace("member: Ann Chair", "member: Olive Officer")
    board.write("interests.yaml", register)
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "interests.yaml:7: interest 2, member: 'Olive Officer' is not a member of the "
        "board: the register is of members' interests"
    ), lines


DECISIONS = """\
    decisions:
      - resolved: The Board receives a budget report at its next meeting.
        votes: {for: 2, against: 0}  # Ann Chair and Bea Member were present for minute 2.1
        reasons: The budget is under pressure.
        alternatives: Waiting for the year end.
  - number: "3.1"
    title: Contract award
    body: The contract was discussed.
    exempt: {paragraph: 3, public_title: Contract award}
    decisions:
      - resolved: The contract is awarded to Acme Limited for £2m.
        public_summary: The Board awarded the contract.
    exclusion: {minutes: ["3.1"]}
"""


def with_decisions(board: Board) -> Board:
    record(board)
    board.replace(
        "minutes/2029-10-10.yaml",
        '    body: "**Agreed** – to receive a report."\n',
        '    body: "**Agreed** – to receive a report."\n' + DECISIONS,
    )
    return board


def pdf_text(path: Path) -> str:
    return " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(path).pages)


@pytest.mark.browser
def test_the_decision_list_is_built_beside_the_minutes(board: Board, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from boardpack.build import build_site

    with_decisions(board)
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "2029-10-10-decisions-private.pdf",
        "2029-10-10-decisions.pdf",
        "2030-01-10-private-pack.pdf",
        "2030-01-10-public-pack.pdf",
    ]
    public = pdf_text(tmp_path / "2029-10-10-decisions.pdf")
    assert "Decisions of the Test Trust Board meeting of 10 October 2029" in public
    assert "Resolved: The Board receives a budget report at its next meeting. For 2, against 0" in public
    assert "Reasons: The budget is under pressure. Alternatives considered: Waiting for the year end." in public
    assert "Resolved: The Board awarded the contract." in public
    assert "Acme" not in public and "£2m" not in public and "NOT FOR PUBLICATION" not in public
    private = pdf_text(tmp_path / "2029-10-10-decisions-private.pdf")
    assert "The contract is awarded to Acme Limited for £2m." in private and "NOT FOR PUBLICATION" in private
    minutes = pdf_text(tmp_path / "2030-01-10-public-pack.pdf")
    assert "Resolved: The Board receives a budget report at its next meeting." in minutes and "Acme" not in minutes
    assert "Acme" in pdf_text(tmp_path / "2030-01-10-private-pack.pdf")

    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    browser.get((folder / "2030-01-10" / "index.html").as_uri())
    link = browser.find_element("link text", "Decisions of the Test Trust Board meeting of 10 October 2029")
    link.click()
    page = browser.find_element("tag name", "main").text
    assert "Resolved: The Board receives a budget report at its next meeting." in page and "Acme" not in page
    assert not any("Acme" in p.read_text(errors="replace") for p in folder.rglob("*.html"))
    assert not any(b"Acme" in p.read_bytes() for p in folder.rglob("*.pdf"))


def test_an_exempt_decision_needs_its_public_summary(board: Board) -> None:
    with_decisions(board)
    board.replace("minutes/2029-10-10.yaml", "        public_summary: The Board awarded the contract.\n", "")
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:25: minute 3.1, decision 1, resolved: a decision under an "
        "exempt minute needs a public_summary for the public decision list"
    ), lines


CONFIRMING = """\
date: 2030-01-10
present: [Ann Chair, Paul O'Sullivan, Bea Member, Cy Member]
items:
  - number: "1.1"
    title: Minutes of the last meeting
    body: The minutes were agreed.
    confirms:
      minutes: 2029-10-10
      amendments: [{minute: "2.1", replace: to receive a report, by: to receive the budget report}]
"""


def commit_all(repo, message: str, when: str) -> None:  # type: ignore[no-untyped-def]
    import git

    stamp = f"{int(dt.datetime.fromisoformat(when + 'T12:00:00+00:00').timestamp())} +0000"
    repo.git.add(A=True)
    actor = git.Actor("Clara Clerk", "clerk@example.org")
    repo.index.commit(message, author=actor, committer=actor, author_date=stamp, commit_date=stamp)


def test_minutes_are_a_draft_until_confirmed_and_then_locked(board: Board, tmp_path: Path) -> None:
    import git

    from boardpack.build import build_site

    record(board)
    repo = git.Repo.init(board.root)
    commit_all(repo, "Minutes of 10 October 2029", "2029-10-20")
    board.write("minutes/2030-01-10.yaml", CONFIRMING)
    commit_all(repo, "Minutes of 10 January 2030, confirming October's", "2030-01-20")
    assert check(board)[0] == 0

    [published] = [
        p
        for p in build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
        if p.name.endswith("public-pack.pdf")
    ]
    assert "Draft minutes, to be confirmed as a correct record." in pdf_text(published)  # as on the meeting's eve
    import docx

    word = docx.Document(str(tmp_path / "2030-01-10-public-docx" / "item-1-2-minutes.docx"))
    assert "Draft minutes, to be confirmed as a correct record." in [p.text for p in word.paragraphs]
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 2, 1)).folder
    page = (folder / "2030-01-10" / "item-1-2.html").read_text()
    assert "Confirmed as a correct record, as amended, at the meeting of 10 January 2030 (minute 1.1)." in page
    assert "to receive the budget report" in page and "to receive a report" not in page  # as amended

    board.replace("minutes/2029-10-10.yaml", "The Chair welcomed everyone.", "The Chair welcomed all.")
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:11: minute 1.1, body: these minutes were confirmed as a correct record at the meeting "
        "of 2030-01-10 (minute 1.1) and this has changed since: restore it; record an amendment agreed when they were "
        "confirmed under that minute's `confirms: amendments` (it is applied wherever they are printed), a later "
        "change under `corrections` with the date and minute that agreed it"
    ), lines
    board.replace(
        "minutes/2029-10-10.yaml",
        "items:\n",
        'corrections:\n  - {date: 2029-12-01, minute: "1.1", text: Minute 1.1 reworded.}\nitems:\n',
    )
    code, lines = check(board)
    assert (
        code == 2 and "correction 1, date: a correction is agreed at a meeting after the one that confirmed" in lines[0]
    )
    board.replace("minutes/2029-10-10.yaml", "date: 2029-12-01", "date: 2030-04-10")
    assert check(board)[0] == 0
    commit_all(repo, "Correction agreed on 10 April 2030", "2030-04-12")
    board.replace("minutes/2029-10-10.yaml", "The Chair welcomed all.", "The Chair welcomed nobody.")
    code, lines = check(board)  # the lock holds after a correction too: against the corrected record
    assert (
        code == 2
        and "minute 1.1, body: these minutes were confirmed as a correct record at the meeting of "
        "2030-01-10 (minute 1.1) and this has changed since their latest correction"
        in lines[0]
    ), lines


def test_minutes_are_confirmed_once(board: Board) -> None:
    record(board)
    board.write(
        "minutes/2030-01-10.yaml",
        CONFIRMING + '  - number: "1.2"\n    title: Again\n    confirms: {minutes: 2029-10-10}\n',
    )
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2030-01-10.yaml:12: minute 1.2, confirms.minutes: the minutes of 2029-10-10 "
        "were already confirmed at the meeting of 2030-01-10 (minute 1.1)"
    ), lines


def test_attendance_is_reported_for_the_period_asked_for(board: Board) -> None:
    """Local Government Act 1972 s.85(1): a member's attendance is judged over a period (six consecutive months
    there; a municipal year or a quarter in a council's reports), so `attendance` reports the period asked for in its
    heading, not the span of the meetings that happened to fall in it."""
    result = CliRunner().invoke(
        main, ["attendance", "--root", str(board.root), "--from", "2029-04-01", "--to", "2030-03-31"]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[0] == "Attendance of the Test Trust Board, 1 April 2029 to 31 March 2030: 1 meeting"
    )  # on stderr, as at 31 March 2030: the six months since both members last attended run out on 10 April (s.85)
    assert result.stderr.count("six months without attending run out on Wednesday 10 April 2030") == 2
    result = CliRunner().invoke(main, ["attendance", "--root", str(board.root), "--from", "2029-04-01"])
    assert (
        result.output.splitlines()[0]
        == "Attendance of the Test Trust Board, 1 April 2029 to 10 October 2029: 1 meeting"
    )


def test_a_substitute_is_printed_as_one_in_every_edition(board: Board, tmp_path: Path) -> None:
    """A substitute attends and votes in place of a member who sent apologies; the minutes, the record of who was
    there (Local Government Act 1972 Sch 12 para 41), say so: "Sam Substitute (substitute for Cy Member)", in the
    PDF, the Word minutes and the web edition alike, never as if a member of the body."""
    from docx import Document

    from boardpack.build import build_site

    record(board)
    with_substitute(board)
    shown = "Sam Substitute (substitute for Cy Member)"
    written = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path / "out", docx=True)
    text = " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(written[0]).pages)
    assert shown in text
    [word] = (tmp_path / "out").glob("*-public-docx/*minutes.docx")
    cells = [cell.text for table in Document(str(word)).tables for row in table.rows for cell in row.cells]
    assert shown in cells
    build_site(board.root, out=tmp_path / "site")
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    assert any(shown in page for page in pages)


DECIDED = """    body: "**Agreed** – to receive a report."
    decisions:
      - resolved: To receive a report.
        votes: {VOTES}
"""


@pytest.mark.parametrize(
    "votes, message",
    [
        (
            "{for: 2, against: 1, abstained: 1}",
            "minutes/2029-10-10.yaml:18: minute 2.1, decision 1, votes: 4 votes are recorded (for, against and "
            "abstentions) but only 3 members were present for minute 2.1: only the members present vote (Local "
            "Government Act 1972 Sch 12 para 39(1))",
        ),
        (
            "{for: 1, against: 1}",
            "minutes/2029-10-10.yaml:18: minute 2.1, decision 1, votes: the votes are equal (1 for, 1 against): record "
            "the Chair's casting vote (`casting_vote: for` or `against`; Local Government Act 1972 Sch 12 para 39(2))",
        ),
        (
            "{for: 2, against: 1, casting_vote: for}",
            "minutes/2029-10-10.yaml:18: minute 2.1, decision 1, votes.casting_vote: the Chair has a casting vote only "
            "when the votes are equal",
        ),
        (  # a recorded vote names those who voted, and only members present for the minute voted
            "{for: 2, against: 1, recorded: {for: [Ann Chair, Paul O'Sullivan], against: [Bea Member]}}",
            "minutes/2029-10-10.yaml:18: minute 2.1, decision 1, votes.recorded.for 2: 'Paul O'Sullivan' was not a "
            "member present for minute 2.1, so did not vote (Local Government Act 1972 Sch 12 para 39(1))",
        ),
        (
            "{for: 2, against: 1, recorded: {for: [Ann Chair], against: [Bea Member]}}",
            "minutes/2029-10-10.yaml:18: minute 2.1, decision 1, votes: the recorded vote names 1 for, and the count "
            "is 2",
        ),
    ],
)
def test_check_holds_votes_to_the_members_present(board: Board, votes: str, message: str) -> None:
    """Local Government Act 1972 Sch 12 para 39: questions are decided by a majority of the members present and
    voting; with equal votes the person presiding has a second or casting vote. Minute 2.1 was taken with Ann
    Chair, Bea Member (arrived at 2.1) and the Cy Member's substitute present, Paul O'Sullivan having left at 1.1."""
    record(board)
    with_substitute(board)
    board.replace(
        "minutes/2029-10-10.yaml", '    body: "**Agreed** – to receive a report."\n', DECIDED.replace("{VOTES}", votes)
    )
    code, lines = check(board)
    assert (code, lines[0]) == (2, message), lines


def test_a_casting_vote_settles_equal_votes_and_is_printed(board: Board, tmp_path: Path) -> None:
    """Sch 12 para 39(2): the Chair's casting vote is recorded with the votes, and printed with them; a recorded
    vote (where standing orders allow one) prints how each member voted."""
    record(board)
    board.replace(
        "minutes/2029-10-10.yaml",
        '    body: "**Agreed** – to receive a report."\n',
        DECIDED.replace(
            "{VOTES}", "{for: 1, against: 1, casting_vote: for, recorded: {for: Ann Chair, against: Bea Member}}"
        ),
    )
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])
    [pdf] = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)[:1]
    text = " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "For 1, against 1; the Chair's casting vote for" in text
    assert "Recorded vote – For: Ann Chair; Against: Bea Member; Abstained: none." in text  # named, as asked for


def test_every_member_of_the_day_is_accounted_for_in_the_attendance(board: Board) -> None:
    """Local Government Act 1972 Sch 12 (quorum) and s.85 (six months' non-attendance) rest on the attendance:
    minutes that leave a member of the day out of present, apologies and absent are refused; a member appointed
    after the meeting (`member_since`) is not theirs, and attendance counts only the meetings of their term."""
    board.replace(
        "board.yaml",
        "  - {name: Olive Officer, role: Head of Service}\n",
        "  - {name: Olive Officer, role: Head of Service}\n  - {name: Bea Member, member: true}\n",
    )
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:2: present: Bea Member: a member of the board on 2029-10-10, not accounted for: "
        "list every member under present, apologies or absent (a member appointed since: `member_since:` in "
        "board.yaml)"
    ), lines
    board.replace(
        "board.yaml", "{name: Bea Member, member: true}", "{name: Bea Member, member: true, member_since: 2029-11-01}"
    )
    assert check(board)[0] == 0
    result = CliRunner().invoke(main, ["attendance", "--root", str(board.root), "--format", "json"])
    [bea] = [r for r in json.loads(result.output) if r["member"] == "Bea Member"]
    assert (bea["meetings"], bea["attended_percent"]) == (0, 0)


def timed(board: Board) -> Board:
    """Bea Member arrived at 10.15 for minute 2.1; Paul O'Sullivan left at 9.50."""
    record(board)
    board.replace(
        "minutes/2029-10-10.yaml",
        '{name: Bea Member, arrived: "2.1"}',
        '{name: Bea Member, arrived: "2.1", arrived_at: "10.15"}',
    )
    board.replace(
        "minutes/2029-10-10.yaml", '{name: Paul O\'Sullivan, left: "1.1"}', '{name: Paul O\'Sullivan, left_at: "9.50"}'
    )
    return board


@pytest.mark.slow
def test_arrival_and_departure_times_are_printed_in_every_edition(board: Board, tmp_path: Path) -> None:
    """The minutes record who was present and for how long: the record the quorum (Local Government Act 1972
    Sch 12 para 6) and the six-month rule (s.85) rest on. The times a member arrived and left are printed in the
    PDF pack, the Word minutes and the web edition alike."""
    import docx

    from boardpack.build import build_site

    timed(board)
    assert check(board)[0] == 0
    files = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path / "out", docx=True)
    text = " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(files[0]).pages)
    said = ["Paul O'Sullivan (POS) (left 9.50)", "Bea Member (arrived 10.15, for minute 2.1)"]
    assert all(s in text for s in said), text[:1500]
    [minutes] = [f for f in files if f.name.endswith("-minutes.docx")]
    cells = [c.text for t in docx.Document(str(minutes)).tables for r in t.rows for c in r.cells]
    assert all(s in cells for s in said), cells
    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1), pdfs=False).folder
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (site / "2030-01-10" / "item-1-2.html").read_text()))
    assert all(s.replace("'", "&#39;") in page or s in page for s in said), page[:2000]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("apologies: [Cy Member]", 'apologies: [{name: Cy Member, arrived_at: "10.00"}]'),
            "minutes/2029-10-10.yaml:6: apology 1, arrived_at: `arrived_at` is for those present for part of the meeting",
        ),
        (
            ('arrived_at: "10.15"', 'arrived_at: "10.15", left_at: "10.05"'),
            "minutes/2029-10-10.yaml:5: person present 3, left_at: left at 10.05, before arriving at 10.15",
        ),
    ],
)
def test_check_refuses_impossible_times(board: Board, change: tuple[str, str], message: str) -> None:
    """Times of arrival and departure are for those present, and one comes before the other."""
    timed(board)
    board.replace("minutes/2029-10-10.yaml", *change)
    assert check(board) == (2, [message, "1 problem found."])


def test_check_refuses_a_time_that_could_be_morning_or_evening(board: Board) -> None:
    """On the 12-hour clock, "7.10" could be either: the minutes must say which."""
    timed(board)
    board.replace("board.yaml", "people:\n", "style: {times: 12-hour}\npeople:\n")
    board.replace("minutes/2029-10-10.yaml", 'left_at: "9.50"', 'left_at: "9.50 am"')
    code, lines = check(board)
    assert code == 2
    assert (
        'minutes/2029-10-10.yaml:5: person present 3, arrived_at: "10.15" could be morning or evening, and the papers '
        'print the 12-hour clock: write "10.15 am" or "10.15 pm" (or "22.15" on the 24-hour clock)'
    ) in lines
    assert not any("left_at" in line for line in lines)  # "9.50 am" says which
