"""A report's form fields -> the blocks the editions print: cover-sheet rows, heading lines and the
report's sections, with the structured blocks (risk table, implications, background papers, the
author's contact block) as plain Markdown data trees that every renderer already walks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .document.markdown import column_fit, plain_text
from .document.nodes import Node, bullets, heading, keep, link, para, strong
from .model import BackgroundPaper, Contact, FormField, Implications, ReportForm, Risk

Md = Callable[[str, int], list[Node]]  # Markdown text, the level of the heading it sits under -> blocks

RATING_RAG = {"low": "green", "medium": "amber", "high": "red"}
IMPLICATIONS = {
    "financial": "Financial implications",
    "legal": "Legal implications",
    "risk": "Risk implications",
    "equality": "Equality implications",
    "child_poverty": "Impact on child poverty",
    "human_rights": "Human rights implications",
    "environmental": "Environmental implications",
}


def field_blocks(form_field: FormField, value: Any, md: Md, level: int, clerk: str) -> list[Node]:
    """A field's value as blocks; `level` is that of the heading the blocks sit under."""
    kind = form_field.kind
    if value is None:
        return []
    if kind == "text":
        return [para(str(value))]
    if kind == "markdown":
        return md(str(value), level)
    if kind == "risks":
        return [risk_table(value, md)]
    if kind == "implications":
        return implications(value, md, level)
    if kind == "background_papers":
        return background_papers(value, clerk)
    if kind == "contact":
        return [contact_block(value)]
    raise AssertionError(kind)


def risk_table(risks: list[Risk], md: Md) -> Node:
    """Risk, (likelihood,) impact and mitigation; the ratings in words, and coloured by the renderers."""
    likelihood = any(r.likelihood for r in risks)
    notes = [name for name in ("mitigation", "comments") if any(getattr(r, name) for r in risks)]
    head = ["Risk", *(["Likelihood"] if likelihood else []), "Impact", *(name.capitalize() for name in notes)]
    rows = [
        [
            [r.risk],
            *([[(r.likelihood or "").capitalize()]] if likelihood else []),
            [r.impact.capitalize()],
            *(_inline(md(getattr(r, name), 6)) for name in notes),
        ]
        for r in risks
    ]
    rated = [1, 2] if likelihood else [1]
    return {
        "t": "table",
        "head": [[h] for h in head],
        "rows": rows,
        "align": ["left"] * len(head),
        "fit": column_fit(head, [[plain_text(c) for c in row] for row in rows]),
        "rated": rated,
        "caption": "Risks",
    }


def rating_rag(text: str) -> str:
    """'High' -> 'red', for a rated cell's colour."""
    return RATING_RAG.get(text.strip().lower(), "")


def implications(value: Implications, md: Md, level: int) -> list[Node]:
    blocks: list[Node] = []
    for name, text in value:
        if text is not None:
            blocks += [heading(level + 1, IMPLICATIONS[name]), *md(text, level + 1)]
    return blocks


def background_papers(papers: list[BackgroundPaper], clerk: str) -> list[Node]:
    if not papers:
        return [para("There are no background papers to this report (Local Government Act 1972, section 100D).")]
    items = [[para(p.title + (f" (available for inspection at {p.where})" if p.where else ""))] for p in papers]
    return [
        para(
            "These unpublished papers were relied on in writing this report (Local Government Act 1972, "
            f"section 100D); they may be inspected by arrangement with {clerk}:"
        ),
        bullets(items),
    ]


def contact_block(contact: Contact) -> Node:
    """The author's name, role, telephone and email: kept together on one page."""
    lines: list[Node] = [para(strong(contact.name))]
    if contact.role:
        lines.append(para(contact.role))
    if contact.phone:
        lines.append(para(f"Tel: {contact.phone}"))
    if contact.email:
        lines.append(para("E-mail: ", link(f"mailto:{contact.email}", contact.email)))
    return keep(lines)


def _inline(blocks: list[Node]) -> list[Any]:
    """Blocks as the inline content of a table cell: paragraphs joined by line breaks."""
    out: list[Any] = []
    for block in blocks:
        if out:
            out.append({"t": "br"})
        out += block.get("c", []) if block["t"] in ("p", "heading") else [plain_text([block])]
    return out


def number_sections(blocks: list[Node], level: int) -> None:
    """Number the headings at `level` 1, 2, 3 and those just below them 3.1, 3.2 (an officer report's sections)."""
    section = part = 0
    for block in blocks:
        if block["t"] != "heading":
            continue
        if block.get("numbered") is False:
            continue
        if block["level"] == level:
            section, part = section + 1, 0
            block["c"] = [f"{section}. ", *block["c"]]
        elif block["level"] == level + 1 and section:
            part += 1
            block["c"] = [f"{section}.{part} ", *block["c"]]


def report_sections(
    form: ReportForm, values: Callable[[str], Any], body: list[Node], md: Md, level: int, clerk: str
) -> list[Node]:
    """The report's text: the form's opening sections, the report's own text, its closing sections."""

    def sections(place: str) -> list[Node]:
        out: list[Node] = []
        for f in form.fields:
            if f.place == place and (values(f.key) is not None or f.blank):
                title = heading(level, f.label) | ({} if f.numbered else {"numbered": False})
                out += [title, *field_blocks(f, values(f.key), md, level, clerk)]
        return out

    blocks = [*sections("opening"), *body, *sections("closing")]
    if form.numbered:
        number_sections(blocks, level)
    return blocks
