"""Input that is large or odd gets a clear message and a non-zero status, never a traceback or a hang: a Word
file that inflates to gigabytes, a timetable of a billion working days, dates outside the calendar, a
rendering process that dies."""

from __future__ import annotations

import os
import re
import signal
import struct
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

import boardpack.render.pdf as pdf_module
from boardpack.cli import main
from boardpack.errors import BoardpackError
from boardpack.wordimport.read import MEGABYTE, _read

from .conftest import AGENDA, Board


def run(board: Board, *args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--root", str(board.root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # never a traceback
    return result


# --- a Word file's size and inflation, checked before it is read -------------------------------------------


def word_file(path: Path, document: bytes | None = None, parts: int = 0, zeros: int = 0) -> Path:
    """A small Word report; its text (word/document.xml) replaced by `document` (stored as it is) or by `zeros`
    megabytes of zeros (deflated a megabyte at a time: under a second for 300), with `parts` empty parts more."""
    made = path.with_name("made.docx")
    report = docx.Document()
    report.add_paragraph("The budget is balanced.")
    report.save(str(made))
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml" or document is None and not zeros:
                target.writestr(info, source.read(info))
            elif document is not None:
                target.writestr(info.filename, document, zipfile.ZIP_STORED)
            else:
                with target.open(info.filename, "w") as stream:
                    for _ in range(zeros):
                        stream.write(bytes(MEGABYTE))
        for number in range(parts):
            target.writestr(f"word/extra/part{number}.xml", b"")
    made.unlink()
    return path


def claim(path: Path, name: str, size: int) -> None:
    """Rewrite the size that the zip's central directory declares for `name` (the bytes stay as they are)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length].decode() == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{name} is not in {path}")


def megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


def test_a_zip_bomb_is_refused_before_a_byte_of_it_is_inflated(board: Board, tmp_path: Path, monkeypatch) -> None:
    import mammoth

    monkeypatch.setattr(mammoth, "convert_to_html", lambda *a, **k: pytest.fail("the bomb was read"))
    report = word_file(tmp_path / "bomb.docx", zeros=300)
    assert report.stat().st_size < 3 * MEGABYTE
    with zipfile.ZipFile(report) as archive:
        info = archive.getinfo("word/document.xml")
        inflated = sum(i.file_size for i in archive.infolist())
    started = time.monotonic()
    result = run(board, "import", str(report))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            f"{report}: inflates to {megabytes(inflated)} (at most 200.0 MB): compress its pictures in Word (Picture "
            "Format > Compress Pictures) and save it again"
        ),
        (
            f"{report}: word/document.xml: inflates {info.file_size / info.compress_size:,.0f} times, from "
            f"{megabytes(info.compress_size)} to 300.0 MB (at most 100 times): it is not a document saved from Word"
        ),
        "2 problems found; nothing was written.",
    ]
    assert not (board.root / "cover_sheets" / "bomb.md").exists()


def test_a_part_that_claims_gigabytes_is_refused_by_its_claim(board: Board, tmp_path: Path) -> None:
    report = word_file(tmp_path / "claims.docx")
    claim(report, "word/document.xml", 3_000_000_000)
    with zipfile.ZipFile(report) as archive:
        compressed = archive.getinfo("word/document.xml").compress_size
        inflated = sum(i.file_size for i in archive.infolist())
    result = run(board, "import", str(report))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            f"{report}: inflates to {megabytes(inflated)} (at most 200.0 MB): compress its pictures in Word (Picture Format > "
            "Compress Pictures) and save it again"
        ),
        (
            f"{report}: word/document.xml: inflates {3_000_000_000 / compressed:,.0f} times, from {megabytes(compressed)} "
            "to 2,861.0 MB (at most 100 times): it is not a document saved from Word"
        ),
        "2 problems found; nothing was written.",
    ]


def test_a_part_that_inflates_past_its_claim_is_cut_off_there(board: Board, tmp_path: Path) -> None:
    """The central directory says 100 bytes; the text inflates to 50 MB. Reading stops at the claim (and at the
    limit, whatever the claim)."""
    report = word_file(tmp_path / "understated.docx", zeros=50)
    with zipfile.ZipFile(report) as archive, pytest.raises(BoardpackError) as refused:
        _read(archive, "word/document.xml", limit=MEGABYTE)
    assert [str(p) for p in refused.value.problems] == [
        f"{report}: word/document.xml: inflates to more than 1.0 MB: it is not a document saved from Word"
    ]
    claim(report, "word/document.xml", 100)
    started = time.monotonic()
    result = run(board, "import", str(report))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            f"{report}: could not be read as a Word document (BadZipFile: Bad CRC-32 for file 'word/document.xml'); "
            "save it from Word as .docx"
        ),
        "1 problem found; nothing was written.",
    ]


def test_a_word_file_of_too_many_parts_or_too_much_text_is_refused(board: Board, tmp_path: Path) -> None:
    many = word_file(tmp_path / "many.docx", parts=10_000)
    with zipfile.ZipFile(many) as archive:
        count = len(archive.infolist())
    result = run(board, "import", str(many))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{many}: has {count:,} parts (at most 10,000): it is not a document saved from Word",
        "1 problem found; nothing was written.",
    ]
    text = os.urandom(11 * MEGABYTE).hex().encode()  # 22 MB that does not compress
    long = word_file(tmp_path / "long.docx", document=text)
    result = run(board, "import", str(long))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{long}: word/document.xml: inflates to 22.0 MB (at most 20.0 MB): split the report into smaller ones",
        "1 problem found; nothing was written.",
    ]


def test_a_word_file_too_large_to_be_a_report_is_refused_by_its_size(board: Board, tmp_path: Path) -> None:
    small = word_file(tmp_path / "small.docx").read_bytes()
    large = tmp_path / "large.docx"
    with large.open("wb") as stream:  # 101 MB of nothing (a sparse file) before a Word file: still a zip
        stream.seek(101 * MEGABYTE)
        stream.write(small)
    result = run(board, "import", str(large))
    assert result.exit_code == 2
    assert (
        result.output.splitlines()[0] == f"{large}: is 101.0 MB (at most 100.0 MB): compress its pictures in Word "
        "(Picture Format > Compress Pictures) and save it again"
    )


def test_an_ordinary_word_file_is_still_imported(board: Board, tmp_path: Path) -> None:
    result = run(board, "import", str(word_file(tmp_path / "ordinary.docx")))
    assert result.exit_code == 0, result.output
    assert "The budget is balanced." in (board.root / "cover_sheets" / "ordinary.md").read_text()


# --- the timetable's working days ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["check", "--as-at", "2030-01-05"], ["timeline", "2030-01-10"]])
def test_a_timetable_of_a_billion_working_days_is_refused(board: Board, command: list[str]) -> None:
    board.replace("board.yaml", "people:\n", "timetable: {notice: 1000000000, minutes_draft: 251}\npeople:\n")
    result = run(board, *command)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "board.yaml:5: timetable.minutes_draft: must be at most 250, got the number 251",
        "board.yaml:5: timetable.notice: must be at most 250, got the number 1000000000",
        "2 problems found.",
    ]


def test_a_timetable_of_a_year_of_working_days_is_worked_out(board: Board) -> None:
    board.replace(
        "board.yaml", "people:\n", "timetable: {notice: 250, drafts: 250, finals: 250, minutes_draft: 250}\npeople:\n"
    )
    for date in ("2099-12-31", "1900-01-01"):
        result = run(board, "timeline", date)
        assert result.exit_code == 0, result.output


# --- dates outside the calendar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, named, written",
    [
        (["timeline", "9999-12-31"], "DATE", False),
        (["timeline", "0001-01-01"], "DATE", False),
        (["check", "--as-at", "9999-12-31"], "--as-at", False),
        (["actions", "--as-at", "0001-01-01"], "--as-at", False),
        (["attendance", "--from", "1899-12-31"], "--from", False),
        (["changes", "9999-12-31"], "DATE", False),
        (["new-meeting", "2100-01-01"], "DATE", True),
        (["minutes-draft", "9999-12-31"], "DATE", True),
        (["publish", "9999-12-31"], "DATE", True),
        (["publish", "2030-01-10", "--on", "0001-01-01"], "--on", True),
        (["build", "--meeting", "9999-12-31"], "--meeting", True),
    ],
)
def test_a_date_outside_the_calendar_is_refused_on_the_command_line(
    board: Board, args: list[str], named: str, written: bool
) -> None:
    result = run(board, *args)
    assert result.exit_code == 2
    date = next(arg for arg in args if arg[:1].isdigit() and arg != "2030-01-10")
    assert result.output.splitlines() == [
        f"command line: {named}: {date} is outside the years 1900 to 2099, whose working days boardpack can count",
        f"1 problem found{'; nothing was written' if written else ''}.",
    ]


def test_a_meeting_dated_outside_the_calendar_is_named_by_its_agenda(board: Board) -> None:
    board.write("agendas/2150-01-08.yaml", AGENDA.replace("date: 2030-01-10", "date: 2150-01-08"))
    result = run(board, "check", "--as-at", "2030-01-05")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            "agendas/2150-01-08.yaml: date: 2150-01-08 is outside the years 1900 to 2099, whose working days "
            "boardpack can count"
        ),
        "1 problem found.",
    ]


# --- a rendering process that dies --------------------------------------------------------------------------


def test_a_killed_rendering_process_is_a_problem_naming_its_pack(board: Board, tmp_path: Path, monkeypatch) -> None:
    """The private pack renders in a process forked from the build's; killed (as the OOM killer would), it is
    named, and nothing is written."""
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n        exempt: {paragraph: 3, public_title: Budget, public_interest: Disclosure is outweighed.}",
    )
    parent, render = os.getpid(), pdf_module.render_pdf_file

    def killed_if_forked(pack, templates, workdir, turn=None):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return render(pack, templates, workdir)

    monkeypatch.setattr(pdf_module, "render_pdf_file", killed_if_forked)
    monkeypatch.setattr(pdf_module, "fork_is_safe", lambda: True)
    out = tmp_path / "out"
    result = run(board, "build", "--out", str(out), "--jobs", "2", "--quiet")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            "2030-01-10-private-pack.pdf: the process rendering it ended before it was done (killed, or out of memory): "
            "build again, with --jobs 1 to render one pack at a time"
        ),
        "1 problem found; nothing was written.",
    ]
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_a_killed_process_of_a_pool_is_a_problem_naming_its_pack(board: Board, tmp_path: Path) -> None:
    """More packs than twice the processes: they render in batches in processes forked from a server. One is
    killed from outside while it renders, as the OOM killer would."""
    import threading

    for month in ("03", "04", "05", "06"):
        board.write(f"agendas/2030-{month}-10.yaml", AGENDA.replace("date: 2030-01-10", f"date: 2030-{month}-10"))
    killed: list[int] = []

    def kill_a_renderer() -> None:  # a process whose parent (the fork server) is a child of this one
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            processes = _processes()
            servers = {pid for pid, parent in processes if parent == os.getpid() and _is_fork_server(pid)}
            killed.extend(pid for pid, parent in processes if parent in servers)
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.002)

    killer = threading.Thread(target=kill_a_renderer)
    killer.start()
    out = tmp_path / "out"
    result = run(board, "build", "--all", "--out", str(out), "--jobs", "2", "--quiet")
    killer.join()
    assert killed and result.exit_code == 2, result.output
    problem, summary = result.output.splitlines()
    assert re.fullmatch(
        r"2030-0[1-6]-10-public-pack\.pdf: the process rendering it ended before it was done "
        r"\(killed, or out of memory\): build again, with --jobs 1 to render one pack at a time",
        problem,
    ), problem
    assert summary == "1 problem found; nothing was written."
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_a_killed_process_forked_from_the_build_is_a_problem_naming_its_pack(
    board: Board, tmp_path: Path, monkeypatch
) -> None:
    """More packs than twice the processes, in a build that has not started Typst and runs no other thread: the
    packs render in batches, in processes forked from the build itself (no fork server to start). One dies as it
    renders the first pack of its batch."""
    for month in ("03", "04", "05", "06"):
        board.write(f"agendas/2030-{month}-10.yaml", AGENDA.replace("date: 2030-01-10", f"date: 2030-{month}-10"))
    parent = os.getpid()
    parents: list[int] = []

    def killed_if_forked(pack, templates, workdir, turn=None):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            parents.append(parent)  # the build rendered a pack itself
        elif os.getppid() == parent and pack.filename == "2030-01-10-public-pack.pdf":
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(60)  # the others are still rendering when that one dies, and are ended with the build
        raise AssertionError("not reached")

    monkeypatch.setattr(pdf_module, "render_pdf_file", killed_if_forked)
    monkeypatch.setattr(pdf_module, "fork_is_safe", lambda: True)  # as in a build's own process
    out = tmp_path / "out"
    result = run(board, "build", "--all", "--out", str(out), "--jobs", "2", "--quiet")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        (
            "2030-01-10-public-pack.pdf: the process rendering it ended before it was done (killed, or out of memory): "
            "build again, with --jobs 1 to render one pack at a time"
        ),
        "1 problem found; nothing was written.",
    ]
    assert not out.exists() or not list(out.glob("*.pdf"))
    assert not parents


def _is_fork_server(pid: int) -> bool:
    """Whether a process is multiprocessing's fork server (not, say, the browser's driver, a child too)."""
    try:
        return b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _processes() -> list[tuple[int, int]]:
    """(pid, parent's pid) of every process."""
    found = []
    for folder in Path("/proc").iterdir():
        if folder.name.isdigit():
            try:
                found.append((int(folder.name), int(folder.joinpath("stat").read_text().rsplit(") ", 1)[1].split()[1])))
            except (OSError, ValueError, IndexError):
                continue
    return found
