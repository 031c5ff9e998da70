"""Start-up: a command imports only the libraries its run uses (benchmarks/RESULTS.md measures what each costs).
Each test runs the command in a fresh interpreter, as a user does, and reads back which modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import Board

RUN = """
import json, sys
from boardpack.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
with open(sys.argv[1], "w") as file:
    json.dump(sorted(sys.modules), file)
"""


def imported(tmp_path: Path, *arguments: str) -> set[str]:
    """The modules a fresh interpreter has imported when the boardpack command `arguments` has run."""
    listing = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUN, str(listing), *arguments], check=True, capture_output=True, env=os.environ
    )
    return set(json.loads(listing.read_text(encoding="utf-8")))


def test_a_check_whose_texts_are_all_in_the_cache_never_imports_python_markdown(board: Board, tmp_path: Path) -> None:
    first = imported(tmp_path, "check", "--root", str(board.root))
    assert {"markdown", "pymdownx"} <= first  # the texts parsed, then kept in .boardpack-cache/
    again = imported(tmp_path, "check", "--root", str(board.root))
    assert not {"markdown", "pymdownx", "markdown_grids"} & again
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced again.")
    assert "markdown" in imported(tmp_path, "check", "--root", str(board.root))  # a changed text is parsed
