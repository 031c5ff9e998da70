"""The declared document model (boardpack/document/) holds every renderer to the same kinds.

Every node kind and document kind is declared once, in nodes.py and kinds.py. These tests prove that the
packs boardpack assembles contain nothing undeclared, that every declared kind is printed by the Typst
templates, the web edition and the Word writer (read back from what each makes), that the oracle the
round-trip tests compare against knows every kind, and that a kind a renderer does not know fails loudly
there instead of vanishing from one edition.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import docx
import pytest
from pypdf import PdfReader

from boardpack.assemble import (
    Pack,
    assemble_decisions,
    assemble_notice,
    assemble_pack,
    assemble_paper,
    assemble_supplement,
)
from boardpack.checks import check_repository
from boardpack.document.kinds import DOCUMENT_KINDS, PackData
from boardpack.document.nodes import BLOCK_KINDS, INLINE_KINDS, Block, Inline
from boardpack.errors import BoardpackError
from boardpack.render.docx import pack_documents
from boardpack.render.html.markup import markdown_html
from boardpack.render.pdf import render_pdf, template_set

from .conftest import REPO
from .oracle import expected

PANEL = REPO / "examples" / "people-children-scrutiny-panel"
IMAGE = REPO / "docs" / "images" / "agenda.png"


def _mismatch(value: Any, hint: Any, where: str) -> list[str]:
    """Where `value` does not have the declared type `hint`: undeclared or missing keys, wrong types, unknown kinds."""
    origin = get_origin(hint)
    if hint is Any:
        return []
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if isinstance(value, dict) and ("t" in value or "kind" in value):  # a node or document: its kind picks
            tag = "t" if "t" in value else "kind"
            for option in options:
                if typing.is_typeddict(option) and get_args(get_type_hints(option).get(tag)) == (value[tag],):
                    return _mismatch(value, option, where)
            return [f"{where}: undeclared {'node' if tag == 't' else 'document'} kind {value[tag]!r}"]
        found = [_mismatch(value, option, where) for option in options]
        return [] if any(not f for f in found) else min(found, key=len)
    if origin is Literal:
        return [] if value in get_args(hint) else [f"{where}: {value!r} is not one of {get_args(hint)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        return [p for n, v in enumerate(value) for p in _mismatch(v, get_args(hint)[0], f"{where}[{n}]")]
    if origin is dict:
        return [] if isinstance(value, dict) else [f"{where}: expected a mapping"]
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: expected {hint.__name__}, got {type(value).__name__}"]
        hints = get_type_hints(hint)
        problems = [f"{where}: {key!r} is not declared in {hint.__name__}" for key in value if key not in hints]
        problems += [f"{where}: {key!r} is missing" for key in hint.__required_keys__ if key not in value]
        return problems + [
            p for key, v in value.items() if key in hints for p in _mismatch(v, hints[key], f"{where}.{key}")
        ]
    if hint is type(None):
        return [] if value is None else [f"{where}: expected None"]
    if hint is float:
        return (
            [] if isinstance(value, (int, float)) and not isinstance(value, bool) else [f"{where}: expected a number"]
        )
    if hint is int and isinstance(value, bool):
        return [f"{where}: expected an integer, got a boolean"]
    return [] if isinstance(value, hint) else [f"{where}: expected {hint.__name__}, got {type(value).__name__}"]


def _kinds(value: Any, tag: str) -> set[str]:
    """Every `t` (or `kind`) anywhere in a tree."""
    if isinstance(value, list):
        return {k for v in value for k in _kinds(v, tag)}
    if isinstance(value, dict):
        return ({value[tag]} if isinstance(value.get(tag), str) else set()) | {
            k for v in value.values() for k in _kinds(v, tag)
        }
    return set()


@pytest.fixture(scope="module")
def example_packs() -> list[Pack]:
    """Every kind of pack the example boards assemble."""
    papers, panel = check_repository(REPO), check_repository(PANEL)
    day = dt.date(2012, 6, 15)
    packs = [
        assemble_pack(papers, day),
        assemble_pack(papers, day, private=True),
        assemble_pack(papers, day, private=True, large_print=True),
        assemble_paper(papers, day, "cover_sheets/2012-06-15-camhs.md"),
        assemble_supplement(papers, day, 1, {"cover_sheets/2012-06-15-camhs.md": ""}, dt.date(2012, 6, 7)),
    ]
    packs += [p for p in (assemble_decisions(papers, d, private=True) for d in papers.minutes) if p is not None]
    packs += [assemble_pack(panel, d) for d in panel.agendas]
    notice = assemble_notice(papers)
    assert notice is not None, "the example's forward plan gives notice of key decisions"
    return [*packs, notice]


def test_every_assembled_pack_holds_only_declared_kinds_and_fields(example_packs: list[Pack]) -> None:
    problems = [p for pack in example_packs for p in _mismatch(pack.data, PackData, pack.filename)]
    assert problems == []


def test_the_examples_use_every_declared_document_kind(example_packs: list[Pack]) -> None:
    """So every document kind is laid out, read back and looked at in the example's editions."""
    used = {doc["kind"] for pack in example_packs for doc in pack.data["documents"]}
    assert used == set(DOCUMENT_KINDS)


