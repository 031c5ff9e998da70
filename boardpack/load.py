"""Read a board's repository into the typed model, keeping the line of every field.

`load_papers` reads every source before anything is checked across files or built;
each problem is collected, so an author sees all of them at once.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problems
from .model import (
    FORMS,
    RESERVED_FOLDERS,
    ActionLog,
    Agenda,
    Amendment,
    Board,
    Briefing,
    Council,
    CoverSheet,
    DecisionRecord,
    ForwardPlan,
    MeetingCalendar,
    Minutes,
    PrivateRecord,
    Publications,
    Register,
    ReportForm,
    cover_sheet_model,
)
from .numbering import agenda_labels, minutes_labels
from .pdfs import KeptFacts, PdfFacts, Stamps
from .repository import repository_file
from .store import Store
from .yamlread import KeptReads, Labeller, SourceMap, split_front_matter

M = TypeVar("M", bound=BaseModel)
PLAN = "forward_plan.yaml"
BRIEFINGS = "briefings"
# A briefing missing its title, date or audience (reported) is still checked throughout, with these in their place.
BRIEFING_STAND_INS: dict[str, Any] = {"title": "-", "date": "2000-01-01", "audience": "-"}
CALENDAR = "meetings.yaml"


@dataclass
class Loaded(Generic[M]):
    """A validated source with the map back to its lines (and, for cover sheets, the report)."""

    value: M
    source: SourceMap
    body: str = ""
    body_line: int = 0
    partial: bool = False  # read with its faulty fields left out (reported), so the rest can still be checked
    text: str = ""  # the file's whole text, as read (check holds every character to the fonts)

    @property
    def path(self) -> str:
        return self.source.path

    def line(self, *where: str | int) -> int:
        return self.source.line_of(where)

    def name(self, *where: str | int) -> str:
        """The field at `where`, named as the author reads it."""
        return self.source.name(where)


@dataclass(frozen=True)
class Attachment:
    """An appendix file as it was read, once: a Markdown appendix's text (None when it is not UTF-8), a PDF's facts."""

    text: str | None = None
    pdf: PdfFacts | None = None


@dataclass
class Papers:
    """Everything in a board's repository, loaded and validated file by file."""

    root: Path
    board: Loaded[Board]
    agendas: dict[dt.date, Loaded[Agenda]] = field(default_factory=dict)
    minutes: dict[dt.date, Loaded[Minutes]] = field(default_factory=dict)
    cover_sheets: dict[str, Loaded[CoverSheet]] = field(default_factory=dict)
    log: Loaded[ActionLog] | None = None
    register: Loaded[Register] | None = None  # interests.yaml, the register of members' interests
    publications: dict[dt.date, Loaded[Publications]] = field(default_factory=dict)  # what `publish` recorded
    plan: Loaded[ForwardPlan] | None = None  # forward_plan.yaml, the business scheduled for future meetings
    calendar: Loaded[MeetingCalendar] | None = None  # meetings.yaml, the meetings planned and what became of them
    records: dict[str, Loaded[DecisionRecord]] = field(default_factory=dict)  # decisions/: taken outside meetings
    unreadable: set[str] = field(default_factory=set)  # files present but with problems of their own
    attachments: dict[Path, Attachment] = field(default_factory=dict)  # the reports' appendix files, as read
    briefings: dict[str, Loaded[Briefing]] = field(default_factory=dict)  # briefings/*.md, by path

    def confirmation(self, date: dt.date) -> tuple[dt.date, str, list[Amendment]] | None:
        """When and where the minutes of `date` were confirmed: (the confirming meeting, its minute, the
        amendments agreed), or None while they are a draft."""
        for when, loaded in sorted(self.minutes.items()):
            for minute in loaded.value.items:
                if minute.confirms is not None and minute.confirms.minutes == date:
                    return when, minute.number, minute.confirms.amendments
        return None


