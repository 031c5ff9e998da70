"""Shared fixtures: a small valid board written into a temporary folder, and the example pack."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typst
from filelock import FileLock
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]

# Hypothesis builds every report it writes through the whole pipeline, so an example takes a second or more:
# no deadline, no health check about slow data, and the same examples on every run (derandomize). The full
# profile, "ci", is what plain `pytest` runs; `--hypothesis-profile=dev` (the fast tier, see README) tries a few.
settings.register_profile(
    "ci", max_examples=200, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile("dev", settings.get_profile("ci"), max_examples=10)
settings.load_profile("ci")

BOARD = """\
name: Test Trust Board
front_sheet_title: Test Trust
chair: Ann Chair
clerk: {name: Clara Clerk, phone: "01752 000000", email: clerk@example.org}
people:
  - {name: Ann Chair, initials: AC, role: Chair of the Board, member: true}
  - {name: Paul O'Sullivan, initials: POS, role: Director of Joint Commissioning, member: true}
  - {name: Olive Officer, role: Head of Service}
"""

AGENDA = """\
date: 2030-01-10
start: "9.30"
venue: Room 1
sections:
  - heading: Welcome and minutes
    items:
      - title: Welcome
        start: "9.30"
        authors: [Chair]
      - title: Minutes of the last meeting
        authors: [Chair]
        minutes: 2029-10-10
  - heading: Reports
    items:
      - title: Budget report
        start: "9.40"
        end: "10.00"
        purpose: To note the budget.
        authors: [Olive Officer]
        paper: cover_sheets/budget.md
"""

MINUTES = """\
date: 2029-10-10
present:
  - {name: Ann Chair, note: Chair}
  - Paul O'Sullivan
apologies: [Olive Officer]
items:
  - number: "1.1"
    title: Welcome
    body: The Chair welcomed everyone.
  - number: "2.1"
    title: Budget
    body: "**Agreed** – to receive a report."
"""

COVER_SHEET = """\
---
title: Budget report
responsible_officer: Olive Officer
purpose: To note the budget.
recommendations: The Board notes the report.
consultation_record: Finance team.
impact_on_child_poverty: None directly.
---
# Budget

The budget is balanced.
"""

ACTIONS = """\
actions:
  - id: A1
    raised: 2029-10-10
    minute: "2.1"
    owner: Olive Officer
    description: Bring the budget report to the next meeting.
    due: 2030-01-10
    status: open
trackers:
  - id: tf
    title: Task and finish recommendations
    rows:
      - id: R1
        recommendation: Do the thing.
        action_required: Plan the thing.
        leads: [Olive Officer]
        due: 2030-03-31
        status: open
        rag: amber
        updates:
          - {date: 2029-12-01, text: Planning under way.}
"""


class Board:
    """A small valid board in a temporary folder; tests overwrite single files to break it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("board.yaml", BOARD)
        self.write("agendas/2030-01-10.yaml", AGENDA)
        self.write("minutes/2029-10-10.yaml", MINUTES)
        self.write("cover_sheets/budget.md", COVER_SHEET)
        self.write("actions.yaml", ACTIONS)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def replace(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def attach(self, title: str, name: str) -> Path:
        """Name the PDF appendices/`name` (the caller makes it there) as the budget paper's appendix `title`."""
        (self.root / "appendices").mkdir(exist_ok=True)
        self.replace(
            "cover_sheets/budget.md",
            "impact_on_child_poverty: None directly.\n",
            f"impact_on_child_poverty: None directly.\nappendices:\n  - title: {title}\n    file: appendices/{name}\n",
        )
        return self.root / "appendices" / name


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that drives Chromium says so (the `browser` marker), so that `-m "not browser"` leaves out them all;
    and it is slow (each builds and serves a site, then drives a browser), so the fast tier leaves it out too:
    `pytest -m browser` runs them alone."""
    unmarked = [
        item.nodeid
        for item in items
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError("mark these tests @pytest.mark.browser: " + ", ".join(unmarked))
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as at a clerk's terminal, even in CI: there boardpack prints exempt files' names as [exempt]
    (tests/test_channels.py sets CI itself to test that)."""
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def board(tmp_path: Path) -> Board:
    return Board(tmp_path / "board")


def problems_of(board: Board) -> list[str]:
    """What `check` reports of the board, each problem as printed (none when it checks clean)."""
    from boardpack.checks import check_repository
    from boardpack.errors import BoardpackError

    try:
        check_repository(board.root)
    except BoardpackError as error:
        return [str(p) for p in error.problems]
    return []


def figure_alts(path: Path) -> list[str]:
    """The alt text of each Figure in a PDF's structure tree, as a screen reader is given it."""
    import pikepdf

    alts = []
    with pikepdf.open(path) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return alts


def make_pdf(path: Path, pages: int = 2, text: str = "Foreign appendix text") -> Path:
    """A small PDF made by another tool (Typst, untagged, serif): a stand-in foreign appendix."""
    source = path.with_suffix(".typ")
    body = "\n#pagebreak()\n".join(f"= {text} page {n + 1}\n#lorem(60)" for n in range(pages))
    source.write_text('#set page(paper: "a4")\n#set text(font: "Libertinus Serif")\n' + body, encoding="utf-8")
    typst.compile(str(source), output=str(path))
    source.unlink()
    return path


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], object]) -> Path:
    """The folder `build` writes, made once for the whole run and then only read. pytest-xdist's workers share the
    run's temporary folder: the first to need the folder builds it (under a lock), the others wait and read it."""
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # a worker's base temporary folder is one of the run's
    folder, done = run / f"once-{name}", run / f"once-{name}.done"
    with FileLock(run / f"once-{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a build that failed left
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def example_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example board's pack for 15 June 2012, built once from the repository's own sources."""
    from boardpack.build import build_pack

    def build(out: Path) -> None:
        written = build_pack(REPO, dt.date(2012, 6, 15), out=out)
        # the packs, then the decision lists of the minutes beside them (9 March, carried; 15 June, its own), and
        # the minutes of 9 March as confirmed
        assert [p.name for p in written] == [
            "2012-06-15-public-pack.pdf",
            "2012-06-15-private-pack.pdf",
            "2012-03-09-decisions.pdf",
            "2012-03-09-minutes.pdf",  # as confirmed (as amended) and signed on 15 June
            "2012-06-15-decisions.pdf",
            "2012-06-15-decisions-private.pdf",
        ]

    return built_once(tmp_path_factory, "example", build) / "2012-06-15-public-pack.pdf"


@pytest.fixture(scope="session")
def large_print_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example board's large-print public pack for 15 June 2012."""
    from boardpack.build import build_pack

    def build(out: Path) -> None:
        public, _ = build_pack(REPO, dt.date(2012, 6, 15), out=out, large_print=True)
        assert public.name == "2012-06-15-public-pack-large-print.pdf"

    return built_once(tmp_path_factory, "large", build) / "2012-06-15-public-pack-large-print.pdf"


@pytest.fixture(scope="session")
def example_word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the example board's packs for 15 June 2012 built with their Word documents, built once and only
    read (YYYY-MM-DD-public-docx/ and -private-docx/ beside the PDFs)."""
    from boardpack.build import build_pack

    return built_once(tmp_path_factory, "word", lambda out: build_pack(REPO, dt.date(2012, 6, 15), out=out, docx=True))


@pytest.fixture(params=["standard", "large print"])
def pack(request: pytest.FixtureRequest) -> Path:
    """Each of the example's public packs, for the tests of a pack's anatomy."""
    return request.getfixturevalue("example_pack" if request.param == "standard" else "large_print_pack")


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A real headless Chromium (Debian's chromium and chromium-driver), shared by the web edition's tests."""
    assert CHROMIUM and CHROMEDRIVER, "install Debian's chromium and chromium-driver (see README)"
    assert AXE.exists(), "run `npm install` for axe-core (see README)"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,1600",
        "--allow-file-access-from-files",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A plain PNG picture of one colour, made without an imaging library."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
