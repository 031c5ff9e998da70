"""`boardpack build` on a small board: meeting choice, literal text, atomic and repeatable output."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.assemble import pick_meeting
from boardpack.checks import check_repository
from boardpack.cli import main
from boardpack.outputs import LOCK

from .conftest import AGENDA, REPO, Board, figure_alts


def build(board: Board, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), *args])
    return result.exit_code, result.output


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def test_build_writes_the_pack_into_build(board: Board) -> None:
    code, output = build(board)
    pdf = board.root / "build" / "2030-01-10-public-pack.pdf"
    lines = output.splitlines()
    assert code == 0 and lines[0] == f"wrote {pdf}"
    assert re.fullmatch(rf"1 file written to {re.escape(str(pdf.parent))} in \d+\.\d s", lines[1]) and len(lines) == 2
    assert "Budget report" in text_of(pdf)
    assert build(board, "--quiet") == (0, "")


def test_next_meeting_else_latest(board: Board) -> None:
    board.write("agendas/2030-04-10.yaml", AGENDA.replace("date: 2030-01-10", "date: 2030-04-10"))
    papers = check_repository(board.root)
    assert pick_meeting(papers, None, dt.date(2030, 1, 10)) == dt.date(2030, 1, 10)
    assert pick_meeting(papers, None, dt.date(2030, 1, 11)) == dt.date(2030, 4, 10)
    assert pick_meeting(papers, None, dt.date(2031, 1, 1)) == dt.date(2030, 4, 10)
    assert pick_meeting(papers, None, dt.date(2001, 1, 1)) == dt.date(2030, 1, 10)


def test_meeting_and_out_options(board: Board, tmp_path: Path) -> None:
    code, output = build(board, "--meeting", "2030-01-10", "--out", str(tmp_path / "packs"))
    assert code == 0 and output.splitlines()[0] == f"wrote {tmp_path / 'packs' / '2030-01-10-public-pack.pdf'}"


def test_unknown_meeting(board: Board) -> None:
    assert build(board, "--meeting", "2030-02-01") == (
        2,
        "command line: --meeting: there is no agenda for 2030-02-01 (agendas/2030-02-01.yaml; meetings: 2030-01-10)\n"
        "1 problem found; nothing was written.\n",
    )


def test_author_text_is_printed_never_run(board: Board) -> None:
    hostile = "#set page(width: 1cm) $x^2$ *star* <b>bold</b> {{ title }} #strong[x] \\#"
    board.replace("cover_sheets/budget.md", "title: Budget report", f"title: '{hostile}'")
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "Body: #pagebreak() $y$ `#raw` {% if x %}")
    board.replace("minutes/2029-10-10.yaml", "The Chair welcomed everyone.", "'Welcome #text(red)[x] $z$'")
    code, output = build(board)
    assert code == 0, output
    pdf = board.root / "build" / "2030-01-10-public-pack.pdf"
    text = " ".join(text_of(pdf).split())
    assert "#set page(width: 1cm) $x^2$ *star*" in text
    assert "{{ title }} #strong[x] \\#" in text
    assert "Body: #pagebreak() $y$ #raw {% if x %}" in text
    assert "Welcome #text(red)[x] $z$" in text
    assert all(page.mediabox.width > 500 for page in PdfReader(pdf).pages)


def test_two_builds_are_byte_identical(board: Board, tmp_path: Path) -> None:
    build(board, "--out", str(tmp_path / "a"))
    build(board, "--out", str(tmp_path / "b"))
    a = (tmp_path / "a" / "2030-01-10-public-pack.pdf").read_bytes()
    assert a == (tmp_path / "b" / "2030-01-10-public-pack.pdf").read_bytes()


def test_failed_build_leaves_the_previous_pack_untouched(board: Board) -> None:
    assert build(board)[0] == 0
    pdf = board.root / "build" / "2030-01-10-public-pack.pdf"
    before = pdf.read_bytes()
    board.replace("cover_sheets/budget.md", "title: Budget report", "title: Changed")
    board.replace("actions.yaml", "owner: Olive Officer", "owner: Nobody")
    assert build(board)[0] == 2
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in pdf.parent.iterdir() if p.name != LOCK) == [pdf.name]


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_images_carry_their_alt_text(board: Board) -> None:
    (board.root / "images").mkdir()
    (board.root / "images" / "chart.png").write_bytes(tiny_png())
    board.replace(
        "cover_sheets/budget.md", "The budget is balanced.", "![Spending by quarter, rising](images/chart.png)"
    )
    code, output = build(board)
    assert code == 0, output
    assert figure_alts(board.root / "build" / "2030-01-10-public-pack.pdf") == ["Spending by quarter, rising"]


def previous_outputs(board: Board) -> dict[str, bytes]:
    """Build once with an exempt item, so that there are two previous outputs."""
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3, public_title: Budget}",
    )
    assert build(board)[0] == 0
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget has changed.")
    folder = board.root / "build"
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != LOCK}


def test_exception_during_render_leaves_previous_outputs(board: Board, monkeypatch) -> None:
    before = previous_outputs(board)
    import boardpack.render.pdf as pdf_module

    calls = []

    def failing_render(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt("interrupted while rendering the private pack")
        return real_render(*args, **kwargs)

    real_render = pdf_module.render_pdf_file
    monkeypatch.setattr(pdf_module, "render_pdf_file", failing_render)
    result = CliRunner().invoke(main, ["build", "--root", str(board.root)])
    assert result.exit_code != 0 and len(calls) == 2  # click reports the interrupt as Aborted!
    assert {p.name: p.read_bytes() for p in (board.root / "build").iterdir() if p.name != LOCK} == before


def test_exception_between_moves_rolls_back(board: Board, monkeypatch) -> None:
    before = previous_outputs(board)
    import os

    import boardpack.outputs as outputs_module

    moves = []
    real_replace = os.replace

    def failing_replace(source, destination):
        if Path(source).parent.name.startswith(".boardpack-"):  # moving a finished output into place
            moves.append(destination)
            if len(moves) == 2:
                raise OSError("disk full")
        return real_replace(source, destination)

    monkeypatch.setattr(outputs_module.os, "replace", failing_replace)
    result = CliRunner().invoke(main, ["build", "--root", str(board.root)])
    assert result.exit_code == 2 and "cannot write the outputs here: disk full" in result.output and len(moves) == 2
    assert {p.name: p.read_bytes() for p in (board.root / "build").iterdir() if p.name != LOCK} == before


def _gone(marker: str, seconds: float = 5.0) -> bool:
    """Whether every process whose command line holds `marker` has ended (within `seconds`)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for folder in Path("/proc").iterdir():
            try:
                if (
                    folder.name.isdigit()
                    and marker in (folder / "cmdline").read_bytes().decode(errors="replace")
                    and (folder / "stat").read_text().split(") ")[-1][:1] != "Z"
                ):
                    alive.append(folder.name)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.1)
    return False


