"""`boardpack check`: one test per kind of mistake, asserting the exact message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from boardpack.checks import check_repository
from boardpack.cli import main
from boardpack.errors import BoardpackError

from .conftest import Board, make_pdf


def problems(board: Board) -> list[str]:
    with pytest.raises(BoardpackError) as caught:
        check_repository(board.root)
    return [str(p) for p in caught.value.problems]


def test_valid_board_passes(board: Board) -> None:
    papers = check_repository(board.root)
    assert sorted(papers.cover_sheets) == ["cover_sheets/budget.md"]


def test_cli_check_ok(board: Board) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0
    assert result.output == "ok: 1 agendas, 1 cover sheets, 1 minutes checked\n"


def test_missing_required_field(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "responsible_officer: Olive Officer\n", "")
    assert problems(board) == ["cover_sheets/budget.md:2: responsible_officer: required field is missing"]


def test_unknown_field_suggests_the_right_one(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "consultation_record:", "consultation_recrod:")
    assert problems(board) == [
        "cover_sheets/budget.md:2: consultation_record: required field is missing",
        'cover_sheets/budget.md:6: consultation_recrod: unknown field (did you mean "consultation_record"?)',
    ]


def test_wrong_type(board: Board) -> None:
    board.replace("board.yaml", "member: true}", 'member: "maybe"}')
    assert problems(board) == ["board.yaml:6: person 1, member: expected true or false, got 'maybe'"]


def test_unquoted_decimal_time(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", 'start: "9.40"', "start: 9.40")
    assert problems(board) == [
        'agendas/2030-01-10.yaml:16: item 2.1, start: times must be quoted strings such as "9.30" '
        'or "10:30": unquoted, YAML read this one as the number 9.4'
    ]


def test_unquoted_sexagesimal_time(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", 'end: "10.00"', "end: 10:30")
    assert problems(board) == [
        'agendas/2030-01-10.yaml:17: item 2.1, end: times must be quoted strings such as "9.30" '
        'or "10:30": unquoted, YAML read this one as the number 630'
    ]


def test_bad_date(board: Board) -> None:
    board.replace("actions.yaml", "due: 2030-01-10", "due: 10/01/2030")
    assert problems(board) == ["actions.yaml:7: action 1, due: expected a date written YYYY-MM-DD, got '10/01/2030'"]


def test_end_before_start(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", 'end: "10.00"', 'end: "9.00"')
    assert problems(board) == ["agendas/2030-01-10.yaml:17: item 2.1, end: ends at 9.00, not after it starts at 9.40"]


def test_duplicate_key(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "title: Budget report\n", "title: Budget report\ntitle: Other\n")
    assert problems(board) == ["cover_sheets/budget.md:3: title: duplicate key (first given on line 2)"]


def test_unknown_person_with_suggestion(board: Board) -> None:
    board.replace("actions.yaml", "owner: Olive Officer", "owner: P. OSullivan")
    assert problems(board) == [
        "actions.yaml:5: action 1, owner: 'P. OSullivan' is not one of the board's people (did you mean \"Paul O'Sullivan\"?)"
    ]


def test_unknown_author(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "authors: [Olive Officer]", "authors: [Nobody Known]")
    assert problems(board) == [
        "agendas/2030-01-10.yaml:19: item 2.1, author 1: 'Nobody Known' is not one of the board's people "
        "(add them to people in board.yaml)"
    ]


def test_minute_number_that_does_not_exist(board: Board) -> None:
    board.replace("actions.yaml", 'minute: "2.1"', 'minute: "2.7"')
    assert problems(board) == ["actions.yaml:4: action 1, minute: there is no minute 2.7 in minutes/2029-10-10.yaml"]


def test_minutes_that_do_not_exist(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "minutes: 2029-10-10", "minutes: 2029-10-11")
    assert problems(board) == [
        "agendas/2030-01-10.yaml:12: item 1.2, minutes: there are no minutes for 2029-10-11 "
        "(expected minutes/2029-10-11.yaml)"
    ]


def test_paper_missing(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "cover_sheets/budget.md", "cover_sheets/budgte.md")
    assert problems(board) == [
        "agendas/2030-01-10.yaml:20: item 2.1, paper: 'cover_sheets/budgte.md' does not exist (did you mean "
        "'cover_sheets/budget.md'?)"
    ]


def appendix(board: Board, path: str) -> None:
    board.replace(
        "cover_sheets/budget.md", "---\n# Budget", f"appendices:\n  - title: Figures\n    file: {path}\n---\n# Budget"
    )


def test_attachment_missing(board: Board) -> None:
    appendix(board, "appendices/figures.pdf")
    assert problems(board) == ["cover_sheets/budget.md:10: appendix 1, file: 'appendices/figures.pdf' does not exist"]


def test_attachment_climbing_out(board: Board) -> None:
    appendix(board, "../../secret.pdf")  # from cover_sheets/: above the repository
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: '../../secret.pdf' climbs out of the repository with '..'; "
        "give a path inside the repository"
    ]
    board.replace("cover_sheets/budget.md", "file: ../../secret.pdf", "file: ../secret.pdf")  # the repository's root
    assert problems(board) == ["cover_sheets/budget.md:10: appendix 1, file: '../secret.pdf' does not exist"]


def test_attachment_absolute(board: Board) -> None:
    appendix(board, "/etc/passwd")
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: '/etc/passwd' is an absolute path; give a path relative to the file "
        "that names it, or to the repository root"
    ]


def test_attachment_url(board: Board) -> None:
    appendix(board, "https://example.org/x.pdf")
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: 'https://example.org/x.pdf' is a URL; attachments must be files in the repository"
    ]


def test_attachment_symlink_out_of_repository(board: Board, tmp_path: Path) -> None:
    outside = make_pdf(tmp_path / "outside.pdf")
    (board.root / "appendices").mkdir()
    os.symlink(outside, board.root / "appendices" / "link.pdf")
    appendix(board, "appendices/link.pdf")
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: 'appendices/link.pdf' is a link to a file outside the repository"
    ]


def test_attachment_not_a_pdf(board: Board) -> None:
    board.write("appendices/figures.pdf", "just text")
    appendix(board, "appendices/figures.pdf")
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: 'appendices/figures.pdf' is not a PDF file"
    ]


def test_attachment_truncated_pdf(board: Board) -> None:
    (board.root / "appendices").mkdir()
    good = make_pdf(board.root / "appendices" / "whole.pdf").read_bytes()
    (board.root / "appendices" / "figures.pdf").write_bytes(good[: len(good) // 3])
    appendix(board, "appendices/figures.pdf")
    [message] = problems(board)
    assert message.startswith(
        "cover_sheets/budget.md:10: appendix 1, file: 'appendices/figures.pdf' cannot be read as a PDF"
    )
    assert message.endswith("it may be truncated or damaged")


def test_attachment_password_protected(board: Board) -> None:
    (board.root / "appendices").mkdir()
    writer = PdfWriter(clone_from=make_pdf(board.root / "appendices" / "plain.pdf"))
    writer.encrypt("secret")
    writer.write(board.root / "appendices" / "figures.pdf")
    appendix(board, "appendices/figures.pdf")
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: 'appendices/figures.pdf' is password-protected; supply an unprotected copy"
    ]


def test_unknown_tracker(board: Board) -> None:
    board.replace(
        "cover_sheets/budget.md", "---\n# Budget", "appendices:\n  - title: Tracker\n    tracker: fx\n---\n# Budget"
    )
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, tracker: there is no tracker 'fx' in actions.yaml"
    ]


def test_yaml_alias_refused(board: Board) -> None:
    board.write("minutes/2029-10-10.yaml", "date: 2029-10-10\npresent: &p [Ann Chair]\napologies: *p\nitems: []\n")
    assert problems(board) == ["minutes/2029-10-10.yaml:2: YAML anchors (&name) are not allowed; write the value out"]


def test_billion_laughs_refused_quickly(board: Board) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)
    ]
    board.write("board.yaml", "\n".join(lines) + "\n")
    assert problems(board)[0] == "board.yaml:1: YAML anchors (&name) are not allowed; write the value out"


def test_python_tag_refused(board: Board) -> None:
    board.replace("board.yaml", "name: Test Trust Board", 'name: !!python/object/apply:os.system ["touch pwned"]')
    assert problems(board) == ["board.yaml:1: name: YAML tag !!python/object/apply:os.system is not allowed"]
    assert not (board.root / "pwned").exists()


def test_deep_nesting_refused(board: Board) -> None:
    board.write("actions.yaml", "actions: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems(board) == ["actions.yaml:1: nesting deeper than 40 levels is not allowed"]


def test_duplicate_action_id(board: Board) -> None:
    text = (board.root / "actions.yaml").read_text()
    action = text.split("trackers:")[0].removeprefix("actions:\n")
    board.replace("actions.yaml", "trackers:", action + "trackers:")
    assert problems(board) == ["actions.yaml:9: action 2, id: duplicate action id 'A1'"]


def test_update_before_action_was_raised(board: Board) -> None:
    board.replace(
        "actions.yaml",
        "    status: open\ntrackers:",
        "    status: open\n    updates:\n      - {date: 2029-09-01, text: Early.}\ntrackers:",
    )
    assert problems(board) == [
        "actions.yaml:10: action 1, update 1, date: update dated 2029-09-01 is before the action was raised on 2029-10-10"
    ]


def test_closed_without_an_update(board: Board) -> None:
    board.replace("actions.yaml", "    status: open\ntrackers:", "    status: done\ntrackers:")
    assert problems(board) == ["actions.yaml:8: action 1, status: done with no update saying why; add an update"]


def test_status_outside_allowed_set(board: Board) -> None:
    board.replace("actions.yaml", "    status: open\ntrackers:", "    status: finished\ntrackers:")
    assert problems(board) == [
        "actions.yaml:8: action 1, status: expected one of 'open', 'done' or 'dropped', got 'finished'"
    ]


def test_every_problem_reported_at_once_and_build_writes_nothing(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "responsible_officer: Olive Officer\n", "")
    board.replace("actions.yaml", "owner: Olive Officer", "owner: Nobody")
    out = board.root / "build"
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(out)])
    assert result.exit_code == 2
    assert result.output == (
        "actions.yaml:5: action 1, owner: 'Nobody' is not one of the board's people (add them to people in board.yaml)\n"
        "cover_sheets/budget.md:2: responsible_officer: required field is missing\n"
        "2 problems found; nothing was written.\n"
    )
    assert not out.exists()


def test_image_without_alt_text(board: Board) -> None:
    (board.root / "images").mkdir()
    (board.root / "images" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    board.replace(
        "cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced.\n\n![](images/chart.png)"
    )
    assert problems(board) == [
        "cover_sheets/budget.md:13: image 'images/chart.png' has no alt text: write ![what the image shows](images/chart.png)"
    ]


def test_image_outside_the_repository(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "![passwords](/etc/passwd)")
    assert problems(board) == [
        "cover_sheets/budget.md:11: image '/etc/passwd' is an absolute path; give a path relative to the file that names "
        "it, or to the repository root"
    ]


def test_javascript_link(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "purpose: To note the budget.", "purpose: '[click](javascript:alert(1))'")
    assert problems(board) == [
        "agendas/2030-01-10.yaml:18: item 2.1, purpose: link to 'javascript:alert(1)' is not allowed: "
        "links must start with https://, http:// or mailto:"
    ]


def test_raw_html(board: Board) -> None:
    board.replace(
        "minutes/2029-10-10.yaml",
        "The Chair welcomed everyone.",
        "The Chair <script>alert(1)</script> welcomed everyone.",
    )
    assert problems(board) == [
        "minutes/2029-10-10.yaml:9: minute 1.1, body: raw HTML '</script>' is not allowed in Markdown",
        "minutes/2029-10-10.yaml:9: minute 1.1, body: raw HTML '<script>' is not allowed in Markdown",
    ]


def test_duplicate_tracker_row_id(board: Board) -> None:
    text = (board.root / "actions.yaml").read_text()
    row = text.split("    rows:\n")[1]
    board.write("actions.yaml", text + row)
    assert problems(board) == ["actions.yaml:22: tracker 1, row 2, id: duplicate row id 'R1'"]


def test_tracker_row_closed_without_an_update(board: Board) -> None:
    board.replace(
        "actions.yaml",
        "        status: open\n        rag: amber\n        updates:\n          - {date: 2029-12-01, text: Planning under way.}\n",
        "        status: dropped\n        rag: amber\n",
    )
    assert problems(board) == [
        "actions.yaml:18: tracker 1, row 1, status: dropped with no update saying why; add an update"
    ]


def test_unknown_tracker_on_the_agenda(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "        paper: cover_sheets/budget.md", "        tracker: tff")
    assert problems(board) == [
        "agendas/2030-01-10.yaml:20: item 2.1, tracker: there is no tracker 'tff' in actions.yaml (did you mean \"tf\"?)"
    ]


def test_exempt_maybe_is_a_wrong_type(board: Board) -> None:
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        '        paper: cover_sheets/budget.md\n        exempt: "maybe"',
    )
    assert problems(board) == [
        "agendas/2030-01-10.yaml:21: item 2.1, exempt: expected a mapping of fields, got 'maybe'"
    ]


def test_exempt_paragraph_outside_schedule_12a(board: Board) -> None:
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 9}",
    )
    assert problems(board) == [
        "agendas/2030-01-10.yaml:21: item 2.1, exempt.paragraph: must be at most 7, got the number 9"
    ]


def test_exempt_then_public_is_a_duplicate_key_never_public(board: Board) -> None:
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3}\n        exempt: null",
    )
    assert problems(board) == ["agendas/2030-01-10.yaml:22: item 2.1, exempt: duplicate key (first given on line 21)"]


def test_attachment_empty_file(board: Board) -> None:
    board.write("appendices/figures.pdf", "")
    appendix(board, "appendices/figures.pdf")
    assert problems(board) == [
        "cover_sheets/budget.md:10: appendix 1, file: 'appendices/figures.pdf' is not a PDF file"
    ]


def test_remote_image(board: Board) -> None:
    board.replace(
        "cover_sheets/budget.md", "The budget is balanced.", "![chart](https://tracker.example.org/pixel.png)"
    )
    assert problems(board) == [
        "cover_sheets/budget.md:11: image 'https://tracker.example.org/pixel.png' is a URL; attachments must be files in the repository"
    ]


def test_file_link(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "See [the file](file:///etc/passwd).")
    assert problems(board) == [
        "cover_sheets/budget.md:11: link to 'file:///etc/passwd' is not allowed: links must start with https://, http:// or mailto:"
    ]


def test_date_with_a_time_is_refused(board: Board) -> None:
    board.replace("actions.yaml", "due: 2030-01-10", "due: 2030-01-10 10:00:00")
    assert problems(board) == ["actions.yaml:7: action 1, due: expected a date written YYYY-MM-DD, not a date and time"]


def test_unknown_field_with_a_hyphen(board: Board) -> None:
    board.replace(
        "cover_sheets/budget.md",
        "impact_on_child_poverty: None directly.\n",
        "impact-on-child-poverty: None directly.\n",
    )
    assert problems(board) == [
        'cover_sheets/budget.md:7: impact-on-child-poverty: unknown field (did you mean "impact_on_child_poverty"?)'
    ]


@pytest.mark.parametrize("paper", ["./cover_sheets/budget.md", "cover_sheets/sub/budget.md", "appendices/budget.md"])
def test_paper_must_be_a_cover_sheet_file(board: Board, paper: str) -> None:
    board.replace("agendas/2030-01-10.yaml", "paper: cover_sheets/budget.md", f"paper: {paper}")
    assert problems(board) == [
        f"agendas/2030-01-10.yaml:20: item 2.1, paper: '{paper}' is not a cover sheet: "
        "write cover_sheets/NAME.md (a file directly in cover_sheets/)"
    ]


def test_control_character(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget\vis balanced.")
    assert problems(board) == ["cover_sheets/budget.md:11: contains the control character U+000B; remove it"]


def test_empty_heading(board: Board) -> None:
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "##\n\nThe budget is balanced.")
    assert problems(board) == ["cover_sheets/budget.md:11: a heading has no text"]


def test_language_must_be_a_language_tag(board: Board) -> None:
    board.replace("board.yaml", "front_sheet_title: Test Trust", "front_sheet_title: Test Trust\nlanguage: english")
    assert problems(board) == ["board.yaml:3: language: 'english' is not in the expected form"]


def test_action_description_is_checked_as_markdown(board: Board) -> None:
    board.replace(
        "actions.yaml", "description: Bring the budget report to the next meeting.", "description: '![](board.yaml)'"
    )
    assert problems(board) == [
        "actions.yaml:6: action 1, description: image 'board.yaml' has no alt text: write ![what the image shows](board.yaml)",
        "actions.yaml:6: action 1, description: image 'board.yaml' is not a PNG, JPEG or GIF file",
    ]


def test_svg_images_are_refused(board: Board) -> None:
    board.write("images/plan.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "![Plan](images/plan.svg)")
    assert problems(board) == ["cover_sheets/budget.md:11: image 'images/plan.svg' is not a PNG, JPEG or GIF file"]


def test_markdown_that_would_take_too_long_to_parse(board: Board) -> None:
    import time

    board.replace("cover_sheets/budget.md", "The budget is balanced.", "[" * 20000)
    started = time.perf_counter()
    assert problems(board) == [
        "cover_sheets/budget.md:11: a paragraph has 20000 '[' characters (at most 1000); "
        "Markdown would take too long to read it"
    ]
    assert time.perf_counter() - started < 5


def test_source_file_linked_from_outside_the_repository(board: Board, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((board.root / "minutes" / "2029-10-10.yaml").read_text())
    (board.root / "minutes" / "2029-10-10.yaml").unlink()
    os.symlink(outside, board.root / "minutes" / "2029-10-10.yaml")
    assert problems(board) == ["minutes/2029-10-10.yaml: is a link to a file outside the repository"]


def test_a_break_is_not_numbered_in_checks_messages(board: Board) -> None:
    """Local Government Act 1972 s.100B(4)(a) and s.100B(3): a problem with an item is reported by the number the
    agenda prints (and the public inspects), so a break for refreshments, which has no number, does not shift the
    items after it: the budget report stays "item 2.1", never "section 3, item 1"."""
    board.replace(
        "agendas/2030-01-10.yaml",
        "  - heading: Reports\n",
        '  - heading: Refreshments\n    break: true\n    start: "9.35"\n  - heading: Reports\n',
    )
    board.replace("agendas/2030-01-10.yaml", "paper: cover_sheets/budget.md", "paper: cover_sheets/missing.md")
    assert problems(board) == [
        "agendas/2030-01-10.yaml:23: item 2.1, paper: 'cover_sheets/missing.md' does not exist (did you mean "
        "'cover_sheets/budget.md'?)"
    ]
