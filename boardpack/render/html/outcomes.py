"""The web edition's pages of what was decided and done: a page of minutes for every meeting that has them (a
meeting with no agenda in the repository has it as its own page), the decisions register, and a page for each
public action and tracker recommendation with its history from git.

Each generator takes what it shows as arguments (one body's meetings, minutes and records), so a site of several
bodies calls it once a body.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...history import Change
from ...wording import long_date
from .pages import Context, Download, Page, Site, _decision_lists, _megabytes, _page
from .reuse import Edition

# what a change to an action or tracker row touched, in a reader's words (actions.yaml's keys)
FIELDS = {
    "description": "what is to be done",
    "recommendation": "the recommendation",
    "action_required": "the action required",
    "response": "the response",
    "owner": "the owner",
    "leads": "the lead",
    "due": "the due date",
    "due_note": "the due date",
    "status": "the status",
    "rag": "the RAG rating",
    "updates": "the updates",
    "raised": "the meeting that raised it",
    "minute": "the minute that raised it",
}


def minute_anchor(date: str, number: str) -> str:
    """The id of a minute wherever minutes are printed on the site: minute-2012-03-09-2-2."""
    return f"minute-{date}-{number.replace('.', '-')}"


def own_minutes_page(date: str, agenda: bool) -> str:
    """A meeting's own page of minutes, from the site's root: beside its agenda, or its only page."""
    return f"{date}/minutes.html" if agenda else f"{date}/index.html"


def minutes_read_at(printed: dict[str, str], held: dict[str, Context]) -> dict[str, str]:
    """Each meeting with minutes -> the page (from the body's root) a link to one of its minutes goes to: the later
    meeting's item page that prints them (`printed`: a Site's `minutes`), else the meeting's own page of minutes."""
    later = {date: page.removeprefix("../") for date, page in printed.items()}
    return {date: later.get(date) or own_minutes_page(date, meeting["agenda"]) for date, meeting in held.items()}


def item_outcomes(meeting: Context, read_at: dict[str, str], root: str) -> dict[str, Context]:
    """A meeting's outcomes by the number of the agenda item each minute records: the minute's number, its decisions
    and the link to it (from a page `root` below the site's root)."""
    date = meeting["date"]
    return {
        minuted["item"]: {
            "minute": minuted["number"],
            "decisions": minuted["decisions"],
            "link": f"{root}{read_at[date]}#{minute_anchor(date, minuted['number'])}",
        }
        for minuted in meeting["outcomes"]
        if minuted["item"]
    }


def record_links(records: list[Context]) -> dict[str, Any]:
    """The pages of the public actions (by id) and tracker rows (by their tracker's signature, then row id), from
    the site's root: what the action logs' and trackers' rows link."""
    actions = {r["key"]: r["page"] for r in records if r["kind"] == "action"}
    trackers: dict[str, dict[str, str]] = {}
    for r in records:
        if r["kind"] == "recommendation":
            trackers.setdefault(tracker_signature(r["made_by"], r["rows"]), {})[r["row"]] = r["page"]
    return {"actions": actions, "trackers": trackers}


def tracker_signature(made_by: str | None, rows: list[str]) -> str:
    """How a tracker printed in a pack is told from another: the body that made it and its rows' ids."""
    return f"{made_by or ''} :: {' '.join(rows)}"


def decision_lists_of(decisions: dict[str, list[Edition]]) -> dict[str, list[Context]]:
    """Each meeting's public decision lists wherever the site offers them (its own folder, or the later meeting's
    that carries its minutes): the PDF and the page, from the site's root."""
    found: dict[str, list[Context]] = {}
    for folder, lists in sorted(decisions.items()):
        for pack, data in lists:
            kinds = {doc["kind"] for doc in pack.data["documents"]}
            if "decisions" in kinds:
                found.setdefault(pack.date.isoformat(), []).append(
                    {
                        "page": f"{folder}/decisions-{pack.date.isoformat()}.html",
                        "file": f"{folder}/{pack.filename}" if data else "",
                        "size": _megabytes(data),
                    }
                )
    return found


def minutes_pages(
    site: Site,
    held: dict[str, Context],
    read_at: dict[str, str],
    decisions: dict[str, list[Edition]],
    links: dict[str, Any],
) -> tuple[list[Page], list[Download]]:
    """The page of minutes of each meeting with no agenda in the repository (its only page: the date, the minutes
    as known today and its decision list), with the decision lists kept in its own folder. A meeting with an
    agenda has its minutes page among its own (pages.py)."""
    pages, files = [], []
    lists = decision_lists_of(decisions)
    for date, meeting in held.items():
        if meeting["agenda"]:
            continue
        shown = {"date": date, "long_date": meeting["long_date"], "foreign": {}, "links": links}
        own_files, own_lists = _decision_lists(date, decisions.get(date, []))
        files += own_files
        pages.append(
            _page(
                site,
                f"{date}/index.html",
                "minutes.html",
                f"Meeting of {meeting['long_date']}",
                indexed=date not in site.minutes,  # minutes a later meeting prints are searched there, not twice
                held=meeting,
                meeting=shown,
                lists=lists.get(date, []),
                elsewhere=_printed_at(read_at[date]) if date in site.minutes else None,
            )
        )
        pages += [
            _page(
                site,
                f"{date}/{listed['page']}",
                "documents.html",
                listed["heading"],
                indexed=listed["doc"]["kind"] != "minutes",
                meeting=shown,
                documents=[listed["doc"]],
            )
            for listed in own_lists
        ]
    return pages, files


