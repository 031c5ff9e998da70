"""Read YAML safely into plain values, keeping the line of every key and list item.

PyYAML's safe composer builds the node tree; we refuse what a board's papers never
need and an attacker might use (anchors and aliases, deep nesting, custom tags) and
report duplicate keys instead of letting the last one silently win.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problems

MAX_DEPTH = 40
MAX_BYTES = 2_000_000
Path = tuple[str | int, ...]
Labeller = Callable[[Any], dict[Path, str]]  # a document's places named as printed, from its data

_ALLOWED_TAGS: dict[type, set[str]] = {
    ScalarNode: {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")},
    SequenceNode: {"tag:yaml.org,2002:seq"},
    MappingNode: {"tag:yaml.org,2002:map"},
}


class _YamlRefused(yaml.YAMLError):  # type: ignore[misc]  # PyYAML is untyped
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# libyaml's C parser, when installed, produces the events; composing stays in Python
# so that every node passes through the guards below.
try:
    from yaml.cyaml import CParser

    _EVENT_SOURCE: tuple[Any, ...] = (CParser,)  # PyYAML's classes, which are untyped
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _EVENT_SOURCE = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)


class _GuardedLoader(  # PyYAML is untyped: its classes are Any to mypy, and the event source varies
    yaml.composer.Composer,  # type: ignore[misc]
    *_EVENT_SOURCE,  # type: ignore[misc]
    yaml.constructor.SafeConstructor,  # type: ignore[misc]
    yaml.resolver.Resolver,  # type: ignore[misc]
):
    """A safe loader whose composer refuses anchors, aliases and deep nesting."""

    def __init__(self, stream: str) -> None:
        for source in _EVENT_SOURCE:
            if source is yaml.scanner.Scanner or source is yaml.parser.Parser:
                source.__init__(self)
            else:
                source.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise _YamlRefused(line, "YAML aliases (*name) are not allowed; write the value out")
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _YamlRefused(line, "YAML anchors (&name) are not allowed; write the value out")
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _YamlRefused(line, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        try:
            return super().compose_node(parent, index)
        finally:
            if isinstance(event, CollectionStartEvent):
                self._depth -= 1


@dataclass
class SourceMap:
    """Lines of a YAML document: path of a key or list item -> line in the file."""

    path: str
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1
    refused: set[Path] = field(default_factory=set)
    typed: dict[Path, str] = field(
        default_factory=dict
    )  # unquoted values YAML read as numbers, dates, true/false: as typed

    labels: dict[Path, str] = field(default_factory=dict)  # places named as printed: ("sections", 4) "section 4"

    def name(self, where: Path) -> str:
        """The field at `where`, named as the author reads it (see field_name)."""
        return field_name(where, self.labels)

    def line_of(self, where: Path) -> int:
        """The line of `where`, or of its nearest ancestor that has one."""
        where = tuple(where)
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return self.first_line


_SINGULAR = {
    "people": "person",
    "apologies": "apology",
    "minutes": "minute",
    "entries": "entry",
    "bodies": "body",
    "present": "person present",
    "absent": "person absent",
    "in_attendance": "person in attendance",
    "responsible_officer": "responsible officer",
    "leads": "lead",
    "names": "name",
    "classes": "class",
    "appendices": "appendix",
    "series": "series",
}


def field_name(where: Path, labels: dict[Path, str] | None = None) -> str:
    """Spell a place in a file the way an author reads it, counting from 1: ("sections", 1, "items", 0,
    "authors", 0) is "section 2, item 1, author 1"; field names are kept as they are typed, nested ones
    joined by dots ("section 1, item 2, exempt.paragraph", "style.colour"). `labels` name places as they are
    printed, where that differs: an agenda's ("sections", 4, "items", 3) is "item 4.4" when a break comes first."""
    text, counted, start = "", False, 0  # counted: the text so far ends with a counted entry ("item 2")
    named = next((length for length in range(len(where), 0, -1) if where[:length] in (labels or {})), 0)
    if labels and named:
        text, counted, start = labels[where[:named]], True, named
    for index, part in enumerate(where[start:], start):
        if isinstance(part, int):
            container = where[index - 1] if index and not isinstance(where[index - 1], int) else None
            if container is not None and text.endswith(str(container)):
                text = text[: len(text) - len(str(container))] + f"{_singular(str(container))} {part + 1}"
            else:
                text += f"{', ' if text else ''}entry {part + 1}"
            counted = True
        else:
            text += (", " if counted else ".") + str(part) if text else str(part)
            counted = False
    return text