def test_killed_build_leaves_previous_outputs_and_no_temporary_files(board: Board) -> None:
    import signal
    import subprocess
    import sys
    import time

    before = previous_outputs(board)
    for delay in (0.3, 0.6, 0.9):
        process = subprocess.Popen(
            [sys.executable, "-m", "boardpack.cli", "build", "--root", str(board.root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = {
            p.name: p.read_bytes()
            for p in (board.root / "build").iterdir()
            if not p.name.endswith(".partial") and p.name != LOCK
        }
        assert after == before or after.keys() == before.keys(), "a killed build never removes an output"
        if after != before:  # the kill came after the new pack was complete: it must be the whole new pack
            assert all(PdfReader(board.root / "build" / name).pages for name in after)
    assert build(board)[0] == 0
    assert sorted(p.name for p in (board.root / "build").iterdir() if p.name != LOCK) == sorted(before), (
        "stale temporary files removed"
    )


def test_a_killed_build_leaves_no_rendering_process_behind(board: Board) -> None:
    """The private pack renders in a forked process: killing the build (as a clerk's Ctrl-\\ or an OOM
    killer would) must end it too, not leave it waiting for work forever."""
    import signal
    import subprocess
    import time

    previous_outputs(board)  # an exempt item: two packs, the second rendered in a forked process
    process = subprocess.Popen(
        [sys.executable, "-m", "boardpack.cli", "build", "--root", str(board.root), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline, children = time.monotonic() + 20, []
    while not children and time.monotonic() < deadline and process.poll() is None:
        children = [f.name for f in Path("/proc").iterdir() if f.name.isdigit() and _parent(f) == process.pid]
        time.sleep(0.01)
    assert children, "the build forked no rendering process"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _gone(str(board.root)), "a rendering process outlived the killed build"


def _parent(folder: Path) -> int:
    try:
        return int(folder.joinpath("stat").read_text().split(") ")[-1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def test_word_folder_is_replaced_whole_when_an_item_becomes_exempt(board: Board, tmp_path: Path) -> None:
    assert build(board, "--docx", "--out", str(tmp_path))[0] == 0
    public = tmp_path / "2030-01-10-public-docx"
    assert (public / "item-2-1.docx").exists()
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3}",
    )
    assert build(board, "--docx", "--out", str(tmp_path))[0] == 0
    assert not (public / "item-2-1.docx").exists(), "a stale public copy of a now exempt paper"
    assert (tmp_path / "2030-01-10-private-docx" / "item-2-1.docx").exists()


def test_board_restyling_only_its_typst_template_keeps_the_other_templates(board: Board, tmp_path: Path) -> None:
    import shutil

    from .conftest import REPO

    shutil.copytree(REPO / "templates" / "typst", board.root / "templates" / "typst")
    (board.root / "templates" / "typst" / "style.typ").write_text(
        (REPO / "templates" / "typst" / "style.typ").read_text().replace('rgb("#d9d9d9")', 'rgb("#cce0ff")')
    )
    assert build(board, "--docx", "--out", str(tmp_path))[0] == 0
    import pikepdf

    with pikepdf.open(tmp_path / "2030-01-10-public-pack.pdf") as pdf:
        fonts = {str(f.get("/BaseFont")) for page in pdf.pages for f in page.Resources.get("/Font", {}).values()}
    assert any("LiberationSans" in f for f in fonts), fonts
    assert (tmp_path / "2030-01-10-public-docx" / "agenda.docx").exists()


def two_meetings(board: Board, third: bool = False) -> Board:
    board.write(
        "cover_sheets/staffing.md",
        (board.root / "cover_sheets" / "budget.md")
        .read_text()
        .replace("The budget is balanced.", "Staffing is stable."),
    )
    board.write(
        "agendas/2030-04-10.yaml",
        AGENDA.replace("date: 2030-01-10", "date: 2030-04-10").replace(
            "cover_sheets/budget.md", "cover_sheets/staffing.md"
        ),
    )
    if third:  # more packs than two processes: rendered by a pool of processes, each pack in a new one
        board.write("agendas/2030-07-10.yaml", AGENDA.replace("date: 2030-01-10", "date: 2030-07-10"))
    return board


def test_build_all_renders_only_the_packs_whose_sources_changed(board: Board, tmp_path: Path) -> None:
    two_meetings(board)
    out = tmp_path / "out"
    code, output = build(board, "--all", "--out", str(out), "--jobs", "1")
    assert code == 0, output
    assert output.splitlines()[:2] == [
        f"wrote {out / '2030-01-10-public-pack.pdf'}",
        f"wrote {out / '2030-04-10-public-pack.pdf'}",
    ]
    assert output.splitlines()[2].startswith(f"2 packs: 2 rendered, 0 reused (sources unchanged), written to {out} in ")
    first = {name: (out / name).read_bytes() for name in ("2030-01-10-public-pack.pdf", "2030-04-10-public-pack.pdf")}
    assert "Staffing is stable." in text_of(out / "2030-04-10-public-pack.pdf")

    code, output = build(board, "--all", "--out", str(out))
    assert output.splitlines()[2].startswith("2 packs: 0 rendered, 2 reused (sources unchanged)")
    assert {name: (out / name).read_bytes() for name in first} == first

    board.replace("cover_sheets/staffing.md", "Staffing is stable.", "Staffing is short.")
    code, output = build(board, "--all", "--out", str(out))
    assert output.splitlines()[2].startswith("2 packs: 1 rendered, 1 reused (sources unchanged)")
    assert (out / "2030-01-10-public-pack.pdf").read_bytes() == first["2030-01-10-public-pack.pdf"]
    assert "Staffing is short." in text_of(out / "2030-04-10-public-pack.pdf")

    (out / "2030-01-10-public-pack.pdf").write_bytes(b"%PDF- altered by hand")  # never reused: it is not what was built
    code, output = build(board, "--all", "--out", str(out))
    assert output.splitlines()[2].startswith("2 packs: 1 rendered, 1 reused (sources unchanged)")
    assert (out / "2030-01-10-public-pack.pdf").read_bytes() == first["2030-01-10-public-pack.pdf"]

    (board.root / "templates" / "typst").mkdir(parents=True)  # a board's own template: every pack again
    shutil.copytree(REPO / "templates" / "typst", board.root / "templates" / "typst", dirs_exist_ok=True)
    (board.root / "templates" / "typst" / "style.typ").write_text(
        (REPO / "templates" / "typst" / "style.typ").read_text() + "\n// restyled\n"
    )
    code, output = build(board, "--all", "--out", str(out))
    assert output.splitlines()[2].startswith("2 packs: 2 rendered, 0 reused (sources unchanged)"), output


def test_build_all_in_parallel_processes_writes_the_same_bytes(board: Board, tmp_path: Path) -> None:
    two_meetings(board, third=True)
    assert build(board, "--all", "--out", str(tmp_path / "one"), "--jobs", "1")[0] == 0
    code, output = build(board, "--all", "--out", str(tmp_path / "two"), "--jobs", "2")
    assert code == 0, output
    for name in ("2030-01-10-public-pack.pdf", "2030-04-10-public-pack.pdf", "2030-07-10-public-pack.pdf"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_problem_in_a_parallel_render_is_reported_like_any_other(board: Board, tmp_path: Path) -> None:
    two_meetings(board, third=True)
    (board.root / "templates" / "typst").mkdir(parents=True)
    shutil.copytree(REPO / "templates" / "typst", board.root / "templates" / "typst", dirs_exist_ok=True)
    (board.root / "templates" / "typst" / "pack.typ").write_text("#let broken = (\n")
    code, output = build(board, "--all", "--out", str(tmp_path / "out"), "--jobs", "2")
    assert code == 2
    assert output.startswith("templates/typst/pack.typ:1: Typst could not compile the pack: unclosed delimiter")
    assert not (tmp_path / "out" / "2030-01-10-public-pack.pdf").exists()


def command(board: Board, *args: str) -> tuple[int, str]:
    """boardpack in a process of its own, as a clerk runs it (Typst not yet started in it)."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "boardpack.cli", *args, "--root", str(board.root)], capture_output=True, text=True
    )
    return done.returncode, done.stdout + done.stderr


def test_a_meetings_public_and_private_packs_render_at_once_with_the_same_bytes(board: Board, tmp_path: Path) -> None:
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3, public_interest: Disclosure is outweighed.}",
    )
    for jobs in ("1", "2"):
        code, output = command(board, "build", "--out", str(tmp_path / jobs), "--jobs", jobs)
        assert code == 0, output
    for name in ("2030-01-10-public-pack.pdf", "2030-01-10-private-pack.pdf"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
    assert "The budget is balanced." in text_of(tmp_path / "2" / "2030-01-10-private-pack.pdf")
    assert "The budget is balanced." not in text_of(tmp_path / "2" / "2030-01-10-public-pack.pdf")

    (board.root / "templates" / "typst").mkdir(parents=True)
    shutil.copytree(REPO / "templates" / "typst", board.root / "templates" / "typst", dirs_exist_ok=True)
    (board.root / "templates" / "typst" / "pack.typ").write_text("#let broken = (\n")
    code, output = command(board, "build", "--out", str(tmp_path / "broken"), "--jobs", "2")
    assert code == 2 and output.startswith(
        "templates/typst/pack.typ:1: Typst could not compile the pack: unclosed delimiter"
    ), output
    assert not (tmp_path / "broken").exists() or not any((tmp_path / "broken").glob("*.pdf"))


def test_build_all_writes_every_meetings_word_documents_too(board: Board, tmp_path: Path) -> None:
    from docx import Document

    two_meetings(board)
    code, output = build(board, "--all", "--docx", "--out", str(tmp_path / "out"))
    assert code == 0, output
    for date, words in (("2030-01-10", "The budget is balanced."), ("2030-04-10", "Staffing is stable.")):
        folder = tmp_path / "out" / f"{date}-public-docx"
        text = "\n".join(p.text for path in sorted(folder.glob("*.docx")) for p in Document(str(path)).paragraphs)
        assert words in text, date
    assert output.splitlines()[-1].startswith("2 packs: 2 rendered, 0 reused")


def test_build_all_refuses_a_meeting(board: Board) -> None:
    code, output = build(board, "--all", "--meeting", "2030-01-10")
    assert code == 2 and "--all builds every meeting: leave out --meeting" in output
