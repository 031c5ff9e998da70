"""A report's form fields -> the blocks the editions print: cover-sheet rows, heading lines and the
report's sections, with the structured blocks (risk table, implications, background papers, the
author's contact block) as plain Markdown data trees that every renderer already walks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .document.markdown import column_fit, plain_text
from .document.nodes import Node, bullets, heading, keep, link, para, strong
from .model import BackgroundPaper, Contact, ContactLabels, FormField, HouseStyle, Implications, ReportForm, Risk

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


def field_blocks(
    form_field: FormField, value: Any, md: Md, level: int, clerk: str, style: HouseStyle, headed: bool = False
) -> list[Node]:
    """A field's value as blocks; `level` is that of the heading the blocks sit under (`headed`: the author's role
    is that heading, so the contact block leaves out its own line for it)."""
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
        return [contact_block(value, style.contact_labels, role=not headed)]
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


def contact_block(contact: Contact, labels: ContactLabels, role: bool = True) -> Node:
    """The author's name, (role,) telephone and email, labelled in the house style: kept together on one page."""
    lines: list[Node] = [para(strong(contact.name))]
    if contact.role and role:
        lines.append(para(contact.role))
    if contact.phone:
        lines.append(para(f"{labels.phone} {contact.phone}"))
    if contact.email:
        lines.append(para(f"{labels.email} ", link(f"mailto:{contact.email}", contact.email)))
    return keep(lines)


def label(form_field: FormField, style: HouseStyle) -> str:
    """A field's label: the house's own, else the form's."""
    return style.labels.get(form_field.key, form_field.label)


def _inline(blocks: list[Node]) -> list[Any]:
    """Blocks as the inline content of a table cell: paragraphs joined by line breaks."""
    out: list[Any] = []
    for block in blocks:
        if out:
            out.append({"t": "br"})
        out += block.get("c", []) if block["t"] in ("p", "heading") else [plain_text([block])]
    return out


def number_sections(
    blocks: list[Node], level: int, paragraphs: bool = False, fixed: frozenset[int] = frozenset()
) -> list[Node]:
    """The blocks with the headings at `level` numbered 1, 2, 3 and those just below them 3.1, 3.2 (an officer
    report's sections and their parts). With `paragraphs`, council paragraph numbering: a section's text before
    its first part is part 1, and an empty heading is a part (or section) without a heading, its number printed
    with the block after it. Blocks whose id is in `fixed` (a risk table, a contact block) are never numbered."""
    out: list[Node] = []
    count = part = 0
    inside = False  # within a numbered section
    waiting: str | None = None  # the number of a part still to be printed, with the next block
    for block in blocks:
        if block["t"] == "heading" and block["level"] <= level + 1:
            if waiting is not None:
                out.append({"t": "numbered", "number": waiting, "c": []})
                waiting = None
            empty = paragraphs and not plain_text(block["c"]).strip()
            if block["level"] == level and block.get("numbered") is False:
                inside = False
            elif block["level"] == level:
                count, part, inside = count + 1, 0, True
                waiting = f"{count}." if empty else None
                block = block if empty else _numbered_heading(block, f"{count}.")
            elif inside:
                part += 1
                waiting = f"{count}.{part}" if empty else None
                block = block if empty else _numbered_heading(block, f"{count}.{part}")
            if not empty:
                out.append(block)
            continue
        if paragraphs and inside and id(block) not in fixed and block["t"] != "heading":
            if waiting is None and part == 0:
                part, waiting = 1, f"{count}.1"
            if waiting is not None:
                out.append({"t": "numbered", "number": waiting, "c": [block]})
                waiting = None
                continue
        elif waiting is not None:
            out.append({"t": "numbered", "number": waiting, "c": []})
            waiting = None
        out.append(block)
    if waiting is not None:
        out.append({"t": "numbered", "number": waiting, "c": []})
    return out


def _numbered_heading(block: Node, number: str) -> Node:
    return block | {"c": [f"{number} ", *block["c"]], "number": number}


def cased(inline: list[Any], case: str) -> list[Any]:
    """A heading's text in the house's case: "capitals" (every word), "sentence case" (the first letter only)."""
    if case == "capitals":
        return [
            part.upper() if isinstance(part, str) else part | {"c": cased(part["c"], case)} if "c" in part else part
            for part in inline
        ]
    if case == "sentence case":
        text = plain_text(inline)
        return [text[:1].upper() + text[1:].lower()] if text else inline
    return inline


def _is_section(block: Node, level: int) -> bool:
    return bool(block["t"] == "heading" and block["level"] == level)


def _words(text: str) -> str:
    return " ".join(text.rstrip(":").casefold().split())


def report_sections(
    form: ReportForm,
    values: Callable[[str], Any],
    body: list[Node],
    md: Md,
    level: int,
    clerk: str,
    style: HouseStyle,
) -> list[Node]:
    """The report's text: the form's opening sections, the report's own text, its closing sections."""
    fixed: set[int] = set()

    def sections(place: str) -> list[Node]:
        out: list[Node] = []
        for f in form.fields:
            value = values(f.key)
            if f.place == place and (value is not None or f.blank):
                name = label(f, style)
                role = value.role if f.kind == "contact" and value is not None else ""
                headed = bool(role) and _words(role) == _words(name)  # "Report Author": printed once, as written
                title = heading(level, role if headed else cased([name], style.heading_case)[0])
                blocks = field_blocks(f, value, md, level, clerk, style, headed=headed)
                if f.kind not in ("markdown", "text"):
                    fixed.update(id(block) for block in blocks)
                out += [title | ({} if f.numbered else {"numbered": False}), *blocks]
        return out

    if style.heading_case == "capitals":  # the report's own sections too
        body = [b | {"c": cased(b["c"], "capitals")} if _is_section(b, level) else b for b in body]
    blocks = [*sections("opening"), *body, *sections("closing")]
    paragraphs = style.paragraphs == "numbered"
    if form.numbered or paragraphs:
        return number_sections(blocks, level, paragraphs, frozenset(fixed))
    return blocks
