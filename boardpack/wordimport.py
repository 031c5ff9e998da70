"""`boardpack import`: an officer's Word report -> a report in the body's form (cover_sheets/NAME.md).

mammoth reads the .docx into plain HTML (headings, paragraphs, lists, tables with their merged
cells, images with their alt text, links, footnotes), reporting what it does not recognise; this
module writes that as Markdown (a grid table where cells span or hold more than a line of text),
moves the sections that match the form's fields ("1. PURPOSE OF THE REPORT") into the front
matter, extracts the images into images/, and lists everything Word holds that it could not carry
over (charts, SmartArt, equations, text boxes, comments, tracked changes, headers and footers).
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from .errors import BoardpackError, Problem, Problems
from .model import Board, FormField, ReportForm
from .numbering import item_numbers

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
NUMBERING = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")
BREAK = "\x00br\x00"

# What a .docx may hold before anything in it is read, so that a small file that inflates to gigabytes
# (a zip bomb) is refused. A report saved from Word has tens of parts (one more for each picture); its
# pictures are stored already compressed and its XML inflates some 5 to 40 times.
MEGABYTE = 1 << 20
MAX_DOCX_BYTES = 100 * MEGABYTE  # the file itself: a report's pictures are compressed in Word long before this
MAX_PARTS = 10_000  # the zip's members
MAX_INFLATED = 200 * MEGABYTE  # all of the members, inflated
MAX_XML = 20 * MEGABYTE  # one XML part, inflated: mammoth reads about half a megabyte of it a second
MAX_RATIO = 100  # inflated / compressed, for a member over RATIO_FROM (Apache POI's limit for Office files)
RATIO_FROM = MEGABYTE

# What Word may hold that the HTML (and so the report) leaves out: (the XML that marks it, what to tell the author).
UNSUPPORTED = [
    ("<c:chart ", "chart", "charts are drawn by Word: save each as a picture (PNG) and add it with its alt text"),
    ("<dgm:relIds ", "SmartArt graphic", "SmartArt: save each as a picture (PNG) and add it with its alt text"),
    ("<m:oMath", "equation", "equations: write them as text, or add a picture of each"),
    ("<w:txbxContent", "text box", "text boxes: their text was not carried over; move it into the report's text"),
    ("<w:object", "embedded object", "embedded objects (spreadsheets, other files): attach them as PDF appendices"),
    ("<w:del ", "tracked deletion", "tracked changes: accept or reject them in Word and import again"),
    ("<w:ins ", "tracked insertion", "tracked changes: accept or reject them in Word and import again"),
]


@dataclass
class Imported:
    """What an import wrote and what it could not carry over."""

    report: str  # the Markdown file, front matter and text
    images: dict[str, bytes] = field(default_factory=dict)  # path from the repository root -> bytes
    notes: list[str] = field(default_factory=list)


def convert(docx: Path, board: Board, name: str, title: str = "", officers: list[str] | None = None) -> Imported:
    """Read `docx` into a report in `board`'s form; images are named images/NAME-N.EXT."""
    import mammoth

    check_archive(docx)
    result = Imported("")
    counter = iter(range(1, 10_000))

    def image(picture: Any) -> dict[str, str]:
        number = next(counter)
        extension = IMAGE_TYPES.get(picture.content_type)
        if extension is None:
            result.notes.append(f"picture {number} is {picture.content_type} (Word's own format): save it as PNG "
                                "and add it where it was")
            return {"src": "", "data-dropped": "1"}
        path = f"images/{name}-{number}.{extension}"
        with picture.open() as stream:
            result.images[path] = stream.read()
        if not (picture.alt_text or "").strip():
            result.notes.append(f"picture {number} ({path}) has no alt text: write what it shows in the report "
                                f"(![what it shows]({path}))")
        return {"src": path}

    try:
        with docx.open("rb") as stream:
            converted = mammoth.convert_to_html(stream, convert_image=mammoth.images.img_element(image))
    except Exception as error:  # noqa: BLE001 - mammoth raises many kinds for a zip that is not a Word document
        raise BoardpackError([Problem(str(docx), 0, "", f"could not be read as a Word document ({error.__class__.__name__}"
                                      f"{': ' + str(error) if str(error) else ''}); save it from Word as .docx")]) from None
    for message in converted.messages:
        result.notes.append(f"Word: {message.message}")
    result.notes += unsupported(docx)
    root = ElementTree.fromstring(f"<root>{converted.value}</root>")
    blocks = [child for child in root if child.tag in BLOCK_TAGS]
    writer = _Writer(result.notes, board.form.numbered)
    fields, body_blocks, found_title, officer = _take_fields(blocks, board.form, writer, board)
    title = found_title or title or docx.stem.replace("-", " ").replace("_", " ")  # the report's own title first
    known = {p.name for p in board.people} | {p.title for p in board.posts}
    # The report's own "Report of …" when it names one of the body's people or posts, else the agenda item's.
    officers = [officer] if officer in known else officers or ([officer] if officer else [])
    if not officers:
        result.notes.append("the responsible officer was not found in the report: fill in `responsible_officer`")
    body = writer.blocks(body_blocks)
    result.report = _front_matter(title, officers, fields, board.form, result.notes) + f"# {title}\n\n{body}".rstrip() + "\n"
    return result


