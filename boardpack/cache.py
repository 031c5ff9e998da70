"""Rendering packs only when they change, and several at once.

A pack's key is a SHA-256 of everything its PDF is made from: the data handed to Typst, the
templates and fonts, the images and foreign PDFs it includes, and the versions of boardpack
and Typst. An output folder's manifest (`.boardpack-manifest.json`, written with the outputs
as part of the same set) records the key of each pack in it. A pack whose key and file are
unchanged is reused, byte for byte; the others are rendered, in parallel processes when
there are several.
"""

from __future__ import annotations

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
from .render import pdf
from .templates import Templates, template_set

MANIFEST = ".boardpack-manifest.json"


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def templates_of(pack: Pack, templates: Templates) -> Templates:
    """The templates a pack is rendered with: those of the sources it was assembled from (a published pack's
    are those of its publication's commit)."""

    return templates if pack.root is None or pack.root == templates.root else template_set(pack.root)


def pack_key(pack: Pack, templates: Templates) -> str:
    """The hash of everything the pack's PDF is made from."""
    from importlib.metadata import version

    templates = templates_of(pack, templates)
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("versions", f"boardpack {__version__}, typst {version('typst')}".encode())
    add("pack", json.dumps(pack.data, sort_keys=True, ensure_ascii=False).encode())
    add("large print", b"yes" if pack.large_print else b"no")
    for folder in (templates.typst, templates.fonts):
        for path in _files(folder):
            add(f"template {path.relative_to(folder).as_posix()}", path.read_bytes())
    for name, path in sorted(pack.images.items()):
        add(f"image {name}", Path(path).read_bytes())
    for doc_id, path in sorted(pack.foreign.items()):
        add(f"foreign {doc_id}", Path(path).read_bytes())
    return digest.hexdigest()


class Manifest:
    """The packs already in an output folder and their keys; what a run reuses and what it records."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.old: dict[str, dict[str, str]] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["packs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.old = {}
        self.new: dict[str, dict[str, str]] = {}
        self.reused = 0

    def reuse(self, name: str, key: str) -> Path | None:
        """The pack `name`'s file in the folder, if it was made from the same sources and is unaltered."""
        entry = self.old.get(name)
        path = self.folder / name
        if not entry or entry.get("key") != key or not path.is_file() or path.is_symlink():
            return None
        if content_sha256(path) != entry.get("sha256"):
            return None
        self.reused += 1
        return path

    def record(self, name: str, key: str, data: Content) -> None:
        self.new[name] = {"key": key, "sha256": content_sha256(data)}

    def data(self) -> bytes:
        return json.dumps({"packs": dict(sorted(self.new.items()))}, indent=1).encode()

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
        keys = {name: pack_key(pack, templates) for name, pack in packs.items()}
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
    (see pack_memory): a large meeting's public and private packs render one after the other."""

    def counted(data: Path) -> Path:
        if done is not None:
            done()
        return data

    chosen = [templates_of(pack, templates) for pack in packs]
    memory = [pack_memory(pack) for pack in packs]
    few = len(packs) <= 2 * jobs  # one meeting's packs and decision lists
    # In this process, one after the other: unless Typst would be left holding more than RENDER_MEMORY (it does
    # not give back what one compile held before the next), when each renders in a process of its own.
    alone = jobs <= 1 and (sum(memory) <= RENDER_MEMORY or not pdf.fork_is_safe())
    if len(packs) <= 1 or alone or (few and not pdf.fork_is_safe()):
        return [counted(pdf.render_pdf_file(pack, own, work())) for pack, own in zip(packs, chosen)]
    work_list = [(pack, own, work()) for pack, own in zip(packs, chosen)]
    results: dict[int, Path] = {}
    if few and sum(memory) <= RENDER_MEMORY:
        # A meeting's packs (public and private, decision lists): this process renders the first while
        # processes forked from it, sharing everything it has read and imported, render the others (all
        # forked before this one starts Typst, whose threads a fork would not carry).
        count = min(jobs, len(packs)) - 1
        with _Renderers(multiprocessing.get_context("fork"), work_list, os.getpid()) as renderers:
            for first in range(1, count + 1):
                renderers.start(list(range(first, len(packs), count)))
            results[0] = counted(pdf.render_pdf_file(*work_list[0]))
            while renderers.running:
                results.update(renderers.next_done(counted))
        return [results[index] for index in range(len(packs))]
    # Each pack in a new process, which ends with it: Typst keeps everything it has laid out for the
    # life of its process, so a long run in one process would grow with every pack. A pack starts when fewer
    # than `jobs` are rendering and what they are expected to hold leaves room for it (the first always starts).
    # The processes are forked from this one before it has started Typst, else from a server that has imported
    # the renderer (no start-up each): a fork would not carry Typst's threads.
    context: Any = multiprocessing.get_context("fork")
    parent: int | None = os.getpid()
    if not pdf.fork_is_safe():
        context, parent = multiprocessing.get_context("forkserver"), None  # the processes' parent: the server
        context.set_forkserver_preload(["boardpack.render.pdf", "boardpack.cache"])
    waiting = list(range(len(packs)))
    with _Renderers(context, work_list, parent) as renderers:
        while waiting or renderers.running:
            for index in list(waiting):
                held = sum(memory[i] for _, share in renderers.running.values() for i in share)
                if not renderers.running or (len(renderers.running) < jobs and held + memory[index] <= RENDER_MEMORY):
                    waiting.remove(index)
                    renderers.start([index])
            results.update(renderers.next_done(counted))
    return [results[index] for index in range(len(packs))]