def _singular(key: str) -> str:
    """'sections' -> 'section', 'future_meetings' -> 'future meeting'; a name that is not plural stays."""
    if key in _SINGULAR:
        return _SINGULAR[key]
    words = key.replace("_", " ")
    return words[:-1] if words.endswith("s") and not words.endswith("ss") else words


CURLY_QUOTES = "\u201c\u201d\u2018\u2019"


def explain_yaml_error(problem: str, line: str) -> str:
    """YAML's complaint about a line, with what the author most likely did and how to put it right."""
    text = line.strip()
    if "\t" in line[: len(line) - len(line.lstrip())] or "tab character" in problem or "'\\t'" in problem:
        return "invalid YAML: this line is indented with a tab; indent with spaces (YAML does not allow tabs there)"
    if "\u00a0" in line:
        return (
            "invalid YAML: this line has a non-breaking space (U+00A0, pasted from Word?) where YAML needs an "
            "ordinary space; type the space again"
        )
    if any(quote in line for quote in CURLY_QUOTES):
        return (
            f"invalid YAML ({problem}): this line has curly quotes (\u201c \u201d or \u2018 \u2019, pasted from "
            "Word?), which YAML reads as ordinary text; use straight quotes (\" or ')"
        )
    if "mapping values are not allowed" in problem:
        key, _, value = text.partition(": ")
        quoted = value.replace('"', '\\"')
        example = f'{key}: "{quoted}"' if value else '"text: with a colon"'
        return (
            f"invalid YAML: a colon and a space inside a value (': ') start a new field; put the value in quotes, "
            f"as in {example}"
        )
    return f"invalid YAML: {problem}"


