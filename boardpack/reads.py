"""What a piece of work read of a board's sources, and which of those sources changed since: the preview (`serve`)
assembles again only the meetings whose sources changed.

A source is named by a key: `("agendas", date)` for one agenda (any of Papers' folders of files likewise),
`("agendas", EVERY)` for which agendas there are, `("board",)` for board.yaml (any of Papers' single files
likewise), and `(SUMMARY, name, args)` for what a function marked `summary` makes of the papers (the schedule of
meetings, read from every agenda). Work given the papers `traced` records every key it reads; `changed` names the keys
whose sources differ between two readings of the board. Work whose keys none changed would make the same again."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from .load import Loaded, Papers

Key = tuple[Any, ...]  # ("agendas", date), ("agendas", EVERY), ("board",)
EVERY = "*"  # which keys a folder has (its files, not their contents)
SUMMARY = "summary"  # what a function marked `summary` made of the papers
P = TypeVar("P", bound=Papers)
R = TypeVar("R")
_SUMMARIES: dict[str, Callable[..., Any]] = {}

_FOLDERS = tuple(f.name for f in dataclasses.fields(Papers) if f.name != "root" and "dict" in str(f.type))
_SINGLES = tuple(f.name for f in dataclasses.fields(Papers) if f.name != "root" and f.name not in _FOLDERS)


class _Folder(Mapping[Any, Any]):
    """One of Papers' folders of sources, read through: each file read, and the listing, recorded."""

    def __init__(self, name: str, files: dict[Any, Any], reads: set[Key]) -> None:
        self.name, self.files, self.reads = name, files, reads

    def __getitem__(self, key: Any) -> Any:
        self.reads.add((self.name, key))
        return self.files[key]

    def __contains__(self, key: object) -> bool:
        self.reads.add((self.name, key))
        return key in self.files

    def __iter__(self) -> Iterator[Any]:
        self.reads.add((self.name, EVERY))
        return iter(self.files)

    def __len__(self) -> int:
        self.reads.add((self.name, EVERY))
        return len(self.files)


class _Traced(Papers):
    """Papers whose every read is recorded in `reads` (set after construction)."""

    reads: set[Key]


def _single(name: str) -> property:
    """One of Papers' single files, read through: each read recorded."""

    def read(self: _Traced) -> Any:
        self.__dict__["reads"].add((name,))
        return self.__dict__[name]

    def write(self: _Traced, value: Any) -> None:
        self.__dict__[name] = value

    return property(read, write)


for _name in _SINGLES:
    setattr(_Traced, _name, _single(_name))


def traced(papers: P) -> tuple[P, set[Key]]:
    """The same papers, and the set into which every read of them is recorded."""
    reads: set[Key] = set()
    values = {f.name: getattr(papers, f.name) for f in dataclasses.fields(Papers)}
    for name in _FOLDERS:
        values[name] = _Folder(name, values[name], reads)
    copy = _Traced.__new__(_Traced)
    copy.__dict__.update(values, reads=reads, plain=papers)
    return cast(P, copy), reads


def summary(function: Callable[..., R]) -> Callable[..., R]:
    """Mark a function of the papers (and further hashable arguments) whose result is all that work calling it reads:
    when traced, the sources it reads are not recorded, only the key of its result."""
    name = f"{function.__module__}.{function.__qualname__}"
    _SUMMARIES[name] = function

    @functools.wraps(function)
    def summarised(papers: Papers, *args: Any) -> R:
        if not isinstance(papers, _Traced):
            return function(papers, *args)
        papers.__dict__["reads"].add((SUMMARY, name, args))
        return function(papers.__dict__["plain"], *args)

    return summarised


def changed(old: Papers, new: Papers, read: Iterable[Key] = ()) -> set[Key]:
    """The keys whose sources differ between two readings of the same board (of the summaries, those `read`)."""
    keys: set[Key] = {(name,) for name in _SINGLES if getattr(old, name) != getattr(new, name)}
    for key in {key for key in read if key[0] == SUMMARY}:
        function = _SUMMARIES[key[1]]
        if function(old, *key[2]) != function(new, *key[2]):
            keys.add(key)
    for name in _FOLDERS:
        before, after = getattr(old, name), getattr(new, name)
        if before.keys() != after.keys():
            keys.add((name, EVERY))
        keys |= {
            (name, key)
            for key in before.keys() | after.keys()
            if key not in before or key not in after or not _same(before[key], after[key])
        }
    return keys


def _same(old: Any, new: Any) -> bool:
    """Whether two readings of a source are the same: a report's model is made anew for each reading of board.yaml
    (its form), so reports are the same when their fields' values are."""
    if old == new:
        return True
    if not (isinstance(old, Loaded) and isinstance(new, Loaded) and isinstance(old.value, BaseModel)):
        return False
    return (
        type(old.value).__name__ == type(new.value).__name__
        and dataclasses.replace(old, value=None) == dataclasses.replace(new, value=None)
        and old.value.model_dump() == new.value.model_dump()
    )


def source_files(papers: Papers) -> set[str]:
    """The files (relative to the board's folder) the papers were read from; a change to any other may change
    what no key names (a template, an image), and is not one `changed` can see."""
    files: set[str] = set()
    for name in _FOLDERS:
        for key, value in getattr(papers, name).items():
            if name == "attachments":
                files.add(key.relative_to(papers.root).as_posix() if key.is_relative_to(papers.root) else str(key))
            else:
                files.add(value.path)
    for name in _SINGLES:
        value = getattr(papers, name)
        if hasattr(value, "source"):
            files.add(value.path)
    return files
