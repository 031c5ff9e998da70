"""The web edition: the public packs of every meeting as a static, accessible website.

It renders the same assembled data as the public PDF (so exempt material is absent by
construction) through Jinja2 templates with autoescaping and StrictUndefined. Links are
relative, so the folder can be copied to any web server or opened from disk.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..assemble import Pack, item_groups, long_date
from .pdf import Templates

Node = dict[str, Any]


def markdown_html(nodes: list[Any], inline: bool = False) -> Markup:
    """HTML for boardpack's Markdown data tree; every string is escaped."""
    return Markup("").join(_inline(n) if inline else _block(n) for n in nodes)


def _inline(node: Any) -> Markup:
    if isinstance(node, str):
        return escape(node)
    kind = node["t"]
    inner = markdown_html(node.get("c", []), inline=True)
    if kind == "strong":
        return Markup("<strong>%s</strong>") % inner
    if kind == "em":
        return Markup("<em>%s</em>") % inner
    if kind == "code":
        return Markup("<code>%s</code>") % node["v"]
    if kind == "br":
        return Markup("<br>")
    if kind == "link":
        return Markup('<a href="%s">%s</a>') % (node["href"], inner)
    if kind == "img":
        return Markup('<img src="%s" alt="%s">') % (node["src"].lstrip("/"), node["alt"])
    return inner


def _cell_rag(cells: list[Any]) -> str:
    text = "".join(c for c in cells if isinstance(c, str)).strip().lower()
    return f' class="rag rag-{text}"' if text in ("red", "amber", "green") else ""


def _block(node: Node) -> Markup:
    kind = node["t"]
    if kind == "p":
        return Markup("<p>%s</p>\n") % markdown_html(node["c"], inline=True)
    if kind == "heading":
        level = node["level"]  # set by assemble: below the page's h1 and the document's h2
        return Markup("<h%d>%s</h%d>\n") % (level, markdown_html(node["c"], inline=True), level)
    if kind == "list":
        tag = "ol" if node["ordered"] else "ul"
        start = Markup(' start="%d"') % node["start"] if node["ordered"] and node.get("start", 1) != 1 else ""
        items = Markup("").join(Markup("<li>%s</li>\n") % markdown_html(item) for item in node["items"])
        return Markup("<%s%s>\n%s</%s>\n") % (tag, start, items, tag)
    if kind == "table":
        head = Markup("").join(Markup('<th scope="col">%s</th>') % markdown_html(c, inline=True) for c in node["head"])
        rows = Markup("").join(
            Markup("<tr>%s</tr>\n") % Markup("").join(
                Markup("<td%s>%s</td>") % (Markup(_cell_rag(c)), markdown_html(c, inline=True)) for c in row)
            for row in node["rows"])
        return Markup('<div class="table-wrap" tabindex="0" role="region" aria-label="Table">'
                      "<table>\n<thead><tr>%s</tr></thead>\n<tbody>\n%s</tbody>\n</table></div>\n") % (head, rows)
    if kind == "quote":
        return Markup("<blockquote>%s</blockquote>\n") % markdown_html(node["c"])
    if kind == "rule":
        return Markup("<hr>\n")
    if kind == "pre":
        return Markup("<pre>%s</pre>\n") % node["v"]
    return Markup("")


def _environment(templates: Templates) -> Environment:
    env = Environment(loader=FileSystemLoader(templates.html), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = markdown_html
    env.filters["md_inline"] = lambda nodes: markdown_html(nodes, inline=True)
    return env


def write_site(packs: list[tuple[Pack, bytes]], templates: Templates, out: Path, today: dt.date) -> list[Path]:
    """Write the whole site into `out` (a fresh folder); return the files written."""
    env = _environment(templates)
    written: list[Path] = []

    def page(relative: str, template: str, **context: Any) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        depth = relative.count("/")
        path.write_text(env.get_template(template).render(root="../" * depth, lang=lang, **context), encoding="utf-8")
        written.append(path)

    shutil.copyfile(templates.html / "style.css", out / "style.css")
    written.append(out / "style.css")
    meetings = []
    board_name = packs[0][0].data["board_name"] if packs else ""
    lang = (f"{packs[0][0].data['lang']}-{packs[0][0].data['region']}") if packs else "en-GB"
    for pack, pdf in packs:
        folder = pack.date.isoformat()
        items, loose = item_groups(pack)
        agenda = pack.data["documents"][0]
        titles = {row["number"]: row["title"] for section in agenda["sections"] for row in section["items"]}
        for item in items:
            item["title"] = titles.get(item["number"], item["number"])
        (out / folder).mkdir(parents=True, exist_ok=True)
        (out / folder / pack.filename).write_bytes(pdf)
        written.append(out / folder / pack.filename)
        foreign_links = {}
        for doc_id, source in pack.foreign.items():
            name = f"appendix-{doc_id}.pdf"
            shutil.copyfile(source, out / folder / name)
            written.append(out / folder / name)
            foreign_links[doc_id] = name
        for name, source in pack.images.items():
            (out / folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out / folder / name)
            written.append(out / folder / name)
        meeting = {"date": pack.date.isoformat(), "long_date": long_date(pack.date), "front": pack.data["front"],
                   "agenda": agenda, "items": items, "loose": loose, "pdf": pack.filename,
                   "pdf_size": f"{len(pdf) / 1_000_000:.1f} MB", "foreign": foreign_links,
                   "item_links": {item["number"]: f"{item['slug']}.html" for item in items}}
        meetings.append(meeting)
        page(f"{folder}/index.html", "meeting.html", board=board_name, meeting=meeting, title=f"Meeting of {meeting['long_date']}")
        if loose:
            page(f"{folder}/actions.html", "documents.html", board=board_name, meeting=meeting,
                 title="Action log", documents=loose)
        for item in items:
            page(f"{folder}/{item['slug']}.html", "documents.html", board=board_name, meeting=meeting,
                 title=f"{item['number']} {item['title']}", documents=item["documents"])
    upcoming = [m for m in meetings if m["date"] >= today.isoformat()]
    past = [m for m in reversed(meetings) if m["date"] < today.isoformat()]
    page("index.html", "index.html", board=board_name, upcoming=upcoming, past=past, title="Meetings")
    return written
