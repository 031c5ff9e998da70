"""Agenda items' numbers and keys: how an item is numbered in print and known from one version of the agenda
to the next."""

from __future__ import annotations

from .model import Agenda, AgendaItem, Board


def item_numbers(board: Board, agenda: Agenda) -> dict[tuple[int, int], str]:
    """Each agenda item's number as the house style prints it, by (section, item) position: 2.1 within its
    section (breaks are not counted), or 1-9 straight through."""
    numbers, section_number, flat = {}, 0, 0
    for s, section in enumerate(agenda.sections):
        section_number += not section.is_break
        for i in range(len(section.items)):
            flat += 1
            numbers[(s, i)] = str(flat) if board.style.numbering == "flat" else f"{section_number}.{i + 1}"
    return numbers


def item_key(item: AgendaItem, number: str) -> str:
    """An agenda item's key in the publication record: its identity (see item_identity), but an exempt item's is
    its number alone ("exempt item 6.1"), since the record and its tag may be carried by a public mirror and a
    published item's number never changes (check refuses it). The private record keeps its identity."""
    return f"exempt item {number}" if item.exempt is not None else item_identity(item)


def item_identity(item: AgendaItem) -> str:
    """An agenda item's identity from one version of its agenda to the next: its paper, the minutes or the
    tracker it takes, else its title."""
    if item.paper is not None:
        return item.paper
    if item.minutes is not None:
        return f"minutes of {item.minutes.isoformat()}"
    if item.tracker is not None:
        return f"tracker {item.tracker}"
    return item.title
