"""What every rule shares: the papers, the problems found so far, and the small judgements rules make alike
(is this one of the board's people? is this Markdown printable? is this tracker known?)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import Problems
from ..load import Papers
from ..model import Release
from ..repository import did_you_mean
from .markdown import markdown_problems

CHAIR = "Chair"  # an agenda item's author may be the Chair, whoever holds the office


class Source(Protocol):
    """What a problem needs of a loaded source (a `Loaded` of any model): its path, and the line of a field."""

    @property
    def path(self) -> str: ...

    def line(self, *where: str | int) -> int: ...

    def name(self, *where: str | int) -> str: ...


def name_key(name: str) -> str:
    """A name as a reader tells names apart: accents composed, invisible characters dropped, any run
    of spaces (non-breaking too) one space, letter case ignored."""
    text = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf")
    return " ".join(text.split()).casefold()


@dataclass
class Context:
    """One pass of the rules over one repository's papers: each rule reads the papers and adds what it finds."""

    papers: Papers
    problems: Problems
    today: dt.date  # the day the rules judge by: whether an item added now can still be open five clear days
    people: list[str] = field(init=False)
    posts: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.people = [p.name for p in self.papers.board.value.people]
        self.posts = [p.title for p in self.papers.board.value.posts]

    def add(self, loaded: Source, where: tuple[str | int, ...], message: str) -> None:
        """A problem at the field `where` of a source."""
        self.problems.add(loaded.path, loaded.line(*where), loaded.name(*where), message)

    def at(self, where: str, message: str) -> None:
        """A problem at a place written 'path:line'."""
        path, _, line = where.rpartition(":")
        self.problems.add(path, int(line), "", message)

    def warn(self, loaded: Source, where: tuple[str | int, ...], message: str, named: bool = False) -> None:
        """A warning at the field `where` of a source (`named`: saying the field's name, as problems do)."""
        self.problems.warn(loaded.path, loaded.line(*where), loaded.name(*where) if named else "", message)

    def warn_at(self, where: str, message: str) -> None:
        """A warning at a place written 'path:line'."""
        path, _, line = where.rpartition(":")
        self.problems.warn(path, int(line), "", message)

    def person(
        self, loaded: Source, name: str, *where: str | int, allow_chair: bool = False, allow_posts: bool = False
    ) -> None:
        """`name` is one of the board's people (or, where allowed, the Chair or one of its posts)."""
        if name in self.people or (allow_chair and name == CHAIR) or (allow_posts and name in self.posts):
            return
        same = next((p for p in self.people if name_key(p) == name_key(name)), None)
        if same is not None:
            self.add(
                loaded,
                where,
                f"'{name}' differs from the board's \"{same}\" only in invisible characters, spaces "
                "or how its accents are encoded (text pasted from Word?): write it exactly as in board.yaml",
            )
            return
        hint = (
            did_you_mean(name, self.people + (self.posts if allow_posts else []))
            or " (add them to people in board.yaml)"
        )
        posts = " or posts" if allow_posts and self.posts else ""
        self.add(loaded, where, f"'{name}' is not one of the board's people{posts}{hint}")

    def markdown(self, loaded: Source, text: str, *where: str | int, parts: bool = False) -> None:
        """A field's Markdown holds only what every edition can print (`parts`: a report's numbered paragraphs)."""
        for _, why in markdown_problems(self.papers.root, text, posixpath.dirname(loaded.path), parts):
            self.add(loaded, where, why)

    def markdown_body(self, path: str, body: str, first_line: int, parts: bool = False) -> None:
        """A file's Markdown holds only what every edition can print; each problem at its own line."""
        for needle, why in markdown_problems(self.papers.root, body, posixpath.dirname(path), parts):
            line = re.search(rf"(?m)^{re.escape(needle)}$", body)  # a whole line (an empty `##`), else within one
            offset = line.start() if line else body.find(needle)
            self.problems.add(path, first_line + (body[:offset].count("\n") if offset >= 0 else 0), "", why)

    def duplicates(self, loaded: Source, values: list[str], group: tuple[str | int, ...], key: str, noun: str) -> None:
        """Each of `values` (the `key` of each entry of `group`) once."""
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                self.add(loaded, group + (index, key), f"duplicate {noun} '{value}'")
            seen.add(value)

    def release(self, loaded: Source, release: Release | None, *where: str | int) -> None:
        """A release names the minute that decided it, in minutes the board has."""
        if release is None:
            return
        minutes = self.papers.minutes.get(release.date)
        if minutes is None or release.minute not in {m.number for m in minutes.value.items}:
            self.add(
                loaded,
                where + ("released", "minute"),
                f"there is no minute {release.minute} in minutes/{release.date}.yaml to release it",
            )

    def tracker_ref(self, loaded: Source, tracker: str, *where: str | int) -> None:
        """`tracker` is one of actions.yaml's trackers."""
        if "actions.yaml" in self.papers.unreadable:
            return  # actions.yaml has problems of its own
        trackers = sorted(t.id for t in self.papers.log.value.trackers) if self.papers.log else []
        if tracker not in trackers:
            self.add(loaded, where, f"there is no tracker '{tracker}' in actions.yaml{did_you_mean(tracker, trackers)}")
