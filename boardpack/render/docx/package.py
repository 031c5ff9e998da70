"""A Word file filled and made clean: the template rendered, landscape sections and parted tables laid out once
the template is known, the core properties written whole, and nothing else kept (no revision ids, custom
properties, application statistics or preview thumbnail)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...assemble import Pack
from ..templating import data_environment
from .writer import HEADER_FILL, Writer

_RSID = re.compile(rb'\sw:rsid[A-Za-z]*="[0-9A-Fa-f]+"')


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/extended-properties"><Application>boardpack</Application></Properties>'
)


def render_word(
    template: Path,
    context: Callable[[Writer], dict[str, Any]],
    title: str,
    pack: Pack,
    marking: str = "",
    pdf: str = "",
) -> bytes:
    """Fill `template` with the context `context(writer)` makes (Markdown as sub-documents); every page's header
    names the body and the document and carries `marking` (an exempt document's NOT FOR PUBLICATION). `pdf` is
    the PDF edition (the pack, or a paper's own PDF) relative to the Word file: a PDF appendix links to it."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    board = pack.data["board_name"]
    page = {"running_head": title if board in title else f"{board}: {title}", "marking": marking}
    fill = pack.data.get("style", {}).get("header_fill", "#" + HEADER_FILL).lstrip("#").upper()
    writer = Writer(tpl, pack.images, pdf, "the PDF edition" if pack.stem else "the PDF pack", fill)
    tpl.render(context(writer) | page, jinja_env=data_environment(), autoescape=True)
    _sections(tpl.docx)
    _part_tables(tpl.docx)
    _space_tables(tpl.docx)
    _fit_header(tpl.docx, bool(marking))
    buffer = io.BytesIO()
    tpl.save(buffer)
    language = f"{pack.data['lang']}-{pack.data['region']}"
    return _scrub(buffer.getvalue(), _core_xml(title, pack.date, language), language)


def _core_xml(title: str, when: dt.date, language: str) -> bytes:
    """docProps/core.xml written whole, each property once in its own namespace: the title, the language and the
    meeting's date. (docxcompose, which docxtpl pulls in, re-registers the `cp` prefix for another namespace, so
    properties python-docx sets after it are written twice, once wrongly: docxcompose #101, python-docx #1037.)"""
    from xml.sax.saxutils import escape

    stamp = f"{when.isoformat()}T00:00:00Z"
    title = title if len(title) <= 255 else title[:254] + "…"  # Word's title holds 255 characters
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:language>{escape(language)}</dc:language><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _scrub(data: bytes, core: bytes, language: str) -> bytes:
    """Drop revision-save ids, custom properties, application statistics and the preview thumbnail; write the core
    properties `core` and the proofing `language`; fix zip dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in ("docProps/custom.xml", "docProps/thumbnail.jpeg"):
                continue
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = _APP_XML
            elif info.filename == "docProps/core.xml":
                content = core
            elif info.filename == "_rels/.rels":  # (a custom.xml was never related; a thumbnail is)
                content = re.sub(rb'<Relationship [^>]*Target="docProps/(custom.xml|thumbnail.jpeg)"/>', b"", content)
            elif info.filename.endswith(".xml"):
                content = _RSID.sub(b"", content)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(
                        b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.custom-properties+xml"/>',
                        b"",
                    )
                if info.filename == "word/styles.xml":
                    content = re.sub(rb'(<w:lang [^>]*w:val=")en-GB"', rb"\g<1>" + language.encode() + b'"', content)
                if info.filename == "word/settings.xml":
                    content = re.sub(rb"<w:rsids>.*?</w:rsids>", b"", content, flags=re.S)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


# Paragraphs that mark where a landscape section begins and ends, turned into section breaks once the template
# is filled (see _sections): only then are the template's own page size, margins, header and footer known.
LANDSCAPE_FROM_HERE, PORTRAIT_FROM_HERE = "\u2060[landscape section]\u2060", "\u2060[portrait section]\u2060"


def _sections(document: Any) -> None:
    """Each marked paragraph ends a section, with the document's own section properties (page size, margins,
    header and footer): the one before a landscape part stays portrait, the landscape part is turned."""
    import copy

    from docx.oxml.ns import qn

    body = document.element.body
    final = body.find(qn("w:sectPr"))
    for paragraph in list(document.paragraphs):
        if paragraph.text not in (LANDSCAPE_FROM_HERE, PORTRAIT_FROM_HERE):
            continue
        turned = paragraph.text == PORTRAIT_FROM_HERE  # it ends the landscape part
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        before = list(paragraph._p.itersiblings(preceding=True))
        if not turned and all(_heading_or_empty(e) for e in before):
            body.remove(paragraph._p)  # nothing but the title before the landscape part: landscape from page 1
            _turn(final)
            continue
        rest = list(paragraph._p.itersiblings())
        if turned and all(e.tag == qn("w:sectPr") or not "".join(e.itertext()).strip() for e in rest):
            body.remove(paragraph._p)  # nothing after the landscape part: the document ends turned
            if final.find(qn("w:pgSz")).get(qn("w:orient")) != "landscape":
                _turn(final)
            continue
        properties = copy.deepcopy(final)
        if turned:
            _turn(properties)
        paragraph._p.get_or_add_pPr().append(properties)


def _heading_or_empty(element: Any) -> bool:
    """A paragraph that is a heading or holds no text (what may stand before a document's landscape part while the
    whole document is turned)."""
    from docx.oxml.ns import qn

    if element.tag != qn("w:p"):
        return False
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return not "".join(element.itertext()).strip() or (
        style is not None and style.get(qn("w:val")).startswith("Heading")
    )


TABLE_GAP = 120  # twentieths of a point (6 pt): the least room between a table's borders and the text around it


def _space_tables(document: Any) -> None:
    """Room above and below every table of the body, as the PDF leaves it: the paragraph before a table keeps at
    least 6 pt after it (a heading has none of its own), the one after keeps 6 pt before it."""
    from docx.oxml.ns import qn
    from docx.shared import Twips
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for table in body.findall(qn("w:tbl")):
        for element, side in ((table.getprevious(), "space_after"), (table.getnext(), "space_before")):
            if element is None or element.tag != qn("w:p"):
                continue
            paragraph = Paragraph(element, document)
            spacing = getattr(paragraph.paragraph_format, side)
            if spacing is None and paragraph.style is not None:
                spacing = getattr(paragraph.style.paragraph_format, side)
            if (spacing is None and side == "space_before") or (spacing is not None and spacing < Twips(TABLE_GAP)):
                setattr(paragraph.paragraph_format, side, Twips(TABLE_GAP))  # (none after: the default's 10 pt)


HEADER_ROOM = 1.7  # cm below the header's top that its lines take: a running head and a marking of two lines each


def _fit_header(document: Any, marked: bool) -> None:
    """Every page's header within the top margin: its paragraphs without space after them and, for a `marked`
    document's deeper header (a running head and a marking of two lines each), the top margin deepened. (A header
    deeper than its margin pushes the body down as the page is laid out: LibreOffice then left a heading alone at
    the foot of a page, its keep-with-next lost.)"""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    # (the header as docxtpl filled it: python-docx's own view of the parts is the template's)
    for relationship in document.part.rels.values():
        if relationship.reltype == RT.HEADER:
            for element in relationship.target_part.element.iter(qn("w:p")):
                element.get_or_add_pPr().spacing_after = Pt(0)
    for section in document.sections:
        if marked and section.top_margin < section.header_distance + Cm(HEADER_ROOM):
            section.top_margin = section.header_distance + Cm(HEADER_ROOM)


def _part_tables(document: Any) -> None:
    """An empty paragraph between two tables that would otherwise touch: a word processor joins them into one
    (two tables in a report, or a report's last table and its tracker appendix)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element.body
    for parent in [body, *body.iter(qn("w:tc"))]:
        for table in parent.findall(qn("w:tbl")):
            following = table.getnext()
            if following is not None and following.tag == qn("w:tbl"):
                table.addnext(OxmlElement("w:p"))


def _turn(properties: Any) -> None:
    """Section properties turned to landscape."""
    from docx.oxml.ns import qn

    size = properties.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
