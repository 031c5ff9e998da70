"""Papers -> a pack: the ordered documents of one meeting, as data for the renderers.

The pack is a pure function of the sources and the meeting date. Page numbers are
not computed here: Typst lays the pack out once and resolves the agenda's page
ranges, odd-page starts and page stamps itself (see templates/typst/pack.typ).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import carry, forms
from .pdfs import page_size
from .repository import repository_file
from .errors import BoardpackError, Problem, command_line
from .exemption import action_exemption
from .load import Loaded, Papers
from .model import Agenda, AgendaItem, Appendix, Board, CoverSheet, Decision, Minutes, Tracker
from .numbering import item_key, item_numbers
from .document.markdown import column_fit, parse_markdown, plain_text, walk
from .document.nodes import Node, bullets, em, lead_in, para, paras, strong, strong_para
from .wording import (STATUS, exclusion_resolution, join_names, long_date, not_for_publication, short_date, start_time,
                      summary_line, time_span)


@dataclass
class Pack:
    """One meeting's pack: the data handed to the templates and the files they need."""

    date: dt.date
    title: str
    data: dict[str, Any]
    foreign: dict[str, Path] = field(default_factory=dict)
    images: dict[str, Path] = field(default_factory=dict)
    private: bool = False
    has_exempt: bool = False
    large_print: bool = False

    stem: str = ""  # a standalone paper's name (see assemble_paper); a meeting's pack has none
    supplement: int = 0  # a supplementary pack's number (see assemble_supplement); the pack itself has none
    published_sha256: str | None = None  # a pack rebuilt from a publication's sources: the SHA-256 it was published with
    root: Path | None = None  # the sources it was assembled from (whose templates render it)

    @property
    def filename(self) -> str:
        if self.stem:
            return f"{self.date.isoformat()}-{self.stem}{'-private' if self.private else ''}" \
                   f"{'-large-print' if self.large_print else ''}.pdf"
        kind = "private" if self.private else "public"
        supplement = f"-supplement-{self.supplement}" if self.supplement else ""
        return f"{self.date.isoformat()}-{kind}-pack{supplement}{'-large-print' if self.large_print else ''}.pdf"

    def stamp(self, published: dt.date, commit: str, first_page: int = 1) -> None:
        """Mark the pack as published on `published` from the sources of `commit`: the front sheet says when,
        the PDF's metadata says when and from what; a supplement's pages are numbered on from `first_page`."""
        self.data["publication"] = {
            "date": published.isoformat(), "commit": commit, "year": published.year, "month": published.month,
            "day": published.day, "description": f"Published on {long_date(published)} from source commit {commit}"}
        self.data["front"]["published"] = long_date(published)
        if first_page != 1:
            self.data["first_page"] = first_page


def pick_meeting(papers: Papers, requested: dt.date | None, today: dt.date, option: str = "--meeting") -> dt.date:
    """The requested meeting (typed as `option` on the command line), else the next one from today, else the latest."""
    if requested is not None:
        if requested not in papers.agendas:
            known = ", ".join(d.isoformat() for d in sorted(papers.agendas)) or "none"
            raise BoardpackError([command_line(option, f"there is no agenda for {requested.isoformat()} "
                                                       f"(agendas/{requested.isoformat()}.yaml; meetings: {known})")])
        return requested
    if not papers.agendas:
        raise BoardpackError([Problem("agendas", 0, "", "there are no agendas: add agendas/YYYY-MM-DD.yaml")])
    upcoming = [d for d in papers.agendas if d >= today]
    return min(upcoming) if upcoming else max(papers.agendas)


