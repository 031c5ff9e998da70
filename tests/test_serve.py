"""What `boardpack serve` shows after a save: the public pack compiled again by the compiler it keeps (read back from
the PDF it serves), a pack that does not compile named as a problem until the next good save, and a search index
built again after the pages, which finds the text just saved.

Each test drives the preview in this process (serve.Preview) or serves it on 127.0.0.1 (test_serve_security.Running).
"""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack import serve as preview_server
from boardpack.serve import PACK, SITE, Preview, Told
from boardpack.templates import shipped_templates

from .conftest import Board
from .test_serve_security import MEETING, Running

NAME = "2030-01-10-public-pack.pdf"


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(pdf)).pages)


def preview(board: Board, tmp_path: Path, meeting: object = MEETING) -> tuple[Preview, list[str]]:
    said: list[str] = []
    folder = tmp_path / "preview"
    (folder / "site").mkdir(parents=True)
    return Preview(board.root, folder, meeting, say=said.append), said  # type: ignore[arg-type]


def test_the_pack_preview_shows_a_saved_change(board: Board, tmp_path: Path) -> None:
    shown, said = preview(board, tmp_path)
    try:
        shown.build()
        assert not shown.problems, shown.problems
        assert "Budget report" in text_of((shown.folder / "packs" / NAME).read_bytes())
        board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced at last.")
        before = dict(shown.versions)
        shown.build(" after a change")
        assert "The budget is balanced at last." in text_of((shown.folder / "packs" / NAME).read_bytes())
        # The pack's page was told once, before the web pages were built; the pages once, after.
        assert shown.versions == {PACK: before[PACK] + 1, SITE: before[SITE] + 1}
        builds = [line for line in said if not line.startswith("search index built in ")]
        assert builds[-2].startswith("pack built after a change in ") and builds[-1].startswith(
            "built after a change in "
        )
        assert sorted(path.name for path in (shown.folder / "packs").iterdir()) == [NAME]  # nothing else made
        viewer = shown.viewer()
        assert f'src="{preview_server.PACKS}{NAME}?v={shown.versions[PACK]}"' in viewer
        assert f"?seen={shown.versions[PACK]}&of=pack" in viewer
    finally:
        shown.close()


def test_the_viewer_and_its_pack_are_served(board: Board) -> None:
    server = Running(board.root, MEETING)
    try:
        status, page = server.get(preview_server.VIEWER)
        assert status == 200 and f"{preview_server.PACKS}{NAME}?v=" in page.decode()
        status, pdf = server.get(f"{preview_server.PACKS}{NAME}?v=1")
        assert status == 200 and "Budget report" in text_of(pdf)
        assert f'href="{preview_server.VIEWER}"' in server.get("/index.html")[1].decode()
        assert server.get(f"{preview_server.EVENTS}?seen=0&of=nothing")[0] == 400
    finally:
        server.close()


def test_a_pack_that_does_not_compile_is_a_problem_until_the_next_good_save(board: Board, tmp_path: Path) -> None:
    shutil.copytree(shipped_templates() / "typst", board.root / "templates" / "typst")
    shown, said = preview(board, tmp_path)
    try:
        shown.build()
        good = (shown.folder / "packs" / NAME).read_bytes()
        template = board.root / "templates" / "typst" / "pack.typ"
        template.write_text(template.read_text(encoding="utf-8") + "\n#let broken = (\n", encoding="utf-8")
        shown.build(" after a change")
        [problem] = shown.problems
        lines = len(template.read_text(encoding="utf-8").splitlines())
        assert problem == f"templates/typst/pack.typ:{lines}: Typst could not compile the pack: unclosed delimiter"
        builds = [line for line in said if not line.startswith("search index built in ")]
        assert "Traceback" not in "".join(said) and builds[-1].startswith("1 problem found after a change")
        assert 'role="alert"' in shown.viewer() and problem.split(": ")[0] in shown.viewer()
        assert (shown.folder / "packs" / NAME).read_bytes() == good  # the last good pack is still shown
        assert (shown.site / "index.html").is_file()  # and the web pages are made all the same
        shutil.copyfile(shipped_templates() / "typst" / "pack.typ", template)
        board.replace("cover_sheets/budget.md", "title: Budget report", "title: Budget report, mended")
        shown.build(" after a change")
        assert not shown.problems and 'role="alert"' not in shown.viewer()
        assert "Budget report, mended" in text_of((shown.folder / "packs" / NAME).read_bytes())
    finally:
        shown.close()


def indexed(shown: Preview, builds: int) -> str:
    """The text of the search index (its fragments, decompressed) once `builds` indexes have been built."""
    deadline = time.monotonic() + 60
    with shown.search.changed:
        assert shown.search.changed.wait_for(lambda: shown.search.built >= builds, timeout=deadline - time.monotonic())
    assert shown.search.current is not None
    return " ".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in (shown.search.current / "fragment").iterdir()
    )


def test_the_search_index_is_built_after_the_pages_and_finds_the_new_text(board: Board, tmp_path: Path) -> None:
    shown, _ = preview(board, tmp_path, None)
    try:
        shown.build()
        assert not (shown.site / "pagefind").exists()  # the pages are shown without waiting for it
        assert "balanced" in indexed(shown, 1) and "zanzibar" not in indexed(shown, 1)
        board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced in zanzibar.")
        shown.build()
        assert "zanzibar" in indexed(shown, 2)
        assert [path.name for path in shown.folder.iterdir() if path.name.startswith("search-")] == []
    finally:
        shown.close()


