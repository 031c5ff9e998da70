"""The `boardpack` command: thin wrappers over the library that print problems and set the exit code."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import re
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import click

from .errors import BoardpackError, BoardpackWarning, Problem, Problems, command_line
from .outputs import shown
from .repository import did_you_mean

if TYPE_CHECKING:
    from .build import Built, Shard
    from .load import Papers
    from .model import ActionLog

# Each command imports the part of the library it uses when it runs, so that a command never
# pays for libraries it does not need (Typst, pikepdf, Jinja2, Word, git).

EXIT_PROBLEMS = 2
EXIT_OVERDUE = 1  # `due`: something is overdue

# Each rendering process holds a whole pack's pages (up to a gigabyte for a 1,500-page pack), so the
# default stops at four however many processors there are.
jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: min(os.cpu_count() or 1, 4),
    show_default="the number of processors, at most 4",
    help="How many packs to render at once, each in a process of its own.",
)


def _date(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A date typed as an argument or option (every command's): YYYY-MM-DD, in the years boardpack works in."""
    from .timetable import FIRST_YEAR, LAST_YEAR

    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD") from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        name = param.opts[0] if isinstance(param, click.Option) else (param.name or "date").upper()
        raise argument_problem(
            name, f"{value} is outside the years {FIRST_YEAR} to {LAST_YEAR}, whose working days boardpack can count"
        )
    return date


quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="Print only problems and warnings: no progress, no list of what was written."
)


def _shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Shard | None:
    """A part of a run's meetings for a matrix of CI jobs: I/N."""
    if value is None:
        return None
    from .build import Shard

    try:
        return Shard.parse(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


shard_option = click.option(
    "--shard",
    callback=_shard,
    metavar="I/N",
    default=None,
    help="Only part I of N of the meetings (for a matrix of CI jobs): the parts' folders copied together hold "
    "exactly what one run writes (a site's shared pages then come from a run without --shard over them).",
)


def _remember_root(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    ctx.meta["boardpack.root"] = value  # for what the messages may not name (see _redacted)
    return value


out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: build/ in the repository).",
)
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The board's repository.",
    callback=_remember_root,
)


def _redacted(text: str) -> str:
    """A message as CI prints it. CI logs are read by anyone who can see the repository, so there a message about
    an exempt file prints only its place (it may quote the file), other messages name exempt files and items'
    titles only as "[exempt]", and while an agenda cannot be read (so what is exempt cannot be known) no paper,
    appendix or image is named at all."""
    if not os.environ.get("CI"):
        return text
    context = click.get_current_context(silent=True)
    meta = context.meta if context else {}
    if "boardpack.exempt" not in meta:  # read once a command, as the sources are then
        meta["boardpack.exempt"] = _exempt(Path(meta.get("boardpack.root") or "."))
    known = meta["boardpack.exempt"]
    label, body = ("warning: ", text[9:]) if text.startswith("warning: ") else ("", text)
    if known is None:
        where = re.match(rf"{_SOURCES}:(\d+)?", body)
        if where:
            return (
                f"{label}[a file]:{where.group(1) or 0}: a problem in a paper, appendix or image, which may be "
                "exempt while an agenda cannot be read: run `boardpack check` where the papers are kept"
            )
        return re.sub(_SOURCES, "[a file]", text)
    sources, mentions = known
    for path in sources:
        if body.startswith(f"{path}:"):
            line = body[len(path) + 1 :].split(":", 1)[0]
            return (
                f"{label}[exempt]:{line if line.isdigit() else 0}: a problem in an exempt file: run `boardpack "
                "check` where the papers are kept"
            )
    for mention in mentions:
        text = text.replace(mention, "[exempt]")
    return text


_SOURCES = r"(?:cover_sheets|appendices|images)/[^\s:'\"(),]+"