class _Assembler:
    """Builds one pack. The public pack is assembled without ever reading exempt material."""

    def __init__(self, papers: Papers, date: dt.date, private: bool, only: dict[str, str] | None = None) -> None:
        self.papers = papers
        self.only = only  # a supplement: the keys of its items, each with what it replaces ("" for an added item)
        self.board: Board = papers.board.value
        self.agenda: Agenda = papers.agendas[date].value if date in papers.agendas else None  # type: ignore[assignment]
        self.date = date
        self.private = private
        self.has_exempt = False
        self.restricted: str | None = None  # the NOT FOR PUBLICATION line while adding exempt documents
        self.documents: list[dict[str, Any]] = []
        self.foreign: dict[str, Path] = {}
        self.images: dict[str, Path] = {}
        self.base = ""  # the folder of the source whose Markdown is being read (its images are found from there)

    def md(self, text: str, parent_level: int = 1) -> list[Node]:
        """Parse Markdown, set heading levels below `parent_level`, point images at build copies."""
        nodes = _deep_copy(parse_markdown(text))
        _level_headings(nodes, parent_level)
        for node in walk(nodes):
            if node.get("t") == "img":
                path, _ = repository_file(self.papers.root, node["src"], self.base)
                if path is None:
                    node.update({"t": "span", "c": [node.get("alt", "")]})
                    continue
                node["src"] = self.image(node["src"], "", self.base)["src"]
        return nodes

    @contextmanager
    def within(self, path: str) -> Iterator[None]:
        """Read Markdown as the source `path` holds it: its images are found from that file's folder first."""
        saved, self.base = self.base, posixpath.dirname(path)
        try:
            yield
        finally:
            self.base = saved

    def add(self, kind: str, **content: Any) -> dict[str, Any]:
        doc = {"id": f"doc-{len(self.documents)}", "kind": kind, "restricted": self.restricted, **content}
        if len(self.documents) == 1:
            doc["numbering_starts"] = True
        self.documents.append(doc)
        return doc

    @property
    def clerk(self) -> str:
        """The clerk as a report names them for inspecting background papers."""
        clerk = self.board.clerk
        return f"{clerk.name} ({clerk.phone}, {clerk.email})"

    def person_line(self, name: str) -> str:
        person = self.board.person(name)
        return f"{name}, {person.role}" if person and person.role else name

    def build(self) -> Pack:
        self.add("agenda", sections=[])
        if self.only is None and not any(item.minutes and (self.private or not item.exempt)
                                         for section in self.agenda.sections for item in section.items):
            self.action_log_document()  # no minutes in this pack: the log follows the agenda
        style = self.board.style
        sections = []
        numbers = item_numbers(self.board, self.agenda)
        paragraphs = sorted({i.exempt.paragraph for s in self.agenda.sections for i in s.items if i.exempt})
        resolution = exclusion_resolution(paragraphs, self.board.kind) if paragraphs else ""
        for s, section in enumerate(self.agenda.sections):
            items = []
            for index, item in enumerate(section.items):
                item_number = numbers[(s, index)]
                key = item_key(item, item_number)
                if self.only is not None and key not in self.only:
                    continue
                if item.exempt is not None:
                    self.has_exempt = True
                has_papers = self.item_documents(item, item_number)
                row = self.agenda_row(item, item_number, has_papers)
                if item.exempt is not None and resolution:
                    row["resolution"], resolution = resolution, ""
                if self.only and self.only[key]:
                    row["replaces"] = self.only[key]
                items.append(row)
            if self.only is None or items:
                sections.append({"heading": section.heading, "is_break": section.is_break,
                                 "time": time_span(section.start, section.end, self.twelve_hour), "items": items})
        self.documents[0]["sections"] = sections
        if self.twelve_hour:
            self.documents[0]["wide_times"] = True
        kind = "Private Document Pack" if self.private else "Public Document Pack"
        if self.only is not None:
            kind = "Supplementary " + kind
        front = {
            "heading": kind, "restricted": "NOT FOR PUBLICATION: contains exempt information" if self.private else "",
            "board_title": self.board.front_sheet_title, "date": long_date(self.date),
            "time": start_time(self.agenda.start), "venue": self.agenda.venue,
            "clerk": self.board.clerk.name, "phone": self.board.clerk.phone, "email": self.board.clerk.email,
        }
        if self.board.organisation:
            front["organisation"] = self.board.organisation
        if style.membership_on_front_sheet:
            front["membership"] = self.membership()
        if style.logo:
            front["logo"] = self.image(style.logo, self.board.organisation or self.board.name)
        return self.pack(kind, front)

    def pack(self, kind: str, front: dict[str, Any], stem: str = "") -> Pack:
        """The assembled documents as a pack: its title ("…, 15 June 2012: Public Document Pack"), the
        language, the front sheet and the house colour handed to the templates."""
        title = f"{self.board.name}, {short_date(self.date)}: {kind}" + (" (not for publication)" if self.private else "")
        language, _, region = self.board.language.partition("-")
        data = {"title": title, "board_name": self.board.name, "lang": language.lower(), "region": region.upper() or "GB",
                "front": front, "documents": self.documents}
        if self.board.style.colour:
            data["style"] = {"header_fill": self.board.style.colour}
        return Pack(self.date, title, data, self.foreign, self.images, self.private, self.has_exempt, stem=stem,
                    root=self.papers.root)

    @property
    def twelve_hour(self) -> bool:
        return self.board.style.times == "12-hour"

    def membership(self) -> list[str]:
        """The members as the front sheet lists them, the chair and vice-chair first and so marked."""
        members = [p.name for p in self.board.people if p.member]
        chairs = [(self.board.chair, "Chair"), (self.board.vice_chair, "Vice-Chair")]
        marked = [f"{name} ({office})" for name, office in chairs if name in members]
        return marked + [name for name in members if name not in (self.board.chair, self.board.vice_chair)]

    def image(self, source: str, alt: str, base: str = "") -> dict[str, str]:
        """An image file of the repository (named from the folder `base`, else the root), copied into the build:
        its name there and its alt text."""
        path, _ = repository_file(self.papers.root, source, base)
        assert path is not None, "checked before assembly"
        name = f"img/{len(self.images) + 1}{path.suffix.lower()}"
        self.images[name] = path
        return {"src": "/" + name, "alt": alt}

    def agenda_row(self, item: AgendaItem, number: str, has_papers: bool) -> dict[str, Any]:
        row = {"number": number, "time": time_span(item.start, item.end, self.twelve_hour), "has_papers": has_papers,
               "exempt": "", "resolution": "", "restricted": ""}
        if item.exempt is not None and not self.private:
            # The public row: its time, public title and statement. Nothing else of the item is
            # even parsed, so none of its text or images can reach a public output.
            return row | {"title": item.exempt.public_title or item.title, "purpose": [], "authors": "", "note": [],
                          "exempt": item.exempt.statement()}
        note: list[Node] = []
        if item.future_meetings:
            note = [bullets([paras(long_date(d)) for d in item.future_meetings])]
        with self.within(self.papers.agendas[self.date].path):
            purpose = self.md(item.purpose)
        row |= {"title": item.title, "purpose": purpose, "authors": join_names(item.authors), "note": note}
        if item.late is not None:
            row["late"] = item.late
        if item.key_decision:
            row["key_decision"] = True
        if item.exempt is not None:
            row |= {"exempt": item.exempt.statement(), "restricted": not_for_publication(item.exempt)}
        return row

    def item_documents(self, item: AgendaItem, number: str) -> bool:
        if item.exempt is not None and not self.private:
            return False  # exempt papers go only into the private pack
        self.restricted = not_for_publication(item.exempt) if item.exempt else None
        try:
            return self._item_documents(item, number)
        finally:
            self.restricted = None

    def _item_documents(self, item: AgendaItem, number: str) -> bool:
        before = len(self.documents)
        if item.minutes is not None:
            self.minutes_document(self.papers.minutes[item.minutes])
            self.action_log_document()
        if item.tracker is not None:
            tracker = self.tracker(item.tracker)
            self.tracker_document(f"{number} {item.title}", tracker, level=1)
        if item.paper is not None:
            sheet = self.papers.cover_sheets[item.paper]
            self.paper_documents(sheet, number, item)
        if len(self.documents) == before:
            return False
        self.documents[before]["item_start"] = number
        self.documents[-1]["item_end"] = number
        return True

    def minutes_document(self, loaded: Loaded[Minutes]) -> None:
        with self.within(loaded.path):
            self._minutes_document(loaded)

    def _minutes_document(self, loaded: Loaded[Minutes]) -> None:
        minutes = loaded.value
        actions = self.papers.log.value.actions if self.papers.log else []

        def attendee(entry: Any) -> dict[str, str]:
            person = self.board.person(entry.name)
            label = entry.name + (f" ({person.initials})" if person and person.initials else "")
            if entry.note:
                label += f" - {entry.note}"
            part = [f"from minute {entry.arrived}" if entry.arrived else "", f"until minute {entry.left}" if entry.left else ""]
            if any(part):  # present for part of the meeting
                label += f" ({' '.join(p for p in part if p)})"
            return {"name": label, "role": entry.role or (person.role if person else "")}

        items, last_part = [], None
        for minute in minutes.items:
            part = minute.number.split(".")[0] if "." in minute.number else None
            row: dict[str, Any] = {"part": f"Part {part}" if part and part != last_part else "", "number": minute.number,
                                   "restricted": "", "actions": []}
            last_part = part
            if minute.exempt is not None:
                self.has_exempt = True
                if not self.private:  # the public minutes keep only the number, public title and statement
                    items.append(row | {"title": minute.exempt.public_title or "Exempt item",
                                        "body": paras(minute.exempt.statement())})
                    continue
                row["restricted"] = not_for_publication(minute.exempt)
            raised = [a for a in actions if a.raised == minutes.date and a.minute == minute.number]
            declared = [paras(declaration.sentence())[0] for declaration in minute.declarations]
            decided = [block for decision in minute.decisions for block in self.decision_blocks(decision)]
            items.append(row | {
                "title": minute.title, "body": [*declared, *self.md(minute.body, 2), *decided],
                "actions": [{"text": lead_in("Action –", self.md(a.description, 2)), "owner": a.owner,
                             "due": f"by {short_date(a.due)}" if a.due else ""} for a in raised],
            })
        self.add("minutes", date=minutes.date.isoformat(),
                 heading=f"Minutes of the {self.board.name} meeting of {short_date(minutes.date)}",
                 status=minutes_status(self.papers, minutes.date, carry.eve(self.date)),
                 present=[attendee(p) for p in minutes.present],
                 apologies=[attendee(p) for p in minutes.apologies],
                 absent=[attendee(p) for p in minutes.absent],
                 in_attendance=[attendee(p) for p in minutes.in_attendance],
                 items=items)

    def decision_blocks(self, decision: Decision, summary: bool = False) -> list[Node]:
        """A resolution as the minutes and the decision list print it (`summary`: only its public summary)."""
        label = decision.label or self.board.style.resolution_label
        if summary:
            return [{"t": "p", "c": [strong(label), " ", decision.public_summary or ""]}]
        blocks = lead_in(label, self.md(decision.resolved, 2))
        if decision.votes is not None:
            blocks.append(para(em(decision.votes.line())))
        for label, text in (("Reasons:", decision.reasons), ("Alternatives considered:", decision.alternatives)):
            if text:
                blocks += lead_in(label, self.md(text, 2))
        return blocks

    def decisions_document(self, loaded: Loaded[Minutes]) -> bool:
        with self.within(loaded.path):
            return self._decisions_document(loaded)

    def _decisions_document(self, loaded: Loaded[Minutes]) -> bool:
        """The meeting's decision list: each minute's resolutions, an exempt one's public summary only
        (in full in the private list)."""
        minutes = loaded.value
        rows = []
        for minute in minutes.items:
            if not minute.decisions:
                continue
            public = minute.exempt is not None and not self.private
            if minute.exempt is not None:
                self.has_exempt = True
            blocks = [b for d in minute.decisions for b in self.decision_blocks(d, summary=public)]
            rows.append({"number": minute.number, "title": minute.exempt.public_title or "Exempt item" if public else minute.title,
                         "body": blocks, "restricted": not_for_publication(minute.exempt) if minute.exempt and not public else ""})
        self.add("decisions", heading=f"Decisions of the {self.board.name} meeting of {short_date(minutes.date)}", rows=rows)
        return bool(rows)

    def paper_documents(self, loaded: Loaded[CoverSheet], number: str, item: AgendaItem) -> None:
        with self.within(loaded.path):
            self._paper_documents(loaded, number, item)

    def _paper_documents(self, loaded: Loaded[CoverSheet], number: str, item: AgendaItem) -> None:
        sheet = loaded.value
        form = self.board.form
        officers = join_names(sheet.responsible_officer)
        if form.cover_sheet:
            rows = [
                ("Meeting", paras(self.board.name)),
                ("Date", paras(short_date(self.date))),
                ("Title", paras(sheet.title)),
                ("Responsible Officer", paras(officers)),
            ]
            for f in form.fields:
                value = sheet.field(f.key)
                if f.place == "cover_sheet" and (value is not None or f.blank):
                    rows.append((f.label, forms.field_blocks(f, value, self.md, 1, self.clerk) if value is not None
                                 else self.md("")))
            self.add("cover_sheet", bookmark=f"{number} {item.title}",
                     rows=[{"label": label, "value": value} for label, value in rows])
        heading, body = _split_title(loaded.body, sheet.title)
        level = 2 if form.cover_sheet else 1  # the report's title: under its cover sheet, or the item's own heading
        masthead: list[Node] = []
        if not form.cover_sheet:  # the report says which meeting it is for, as a report sent on its own does
            masthead = [strong_para(self.board.name.upper()), *paras(short_date(self.date))]
        subhead: list[Node] = []
        if form.report_of:
            posts = {post.title for post in self.board.posts}
            subhead.append(strong_para("Report of " + join_names(
                [("the " + name if name in posts else name) for name in sheet.responsible_officer])))
        for f in form.fields:
            if f.place == "heading" and (value := sheet.field(f.key)) is not None:
                subhead.append({"t": "p", "c": [strong(f"{f.label}: "), str(value)]})
        text = forms.report_sections(form, sheet.field, self.md(body, level), self.md, level + 1, self.clerk)
        if self.board.style.other_formats and text:
            text.append(para(em(self.board.style.other_formats)))
        if subhead or text or not form.cover_sheet:
            doc = self.add("report", heading=heading, body=subhead + text)
            if level != 2:
                doc["level"] = level
            if masthead:
                doc["masthead"] = masthead
        for position, appendix in enumerate(sheet.appendices):
            appendix = self.numbered(appendix, position)
            if appendix.file is not None:
                path, _ = repository_file(self.papers.root, appendix.file, self.base)
                assert path is not None, "checked before assembly"
                import pikepdf

                with pikepdf.open(path) as pdf:
                    sizes = [page_size(page) for page in pdf.pages]
                doc = self.add("foreign", heading=appendix.title, pages=sizes)
                self.foreign[doc["id"]] = path
            elif appendix.markdown is not None:
                path, _ = repository_file(self.papers.root, appendix.markdown, self.base)
                assert path is not None, "checked before assembly"
                _, body = _split_title(path.read_text(encoding="utf-8-sig"), appendix.title)
                with self.within(path.relative_to(self.papers.root).as_posix()):
                    self.add("report", heading=appendix.title, body=self.md(body, 2), landscape=appendix.landscape)
            elif appendix.tracker is not None:
                self.tracker_document(appendix.title, self.tracker(appendix.tracker))

    def numbered(self, appendix: Appendix, position: int) -> Appendix:
        """The appendix with its title as the house style heads it: as written, "Appendix A: …" or "Appendix 1: …"."""
        style = self.board.style.appendices
        if style == "as titled":
            return appendix
        mark = chr(ord("A") + position) if style == "letters" and position < 26 else str(position + 1)
        return appendix.model_copy(update={"title": f"Appendix {mark}: {appendix.title}"})

    def tracker(self, tracker_id: str) -> Tracker:
        assert self.papers.log is not None
        return next(t for t in self.papers.log.value.trackers if t.id == tracker_id)

    def tracker_document(self, heading: str, tracker: Tracker, level: int = 2) -> None:
        """A tracker's table: a row a recommendation, with the columns its rows fill (the status last)."""
        states, latest = carry.tracker_state(tracker, self.date, carry.eve(self.date))
        responses = {s.row.id: s.row.response for s in states
                     if s.row.response and s.row.response.date <= carry.eve(self.date)}
        has = {"response": bool(responses), "action": any(s.row.action_required for s in states),
               "lead": any(s.row.leads for s in states), "due": any(s.row.due or s.row.due_note for s in states)}
        as_at = f"Update as at {latest:%d/%m/%y}" if latest else "Update"
        columns = ["", "Recommendation", "Response", "Action Required to Deliver Recommendation", "Lead", as_at,
                   "Date to be Completed by", "Status"]
        updated = any(s.update for s in states) or not has["response"]  # a response alone needs no "No update yet"
        shown = [True, True, has["response"], has["action"], has["lead"], updated, has["due"], True]
        rows = []
        for state in states:
            row = state.row
            status = "Overdue" if state.overdue else STATUS[state.status]
            response = responses.get(row.id)
            cells: list[Any] = [
                row.id, self.md(row.recommendation, level),
                [*self.md(response.text, level), para(em(f"{response.by}, {short_date(response.date)}"))] if response
                else paras("No response yet"),
                self.md(row.action_required, level),
                [self.person_line(name) for name in row.leads],
                self.md(state.update.text, level) if state.update else paras("No update yet"),
                row.due_note or (f"{row.due:%d/%m/%Y}" if row.due else ""),
                status + (f" ({state.rag.capitalize()})" if state.rag else ""),
            ]
            rows.append({"id": row.id, "rag": state.rag or "", "cells": [c for c, show in zip(cells, shown) if show]})
        columns = [c for c, show in zip(columns, shown) if show]
        text = [[c if isinstance(c, str) else "\n".join(c) if all(isinstance(x, str) for x in c) else plain_text(c)
                 for c in r["cells"]] for r in rows]
        self.add("tracker", heading=heading, level=level, made_by=tracker.made_by, columns=columns, rows=rows,
                 fit=column_fit(columns, text),
                 summary=summary_line(carry.tracker_summary(states), len(states)), landscape=True)

    def action_log_document(self) -> None:
        """The action log carried forward: open actions, and those closed since the last meeting
        (none for a body that keeps no actions)."""
        if self.papers.log is None or not self.papers.log.value.actions:
            return
        meetings = set(self.papers.agendas) | set(self.papers.minutes)
        previous = carry.previous_meeting(meetings, self.date)
        states = carry.action_log(self.papers.log.value, self.date, previous)
        exemptions = {s.action.id: action_exemption(self.papers, s.action) for s in states}
        if any(exemptions.values()):
            self.has_exempt = True
        if not self.private:
            states = [s for s in states if exemptions[s.action.id] is None]
        rows = []
        for state in states:
            action = state.action
            exempt = exemptions[action.id]
            if state.status != "open":
                status = f"{STATUS[state.status]} since the last meeting"
            else:
                status = "Overdue" if state.overdue else "Open"
            rows.append({
                "id": action.id, "raised": f"{short_date(action.raised)}, minute {action.minute}",
                "description": self.md(action.description, 2), "owner": action.owner,
                "due": short_date(action.due) if action.due else "",
                "update": self.md(state.update.text, 2) if state.update else paras("No update yet"),
                "update_date": short_date(state.update.date) if state.update else "",
                "status": status, "overdue": state.overdue, "closed": state.status != "open",
                "restricted": not_for_publication(exempt) if exempt else "",
            })
        counts = (sum(s.status == "open" for s in states), sum(s.overdue for s in states),
                  sum(s.status != "open" for s in states))
        columns = ["Ref", "Raised", "Action", "Owner", "Due", "Latest update", "Status"]
        cells = [[r["id"], r["raised"], r["restricted"] + " " + plain_text(r["description"]), r["owner"], r["due"],
                  f"{r['update_date']}: {plain_text(r['update'])}", r["status"]] for r in rows]
        self.add("action_log", heading=f"Action log as at {short_date(self.date)}", rows=rows, landscape=True,
                 columns=columns, fit=column_fit(columns, cells),
                 summary=f"{counts[0]} open ({counts[1]} overdue); {counts[2]} closed since the last meeting"
                         + (f" of {short_date(previous)}" if previous else ""))