def test_the_declarations_catch_an_undeclared_field_and_kind(example_packs: list[Pack]) -> None:
    data = example_packs[1].data
    report = next(doc for doc in data["documents"] if doc["kind"] == "report")
    broken = {
        **data,
        "documents": [
            {**report, "colour": "red"},
            {**report, "body": [{"t": "marquee", "c": []}]},
            {**report, "kind": "poster"},
        ],
    }
    problems = _mismatch(broken, PackData, "pack")
    assert problems == [
        "pack.documents[0]: 'colour' is not declared in ReportDocument",
        "pack.documents[1].body[0]: undeclared node kind 'marquee'",
        "pack.documents[2]: undeclared document kind 'poster'",
    ]


# One node of every kind, nested as Markdown nests them, each with text a reader can find.
SPECIMEN: list[dict[str, Any]] = [
    {"t": "heading", "level": 2, "c": ["Specimen heading"]},
    {
        "t": "p",
        "c": [
            "Plain ",
            {"t": "strong", "c": ["strong words"]},
            " ",
            {"t": "em", "c": ["emphasised words"]},
            " ",
            {"t": "code", "v": "code words"},
            {"t": "br"},
            {"t": "link", "href": "https://example.org/", "c": ["link words"]},
            " ",
            {"t": "span", "c": ["span words"]},
            " ",
            {"t": "img", "src": "/img/1.png", "alt": "inline picture"},
        ],
    },
    {"t": "list", "ordered": True, "start": 3, "marker": "a)", "items": [[{"t": "p", "c": ["listed words"]}]]},
    {
        "t": "table",
        "head": [["Column words"]],
        "rows": [[["table cell words"]]],
        "align": ["left"],
        "fit": [{"words": [["table", False]], "chars": 16}],
    },
    {
        "t": "grid",
        "columns": 1,
        "head": [[{"c": [{"t": "p", "c": ["Grid head words"]}], "x": 0, "colspan": 1, "rowspan": 1}]],
        "rows": [[{"c": [{"t": "p", "c": ["grid cell words"]}], "x": 0, "colspan": 1, "rowspan": 1}]],
        "fit": [{"words": [["grid", False]], "chars": 15}],
        "align": ["right"],
    },
    {"t": "quote", "c": [{"t": "p", "c": ["quoted words"]}]},
    {"t": "rule"},
    {"t": "pre", "v": "preformatted words"},
    {"t": "keep", "c": [{"t": "p", "c": ["kept words"]}]},
    {"t": "numbered", "number": "3.4", "c": [{"t": "p", "c": ["numbered words"]}]},
]
WORDS = [
    "Specimen heading",
    "strong words",
    "emphasised words",
    "code words",
    "link words",
    "span words",
    "listed words",
    "table cell words",
    "grid cell words",
    "quoted words",
    "preformatted words",
    "kept words",
    "numbered words",
]


def test_the_specimen_has_every_declared_node_kind() -> None:
    assert _kinds(SPECIMEN, "t") == set(INLINE_KINDS) | set(BLOCK_KINDS)
    assert _mismatch(SPECIMEN, list[Block], "specimen") == []
    assert set(INLINE_KINDS) == {get_args(get_type_hints(c)["t"])[0] for c in get_args(Inline) if c is not str}


def _pack(body: list[dict[str, Any]], kind: str = "report") -> Pack:
    """A one-report pack whose report's body is `body` (as agenda item 1.1)."""
    agenda = {
        "id": "doc-0",
        "kind": "agenda",
        "restricted": None,
        "sections": [
            {
                "heading": "Reports",
                "is_break": False,
                "time": "",
                "items": [
                    {
                        "number": "1.1",
                        "time": "",
                        "has_papers": True,
                        "title": "Specimen",
                        "purpose": [],
                        "authors": "",
                        "note": [],
                        "exempt": "",
                        "resolution": "",
                        "restricted": "",
                    }
                ],
            }
        ],
    }
    report = {
        "id": "doc-1",
        "kind": kind,
        "restricted": None,
        "heading": "Specimen report",
        "body": body,
        "numbering_starts": True,
        "item_start": "1.1",
        "item_end": "1.1",
    }
    front = {
        "heading": "Public Document Pack",
        "restricted": "",
        "board_title": "Specimen Board",
        "date": "Thursday 10 January 2030",
        "time": "9.30 am",
        "venue": "Room 1",
        "clerk": "Clara Clerk",
        "phone": "01752 000000",
        "email": "clerk@example.org",
    }
    data = {
        "title": "Specimen",
        "board_name": "Specimen Board",
        "lang": "en",
        "region": "GB",
        "front": front,
        "documents": [agenda, report],
    }
    return Pack(dt.date(2030, 1, 10), "Specimen", data, images={"img/1.png": IMAGE}, root=REPO)