def load_papers(root: Path, problems: Problems) -> Papers | None:
    """Load every source under `root`; returns None only when board.yaml itself is unusable."""
    root = root.resolve()
    store = Store(root)
    reads = KeptReads(store.read("yaml"))  # files unchanged since a run before are not parsed again
    board = _load_yaml_file(root, "board.yaml", Board, problems, required=True, reads=reads)
    papers = Papers(root=root, board=board) if board else None
    flat = board is not None and board.value.style.numbering == "flat"
    agendas = {
        p: _load_yaml_file(root, p, Agenda, problems, labels=lambda data: agenda_labels(data, flat), reads=reads)
        for p in _listing(root, "agendas", ".yaml")
    }
    minutes = {
        p: _load_yaml_file(root, p, Minutes, problems, labels=minutes_labels, reads=reads)
        for p in _listing(root, "minutes", ".yaml")
    }
    published = _load_publications(root, problems, reads)
    # A report's fields are those of the body's form: with board.yaml unusable, reports are read
    # (their YAML reported) but their fields are checked only once the form is known.
    form = cover_sheet_model(board.value.form) if board else None
    sheets = {p: _load_front_matter(root, p, problems, reads, form) for p in _listing(root, "cover_sheets", ".md")}
    briefings = {
        p: _load_front_matter(root, p, problems, reads, Briefing, BRIEFING_STAND_INS)
        for p in _listing(root, BRIEFINGS, ".md")
    }
    log = (
        _load_yaml_file(root, "actions.yaml", ActionLog, problems, reads=reads)
        if (root / "actions.yaml").exists()
        else None
    )
    register = (
        _load_yaml_file(root, "interests.yaml", Register, problems, reads=reads)
        if (root / "interests.yaml").exists()
        else None
    )
    plan = _load_yaml_file(root, PLAN, ForwardPlan, problems, reads=reads) if (root / PLAN).exists() else None
    calendar = (
        _load_yaml_file(root, CALENDAR, MeetingCalendar, problems, reads=reads) if (root / CALENDAR).exists() else None
    )
    records = {
        p: _load_yaml_file(root, p, DecisionRecord, problems, reads=reads) for p in _listing(root, "decisions", ".yaml")
    }
    if papers is None:
        return None
    papers.agendas = by_date(agendas, problems)
    papers.minutes = by_date(minutes, problems)
    papers.publications = by_date(published, problems)
    papers.cover_sheets = {path: sheet for path, sheet in sheets.items() if sheet}
    papers.briefings = {path: briefing for path, briefing in briefings.items() if briefing}
    papers.log = log
    papers.register = register
    papers.plan = plan
    papers.calendar = calendar
    papers.records = {path: record for path, record in records.items() if record}
    optional = {"actions.yaml": log, "interests.yaml": register, PLAN: plan, CALENDAR: calendar}  # when present
    read = {
        **agendas,
        **minutes,
        **sheets,
        **briefings,
        **published,
        **records,
        **{p: v for p, v in optional.items() if (root / p).exists()},
    }
    papers.unreadable = {path for path, loaded in read.items() if loaded is None or loaded.partial}
    # Appendices unchanged since a run before are neither opened nor, while their stat stands, read again.
    facts = KeptFacts(store.read("pdfs"), Stamps.recorded(store.read("pdf-stamps")))
    papers.attachments = _attachments(root, papers.cover_sheets, facts)
    if reads.made:
        store.write("yaml", reads.used)
    if facts.made:
        store.write("pdfs", facts.used)
    if facts.stamps.hashed or facts.stamps.now.keys() != facts.stamps.known.keys():
        store.write("pdf-stamps", facts.stamps.record())
    return papers


def _attachments(root: Path, sheets: dict[str, Loaded[CoverSheet]], facts: KeptFacts) -> dict[Path, Attachment]:
    """Every appendix file the reports name that is in the repository, read once: PDFs inspected (or their facts
    found in the cache), Markdown read (a file named wrongly, or outside the repository, is left for check to
    report)."""
    pdfs: dict[Path, PdfFacts] = {}
    texts: dict[Path, str | None] = {}
    for relative, loaded in sheets.items():
        for appendix in loaded.value.appendices:
            folder = posixpath.dirname(relative)
            if (
                appendix.file is not None
                and (path := repository_file(root, appendix.file, folder)[0]) is not None
                and path not in pdfs
            ):
                pdfs[path] = facts.inspect(path)
            if (
                appendix.markdown is not None
                and (path := repository_file(root, appendix.markdown, folder)[0]) is not None
                and path not in texts
            ):
                texts[path] = _appendix_text(path)
    return {path: Attachment(texts.get(path), pdfs.get(path)) for path in {**pdfs, **texts}}


