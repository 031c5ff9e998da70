"""Publishing is all or nothing: a publish killed at any step, or failing on a full disk at any write, leaves the
repository, its tags, records and the output folder as they were, or fully published, and the next run says
which; two publishes at once publish once. (tests/publish_at.py stops a real run at its N-th step.)"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import git
import pytest

from boardpack.publish import Transaction

from .conftest import Board
from .test_exempt import exempt_board
from .test_outputs import snapshot
from .test_publish import IDENTITY, commit

PUBLISH_AT = Path(__file__).with_name("publish_at.py")
PUBLISH = ["publish", "2030-01-10", "--on", "2030-01-02"]


def stop_at(root: Path, mode: str, step: int) -> subprocess.CompletedProcess:
    """`boardpack publish` in a process of its own, stopped at its `step`-th step (0: never)."""
    return subprocess.run(
        [sys.executable, str(PUBLISH_AT), mode, str(step), *PUBLISH, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **IDENTITY},
    )


def state(root: Path) -> dict[str, object]:
    """What a publication changes: the branch's tree, the tags and what they say, the records (public and
    private) and the packs in the output folder."""
    repo = git.Repo(root)
    records = (
        {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "publications").rglob("*"))
            if p.is_file()
        }
        if (root / "publications").exists()
        else {}
    )
    return {
        "tree": repo.head.commit.tree.hexsha,
        "commits": len(list(repo.iter_commits())),
        "tags": {tag.name: (tag.commit.tree.hexsha, tag.tag.message if tag.tag else "") for tag in repo.tags},
        "records": records,
        "status": repo.git.status("--porcelain", "--untracked-files=all"),
        "build": {name: hashlib.sha256(data).hexdigest() for name, data in snapshot(root / "build").items()}
        if (root / "build").exists()
        else {},
    }


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small board with an exempt item (so public and private packs, standard and large print), in git."""
    board = exempt_board(Board(tmp_path_factory.mktemp("transaction") / "board"))
    board.write(".gitignore", "build/\n")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in IDENTITY.items():
            patch.setenv(name, value)
        git.Repo.init(board.root)
        commit(board.root, "The papers of 10 January 2030")
    return board.root


@pytest.fixture(scope="module")
def outcomes(
    unpublished: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, object], dict[str, object], int]:
    """(the state before, the state once fully published, the number of steps publishing takes)."""
    before = state(unpublished)
    whole = tmp_path_factory.mktemp("whole") / "board"
    subprocess.run(["cp", "-a", str(unpublished), str(whole)], check=True)
    done = stop_at(whole, "kill", 0)
    assert done.returncode == 0, done.stdout + done.stderr
    steps = int(done.stderr.rsplit("steps: ", 1)[1])
    return before, state(whole), steps


def copy_of(unpublished: Path, tmp_path: Path) -> Path:
    root = tmp_path / "board"
    tmp_path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", str(unpublished), str(root)], check=True)
    return root


def same_publication(found: dict[str, object], published: dict[str, object]) -> bool:
    """The same publication as a run never stopped (its commit and tag made at another moment, so compared by
    tree, records, tag messages and packs)."""
    return found == published


def settle(root: Path) -> str | None:
    """What the next run does first, alone: settle a publication that was stopped part-way."""
    return Transaction(git.Repo(root)).recover()


@pytest.mark.slow
def test_a_publish_killed_at_any_step_is_undone_or_completed_by_the_next(
    unpublished: Path, outcomes: tuple[dict[str, object], dict[str, object], int], tmp_path: Path
) -> None:
    before, published, steps = outcomes
    assert steps > 20  # the journal, the records, the commit, the tag, every move of the packs
    seen = []
    for step in range(1, steps + 1):
        root = copy_of(unpublished, tmp_path / str(step))
        killed = stop_at(root, "kill", step)
        assert killed.returncode == -9, (step, killed.stderr)
        tagged = bool(state(root)["tags"])
        if tagged and step % 2:  # the clerk publishes again: the publication is completed, and that is all
            again = stop_at(root, "kill", 0)
            assert (
                again.returncode == 0
                and "warning: the publication publish/2030-01-10 was stopped after it was "
                "tagged: its packs are written now, and it is complete"
                in again.stderr
            ), (step, again.stderr)
            assert "published the pack of 2030-01-10 on 2030-01-02" in again.stdout, (step, again.stdout)
            assert state(root) == published, step
            continue
        said = settle(root)
        # Settled, the repository, its records and tags and the output folder are as before, or fully published.
        if tagged:
            assert (
                said == "the publication publish/2030-01-10 was stopped after it was tagged: its packs are "
                "written now, and it is complete"
            ), step
            assert state(root) == published, step
            seen.append("completed")
        else:
            settled = state(root)
            assert {**settled, "build": {}} == {**before, "build": {}}, step
            assert set(settled["build"]) <= set(before["build"]) or not settled["build"], step  # no new pack
            assert said is None or said == (
                "a publication of the papers of 2030-01-10 was stopped part-way; it was "
                "undone, and nothing of it remains"
            ), (step, said)
            seen.append("undone" if said else "nothing")
        # And the next publish publishes it, whole, once.
        again = stop_at(root, "kill", 0)
        assert "Traceback" not in again.stderr, (step, again.stderr)
        assert again.returncode == (2 if tagged else 0), (step, again.stderr)
        assert state(root) == published, step
    assert {"completed", "undone"} <= set(seen), seen