def minutes_status(papers: Papers, date: dt.date, known: dt.date) -> str:
    """Draft or confirmed, as known on `known` (a pack: its meeting's eve), with any later corrections."""
    confirmed = papers.confirmation(date)
    if confirmed is None or confirmed[0] > known:
        return "Draft minutes, to be confirmed as a correct record."
    # Only where and when: the amendments and corrections are recorded in their own minutes, which may be
    # exempt, so their words are never copied into these minutes' (possibly public) status line.
    when, number, amendments = confirmed
    status = f"Confirmed as a correct record at the meeting of {short_date(when)} (minute {number})"
    status += ", with amendments." if amendments.strip() else "."
    for correction in papers.minutes[date].value.corrections:
        if correction.date <= known:
            status += f" Corrected at the meeting of {short_date(correction.date)} (minute {correction.minute})."
    return status


def item_groups(pack: Pack) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Group the pack's documents into item pages (and any documents outside items)."""
    pages: list[dict[str, Any]] = []
    loose: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for doc in pack.data["documents"][1:]:
        if doc.get("item_start"):
            number = doc["item_start"]
            current = {"number": number, "slug": "item-" + number.replace(".", "-"), "documents": []}
            pages.append(current)
        (current["documents"] if current is not None else loose).append(doc)
        if doc.get("item_end"):
            current = None
    return pages, loose


