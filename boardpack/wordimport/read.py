"""Reading a .docx: refused past the size limits before any of it is inflated, then read by mammoth into
plain HTML blocks, its pictures extracted, and everything Word holds that the HTML leaves out counted."""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..errors import BoardpackError, Problem
from .messages import said, style_map

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}

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
class Read:
    """A Word document as read: its block elements (HTML), its pictures and what could not be carried over."""

    blocks: list[ElementTree.Element]
    images: dict[str, bytes] = field(default_factory=dict)  # path from the repository root -> bytes
    notes: list[str] = field(default_factory=list)


def read_docx(docx: Path, name: str) -> Read:
    """Read `docx` (checked against the limits first); its pictures are named images/NAME-N.EXT."""
    import mammoth

    check_archive(docx)
    pictures = _Pictures(name)
    try:
        with docx.open("rb") as stream:
            converted = mammoth.convert_to_html(
                stream,
                convert_image=mammoth.images.img_element(pictures),
                style_map=style_map(outline_numbered(docx)),
            )
    except Exception as error:  # noqa: BLE001 - mammoth raises many kinds for a zip that is not a Word document
        raise BoardpackError(
            [
                Problem(
                    str(docx),
                    0,
                    "",
                    f"could not be read as a Word document ({error.__class__.__name__}"
                    f"{': ' + str(error) if str(error) else ''}); save it from Word as .docx",
                )
            ]
        ) from None
    notes = pictures.notes + [said(message.message) for message in converted.messages] + unsupported(docx)
    root = ElementTree.fromstring(f"<root>{converted.value}</root>")
    blocks = lettered_lists([child for child in root if child.tag in BLOCK_TAGS], list_markers(docx))
    return Read(blocks, pictures.images, list(dict.fromkeys(notes)))


class _Pictures:
    """mammoth's image converter: each picture extracted under its number, or noted when it cannot be."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.numbers = iter(range(1, 10_000))  # at most 9,999: the next one stops the reading
        self.images: dict[str, bytes] = {}
        self.notes: list[str] = []

    def __call__(self, picture: Any) -> dict[str, str]:
        number = next(self.numbers)
        extension = IMAGE_TYPES.get(picture.content_type)
        if extension is None:
            self.notes.append(
                f"picture {number} is {picture.content_type} (Word's own format): save it as PNG "
                "and add it where it was"
            )
            return {"src": "", "data-dropped": "1"}
        path = f"images/{self.name}-{number}.{extension}"
        with picture.open() as stream:
            self.images[path] = stream.read()
        if not (picture.alt_text or "").strip():
            self.notes.append(
                f"picture {number} ({path}) has no alt text: write what it shows in the report "
                f"(![what it shows]({path}))"
            )
        return {"src": path}


def check_archive(docx: Path) -> None:
    """Refuse a .docx whose parts would inflate beyond the limits above, from its zip's directory alone,
    before any of it is read. The sizes the directory declares bound what reading inflates: Python's
    zipfile (which mammoth reads with too) stops each part at its declared size, and `_read` stops at
    the limit whatever the directory says."""
    path = str(docx)
    size = docx.stat().st_size
    if size > MAX_DOCX_BYTES:
        raise BoardpackError(
            [
                Problem(
                    path,
                    0,
                    "",
                    f"is {_megabytes(size)} (at most {_megabytes(MAX_DOCX_BYTES)}): "
                    "compress its pictures in Word (Picture Format > Compress Pictures) and save it again",
                )
            ]
        )
    try:
        with zipfile.ZipFile(docx) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise BoardpackError(
            [Problem(path, 0, "", f"could not be read as a Word document ({error}); save it from Word as .docx")]
        ) from None
    if len(members) > MAX_PARTS:
        raise BoardpackError(
            [
                Problem(
                    path,
                    0,
                    "",
                    f"has {len(members):,} parts (at most {MAX_PARTS:,}): it is not a document saved from Word",
                )
            ]
        )
    problems = [problem for member in members if (problem := _member_problem(path, member))]
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED:
        problems.append(
            Problem(
                path,
                0,
                "",
                f"inflates to {_megabytes(inflated)} (at most {_megabytes(MAX_INFLATED)}): "
                "compress its pictures in Word (Picture Format > Compress Pictures) and save it again",
            )
        )
    if problems:
        raise BoardpackError(problems)


def _member_problem(path: str, member: zipfile.ZipInfo) -> Problem | None:
    """A part that inflates too far for its size, or an XML part too large to read."""
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > RATIO_FROM and ratio > MAX_RATIO:
        return Problem(
            path,
            0,
            member.filename,
            f"inflates {ratio:,.0f} times, from "
            f"{_megabytes(member.compress_size)} to {_megabytes(member.file_size)} (at most "
            f"{MAX_RATIO} times): it is not a document saved from Word",
        )
    if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML:
        return Problem(
            path,
            0,
            member.filename,
            f"inflates to {_megabytes(member.file_size)} (at most "
            f"{_megabytes(MAX_XML)}): split the report into smaller ones",
        )
    return None


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


def _read(archive: zipfile.ZipFile, name: str, limit: int = MAX_XML) -> bytes:
    """A part of the archive, inflated a piece at a time and refused past `limit` bytes."""
    pieces, total = [], 0
    with archive.open(name) as stream:
        while piece := stream.read(MEGABYTE):
            total += len(piece)
            if total > limit:
                raise BoardpackError(
                    [
                        Problem(
                            str(archive.filename),
                            0,
                            name,
                            f"inflates to more than {_megabytes(limit)}: it is not a document saved from Word",
                        )
                    ]
                )
            pieces.append(piece)
    return b"".join(pieces)


def outline_numbered(docx: Path) -> bool:
    """Whether Word numbers the report's headings itself (a Heading style, or a heading, with numbering): then
    its numbered paragraphs below the first level are the report's paragraph numbers ("1.1", "3.2"), not lists."""
    with zipfile.ZipFile(docx) as archive:
        names = archive.namelist()
        document, styles = (
            _read(archive, part).decode("utf-8", "replace") if part in names else ""
            for part in ("word/document.xml", "word/styles.xml")
        )
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", document, re.DOTALL)
    if any(re.search(r'<w:pStyle w:val="Heading\d"', p) and "<w:numPr>" in p for p in paragraphs):
        return True
    headings = re.findall(r'<w:style [^>]*w:styleId="Heading\d".*?</w:style>', styles, re.DOTALL)
    return any("<w:numPr>" in style for style in headings)


