"""A preview that only its author can read: `boardpack serve` answers only to its own loopback address, never
serves a private pack or a file outside what it means to serve, refuses a malformed query without a
traceback, lets go of the pages listening for the next build, and names no exempt file on its banner.

Each test talks to a real server on 127.0.0.1, run in this process so that its threads can be counted.
"""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardpack import serve as preview_server
from boardpack.serve import Preview, serve

from .conftest import Board

MEETING = dt.date(2030, 1, 10)
SECRET = "zq7-sale"  # the exempt paper's name: never on a page

EXEMPT_ITEM = f"""\
  - heading: Private business
    items:
      - title: Sale of Zq7 House
        start: "10.30"
        authors: [Olive Officer]
        paper: cover_sheets/{SECRET}.md
        exempt:
          paragraph: 3
          public_title: Sale of a council property
"""

EXEMPT_SHEET = """\
---
title: Sale of Zq7 House
responsible_officer: Olive Officer
purpose: To agree the sale.
recommendations: Accept the offer.
consultation_record: Estates team.
impact_on_child_poverty: None directly.
---
# The sale

The offer is below.
"""


def exempt(board: Board) -> Board:
    """The small board with an exempt item whose paper goes only into the private pack."""
    board.write("agendas/2030-01-10.yaml", (board.root / "agendas" / "2030-01-10.yaml").read_text() + EXEMPT_ITEM)
    board.write(f"cover_sheets/{SECRET}.md", EXEMPT_SHEET)
    return board


