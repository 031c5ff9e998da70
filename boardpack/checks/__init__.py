"""Rules over a board's papers, each in the room named for what it judges, run in one ordered list.

Every rule is a function of one shared `Context`: it reads the papers and adds the problems (and warnings) it
finds, naming file, line and field. `check_repository` loads, runs every rule and reports all problems at
once; what it returns is `Checked`, the only papers assembly accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NewType

from ..errors import Problems
from ..load import Papers, load_papers
from ..memo import parses_kept
from . import (
    actions,
    agendas,
    attendance,
    board,
    briefings,
    calendar,
    interests,
    minutes,
    notices,
    papers,
    participation,
    pdf,
    private,
    publication,
)
from .attendance import check_six_months
from .context import Context
from .publication import check_timetable

Checked = NewType("Checked", Papers)  # papers every rule has passed: assembly needs no other

# The rules in the order they run (the order warnings are printed in; problems are printed sorted).
RULES: tuple[Callable[[Context], None], ...] = (
    board.check_board,
    attendance.check_approved_absences,
    agendas.check_agendas,
    papers.check_paper_exemption,
    papers.check_travelling_exemption,
    board.check_deceptive_text,
    papers.check_cover_sheets,
    pdf.check_pdf_appendices,
    minutes.check_minutes,
    private.check_private_business,
    minutes.check_confirmed_minutes_unchanged,
    publication.check_published_agendas,
    publication.check_minutes_before_pack,
    agendas.check_forward_plan,
    participation.check_participation,
    calendar.check_calendar,
    calendar.check_dates_to_come,
    interests.check_regimes,
    interests.check_register,
    interests.check_declarations,
    notices.check_plan_notices,
    notices.check_agenda_notices,
    notices.check_decision_records,
    notices.check_call_in,
    notices.check_decision_records_outside_meetings,
    actions.check_log,
    briefings.check_briefings,
    board.check_characters,
)


def check_repository(root: Path, as_at: dt.date | None = None) -> Checked:
    """Load and check every source; raise BoardpackError listing every problem. With `as_at`, also hold
    each meeting to its timetable as on that day (see check_timetable), and warn of members nearing six months
    without attending (check_six_months)."""
    problems = Problems()
    with parses_kept(root):
        loaded = load_papers(root, problems)
        if loaded is not None:
            check_papers(loaded, problems, as_at or dt.date.today())
            if as_at is not None:
                check_timetable(loaded, problems, as_at)
                check_six_months(loaded, problems, as_at)
    problems.emit_warnings()
    problems.raise_if_any()
    assert loaded is not None, "load_papers returns None only with a problem"
    return Checked(loaded)


def check_papers(loaded: Papers, problems: Problems, today: dt.date) -> None:
    """Add a problem for every reference between sources that does not hold, as on `today`."""
    context = Context(loaded, problems, today)
    for rule in RULES:
        rule(context)