def _exempt(root: Path) -> tuple[set[str], list[str]] | None:
    """(exempt files, what names exempt material) as far as the sources can be read; None while an agenda
    cannot be read, which says what is exempt."""
    from .exemption import exempt_mentions, exempt_sources
    from .load import load_papers

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        papers = load_papers(root, Problems())  # as far as the sources can be read: they may be why we print
    if papers is None or any(path.startswith("agendas/") for path in papers.unreadable):
        return None
    return exempt_sources(papers), exempt_mentions(papers)


# Commands that only read: their problems end without "nothing was written", which would say they write.
READ_ONLY = {
    "check",
    "due",
    "actions",
    "attendance",
    "interests",
    "tracker",
    "history",
    "timeline",
    "verify",
    "changes",
    "serve",
}


def _report(error: BoardpackError, command: str | None) -> NoReturn:
    for problem in error.problems:
        click.echo(_redacted(str(problem)), err=True)
    count = len(error.problems)
    written = "" if command in READ_ONLY else "; nothing was written"
    click.echo(f"{count} problem{'s' if count != 1 else ''} found{written}.", err=True)
    sys.exit(EXIT_PROBLEMS)


def argument_problem(option: str, message: str) -> BoardpackError:
    return BoardpackError([command_line(option, message)])


def _unknown_person(option: str, name: str, people: list[str]) -> BoardpackError:
    return argument_problem(option, f"'{name}' is not one of the board's people{did_you_mean(name, people)}")


_SHOW_WARNING = warnings.showwarning


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    if issubclass(category, BoardpackWarning):
        click.echo(_redacted(f"warning: {message}"), err=True)
    else:
        _SHOW_WARNING(message, category, filename, lineno, file, line)


class _Commands(click.Group):
    """The command group: a BoardpackError from any command is printed compiler-style, exit status 2;
    a BoardpackWarning is printed as "warning: …" and the command goes on."""

    def invoke(self, ctx: click.Context) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("always", BoardpackWarning)
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except BoardpackError as error:
                _report(error, ctx.invoked_subcommand)


@click.group(cls=_Commands)
@click.version_option(package_name="boardpack")
def main() -> None:
    """Compile a board's papers (Markdown and YAML in git) into meeting packs."""


@main.command()
@root_option
@click.option(
    "--meeting", callback=_date, metavar="YYYY-MM-DD", help="The meeting (default: the next, else the latest)."
)
@out_option
@click.option("--large-print", is_flag=True, help="Build the large-print pack (text at least 16 pt) instead.")
@click.option("--docx", is_flag=True, help="Also write the agenda, cover sheets and minutes as Word documents.")
@click.option(
    "--all", "every", is_flag=True, help="Every meeting's packs, rendering again only those whose sources changed."
)
@jobs_option
@shard_option
@quiet_option
def build(
    root: Path,
    meeting: dt.date | None,
    out: Path | None,
    large_print: bool,
    docx: bool,
    every: bool,
    jobs: int,
    shard: Shard | None,
    quiet: bool,
) -> None:
    """Build a meeting's Public Document Pack (and its private pack when items are exempt).

    Example: boardpack build --meeting 2012-06-15 --out build
    """
    from .build import Shard, build_all, build_pack
    from .memo import parses_kept
    from .progress import wanted

    started = time.perf_counter()
    if shard is not None and not every:
        raise click.UsageError("--shard splits the meetings of --all: add --all")
    if every:
        if meeting is not None:
            raise click.UsageError("--all builds every meeting: leave out --meeting")
        with parses_kept(root):
            built = build_all(
                root, out, large_print=large_print, docx=docx, jobs=jobs, progress=wanted(quiet), shard=shard or Shard()
            )
        _wrote(built.written, quiet)
        if not quiet:
            click.echo(_summary(built, time.perf_counter() - started, out if out is not None else root / "build"))
        return
    with parses_kept(root):  # the reports' text as the pack prints it, besides what check parsed
        written = build_pack(root, meeting, out, large_print=large_print, docx=docx, jobs=jobs)
    _wrote(written, quiet)
    if not quiet:
        click.echo(
            f"{len(written)} file{'s' if len(written) != 1 else ''} written to {shown(written[0].parent)} "
            f"in {time.perf_counter() - started:.1f} s"
        )


