"""Exemption that travels: a tracker, an appendix or an image first reported under an exempt item stays exempt.

The agendas say where each tracker and appendix file was reported, and the item's Markdown (its purpose, its
report and cover sheet, its Markdown appendices) where each image is shown. From the first meeting
at which one of them is reported under an exempt item, it is exempt under that item's
paragraph at every later meeting, in every scaffold, pack and public listing, until its
source records a release (`released: {date, minute}`, the minute of the meeting that
decided it).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from pydantic import BaseModel

from .document.markdown import parse_markdown, walk
from .load import Papers
from .model import Action, AgendaItem, Exempt, Release
from .repository import repository_file


def action_exemption(papers: Papers, action: Action) -> Exempt | None:
    """An action raised under an exempt minute is exempt too, in every later log and listing."""
    minutes = papers.minutes.get(action.raised)
    minute = next((m for m in minutes.value.items if m.number == action.minute), None) if minutes else None
    return minute.exempt if minute else None


@dataclass(frozen=True)
class Exemption:
    """Something exempt from `since`, as decided at `where` (file:line), until `released`."""

    exempt: Exempt
    since: dt.date
    where: str
    released: Release | None = None

    def applies(self, date: dt.date) -> bool:
        return self.since <= date and (self.released is None or date < self.released.date)


@dataclass
class Travelling:
    """The exemptions of the board's trackers (by id), and appendix files and images (by path)."""

    trackers: dict[str, Exemption]
    files: dict[str, Exemption]

    def tracker(self, tracker_id: str, date: dt.date) -> Exempt | None:
        found = self.trackers.get(tracker_id)
        return found.exempt if found and found.applies(date) else None


@dataclass(frozen=True)
class Use:
    """One report of a tracker or an appendix file at a meeting."""

    date: dt.date
    exempt: Exempt | None  # the reporting item's exemption
    kind: str  # "tracker", "file" or "image"
    what: str  # the tracker's id or the file's path
    where: str  # file:line of the agenda item
    released: Release | None  # the release recorded for it (on the tracker, or on this appendix)


def uses(papers: Papers) -> list[Use]:
    """Every report of a tracker, appendix file or image, meeting by meeting."""
    trackers = {t.id: t.released for t in (papers.log.value.trackers if papers.log else [])}
    found = []
    for date, loaded in sorted(papers.agendas.items()):
        for s, section in enumerate(loaded.value.sections):
            for i, item in enumerate(section.items):
                at = f"{loaded.path}:{loaded.line('sections', s, 'items', i)}"
                if item.tracker is not None:
                    found.append(Use(date, item.exempt, "tracker", item.tracker, at, trackers.get(item.tracker)))
                sheet = papers.cover_sheets.get(item.paper) if item.paper else None
                for appendix in sheet.value.appendices if sheet else []:
                    if appendix.tracker is not None:
                        found.append(
                            Use(date, item.exempt, "tracker", appendix.tracker, at, trackers.get(appendix.tracker))
                        )
                    for path in (appendix.file, appendix.markdown):
                        if path is not None:
                            found.append(Use(date, item.exempt, "file", path, at, appendix.released))
                found += [Use(date, item.exempt, "image", image, at, None) for image in images(papers, item)]
    for date, minutes in sorted(papers.minutes.items()):  # a minute's text shows images too
        for m, minute in enumerate(minutes.value.items):
            at = f"{minutes.path}:{minutes.line('items', m)}"
            found += [
                Use(date, minute.exempt, "image", image, at, None)
                for image in _shown(papers, [(text, "minutes") for text in _strings(minute)])
            ]
    if papers.plan is not None:  # the forward plan is public from the day it is published
        for e, entry in enumerate(papers.plan.value.items):
            at = f"{papers.plan.path}:{papers.plan.line('items', e)}"
            found += [
                Use(entry.meeting, None, "image", image, at, None)
                for image in _shown(papers, [(text, ".") for text in _strings(entry)])
            ]
    return found


def images(papers: Papers, item: AgendaItem) -> list[str]:
    """The images an agenda item shows, by their path in the repository: in its purpose, its paper's cover sheet
    and report, and its paper's Markdown appendices."""
    texts = [(item.purpose, "agendas")]
    sheet = papers.cover_sheets.get(item.paper) if item.paper else None
    if sheet is not None and item.paper is not None:
        base = posixpath.dirname(item.paper)
        texts += [(text, base) for text in _strings(sheet.value)] + [(sheet.body, base)]
        for appendix in sheet.value.appendices:
            path, _ = repository_file(papers.root, appendix.markdown, base) if appendix.markdown else (None, "")
            text = papers.attachments[path].text if path is not None else None  # None: check reports it
            if path is not None and text is not None:
                texts.append((text, posixpath.dirname(path.relative_to(papers.root).as_posix())))
    return _shown(papers, texts)


def _shown(papers: Papers, texts: list[tuple[str, str]]) -> list[str]:
    """The images Markdown texts show, by their path in the repository (each text read from its folder)."""
    found = []
    for text, base in texts:
        if "![" not in text:
            continue
        for node in walk(parse_markdown(text)):
            if node.get("t") == "img":
                path, _ = repository_file(papers.root, node["src"], base)
                if path is not None:
                    found.append(path.relative_to(papers.root).as_posix())
    return list(dict.fromkeys(found))


def _strings(model: BaseModel) -> list[str]:
    """Every text of a model's fields, nested ones too."""
    found: list[str] = []
    for value in model.__dict__.values():
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, str):
                found.append(each)
            elif isinstance(each, BaseModel):
                found += _strings(each)
    return found


def travelling(papers: Papers) -> Travelling:
    """Where each tracker and appendix file first became exempt, and the release recorded for trackers."""
    trackers: dict[str, Exemption] = {}
    files: dict[str, Exemption] = {}
    for use in uses(papers):
        table = trackers if use.kind == "tracker" else files  # appendix files and images: both by path
        if use.exempt is not None and use.what not in table:
            table[use.what] = Exemption(
                use.exempt, use.date, use.where, use.released if use.kind == "tracker" else None
            )
    return Travelling(trackers, files)


def exempt_sources(papers: Papers) -> set[str]:
    """The files of exempt material: exempt items' papers, and the appendices and images shown under them."""
    found = {use.what for use in uses(papers) if use.exempt is not None and use.kind != "tracker"}
    return found | {
        item.paper
        for loaded in papers.agendas.values()
        for section in loaded.value.sections
        for item in section.items
        if item.exempt is not None and item.paper is not None
    }


def exempt_mentions(papers: Papers) -> list[str]:
    """What would name exempt material in a message: the paths of exempt files (and their file names), and the
    titles of exempt items and their papers; longest first."""
    found = exempt_sources(papers)
    for loaded in papers.agendas.values():
        for section in loaded.value.sections:
            for item in section.items:
                sheet = papers.cover_sheets.get(item.paper) if item.paper else None
                if item.exempt is not None:
                    found |= {item.title} | ({sheet.value.title} if sheet is not None else set())
    found |= {posixpath.basename(path) for path in found if "/" in path}
    return sorted((text for text in found if len(text) > 3), key=len, reverse=True)
