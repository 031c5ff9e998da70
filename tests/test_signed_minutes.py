"""Minutes signed by the Chair as a correct record, with the amendments agreed when they were confirmed applied to
them (Local Government Act 1972 Sch 12 para 41; issue 22, findings 7 and 8)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from boardpack.assemble import minutes_as_known
from boardpack.build import build_pack, build_site
from boardpack.checks import check_repository

from .conftest import Board
from .test_meeting_record import check, pdf_text, with_decisions

CONFIRMING = """\
date: 2030-01-10
present: [Ann Chair, Paul O'Sullivan, Bea Member, Cy Member]
items:
  - number: "1.1"
    title: Minutes of the last meeting
    body: The minutes were agreed as a correct record, subject to the amendments below.
    confirms:
      minutes: 2029-10-10
      amendments:
        - {minute: "2.1", replace: a budget report at its next meeting, by: the budget report in March}
        - {minute: "3.1", replace: Acme Limited, by: Acme Holdings Limited}
"""

DOTS = "." * 40


def confirmed(board: Board) -> Board:
    """The October minutes with a decision and an exempt minute (Acme), confirmed in January with two amendments:
    one to a decision, one to the exempt minute."""
    with_decisions(board)
    board.write("minutes/2030-01-10.yaml", CONFIRMING)
    return board


def text_of(nodes: Any) -> str:
    """The words of document nodes, as a reader meets them."""
    if isinstance(nodes, str):
        return nodes
    if isinstance(nodes, list):
        return "".join(text_of(node) for node in nodes)
    if isinstance(nodes, dict):
        return text_of(nodes.get("c", "")) + (" " if nodes.get("t") in ("p", "heading") else "")
    return ""


def page_text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def word_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", " ", " ".join([p.text for p in document.paragraphs] + cells))


@pytest.mark.slow
def test_amended_and_signed_in_every_edition_once_confirmed(board: Board, tmp_path: Path) -> None:
    """Local Government Act 1972 Sch 12 para 41: the minutes are signed by the person presiding at the next suitable
    meeting as a correct record, which is the record as that meeting amended it. The pack circulates the draft with
    a block to sign; once confirmed, the PDF, Word and web editions print the agreed words (not those they replace),
    say "as amended", and carry who signed and when; an exempt minute's amended words stay private."""
    confirmed(board)
    assert check(board)[0] == 0, check(board)[1]
    written = build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    assert {"2029-10-10-minutes.pdf", "2029-10-10-minutes-private.pdf", "2029-10-10-minutes.docx"} <= {
        p.name for p in written
    }

    draft = pdf_text(tmp_path / "2030-01-10-public-pack.pdf")  # as circulated for the meeting that confirms them
    assert "Draft minutes, to be confirmed as a correct record." in draft
    assert "The Board receives a budget report at its next meeting." in draft and "in March" not in draft
    assert f"Signed {DOTS} (Chair) Date {DOTS}" in draft
    draft_word = word_text(tmp_path / "2030-01-10-public-docx" / "item-1-2-minutes.docx")
    assert f"Signed {DOTS} (Chair) Date {DOTS}" in draft_word

    signed = pdf_text(tmp_path / "2029-10-10-minutes.pdf")
    assert "Confirmed as a correct record, as amended, at the meeting of 10 January 2030 (minute 1.1)." in signed
    assert "The Board receives the budget report in March." in signed and "at its next meeting" not in signed
    assert "Signed Ann Chair (Chair) Date 10 January 2030" in signed
    assert "Acme" not in signed  # the exempt minute, amended or not, is private
    private = pdf_text(tmp_path / "2029-10-10-minutes-private.pdf")
    assert "awarded to Acme Holdings Limited for £2m" in private and "Acme Limited" not in private
    assert "the budget report in March" in pdf_text(tmp_path / "2029-10-10-decisions.pdf")  # the decision list too
    assert "Acme" not in pdf_text(tmp_path / "2029-10-10-decisions.pdf")

    word = word_text(tmp_path / "2029-10-10-minutes.docx")
    assert "Confirmed as a correct record, as amended, at the meeting of 10 January 2030 (minute 1.1)." in word
    assert "the budget report in March" in word and "at its next meeting" not in word and "Acme" not in word
    assert "Signed Ann Chair (Chair) Date 10 January 2030" in word

    site = build_site(board.root, tmp_path / "site", today=dt.date(2030, 2, 1)).folder
    for page in (site / "2030-01-10" / "item-1-2.html", site / "2030-01-10" / "minutes-2029-10-10.html"):
        text = page_text(page)
        assert "Confirmed as a correct record, as amended, at the meeting of 10 January 2030 (minute 1.1)." in text
        assert "the budget report in March" in text and "at its next meeting" not in text
        assert "Signed Ann Chair (Chair) Date 10 January 2030" in text
    assert not any("Acme" in p.read_text(errors="replace") for p in site.rglob("*.html"))
    assert not any(b"Acme" in p.read_bytes() for p in site.rglob("*.pdf"))

    before = build_site(board.root, tmp_path / "early", today=dt.date(2030, 1, 9)).folder  # not yet confirmed
    text = page_text(before / "2030-01-10" / "item-1-2.html")
    assert "Draft minutes" in text and "at its next meeting" in text and f"Signed {DOTS} (Chair)" in text


def test_the_confirming_minute_records_the_amendments_agreed(board: Board) -> None:
    """Local Government Act 1972 Sch 12 para 41: the confirming meeting's own minute records what it amended; the
    words of an amendment to an exempt minute only in the private minutes."""
    confirmed(board)
    papers = check_repository(board.root)
    doc = minutes_as_known(papers, dt.date(2030, 1, 10), dt.date(2030, 1, 9))
    body = text_of(doc["items"][0]["body"])
    assert (
        "Amendments agreed – Minute 2.1: for \u201ca budget report at its next meeting\u201d read "
        "\u201cthe budget report in March\u201d." in body
    ), body
    assert "Minute 3.1 (an exempt item): amended as the private minutes record." in body and "Acme" not in body


def amending(board: Board, amendment: str) -> tuple[int, list[str]]:
    """Check the January minutes confirming October's with one amendment, written as a block: its minute on line
    10 of the file, the words it replaces on line 11."""
    with_decisions(board)
    fields = re.fullmatch(r"\{minute: (.*), replace: (.*), by: (.*)\}", amendment)
    assert fields is not None
    minute, replace, by = fields.groups()
    board.write(
        "minutes/2030-01-10.yaml",
        CONFIRMING.split("      amendments:")[0]
        + f"      amendments:\n        - minute: {minute}\n          replace: {replace}\n          by: {by}\n",
    )
    return check(board)


def where(message: str) -> str:
    line = 10 if message.startswith("minute:") else 11
    return f"minutes/2030-01-10.yaml:{line}: minute 1.1, confirms.amendment 1, {message}"


@pytest.mark.parametrize(
    ("amendment", "message"),
    [
        (
            '{minute: "2.9", replace: a report, by: the report}',
            "minute: there is no minute 2.9 in the minutes of 2029-10-10 (minutes: 1.1, 2.1, 3.1)",
        ),
        (
            '{minute: "2.1", replace: a budget paper, by: the report}',
            "replace: the words 'a budget paper' are not in minute 2.1 of the minutes of 2029-10-10: copy the words "
            "exactly as circulated",
        ),
        (
            '{minute: "2.1", replace: budget, by: finance}',
            "replace: the words 'budget' are found 2 times in minute 2.1 of the minutes of 2029-10-10: quote enough "
            "words to find them once",
        ),
        (
            '{minute: "2.1", replace: a budget report at the next meeting, by: a budget report at its next meeting}',
            "replace: the words 'a budget report at the next meeting' are not in minute 2.1 of the minutes of "
            "2029-10-10: the agreed words are there already: keep the draft as circulated in the minutes' file, and "
            "the amendment is applied wherever they are printed as confirmed",
        ),
        (  # an exempt minute's words are not repeated in the message
            '{minute: "3.1", replace: Acme Ltd, by: Acme Holdings}',
            "replace: the words to replace are not in minute 3.1 of the minutes of 2029-10-10: copy the words "
            "exactly as circulated",
        ),
    ],
)
def test_check_refuses_an_amendment_that_does_not_apply(board: Board, amendment: str, message: str) -> None:
    """Local Government Act 1972 Sch 12 para 41: what is signed is the record as the meeting amended it, so an
    amendment must say exactly where it applies: a minute of the confirmed minutes, words found there once."""
    code, lines = amending(board, amendment)
    assert code == 2 and lines == [where(message), "1 problem found."], lines


def test_check_refuses_a_string_of_amendments_that_cannot_be_applied(board: Board) -> None:
    """Local Government Act 1972 Sch 12 para 41: amendments written as a note could not be applied to the record
    signed (issue 22, finding 7); check says how to write them."""
    with_decisions(board)
    board.write(
        "minutes/2030-01-10.yaml",
        CONFIRMING.split("      amendments:")[0] + '      amendments: "Minute 2.1: a report should read the report"\n',
    )
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "minutes/2030-01-10.yaml:9: minute 1.1, confirms.amendments: write each amendment agreed as an entry of a "
        "list, {minute, replace, by}: the minute of the confirmed minutes, the words as circulated and the words "
        "agreed, so that they are applied to the confirmed minutes wherever they are printed"
    ), lines