def _wrote(paths: list[Path], quiet: bool) -> None:
    for path in [] if quiet else paths:
        click.echo(f"wrote {shown(path)}")


@main.command()
@root_option
@click.argument("paper", metavar="cover_sheets/NAME.md")
@click.option(
    "--meeting",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="The meeting the paper is for, when it is on more than one agenda.",
)
@out_option
@click.option("--large-print", is_flag=True, help="At large-print size (text at least 16 pt).")
@click.option("--docx", is_flag=True, help="Also write it as a Word document.")
def paper(root: Path, paper: str, meeting: dt.date | None, out: Path | None, large_print: bool, docx: bool) -> None:
    """Build one report on its own, headed for the meeting it is on the agenda of, as a report sent to
    another body is: YYYY-MM-DD-NAME.pdf (an exempt one: YYYY-MM-DD-NAME-private.pdf).

    Example: boardpack paper cover_sheets/2012-06-15-camhs.md --docx
    """
    from .build import build_paper

    for path in build_paper(root, paper, meeting, out, large_print=large_print, docx=docx):
        click.echo(f"wrote {shown(path)}")


@main.group()
def briefing() -> None:
    """Briefings for partners (briefings/NAME.md): scaffold the next issue, build an issue's editions.

    Example: boardpack briefing build 2010-03
    """


@briefing.command("new")
@root_option
@click.option(
    "--date", callback=_date, metavar="YYYY-MM-DD", help="The new issue's date (default: a month after the latest's)."
)
def briefing_new(root: Path, date: dt.date | None) -> None:
    """Scaffold briefings/YYYY-MM.md, the next issue: its volume and issue numbered on from the latest (a new
    year begins the next volume), its masthead, letter and standing sections carried forward; never overwrites.

    Example: boardpack briefing new
    """
    from .scaffold import new_briefing

    click.echo(f"wrote {shown(new_briefing(root, date))}")


@briefing.command("build")
@root_option
@click.argument("issue", required=False, metavar="[ISSUE]")
@out_option
def briefing_build(root: Path, issue: str | None, out: Path | None) -> None:
    """Build the editions of a briefing (ISSUE: its name, as 2010-03, or briefings/2010-03.md; default: the
    latest): briefing-ISSUE.pdf, tagged PDF/UA-1, briefing-ISSUE-large-print.pdf, and the e-mail edition,
    briefing-ISSUE-email.html (one file, styles inline), its plain text briefing-ISSUE-email.txt and both as one
    message, briefing-ISSUE.eml. Its web page is published by `boardpack site`.

    Example: boardpack briefing build 2010-03
    """
    from .build import build_briefing

    for path in build_briefing(root, issue, out):
        click.echo(f"wrote {shown(path)}")


@main.command()
@root_option
@out_option
def notice(root: Path, out: Path | None) -> None:
    """Build the Notice of Key Decisions, notice-of-key-decisions.pdf: the forward plan's key decisions for
    meetings still to be held, with the particulars regulation 9 asks for and the route of each (28 clear days'
    notice, the general exception or special urgency), and the notice of items to be taken in private (reg 5).

    Example: boardpack notice
    """
    from .build import build_notice

    for path in build_notice(root, out):
        click.echo(f"wrote {shown(path)}")


def _summary(built: Built, seconds: float, folder: Path) -> str:
    return (
        f"{built.rendered + built.reused} packs: {built.rendered} rendered, {built.reused} reused "
        f"(sources unchanged), written to {shown(folder.resolve())} in {seconds:.1f} s"
    )


@main.command()
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: site/ in the repository, or beside council.yaml); replaced whole when complete.",
)
@click.option(
    "--council",
    "council",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Build the council's site of every body that council.yaml names (in place of --root's body alone).",
)
@jobs_option
@shard_option
@quiet_option
def site(root: Path, out: Path | None, council: Path | None, jobs: int, shard: Shard | None, quiet: bool) -> None:
    """Build the accessible web edition of every meeting (static HTML, relative links), or with --council a
    council's site across its bodies.

    Example: boardpack site --out site
    """
    from .build import Shard, build_council_site, build_site
    from .progress import wanted

    started = time.perf_counter()
    if council is not None:
        built = build_council_site(council, out, jobs=jobs, progress=wanted(quiet), shard=shard or Shard())
    else:
        built = build_site(root, out, jobs=jobs, progress=wanted(quiet), shard=shard or Shard())
    _wrote([built.folder], quiet)
    if not quiet:
        click.echo(_summary(built, time.perf_counter() - started, built.folder))


