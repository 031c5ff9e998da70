"""The six-month rule (with `check --as-at`): members nearing or past six months without attending a meeting."""

from __future__ import annotations

import datetime as dt

from ..absence import absences
from ..errors import Problems
from ..load import Papers
from .context import Context


def check_approved_absences(ctx: Context) -> None:
    """An approved absence (s.85) is a member's: an officer or guest has no membership to keep."""
    board = ctx.papers.board
    for index, person in enumerate(board.value.people):
        if person.approved_absences and not person.member:
            ctx.add(
                board,
                ("people", index, "approved_absences"),
                f"'{person.name}' is not a member of the {board.value.kind} (member: true): an approved absence "
                "keeps a member's seat under the six-month rule (Local Government Act 1972 s.85)",
            )


def check_six_months(papers: Papers, problems: Problems, as_at: dt.date) -> None:
    """A warning for each member of the day within a month of, or past, six consecutive months without attending
    (Local Government Act 1972 s.85), at their entry in board.yaml (see absence.py for what the minutes can show)."""
    board = papers.board
    minutes = [loaded.value for loaded in papers.minutes.values()]
    index = {person.name: i for i, person in enumerate(board.value.people)}
    for found in absences(board.value, minutes, as_at):
        problems.warn(board.path, board.line("people", index[found.member.name], "name"), "", found.message())
