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
import json
import os
import posixpath
import shutil
import stat
import tarfile
import tempfile
import warnings
from collections.abc import Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import __version__
from .assemble import Pack, agenda_items, assemble_pack, assemble_supplement, item_digests, pick_meeting
from .checks import Checked, check_repository
from .errors import BoardpackError, BoardpackWarning, Problem, command_line
from .history import repository
from .load import PRIVATE_RECORDS, Papers, load_publications
from .model import (
    PrivateItem,
    PrivatePublication,
    PrivateRecord,
    Publication,
    Publications,
    PublishedFile,
    PublishedItem,
)
from .numbering import item_identity, item_numbers
from .outputs import Content, content_sha256, output_folder, write_atomically
from .render.pdf import render_pdf_numbered
from .store import FOLDER
from .templates import template_set
from .timetable import clear_days_left, papers_due
from .wording import long_date

if TYPE_CHECKING:
    import git

# git is imported where it is used: a build of an unpublished meeting never needs it.

PUBLICATIONS = "publications"


def record_path(date: dt.date) -> str:
    return f"{PUBLICATIONS}/{date.isoformat()}.yaml"


def _private_path(date: dt.date) -> str:
    return f"{PRIVATE_RECORDS}/{date.isoformat()}.yaml"


def tag_name(date: dt.date, supplement: int) -> str:
    return f"publish/{date.isoformat()}" + (f"-supplement-{supplement}" if supplement else "")


def made_with() -> str:
    from importlib.metadata import version

    return f"boardpack {__version__}, typst {version('typst')}, pillow {version('pillow')}"  # Pillow encodes images


def _repository(root: Path) -> tuple[git.Repo, str]:
    """The git repository holding `root`, and `root`'s path inside it ("." at the top): publishing needs one."""

    found = repository(root)
    if found is None:
        raise BoardpackError(
            [
                Problem(
                    str(root),
                    0,
                    "",
                    "is not in a git repository: publishing records the commit "
                    "the papers were built from, so the sources must be in git",
                )
            ]
        )
    return found


class Sources:
    """The sources as they were at published commits, exported from git into temporary folders for the
    life of a run, each loaded and checked once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stack = ExitStack()
        self.loaded: dict[str, Checked] = {}

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def papers(self, commit: str, record: str) -> Checked:
        """The checked sources of `commit` (named by the publication record `record` when they cannot be had)."""
        import git

        if commit not in self.loaded:
            repo, prefix = _repository(self.root)
            folder = Path(self.stack.enter_context(tempfile.TemporaryDirectory(prefix="boardpack-published-")))
            archive = io.BytesIO()
            try:
                repo.archive(archive, treeish=commit, format="tar", path=[prefix] if prefix != "." else [])
            except (git.GitCommandError, ValueError):
                raise BoardpackError(
                    [
                        Problem(
                            record,
                            0,
                            "commit",
                            f"the published sources, commit {commit[:12]}, are "
                            "not in this clone: fetch them (git fetch --tags) to rebuild what was "
                            "published",
                        )
                    ]
                ) from None
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
    in_time: bool  # published on the day asked, it would still be open for five clear days (s.100B(4)(a))
    added: list[str] = field(default_factory=list)  # item keys (check holds an added item to the rule)
    replaced: list[str] = field(default_factory=list)  # changed items, in time or with special circumstances
    unpublished: list[str] = field(default_factory=list)  # changed items too late and not urgent: in no supplement


def _supplement_items(record: list[Publication], number: int, added: list[str], replaced: list[str]) -> dict[str, str]:
    """Supplement `number`'s items, each with the note of what it replaces ("" for an added item): the papers
    of the latest publication before it that had the item's papers."""
    notes = {key: "" for key in added}
    for key in replaced:
        last = next(
            p
            for p in reversed(record)
            if p.supplement < number and (key in p.replaced or key in p.added or p.supplement == 0)
        )
        notes[key] = f"Replaces the papers published on {long_date(last.published)}."
    return notes


def in_time(papers: Papers, date: dt.date, on: dt.date) -> bool:
    """Whether papers of the meeting on `date` published on `on` are open for five clear days before it (or, for a
    meeting convened at shorter notice, from when it was convened): Local Government Act 1972, s.100B(4)(a)."""
    return on <= papers_due(papers.agendas[date].value, papers.board.value.timetable)