class Running:
    """A preview served in a thread of this process, on a port of its own."""

    def __init__(self, root: Path, meeting: dt.date | None = None) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=serve, args=(root, self.port, meeting, self.stop), daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.answers():
            assert self.thread.is_alive() and time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.05)
        assert settled(0), "a request's thread was kept"

    def answers(self) -> bool:
        try:
            return self.get("/")[0] == 200
        except OSError:
            return False

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def get(self, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
        """(status, body) of a request naming `host` (default: the server's own address) in `Host`."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host if host is not None else self.host)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def raw(self, request: bytes) -> bytes:
        """What the server answers to `request`, sent byte for byte."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as connection:
            connection.sendall(request)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
            return answer

    def listen(self, seen: int) -> socket.socket:
        """A page listening for the build after `seen`, its response's head read."""
        connection = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        connection.sendall(f"GET {preview_server.EVENTS}?seen={seen} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = connection.recv(1)
            assert chunk, head
            head += chunk
        assert head.startswith(b"HTTP/1.0 200"), head
        return connection

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the preview did not stop"


@pytest.fixture
def running(board: Board) -> Iterator[Running]:
    server = Running(board.root)
    yield server
    server.close()


@pytest.fixture
def with_pack(board: Board) -> Iterator[Running]:
    server = Running(exempt(board).root, MEETING)
    yield server
    server.close()


def handlers() -> int:
    """The number of threads answering the preview's requests (its thread per request) in this process: not
    those of another test's server that a browser's kept-alive connection holds open."""
    return sum(thread.name == preview_server.REQUEST_THREAD for thread in threading.enumerate())


def settled(count: int, seconds: float = 5) -> bool:
    """Whether the number of threads answering requests comes back down to `count` within `seconds`."""
    deadline = time.monotonic() + seconds
    while handlers() > count:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_only_a_request_naming_the_preview_by_a_loopback_address_is_answered(running: Running) -> None:
    for host in (running.host, f"localhost:{running.port}", f"LOCALHOST:{running.port}", f"[::1]:{running.port}"):
        assert running.get("/index.html", host)[0] == 200, host
    # DNS rebinding: a page of attacker.example, its name now pointing at 127.0.0.1, sends its own name
    for host in (
        "attacker.example",
        f"attacker.example:{running.port}",
        "127.0.0.1",
        f"127.0.0.1:{running.port + 1}",
        f"127.0.0.1.attacker.example:{running.port}",
        "",
    ):
        for path in ("/index.html", "/", preview_server.EVENTS, "/pagefind/pagefind.js"):
            status, body = running.get(path, host)
            assert status == 403 and b"Budget" not in body, (host, path)
        assert running.get("/index.html", host, method="HEAD")[0] == 403, host
    # no Host at all (HTTP/1.0 allows it: a rebinding page cannot be told from the author's)
    assert running.raw(b"GET /index.html HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 403")
    # two Hosts, one of them right
    twice = f"GET /index.html HTTP/1.1\r\nHost: attacker.example\r\nHost: {running.host}\r\nConnection: close\r\n\r\n"
    assert running.raw(twice.encode()).startswith(b"HTTP/1.0 403")


def test_the_private_pack_is_never_served(with_pack: Running) -> None:
    public, private = f"{MEETING}-public-pack.pdf", f"{MEETING}-private-pack.pdf"
    status, body = with_pack.get(preview_server.PACKS + public)
    assert status == 200 and body.startswith(b"%PDF")
    page = with_pack.get("/index.html")[1].decode()
    assert public in page and private not in page
    for path in (
        private,
        private.replace("-", "%2D"),
        f"..%2Fpacks%2F{private}",
        f"../packs/{private}",
        f"x/../{private}",
        f"{public}/../{private}",
        ".boardpack-manifest.json",
        "",
    ):
        status, body = with_pack.get(preview_server.PACKS + path)
        assert status == 404 and not body.startswith(b"%PDF"), path
    # not to the author either, and not to a rebinding page by any route
    assert with_pack.get(preview_server.PACKS + public, f"attacker.example:{with_pack.port}")[0] == 403


def test_no_path_reaches_outside_the_site(running: Running) -> None:
    for path in (
        "/../board.yaml",
        "/%2e%2e/%2e%2e/board.yaml",
        "/..%2f..%2fboard.yaml",
        "/2030-01-10/../../board.yaml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/../../../../../../etc/passwd",
        "/..\\..\\board.yaml",
        "/../packs/x.html",
        "/%00.html",
        "/__boardpack/packs",
        "/__boardpack/",
    ):
        status, body = running.get(path)
        assert status in (400, 404), (path, status)
        assert b"Test Trust Board" not in body and b"root:" not in body, path
    answer = running.raw(f"GET ../../board.yaml HTTP/1.0\r\nHost: {running.host}\r\n\r\n".encode())
    assert b"Test Trust Board" not in answer
    assert running.get("/2030-01-10/")[0] == 200  # a folder's index page is still a page


def test_a_malformed_query_is_refused_without_a_traceback(running: Running, capfd: pytest.CaptureFixture[str]) -> None:
    for query in (
        "seen=abc",
        "seen=-1",
        "seen=1.5",
        "seen=99999999999999999999999",
        "seen=1&seen=2",
        "seen=%00",
        "seen=%D9%A1",
        "seen=1e3",
        "seen=%201",
        "seen=0x1",
        "&".join(["x=1"] * 50),
    ):
        assert running.get(f"{preview_server.EVENTS}?{query}")[0] == 400, query
    assert "Traceback" not in capfd.readouterr().err
    page = running.listen(0)  # no build numbered 0 is served: the page hears at once of the one that is
    page.settimeout(10)
    assert b"data: reload" in page.recv(100)
    page.close()


def test_a_page_that_goes_away_lets_go_of_its_thread(running: Running) -> None:
    seen = running_version(running)
    assert settled(0)
    page = running.listen(seen)
    assert handlers() == 1  # the thread that answers it, waiting for the next build
    page.close()
    assert settled(0), "the listening page's thread was kept after the page went away"


def test_serving_ends_every_listening_page(board: Board) -> None:
    server = Running(board.root)
    seen = running_version(server)
    pages = [server.listen(seen) for _ in range(3)]
    server.close()
    for page in pages:
        page.settimeout(5)
        assert page.recv(100) == b""  # the server closed it
        page.close()
    assert settled(0), "threads were left behind when serving stopped"


def test_listening_pages_are_bounded(running: Running) -> None:
    seen = running_version(running)
    pages = [running.listen(seen) for _ in range(preview_server.STREAMS)]
    status, body = running.get(f"{preview_server.EVENTS}?seen={seen}")
    assert status == 503 and b"close one" in body
    assert running.get("/index.html")[0] == 200  # pages are still served
    for page in pages:
        page.close()
    assert settled(0)
    page = running.listen(seen=running_version(running))  # room again
    page.close()


def test_a_listening_page_still_hears_of_the_next_build(board: Board, running: Running) -> None:
    page = running.listen(seen=running_version(running))
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced again.")
    page.settimeout(30)
    heard = b""
    while b"data: reload" not in heard:
        chunk = page.recv(100)
        assert chunk, heard
        heard += chunk
    page.close()


def running_version(running: Running) -> int:
    """The number of the build the served pages carry (their script listens for the one after it)."""
    page = running.get("/index.html")[1].decode()
    return int(page.split("?seen=")[1].split('"')[0].split("&")[0])


def test_the_banner_names_no_exempt_paper(board: Board) -> None:
    exempt(board)
    board.replace(
        f"cover_sheets/{SECRET}.md", "responsible_officer: Olive Officer", "responsible_officer: Olive Oficer"
    )
    board.replace("cover_sheets/budget.md", "responsible_officer: Olive Officer", "responsible_officer: Olive Oficer")
    server = Running(board.root)
    try:
        status, body = server.get("/index.html")
    finally:
        server.close()
    page = body.decode()
    assert status == 200 and 'role="alert"' in page
    assert SECRET not in page
    assert (
        "an exempt paper: responsible officer 1: &#x27;Olive Oficer&#x27; is not one of the board&#x27;s people "
        "(did you mean &quot;Olive Officer&quot;?)"
    ) in page
    assert (
        "cover_sheets/budget.md:3: responsible officer 1: &#x27;Olive Oficer&#x27;" in page
    )  # a public paper is named


def test_warnings_name_no_exempt_file(tmp_path: Path) -> None:
    preview = Preview(tmp_path, tmp_path, None, say=lambda text: None)
    preview.exempt = {"cover_sheets/zq7-sale.md", "appendices/zq7-valuation.pdf"}
    preview.warnings = [
        "agendas/2030-04-10.yaml:9: 'cover_sheets/zq7-sale.md' is exempt from 2030-04-10, but ...",
        "cover_sheets/zq7-sale.md:12: appendices 1, file: appendices/zq7-valuation.pdf is large",
    ]
    page = preview.decorate(
        '<html><body class="x"><header>Site</header><main>Page</main><footer>End</footer></body></html>'
    )
    assert "zq7" not in page
    # The banner opens the page, where it is seen at once (it had been put after the footer, off-screen).
    assert page.index('role="alert"') < page.index("<header>") and page.index("<script") > page.index("<footer>")
    assert "agendas/2030-04-10.yaml:9: &#x27;an exempt paper&#x27; is exempt from 2030-04-10" in page
    assert "an exempt paper: appendices 1, file: an exempt paper is large" in page
