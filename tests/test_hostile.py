"""Hostile or extreme input ends with a clear message naming the file, exit status 2, and nothing written."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from boardpack.build import build_pack
from boardpack.cli import main

from .conftest import Board


@pytest.mark.parametrize(
    "body",
    [
        "\n".join("  " * i + "- item" for i in range(300)),
        "\n".join("    " * i + "- item" for i in range(300)),
        ">" * 300 + " quoted",
    ],
)
@pytest.mark.parametrize("command", [["check"], ["build", "--docx"]])
def test_markdown_nested_hundreds_deep_is_refused_not_a_traceback(
    board: Board, tmp_path: Path, body: str, command: list[str]
) -> None:
    board.replace("cover_sheets/budget.md", "The budget is balanced.", body)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, [*command, "--root", str(board.root), *(["--out", str(out)] if len(command) > 1 else [])]
    )
    assert result.exit_code == 2 and isinstance(result.exception, (SystemExit, type(None)))
    assert result.output.split(": ", 1)[1] == (
        "Markdown nests too deeply to read (quotes within quotes, lists "
        "within lists); at most 12 levels can be printed\n1 problem found"
        f"{'' if command == ['check'] else '; nothing was written'}.\n"
    )
    assert int(result.output.split(":")[1]) == 9 + body.count("\n") + 2  # the deepest line
    assert not out.exists()


def test_a_title_longer_than_words_title_property_still_builds(board: Board, tmp_path: Path) -> None:
    title = "A very long agenda item title " * 12
    board.replace("agendas/2030-01-10.yaml", "      - title: Budget report", f"      - title: '{title.strip()}'")
    build_pack(board.root, dt.date(2030, 1, 10), out=tmp_path, docx=True)
    properties = docx.Document(str(tmp_path / "2030-01-10-public-docx" / "item-2-1.docx")).core_properties
    assert len(properties.title) == 255 and properties.title.endswith("…")


def test_a_byte_order_mark_before_the_front_matter_is_accepted(board: Board) -> None:
    path = board.root / "cover_sheets" / "budget.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    board.write("minutes/2029-10-10.yaml", "\ufeff" + (board.root / "minutes" / "2029-10-10.yaml").read_text())
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.exit_code == 0, result.output


def test_a_document_end_marker_inside_front_matter_is_refused(board: Board) -> None:
    board.replace(
        "cover_sheets/budget.md",
        "recommendations: The Board notes the report.\n",
        "...\nrecommendations: The Board notes the report.\n",
    )
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.output == (
        "cover_sheets/budget.md:5: a line '...' would end the front matter here and silently drop "
        "the fields after it: close the front matter with '---' only\n"
        "1 problem found.\n"
    )


def test_a_boards_broken_templates_are_named_relative_to_its_repository(board: Board, tmp_path: Path) -> None:
    from .conftest import REPO

    for kind in ("typst", "html"):
        (board.root / "templates" / kind).mkdir(parents=True)
        for source in (REPO / "templates" / kind).iterdir():
            (board.root / "templates" / kind / source.name).write_bytes(source.read_bytes())
    board.write(
        "templates/typst/pack.typ", (board.root / "templates/typst/pack.typ").read_text() + "\n#undefined-thing\n"
    )
    board.write(
        "templates/html/index.html", "{% extends 'base.html' %}{% block main %}{{ nothing.here }}{% endblock %}"
    )
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = len((board.root / "templates/typst/pack.typ").read_text().splitlines())
    assert result.output.startswith(
        f"templates/typst/pack.typ:{lines}: Typst could not compile the pack: unknown variable"
    )
    board.write("templates/typst/pack.typ", (REPO / "templates/typst/pack.typ").read_text())
    result = CliRunner().invoke(main, ["site", "--root", str(board.root), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.output.startswith("templates/html/index.html:1: the web template could not be rendered: ")
    assert str(board.root) not in result.output


def check_output(board: Board) -> str:
    return CliRunner().invoke(main, ["check", "--root", str(board.root)]).output


def test_direction_overrides_and_invisible_characters_are_refused_in_names_and_titles(board: Board) -> None:
    board.replace("board.yaml", "{name: Olive Officer,", '{name: "Olive \\u202eOfficer",')
    board.replace("agendas/2030-01-10.yaml", "- title: Budget report", '- title: "Budget\\u200b report"')
    board.replace("agendas/2030-01-10.yaml", "authors: [Olive Officer]", 'authors: ["Olive \\u202eOfficer"]')
    board.replace(
        "cover_sheets/budget.md", "responsible_officer: Olive Officer", 'responsible_officer: "Olive \\u202eOfficer"'
    )
    board.replace("minutes/2029-10-10.yaml", "apologies: [Olive Officer]", 'apologies: ["Olive \\u202eOfficer"]')
    board.replace("actions.yaml", "owner: Olive Officer", 'owner: "Olive \\u202eOfficer"')
    board.replace("actions.yaml", "leads: [Olive Officer]", 'leads: ["Olive \\u202eOfficer"]')
    output = check_output(board)
    override = "contains U+202E RIGHT-TO-LEFT OVERRIDE: an invisible character that can change how the text around it reads; remove it"
    assert f"board.yaml:8: person 3, name: {override}" in output
    assert (
        "agendas/2030-01-10.yaml:15: item 2.1, title: contains U+200B ZERO WIDTH SPACE: an invisible "
        "character that can change how the text around it reads; remove it"
    ) in output
    assert f"agendas/2030-01-10.yaml:19: item 2.1, author 1: {override}" in output
    assert f"cover_sheets/budget.md:3: responsible officer 1: {override}" in output
    assert f"actions.yaml:5: action 1, owner: {override}" in output


def test_names_that_differ_only_in_invisible_characters_spaces_or_case_are_one_person(board: Board) -> None:
    board.replace(
        "board.yaml",
        "  - {name: Olive Officer, role: Head of Service}",
        '  - {name: Olive Officer, role: Head of Service}\n  - {name: "olive\\u00a0officer", role: Head of Service}',
    )
    board.replace("agendas/2030-01-10.yaml", "authors: [Olive Officer]", 'authors: ["Olive\\u00a0Officer"]')
    output = check_output(board)
    assert (
        "board.yaml:9: person 4, name: 'olive\u00a0officer' is the same name as \"Olive Officer\" but for invisible "
        "characters, spaces or letter case: one person, listed twice?"
    ) in output
    assert (
        "agendas/2030-01-10.yaml:19: item 2.1, author 1: 'Olive\u00a0Officer' differs from the board's "
        '"Olive Officer" only in invisible characters, spaces or how its accents are encoded (text pasted from '
        "Word?): write it exactly as in board.yaml"
    ) in output


def test_a_time_in_curly_quotes_says_to_use_straight_ones(board: Board) -> None:
    board.replace("agendas/2030-01-10.yaml", 'start: "9.30"\nvenue', "start: “9.30”\nvenue")
    assert check_output(board) == (
        "agendas/2030-01-10.yaml:2: start: “9.30” is written with curly quotes (pasted from "
        'Word?): YAML needs straight ones, as in "9.30"\n1 problem found.\n'
    )


@pytest.mark.parametrize("errno_code", ["ENOSPC", "EROFS", "EACCES"])
def test_an_output_folder_that_cannot_be_written_is_a_clear_error_and_keeps_the_old_outputs(
    board: Board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_code: str
) -> None:
    import errno
    import os

    out = tmp_path / "out"
    build_pack(board.root, dt.date(2030, 1, 10), out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != ".boardpack.lock"}
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is now in deficit.")
    real_fsync = os.fsync

    def failing_fsync(descriptor: int) -> None:
        raise OSError(getattr(errno, errno_code), os.strerror(getattr(errno, errno_code)))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(out)])
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.output == (
        f"{out}: cannot write the outputs here: {os.strerror(getattr(errno, errno_code))}; the "
        "outputs already there are as they were\n1 problem found; nothing was written.\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != ".boardpack.lock"} == before


def attach(board: Board, make) -> None:  # type: ignore[no-untyped-def]
    """Put a PDF made by `make(path)` into the budget paper as its appendix."""
    make(board.attach("Odd", "odd.pdf"))


def pdf_with(path: Path, box: list[float] | None = None, rotate: int = 0, bomb: int = 0) -> None:
    import zlib

    import pikepdf

    with pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=(595, 842))
        if box is not None:
            page.MediaBox = box
        if rotate:
            page.Rotate = rotate
        if bomb:
            compressor = zlib.compressobj(9)
            data = b"".join(compressor.compress(b"\0" * 1_000_000) for _ in range(bomb)) + compressor.flush()
            stream = pikepdf.Stream(pdf, data)
            stream.Filter = pikepdf.Name.FlateDecode
            page.Contents = pdf.make_indirect(stream)
        pdf.save(path)


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda p: pdf_with(p, box=[0, 0, 1_000_000, 1_000_000]),
            "page 1 is 1000000 × 1000000 pt; pages must be between 72 and 14400 pt (1 inch and 200 inches) each way",
        ),
        (
            lambda p: pdf_with(p, box=[0, 0, 0, 0]),
            "page 1 is 0 × 0 pt; pages must be between 72 and 14400 pt (1 inch and 200 inches) each way",
        ),
        (lambda p: pdf_with(p, rotate=45), "page 1 is turned by 45°; a page turns by 90° steps only"),
        (
            lambda p: pdf_with(p, bomb=300),
            "unpacks to more than 256 MB (256 MB read so far): it may be a decompression bomb; supply a plain copy",
        ),
    ],
)
def test_a_foreign_pdf_that_would_cost_too_much_is_refused(board: Board, make, message: str) -> None:  # type: ignore[no-untyped-def]
    attach(board, make)
    assert check_output(board) == (
        f"cover_sheets/budget.md:10: appendix 1, file: 'appendices/odd.pdf' {message}\n1 problem found.\n"
    )


def test_text_read_after_a_refused_deep_nesting_is_read_in_full() -> None:
    """A parse cut short by text nested hundreds deep once left the parser inside a list: every later
    text (the next cover sheet checked, the next report built) came out empty."""
    import boardpack.document.markdown as markdown
    from boardpack.document.markdown import parse_markdown

    # FancyLists' list processors stop short of the recursion limit, where Python-Markdown's own gave out.
    with contextlib.suppress(RecursionError):
        parse_markdown("\n".join("  " * i + "- item" for i in range(300)))
    # Where the recursion gives out varies with the stack; what matters is that no block state is left
    # (inside a list, a paragraph's text was added to nothing and vanished).
    assert markdown._PARSER is None or not markdown._PARSER[0].parser.state
    assert parse_markdown("two words\n") == [{"t": "p", "c": ["two words"]}]
    assert parse_markdown("- one\n- two\n")[0]["t"] == "list"
