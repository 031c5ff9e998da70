"""`boardpack serve`: a live preview of the web edition (and, on request, one meeting's public PDF pack)
while authors edit.

The preview is built into a private temporary folder and served on localhost. watchfiles reports every
saved change; the preview is built again in this process, where what has not changed is not parsed
again (Markdown and templates are cached), and no PDF is rendered unless asked for. Each served page
carries a small script that listens for the next build (server-sent events) and reloads; problems are
printed in the terminal and shown as a banner on the page, and the last good build stays served.

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
from urllib.parse import parse_qs, unquote, urlparse

from .build import build_pack, build_site
from .errors import BoardpackError, BoardpackWarning, Problems, command_line
from .exemption import travelling
from .load import load_papers

if TYPE_CHECKING:
    from watchfiles import Change

EVENTS = "/__boardpack/events"
PACKS = "/__boardpack/packs/"
IGNORED = ("build", "site", ".git", "__pycache__", "node_modules", ".venv", ".hypothesis", ".pytest_cache")
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")  # the names a request may give the server by in `Host`
STREAMS = 16  # pages listening for the next build at once; one more is refused with 503
KEEP_ALIVE = 15.0  # seconds between the comments that keep a quiet event stream open
POLL = 0.25  # seconds between looks at whether a listening page has gone
EXEMPT = "an exempt paper"  # how the banner names an exempt source

_SCRIPT = """<script>(function () {{
  var events = new EventSource("{events}?seen={version}");
  events.onmessage = function () {{ events.close(); window.location.reload(); }};
}})();</script>"""


_EMPTY = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>boardpack preview</title></head>'
    "<body><main><h1>No preview yet</h1></main></body></html>"
)

_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")  # a Markdown image's target


class Preview:
    """The preview's state: the folder it is built into, the number of the latest build, its problems."""

    def __init__(
        self,
        root: Path,
        folder: Path,
        meeting: dt.date | None,
        say: Callable[[str], None] = lambda text: print(text, flush=True),
    ) -> None:
        self.root = root.resolve()
        self.folder = folder
        self.meeting = meeting
        self.say = say
        self.version = 0
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.pack = ""  # the public PDF pack's file name in the packs folder, when one is built
        self.packs: frozenset[str] = frozenset()  # the files of the packs folder that may be served: public ones
        self.exempt: set[str] = set()  # every exempt source seen this session, never named on the page
        self.closed = False
        self.changed = threading.Condition()
        self.streams = threading.BoundedSemaphore(STREAMS)

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def build(self, why: str = "") -> None:
        """Build the preview again; on problems keep the last good build and show them."""

        started = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BoardpackWarning)
            try:
                build_site(self.root, self.site, pdfs=False)
                if self.meeting is not None:
                    public = [
                        path.name
                        for path in build_pack(self.root, self.meeting, self.folder / "packs")
                        if not _private(path.name)
                    ]
                    self.pack, self.packs = (public[0] if public else ""), frozenset(public)
                problems: list[str] = []
            except BoardpackError as error:
                problems = [str(problem) for problem in error.problems]
        found = [str(w.message) for w in caught if issubclass(w.category, BoardpackWarning)]
        exempt = exempt_sources(self.root) if problems or found else set()
        with self.changed:
            self.problems, self.warnings = problems, found
            self.exempt |= exempt  # once exempt, never named: an agenda broken later must not reveal it
            self.version += 1
            self.changed.notify_all()
        seconds = time.perf_counter() - started
        for line in [*problems, *(f"warning: {text}" for text in found)]:
            self.say(line)
        if problems:
            count = len(problems)
            self.say(f"{count} problem{'s' if count != 1 else ''} found{why}: still serving the last good build")
        else:
            self.say(f"built{why} in {seconds:.2f} s")

    def wait(self, seen: int, timeout: float) -> bool:
        """Wait until a build after `seen` or the end of serving; True when either came."""
        with self.changed:
            return self.changed.wait_for(lambda: self.version != seen or self.closed, timeout=timeout)

    def close(self) -> None:
        """End serving: every page listening for the next build is let go."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def decorate(self, page: str) -> str:
        """A served page with the reload script and, when the sources have problems, the banner."""
        script = _SCRIPT.format(events=EVENTS, version=self.version)
        top = ""  # the banner and the pack's link open the page, where they are seen (not after its footer)
        if self.pack:
            top = (
                f'<p class="preview-pack" style="margin:1rem"><a href="{PACKS}{self.pack}">Preview the PDF pack '
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


def exempt_sources(root: Path) -> set[str]:
    """The sources the banner must not name: the papers of exempt items, the appendix files reported under
    one, and the images their papers show (read as far as the sources can be read; their problems are the
    build's to report)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        papers = load_papers(root, Problems())
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
        target = self.static(url.path)
        if target is None or url.path.startswith("/__boardpack/"):
            self.send_error(404)
            return None
        if target.suffix == ".html" and (target.is_file() or self.preview.problems):
            return self.page(target)
        return super().do_GET()

    def listen(self, query: str) -> None:
        """The stream of builds for a page that last saw build `seen=N` (400 when the query is not that)."""
        seen = _seen(query)
        if seen is None:
            self.send_error(400, "seen: expected the number of a build")
            return
        self.events(seen)

    def page(self, target: Path) -> None:
        """A page of the site as the preview shows it (with its script and any problems' banner); while there
        are problems, a page the last good build did not write is shown empty."""
        page = target.read_text(encoding="utf-8") if target.is_file() else _EMPTY
        self.send_fresh(self.preview.decorate(page).encode(), "text/html; charset=utf-8")

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
        target = (site / "/".join(parts).lstrip("/")).resolve()
        if path.endswith("/"):
            target = target / "index.html"
        return target if target.is_relative_to(site) else None

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)  # a folder without an index page is not a page

    def pack(self, name: str) -> None:
        """One of the public packs the last build wrote; nothing else in the packs folder, ever."""
        path = self.preview.folder / "packs" / name
        if name not in self.preview.packs or _private(name) or path.is_symlink() or not path.is_file():
            self.send_error(404)
            return
        self.send_fresh(path.read_bytes(), "application/pdf")

    def events(self, seen: int) -> None:
        """Tell the page when the next build is ready; let go when the page goes, or serving ends."""
        preview = self.preview
        if not preview.streams.acquire(blocking=False):
            self.send_error(503, f"{STREAMS} preview pages are already listening; close one")
            return
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.flush()
            quiet = 0.0
            while not preview.wait(seen, timeout=POLL):
                if self.gone():
                    return
                quiet += POLL
                if quiet >= KEEP_ALIVE:
                    self.wfile.write(b": still here\n\n")  # keeps proxies and the browser from giving up
                    self.wfile.flush()
                    quiet = 0.0
            if not preview.closed:
                self.wfile.write(b"data: reload\n\n")
                self.wfile.flush()
        except OSError:
            pass  # the page went away
        finally:
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


def _seen(query: str) -> int | None:
    """The build a page last saw, from `seen=N` (none: 0); None when the query is not that."""
    try:
        values = parse_qs(query, strict_parsing=False, max_num_fields=10).get("seen", ["0"])
    except ValueError:
        return None
    if len(values) != 1 or not re.fullmatch(r"[0-9]{1,9}", values[0]):
        return None
    return int(values[0])


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
            preview.build(_described(root, (path for _, path in changes)))
    finally:
        preview.close()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def _described(root: Path, paths: Iterable[str]) -> str:
    names = sorted(
        {Path(p).resolve().relative_to(root).as_posix() if Path(p).resolve().is_relative_to(root) else p for p in paths}
    )
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f" after a change to {shown}" if shown else ""
