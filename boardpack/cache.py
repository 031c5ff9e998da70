"""Rendering packs only when they change, and several at once.

A pack's key is a SHA-256 of everything its PDF is made from: the data handed to Typst, the
templates and fonts, the images and foreign PDFs it includes, and the versions of boardpack
and Typst. An output folder's manifest (`.boardpack-manifest.json`, written with the outputs
as part of the same set) records the key of each pack in it. A pack whose key and file are
unchanged is reused, byte for byte; the others are rendered, in parallel processes when
there are several. A shard of a run (`--shard 2/3`) records its packs in a manifest of its own
(`.boardpack-manifest-2-of-3.json`), so that the shards' folders copied together make one
folder whose every pack a later run can reuse: a run reads every manifest in the folder.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

from . import __version__
from .assemble import Pack
from .errors import BoardpackError, Problem
from .outputs import Content, content_sha256
from .pdfs import file_sha256
from .render import pdf
from .templates import Templates, template_set

MANIFEST = ".boardpack-manifest.json"


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def templates_of(pack: Pack, templates: Templates) -> Templates:
    """The templates a pack is rendered with: those of the sources it was assembled from (a published pack's
    are those of its publication's commit)."""

    return templates if pack.root is None or pack.root == templates.root else template_set(pack.root)


@functools.cache
def _versions() -> bytes:
    from importlib.metadata import version

    return f"boardpack {__version__}, typst {version('typst')}".encode()


# Each folder's files as they stand (name, size, inode, time of change) -> its digest
_FOLDERS: dict[tuple[str, tuple[tuple[str, int, int, int], ...]], str] = {}


def folder_digest(folder: Path) -> str:
    """A SHA-256 of every file in `folder` (templates, fonts), by name and content. Remembered while every file has
    the same name, size, inode and time of change, so that a run hashes the fonts (megabytes) once, not once a
    pack."""
    stamp = tuple(
        (path.relative_to(folder).as_posix(), info.st_size, info.st_ino, info.st_mtime_ns)
        for path in _files(folder)
        for info in [path.stat()]
    )
    known = (str(folder.resolve()), stamp)
    if known not in _FOLDERS:
        digest = hashlib.sha256()
        for name, *_ in stamp:
            data = (folder / name).read_bytes()
            digest.update(f"{name}\0{len(data)}\0".encode())
            digest.update(data)
        _FOLDERS[known] = digest.hexdigest()
    return _FOLDERS[known]


def pack_key(pack: Pack, templates: Templates, digests: dict[Path, str] | None = None) -> str:
    """The hash of everything the pack's PDF is made from. `digests` keeps each folder's digest for the rest of a
    run (whose templates do not change while it lasts), so that its files are listed once, not once a pack."""
    templates = templates_of(pack, templates)
    digests = {} if digests is None else digests
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("versions", _versions())
    add("pack", json.dumps(pack.data, sort_keys=True, ensure_ascii=False).encode())
    add("large print", b"yes" if pack.large_print else b"no")
    for kind, folder in (("templates", templates.typst), ("fonts", templates.fonts)):
        if folder not in digests:
            digests[folder] = folder_digest(folder)
        add(kind, digests[folder].encode())
    for name, path in sorted(pack.images.items()):
        add(f"image {name}", Path(path).read_bytes())
    for doc_id, path in sorted(pack.foreign.items()):
        add(f"foreign {doc_id}", file_sha256(Path(path)).encode())
    return digest.hexdigest()


def manifests(folder: Path) -> list[Path]:
    """The manifests in a folder: a whole run's and those of shards (`.boardpack-manifest-2-of-3.json`)."""
    stem, suffix = MANIFEST.rsplit(".", 1)
    return sorted(folder.glob(f"{stem}*.{suffix}")) if folder.is_dir() else []


class Manifest:
    """The packs already in an output folder and their keys; what a run reuses and what it records (in the
    manifest `name`: a shard's own, or the whole run's)."""

    def __init__(self, folder: Path, name: str = MANIFEST) -> None:
        self.folder, self.name = folder, name
        self.old: dict[str, list[dict[str, str]]] = {}  # every manifest's entries for each pack
        for path in manifests(folder):
            try:
                packs = json.loads(path.read_text(encoding="utf-8"))["packs"]
                for pack, entry in packs.items():
                    self.old.setdefault(pack, []).append(entry)
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue
        self.new: dict[str, dict[str, str]] = {}
        self.reused = 0
        self.kept: set[str] = set()  # the packs reused: in the folder already, byte for byte

    def reuse(self, name: str, key: str) -> Path | None:
        """The pack `name`'s file in the folder, if it was made from the same sources and is unaltered."""
        path = self.folder / name
        entries = [e for e in self.old.get(name, []) if isinstance(e, dict) and e.get("key") == key]
        if not entries or not path.is_file() or path.is_symlink():
            return None
        if content_sha256(path) not in {entry.get("sha256") for entry in entries}:
            return None
        self.reused += 1
        self.kept.add(name)
        return path

    def record(self, name: str, key: str, data: Content) -> None:
        self.new[name] = {"key": key, "sha256": content_sha256(data)}

    def carry(self, entries: dict[str, dict[str, str]]) -> None:
        """Record packs left in the folder unread, by their last entries (those of a council's unchanged body)."""
        self.new.update(entries)

    def data(self) -> bytes:
        """The manifest's file, compact and sorted by the C JSON encoder (a council's archive has ~10,000 packs)."""
        return json.dumps({"packs": self.new}, sort_keys=True, separators=(",", ":")).encode()

    def pdfs(
        self,
        packs: dict[str, Pack],
        templates: Templates,
        work: Callable[[], Path],
        jobs: int,
        done: Callable[[], None] | None = None,
    ) -> dict[str, Content]:
        """The PDF of each pack (by its name in the folder): reused where unchanged, else rendered, up to
        `jobs` at once; each is recorded for this run's manifest. `done` is called as each pack is ready."""
        digests: dict[Path, str] = {}
        keys = {name: pack_key(pack, templates, digests) for name, pack in packs.items()}
        found: dict[str, Content] = {}
        for name in packs:
            if (data := self.reuse(name, keys[name])) is not None:
                found[name] = data
                if done is not None:
                    done()
        todo = [name for name in packs if name not in found]
        found.update(zip(todo, render_all([packs[name] for name in todo], templates, work, jobs, done)))
        for name in packs:
            self.record(name, keys[name], found[name])
        return {name: found[name] for name in packs}


def render_all(
    packs: list[Pack], templates: Templates, work: Callable[[], Path], jobs: int, done: Callable[[], None] | None = None
) -> list[Content]:
    """Render packs, up to `jobs` at once in processes of their own, each into a file in its work folder; `done`
    is called as each is rendered. A rendering process that dies (killed, or out of memory) is a problem naming
    the pack it was rendering.

    A meeting's packs render at once only while what Typst is expected to hold for them fits in RENDER_MEMORY
    (see pack_memory): a large meeting's public and private packs are compiled one after the other, each laid in
    while the next compiles (_render_in_turns)."""

    def counted(data: Path) -> Path:
        if done is not None:
            done()
        return data

    chosen = [templates_of(pack, templates) for pack in packs]
    memory = [pack_memory(pack) for pack in packs]
    for path in sorted({Path(path) for pack in packs for path in pack.foreign.values()}):
        file_sha256(path)  # read once here, before the packs are shared out: a meeting's packs share appendices
    if any(pdf.laid_in_apart(pack) for pack in packs):
        pdf.import_foreign()
    few = len(packs) <= 2 * jobs  # one meeting's packs and decision lists
    # In this process, one after the other: unless Typst would be left holding more than RENDER_MEMORY (it does
    # not give back what one compile held before the next), when each renders in a process of its own.
    alone = jobs <= 1 and (sum(memory) <= RENDER_MEMORY or not pdf.fork_is_safe())
    if len(packs) <= 1 or alone or (few and not pdf.fork_is_safe()):
        return [counted(pdf.render_pdf_file(pack, own, work())) for pack, own in zip(packs, chosen)]
    work_list = [(pack, own, work()) for pack, own in zip(packs, chosen)]
    if few and sum(memory) <= RENDER_MEMORY:
        return _render_together(work_list, jobs, counted)
    if len(packs) <= MEETING_PACKS and pdf.fork_is_safe():
        return _render_in_turns(work_list, memory, jobs, counted)
    return _render_in_batches(work_list, memory, jobs, counted)


MEETING_PACKS = 8  # a meeting's packs at most: public and private, standard and large print, its decision lists


def _render_together(work_list: list[Work], jobs: int, counted: Callable[[Path], Path]) -> list[Content]:
    """A meeting's packs (public and private, decision lists): this process renders the first while processes
    forked from it, sharing everything it has read and imported, render the others (all forked before this one
    starts Typst, whose threads a fork would not carry)."""
    results: dict[int, Path] = {}
    count = min(jobs, len(work_list)) - 1
    with _Renderers(multiprocessing.get_context("fork"), work_list, os.getpid()) as renderers:
        for first in range(1, count + 1):
            renderers.start(list(range(first, len(work_list), count)))
        results[0] = counted(pdf.render_pdf_file(*work_list[0]))
        results.update(renderers.finished(counted))
    return [results[index] for index in range(len(work_list))]


def _render_in_turns(
    work_list: list[Work], memory: list[int], jobs: int, counted: Callable[[Path], Path]
) -> list[Content]:
    """A meeting's packs too large for Typst to hold at once: `jobs` processes forked together, the packs dealt out
    largest first, Typst's compiles taking turns (as many at a time as fit RENDER_MEMORY), each in a process that
    ends with it and gives back what Typst held, so that one pack's pages are laid in while the next compiles."""
    context = multiprocessing.get_context("fork")
    sizes = [len(json.dumps(pack.data, ensure_ascii=False)) for pack, _, _ in work_list]
    order = sorted(range(len(work_list)), key=lambda index: -sizes[index])
    with _Renderers(context, work_list, os.getpid(), context.Semaphore(_fitting(memory))) as renderers:
        for dealt in _dealt(order, sizes, jobs):
            renderers.start(dealt)
        results = renderers.finished(counted)
    return [results[index] for index in range(len(work_list))]


def _render_in_batches(
    work_list: list[Work], memory: list[int], jobs: int, counted: Callable[[Path], Path]
) -> list[Content]:
    """Packs in new processes, each ending after a batch of them: Typst keeps everything it has laid out for the
    life of its process, so a long run in one process would grow with every pack; a batch of small packs (a
    council's archive) shares one process's start and what Typst memoises. A batch starts when fewer than `jobs`
    are rendering and what they are expected to hold leaves room for its first pack within RENDER_MEMORY (the first
    batch always starts). The processes are forked from this one while that is safe (it has not started Typst and
    runs no other thread: a build), sharing what it has imported and read; else from a server that has imported
    the renderer (a serving process, whose threads would not survive a fork), which costs that server's start-up."""
    results: dict[int, Path] = {}
    packs = [pack for pack, _, _ in work_list]
    context: Any
    if pdf.fork_is_safe():
        context, parent = multiprocessing.get_context("fork"), os.getpid()
    else:
        context, parent = multiprocessing.get_context("forkserver"), None
        context.set_forkserver_preload(["boardpack.render.pdf", "boardpack.cache"])
    sizes = [len(json.dumps(pack.data, ensure_ascii=False)) for pack in packs]
    # The largest first, and each process an even share of the packs and of their data: a meeting's public and
    # private packs in processes of their own, side by side, its small decision lists after them.
    waiting = sorted(range(len(packs)), key=lambda index: -sizes[index])
    most = min(BATCH_PACKS, -(-len(packs) // jobs))
    share = min(BATCH_DATA, -(-sum(sizes) // jobs))
    with _Renderers(context, work_list, parent) as renderers:
        if sum(memory) <= RENDER_MEMORY and len(packs) <= jobs * BATCH_PACKS and sum(sizes) <= jobs * BATCH_DATA:
            # A meeting's packs, which fit `jobs` batches and RENDER_MEMORY at once: `jobs` processes started
            # together, the packs dealt out largest first, each to the process with the least work so far, so that
            # the processes end together (decision lists waiting for a process of their own, once a pack's had
            # ended, ended the build later).
            for dealt in _dealt(waiting, sizes, jobs):
                renderers.start(dealt)
            waiting = []
        while waiting or renderers.running:
            while waiting and len(renderers.running) < jobs:
                held = sum(memory[i] for _, share in renderers.running.values() for i in share)
                if renderers.running and held + memory[waiting[0]] > RENDER_MEMORY:
                    break  # it starts when a process has ended and left room for it
                renderers.start(_batch(waiting, sizes, most, share))
            results.update(renderers.next_done(counted))
    return [results[index] for index in range(len(packs))]


# What rendering a pack holds: Typst about 0.65 MiB a laid-out page until its compile ends, on some 100 MiB of the
# process's own (benchmarks/RESULTS.md), a page being about 1.7 kB of the JSON it is handed; a page it reserves for
# a foreign page (a stamp on a blank page) about 0.17 MiB. The appendices' streams are not held: they are read
# from their files as the pack is written (render/pdf.py).
RENDER_MEMORY = 1 << 30  # bytes: what a meeting's packs rendered at once may hold between them
PAGE_MEMORY, FOREIGN_PAGE_MEMORY, PROCESS_MEMORY, PAGE_JSON = 680_000, 180_000, 100 << 20, 1_700


def pack_memory(pack: Pack) -> int:
    """The bytes rendering `pack` is expected to hold at its peak, from the data Typst is handed."""
    documents = pack.data.get("documents", [])
    foreign = [page for doc in documents if doc["kind"] == "foreign" for page in doc.get("pages", [])]
    reserved = len(json.dumps(foreign))  # the foreign pages' sizes are in the data, but laid out cheaply
    pages = (len(json.dumps(pack.data, ensure_ascii=False)) - reserved) // PAGE_JSON
    return PROCESS_MEMORY + pages * PAGE_MEMORY + len(foreign) * FOREIGN_PAGE_MEMORY


BATCH_DATA = 500_000  # characters of pack data a rendering process lays out before it ends: about 150 pages
BATCH_PACKS = 25  # packs at most in one process, so that progress is seen


# A pack's own start (its compiler, the fonts read) takes about as long as laying out this much more data
PACK_START = 12_000  # characters (a decision list of 1,200 characters takes a tenth of a 128,000-character pack's time)


def _fitting(memory: list[int]) -> int:
    """How many of the packs Typst may compile at once: the largest that, together, fit RENDER_MEMORY (one at least)."""
    held, count = 0, 0
    for expected in sorted(memory, reverse=True):
        held += expected
        if held > RENDER_MEMORY:
            break
        count += 1
    return max(1, count)


def _dealt(order: list[int], sizes: list[int], jobs: int) -> list[list[int]]:
    """The packs in `order` (largest first) dealt out to at most `jobs` processes, each to the one with the least work
    so far, a pack's work being its data and its start (each process's packs in the order dealt)."""
    shares: list[list[int]] = [[] for _ in range(min(jobs, len(order)))]
    loads = [0] * len(shares)
    for index in order:
        least = loads.index(min(loads))
        shares[least].append(index)
        loads[least] += PACK_START + sizes[index]
    return shares


def _batch(waiting: list[int], sizes: list[int], most: int, limit: int = BATCH_DATA) -> list[int]:
    """The next packs for one process, taken from the front of `waiting`: at least one, and more while their data
    stays within `limit`, never more than `most`."""
    batch = [waiting.pop(0)]
    total = sizes[batch[0]]
    while waiting and len(batch) < most and total + sizes[waiting[0]] <= limit:
        total += sizes[waiting[0]]
        batch.append(waiting.pop(0))
    return batch


# What a rendering process leaves in a pack's work folder: its PDF, or its error (written whole, then moved
# into place, so that a process killed while writing leaves neither).
RENDERED, FAILED = ".boardpack-rendered.pdf", ".boardpack-failed.pickle"

Work = tuple[Pack, Templates, Path]  # a pack, its templates and its work folder


class _Renderers:
    """Rendering processes, each given some of the packs to render in turn: the pack a process died on is
    named (it is known, unlike in a ProcessPoolExecutor, which a dead process leaves broken and, in Python
    3.11, can leave waiting forever), and any still running when the run ends or fails are ended with it."""

    def __init__(self, context: Any, work: list[Work], parent: int | None, turns: Any = None) -> None:
        self.context, self.work, self.parent, self.turns = context, work, parent, turns
        self.running: dict[int, tuple[Any, list[int]]] = {}  # by sentinel: the process and its packs

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        for process, _share in self.running.values():
            process.kill()
            process.join()
        self.running.clear()

    def start(self, share: list[int]) -> None:
        process = self.context.Process(
            target=_render_share, args=([self.work[i] for i in share], self.parent, self.turns), daemon=True
        )
        process.start()
        self.running[process.sentinel] = (process, share)

    def finished(self, counted: Callable[[Path], Path]) -> dict[int, Path]:
        """Wait for every process to end; the PDFs they rendered, by pack (see next_done)."""
        found: dict[int, Path] = {}
        while self.running:
            found.update(self.next_done(counted))
        return found

    def next_done(self, counted: Callable[[Path], Path]) -> dict[int, Path]:
        """Wait for a process to end; the PDFs it rendered, by pack (or its error, or the pack it died on)."""
        found: dict[int, Path] = {}
        ready = multiprocessing.connection.wait(list(self.running))
        for sentinel in [sentinel for sentinel in self.running if sentinel in ready]:
            process, share = self.running.pop(sentinel)
            process.join()
            for index in share:
                pack, _templates, folder = self.work[index]
                if (folder / RENDERED).exists():
                    found[index] = counted(folder / RENDERED)
                elif (folder / FAILED).exists():
                    raise _unpickled((folder / FAILED).read_bytes())
                else:  # the process died rendering this pack (or before it took one)
                    raise BoardpackError(
                        [
                            Problem(
                                pack.filename,
                                0,
                                "",
                                "the process rendering it ended before it "
                                "was done (killed, or out of memory): build again, with --jobs 1 "
                                "to render one pack at a time",
                            )
                        ]
                    )
        return found


def _render_share(share: list[Work], parent: int | None, turns: Any = None) -> None:
    """In a rendering process: render each pack in turn, leaving its PDF (or its error) in its work folder (Typst's
    compiles taking `turns`, when given: see render_all)."""

    _end_with(parent)
    for pack, templates, folder in share:
        try:
            os.replace(pdf.render_pdf_file(pack, templates, folder, turns), folder / RENDERED)
        except Exception as error:  # noqa: BLE001 - handed to the process that reads the results, which raises it
            (folder / f"{FAILED}.partial").write_bytes(_pickled(error))
            os.replace(folder / f"{FAILED}.partial", folder / FAILED)
            return


def _pickled(error: Exception) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:  # noqa: BLE001 - an error that cannot cross processes: its traceback does
        return pickle.dumps(RuntimeError("".join(traceback.format_exception(error))))


def _unpickled(data: bytes) -> Exception:
    error = pickle.loads(data)  # written by _render_share, in this run's own work folder
    assert isinstance(error, Exception)
    return error


def _end_with(parent: int | None) -> None:
    """A rendering process ends when the process that started it does, even if that one is killed
    (Linux: PR_SET_PDEATHSIG), instead of waiting for work forever."""
    if sys.platform == "linux":
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:  # it ended before we asked
        os._exit(1)
