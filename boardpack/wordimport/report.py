"""The imported report: the Word document read, its fields taken and its text written as a report in the
body's form (cover_sheets/NAME.md, pictures in images/); with an agenda item, the item gains it as its paper.
Nothing is overwritten, and nothing is written unless all of it can be."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..checks import check_repository
from ..errors import BoardpackError, Problem, Problems
from ..load import Loaded, Papers, load_papers
from ..model import Agenda, AgendaItem, Board, ReportForm
from ..numbering import item_numbers
from .fields import take_fields
from .markdown import MarkdownWriter
from .read import read_docx
from .shape import shape

TITLE_PLACEHOLDER = "TO DO: the report's title (not found in the Word report)"


@dataclass
class Imported:
    """What an import wrote and what it could not carry over."""

    report: str  # the Markdown file, front matter and text
    images: dict[str, bytes] = field(default_factory=dict)  # path from the repository root -> bytes
    notes: list[str] = field(default_factory=list)
    key_decision: bool = False  # the report says "Key Decision: Yes": its agenda item is marked `key_decision`


def convert(
    docx: Path, board: Board, name: str, title: str = "", officers: list[str] | None = None, item: str = ""
) -> Imported:
    """Read `docx` into a report in `board`'s form; images are named images/NAME-N.EXT; `item`: the agenda item
    it is imported for ("2014-11-13/4"), which gains `key_decision: true` when the report says it is one."""
    read = read_docx(docx, name)
    shaped = shape(read.blocks, board.form, board, board.style.other_formats is not None)
    read.notes += shaped.notes + _key_decision_note(shaped.key_decision, item)
    writer = MarkdownWriter(read.notes)
    taken = take_fields(shaped.blocks, board.form, writer, board)
    values = shaped.values | taken.values
    title = shaped.title or title  # the report's own title first, else its agenda item's
    if not title:  # never the file's name: a placeholder `check` refuses, named in a note
        read.notes.append("the report's title was not found in the Word report: write it in `title`")
    known = {p.name for p in board.people} | {p.title for p in board.posts}
    # The report's own "Report of …" when it names one of the body's people or posts, else the agenda item's.
    officer = _officer(shaped.officer, board) or taken.officer
    officers = [officer] if officer in known else officers or ([officer] if officer else [])
    if not officers:
        read.notes.append("the responsible officer was not found in the report: fill in `responsible_officer`")
    body = writer.blocks(taken.rest)
    heading = f"# {title}\n\n" if title else ""
    front = _front_matter(title or TITLE_PLACEHOLDER, officers, values, board.form, read.notes)
    report = front + f"{heading}{body}".rstrip() + "\n"
    return Imported(report, read.images, read.notes, bool(shaped.key_decision))


def _key_decision_note(key_decision: bool | None, item: str) -> list[str]:
    """What the clerk does with the report's "Key Decision: Yes" (or No): a key decision is its agenda item's
    `key_decision: true`, which prints "Key decision" on the agenda and makes `check` ask for the forward plan's
    notice of it (SI 2012/2089 reg 9)."""
    if key_decision is None:
        return []
    if not key_decision:
        return ['"Key Decision: No" was left out: an agenda item is not a key decision unless marked so']
    if item:
        return [
            f'"Key Decision: Yes": agenda item {item} is marked `key_decision: true` (the agenda prints "Key '
            'decision"; `check` asks for its notice in the forward plan)'
        ]
    return [
        '"Key Decision: Yes" was left out of the report: mark its agenda item `key_decision: true` in '
        'agendas/YYYY-MM-DD.yaml (the agenda prints "Key decision"; `check` asks for its notice in the forward '
        "plan), or import with --item YYYY-MM-DD/NUMBER to have it marked"
    ]


def _officer(named: str, board: Board) -> str:
    """ "DIRECTOR FOR PEOPLE" -> "Director for People", one of the body's posts or people as it spells them."""
    spelt = {post.title.lower(): post.title for post in board.posts} | {p.name.lower(): p.name for p in board.people}
    return spelt.get(named.strip().lower(), named.strip())