def check_archive(docx: Path) -> None:
    """Refuse a .docx whose parts would inflate beyond the limits above, from its zip's directory alone,
    before any of it is read. The sizes the directory declares bound what reading inflates: Python's
    zipfile (which mammoth reads with too) stops each part at its declared size, and `_read` stops at
    the limit whatever the directory says."""
    path = str(docx)
    size = docx.stat().st_size
    if size > MAX_DOCX_BYTES:
        raise BoardpackError([Problem(path, 0, "", f"is {_megabytes(size)} (at most {_megabytes(MAX_DOCX_BYTES)}): "
                                      "compress its pictures in Word (Picture Format > Compress Pictures) and save it again")])
    try:
        with zipfile.ZipFile(docx) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise BoardpackError([Problem(path, 0, "", f"could not be read as a Word document ({error}); save it from "
                                      "Word as .docx")]) from None
    if len(members) > MAX_PARTS:
        raise BoardpackError([Problem(path, 0, "", f"has {len(members):,} parts (at most {MAX_PARTS:,}): it is not a "
                                      "document saved from Word")])
    problems = []
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and ratio > MAX_RATIO:
            problems.append(Problem(path, 0, member.filename, f"inflates {ratio:,.0f} times, from "
                                    f"{_megabytes(member.compress_size)} to {_megabytes(member.file_size)} (at most "
                                    f"{MAX_RATIO} times): it is not a document saved from Word"))
        elif member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML:
            problems.append(Problem(path, 0, member.filename, f"inflates to {_megabytes(member.file_size)} (at most "
                                    f"{_megabytes(MAX_XML)}): split the report into smaller ones"))
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED:
        problems.append(Problem(path, 0, "", f"inflates to {_megabytes(inflated)} (at most {_megabytes(MAX_INFLATED)}): "
                                "compress its pictures in Word (Picture Format > Compress Pictures) and save it again"))
    if problems:
        raise BoardpackError(problems)


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


def _read(archive: zipfile.ZipFile, name: str, limit: int = MAX_XML) -> bytes:
    """A part of the archive, inflated a piece at a time and refused past `limit` bytes."""
    pieces, total = [], 0
    with archive.open(name) as stream:
        while piece := stream.read(MEGABYTE):
            total += len(piece)
            if total > limit:
                raise BoardpackError([Problem(str(archive.filename), 0, name, f"inflates to more than "
                                              f"{_megabytes(limit)}: it is not a document saved from Word")])
            pieces.append(piece)
    return b"".join(pieces)


def unsupported(docx: Path) -> list[str]:
    """What the .docx holds that the report cannot, counted by kind."""
    notes = []
    with zipfile.ZipFile(docx) as archive:
        names = archive.namelist()
        document = _read(archive, "word/document.xml").decode("utf-8", "replace") if "word/document.xml" in names else ""
        for marker, what, advice in UNSUPPORTED:
            count = document.count(marker)
            if count:
                notes.append(f"{count} {what}{'s' if count > 1 else ''} not carried over: {advice}")
        if "<w:commentReference" in document:
            notes.append("comments were left out (they are the reviewers', not the report's)")
        for part in (n for n in names if re.match(r"word/(header|footer)\d*\.xml$", n)):
            text = re.sub(r"<[^>]+>", "", _read(archive, part).decode("utf-8", "replace")).strip()
            if text:
                kind = "header" if "header" in part else "footer"
                notes.append(f"the page {kind} ({text[:40]!r}) was left out: the pack prints its own")
    return list(dict.fromkeys(notes))


