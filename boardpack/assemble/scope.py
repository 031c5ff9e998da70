"""What a section builder is handed: the checked papers, the meeting, public or private, the folder of the source
being read and the NOT FOR PUBLICATION line of the item being built, as one frozen value; and the files the
documents show, gathered as they are built."""

from __future__ import annotations

import datetime as dt
import marshal
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..checks import Checked
from ..document.kinds import Logo
from ..document.markdown import parse_markdown, walk
from ..document.nodes import Node
from ..model import Agenda, Board, Exempt
from ..repository import repository_file
from ..wording import not_for_publication

Doc = dict[str, Any]  # a document of the pack (document/kinds.py declares each kind)


@dataclass
class Files:
    """The files a pack's documents show, in the order they are met: pictures copied into the build (named
    img/1.png, img/2.jpg …), PDF appendices laid in; and whether exempt material was met."""

    images: dict[str, Path] = field(default_factory=dict)
    foreign: list[tuple[Doc, Path]] = field(default_factory=list)
    exempt: bool = False


@dataclass(frozen=True)
class Scope:
    """One pack's view of the papers while a document is built. `within` and `restricted_to` give a new scope;
    nothing is switched on and off."""

    papers: Checked
    date: dt.date
    private: bool
    files: Files
    base: str = ""  # the folder of the source whose Markdown is read (its images are found from there first)
    restricted: str | None = None  # the NOT FOR PUBLICATION line of every document of an exempt item

    @property
    def board(self) -> Board:
        return self.papers.board.value

    @property
    def agenda(self) -> Agenda:
        return self.papers.agendas[self.date].value

    @property
    def twelve_hour(self) -> bool:
        return self.board.style.times == "12-hour"

    @property
    def clerk(self) -> str:
        """The clerk as a report names them for inspecting background papers."""
        clerk = self.board.clerk
        return f"{clerk.name} ({clerk.phone}, {clerk.email})"

    def within(self, path: str) -> Scope:
        """This scope reading the source `path`: its images are found from that file's folder first."""
        return replace(self, base=posixpath.dirname(path))

    def restricted_to(self, exempt: Exempt | None) -> Scope:
        """This scope building an item that is exempt (or not)."""
        return replace(self, restricted=not_for_publication(exempt) if exempt else None)

    def document(self, kind: str, **content: Any) -> Doc:
        """A document of the pack; its id is given when the pack's documents are put in order."""
        return {"id": "", "kind": kind, "restricted": self.restricted, **content}

    def foreign(self, heading: str, path: Path, pages: list[list[float]], tagged: bool) -> Doc:
        """A PDF appendix laid into the pack, its pages as big as they are (`tagged`: its source has tags, which it
        keeps in the pack)."""
        doc = self.document("foreign", heading=heading, pages=pages, tagged=tagged)
        self.files.foreign.append((doc, path))
        return doc

    def person_line(self, name: str) -> str:
        """'Pete Aley, Head of Service'."""
        person = self.board.person(name)
        return f"{name}, {person.role}" if person and person.role else name

    def md(self, text: str, parent_level: int = 1) -> list[Node]:
        """Parse Markdown, set heading levels below `parent_level`, point images at build copies."""
        if (known := _LEVELLED.get((text, parent_level))) is not None:
            return marshal.loads(known)  # type: ignore[no-any-return]
        nodes: list[Node] = _deep_copy(parse_markdown(text))
        level_headings(nodes, parent_level)
        if not any(node.get("t") == "img" for node in walk(nodes)):
            if len(_LEVELLED) >= 16384:
                _LEVELLED.clear()
            _LEVELLED[(text, parent_level)] = marshal.dumps(nodes)
            return nodes
        for node in walk(nodes):
            if node.get("t") == "img":
                path, _ = repository_file(self.papers.root, node["src"], self.base)
                if path is None:
                    node.update({"t": "span", "c": [node.get("alt", "")]})
                    continue
                node["src"] = self.image(node["src"], "", self.base)["src"]
        return nodes

    def image(self, source: str, alt: str, base: str = "") -> Logo:
        """An image file of the repository (named from the folder `base`, else the root), copied into the build:
        its name there and its alt text."""
        path, _ = repository_file(self.papers.root, source, base)
        assert path is not None, "check refuses an image that is not a file in the repository"
        name = f"img/{len(self.files.images) + 1}{path.suffix.lower()}"
        self.files.images[name] = path
        return {"src": "/" + name, "alt": alt}


# A text without pictures, levelled, by its text and level: each pack of a process that builds many (a site, a
# preview) gets its own copy of the nodes (marshal: plain lists, dicts and strings) instead of levelling again.
_LEVELLED: dict[tuple[str, int], bytes] = {}


def level_headings(nodes: list[Node], parent_level: int) -> None:
    """Put the text's headings under a heading at `parent_level`, never skipping a level (PDF/UA).

    `#` is the level of the parent itself (a report's title), so `##` sits one level below
    it; a heading is never deeper than one below the heading before it, nor above the parent.
    """
    previous = parent_level
    for node in walk(nodes):
        if node.get("t") == "heading":
            wanted = max(node["level"] + parent_level - 1, parent_level + 1)
            node["level"] = min(wanted, previous + 1, 6)
            previous = node["level"]


def split_title(body: str, default: str) -> tuple[str, str]:
    """A report's title is its first line when that is a `# heading`, else `default`."""
    first, _, rest = body.lstrip().partition("\n")
    if first.startswith("# "):
        return first[2:].strip().strip("#").strip(), rest
    return default, body


def _deep_copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    return value
