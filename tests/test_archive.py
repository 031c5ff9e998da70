"""A council's archive split for a matrix of CI jobs: `build --all --shard I/N` and `site --shard I/N` write parts
whose folders, copied together, hold exactly what one whole run writes (a site's shared pages then made by a whole
run over them, which renders again no pack a part made); a part that is not I of N is refused, saying what to give."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

import boardpack.build
from boardpack.build import Shard, build_all, build_council_site, build_site
from boardpack.cache import BATCH_DATA, BATCH_PACKS, _batch, _dealt
from boardpack.cli import main

from .conftest import REPO, Board
from .test_build import two_meetings
from .test_outputs import snapshot

TODAY = dt.date(2017, 1, 1)


def _boards() -> ModuleType:
    """benchmarks/boards.py, which makes the benchmark council."""
    spec = importlib.util.spec_from_file_location("boards", REPO / "benchmarks" / "boards.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(folder: Path) -> dict[str, bytes]:
    """Every file a run left in `folder` but boardpack's own records (manifests, pages records, the lock) and
    Pagefind's index (whose filter files differ from run to run, Pagefind#638)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not path.name.startswith(
            (
                ".boardpack-manifest",
                ".boardpack-pages",
                ".boardpack-body",
                ".boardpack-events",
                ".boardpack-shared",
                ".boardpack.lock",
            )
        )
        and "pagefind" not in path.relative_to(folder).parts
    }


def _entries(folders: list[Path]) -> dict[str, object]:
    """Every pack the folders' manifests record, with its key and hash."""
    found: dict[str, object] = {}
    for folder in folders:
        for path in folder.glob(".boardpack-manifest*.json"):
            for name, entry in json.loads(path.read_text())["packs"].items():
                assert name not in found, f"{name} is in two shards"
                found[name] = entry
    return found


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("0/3", "'0/3' is not a shard"),
        ("4/3", "'4/3' is not a shard"),
        ("1/0", "'1/0' is not a shard"),
        ("two", "'two' is not a shard"),
        ("1/2/3", "'1/2/3' is not a shard"),
    ],
)
def test_a_shard_that_is_not_i_of_n_is_refused(board: Board, given: str, why: str) -> None:
    for command in (["build", "--all"], ["site"]):
        result = CliRunner().invoke(main, [*command, "--shard", given, "--root", str(board.root)])
        assert result.exit_code == 2
        assert f"Invalid value for '--shard': {why}: give I/N, part I of N with 1 <= I <= N (for example 2/3)" in (
            result.output
        )


def test_a_shard_needs_all(board: Board) -> None:
    result = CliRunner().invoke(main, ["build", "--shard", "1/2", "--root", str(board.root)])
    assert result.exit_code == 2 and "--shard splits the meetings of --all: add --all" in result.output


def test_every_meeting_is_in_exactly_one_shard_the_same_on_every_run() -> None:
    names = [f"body-{b}/{dt.date(2016, 1, 1) + dt.timedelta(days=d)}" for b in range(5) for d in range(0, 700, 7)]
    parts = [[name for name in names if Shard(i, 3).has(name)] for i in (1, 2, 3)]
    assert sorted(sum(parts, [])) == sorted(names)
    assert all(len(part) > len(names) / 4 for part in parts)  # roughly even
    assert Shard.parse("2/3") == Shard(2, 3) and Shard.parse("1/1").whole
    assert Shard(2, 3).named(".boardpack-manifest.json") == ".boardpack-manifest-2-of-3.json"
    assert Shard().named(".boardpack-manifest.json") == ".boardpack-manifest.json"


