"""Publishing: a meeting's packs frozen with their provenance, supplementary packs, and checking a file
against what was published.

`publish` builds the packs from the sources of a commit (exported from git, so nothing uncommitted can
reach them), stamps each with its publication date and source commit, records the publication in
publications/YYYY-MM-DD.yaml (every file's SHA-256, and a digest of what every agenda item printed) and
tags the commit publish/YYYY-MM-DD. Whatever changes afterwards, `build` makes the same files again from
the tagged sources and holds them to the record. An item added since, or one whose papers changed and
that carries a reason for urgency, goes into the next supplementary pack, its pages numbered on from
the pack's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tarfile
import tempfile
import warnings
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import __version__
from .assemble import Pack, agenda_items, assemble_pack, assemble_supplement, item_digests, long_date, pick_meeting
from .errors import BoardpackError, Problem, command_line
from .load import Papers
from .model import Publication, PublishedFile, PublishedItem, Publications

if TYPE_CHECKING:
    import git

# git is imported where it is used: a build of an unpublished meeting never needs it.

PUBLICATIONS = "publications"


def record_path(date: dt.date) -> str:
    return f"{PUBLICATIONS}/{date.isoformat()}.yaml"


def tag_name(date: dt.date, supplement: int) -> str:
    return f"publish/{date.isoformat()}" + (f"-supplement-{supplement}" if supplement else "")


def made_with() -> str:
    from importlib.metadata import version

    return f"boardpack {__version__}, typst {version('typst')}"


def _repository(root: Path) -> tuple[git.Repo, str]:
    """The git repository holding `root`, and `root`'s path inside it ("." at the top): publishing needs one."""
    from .history import repository

    found = repository(root)
    if found is None:
        raise BoardpackError([Problem(str(root), 0, "", "is not in a git repository: publishing records the commit "
                                                        "the papers were built from, so the sources must be in git")])
    return found


class Sources:
    """The sources as they were at published commits, exported from git into temporary folders for the
    life of a run, each loaded and checked once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stack = ExitStack()
        self.loaded: dict[str, Papers] = {}

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def papers(self, commit: str, record: str) -> Papers:
        """The checked sources of `commit` (named by the publication record `record` when they cannot be had)."""
        import git

        from .check import check_repository

        if commit not in self.loaded:
            repo, prefix = _repository(self.root)
            folder = Path(self.stack.enter_context(tempfile.TemporaryDirectory(prefix="boardpack-published-")))
            archive = io.BytesIO()
            try:
                repo.archive(archive, treeish=commit, format="tar", **({"path": prefix} if prefix != "." else {}))
            except (git.GitCommandError, ValueError):
                raise BoardpackError([Problem(record, 0, "commit", f"the published sources, commit {commit[:12]}, are "
                                              "not in this clone: fetch them (git fetch --tags) to rebuild what was "
                                              "published")]) from None
            archive.seek(0)
            with tarfile.open(fileobj=archive) as tar:
                tar.extractall(folder, filter="data")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # said of today's sources already, where they can be mended
                self.loaded[commit] = check_repository(folder / prefix)
        return self.loaded[commit]


@dataclass
class Pending:
    """What has changed in a published meeting's agenda since its latest publication."""

    number: int  # the supplement that would publish it
    added: list[str] = field(default_factory=list)  # item keys, each with a reason for urgency
    replaced: list[str] = field(default_factory=list)  # changed items with a reason for urgency
    unpublished: list[str] = field(default_factory=list)  # changed items without one: in no supplement


def _supplement_items(record: list[Publication], number: int, added: list[str], replaced: list[str]) -> dict[str, str]:
    """Supplement `number`'s items, each with the note of what it replaces ("" for an added item): the papers
    of the latest publication before it that had the item's papers."""
    notes = {key: "" for key in added}
    for key in replaced:
        last = next(p for p in reversed(record) if p.supplement < number and (key in p.replaced or key in p.added
                                                                             or p.supplement == 0))
        notes[key] = f"Replaces the papers published on {long_date(last.published)}."
    return notes