def _front_matter(title: str, officers: list[str], values: dict[str, Any], form: ReportForm, notes: list[str]) -> str:
    """The report's front matter: the common fields, then the form's in its order."""
    lines = [
        "---",
        "# yaml-language-server: $schema=../schemas/cover_sheet.schema.json",
        "# Imported from Word by `boardpack import`: check each field against the original.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"responsible_officer: {json.dumps(_officers(officers), ensure_ascii=False)}",
    ]
    for form_field in form.fields:
        value = values.get(form_field.key)
        if value is None:
            if form_field.required:  # a placeholder `check` refuses, never an empty field
                label = form_field.label.rstrip(":")
                if form_field.kind in ("text", "markdown"):
                    placeholder = f"TO DO: {label} (not found in the Word report)"
                    lines.append(f"{form_field.key}: {json.dumps(placeholder)}")
                notes.append(f"{label!r} was not found in the Word report: write it in `{form_field.key}`")
                if form.numbered and form_field.numbered and form_field.place == "opening":
                    notes.append(
                        f"{label!r} is a numbered section of the form: the sections after it print one number "
                        "higher than in the Word report (its 2.1 as 3.1): check references to paragraph numbers "
                        "in the text"
                    )
            continue
        lines += _yaml_field(form_field.key, value)
    return "\n".join(lines) + "\n---\n"


def _officers(officers: list[str]) -> str | list[str]:
    """One officer as a name, several as a list, none as a placeholder `check` refuses (an empty list would
    stop every later command reading the repository)."""
    if not officers:
        return "TO DO: the responsible officer (not found in the Word report)"
    return officers if len(officers) != 1 else officers[0]


def _yaml_field(key: str, value: Any) -> list[str]:
    """A field's lines: a block of text as a literal block (unless a line of it would end the front matter)."""
    if (
        isinstance(value, str)
        and "\n" in value
        and not any(line.strip() in ("---", "...") for line in value.splitlines())
    ):
        return [f"{key}: |", *(f"  {line}" if line else "" for line in value.splitlines())]
    return [f"{key}: {json.dumps(value, ensure_ascii=False)}"]


@dataclass(frozen=True)
class _Item:
    """The agenda item a report is imported for: its title and officers, and where its `paper:` goes."""

    agenda: Loaded[Agenda]
    section: int
    index: int
    line: int  # of the item's title
    title: str
    officers: list[str] | None
    key: bool | None  # its `key_decision` as written (None: not written)


def import_report(
    root: Path, docx: Path, item: str | None = None, name: str | None = None
) -> tuple[list[Path], list[str]]:
    """Import `docx` as cover_sheets/NAME.md (and its pictures in images/) in the body's form; with `item`
    ("YYYY-MM-DD/NUMBER"), take the title and officer from that agenda item and make the report its paper.
    Nothing is overwritten and nothing is written unless all of it can be. Returns the files written and
    what could not be carried over."""
    root = root.resolve()
    papers = _papers(root)
    _refuse_arguments(docx, name)
    name = name or re.sub(r"[^a-z0-9]+", "-", docx.stem.lower()).strip("-") or "report"
    relative = f"cover_sheets/{name}.md"
    target = _agenda_item(papers, item) if item is not None else None
    result = convert(
        docx,
        papers.board.value,
        name,
        target.title if target else "",
        target.officers if target else None,
        (item or "") if target and target.key is not False else "",
    )
    if target is not None and target.key is False and result.key_decision:
        result.notes.append(
            f'the report says "Key Decision: Yes" but agenda item {item} says `key_decision: false`: '
            "correct whichever is wrong"
        )
    files = {relative: result.report.encode("utf-8"), **result.images}
    _refuse_overwriting(root, files)
    if target is not None:
        added = {"paper": relative} | ({"key_decision": True} if result.key_decision and target.key is None else {})
        files[target.agenda.path] = _with_item(root, target.agenda, target.line, added, target.section, target.index)
    _write(root, files)
    return [root / path for path in files], result.notes + _to_fix(root)


def _papers(root: Path) -> Papers:
    problems = Problems()
    papers = load_papers(root, problems)
    problems.raise_if_any()
    assert papers is not None
    return papers


def _refuse_arguments(docx: Path, name: str | None) -> None:
    if not docx.is_file() or not zipfile.is_zipfile(docx):
        raise BoardpackError([Problem(str(docx), 0, "", "is not a Word document (.docx); save it as one in Word")])
    if name is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise BoardpackError(
            [
                Problem(
                    "--name",
                    0,
                    "",
                    f"{name!r} is not a file name for a report: use lower-case "
                    "letters, digits and hyphens, e.g. budget-monitoring-q2",
                )
            ]
        )