def test_the_shards_of_a_council_site_and_its_final_step_make_the_whole_site(tmp_path: Path) -> None:
    council = _boards().council(tmp_path / "council", bodies=3, years=1, per_year=3)
    whole = build_council_site(council, tmp_path / "whole", today=TODAY, pdfs=False)
    parts = [tmp_path / f"part-{i}" for i in (1, 2, 3)]
    for i, part in enumerate(parts, 1):
        build_council_site(council, part, today=TODAY, pdfs=False, shard=Shard(i, 3))
    wholly = _files(whole.folder)
    written = [_files(part) for part in parts]
    meetings = {name for name in wholly if name.startswith("body-") and name.count("/") == 2}  # body/date/file
    assert all(written), "every part has meetings"
    assert sorted(name for files in written for name in files if name != ".boardpack-site") == sorted(meetings)
    for files in written:
        assert {name: data for name, data in files.items() if name != ".boardpack-site"} == {
            name: wholly[name] for name in files if name != ".boardpack-site"
        }
    assert not (parts[0] / "index.html").exists() and not (parts[0] / "pagefind").exists()  # the final step's

    combined = tmp_path / "combined"
    for part in parts:
        shutil.copytree(part, combined, dirs_exist_ok=True)
    final = build_council_site(council, combined, today=TODAY, pdfs=False)
    assert _files(final.folder) == wholly
    assert all((combined / body / "pagefind" / "pagefind.js").is_file() for body in ("body-01", "body-02", "body-03"))
    assert not list(combined.rglob(".boardpack-pages-*")), "the parts' records are replaced by the whole run's"


def test_the_shards_of_a_boards_site_with_minutes_and_its_final_step_make_the_whole_site(
    board: Board, tmp_path: Path
) -> None:
    """One body's site (no council), with a meeting known only by its minutes, whose page the final step makes."""
    two_meetings(board, third=True)
    today = dt.date(2030, 5, 1)
    whole = _files(build_site(board.root, tmp_path / "whole", today=today, pdfs=False).folder)
    combined = tmp_path / "combined"
    for i in (1, 2, 3):
        part = build_site(board.root, tmp_path / f"part-{i}", today=today, pdfs=False, shard=Shard(i, 3)).folder
        assert {name: data for name, data in _files(part).items() if name != ".boardpack-site"} == {
            name: whole[name] for name in _files(part) if name != ".boardpack-site"
        }
        shutil.copytree(part, combined, dirs_exist_ok=True)
    assert "2029-10-10/index.html" in whole and not (combined / "2029-10-10").exists()  # the minutes alone
    assert _files(build_site(board.root, combined, today=today, pdfs=False).folder) == whole


@pytest.mark.slow
def test_the_shards_of_build_all_are_exactly_the_whole_run(board: Board, tmp_path: Path) -> None:
    two_meetings(board, third=True)
    whole = tmp_path / "whole"
    build_all(board.root, whole, jobs=2)
    parts = [tmp_path / f"part-{i}" for i in (1, 2, 3)]
    for i, part in enumerate(parts, 1):
        build_all(board.root, part, jobs=2, shard=Shard(i, 3))
        assert (part / f".boardpack-manifest-{i}-of-3.json").is_file()
    written = [_files(part) for part in parts]
    assert sorted(name for files in written for name in files) == sorted(_files(whole))
    assert {name: data for files in written for name, data in files.items()} == _files(whole)
    assert _entries(parts) == _entries([whole])

    combined = tmp_path / "combined"
    for part in parts:
        shutil.copytree(part, combined, dirs_exist_ok=True)
    inodes = {path: path.stat().st_ino for path in combined.glob("*.pdf")}
    again = build_all(board.root, combined)
    assert (again.rendered, again.reused) == (0, 3)
    assert _files(combined) == _files(whole)
    assert {path: path.stat().st_ino for path in combined.glob("*.pdf")} == inodes, "a pack reused is not rewritten"


@pytest.mark.slow
def test_the_final_step_of_a_sharded_site_renders_no_pack_again(tmp_path: Path) -> None:
    council = _boards().council(tmp_path / "council", bodies=2, years=1, per_year=2)
    whole = build_council_site(council, tmp_path / "whole", today=TODAY, jobs=2)
    combined = tmp_path / "combined"
    for i in (1, 2):
        build_council_site(council, tmp_path / f"part-{i}", today=TODAY, jobs=2, shard=Shard(i, 2))
        shutil.copytree(tmp_path / f"part-{i}", combined, dirs_exist_ok=True)
    final = build_council_site(council, combined, today=TODAY, jobs=2)
    assert (final.rendered, final.reused) == (0, whole.rendered)
    assert _files(combined) == _files(whole.folder)


