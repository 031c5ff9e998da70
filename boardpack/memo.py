"""Markdown parsed once per text, kept in the board's cache (store.py) from one run to the next."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from .document import markdown
from .store import Store


@contextlib.contextmanager
def parses_kept(root: Path) -> Iterator[None]:
    """Within: Markdown this board has had parsed before (found by its text's SHA-256) is read from the
    cache, not parsed again; after, the cache also keeps every parse made anew."""
    store = Store(root)
    kept = store.read("markdown")
    markdown.remember({key: tuple(value) for key, value in kept.items() if isinstance(value, list)})
    before = markdown.parses_made().keys()  # another board's, in a council's run: not this board's to keep
    yield
    made = {key: list(parse) for key, parse in markdown.parses_made().items() if key not in kept and key not in before}
    if made:
        store.write("markdown", kept | made)
