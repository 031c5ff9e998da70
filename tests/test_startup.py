"""Start-up: a command imports only the libraries its run uses (benchmarks/RESULTS.md measures what each costs; the
heavy libraries each command imports: test_commands.py).
Each test runs the command in a fresh interpreter, as a user does, and reads back which modules it imported."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from boardpack import pdfs
from boardpack.errors import Problems
from boardpack.load import load_papers
from boardpack.store import Store

from .conftest import Board, make_pdf

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


def _with_appendix(board: Board) -> Path:
    (board.root / "appendices").mkdir()
    appendix = make_pdf(board.root / "appendices" / "figures.pdf", pages=3)
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: Quarterly figures\n    file: appendices/figures.pdf\n---\n# Budget",
    )
    return appendix


@pytest.fixture
def inspected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PDF appendices actually opened (not answered from the cache), by name."""
    opened: list[str] = []
    real = pdfs.inspect_pdf

    def counted(path: Path) -> pdfs.PdfFacts:
        opened.append(path.name)
        return real(path)

    monkeypatch.setattr(pdfs, "inspect_pdf", counted)
    return opened


def test_an_unchanged_pdf_appendix_is_not_opened_again_and_its_facts_are_those_read(
    board: Board, inspected: list[str]
) -> None:
    appendix = _with_appendix(board)
    first = load_papers(board.root, Problems())
    again = load_papers(board.root, Problems())
    assert first is not None and again is not None
    assert inspected == ["figures.pdf"]
    assert again.attachments[appendix].pdf == first.attachments[appendix].pdf == pdfs.inspect_pdf(appendix)
    assert first.attachments[appendix].pdf.pages == ((595.2756, 841.8898),) * 3  # type: ignore[union-attr]
    make_pdf(appendix, pages=2)  # new bytes: opened again
    inspected.clear()
    changed = load_papers(board.root, Problems())
    assert changed is not None and inspected == ["figures.pdf"]
    assert len(changed.attachments[appendix].pdf.pages) == 2  # type: ignore[union-attr]


def test_a_pdf_appendix_with_a_problem_is_opened_every_time_and_a_damaged_entry_is_no_entry(
    board: Board, inspected: list[str]
) -> None:
    appendix = _with_appendix(board)
    appendix.write_bytes(b"%PDF-1.7 truncated")
    load_papers(board.root, Problems())
    load_papers(board.root, Problems())
    assert inspected == ["figures.pdf", "figures.pdf"]
    make_pdf(appendix)
    load_papers(board.root, Problems())
    store = Store(board.root)
    [key] = store.read("pdfs")
    for damaged in ({"tagged": "yes", "pages": [[1, 2]]}, {"tagged": True, "pages": []}, [], {"tagged": True}):
        store.write("pdfs", {key: damaged})
        inspected.clear()
        loaded = load_papers(board.root, Problems())
        assert loaded is not None and inspected == ["figures.pdf"]
        assert loaded.attachments[appendix].pdf == pdfs.inspect_pdf(appendix)


def test_an_appendix_whose_stat_is_as_recorded_is_not_read_again_and_one_rewritten_in_place_is(
    board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    appendix = _with_appendix(board)
    load_papers(board.root, Problems())
    store = Store(board.root)
    stamps = store.read("pdf-stamps")
    assert stamps["sources"][str(appendix.resolve())][4] == hashlib.sha256(appendix.read_bytes()).hexdigest()
    # As if recorded more than RACY after the file last changed (git's racily-clean rule: see pdfs.Stamps).
    store.write("pdf-stamps", stamps | {"began": time.time_ns() + 3 * 10**9})
    read: list[str] = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda file, digest: read.append(file.name) or real(file, digest))
    pdfs._DIGESTS.clear()  # as a new process
    again = load_papers(board.root, Problems())
    assert again is not None and again.attachments[appendix].pdf is not None
    assert read == [] and pdfs.file_sha256(appendix) == stamps["sources"][str(appendix.resolve())][4]
    assert read == []  # the pack's /ID and key know it too
    info = appendix.stat()
    appendix.write_bytes(appendix.read_bytes().replace(b"%\x80\x80\x80\x80", b"%\x81\x81\x81\x81", 1))
    os.utime(appendix, ns=(info.st_atime_ns, info.st_mtime_ns))  # the same size and mtime: its ctime tells
    assert appendix.stat().st_size == info.st_size
    load_papers(board.root, Problems())
    assert str(appendix.resolve()) in read
    now = Store(board.root).read("pdf-stamps")["sources"][str(appendix.resolve())]
    assert now[4] == hashlib.sha256(appendix.read_bytes()).hexdigest() != stamps["sources"][str(appendix.resolve())][4]


def test_a_check_of_unchanged_sources_never_imports_pikepdf(board: Board, tmp_path: Path) -> None:
    _with_appendix(board)
    assert "pikepdf" in imported(tmp_path, "check", "--root", str(board.root))  # the appendix opened, then kept
    assert "pikepdf" not in imported(tmp_path, "check", "--root", str(board.root))


def test_the_build_command_imports_neither_pikepdf_nor_python_markdown_until_it_needs_them() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", "import sys, boardpack.cli, boardpack.build; print(sorted(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert not {"pikepdf", "markdown", "pymdownx", "lxml"} & set(eval(shown))  # noqa: S307 - our own list's repr


def test_the_program_exits_with_its_commands_status_and_output_after_a_quick_exit(board: Board) -> None:
    program = [sys.executable, "-m", "boardpack.cli", "check", "--root", str(board.root)]
    clean = subprocess.run(program, capture_output=True, text=True)
    assert (clean.returncode, clean.stdout, clean.stderr) == (
        0,
        "ok: 1 agendas, 1 cover sheets, 1 minutes checked\n",
        "",
    )
    (board.root / "board.yaml").unlink()
    broken = subprocess.run(program, capture_output=True, text=True)
    assert (broken.returncode, broken.stdout) == (2, "")
    assert broken.stderr.splitlines()[0] == "board.yaml: file is missing"