@main.command()
@root_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on localhost (0: any free port).",
)
@click.option(
    "--pdf",
    "meeting",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Also show this meeting's public PDF pack, compiled again first on every change, on a page each page links.",
)
def serve(root: Path, port: int, meeting: dt.date | None) -> None:
    """Preview the web edition on localhost while you edit: it is built again whenever a source is saved and
    the page in the browser reloads; problems show in the terminal and on the page.

    Example: boardpack serve --pdf 2012-06-15
    """
    from .serve import serve as run

    run(root, port, meeting)


@main.command("minutes-draft")
@root_option
@click.argument("date", callback=_date, metavar="YYYY-MM-DD")
@out_option
def minutes_draft_command(root: Path, date: dt.date, out: Path | None) -> None:
    """Write the clerk's note-taking document for a meeting (not for circulation).

    Attendance to tick, the agenda items as numbered minute headings with an empty action
    table each, and the open actions due for report.

    Example: boardpack minutes-draft 2012-06-15
    """
    from .build import build_minutes_draft

    path = build_minutes_draft(root, date, out)
    click.echo(f"wrote {shown(path)}")


@main.command()
@root_option
@click.option(
    "--as-at",
    "as_at",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Also hold each meeting to its timetable as on this day: reports missing once finals are due "
    "(warnings), items added after publication without a reason for urgency (problems); and warn of members "
    "nearing or past six months without attending (Local Government Act 1972 s.85).",
)
def check(root: Path, as_at: dt.date | None) -> None:
    """Check every source without building anything.

    Example: boardpack check
    """
    from .checks import check_repository

    papers = check_repository(root, as_at)
    briefings = f", {len(papers.briefings)} briefings" if papers.briefings else ""
    click.echo(
        f"ok: {len(papers.agendas)} agendas, {len(papers.cover_sheets)} cover sheets, "
        f"{len(papers.minutes)} minutes{briefings} checked"
    )


