"""A preview (`serve`) builds again only what a change touches: after a save, the meetings whose sources did not
change are not assembled again, the pages of those that did are laid into the site (and told) before the rest is
written, a page reloads only when it changed, and the site ends exactly as a whole build makes it.

The sources each meeting's work read are recorded (boardpack/reads.py); each test changes one kind of source and
compares the preview's site with `boardpack site`'s, file by file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from boardpack import serve as preview_server
from boardpack.assemble import assemble_pack
from boardpack.build import Assembled, build_site
from boardpack.checks import check_repository
from boardpack.reads import changed, traced
from boardpack.serve import PACK, SITE, Preview
from boardpack.templates import shipped_templates

from .conftest import MINUTES, Board
from .test_serve_security import MEETING

JANUARY, APRIL, JULY = dt.date(2030, 1, 10), dt.date(2030, 4, 10), dt.date(2030, 7, 10)

APRIL_AGENDA = """\
date: 2030-04-10
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
        minutes: 2030-01-10
  - heading: Reports
    items:
      - title: Plan report
        start: "9.40"
        end: "10.00"
        purpose: To note the plan.
        authors: [Olive Officer]
        paper: cover_sheets/plan.md
"""

JULY_AGENDA = """\
date: 2030-07-10
start: "9.30"
venue: Room 2
sections:
  - heading: Welcome
    items:
      - title: Welcome
        start: "9.30"
        authors: [Chair]
"""

# The small board's minutes of 10 October, as those of its January meeting.
JANUARY_MINUTES = MINUTES.replace("2029-10-10", "2030-01-10").replace("to receive a report.", "to note the budget.")

PLAN = """\
---
title: Plan report
responsible_officer: Olive Officer
purpose: To note the plan.
recommendations: The Board notes the plan.
consultation_record: Planning team.
impact_on_child_poverty: None directly.
---
# Plan

The plan is agreed.
"""


@pytest.fixture
def meetings(board: Board) -> Board:
    """The small board with three meetings: April's carries January's minutes and has a report of its own."""
    board.write("agendas/2030-04-10.yaml", APRIL_AGENDA)
    board.write("agendas/2030-07-10.yaml", JULY_AGENDA)
    board.write("minutes/2030-01-10.yaml", JANUARY_MINUTES)
    board.write("cover_sheets/plan.md", PLAN)
    return board


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


class Early:
    """What a build laid in first: each call's meetings and the files of their folders."""

    def __init__(self) -> None:
        self.calls: list[tuple[set[str], dict[str, bytes]]] = []

    def __call__(self, folder: Path, dates: set[str]) -> None:
        self.calls.append((dates, files_of(folder)))


def rebuilt(board: Board, assembled: Assembled, site: Path, changed_files: list[str]) -> set[object]:
    """Build the preview's site again after `changed_files`; the work done again."""
    assembled.saw(changed_files)
    build_site(board.root, site, pdfs=False, search=False, assembled=assembled)
    return {key[1] if key[0] == "meeting" else key for key in assembled.made}


def assert_as_a_whole_build(board: Board, site: Path, tmp_path: Path) -> None:
    """The preview's site is byte for byte the one a whole build (in step with it: the site keeps the calendar
    events it has published, .boardpack-events.json) makes from the same sources."""
    build_site(board.root, tmp_path / "whole", pdfs=False, search=False)
    assert files_of(site) == files_of(tmp_path / "whole")


def test_a_change_to_one_agenda_assembles_that_meeting_alone_and_shows_its_pages_first(
    meetings: Board, tmp_path: Path
) -> None:
    early = Early()
    assembled, site = Assembled(early), tmp_path / "site"
    build_site(meetings.root, site, pdfs=False, search=False, assembled=assembled)
    assert_as_a_whole_build(meetings, site, tmp_path)
    assert early.calls == []  # the first build makes every page at once

    meetings.replace("agendas/2030-07-10.yaml", "title: Welcome", "title: Welcome to July")
    # An editor's file written and removed as it saves (vim's 4913) is no change of a source.
    assert rebuilt(meetings, assembled, site, ["agendas/2030-07-10.yaml", "agendas/4913"]) == {JULY}
    [(dates, laid)] = early.calls
    assert dates == {"2030-07-10"}
    assert {name.split("/")[0] for name in laid} == {"2030-07-10", ".boardpack-pages-early.json"}
    assert "Welcome to July" in laid["2030-07-10/index.html"].decode()
    assert laid["2030-07-10/index.html"] == (site / "2030-07-10" / "index.html").read_bytes()
    assert_as_a_whole_build(meetings, site, tmp_path)


