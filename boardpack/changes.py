"""What changed in a published meeting's papers: between the sources of its latest publication and today's,
every agenda item, paper, minute, action and tracker row that differs, field by field, and whether each
would go into the next supplementary pack. For the clerk deciding whether a supplement is needed."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .assemble import agenda_items
from .checks import Checked, check_repository
from .errors import BoardpackError, Problem
from .load import Papers
from .publish import Sources, pending, record_path
from .wording import long_date


def _fields(before: BaseModel | None, after: BaseModel | None, *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The names of the fields that differ between two versions of a source ("added" / "removed" for one alone)."""
    if before is None or after is None:
        return ["added"] if before is None else ["removed"]
    old, new = before.model_dump(), after.model_dump()
    return [key for key in {**old, **new} if key not in leave_out and old.get(key) != new.get(key)]


def _by_id(values: list[Any]) -> dict[str, Any]:
    return {value.id: value for value in values}


def _body_change(before: str, after: str) -> str:
    """'report text: 3 lines changed' (added, removed or altered), or ''."""
    if before == after:
        return ""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    count = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return f"report text: {count} line{'s' if count != 1 else ''} changed"


def changes(root: Path, date: dt.date) -> str:
    """The changes since the latest publication of the meeting on `date`, as text."""
    papers = check_repository(root.resolve())
    if date not in papers.publications:
        published = ", ".join(d.isoformat() for d in sorted(papers.publications)) or "none"
        raise BoardpackError(
            [
                Problem(
                    record_path(date),
                    0,
                    "",
                    f"the papers of {date.isoformat()} have not been "
                    f"published, so nothing has changed since (published meetings: {published})",
                )
            ]
        )
    latest = papers.publications[date].value.publications[-1]
    with Sources(papers.root) as sources:
        before = sources.papers(latest.commit, record_path(date))
        return _report(before, papers, date, latest.supplement, latest.published, latest.commit)


def _report(before: Papers, after: Checked, date: dt.date, supplement: int, published: dt.date, commit: str) -> str:
    what = f"supplement {supplement}" if supplement else "the pack"
    lines = [
        f"Changes to the papers of {long_date(date)} since {what} was published on {long_date(published)} "
        f"(commit {commit[:12]}):"
    ]
    found = pending(after, date)
    assert found is not None
    if fields := _fields(before.agendas[date].value, after.agendas[date].value, leave_out=("sections",)):
        lines.append(
            f"  the agenda: {', '.join(fields)} changed (the front sheet: no supplement carries it; tell members)"
        )
    if fields := _fields(before.board.value, after.board.value):
        lines.append(f"  board.yaml: {', '.join(fields)} changed")
    old_items, new_items = agenda_items(before, date), agenda_items(after, date)
    for key in [*new_items, *(k for k in old_items if k not in new_items)]:
        number, item = new_items.get(key) or old_items[key]
        if key not in new_items:
            notes = ["removed from the agenda"]
        elif key not in old_items:
            notes = ["added to the agenda"]
        else:
            fields = _fields(old_items[key][1], item)
            notes = [f"{', '.join(fields)} changed"] if fields else []
        if key in new_items and key in old_items and item.paper is not None:
            notes += _paper_changes(before, after, item.paper)
        if key in new_items and item.minutes is not None:
            notes += _minutes_changes(before, after, item.minutes)
        if key in found.added or key in found.replaced:
            why = f"reason for urgency: {item.urgent}" if item.urgent else "in time, if published today"
            notes.append(f"goes into supplement {found.number} ({why})")
        elif key in found.unpublished:
            notes.append(
                "prints differently, too late to be open for five clear days and with no reason for urgency "
                "(`urgent:`), so goes into no supplement"
            )
        notes = [note for note in notes if note]
        if notes:
            marked = f" (NOT FOR PUBLICATION: exempt, paragraph {item.exempt.paragraph})" if item.exempt else ""
            lines.append(f"  item {number} {item.title}{marked}: " + "; ".join(notes))
    lines += _log_changes(before, after)
    if len(lines) == 1:
        lines.append("  nothing")
    waiting = len(found.added) + len(found.replaced)
    lines.append(
        f"{waiting} item{'s' if waiting != 1 else ''} for supplement {found.number}; "
        f"{len(found.unpublished)} changed too late without a reason for urgency."
    )
    return "\n".join(lines) + "\n"


def _paper_changes(before: Papers, after: Papers, paper: str) -> list[str]:
    old, new = before.cover_sheets.get(paper), after.cover_sheets.get(paper)
    if old is None or new is None:
        return [f"{paper}: {'added' if old is None else 'removed'}"]
    notes = []
    if fields := _fields(old.value, new.value):
        notes.append(f"{paper}: {', '.join(fields)} changed")
    if body := _body_change(old.body, new.body):
        notes.append(f"{paper}: {body}")
    return notes


def _minutes_changes(before: Papers, after: Papers, date: dt.date) -> list[str]:
    old, new = before.minutes.get(date), after.minutes.get(date)
    if old is None or new is None:
        return [f"the minutes of {date.isoformat()}: {'added' if old is None else 'removed'}"]
    old_minutes = {m.number: m for m in old.value.items}
    new_minutes = {m.number: m for m in new.value.items}
    changed = [
        number for number in {**old_minutes, **new_minutes} if _fields(old_minutes.get(number), new_minutes.get(number))
    ]
    notes = (
        [f"the minutes of {date.isoformat()}: minute{'s' if len(changed) != 1 else ''} {', '.join(changed)} changed"]
        if changed
        else []
    )
    if fields := _fields(old.value, new.value, leave_out=("items",)):
        notes.append(f"the minutes of {date.isoformat()}: {', '.join(fields)} changed")
    return notes


def _log_changes(before: Papers, after: Papers) -> list[str]:
    """Actions and tracker rows changed in actions.yaml."""
    old_log = before.log.value if before.log else None
    new_log = after.log.value if after.log else None
    lines = []
    old_actions = _by_id(old_log.actions if old_log else [])
    new_actions = _by_id(new_log.actions if new_log else [])
    for key in sorted({*old_actions, *new_actions}):
        if fields := _fields(old_actions.get(key), new_actions.get(key)):
            lines.append(
                f"  action {key}: {', '.join(fields)}{' changed' if fields[0] not in ('added', 'removed') else ''}"
            )
    old_trackers = _by_id(old_log.trackers if old_log else [])
    new_trackers = _by_id(new_log.trackers if new_log else [])
    for tracker_id in sorted({*old_trackers, *new_trackers}):
        old_rows = _by_id(old_trackers[tracker_id].rows) if tracker_id in old_trackers else {}
        new_rows = _by_id(new_trackers[tracker_id].rows) if tracker_id in new_trackers else {}
        for row in sorted({*old_rows, *new_rows}, key=_natural):
            if fields := _fields(old_rows.get(row), new_rows.get(row)):
                lines.append(
                    f"  tracker {tracker_id} row {row}: {', '.join(fields)}"
                    f"{' changed' if fields[0] not in ('added', 'removed') else ''}"
                )
    return lines


def _natural(text: str) -> tuple[str, int]:
    """R2 before R10."""
    head = text.rstrip("0123456789")
    return head, int(text[len(head) :] or 0)
