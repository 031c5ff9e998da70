"""The web edition's one writer: it owns the site's folder, renders the generators' pages into it, and keeps
the record of the files each meeting's pages were written as (for the next site to reuse)."""

from __future__ import annotations

import functools
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...store import Store
from ...templates import Templates, shipped_templates
from ..templating import data_environment
from .markup import captioned, has_content, markdown_html
from .pages import Download, Meeting, Page
from .reuse import PAGES_RECORD, sha256

if TYPE_CHECKING:
    from jinja2 import Environment


def environment(templates: Templates) -> Environment:
    """Jinja2 for the web templates: autoescaping, StrictUndefined, and the Markdown tree as HTML. A page kind newer
    than a board's own copy of templates/html is rendered with boardpack's template for it. One environment for each
    folder of templates (and the files in it: a board's new one may stand in for boardpack's), so a council's bodies
    that share one, and a preview's builds, compile each template once (Jinja2 compiles again a template whose file
    has changed since). Compiled templates are kept in the board's cache (`_compiled`), for the next process."""
    names = tuple(sorted(path.name for path in templates.html.iterdir()))
    return _environment(templates.html, names, _compiled(templates.root))


def _compiled(root: Path | None) -> Path | None:
    """The folder of a board's cache that keeps its web templates compiled by Jinja2 (each entry found by the
    template's path and used only while its source's checksum is the same, in the same Jinja2 and Python), or None
    when it has none or it cannot be written. Unlike the cache's JSON entries these are Python code, loaded as it:
    the folder is as trusted as the board's checkout it lies in."""
    if root is None:
        return None
    try:
        folder = Store(root).made() / "jinja2"
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


@functools.cache
def _environment(html: Path, _names: tuple[str, ...], compiled: Path | None) -> Environment:
    from jinja2 import FileSystemBytecodeCache, FileSystemLoader, select_autoescape

    # The board's own templates/html first; a page it has no template for (one boardpack added since the board
    # copied its templates, such as accessibility.html) from boardpack's.
    folders = list(dict.fromkeys([html, shipped_templates() / "html"]))
    env = data_environment(
        loader=FileSystemLoader(folders),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
    )
    env.filters["md"] = lambda nodes, offset=0, name="": markdown_html(captioned(nodes, name), offset=offset)
    env.filters["md_inline"] = lambda nodes: markdown_html(nodes, inline=True)
    env.tests["shown"] = has_content
    return env


class SiteWriter:
    """Writes into `out` (a fresh folder), listing every file it writes in `written`, in order."""

    def __init__(self, out: Path, templates: Templates) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.env = environment(templates)
        self.written: list[Path] = []
        self.record: dict[str, Any] = {}  # each meeting's folder -> its key and the files its pages were written as

    def copy(self, source: Path) -> None:
        """A file copied as it is into the site's root."""
        shutil.copyfile(source, self.out / source.name)
        self.written.append(self.out / source.name)

    def meeting(self, meeting: Meeting) -> None:
        """A meeting's folder: its files linked from the previous site, or made and written."""
        folder = self.out / meeting.folder
        if meeting.reused is not None:
            _link(meeting.reused.sources, folder)
            self.record[meeting.folder] = meeting.reused.record
            self.written += sorted(folder / name for name in meeting.reused.sources)
            return
        first = len(self.written)
        folder.mkdir(parents=True, exist_ok=True)
        for download in meeting.downloads:
            self.download(download)
        for page in meeting.pages:
            self.page(page)
        self.record[meeting.folder] = {
            "key": meeting.key,
            "files": {path.relative_to(folder).as_posix(): sha256(path) for path in self.written[first:]},
        }

    def download(self, download: Download) -> None:
        path = self.out / download.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(download.make())
        self.written.append(path)

    def page(self, page: Page) -> None:
        path = self.out / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.env.get_template(page.template).render(**page.context), encoding="utf-8")
        self.written.append(path)

    def pages_record(self, name: str = PAGES_RECORD) -> None:
        """The record the next site reads to reuse this one's pages (not itself listed as written); a shard's has
        a name of its own."""
        (self.out / name).write_text(json.dumps(self.record, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _link(sources: dict[str, Path], folder: Path) -> None:
    """Link (or copy) the previous site's files into `folder`."""
    for name, source in sources.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, folder / name)
        except OSError:
            shutil.copyfile(source, folder / name)
