"""Agenda items' numbers and keys: how an item is numbered in print and known from one version of the agenda
to the next."""

from __future__ import annotations

from typing import Any

from .model import Agenda, AgendaItem, Board


def item_numbers(board: Board, agenda: Agenda) -> dict[tuple[int, int], str]:
    """Each agenda item's number as the house style prints it, by (section, item) position: 2.1 within its
    section (breaks are not counted), or 1-9 straight through."""
    shape = [(section.is_break, len(section.items)) for section in agenda.sections]
    return numbers_of(shape, board.style.numbering == "flat")


def numbers_of(shape: list[tuple[bool, int]], flat: bool) -> dict[tuple[int, int], str]:
    """The numbers of an agenda of sections shaped (is a break, how many items)."""
    numbers, section_number, count = {}, 0, 0
    for s, (is_break, items) in enumerate(shape):
        section_number += not is_break
        for i in range(items):
            count += 1
            numbers[(s, i)] = str(count) if flat else f"{section_number}.{i + 1}"
    return numbers


def agenda_labels(data: Any, flat: bool) -> dict[tuple[str | int, ...], str]:
    """An agenda's places named as it prints them, from its YAML as read: ("sections", 4, "items", 3) is
    "item 4.4" and ("sections", 4) "section 4" when a break comes before it; a break is "the break"."""
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, list):
        return {}
    shape = [
        (
            isinstance(section, dict) and section.get("break") is True,
            len(section["items"]) if isinstance(section, dict) and isinstance(section.get("items"), list) else 0,
        )
        for section in sections
    ]
    labels: dict[tuple[str | int, ...], str] = {}
    printed = 0
    for s, (is_break, _) in enumerate(shape):
        printed += not is_break
        labels[("sections", s)] = "the break" if is_break else f"section {printed}"
    for (s, i), number in numbers_of(shape, flat).items():
        labels[("sections", s, "items", i)] = f"item {number}"
    return labels


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
    if item.briefing is not None:
        return item.briefing
    return item.title


def minutes_labels(data: Any) -> dict[tuple[str | int, ...], str]:
    """Minutes' places named as they print: ("items", 4) is "minute 4.1", by the number it gives itself."""
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}
    return {
        ("items", k): f"minute {item['number']}"
        for k, item in enumerate(items)
        if isinstance(item, dict) and isinstance(item.get("number"), str) and item["number"].strip()
    }
