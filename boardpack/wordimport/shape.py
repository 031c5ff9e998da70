"""The shape of an officer's Word report, found before its fields are taken: the masthead at the top (the
body's name, the date, "Agenda Item 5", "Report of the …", "STRATEGIC AIM: …", a table of such lines, the
large-print line), which the pack prints itself and the import must not repeat; the title (Word's Title style,
else the first heading before the first section, else a bold first paragraph); and the level of each heading of the text
(## a section, ### a part of one), from its typed number ("3.1 Introduction" is a part of section 3) or,
for headings Word numbers itself, from its Heading style. In a body whose form numbers its reports, typed
numbers ("2.1", a bare "3.2", "3.3 …") are taken out of the text: the form numbers sections itself, and the
body's house style its paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ..model import Board, FormField, ReportForm

Element = ElementTree.Element

NUMBER = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|$)\s*")  # "3.", "3.1", "3.1.2" at the start
HEADING_TAG = re.compile(r"h([1-6])")
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(
    rf"((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS}),?\s+\d{{4}}",
    re.IGNORECASE,
)
# "A Large Print or Braille Version of this Report is available upon request": a format, and how to ask for it.
LARGE_PRINT = re.compile(
    r"(?=.*\b(large print|braille|other formats?|alternative formats?|other languages)\b)"
    r"(?=.*\b(request|contact|please|telephone|call)\b).*",
    re.IGNORECASE,
)
# "Agenda Item 5", "AGENDA ITEM NO. 4.2", "Item 7": the pack numbers its items itself.
AGENDA_ITEM = re.compile(r"(agenda )?item(\s+(no\.?|number))?\s*:?\s*\d{1,3}(\.\d{1,2})?[a-z]?", re.IGNORECASE)
KEY_DECISION = re.compile(r"key decision\s*:?\s*(?P<answer>yes|no)\.?", re.IGNORECASE)  # the agenda item's field
REPORT_OF = re.compile(r"report (of|by):?\s+(the )?(?P<officer>.+)", re.IGNORECASE)
OFFICER_LABELS = {"report of", "report by", "from", "responsible officer", "lead officer"}
CLOSING_LINE = re.compile(r"(report )?(author|contact|background papers)", re.IGNORECASE)  # the report's end
MEETING_LABELS = {"meeting", "date", "date of meeting", "committee", "panel", "board", "to", "meeting date"}
MASTHEAD_WORDS = 12  # a masthead line is short; a longer paragraph before the first section is the report's


@dataclass
class Shaped:
    """The report's text with its headings at their levels and its typed numbers removed, and what its
    masthead gave: the title, the officer named by "Report of the …", the form's fields it filled."""

    blocks: list[Element]
    title: str = ""
    officer: str = ""
    values: dict[str, str] = field(default_factory=dict)
    key_decision: bool | None = None  # "Key Decision: Yes" (or No) in the masthead: the agenda item's to carry
    notes: list[str] = field(default_factory=list)


