"""mammoth's messages about a Word document, said as what the author should do about them: the
author never sees mammoth's own words ("Unrecognised paragraph style: … (Style ID: …)")."""

from __future__ import annotations

import re

# The styles mammoth is told how to read (read.py, in this order: the first that matches a paragraph wins), so
# that it reports none of them as unrecognised: headings; in a report whose headings Word numbers, the numbered
# paragraphs under them (PARAGRAPH_NUMBERS); Word's lists, before the styles of ordinary text, since Word gives
# the paragraphs of a list it numbers the style "List Paragraph"; the title (it becomes the report's title).
HEADINGS = "\n".join(f"p[style-name='heading {level}'] => h{level}:fresh" for level in range(1, 7))

# In a report whose headings Word numbers, the numbered paragraphs under them ("1.1", "3.2", Word's own
# numbering at its second level and below) are paragraphs: the body's house style numbers them (read.py makes
# those Word letters or numbers in roman a list again).
PARAGRAPH_NUMBERS = "\n".join(f"p:ordered-list({level}) => p.numbered:fresh" for level in range(2, 10))

LISTS = "\n".join(
    f"p:{kind}-list({level}) => {'ul|ol > li > ' * (level - 1)}{tag} > li:fresh"
    for level in range(1, 6)
    for kind, tag in (("unordered", "ul"), ("ordered", "ol"))
)

STYLES = "\n".join(
    [
        "p[style-name='Title'] => h1.title:fresh",
        "p[style-name='Subtitle'] => p:fresh",
        "p[style-name='List Paragraph'] => p:fresh",
        "p[style-name='Body Text'] => p:fresh",
        "p[style-name='No Spacing'] => p:fresh",
        "p[style-name='Normal (Web)'] => p:fresh",
        "r[style-name='Strong'] => strong",
        "r[style-name='Emphasis'] => em",
    ]
)


def style_map(outline_numbered: bool) -> str:
    """What mammoth is told, for a report whose headings Word numbers (`outline_numbered`) or not."""
    return "\n".join([HEADINGS, *([PARAGRAPH_NUMBERS] if outline_numbered else []), LISTS, STYLES])


_SAID = [
    (
        re.compile(r"Unrecognised paragraph style: (?P<name>.*) \(Style ID: .*\)"),
        "paragraphs in Word's style {name!r} were imported as ordinary text: if any of them is a heading, "
        'give it Word\'s Heading 1, 2 or 3 style (or type its number, "3.1 …") and import again',
    ),
    (
        re.compile(r"Unrecognised run style: (?P<name>.*) \(Style ID: .*\)"),
        "text in Word's character style {name!r} was imported as ordinary text (bold and italic are kept): "
        "check that nothing it marked is lost",
    ),
    (
        re.compile(r"Unrecognised table style: (?P<name>.*) \(Style ID: .*\)"),
        "the tables in Word's style {name!r} were imported in the pack's own table style",
    ),
    (
        re.compile(r"An unrecognised element was ignored: (?P<name>.*)"),
        "a part of the Word report that is not text ({name}) was left out: check the imported report "
        "against it and add anything missing by hand",
    ),
    (
        re.compile(r"Image of type (?P<name>.*) is unlikely to display in web browsers"),
        "a picture is of type {name}: save it as PNG or JPEG in Word and import again",
    ),
    (
        re.compile(r".*cell merging may be incorrect"),
        "a table's merged cells could not be read exactly: check its cells against the Word report",
    ),
    (
        re.compile(r".*(complex field|w:sym|break type|a:blip|v:imagedata|referenced but not defined).*"),
        "a field, symbol or picture Word holds could not be read: check the imported text against the Word report",
    ),
]


def said(message: str) -> str:
    """mammoth's `message` as what the author should do."""
    for pattern, advice in _SAID:
        found = pattern.fullmatch(message.strip())
        if found:
            return advice.format(**found.groupdict())
    return "part of the Word report could not be read exactly: check the imported report against it"