def test_small_packs_render_in_batches_a_large_one_alone() -> None:
    """Many small packs share a rendering process (its start and what Typst memoises), up to a share each; a pack
    whose data is large has a process to itself, which ends with it (Typst keeps what it laid out until then)."""
    waiting = list(range(100))
    sizes = [4_000] * 100
    assert _batch(waiting, sizes, BATCH_PACKS) == list(range(BATCH_PACKS))
    assert _batch(waiting, sizes, 5) == [25, 26, 27, 28, 29]
    sizes = [4_000, BATCH_DATA, 4_000, 4_000]
    waiting = [0, 1, 2, 3]
    assert [_batch(waiting, sizes, 25) for _ in range(3)] == [[0], [1], [2, 3]]


def test_a_meetings_two_large_packs_render_side_by_side_not_in_one_process() -> None:
    """A meeting's packs on two processors: the public and private packs (largest first) in processes of their own,
    the small decision lists after them, each process an even share of the data (not of the count: the two large
    packs in one batch left the other process with the small ones, done at once, and the build waiting)."""
    sizes = [130_000, 135_000, 15_000, 10_000, 5_000, 5_000]  # public, private, minutes, decision lists
    waiting = sorted(range(len(sizes)), key=lambda index: -sizes[index])
    share = -(-sum(sizes) // 2)
    assert [_batch(waiting, sizes, 3, share) for _ in range(3)] == [[1], [0, 2], [3, 4, 5]]


def test_a_meetings_packs_are_dealt_to_processes_that_start_together_and_end_together() -> None:
    """A meeting's six PDFs on two processors: the public and private packs in processes of their own, the minutes
    and decision lists dealt to whichever has the least work so far (its data, and each pack's start), so that no
    process starts only when one of the packs has ended, and both end at about the same time."""
    sizes = [128_000, 132_000, 1_200, 14_400, 3_000, 3_100]  # public, private, decision lists, minutes (the example)
    order = sorted(range(len(sizes)), key=lambda index: -sizes[index])
    assert _dealt(order, sizes, 2) == [[1, 5, 4], [0, 3, 2]]
    assert _dealt(order[:2], sizes, 4) == [[1], [0]]  # never more processes than packs
    public_only = [128_000, 1_200, 14_400, 3_000, 3_100]
    assert _dealt(sorted(range(5), key=lambda index: -public_only[index]), public_only, 2) == [[0], [2, 4, 3, 1]]


def test_a_calendar_of_events_made_once_is_icalendars_own_text() -> None:
    """Each meeting's event is made once however many times its calendar is made (serve makes them on every change),
    and the calendar spliced from them is byte for byte the one icalendar writes whole, time zone included."""
    from icalendar import Calendar, Event

    from boardpack.render.html.feeds import Meeting, _event, _event_ical, calendar

    meetings = [
        Meeting("Committee 1", "https://example.org/", dt.date(2016, 1, 5) + dt.timedelta(days=40 * n), start="18.00")
        for n in range(12)
    ] + [
        Meeting("Committee 1", "", dt.date(2017, 3, 1), status="cancelled", note="No business."),
        Meeting("Committee 1", "", dt.date(2017, 4, 1), venue="Room 2"),  # a day's event: its time not yet known
    ]
    whole = Calendar()
    for name, value in [
        ("prodid", "-//boardpack//web edition//EN"),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("x-wr-calname", "Committee 1"),
        ("x-wr-timezone", "Europe/London"),
    ]:
        whole.add(name, value)
    for meeting in meetings:
        event = _event(meeting)
        made = Event()
        for name, value in [
            ("uid", event.uid),
            ("dtstamp", event.stamp),
            ("sequence", event.sequence),
            ("dtstart", event.start),
            *([("dtend", event.end)] if event.end is not None else []),
            *([("location", event.location)] if event.location is not None else []),
            ("summary", event.summary),
            ("url", event.url),
            ("description", event.description),
            ("status", event.status),
        ]:
            made.add(name, value)
        whole.add_component(made)
    whole.add_missing_timezones(dt.date(2016, 1, 1), dt.date(2018, 1, 1))
    _event_ical.cache_clear()
    assert calendar("Committee 1", meetings) == whole.to_ical()
    assert b"BEGIN:VTIMEZONE" in whole.to_ical()
    assert calendar("Committee 1", meetings) == whole.to_ical()
    assert _event_ical.cache_info().hits == len(meetings)


def test_a_council_site_rebuilt_after_one_bodys_change_is_the_site_built_from_empty_with_it(tmp_path: Path) -> None:
    """A body whose inputs are unchanged keeps its folder as the last run wrote it (the same files, not written
    again); the changed body's folder and the council's shared pages are made again, and the whole equals a site
    built from empty."""
    council = _boards().council(tmp_path / "council", bodies=3, years=1, per_year=3)
    site = tmp_path / "site"
    build_council_site(council, site, today=TODAY, pdfs=False)
    kept = {path: path.stat().st_ino for path in (site / "body-01").rglob("*") if path.is_file()}
    rewritten = {path: path.stat().st_ino for path in (site / "body-02").glob("*.html")}
    agenda = sorted((council.parent / "body-02" / "agendas").glob("*.yaml"))[0]
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("Committee Room 1", "The Guildhall"), "utf-8")
    paper = sorted((council.parent / "body-02" / "cover_sheets").glob("*.md"))[0]
    paper.write_text(paper.read_text(encoding="utf-8").replace("# Report", "A sentence added.\n\n# Report"), "utf-8")

    build_council_site(council, site, today=TODAY, pdfs=False)
    fresh = build_council_site(council, tmp_path / "fresh", today=TODAY, pdfs=False)
    assert _files(site) == _files(fresh.folder)
    assert {path: path.stat().st_ino for path in kept} == kept, "body-01's folder is kept, file by file"
    assert all(path.stat().st_ino != ino for path, ino in rewritten.items()), "body-02's pages are made again"
    assert "The Guildhall" in (site / "calendar.ics").read_text(encoding="utf-8")  # the council's, made again
    assert any("A sentence added." in page.read_text("utf-8") for page in (site / "body-02").rglob("*.html"))


