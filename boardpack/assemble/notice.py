"""The Notice of Key Decisions: the forward plan's key decisions for meetings still to be held, each with what
regulation 9 of SI 2012/2089 says its notice states, and the notice of the intention to hold meetings (or parts of
them) in private (reg 5). The forward plan is public, so nothing here is exempt."""

from __future__ import annotations

import datetime as dt

from ..checks import Checked
from ..document.kinds import PackData
from ..document.nodes import Node, heading, keep, para, strong
from ..model import SCHEDULE_12A, Board, PlanItem
from ..wording import long_date
from .pack import Pack
from .scope import Doc

NOTICE_FILE = "notice-of-key-decisions.pdf"
NOTICE_TITLE = "Notice of Key Decisions"
REGULATIONS = (
    "the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012"
)
OTHER_DOCUMENTS = "Other documents relevant to the matter may be submitted to the decision maker."


def notice_items(papers: Checked) -> list[PlanItem]:
    """The plan's key decisions and private items for meetings whose minutes are not yet written, in date order."""
    if papers.plan is None:
        return []
    return sorted(
        (
            entry
            for entry in papers.plan.value.items
            if (entry.key_decision or entry.private is not None) and entry.meeting not in papers.minutes
        ),
        key=lambda entry: entry.meeting,
    )


def assemble_notice(papers: Checked) -> Pack | None:
    """The Notice of Key Decisions as a pack of one document (None when it would list nothing), dated the day
    its latest entry was published."""
    entries = notice_items(papers)
    if not entries:
        return None
    board = papers.board.value
    day = max(entry.private.published or entry.added if entry.private else entry.added for entry in entries)
    title = f"{board.name}: {NOTICE_TITLE}"
    language, _, region = board.language.partition("-")
    notice: Doc = {"id": "doc-1", "kind": "report", "restricted": None, "heading": NOTICE_TITLE, "level": 1}
    notice |= {"numbering_starts": True, "body": notice_body(board, entries, day)}
    standalone: Doc = {"id": "doc-agenda", "kind": "agenda", "restricted": None, "standalone": True, "sections": []}
    data: PackData = {
        "title": title,
        "board_name": board.name,
        "lang": language.lower(),
        "region": region.upper() or "GB",
        "front": {},
        "documents": [standalone, notice],  # type: ignore[list-item]
    }
    if board.style.colour:
        data["style"] = {"header_fill": board.style.colour}
    return Pack(day, title, dict(data), root=papers.root, name=NOTICE_FILE)


def notice_body(board: Board, entries: list[PlanItem], day: dt.date) -> list[Node]:
    """The notice's text: who gives it and under what, each key decision by meeting, then the private items."""
    body: list[Node] = [
        para(
            f"{board.organisation or board.name} gives notice under regulation 9 of {REGULATIONS} of the key "
            f"decisions below, and under regulation 5 of its intention to hold the meetings, or parts of them, "
            f"listed below in private. This notice was last revised on {long_date(day)}."
        )
    ]
    decisions = [entry for entry in entries if entry.key_decision]
    if decisions:
        body.append(heading(2, "Key decisions"))
    meeting = None
    for entry in decisions:
        if entry.meeting != meeting:
            meeting = entry.meeting
            body.append(heading(3, f"Meeting of {long_date(meeting)}"))
        body.append(keep([heading(4, entry.title), *key_decision(board, entry)]))
    private = [entry for entry in entries if entry.private is not None]
    if private:
        body.append(heading(2, "Notice of intention to hold meetings in private"))
        body.append(
            para(
                "Under regulation 5, the items below are to be considered in private, as they are likely to "
                "involve the disclosure of exempt information under Part 1 of Schedule 12A to the Local "
                "Government Act 1972. Anyone may make representations about why an item should be considered in "
                f"public to {clerk_line(board)}."
            )
        )
        for entry in private:
            body.append(keep([heading(3, entry.title), *private_notice(board, entry)]))
    return body


def key_decision(board: Board, entry: PlanItem) -> list[Node]:
    """A key decision's notice: regulation 9's particulars, and its route."""
    documents = "; ".join(entry.documents) if entry.documents else f"A report of {entry.lead}."
    return [
        field("Matter to be decided:", entry.decision),
        field("Decision maker:", entry.decision_maker or board.name),
        field("Date of decision:", entry.period or f"At the meeting of {long_date(entry.meeting)}"),
        field("Documents submitted:", documents),
        field("How to obtain them:", entry.obtain or clerk_line(board)),
        field("Other documents:", OTHER_DOCUMENTS),
        *route(entry),
        *([field("In private:", f"Yes: {exempt_line(entry)}")] if entry.private else []),
    ]


CAPACITIES = {
    "overview and scrutiny chair": "chair of the relevant overview and scrutiny committee",
    "chair of the council": "chair of the council",
    "vice-chair of the council": "vice-chair of the council",
}


def route(entry: PlanItem) -> list[Node]:
    """How notice of the decision was given: 28 clear days, the general exception or special urgency."""
    published = f"published on {long_date(entry.added)}"
    if (exception := entry.general_exception) is not None:
        return [
            field("Notice:", f"General exception (regulation 10): {published}."),
            field("Why 28 days' notice was impracticable:", exception.reasons),
            field(
                "Overview and scrutiny:",
                f"{exception.scrutiny_chair}, chair of the relevant overview and scrutiny committee, was informed in "
                f"writing on {long_date(exception.informed)}.",
            ),
        ]
    if (urgency := entry.special_urgency) is not None:
        reported = (
            f"Reported to the council on {long_date(urgency.reported)}"
            if urgency.reported
            else "To be reported to the council"
        )
        return [
            field("Notice:", f"Special urgency (regulation 11): {published}."),
            field(
                "Agreed to be urgent:",
                f"{urgency.agreed_by}, {CAPACITIES[urgency.capacity]}, agreed on {long_date(urgency.agreed)} that the "
                "decision is urgent and cannot reasonably be deferred.",
            ),
            field("Why it is urgent:", urgency.reasons),
            field("Report to the council:", f"{reported} (regulation 19)."),
        ]
    return [
        field(
            "Notice:",
            f"{published[0].upper()}{published[1:]}, at least 28 clear days before the decision (regulation 9).",
        )
    ]


def private_notice(board: Board, entry: PlanItem) -> list[Node]:
    """An item's notice of the intention to consider it in private, with its reasons and any representations."""
    notice = entry.private
    assert notice is not None, "only a private item has a notice"
    return [
        field("Meeting:", f"{board.name}, {long_date(entry.meeting)}"),
        field("Exempt information:", exempt_line(entry)),
        field("Reasons:", notice.reasons),
        field("Notice published:", long_date(notice.published or entry.added)),
        field("Representations received:", notice.representations or "None to date."),
    ]


def exempt_line(entry: PlanItem) -> str:
    assert entry.private is not None, "only a private item has a paragraph"
    paragraph = entry.private.paragraph
    return (
        f"paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972 ({SCHEDULE_12A[paragraph]})"
    )


def clerk_line(board: Board) -> str:
    clerk = board.clerk
    return f"{clerk.name}, {clerk.phone}, {clerk.email}"


def field(label: str, text: str) -> Node:
    return para(strong(label), " ", text)