def _printed_at(page: str) -> Context:
    """The later meeting's item page that prints a meeting's minutes ("2012-06-15/item-1-3.html"): its meeting's
    date and the item's number, for the link's words."""
    folder, name = page.split("/")
    return {
        "page": page,
        "long_date": long_date(dt.date.fromisoformat(folder)),
        "item": name.removeprefix("item-").removesuffix(".html").replace("-", "."),
    }


def register_rows(body: str, held: dict[str, Context], read_at: dict[str, str], folder: str = "") -> list[Context]:
    """A body's rows of the decisions register: every public decision of its meetings, the newest meeting first and
    in the order of its minutes, each with its meeting, minute, words, whether it is a key decision and the links to
    its minute and meeting (from the register's folder; `folder`: the body's, within it)."""
    return [
        {
            "date": date,
            "long_date": meeting["long_date"],
            "body": body,
            "minute": minuted["number"],
            "title": minuted["title"],
            "decision": decision,
            "key": minuted["key"],
            "record": "",
            "state": "",
            "link": f"{folder}{read_at[date]}#{minute_anchor(date, minuted['number'])}",
            "meeting": f"{folder}{date}/index.html",
        }
        for date, meeting in sorted(held.items(), reverse=True)
        for minuted in meeting["outcomes"]
        for decision in minuted["decisions"]
    ]


def outside_rows(body: str, outside: list[Context], folder: str = "") -> list[Context]:
    """A body's rows of the decisions register for the decisions taken outside its meetings, by executive members
    and officers (decisions/), each linked to its record, with where it stands with call-in."""
    return [
        {
            "date": record["date"],
            "long_date": record["long_date"],
            "body": body,
            "minute": "",
            "record": f"{record['kind']} by {record['decision_maker']}",
            "title": record["title"],
            "decision": record["decision"],
            "key": record["key_decision"],
            "state": record["state"],
            "link": f"{folder}decisions/{record['slug']}.html",
            "meeting": f"{folder}decisions/{record['slug']}.html",
        }
        for record in outside
    ]


def register_page(site: Site, rows: list[Context]) -> Page:
    """The decisions register (decisions.html) of the rows of one body or several, the newest meeting first; with
    several bodies it has a column and a filter for the body."""
    rows = sorted(rows, key=lambda row: row["date"], reverse=True)  # stable: each meeting's minutes stay in order
    bodies = sorted({row["body"] for row in rows})
    return _page(site, "decisions.html", "register.html", "Decisions register", indexed=False, rows=rows, bodies=bodies)


def record_pages(site: Site, records: list[Context], meetings: list[str], read_at: dict[str, str]) -> list[Page]:
    """A page for each public action and tracker recommendation: what it says as known today, its updates, and its
    history from git (each commit's date, what it changed, and the meeting that change was first reported to)."""
    pages = []
    for record in records:
        raised = record.get("raised", "")
        minute = f"{read_at[raised]}#{minute_anchor(raised, record['minute'])}" if raised in read_at else ""
        pages.append(
            _page(
                site,
                record["page"],
                "record.html",
                record["heading"],
                indexed=False,
                record=record,
                minute=minute,
                history=_history(record["history"], meetings),
            )
        )
    return pages


def records_index_page(site: Site, records: list[Context]) -> Page | None:
    """The list of the public actions and recommendations (actions/index.html), each linking its page, the actions
    first and then each tracker's rows; None when there are none."""
    groups: dict[str, list[Context]] = {}
    for record in records:
        groups.setdefault(record["group"], []).append(record)
    if not groups:
        return None
    return _page(
        site,
        "actions/index.html",
        "records.html",
        "Actions and recommendations",
        indexed=False,
        groups=list(groups.items()),
    )


def _history(changes: list[Change] | None, meetings: list[str]) -> list[Context] | None:
    """Each change, oldest first: its day, what it touched, and the first meeting on or after it (whose papers
    carried it), if any. None when the board's papers are not in git."""
    if changes is None:
        return None
    shown = []
    for change in reversed(changes):
        day = change.date.date()
        after = next((m for m in sorted(meetings) if m >= day.isoformat()), "")
        touched = [FIELDS.get(name, name.replace("_", " ")) for name in change.fields if name != "id"]
        shown.append(
            {
                "date": day.isoformat(),
                "long_date": long_date(day),
                "changed": "Added to the log" if change.fields == ("added",) else "Changed " + _listed(touched),
                "meeting": after,
                "meeting_date": long_date(dt.date.fromisoformat(after)) if after else "",
            }
        )
    return shown


def _listed(words: list[str]) -> str:
    unique = list(dict.fromkeys(words))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]