def read_yaml(
    text: str, path: str, problems: Problems, line_offset: int = 0, labels: Labeller | None = None
) -> tuple[Any, SourceMap]:
    """Parse one YAML document; problems are added to `problems` and None returned on failure. `labels` names the
    document's places as they are printed (an agenda's items by their numbers), in problems and in its map."""
    source = SourceMap(path, first_line=line_offset + 1)
    if len(text.encode("utf-8")) > MAX_BYTES:
        problems.add(path, 0, "", f"file is larger than {MAX_BYTES // 1_000_000} MB")
        return None, source
    loader = _GuardedLoader(text)
    try:
        node = loader.get_single_node()
    except _YamlRefused as refused:
        problems.add(path, refused.line + line_offset, "", refused.message)
        return None, source
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        if error.problem == "exceeded maximum nesting depth":  # libyaml's own limit (PyYAML 6.0.4 on) came first
            problems.add(path, line, "", f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        else:
            lines = text.splitlines()
            typed = lines[mark.line] if mark and mark.line < len(lines) else ""
            problems.add(path, line, "", explain_yaml_error(str(error.problem or error.context), typed))
        return None, source
    except yaml.YAMLError as error:
        problems.add(path, 0, "", f"invalid YAML: {error}")
        return None, source
    finally:
        loader.dispose()
    if node is None:
        return {}, source
    walker = _Walker(loader, source, line_offset)
    data = walker.value(node, ())
    if labels is not None:
        source.labels = labels(data)
    for line, where, message in walker.found:  # named once the document's places are known
        problems.add(path, line, source.name(where), message)
    return data, source


class _Walker:
    """Turns a node tree into dicts, lists and scalars, recording lines."""

    def __init__(self, loader: yaml.SafeLoader, source: SourceMap, offset: int) -> None:
        self.loader, self.source, self.offset = loader, source, offset
        self.found: list[tuple[int, Path, str]] = []  # problems: line, place, message

    def line(self, node: Node) -> int:
        start: int = node.start_mark.line  # counted from 0
        return start + 1 + self.offset

    def value(self, node: Node, where: Path) -> Any:
        if node.tag not in _ALLOWED_TAGS[type(node)]:
            self.found.append(
                (self.line(node), where, f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed")
            )
            self.source.refused.add(where)
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, where)
        if isinstance(node, SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.source.lines[where + (index,)] = self.line(child)
                items.append(self.value(child, where + (index,)))
            return items
        if node.tag != "tag:yaml.org,2002:str" and not node.style:
            self.source.typed[where] = node.value  # "4.10", which YAML reads as the number 4.1
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            self.found.append((self.line(node), where, f"cannot read value: {error}"))
            self.source.refused.add(where)
            return None

    def mapping(self, node: MappingNode, where: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = self.line(key_node)
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (
                "tag:yaml.org,2002:str",
                "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:bool",
            ):
                self.found.append((line, where, "keys must be plain names"))
                continue
            key = str(key_node.value)
            if key in first_seen:
                self.found.append((line, where + (key,), f"duplicate key (first given on line {first_seen[key]})"))
                continue
            first_seen[key] = line
            self.source.lines[where + (key,)] = line
            result[key] = self.value(value_node, where + (key,))
        return result


def split_front_matter(text: str, path: str, problems: Problems) -> tuple[str, str, int] | None:
    """Split `---` front matter from a Markdown body: (yaml, body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.add(path, 1, "", "missing YAML front matter: the file must start with a line '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "...":
            problems.add(
                path,
                index + 1,
                "",
                "a line '...' would end the front matter here and silently drop the "
                "fields after it: close the front matter with '---' only",
            )
            return None
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    problems.add(path, 1, "", "front matter is not closed: add a line '---' after the cover-sheet fields")
    return None


class KeptReads:
    """Documents read before (by the SHA-256 of their path, first line and text): their values and the lines of
    their keys, as JSON, so that an unchanged file is not parsed again. Only a document read without a problem is
    kept; one that had problems is read again, and reports them again."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self.entries = entries
        self.used: dict[str, Any] = {}  # the entries this run read or made: what is worth keeping
        self.made = False  # whether any was made anew

    def read(
        self, text: str, path: str, problems: Problems, line_offset: int = 0, labels: Labeller | None = None
    ) -> tuple[Any, SourceMap]:
        """As read_yaml, from the kept entry when there is one."""
        key = hashlib.sha256(f"{path}\0{line_offset}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
        if (entry := self.entries.get(key)) is not None and (found := _unkept(entry, path)) is not None:
            data, source = found
            if labels is not None:
                source.labels = labels(data)
            self.used[key] = entry
            return data, source
        count = len(problems.items)
        data, source = read_yaml(text, path, problems, line_offset, labels)
        if len(problems.items) == count and data is not None and (entry := _kept(data, source)) is not None:
            self.used[key] = entry
            self.made = True
        return data, source


def _kept(data: Any, source: SourceMap) -> str | None:
    """A document as kept: JSON text of its values, with where each date and time is (JSON has neither), and
    its lines. (Text, not values: each read of it makes values of its own, which the reader may change.)"""
    times: list[list[Any]] = []
    try:
        value = _kept_value(data, [], times)
    except TypeError:
        return None
    kept = {
        "value": value,
        "times": times,
        "first_line": source.first_line,
        "lines": [[list(where), line] for where, line in source.lines.items()],
        "typed": [[list(where), typed] for where, typed in source.typed.items()],
    }
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _kept_value(value: Any, where: list[str | int], times: list[list[Any]]) -> Any:
    if isinstance(value, dict):
        return {key: _kept_value(item, [*where, key], times) for key, item in value.items()}
    if isinstance(value, list):
        return [_kept_value(item, [*where, index], times) for index, item in enumerate(value)]
    if isinstance(value, dt.date):  # a datetime is a date too
        times.append([where, "datetime" if isinstance(value, dt.datetime) else "date"])
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    raise TypeError(type(value).__name__)


def _unkept(entry: Any, path: str) -> tuple[Any, SourceMap] | None:
    """An entry as read (None when it is not one: a damaged cache is no cache)."""
    try:
        entry = json.loads(entry)
        source = SourceMap(
            path,
            lines={tuple(where): int(line) for where, line in entry["lines"]},
            first_line=int(entry["first_line"]),
            typed={tuple(where): str(typed) for where, typed in entry["typed"]},
        )
        value = entry["value"]
        for where, kind in entry["times"]:
            if not where:
                value = _READ_TIME[kind](value)
                continue
            parent = value
            for step in where[:-1]:
                parent = parent[step]
            parent[where[-1]] = _READ_TIME[kind](parent[where[-1]])
        return value, source
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


_READ_TIME = {"date": dt.date.fromisoformat, "datetime": dt.datetime.fromisoformat}