@pytest.mark.slow
def test_a_publish_failing_on_a_full_disk_at_any_write_leaves_everything_as_it_was(
    unpublished: Path, outcomes: tuple[dict[str, object], dict[str, object], int], tmp_path: Path
) -> None:
    before, published, steps = outcomes
    for step in range(1, steps + 1):
        root = copy_of(unpublished, tmp_path / str(step))
        failed = stop_at(root, "full", step)
        after = state(root)
        if failed.returncode == 0:  # the last steps: the tag is made, so the publication stands whole
            assert after == published, step
            continue
        assert failed.returncode == 2 and "Traceback" not in failed.stderr, (step, failed.stderr)
        assert "No space left on device" in failed.stderr and "nothing was published" in failed.stderr, (
            step,
            failed.stderr,
        )
        assert "wrote " not in failed.stdout, step
        assert after == before, step
        # Nothing half-written is left behind either: no temporary record, no journal of the output folder.
        leftovers = [
            p.name
            for p in [*root.rglob("*.partial"), *(root / ".git").glob("boardpack-publish*")]
            if p.name != "boardpack-publish.lock"
        ]
        assert not leftovers, (step, leftovers)
        again = stop_at(root, "full", 0)
        assert again.returncode == 0 and "warning" not in again.stderr, (step, again.stderr)
        assert state(root) == published, step


def test_two_publishes_at_once_publish_once(
    unpublished: Path, tmp_path: Path, outcomes: tuple[dict[str, object], dict[str, object], int]
) -> None:
    _, published, _ = outcomes
    root = copy_of(unpublished, tmp_path)
    results: list[subprocess.CompletedProcess] = []
    runs = [threading.Thread(target=lambda: results.append(stop_at(root, "kill", 0))) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    codes = sorted(result.returncode for result in results)
    assert codes == [0, 2], [r.stderr for r in results]
    loser = next(result for result in results if result.returncode == 2)
    assert "nothing to publish" in loser.stderr and "wrote " not in loser.stdout
    assert state(root) == published


def test_a_board_in_a_folder_of_a_larger_repository_commits_its_record_alone(tmp_path: Path) -> None:
    """Whatever the clerk has staged elsewhere stays staged and out of the publication's commit."""
    top = tmp_path / "council"
    board = exempt_board(Board(top / "boards" / "panel"))
    (top / ".gitignore").write_text("build/\n")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in IDENTITY.items():
            patch.setenv(name, value)
        repo = git.Repo.init(top)
        commit(top, "The council's bodies")
        (top / "notes.txt").write_text("a clerk's work in progress\n")
        repo.git.add("notes.txt")
        done = stop_at(board.root, "kill", 0)
    assert done.returncode == 0, done.stderr
    record = repo.head.commit
    assert [d.b_path for d in record.diff(record.parents[0])] == ["boards/panel/publications/2030-01-10.yaml"]
    assert repo.tags["publish/2030-01-10"].commit == record
    assert repo.git.status("--porcelain") == "A  notes.txt"  # still staged, still the clerk's


@pytest.mark.slow  # a publish killed at each step in turn until its journal is begun
def test_settling_never_takes_off_a_commit_the_publication_did_not_make(unpublished: Path, tmp_path: Path) -> None:
    for step in range(1, 40):  # the first step at which the journal is begun and nothing is committed yet
        root = copy_of(unpublished, tmp_path / str(step))
        assert stop_at(root, "kill", step).returncode == -9
        if (root / ".git" / "boardpack-publish" / "journal.json").exists():
            break
    repo = git.Repo(root)
    assert len(list(repo.iter_commits())) == 1
    (root / "notes.txt").write_text("later work\n")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in IDENTITY.items():
            patch.setenv(name, value)
        commit(root, "Later work, committed after the publish was killed")
    later = repo.head.commit.hexsha
    again = stop_at(root, "kill", 0)
    assert again.returncode == 2 and "the branch has moved since" in again.stderr, again.stderr
    assert repo.head.commit.hexsha == later and (root / "notes.txt").exists()


def test_verify_reads_a_signed_tag(unpublished: Path, tmp_path: Path) -> None:
    """A council that signs its tags (tag.gpgSign, here with an SSH key) still has its packs verified."""
    root = copy_of(unpublished, tmp_path)
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    repo = git.Repo(root)
    with repo.config_writer() as config:
        config.set_value("gpg", "format", "ssh")
        config.set_value("user", "signingkey", str(key) + ".pub")
        config.set_value("tag", "gpgSign", "true")
    assert stop_at(root, "kill", 0).returncode == 0
    assert "-----BEGIN SSH SIGNATURE-----" in repo.tags["publish/2030-01-10"].tag.message
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "boardpack.cli",
            "verify",
            "--root",
            str(root),
            str(root / "build" / "2030-01-10-public-pack.pdf"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and ": unaltered." in done.stdout, done.stdout + done.stderr