def list_markers(docx: Path) -> dict[str, str]:
    """The words of each paragraph Word numbers with letters or roman numerals, and its marker as Markdown
    writes it ("a)", "A.", "i."): mammoth reads every Word list as numbered 1, 2, 3."""
    with zipfile.ZipFile(docx) as archive:
        names = archive.namelist()
        if "word/numbering.xml" not in names or "word/document.xml" not in names:
            return {}
        numbering = ElementTree.fromstring(_read(archive, "word/numbering.xml"))
        document = _read(archive, "word/document.xml").decode("utf-8", "replace")
    levels = {}  # (abstract list, level) -> marker
    for abstract in numbering.iter(f"{W}abstractNum"):
        for level in abstract.iter(f"{W}lvl"):
            kind = LETTERED.get(_value(level.find(f"{W}numFmt")))
            if kind is not None:
                delimiter = ")" if _value(level.find(f"{W}lvlText")).rstrip().endswith(")") else "."
                levels[(_value(abstract, "abstractNumId"), _value(level, "ilvl"))] = kind + delimiter
    lists = {_value(num, "numId"): _value(num.find(f"{W}abstractNumId")) for num in numbering.iter(f"{W}num")}
    markers = {}
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", document, re.DOTALL):
        numbered = re.search(r"<w:numPr>(.*?)</w:numPr>", paragraph, re.DOTALL)
        number = re.search(r'<w:numId w:val="(\d+)"', numbered.group(1)) if numbered else None
        depth = re.search(r'<w:ilvl w:val="(\d+)"', numbered.group(1)) if numbered else None
        marker = levels.get((lists.get(number.group(1), ""), depth.group(1) if depth else "0")) if number else None
        if marker is not None:
            text = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)))
            markers[" ".join(text.split())] = marker
    return markers


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LETTERED = {"lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}


def _value(element: ElementTree.Element | None, name: str = "val") -> str:
    return "" if element is None else element.get(f"{W}{name}", "")


def lettered_lists(blocks: list[ElementTree.Element], markers: dict[str, str]) -> list[ElementTree.Element]:
    """Word's lists lettered or numbered in roman as `markers` says (each list by its first item's words), and
    the lettered paragraphs read as numbered paragraphs (PARAGRAPH_NUMBERS: "a)" under "2.1") a list again."""
    if not markers:
        return blocks
    for block in blocks:
        for ol in block.iter("ol"):
            first = next((li for li in ol if li.tag == "li"), None)
            if first is not None and (marker := markers.get(_own_text(first))):
                ol.set("data-marker", marker)
    out: list[ElementTree.Element] = []
    made: ElementTree.Element | None = None  # the list the paragraphs before were made into
    for block in blocks:
        marker = markers.get(_own_text(block)) if block.get("class") == "numbered" else None
        if marker is None:
            out.append(block)
            made = None
            continue
        if made is None or made.get("data-marker") != marker:
            made = ElementTree.Element("ol", {"data-marker": marker})
            out.append(made)
        block.tag, block.attrib = "li", {}
        made.append(block)
    return out


def _own_text(element: ElementTree.Element) -> str:
    """An element's words without those of the lists inside it."""
    words = [element.text or ""]
    for child in element:
        if child.tag not in ("ul", "ol"):
            words += [*child.itertext(), child.tail or ""]
    return " ".join("".join(words).split())


def unsupported(docx: Path) -> list[str]:
    """What the .docx holds that the report cannot, counted by kind."""
    notes = []
    with zipfile.ZipFile(docx) as archive:
        names = archive.namelist()
        document = (
            _read(archive, "word/document.xml").decode("utf-8", "replace") if "word/document.xml" in names else ""
        )
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