def pending(papers: Papers, date: dt.date) -> Pending | None:
    """The next supplement of a published meeting (None when the meeting is unpublished)."""
    if date not in papers.publications:
        return None
    latest = papers.publications[date].value.publications[-1]
    found = Pending(latest.supplement + 1)
    digests = item_digests(papers, date)
    for key, (number, item) in agenda_items(papers, date).items():
        if key not in latest.items:
            found.added.append(key)
        elif latest.items[key].digest != digests[key]:
            (found.replaced if item.late is not None else found.unpublished).append(key)
    return found


def supplement_packs(papers: Papers, date: dt.date, number: int, items: dict[str, str], first_published: dt.date,
                     large_print: bool) -> list[Pack]:
    """A supplement's public pack, and its private pack when one of its items is exempt."""
    public = assemble_supplement(papers, date, number, items, first_published, large_print=large_print)
    if not public.has_exempt:
        return [public]
    return [public, assemble_supplement(papers, date, number, items, first_published, private=True, large_print=large_print)]


def meeting_packs(papers: Papers, date: dt.date, large_print: bool) -> list[Pack]:
    """A meeting's public pack, and its private pack when it has exempt material."""
    public = assemble_pack(papers, date, large_print=large_print)
    return [public, assemble_pack(papers, date, private=True, large_print=large_print)] if public.has_exempt else [public]


def _series(name: str) -> tuple[bool, bool]:
    """(private, large print) of a published file, from its name."""
    return "-private-pack" in name, name.endswith("-large-print.pdf")


def _first_page(record: list[Publication], pack: Pack) -> int:
    """Where a supplement's page numbers start: after the last page of the latest file of its series (private or
    public, standard or large print) published before it, else of the public file of its size."""
    for private in ((True, False) if pack.private else (False,)):
        for publication in reversed(record):
            for name, entry in publication.files.items():
                if _series(name) == (private, pack.large_print):
                    return entry.last_page + 1
    return 1


def published_packs(papers: Papers, date: dt.date, sources: Sources, large_print: bool) -> list[Pack]:
    """The packs of every publication of the meeting, assembled again from the sources each was built from and
    stamped as it was; each carries the SHA-256 it was published with."""
    loaded = papers.publications[date]
    record = loaded.value.publications
    packs = []
    for index, publication in enumerate(record):
        source = sources.papers(publication.commit, loaded.path)
        made = _publication_packs(source, date, record, publication.supplement, publication.added, publication.replaced,
                                  large_print)
        for pack in made:
            entry = publication.files.get(pack.filename)
            if entry is None:
                raise BoardpackError([Problem(loaded.path, loaded.line("publications", index, "files"), "files",
                                              f"{pack.filename} is missing from the record of supplement "
                                              f"{publication.supplement}" if publication.supplement else
                                              f"{pack.filename} is missing from the record of the publication")])
            pack.stamp(publication.published, publication.commit, entry.first_page)
            pack.published_sha256 = entry.sha256
            packs.append(pack)
    return packs


def _publication_packs(papers: Papers, date: dt.date, record: list[Publication], number: int, added: list[str],
                       replaced: list[str], large_print: bool) -> list[Pack]:
    """The packs of the pack's publication (number 0) or of supplement `number`, adding and replacing items."""
    if number == 0:
        return meeting_packs(papers, date, large_print)
    items = _supplement_items(record, number, added, replaced)
    return supplement_packs(papers, date, number, items, record[0].published, large_print)


def pending_packs(papers: Papers, date: dt.date, large_print: bool) -> tuple[list[Pack], Pending | None]:
    """The next supplement of a published meeting as today's sources make it (not yet published), its pages
    numbered on from the last publication's; no packs when nothing is waiting to be published."""
    found = pending(papers, date)
    if found is None or not (found.added or found.replaced):
        return [], found
    record = papers.publications[date].value.publications
    packs = _publication_packs(papers, date, record, found.number, found.added, found.replaced, large_print)
    for pack in packs:
        pack.data["first_page"] = _first_page(record, pack)
    return packs, found


