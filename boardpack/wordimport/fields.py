"""Taking the form's fields from a Word report (shaped by shape.py: its title and masthead found, its headings
at their levels): a heading that names a field (its label or key) takes the section under it; "Label: value"
lines take `text` fields; "Report of the X" names the officer; a risk table rated low, medium or high and a
contact block (lines or a table) fill fields of those kinds. The rest is the report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from ..model import Board, FormField, ReportForm
from .markdown import NUMBERING, MarkdownWriter

REPORT_OF = re.compile(r"report of (the )?(.+)", re.IGNORECASE)
HEADING = re.compile(r"h([1-6])")
AUTHOR_LABEL = re.compile(r"(report )?(author|contact)s?:?$", re.IGNORECASE)
PHONE = re.compile(r"(tel|telephone|phone)(\s*no\.?)?\s*:\s*[\d(+]", re.IGNORECASE)  # "Tel No: (01572) 722577"
NAME = re.compile(r"((Cllr|Dr|Mr|Mrs|Ms|Miss)\.? )?[A-Z][\w'’-]+( [A-Z][\w'’.-]*){1,3}")  # "Colin Pennington"
EMAIL = re.compile(r"e-?mail\s*:\s*\S+@\S+", re.IGNORECASE)


@dataclass
class Taken:
    """What the report's own text gives: the fields' values, its officer, and the blocks left over."""

    values: dict[str, Any] = field(default_factory=dict)
    rest: list[ElementTree.Element] = field(default_factory=list)
    officer: str = ""


def take_fields(blocks: list[ElementTree.Element], form: ReportForm, writer: MarkdownWriter, board: Board) -> Taken:
    """Split the report into the form's fields and the rest (the contact block, near the end, last)."""
    fields = _Fields(blocks, form, writer, board)
    index = 0
    while index < len(blocks):
        index = fields.take(index)
    fields.take_contact()
    return fields.taken


