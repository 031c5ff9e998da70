"""Exemption that travels: a tracker or an appendix first reported under an exempt item stays exempt.

The agendas say where each tracker and appendix file was reported. From the first meeting
at which one of them is reported under an exempt item, it is exempt under that item's
paragraph at every later meeting, in every scaffold, pack and public listing, until its
source records a release (`released: {date, minute}`, the minute of the meeting that
decided it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .load import Papers
from .model import Action, Exempt, Release


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
    """The exemptions of the board's trackers (by id) and appendix files (by path)."""

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
    kind: str  # "tracker" or "file"
    what: str  # the tracker's id or the file's path
    where: str  # file:line of the agenda item
    released: Release | None  # the release recorded for it (on the tracker, or on this appendix)


def uses(papers: Papers) -> list[Use]:
    """Every report of a tracker or appendix file, meeting by meeting."""
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
                        found.append(Use(date, item.exempt, "tracker", appendix.tracker, at, trackers.get(appendix.tracker)))
                    for path in (appendix.file, appendix.markdown):
                        if path is not None:
                            found.append(Use(date, item.exempt, "file", path, at, appendix.released))
    return found


def travelling(papers: Papers) -> Travelling:
    """Where each tracker and appendix file first became exempt, and the release recorded for trackers."""
    trackers: dict[str, Exemption] = {}
    files: dict[str, Exemption] = {}
    for use in uses(papers):
        table = trackers if use.kind == "tracker" else files
        if use.exempt is not None and use.what not in table:
            table[use.what] = Exemption(use.exempt, use.date, use.where, use.released if use.kind == "tracker" else None)
    return Travelling(trackers, files)