def check_reproduced(papers: Papers, packs: list[Pack], pdfs: list[bytes]) -> None:
    """Refuse to write a published file that did not come out as it was published."""
    problems = []
    for pack, pdf in zip(packs, pdfs):
        if pack.published_sha256 is None or hashlib.sha256(pdf).hexdigest() == pack.published_sha256:
            continue
        loaded = papers.publications[pack.date]
        publication = next(p for p in loaded.value.publications if pack.filename in p.files)
        versions = "" if publication.made_with == made_with() else \
            f"; it was made with {publication.made_with}, and this is {made_with()}: build it with those versions"
        problems.append(Problem(loaded.path, 0, "", f"{pack.filename} could not be made again as it was published on "
                                f"{long_date(publication.published)} from commit {publication.commit[:12]}{versions}"))
    if problems:
        raise BoardpackError(problems)


def publish(root: Path, date: dt.date, on: dt.date, out: Path | None = None) -> tuple[Publication, list[Path]]:
    """Publish the meeting's packs (or, once they are published, its next supplement) as on the day `on`:
    build them from the committed sources, write them to `out`, record the publication and tag its commit."""
    from .check import check_repository
    from .outputs import output_folder
    from .render.pdf import render_pdf_numbered, template_set

    root = root.resolve()
    papers = check_repository(root, as_at=on)  # the timetable as on the day: late items need their reasons
    pick_meeting(papers, date, date, option="DATE")
    if on > date:
        raise BoardpackError([command_line("--on", f"{on.isoformat()} is after the meeting on {date.isoformat()}: "
                                                   "papers are published before their meeting")])
    record = papers.publications.get(date)
    earlier = record.value.publications if record else []
    if earlier and on < earlier[-1].published:
        raise BoardpackError([command_line("--on", f"{on.isoformat()} is before the last publication of these papers, "
                                                   f"on {earlier[-1].published.isoformat()}")])
    repo, prefix = _repository(root)
    dirty = repo.git.status("--porcelain", "--untracked-files=all", "--", prefix).splitlines()
    if dirty:
        listed = ", ".join(line[3:] for line in dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise BoardpackError([Problem(str(root), 0, "", f"has changes not committed to git ({listed}): commit them first, "
                                      "so that the publication records exactly the sources it was built from")])
    commit = repo.head.commit.hexsha
    next_up = pending(papers, date)
    number = next_up.number if next_up else 0
    if next_up is not None and not (next_up.added or next_up.replaced):
        unpublished = f"; changed without a reason for urgency (`late:`): {', '.join(next_up.unpublished)}" \
            if next_up.unpublished else ""
        raise BoardpackError([Problem(record_path(date), 0, "", f"nothing to publish: no item has been added, or changed "
                                      f"with a reason for urgency, since the last publication{unpublished}")])
    tag = tag_name(date, number)
    if tag in repo.tags:
        raise BoardpackError([Problem(record_path(date), 0, "", f"the tag {tag} already exists, but the record does not "
                                      "say so: remove the tag (git tag -d) or restore the record")])
    with Sources(root) as sources:
        source = sources.papers(commit, record_path(date))
        added, replaced = (next_up.added, next_up.replaced) if next_up else ([], [])
        packs = [pack for large_print in (False, True)
                 for pack in _publication_packs(source, date, earlier, number, added, replaced, large_print)]
        for pack in packs:
            pack.stamp(on, commit, _first_page(earlier, pack) if number else 1)
        templates = template_set(source.root)
        with output_folder(out if out is not None else root / "build") as outputs:
            rendered = [render_pdf_numbered(pack, templates, outputs.work()) for pack in packs]
            digests = item_digests(source, date)
            publication = Publication(
                supplement=number, published=on, commit=commit, tag=tag, made_with=made_with(),
                added=added, replaced=replaced,
                items={key: PublishedItem(number=n, digest=digests[key]) for key, (n, _) in agenda_items(source, date).items()},
                files={pack.filename: PublishedFile(title=pack.title, sha256=hashlib.sha256(pdf).hexdigest(), bytes=len(pdf),
                                                    pages=_pages(pdf), first_page=pack.data.get("first_page", 1),
                                                    last_page=last if _numbered(pack) else pack.data.get("first_page", 1) - 1)
                       for pack, (pdf, last) in zip(packs, rendered)})
            written = outputs.write({pack.filename: pdf for pack, (pdf, _) in zip(packs, rendered)})
    _record(repo, root, date, [*earlier, publication], tag, commit)
    return publication, written


def _numbered(pack: Pack) -> bool:
    """Whether any page of the pack is numbered (a supplement of exempt items alone has only its front sheet in
    public, and the next supplement's numbers go on from the last numbered page)."""
    return any(doc.get("numbering_starts") for doc in pack.data["documents"])


def _pages(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _record(repo: git.Repo, root: Path, date: dt.date, publications: list[Publication], tag: str, commit: str) -> None:
    """Tag the published commit, then commit the record beside the sources."""
    import git

    record = Publications(date=date, publications=publications)
    data = record.model_dump(mode="json", exclude_defaults=False)
    text = (f"# What has been published of the papers of the meeting on {date.isoformat()}: written by `boardpack "
            "publish`, and read by `build` and `verify`. Do not edit.\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    summary = f"Publish the papers of the meeting on {long_date(date)}" + \
        (f": supplement {publications[-1].supplement}" if publications[-1].supplement else "")
    path = root / record_path(date)
    try:
        repo.create_tag(tag, ref=commit, message=f"{summary}\n\n{yaml.safe_dump(data['publications'][-1], sort_keys=False)}")
    except git.GitCommandError as error:
        raise BoardpackError([Problem(record_path(date), 0, "", f"git could not tag the published commit: "
                                      f"{error.stderr.strip() or error}; the packs were written, nothing was recorded")]) from None
    try:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        repo.index.add([str(path)])
        repo.index.commit(summary)
    except (OSError, git.GitCommandError, ValueError) as error:
        repo.delete_tag(tag)
        raise BoardpackError([Problem(record_path(date), 0, "", f"the publication could not be recorded: {error}")]) from None


@dataclass
class Verdict:
    """What `verify` found of a file."""

    unaltered: bool
    message: str


def verify(root: Path, file: Path) -> Verdict:
    """Whether `file` is a file published from this repository, which publication it belongs to, and
    whether it is unaltered."""
    from .load import load_publications

    records = load_publications(root)
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    for loaded in records.values():
        for publication in loaded.value.publications:
            for name, entry in publication.files.items():
                if entry.sha256 == digest:
                    return Verdict(True, f"{file.name}: unaltered. It is {entry.title}, published on "
                                         f"{long_date(publication.published)} from commit {publication.commit[:12]} "
                                         f"(tag {publication.tag}), as {name}.")
    claimed = _claimed(data)
    for loaded in records.values():
        for publication in loaded.value.publications:
            for name, entry in publication.files.items():
                if (claimed and claimed == (publication.commit, publication.published.isoformat(), entry.title)) \
                        or (not claimed and name == file.name):
                    return Verdict(False, f"{file.name}: ALTERED. It claims to be {entry.title}, published on "
                                          f"{long_date(publication.published)} from commit {publication.commit[:12]} "
                                          f"(tag {publication.tag}), but its contents are not those published "
                                          f"(SHA-256 {digest}, published {entry.sha256}).")
    return Verdict(False, f"{file.name}: not a file published from this repository (SHA-256 {digest} is in no "
                          f"record in {PUBLICATIONS}/).")


def _claimed(data: bytes) -> tuple[str, str, str] | None:
    """(source commit, publication date, title) as the file's own metadata states them, if it can be read."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            info = document.docinfo
            keywords = str(info.get("/Keywords", ""))
            title = str(info.get("/Title", ""))
    except (pikepdf.PdfError, ValueError):
        return None
    found = dict(part.strip().split(":", 1) for part in keywords.split(",") if part.strip().startswith("boardpack-"))
    if "boardpack-source" not in found or "boardpack-published" not in found:
        return None
    return found["boardpack-source"], found["boardpack-published"], title
