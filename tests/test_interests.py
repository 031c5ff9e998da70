"""Members' interests: the body's regime of interests by date (the Localism Act 2011 from 1 July 2012 in England,
the 2007 Model Code before it, the Welsh code), dispensations (s.33) and what `check` makes of declarations
(s.31), the register (`boardpack interests`), and the declaration with its dispensation in every printed edition."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from boardpack.build import build_pack, build_site
from boardpack.cli import main
from boardpack.errors import BoardpackWarning

from .conftest import REPO, Board
from .test_exempt import CANARY, exempt_board
from .test_meeting_record import check, record

REGISTER = """\
interests:
  - member: Bea Member
    kind: disclosable pecuniary
    interest: Shareholder, Budget Consultants Ltd
    names: [Budget Consultants]
    registered: 2029-05-01
dispensations:
  - id: D1
    member: Bea Member
    granted_by: the Standards Committee
    granted: 2029-06-01
    scope: the Board's budget, while Budget Consultants Ltd advises on it
    expires: 2031-05-31
"""

DPI = (
    "    declarations:\n"
    '      - {member: Bea Member, interest: "Shareholder, Budget Consultants Ltd", kind: disclosable pecuniary, '
    "action: remained}\n"
)
SENTENCE = (
    "Bea Member declared a disclosable pecuniary interest (Shareholder, Budget Consultants Ltd) and remained and "
    "took part under a dispensation granted by the Standards Committee on 1 June 2029."
)


def declared(board: Board, declaration: str = DPI, register: str = REGISTER) -> Board:
    """The meeting of 10 October 2029 with Bea Member present for minute 2.1 (Budget) and declaring there."""
    record(board)
    board.write("interests.yaml", register)
    board.replace("minutes/2029-10-10.yaml", "    title: Budget\n", "    title: Budget\n" + declaration)
    return board


def relying_on(dispensation: str) -> str:
    return DPI.replace("action: remained}", f"action: remained, dispensation: {dispensation}}}")


def test_a_dpi_with_participation_and_no_dispensation_is_refused(board: Board) -> None:
    """Localism Act 2011 s.31(4): a member with a disclosable pecuniary interest may not participate in discussion
    or vote without a dispensation under s.33; doing so is an offence (s.34)."""
    declared(board, register=REGISTER.split("dispensations:")[0])
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, action: Bea Member declared a disclosable pecuniary "
        "interest and remained and took part in minute 2.1, with no dispensation current on 10 October 2029: under "
        "the Localism Act 2011 regime (England, from 1 July 2012), a member with a disclosable pecuniary interest "
        "may not participate in any discussion of the matter or vote on it without a dispensation under s.33 "
        "(Localism Act 2011 s.31(4)); doing so without reasonable excuse is an offence (s.34). Record the "
        "dispensation in interests.yaml and name it here (`dispensation:`), or correct the action"
    ), lines
    board.replace("minutes/2029-10-10.yaml", "action: remained}", "action: left the room}")
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])


def test_a_dpi_with_participation_relies_on_a_named_current_dispensation(board: Board) -> None:
    """Localism Act 2011 s.31(4) and s.33: the dispensation must be the member's, and have effect on the day."""
    declared(board)
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, dispensation: Bea Member declared a disclosable "
        "pecuniary interest and remained and took part: name the dispensation relied on (D1, current on "
        "10 October 2029) so that the minutes record it"
    ), lines
    board.replace("minutes/2029-10-10.yaml", "action: remained}", "action: remained, dispensation: D1}")
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])
    for wrong, message in (
        ("dispensation: D2}", "there is no dispensation 'D2' in interests.yaml"),
        ("dispensation: D1}", "dispensation D1 had effect from 1 June 2029 to 31 May 2031, not on 10 October 2029, "),
    ):
        if "had effect" in message:
            board.replace("interests.yaml", "granted: 2029-06-01", "granted: 2029-11-01")
            message = message.replace("1 June", "1 November")
        board.replace("minutes/2029-10-10.yaml", "dispensation: D1}", wrong)
        code, lines = check(board)
        assert code == 2 and lines[0].startswith(
            f"minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, dispensation: {message}"
        ), lines
        board.replace("minutes/2029-10-10.yaml", wrong, "dispensation: D1}")
    board.replace("interests.yaml", "  - id: D1\n    member: Bea Member", "  - id: D1\n    member: Ann Chair")
    code, lines = check(board)
    assert (
        code == 2
        and (
            "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, dispensation: dispensation D1 is Ann Chair's, "
            "not Bea Member's"
        )
        in lines
    ), lines