def text_of(element: Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def label_key(text: str) -> str:
    """A heading's or a label's words, for matching a field: "1. PURPOSE OF THE REPORT" -> "purpose of the report"."""
    return re.sub(r"[^a-z ]", "", NUMBER.sub("", text.strip(), count=1).lower()).strip()


def shape(blocks: list[Element], form: ReportForm, board: Board, other_formats: bool) -> Shaped:
    """The report's shape (see the module's docstring); `other_formats`: the body prints its own large-print
    line."""
    head = _Head(form, board, other_formats)
    start = _first_section(blocks, head)
    title = head.title_block(blocks[:start])
    if title is not None:
        head.out.title = text_of(title)
    for block in blocks[:start]:
        if block is not title and not head.masthead(block):
            head.out.blocks.append(block)
    _Body(head).body(blocks[start:])
    return head.out


def _first_section(blocks: list[Element], head: _Head) -> int:
    """The index of the first section: a heading (or a paragraph all in bold) that is numbered or names
    one of the form's fields; else the first heading after a title in Word's Title style or Heading 1."""
    for index, block in enumerate(blocks):
        if (_is_heading(block) or _all_bold(block)) and not _is_title(block):
            text = text_of(block)
            if (NUMBER.match(text) and not DATE.fullmatch(text)) or head.names_field(text):
                return index
    for index, block in enumerate(blocks[1:], start=1):
        if _is_heading(block) and not _is_title(block):
            return index
    return 1 if blocks and _is_heading(blocks[0]) else 0


class _Head:
    """The masthead and the title: what they give the report, and the notes on what they leave out."""

    def __init__(self, form: ReportForm, board: Board, other_formats: bool) -> None:
        self.form = form
        self.fields: dict[str, FormField] = {label_key(f.label): f for f in form.fields} | {
            f.key.replace("_", " "): f for f in form.fields
        }
        self.body_names = {name.lower() for name in (board.name, board.organisation, board.front_sheet_title) if name}
        self.other_formats = other_formats
        self.paragraphs = board.style.paragraphs == "numbered"  # the house numbers paragraphs: `###` marks them
        self.out = Shaped([])

    def names_field(self, text: str) -> bool:
        return label_key(text) in self.fields

    def title_block(self, head: list[Element]) -> Element | None:
        """Word's Title style; else the first heading; else the first paragraph all in bold; else the first
        paragraph, of those the masthead does not take."""
        candidates = [b for b in head if text_of(b) and b.tag != "table" and not self.is_masthead_line(b)]
        for test in (_is_title, _is_heading, _all_bold, lambda b: b.tag == "p"):
            found = next((b for b in candidates if test(b)), None)
            if found is not None:
                return found
        return None

    def is_masthead_line(self, block: Element) -> bool:
        text = text_of(block)
        return bool(
            text.lower() in self.body_names
            or DATE.fullmatch(text)
            or AGENDA_ITEM.fullmatch(text)
            or KEY_DECISION.fullmatch(text)
            or REPORT_OF.fullmatch(text)
            or LARGE_PRINT.fullmatch(text)
            or (":" in text and self.labelled_field(text) is not None)
        )

    def labelled_field(self, text: str) -> FormField | None:
        label, _, value = text.partition(":")
        found = self.fields.get(label_key(label))
        return found if found is not None and found.kind == "text" and value.strip() else None

    def masthead(self, block: Element) -> bool:
        """Whether `block` is a masthead line or table (what it gives taken); False: it is the report's."""
        text = text_of(block)
        if block.tag == "table":
            return self.masthead_table(block)
        if not text:
            return True
        if len(text.split()) > MASTHEAD_WORDS and not LARGE_PRINT.fullmatch(text):
            return False
        if text.lower() in self.body_names or DATE.fullmatch(text) or AGENDA_ITEM.fullmatch(text):
            return True
        if (answer := KEY_DECISION.fullmatch(text)) is not None:
            self.out.key_decision = answer.group("answer").lower() == "yes"
            return True
        if (found := REPORT_OF.fullmatch(text)) is not None:
            self.out.officer = self.out.officer or found.group("officer").strip()
            return True
        if LARGE_PRINT.fullmatch(text):
            self.large_print(text)
            return True
        if ":" in text and (form_field := self.labelled_field(text)) is not None:
            self.out.values.setdefault(form_field.key, text.partition(":")[2].strip())
            return True
        return False

    def masthead_table(self, table: Element) -> bool:
        """A table of labels and values ("STRATEGIC AIM:" | "…", "Key Decision:" | "Yes"): the form's fields
        are filled, the meeting and its date dropped (the pack prints them), and the rest named as left out."""
        rows = [[text_of(cell) for cell in tr if cell.tag in ("td", "th")] for tr in table.iter("tr")]
        if not rows or any(len(row) != 2 for row in rows):
            return False
        labels = [row[0] for row in rows]
        named = MEETING_LABELS | OFFICER_LABELS | {"key decision"}
        known = [self.labelled_field(f"{label}: x") or label_key(label) in named for label in labels]
        if not any(known) and not all(label.rstrip().endswith(":") for label in labels):
            return False
        for label, value in rows:
            form_field = self.labelled_field(f"{label}: x")
            if (answer := KEY_DECISION.fullmatch(f"{label} {value}")) is not None:
                self.out.key_decision = answer.group("answer").lower() == "yes"
            elif label_key(label) in OFFICER_LABELS and value:
                self.out.officer = self.out.officer or re.sub(r"(?i)^the ", "", value.strip())
            elif form_field is not None and value:
                self.out.values.setdefault(form_field.key, value)
            elif label_key(label) not in MEETING_LABELS and value:
                self.out.notes.append(
                    f"the masthead's \"{label.rstrip(':')}: {value}\" has no field in the body's form and was "
                    "left out: write it into the report's text if readers need it"
                )
        return True

    def large_print(self, text: str) -> None:
        if self.other_formats:
            self.out.notes.append(f"the line {text[:50]!r}… was left out: the pack prints the body's own")
        else:
            self.out.notes.append(
                f"the line {text[:50]!r}… was left out: set `style.other_formats` in board.yaml to print it "
                "on every report"
            )


class _Body:
    """The report's text after the masthead: its headings at their levels, its typed numbers taken out (and,
    where the house numbers paragraphs, an empty `###` before each numbered paragraph, as an author writes it)."""

    def __init__(self, head: _Head) -> None:
        self.head, self.out, self.form = head, head.out, head.form
        self.section = 0
        self.started = False  # the current section has text (a numbered paragraph there needs its `###`)

    def body(self, blocks: list[Element]) -> None:
        """Headings at their levels, typed numbers removed, a bare number dropped, the large-print line
        taken out."""
        tags = [int(m.group(1)) for b in blocks if (m := HEADING_TAG.fullmatch(b.tag)) and not _is_title(b)]
        base = min(tags, default=1)
        for block in blocks:
            text = text_of(block)
            if block.tag == "p" and LARGE_PRINT.fullmatch(text) and len(text.split()) <= 25:
                self.head.large_print(text)
                continue
            if _is_heading(block):
                self.heading(block, text, int(block.tag[1]) - base + 2)
            elif block.tag != "p" or self.paragraph(block, text):
                self.out.blocks.append(block)
                self.started = True

    def heading(self, block: Element, text: str, level: int) -> None:
        """A heading: its level from its typed number, else from its Heading style."""
        found = NUMBER.match(text)
        if found is not None and text[found.end() :].strip() and self.follows(found.group("number")):
            level = 1 + found.group("number").count(".") + 1
            self.unnumber(block, found)
            if level == 2:
                self.section = int(found.group("number").split(".")[0])
        elif level <= 2:
            self.section += 1
        if _all_bold(block):  # a paragraph in bold made a heading: the heading's own weight is enough
            _unbold(block)
        block.tag = f"h{min(max(level, 2), 6)}"
        self.out.blocks.append(block)
        self.started = level > 2

    def follows(self, number: str) -> bool:
        """A heading's number is the next section's ("4." after section 3) or a part of this one ("3.2"):
        else it is a number in its words ("10 years of fostering")."""
        parts = number.split(".")
        return int(parts[0]) == self.section + 1 if len(parts) == 1 else parts[0] == str(self.section)

    def paragraph(self, block: Element, text: str) -> bool:
        """A paragraph: kept (its typed number removed), made a heading, or dropped (a bare number)."""
        found = NUMBER.match(text)
        rest = text[found.end() :].strip() if found else text
        if block.get("class") == "numbered":  # numbered by Word, under headings Word numbers
            self.part()
            return True
        if found is None:
            if _all_bold(block) and self.head.names_field(text):
                self.heading(block, text, 2)
                return False
            if _all_bold(block) and _short(text) and self.section and not CLOSING_LINE.match(text):
                self.heading(block, text, 3)  # a part headed by a line in bold, without a number
                return False
            return True
        parts = found.group("number").split(".")
        if len(parts) == 1:
            headed = _all_bold(block) or self.head.names_field(rest) or _capitals(rest)
            if int(parts[0]) == self.section + 1 and headed:
                self.heading(block, text, 2)
                return False
            return True
        if parts[0] != str(self.section):
            return True  # "7.5 tonne …" in section 3: a number in the text, not the paragraph's
        if not rest:  # a bare "3.2" before a table: the house numbers it
            self.part()
            return not self.form.numbered
        if (_all_bold(block) or _capitals(rest)) and _short(rest):
            self.heading(block, text, 0)
            return False
        self.unnumber(block, found)
        self.part()
        return True

    def part(self) -> None:
        """Where the house numbers paragraphs, a numbered paragraph starts a part of its section: an empty
        `###` before it (but for the section's first, which is its part 1 already)."""
        if self.head.paragraphs and self.started:
            self.out.blocks.append(Element("h3"))

    def unnumber(self, block: Element, found: re.Match[str]) -> None:
        """A typed number taken out, where the body's form numbers its reports itself."""
        if self.form.numbered:
            _drop_start(block, len(found.group(0).strip()))


def _is_heading(block: Element) -> bool:
    return bool(HEADING_TAG.fullmatch(block.tag)) and not _is_title(block)


def _is_title(block: Element) -> bool:
    return block.get("class") == "title"


def _all_bold(block: Element) -> bool:
    """A paragraph whose every word is bold."""
    if block.tag != "p" or not text_of(block):
        return False
    loose = (block.text or "") + "".join(child.tail or "" for child in block)
    return not loose.strip() and all(child.tag == "strong" for child in block if text_of(child))


def _unbold(block: Element) -> None:
    """A paragraph all in bold, its text kept and the bold taken away."""
    text = text_of(block)
    for child in list(block):
        block.remove(child)
    block.text = text


def _capitals(text: str) -> bool:
    """ "BACKGROUND INFORMATION": a heading typed in capitals in an ordinary paragraph."""
    return text.isupper() and len(text) > 3


def _short(text: str) -> bool:
    """A few words with no closing punctuation: "Introduction", "Use of the centres" (a part's heading)."""
    text = re.sub(r"(\[\d+\])+$", "", text.rstrip())  # a footnote's mark after the last word
    return 0 < len(text.split()) <= 6 and not text.endswith((".", ":", ";", ",", "?", "!"))


def _drop_start(element: Element, count: int) -> None:
    """Remove the first `count` characters of `element`'s text (a typed number: no spaces in it), and the spaces
    around them."""
    left = count

    def cut(text: str | None) -> str | None:
        nonlocal left
        if text is None or left <= 0:
            return text
        stripped = text.lstrip()
        taken = min(left, len(stripped))
        left -= taken
        rest = stripped[taken:]
        return rest.lstrip() if left <= 0 else rest

    def walk(node: Element) -> None:
        node.text = cut(node.text)
        for child in node:
            if left <= 0:
                break
            walk(child)
            child.tail = cut(child.tail)

    walk(element)
