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
