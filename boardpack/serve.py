"""`boardpack serve`: a live preview of the web edition (and, on request, one meeting's public PDF pack)
while authors edit.

The preview is built into a private temporary folder and served on localhost. watchfiles reports every
saved change; the preview is built again in this process, where what has not changed is not parsed
again (Markdown and templates are cached) and a meeting whose pages would come out the same is not made
again, and no PDF is rendered unless asked for. Each served page carries a small script that listens for
the next build (server-sent events) and reloads; problems are printed in the terminal and shown as a
banner on the page, and the last good build stays served.

Where an author waits, the work is ordered for them: with `--pdf`, the sources are checked once, the one
public pack is compiled by a Typst compiler kept for the whole session (Typst lays out again only what
changed) and its viewer page reloads; then the web pages are written and reload; the search index is built
last, from a copy of the pages just shown, and replaces the one before when it is done.

Only its author can read it: a request must name the server's own loopback address in `Host` (a web page
that rebinds its own name to 127.0.0.1 is refused), a private pack is never served, the banner names no
exempt file, and the pages listening for the next build are few and let go as soon as they close.
"""

from __future__ import annotations

import datetime as dt
import html
import http.server
import os
import re
import select
import shutil
import signal
import socket
import socketserver
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, quote, unquote, urlparse

from .build import EARLY_RECORD, Assembled, Built, build_site, preview_pack
from .checks import check_repository
from .errors import BoardpackError, BoardpackWarning, Problems, command_line
from .exemption import travelling
from .load import Papers, load_papers
from .render.pdf import LiveCompiler
from .store import FOLDER

if TYPE_CHECKING:
    from watchfiles import Change

EVENTS = "/__boardpack/events"
PACKS = "/__boardpack/packs/"
VIEWER = "/__boardpack/pack.html"  # the page that shows the public pack and reloads it when it is compiled again
SEARCH = "pagefind"  # the search index, built after the pages and served from beside the site
# Not sources: outputs, git's own files, caches (boardpack's own among them, written as a build reads the sources).
IGNORED = ("build", "site", ".git", "__pycache__", "node_modules", ".venv", ".hypothesis", ".pytest_cache", FOLDER)
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")  # the names a request may give the server by in `Host`
STREAMS = 16  # pages listening for the next build at once; one more is refused with 503
KEEP_ALIVE = 15.0  # seconds between the comments that keep a quiet event stream open
POLL = 0.25  # seconds between looks at whether a listening page has gone
SETTLE = 1.0  # seconds the web pages wait, at most, for the pack's page to load the pack just compiled
EXEMPT = "an exempt paper"  # how the banner names an exempt source

_SCRIPT = """<script>(function () {{
  var events = new EventSource("{events}?seen={version}{of}{page}");
  events.onmessage = function () {{ events.close(); window.location.reload(); }};
}})();</script>"""


_EMPTY = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>boardpack preview</title></head>'
    "<body><main><h1>No preview yet</h1></main></body></html>"
)

_VIEWER = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name}: boardpack preview</title>'
    "<style>html,body{{height:100%;margin:0}}body{{display:flex;flex-direction:column}}"
    "iframe{{flex:1;border:0;width:100%}}</style></head>"
    '<body><iframe src="{packs}{name}?v={version}" title="The public pack, {name}"'
    ' onload="this.dataset.shown = this.src"></iframe></body></html>'
)

# The pack's page: a pack compiled again (and nothing else shown changed) is loaded into its frame, the page kept;
# anything else reloads the page. It listens for the next build once the frame has loaded the pack (which tells the
# preview it is shown: see Told.settle); a build finished meanwhile is told at once.
_PACK_SCRIPT = """<script>(function () {{
  var frame = document.querySelector("iframe");
  function listen(url) {{
    var events = new EventSource(url);
    events.onmessage = function (message) {{
      events.close();
      var pack = /^pack ([0-9]+)$/.exec(message.data);
      if (!pack || !frame) {{ window.location.reload(); return; }}
      var next = "{events}?seen=" + pack[1] + "&of={of}";
      frame.addEventListener("load", function () {{ listen(next); }}, {{once: true}});
      frame.src = "{packs}{name}?v=" + pack[1];
    }};
  }}
  listen("{events}?seen={version}&of={of}");
}})();</script>"""

