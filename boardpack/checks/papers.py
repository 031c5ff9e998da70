"""Rules for cover sheets and reports: officers, Markdown, appendices (PDFs that can be laid in, Markdown that can
be read, trackers that exist), and exemption that a paper, tracker, appendix or image carries with it."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from ..exemption import travelling, uses
from ..load import Loaded
from ..model import CoverSheet
from ..repository import repository_file
from .context import Context
from .markdown import _markdown_of

PLACEHOLDER = re.compile(r"\s*(TO ?DO)\b")  # "TO DO: not found in the Word report", "TODO" (in capitals only)


def check_cover_sheets(ctx: Context) -> None:
    """Every cover sheet (or report, in a body whose form has none)."""
    for loaded in ctx.papers.cover_sheets.values():
        check_cover_sheet(ctx, loaded)


def check_cover_sheet(ctx: Context, loaded: Loaded[CoverSheet]) -> None:
    """Officers who are people or posts, Markdown every edition prints, Markdown appendices and trackers that exist
    (PDF appendices: see pdf.py)."""
    sheet = loaded.value
    _required_filled(ctx, loaded)
    for index, name in enumerate(sheet.responsible_officer):
        if PLACEHOLDER.match(name):
            ctx.add(
                loaded,
                ("responsible_officer", index),
                f"is still a placeholder ({name[:80]!r}): name one of the board's people or posts",
            )
        else:
            ctx.person(loaded, name, "responsible_officer", index, allow_posts=True)
    parts = ctx.papers.board.value.style.paragraphs == "numbered"  # an empty `###`: a part without a heading
    for form_field in ctx.papers.board.value.form.fields:
        for where, text in _markdown_of(form_field.kind, sheet.field(form_field.key), (form_field.key,)):
            ctx.markdown(loaded, text, *where, parts=parts and form_field.kind == "markdown")
    ctx.markdown_body(loaded.path, loaded.body, loaded.body_line, parts=parts)
    for index, appendix in enumerate(sheet.appendices):
        where = ("appendices", index)
        if appendix.markdown is not None:
            path, why = repository_file(ctx.papers.root, appendix.markdown, posixpath.dirname(loaded.path))
            if path is None:
                ctx.add(loaded, where + ("markdown",), why)
            else:
                _markdown_file(ctx, loaded, path, where + ("markdown",))
        if appendix.tracker is not None:
            ctx.tracker_ref(loaded, appendix.tracker, *where, "tracker")
        ctx.release(loaded, appendix.released, *where)


def _required_filled(ctx: Context, loaded: Loaded[CoverSheet]) -> None:
    """The title, and each field the form requires, hold words: not empty, not only spaces, not a "TO DO"
    placeholder (as `boardpack import` writes for one it did not find), which every edition would print as it
    stands."""
    title = loaded.value.title
    if not title.strip():
        ctx.add(loaded, ("title",), "is empty: write the report's title")
    elif PLACEHOLDER.match(title):
        ctx.add(loaded, ("title",), f"is still a placeholder ({title.strip()[:80]!r}): write the report's title")
    for form_field in ctx.papers.board.value.form.fields:
        value = loaded.value.field(form_field.key)
        if not form_field.required or not isinstance(value, str):
            continue
        label = form_field.label.rstrip(":")
        if not value.strip():
            ctx.add(loaded, (form_field.key,), f"{label!r} is required but empty: write it")
        elif PLACEHOLDER.match(value):
            ctx.add(
                loaded,
                (form_field.key,),
                f"{label!r} is required but still a placeholder ({value.strip()[:80]!r}): write it",
            )


def check_paper_exemption(ctx: Context) -> None:
    """A paper is exempt or public, never both in one meeting; one published before it became exempt
    cannot be unpublished, and the clerk is told where it still is."""
    used: dict[str, list[tuple[dt.date, bool, str]]] = {}  # paper -> (meeting, exempt, where) for each use
    for date, loaded in sorted(ctx.papers.agendas.items()):
        for s, section in enumerate(loaded.value.sections):
            for i, item in enumerate(section.items):
                if item.paper is not None:
                    where = f"{loaded.path}:{loaded.line('sections', s, 'items', i, 'paper')}"
                    used.setdefault(item.paper, []).append((date, item.exempt is not None, where))
    for paper, found in used.items():
        for date in sorted({d for d, _, _ in found}):
            exempt = [w for d, e, w in found if d == date and e]
            public = [w for d, e, w in found if d == date and not e]
            if exempt and public:
                path, _, line = exempt[0].rpartition(":")
                ctx.problems.add(
                    path,
                    int(line),
                    "paper",
                    f"'{paper}' is exempt here but public at {public[0]}; "
                    "a paper is either exempt or public in a meeting",
                )
        published = [(d, w) for d, e, w in found if not e]
        for date, is_exempt, where in found:
            earlier = [(d, w) for d, w in published if d < date]
            if is_exempt and earlier:
                ctx.warn_at(
                    where,
                    f"'{paper}' is exempt from {date}, but the public pack of {earlier[-1][0]} "
                    f"({earlier[-1][1]}) published it: that pack and its page on the web edition still "
                    "hold it; withdraw them if the information must not stay public",
                )


def check_travelling_exemption(ctx: Context) -> None:
    """A tracker or appendix first reported under an exempt item stays exempt until released; an image shown
    under one stays exempt (an image records no release)."""
    found = travelling(ctx.papers)
    for use in uses(ctx.papers):
        first = (found.trackers if use.kind == "tracker" else found.files).get(use.what)
        noun = {"tracker": "tracker", "file": "appendix", "image": "image"}[use.kind] + f" '{use.what}'"
        release = use.released
        if first is not None and release is not None and release.date < first.since:
            ctx.at(use.where, f"{noun} is released on {release.date}, before it became exempt on {first.since}")
        if use.exempt is not None or first is None:
            continue
        if use.date < first.since:
            ctx.warn_at(
                use.where,
                f"{noun} was published here, before it became exempt at {first.where}: "
                "that pack and its page on the web edition still hold it",
            )
        elif use.kind == "image":
            ctx.at(
                use.where,
                f"{noun} is shown under an exempt item (paragraph {first.exempt.paragraph}, "
                f"{first.where}) since {first.since}: make this item exempt too, or show an image "
                "that is not exempt",
            )
        elif release is None or use.date < release.date:
            where = "on the tracker in actions.yaml" if use.kind == "tracker" else "on this appendix in its cover sheet"
            ctx.at(
                use.where,
                f"{noun} is exempt since {first.since} (paragraph {first.exempt.paragraph}, "
                f"{first.where}): make this item exempt too, or record its release {where} "
                '(released: {date: YYYY-MM-DD, minute: "N.N"})',
            )


def _markdown_file(ctx: Context, loaded: Loaded[CoverSheet], path: Path, where: tuple[str | int, ...]) -> None:
    """A Markdown appendix (as load read it) is UTF-8 text every edition can print."""
    text = ctx.papers.attachments[path].text
    if text is None:
        ctx.add(loaded, where, f"'{path.relative_to(ctx.papers.root).as_posix()}' is not UTF-8 text")
        return
    ctx.markdown_body(path.relative_to(ctx.papers.root).as_posix(), text, 1)
