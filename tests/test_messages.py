"""Messages that teach: each mistake an author makes is named in words they use, with its exact text, all in one
pass; paths are read as authors write them (from the Markdown file that names them, as previewers do)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.cli import main

from .conftest import Board, png


def check(board: Board) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    return result.output.splitlines()


def test_independent_problems_in_one_file_are_reported_in_one_pass(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", 'start: "9.40"', "start: 9.40")
    board.replace("agendas/2030-01-10.yaml", "authors: [Olive Officer]", "authors: [Olive Oficer]")
    board.replace("agendas/2030-01-10.yaml", "paper: cover_sheets/budget.md", "paper: cover_sheets/budgte.md")
    assert check(board) == [
        'agendas/2030-01-10.yaml:16: item 2.1, start: times must be quoted strings such as "9.30" or '
        '"10:30": unquoted, YAML read this one as the number 9.4',
        "agendas/2030-01-10.yaml:19: item 2.1, author 1: 'Olive Oficer' is not one of the board's people "
        '(did you mean "Olive Officer"?)',
        "agendas/2030-01-10.yaml:20: item 2.1, paper: 'cover_sheets/budgte.md' does not exist (did you mean "
        "'cover_sheets/budget.md'?)",
        "3 problems found.",
    ]


def test_a_colon_in_text_says_to_quote_it(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "purpose: To note the budget.", "purpose: Budget: to note it")
    assert check(board) == [
        "agendas/2030-01-10.yaml:18: invalid YAML: a colon and a space inside a value (': ') start a new field; put the "
        'value in quotes, as in purpose: "Budget: to note it"',
        "1 problem found.",
    ]


def test_a_tab_says_to_indent_with_spaces(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "        authors: [Olive Officer]", "\tauthors: [Olive Officer]")
    assert check(board) == [
        "agendas/2030-01-10.yaml:19: invalid YAML: this line is indented with a tab; indent with "
        "spaces (YAML does not allow tabs there)",
        "1 problem found.",
    ]


def test_a_non_breaking_space_and_curly_quotes_are_named(board: Board) -> None:
    board.replace(
        "agendas/2030-01-10.yaml", "        authors: [Olive Officer]", "       \u00a0authors: [Olive Officer]"
    )
    assert check(board) == [
        "agendas/2030-01-10.yaml:19: invalid YAML: this line has a non-breaking space (U+00A0, "
        "pasted from Word?) where YAML needs an ordinary space; type the space again",
        "1 problem found.",
    ]
    board.replace(
        "agendas/2030-01-10.yaml", "       \u00a0authors: [Olive Officer]", "        authors: [Olive Officer]"
    )
    board.replace("agendas/2030-01-10.yaml", "purpose: To note the budget.", "purpose: \u201cBudget: to note it\u201d")
    assert check(board) == [
        "agendas/2030-01-10.yaml:18: invalid YAML (mapping values are not allowed in this context): "
        "this line has curly quotes (\u201c \u201d or \u2018 \u2019, pasted from Word?), which YAML "
        "reads as ordinary text; use straight quotes (\" or ')",
        "1 problem found.",
    ]


def test_a_number_or_yes_where_text_belongs_shows_what_was_typed(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", "      - title: Budget report", "      - title: 4.10")
    board.replace("agendas/2030-01-10.yaml", "venue: Room 1", "venue: yes")
    assert check(board) == [
        "agendas/2030-01-10.yaml:3: venue: expected text, got true (typed yes): put it in quotes to keep it as text, "
        'as in "yes"',
        "agendas/2030-01-10.yaml:15: item 2.1, title: expected text, got the number 4.1 (typed 4.10): put it "
        'in quotes to keep it as text, as in "4.10"',
        "2 problems found.",
    ]


def test_paths_are_read_from_the_markdown_file_that_names_them(board: Board, tmp_path: Path) -> None:
    (board.root / "cover_sheets" / "chart.png").write_bytes(png(40, 20, (10, 120, 200)))
    (board.root / "images").mkdir()
    (board.root / "images" / "logo.png").write_bytes(png(20, 20))
    board.replace(
        "cover_sheets/budget.md",
        "The budget is balanced.",
        "The budget is balanced.\n\n![Spending by quarter](chart.png)\n\n![The council's crest](../images/logo.png)"
        "\n\n![The council's crest again](images/logo.png)\n\n![A typo](chrat.png)\n\n![Outside](../../x.png)",
    )
    assert check(board) == [
        "cover_sheets/budget.md:19: image 'chrat.png' does not exist (did you mean 'chart.png'?)",
        "cover_sheets/budget.md:21: image '../../x.png' climbs out of the repository with '..'; give a path inside the "
        "repository",
        "2 problems found.",
    ]
    board.replace("cover_sheets/budget.md", "\n\n![A typo](chrat.png)\n\n![Outside](../../x.png)", "")
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "2030-01-10-public-pack.pdf")
    drawn = [image for page in reader.pages for image in page.images]
    assert {(image.image.width, image.image.height) for image in drawn} == {(20, 20), (40, 20)}
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "crest" not in text and "Spending by quarter" not in text  # drawn, not replaced by their alt text
