"""Checks across files: people, papers, attachments, minutes and actions that refer to each other."""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
import unicodedata
import warnings
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

from .errors import BoardpackWarning, Problems
from .load import PLAN, Loaded, Papers, load_papers
from .model import Agenda, CoverSheet, Minutes, PlanItem, Release
from .document.markdown import parse_markdown, plain_text, walk
from .exemption import travelling, uses
from .templates import template_set
from .yamlread import field_name
from .numbering import item_identity, item_key, item_numbers
from .repository import did_you_mean, repository_file
from .wording import clock_time, long_date

CHAIR = "Chair"
_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")
MAX_MARKDOWN = 1_000_000
MAX_BRACKETS = 1000  # Python-Markdown's link parsing slows steeply with unclosed '['
MAX_LIST_DEPTH = 3  # Word's list styles go three levels deep (List Bullet 3), as board papers do (1., a., i.)
MAX_TABLE_COLUMNS = 10  # the most that fit side by side on a portrait page in large print
MAX_NESTING = 12  # quotes in quotes, emphasis in emphasis: deeper trips Typst's limits (show rules, data)


def markdown_problems(root: Path, text: str, base: str = "") -> list[tuple[str, str]]:
    """(the offending text, why) for each image, link or raw HTML a Markdown text may not hold."""
    if len(text) > MAX_MARKDOWN:
        return [(text[:40], f"Markdown text is longer than {MAX_MARKDOWN // 1_000_000} MB; split it")]
    for block in re.split(r"\n\s*\n", text):
        if block.count("[") > MAX_BRACKETS:
            return [(block[:40], f"a paragraph has {block.count('[')} '[' characters (at most {MAX_BRACKETS}); "
                                 "Markdown would take too long to read it")]
    found: list[tuple[str, str]] = []
    try:
        nodes = parse_markdown(text)
        depth = _nesting(nodes)
    except RecursionError:  # nested far beyond anything printable (hundreds of quotes or list levels)
        deepest = max(text.splitlines(), key=lambda line: len(line) - len(line.lstrip(" >\t")))
        return [(deepest, f"Markdown nests too deeply to read (quotes within quotes, lists within lists); at most "
                            f"{MAX_NESTING} levels can be printed")]
    if depth > MAX_NESTING:
        return [(text[:40], f"Markdown nests {depth} levels deep (quotes within quotes, emphasis within "
                            f"emphasis); at most {MAX_NESTING} levels can be printed")]
    if _list_depth(nodes) > MAX_LIST_DEPTH:
        items = re.findall(r"(?m)^[ \t]*(?:[-*+]|\d+\.) .*$", text)
        deep = max(items, key=lambda line: len(line) - len(line.lstrip()), default=text[:40])
        found.append((deep,
                      f"lists nest {_list_depth(nodes)} deep; at most {MAX_LIST_DEPTH} levels print in every edition"))
    for node in walk(nodes):
        if "grid_problem" in node:
            found.append(tuple(node["grid_problem"]))  # type: ignore[arg-type]
        if node.get("t") == "p" and re.match(r"\+[-=+]+\+ \|", plain_text(node["c"])):
            first = plain_text(node["c"]).split(" ")[0]
            found.append((first, "this looks like a grid table but was read as text: its first and last lines must be "
                                 "borders such as +------+------+, and a cell's text must not touch its borders"))
        if node.get("t") == "grid" and node["columns"] > MAX_TABLE_COLUMNS:
            found.append((text[:40], f"a grid table has {node['columns']} columns; at most {MAX_TABLE_COLUMNS} fit on a "
                                     "page in large print: split it, or attach it as a PDF appendix"))
        if node.get("t") == "table":
            for row, cells in node.get("ragged", []):
                found.append((row, f"table row '{row.strip()}' has {cells} cell{'s' if cells != 1 else ''} but the table has {len(node['head'])} "
                                   "columns; give every row one cell a column (an empty cell is `| |`)"))
            if len(node["head"]) > MAX_TABLE_COLUMNS:
                wide = re.search(r"(?m)^[^\n]*(?:\|[^|\n]*){%d,}$" % MAX_TABLE_COLUMNS, text)
                found.append((wide.group(0) if wide else text[:40], f"a table has {len(node['head'])} columns; at most {MAX_TABLE_COLUMNS} fit on a "
                                         "page in large print: split it, or attach it as a PDF appendix"))
        if node.get("t") == "heading" and not plain_text(node["c"]).strip():
            empty = re.search(r"(?m)^ {0,3}#{1,6}[ \t#]*$", text)
            found.append((empty.group(0) if empty else "#", "a heading has no text"))
        if node.get("t") == "img":
            src = node["src"]
            path, why = repository_file(root, src, base)
            if path is None:
                found.append((src, f"image {why}"))
            elif path.suffix.lower() not in IMAGE_TYPES:
                found.append((src, f"image '{src}' is not a PNG, JPEG or GIF file"))
            if not node.get("alt", "").strip():
                found.append((src, f"image '{src}' has no alt text: write ![what the image shows]({src})"))
        elif "dropped_href" in node:
            href = node["dropped_href"]
            found.append((href, f"link to '{href}' is not allowed: links must start with https://, http:// or mailto:"))
        for child in node.get("c", []):
            if isinstance(child, str):
                for match in _RAW_HTML.finditer(child):
                    found.append((match.group(0), f"raw HTML '{match.group(0)}' is not allowed in Markdown"))
    return found


_NAMED = {"name", "title", "heading", "chair", "owner", "public_title", "authors", "responsible_officer", "leads", "id",
          "member", "interest", "names", "lead", "decision"}


