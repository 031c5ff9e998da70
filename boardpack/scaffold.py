"""Scaffold the next meeting's agenda: standing items, open actions and trackers to report, future dates."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import carry
from .checks import check_repository
from .errors import BoardpackError, Problem, command_line
from .exemption import Exemption, action_exemption, travelling
from .load import Papers
from .model import FORMS, ActionLog, Agenda, Board, Briefing, Exempt, StandingItem, StandingItems, Timetable, Tracker
from .schedule import Meeting, future_meetings, meeting, meeting_notes
from .schemas import write_schemas
from .templates import shipped_templates
from .timetable import clear_days, day, is_working_day, timeline_lines
from .wording import short_date


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _text(text: str) -> str:
    """Text as YAML: plain when YAML reads it back as the same text, else quoted."""
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.'()/-]*", text) and text.lower() not in (
        "yes",
        "no",
        "on",
        "off",
        "null",
    )
    return text if plain and not text.endswith(" ") else _q(text)


def agenda_text(papers: Papers, date: dt.date) -> str:
    """The YAML of a new agenda for `date`, carried forward from the board's books."""
    board = papers.board.value
    _refuse_a_meeting_not_held(papers, date)
    earlier = [d for d in papers.agendas if d < date]
    previous = papers.agendas[max(earlier)].value if earlier else None
    head = _head(board, date, previous, meeting(papers, date))
    books = _carried(papers, date)
    standing = board.standing_items or EXAMPLE_STANDING_ITEMS
    sections = _merged(
        [
            (standing.opening_heading, _opening(papers, standing, books)),
            (standing.reports_heading, _reports(papers, date, books)),
            (standing.closing_heading, _closing(board, standing, _future(papers, previous, date))),
        ]
    )
    lines = head + [
        line for heading, items in sections for line in (f"  - heading: {_text(heading)}", "    items:", *items)
    ]
    return "\n".join(lines + _private_business(books, date) + _exempt_actions(books)) + "\n"


@dataclass(frozen=True)
class _Books:
    """What a new agenda carries forward from the board's books as at its date, the exempt kept apart."""

    last_meeting: dt.date | None  # the last meeting before it (its agenda or its minutes)
    public_actions: list[carry.ActionState]  # open actions: none before a first meeting
    exempt_actions: list[tuple[carry.ActionState, Exempt]]  # raised under exempt minutes
    public_trackers: list[Tracker]  # trackers with open rows
    private_trackers: list[tuple[Tracker, Exemption]]  # first reported under an exempt item, not yet released


def _carried(papers: Papers, date: dt.date) -> _Books:
    meetings = [d for d in set(papers.agendas) | set(papers.minutes) if d < date]
    last_meeting = max(meetings) if meetings else None
    log = papers.log.value if papers.log else None
    public_actions, exempt_actions = _actions(papers, log, date) if last_meeting is not None else ([], [])
    public_trackers, private_trackers = _trackers(papers, log, date)
    return _Books(last_meeting, public_actions, exempt_actions, public_trackers, private_trackers)


def _actions(
    papers: Papers, log: ActionLog | None, date: dt.date
) -> tuple[list[carry.ActionState], list[tuple[carry.ActionState, Exempt]]]:
    """The open actions, and apart from them those raised under exempt minutes (with their exemption)."""
    marked = [
        (state, action_exemption(papers, state.action)) for state in (carry.open_actions(log, date) if log else [])
    ]
    return [state for state, exempt in marked if exempt is None], [
        (state, exempt) for state, exempt in marked if exempt is not None
    ]


def _trackers(
    papers: Papers, log: ActionLog | None, date: dt.date
) -> tuple[list[Tracker], list[tuple[Tracker, Exemption]]]:
    """The trackers with open rows, and apart from them those exempt as at `date` (with their exemption)."""
    trackers = [
        t for t in (log.trackers if log else []) if any(s.status == "open" for s in carry.tracker_state(t, date)[0])
    ]
    exemptions = travelling(papers)
    marked = [(tracker, exemptions.tracker(tracker.id, date)) for tracker in trackers]
    return (
        [tracker for tracker, exempt in marked if exempt is None],
        [(tracker, exemptions.trackers[tracker.id]) for tracker, exempt in marked if exempt is not None],
    )


