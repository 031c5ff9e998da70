"""A meeting's pack: the front sheet, the agenda, and each item's documents in the agenda's order.

The public pack is assembled without ever reading exempt material: an exempt item's row keeps its number,
public title and statement, and nothing else of it is even parsed.
"""

from __future__ import annotations

from typing import Any

from ..document.kinds import FrontSheet
from ..document.nodes import Node, bullets, paras
from ..model import AgendaItem
from ..numbering import item_key, item_numbers
from ..schedule import meeting, planned_entry
from ..wording import (
    exclusion_resolution,
    join_names,
    long_date,
    not_for_publication,
    sentence,
    short_date,
    start_time,
    time_span,
)
from . import participation
from .briefing import briefing_document
from .minutes import minutes_document
from .pack import Pack
from .papers import paper_documents
from .scope import Doc, Scope
from .trackers import action_log_document, find_tracker, tracker_document


def meeting_pack(scope: Scope, only: dict[str, str] | None = None) -> Pack:
    """The pack of the meeting (public or private as `scope` is); with `only`, a supplement of those items (keys,
    each with a note of what it replaces, "" for an item added)."""
    agenda = scope.agenda
    documents: list[Doc] = [scope.document("agenda", sections=[])]
    if only is None and not any(
        item.minutes and (scope.private or not item.exempt) for section in agenda.sections for item in section.items
    ):
        documents += action_log_document(scope)  # no minutes in this pack: the log follows the agenda
    sections = []
    numbers = item_numbers(scope.board, agenda)
    paragraphs = sorted({i.exempt.paragraph for s in agenda.sections for i in s.items if i.exempt})
    resolution = (
        exclusion_resolution(paragraphs, scope.board.kind, scope.board.style.exclusion_wording) if paragraphs else ""
    )
    for s, section in enumerate(agenda.sections):
        items = []
        for index, item in enumerate(section.items):
            number = numbers[(s, index)]
            key = item_key(item, number)
            if only is not None and key not in only:
                continue
            if item.exempt is not None:
                scope.files.exempt = True
            papers = item_documents(scope, item, number)
            documents += papers
            row = agenda_row(scope, item, number, bool(papers))
            if item.exempt is not None and resolution:
                row["resolution"], resolution = resolution, ""
            if only and only[key]:
                row["replaces"] = only[key]
            items.append(row)
        if only is None or items:
            sections.append(
                {
                    "heading": section.heading,
                    "is_break": section.is_break,
                    "time": time_span(section.start, section.end, scope.twelve_hour),
                    "items": items,
                }
            )
    documents[0]["sections"] = sections
    if scope.twelve_hour:
        documents[0]["wide_times"] = True
    kind = (
        ("Supplementary " if only is not None else "") + ("Private" if scope.private else "Public") + " Document Pack"
    )
    return make_pack(scope, kind, front_sheet(scope, kind), documents)


def front_sheet(scope: Scope, kind: str) -> FrontSheet:
    """The front sheet: the pack's kind, the body, when and where it meets, the clerk; the members and logo if the
    house style shows them."""
    board, agenda = scope.board, scope.agenda
    front: FrontSheet = {
        "heading": kind,
        "restricted": "NOT FOR PUBLICATION: contains exempt information" if scope.private else "",
        "board_title": board.front_sheet_title,
        "date": long_date(scope.date),
        "time": start_time(agenda.start),
        "venue": agenda.venue,
        "clerk": board.clerk.name,
        "phone": board.clerk.phone,
        "email": board.clerk.email,
    }
    if board.organisation:
        front["organisation"] = board.organisation
    held = meeting(scope.papers, scope.date)
    if held is not None and held.status in ("extraordinary", "moved", "reconvened"):
        front["occasion"] = held.note
    if board.style.membership_on_front_sheet:
        front["membership"] = membership(scope)
    if board.style.logo:
        front["logo"] = scope.image(board.style.logo, board.organisation or board.name)
    return front