def test_a_boards_own_older_pack_template_is_previewed_too(board: Board, tmp_path: Path) -> None:
    """A board that copied templates/typst before the pack's data could come from a file gets it as before."""
    shutil.copytree(shipped_templates() / "typst", board.root / "templates" / "typst")
    template = board.root / "templates" / "typst" / "pack.typ"
    text = template.read_text(encoding="utf-8")
    older = "\n".join(
        "#let pack = json(bytes(sys.inputs.pack))" if line.startswith("#let pack = ") else line
        for line in text.splitlines()
        if "pack_file" not in line or line.startswith("#let pack = ")
    )
    template.write_text(older, encoding="utf-8")
    shown, _ = preview(board, tmp_path)
    try:
        shown.build()
        board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is overspent.")
        shown.build()
        assert not shown.problems and "The budget is overspent." in text_of(
            (shown.folder / "packs" / NAME).read_bytes()
        )
    finally:
        shown.close()


@pytest.mark.browser
def test_the_packs_page_reloads_in_the_browser_with_the_saved_change(board: Board, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    server = Running(board.root, MEETING)
    try:
        browser.get(f"http://{server.host}/index.html")
        browser.find_element("css selector", ".preview-pack a").click()
        first = browser.find_element("css selector", "iframe").get_attribute("src")
        assert first.endswith(f"{preview_server.PACKS}{NAME}?v=1")
        browser.execute_script("window.kept = true")  # gone if the page reloads
        board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced in Chromium.")
        WebDriverWait(browser, 30, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
            lambda b: b.find_element("css selector", "iframe").get_attribute("data-shown") not in (None, first)
        )
        shown = browser.find_element("css selector", "iframe").get_attribute("src")
        assert "The budget is balanced in Chromium." in text_of(server.get(shown.split(server.host, 1)[1])[1])
        assert browser.execute_script("return window.kept === true")  # the pack loaded into its frame, the page kept
    finally:
        server.close()


def test_boardpacks_own_cache_is_no_change_worth_a_build(board: Board) -> None:
    """A build writes .boardpack-cache/ as it reads the sources: were that a change, every save would build twice."""
    from watchfiles import Change

    from boardpack.store import FOLDER

    watched = preview_server._watched(board.root.resolve())
    assert not watched(Change.added, str(board.root / FOLDER / "yaml" / "ab.json"))
    assert watched(Change.modified, str(board.root / "cover_sheets" / "budget.md"))


def test_the_packs_page_names_no_exempt_file_in_the_warnings_it_shows_first(board: Board, tmp_path: Path) -> None:
    """The pack's page is told, with the warnings found so far, before the web pages are built: an exempt paper is
    named there only as an exempt paper, even on the first build."""
    from boardpack.checks import check_repository

    from .test_serve_security import SECRET, exempt

    exempt(board)
    shown, _ = preview(board, tmp_path)
    try:
        found = [f"cover_sheets/{SECRET}.md:3: responsible officer 1: a warning"]
        shown.show_pack(NAME, b"%PDF-", found, check_repository(board.root))
        assert SECRET not in shown.viewer() and "an exempt paper: responsible officer 1: a warning" in shown.viewer()
    finally:
        shown.close()


def test_serve_stopped_by_a_kill_leaves_no_temporary_folder(board: Board, tmp_path: Path) -> None:
    """SIGTERM (a service manager's stop, a test's terminate()) ends serve as Ctrl+C does: its preview folder, which
    may hold a private paper's pages, is removed, not left in /tmp."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, "-m", "boardpack.cli", "serve", "--root", str(board.root), "--port", "0"]
    process = subprocess.Popen(
        command, env={**os.environ, "TMPDIR": str(temporary)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 120
        while b"serving the preview" not in process.stdout.readline():
            assert time.monotonic() < deadline and process.poll() is None, "serve did not start"
        assert [p.name for p in temporary.iterdir() if p.name.startswith("boardpack-preview-")]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    assert not [p.name for p in temporary.iterdir() if p.name.startswith("boardpack-preview-")]


def test_the_rest_of_the_site_waits_while_the_changed_page_is_loaded() -> None:
    """A preview tells the pages a change touched, then writes the rest of the site: it waits first (at most
    SETTLE seconds) until a told page has reloaded and listens again, so that the browser loads it while nothing
    else competes for the processor. A change no listening page shows is not waited for; the pack's page is waited
    for until its frame has loaded the pack (it listens again once it has)."""
    told = Told()
    told.listen(SITE, 1, "2012-06-15/index.html")
    told.show([], [], set(), {SITE}, {"2012-09-14/index.html"})
    started = time.monotonic()
    told.settle_pages({"2012-09-14/index.html"})  # no listening page shows it
    assert time.monotonic() - started < preview_server.SETTLE / 2

    order: list[str] = []

    def reload(page: str, of: str = SITE) -> None:
        time.sleep(0.2)
        order.append("reloaded")
        told.listen(of, 1, page)

    told.show([], [], set(), {SITE}, {"2012-06-15/index.html"})
    threading.Thread(target=reload, args=("2012-06-15/index.html",)).start()
    told.settle_pages({"2012-06-15/index.html"})
    order.append("the rest written")
    assert order == ["reloaded", "the rest written"]

    told.listen(PACK, 1)
    told.show([], [], set(), {PACK})
    threading.Thread(target=lambda: (time.sleep(0.1), told.served_pack())).start()
    threading.Thread(target=reload, args=("", PACK)).start()
    told.settle()
    order.append("the pages written")
    assert order[-2:] == ["reloaded", "the pages written"] and told.served == told.versions[PACK]
