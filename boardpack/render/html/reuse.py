"""What lets a meeting's pages be reused from the site they replace: the key of what they are made from,
and the previous site's record of the files each meeting's pages were written as."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...assemble import Pack

PAGES_RECORD = ".boardpack-pages.json"  # each meeting's folder and the key of what its pages were made from
Edition = tuple[Pack, bytes]  # a pack and its PDF (empty in a preview)


def meeting_key(
    pack: Pack, editions: list[Edition], decided: list[Edition], minutes: str, shared: list[str], outcomes: Any = None
) -> str:
    """A SHA-256 of everything a meeting's pages are made from: its pack's data, its PDFs, its decision lists, the
    link to its minutes, the site's name, language and templates, the images and foreign PDFs it shows, and what it
    shows of outcomes (its minutes, each item's decisions, the pages its actions and tracker rows link)."""
    digest = hashlib.sha256()
    made = [
        pack.data,
        [(p.filename, hashlib.sha256(data).hexdigest()) for p, data in editions],
        [(p.data, hashlib.sha256(data).hexdigest()) for p, data in decided],
        minutes,
        shared,
        outcomes,
    ]
    digest.update(json.dumps(made, sort_keys=True, ensure_ascii=False, default=str).encode())
    for name, path in sorted({**pack.images, **pack.foreign}.items()):
        digest.update(f"{name}\0".encode() + Path(path).read_bytes())
    return digest.hexdigest()


def folder_key(folder: Path) -> str:
    """A SHA-256 of every file in `folder` (the web templates), by name and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Reused:
    """A meeting's pages as the previous site wrote them: its entry in the record, kept as it is, and the files."""

    record: dict[str, Any]
    sources: dict[str, Path]  # each file's name in the meeting's folder -> that file in the previous site


def pages_records(folder: Path) -> list[Path]:
    """The records in a site's folder: a whole run's and those of shards (`.boardpack-pages-2-of-3.json`)."""
    stem, suffix = PAGES_RECORD.rsplit(".", 1)
    return sorted(folder.glob(f"{stem}*.{suffix}"))


class PreviousSite:
    """The site being replaced (or none), read for the pages it can lend: it is never written to. Its record is
    every record in the folder, a whole run's and each shard's (whose folders were copied together)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.record: dict[str, list[Any]] = {}  # each meeting's entries, from every record
        for path in pages_records(folder) if folder is not None else []:
            try:
                for meeting, entry in json.loads(path.read_text(encoding="utf-8")).items():
                    self.record.setdefault(meeting, []).append(entry)
            except (OSError, ValueError, AttributeError):
                continue

    def reusable(self, meeting: str, key: str) -> Reused | None:
        """The meeting's pages when they were made from exactly what would make them now, else None."""
        for old in self.record.get(meeting, []):
            if self.folder is None or not isinstance(old, dict) or old.get("key") != key:
                continue
            sources = _unchanged(self.folder / meeting, old.get("files"))
            if sources is not None:
                return Reused(old, sources)
        return None


def _unchanged(previous: Path, files: object) -> dict[str, Path] | None:
    """Only the files the meeting's pages were written as, each as it was written (by SHA-256), never anything
    else left in that folder. None when one is missing or differs: the pages are then made again."""
    if not isinstance(files, dict) or not files or not all(isinstance(v, str) for v in files.values()):
        return None
    sources = {}
    for name, digest in files.items():
        source = (previous / name).resolve()
        if not source.is_relative_to(previous.resolve()) or not source.is_file() or sha256(source) != digest:
            return None
        sources[name] = source
    return sources
