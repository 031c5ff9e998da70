"""Hostile or extreme input ends with a clear message naming the file, exit status 2, and nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from boardpack.build import build_pack
from boardpack.cli import main

from .conftest import Board


@pytest.mark.parametrize("body", ["\n".join("  " * i + "- item" for i in range(300)),
                                  "\n".join("    " * i + "- item" for i in range(300)),
                                  ">" * 300 + " quoted"])
@pytest.mark.parametrize("command", [["check"], ["build", "--docx"]])
def test_markdown_nested_hundreds_deep_is_refused_not_a_traceback(board: Board, tmp_path: Path, body: str,
                                                                  command: list[str]) -> None:
    board.replace("cover_sheets/budget.md", "The budget is balanced.", body)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [*command, "--root", str(board.root), *(["--out", str(out)] if len(command) > 1 else [])])
    assert result.exit_code == 2 and isinstance(result.exception, (SystemExit, type(None)))
    assert result.output.split(": ", 1)[1] == ("Markdown nests too deeply to read (quotes within quotes, lists "
                             "within lists); at most 12 levels can be printed\n1 problem found; nothing was written.\n")
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
    board.replace("cover_sheets/budget.md", "recommendations: The Board notes the report.\n",
                  "...\nrecommendations: The Board notes the report.\n")
    result = CliRunner().invoke(main, ["check", "--root", str(board.root)])
    assert result.output == ("cover_sheets/budget.md:5: a line '...' would end the front matter here and silently drop "
                             "the fields after it: close the front matter with '---' only\n"
                             "1 problem found; nothing was written.\n")


def test_a_boards_broken_templates_are_named_relative_to_its_repository(board: Board, tmp_path: Path) -> None:
    from .conftest import REPO

    for kind in ("typst", "html"):
        (board.root / "templates" / kind).mkdir(parents=True)
        for source in (REPO / "templates" / kind).iterdir():
            (board.root / "templates" / kind / source.name).write_bytes(source.read_bytes())
    board.write("templates/typst/pack.typ", (board.root / "templates/typst/pack.typ").read_text() + "\n#undefined-thing\n")
    board.write("templates/html/index.html", "{% extends 'base.html' %}{% block main %}{{ nothing.here }}{% endblock %}")
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.startswith("templates/typst/pack.typ: Typst could not compile the pack: ")
    board.write("templates/typst/pack.typ", (REPO / "templates/typst/pack.typ").read_text())
    result = CliRunner().invoke(main, ["site", "--root", str(board.root), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.output.startswith("templates/html/index.html:1: the web template could not be rendered: ")
    assert str(board.root) not in result.output