def test_a_kept_bodys_folder_is_made_again_when_its_day_or_a_file_of_it_changed(tmp_path: Path) -> None:
    """Pages say what is known on the day they are built, and the previous site is only trusted as it was written:
    another day, or a file of the folder altered since, makes the body's folder again."""
    council = _boards().council(tmp_path / "council", bodies=2, years=1, per_year=2)
    site = tmp_path / "site"
    build_council_site(council, site, today=TODAY, pdfs=False)
    page = site / "body-01" / "index.html"
    first = page.stat().st_ino
    build_council_site(council, site, today=TODAY + dt.timedelta(days=1), pdfs=False)
    assert page.stat().st_ino != first
    fresh = build_council_site(council, tmp_path / "fresh", today=TODAY + dt.timedelta(days=1), pdfs=False)
    page.write_text("altered", encoding="utf-8")
    build_council_site(council, site, today=TODAY + dt.timedelta(days=1), pdfs=False)
    assert _files(site) == _files(fresh.folder)


def test_a_source_edited_to_the_same_size_and_time_is_caught_by_its_ctime(tmp_path: Path) -> None:
    """A body's key reads again a file whose stat is not as the last run recorded it: a paper edited to the same size
    with its time of change put back (as a tool may) still differs by its ctime, and its pages are made again (the
    last run's stamps are made old enough to trust, so only the stat tells)."""
    council = _boards().council(tmp_path / "council", bodies=2, years=1, per_year=2)
    site = tmp_path / "site"
    build_council_site(council, site, today=TODAY, pdfs=False)
    record_file = site / "body-01" / boardpack.build.BODY_RECORD
    record = json.loads(record_file.read_text("utf-8"))
    record["began"] += 3600 * 10**9  # as if the last run had begun an hour after every file was written
    record_file.write_text(json.dumps(record), "utf-8")
    paper = sorted((council.parent / "body-01" / "cover_sheets").glob("*.md"))[0]
    before = paper.stat()
    paper.write_text(paper.read_text("utf-8").replace("# Report", "# Rqport", 1), "utf-8")
    os.utime(paper, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = paper.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)

    build_council_site(council, site, today=TODAY, pdfs=False)
    assert any("Rqport" in page.read_text("utf-8") for page in (site / "body-01").rglob("*.html"))
    assert _files(site) == _files(build_council_site(council, tmp_path / "fresh", today=TODAY, pdfs=False).folder)