def _head(board: Board, date: dt.date, previous: Agenda | None, planned: Meeting | None) -> list[str]:
    """The comments that say where the agenda came from and when its papers are due, and its own fields (its time and
    place from the calendar of meetings, else the last agenda's)."""
    start = planned.start if planned and planned.start else previous.start if previous else None
    venue = planned.venue if planned and planned.venue else previous.venue if previous else None
    return [
        "# yaml-language-server: $schema=../schemas/agenda.schema.json",
        f"# Scaffolded by `boardpack new-meeting {date.isoformat()}`: check times, venue and items.",
        "# Timetable (`boardpack timeline`):",
        *(
            f"#   {what + ':':<31} {day(when)}"
            for what, when, _ in timeline_lines(date, board.timetable)
            if what != "meeting"
        ),
        f"date: {date.isoformat()}",
        f"start: {_q(start or ('9.30 am' if board.style.times == '12-hour' else '9.30'))}",
        f"venue: {_q(venue or 'To be confirmed')}",
        "sections:",
    ]


def _merged(sections: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Sections (heading, the YAML lines of its items) with one heading for several becoming one section, and
    an empty one left out: a board with one heading for all has a single section."""
    merged: list[tuple[str, list[str]]] = []
    for heading, items in sections:
        if merged and merged[-1][0] == heading:
            merged[-1][1].extend(items)
        elif items:
            merged.append((heading, items))
    return merged


def _opening(papers: Papers, standing: StandingItems, books: _Books) -> list[str]:
    """The opening items; the one that takes the minutes (else an item added after them) takes the last
    meeting's minutes and lists the open actions."""
    minutes = _minutes_item(papers, books)
    opening = [line for item in standing.opening for line in _items([item]) + (minutes if item.minutes else [])]
    if books.last_meeting is not None and not any(item.minutes for item in standing.opening):
        opening += [
            f"      - title: {_q(f'Minutes and action from the meeting held on {short_date(books.last_meeting)}')}",
            "        authors: [Chair]",
            *minutes,
        ]
    return opening


def _minutes_item(papers: Papers, books: _Books) -> list[str]:
    """Under the item that takes the last meeting's minutes: the minutes, and the open actions as comments."""
    if books.last_meeting is None:
        return []
    minutes = _minutes_lines(papers, books.last_meeting)
    if books.public_actions:
        minutes.append("        # Open actions carried forward (the action log follows the minutes in the pack):")
        minutes += [f"        #   {_action_line(state)}" for state in books.public_actions]
    return minutes


def _reports(papers: Papers, date: dt.date, books: _Books) -> list[str]:
    """The business the forward plan schedules for the meeting, then the public trackers with open rows."""
    return _planned_items(papers, date) + [
        line for tracker in books.public_trackers for line in _tracker_item(tracker, date)
    ]


def _refuse_a_meeting_not_held(papers: Papers, date: dt.date) -> None:
    """No agenda for a meeting the calendar of meetings cancelled or moved away."""
    for note, held in meeting_notes(papers, date):
        assert papers.calendar is not None, "only the calendar of meetings moves or cancels one"
        hint = f" (boardpack new-meeting {held})" if held is not None else ""
        raise BoardpackError([Problem(papers.calendar.path, 0, "", note + hint)])


def _future(papers: Papers, previous: Agenda | None, date: dt.date) -> list[dt.date]:
    """The dates of the meetings to come: from the calendar of meetings, or else as the last agenda noted them."""
    if papers.calendar is not None:
        return future_meetings(papers, date)
    return [d for d in _future_dates(previous) if d > date]


def _closing(board: Board, standing: StandingItems, future: list[dt.date]) -> list[str]:
    """The closing items, then the dates of the meetings to come."""
    closing = _items(standing.closing)
    if future:
        closing += [
            f"      - title: {_text(f'The {board.kind.capitalize()} to note the dates of future meetings')}",
            "        authors: [Chair]",
            f"        future_meetings: [{', '.join(d.isoformat() for d in future)}]",
        ]
    return closing


def _private_business(books: _Books, date: dt.date) -> list[str]:
    """Exempt trackers stay exempt, in private business at the end, until released."""
    if not books.private_trackers:
        return []
    lines = ["  - heading: Private business", "    items:"]
    for tracker, exemption in books.private_trackers:
        lines += _tracker_item(tracker, date)
        lines += [
            f"        exempt:   # first reported under an exempt item ({exemption.where})",
            f"          paragraph: {exemption.exempt.paragraph}",
            f"          public_title: {_q(exemption.exempt.public_title or 'Exempt item')}"
            "   # the public agenda's title",
            "          # public_interest: the outcome of the public interest test at this meeting, in one sentence",
        ]
    return lines


def _exempt_actions(books: _Books) -> list[str]:
    """Actions raised under exempt minutes, for the clerk only: never in the public part."""
    if not books.exempt_actions:
        return []
    return [
        "# Open actions raised under exempt minutes, NOT FOR PUBLICATION (report them in private business):",
        *(f"#   {_action_line(state)} (paragraph {exempt.paragraph})" for state, exempt in books.exempt_actions),
    ]


def _planned_items(papers: Papers, date: dt.date) -> list[str]:
    """The forward plan's business for the meeting, as agenda items (key decisions marked, with their notice)."""
    lines = []
    for entry in papers.plan.value.items if papers.plan else []:
        if entry.meeting != date:
            continue
        lines += [f"      - title: {_q(entry.title)}"]
        if entry.purpose:
            lines.append(f"        purpose: {_q(entry.purpose)}")
        lines.append(f"        authors: [{_q(entry.lead)}]")
        if entry.key_decision:
            clear = clear_days(entry.added, date)
            notice = (
                f"{clear} clear days' notice{'' if clear >= 28 else ' (28 are needed)'}"
                if entry.route == "notice"
                else f"taken under {entry.route}"
            )
            lines.append(
                f"        key_decision: true   # in the forward plan since {entry.added.isoformat()}: {notice}"
            )
        lines.append(
            f"        # paper: cover_sheets/{date.isoformat()}-NAME.md   # from the forward plan: {entry.lead} reports"
        )
    return lines


def _minutes_lines(papers: Papers, last_meeting: dt.date | None) -> list[str]:
    """The `minutes:` line of the item that takes the last meeting's minutes (commented out until they exist)."""
    if last_meeting is None:
        return []
    if last_meeting in papers.minutes:
        return [f"        minutes: {last_meeting.isoformat()}"]
    return [
        f"        # write minutes/{last_meeting.isoformat()}.yaml, then uncomment the next line:",
        f"        # minutes: {last_meeting.isoformat()}",
    ]


# As board.yaml would give them (validated, so every field but the titles takes its default).
EXAMPLE_STANDING_ITEMS = StandingItems.model_validate({"opening": ["Welcome", "Apologies"]})


def _items(items: list[StandingItem]) -> list[str]:
    """Standing items as agenda YAML."""
    lines = []
    for item in items:
        lines.append(f"      - title: {_text(item.title)}")
        if item.purpose:
            lines.append(f"        purpose: {_q(item.purpose)}")
        lines.append(f"        authors: [{', '.join(_q(a) if a != 'Chair' else a for a in item.authors)}]")
    return lines


def _action_line(state: carry.ActionState) -> str:
    due = f", due {state.action.due.isoformat()}" if state.action.due else ""
    return f"{state.action.id} {state.action.owner}{due}{' OVERDUE' if state.overdue else ''}"


def _tracker_item(tracker: Tracker, date: dt.date) -> list[str]:
    states, _ = carry.tracker_state(tracker, date)
    open_rows = ", ".join(s.row.id for s in states if s.status == "open")
    return [
        f"      - title: {_q(tracker.title)}",
        f"        purpose: {_q(f'To review progress on the open recommendations ({open_rows}).')}",
        "        authors: [Chair]   # replace with the lead officer",
        f"        tracker: {_q(tracker.id)}",
    ]


def _future_dates(agenda: Agenda | None) -> list[dt.date]:
    if agenda is None:
        return []
    return sorted({d for section in agenda.sections for item in section.items for d in item.future_meetings})


def new_meeting(root: Path, date: dt.date) -> Path:
    """Write agendas/DATE.yaml from the checked sources; never overwrite an existing file."""
    relative = f"agendas/{date.isoformat()}.yaml"
    path = root / relative
    if path.exists() or path.is_symlink():
        raise BoardpackError([Problem(relative, 0, "", "already exists; boardpack never overwrites an agenda")])
    text = agenda_text(check_repository(root), date)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise BoardpackError(
            [Problem(relative, 0, "", "already exists; boardpack never overwrites an agenda")]
        ) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
    return path


INIT_BOARD = """\
# yaml-language-server: $schema=schemas/board.schema.json
# {name}: the body whose papers this repository holds. See boardpack's README, "The source format".
name: {name}                      # the body, as its minutes name it
organisation: {organisation}      # printed above the body on the front sheet
kind: {kind}                      # board, committee, panel or group: "The {Kind} is recommended to resolve…"
front_sheet_title: {name}
language: en-GB
chair: Cllr Alex Chair
clerk:
  name: Sam Clerk
  phone: "01234 567890"
  email: clerk@example.org
report_form: {form}               # cover-sheet or officer-report, or the body's own fields
style:
  times: {times}                  # 24-hour (9.30, 14.15) or 12-hour: write "7.10 pm" or "19.10", not "7.10"
  numbering: {numbering}          # sectioned (2.1) or flat (1-9)
  appendices: letters             # as titled, letters (Appendix A) or numbers (Appendix 1)
  membership_on_front_sheet: true
  other_formats: "This report is available in large print or other formats on request: contact the clerk."
standing_items:                   # what `boardpack new-meeting` puts on every agenda
  opening: [Apologies, Declarations of interest]
  closing: [Any other urgent business]
posts:                            # offices that may write a report or be its responsible officer
  - title: Director for People
people:                           # everyone the papers name, written the same way everywhere
  - {{name: Cllr Alex Chair, role: Councillor, member: true}}
  - {{name: Cllr Jo Member, role: Councillor, member: true}}
  - {{name: Pat Officer, role: Head of Service}}
"""

INIT_AGENDA = """\
# yaml-language-server: $schema=../schemas/agenda.schema.json
date: {date}
start: "{start}"                   # {clock}
venue: Council Chamber
sections:
  - heading: Agenda
    items:
      - title: Apologies
        authors: [Chair]
      - title: Declarations of interest
        authors: [Chair]
      - title: An example report
        start: "{item_start}"
        end: "{item_end}"
        purpose: To show how a report is written; replace it with your own.
        authors: [Pat Officer]
        paper: cover_sheets/example-report.md
      - title: Any other urgent business
        authors: [Chair]
"""

# VS Code's YAML extension reads schemas from its `yaml.schemas` setting (a modeline in Markdown front matter it
# ignores): each source file to the schema of its kind, as `boardpack schemas` writes them.
VSCODE_SETTINGS = (
    json.dumps(
        {
            "yaml.schemas": {
                f"./schemas/{kind}.schema.json": files
                for kind, files in (
                    ("board", "board.yaml"),
                    ("council", "council.yaml"),
                    ("agenda", "agendas/*.yaml"),
                    ("minutes", "minutes/*.yaml"),
                    ("actions", "actions.yaml"),
                    ("interests", "interests.yaml"),
                    ("forward_plan", "forward_plan.yaml"),
                    ("meetings", "meetings.yaml"),
                    ("decision_record", "decisions/*.yaml"),
                    ("publications", "publications/*.yaml"),
                )
            }
        },
        indent=2,
    )
    + "\n"
)

INIT_REPORTS = {
    "cover-sheet": """\
---
# The fields of this body's report form are in schemas/cover_sheet.schema.json; editors do not check front
# matter in Markdown against a schema, so `boardpack check` does (the YAML files are checked as you type).
title: An example report
responsible_officer: Pat Officer
purpose: To show how a report is written.
recommendations: That the {kind} notes the report.
consultation_record: None.
---
# An example report

Write the report here in Markdown: `## headings`, lists, tables and images (`![what it shows](images/chart.png)`).
""",
    "officer-report": """\
---
# The fields of this body's report form are in schemas/cover_sheet.schema.json; editors do not check front
# matter in Markdown against a schema, so `boardpack check` does (the YAML files are checked as you type).
title: An example report
responsible_officer: Director for People
report_number: "1/{year}"
purpose: To show how a report is written.
recommendations: That the {kind} notes the report.
risks:
  - {{risk: Finance, impact: low, mitigation: Met from existing budgets.}}
background_papers: []
contact: {{name: Pat Officer, role: Head of Service, phone: "01234 567890", email: pat.officer@example.org}}
---
# An example report

## Background

Write the report here in Markdown: `### headings` (numbered 3.1, 3.2), lists, tables and images.
""",
}

INIT_README = """\
# {name}: meeting papers

The papers of the {name} are kept here as Markdown and YAML and built into Public Document
Packs, Word documents and a web edition with [boardpack](https://pypi.org/project/boardpack/).

- `board.yaml`: the body, its people, house style and report form.
- `agendas/YYYY-MM-DD.yaml`: a meeting. Start the next one with `boardpack new-meeting YYYY-MM-DD`.
- `cover_sheets/NAME.md`: a report; its front matter holds the fields of the body's report form.
- `minutes/YYYY-MM-DD.yaml`, `actions.yaml`: the minutes, the action log and recommendation trackers.

`boardpack check` says what is wrong, file and line; `boardpack build` writes the packs into
`build/`; `boardpack paper cover_sheets/NAME.md` writes one report on its own; `boardpack site`
writes the web edition into `site/`. Editors that read `# yaml-language-server: $schema=…`
check each file as you type against `schemas/` (refresh them with `boardpack schemas`).

`pip install pre-commit && pre-commit install` runs `boardpack check` before every commit
(`.pre-commit-config.yaml`). On GitHub (`.github/workflows/boardpack.yml`) or GitLab
(`.gitlab-ci.yml`), every push is checked, and `boardpack publish` tagging a publication
(`publish/YYYY-MM-DD`) publishes the public web edition, with its PDF packs, to Pages.
"""


def init_repository(folder: Path, form: str, name: str, today: dt.date, install: str | None = None) -> list[Path]:
    """Start a new body's repository in `folder` (new or empty): board.yaml, one meeting with one
    report in the body's form, schemas, .gitignore, a README for its authors, and the configuration that
    checks the papers on commit (pre-commit) and on push, and publishes the web edition on a publication's
    tag (GitHub Actions, GitLab CI), installing boardpack as `install` says (default: as it is installed here)."""
    install = install_requirement() if install is None else install

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BoardpackError(
            [
                Problem(
                    str(folder),
                    0,
                    "",
                    "already exists and is not empty: boardpack init starts a new repository in a new or empty folder",
                )
            ]
        )
    council = form == "officer-report"
    kind = "panel" if council else "board"
    date = today + dt.timedelta(days=28)
    while not is_working_day(date, Timetable()):  # a meeting on a weekday, not a bank holiday
        date += dt.timedelta(days=1)
    texts = {
        "board.yaml": INIT_BOARD.format(
            name=name,
            organisation="Example Council",
            kind=kind,
            Kind=kind.capitalize(),
            form=form,
            times="12-hour" if council else "24-hour",
            numbering="flat" if council else "sectioned",
        ),
        f"agendas/{date.isoformat()}.yaml": INIT_AGENDA.format(
            date=date.isoformat(),
            start="19.00" if council else "9.30",
            item_start="7.10 pm" if council else "9.40",
            item_end="7.50 pm" if council else "10.20",
            clock='times as "7.10 pm" or "19.10": "7.10" could be morning or evening'
            if council
            else 'times on the 24-hour clock, as "9.30" or "14.15"',
        ),
        "cover_sheets/example-report.md": INIT_REPORTS[form].format(kind=kind.capitalize(), year=date.year),
        "README.md": INIT_README.format(name=name),
        ".gitignore": "build/\nsite/\n.venv/\n__pycache__/\n",
        ".vscode/settings.json": VSCODE_SETTINGS,
    }
    ready = shipped_templates() / "init"
    for relative, name in (
        (".pre-commit-config.yaml", "pre-commit-config.yaml"),
        (".github/workflows/boardpack.yml", "github-workflow.yml"),
        (".gitlab-ci.yml", "gitlab-ci.yml"),
    ):
        texts[relative] = (ready / name).read_text(encoding="utf-8").replace("__BOARDPACK__", install)
    written = []
    for relative, text in texts.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written + write_schemas(folder / "schemas", FORMS[form])


def install_requirement() -> str:
    """How CI should install the boardpack running now (PEP 610's record of where it came from): its repository at
    its commit, or its version from an index; "" when it was installed from a folder here, which CI cannot reach
    (the workflows then stop, saying to set it). Never a bare name a stranger could register on an index."""
    import json
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        found = distribution("boardpack")
    except PackageNotFoundError:
        return ""
    record = found.read_text("direct_url.json")
    if record is None:
        return f"boardpack=={found.version}"
    origin = json.loads(record)
    vcs = origin.get("vcs_info")
    return f"git+{origin['url']}@{vcs['commit_id']}" if vcs and vcs.get("vcs") == "git" else ""


def first_commit(folder: Path, name: str) -> str:
    """Make the new body's folder a git repository with its first commit (history, publish and check --as-at read
    git); return what was done, or, when it cannot be, plainly what the author should do instead."""
    try:
        import git  # only init pays for GitPython
    except ImportError:
        return f"git is not installed: install it, then in {folder} run `git init`, `git add -A` and `git commit`"
    message = f"Start the papers of {name if name.lower().startswith('the ') else 'the ' + name}"
    try:
        enclosing = git.Repo(folder.parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        enclosing = None
    if enclosing is not None:
        return f"{folder} is inside the git repository {enclosing.working_tree_dir}: add and commit it there"
    repo = git.Repo.init(folder)
    repo.git.add(A=True)
    try:
        repo.git.config("user.name")
        repo.git.config("user.email")
    except git.GitCommandError:
        return (
            f"{folder} is a git repository with its files staged, not committed: git does not know who you are. "
            'Run `git config --global user.name "Your Name"` and `git config --global user.email you@example.org`, '
            f'then in {folder}: `git commit -m "{message}"`'
        )
    repo.git.commit(m=message)
    return f"{folder} is a git repository, with the files committed: {message}"


def new_briefing(root: Path, date: dt.date | None = None, today: dt.date | None = None) -> Path:
    """Scaffold briefings/YYYY-MM.md, the next issue after the latest: a month after it (or on `date`), its volume
    and issue numbered on (a new year begins the next volume), its masthead, letter and standing sections carried
    forward; never overwrites. The first issue of a repository without one starts at volume 1, issue 1."""
    root = root.resolve()
    papers = check_repository(root)
    latest = max(papers.briefings.values(), key=lambda b: (b.value.date, b.path), default=None)
    previous = latest.value if latest is not None else None
    if date is None:
        date = _month_after(previous.date) if previous is not None else (today or dt.date.today())
    path = root / "briefings" / f"{date:%Y-%m}.md"
    relative = path.relative_to(root).as_posix()
    if path.exists():
        raise BoardpackError([Problem(relative, 0, "", "already exists: boardpack briefing new never overwrites")])
    if previous is not None and date <= previous.date:
        shown = latest.path if latest is not None else ""
        raise BoardpackError([command_line("--date", f"{date} is not after the date of the latest issue, {shown}")])
    path.parent.mkdir(exist_ok=True)
    path.write_text(briefing_text(papers.board.value, previous, date), encoding="utf-8")
    return path


def briefing_text(board: Board, previous: Briefing | None, date: dt.date) -> str:
    """The next issue's source: front matter carried forward and numbered on, and a heading for each standing
    section."""
    volume, issue = (1, 1) if previous is None else (previous.volume, previous.issue)
    if previous is not None and issue is not None:
        new_volume = volume is not None and date.year > previous.date.year
        volume, issue = (volume + 1, 1) if new_volume and volume is not None else (volume, issue + 1)
    lines = ["---", f"title: {_text(previous.title if previous else board.name + ' Briefing')}"]
    lines += [f"volume: {volume}"] if volume is not None else []
    lines += [f"issue: {issue}"] if issue is not None else []
    lines.append(f"date: {date.isoformat()}")
    lines.append(f"audience: {_text(previous.audience if previous else 'TO DO: whom the briefing is for')}")
    if previous is not None and previous.publisher:
        lines.append(f"publisher: {_text(previous.publisher)}")
    if previous is not None and previous.letter is not None:
        letter = previous.letter
        lines += ["letter:", f"  salutation: {_text(letter.salutation)}", f"  closing: {_text(letter.closing)}"]
        lines.append(f"  signatory: {_text(letter.signatory)}")
    sections = previous.sections if previous is not None else []
    if sections:
        lines += ["sections:", *(f"  - {_text(s)}" for s in sections)]
    if previous is not None and previous.events_heading != Briefing.model_fields["events_heading"].default:
        lines.append(f"events_heading: {_text(previous.events_heading)}")
    lines += ["---", "Write the letter or introduction here, then each article under a `## heading`.", ""]
    for section in sections:
        lines += [f"# {section}", ""]
    return "\n".join(lines)


def _month_after(day: dt.date) -> dt.date:
    """The same day a month later (the month's last day when it has no such day, or when `day` was a last day)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    was_last = (day + dt.timedelta(days=1)).month != day.month
    return dt.date(year, month, last if was_last else min(day.day, last))