def test_after_each_kind_of_change_the_preview_is_a_whole_builds_site(meetings: Board, tmp_path: Path) -> None:
    """A report, a minutes file that a later meeting's pack carries, the action log, board.yaml, a web template: each
    assembles again what read it (everything, for board.yaml and a template), and the site ends byte for byte as
    a whole build makes it."""
    assembled, site = Assembled(Early()), tmp_path / "site"
    build_site(meetings.root, site, pdfs=False, search=False, assembled=assembled)
    assert_as_a_whole_build(meetings, site, tmp_path)
    changes = [
        ("cover_sheets/plan.md", "The plan is agreed.", "The plan is agreed at last.", {APRIL}),
        ("minutes/2030-01-10.yaml", "to note the budget.", "to note the budget again.", None),
        ("actions.yaml", "Planning under way.", "Planning well under way.", None),
        ("board.yaml", "Head of Service", "Head of the Service", "all"),
        ("agendas/2030-01-10.yaml", "venue: Room 1", "venue: Room 3", None),
    ]
    for path, old, new, expected in changes:
        meetings.replace(path, old, new)
        made = rebuilt(meetings, assembled, site, [path])
        if expected == "all":
            assert {JANUARY, APRIL, JULY} <= made, path
        elif expected is not None:
            assert made == expected, path
        assert_as_a_whole_build(meetings, site, tmp_path)
    minutes_made = rebuilt(meetings, assembled, site, [])  # nothing changed: nothing made again
    assert minutes_made == set()
    shutil.copytree(shipped_templates() / "html", meetings.root / "templates" / "html")
    meetings.replace("templates/html/base.html", "<html", "<!-- the board's own -->\n<html")
    assert {JANUARY, APRIL, JULY} <= rebuilt(meetings, assembled, site, ["templates/html/base.html"])
    assert_as_a_whole_build(meetings, site, tmp_path)


def test_a_minutes_file_changes_the_meeting_that_carries_it(meetings: Board) -> None:
    """April's pack carries January's minutes: it read them; July's did not."""
    papers = check_repository(meetings.root)
    reading, reads = traced(papers)
    assemble_pack(reading, APRIL)
    assert ("minutes", JANUARY) in reads and ("agendas", APRIL) in reads and ("agendas", JULY) not in reads
    meetings.replace("minutes/2030-01-10.yaml", "to note the budget.", "to note the budget again.")
    assert ("minutes", JANUARY) in changed(papers, check_repository(meetings.root))
    july, read_in_july = traced(papers)
    assemble_pack(july, JULY)
    assert ("minutes", JANUARY) not in read_in_july


class _NoIndex:
    """The search index left out: these tests read the pages and what they are told."""

    built = 0

    def __init__(self, *args: object) -> None:
        pass

    def index(self, *args: object) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_page_is_told_to_reload_only_when_it_changed(meetings: Board, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(preview_server, "Indexer", _NoIndex)
    said: list[str] = []
    (tmp_path / "preview" / "site").mkdir(parents=True)
    shown = Preview(meetings.root, tmp_path / "preview", None, say=said.append)
    try:
        shown.build()
        assert_as_a_whole_build(meetings, shown.site, tmp_path)
        seen = shown.versions[SITE]
        meetings.replace("agendas/2030-07-10.yaml", "title: Welcome", "title: Welcome to July")
        shown.build(" after a change", ["agendas/2030-07-10.yaml"])
        assert_as_a_whole_build(meetings, shown.site, tmp_path)  # its pages laid in first, then the rest
        assert any(line.startswith("pages of 2030-07-10 shown after a change in ") for line in said), said
        assert "Welcome to July" in (shown.site / "2030-07-10" / "index.html").read_text(encoding="utf-8")
        assert shown.wait(seen, 0, page="2030-07-10/index.html")  # told, first, of its own pages
        assert not shown.wait(seen, 0, page="2030-04-10/index.html")  # April's page did not change
        assert shown.wait(seen, 0)  # a page that names none is told of every build
        told = [shown.touched[version] for version in range(seen + 1, shown.versions[SITE] + 1)]
        assert told[0] is not None and "2030-07-10/index.html" in told[0]
        assert all(pages is not None and "2030-07-10/index.html" not in pages for pages in told[1:])  # once
    finally:
        shown.close()


def test_the_packs_page_is_told_to_load_the_pack_alone_unless_its_banner_changes(board: Board, tmp_path: Path) -> None:
    said: list[str] = []
    (tmp_path / "preview" / "site").mkdir(parents=True)
    shown = Preview(board.root, tmp_path / "preview", MEETING, say=said.append)
    try:
        shown.build()
        seen = shown.versions[PACK]
        assert "frame.src = " in shown.viewer()
        board.replace("cover_sheets/budget.md", "The budget is balanced.", "The budget is balanced at last.")
        shown.build(" after a change", ["cover_sheets/budget.md"])
        assert shown.news(seen, PACK) == f"pack {shown.versions[PACK]}"  # its frame loads the new pack
        assert shown.news(seen, SITE) == "reload"
        seen = shown.versions[PACK]
        board.replace("agendas/2030-01-10.yaml", "venue: Room 1", "venue: [Room 1")
        shown.build(" after a mistake", ["agendas/2030-01-10.yaml"])
        assert shown.problems and shown.news(seen, PACK) == "reload"  # its banner shows the problem
    finally:
        shown.close()