def test_a_dispensation_has_effect_for_no_more_than_four_years(board: Board) -> None:
    """Localism Act 2011 s.33(3): a dispensation must specify the period for which it has effect, and the period
    may not exceed four years."""
    declared(board, relying_on("D1"), REGISTER.replace("expires: 2031-05-31", "expires: 2033-06-01"))
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "interests.yaml:13: dispensation 1, expires: expires 2033-06-01, more than four years after it was granted "
        "on 2029-06-01: a dispensation has effect for no more than four years (Localism Act 2011 s.33(3)); the "
        "latest it may run to is 2033-05-31"
    ), lines
    board.replace("interests.yaml", "expires: 2033-06-01", "expires: 2033-05-31")
    assert check(board)[0] == 0
    board.replace("interests.yaml", "member: Bea Member\n    granted_by", "member: Olive Officer\n    granted_by")
    code, lines = check(board)
    assert (
        "interests.yaml:9: dispensation 1, member: 'Olive Officer' is not a member of the board: dispensations are "
        "for members"
    ) in lines, lines


def test_a_declared_dpi_missing_from_the_register_is_questioned(board: Board) -> None:
    """Localism Act 2011 s.31(2)-(3): a disclosable pecuniary interest not entered in the register must be notified
    to the monitoring officer within 28 days beginning with the day it was disclosed."""
    declared(board, relying_on("D1"), REGISTER.replace("Shareholder, Budget Consultants Ltd", "Director, Acme Ltd"))
    board.replace("interests.yaml", "names: [Budget Consultants]", "names: [Acme]")
    code, lines = check(board)
    assert code == 0 and lines[0] == (
        "warning: minutes/2029-10-10.yaml:15: Bea Member declared a disclosable pecuniary interest (Shareholder, "
        "Budget Consultants Ltd) that is not on the register of interests: they must notify the monitoring officer "
        "of it within 28 days of disclosing it, by 6 November 2029 (Localism Act 2011 s.31(2)-(3)); once notified, "
        "record it in interests.yaml"
    ), lines
    board.replace("interests.yaml", "names: [Acme]", "names: [Acme, Budget Consultants]")
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"])


MODEL_CODE = """\
interests_regime:
  - regime: 2007 Model Code
  - {regime: England 2012, from: 2029-11-01}
"""


def test_declarations_are_judged_by_the_regime_in_force_on_the_day(board: Board) -> None:
    """Before 1 July 2012 English members declared personal and prejudicial interests (the 2007 Model Code); the
    Localism Act 2011 (ss.26-37) brought disclosable pecuniary interests; a body's declarations and register are
    judged by the regime in force on their date."""
    declared(board, relying_on("D1"))
    board.replace("board.yaml", "people:\n", MODEL_CODE + "people:\n")
    code, lines = check(board)
    assert code == 2 and lines[1:] == [
        "interests.yaml:3: interest 1, kind: 'disclosable pecuniary' is not a kind of interest under the 2007 Model "
        "Code (England, before 1 July 2012), the regime in force when it was registered on 1 May 2029 "
        "(interests_regime in board.yaml): personal or prejudicial",
        "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, kind: 'disclosable pecuniary' is not a kind of interest "
        "under the 2007 Model Code (England, before 1 July 2012), the regime in force when it was declared on "
        "10 October 2029 (interests_regime in board.yaml): personal or prejudicial",
        "2 problems found.",
    ], lines
    board.replace("interests.yaml", "kind: disclosable pecuniary", "kind: personal")
    board.replace("minutes/2029-10-10.yaml", "kind: disclosable pecuniary", "kind: prejudicial")
    assert check(board)[0] == 0  # (with a warning: the 2007 Model Code, long after 2012; see below)
    board.replace("board.yaml", "from: 2029-11-01", "from: 2029-10-10")  # the Localism Act's regime that day
    code, lines = check(board)
    assert (
        code == 2
        and (
            "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, kind: 'prejudicial' is not a kind of interest under the "
            "Localism Act 2011 regime (England, from 1 July 2012), the regime in force when it was declared on "
            "10 October 2029 (interests_regime in board.yaml): disclosable pecuniary, other registrable or "
            "non-registrable"
        )
        in lines
    ), lines