def _markdown_of(kind: str, value: object, where: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """The Markdown texts in a report form's field, each with where it is."""
    if value is None:
        return []
    if kind == "markdown":
        return [(where, str(value))]
    if kind == "risks":
        return [(where + (index, "mitigation"), risk.mitigation) for index, risk in enumerate(value)]  # type: ignore[attr-defined]
    if kind == "implications":
        return [(where + (name,), text) for name, text in value if text is not None]  # type: ignore[attr-defined]
    return []


ATTENDANCE = ("present", "apologies", "absent", "in_attendance")


def _first_difference(now: Any, then: Any, where: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """Where two parsed versions of a file first differ (the deepest field or item that holds the change)."""
    if isinstance(now, dict) and isinstance(then, dict):
        for key in [*now, *(k for k in then if k not in now)]:
            if now.get(key) != then.get(key):
                return _first_difference(now.get(key), then.get(key), where + (key,)) if key in now else where
        return None
    if isinstance(now, list) and isinstance(then, list):
        for index, (a, b) in enumerate(zip(now, then)):
            if a != b:
                return _first_difference(a, b, where + (index,))
        return None if len(now) == len(then) else where
    return None if now == then else where


def members_present(minutes: Minutes, number: str) -> list[str]:
    """Those present as members (substitutes too) for the minute `number`: present for the whole meeting,
    or for the part whose arrival and departure bracket it."""
    order = [m.number for m in minutes.items]
    at = order.index(number)
    return [entry.name for entry in minutes.present
            if (entry.arrived not in order or order.index(entry.arrived) <= at)
            and (entry.left not in order or at <= order.index(entry.left))]


def contrast_with_black(colour: str) -> float:
    """The WCAG contrast ratio of black text on `colour` (#rrggbb)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05) / 0.05


def name_key(name: str) -> str:
    """A name as a reader tells names apart: accents composed, invisible characters dropped, any run
    of spaces (non-breaking too) one space, letter case ignored."""
    text = "".join(c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) != "Cf")
    return " ".join(text.split()).casefold()


def _names_and_titles(value: object, where: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every name, id and title in a source's data, with where it is."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _NAMED and isinstance(item, str):
                found.append((where + (key,), item))
            elif key in _NAMED and isinstance(item, list):
                found += [(where + (key, i), v) for i, v in enumerate(item) if isinstance(v, str)]
            else:
                found += _names_and_titles(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _names_and_titles(item, where + (index,))
    return found


def _nesting(value: object) -> int:
    """How deep a Markdown tree's nodes nest within each other."""
    if isinstance(value, list):
        return max((_nesting(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_nesting(value[key]) for key in ("c", "items", "head", "rows") if key in value), default=0)
    return 0


def _list_depth(nodes: list) -> int:
    """How deep lists nest in a block tree (0 when there is no list)."""
    deepest = 0
    for node in nodes:
        if node.get("t") == "list":
            deepest = max(deepest, 1 + max((_list_depth(item) for item in node["items"]), default=0))
        elif node.get("t") == "quote":
            deepest = max(deepest, _list_depth(node["c"]))
    return deepest


def unprintable(text: str, fonts: Path) -> list[tuple[int, str]]:
    """(line, character) for each character the pack's fonts have no glyph for; Typst would print a
    blank box for it. Controls and invisible format characters (zero-width joiners …) need none."""
    if text.isascii():
        return []
    glyphs = _font_characters(fonts)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for char in dict.fromkeys(line):
            if ord(char) not in glyphs and unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"):
                found.append((number, char))
    return found


@lru_cache(maxsize=4)
def _font_characters(folder: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    characters: set[int] = set()
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".ttf", ".otf"):
            with TTFont(path, lazy=True) as font:
                characters |= set(font.getBestCmap())
    return frozenset(characters)


def check_repository(root: Path, as_at: dt.date | None = None) -> Papers:
    """Load and check every source; raise BoardpackError listing every problem. With `as_at`, also hold
    each meeting to its timetable as on that day (see check_timetable)."""
    problems = Problems()
    papers = load_papers(root, problems)
    if papers is not None:
        check_papers(papers, problems)
        if as_at is not None:
            check_timetable(papers, problems, as_at)
    problems.raise_if_any()
    assert papers is not None
    return papers


def check_timetable(papers: Papers, problems: Problems, as_at: dt.date) -> None:
    """Deadlines as on `as_at`: once final reports are due, an officer's item with no paper is worth a warning;
    once the agenda's publication date has passed, an item added since (not in the agenda as committed to
    git by then) needs the chair's reason for urgency (`late:`)."""
    day = long_date
    from .history import committed_text
    from .timetable import meeting_dates

    timetable = papers.board.value.timetable
    for date, loaded in sorted(papers.agendas.items()):
        if date in papers.publications:
            continue  # what was published is on record (see _Checker.check_published_agendas)
        dates = meeting_dates(date, timetable)
        if not dates.finals <= as_at <= date:
            continue
        items = [(s, i, item) for s, section in enumerate(loaded.value.sections) for i, item in enumerate(section.items)]
        for s, i, item in items:
            if item.paper is None and item.minutes is None and item.tracker is None \
                    and any(author != CHAIR for author in item.authors):
                warnings.warn(f"{loaded.path}:{loaded.line('sections', s, 'items', i, 'title')}: final reports were due "
                              f"on {day(dates.finals)}; '{item.title}' has no paper", BoardpackWarning, stacklevel=2)
        if as_at <= dates.publication:
            continue
        published = committed_text(papers.root, loaded.path, dates.publication)
        if published is None and not _in_git(papers.root):
            continue  # no history to say what was published
        titles = set(re.findall(r"(?m)^\s*-?\s*title:\s*(.+?)\s*$", published or ""))
        for s, i, item in items:
            if item.late is None and not any(item.title in title for title in titles):
                problems.add(loaded.path, loaded.line("sections", s, "items", i, "title"), field_name(("sections", s, "items", i, "title")),
                             f"'{item.title}' was added after the agenda was published on {day(dates.publication)}: "
                             "give the chair's reason for urgency in `late:`")


def _in_git(root: Path) -> bool:
    return any((folder / ".git").exists() for folder in (root, *root.parents))


def check_papers(papers: Papers, problems: Problems) -> None:
    """Add a problem for every reference between sources that does not hold."""
    _Checker(papers, problems).run()


MAX_PDF_PAGES = 500
MIN_PAGE, MAX_PAGE = 72.0, 14_400.0  # points: 1 inch, and the largest page PDF readers show (200 inches)
MAX_PDF_UNPACKED = 256_000_000  # bytes of a PDF's compressed streams once unpacked


def _unpacked_size(pdf: pikepdf.Pdf) -> int:
    """How big the PDF's Flate-compressed streams are unpacked, counted in chunks and stopping past the
    cap, so that a decompression bomb is measured without ever being held in memory."""
    import pikepdf

    total = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = obj.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
        if names[:1] != ["/FlateDecode"]:
            continue  # images in their own formats (JPEG, JPEG 2000) are drawn compressed
        unpack, data = zlib.decompressobj(), obj.read_raw_bytes()
        while data and total <= MAX_PDF_UNPACKED:
            try:
                total += len(unpack.decompress(data, 1 << 20))
            except zlib.error:
                break  # a damaged stream: readers show what they can
            data = unpack.unconsumed_tail
        if total > MAX_PDF_UNPACKED:
            break
    return total


def pdf_problem(path: Path) -> str:
    """Why a PDF appendix cannot be inserted as it is, or '' when it can."""
    import pikepdf  # only a board with PDF appendices pays for it

    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return "is not a PDF file"
        with pikepdf.open(path, attempt_recovery=False) as pdf:
            if len(pdf.pages) == 0:
                return "has no pages"
            if len(pdf.pages) > MAX_PDF_PAGES:
                return f"has {len(pdf.pages)} pages; at most {MAX_PDF_PAGES} can go into a pack"
            for number, page in enumerate(pdf.pages, start=1):
                box = [float(v) for v in page.mediabox]
                width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
                if not (MIN_PAGE <= width <= MAX_PAGE and MIN_PAGE <= height <= MAX_PAGE):
                    return (f"page {number} is {width:.0f} × {height:.0f} pt; pages must be between {MIN_PAGE:.0f} and "
                            f"{MAX_PAGE:.0f} pt (1 inch and 200 inches) each way")
                if int(page.obj.get("/Rotate", 0)) % 90:
                    return f"page {number} is turned by {int(page.obj.get('/Rotate', 0))}°; a page turns by 90° steps only"
            if (size := _unpacked_size(pdf)) > MAX_PDF_UNPACKED:
                return (f"unpacks to more than {MAX_PDF_UNPACKED // 1_000_000} MB ({size // 1_000_000} MB read so far): "
                        "it may be a decompression bomb; supply a plain copy")
    except pikepdf.PasswordError:
        return "is password-protected; supply an unprotected copy"
    except (pikepdf.PdfError, OSError, ValueError, KeyError, TypeError) as error:
        reason = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        return f"cannot be read as a PDF ({reason}); it may be truncated or damaged"
    return ""


def pdf_is_tagged(path: Path) -> bool:
    """Whether a (readable) PDF carries a structure tree a screen reader can follow."""
    import pikepdf

    from .render.foreign import is_tagged

    with pikepdf.open(path) as pdf:
        return is_tagged(pdf)


class _Checker:
    def __init__(self, papers: Papers, problems: Problems) -> None:
        self.papers, self.problems = papers, problems
        self.people = [p.name for p in papers.board.value.people]
        self.posts = [p.title for p in papers.board.value.posts]

    def run(self) -> None:
        self.check_board()
        for agenda in self.papers.agendas.values():
            self.check_agenda(agenda)
        self.check_paper_exemption()
        self.check_travelling_exemption()
        self.check_deceptive_text()
        for sheet in self.papers.cover_sheets.values():
            self.check_cover_sheet(sheet)
        for minutes in self.papers.minutes.values():
            self.check_attendance(minutes)
            self.duplicates(minutes, [m.number for m in minutes.value.items], ("items",), "number", "minute")
            for index, minute in enumerate(minutes.value.items):
                self.markdown(minutes, minute.body, "items", index, "body")
                for d, decision in enumerate(minute.decisions):
                    for key in ("resolved", "reasons", "alternatives"):
                        self.markdown(minutes, getattr(decision, key), "items", index, "decisions", d, key)
                    if minute.exempt is not None and decision.public_summary is None:
                        self.add(minutes, ("items", index, "decisions", d, "resolved"),
                                 "a decision under an exempt minute needs a public_summary for the public decision list")
            self.check_quorum(minutes)
            self.check_declarations(minutes)
            self.check_confirmations(minutes)
        self.check_confirmed_minutes_unchanged()
        self.check_published_agendas()
        self.check_forward_plan()
        self.check_register()
        self.check_log()
        self.check_characters()

    def check_forward_plan(self) -> None:
        """The plan's leads are people or posts and its key decisions say what is to be decided; a key decision on an
        agenda was in the plan 28 clear days before its meeting, and what the plan schedules for a meeting whose
        agenda is written is on it (warnings: the clerk may use the general exception or special urgency)."""
        plan = self.papers.plan
        if plan is None:
            entries: list[PlanItem] = []
        else:
            entries = plan.value.items
            for index, entry in enumerate(entries):
                self.person(plan, entry.lead, "items", index, "lead", allow_posts=True)
                self.markdown(plan, entry.purpose, "items", index, "purpose")
                if entry.key_decision and not entry.decision.strip():
                    self.add(plan, ("items", index, "key_decision"), "a key decision says what is to be decided (`decision:`)")
                if entry.added > entry.meeting:
                    self.add(plan, ("items", index, "added"), f"{entry.added} is after the meeting it is planned for "
                                                              f"({entry.meeting})")
        for date, loaded in sorted(self.papers.agendas.items()):
            planned = {entry.title.casefold(): entry for entry in entries if entry.meeting == date}
            titles = {item.title.casefold() for section in loaded.value.sections for item in section.items}
            for s, section in enumerate(loaded.value.sections):
                for i, item in enumerate(section.items):
                    if not item.key_decision:
                        continue
                    entry = planned.get(item.title.casefold())
                    where = f"{loaded.path}:{loaded.line('sections', s, 'items', i, 'key_decision')}"
                    if entry is None:
                        warnings.warn(f"{where}: '{item.title}' is a key decision but is not in the forward plan "
                                      f"({PLAN}) for {date}: a key decision needs 28 clear days' notice",
                                      BoardpackWarning, stacklevel=2)
                    elif (clear := (date - entry.added).days - 1) < 28:
                        warnings.warn(f"{where}: '{item.title}' is a key decision first in the forward plan on "
                                      f"{entry.added}, {clear} clear days before the meeting: it needs 28 (or the "
                                      "general exception, or special urgency, recorded)", BoardpackWarning, stacklevel=2)
            for index, entry in enumerate(entries):
                if plan is not None and entry.meeting == date and entry.title.casefold() not in titles:
                    warnings.warn(f"{PLAN}:{plan.line('items', index, 'title')}: the forward plan schedules "
                                  f"'{entry.title}' for {date}, and it is not on that agenda", BoardpackWarning, stacklevel=2)

    def check_published_agendas(self) -> None:
        """Once a meeting's papers are published (publications/), its agenda may grow only by items with a reason
        for urgency (`late:`), and no published item may change its number: members hold the published pack."""

        for date, record in sorted(self.papers.publications.items()):
            if date not in self.papers.agendas:
                self.add(record, ("date",), f"there is no agenda for {date.isoformat()}, whose papers were published")
                continue
            loaded = self.papers.agendas[date]
            agenda = loaded.value
            published = {key: item.number for publication in record.value.publications
                         for key, item in publication.items.items()}
            numbered = {number: key for key, number in published.items()}
            identities = {key: item.identity for publication in record.value.publications  # from the private record
                          for key, item in publication.exempt.items()}
            first = record.value.publications[0].published
            for (s, i), number in item_numbers(self.papers.board.value, agenda).items():
                item = agenda.sections[s].items[i]
                key = item_key(item, number)
                where = ("sections", s, "items", i, "title")
                if key in identities and identities[key] != item_identity(item):
                    self.add(loaded, where, f"'{item.title}' takes the number {number}, published on {long_date(first)} "
                                            "for another exempt item: members hold the published pack, so add items "
                                            "after those published in their section")
                elif key not in published and item.late is None:
                    self.add(loaded, where, f"'{item.title}' was added after the papers were published on "
                                            f"{long_date(first)}: give the chair's reason for "
                                            "urgency in `late:`, and it goes into a supplementary pack")
                elif key not in published and number in numbered:
                    self.add(loaded, where, f"'{item.title}' takes the number {number}, published on {long_date(first)} "
                                            "for another item: members hold the published pack, so add items after "
                                            "those published in their section")
                elif key in published and published[key] != number:
                    self.add(loaded, where, f"'{item.title}' was published as item {published[key]}, and is now "
                                            f"{number}: members hold the published pack, so add items after those "
                                            "published in their section")

    def check_attendance(self, loaded: Loaded[Minutes]) -> None:
        """Everyone once; members present or absent (anyone may send apologies), others in attendance; a substitute only
        where the body allows them, for a member who sent apologies; arrivals and departures at minutes
        these minutes have."""
        minutes, board = loaded.value, self.papers.board.value
        numbers = [m.number for m in minutes.items]
        apologies = {entry.name for entry in minutes.apologies}
        seen: dict[str, str] = {}
        for group in ATTENDANCE:
            for index, entry in enumerate(getattr(minutes, group)):
                where = (group, index)
                self.person(loaded, entry.name, *where, "name")
                shown = group.replace("_", " ")
                if entry.name in seen:
                    self.add(loaded, where + ("name",), f"'{entry.name}' is listed twice: under {seen[entry.name]} and {shown}")
                seen.setdefault(entry.name, shown)
                person = board.person(entry.name)
                if entry.substitute_for is not None:
                    self.substitute(loaded, entry, group, apologies, where)
                elif person is not None and group in ("present", "absent") and not person.member:
                    self.add(loaded, where + ("name",), f"'{entry.name}' is not a member of the {board.kind} (member: true "
                                                        "in board.yaml): list officers and guests under in_attendance, "
                                                        "a substitute with substitute_for")
                if person is not None and group == "in_attendance" and person.member:
                    self.add(loaded, where + ("name",), f"'{entry.name}' is a member of the {board.kind}: list them under "
                                                        "present, apologies or absent")
                for key in ("arrived", "left"):
                    number = getattr(entry, key)
                    if number is not None and group != "present":
                        self.add(loaded, where + (key,), f"`{key}` is for those present for part of the meeting")
                    elif number is not None and number not in numbers:
                        self.add(loaded, where + (key,), f"there is no minute {number} in these minutes "
                                                         f"(minutes: {', '.join(numbers)})")
                if entry.arrived in numbers and entry.left in numbers and numbers.index(entry.left) < numbers.index(entry.arrived):
                    self.add(loaded, where + ("left",), f"left after minute {entry.left}, before arriving at {entry.arrived}")

    def substitute(self, loaded: Loaded[Minutes], entry: Any, group: str, apologies: set[str],
                   where: tuple[str | int, ...]) -> None:
        board = self.papers.board.value
        if group != "present":
            self.add(loaded, where + ("substitute_for",), "a substitute is listed under present")
        elif not board.substitutes:
            self.add(loaded, where + ("substitute_for",), f"the {board.kind} does not allow substitutes "
                                                          "(substitutes: true in board.yaml if it does)")
        elif entry.substitute_for not in apologies:
            self.add(loaded, where + ("substitute_for",), f"'{entry.substitute_for}' is not among the apologies: a "
                                                          "substitute attends for a member who sent apologies")
        elif sum(e.substitute_for == entry.substitute_for for e in loaded.value.present) > 1:
            self.add(loaded, where + ("substitute_for",), f"'{entry.substitute_for}' has more than one substitute")

    def check_quorum(self, loaded: Loaded[Minutes]) -> None:
        """Each minute was taken with a quorum of members present, or the minutes record that it was not."""
        minutes, board = loaded.value, self.papers.board.value
        quorum = board.quorum_of()
        if quorum is None or minutes.inquorate:
            return
        members = sum(person.member for person in board.people)
        for index, minute in enumerate(minutes.items):
            present = len(members_present(minutes, minute.number))
            if present < quorum and not minute.inquorate:
                self.add(loaded, ("items", index, "number"),
                         f"only {present} of the {members} members were present for minute {minute.number} (the quorum is "
                         f"{quorum}): record it in the minute's `inquorate` (or the meeting's), or correct the attendance")

    def check_confirmations(self, loaded: Loaded[Minutes]) -> None:
        """A minute confirms earlier minutes the board has, not yet confirmed; a correction is agreed later."""
        minutes = loaded.value
        for index, minute in enumerate(minutes.items):
            if minute.confirms is None:
                continue
            where = ("items", index, "confirms", "minutes")
            confirmed = minute.confirms.minutes
            if confirmed not in self.papers.minutes:
                self.add(loaded, where, f"there are no minutes of {confirmed} to confirm (minutes/{confirmed}.yaml)")
            elif confirmed >= minutes.date:
                self.add(loaded, where, f"the minutes of {confirmed} are not of an earlier meeting")
            else:
                first = self.papers.confirmation(confirmed)
                if first is not None and (first[0], first[1]) != (minutes.date, minute.number):
                    self.add(loaded, where, f"the minutes of {confirmed} were already confirmed at the meeting of "
                                            f"{first[0]} (minute {first[1]})")
        confirmed = self.papers.confirmation(minutes.date)
        for index, correction in enumerate(minutes.corrections):
            if confirmed is None or correction.date <= confirmed[0]:
                self.add(loaded, ("corrections", index, "date"), "a correction is agreed at a meeting after the one that "
                                                                 "confirmed the minutes; before that, amend them")

    def check_confirmed_minutes_unchanged(self) -> None:
        """Confirmed minutes are locked: the record is the file as committed with the confirmation (or with its
        latest correction); any later change must be recorded under `corrections` (git is read only when some
        minutes are confirmed)."""
        confirmed = {date: self.papers.confirmation(date) for date in self.papers.minutes}
        confirmed = {date: when for date, when in confirmed.items() if when is not None}
        if not confirmed:
            return
        from .history import text_when_first
        from .load import validate
        from .yamlread import read_yaml

        for date, (when, number, _) in sorted(confirmed.items()):
            loaded = self.papers.minutes[date]
            corrections = loaded.value.corrections
            if corrections:  # the record as it stood once the latest correction was written into it
                latest = f"date: {corrections[-1].date}"
                text = text_when_first(self.papers.root, loaded.path, lambda t: latest in t and "corrections" in t,
                                       loaded.path)
            else:  # the record as it stood when the confirmation was committed
                text = text_when_first(self.papers.root, f"minutes/{when}.yaml",
                                       lambda t: bool(re.search(rf"minutes:\s*{date}\b", t)), loaded.path)
            if text is None:
                continue  # not in git, or not yet committed: nothing to compare with
            ignored = Problems()
            data, source = read_yaml(text, loaded.path, ignored)
            then = validate(Minutes, data, source, ignored)
            if then is None:
                continue  # the record as committed did not read: nothing sound to compare with
            committed = then.model_dump(mode="json", by_alias=True, exclude={"corrections"})
            current = loaded.value.model_dump(mode="json", by_alias=True, exclude={"corrections"})
            changed = _first_difference(current, committed, ())
            if changed is not None:
                self.add(loaded, changed, f"these minutes were confirmed as a correct record at the meeting of {when} "
                                          f"(minute {number}) and this has changed since"
                                          + (" their latest correction" if corrections else "")
                                          + ": restore it, or record the change under `corrections` with the date and "
                                          "minute that agreed it")

    def check_register(self) -> None:
        """The register of interests holds the members' interests, each registered before it ended."""
        register = self.papers.register
        if register is None:
            return
        board = self.papers.board.value
        for index, interest in enumerate(register.value.interests):
            self.person(register, interest.member, "interests", index, "member")
            person = board.person(interest.member)
            if person is not None and not person.member:
                self.add(register, ("interests", index, "member"), f"'{interest.member}' is not a member of the "
                                                                   f"{board.kind}: the register is of members' interests")
            if interest.ended is not None and interest.ended < interest.registered:
                self.add(register, ("interests", index, "ended"), f"ended {interest.ended}, before it was registered "
                                                                  f"on {interest.registered}")

    def check_declarations(self, loaded: Loaded[Minutes]) -> None:
        """A declaration is made by someone present for the minute; a minute that names an organisation in a
        present member's register, with no declaration from them, is worth a second look (a warning)."""
        minutes = loaded.value
        register = self.papers.register.value.interests if self.papers.register else []
        for index, minute in enumerate(minutes.items):
            present = members_present(minutes, minute.number)
            for d, declaration in enumerate(minute.declarations):
                where = ("items", index, "declarations", d, "member")
                self.person(loaded, declaration.member, *where)
                if declaration.member not in present:
                    self.add(loaded, where, f"'{declaration.member}' declared an interest but was not present for minute "
                                            f"{minute.number}")
            declared = {declaration.member for declaration in minute.declarations}
            text = f"{minute.title}\n{minute.body}".lower()
            for interest in register:
                if interest.member in present and interest.member not in declared and interest.current(minutes.date):
                    named = next((name for name in interest.names if name.lower() in text), None)
                    if named:
                        warnings.warn(f"{loaded.path}:{loaded.line('items', index, 'title')}: minute {minute.number} "
                                      f"names '{named}', in {interest.member}'s register of interests ({interest.kind}: "
                                      f"{interest.interest}), and no declaration by them is recorded",
                                      BoardpackWarning, stacklevel=2)

    def check_characters(self) -> None:
        """Every character of every source must be one the pack's fonts can print."""
        fonts = template_set(self.papers.root).fonts
        loaded = [self.papers.board, *self.papers.agendas.values(), *self.papers.minutes.values(),
                  *self.papers.cover_sheets.values(),
                  *(source for source in (self.papers.log, self.papers.register, self.papers.plan) if source)]
        paths = [item.path for item in loaded] + sorted({appendix.markdown for sheet in self.papers.cover_sheets.values()
                                                         for appendix in sheet.value.appendices if appendix.markdown})
        for path in paths:
            try:
                text = (self.papers.root / path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # reported where the file is read
            for line, char in unprintable(text, fonts):
                name = unicodedata.name(char, "unnamed")
                self.problems.add(path, line, "", f"the character {char!r} (U+{ord(char):04X} {name}) cannot be printed: "
                                              f"the pack's fonts have no glyph for it (add a font that has it to templates/fonts)")

    def person(self, loaded: Loaded, name: str, *where: str | int, allow_chair: bool = False,
               allow_posts: bool = False) -> None:
        if name in self.people or (allow_chair and name == CHAIR) or (allow_posts and name in self.posts):
            return
        same = next((p for p in self.people if name_key(p) == name_key(name)), None)
        if same is not None:
            self.add(loaded, where, f"'{name}' differs from the board's \"{same}\" only in invisible characters, spaces "
                                    "or how its accents are encoded (text pasted from Word?): write it exactly as in board.yaml")
            return
        hint = did_you_mean(name, self.people + (self.posts if allow_posts else [])) or " (add them to people in board.yaml)"
        posts = " or posts" if allow_posts and self.posts else ""
        self.add(loaded, where, f"'{name}' is not one of the board's people{posts}{hint}")

    def markdown(self, loaded: Loaded, text: str, *where: str | int) -> None:
        for _, why in markdown_problems(self.papers.root, text, posixpath.dirname(loaded.path)):
            self.add(loaded, where, why)

    def markdown_body(self, path: str, body: str, first_line: int) -> None:
        for needle, why in markdown_problems(self.papers.root, body, posixpath.dirname(path)):
            offset = body.find(needle)
            self.problems.add(path, first_line + (body[:offset].count("\n") if offset >= 0 else 0), "", why)

    def add(self, loaded: Loaded, where: tuple[str | int, ...], message: str) -> None:
        self.problems.add(loaded.path, loaded.line(*where), field_name(where), message)

    def duplicates(self, loaded: Loaded, values: list[str], group: tuple[str | int, ...], key: str, noun: str) -> None:
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                self.add(loaded, group + (index, key), f"duplicate {noun} '{value}'")
            seen.add(value)

    def check_board(self) -> None:
        board = self.papers.board
        self.duplicates(board, self.people, ("people",), "name", "person")
        seen: dict[str, str] = {}
        for index, name in enumerate(self.people):
            other = seen.setdefault(name_key(name), name)
            if other != name:
                self.add(board, ("people", index, "name"), f"'{name}' is the same name as \"{other}\" but for invisible "
                                                          "characters, spaces or letter case: one person, listed twice?")
        self.person(board, board.value.chair, "chair")
        self.duplicates(board, self.posts, ("posts",), "title", "post")
        for index, post in enumerate(board.value.posts):
            if post.title in self.people:
                self.add(board, ("posts", index, "title"), f"'{post.title}' is both a person and a post: name the post "
                                                           "by its office")
            if post.holder is not None:
                self.person(board, post.holder, "posts", index, "holder")
        if board.value.vice_chair is not None:
            self.person(board, board.value.vice_chair, "vice_chair")
        style = board.value.style
        if style.logo is not None:
            path, why = repository_file(self.papers.root, style.logo)
            if path is None:
                self.add(board, ("style", "logo"), f"the logo {why}")
            elif path.suffix.lower() not in IMAGE_TYPES:
                self.add(board, ("style", "logo"), f"the logo '{style.logo}' is not a PNG, JPEG or GIF file")
        if style.colour is not None and (ratio := contrast_with_black(style.colour)) < 4.5:
            self.add(board, ("style", "colour"), f"black text on {style.colour} has a contrast of only {ratio:.1f}:1; "
                                                 "table headings need at least 4.5:1 to be read: choose a lighter colour")

    def check_deceptive_text(self) -> None:
        """Names and titles may hold no invisible characters or direction overrides, which change how
        the text around them reads (a right-to-left override reverses what follows it)."""
        loaded = [self.papers.board, *self.papers.agendas.values(), *self.papers.minutes.values(),
                  *self.papers.cover_sheets.values(),
                  *(source for source in (self.papers.log, self.papers.register, self.papers.plan) if source)]
        for source in loaded:
            for where, text in _names_and_titles(source.value.model_dump(by_alias=True), ()):
                hidden = [c for c in dict.fromkeys(text) if unicodedata.category(c) == "Cf"]
                if hidden:
                    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in hidden)
                    self.add(source, where, f"contains {named}: an invisible character that can change how the text "
                                            "around it reads; remove it")

    def check_agenda(self, loaded: Loaded[Agenda]) -> None:
        agenda = loaded.value
        for s, section in enumerate(agenda.sections):
            self.times(loaded, section.start, section.end, "sections", s)
            for i, item in enumerate(section.items):
                where = ("sections", s, "items", i)
                self.times(loaded, item.start, item.end, *where)
                self.markdown(loaded, item.purpose, *where, "purpose")
                for a, author in enumerate(item.authors):
                    self.person(loaded, author, *where, "authors", a, allow_chair=True, allow_posts=True)
                if item.paper is not None:
                    self.paper(loaded, item.paper, *where, "paper")
                if item.tracker is not None:
                    self.tracker_ref(loaded, item.tracker, *where, "tracker")
                if item.minutes is not None and f"minutes/{item.minutes}.yaml" not in self.papers.unreadable:
                    if item.minutes not in self.papers.minutes:
                        self.add(loaded, where + ("minutes",), f"there are no minutes for {item.minutes} (expected minutes/{item.minutes}.yaml)")
                    elif item.minutes >= agenda.date:
                        self.add(loaded, where + ("minutes",), f"minutes of {item.minutes} are not of an earlier meeting")
                for f, later in enumerate(item.future_meetings):
                    if later <= agenda.date:
                        self.add(loaded, where + ("future_meetings", f), f"{later} is not after this meeting")

    def check_paper_exemption(self) -> None:
        """A paper is exempt or public, never both in one meeting; one published before it became exempt
        cannot be unpublished, and the clerk is told where it still is."""
        used: dict[str, list[tuple[dt.date, bool, str]]] = {}  # paper -> (meeting, exempt, where) for each use
        for date, loaded in sorted(self.papers.agendas.items()):
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
                    self.problems.add(path, int(line), "paper", f"'{paper}' is exempt here but public at {public[0]}; "
                                                              "a paper is either exempt or public in a meeting")
            published = [(d, w) for d, e, w in found if not e]
            for date, exempt, where in found:
                earlier = [(d, w) for d, w in published if d < date]
                if exempt and earlier:
                    warnings.warn(f"{where}: '{paper}' is exempt from {date}, but the public pack of {earlier[-1][0]} "
                                  f"({earlier[-1][1]}) published it: that pack and its page on the web edition still hold "
                                  "it; withdraw them if the information must not stay public", BoardpackWarning,
                                  stacklevel=2)

    def check_travelling_exemption(self) -> None:
        """A tracker or appendix first reported under an exempt item stays exempt until released; an image shown
        under one stays exempt (an image records no release)."""
        found = travelling(self.papers)
        for use in uses(self.papers):
            first = (found.trackers if use.kind == "tracker" else found.files).get(use.what)
            noun = {"tracker": "tracker", "file": "appendix", "image": "image"}[use.kind] + f" '{use.what}'"
            release = use.released
            if first is not None and release is not None and release.date < first.since:
                self._at(use.where, f"{noun} is released on {release.date}, before it became exempt on {first.since}")
            if use.exempt is not None or first is None:
                continue
            if use.date < first.since:
                warnings.warn(f"{use.where}: {noun} was published here, before it became exempt at {first.where}: "
                              "that pack and its page on the web edition still hold it", BoardpackWarning, stacklevel=2)
            elif use.kind == "image":
                self._at(use.where, f"{noun} is shown under an exempt item (paragraph {first.exempt.paragraph}, "
                                    f"{first.where}) since {first.since}: make this item exempt too, or show an image "
                                    "that is not exempt")
            elif release is None or use.date < release.date:
                where = "on the tracker in actions.yaml" if use.kind == "tracker" else "on this appendix in its cover sheet"
                self._at(use.where, f"{noun} is exempt since {first.since} (paragraph {first.exempt.paragraph}, "
                                    f"{first.where}): make this item exempt too, or record its release {where} "
                                    "(released: {date: YYYY-MM-DD, minute: \"N.N\"})")

    def release(self, loaded: Loaded, release: Release | None, *where: str | int) -> None:
        """A release names the minute that decided it, in minutes the board has."""
        if release is None:
            return
        minutes = self.papers.minutes.get(release.date)
        if minutes is None or release.minute not in {m.number for m in minutes.value.items}:
            self.add(loaded, where + ("released", "minute"), f"there is no minute {release.minute} in "
                                                             f"minutes/{release.date}.yaml to release it")

    def _at(self, where: str, message: str) -> None:
        path, _, line = where.rpartition(":")
        self.problems.add(path, int(line), "", message)

    def times(self, loaded: Loaded, start: str | None, end: str | None, *where: str | int) -> None:
        if start and end and clock_time(end) <= clock_time(start):
            self.add(loaded, where + ("end",), f"ends at {end}, not after it starts at {start}")

    def paper(self, loaded: Loaded, text: str, *where: str | int) -> None:
        if not re.fullmatch(r"cover_sheets/[^/\\]+\.md", text):
            self.add(loaded, where, f"'{text}' is not a cover sheet: write cover_sheets/NAME.md (a file directly in cover_sheets/)")
            return
        path, why = repository_file(self.papers.root, text)
        if path is None:
            self.add(loaded, where, why)
        # a cover sheet that exists but did not load has problems of its own

    def check_cover_sheet(self, loaded: Loaded[CoverSheet]) -> None:
        sheet = loaded.value
        for index, name in enumerate(sheet.responsible_officer):
            self.person(loaded, name, "responsible_officer", index, allow_posts=True)
        for form_field in self.papers.board.value.form.fields:
            for where, text in _markdown_of(form_field.kind, sheet.field(form_field.key), (form_field.key,)):
                self.markdown(loaded, text, *where)
        self.markdown_body(loaded.path, loaded.body, loaded.body_line)
        for index, appendix in enumerate(sheet.appendices):
            where = ("appendices", index)
            if appendix.file is not None:
                path, why = repository_file(self.papers.root, appendix.file, posixpath.dirname(loaded.path))
                if path is not None and (broken := pdf_problem(path)):
                    why = f"'{appendix.file}' {broken}"
                if why:
                    self.add(loaded, where + ("file",), why)
                elif path is not None and not pdf_is_tagged(path):
                    warnings.warn(f"{loaded.path}:{loaded.line(*where, 'file')}: {field_name(where + ('file',))}: "
                                  f"'{appendix.file}' is not tagged, so a screen reader cannot read it: the pack "
                                  "announces each of its pages by the appendix's title, as not accessible; ask its "
                                  "authors for a tagged PDF (PDF/UA)", BoardpackWarning, stacklevel=2)
            if appendix.markdown is not None:
                path, why = repository_file(self.papers.root, appendix.markdown, posixpath.dirname(loaded.path))
                if path is None:
                    self.add(loaded, where + ("markdown",), why)
                else:
                    self.markdown_file(loaded, path, where + ("markdown",))
            if appendix.tracker is not None:
                self.tracker_ref(loaded, appendix.tracker, *where, "tracker")
            self.release(loaded, appendix.released, *where)

    def tracker_ref(self, loaded: Loaded, tracker: str, *where: str | int) -> None:
        if "actions.yaml" in self.papers.unreadable:
            return  # actions.yaml has problems of its own
        trackers = sorted(t.id for t in self.papers.log.value.trackers) if self.papers.log else []
        if tracker not in trackers:
            close = difflib.get_close_matches(tracker, trackers, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            self.add(loaded, where, f"there is no tracker '{tracker}' in actions.yaml{hint}")

    def markdown_file(self, loaded: Loaded, path: Path, where: tuple[str | int, ...]) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            self.add(loaded, where, f"'{path.relative_to(self.papers.root).as_posix()}' is not UTF-8 text")
            return
        self.markdown_body(path.relative_to(self.papers.root).as_posix(), text, 1)

    def check_log(self) -> None:
        loaded = self.papers.log
        if loaded is None:
            return
        log = loaded.value
        self.duplicates(loaded, [a.id for a in log.actions], ("actions",), "id", "action id")
        for index, action in enumerate(log.actions):
            where = ("actions", index)
            self.person(loaded, action.owner, *where, "owner")
            minutes = self.papers.minutes.get(action.raised)
            self.markdown(loaded, action.description, *where, "description")
            if f"minutes/{action.raised}.yaml" in self.papers.unreadable:
                pass  # those minutes have problems of their own
            elif minutes is None:
                self.add(loaded, where + ("raised",), f"there are no minutes for {action.raised} (expected minutes/{action.raised}.yaml)")
            elif action.minute not in {m.number for m in minutes.value.items}:
                self.add(loaded, where + ("minute",), f"there is no minute {action.minute} in minutes/{action.raised}.yaml")
            self.updates(loaded, action.updates, action.raised, action.status, *where)
            for u, update in enumerate(action.updates):
                self.markdown(loaded, update.text, *where, "updates", u, "text")
        self.duplicates(loaded, [t.id for t in log.trackers], ("trackers",), "id", "tracker id")
        for t, tracker in enumerate(log.trackers):
            self.release(loaded, tracker.released, "trackers", t)
            self.duplicates(loaded, [r.id for r in tracker.rows], ("trackers", t, "rows"), "id", "row id")
            for r, row in enumerate(tracker.rows):
                where = ("trackers", t, "rows", r)
                for lead_index, lead in enumerate(row.leads):
                    self.person(loaded, lead, *where, "leads", lead_index)
                self.updates(loaded, row.updates, None, row.status, *where)
                for name in ("recommendation", "action_required"):
                    self.markdown(loaded, getattr(row, name), *where, name)
                for u, update in enumerate(row.updates):
                    self.markdown(loaded, update.text, *where, "updates", u, "text")
                if row.response is not None:
                    self.person(loaded, row.response.by, *where, "response", "by", allow_posts=True)
                    self.markdown(loaded, row.response.text, *where, "response", "text")

    def updates(self, loaded: Loaded, updates: list, raised: dt.date | None, status: str, *where: str | int) -> None:
        for u, update in enumerate(updates):
            if raised is not None and update.date < raised:
                self.add(loaded, where + ("updates", u, "date"), f"update dated {update.date} is before the action was raised on {raised}")
            if u and update.date < updates[u - 1].date:
                self.add(loaded, where + ("updates", u, "date"), f"updates must be in date order: {update.date} comes after {updates[u - 1].date}")
        if status in ("done", "dropped") and not updates:
            self.add(loaded, where + ("status",), f"{status} with no update saying why; add an update")

