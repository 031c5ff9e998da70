"""The output folder: one run at a time, and a reader sees the old outputs or the new, never a mixture.

A run locks the folder (filelock), so a second run waits for it and then refuses with a
clear message. Outputs are written in full into a staging folder beside their destinations.
Before anything already in place is touched, a journal records what will be replaced and
where the old outputs are kept. The old outputs are then set aside and the new ones moved
into place; only when every one has moved does the journal say so and the old ones go.

If a run is killed part-way, the next run in the folder finds the journal, puts the old
outputs back (or, if every new one had moved, keeps the new), and says so. It removes the
staging and work folders of dead runs, and only those: files that are not boardpack's are
never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from filelock import FileLock, Timeout

from .errors import BoardpackError, BoardpackWarning, Problem

LOCK = ".boardpack.lock"
JOURNAL = ".boardpack-journal.partial"
JOURNAL_NEXT = ".boardpack-journal-next.partial"  # a journal being written, renamed over JOURNAL when whole
PREFIX, SUFFIX = ".boardpack-", ".partial"  # every temporary name boardpack makes in an output folder
LOCK_WAIT = 60.0  # seconds a run waits for another to finish writing the same folder


Content = bytes | Path  # an output: its bytes, or a file of this run's work folder that holds them (a large pack)


def content_bytes(content: Content) -> bytes:
    """An output's bytes (a file's read whole)."""
    return content.read_bytes() if isinstance(content, Path) else content


def content_sha256(content: Content) -> str:
    """The SHA-256 of an output's bytes, a file's read a piece at a time."""
    if isinstance(content, bytes):
        return hashlib.sha256(content).hexdigest()
    with content.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def content_size(content: Content) -> int:
    return content.stat().st_size if isinstance(content, Path) else len(content)


def _put(content: Content, path: Path) -> None:
    """Write an output into the staging folder, synced: a file is linked there (it is on the same disk), or
    copied if it cannot be."""
    if isinstance(content, Path):
        try:
            os.link(content, path)
        except OSError:
            shutil.copyfile(content, path)
        with path.open("rb") as stream:
            os.fsync(stream.fileno())
        return
    with path.open("wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


class _Entry(TypedDict):
    """One output in the journal: its name, and the name its old version is kept under (None when it is new)."""

    name: str
    kept: str | None


class _Journal(TypedDict):
    """The journal: "replacing" while outputs are moved into place, "replaced" once every one has moved."""

    state: str
    entries: list[_Entry]


def shown(folder: Path) -> str:
    """A folder as a message prints it: relative to the working folder when inside it."""
    relative = os.path.relpath(folder)
    return str(folder) if relative.startswith("..") else relative


class OutputFolder:
    """A locked output folder: work folders for rendering, and the writing of a complete set of outputs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def work(self) -> Path:
        """A private work folder inside the output folder (the next run removes it if this one dies)."""
        path = self.folder / f"{PREFIX}work-{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
        path.mkdir(mode=0o700)
        return path

    def write(self, files: Mapping[str, Content], fill: Callable[[Path], None] | None = None) -> list[Path]:
        """Write every output, then replace the old ones as one set.

        `files` maps names to contents (bytes, or a file written in a work folder); a name with a folder
        ("2012-06-15-public-docx/agenda.docx") makes that folder an output replaced whole, so no file of an older
        build survives in it.
        `fill`, if given, writes further outputs straight into the staging folder.
        """
        try:
            return self._write(files, fill)
        except OSError as error:
            raise BoardpackError(
                [
                    Problem(
                        shown(self.folder),
                        0,
                        "",
                        f"cannot write the outputs here: "
                        f"{error.strerror or error}; the outputs already there are as they were",
                    )
                ]
            ) from None

    def _write(self, files: Mapping[str, Content], fill: Callable[[Path], None] | None) -> list[Path]:
        staging = self.folder / f"{PREFIX}stage-{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
        staging.mkdir(mode=0o700)
        try:
            for name, content in files.items():
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                _put(content, path)
            if fill is not None:
                fill(staging)
            mask = _umask()
            for path in (staging, *staging.rglob("*")):
                os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)
            self._replace(staging)
        finally:
            _remove(staging)
        return [self.folder / name for name in files if not Path(name).name.startswith(".")]

    def _replace(self, staging: Path) -> None:
        entries: list[_Entry] = []
        for name in sorted(entry.name for entry in staging.iterdir()):
            destination = self.folder / name
            kept = (
                f"{PREFIX}old-{secrets.token_hex(4)}-{name}{SUFFIX}"
                if destination.exists() or destination.is_symlink()
                else None
            )
            entries.append({"name": name, "kept": kept})
        try:
            self._journal("replacing", entries)
            for entry in entries:
                destination = self.folder / entry["name"]
                if entry["kept"] is not None:
                    kept_at = self.folder / entry["kept"]
                    if destination.is_dir() and not destination.is_symlink():
                        os.replace(destination, kept_at)  # a folder cannot be swapped in one step
                    else:
                        os.link(destination, kept_at, follow_symlinks=False)  # a file stays readable until replaced
                os.replace(staging / entry["name"], destination)
            self._journal("replaced", entries)
        except BaseException:
            if not _replaced(self.folder):
                _settle(self.folder)  # put the old set back before the error goes on
                raise
        # If this fails, the new set is in place; the next run removes what is left of the old (a full disk, say).
        with contextlib.suppress(OSError):
            _settle(self.folder)

    def _journal(self, state: str, entries: list[_Entry]) -> None:
        write_atomically(
            self.folder / JOURNAL, json.dumps({"state": state, "entries": entries}), self.folder / JOURNAL_NEXT
        )
        _sync_folder(self.folder)


