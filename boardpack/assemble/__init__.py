"""Checked papers -> a pack: the ordered documents of one meeting, as data for the renderers.

The pack is a pure function of the sources and the meeting date. Page numbers are not computed here: Typst lays
the pack out once and resolves the agenda's page ranges, odd-page starts and page stamps itself (see
templates/typst/pack.typ). Each section builder (agenda, minutes, papers, trackers) returns its documents; what
it builds from is a frozen `Scope`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from ..checks import Checked
from ..errors import BoardpackError, Problem, command_line
from ..load import Papers
from ..model import AgendaItem
from ..numbering import item_key, item_numbers
from ..wording import long_date, short_date
from .agenda import make_pack, meeting_pack
from .minutes import call_in_state, decisions_document, minutes_document, minutes_status, record_blocks
from .notice import NOTICE_FILE, NOTICE_TITLE, assemble_notice
from .pack import Pack, item_groups, sized
from .scope import Doc, Files, Scope

__all__ = [
    "NOTICE_FILE",
    "NOTICE_TITLE",
    "Pack",
    "agenda_items",
    "assemble_decisions",
    "assemble_minutes",
    "assemble_notice",
    "assemble_pack",
    "assemble_paper",
    "assemble_supplement",
    "decision_records",
    "item_digests",
    "item_groups",
    "minutes_as_known",
    "minutes_status",
    "paper_meetings",
    "pick_meeting",
]


def _scope(papers: Checked, date: dt.date, private: bool) -> Scope:
    return Scope(papers, date, private, Files())


def pick_meeting(papers: Papers, requested: dt.date | None, today: dt.date, option: str = "--meeting") -> dt.date:
    """The requested meeting (typed as `option` on the command line), else the next one from today, else the latest."""
    if requested is not None:
        if requested not in papers.agendas:
            known = ", ".join(d.isoformat() for d in sorted(papers.agendas)) or "none"
            raise BoardpackError(
                [
                    command_line(
                        option,
                        f"there is no agenda for {requested.isoformat()} "
                        f"(agendas/{requested.isoformat()}.yaml; meetings: {known})",
                    )
                ]
            )
        return requested
    if not papers.agendas:
        raise BoardpackError([Problem("agendas", 0, "", "there are no agendas: add agendas/YYYY-MM-DD.yaml")])
    upcoming = [d for d in papers.agendas if d >= today]
    return min(upcoming) if upcoming else max(papers.agendas)


def paper_meetings(papers: Papers, paper: str) -> list[dt.date]:
    """The meetings whose agendas have `paper` (a cover sheet's path from the repository root)."""
    return sorted(
        date
        for date, agenda in papers.agendas.items()
        if any(item.paper == paper for section in agenda.value.sections for item in section.items)
    )


def assemble_paper(papers: Checked, date: dt.date, paper: str, large_print: bool = False) -> Pack:
    """One paper on its own, as it is sent to another body: its documents from the meeting's pack, headed
    for that meeting and numbered from page 1, without the front sheet and agenda. An exempt paper is
    built only as it is in the private pack."""
    agenda = papers.agendas[date].value
    exempt = any(item.paper == paper and item.exempt for section in agenda.sections for item in section.items)
    pack = assemble_pack(papers, date, private=exempt)
    documents = pack.data["documents"]
    rows = [row for section in documents[0]["sections"] for row in section["items"]]
    number = next(
        n
        for (s, i), n in item_numbers(papers.board.value, agenda).items()
        if agenda.sections[s].items[i].paper == paper
    )
    first = next(n for n, doc in enumerate(documents) if doc.get("item_start") == number)
    last = next(n for n, doc in enumerate(documents) if doc.get("item_end") == number)
    kept = [{**doc, "numbering_starts": n == first} for n, doc in enumerate(documents) if first <= n <= last]
    row = next(r for r in rows if r["number"] == number)
    standalone = {
        "id": "doc-agenda",
        "kind": "agenda",
        "restricted": None,
        "standalone": True,
        "sections": [{"heading": "", "is_break": False, "time": "", "items": [row]}],
    }
    pack.data["documents"] = [standalone, *kept]
    pack.stem = Path(paper).stem.removeprefix(f"{date.isoformat()}-")  # the date leads the file's name once
    ids = {doc["id"] for doc in kept}
    pack.foreign = {doc_id: path for doc_id, path in pack.foreign.items() if doc_id in ids}
    pack.title = f"{pack.data['board_name']}, {short_date(date)}: {row['title']}" + (
        " (not for publication)" if exempt else ""
    )
    pack.data["title"] = pack.title
    return sized(pack, large_print)  # once named: its appendices refer to the paper's standard edition


def assemble_decisions(papers: Checked, date: dt.date, private: bool = False) -> Pack | None:
    """The decision list of the meeting on `date` (None when its minutes record no decisions)."""
    if date not in papers.minutes:
        return None
    scope = _scope(papers, date, private)
    decisions = decisions_document(scope, papers.minutes[date])
    if decisions is None:
        return None
    standalone: Doc = {"id": "doc-agenda", "kind": "agenda", "restricted": None, "standalone": True, "sections": []}
    return make_pack(scope, "decisions", {}, [standalone, decisions], stem="decisions")


def decision_records(papers: Checked) -> list[dict[str, Any]]:
    """Every decision taken outside a meeting (decisions/), the latest first, as the web edition shows it: its page's
    name, title, date, maker, kind, whether it is a key decision, and its record as blocks."""
    records = []
    for path, loaded in papers.records.items():
        record = loaded.value
        scope = _scope(papers, record.date, False).within(path)
        records.append(
            {
                "slug": Path(path).stem,
                "title": record.title,
                "date": record.date.isoformat(),
                "long_date": long_date(record.date),
                "decision_maker": record.decision_maker,
                "kind": "Executive decision" if record.kind == "executive" else "Officer decision",
                "key_decision": record.key_decision,
                "blocks": record_blocks(scope, record),
                "decision": scope.md(record.decision, 2),
                "state": call_in_state(scope, record.call_in),
            }
        )
    return sorted(records, key=lambda r: (r["date"], r["slug"]), reverse=True)


def assemble_minutes(papers: Checked, date: dt.date, private: bool = False) -> Pack | None:
    """The minutes of the meeting on `date` as confirmed and signed, with the amendments agreed at confirmation
    applied (None while they are a draft)."""
    if date not in papers.minutes or papers.confirmation(date) is None:
        return None
    scope = _scope(papers, date, private)
    minutes = minutes_document(scope, papers.minutes[date], known=dt.date.max)
    standalone: Doc = {"id": "doc-agenda", "kind": "agenda", "restricted": None, "standalone": True, "sections": []}
    return make_pack(scope, "confirmed minutes", {}, [standalone, minutes], stem="minutes")


def minutes_as_known(papers: Checked, date: dt.date, known: dt.date) -> Doc:
    """The public minutes of the meeting on `date` as known on `known`: draft, or as confirmed and signed."""
    return minutes_document(_scope(papers, date, False), papers.minutes[date], known)


def assemble_pack(papers: Checked, date: dt.date, private: bool = False, large_print: bool = False) -> Pack:
    """The public (or, with `private`, the private) pack of the meeting on `date`."""
    return sized(meeting_pack(_scope(papers, date, private)), large_print)


def agenda_items(papers: Papers, date: dt.date) -> dict[str, tuple[str, AgendaItem]]:
    """The meeting's agenda items by key (see item_key), each with its number."""
    agenda = papers.agendas[date].value
    return {
        item_key(agenda.sections[s].items[i], number): (number, agenda.sections[s].items[i])
        for (s, i), number in item_numbers(papers.board.value, agenda).items()
    }


def item_digests(papers: Checked, date: dt.date, private: bool = True) -> dict[str, str]:
    """A SHA-256 of what each agenda item prints, in every edition (its row on the agenda and its papers as
    the private pack has them, with the files they show), by key: an item whose digest changes after
    publication has changed for its readers. Without `private`, as the public pack has them (an exempt item:
    its public row alone, which is all a public record may be a digest of)."""
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
            # whether a PDF appendix is tagged follows from its bytes, hashed below (and a digest recorded before the
            # pack said so stays the same)
            shown = {k: v for k, v in doc.items() if k not in ("id", "numbering_starts", "tagged")}
            files = [pack.foreign[doc["id"]]] if doc["id"] in pack.foreign else []
            text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
            files += [pack.images[name] for name in sorted(pack.images) if f'"/{name}"' in text]
            parts[numbers[current]].append([shown, [hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in files]])
        if doc.get("item_end") is not None:
            current = None
    return {
        key: hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        for key, value in parts.items()
    }


def assemble_supplement(
    papers: Checked,
    date: dt.date,
    number: int,
    items: dict[str, str],
    published: dt.date,
    private: bool = False,
    large_print: bool = False,
) -> Pack:
    """Supplementary pack `number` of the meeting on `date`: its own front sheet, then the agenda's rows and
    papers of `items` only (keys, each with a note of the paper it replaces, or "" for an item added since
    `published`, the day the pack was first published)."""
    pack = meeting_pack(_scope(papers, date, private), only=items)
    pack.supplement = number
    pack.data["front"]["supplement"] = f"Supplement {number} to the agenda published on {long_date(published)}"
    pack.data["documents"][0]["heading"] = "Supplementary agenda"
    pack.data["front"]["introduction"] = (
        "The Chair has agreed that the following items, added to the agenda or revised since it was published, be "
        "considered at the meeting as matters of urgency, for the reasons given."
    )
    pack.title = pack.data["title"] = pack.title.replace("Document Pack", f"Document Pack {number}", 1)
    return sized(pack, large_print)