def test_the_one_presiding_at_the_confirming_meeting_signs(board: Board) -> None:
    """Local Government Act 1972 Sch 12 para 41: the minutes are signed by the person presiding at the meeting that
    confirms them: the one noted in the chair, else the body's Chair when present; check refuses minutes that
    confirm others and do not say who presided."""
    confirmed(board)
    board.replace(
        "minutes/2030-01-10.yaml",
        "present: [Ann Chair,",
        'present: [{name: Bea Member, note: "Vice-Chair, in the chair"}, Ann Chair,',
    )
    board.replace("minutes/2030-01-10.yaml", "Bea Member, Cy Member]", "Cy Member]")
    papers = check_repository(board.root)
    signature = minutes_as_known(papers, dt.date(2029, 10, 10), dt.date(2030, 2, 1))["signature"]
    assert signature == ["Signed Bea Member (Chair)", "Date 10 January 2030"]

    board.write("minutes/2030-01-10.yaml", CONFIRMING.replace("[Ann Chair, ", "["))
    code, lines = check(board)
    assert (
        code == 2
        and (
            "minutes/2030-01-10.yaml:2: present: minute 1.1 confirms the minutes of 2029-10-10, which the one presiding "
            "signs as a correct record (Local Government Act 1972 Sch 12 para 41): say who took the chair (`note: Chair` "
            "on their entry under present)"
        )
        in lines
    ), lines