# What rendering a pack holds: Typst about 0.65 MiB a laid-out page until its compile ends, on some 100 MiB of the
# process's own (benchmarks/RESULTS.md), a page being about 1.7 kB of the JSON it is handed; and then each foreign
# appendix's streams, which pikepdf copies into memory whole before the pack is written.
RENDER_MEMORY = 1 << 30  # bytes: what a meeting's packs rendered at once may hold between them
PAGE_MEMORY, PROCESS_MEMORY, PAGE_JSON = 680_000, 100 << 20, 1_700


def pack_memory(pack: Pack) -> int:
    """The bytes rendering `pack` is expected to hold at its peak, from the data Typst is handed and the sizes of
    its foreign appendices."""
    documents = pack.data.get("documents", [])
    foreign = sum(len(doc.get("pages", [])) for doc in documents if doc["kind"] == "foreign")
    pages = len(json.dumps(pack.data, ensure_ascii=False)) // PAGE_JSON + foreign
    appendices = sum(Path(path).stat().st_size for path in pack.foreign.values())
    return PROCESS_MEMORY + pages * PAGE_MEMORY + appendices


# What a rendering process leaves in a pack's work folder: its PDF, or its error (written whole, then moved
# into place, so that a process killed while writing leaves neither).
RENDERED, FAILED = ".boardpack-rendered.pdf", ".boardpack-failed.pickle"

Work = tuple[Pack, Templates, Path]  # a pack, its templates and its work folder


class _Renderers:
    """Rendering processes, each given some of the packs to render in turn: the pack a process died on is
    named (it is known, unlike in a ProcessPoolExecutor, which a dead process leaves broken and, in Python
    3.11, can leave waiting forever), and any still running when the run ends or fails are ended with it."""

    def __init__(self, context: Any, work: list[Work], parent: int | None) -> None:
        self.context, self.work, self.parent = context, work, parent
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
            target=_render_share, args=([self.work[i] for i in share], self.parent), daemon=True
        )
        process.start()
        self.running[process.sentinel] = (process, share)

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


def _render_share(share: list[Work], parent: int | None) -> None:
    """In a rendering process: render each pack in turn, leaving its PDF (or its error) in its work folder."""

    _end_with(parent)
    for pack, templates, folder in share:
        try:
            os.replace(pdf.render_pdf_file(pack, templates, folder), folder / RENDERED)
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