_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")  # a Markdown image's target


SITE, PACK = "site", "pack"  # what a page listens for: the web pages built again, or the pack compiled again


class Told:
    """What the preview's pages are told: the number of the latest build of its pages and of its pack, what each
    build changed, the problems and warnings shown, and the pages listening for the next build."""

    def __init__(self) -> None:
        self.versions = {SITE: 0, PACK: 0}
        self.listening = {SITE: 0, PACK: 0}  # the pages listening for each, now
        self.listening_at: dict[str, int] = {}  # the site's pages listening now, by their path in the site
        self.connected = 0  # how many times a page has begun to listen: a page reloaded begins again once loaded
        self.connected_when_told = 0  # that count when pages were last told of a build
        self.served = 0  # the build of the pack that was last served
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.pack = ""  # the public PDF pack's file name in the packs folder, when one is built
        self.packs: frozenset[str] = frozenset()  # the files of the packs folder that may be served: public ones
        self.exempt: set[str] = set()  # every exempt source seen this session, never named on the page
        self.closed = False
        self.changed = threading.Condition()
        self.streams = threading.BoundedSemaphore(STREAMS)
        self.touched: dict[int, frozenset[str] | None] = {}  # each build of the site: the pages it changed (None: all)
        # Each build of the pack: its page as it is then (the pack's name, the problems and warnings its banner shows).
        self.looks: dict[int, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}

    def settle(self) -> None:
        """Wait (SETTLE seconds at most) until the pack just put in place has been served and its page's frame has
        loaded it (the page listens again once it has): the server's threads, and the browser, work quickly only
        while this one is not building."""
        with self.changed:
            since = self.connected_when_told
            self.changed.wait_for(
                lambda: (self.served >= self.versions[PACK] and self.connected > since) or self.closed, timeout=SETTLE
            )

    def served_pack(self) -> None:
        """The pack in place has been served (see settle)."""
        with self.changed:
            self.served = self.versions[PACK]
            self.changed.notify_all()

    def listen(self, of: str, count: int, page: str = "") -> None:
        """Count a page (the site's `page`, when named) that starts (1) or stops (-1) listening for the next build
        of `of`."""
        with self.changed:
            self.listening[of] += count
            if page:
                self.listening_at[page] = self.listening_at.get(page, 0) + count
            if count > 0:
                self.connected += 1
                self.changed.notify_all()

    def settle_pages(self, pages: set[str] | None) -> None:
        """Wait (SETTLE seconds at most) until a page among `pages` (None: any) that was listening when told of them
        has reloaded and listens again: the rest of the site is then written while it is shown, not while the
        browser loads it."""
        with self.changed:
            if not any(n > 0 and (pages is None or at in pages) for at, n in self.listening_at.items()):
                return  # no page shown is reloading
            since = self.connected_when_told
            self.changed.wait_for(lambda: self.connected > since or self.closed, timeout=SETTLE)

    def show(
        self, problems: list[str], found: list[str], exempt: set[str], which: set[str], pages: set[str] | None = None
    ) -> int:
        """Record a build's problems and warnings and tell the pages listening for `which` (SITE, PACK): of the
        site's, those whose paths are in `pages` (None: all); the number of pages listening."""
        with self.changed:
            self.problems, self.warnings = problems, found
            self.exempt |= exempt  # once exempt, never named: an agenda broken later must not reveal it
            for kind in which:
                self.versions[kind] += 1
            if SITE in which:
                self.touched[self.versions[SITE]] = frozenset(pages) if pages is not None else None
            if PACK in which:
                self.looks[self.versions[PACK]] = (self.pack, tuple(problems), tuple(found))
            self.connected_when_told = self.connected
            self.changed.notify_all()
            return sum(self.listening[kind] for kind in which)

    def wait(self, seen: int, timeout: float, of: str = SITE, page: str = "") -> bool:
        """Wait until a build of `of` after `seen` (of the site's: one that changed the `page`, when named) or the
        end of serving; True when either came."""

        def came() -> bool:
            if self.closed or (self.versions[of] != seen and (of != SITE or not page or seen > self.versions[of])):
                return True
            return any(
                (pages := self.touched.get(version, None)) is None or page in pages
                for version in range(seen + 1, self.versions[SITE] + 1)
            )

        with self.changed:
            return self.changed.wait_for(came, timeout=timeout)

    def news(self, seen: int, of: str) -> str:
        """What a page that last saw build `seen` of `of` is told: `pack N` when only the pack changed since (its
        page loads build N of it, and is kept), else `reload`."""
        with self.changed:
            now = self.versions[of]
            kept = of == PACK and seen in self.looks and self.looks[seen] == self.looks.get(now)
            return f"pack {now}" if kept else "reload"