def test_a_regime_out_of_its_time_in_england_is_questioned(board: Board) -> None:
    """The Localism Act 2011's regime of interests came into force in England on 1 July 2012, replacing the 2007
    Model Code: a meeting's declarations under the one before that day, or the other after it, are flagged."""
    declared(board, relying_on("D1"))
    board.replace("board.yaml", "people:\n", "interests_regime: 2007 Model Code\npeople:\n")
    board.replace("interests.yaml", "kind: disclosable pecuniary", "kind: personal")
    board.replace("minutes/2029-10-10.yaml", "kind: disclosable pecuniary", "kind: prejudicial")
    code, lines = check(board)
    assert code == 0 and lines[0] == (
        "warning: minutes/2029-10-10.yaml:14: these minutes declare interests under the 2007 Model Code, which no "
        "longer applied in England on 10 October 2029: the Localism Act 2011's regime replaced it on 1 July 2012 "
        "(add `{regime: England 2012, from: 2012-07-01}` to interests_regime in board.yaml)"
    ), lines
    board.replace("board.yaml", "interests_regime: 2007 Model Code", "interests_regime: Welsh code")
    assert check(board) == (0, ["ok: 1 agendas, 1 cover sheets, 1 minutes checked"]), "Wales kept the older kinds"


def test_a_prejudicial_interest_with_participation_needs_a_dispensation(board: Board) -> None:
    """The Model Code of Conduct 2007, para 12(1), and the Welsh Model Code of Conduct 2008, para 14(1): a member
    with a prejudicial interest must withdraw unless the standards committee has granted a dispensation."""
    declared(board, DPI.replace("disclosable pecuniary", "prejudicial"), REGISTER.split("dispensations:")[0])
    board.replace("interests.yaml", "kind: disclosable pecuniary", "kind: personal")
    board.replace("board.yaml", "people:\n", "interests_regime: Welsh code\npeople:\n")
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2029-10-10.yaml:15: minute 2.1, declaration 1, action: Bea Member declared a prejudicial interest and "
        "remained and took part in minute 2.1, with no dispensation current on 10 October 2029: under the Welsh "
        "Model Code of Conduct (2008), a member with a prejudicial interest must withdraw unless the standards "
        "committee has granted a dispensation (the Model Code of Conduct (Wales) 2008, para 14(1)). Record the "
        "dispensation in interests.yaml and name it here (`dispensation:`), or correct the action"
    ), lines
    board.replace("minutes/2029-10-10.yaml", "kind: prejudicial", "kind: personal")
    assert check(board)[0] == 0, "a personal interest does not bar taking part"


def test_regimes_are_listed_in_date_order(board: Board) -> None:
    """A body changes regime on a date (England: the Localism Act 2011's from 1 July 2012): each regime after the
    first says when it applies from, and they run in date order."""
    record(board)
    board.replace(
        "board.yaml",
        "people:\n",
        "interests_regime:\n  - {regime: 2007 Model Code, from: 2012-07-01}\n  - {regime: England 2012}\npeople:\n",
    )
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "board.yaml:7: interests regime 2, regime: say the day England 2012 applies `from`: only the first regime "
        "listed may leave it out"
    ), lines
    board.replace("board.yaml", "  - {regime: England 2012}", "  - {regime: England 2012, from: 2012-06-30}")
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "board.yaml:7: interests regime 2, from: 2012-06-30 is not after 2012-07-01, when the regime listed before "
        "it applies from: list the regimes in date order"
    ), lines
    listed = "  - {regime: 2007 Model Code, from: 2012-07-01}\n  - {regime: England 2012, from: 2012-06-30}\n"
    board.replace("board.yaml", listed, " []\n")
    code, lines = check(board)
    assert code == 2 and "board.yaml:5: interests_regime: must not be empty" in lines, lines


