"""The output folder: one run at a time, and old outputs or new ones, never a mixture, whenever a run
is killed (tests/kill_at.py kills a real run at every step of writing its outputs)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest

from boardpack.outputs import JOURNAL, LOCK, output_folder

from .conftest import Board

KILL_AT = Path(__file__).with_name("kill_at.py")


# Pagefind writes its filter and metadata indexes, and the entry file naming them, in an order that varies from one
# run to the next (upstream: Pagefind/pagefind#638); the rest of its index, and of the site, is the same bytes.
UNSTABLE = re.compile(r"(^|/)pagefind/(filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output a reader sees in a folder, files within output folders too: not boardpack's lock,
    journal or staging and work folders (hidden names that no reader opens). A search index's files that vary from
    run to run are read as one entry: whether the index is whole (its entry file names metadata that is there)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        top = path.relative_to(folder).parts[0]
        name = path.relative_to(folder).as_posix()
        if path.is_file() and top != LOCK and not top.startswith(".boardpack-"):
            if UNSTABLE.search(name):
                continue
            found[name] = path.read_bytes()
    for entry in sorted(folder.rglob("pagefind/pagefind-entry.json")):
        if entry.relative_to(folder).parts[0].startswith(".boardpack-"):
            continue  # a staging folder's, which no reader opens
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        whole = all((entry.parent / f"pagefind.{info['hash']}.pf_meta").is_file() for info in languages.values())
        pages = sum(info["page_count"] for info in languages.values())
        state = "whole" if whole else "broken"
        found[entry.parent.relative_to(folder).as_posix() + "/(index)"] = f"{state}, {pages} pages".encode()
    return found


def leftovers(folder: Path) -> list[str]:
    """boardpack's temporary names in a folder, other than its lock."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".boardpack-"))


def run(*arguments: str, kill_at: int = 0, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """boardpack in a process of its own, killed (SIGKILL) at its `kill_at`-th step of writing outputs."""
    return subprocess.run(
        [sys.executable, str(KILL_AT), str(kill_at), *arguments], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_a_run_killed_part_way_is_settled_by_the_next_and_unrelated_files_are_left(
    board: Board, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", "--root", str(board.root), "--out", str(out)).returncode == 0
    old = snapshot(out)
    (out / ".notes.partial").write_text("not boardpack's")
    (out / "2030-01-10-public-pack.pdf").rename(out / ".boardpack-old-ab12-2030-01-10-public-pack.pdf.partial")
    (out / "2030-01-10-public-pack.pdf").write_bytes(b"%PDF- the new pack, moved in before the kill")
    (out / JOURNAL).write_text(
        json.dumps(
            {
                "state": "replacing",
                "entries": [
                    {
                        "name": "2030-01-10-public-pack.pdf",
                        "kept": ".boardpack-old-ab12-2030-01-10-public-pack.pdf.partial",
                    },
                    {"name": "2030-01-10-private-pack.pdf", "kept": None},
                ],
            }
        )
    )
    (out / "2030-01-10-private-pack.pdf").write_bytes(b"%PDF- a new private pack beside the old public one")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / f".boardpack-stage-{dead.stdout.strip()}-0000.partial" / "sub").mkdir(parents=True)
    (out / f".boardpack-work-{dead.stdout.strip()}-0000.partial").mkdir()
    with pytest.warns(UserWarning, match="the previous outputs are back in place"), output_folder(out):
        pass
    assert snapshot(out) == {**old, ".notes.partial": b"not boardpack's"}
    assert sorted(p.name for p in out.iterdir()) == sorted([LOCK, ".notes.partial", *old])


def test_a_second_run_waits_for_the_first_then_refuses_with_a_clear_message(board: Board, tmp_path: Path) -> None:
    out = tmp_path / "out"
    released = threading.Event()

    def hold() -> None:
        with output_folder(out):
            released.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.3)
    from boardpack.errors import BoardpackError

    with pytest.raises(BoardpackError) as refused, output_folder(out, wait=0.5):
        pass
    released.set()
    holder.join()
    assert str(refused.value) == (
        f"{out}: another boardpack run is writing to this folder (waited 0.5 s); try again when it has finished"
    )


@pytest.mark.slow
@pytest.mark.parametrize("command", [["build"], ["build", "--docx"], ["site"]])
def test_killed_at_every_step_of_writing_a_reader_sees_the_old_outputs_or_the_new(
    board: Board, tmp_path: Path, command: list[str]
) -> None:
    """Kill a real run (SIGKILL) at each step of writing its outputs in turn; at each kill the folder holds
    the old set, the new set, or a journal from which the next run restores the old set (and says so)."""
    out = tmp_path / "out"
    target = ["--out", str(out / "site")] if command == ["site"] else ["--out", str(out)]
    assert run(*command, "--root", str(board.root), *target).returncode == 0
    old = snapshot(out)
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is now in deficit.")
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n      - title: Staffing\n        authors: [Olive Officer]\n"
        "        exempt: {paragraph: 1}\n",
    )  # the new set gains a private pack
    step = 0
    while True:
        step += 1
        result = run(*command, "--root", str(board.root), *target, kill_at=step)
        if result.returncode == 0:
            break  # the run finished before its `step`-th step: every step has been tried
        assert result.returncode == -9, result.stderr
        seen = snapshot(out)
        journal = (out / JOURNAL).exists()
        if not journal:
            assert seen in (old, new_set(board, command, target, tmp_path)), f"a mixture after a kill at step {step}"
        replacing = journal and json.loads((out / JOURNAL).read_text())["state"] == "replacing"
        assert run("check", "--root", str(board.root)).returncode == 0
        assert snapshot(out) == seen, "check, which only reads, changed the outputs"
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            with output_folder(out):
                pass
        after = snapshot(out)
        assert [str(w.message).endswith("the previous outputs are back in place") for w in said] == (
            [True] if replacing else []
        ), f"what the next run said after a kill at step {step}"
        if replacing:
            assert after == old
        assert leftovers(out) == [], f"temporary files left after settling a kill at step {step}"
        assert after in (old, new_set(board, command, target, tmp_path)), f"not settled after a kill at step {step}"
        # put the old set back for the next kill
        if after != old:
            restore(out, old)
    assert step > 5, "the kills reached the writing steps"
    assert snapshot(out) == new_set(board, command, target, tmp_path)


_NEW: dict[str, dict[str, bytes]] = {}


def new_set(board: Board, command: list[str], target: list[str], tmp_path: Path) -> dict[str, bytes]:
    """The outputs of a complete run of the same command on the changed sources (built once, elsewhere)."""
    key = " ".join(command)
    if key not in _NEW:
        elsewhere = tmp_path / f"reference-{len(_NEW)}"
        moved = ["--out", str(elsewhere / "site")] if command == ["site"] else ["--out", str(elsewhere)]
        assert run(*command, "--root", str(board.root), *moved).returncode == 0
        _NEW[key] = snapshot(elsewhere)
    return _NEW[key]


def restore(out: Path, files: dict[str, bytes]) -> None:
    import shutil

    for path in out.iterdir():
        if path.name != LOCK:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name, content in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(content)
