"""The `boardpack` command: thin wrappers over the library that print problems and set the exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .build import build_pack
from .check import check_repository
from .errors import BoardpackError
from .schemas import write_schemas

EXIT_PROBLEMS = 2


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD") from None


root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="The board's repository.")


def _report(error: BoardpackError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
    sys.exit(EXIT_PROBLEMS)


@click.group()
@click.version_option(package_name="boardpack")
def main() -> None:
    """Compile a board's papers (Markdown and YAML in git) into meeting packs."""


@main.command()
@root_option
@click.option("--meeting", callback=_date, metavar="YYYY-MM-DD", help="The meeting (default: the next, else the latest).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build/ in the repository).")
def build(root: Path, meeting: dt.date | None, out: Path | None) -> None:
    """Build a meeting's Public Document Pack.

    Example: boardpack build --meeting 2012-06-15 --out build
    """
    try:
        written = build_pack(root, meeting, out)
    except BoardpackError as error:
        _report(error)
    for path in written:
        click.echo(f"wrote {path}")


@main.command()
@root_option
def check(root: Path) -> None:
    """Check every source without building anything.

    Example: boardpack check
    """
    try:
        papers = check_repository(root)
    except BoardpackError as error:
        _report(error)
    click.echo(f"ok: {len(papers.agendas)} agendas, {len(papers.cover_sheets)} cover sheets, "
               f"{len(papers.minutes)} minutes checked")


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"), show_default=True)
def schemas(out: Path) -> None:
    """Write the JSON Schemas of every kind of YAML source, for editors.

    Example: boardpack schemas --out schemas
    """
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