class Preview(Told):
    """The preview: the folder it is built into, what its pages are told (Told), and the compiler, search index and
    assembled work it keeps between builds."""

    def __init__(
        self,
        root: Path,
        folder: Path,
        meeting: dt.date | None,
        say: Callable[[str], None] = lambda text: print(text, flush=True),
    ) -> None:
        super().__init__()
        self.root = root.resolve()
        self.folder = folder
        self.meeting = meeting
        self.say = say
        self.compiler = LiveCompiler(folder / "typst")
        self.search = Indexer(folder, say)
        self.assembled = Assembled(early=self.lay_in)  # the work kept from the last build, for the next
        self.caught: list[warnings.WarningMessage] = []  # the warnings of the build under way, so far
        self.why, self.started = "", 0.0  # the build under way: after what change, and since when

    @property
    def shown(self) -> Path:
        """The site as the pages last told of it were shown (its files linked): what the next build is told from."""
        return self.folder / "shown"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def build(self, why: str = "", files: Iterable[str] | None = None) -> None:
        """Build the preview again after a change to `files` (relative to the board's folder; None: not known),
        the pack first when there is one; on problems keep the last good build and show them. Only the meetings
        whose sources changed are assembled again, and their pages are shown first (see lay_in); a page reloads only
        when it changed. The search index is built afterwards, in a thread of its own."""

        started = time.perf_counter()
        built: Built | None = None
        papers: Papers | None = None
        self.assembled.saw(files)
        self.why, self.started = why, started  # for lay_in, which tells of the meetings' pages first
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BoardpackWarning)
            self.caught = caught
            problems: list[str] = []
            try:
                papers = check_repository(self.root)
                if self.meeting is not None:
                    try:
                        name, pdf = preview_pack(papers, self.meeting, self.compiler)
                        told = self.show_pack(name, pdf, _found(caught), papers)
                        self.say(f"pack built{why} in {time.perf_counter() - started:.2f} s")
                        if told:  # the pack's page reloads and loads the pack before this thread builds the pages
                            self.settle()
                    except BoardpackError as error:  # a template that does not compile: the pages are still made
                        problems = [str(problem) for problem in error.problems]
                built = build_site(
                    self.root, self.site, pdfs=False, search=False, papers=papers, assembled=self.assembled
                )
            except BoardpackError as error:
                problems += [str(problem) for problem in error.problems]
        found = _found(caught)
        exempt = exempt_sources(self.root, papers) if problems or found else set()
        # The pack's page was told when the pack was put in place; it is told again only of problems. The pages
        # are told of the pages changed, all of them when the problems or warnings shown change.
        pages = _touched(self.shown, self.site) if problems == self.problems and found == self.warnings else None
        self.show(problems, found, exempt, {SITE} if self.meeting is not None and not problems else {SITE, PACK}, pages)
        if built is not None:
            shutil.rmtree(self.shown, ignore_errors=True)
            _linked_copy(self.site, self.shown)
        seconds = time.perf_counter() - started
        for line in [*problems, *(f"warning: {text}" for text in found)]:
            self.say(line)
        if problems:
            count = len(problems)
            self.say(f"{count} problem{'s' if count != 1 else ''} found{why}: still serving the last good build")
        else:
            self.say(f"built{why} in {seconds:.2f} s")
        if built is not None and built.index is not None:
            self.search.index(built.index, self.site)

    def lay_in(self, early: Path, dates: set[str]) -> None:
        """Put the pages of the meetings `dates` (made again, in the folder `early`) in place in the site, file by
        file, and tell the pages that changed, before the rest of the site is written (Assembled)."""
        found = _found(self.caught)
        if self.problems or found != self.warnings or not self.site.is_dir():
            return  # the banner changes: every page is told once the site is built
        try:
            changed = _laid_in(early, dates, self.site)
        except OSError:  # the site written whole next shows them
            return
        for name in changed:
            _put_link(self.site / name, self.shown / name)
        self.show(self.problems, found, set(), {SITE}, pages := _pages(changed))
        shown = ", ".join(sorted(dates))
        self.say(f"pages of {shown} shown{self.why} in {time.perf_counter() - self.started:.2f} s")
        self.settle_pages(pages)

    def show_pack(self, name: str, pdf: bytes, found: list[str], papers: Papers) -> int:
        """Put a newly compiled pack in place and tell the pages showing it (before the web pages are built), with
        the warnings `found` so far; the number of pages told."""
        _put(self.folder / "packs" / name, pdf)
        self.pack, self.packs = name, frozenset([name])
        return self.show([], found, exempt_sources(self.root, papers) if found else set(), {PACK})

    def close(self) -> None:
        """End serving: every page listening for the next build is let go, and the search index is left."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()
        self.search.close()

    def decorate(self, page: str, of: str = SITE, path: str = "") -> str:
        """A served page (the site's file `path`) with the reload script (for the next build of `of` that changes
        it) and, when the sources have problems, the banner."""
        script = _SCRIPT.format(
            events=EVENTS,
            version=self.versions[of],
            of=f"&of={of}" if of != SITE else "",
            page=f"&page={quote(path)}" if path else "",
        )
        if of == PACK and self.pack:
            script = _PACK_SCRIPT.format(events=EVENTS, version=self.versions[of], of=PACK, packs=PACKS, name=self.pack)
        top = ""  # the banner and the pack's link open the page, where they are seen (not after its footer)
        if self.pack and of == SITE:
            top = (
                f'<p class="preview-pack" style="margin:1rem"><a href="{VIEWER}">Preview the PDF pack '
                f"({html.escape(self.pack)})</a></p>"
            )
        if self.problems or self.warnings:
            items = "".join(
                f"<li>{html.escape(masked(line, self.exempt))}</li>"
                for line in [*self.problems, *(f"warning: {text}" for text in self.warnings)]
            )
            heading = "This preview is out of date: the sources have problems" if self.problems else "Warnings"
            top = (
                f'<div role="alert" class="preview-banner" style="border:4px solid #d4351c;padding:1rem;'
                f'margin:1rem;background:#fff"><h2>{heading}</h2><ul>{items}</ul></div>'
            ) + top
        at = opening.end() if (opening := re.search(r"<body[^>]*>", page)) else 0
        page = page[:at] + top + page[at:]
        return page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script

    def viewer(self) -> str:
        """The page that shows the public pack (reloaded when it is compiled again)."""
        if not self.pack:
            return self.decorate(_EMPTY, PACK)
        page = _VIEWER.format(name=html.escape(self.pack), packs=PACKS, version=self.versions[PACK])
        return self.decorate(page, PACK)


def _put(path: Path, data: bytes) -> None:
    """Write a file whole, then move it into place: a page reading it meanwhile reads the one before."""
    path.parent.mkdir(exist_ok=True)
    (path.parent / f".{path.name}.partial").write_bytes(data)
    os.replace(path.parent / f".{path.name}.partial", path)


def _laid_in(early: Path, dates: set[str], site: Path) -> set[str]:
    """The folders of the meetings `dates` moved from `early` into the `site`, file by file (a page reading one
    meanwhile reads it whole), with the record of their pages; the names of the files that changed."""
    changed: set[str] = set()
    for date in sorted(dates):
        made = {path.relative_to(early).as_posix() for path in (early / date).rglob("*") if path.is_file()}
        for name in sorted(made):
            old = site / name
            if not (old.is_file() and old.read_bytes() == (early / name).read_bytes()):
                changed.add(name)
            _moved(early / name, old)
        for old in (site / date).rglob("*") if (site / date).is_dir() else []:
            if old.is_file() and old.relative_to(site).as_posix() not in made:
                old.unlink()
                changed.add(old.relative_to(site).as_posix())
    os.replace(early / EARLY_RECORD, site / EARLY_RECORD)  # the site's next build finds them there
    return changed


def _moved(source: Path, target: Path) -> None:
    """`source` moved to `target`, replacing it (its folder made when there is none)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _put_link(source: Path, target: Path) -> None:
    """`target` made a link to `source` (or removed, when there is none)."""
    target.unlink(missing_ok=True)
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)


