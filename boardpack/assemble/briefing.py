"""A checked briefing -> the data its editions print: masthead, letter or introduction, events, and its sections of
articles in order (each with an id to link to and list "Inside this issue"); and the same issue as one document of
a pack, for an agenda's information item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import Checked
from ..document.briefing import (
    Article,
    BriefingArticle,
    BriefingData,
    BriefingLetter,
    BriefingSection,
    outline,
)
from ..document.nodes import Node, em, link, para, paras, strong, strong_para
from ..load import Loaded
from ..model import Briefing, BriefingEvent, Presentation
from ..wording import join_names, unique_name
from .scope import Doc, Files, Scope


@dataclass
class Issue:
    """One briefing as its editions are handed it: the data (see templates/typst/briefing.typ) and its images."""

    path: str  # briefings/NAME.md
    title: str  # "Policy & Research Briefing, Volume 4, Issue 3, March 2010"
    data: BriefingData
    images: dict[str, Path] = field(default_factory=dict)
    large_print: bool = False

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def filename(self) -> str:
        return f"briefing-{self.stem}{'-large-print' if self.large_print else ''}.pdf"


def issue_line(briefing: Briefing) -> str:
    """'Volume 4, Issue 3, March 2010' (as much of it as the briefing has)."""
    parts = [f"Volume {briefing.volume}"] if briefing.volume else []
    parts += [f"Issue {briefing.issue}"] if briefing.issue else []
    return ", ".join([*parts, f"{briefing.date:%B %Y}"])


def signatory_lines(papers: Checked, name: str) -> tuple[str, str]:
    """(the name signed, the role under it): a person and their role, or a post's holder and the post."""
    board = papers.board.value
    post = next((p for p in board.posts if p.title == name), None)
    if post is not None:
        return (post.holder or post.title, post.title if post.holder else "")
    person = board.person(name)
    return name, person.role if person else ""


def byline(presentation: Presentation) -> str:
    """'Zoe McLeod, Lewisham Youth Offending Service'; 'Hannah Franklin and Nancy Purdy, NSPCC'."""
    organisations = {s.organisation for s in presentation.speakers}
    if len(organisations) == 1:
        (organisation,) = organisations
        names = join_names([s.name for s in presentation.speakers])
        return f"{names}, {organisation}" if organisation else names
    return "; ".join(f"{s.name}, {s.organisation}" if s.organisation else s.name for s in presentation.speakers)


def anchor(heading: str, taken: set[str]) -> str:
    """An article's id, from its heading ("focus-on-locality-working"), unique within the issue."""
    return unique_name(re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")[:60] or "article", taken)


def assemble_briefing(papers: Checked, path: str, large_print: bool = False) -> Issue:
    """The briefing at `path` as its PDF edition prints it."""
    loaded = papers.briefings[path]
    files = Files()
    data = briefing_data(papers, loaded, Scope(papers, loaded.value.date, False, files))
    if large_print:
        data["title"] += " (large print)"
    return Issue(path, data["title"], data, files.images, large_print)


def briefing_data(papers: Checked, loaded: Loaded[Briefing], scope: Scope) -> BriefingData:
    """The masthead, letter, events and sections of one briefing, its Markdown parsed (images copied through
    `scope`)."""
    briefing = loaded.value
    scope = scope.within(loaded.path)
    board = papers.board.value
    parts = outline(loaded.body, loaded.body_line)
    presentations = {p.topic: p for p in briefing.presentations}
    taken: set[str] = set()
    sections: list[BriefingSection] = []
    for section in parts.sections:
        level = 2 if section.heading is None else 3
        articles = [_article(scope, a, level, presentations.get(a.heading), taken) for a in section.articles]
        sections.append({"heading": section.heading or "", "body": scope.md(section.text, 2), "articles": articles})
    language, _, region = board.language.partition("-")
    letter: BriefingLetter | None = None
    if briefing.letter is not None:
        name, role = signatory_lines(papers, briefing.letter.signatory)
        letter = {
            "salutation": briefing.letter.salutation,
            "closing": briefing.letter.closing,
            "name": name,
            "role": role,
        }
    return {
        "title": f"{briefing.title}, {issue_line(briefing)}",
        "name": briefing.title,
        "publisher": briefing.publisher or board.organisation or "",
        "issue_line": issue_line(briefing),
        "volume": f"Volume {briefing.volume}" if briefing.volume else "",
        "issue": f"Issue {briefing.issue}" if briefing.issue else "",
        "month": f"{briefing.date:%B %Y}",
        "date": briefing.date.isoformat(),
        "audience": briefing.audience,
        "lang": language.lower(),
        "region": region.upper() or "GB",
        "letter": letter,
        "opening": scope.md(parts.opening, 2),
        "events_heading": briefing.events_heading,
        "events": [{"place": e.place, "when": e.when} for e in briefing.events],
        "events_table": scope.md(events_table(briefing.events)) if briefing.events else [],
        "sections": sections,
    }


def _article(
    scope: Scope, article: Article, level: int, presentation: Presentation | None, taken: set[str]
) -> BriefingArticle:
    """An article: its id, heading and level, its speakers' byline (a presentation's), its text and links."""
    links: list[Node] = []
    if presentation is not None and presentation.links:
        links = [para(*(part for x in presentation.links for part in (link(x.url, x.title), " ")))]
    return {
        "id": anchor(article.heading, taken),
        "heading": article.heading,
        "level": level,
        "byline": byline(presentation) if presentation is not None else "",
        "body": scope.md(article.text, level) + links,
    }


def briefing_document(scope: Scope, loaded: Loaded[Briefing]) -> Doc:
    """The briefing as one document of a meeting's pack (an information item): a report headed with its name and
    issue, its letter, events and articles in order, under its own headings."""
    data = briefing_data(scope.papers, loaded, scope)
    body: list[Node] = []
    if data["publisher"]:
        body.append(strong_para(data["publisher"]))
    body.append(para(em(data["audience"])))
    letter = data["letter"]
    if letter is not None:
        body += paras(letter["salutation"])
    body += data["opening"]
    if letter is not None:
        body += paras(letter["closing"])
        body.append(para(strong(letter["name"]), *([{"t": "br"}, letter["role"]] if letter["role"] else [])))
    if data["events"]:
        body.append({"t": "heading", "level": 2, "c": [data["events_heading"]]})
        body += data["events_table"]
    for section in data["sections"]:
        if section["heading"]:
            body.append({"t": "heading", "level": 2, "c": [section["heading"]]})
        body += section["body"]
        for article in section["articles"]:
            body.append({"t": "heading", "level": article["level"], "c": [article["heading"]]})
            if article["byline"]:
                body.append(para(em(article["byline"])))
            body += article["body"]
    return scope.document("report", heading=data["title"], body=body, level=1)


def events_table(events: list[BriefingEvent]) -> str:
    """The programme of events as a Markdown table: place and date, a row an event."""
    rows = [f"| {_cell(e.place)} | {_cell(e.when)} |" for e in events]
    return "\n".join(["| Place | When |", "|---|---|", *rows])


def _cell(text: str) -> str:
    """Text in a Markdown table's cell: its backslashes and bars escaped."""
    return text.replace("\\", "\\\\").replace("|", "\\|")
