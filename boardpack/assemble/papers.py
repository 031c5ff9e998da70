"""An agenda item's paper: its cover sheet (in a body whose form has one), the report in the body's form, and its
appendices (PDFs laid in, Markdown, trackers), each headed as the house style heads them."""

from __future__ import annotations

from .. import forms
from ..document.nodes import Node, em, para, paras, strong, strong_para
from ..load import Loaded
from ..model import AgendaItem, Appendix, CoverSheet
from ..repository import repository_file
from ..wording import join_names, short_date
from .scope import Doc, Scope, split_title
from .trackers import find_tracker, tracker_document


def paper_documents(scope: Scope, loaded: Loaded[CoverSheet], number: str, item: AgendaItem) -> list[Doc]:
    """The documents of the paper `loaded`, on the agenda as item `number`."""
    scope = scope.within(loaded.path)
    documents = [sheet] if (sheet := cover_sheet(scope, loaded, number, item)) else []
    if (report := report_document(scope, loaded)) is not None:
        documents.append(report)
    for position, appendix in enumerate(loaded.value.appendices):
        documents.append(appendix_document(scope, numbered(scope, appendix, position)))
    return documents


def cover_sheet(scope: Scope, loaded: Loaded[CoverSheet], number: str, item: AgendaItem) -> Doc | None:
    """The cover sheet: meeting, date, title, officer and the form's cover-sheet fields (None if the form has none)."""
    sheet, form, style = loaded.value, scope.board.form, scope.board.style
    if not form.cover_sheet:
        return None
    rows: list[tuple[str, list[Node]]] = [
        ("Meeting", paras(scope.board.name)),
        ("Date", paras(short_date(scope.date))),
        ("Title", paras(sheet.title)),
        ("Responsible Officer", paras(join_names(sheet.responsible_officer))),
    ]
    for f in form.fields:
        value = sheet.field(f.key)
        if f.place == "cover_sheet" and (value is not None or f.blank):
            blocks = forms.field_blocks(f, value, scope.md, 1, scope.clerk, style) if value is not None else []
            rows.append((forms.label(f, style), blocks))
    return scope.document(
        "cover_sheet",
        bookmark=f"{number} {item.title}",
        rows=[{"label": label, "value": value} for label, value in rows],
    )


def report_document(scope: Scope, loaded: Loaded[CoverSheet]) -> Doc | None:
    """The report in the body's form: its title, "Report of …", the form's heading fields and sections, its text
    (None when a cover sheet carries everything and the report has no text)."""
    sheet, form = loaded.value, scope.board.form
    heading, body = split_title(loaded.body, sheet.title)
    level = 2 if form.cover_sheet else 1  # the report's title: under its cover sheet, or the item's own heading
    masthead: list[Node] = []
    if not form.cover_sheet:  # the report says which meeting it is for, as a report sent on its own does
        masthead = [strong_para(scope.board.name.upper()), *paras(short_date(scope.date))]
    subhead: list[Node] = []
    if form.report_of:
        posts = {post.title for post in scope.board.posts}
        subhead.append(
            strong_para(
                "Report of "
                + join_names([("the " + name if name in posts else name) for name in sheet.responsible_officer])
            )
        )
    for f in form.fields:
        if f.place == "heading" and (value := sheet.field(f.key)) is not None:
            subhead.append({"t": "p", "c": [strong(f"{forms.label(f, scope.board.style)}: "), str(value)]})
    text = forms.report_sections(
        form, sheet.field, scope.md(body, level), scope.md, level + 1, scope.clerk, scope.board.style
    )
    if scope.board.style.other_formats and text:
        text.append(para(em(scope.board.style.other_formats)))
    if not (subhead or text or not form.cover_sheet):
        return None
    doc = scope.document("report", heading=heading, body=subhead + text)
    if level != 2:
        doc["level"] = level
    if masthead:
        doc["masthead"] = masthead
    return doc


def appendix_document(scope: Scope, appendix: Appendix) -> Doc:
    """An appendix: a PDF laid in as it is, Markdown read from its own folder, or a tracker as at the meeting."""
    if appendix.file is not None:
        path, _ = repository_file(scope.papers.root, appendix.file, scope.base)
        facts = scope.papers.attachments[path].pdf if path is not None else None
        assert path is not None and facts is not None, "check refuses an appendix that is not a PDF in the repository"
        return scope.foreign(appendix.title, path, [list(size) for size in facts.pages], facts.tagged)
    if appendix.markdown is not None:
        path, _ = repository_file(scope.papers.root, appendix.markdown, scope.base)
        text = scope.papers.attachments[path].text if path is not None else None
        assert path is not None and text is not None, (
            "check refuses an appendix that is not UTF-8 text in the repository"
        )
        _, body = split_title(text, appendix.title)
        within = scope.within(path.relative_to(scope.papers.root).as_posix())
        return within.document("report", heading=appendix.title, body=within.md(body, 2), landscape=appendix.landscape)
    assert appendix.tracker is not None, "the model requires one of file, markdown and tracker"
    return tracker_document(scope, appendix.title, find_tracker(scope, appendix.tracker))


def numbered(scope: Scope, appendix: Appendix, position: int) -> Appendix:
    """The appendix with its title as the house style heads it: as written, "Appendix A: …" or "Appendix 1: …"."""
    style = scope.board.style.appendices
    if style == "as titled":
        return appendix
    mark = chr(ord("A") + position) if style == "letters" and position < 26 else str(position + 1)
    return appendix.model_copy(update={"title": f"Appendix {mark}: {appendix.title}"})