def test_a_kept_bodys_sources_whose_ctime_alone_changed_are_stamped_again(tmp_path: Path) -> None:
    """A source whose stat changed but not its bytes (its ctime, as a copy by hard links changes it) is read again
    once: its body is kept, and its record takes the new stamps, so the next run need not read it."""
    council = _boards().council(tmp_path / "council", bodies=2, years=1, per_year=2)
    site = tmp_path / "site"
    build_council_site(council, site, today=TODAY, pdfs=False)
    page = site / "body-01" / "index.html"
    first = page.stat().st_ino
    paper = sorted((council.parent / "body-01" / "cover_sheets").glob("*.md"))[0]
    os.link(paper, tmp_path / "linked.md")  # the paper's ctime changes; its bytes do not
    build_council_site(council, site, today=TODAY, pdfs=False)
    assert page.stat().st_ino == first, "body-01 is kept"
    record = json.loads((site / "body-01" / boardpack.build.BODY_RECORD).read_text("utf-8"))
    assert record["sources"][str(paper)][3] == paper.stat().st_ctime_ns


def test_a_file_changed_as_its_stamps_were_taken_is_read_again(tmp_path: Path) -> None:
    """A recorded hash is used only for a file whose stat is as recorded and whose times are over two seconds older
    than when the recording run began (git's racily clean rule): a file changed in the same tick of the clock as it
    was recorded keeps its stat, and is read again; the same stamps, recorded long after, are trusted."""
    paper = tmp_path / "paper.md"
    paper.write_bytes(b"one")
    first = boardpack.pdfs.Stamps()
    stale = first.sha256(str(paper))
    paper.write_bytes(b"two")  # the same size: only the times would tell, and a clock's tick may hide them
    stat = paper.stat()
    forged = {str(paper): [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns, stale]}
    fresh = hashlib.sha256(b"two").hexdigest()
    assert boardpack.pdfs.Stamps(forged, first.beginning).sha256(str(paper)) == fresh
    assert boardpack.pdfs.Stamps(forged, stat.st_mtime_ns + boardpack.pdfs.RACY).sha256(str(paper)) == fresh
    assert boardpack.pdfs.Stamps(forged, stat.st_ctime_ns + 3 * 10**9).sha256(str(paper)) == stale, "trusted"
    paper.unlink()
    assert boardpack.pdfs.Stamps(forged, stat.st_ctime_ns + 3 * 10**9).sha256(str(paper)) == ""


def test_a_calendar_made_from_the_events_a_site_recorded_is_the_calendar_made_afresh(tmp_path: Path) -> None:
    """The next run makes again only the events whose meeting changed: those recorded by the last run (each by a key of
    everything it is made from) are read back, and the calendar is byte for byte the one made afresh."""
    from boardpack.render.html import feeds

    meetings = [
        feeds.Meeting("Committee 1", "", dt.date(2016, 1, 5) + dt.timedelta(days=40 * n), start="18.00")
        for n in range(6)
    ]
    feeds.recall_events(tmp_path / "none.json")
    afresh = feeds.calendar("Committee 1", meetings)
    (tmp_path / feeds.EVENTS_RECORD).write_bytes(feeds.events_record())
    feeds._event_ical.cache_clear()
    feeds.recall_events(tmp_path / feeds.EVENTS_RECORD)
    moved = [*meetings[:-1], replace(meetings[-1], start="19.30")]
    assert feeds.calendar("Committee 1", meetings[:-1]) == feeds.calendar("Committee 1", meetings[:-1])
    assert feeds._event_ical.cache_info().misses == 0, "every event is read from the record"
    assert feeds.calendar("Committee 1", meetings) == afresh
    assert b"T193000" in feeds.calendar("Committee 1", moved)
    assert feeds._event_ical.cache_info().misses == 1, "the moved meeting's event alone is made again"