def _agenda_item(papers: Papers, item: str) -> _Item:
    """The agenda item named "YYYY-MM-DD/NUMBER", refused unless it is one and holds no papers yet."""
    number = item.partition("/")[2]
    agenda, (section, index), agenda_item = _find_item(papers, item)
    held = next((key for key in ("paper", "minutes", "tracker") if getattr(agenda_item, key) is not None), None)
    if held is not None:
        raise BoardpackError(
            [
                Problem(
                    agenda.path,
                    agenda.line("sections", section, "items", index, held),
                    held,
                    f"item {number} already has {'' if held == 'minutes' else 'a '}"
                    f"{held} ({getattr(agenda_item, held)}): choose an item without papers",
                )
            ]
        )
    named = {p.name for p in papers.board.value.people} | {p.title for p in papers.board.value.posts}
    officers = [a for a in agenda_item.authors if a in named] or None
    return _Item(
        agenda,
        section,
        index,
        agenda.line("sections", section, "items", index, "title"),
        agenda_item.title,
        officers,
        agenda_item.key_decision if "key_decision" in agenda_item.model_fields_set else None,
    )


def _find_item(papers: Papers, item: str) -> tuple[Loaded[Agenda], tuple[int, int], AgendaItem]:
    date_text, _, number = item.partition("/")
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        date = None
    agenda = papers.agendas.get(date) if date else None
    found = _numbered(papers.board.value, agenda.value, number) if agenda else None
    if agenda is None or found is None:
        raise BoardpackError(
            [
                Problem(
                    "--item",
                    0,
                    "",
                    f"{item!r} is not an agenda item: write the meeting's date "
                    "and the item's number as printed, e.g. 2014-11-13/4 or 2012-06-15/2.1",
                )
            ]
        )
    return agenda, *found


def _numbered(board: Board, agenda: Agenda, number: str) -> tuple[tuple[int, int], AgendaItem] | None:
    """The agenda item printed as `number` (2.1, or 4 where the body numbers items straight through)."""
    for (s, i), printed in item_numbers(board, agenda).items():
        if printed == number:
            return (s, i), agenda.sections[s].items[i]
    return None


def _refuse_overwriting(root: Path, files: dict[str, bytes]) -> None:
    taken = [path for path in files if (root / path).exists()]
    if taken:
        raise BoardpackError(
            [
                Problem(path, 0, "", "already exists; boardpack import never overwrites a file (choose another --name)")
                for path in taken
            ]
        )


def _to_fix(root: Path) -> list[str]:
    """The repository's problems with the report in it, for the author to fix before building."""
    try:
        check_repository(root)
    except BoardpackError as error:
        return [f"to fix before building: {problem}" for problem in error.problems]
    return []


def _write(root: Path, files: dict[str, bytes]) -> None:
    """Every file staged beside its place, then moved into place: the new files first, the agenda (the one file
    replaced) last, so that a failure between leaves only new files, which are removed again."""
    staged, placed = [], []
    try:
        for path, data in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.boardpack-import")
            temporary.write_bytes(data)
            staged.append((temporary, target))
        for temporary, target in staged:
            os.replace(temporary, target)
            placed.append(target)
    except OSError as error:
        for target in placed:
            if target.name.endswith(".md") or target.parent.name == "images":
                target.unlink(missing_ok=True)
        raise BoardpackError([Problem(str(root), 0, "", f"cannot write the imported report: {error}")]) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _with_item(root: Path, loaded: Any, line: int, added: dict[str, Any], section: int, index: int) -> bytes:
    """The agenda's text with `added` (`paper:`, and `key_decision: true` for a report that says it is one) added
    to the item whose title is on `line`, checked by reading it back: the item gains them and nothing else
    changes (else the clerk adds them, told where)."""
    text = (root / loaded.path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found = re.match(r"\s*(- )?", lines[line - 1])
    assert found is not None, "the pattern matches at the start of any line"
    indent = found.group(0).replace("-", " ")
    lines[line:line] = [f"{indent}{key}: {json.dumps(value)}\n" for key, value in added.items()]
    edited = "".join(lines)
    try:
        before, after = yaml.safe_load(text), yaml.safe_load(edited)
        expected = yaml.safe_load(text)
        expected["sections"][section]["items"][index].update(added)
        sound = after == expected and before != after
    except (yaml.YAMLError, KeyError, IndexError, TypeError, AttributeError):
        sound = False
    if not sound:
        written = ", ".join(f"`{key}: {v if isinstance(v, str) else json.dumps(v)}`" for key, v in added.items())
        raise BoardpackError(
            [
                Problem(
                    loaded.path,
                    line,
                    "paper",
                    f"cannot add {written} to this item "
                    "safely (its title runs over several lines?): add it by hand, then import again "
                    "without --item",
                )
            ]
        )
    return edited.encode("utf-8")