def test_the_signature_block_is_house_style(board: Board) -> None:
    """Local Government Act 1972 Sch 12 para 41: the signed block in the council's own words, from board.yaml."""
    confirmed(board)
    board.replace("board.yaml", "people:\n", 'style: {signature: "Chair: {chair}\\nDated: {date}"}\npeople:\n')
    papers = check_repository(board.root)
    assert minutes_as_known(papers, dt.date(2029, 10, 10), dt.date(2030, 2, 1))["signature"] == [
        "Chair: Ann Chair",
        "Dated: 10 January 2030",
    ]
    assert minutes_as_known(papers, dt.date(2029, 10, 10), dt.date(2030, 1, 9))["signature"] == [
        f"Chair: {DOTS}",
        f"Dated: {DOTS}",
    ]
    board.replace("board.yaml", "Dated: {date}", "Dated: {when}")
    code, lines = check(board)
    assert code == 2 and lines[0] == (
        "board.yaml:5: style.signature: the signature block names {chair} and {date}, and nothing else in braces "
        '("Signed {chair} (Chair)\\nDate {date}"); this one names: {chair}, {when}'
    ), lines


def test_the_example_prints_the_march_minutes_amended_and_signed(example_pack: Path) -> None:
    """Local Government Act 1972 Sch 12 para 41: the example's 15 June meeting confirmed the minutes of 9 March
    with an amendment to minute 2.1 (minute 1.3): its pack circulated the draft with a block to sign, and the
    minutes as confirmed carry the agreed words, say so, and are signed by the Chair of 15 June."""
    pages = PdfReader(example_pack).pages[:12]  # the front sheet, the agenda and the 9 March minutes
    draft = " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in pages)
    assert "Cllr of Gov is important part of the governance structure" in draft
    assert f"Signed {DOTS} (Chair) Date {DOTS}" in draft
    signed = pdf_text(example_pack.parent / "2012-03-09-minutes.pdf")
    assert "Confirmed as a correct record, as amended, at the meeting of 15 June 2012 (minute 1.3)." in signed
    assert "The Council of Governors is an important part of the governance structure" in signed
    assert "Cllr of Gov" not in signed
    assert "Signed Cllr Sam Leaves (Chair) Date 15 June 2012" in signed