def pending(papers: Checked, date: dt.date, on: dt.date | None = None) -> Pending | None:
    """The next supplement of a published meeting, were it published on `on` (today): an item changed since the
    last publication goes into it if it is still in time, or with the chair's special circumstances of urgency
    (s.100B(4)); None when the meeting is unpublished."""
    if date not in papers.publications:
        return None
    latest = papers.publications[date].value.publications[-1]
    found = Pending(latest.supplement + 1, in_time(papers, date, on or dt.date.today()))
    items = agenda_items(papers, date)
    digests = item_digests(papers, date)
    # An exempt item is held to its papers when the private record is here, else to its public row alone.
    public = (
        item_digests(papers, date, private=False)
        if any(item.exempt and key not in latest.exempt for key, (_, item) in items.items())
        else {}
    )
    for key, (_, item) in items.items():
        if key not in latest.items or (key in latest.exempt and latest.exempt[key].identity != item_identity(item)):
            found.added.append(key)
            continue
        if key in latest.exempt:
            was, now = latest.exempt[key].digest, digests[key]
        else:
            was, now = latest.items[key].digest, public[key] if item.exempt else digests[key]
        if was != now:
            (found.replaced if found.in_time or item.urgent is not None else found.unpublished).append(key)
    return found


def supplement_packs(
    papers: Checked, date: dt.date, number: int, items: dict[str, str], first_published: dt.date, large_print: bool
) -> list[Pack]:
    """A supplement's public pack, and its private pack when one of its items is exempt."""
    public = assemble_supplement(papers, date, number, items, first_published, large_print=large_print)
    if not public.has_exempt:
        return [public]
    return [
        public,
        assemble_supplement(papers, date, number, items, first_published, private=True, large_print=large_print),
    ]


def meeting_packs(papers: Checked, date: dt.date, large_print: bool) -> list[Pack]:
    """A meeting's public pack, and its private pack when it has exempt material."""
    public = assemble_pack(papers, date, large_print=large_print)
    return (
        [public, assemble_pack(papers, date, private=True, large_print=large_print)] if public.has_exempt else [public]
    )


def _series(name: str) -> tuple[bool, bool]:
    """(private, large print) of a published file, from its name."""
    return "-private-pack" in name, name.endswith("-large-print.pdf")


def _first_page(record: list[Publication], pack: Pack) -> int:
    """Where a supplement's page numbers start: after the last page of the latest file of its series (private or
    public, standard or large print) published before it, else of the public file of its size."""
    if pack.private and any(p.private and not any(_series(name)[0] for name in p.files) for p in record):
        raise BoardpackError(
            [
                Problem(
                    _private_path(pack.date),
                    0,
                    "",
                    "is not in this clone: a private supplement's "
                    "pages number on from the private pack's, which only it records (it is never "
                    "committed); copy it from the machine that published the papers",
                )
            ]
        )
    for private in (True, False) if pack.private else (False,):
        for publication in reversed(record):
            for name, entry in publication.files.items():
                if _series(name) == (private, pack.large_print):
                    return entry.last_page + 1
    return 1


def published_packs(
    papers: Papers, date: dt.date, sources: Sources, large_print: bool, private: bool = True
) -> list[Pack]:
    """The packs of every publication of the meeting (without `private`, the public ones alone), assembled again
    from the sources each was built from and stamped as it was; each carries the SHA-256 it was published with."""
    loaded = papers.publications[date]
    record = loaded.value.publications
    packs = []
    for index, publication in enumerate(record):
        source = sources.papers(publication.commit, loaded.path)
        made = _publication_packs(
            source, date, record, publication.supplement, publication.added, publication.replaced, large_print
        )
        for pack in made:
            if pack.private and not private:
                continue
            entry = publication.files.get(pack.filename)
            if entry is None and pack.private and publication.private:
                warnings.warn(
                    f"{_private_path(date)}: is not in this clone (it is never committed), so "
                    f"{pack.filename} is not made again",
                    BoardpackWarning,
                    stacklevel=2,
                )
                continue
            if entry is None:
                raise BoardpackError(
                    [
                        Problem(
                            loaded.path,
                            loaded.line("publications", index, "files"),
                            "files",
                            f"{pack.filename} is missing from the record of supplement {publication.supplement}"
                            if publication.supplement
                            else f"{pack.filename} is missing from the record of the publication",
                        )
                    ]
                )
            pack.stamp(publication.published, publication.commit, entry.first_page)
            pack.published_sha256 = entry.sha256
            packs.append(pack)
    return packs