@contextmanager
def output_folder(folder: Path, wait: float = LOCK_WAIT) -> Iterator[OutputFolder]:
    """Lock `folder` for this run, settle what a killed run left, and clean up after this one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / LOCK, timeout=wait)
        lock.acquire()
    except Timeout:
        raise BoardpackError(
            [
                Problem(
                    shown(folder),
                    0,
                    "",
                    f"another boardpack run is writing to this folder (waited "
                    f"{wait:g} s); try again when it has finished",
                )
            ]
        ) from None
    except OSError as error:
        raise BoardpackError(
            [Problem(shown(folder), 0, "", f"cannot write the outputs here: {error.strerror or error}")]
        ) from None
    try:
        if _settle(folder):
            warnings.warn(
                f"{shown(folder)}: a run that was stopped part-way had begun replacing the outputs here; "
                "the previous outputs are back in place",
                BoardpackWarning,
                stacklevel=3,
            )
        _remove_dead_runs(folder)
        yield OutputFolder(folder)
    finally:
        for entry in folder.glob(f"{PREFIX}work-{os.getpid()}-*{SUFFIX}"):
            _remove(entry)
        lock.release()


def write_atomically(path: Path, content: str | bytes, temporary: Path | None = None) -> None:
    """Write a file whole or not at all: into a temporary file beside it (`.NAME.partial` unless named), synced,
    then renamed over it; a temporary file not written whole (a full disk) is never left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary or path.with_name(f".{path.name}.partial")
    try:
        with temporary.open("wb") as stream:
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _replaced(folder: Path) -> bool:
    """Whether the journal says the new set of outputs is wholly in place."""
    try:
        journal: _Journal = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
        return journal["state"] == "replaced"
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _settle(folder: Path) -> bool:
    """Finish what a journal records: keep a set of outputs that was wholly replaced, else put the old one
    back. True when outputs had to be put back."""
    path = folder / JOURNAL
    if not path.exists():
        return False
    journal: _Journal = json.loads(path.read_text(encoding="utf-8"))
    restored = journal["state"] != "replaced"
    for entry in reversed(journal["entries"]):
        destination = folder / entry["name"]
        kept = folder / entry["kept"] if entry["kept"] else None
        if restored and kept is not None and (kept.exists() or kept.is_symlink()):
            _remove(destination)
            os.replace(kept, destination)
        elif restored and kept is None:
            _remove(destination)  # new beside the old set: it goes
        elif kept is not None:
            _remove(kept)
    path.unlink()
    _sync_folder(folder)
    return restored


def _remove_dead_runs(folder: Path) -> None:
    """Staging and work folders of runs that no longer exist (the lock shows no other run is live here)."""
    for entry in folder.glob(f"{PREFIX}*{SUFFIX}"):
        parts = entry.name[len(PREFIX) :].split("-")
        if parts[0] in ("stage", "work") and len(parts) > 2 and parts[1].isdigit() and not _alive(int(parts[1])):
            _remove(entry)
        elif parts[0] == "old" or entry.name == JOURNAL_NEXT:
            _remove(entry)  # a set-aside output with no journal (settled): nothing refers to it


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier, dead process that had this number: this run has made nothing yet
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove(path: Path) -> None:
    """Remove an output of an earlier run that this run no longer makes: a file, or a folder whole."""
    _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