EMBEDDED = (".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")  # files that pages show, not link


def _pages(changed: set[str]) -> set[str] | None:
    """The pages to tell of a change to the site's `changed` files: those pages; all (None) when a style sheet,
    script or picture changed."""
    if any(name.endswith(EMBEDDED) for name in changed):
        return None
    return {name for name in changed if name.endswith(".html")}


def _touched(before: Path, after: Path) -> set[str] | None:
    """The pages to tell of the changes from the site `before` (the one shown) to the site `after`; all (None) when
    there was none before."""
    if not before.is_dir():
        return None
    changed: set[str] = set()
    seen: set[str] = set()
    for path in after.rglob("*"):
        if path.is_file():
            name = path.relative_to(after).as_posix()
            seen.add(name)
            old = before / name
            if not old.is_file() or not (os.path.samefile(old, path) or old.read_bytes() == path.read_bytes()):
                changed.add(name)
    changed |= {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()} - seen
    return _pages(changed)


def _found(caught: list[warnings.WarningMessage]) -> list[str]:
    """The texts of the boardpack warnings caught so far."""
    return [str(w.message) for w in caught if issubclass(w.category, BoardpackWarning)]


class Indexer:
    """The preview's search index (Pagefind), built in a thread of its own after each build's pages are shown, from
    a copy of them (linked, not copied byte by byte), so that the next build may replace the pages meanwhile. Only
    the newest copy waiting is indexed; each index replaces the one before once it is whole."""

    def __init__(self, folder: Path, say: Callable[[str], None]) -> None:
        self.folder = folder
        self.say = say
        self.current: Path | None = None  # the index served at /pagefind/
        self.built = 0  # the number of indexes built (tests wait for it)
        self.waiting: tuple[Callable[[Path], None], Path, float] | None = None
        self.closed = False
        self.count = 0
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self.run, name="boardpack preview search index", daemon=True)
        self.thread.start()

    def index(self, index: Callable[[Path], None], site: Path) -> None:
        """Index (in the thread) a copy of the `site` as it is now, with `index` (the build's)."""
        self.count += 1
        copy = self.folder / f"search-{self.count}"
        _linked_copy(site, copy)
        with self.changed:
            if self.waiting is not None:
                shutil.rmtree(self.waiting[1], ignore_errors=True)
            self.waiting = (index, copy, time.perf_counter())
            self.changed.notify_all()

    def run(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.waiting is not None or self.closed)
                if self.closed:
                    return
                assert self.waiting is not None
                (index, copy, started), self.waiting = self.waiting, None
            try:
                index(copy)
                made = self.folder / f"{SEARCH}-{copy.name}"
                os.replace(copy / SEARCH, made)
                old, self.current = self.current, made
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
                self.say(f"search index built in {time.perf_counter() - started:.2f} s")
            except BoardpackError as error:
                for problem in error.problems:
                    self.say(f"warning: the search index was not built again: {problem}")
            except OSError:
                pass  # serving ended while it was being built
            except Exception as error:  # noqa: BLE001 - said, and the next save is indexed again
                self.say(f"warning: the search index was not built again: {error!r}")
            finally:
                shutil.rmtree(copy, ignore_errors=True)
            with self.changed:
                self.built += 1
                self.changed.notify_all()

    def close(self) -> None:
        """Stop, once the index being built (if any) is done."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()
        self.thread.join(timeout=60)


def _linked_copy(source: Path, target: Path) -> None:
    """A copy of the folder `source` whose files are links to its own (written once, never changed in place)."""
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copyfile(Path(folder) / name, into / name)


def exempt_sources(root: Path, papers: Papers | None = None) -> set[str]:
    """The sources the banner must not name: the papers of exempt items, the appendix files reported under
    one, and the images their papers show (from `papers` when they were read, else read as far as the sources
    can be read; their problems are the build's to report)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        papers = papers if papers is not None else load_papers(root, Problems())
        if papers is None:
            return set()
        found = set(travelling(papers).files)
    for loaded in papers.agendas.values():
        for section in loaded.value.sections:
            for item in section.items:
                if item.exempt is None:
                    continue
                found.update(_IMAGE.findall(item.purpose))
                sheet = papers.cover_sheets.get(item.paper) if item.paper else None
                if item.paper:
                    found.add(item.paper)
                if sheet is not None:
                    found.update(_IMAGE.findall(sheet.body))
    return found


def masked(line: str, exempt: Iterable[str]) -> str:
    """A problem or warning with each exempt source (and its line number) named only as an exempt paper."""
    for path in sorted(exempt, key=len, reverse=True):
        line = re.sub(re.escape(path) + r"(?::\d+)?", EXEMPT, line)
    return line


def _private(name: str) -> bool:
    """A private pack, decision list or paper: never served."""
    return "-private" in name


def _hosts(port: int) -> frozenset[str]:
    """The `Host` values naming this server: a loopback name and its port (the port alone may be left out
    only when it is HTTP's own, 80)."""
    named = {f"{name}:{port}" for name in LOOPBACK}
    return frozenset(named | (set(LOOPBACK) if port == 80 else set()))


REQUEST_THREAD = "boardpack preview request"  # the name of the thread answering each request


class _Server(http.server.ThreadingHTTPServer):
    """The preview's server: a thread per request, none of them keeping the process alive, and a request that
    fails reported in one line, never as a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # a page that went away is no news
            print(f"warning: the preview could not answer a request: {error!r}", file=sys.stderr, flush=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A request to the preview: the site's files, the public packs of the last build, and the stream that tells
    a page when the next build is ready."""

    preview: ClassVar[Preview]  # set on the class _handler makes for each preview
    timeout = 30  # seconds a connection may stay silent before it is let go

    def setup(self) -> None:
        threading.current_thread().name = REQUEST_THREAD  # the preview's own, told apart from other servers'
        super().setup()

    def __init__(
        self, request: socket.socket, client_address: tuple[str, int], server: socketserver.BaseServer
    ) -> None:
        super().__init__(request, client_address, server, directory=str(self.preview.site))

    def log_message(self, format: str, *args: object) -> None:  # the base class's name
        pass  # the terminal is for the builds' news

    def refused(self) -> bool:
        """Refuse (403) a request that does not name this server by a loopback address: a page elsewhere
        that rebinds its own name to 127.0.0.1 sends its own name."""
        given = self.headers.get_all("Host") or []
        address = self.server.server_address
        port = address[1] if isinstance(address, tuple) else -1
        if len(given) == 1 and given[0].strip().lower() in _hosts(port):
            return False
        self.send_error(403, "The preview answers only to its own address on this computer")
        return True

    def do_HEAD(self) -> None:
        if self.refused():
            return None
        target = self.static(urlparse(self.path).path)
        if target is None or urlparse(self.path).path.startswith("/__boardpack/"):
            self.send_error(404)
            return None
        return super().do_HEAD()

    def do_GET(self) -> None:
        if self.refused():
            return None
        url = urlparse(self.path)
        if url.path == EVENTS:
            return self.listen(url.query)
        if url.path.startswith(PACKS):
            return self.pack(unquote(url.path[len(PACKS) :]))
        if url.path == VIEWER:
            return self.send_fresh(self.preview.viewer().encode(), "text/html; charset=utf-8")
        target = self.static(url.path)
        if target is None or url.path.startswith("/__boardpack/"):
            self.send_error(404)
            return None
        if target.suffix == ".html" and (target.is_file() or self.preview.problems):
            return self.page(target)
        return super().do_GET()

    def listen(self, query: str) -> None:
        """The stream of builds for a page that last saw build `seen=N` (400 when the query is not that)."""
        seen, of, page = _seen(query)
        if seen is None or of is None or page is None:
            self.send_error(400, f"seen: expected the number of a build; of: {SITE} or {PACK}; page: a page's path")
            return
        self.events(seen, of, page)

    def page(self, target: Path) -> None:
        """A page of the site as the preview shows it (with its script and any problems' banner); while there
        are problems, a page the last good build did not write is shown empty."""
        page = target.read_text(encoding="utf-8") if target.is_file() else _EMPTY
        path = target.relative_to(site).as_posix() if target.is_relative_to(site := self.preview.site.resolve()) else ""
        self.send_fresh(self.preview.decorate(page, SITE, path).encode(), "text/html; charset=utf-8")

    def send_fresh(self, body: bytes, content_type: str) -> None:
        """A whole response the browser must not keep: the preview changes as the sources are saved."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def static(self, path: str) -> Path | None:
        """The file of the site a path names (a folder's index page), or None when it names none inside."""
        parts = unquote(path).split("/")
        if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
            return None
        site = self.preview.site.resolve()
        if parts[1:2] == [SEARCH]:  # the search index, built after the pages, beside them
            if (index := self.preview.search.current) is None:
                return None
            site, parts = index.resolve(), parts[2:]
        target = (site / "/".join(parts).lstrip("/")).resolve()
        if path.endswith("/"):
            target = target / "index.html"
        return target if target.is_relative_to(site) else None

    def translate_path(self, path: str) -> str:
        target = self.static(urlparse(path).path)
        return str(target if target is not None else self.preview.folder / "not-served")

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)  # a folder without an index page is not a page

    def pack(self, name: str) -> None:
        """One of the public packs the last build wrote; nothing else in the packs folder, ever."""
        path = self.preview.folder / "packs" / name
        if name not in self.preview.packs or _private(name) or path.is_symlink() or not path.is_file():
            self.send_error(404)
            return
        self.send_fresh(path.read_bytes(), "application/pdf")
        self.preview.served_pack()

    def events(self, seen: int, of: str = SITE, page: str = "") -> None:
        """Tell the page when the next build is ready; let go when the page goes, or serving ends."""
        preview = self.preview
        if not preview.streams.acquire(blocking=False):
            self.send_error(503, f"{STREAMS} preview pages are already listening; close one")
            return
        preview.listen(of, 1, page)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.flush()
            quiet = 0.0
            while not preview.wait(seen, timeout=POLL, of=of, page=page):
                if self.gone():
                    return
                quiet += POLL
                if quiet >= KEEP_ALIVE:
                    self.wfile.write(b": still here\n\n")  # keeps proxies and the browser from giving up
                    self.wfile.flush()
                    quiet = 0.0
            if not preview.closed:
                self.wfile.write(f"data: {preview.news(seen, of)}\n\n".encode())
                self.wfile.flush()
        except OSError:
            pass  # the page went away
        finally:
            preview.listen(of, -1, page)
            preview.streams.release()

    def gone(self) -> bool:
        """Whether the page closed its connection (a listening page sends nothing more)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
        except (OSError, ValueError):
            return True


def _handler(preview: Preview) -> type[_Handler]:
    """The request handler of one preview."""

    class Handler(_Handler):
        pass

    Handler.preview = preview
    return Handler


def _seen(query: str) -> tuple[int | None, str | None, str | None]:
    """The build a page last saw, from `seen=N` (none: 0), what it listens for, from `of=` (none: the site), and
    the page's path in the site, from `page=` (none: "", told of every build); None for each that is not that."""
    try:
        fields = parse_qs(query, strict_parsing=False, max_num_fields=10)
    except ValueError:
        return None, None, None
    values, of, pages = fields.get("seen", ["0"]), fields.get("of", [SITE]), fields.get("page", [""])
    seen = int(values[0]) if len(values) == 1 and re.fullmatch(r"[0-9]{1,9}", values[0]) else None
    page = pages[0] if len(pages) == 1 and len(pages[0]) < 1000 else None
    return seen, (of[0] if len(of) == 1 and of[0] in (SITE, PACK) else None), page


def _watched(root: Path) -> Callable[[Change, str], bool]:
    """Changes worth a build: anything in the repository but outputs, git's own files and caches."""
    from watchfiles import DefaultFilter

    default = DefaultFilter(ignore_dirs=(*DefaultFilter.ignore_dirs, *IGNORED))

    def keep(change: Change, path: str) -> bool:
        relative = Path(path).resolve().relative_to(root) if Path(path).resolve().is_relative_to(root) else Path(path)
        return default(change, path) and not (relative.parts and relative.parts[0] in IGNORED)

    return keep


def serve(root: Path, port: int, meeting: dt.date | None, stop: threading.Event | None = None) -> None:
    """Serve the preview on localhost:`port` (0: any free port) and build it again on every change until
    `stop` is set (or the process is interrupted)."""
    from watchfiles import watch

    root = root.resolve()
    folder = Path(tempfile.mkdtemp(prefix="boardpack-preview-"))
    preview = Preview(root, folder, meeting)
    try:
        server = _Server(("127.0.0.1", port), _handler(preview))
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise BoardpackError(
            [
                command_line(
                    "--port",
                    f"cannot serve on port {port}: {error.strerror or error}; "
                    "choose another with --port (0: any free port)",
                )
            ]
        ) from None
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    ended = _ended_by_sigterm()
    try:
        preview.site.mkdir()
        preview.build()
        serving.start()
        print(
            f"serving the preview of {root.name} at http://127.0.0.1:{server.server_address[1]}/ "
            "(Ctrl+C to stop); it is built again whenever a source is saved",
            flush=True,
        )
        for changes in watch(
            root, watch_filter=_watched(root), stop_event=stop, debounce=50, step=20, raise_interrupt=False
        ):
            preview.build(_described(root, (path for _, path in changes)), _relative(root, (p for _, p in changes)))
    finally:
        preview.close()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
        ended()


def _ended_by_sigterm() -> Callable[[], None]:
    """A `kill` (SIGTERM, as a service manager or a test stops a process) ends the preview as Ctrl+C does, its
    temporary folder removed; returns what puts the previous handler back. (Only the main thread can have one.)"""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(_signal: int, _frame: object) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def _relative(root: Path, paths: Iterable[str]) -> set[str] | None:
    """The files changed, relative to the board's folder; None when one is outside it."""
    found = set()
    for path in paths:
        resolved = Path(path).resolve()
        if not resolved.is_relative_to(root):
            return None
        found.add(resolved.relative_to(root).as_posix())
    return found


def _described(root: Path, paths: Iterable[str]) -> str:
    names = sorted(
        {Path(p).resolve().relative_to(root).as_posix() if Path(p).resolve().is_relative_to(root) else p for p in paths}
    )
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f" after a change to {shown}" if shown else ""