def make_pack(scope: Scope, kind: str, front: FrontSheet, documents: list[Doc], stem: str = "") -> Pack:
    """The documents as a pack, each given its id in order: the title ("…, 15 June 2012: Public Document Pack"),
    the language, the front sheet and the house colour handed to the templates."""
    board = scope.board
    for position, doc in enumerate(documents):
        doc["id"] = doc["id"] or f"doc-{position}"
        if position == 1:
            doc["numbering_starts"] = True  # the page numbers start at 1 after the front sheet and agenda
    title = f"{board.name}, {short_date(scope.date)}: {kind}" + (" (not for publication)" if scope.private else "")
    language, _, region = board.language.partition("-")
    data = {
        "title": title,
        "board_name": board.name,
        "lang": language.lower(),
        "region": region.upper() or "GB",
        "front": front,
        "documents": documents,
    }
    if board.style.colour:
        data["style"] = {"header_fill": board.style.colour}
    foreign = {doc["id"]: path for doc, path in scope.files.foreign}
    return Pack(
        scope.date,
        title,
        data,
        foreign,
        scope.files.images,
        scope.private,
        scope.files.exempt,
        stem=stem,
        root=scope.papers.root,
    )


def membership(scope: Scope) -> list[str]:
    """The members on the meeting's day as the front sheet lists them, the chair and vice-chair of the day first and
    so marked; a joint committee's member with the authority that appointed them."""
    board = scope.board
    members = board.members_on(scope.date)
    chair, vice = board.office_holder("chair", scope.date), board.office_holder("vice_chair", scope.date)
    shown = {p.name: p.name + (f", {p.authority}" if p.authority else "") for p in members}
    marked = [f"{shown[name]} ({office})" for name, office in ((chair, "Chair"), (vice, "Vice-Chair")) if name in shown]
    return marked + [shown[name] for name in shown if name not in (chair, vice)]


def item_documents(scope: Scope, item: AgendaItem, number: str) -> list[Doc]:
    """The documents of agenda item `number`: minutes (with the action log), a tracker, a paper; an exempt item's
    only in the private pack, each marked NOT FOR PUBLICATION."""
    if item.exempt is not None and not scope.private:
        return []  # exempt papers go only into the private pack
    scope = scope.restricted_to(item.exempt)
    documents: list[Doc] = []
    if item.minutes is not None:
        documents.append(minutes_document(scope, scope.papers.minutes[item.minutes]))
        documents += action_log_document(scope)
    if item.tracker is not None:
        documents.append(tracker_document(scope, f"{number} {item.title}", find_tracker(scope, item.tracker), level=1))
    if item.paper is not None:
        documents += paper_documents(scope, scope.papers.cover_sheets[item.paper], number, item)
    if item.briefing is not None:
        documents.append(briefing_document(scope, scope.papers.briefings[item.briefing]))
    if documents:
        documents[0]["item_start"] = number
        documents[-1]["item_end"] = number
    return documents


def further_notice(scope: Scope, item: AgendaItem) -> str:
    """An executive body's further notice, on the public agenda published five clear days before, of its intention
    to take an item in private: its reasons, and the representations received and the response (SI 2012/2089
    reg 5(4)-(5)); nothing for another body's item, or one the forward plan gave no notice of."""
    entry = planned_entry(scope.papers, scope.date, item) if scope.papers.board.value.executive else None
    if entry is None or entry.private is None:
        return ""
    representations = (entry.private.representations or "none have been received.").strip()
    return (
        " Further notice of the intention to consider this item in private (SI 2012/2089 reg 5(4)-(5)): "
        f"{sentence(entry.private.reasons)} Representations that it should be considered in public, and the "
        f"response: {representations}"
    )


def agenda_row(scope: Scope, item: AgendaItem, number: str, has_papers: bool) -> dict[str, Any]:
    """An item as the agenda lists it."""
    row = {
        "number": number,
        "time": time_span(item.start, item.end, scope.twelve_hour),
        "has_papers": has_papers,
        "exempt": "",
        "resolution": "",
        "restricted": "",
    }
    if item.exempt is not None and not scope.private:
        # The public row: its time, public title and statement. Nothing else of the item is
        # even parsed, so none of its text or images can reach a public output.
        return row | {
            "title": item.exempt.public_title or item.title,
            "purpose": [],
            "authors": "",
            "note": [],
            "exempt": item.exempt.statement() + further_notice(scope, item),
        }
    note: list[Node] = []
    if item.future_meetings:
        note = [bullets([paras(long_date(d)) for d in item.future_meetings])]
    within = scope.within(scope.papers.agendas[scope.date].path)
    purpose = within.md(item.purpose)
    note += participation.agenda_blocks(within, item)
    row |= {"title": item.title, "purpose": purpose, "authors": join_names(item.authors), "note": note}
    if item.urgent is not None:
        row["urgent"] = item.urgent
    if item.late is not None:
        row["late"] = item.late
    if item.key_decision:
        row["key_decision"] = True
    if item.exempt is not None:
        row |= {"exempt": item.exempt.statement(), "restricted": not_for_publication(item.exempt)}
    return row