def _split_title(body: str, default: str) -> tuple[str, str]:
    """A report's title is its first line when that is a `# heading`, else `default`."""
    first, _, rest = body.lstrip().partition("\n")
    if first.startswith("# "):
        return first[2:].strip().strip("#").strip(), rest
    return default, body


def _level_headings(nodes: list[Node], parent_level: int) -> None:
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


def _deep_copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    return value


def paper_meetings(papers: Papers, paper: str) -> list[dt.date]:
    """The meetings whose agendas have `paper` (a cover sheet's path from the repository root)."""
    return sorted(date for date, agenda in papers.agendas.items()
                  if any(item.paper == paper for section in agenda.value.sections for item in section.items))


def assemble_paper(papers: Papers, date: dt.date, paper: str, large_print: bool = False) -> Pack:
    """One paper on its own, as it is sent to another body: its documents from the meeting's pack, headed
    for that meeting and numbered from page 1, without the front sheet and agenda. An exempt paper is
    built only as it is in the private pack."""
    agenda = papers.agendas[date].value
    exempt = any(item.paper == paper and item.exempt for section in agenda.sections for item in section.items)
    pack = assemble_pack(papers, date, private=exempt, large_print=large_print)
    documents = pack.data["documents"]
    rows = [row for section in documents[0]["sections"] for row in section["items"]]
    number = next(n for (s, i), n in item_numbers(papers.board.value, agenda).items()
                  if agenda.sections[s].items[i].paper == paper)
    first = next(n for n, doc in enumerate(documents) if doc.get("item_start") == number)
    last = next(n for n, doc in enumerate(documents) if doc.get("item_end") == number)
    kept = [{**doc, "numbering_starts": n == first} for n, doc in enumerate(documents) if first <= n <= last]
    row = next(r for r in rows if r["number"] == number)
    standalone = {"id": "doc-agenda", "kind": "agenda", "restricted": None, "standalone": True,
                  "sections": [{"heading": "", "is_break": False, "time": "", "items": [row]}]}
    pack.data["documents"] = [standalone, *kept]
    pack.stem = Path(paper).stem.removeprefix(f"{date.isoformat()}-")  # the date leads the file's name once
    ids = {doc["id"] for doc in kept}
    pack.foreign = {doc_id: path for doc_id, path in pack.foreign.items() if doc_id in ids}
    pack.title = f"{pack.data['board_name']}, {short_date(date)}: {row['title']}" + \
        (" (not for publication)" if exempt else "") + (" (large print)" if large_print else "")
    pack.data["title"] = pack.title
    return pack