def test_typst_prints_every_node_kind(tmp_path: Path) -> None:
    pdf = PdfReader(io.BytesIO(render_pdf(_pack(SPECIMEN), template_set(REPO), tmp_path)))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert [w for w in WORDS if w not in text] == []
    drawn = [name for page in pdf.pages for name in page.images]
    assert drawn, "the picture was never drawn"


@pytest.mark.parametrize(
    "body, kind, message",
    [
        ([{"t": "marquee", "c": []}], "report", "unknown block node kind: marquee"),
        ([{"t": "p", "c": [{"t": "blink", "c": []}]}], "report", "unknown inline node kind: blink"),
        ([], "poster", "unknown document kind: poster"),
    ],
)
def test_typst_refuses_a_kind_it_does_not_know(tmp_path: Path, body: list[Any], kind: str, message: str) -> None:
    with pytest.raises(BoardpackError) as caught:
        render_pdf(_pack(body, kind), template_set(REPO), tmp_path)
    assert message in str(caught.value)


def test_the_web_edition_prints_every_node_kind() -> None:
    html = str(markdown_html(SPECIMEN))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert [w for w in WORDS if w not in text] == []
    for tag in (
        "<h2>",
        "<strong>",
        "<em>",
        "<code>",
        "<br>",
        '<a href="https://example.org/">',
        '<img src="img/1.png"',
        '<ol start="3" type="a" class="lower-alpha paren">',
        "<table>",
        '<table class="grid">',
        "<blockquote>",
        "<hr>",
        "<pre>",
        '<div class="keep">',
    ):
        assert tag in html


@pytest.mark.parametrize("nodes", [[{"t": "marquee"}], [{"t": "p", "c": [{"t": "blink", "c": []}]}]])
def test_the_web_edition_refuses_a_kind_it_does_not_know(nodes: list[Any]) -> None:
    with pytest.raises(NotImplementedError, match="marquee|blink"):
        markdown_html(nodes)


def test_the_web_edition_templates_have_a_branch_for_every_document_kind() -> None:
    """documents.html prints each item's documents; the meeting page prints the agenda. Their last branch fails
    loudly (unknown_kind), which the site's tests would meet for any document the example assembles."""
    documents = (REPO / "templates" / "html" / "documents.html").read_text(encoding="utf-8")
    branches = set(re.findall(r'doc\.kind == "([a-z_]+)"', documents)) | {"agenda"}
    assert branches == set(DOCUMENT_KINDS)
    assert '{% else %}{{ unknown_kind("document", doc.kind) }}' in documents


def test_the_word_writer_prints_every_node_kind() -> None:
    files = pack_documents(_pack(SPECIMEN), template_set(REPO))
    document = docx.Document(io.BytesIO(files["item-1-1-report.docx"]))
    text = " ".join(p.text for p in document.paragraphs)
    text += " " + " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    text = " ".join(text.split())
    assert [w for w in WORDS if w not in text] == []
    assert document.inline_shapes, "the picture was never placed"


@pytest.mark.parametrize(
    "body, kind",
    [([{"t": "marquee"}], "report"), ([{"t": "p", "c": [{"t": "blink", "c": []}]}], "report"), ([], "poster")],
)
def test_the_word_writer_refuses_a_kind_it_does_not_know(body: list[Any], kind: str) -> None:
    with pytest.raises(NotImplementedError, match="marquee|blink|poster"):
        pack_documents(_pack(body, kind), template_set(REPO))


def test_the_oracle_expects_every_node_kind() -> None:
    blocks = expected(SPECIMEN)
    text = " ".join(b.text for b in blocks)
    assert [w for w in WORDS if w not in text and w not in ("code words",)] == [] and "code words" in text
    with pytest.raises(NotImplementedError):
        expected([{"t": "marquee"}])
    with pytest.raises(NotImplementedError):
        expected([{"t": "p", "c": [{"t": "strong", "c": [{"t": "blink", "c": []}]}]}])