def _text(element: ElementTree.Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _label_key(text: str) -> str:
    return re.sub(r"[^a-z ]", "", NUMBERING.sub("", text).lower()).strip()


class _Fields:
    """The report's blocks, taken in order: each rule either takes blocks (returning the index after them) or
    returns None, and a block no rule takes stays in the report."""

    def __init__(
        self, blocks: list[ElementTree.Element], form: ReportForm, writer: MarkdownWriter, board: Board
    ) -> None:
        self.blocks, self.form, self.writer = blocks, form, writer
        self.labels = {_label_key(f.label): f for f in form.fields} | {f.key.replace("_", " "): f for f in form.fields}
        self.posts = {post.title.lower(): post.title for post in board.posts}
        self.people = {person.name.lower(): person.name for person in board.people}
        self.taken = Taken()

    def take(self, index: int) -> int:
        """The index of the block after what the block at `index` gave the form (or after the block, kept)."""
        block, text = self.blocks[index], _text(self.blocks[index])
        heading = HEADING.fullmatch(block.tag)
        after = self.heading(index, text, int(heading.group(1))) if heading else self.paragraph(index, block, text)
        if after is None:
            self.taken.rest.append(block)
            return index + 1
        return after

    def heading(self, index: int, text: str, level: int) -> int | None:
        """A heading naming a field takes the section under it (the title was found by shape)."""
        return self.section(index, text, level)

    def paragraph(self, index: int, block: ElementTree.Element, text: str) -> int | None:
        """ "Report of the X" names the officer; "Label: value" gives a `text` field its value."""
        if block.tag != "p":
            return None
        if (match := REPORT_OF.fullmatch(text)) and not self.taken.officer:
            named = match.group(2).strip().lower()
            self.taken.officer = self.posts.get(named) or self.people.get(named) or match.group(2).strip()
            return index + 1
        if ":" in text and self.labelled(text):
            return index + 1
        return None

    def labelled(self, text: str) -> bool:
        label, _, value = text.partition(":")
        found = self.labels.get(_label_key(label))
        if found is not None and found.kind == "text" and found.key not in self.taken.values and value.strip():
            self.taken.values[found.key] = value.strip()
            return True
        return False

    def section(self, index: int, text: str, level: int) -> int | None:
        """The blocks under a heading naming a field, up to the next heading at its level or above."""
        found = self.labels.get(_label_key(text))
        if found is None or found.key in self.taken.values:
            return None
        end = self.section_end(index, level)
        section = self.blocks[index + 1 : end]
        value = _field_value(found, section, self.writer)
        if value is None:
            return None
        self.taken.values[found.key] = value
        if found.kind == "risks":  # the table only: what follows it stays in the report
            table = next(b for b in section if b.tag == "table")
            self.taken.rest += [b for b in section if b is not table]
        return end

    def section_end(self, index: int, level: int) -> int:
        """The index of the next heading at `level` or above, after `index` (or of the end)."""
        return next(
            (
                j
                for j in range(index + 1, len(self.blocks))
                if re.fullmatch(r"h[1-6]", self.blocks[j].tag) and int(self.blocks[j].tag[1]) <= level
            ),
            len(self.blocks),
        )

    def take_contact(self) -> None:
        """The contact block, from the blocks left over, for a contact field not yet filled."""
        contact = next((f for f in self.form.fields if f.kind == "contact" and f.key not in self.taken.values), None)
        if contact is not None:
            rest, found = _contact(_split_lines(self.taken.rest))
            if not found:  # the report's paragraphs as they were, and a contact block as a table
                rest, found = _contact_table(self.taken.rest)
            self.taken.rest = rest if found else self.taken.rest
            if found:
                self.taken.values[contact.key] = found


def _field_value(form_field: FormField, section: list[ElementTree.Element], writer: MarkdownWriter) -> Any:
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
    rated = [name for name in ("likelihood", "impact") if name in head]
    if any(_rating(dict(zip(head, row)).get(name, "")) is None for row in rows[1:] for name in rated):
        return None  # scored, not rated low, medium or high: the table stays in the report
    for row in rows[1:]:
        cells = dict(zip(head, row))
        risk = {"risk": cells.get("risk", ""), "impact": cells.get("impact", "")}
        for name in ("likelihood", "mitigation", "comments"):
            if cells.get(name):
                risk[name] = cells[name]
        if risk["risk"]:
            risks.append(risk)
    return risks


def _rating(text: str) -> str | None:
    """ "M", "Medium" -> "medium"; anything else (a score) -> None."""
    words = {"l": "low", "m": "medium", "h": "high", "low": "low", "medium": "medium", "high": "high"}
    return words.get(text.strip().lower())


def _split_lines(blocks: list[ElementTree.Element]) -> list[ElementTree.Element]:
    """The blocks, a paragraph holding a contact line split at its line breaks: a contact block typed as one
    paragraph, its lines ended by Shift+Enter ("Report Author↵Colin Pennington↵Tel No: …↵E-mail: …")."""
    out = []
    for block in blocks:
        lines = _lines(block) if block.tag == "p" and block.find("br") is not None else [block]
        out += lines if any(_contact_line(_text(line)) for line in lines) else [block]
    return out


def _lines(paragraph: ElementTree.Element) -> list[ElementTree.Element]:
    """A paragraph's lines between its breaks, each a paragraph of its own."""
    lines = [ElementTree.Element("p")]
    lines[0].text = paragraph.text
    for child in paragraph:
        if child.tag == "br":
            lines.append(ElementTree.Element("p"))
            lines[-1].text = child.tail
        else:
            copy = ElementTree.Element(child.tag, child.attrib)
            copy.text, copy.tail = child.text, child.tail
            copy.extend(list(child))
            lines[-1].append(copy)
    return [line for line in lines if _text(line)]


def _contact_line(text: str) -> bool:
    return bool(PHONE.match(text) or EMAIL.match(text))


def _contact(blocks: list[ElementTree.Element]) -> tuple[list[ElementTree.Element], dict[str, str] | None]:
    """The author's contact block near the end: ("Report Author"), a name, "Tel…" and "E-mail…" lines."""
    texts = [_text(b) if b.tag == "p" else "" for b in blocks]
    lines = [k for k in range(max(len(texts) - 8, 0), len(texts)) if _contact_line(texts[k])]
    if not lines:
        return blocks, None
    phone = lines[0]  # the first of the contact lines (telephone or e-mail, in either order)
    while phone > 0 and _contact_line(texts[phone - 1]):
        phone -= 1
    name = texts[phone - 1] if phone > 0 else ""
    if not name or len(name) > 60 or name.endswith(".") or AUTHOR_LABEL.match(name):
        return blocks, None  # no name line before them: not a contact block
    details, end = _contact_details(texts, phone)
    start = phone - 1
    before = texts[start - 1] if start > 0 else ""
    if before and not AUTHOR_LABEL.match(before) and NAME.fullmatch(before) and not NAME.fullmatch(name):
        details = {"role": name, **details}  # "Colin Pennington", then "Head of Early Intervention"
        name, start = before, start - 1
    if start > 0 and AUTHOR_LABEL.match(texts[start - 1]):
        start -= 1
    return blocks[:start] + blocks[end:], {"name": name, **details}


CONTACT_LABELS = {
    "name": re.compile(r"(report )?(author|contact|officer|contact officer|name)s?:?", re.IGNORECASE),
    "phone": re.compile(r"(tel|telephone|phone)(\s*no\.?)?:?", re.IGNORECASE),
    "email": re.compile(r"e-?mail( address)?:?", re.IGNORECASE),
}


def _contact_table(blocks: list[ElementTree.Element]) -> tuple[list[ElementTree.Element], dict[str, str] | None]:
    """The author's contact block as a table near the end: rows of a label ("Contact officer", "Telephone:",
    "Email:") and its value."""
    for index in range(len(blocks) - 1, max(len(blocks) - 8, 0) - 1, -1):
        if blocks[index].tag != "table":
            continue
        rows = [[_text(cell) for cell in tr if cell.tag in ("td", "th")] for tr in blocks[index].iter("tr")]
        found: dict[str, str] = {}
        for row in rows:
            key = next((k for k, label in CONTACT_LABELS.items() if len(row) == 2 and label.fullmatch(row[0])), None)
            if key is None:
                break
            found.setdefault(key, row[1])
        else:
            if found.get("name") and (found.get("phone") or found.get("email")):
                return blocks[:index] + blocks[index + 1 :], found
    return blocks, None


def _contact_details(texts: list[str], start: int) -> tuple[dict[str, str], int]:
    """The telephone and e-mail lines from `start`, and the index after the last of them."""
    details = {}
    end = start
    while end < len(texts) and _contact_line(texts[end]):
        key = "phone" if PHONE.match(texts[end]) else "email"
        details[key] = texts[end].partition(":")[2].strip() or texts[end]
        end += 1
    return details, end