def assemble_decisions(papers: Papers, date: dt.date, private: bool = False) -> Pack | None:
    """The decision list of the meeting on `date` (None when its minutes record no decisions)."""
    if date not in papers.minutes:
        return None
    assembler = _Assembler(papers, date, private)
    assembler.documents.append({"id": "doc-agenda", "kind": "agenda", "restricted": None, "standalone": True, "sections": []})
    if not assembler.decisions_document(papers.minutes[date]):
        return None
    assembler.documents[1]["numbering_starts"] = True
    return assembler.pack("decisions", {}, stem="decisions")


def assemble_pack(papers: Papers, date: dt.date, private: bool = False, large_print: bool = False) -> Pack:
    """The public (or, with `private`, the private) pack of the meeting on `date`."""
    return _sized(_Assembler(papers, date, private).build(), large_print)


def agenda_items(papers: Papers, date: dt.date) -> dict[str, tuple[str, AgendaItem]]:
    """The meeting's agenda items by key (see item_key), each with its number."""
    agenda = papers.agendas[date].value
    return {item_key(agenda.sections[s].items[i], number): (number, agenda.sections[s].items[i])
            for (s, i), number in item_numbers(papers.board.value, agenda).items()}


def item_digests(papers: Papers, date: dt.date, private: bool = True) -> dict[str, str]:
    """A SHA-256 of what each agenda item prints, in every edition (its row on the agenda and its papers as
    the private pack has them, with the files they show), by key: an item whose digest changes after
    publication has changed for its readers. Without `private`, as the public pack has them (an exempt item:
    its public row alone, which is all a public record may be a digest of)."""
    import hashlib
    import json

    pack = assemble_pack(papers, date, private=private)
    numbers = {number: key for key, (number, _) in agenda_items(papers, date).items()}
    parts: dict[str, list[Any]] = {key: [] for key in numbers.values()}
    for section in pack.data["documents"][0]["sections"]:
        for row in section["items"]:
            parts[numbers[row["number"]]].append({k: v for k, v in row.items() if k != "resolution"})
    current = None
    for doc in pack.data["documents"][1:]:
        current = doc.get("item_start", current)
        if current is not None:
            shown = {k: v for k, v in doc.items() if k not in ("id", "numbering_starts")}
            files = [pack.foreign[doc["id"]]] if doc["id"] in pack.foreign else []
            text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
            files += [pack.images[name] for name in sorted(pack.images) if f'"/{name}"' in text]
            parts[numbers[current]].append([shown, [hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in files]])
        if doc.get("item_end") is not None:
            current = None
    return {key: hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            for key, value in parts.items()}


def assemble_supplement(papers: Papers, date: dt.date, number: int, items: dict[str, str], published: dt.date,
                        private: bool = False, large_print: bool = False) -> Pack:
    """Supplementary pack `number` of the meeting on `date`: its own front sheet, then the agenda's rows and
    papers of `items` only (keys, each with a note of the paper it replaces, or "" for an item added since
    `published`, the day the pack was first published)."""
    pack = _Assembler(papers, date, private, only=items).build()
    pack.supplement = number
    pack.data["front"]["supplement"] = f"Supplement {number} to the agenda published on {long_date(published)}"
    pack.data["documents"][0]["heading"] = "Supplementary agenda"
    pack.data["front"]["introduction"] = (
        "The Chair has agreed that the following items, added to the agenda or revised since it was published, be "
        "considered at the meeting as matters of urgency, for the reasons given.")
    pack.title = pack.data["title"] = pack.title.replace("Document Pack", f"Document Pack {number}", 1)
    return _sized(pack, large_print)


def _sized(pack: Pack, large_print: bool) -> Pack:
    """The pack at large-print size when asked for (text at least 16 pt), its title saying so."""
    pack.large_print = large_print
    if large_print:
        pack.title += " (large print)"
        pack.data["title"] = pack.title
    return pack
