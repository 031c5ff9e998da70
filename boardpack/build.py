"""Build a meeting's pack, its Word documents, the minutes draft or the web edition: check everything,
render, then write the outputs as one set (see outputs.py)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import posixpath
import subprocess
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG as stat_is_file
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import jinja2

    from .assemble import Pack
    from .assemble.briefing import Issue
    from .load import Papers
    from .publish import Pending, Sources

from .assemble import (
    NOTICE_FILE,
    assemble_decisions,
    assemble_minutes,
    assemble_notice,
    assemble_pack,
    assemble_paper,
    decision_records,
    minutes_as_known,
    paper_meetings,
    pick_meeting,
)
from .assemble.briefing import assemble_briefing
from .assemble.outcomes import meeting_outcomes, public_records
from .assemble.pack import sized
from .cache import MANIFEST, Manifest, render_all, templates_of
from .checks import Checked, check_repository
from .document.markdown import parse_markdown
from .errors import BoardpackError, BoardpackWarning, Problem, command_line
from .history import item_history
from .load import load_council
from .outputs import LOCK, SUFFIX, content_bytes, output_folder, remove
from .pdfs import Stamps
from .progress import Progress
from .publish import Sources, check_reproduced, meeting_packs, pending_packs, published_packs
from .reads import Key, changed, source_files, traced
from .render.docx import decisions_alone, minutes_alone, minutes_draft, names_exempt, pack_documents
from .render.email import email_html, email_message, email_text
from .render.html import (
    PAGES_RECORD,
    appendix_records,
    council_part,
    part_hashes,
    shared_keys,
    write_council,
    write_site,
)
from .render.html.briefings import feed_entries
from .render.html.feeds import EVENTS_RECORD, events_record, recall_events
from .render.html.pages import Body as HtmlBody
from .render.html.people import FOLDER as PEOPLE
from .render.html.search import appendix_pages
from .render.pdf import LiveCompiler, render_briefing
from .repository import did_you_mean
from .schedule import meetings
from .store import fingerprint
from .templates import Templates, shipped_templates, template_set
from .wording import long_date, start_time


def build_pack(
    root: Path,
    meeting: dt.date | None = None,
    out: Path | None = None,
    today: dt.date | None = None,
    large_print: bool = False,
    docx: bool = False,
    jobs: int = 1,
) -> list[Path]:
    """Build the pack of `meeting` (default: the next, else the latest) into `out`; return the files written.

    The public pack always; the private pack too when the meeting has exempt material.
    With `large_print`, the same packs at large-print size instead. With `docx`, also the
    Word documents of each pack, in YYYY-MM-DD-public-docx/ (and -private-docx/). With `jobs` of two or
    more, the packs are rendered at once.
    """

    root = root.resolve()
    papers = check_repository(root)
    date = pick_meeting(papers, meeting, today or dt.date.today())
    with Sources(root) as sources:
        packs = _meeting_packs(papers, date, large_print, sources)
        templates = template_set(root)
        with output_folder(out if out is not None else root / "build") as outputs:
            pdfs = render_all(packs, templates, outputs.work, jobs)
            check_reproduced(papers, packs, pdfs)
            files = {}
            for pack, pdf in zip(packs, pdfs):
                files[pack.filename] = pdf
                if docx and not pack.supplement:
                    files.update(_word_documents(pack, templates))
            return outputs.write(files)


def preview_pack(
    papers: Checked, meeting: dt.date, compiler: LiveCompiler, today: dt.date | None = None
) -> tuple[str, bytes]:
    """The public pack a preview (`serve --pdf`) shows, rendered by its `compiler`: its file name and PDF. The
    meeting's pack as the sources make it now; once published, the supplement waiting to be published, else the
    pack as last published. Nothing else is made: no private pack, no decision list, no Word document."""
    date = pick_meeting(papers, meeting, today or dt.date.today())
    if date not in papers.publications:
        pack = assemble_pack(papers, date)
    else:
        waiting = [pack for pack in pending_packs(papers, date, False)[0] if not pack.private]
        with Sources(papers.root) as sources:
            pack = (waiting or published_packs(papers, date, sources, False, private=False))[-1]
    return pack.filename, compiler.render(pack, templates_of(pack, template_set(papers.root)))


def build_paper(
    root: Path,
    paper: str,
    meeting: dt.date | None = None,
    out: Path | None = None,
    large_print: bool = False,
    docx: bool = False,
) -> list[Path]:
    """Build one paper on its own (YYYY-MM-DD-NAME.pdf, and .docx), headed for the meeting it is on the
    agenda of (`meeting` chooses when there are several); return the files written."""

    root = root.resolve()
    papers = check_repository(root)
    # The path as typed: from the current folder (tab-completed in a shell), else from the repository's root.
    typed = (Path.cwd() / paper).resolve()
    relative = (
        typed.relative_to(root).as_posix() if typed.is_file() and typed.is_relative_to(root) else Path(paper).as_posix()
    )
    dates = paper_meetings(papers, relative)
    problem = ""
    if relative not in papers.cover_sheets:
        known = ", ".join(sorted(papers.cover_sheets)) or "none"
        problem = f"is not one of the repository's reports (cover_sheets/*.md: {known})"
    elif not dates:
        problem = "is on no meeting's agenda: add it to one (an item's `paper:`) to say which meeting it is for"
    elif meeting is not None and meeting not in dates:
        problem = f"is not on the agenda of {meeting.isoformat()} (it is on {', '.join(d.isoformat() for d in dates)})"
    elif meeting is None and len(dates) > 1:
        problem = f"is on the agendas of {', '.join(d.isoformat() for d in dates)}: choose one with --meeting"
    if problem:
        raise BoardpackError([Problem(relative, 0, "", problem)])
    pack = assemble_paper(papers, meeting or dates[0], relative, large_print=large_print)
    templates = template_set(root)
    with output_folder(out if out is not None else root / "build") as outputs:
        files = {pack.filename: render_all([pack], templates, outputs.work, 1)[0]}
        if docx:
            [(_, data)] = [(name, data) for name, data in pack_documents(pack, templates, pack.filename).items()]
            files[pack.filename.removesuffix(".pdf") + ".docx"] = data
        return outputs.write(files)


def build_briefing(root: Path, issue: str | None = None, out: Path | None = None) -> list[Path]:
    """Build the editions of the briefing `issue` (briefings/ISSUE.md, by its name or path; default: the latest
    issue) into `out`: briefing-ISSUE.pdf, briefing-ISSUE-large-print.pdf, and the e-mail edition:
    briefing-ISSUE-email.html, its plain text briefing-ISSUE-email.txt and both as one message, briefing-ISSUE.eml;
    return the files written. (Its web page is the site's: `boardpack site`.)"""
    root = root.resolve()
    papers = check_repository(root)
    path = pick_briefing(papers, issue)
    templates = template_set(root)
    issues = [assemble_briefing(papers, path, large_print=large) for large in (False, True)]
    site_url = papers.board.value.site_url or ""
    with output_folder(out if out is not None else root / "build") as outputs:
        files = {one.filename: render_briefing(one, templates, outputs.work()) for one in issues}
        with _template_problems(templates):
            html = email_html(issues[0], templates, site_url)
        text = email_text(issues[0], site_url)
        stem = f"briefing-{issues[0].stem}"
        files[f"{stem}-email.html"] = html.encode()
        files[f"{stem}-email.txt"] = text.encode()
        files[f"{stem}.eml"] = email_message(issues[0], html, text)
        return outputs.write(files)


def pick_briefing(papers: Papers, issue: str | None) -> str:
    """The briefing named on the command line (briefings/NAME.md, or NAME), else the latest by date."""
    if not papers.briefings:
        raise BoardpackError([Problem("briefings", 0, "", "there are no briefings: add briefings/NAME.md")])
    if issue is None:
        return max(papers.briefings, key=lambda p: (papers.briefings[p].value.date, p))
    path = issue if issue.endswith(".md") else f"briefings/{issue}.md"
    if path not in papers.briefings:
        names = [Path(p).stem for p in sorted(papers.briefings)]
        raise BoardpackError([command_line("ISSUE", f"there is no briefing {path}{did_you_mean(issue, names)}")])
    return path


def build_notice(root: Path, out: Path | None = None) -> list[Path]:
    """Build the Notice of Key Decisions (notice-of-key-decisions.pdf) into `out`; return the files written."""

    root = root.resolve()
    papers = check_repository(root)
    pack = assemble_notice(papers)
    if pack is None:
        raise BoardpackError(
            [
                Problem(
                    "forward_plan.yaml",
                    0,
                    "",
                    f"there is nothing to give notice of ({NOTICE_FILE} is not written): the forward plan has no key "
                    "decision or item to be taken in private for a meeting still to be held",
                )
            ]
        )
    with output_folder(out if out is not None else root / "build") as outputs:
        return outputs.write({pack.filename: render_all([pack], template_set(root), outputs.work, 1)[0]})


def _meeting_packs(papers: Checked, date: dt.date, large_print: bool, sources: Sources) -> list[Pack]:
    """A meeting's public pack, and its private pack when it has exempt material (once published: each
    publication's packs, made again from its sources, and any supplement waiting to be published); then the
    decision lists of the minutes beside them, the meeting's own once they are written and those the pack
    carries, each followed by those minutes as confirmed and signed once they are (YYYY-MM-DD-minutes.pdf)."""

    if date in papers.publications:
        packs = published_packs(papers, date, sources, large_print)
        waiting, found = pending_packs(papers, date, large_print)
        packs += waiting
        _say_pending(papers, date, found, bool(waiting))
    else:
        packs = meeting_packs(papers, date, large_print)
    if large_print:
        return packs
    for minutes in _decided_minutes(papers, date):
        for assemble in (assemble_decisions, assemble_minutes):
            public = assemble(papers, minutes)
            if public is not None:
                packs.append(public)
                if public.has_exempt:
                    private = assemble(papers, minutes, private=True)
                    assert private is not None, "the public edition has content, so the private one has it too"
                    packs.append(private)
    return packs


def _say_pending(papers: Papers, date: dt.date, found: Pending | None, waiting: bool) -> None:
    """Warn of a supplement not yet published, and of published items changed too late without a reason for
    urgency."""
    import warnings

    if found is None:
        return
    record = papers.publications[date].path
    if waiting:
        warnings.warn(
            f"{record}: supplement {found.number} ({len(found.added)} added, {len(found.replaced)} replaced) "
            f"is not yet published: `boardpack publish {date.isoformat()}` publishes it",
            BoardpackWarning,
            stacklevel=2,
        )
    if found.unpublished:
        warnings.warn(
            f"{record}: changed since publication, too late to be open for five clear days and without a reason "
            f"for urgency (`urgent:`), so in no supplement: {', '.join(found.unpublished)}; "
            f"`boardpack changes {date.isoformat()}` lists the changes",
            BoardpackWarning,
            stacklevel=2,
        )


def _word_documents(pack: Pack, templates: Templates) -> dict[str, bytes]:
    """A pack's Word documents, in its own folder (YYYY-MM-DD-public-docx/ or -private-docx/); signed minutes and
    a decision list beside their PDF (YYYY-MM-DD-minutes.docx, YYYY-MM-DD-decisions.docx)."""

    if pack.stem == "minutes":
        return {pack.filename.removesuffix(".pdf") + ".docx": minutes_alone(pack, templates)}
    if pack.stem == "decisions":
        return {pack.filename.removesuffix(".pdf") + ".docx": decisions_alone(pack, templates)}
    if pack.stem:
        return {}
    folder = f"{pack.date.isoformat()}-{'private' if pack.private else 'public'}-docx"
    return {f"{folder}/{name}": data for name, data in pack_documents(pack, templates, f"../{pack.filename}").items()}


@dataclass(frozen=True)
class Shard:
    """Part `index` of `count` (from 1) of a run's meetings, for a matrix of CI jobs: a meeting (by its body's
    folder and date) is in the part a hash of its name gives, so that the parts are the same on every machine
    and a meeting added moves no other between them. Part 1 of 1 is the whole run."""

    index: int = 1
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        """`I/N` (2/3): part I of N. A ValueError says what is wrong."""
        index, slash, count = text.partition("/")
        if not (slash and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
            raise ValueError(f"{text!r} is not a shard: give I/N, part I of N with 1 <= I <= N (for example 2/3)")
        return cls(int(index), int(count))

    @property
    def whole(self) -> bool:
        return self.count == 1

    def has(self, name: str) -> bool:
        """Whether the meeting `name` ("2012-06-15", or "slug/2012-06-15" in a council's site) is in this part."""
        digest = hashlib.sha256(name.encode()).digest()
        return self.whole or int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def named(self, record: str) -> str:
        """The name of this part's own record (manifest, pages record): .boardpack-manifest-2-of-3.json."""
        stem, suffix = record.rsplit(".", 1)
        return record if self.whole else f"{stem}-{self.index}-of-{self.count}.{suffix}"


@dataclass
class Built:
    """What a run of `build --all` or `site` wrote, and how many packs it rendered and reused."""

    written: list[Path]
    rendered: int
    reused: int
    index: Callable[[Path], None] | None = None  # a site built without its search index: what indexes a copy of it

    @property
    def folder(self) -> Path:
        """The site folder (for `site`)."""
        return self.written[0]


def build_all(
    root: Path,
    out: Path | None = None,
    large_print: bool = False,
    docx: bool = False,
    jobs: int = 1,
    progress: bool = False,
    shard: Shard = Shard(),
) -> Built:
    """Build the packs of every meeting into `out`, rendering only those whose sources changed since the
    packs in `out` were made (the others are reused), up to `jobs` at once. With a `shard`, only the meetings
    in that part, and their manifest under a name of its own: the parts' folders copied together hold exactly
    the files of the whole run."""

    root = root.resolve()
    papers = check_repository(root)
    templates = template_set(root)
    with Sources(root) as sources, output_folder(out if out is not None else root / "build") as outputs:
        manifest = Manifest(outputs.folder, shard.named(MANIFEST))
        packs = {
            pack.filename: pack
            for date in sorted(papers.agendas)
            if shard.has(date.isoformat())
            for pack in _meeting_packs(papers, date, large_print, sources)
        }
        with Progress("packs", len(packs), progress) as counted:
            files = manifest.pdfs(packs, templates, outputs.work, jobs, counted)
        check_reproduced(papers, list(packs.values()), [files[name] for name in packs])
        if docx:
            for pack in packs.values():
                files.update(_word_documents(pack, templates))
        # A pack reused is in the folder already, byte for byte: it stays where it is, unwritten.
        changed = {name: files[name] for name in sorted(files) if name not in manifest.kept}
        changed[manifest.name] = manifest.data()
        outputs.write(changed)
        written = [outputs.folder / name for name in sorted(files)]
        return Built(written, len(packs) - manifest.reused, manifest.reused)


def build_minutes_draft(root: Path, meeting: dt.date, out: Path | None = None) -> Path:
    """Write YYYY-MM-DD-minutes-draft.docx, the clerk's note-taking document for a meeting; named as a private
    output is, YYYY-MM-DD-minutes-draft-private.docx, when it names an exempt item."""

    root = root.resolve()
    papers = check_repository(root)
    date = pick_meeting(papers, meeting, meeting, option="DATE")
    pack = assemble_pack(papers, date, private=True)
    data = minutes_draft(papers, pack, template_set(root))
    with output_folder(out if out is not None else root / "build") as outputs:
        private = "-private" if names_exempt(pack) else ""
        [path] = outputs.write({f"{date.isoformat()}-minutes-draft{private}.docx": data})
    return path


SITE_MARK = ".boardpack-site"
BODY_RECORD = ".boardpack-body.json"  # in a council's body's folder: the key of all it was made from, and its files
COUNCIL_RECORD = ".boardpack-council.json"  # beside it: what the body gave the council's shared pages (council_part)
SHARED_RECORD = ".boardpack-shared.json"  # in a council's site: the key of each of its own outputs, and their files
TEMPLATE_KINDS = ("typst", "fonts", "html", "word")
_LIBRARIES = ("typst", "jinja2", "MarkupSafe", "pikepdf", "pypdf", "holidays")  # their versions shape the pages


@dataclass(frozen=True)
class _Body:
    """A body whose meetings a site publishes: its checked sources, its templates, and its folder in the site."""

    root: Path
    papers: Checked
    templates: Templates
    folder: str = ""  # "" in its own site; its slug in its council's
    key: str | None = None  # in a council's whole run: the key of all its folder is made from (_body_key)
    sources: Stamps | None = None  # …and the stamps and hashes of the files it was worked out from, for the next run
    assembled: Assembled | None = None  # a preview's: the work kept from its last build (see Assembled)

    def named(self, name: str) -> str:
        """A file's name in the site's folder."""
        return f"{self.folder}/{name}" if self.folder else name


Run = Callable[["Key", "Checked", Callable[["Checked"], Any]], Any]  # work on the papers, by its key: Assembled.run
EARLY_RECORD = ".boardpack-pages-early.json"  # a preview's record of the meetings' pages it laid in first


class Assembled:
    """What a preview (`serve`) keeps of its last build of a body's site: each meeting's packs, the decision lists
    and the notice, as assembled, with the sources each read (reads.py). A build after a change to some sources
    assembles again only the work that read one of them; then, before the rest of the site is written, the pages of
    the meetings assembled again are written into a folder of their own and handed to `early` (folder, dates) to be
    shown at once. Everything is assembled again after a change to a file that is not a source (a template, an
    image: see `saw`), on a new day, and on the first build."""

    def __init__(self, early: Callable[[Path, set[str]], None] = lambda folder, dates: None) -> None:
        self.early = early
        self.papers: Papers | None = None  # as the last build read them
        self.made_for: tuple[dt.date, bool] | None = None  # that build's day, and whether it offered PDFs
        self.kept: dict[Key, tuple[Any, set[Key]]] = {}  # each work's result and the sources it read
        self.changed: set[Key] = set()  # the sources changed since the last build
        self.made: set[Key] = set()  # the work done again in this build
        self.ran: set[Key] = set()  # the work this build asked for, done again or kept
        self.files: set[str] | None = set()  # the files changed since the last build (None: not known)

    @property
    def today(self) -> dt.date:
        """The day of the build under way (begun)."""
        return self.made_for[0] if self.made_for is not None else dt.date.today()

    def saw(self, files: Iterable[str] | None) -> None:
        """Note files changed (relative to the board's folder; None: not known) since the last build."""
        self.files = None if files is None or self.files is None else self.files | set(files)

    def begin(self, papers: Papers, today: dt.date, pdfs: bool) -> None:
        """Start a build from `papers`: find which sources changed since the last build read them."""
        before, files = self.papers, self.files
        sources = source_files(papers) | (source_files(before) if before is not None else set())
        # A file gone that was no source (an editor's file written and removed as it saves) cannot be read: had kept
        # work read it, the sources naming it would now be problems, and there would be no build.
        others = {name for name in files or () if name not in sources and (papers.root / name).exists()}
        if before is None or files is None or others or self.made_for != (today, pdfs):
            self.kept.clear()
            self.changed = set()
        else:  # the work the last build asked for (a meeting since removed is not kept)
            self.kept = {key: kept for key, kept in self.kept.items() if key in self.ran}
            self.changed = changed(before, papers, {key for _, reads in self.kept.values() for key in reads})
        self.papers, self.made_for, self.made, self.ran, self.files = papers, (today, pdfs), set(), set(), set()

    def run(self, key: Key, papers: Checked, work: Callable[[Checked], Any]) -> Any:
        """`work`'s result on `papers`: the one kept when none of the sources it read has changed, else made again."""
        kept = self.kept.get(key)
        self.ran.add(key)
        if kept is not None and not kept[1] & self.changed:
            return kept[0]
        reading, reads = traced(papers)
        result = work(reading)
        self.kept[key] = (result, reads)
        self.made.add(key)
        return result

    def fresh(self) -> set[str]:
        """The meetings (by date) assembled again in this build, when others were kept (else none: every page is
        made again, at once)."""
        dates = {key[1].isoformat() for key in self.made if key[0] == "meeting"}
        meetings = sum(key[0] == "meeting" for key in self.ran)
        return dates if len(dates) < meetings else set()


@dataclass(frozen=True)
class _Kept:
    """A council's body unchanged since the last run: what it gave the council's shared pages (`council_part`) and its
    packs' entries in the manifest (its folder stays as that run wrote it)."""

    part: dict[str, Any]
    packs: dict[str, dict[str, str]]
    hashes: dict[str, str]  # the part's `part_hashes`


@dataclass(frozen=True)
class _Home:
    """A council's site above its bodies' folders: its name, the templates of its own pages, and its address."""

    name: str
    templates: Templates
    url: str = ""  # "https://…/", when known
    kept: dict[str, _Kept] = field(default_factory=dict)  # the bodies unchanged since the last run, by folder
    order: tuple[str, ...] = ()  # every body's folder, in council.yaml's order

    def address(self, folder: str) -> str:
        """The address of a body's folder, when the council's is known."""
        return f"{self.url}{folder}/" if self.url else ""


def build_site(
    root: Path,
    out: Path | None = None,
    today: dt.date | None = None,
    jobs: int = 1,
    pdfs: bool = True,
    progress: bool = False,
    shard: Shard = Shard(),
    search: bool = True,
    papers: Checked | None = None,
    assembled: Assembled | None = None,
) -> Built:
    """Build the web edition of every meeting into `out` (default: site/), replacing it whole when complete.
    A meeting's PDF packs are rendered again only when their sources changed (up to `jobs` at once); without
    `pdfs` (a preview), none is rendered and the pages offer none. With a `shard`, only the folders of the
    meetings in that part (see `_build_site`). Without `search`, the site has no search index: the `Built`'s `index`
    builds it into a copy of the site, later (a preview's, once its pages are shown). `papers`: the board's sources,
    when the caller has just checked them. `assembled`: a preview's work kept from its last build (see Assembled)."""
    root = root.resolve()
    out = (out if out is not None else root / "site").resolve()
    _refuse_unsafe_site_folder(root, out)
    papers = papers if papers is not None else check_repository(root)
    today = today or dt.date.today()
    if assembled is not None:
        assembled.begin(papers, today, pdfs)
    body = _Body(root, papers, template_set(root), assembled=assembled)
    return _build_site([body], out, today, jobs, pdfs, progress, shard=shard, search=search)


def build_council_site(
    council_file: Path,
    out: Path | None = None,
    today: dt.date | None = None,
    jobs: int = 1,
    pdfs: bool = True,
    progress: bool = False,
    shard: Shard = Shard(),
) -> Built:
    """Build a council's site (council.yaml) into `out` (default: site/ beside council.yaml): the council's home
    page, calendar, feeds and one search above a folder for each body's web edition, as `build_site` makes it.
    Every body's sources are checked before anything is rendered; every problem of every body is reported."""
    council_file = council_file.resolve()
    council = load_council(council_file)
    out = (out if out is not None else council_file.parent / "site").resolve()
    today = today or dt.date.today()
    home = template_set(council_file.parent)
    if not (home.html / "council.html").is_file():  # templates/html copied before councils had a home page
        home = replace(home, html=shipped_templates() / "html")
    around = _Home(council.name, home, council.site_url or "")
    bodies: list[_Body] = []
    kept: dict[str, _Kept] = {}
    problems: list[Problem] = []
    for entry in council.bodies:
        root = (council_file.parent / entry.path).resolve()
        _refuse_unsafe_site_folder(root, out)
        templates = template_set(root)
        key, found, sources = None, None, None
        if shard.whole:
            record = _body_record(out / entry.slug)
            sources = Stamps.recorded(record)
            key = _body_key(root, templates, entry.slug, around, today, pdfs, sources)
            found = _kept_body(out / entry.slug, key, record)
        if found is not None:  # unchanged since the last run: neither checked nor assembled again
            kept[entry.slug] = found
            if sources is not None and sources.now != sources.known:  # some read again (their ctime changed…)
                _restamp(out / entry.slug, record, sources)
            continue
        try:
            bodies.append(_Body(root, check_repository(root), templates, entry.slug, key, sources))
        except BoardpackError as error:
            problems += [replace(p, path=posixpath.join(entry.path, p.path)) for p in error.problems]
    if problems:
        raise BoardpackError(problems)
    around = replace(around, kept=kept, order=tuple(entry.slug for entry in council.bodies))
    return _build_site(bodies, out, today, jobs, pdfs, progress, around, shard)


def _lay_in_early(
    sites: list[Any], served: list[HtmlBody], work: Callable[[], Path], out: Path, today: dt.date, issues: Any
) -> None:
    """In a preview, the pages of the meetings made again are laid into the served site before the rest is
    written (see Assembled)."""
    for (body, rendered, decided, shown), listed in zip(sites, served, strict=True):
        if body.assembled is not None and (dates := body.assembled.fresh()):
            early = work()
            _write_early(body, rendered, decided, shown, listed, early, out, today, dates, issues[body.root])
            body.assembled.early(early, dates)


def _build_site(
    bodies: list[_Body],
    out: Path,
    today: dt.date,
    jobs: int,
    pdfs: bool,
    progress: bool,
    council: _Home | None = None,
    shard: Shard = Shard(),
    search: bool = True,
) -> Built:
    """The site of one body, or of a council's with a folder for each body.

    A `shard` (part I of N) renders the packs and writes the folders of its meetings alone, with its own manifest
    and record of pages: copied together, the parts' folders hold exactly those of the whole site, and a whole run
    over them (the final step) reuses their packs and meetings' pages, renders the packs in no meeting's folder (the
    notice, a meeting known only by its minutes) and writes the pages shared by all meetings (home, lists,
    calendars, feeds, minutes, people, data, search)."""

    kept = council.kept if council is not None else {}
    # A council's whole site is replaced in its folder, entry by entry (a body's folder, the council's pages): an
    # unchanged body's folder stays where it is, untouched. Anything else is replaced whole, in the folder above.
    in_place = council is not None and shard.whole
    with ExitStack() as stack:
        outputs = stack.enter_context(output_folder(out if in_place else out.parent))
        manifest = Manifest(out, shard.named(MANIFEST))
        for found in kept.values():
            manifest.carry(found.packs)
        recall_events(out / EVENTS_RECORD)
        made = [(body, *_body_packs(body, stack.enter_context(Sources(body.root)), pdfs, shard)) for body in bodies]
        named_by = {body.folder: named for body, *_, named in made}
        files: dict[str, bytes] = {}
        with Progress("packs", sum(len(named) for *_, named in made), progress and pdfs) as counted:
            for body, *_, named in made:
                files |= (
                    {
                        name: content_bytes(data)
                        for name, data in manifest.pdfs(named, body.templates, outputs.work, jobs, counted).items()
                    }
                    if pdfs
                    else dict.fromkeys(named, b"")
                )
        if pdfs:
            for body, *_, named in made:
                check_reproduced(body.papers, list(named.values()), [files[name] for name in named])
        sites = [
            (body, *_rendered(body, meetings, lists, notice, files, today)) for body, meetings, lists, notice, _ in made
        ]

        issues = {
            body.root: [assemble_briefing(body.papers, path) for path in sorted(body.papers.briefings)]
            for body in bodies
        }
        served = [
            HtmlBody(
                body.papers.board.value.name,
                body.folder,
                body.papers,
                rendered,
                decided,
                _schedule(body.papers),
                held=_held(body.papers, today),
                outside=decision_records(body.papers),
                briefings=feed_entries(issues[body.root]),
            )
            for body, rendered, decided, _ in sites
        ]
        parts = {  # what each body gives the council's shared pages, as its record holds it
            listed.folder: json.loads(json.dumps(council_part(listed, today, council.url)))
            for listed in served
            if council is not None and shard.whole
        }

        _lay_in_early(sites, served, outputs.work, out, today, issues)

        def fill(staging: Path) -> None:
            site = staging if in_place else staging / out.name
            for (body, rendered, decided, shown), listed in zip(sites, served, strict=True):
                folder = out / body.folder if body.folder else out
                with _template_problems(body.templates):
                    write_site(
                        rendered,
                        body.templates,
                        site / body.folder if body.folder else site,
                        today,
                        decided,
                        _plan(body.papers),
                        previous=folder if folder.is_dir() else None,
                        notice=shown,
                        council=council.name if council is not None else None,
                        url=council.address(body.folder)
                        if council is not None
                        else body.papers.board.value.site_url or "",
                        schedule=listed.schedule,
                        outside=listed.outside,
                        bodies=[listed] if council is None else None,  # a council's people and data are its own
                        held=listed.held,
                        records=_records(body.papers, body.root, today),
                        only=_shard_meetings(body, shard),
                        record=shard.named(PAGES_RECORD),
                        briefings=issues[body.root],
                    )
            if in_place:  # each body's own search index, in its folder: one changed body is indexed again alone
                _index_folders(
                    {
                        site / body.folder: (appendix_records(rendered, body.folder), f"{body.folder}/")
                        for body, rendered, *_ in sites
                    },
                    jobs,
                )
            for body, *_ in sites:
                if body.key is not None:  # what a council's next run reads instead of checking an unchanged body
                    packs = {name: manifest.new[name] for name in named_by[body.folder] if name in manifest.new}
                    part = parts[body.folder]
                    record = {"key": body.key, "part": part, "packs": packs, "hashes": part_hashes(part)}
                    (site / body.folder / COUNCIL_RECORD).write_text(json.dumps(record), "utf-8")
                    _record_folder(site / body.folder, body.key, body.sources or Stamps())
            if not shard.whole:
                return  # the pages shared by every meeting are the whole run's
            if council is not None:
                every = [parts[slug] if slug in parts else kept[slug].part for slug in council.order]
                hashes = [part_hashes(parts[slug]) if slug in parts else kept[slug].hashes for slug in council.order]
                written.update(_write_council(council, every, hashes, site, out, today))
            (site / EVENTS_RECORD).write_bytes(events_record())
            if search and not in_place:
                index(site)
            written.update(entry.name for entry in site.iterdir())

        def index(site: Path) -> None:
            records = [record for body, rendered, *_ in sites for record in appendix_records(rendered, body.folder)]
            _index_for_search(site, records)

        prefix = "" if in_place else f"{out.name}/"
        written: set[str] = set()
        outputs.write(
            {
                f"{prefix}{SITE_MARK}": b"This folder is written by `boardpack site` and replaced whole by it.\n",
                f"{prefix}{manifest.name}": manifest.data(),
            },
            fill=fill,
        )
        if in_place:
            _remove_unwritten(out, written | set(kept))
    return Built([out], len(files) - manifest.reused if pdfs else 0, manifest.reused, None if search else index)


def _write_early(
    body: _Body,
    rendered: list[list[tuple[Pack, bytes]]],
    decided: dict[str, list[tuple[Pack, bytes]]],
    notice: tuple[Pack, bytes] | None,
    listed: HtmlBody,
    into: Path,
    out: Path,
    today: dt.date,
    dates: set[str],
    briefings: list[Issue],
) -> None:
    """Write into `into` the folders of a preview's meetings `dates` (of its site `out`), as the whole site's writing
    (`fill`) makes them, and the record of their pages; their pages link the records (their history is not read)."""
    folder = out / body.folder if body.folder else out
    with _template_problems(body.templates):
        write_site(
            rendered,
            body.templates,
            into,
            today,
            decided,
            _plan(body.papers),
            previous=folder if folder.is_dir() else None,
            notice=notice,
            url=body.papers.board.value.site_url or "",
            schedule=listed.schedule,
            outside=listed.outside,
            bodies=[listed],
            held=listed.held,
            records=public_records(body.papers, today),
            only=dates,
            record=EARLY_RECORD,
            briefings=briefings,
        )


def _body_packs(
    body: _Body, sources: Sources, pdfs: bool, shard: Shard
) -> tuple[list[list[tuple[Pack, Pack]]], dict[dt.date, list[Pack]], Pack | None, dict[str, Pack]]:
    """A body's meetings' packs (as shown, as made), its decision lists, its notice, and the packs to render by
    their names in the site (a shard's: those of its meetings' folders alone). A preview's body assembles again only
    what the sources changed since its last build read."""
    assembled = body.assembled
    run: Run = assembled.run if assembled is not None else lambda _key, papers, work: work(papers)

    def meeting(date: dt.date) -> Callable[[Checked], list[tuple[Pack, Pack]]]:
        def work(papers: Checked) -> list[tuple[Pack, Pack]]:
            packs = _site_packs(papers, date, sources, pdfs)
            if assembled is not None and not pdfs:  # kept as the pages show them (what that read, recorded)
                _minutes_as_known([[shown for shown, _ in packs]], papers, assembled.today)
            return packs

        return work

    meetings = [run(("meeting", date), body.papers, meeting(date)) for date in sorted(body.papers.agendas)]
    named = {f"{made.date.isoformat()}/{made.filename}": made for meeting in meetings for _, made in meeting}
    lists = _public_decision_lists(body.papers, run)
    named |= {f"{date.isoformat()}/{pack.filename}": pack for date, packs in lists.items() for pack in packs}
    notice = run(("notice",), body.papers, assemble_notice) if shard.whole else None
    if notice is not None:
        named[notice.filename] = notice
    mine = _shard_meetings(body, shard)
    if mine is not None:
        named = {name: pack for name, pack in named.items() if name.split("/")[0] in mine}
    return meetings, lists, notice, {body.named(name): pack for name, pack in named.items()}


def _rendered(
    body: _Body,
    meetings: list[list[tuple[Pack, Pack]]],
    lists: dict[dt.date, list[Pack]],
    notice: Pack | None,
    files: dict[str, bytes],
    today: dt.date,
) -> tuple[list[list[tuple[Pack, bytes]]], dict[str, list[tuple[Pack, bytes]]], tuple[Pack, bytes] | None]:
    """A body's meetings' packs with their PDFs (empty for a meeting in another shard: its pages are not written),
    its decision lists' by date, and its notice's."""
    rendered = [
        [(shown, files.get(body.named(f"{made.date.isoformat()}/{made.filename}"), b"")) for shown, made in meeting]
        for meeting in meetings
    ]
    decided = {
        date.isoformat(): [(pack, files.get(body.named(f"{date.isoformat()}/{pack.filename}"), b"")) for pack in packs]
        for date, packs in lists.items()
    }
    _minutes_as_known([[shown for shown, _ in meeting] for meeting in meetings], body.papers, today)
    return rendered, decided, (notice, files[body.named(notice.filename)]) if notice is not None else None


def _body_key(
    root: Path, templates: Templates, folder: str, council: _Home, today: dt.date, pdfs: bool, sources: Stamps
) -> str:
    """A SHA-256 of everything a council's body's folder is made from: the bytes of every file in its folder (its
    sources, templates and appendices, but its git repository and boardpack's caches and outputs), its git commit
    (its pages show history and published packs from git), the shipped templates and boardpack's code and version,
    the libraries that shape its pages and PDFs, the day it is built (pages say what is known today), whether PDFs
    are offered, and the council's name and address its pages show. Nothing of another body is on a body's pages.
    Its files are hashed through `sources`: read again only when changed since the last run's stamps of them."""
    digest = hashlib.sha256(f"{fingerprint()}\0{today}\0{pdfs}\0{council.name}\0{council.url}\0{folder}".encode())
    digest.update(_libraries().encode())
    digest.update(f"{_git_commit(root)}\0{_boardpacks_own()}".encode())
    shipped = shipped_templates()
    for each in dict.fromkeys([root, *(getattr(templates, kind) for kind in TEMPLATE_KINDS)]):
        if each.is_relative_to(shipped):
            digest.update(f"{each.relative_to(shipped)}\0{_shipped(each)}".encode())
        else:
            _digest_folder(digest, each, sources)
    return digest.hexdigest()


@functools.cache
def _shipped(folder: Path) -> str:
    """A SHA-256 of a folder of boardpack's shipped templates (its fonts, some megabytes), once a process: every body
    of a council that uses it would read it again."""
    digest = hashlib.sha256()
    _digest_folder(digest, folder)
    return digest.hexdigest()


@functools.cache
def _boardpacks_own() -> str:
    """A SHA-256 of boardpack's code and shipped templates, as this process runs them (once a process)."""
    digest = hashlib.sha256()
    for folder in (Path(__file__).parent, shipped_templates()):
        _digest_folder(digest, folder)
    return digest.hexdigest()


def _digest_folder(digest: Any, folder: Path, sources: Stamps | None = None) -> None:
    """Every file under `folder` (following links to folders, each folder once), by name and SHA-256 (through
    `sources`, when given: see `Stamps`), but those of git, caches, tools and built outputs: folders whose names
    begin with "." or "__", node_modules, and folders boardpack writes (a site, a folder of packs)."""
    hashed = sources or Stamps()
    seen: set[str] = set()
    for path, folders, names in os.walk(folder, followlinks=True):
        here = Path(path)
        if os.path.realpath(path) in seen or (here != folder and (here / MANIFEST).exists()):
            folders[:] = []
            continue
        seen.add(os.path.realpath(path))
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith((".", "__")) and name != "node_modules" and not (here / name / SITE_MARK).exists()
        )
        prefix = "" if here == folder else here.relative_to(folder).as_posix() + "/"
        for name in sorted(names):
            if not name.startswith(".boardpack"):  # a link to nothing, a file that cannot be read: its name alone
                sha = hashed.sha256(f"{path}/{name}")  # joined by hand: a council's archive has ~10,000 sources
                digest.update(f"{prefix}{name}\0{sha}\0".encode())


@functools.cache
def _libraries() -> str:
    """The versions of the libraries that shape a site's pages and PDFs (once a process: each is read from disk)."""
    return "".join(f"\0{name}={importlib.metadata.version(name)}" for name in _LIBRARIES)


def _git_commit(root: Path) -> str:
    """The commit a body's sources are at (their history is part of its pages), or "" outside git (no .git in its
    folder or above: git is not run)."""
    if not any((folder / ".git").exists() for folder in (root, *root.parents)):
        return ""
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _write_council(
    council: _Home, bodies: list[dict[str, Any]], hashes: list[dict[str, str]], site: Path, out: Path, today: dt.date
) -> set[str]:
    """Write the council's own outputs (SHARED) into `site` from its bodies' records, but those made from the same
    records as last time (by the `hashes` of their parts) and unaltered since, which stay where they are in `out`:
    return their names. Its own search index (its people's pages) is made again with the pages it indexes."""
    keys = shared_keys(hashes, _council_common(council, bodies[0]["lang"], today))
    before = _shared_record(out)
    same = {name for name, key in keys.items() if before.get(name, {}).get("key") == key}
    same = {name for name in same if _as_written(out, before[name]["files"])}
    if "pagefind" not in same:
        same.discard(PEOPLE)
    with _template_problems(council.templates):
        write_council(
            council.name, bodies[0]["lang"], bodies, council.templates, site, today, council.url, set(keys) - same
        )
    if "pagefind" not in same:
        _index_folders({site: ([], "")}, glob=f"{PEOPLE}/*.html")
    record = {name: before[name] if name in same else _stamped(site, name, keys[name]) for name in keys}
    (site / SHARED_RECORD).write_text(json.dumps(record), encoding="utf-8")
    return same


def _council_common(council: _Home, lang: str, today: dt.date) -> str:
    """What every one of a council's own outputs is made from besides its bodies' records: the council's name,
    language and address, its templates, the day, boardpack's code and the libraries that shape its pages."""
    libraries = _libraries()
    digest = hashlib.sha256()
    for folder in dict.fromkeys(getattr(council.templates, kind) for kind in TEMPLATE_KINDS):
        _digest_folder(digest, folder)
    own = f"{fingerprint()}\0{_boardpacks_own()}\0{libraries}\0{digest.hexdigest()}"
    return f"{own}\0{council.name}\0{council.url}\0{lang}\0{today}\0"


def _shared_record(site: Path) -> dict[str, Any]:
    """The record of the council's own outputs the last run wrote in `site` (each its key and its files' stamps)."""
    try:
        record = json.loads((site / SHARED_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        name: entry
        for name, entry in (record.items() if isinstance(record, dict) else [])
        if isinstance(entry, dict) and isinstance(entry.get("files"), dict)
    }


def _stamped(site: Path, name: str, key: str) -> dict[str, Any]:
    """The record of one of a council's own outputs (a file, or a folder of them) as written: its key, and each
    file's size and time of change."""
    path = site / name
    paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    files = {}
    for each in paths:
        stat = each.stat()
        files[each.relative_to(site).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return {"key": key, "files": files}


def _body_record(folder: Path) -> dict[str, Any]:
    """The record of a body's folder in the previous site (`_record_folder`), or {}."""
    try:
        record = json.loads((folder / BODY_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _unaltered(folder: Path, key: str, record: dict[str, Any]) -> bool:
    """Whether a body's folder in the previous site, whose `record` is given, was made from inputs of this `key` and
    every file of it is as written (its size and time of change as recorded); if not, the folder is made again."""
    files = record.get("files") if record.get("key") == key else None
    return isinstance(files, dict) and bool(files) and _as_written(folder, files)


def _as_written(folder: Path, files: dict[str, Any]) -> bool:
    """Whether each of the `files` in `folder` is as the record says it was written (its size and time of change)."""
    base = f"{folder}/"  # joined by hand: tens of thousands of files in a council's archive
    for name, stamp in files.items():
        if not isinstance(name, str) or name.startswith("/") or (".." in name and ".." in name.split("/")):
            return False  # only files inside the folder
        try:
            stat = os.lstat(base + name)
        except OSError:
            return False
        if not stat_is_file(stat.st_mode) or [stat.st_size, stat.st_mtime_ns] != stamp:
            return False  # a file (never a link to one elsewhere), as written
    return True


def _kept_body(folder: Path, key: str, record: dict[str, Any]) -> _Kept | None:
    """What a council's body unchanged since the last run (`_unaltered`, made from inputs of this `key`) gave the
    council's shared pages, from its record; else None, and the body is checked and made again."""
    if not _unaltered(folder, key, record):
        return None
    try:
        record = json.loads((folder / COUNCIL_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    part, packs = record.get("part"), record.get("packs")
    if not isinstance(part, dict) or not isinstance(packs, dict):
        return None
    return _Kept(part, packs, part_hashes(part, record.get("hashes")))


def _remove_unwritten(site: Path, written: set[str]) -> None:
    """What the last run wrote in a council's site and this one did not (a body no longer in council.yaml)."""
    for entry in site.iterdir():
        if entry.name not in written and entry.name != LOCK and not entry.name.endswith(SUFFIX):
            remove(entry)


def _restamp(folder: Path, record: dict[str, Any], sources: Stamps) -> None:
    """A kept body's record with its inputs' stamps as this run took them (an input whose stat changed but not its
    bytes, such as a file whose ctime a copy by links changed, is not read again by every run), replaced whole."""
    with contextlib.suppress(OSError):
        new = folder / f"{BODY_RECORD}{SUFFIX}"
        new.write_text(json.dumps(record | {"began": sources.beginning, "sources": sources.now}), encoding="utf-8")
        os.replace(new, folder / BODY_RECORD)


def _record_folder(folder: Path, key: str, sources: Stamps) -> None:
    """The record of a body's folder: the key of its inputs, each file's size and time of change, and the stamps of
    the inputs the key was worked out from (for the next run's key)."""
    files = {}
    for here, folders, names in os.walk(folder):
        folders.sort()
        prefix = os.path.relpath(here, folder).replace(os.sep, "/") + "/"
        for name in sorted(names):
            stat = os.stat(os.path.join(here, name))
            if stat_is_file(stat.st_mode) and name != BODY_RECORD:
                files[prefix.removeprefix("./") + name] = [stat.st_size, stat.st_mtime_ns]
    files = dict(sorted(files.items()))
    record = {"key": key, "files": files, "began": sources.beginning, "sources": sources.now}
    (folder / BODY_RECORD).write_text(json.dumps(record), encoding="utf-8")


def _shard_meetings(body: _Body, shard: Shard) -> set[str] | None:
    """The meetings (by date) whose folders a shard writes: those with an agenda in its part; None for the whole
    run. A meeting known only by its minutes has its page among the minutes, which the whole run writes."""
    if shard.whole:
        return None
    return {date.isoformat() for date in body.papers.agendas if shard.has(body.named(date.isoformat()))}


def _schedule(papers: Papers) -> list[dict[str, Any]]:
    """Every meeting the body knows of, with what became of it, as the web edition lists and calendars show them."""
    return [
        {
            "date": m.date.isoformat(),
            "long_date": long_date(m.date),
            "planned": m.planned.isoformat(),
            "status": m.status,
            "note": m.note,
            "sequence": m.sequence,
            "start": m.start,
            "time": start_time(m.start) if m.start else "",
            "venue": m.venue,
        }
        for m in meetings(papers)
    ]


@contextmanager
def _template_problems(templates: Templates) -> Iterator[None]:
    """A web template that cannot be rendered is a problem naming its file and line, never a traceback."""
    import jinja2

    try:
        yield
    except jinja2.TemplateError as error:
        filename, line = _template_position(error, templates.html)
        raise BoardpackError(
            [Problem(templates.shown(filename), line, "", f"the web template could not be rendered: {error}")]
        ) from None


def _index_for_search(site: Path, records: list[dict[str, Any]]) -> None:
    """Pagefind's search index of the written site, in site/pagefind/: every page whose main content is marked
    searchable, and `records` (the text of the site's PDF appendices)."""
    _index_folders({site: (records, "")})


def _index_folders(
    folders: dict[Path, tuple[list[dict[str, Any]], str]], jobs: int = 1, glob: str = "**/*.html"
) -> None:
    """Pagefind's index of each folder (a site, or a council's body's folder, whose address from the site's root is
    given beside its records), in the folder's pagefind/: every page whose main content is marked searchable, and the
    records' PDF appendices, as pages written beside them for the indexing alone (`appendix_pages`). One run of
    Pagefind's own program a folder (no round trip a record through its Python service), up to `jobs` at once. The web
    edition holds public papers only, so nothing exempt can be indexed. `glob`: the pages of each folder to index."""
    from concurrent.futures import ThreadPoolExecutor

    from pagefind.service import get_executable

    program = get_executable()
    written: list[Path] = []
    why = "" if program is not None else "its program is not installed"
    try:
        for folder, (records, base) in folders.items():
            written += appendix_pages(records, folder, base)
        if program is not None:
            command = [str(program), "--site", ".", "--glob", glob, "--output-subdir", "pagefind", "--silent"]
            with ThreadPoolExecutor(max(1, jobs)) as pool:
                runs = list(pool.map(lambda f: subprocess.run(command, cwd=f, capture_output=True, text=True), folders))
            failed = next((run for run in runs if run.returncode), None)
            if failed is not None:
                why = next(iter((failed.stdout + failed.stderr).strip().splitlines()[-1:]), "it failed")
    except OSError as error:  # Pagefind's program could not be run
        why = error.strerror or str(error)
    finally:
        for page in written:
            page.unlink(missing_ok=True)
    if why or not all((folder / "pagefind" / "pagefind.js").is_file() for folder in folders):
        raise BoardpackError(
            [
                Problem(
                    "site",
                    0,
                    "",
                    f"the search index could not be built with Pagefind ({why or 'no index was written'}); "
                    "install it with: pip install 'pagefind[bin]'",
                )
            ]
        )


def _plan(papers: Papers) -> list[dict[str, object]] | None:
    """The forward plan as its web page lists it: the business of each meeting not yet held (whose minutes are
    not written), by meeting, key decisions marked; None when the body keeps no plan."""
    if papers.plan is None:
        return None
    meetings: dict[dt.date, list[dict[str, object]]] = {}
    for entry in papers.plan.value.items:
        if entry.meeting not in papers.minutes:
            meetings.setdefault(entry.meeting, []).append(
                {
                    "title": entry.title,
                    "lead": entry.lead,
                    "purpose": parse_markdown(entry.purpose),
                    "key_decision": entry.key_decision,
                    "decision": entry.decision,
                    "added": long_date(entry.added),
                }
            )
    return [
        {"date": date.isoformat(), "long_date": long_date(date), "items": items}
        for date, items in sorted(meetings.items())
    ]


def _site_packs(papers: Checked, date: dt.date, sources: Sources, pdfs: bool = True) -> list[tuple[Pack, Pack]]:
    """A meeting's public packs on the web, each as (the pack its pages show, the pack whose PDF is offered): the
    pack and its large print; once published, the packs as published and then each supplement, the pages
    showing every item as published by the latest of them (changes not yet published are not shown). Without
    `pdfs` (a preview), only the pack its pages show."""

    if date not in papers.publications:
        public = assemble_pack(papers, date)
        packs = [public] + ([sized(copy.deepcopy(public), True)] if pdfs else [])  # the same pack, at large print
        return [(pack, pack) for pack in packs]
    loaded = papers.publications[date]
    record = loaded.value.publications
    shown = assemble_pack(sources.papers(record[-1].commit, loaded.path), date)
    shown.stamp(record[0].published, record[0].commit)
    if not pdfs:
        return [(shown, shown)]
    made = sorted(
        (
            pack
            for large_print in (False, True)
            for pack in published_packs(papers, date, sources, large_print, private=False)
        ),
        key=lambda pack: (pack.supplement, pack.large_print),
    )
    shown.offered = dict(made[0].foreign)
    return [(shown, made[0]), *((pack, pack) for pack in made[1:])]


def _minutes_as_known(meetings: list[list[Pack]], papers: Checked, today: dt.date) -> None:
    """The web pages say whether minutes are a draft or confirmed as known today, and once confirmed print them as
    signed, with the amendments agreed at confirmation applied (the PDFs, as published, say what was known on their
    meeting's eve)."""

    for meeting in meetings:
        for pack in meeting:
            for doc in pack.data["documents"]:
                if doc["kind"] == "minutes":
                    date = dt.date.fromisoformat(doc["date"])
                    known = minutes_as_known(papers, date, today)
                    doc["status"], doc["signature"] = known["status"], known["signature"]
                    confirmed = papers.confirmation(date)
                    if confirmed is not None and confirmed[0] <= today and confirmed[2]:
                        doc["items"] = known["items"]  # as amended (else as published, its pictures in place)


def _public_decision_lists(
    papers: Checked, run: Run = lambda _key, papers, work: work(papers)
) -> dict[dt.date, list[Pack]]:
    """For each meeting's web page, the public decision lists it links (the meeting's own once its minutes are
    written, and those of the minutes its pack carries), and those minutes as confirmed and signed, once they are.
    Each is assembled by `run` (a preview's keeps them from one build to the next: Assembled.run)."""

    def made(assemble: Callable[[Checked, dt.date], Pack | None], date: dt.date) -> Pack | None:
        return cast("Pack | None", run((assemble.__name__, date), papers, lambda papers: assemble(papers, date)))

    lists: dict[dt.date, list[Pack]] = {}
    for date in sorted(papers.agendas):
        for minutes in _decided_minutes(papers, date):
            for assemble in (assemble_decisions, assemble_minutes):
                if (pack := made(assemble, minutes)) is not None:
                    lists.setdefault(date, []).append(pack)
    carried = {pack.date for packs in lists.values() for pack in packs}
    for date in sorted(set(papers.minutes) - set(papers.agendas) - carried):  # a meeting known only by its minutes
        for assemble in (assemble_decisions, assemble_minutes):
            if (pack := made(assemble, date)) is not None:
                lists.setdefault(date, []).append(pack)
    return lists


def _held(papers: Checked, today: dt.date) -> dict[str, dict[str, object]]:
    """Each meeting with minutes, by date, as its pages of outcomes show it: its minutes as known today (public),
    its decisions minute by minute, and whether it has an agenda in the repository."""
    return {
        date.isoformat(): {
            "date": date.isoformat(),
            "long_date": long_date(date),
            "agenda": date in papers.agendas,
            "minutes": minutes_as_known(papers, date, today),
            "outcomes": meeting_outcomes(papers, date),
        }
        for date in sorted(papers.minutes)
    }


def _records(papers: Checked, root: Path, today: dt.date) -> list[dict[str, object]]:
    """The public actions and tracker recommendations, each with its changes from git (None outside git), as
    `boardpack history` reads them."""
    records = public_records(papers, today)
    for record in records:
        try:
            record["history"] = item_history(root, str(record["key"]))[1]
        except BoardpackError:  # not in a git repository: no history to show
            record["history"] = None
    return records


def _decided_minutes(papers: Papers, date: dt.date) -> list[dt.date]:
    """The minutes whose decision lists (and, once confirmed, signed minutes) stand beside a meeting's pack: the
    meeting's own (once written) and those its pack carries, unless carried under an exempt item."""
    agenda = papers.agendas[date].value
    carried = {
        item.minutes
        for section in agenda.sections
        for item in section.items
        if item.minutes is not None and item.exempt is None
    }
    return sorted({date, *carried})


def _template_position(error: jinja2.TemplateError, folder: Path) -> tuple[str, int]:
    """The template file and line an error arose in: a syntax error says so; for an error while
    rendering, Jinja2 puts the template's own lines into the traceback."""
    filename: str | None = getattr(error, "filename", None)  # a TemplateSyntaxError's
    if filename:
        return filename, getattr(error, "lineno", 0) or 0
    position = (str(folder), 0)
    trace = error.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if Path(name).is_relative_to(folder):
            position = (name, trace.tb_lineno)
        trace = trace.tb_next
    return position


def _refuse_unsafe_site_folder(root: Path, out: Path) -> None:
    """The site folder is replaced whole: never let that be the repository, its sources or a folder of someone
    else's."""
    protected = [
        root,
        *(
            root / name
            for name in (
                "agendas",
                "cover_sheets",
                "minutes",
                "appendices",
                "templates",
                "schemas",
                "boardpack",
                "tests",
                ".git",
            )
        ),
    ]
    why = ""
    if out == Path(out.anchor) or root.is_relative_to(out):
        why = "is the repository or a folder that contains it"
    elif any(out == folder or out.is_relative_to(folder) for folder in protected[1:]):
        why = "is inside the board's sources"
    elif out.is_dir() and any(out.iterdir()) and not (out / SITE_MARK).exists():
        why = "already exists and was not made by `boardpack site`; choose a new or empty folder"
    if why:
        raise BoardpackError([Problem(str(out), 0, "--out", f"the site folder {why}")])