def _text(element: ElementTree.Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _label_key(text: str) -> str:
    return re.sub(r"[^a-z ]", "", NUMBERING.sub("", text).lower()).strip()


def _take_fields(blocks: list[ElementTree.Element], form: ReportForm, writer: _Writer, board: Board
                 ) -> tuple[dict[str, Any], list[ElementTree.Element], str, str]:
    """Split the report into the form's fields and the rest: a heading that names a field (its label or
    key) takes the section under it; "Label: value" lines take `heading` fields; "Report of the X" and
    the title; a risk table and a contact block for fields of those kinds."""
    values: dict[str, Any] = {}
    labels = {_label_key(f.label): f for f in form.fields} | {f.key.replace("_", " "): f for f in form.fields}
    title = officer = ""
    rest: list[ElementTree.Element] = []
    index = 0
    posts = {post.title.lower(): post.title for post in board.posts}
    people = {person.name.lower(): person.name for person in board.people}
    while index < len(blocks):
        block, text = blocks[index], _text(blocks[index])
        heading = re.fullmatch(r"h([1-6])", block.tag)
        if heading and not title and block.tag == "h1":
            title, index = text, index + 1
            continue
        if block.tag == "p" and (match := re.fullmatch(r"report of (the )?(.+)", text, re.IGNORECASE)) and not officer:
            named = match.group(2).strip().lower()
            officer = posts.get(named) or people.get(named) or match.group(2).strip()
            index += 1
            continue
        if block.tag == "p" and ":" in text and not heading:
            label, _, value = text.partition(":")
            found = labels.get(_label_key(label))
            if found is not None and found.kind == "text" and found.key not in values and value.strip():
                values[found.key] = value.strip()
                index += 1
                continue
        found = labels.get(_label_key(text)) if heading else None
        if found is not None and found.key not in values:
            level = int(heading.group(1))  # type: ignore[union-attr]
            end = next((j for j in range(index + 1, len(blocks)) if re.fullmatch(r"h[1-6]", blocks[j].tag)
                        and int(blocks[j].tag[1]) <= level), len(blocks))
            section = blocks[index + 1:end]
            value = _field_value(found, section, writer)
            if value is not None:
                values[found.key] = value
                if found.kind == "risks":  # the table only: what follows it stays in the report
                    table = next(b for b in section if b.tag == "table")
                    rest += [b for b in section if b is not table]
                index = end
                continue
        rest.append(block)
        index += 1
    contact = next((f for f in form.fields if f.kind == "contact" and f.key not in values), None)
    if contact is not None:
        rest, found_contact = _contact(rest)
        if found_contact:
            values[contact.key] = found_contact
    return values, rest, title, officer


def _field_value(form_field: FormField, section: list[ElementTree.Element], writer: _Writer) -> Any:
    if form_field.kind == "markdown":
        return writer.blocks(section).strip()
    if form_field.kind == "text":
        return " ".join(_text(b) for b in section).strip() or None
    if form_field.kind == "risks":
        table = next((b for b in section if b.tag == "table"), None)
        return _risks(table) if table is not None else None
    return None


def _risks(table: ElementTree.Element) -> list[dict[str, str]] | None:
    """A risk table (a header row naming Risk and Impact) as the form's risks."""
    rows = [[_text(cell) for cell in tr if cell.tag in ("td", "th")] for tr in table.iter("tr")]
    if not rows:
        return None
    head = [cell.lower() for cell in rows[0]]
    if "risk" not in head or "impact" not in head:
        return None
    risks = []
    for row in rows[1:]:
        cells = dict(zip(head, row))
        risk = {"risk": cells.get("risk", ""), "impact": cells.get("impact", "")}
        for name in ("likelihood", "mitigation", "comments"):
            if cells.get(name):
                risk[name] = cells[name]
        if risk["risk"]:
            risks.append(risk)
    return risks


AUTHOR_LABEL = re.compile(r"(report )?(author|contact)s?:?$", re.IGNORECASE)
PHONE = re.compile(r"(tel|telephone|phone)(\s*no\.?)?\s*:\s*[\d(+]", re.IGNORECASE)  # "Tel No: (01572) 722577"
EMAIL = re.compile(r"e-?mail\s*:\s*\S+@\S+", re.IGNORECASE)


def _contact(blocks: list[ElementTree.Element]) -> tuple[list[ElementTree.Element], dict[str, str] | None]:
    """The author's contact block near the end: ("Report Author"), a name, "Tel…" and "E-mail…" lines."""
    texts = [_text(b) if b.tag == "p" else "" for b in blocks]
    lines = [k for k in range(max(len(texts) - 8, 0), len(texts)) if PHONE.match(texts[k]) or EMAIL.match(texts[k])]
    if not lines:
        return blocks, None
    phone = lines[0]  # the first of the contact lines (telephone or e-mail, in either order)
    while phone > 0 and (PHONE.match(texts[phone - 1]) or EMAIL.match(texts[phone - 1])):
        phone -= 1
    name = texts[phone - 1] if phone > 0 else ""
    if not name or len(name) > 60 or name.endswith(".") or AUTHOR_LABEL.match(name):
        return blocks, None  # no name line before them: not a contact block
    contact = {"name": name}
    end = phone
    while end < len(texts) and (PHONE.match(texts[end]) or EMAIL.match(texts[end])):
        key = "phone" if PHONE.match(texts[end]) else "email"
        contact[key] = texts[end].partition(":")[2].strip() or texts[end]
        end += 1
    start = phone - 1
    if start > 0 and AUTHOR_LABEL.match(texts[start - 1]):
        start -= 1
    return blocks[:start] + blocks[end:], contact


class _Writer:
    """HTML elements -> Markdown text."""

    def __init__(self, notes: list[str], numbered: bool = False) -> None:
        self.notes = notes
        self.numbered = numbered

    def blocks(self, elements: list[ElementTree.Element]) -> str:
        return "".join(self.block(e) for e in elements)

    def block(self, element: ElementTree.Element, indent: str = "") -> str:
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = max(int(tag[1]), 2)  # the report's title is its `#`
            text = self.inline(element)
            if self.numbered:  # the form numbers the sections itself
                text = NUMBERING.sub("", text)
            if text.isupper() and len(text) > 3:  # "BACKGROUND INFORMATION" -> "Background information"
                text = text[0] + text[1:].lower()
            return f"{'#' * level} {text}\n\n"
        if tag == "p":
            text = _unheading(self.inline(element))
            return f"{indent}{text}\n\n" if text else ""
        if tag in ("ul", "ol"):
            return self.list(element, indent) + "\n"
        if tag == "table":
            return self.table(element) + "\n"
        return f"{indent}{self.inline(element)}\n\n"

    def list(self, element: ElementTree.Element, indent: str) -> str:
        out = []
        for number, item in enumerate((li for li in element if li.tag == "li"), start=1):
            marker = f"{number}. " if element.tag == "ol" else "- "
            inner = indent + " " * len(marker)
            text = self.inline(item, skip_blocks=True)
            first = next((child for child in item if child.tag == "p"), None) if not (item.text or "").strip() else None
            out.append(f"{indent}{marker}{_unheading(text)}\n")
            for child in item:
                if child.tag in ("ul", "ol"):
                    out.append(self.list(child, inner))
                elif child.tag == "p" and child is not first:  # the first paragraph is the item's own text
                    out.append(f"{inner}{_unheading(self.inline(child))}\n")
        return "".join(out)

    def inline(self, element: ElementTree.Element, skip_blocks: bool = False) -> str:
        parts = [_escape(element.text or "")]
        for child in element:
            if skip_blocks and child.tag in ("ul", "ol", "p"):
                if child.tag == "p" and not parts[-1].strip():
                    parts.append(self.inline(child))
                parts.append("")
                continue
            parts.append(self.inline_node(child))
            parts.append(_escape(child.tail or ""))
        return re.sub(r"[ \t]*\n[ \t]*", " ", "".join(parts)).strip().replace(BREAK, "\\\n")

    def inline_node(self, node: ElementTree.Element) -> str:
        inner = self.inline(node)
        if node.tag == "strong":
            return f"**{inner}**" if inner else ""
        if node.tag == "em":
            return f"*{inner}*" if inner else ""
        if node.tag == "br":
            return BREAK  # a hard line break, kept apart from the newlines that collapse to spaces
        if node.tag == "img":
            if node.get("data-dropped"):
                return ""
            return f"![{_escape(node.get('alt', '')).strip()}]({node.get('src', '')})"
        if node.tag == "a":
            href = node.get("href", "")
            if SAFE_LINK.match(href):
                return f"[{inner}]({href})"
            if href.startswith(("#footnote-ref", "#endnote-ref")):
                return ""  # a note's link back to its mark
            if href and not href.startswith("#"):
                self.notes.append(f"the link to {href!r} was kept as text: links must start with https://, http:// "
                                  "or mailto:")
            return inner
        return inner  # footnote marks stay as "[1]", the notes a numbered list at the end

    def table(self, element: ElementTree.Element) -> str:
        rows = [[cell for cell in tr if cell.tag in ("td", "th")] for tr in element.iter("tr")]
        if not rows:
            return ""
        spans = any(cell.get("colspan") or cell.get("rowspan") for row in rows for cell in row)
        texts = [[self.cell_text(cell) for cell in row] for row in rows]
        if not spans and all("\n" not in text for row in texts for text in row):
            width = max(len(row) for row in texts)
            texts = [row + [""] * (width - len(row)) for row in texts]
            lines = ["| " + " | ".join(row) + " |" for row in texts]  # a `|` in a cell is escaped already
            return "\n".join([lines[0], "|" + "---|" * width, *lines[1:]]) + "\n"
        return _grid(rows, texts)

    def cell_text(self, cell: ElementTree.Element) -> str:
        return "\n\n".join(text for child in cell if (text := self.block(child).strip())) or self.inline(cell)


def _unheading(text: str) -> str:
    """A paragraph that starts with `#` (a hashtag) is text, not a heading."""
    return "\\" + text if text.startswith("#") else text


def _escape(text: str) -> str:
    """Text that Markdown prints as it is: characters that would start markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def _grid(rows: list[list[ElementTree.Element]], texts: list[list[str]]) -> str:
    """A grid table with the merged cells of the Word table (the first row as its header)."""
    import textwrap

    taken: dict[tuple[int, int], tuple[int, int]] = {}  # (row, column) -> the cell (row, index) covering it
    for y, row in enumerate(rows):
        x = 0
        for index, cell in enumerate(row):
            while (y, x) in taken:
                x += 1
            for dy in range(int(cell.get("rowspan", "1"))):
                for dx in range(int(cell.get("colspan", "1"))):
                    taken[(y + dy, x + dx)] = (y, index)
            x += int(cell.get("colspan", "1"))
    height, width = len(rows), max(x for _, x in taken) + 1
    for y in range(height):  # a row with fewer cells than the widest: empty cells to the edge
        for x in range(width):
            if (y, x) not in taken:
                rows[y].append(ElementTree.Element("td"))
                texts[y].append("")
                taken[(y, x)] = (y, len(rows[y]) - 1)

    def spans(cy: int, ci: int, key: str) -> int:
        return int(rows[cy][ci].get(key, "1"))

    def longest(cy: int, ci: int) -> int:
        return max((len(word) for word in texts[cy][ci].split()), default=0)

    starts = {cell: x for (y, x), cell in sorted(taken.items(), reverse=True)}  # each cell's first column
    column = [12] * width
    for cell, x in starts.items():
        if spans(*cell, "colspan") == 1:
            column[x] = max(column[x], min(30, longest(*cell)))
    for cell, x in starts.items():  # words are never broken: a cell is at least as wide as its longest word
        n = spans(*cell, "colspan")
        column[x + n - 1] += max(0, longest(*cell) - (sum(column[x:x + n]) + 3 * (n - 1)))
    lines: dict[tuple[int, int], list[str]] = {}
    for cell, x in starts.items():
        n = spans(*cell, "colspan")
        inner = sum(column[x:x + n]) + 3 * (n - 1)
        wrapped: list[str] = []
        for paragraph in texts[cell[0]][cell[1]].split("\n"):
            wrapped += textwrap.wrap(paragraph, inner, break_long_words=False, break_on_hyphens=False) or [""]
        lines[cell] = wrapped
    # Each grid row is as tall as its tallest cell that ends in it.
    tall = [1] * height
    for (cy, ci), wrapped in lines.items():
        span = int(rows[cy][ci].get("rowspan", "1"))
        need = len(wrapped) - sum(tall[cy:cy + span - 1]) - (span - 1)
        tall[cy + span - 1] = max(tall[cy + span - 1], need)
    def at(y: int, x: int) -> tuple[int, int] | None:
        return taken.get((y, x)) if 0 <= y < height and 0 <= x < width else None

    def junction(y: int, x: int, rule: str) -> str:
        """The character where the border above row y meets the line left of column x."""
        up = at(y - 1, x - 1) != at(y - 1, x)
        down = at(y, x - 1) != at(y, x)
        left = at(y - 1, x - 1) != at(y, x - 1)
        right = at(y - 1, x) != at(y, x)
        if (up or down) and (left or right):
            return "+"
        return "|" if up or down else rule if left or right else " "

    def text_line(cy: int, ci: int, index: int, inner: int) -> str:
        wrapped = lines[(cy, ci)]
        return " " + (wrapped[index] if index < len(wrapped) else "").ljust(inner) + " "

    def line_index(cy: int, y: int, k: int) -> int:
        """Which of a cell's lines (it starts in row cy) is printed at line k of row y (k = -1: the border above)."""
        return sum(tall[cy:y]) + (y - cy) + k

    # The first row is the header when there is a row after it and none of its cells runs on into it.
    header = height > 1 and all(spans(0, index, "rowspan") == 1 for index in range(len(rows[0])))
    out = []
    for y in range(height + 1):
        rule = "=" if y == 1 and header else "-"
        line, x = "", 0
        while x < width:
            covering = at(y - 1, x)
            if covering is not None and covering == at(y, x):  # a cell spanning rows: its text runs on
                cy, ci = covering
                span = int(rows[cy][ci].get("colspan", "1"))
                inner = sum(column[x:x + span]) + 3 * (span - 1)
                line += junction(y, x, rule) + text_line(cy, ci, line_index(cy, y, -1), inner)
                x += span
            else:
                line += junction(y, x, rule) + rule * (column[x] + 2)
                x += 1
        out.append(line + junction(y, width, rule))
        if y == height:
            break
        for k in range(tall[y]):
            text, x = "|", 0
            while x < width:
                cy, ci = taken[(y, x)]
                span = int(rows[cy][ci].get("colspan", "1"))
                inner = sum(column[x:x + span]) + 3 * (span - 1)
                text += text_line(cy, ci, line_index(cy, y, k), inner) + "|"
                x += span
            out.append(text)
    return "\n".join(out) + "\n"


def _front_matter(title: str, officers: list[str], values: dict[str, Any], form: ReportForm, notes: list[str]) -> str:
    """The report's front matter: the common fields, then the form's in its order."""
    lines = ["---", "# yaml-language-server: $schema=../schemas/cover_sheet.schema.json",
             "# Imported from Word by `boardpack import`: check each field against the original.",
             f"title: {json.dumps(title, ensure_ascii=False)}",
             f"responsible_officer: {json.dumps(officers if len(officers) != 1 else officers[0], ensure_ascii=False)}"]
    for form_field in form.fields:
        value = values.get(form_field.key)
        if value is None:
            if form_field.required:
                lines.append(f"{form_field.key}: \"\"   # TO DO: not found in the Word report ({form_field.label})")
                notes.append(f"{form_field.label!r} was not found in the Word report: fill in `{form_field.key}`")
            continue
        if isinstance(value, str) and "\n" in value and not any(line.strip() in ("---", "...") for line in value.splitlines()):
            lines.append(f"{form_field.key}: |")
            lines += [f"  {line}" if line else "" for line in value.splitlines()]
        else:
            lines.append(f"{form_field.key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n"


def import_report(root: Path, docx: Path, item: str | None = None, name: str | None = None) -> tuple[list[Path], list[str]]:
    """Import `docx` as cover_sheets/NAME.md (and its pictures in images/) in the body's form; with `item`
    ("YYYY-MM-DD/NUMBER"), take the title and officer from that agenda item and make the report its paper.
    Nothing is overwritten and nothing is written unless all of it can be. Returns the files written and
    what could not be carried over."""
    import datetime as dt
    import os

    from .checks import check_repository
    from .load import load_papers

    root = root.resolve()
    problems = Problems()
    papers = load_papers(root, problems)
    problems.raise_if_any()
    assert papers is not None
    if not docx.is_file() or not zipfile.is_zipfile(docx):
        raise BoardpackError([Problem(str(docx), 0, "", "is not a Word document (.docx); save it as one in Word")])
    if name is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise BoardpackError([Problem("--name", 0, "", f"{name!r} is not a file name for a report: use lower-case "
                                      "letters, digits and hyphens, e.g. budget-monitoring-q2")])
    name = name or re.sub(r"[^a-z0-9]+", "-", docx.stem.lower()).strip("-") or "report"
    relative = f"cover_sheets/{name}.md"
    title, officers, link = "", None, None
    if item is not None:
        date_text, _, number = item.partition("/")
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            date = None
        agenda = papers.agendas.get(date) if date else None
        found = _agenda_item(papers.board.value, agenda.value, number) if agenda else None
        if agenda is None or found is None:
            raise BoardpackError([Problem("--item", 0, "", f"{item!r} is not an agenda item: write the meeting's date "
                                          "and the item's number as printed, e.g. 2014-11-13/4 or 2012-06-15/2.1")])
        (section, index), agenda_item = found
        held = next((key for key in ("paper", "minutes", "tracker") if getattr(agenda_item, key) is not None), None)
        if held is not None:
            raise BoardpackError([Problem(agenda.path, agenda.line("sections", section, "items", index, held),
                                          held, f"item {number} already has {'' if held == 'minutes' else 'a '}"
                                                f"{held} ({getattr(agenda_item, held)}): choose an item without papers")])
        title = agenda_item.title
        named = {p.name for p in papers.board.value.people} | {p.title for p in papers.board.value.posts}
        officers = [a for a in agenda_item.authors if a in named] or None
        link = (agenda, agenda.line("sections", section, "items", index, "title"))
    result = convert(docx, papers.board.value, name, title, officers)
    files = {relative: result.report.encode("utf-8"), **result.images}
    taken = [path for path in files if (root / path).exists()]
    if taken:
        raise BoardpackError([Problem(path, 0, "", "already exists; boardpack import never overwrites a file "
                                      "(choose another --name)") for path in taken])
    if link is not None:
        files[link[0].path] = _with_paper(root, link[0], link[1], relative, section, index)
    staged, placed = [], []
    try:
        for path, data in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.boardpack-import")
            temporary.write_bytes(data)
            staged.append((temporary, target))
        # The new files first, the agenda (the one file replaced) last: a failure between leaves only
        # new files, which are removed again.
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
    notes = result.notes
    try:
        check_repository(root)
    except BoardpackError as error:
        notes += [f"to fix before building: {problem}" for problem in error.problems]
    return [root / path for path in files], notes


def _with_paper(root: Path, loaded: Any, line: int, relative: str, section: int, index: int) -> bytes:
    """The agenda's text with `paper:` added to the item whose title is on `line`, checked by reading it back:
    the item gains the paper and nothing else changes (else the clerk adds it, told where)."""
    import yaml

    text = (root / loaded.path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    indent = re.match(r"\s*(- )?", lines[line - 1]).group(0).replace("-", " ")  # type: ignore[union-attr]
    lines.insert(line, f"{indent}paper: {json.dumps(relative)}\n")
    edited = "".join(lines)
    try:
        before, after = yaml.safe_load(text), yaml.safe_load(edited)
        expected = yaml.safe_load(text)
        expected["sections"][section]["items"][index]["paper"] = relative
        sound = after == expected and before != after
    except (yaml.YAMLError, KeyError, IndexError, TypeError):
        sound = False
    if not sound:
        raise BoardpackError([Problem(loaded.path, line, "paper", f"cannot add `paper: {relative}` to this item "
                                      "safely (its title runs over several lines?): add it by hand, then import again "
                                      "without --item")])
    return edited.encode("utf-8")


def _agenda_item(board: Board, agenda: Any, number: str) -> tuple[tuple[int, int], Any] | None:
    """The agenda item printed as `number` (2.1, or 4 where the body numbers items straight through)."""
    for (s, i), printed in item_numbers(board, agenda).items():
        if printed == number:
            return (s, i), agenda.sections[s].items[i]
    return None
