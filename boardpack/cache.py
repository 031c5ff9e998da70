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
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from . import __version__
from .assemble import Pack
from .templates import Templates

MANIFEST = ".boardpack-manifest.json"


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def templates_of(pack: Pack, templates: Templates) -> Templates:
    """The templates a pack is rendered with: those of the sources it was assembled from (a published pack's
    are those of its publication's commit)."""
    from .templates import template_set

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

    def reuse(self, name: str, key: str) -> bytes | None:
        """The pack `name` as it is in the folder, if it was made from the same sources and is unaltered."""
        entry = self.old.get(name)
        path = self.folder / name
        if not entry or entry.get("key") != key or not path.is_file():
            return None
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            return None
        self.reused += 1
        return data

    def record(self, name: str, key: str, data: bytes) -> None:
        self.new[name] = {"key": key, "sha256": hashlib.sha256(data).hexdigest()}

    def data(self) -> bytes:
        return json.dumps({"packs": dict(sorted(self.new.items()))}, indent=1).encode()

    def pdfs(self, packs: dict[str, Pack], templates: Templates, work: Callable[[], Path], jobs: int,
             done: Callable[[], None] | None = None) -> dict[str, bytes]:
        """The PDF of each pack (by its name in the folder): reused where unchanged, else rendered, up to
        `jobs` at once; each is recorded for this run's manifest. `done` is called as each pack is ready."""
        keys = {name: pack_key(pack, templates) for name, pack in packs.items()}
        found: dict[str, bytes] = {}
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


def render_all(packs: list[Pack], templates: Templates, work: Callable[[], Path], jobs: int,
               done: Callable[[], None] | None = None) -> list[bytes]:
    """Render packs, up to `jobs` at once in processes of their own; `done` is called as each is rendered."""
    from .render import pdf

    def counted(data: bytes) -> bytes:
        if done is not None:
            done()
        return data

    chosen = [templates_of(pack, templates) for pack in packs]
    few = len(packs) <= 2 * jobs  # one meeting's packs and decision lists
    if len(packs) <= 1 or jobs <= 1 or (few and not pdf.fork_is_safe()):
        return [counted(pdf.render_pdf(pack, own, work())) for pack, own in zip(packs, chosen)]
    if few:
        # A meeting's packs (public and private, decision lists): this process renders the first while
        # processes forked from it, sharing everything it has read and imported, render the others.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(packs)) - 1, mp_context=context, initializer=_end_with,
                                 initargs=(os.getpid(),)) as pool:
            others = [pool.submit(pdf.render_pdf, pack, own, work()) for pack, own in zip(packs[1:], chosen[1:])]
            first = counted(pdf.render_pdf(packs[0], chosen[0], work()))
            return [first, *(counted(other.result()) for other in others)]
    # Each pack in a new process, which ends with it: Typst keeps everything it has laid out for the
    # life of its process, so a long run in one process would grow with every pack. The processes
    # are forked from a server that has imported the renderer (no start-up each), never from this
    # process (whose Typst threads, if it has compiled before, would not survive a fork).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["boardpack.render.pdf"])
    with ProcessPoolExecutor(max_workers=min(jobs, len(packs)), mp_context=context, max_tasks_per_child=1,
                             initializer=_end_with, initargs=(None,)) as pool:  # its parent: the server
        futures = [pool.submit(pdf.render_pdf, pack, own, work()) for pack, own in zip(packs, chosen)]
        for _ in as_completed(futures):
            counted(b"")
        return [future.result() for future in futures]


def _end_with(parent: int | None) -> None:
    """A rendering process ends when the process that started it does, even if that one is killed
    (Linux: PR_SET_PDEATHSIG), instead of waiting for work forever."""
    if sys.platform == "linux":
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:  # it ended before we asked
        os._exit(1)