def _appendix_text(path: Path) -> str | None:
    """A Markdown appendix's text, or None when it cannot be read as UTF-8 (check says so)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


PRIVATE_RECORDS = "publications/private"


def _load_publications(
    root: Path, problems: Problems, reads: KeptReads | None = None
) -> dict[str, Loaded[Publications] | None]:
    """The publication records, each with the private files of its private record when this clone has it (never
    kept in the cache: the private record is kept out of git, and out of everything else)."""
    found = {
        p: _load_yaml_file(root, p, Publications, problems, reads=reads)
        for p in _listing(root, "publications", ".yaml")
    }
    for path, loaded in found.items():
        private = f"{PRIVATE_RECORDS}/{Path(path).name}"
        kept = _load_yaml_file(root, private, PrivateRecord, problems) if loaded else None
        if loaded is None or kept is None:
            continue
        by_number = {p.supplement: p for p in kept.value.publications}
        loaded.value = loaded.value.model_copy(
            update={
                "publications": [
                    publication.model_copy(
                        update={
                            "files": {**publication.files, **by_number[publication.supplement].files},
                            "exempt": by_number[publication.supplement].items,
                        }
                    )
                    if publication.supplement in by_number
                    else publication
                    for publication in loaded.value.publications
                ]
            }
        )
    return found


def by_date(loaded: dict[str, Loaded[Any] | None], problems: Problems) -> dict[dt.date, Loaded[Any]]:
    """Dated sources (agendas, minutes, publication records) by their date, each file named after its date."""
    return {
        value.value.date: value
        for path, value in loaded.items()
        if value and _dated_name(path, value.value.date, value, problems)
    }


def load_publications(root: Path) -> dict[dt.date, Loaded[Publications]]:
    """The publication records alone (publications/*.yaml), for reading without the rest of the sources."""
    problems = Problems()
    found = by_date(_load_publications(root.resolve(), problems), problems)
    problems.raise_if_any()
    return found


def report_form(root: Path) -> ReportForm:
    """The form of the body's reports, from board.yaml alone (the default form when there is none)."""
    problems = Problems()
    board = _load_yaml_file(root.resolve(), "board.yaml", Board, problems)
    problems.raise_if_any()
    return board.value.form if board else FORMS["cover-sheet"]


def load_council(path: Path) -> Council:
    """council.yaml, each of its bodies a folder holding a board.yaml, no two alike; raise BoardpackError listing
    every problem."""
    problems = Problems()
    loaded = _load_yaml_file(path.parent, path.name, Council, problems, required=True)
    if loaded is not None:
        seen: dict[tuple[str, str], int] = {}
        for n, body in enumerate(loaded.value.bodies):
            found = []
            for field_name, value in (("path", posixpath.normpath(body.path)), ("slug", body.slug)):
                if (field_name, value) in seen:
                    found.append((field_name, f"{value!r} is already body {seen[field_name, value] + 1}'s"))
                seen.setdefault((field_name, value), n)
            if body.slug in RESERVED_FOLDERS:
                found.append(("slug", f"{body.slug!r} is a folder of the site's own"))
            if not (path.parent / body.path / "board.yaml").is_file():
                found.append(("path", f"{body.path!r} holds no board.yaml (a body's folder, relative to {path.name})"))
            for field_name, message in found:
                where = ("bodies", n, field_name)
                problems.add(loaded.path, loaded.line(*where), loaded.name(*where), message)
    problems.raise_if_any()
    assert loaded is not None, "a council.yaml that cannot be read is a problem"
    return loaded.value


def _listing(root: Path, folder: str, suffix: str) -> list[str]:
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(f"{folder}/{p.name}" for p in directory.iterdir() if p.suffix == suffix and p.is_file())


def _dated_name(path: str, date: dt.date, loaded: Loaded[Any], problems: Problems) -> bool:
    if Path(path).stem != date.isoformat():
        problems.add(
            path,
            loaded.line("date"),
            "date",
            f"{date.isoformat()} does not match the file name (expected {Path(path).parent}/{date.isoformat()}.yaml)",
        )
        return False
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _read_text(root: Path, relative: str, problems: Problems) -> str | None:
    """A source file's text; refused when it links outside the repository or holds control characters."""
    path = root / relative
    if not path.resolve().is_relative_to(root):
        problems.add(relative, 0, "", "is a link to a file outside the repository")
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark (Windows editors) is not text
        for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): it splits on U+000B too
            if match := _CONTROL.search(line):
                problems.add(
                    relative, number, "", f"contains the control character U+{ord(match.group()):04X}; remove it"
                )
        return text
    except UnicodeDecodeError:
        problems.add(relative, 0, "", "file is not UTF-8 text")
    except OSError as error:
        problems.add(relative, 0, "", f"cannot read file: {error.strerror}")
    return None


def _load_yaml_file(
    root: Path,
    relative: str,
    model: type[M],
    problems: Problems,
    required: bool = False,
    labels: Labeller | None = None,
    reads: KeptReads | None = None,
) -> Loaded[M] | None:
    """A YAML source validated against `model`; `labels` names its places as they are printed (an agenda's)."""
    if not (root / relative).exists():
        if required:
            problems.add(relative, 0, "", "file is missing")
        return None
    text = _read_text(root, relative, problems)
    if text is None:
        return None
    data, source = (reads or KeptReads({})).read(text, relative, problems, labels=labels)
    count = len(problems.items)
    # board.yaml is never read in part: every other file is checked against it, and a board missing its
    # people would make every name in them a problem.
    value = validate(model, data, source, problems, salvage=model is not Board)
    return Loaded(value, source, partial=len(problems.items) > count, text=text) if value is not None else None


def _load_front_matter(
    root: Path,
    relative: str,
    problems: Problems,
    reads: KeptReads,
    model: type[M] | None,
    stand_ins: dict[str, Any] | None = None,
) -> Loaded[M] | None:
    """A Markdown source with YAML front matter (a report, a briefing): the front matter validated against `model`
    (None: read for its YAML alone), the text after it kept with the line it starts on. With `stand_ins`, a
    source missing required top-level fields (reported) is still read, with these in their place, so that the
    rest of it is checked in the same pass."""
    text = _read_text(root, relative, problems)
    if text is None:
        return None
    parts = split_front_matter(text, relative, problems)
    if parts is None:
        return None
    front, body, body_line = parts
    data, source = reads.read(front, relative, problems, line_offset=1)
    if model is None:
        return None
    count = len(problems.items)
    value = validate(model, data, source, problems, salvage=True)
    if value is None and stand_ins and isinstance(data, dict):
        value = validate(model, {**stand_ins, **data}, source, Problems(), salvage=True)
    return (
        Loaded(value, source, body=body, body_line=body_line, partial=len(problems.items) > count, text=text)
        if value is not None
        else None
    )


def validate(model: type[M], data: Any, source: SourceMap, problems: Problems, salvage: bool = False) -> M | None:
    """Validate parsed YAML against a model class, turning each error into a located problem. With `salvage`,
    a source with faulty fields is still returned, read without them, so that every other problem in it can be
    found in the same pass (an unquoted time must not hide a misspelt name); None when that cannot be done."""
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.add(source.path, source.first_line, "", "expected a mapping of fields at the top level")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            where = tuple(part for part in item["loc"] if isinstance(part, int) or _is_key(part))
            if any(where[:n] in source.refused for n in range(len(where) + 1)):
                continue  # already reported: the value was refused while reading
            line = source.line_of(where) if item["type"] != "missing" else source.line_of(where[:-1])
            problems.add(source.path, line, source.name(where), _message(item, model, where, source.typed.get(where)))
        return _salvaged(model, data, error) if salvage else None


def _salvaged(model: type[M], data: dict[str, Any], error: ValidationError) -> M | None:
    """The source read again without the fields that failed (never a list's entry, whose removal would move
    the positions of the rest); None while a required field is missing or nothing more can be left out."""
    trimmed = copy.deepcopy(data)
    for _ in range(20):
        if any(item["type"] == "missing" for item in error.errors()):
            return None
        if not any([_leave_out(trimmed, item["loc"]) for item in error.errors()]):
            return None
        try:
            return model.model_validate(trimmed)
        except ValidationError as again:
            error = again
    return None


def _leave_out(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the field at `loc` (or, inside a list, the field holding the list); True if one was removed."""
    steps: list[tuple[Any, Any]] = []  # (container, key) down the path
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            steps.append((node, part))
            node = node[part]
        # else: the name of a type within a union, not a place in the data
    for container, key in reversed(steps):
        if isinstance(container, dict):
            del container[key]
            return True
    return False


def _is_key(part: Any) -> bool:
    """A location part that is a key the author wrote, not a pydantic validator tag like 'function-before[…]'."""
    return isinstance(part, str) and "[" not in part


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict,)):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(value)


def _message(item: Any, model: type[BaseModel], where: tuple[Any, ...], typed: str | None = None) -> str:
    """What is wrong with a field, in words; `typed` is the value as written when YAML read it as a number, a
    date or true/false (4.10 is the number 4.1: the author meant the text)."""
    kind, value = item["type"], item.get("input")
    if kind == "string_type" and typed is not None:
        shown = f"{_describe(value)} (typed {typed})" if typed != str(value) else _describe(value)
        return f'expected text, got {shown}: put it in quotes to keep it as text, as in "{typed}"'
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden" and where:
        known = _known_fields(model, where[:-1])
        close = difflib.get_close_matches(str(where[-1]).replace("-", "_"), known, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else f" (expected one of: {', '.join(known)})"
        return "unknown field" + hint
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    if kind == "literal_error":
        return f"expected one of {item['ctx']['expected']}, got {_describe(value)}"
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} is not in the expected form"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind in ("less_than_equal", "greater_than_equal"):
        ctx = item.get("ctx", {})
        bound = f"at most {ctx['le']}" if "le" in ctx else f"at least {ctx['ge']}"
        return f"must be {bound}, got {_describe(value)}"
    if kind == "int_type":
        return f"expected a whole number, got {_describe(value)}"
    return str(item["msg"]).removeprefix("Value error, ")


def _known_fields(model: type[BaseModel], where: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `where` inside `model` (following nested model fields)."""
    current: Any = model
    for part in where:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            info = next((f for f in current.model_fields.values() if f.alias == part), None)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if not hasattr(current, "model_fields"):
        return []
    return sorted(f.alias or name for name, f in current.model_fields.items())


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in get_args(candidate):
            found = _inner_model(inner)
            if found is not None:
                return found
    return None