def _whole(folder: Path) -> dict[str, bytes]:
    """Every file of a council's site a reader sees, its bodies' search indexes too (but the index files Pagefind
    writes differently from run to run, Pagefind#638: read as whether each index is whole and how many pages it
    holds), and the record of what each body gave the council's pages; not the records of files' times."""
    return {name: data for name, data in snapshot(folder).items() if not name.endswith("/.boardpack-body.json")}


def test_an_unchanged_body_is_neither_checked_nor_assembled_and_its_search_index_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A council's body whose inputs are unchanged is not checked again: what it gives the council's shared pages is
    read back from its folder's record, and its folder (its own search index within) is left as it is; the changed
    body alone is checked, made and indexed again; the council's pages whose bodies' parts are the same are left as
    they are (but one altered since the last run); and the site, search indexes and records too, is the one built
    from empty."""
    council = _boards().council(tmp_path / "council", bodies=3, years=1, per_year=3)
    site = tmp_path / "site"
    build_council_site(council, site, today=TODAY, pdfs=False)
    kept = {path: path.stat().st_ino for path in (site / "body-01").rglob("*") if path.is_file()}
    assert (site / "body-01" / "pagefind" / "pagefind.js") in kept
    index = site / "body-02" / "pagefind" / "pagefind.js"
    first = index.stat().st_ino
    shared = {path: path.stat().st_ino for path in (site / "index.html", site / "data" / "events.json")}
    paper = sorted((council.parent / "body-02" / "cover_sheets").glob("*.md"))[0]
    paper.write_text(paper.read_text(encoding="utf-8").replace("# Report", "Quokkanomics.\n\n# Report"), "utf-8")
    checked: list[str] = []
    check = boardpack.build.check_repository
    monkeypatch.setattr(boardpack.build, "check_repository", lambda root: checked.append(root.name) or check(root))

    build_council_site(council, site, today=TODAY, pdfs=False)
    assert checked == ["body-02"]
    assert {path: path.stat().st_ino for path in kept} == kept, "body-01's folder is left as it is"
    assert index.stat().st_ino != first, "body-02's search index is made again"
    assert {path: path.stat().st_ino for path in shared} == shared, "what body-02 gives them is the same"
    fresh = build_council_site(council, tmp_path / "fresh", today=TODAY, pdfs=False)
    assert _whole(site) == _whole(fresh.folder)
    (site / "calendar.html").write_text("altered", encoding="utf-8")  # a council's page altered since: made again
    build_council_site(council, site, today=TODAY, pdfs=False)
    assert _whole(site) == _whole(fresh.folder)
    fragments = [gzip.decompress(p.read_bytes()) for p in (site / "body-02" / "pagefind" / "fragment").iterdir()]
    assert any(b"Quokkanomics" in fragment for fragment in fragments)


def test_a_body_taken_out_of_council_yaml_leaves_the_site(tmp_path: Path) -> None:
    """The council's site is written in place, body folder by body folder: one no longer in council.yaml goes, and
    the council's pages no longer list it."""
    council = _boards().council(tmp_path / "council", bodies=3, years=1, per_year=2)
    site = tmp_path / "site"
    build_council_site(council, site, today=TODAY, pdfs=False)
    text = council.read_text(encoding="utf-8")
    council.write_text("\n".join(line for line in text.splitlines() if "body-03" not in line) + "\n", "utf-8")
    build_council_site(council, site, today=TODAY, pdfs=False)
    assert not (site / "body-03").exists() and "body-03" not in (site / "index.html").read_text(encoding="utf-8")
    assert _whole(site) == _whole(build_council_site(council, tmp_path / "fresh", today=TODAY, pdfs=False).folder)