def _publication_packs(
    papers: Checked,
    date: dt.date,
    record: list[Publication],
    number: int,
    added: list[str],
    replaced: list[str],
    large_print: bool,
) -> list[Pack]:
    """The packs of the pack's publication (number 0) or of supplement `number`, adding and replacing items."""
    if number == 0:
        return meeting_packs(papers, date, large_print)
    items = _supplement_items(record, number, added, replaced)
    return supplement_packs(papers, date, number, items, record[0].published, large_print)


def pending_packs(papers: Checked, date: dt.date, large_print: bool) -> tuple[list[Pack], Pending | None]:
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


def check_reproduced(papers: Papers, packs: list[Pack], pdfs: Sequence[Content]) -> None:
    """Refuse to write a published file that did not come out as it was published."""
    problems = []
    for pack, pdf in zip(packs, pdfs):
        if pack.published_sha256 is None or content_sha256(pdf) == pack.published_sha256:
            continue
        loaded = papers.publications[pack.date]
        publication = next(p for p in loaded.value.publications if pack.filename in p.files)
        versions = (
            ""
            if publication.made_with == made_with()
            else f"; it was made with {publication.made_with}, and this is {made_with()}: build it with those versions"
        )
        problems.append(
            Problem(
                loaded.path,
                0,
                "",
                f"{pack.filename} could not be made again as it was published on "
                f"{long_date(publication.published)} from commit {publication.commit[:12]}{versions}",
            )
        )
    if problems:
        raise BoardpackError(problems)


def publish(root: Path, date: dt.date, on: dt.date, out: Path | None = None) -> tuple[Publication, list[Path]]:
    """Publish the meeting's packs (or, once they are published, its next supplement) as on the day `on`:
    build them from the committed sources, record the publication, write the packs to `out` and tag it, as
    one act under a lock on the repository (a publication stopped part-way before is settled first, with a
    warning)."""
    from filelock import FileLock, Timeout

    root = root.resolve()
    repo, prefix = _repository(root)
    transaction = Transaction(repo)
    try:
        lock = FileLock(Path(repo.common_dir) / LOCK, timeout=LOCK_WAIT)
        lock.acquire()
    except Timeout:
        raise BoardpackError(
            [
                Problem(
                    str(root),
                    0,
                    "",
                    f"another `boardpack publish` is publishing from this "
                    f"repository (waited {LOCK_WAIT:g} s); try again when it has finished",
                )
            ]
        ) from None
    try:
        recovered = transaction.recover()
        if recovered:
            warnings.warn(recovered, BoardpackWarning, stacklevel=2)
        if transaction.completed is not None and transaction.completed[0] == date.isoformat():
            return load_publications(root)[date].value.publications[-1], transaction.completed[1]  # it is published now
        return _publish(root, repo, prefix, transaction, date, on, out)
    finally:
        lock.release()


LOCK_WAIT = 600.0  # seconds a publish waits for another in the same repository (a large pack takes minutes)


def _refuse_late_pack(papers: Checked, date: dt.date, on: dt.date) -> None:
    """A meeting's papers published with fewer than five clear days left may be taken only if the meeting was
    convened at shorter notice (from when it was) or each item carries the chair's special circumstances of
    urgency: Local Government Act 1972, s.100B(3)-(4)."""
    if in_time(papers, date, on):
        return
    loaded = papers.agendas[date]
    timetable = papers.board.value.timetable
    left = clear_days_left(on, date, timetable)
    agenda = loaded.value
    routine = [
        number
        for (s, i), number in item_numbers(papers.board.value, agenda).items()
        if agenda.sections[s].items[i].urgent is None
    ]
    if not routine:
        return  # every item is taken as a matter of urgency (s.100B(4)(b))
    deadline = papers_due(agenda, timetable)
    raise BoardpackError(
        [
            command_line(
                "--on",
                f"published on {long_date(on)}, the papers would be open to inspection for {left} clear working "
                f"day{'s' if left != 1 else ''} before the meeting, not five (Local Government Act 1972, s.100B(3); "
                f"the last day was {long_date(deadline)}): record in {loaded.path} that the meeting was convened "
                "at shorter notice (`short_notice:`), or give the chair's special circumstances of urgency "
                f"(`urgent:`, s.100B(4)(b)) for item{'s' if len(routine) != 1 else ''} {', '.join(routine)}",
            )
        ]
    )


