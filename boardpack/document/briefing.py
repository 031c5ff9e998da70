"""A briefing's text split into its parts: the opening (letter or introduction) before the first heading, its
sections (`# heading`) and their articles (`## heading`), each with the line it starts on in its file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict

from .nodes import Node

_HEADING = re.compile(r"^ {0,3}(#{1,2})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Article:
    """An article: its heading, and its Markdown text after the heading (from line `text_line` of the file)."""

    heading: str
    line: int
    text: str
    text_line: int


@dataclass
class Part:
    """A section of the issue (`heading` None for the articles before the first `# heading`): its own text before
    its first article, and its articles."""

    heading: str | None
    line: int
    text: str = ""
    text_line: int = 0
    articles: list[Article] = field(default_factory=list)


@dataclass
class Outline:
    """The issue's text in parts: the opening, then its sections in order."""

    opening: str
    opening_line: int
    sections: list[Part]

    def articles(self) -> list[Article]:
        return [article for section in self.sections for article in section.articles]


def outline(body: str, first_line: int) -> Outline:
    """Split a briefing's Markdown (starting at line `first_line` of its file) at its `#` and `##` headings (not
    those inside fenced code)."""
    lines = body.split("\n")
    marks: list[tuple[int, int, str]] = []  # (index, level, heading)
    fence = ""
    for index, line in enumerate(lines):
        if match := _FENCE.match(line):
            if not fence:
                fence = match.group(1)[0] * 3
            elif line.strip().startswith(fence):
                fence = ""
            continue
        if not fence and (match := _HEADING.match(line)):
            marks.append((index, len(match.group(1)), match.group(2).strip()))
    ends = [index for index, _, _ in marks[1:]] + [len(lines)]

    def text(start: int, end: int) -> str:
        return "\n".join(lines[start:end]).strip("\n")

    opening_end = marks[0][0] if marks else len(lines)
    result = Outline(text(0, opening_end), first_line, [])
    for (index, level, heading), end in zip(marks, ends):
        if level == 1:
            result.sections.append(Part(heading, first_line + index, text(index + 1, end), first_line + index + 1))
        else:
            if not result.sections:
                result.sections.append(Part(None, first_line + index))
            result.sections[-1].articles.append(
                Article(heading, first_line + index, text(index + 1, end), first_line + index + 1)
            )
    return result


# What a briefing's editions are handed (templates/typst/briefing.typ reads it as JSON; see assemble/briefing.py).


class BriefingLetter(TypedDict):
    """The editorial letter's opening and closing, and who signed it: their name and the role under it."""

    salutation: str
    closing: str
    name: str
    role: str


class EventRow(TypedDict):
    """A row of the programme of events."""

    place: str
    when: str


class BriefingArticle(TypedDict):
    """An article: its id (to link to), heading and heading level, its speakers (a presentation's), its text."""

    id: str
    heading: str
    level: int
    byline: str
    body: list[Node]


class BriefingSection(TypedDict):
    """A section (heading "" for the articles before the first): its own text, then its articles."""

    heading: str
    body: list[Node]
    articles: list[BriefingArticle]


class BriefingData(TypedDict):
    """One issue: the masthead, the letter (None: the opening is an introduction), the events, the sections."""

    title: str  # the document's title: "Policy & Research Briefing, Volume 4, Issue 3, March 2010"
    name: str  # the briefing's own name, on the masthead
    publisher: str
    issue_line: str  # "Volume 4, Issue 3, March 2010"
    volume: str  # "Volume 4", or ""
    issue: str  # "Issue 3", or ""
    month: str  # "March 2010"
    date: str  # the day of publication: "2010-03-31"
    audience: str
    lang: str
    region: str
    letter: BriefingLetter | None
    opening: list[Node]
    events_heading: str
    events: list[EventRow]
    events_table: list[Node]  # the events as a table, as Markdown prints one
    sections: list[BriefingSection]
