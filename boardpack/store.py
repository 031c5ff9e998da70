"""A board's cache of work done on its sources: `.boardpack-cache/` beside board.yaml.

What is kept is keyed by the SHA-256 of the bytes it was worked out from, and the folder it is kept
in by everything else the result depends on (boardpack's version, the parsing libraries' versions
and the parser's own code), so an entry is never consulted for a text whose bytes changed, nor by a
boardpack that would work it out differently. The folder is safe to delete: each entry is only ever
work that can be done again. Entries are JSON (never pickles: a cache must not be able to run code).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__

FOLDER = ".boardpack-cache"
_LIBRARIES = ("markdown", "pymdown-extensions", "markdown-grids", "PyYAML", "pikepdf")
# the readers whose work is kept
_CODE = ("document/markdown.py", "document/mdparser.py", "document/nodes.py", "yamlread.py", "pdfs.py")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What every entry depends on besides its own text: boardpack's and its readers' versions, and the
    readers' code (a development copy changes that without a new version)."""
    digest = hashlib.sha256(__version__.encode())
    for name in _LIBRARIES:
        digest.update(f"\0{name}={importlib.metadata.version(name)}".encode())
    for module in _CODE:
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


class Store:
    """One board's cache folder: a JSON file of entries per kind of work, read whole and written whole."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER / fingerprint()

    def made(self) -> Path:
        """The cache's folder, made if need be (raising OSError when it cannot be): a cache kept by another version
        is removed, and git is told to ignore the cache, whatever the board's own .gitignore says."""
        if not self.folder.is_dir():  # a cache kept by another version is of no use to this one
            for other in self.folder.parent.glob("*/"):
                shutil.rmtree(other, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        ignored = self.folder.parent / ".gitignore"
        if not ignored.exists():
            ignored.write_text("# boardpack's cache of work on the sources: safe to delete, never committed.\n*\n")
        return self.folder

    def read(self, kind: str) -> dict[str, Any]:
        """The entries kept of `kind` (none when there is no cache, or it cannot be read)."""
        try:
            entries = json.loads((self.folder / f"{kind}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def write(self, kind: str, entries: dict[str, Any]) -> None:
        """Keep `entries` of `kind`, replacing the file whole (a reader sees the old file or the new one). A
        cache that cannot be written (a read-only checkout) is no cache: nothing fails for it."""
        with contextlib.suppress(OSError):
            self.made()
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.folder, prefix=f".{kind}-", suffix=".json", delete=False
            ) as file:
                json.dump(entries, file, ensure_ascii=False, separators=(",", ":"))
            os.replace(file.name, self.folder / f"{kind}.json")