def _publish(
    root: Path, repo: git.Repo, prefix: str, transaction: Transaction, date: dt.date, on: dt.date, out: Path | None
) -> tuple[Publication, list[Path]]:
    """Publish, with the repository locked and any stopped publication settled."""

    papers = check_repository(root, as_at=on)  # the timetable as on the day: late items need their reasons
    pick_meeting(papers, date, date, option="DATE")
    if on > date:
        raise BoardpackError(
            [
                command_line(
                    "--on",
                    f"{on.isoformat()} is after the meeting on {date.isoformat()}: "
                    "papers are published before their meeting",
                )
            ]
        )
    record = papers.publications.get(date)
    earlier = record.value.publications if record else []
    if earlier and on < earlier[-1].published:
        raise BoardpackError(
            [
                command_line(
                    "--on",
                    f"{on.isoformat()} is before the last publication of these papers, "
                    f"on {earlier[-1].published.isoformat()}",
                )
            ]
        )
    # (boardpack's own cache of parsed sources is no source, whatever the board's .gitignore says)
    cache = f":(exclude){posixpath.join(prefix, FOLDER)}"
    dirty = repo.git.status("--porcelain", "--untracked-files=all", "--", prefix, cache).splitlines()
    if dirty:
        listed = ", ".join(line[3:] for line in dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise BoardpackError(
            [
                Problem(
                    str(root),
                    0,
                    "",
                    f"has changes not committed to git ({listed}): commit them first, "
                    "so that the publication records exactly the sources it was built from",
                )
            ]
        )
    commit = repo.head.commit.hexsha
    next_up = pending(papers, date, on)
    number = next_up.number if next_up else 0
    if next_up is not None and not (next_up.added or next_up.replaced):
        unpublished = (
            f"; changed, too late to be open for five clear days and without the chair's special circumstances "
            f"of urgency (`urgent:`, Local Government Act 1972, s.100B(4)): {', '.join(next_up.unpublished)}"
            if next_up.unpublished
            else ""
        )
        raise BoardpackError(
            [
                Problem(
                    record_path(date),
                    0,
                    "",
                    f"nothing to publish: no item has been added, or changed in time or as a matter of "
                    f"urgency, since the last publication{unpublished}",
                )
            ]
        )
    if next_up is None:
        _refuse_late_pack(papers, date, on)
    tag = tag_name(date, number)
    if tag in repo.tags:
        raise BoardpackError(
            [
                Problem(
                    record_path(date),
                    0,
                    "",
                    f"the tag {tag} already exists, but the record does not "
                    "say so: remove the tag (git tag -d) or restore the record",
                )
            ]
        )
    with Sources(root) as sources:
        source = sources.papers(commit, record_path(date))
        added, replaced = (next_up.added, next_up.replaced) if next_up else ([], [])
        packs = [
            pack
            for large_print in (False, True)
            for pack in _publication_packs(source, date, earlier, number, added, replaced, large_print)
        ]
        for pack in packs:
            pack.stamp(on, commit, _first_page(earlier, pack) if number else 1)
        templates = template_set(source.root)
        with output_folder(out if out is not None else root / "build") as outputs:
            rendered = [render_pdf_numbered(pack, templates, outputs.work()) for pack in packs]
            items = agenda_items(source, date)
            digests = item_digests(source, date)
            public = item_digests(source, date, private=False) if any(item.exempt for _, item in items.values()) else {}
            publication = Publication(
                supplement=number,
                published=on,
                commit=commit,
                tag=tag,
                made_with=made_with(),
                added=added,
                replaced=replaced,
                items={
                    key: PublishedItem(number=n, digest=public[key] if item.exempt else digests[key])
                    for key, (n, item) in items.items()
                },
                exempt={
                    key: PrivateItem(identity=item_identity(item), digest=digests[key])
                    for key, (_, item) in items.items()
                    if item.exempt
                },
                private=any(pack.private for pack in packs),
                files={
                    pack.filename: PublishedFile(
                        title=pack.title,
                        sha256=hashlib.sha256(pdf).hexdigest(),
                        bytes=len(pdf),
                        pages=_pages(pdf),
                        first_page=pack.data.get("first_page", 1),
                        last_page=last if _numbered(pack) else pack.data.get("first_page", 1) - 1,
                    )
                    for pack, (pdf, last) in zip(packs, rendered)
                },
            )
            packed = {pack.filename: pdf for pack, (pdf, _) in zip(packs, rendered)}
            tagged = False
            try:
                transaction.begin(prefix, date, tag, outputs.folder, packed)
                message = _record(repo, prefix, root, date, [*earlier, publication], transaction)
                transaction.tag(message)
                tagged = True
                _step("write the packs")
                written = outputs.write(packed)
            except BaseException as error:  # whatever stops it, nothing of it remains
                _undo(transaction, date, error, tagged)
                raise
            try:
                transaction.end()
            except OSError as error:
                warnings.warn(
                    f"{transaction.journal}: the papers are published, but the journal could not be removed "
                    f"({error.strerror or error}); the next publish removes it",
                    BoardpackWarning,
                    stacklevel=2,
                )
    return publication, written


def _undo(transaction: Transaction, date: dt.date, error: BaseException, tagged: bool) -> None:
    """Undo a publication that failed part-way (its tag too, made by this run and seen by nobody), so nothing of
    it remains; then say why it failed (an error boardpack does not expect goes on as it is, after the undo)."""
    import git

    try:
        transaction.undo(tagged)
        undone = "the repository, its tags and the output folder are as they were"
    except (OSError, ValueError, KeyError, BoardpackError, git.GitCommandError) as failed:
        why = "; ".join(str(p) for p in failed.problems) if isinstance(failed, BoardpackError) else str(failed)
        undone = f"it could not all be undone yet ({why}): the next publish finishes undoing it"
    if not isinstance(error, (OSError, BoardpackError, git.GitCommandError)):
        return
    reason = (
        "; ".join(str(p) for p in error.problems)
        if isinstance(error, BoardpackError)
        else getattr(error, "strerror", None) or (getattr(error, "stderr", "") or "").strip() or str(error)
    )
    raise BoardpackError(
        [
            Problem(
                record_path(date),
                0,
                "",
                f"the publication could not be completed: {reason}; nothing was published, and {undone}",
            )
        ]
    ) from None


def _numbered(pack: Pack) -> bool:
    """Whether any page of the pack is numbered (a supplement of exempt items alone has only its front sheet in
    public, and the next supplement's numbers go on from the last numbered page)."""
    return any(doc.get("numbering_starts") for doc in pack.data["documents"])


def _pages(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _record(
    repo: git.Repo, prefix: str, root: Path, date: dt.date, publications: list[Publication], transaction: Transaction
) -> str:
    """Write the records and commit the public one alone, on top of the published commit; returns the message its
    tag is to have. The commit is made in an index of its own and the branch moved to it only if it has not
    moved meanwhile: whatever the clerk has staged stays theirs, and no hook can change or stop it half-way."""
    text, private, latest = _record_texts(date, publications)
    summary = (
        SUMMARY
        + long_date(date)
        + (f": supplement {publications[-1].supplement}" if publications[-1].supplement else "")
    )
    if private is not None:
        folder = root / PRIVATE_RECORDS
        if not (folder / ".gitignore").exists():
            write_atomically(
                folder / ".gitignore", "# Private records are never committed: this folder ignores itself.\n*\n"
            )
        write_atomically(root / _private_path(date), private)
    write_atomically(root / record_path(date), text)
    path = _in_git(prefix, record_path(date))
    head = transaction.head
    _step("stage the record")
    blob = repo.git.hash_object("-w", "--", path)
    index = {"GIT_INDEX_FILE": str(transaction.journal / "index")}
    repo.git.read_tree(head, env=index)
    repo.git.update_index("--add", "--cacheinfo", f"100644,{blob},{path}", env=index)
    tree = repo.git.write_tree(env=index)
    commit = repo.git.commit_tree(tree, "-p", head, "-m", summary)
    transaction.committing(commit)
    _step("commit the record")
    repo.git.update_ref("-m", f"boardpack publish: {summary}", "HEAD", commit, head)
    repo.git.reset("-q", "--", path)  # the clerk's index holds the record as committed
    return f"{summary}\n\n{yaml.safe_dump(latest, sort_keys=False)}"


def _record_texts(date: dt.date, publications: list[Publication]) -> tuple[str, str | None, dict[str, object]]:
    """The public record's text, the private record's (None without a private pack) and the latest publication
    as the public record has it (for the tag's message). The public record names no private file: a public
    mirror carries it."""
    public = [
        p.model_copy(update={"files": {n: f for n, f in p.files.items() if not _series(n)[0]}}) for p in publications
    ]
    data = Publications(date=date, publications=public).model_dump(mode="json")
    for publication in data["publications"]:
        del publication["exempt"]  # the exempt items' identities and digests: the private record's alone
    text = (
        f"# What has been published of the papers of the meeting on {date.isoformat()}: written by `boardpack "
        "publish`, and read by `build` and `verify`. Do not edit. Private packs are recorded in "
        f"{_private_path(date)}, never committed.\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )
    kept = [
        PrivatePublication(
            supplement=p.supplement, files={n: f for n, f in p.files.items() if _series(n)[0]}, items=p.exempt
        )
        for p in publications
    ]
    kept = [p for p in kept if p.files or p.items]
    private = (
        None
        if not kept
        else (
            f"# The private packs published of the meeting on {date.isoformat()}: written by `boardpack publish`. "
            "Never commit this folder (it ignores itself).\n"
            + yaml.safe_dump(
                PrivateRecord(date=date, publications=kept).model_dump(mode="json"), sort_keys=False, allow_unicode=True
            )
        )
    )
    latest = data["publications"][-1]
    private_files = {n: f.sha256 for n, f in publications[-1].files.items() if _series(n)[0]}
    return text, private, {**latest, **({"private_files": private_files} if private_files else {})}


SUMMARY = "Publish the papers of the meeting on "


def _in_git(prefix: str, path: str) -> str:
    """A path of the board's folder as git names it (the board may be a folder of a larger repository)."""
    return path if prefix == "." else f"{prefix}/{path}"


def _step(name: str) -> None:
    """A step of publishing's transaction is about to be taken (tests stop a real run here)."""


JOURNAL = "boardpack-publish"  # a folder in the repository's git folder: never in the working tree
LOCK = "boardpack-publish.lock"


class Transaction:
    """Publishing as one act: the record committed, the commit tagged (the moment it is published), then the
    packs moved into the output folder as one set.

    Before anything changes, a journal in the git folder keeps the board's folder, the branch's commit, the
    records as they were, the commit about to record the publication, and the packs to be written. If the run
    fails part-way, it is undone at once (its tag too). If it is killed, the next `publish` reads the journal: a
    publication that was tagged is completed (its packs, kept in the journal, are written); one that was not is
    undone, leaving the repository, its records and tags as they were, and the output folder untouched. Only
    the commit the journal names is ever taken off the branch.
    """

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.journal = Path(repo.common_dir) / JOURNAL  # shared by the repository's worktrees, as its tags are
        self.head = ""
        self.completed: tuple[str, list[Path]] | None = (
            None  # (the meeting, the packs written) when recover completes one
        )

    def begin(self, prefix: str, date: dt.date, tag: str, out: Path, packs: dict[str, bytes]) -> None:
        """Keep what is needed to undo the publication, or to complete it."""
        root = self._root(prefix)
        paths = [record_path(date), _private_path(date), f"{PRIVATE_RECORDS}/.gitignore"]
        before = {p: (root / p).read_text(encoding="utf-8") if (root / p).exists() else None for p in paths}
        self.head = self.repo.head.commit.hexsha
        _step("journal")
        self.end()  # a journal not begun whole (no journal.json) is nothing
        for name, pdf in packs.items():
            write_atomically(self.journal / "packs" / name, pdf)
        self._write(
            {
                "prefix": prefix,
                "date": date.isoformat(),
                "tag": tag,
                "head": self.head,
                "records": before,
                "out": str(out),
                "packs": sorted(packs),
                "commit": None,
            }
        )

    def committing(self, commit: str) -> None:
        """The commit about to become the branch's: the one commit an undo may take off it."""
        self._write({**self._read(), "commit": commit})

    def tag(self, message: str) -> None:
        """Tag the commit that holds the record: from this moment the papers are published."""
        journal = self._read()
        _step("tag")
        self.repo.git.tag("-a", journal["tag"], journal["commit"], "-m", message)

    def end(self) -> None:
        _step("end")
        with suppress(FileNotFoundError):
            shutil.rmtree(self.journal)

    def recover(self) -> str | None:
        """Complete or undo what a killed publication left; what was done, to warn of (None: nothing to do)."""
        if not self.journal.exists():
            return None
        try:
            journal = self._read()
            date, tag = journal["date"], journal["tag"]
        except (OSError, ValueError, KeyError, TypeError):
            self.end()  # written last, whole or not at all: without it, nothing had been changed
            return None
        if tag in self.repo.tags:
            if self.repo.tags[tag].commit.hexsha != journal["commit"]:
                raise BoardpackError(
                    [
                        Problem(
                            str(self.journal),
                            0,
                            "",
                            f"a publication of the papers of {date} was "
                            f"stopped part-way, and the tag {tag} now names another commit: settle "
                            "it by hand, then delete this folder",
                        )
                    ]
                )
            self.completed = (date, self._write_packs(journal))
            self.end()
            return (
                f"the publication {tag} was stopped after it was tagged: its packs are written now, and it is complete"
            )
        self.undo()
        return f"a publication of the papers of {date} was stopped part-way; it was undone, and nothing of it remains"

    def undo(self, tagged: bool = False) -> None:
        """Put the repository back as the journal found it: the record's commit (and, if this run made it, the
        tag) removed, the records as they were; then forget the journal."""
        try:
            journal = self._read()
        except (OSError, ValueError):
            self.end()  # the journal was never written whole: nothing had been changed yet
            return
        head, commit, records = journal["head"], journal["commit"], journal["records"]
        root = self._root(journal["prefix"])
        if tagged and journal["tag"] in self.repo.tags and self.repo.tags[journal["tag"]].commit.hexsha == commit:
            self.repo.git.tag("-d", journal["tag"])
        current = self.repo.head.commit.hexsha
        if current == commit:
            self.repo.git.update_ref("HEAD", head, commit)  # only this run's commit goes, and only if still there
        elif current != head:
            raise BoardpackError(
                [
                    Problem(
                        str(self.journal),
                        0,
                        "",
                        f"a publication of the papers of {journal['date']} "
                        f"was stopped part-way, and the branch has moved since: remove its record "
                        f"commit ({(commit or 'never made')[:12]}) by hand if it is there, then "
                        "delete this folder",
                    )
                ]
            )
        self.repo.git.reset("-q", head, "--", *(_in_git(journal["prefix"], p) for p in records))
        for path, text in records.items():
            (root / path).with_name(f".{Path(path).name}.partial").unlink(missing_ok=True)  # a write killed
            if text is None:
                (root / path).unlink(missing_ok=True)
            else:
                write_atomically(root / path, text)
        for folder in (root / PRIVATE_RECORDS, root / PUBLICATIONS):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self.end()

    def _root(self, prefix: str) -> Path:
        return Path(self.repo.working_tree_dir or ".") / prefix

    def _read(self) -> dict[str, Any]:
        value = json.loads((self.journal / "journal.json").read_text(encoding="utf-8"))
        if not isinstance(value, dict):
            raise ValueError("not a journal")
        return value

    def _write(self, journal: dict[str, Any]) -> None:
        write_atomically(self.journal / "journal.json", json.dumps(journal))

    def _write_packs(self, journal: dict[str, Any]) -> list[Path]:
        packs = {name: (self.journal / "packs" / name).read_bytes() for name in journal["packs"]}
        with output_folder(Path(journal["out"])) as outputs:
            return outputs.write(packs)


@dataclass
class Verdict:
    """What `verify` found of a file."""

    unaltered: bool
    message: str


def verify(root: Path, file: Path) -> Verdict:
    """Whether `file` is a file published from this repository, which publication it belongs to, and
    whether it is unaltered. The record is held to the publication's tag, which says what was published too."""
    digest = _file_sha256(file)
    records = load_publications(root)
    for loaded in records.values():
        for publication in loaded.value.publications:
            for name, entry in publication.files.items():
                if entry.sha256 == digest:
                    vouched, why = _tag_vouches(root, publication, name, digest)
                    if not vouched:
                        return Verdict(
                            False,
                            f"{file.name}: NOT VERIFIED. {loaded.path} says it is {entry.title}, "
                            f"published on {long_date(publication.published)}, but {why}.",
                        )
                    return Verdict(
                        True,
                        f"{file.name}: unaltered. It is {entry.title}, published on "
                        f"{long_date(publication.published)} from commit {publication.commit[:12]} "
                        f"(tag {publication.tag}), as {name}.",
                    )
    claimed = _claimed(file)
    for loaded in records.values():
        for publication in loaded.value.publications:
            for name, entry in publication.files.items():
                if (claimed and claimed == (publication.commit, publication.published.isoformat(), entry.title)) or (
                    not claimed and name == file.name
                ):
                    return Verdict(
                        False,
                        f"{file.name}: ALTERED. It claims to be {entry.title}, published on "
                        f"{long_date(publication.published)} from commit {publication.commit[:12]} "
                        f"(tag {publication.tag}), but its contents are not those published "
                        f"(SHA-256 {digest}, published {entry.sha256}).",
                    )
    return Verdict(
        False,
        f"{file.name}: not a file published from this repository (SHA-256 {digest} is in no "
        f"record in {PUBLICATIONS}/).",
    )


def _file_sha256(file: Path) -> str:
    """The SHA-256 of a regular file, read in chunks (a device, a pipe or a folder is refused, never read)."""
    refused = BoardpackError(
        [Problem(str(file), 0, "", "is not a regular file: verify reads files that were published")]
    )
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            raise refused  # a pipe would wait for a writer, a device never ends: neither is opened
        with file.open("rb", buffering=0) as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise refused
            digest = hashlib.sha256()
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError as error:
        raise BoardpackError([Problem(str(file), 0, "", f"cannot be read: {error.strerror or error}")]) from None
    return digest.hexdigest()


def _tag_vouches(root: Path, publication: Publication, name: str, digest: str) -> tuple[bool, str]:
    """Whether the publication's annotated tag records the same file: the record in the working tree can be
    edited, the tag (pushed with it) is what was said at publication. (False, why) when it does not."""

    found = repository(root)
    if found is None:
        return False, "there is no git repository here to hold its tag"
    repo, _ = found
    if publication.tag not in repo.tags:
        return False, f"its tag {publication.tag} is not in this clone (git fetch --tags)"
    tag = repo.tags[publication.tag].tag
    if tag is None:
        return False, f"{publication.tag} is not an annotated tag written by publish"
    try:
        said = yaml.safe_load(tag.message.split("\n\n", 1)[1].split("\n-----BEGIN ", 1)[0])  # a signature after it
        files = {**said.get("files", {}), **said.get("private_files", {})}
        recorded = files[name]["sha256"] if isinstance(files[name], dict) else files[name]
    except (IndexError, AttributeError, KeyError, TypeError, yaml.YAMLError):
        return False, f"its tag {publication.tag} does not record {name}"
    if recorded != digest:
        return (
            False,
            f"its tag {publication.tag} records another SHA-256 for {name} ({recorded}): the record has been altered",
        )
    return True, ""


def _claimed(file: Path) -> tuple[str, str, str] | None:
    """(source commit, publication date, title) as the file's own metadata states them, if it can be read."""
    import pikepdf

    try:
        with pikepdf.open(file) as document:
            info = document.docinfo
            keywords = str(info.get("/Keywords", ""))
            title = str(info.get("/Title", ""))
    except (pikepdf.PdfError, ValueError, OSError):
        return None
    found = dict(part.strip().split(":", 1) for part in keywords.split(",") if part.strip().startswith("boardpack-"))
    if "boardpack-source" not in found or "boardpack-published" not in found:
        return None
    return found["boardpack-source"], found["boardpack-published"], title