def test_interests_lists_the_dispensations(board: Board) -> None:
    """Localism Act 2011 s.33: the dispensations current on the day, with who granted them, when, what they cover
    and when they expire, beside the register and the declarations that relied on them."""
    declared(board, relying_on("D1"))
    result = CliRunner().invoke(main, ["interests", "--root", str(board.root), "--as-at", "2030-01-01"])
    assert result.output.splitlines() == [
        "Register of interests as at 1 January 2030",
        "",
        "Bea Member",
        "  disclosable pecuniary: Shareholder, Budget Consultants Ltd (registered 2029-05-01);",
        "  concerns Budget Consultants",
        "  dispensation D1, granted 2029-06-01 by the Standards Committee, until 2031-05-31;",
        "  covers the Board's budget, while Budget Consultants Ltd advises on it",
        "  declared 2029-10-10, minute 2.1 Budget: remained and took part under dispensation D1:",
        "  disclosable pecuniary, Shareholder, Budget Consultants Ltd",
    ], result.output
    result = CliRunner().invoke(
        main, ["interests", "--root", str(board.root), "--as-at", "2031-06-01", "--format", "json"]
    )
    assert [r["record"] for r in json.loads(result.output)] == ["registered", "declared"], "D1 has expired"


def test_the_example_board_changes_regime_on_1_july_2012() -> None:
    """The example's 15 June 2012 meeting predates the Localism Act 2011's regime (in force 1 July 2012): its
    declarations are the 2007 Model Code's, and the prejudicial one relies on the Standards Committee's
    dispensation (Model Code 2007 para 12(1))."""
    result = CliRunner().invoke(main, ["interests", "Steve Waite", "--root", str(REPO), "--as-at", "2012-07-01"])
    text = " ".join(result.output.split())
    assert result.exit_code == 0 and (
        "dispensation D1, granted 2012-05-24 by the Standards Committee, until 2016-05-23" in text
        and "remained and took part under dispensation D1: prejudicial" in text
    ), result.output


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())


def test_the_minutes_print_the_dispensation_in_every_edition(board: Board, tmp_path: Path) -> None:
    """Localism Act 2011 s.33, and regs 12-13 of SI 2012/2089 (the record states any dispensation): the minutes
    say the member remained and took part under a dispensation, who granted it and when, in the PDF, the Word
    document and the web edition."""
    import docx

    declared(board, relying_on("D1"))
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    assert SENTENCE in pdf_text(tmp_path / "2030-01-10-public-pack.pdf")
    word = docx.Document(str(tmp_path / "2030-01-10-public-docx" / "item-1-2-minutes.docx"))
    lines = [" ".join(p.text.split()) for p in word.paragraphs]
    assert SENTENCE in lines, lines
    folder = build_site(board.root, tmp_path / "site", today=dt.date(2030, 1, 1)).folder
    page = (folder / "2030-01-10" / "item-1-2.html").read_text(encoding="utf-8")
    assert SENTENCE.replace("'", "&#39;") in " ".join(re.sub(r"<[^>]+>", "", page).split())


def test_a_declaration_under_an_exempt_minute_stays_out_of_the_public_pack(board: Board, tmp_path: Path) -> None:
    """Local Government Act 1972 s.100A(4) and Schedule 12A: a declaration (and the dispensation it relied on)
    under an exempt minute is printed in the private minutes only."""
    exempt_board(board)
    board.write(
        "interests.yaml",
        "dispensations:\n  - {id: D9, member: Ann Chair, granted_by: the Standards Committee, granted: 2029-06-01,"
        " scope: the sale, expires: 2030-05-31}\n",
    )
    board.replace(
        "minutes/2029-10-10.yaml",
        "    declarations:\n",
        "    declarations:\n"
        f"      - {{member: Ann Chair, interest: 'Director, {CANARY} Lettings', kind: disclosable pecuniary,"
        " action: remained, dispensation: D9}\n",
    )
    assert check(board)[0] == 0
    with pytest.warns(
        BoardpackWarning, match="Ann Chair declared a disclosable pecuniary interest under exempt"
    ) as seen:
        public, private, *_ = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path)
    assert not any(CANARY in str(w.message) for w in seen), "the warning quotes nothing exempt"
    sentence = f"Ann Chair declared a disclosable pecuniary interest (Director, {CANARY} Lettings) and remained"
    assert sentence in pdf_text(private) and "under a dispensation granted by" in pdf_text(private)
    assert CANARY not in pdf_text(public) and "dispensation" not in pdf_text(public)