as_at_option = click.option(
    "--as-at", "as_at", callback=_date, metavar="YYYY-MM-DD", help="Show the state as at this date (default: today)."
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


def _log(root: Path) -> tuple[Papers, ActionLog]:
    """The checked sources and their action log (which these commands need)."""
    from .checks import check_repository

    papers = check_repository(root)
    if papers.log is None:
        raise BoardpackError([Problem("actions.yaml", 0, "", "file is missing")])
    return papers, papers.log.value


@main.command()
@root_option
@as_at_option
@click.option("--owner", help="Only this person's actions (their name as in board.yaml).")
@click.option("--overdue", is_flag=True, help="Only overdue actions.")
@click.option("--public", is_flag=True, help="Leave out actions raised under exempt minutes (for publishing).")
@format_option
def actions(root: Path, as_at: dt.date | None, owner: str | None, overdue: bool, public: bool, fmt: str) -> None:
    """Open actions grouped by owner, overdue first.

    Example: boardpack actions --as-at 2012-06-15 --owner "Pete Aley"
    """
    from .exemption import action_exemption
    from .views import render_actions

    papers, log = _log(root)
    if owner is not None and papers.board.value.person(owner) is None:
        raise _unknown_person("--owner", owner, [p.name for p in papers.board.value.people])
    exempt = {action.id: action_exemption(papers, action) for action in log.actions}
    click.echo(render_actions(log, as_at or dt.date.today(), owner, overdue, fmt, exempt, public), nl=False)


@main.command()
@root_option
@click.option(
    "--as-at", "as_at", callback=_date, metavar="YYYY-MM-DD", help="What is due as at this date (default: today)."
)
@click.option(
    "--public",
    is_flag=True,
    help="Leave out the obligations of exempt business, whose owners may be named only in exempt papers (always "
    "so in CI, whose log the public may read).",
)
@format_option
def due(root: Path, as_at: dt.date | None, public: bool, fmt: str) -> None:
    """Everything due or overdue as at a date across every meeting, grouped by who owes it: reports an agenda
    item still lacks (due when final reports are), the agenda and reports to publish (five clear working days
    before the meeting), draft minutes to circulate, and open actions. Exit status 1 when anything is overdue
    (exempt business too, even when left out), 2 when the sources have problems, so that CI can remind.

    Example: boardpack due --as-at 2012-06-08
    """
    from .checks import check_repository
    from .obligations import obligations, render_due

    papers = check_repository(root)
    date = as_at or dt.date.today()
    click.echo(render_due(papers, date, fmt, public or bool(os.environ.get("CI"))), nl=False)
    if any(state.overdue for state in obligations(papers, date)):
        sys.exit(EXIT_OVERDUE)


@main.command()
@root_option
@click.option("--from", "start", callback=_date, metavar="YYYY-MM-DD", help="First meeting (default: the earliest).")
@click.option("--to", "end", callback=_date, metavar="YYYY-MM-DD", help="Last meeting (default: the latest).")
@click.option(
    "--as-at",
    "as_at",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Warn of members nearing or past six months without attending as at this date (default: --to, else the "
    "latest meeting's date).",
)
@format_option
def attendance(root: Path, start: dt.date | None, end: dt.date | None, as_at: dt.date | None, fmt: str) -> None:
    """Each member's attendance at the meetings whose minutes are in a period, as councils publish it; and a
    warning for each member within a month of, or past, six months without attending any meeting (Local
    Government Act 1972 s.85) unless an approved absence is recorded.

    Example: boardpack attendance --from 2012-01-01 --to 2012-12-31
    """
    from .checks import check_repository
    from .checks.attendance import check_six_months
    from .views import render_attendance

    papers = check_repository(root)
    when = as_at or end or max(papers.minutes, default=None)
    if when is not None:
        problems = Problems()
        check_six_months(papers, problems, when)
        problems.emit_warnings()
    minutes = [
        loaded.value
        for date, loaded in sorted(papers.minutes.items())
        if (start is None or date >= start) and (end is None or date <= end)
    ]
    click.echo(render_attendance(papers.board.value, minutes, fmt, start, end), nl=False)


@main.command()
@root_option
@click.argument("name", required=False)
@as_at_option
@format_option
def interests(root: Path, name: str | None, as_at: dt.date | None, fmt: str) -> None:
    """The register of members' interests (interests.yaml) as at a date, the dispensations then current, and the
    declarations made at meetings; NAME for one member.

    Example: boardpack interests "Cllr Sam Leaves"
    """
    from .checks import check_repository
    from .views import render_interests

    papers = check_repository(root)
    if name is not None and papers.board.value.person(name) is None:
        raise _unknown_person("NAME", name, [p.name for p in papers.board.value.people])
    click.echo(render_interests(papers, name, as_at or dt.date.today(), fmt), nl=False)


@main.command()
@root_option
@click.argument("tracker_id")
@as_at_option
@click.option("--summary", is_flag=True, help="Only the counts by status, RAG and overdue.")
@click.option("--public", is_flag=True, help="Refuse a tracker that is exempt as at the date (for publishing).")
@format_option
def tracker(root: Path, tracker_id: str, as_at: dt.date | None, summary: bool, public: bool, fmt: str) -> None:
    """A recommendation tracker's rows (or summary) as at a date.

    Example: boardpack tracker camhs-ewmh --as-at 2012-06-15 --summary
    """
    from .exemption import travelling
    from .views import render_tracker

    papers, log = _log(root)
    found = next((t for t in log.trackers if t.id == tracker_id), None)
    if found is None:
        known = ", ".join(t.id for t in log.trackers) or "none"
        raise argument_problem("TRACKER_ID", f"there is no tracker '{tracker_id}' in actions.yaml (trackers: {known})")
    date = as_at or dt.date.today()
    exempt = travelling(papers).tracker(tracker_id, date)
    if public and exempt is not None:
        raise BoardpackError(
            [
                Problem(
                    "actions.yaml",
                    0,
                    "trackers",
                    f"tracker '{tracker_id}' is exempt (paragraph "
                    f"{exempt.paragraph}) as at {date}: it cannot be listed with --public",
                )
            ]
        )
    click.echo(render_tracker(found, date, summary, fmt, exempt), nl=False)


@main.command()
@root_option
@click.argument("item")
@click.option(
    "--as-at",
    "as_at",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Only the commits made by the end of this day, and how long before it the last was (default: every commit, "
    "measured from the latest).",
)
def history(root: Path, item: str, as_at: dt.date | None) -> None:
    """When and by whom an action or tracker row was changed, from git. Without --as-at, every change, and how long
    before the repository's latest commit the last one was (never measured from today).

    ITEM is an action id (A1), a row id (R8) or tracker/row (camhs-ewmh/R8).

    Example: boardpack history R8
    """
    from .history import render_history

    click.echo(render_history(root, item, as_at), nl=False)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--form",
    type=click.Choice(["cover-sheet", "officer-report"]),
    default="cover-sheet",
    show_default=True,
    help="The form of the body's reports: a cover sheet before each report, or a council's officer report.",
)
@click.option("--name", default="Example Scrutiny Panel", show_default=True, help="The body's name.")
@click.option(
    "--install",
    metavar="REQUIREMENT",
    help='How the CI workflows install boardpack, as pip takes it ("git+https://…/boardpack@v1.2"); default: '
    "as this boardpack was installed, its repository at its commit or its version.",
)
def init(folder: Path, form: str, name: str, install: str | None) -> None:
    """Start a new body's repository: board.yaml (with comments), one meeting (on a working day) with one
    report in the body's form, the JSON Schemas, .gitignore and a README for its authors, committed to git
    (when git does not know who you are, it says how to commit).

    Example: boardpack init people-scrutiny --form officer-report
    """
    from .scaffold import first_commit, init_repository

    written = init_repository(folder, form, name, dt.date.today(), install)
    click.echo(f"wrote {len(written)} files in {folder}")
    click.echo(first_commit(folder, name))
    click.echo(f"next: edit board.yaml, then `boardpack check --root {folder}`")


@main.command("import")
@root_option
@click.argument("docx", type=click.Path(dir_okay=False, path_type=Path), metavar="REPORT.docx")
@click.option(
    "--item",
    metavar="YYYY-MM-DD/NUMBER",
    help="The agenda item the report is for (e.g. 2014-11-13/4): "
    "its title and officer are taken, and the report becomes its paper.",
)
@click.option("--name", help="The report's file name in cover_sheets/ (default: from the Word file's name).")
def import_command(root: Path, docx: Path, item: str | None, name: str | None) -> None:
    """Turn an officer's Word report into a report in the body's form: cover_sheets/NAME.md, its
    pictures in images/, and a list of what could not be carried over.

    Example: boardpack import officer-response.docx --item 2014-11-13/4
    """
    from .wordimport import import_report

    written, notes = import_report(root, docx, item, name)
    for path in written:
        click.echo(f"wrote {shown(path)}")
    for note in notes:
        click.echo(f"note: {note}")


@main.command()
@root_option
@click.argument("date", required=False, callback=_date, metavar="[YYYY-MM-DD]")
def timeline(root: Path, date: dt.date | None) -> None:
    """The timetable of a meeting: report drafts and finals due, the publication date (five clear working
    days before, by default), and the draft minutes due; the next meeting's when no date is given.

    Example: boardpack timeline 2012-06-15
    """
    from .assemble import pick_meeting
    from .load import load_papers
    from .schedule import meeting_notes
    from .timetable import render_timeline

    problems = Problems()
    papers = load_papers(root, problems)
    problems.raise_if_any()
    assert papers is not None
    when = date or pick_meeting(papers, None, dt.date.today())
    for note, held in meeting_notes(papers, when):
        click.echo(f"note: {note}")
        if held is None:
            return  # cancelled: no timetable to keep
        when = held
    click.echo(render_timeline(when, papers.board.value.timetable), nl=False)


@main.command("new-meeting")
@root_option
@click.argument("date", callback=_date, metavar="YYYY-MM-DD")
def new_meeting(root: Path, date: dt.date) -> None:
    """Scaffold agendas/YYYY-MM-DD.yaml for the next meeting; never overwrites.

    The agenda gets the standing items, the latest minutes, the open actions and the
    trackers with open rows, and the future meeting dates from the last agenda.

    Example: boardpack new-meeting 2012-09-14
    """
    from .scaffold import new_meeting as scaffold_meeting

    path = scaffold_meeting(root, date)
    click.echo(f"wrote {shown(path)}")


@main.command()
@root_option
@click.argument("date", callback=_date, metavar="YYYY-MM-DD")
@click.option(
    "--on",
    "on",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="The day of publication, when recording one made earlier (default: today).",
)
@out_option
@quiet_option
def publish(root: Path, date: dt.date, on: dt.date | None, out: Path | None, quiet: bool) -> None:
    """Publish the papers of the meeting on DATE: build its packs from the committed sources, stamp them with
    the day and the commit, record every file's SHA-256 in publications/DATE.yaml (committed) and tag the
    commit publish/DATE. Once the pack is published, publish its next supplementary pack: the items added, or
    changed with a reason for urgency, since.

    Example: boardpack publish 2012-06-15 --on 2012-06-07
    """
    from .publish import publish as publish_meeting

    publication, written = publish_meeting(root, date, on or dt.date.today(), out)
    _wrote(written, quiet)
    if quiet:
        return
    what = f"supplement {publication.supplement}" if publication.supplement else "the pack"
    click.echo(
        f"published {what} of {date.isoformat()} on {publication.published.isoformat()} from commit "
        f"{publication.commit[:12]}: recorded in publications/{date.isoformat()}.yaml, tagged {publication.tag}"
    )


@main.command()
@root_option
@click.argument("date", callback=_date, metavar="YYYY-MM-DD")
def changes(root: Path, date: dt.date) -> None:
    """What has changed in a published meeting's papers since its latest publication: every agenda item, paper,
    minute, action and tracker row, field by field, and which would go into the next supplementary pack.

    Example: boardpack changes 2012-06-15
    """
    from .changes import changes as list_changes

    click.echo(list_changes(root, date), nl=False)


@main.command()
@root_option
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="FILE.pdf...",
)
def verify(root: Path, files: tuple[Path, ...]) -> None:
    """Say which publication each file belongs to and whether it is unaltered (exit status 1 if any is not).

    Example: boardpack verify build/2012-06-15-public-pack.pdf
    """
    from .publish import verify as verify_file

    verdicts = [verify_file(root, file) for file in files]
    for verdict in verdicts:
        click.echo(verdict.message)
    if not all(verdict.unaltered for verdict in verdicts):
        sys.exit(1)


@main.command()
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: schemas/ in the repository).",
)
def schemas(root: Path, out: Path | None) -> None:
    """Write the JSON Schemas of every kind of YAML source, for editors (reports in the body's form).

    Example: boardpack schemas --out schemas
    """
    from .load import report_form
    from .schemas import write_schemas

    for path in write_schemas(out if out is not None else root / "schemas", report_form(root)):
        click.echo(f"wrote {shown(path)}")


def run() -> NoReturn:
    """The `boardpack` program: a command, then an exit that skips taking the interpreter apart object by object
    (about 0.05 s after a build), once the command has finished with everything it began. What is registered to
    run at exit (multiprocessing's, tempfile's, logging's) still runs, and the output is flushed; a command that
    leaves a thread running exits as Python does."""
    code: int = 0
    try:
        main()
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else 0 if ended.code is None else 1
        if not isinstance(ended.code, int | None):
            click.echo(ended.code, err=True)
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
