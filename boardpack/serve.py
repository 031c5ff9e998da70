"""`boardpack serve`: a live preview of the web edition (and, on request, one meeting's PDF pack) while
authors edit.

The preview is built into a private temporary folder and served on localhost. watchfiles reports every
saved change; the preview is built again in this process, where what has not changed is not parsed
again (Markdown and templates are cached), and no PDF is rendered unless asked for. Each served page
carries a small script that listens for the next build (server-sent events) and reloads; problems are
printed in the terminal and shown as a banner on the page, and the last good build stays served.
"""

from __future__ import annotations

import datetime as dt
import html
import http.server
import shutil
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from .errors import BoardpackError, BoardpackWarning, command_line

EVENTS = "/__boardpack/events"
PACKS = "/__boardpack/packs/"
IGNORED = ("build", "site", ".git", "__pycache__", "node_modules", ".venv", ".hypothesis", ".pytest_cache")

_SCRIPT = """<script>(function () {{
  var events = new EventSource("{events}?seen={version}");
  events.onmessage = function () {{ events.close(); window.location.reload(); }};
}})();</script>"""


_EMPTY = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>boardpack preview</title></head>'
          '<body><main><h1>No preview yet</h1></main></body></html>')


class Preview:
    """The preview's state: the folder it is built into, the number of the latest build, its problems."""

    def __init__(self, root: Path, folder: Path, meeting: dt.date | None,
                 say: Callable[[str], None] = lambda text: print(text, flush=True)) -> None:
        self.root = root.resolve()
        self.folder = folder
        self.meeting = meeting
        self.say = say
        self.version = 0
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.pack = ""  # the PDF pack's file name in the packs folder, when one is built
        self.changed = threading.Condition()

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def build(self, why: str = "") -> None:
        """Build the preview again; on problems keep the last good build and show them."""
        from .build import build_pack, build_site

        started = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BoardpackWarning)
            try:
                build_site(self.root, self.site, pdfs=False)
                if self.meeting is not None:
                    written = build_pack(self.root, self.meeting, self.folder / "packs")
                    self.pack = written[0].name
                problems: list[str] = []
            except BoardpackError as error:
                problems = [str(problem) for problem in error.problems]
        found = [str(w.message) for w in caught if issubclass(w.category, BoardpackWarning)]
        with self.changed:
            self.problems, self.warnings = problems, found
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
        """Wait until a build after `seen`; True when there is one."""
        with self.changed:
            return self.changed.wait_for(lambda: self.version != seen, timeout=timeout)

    def decorate(self, page: str) -> str:
        """A served page with the reload script and, when the sources have problems, the banner."""
        added = _SCRIPT.format(events=EVENTS, version=self.version)
        if self.problems or self.warnings:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in
                            [*self.problems, *(f"warning: {text}" for text in self.warnings)])
            heading = "This preview is out of date: the sources have problems" if self.problems else "Warnings"
            added = (f'<div role="alert" class="preview-banner" style="border:4px solid #d4351c;padding:1rem;'
                     f'margin:1rem;background:#fff"><h2>{heading}</h2><ul>{items}</ul></div>') + added
        if self.pack:
            added = (f'<p class="preview-pack" style="margin:1rem"><a href="{PACKS}{self.pack}">Preview the PDF pack '
                     f'({html.escape(self.pack)})</a></p>') + added
        return page.replace("</body>", added + "</body>", 1) if "</body>" in page else page + added


def _handler(preview: Preview) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(preview.site), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass  # the terminal is for the builds' news

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == EVENTS:
                return self.events(int(parse_qs(url.query).get("seen", ["0"])[0] or 0))
            if url.path.startswith(PACKS):
                return self.file(preview.folder / "packs" / Path(url.path).name, "application/pdf")
            target = preview.site / url.path.lstrip("/")
            if url.path.endswith("/"):
                target = target / "index.html"
            inside = target.resolve().is_relative_to(preview.site.resolve())
            if target.suffix == ".html" and inside and (target.is_file() or preview.problems):
                page = target.read_text(encoding="utf-8") if target.is_file() else _EMPTY
                body = preview.decorate(page).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
                return None
            return super().do_GET()

        def file(self, path: Path, kind: str) -> None:
            if not path.is_file():
                self.send_error(404)
                return
            data = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def events(self, seen: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                while not preview.wait(seen, timeout=10):
                    self.wfile.write(b": still here\n\n")  # keeps the connection, and finds a closed one
                    self.wfile.flush()
                self.wfile.write(b"data: reload\n\n")
                self.wfile.flush()
            except OSError:
                pass  # the page went away

    return Handler


def _watched(root: Path) -> Callable[[object, str], bool]:
    """Changes worth a build: anything in the repository but outputs, git's own files and caches."""
    from watchfiles import DefaultFilter

    default = DefaultFilter(ignore_dirs=(*DefaultFilter.ignore_dirs, *IGNORED))

    def keep(change: object, path: str) -> bool:
        relative = Path(path).resolve().relative_to(root) if Path(path).resolve().is_relative_to(root) else Path(path)
        return default(change, path) and not (relative.parts and relative.parts[0] in IGNORED)  # type: ignore[arg-type]

    return keep


def serve(root: Path, port: int, meeting: dt.date | None, stop: threading.Event | None = None) -> None:
    """Serve the preview on localhost:`port` (0: any free port) and build it again on every change until
    `stop` is set (or the process is interrupted)."""
    from watchfiles import watch

    root = root.resolve()
    folder = Path(tempfile.mkdtemp(prefix="boardpack-preview-"))
    preview = Preview(root, folder, meeting)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise BoardpackError([command_line("--port", f"cannot serve on port {port}: {error.strerror or error}; "
                                                     "choose another with --port (0: any free port)")]) from None
    server.daemon_threads = True
    try:
        preview.site.mkdir()
        preview.build()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"serving the preview of {root.name} at http://127.0.0.1:{server.server_address[1]}/ "
              "(Ctrl+C to stop); it is built again whenever a source is saved", flush=True)
        for changes in watch(root, watch_filter=_watched(root), stop_event=stop, debounce=50, step=20,
                             raise_interrupt=False):
            preview.build(_described(root, (path for _, path in changes)))
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def _described(root: Path, paths: Iterable[str]) -> str:
    names = sorted({Path(p).resolve().relative_to(root).as_posix() if Path(p).resolve().is_relative_to(root) else p
                    for p in paths})
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f" after a change to {shown}" if shown else ""

