"""The web edition: the public packs of every meeting as a static, accessible website.

It renders the same assembled data as the public PDF (so exempt material is absent by
construction) through Jinja2 templates with autoescaping and StrictUndefined. Links are
relative, so the folder can be copied to any web server or opened from disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .. import __version__
from ..assemble import Pack, item_groups
from ..wording import long_date
from ..forms import rating_rag
from ..images import published_image
from .pdf import Templates, sanitised_copy
from .templating import DataEnvironment

Node = dict[str, Any]


def markdown_html(nodes: list[Any], inline: bool = False, offset: int = 0) -> Markup:
    """HTML for boardpack's Markdown data tree; every string is escaped.

    `offset` moves headings down by that many levels, for a document whose own heading
    sits lower on its web page than in the PDF (minutes are an h1 in the PDF, an h2 here).
    """
    return Markup("").join(_inline(n) if inline else _block(n, offset) for n in nodes)


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
    if kind == "span":
        return inner
    raise NotImplementedError(f"the web edition has no rendering for the inline node kind {kind!r}")


def _cell_rag(cells: list[Any], rated: bool = False) -> str:
    text = "".join(c for c in cells if isinstance(c, str)).strip().lower()
    if rated:  # a risk's rating, coloured as the RAG status it stands for
        text = rating_rag(text)
    return f"rag rag-{text}" if text in ("red", "amber", "green") else ""


def _block(node: Node, offset: int = 0) -> Markup:
    kind = node["t"]
    if kind == "p":
        return Markup("<p>%s</p>\n") % markdown_html(node["c"], inline=True)
    if kind == "heading":
        level = min(node["level"] + offset, 6)  # set by assemble, below the document's own heading
        return Markup("<h%d>%s</h%d>\n") % (level, markdown_html(node["c"], inline=True), level)
    if kind == "list":
        tag = "ol" if node["ordered"] else "ul"
        start = Markup(' start="%d"') % node["start"] if node["ordered"] and node.get("start", 1) != 1 else ""
        items = Markup("").join(Markup("<li>%s</li>\n") % markdown_html(item, offset=offset) for item in node["items"])
        return Markup("<%s%s>\n%s</%s>\n") % (tag, start, items, tag)
    if kind == "table":
        align = node.get("align", [])

        def cell(tag: str, x: int, content: list[Any], extra: str = "") -> Markup:
            classes = " ".join(c for c in (f"align-{align[x]}" if x < len(align) and align[x] != "left" else "",
                                           _cell_rag(content, x in node.get("rated", ())) if tag == "td" else "") if c)
            attributes = Markup(extra) + (Markup(' class="%s"') % classes if classes else Markup(""))
            return Markup("<%s%s>%s</%s>") % (tag, attributes, markdown_html(content, inline=True), tag)

        head = Markup("").join(cell("th", x, c, ' scope="col"') for x, c in enumerate(node["head"]))
        rows = Markup("").join(
            Markup("<tr>%s</tr>\n") % Markup("").join(cell("td", x, c) for x, c in enumerate(row)) for row in node["rows"])
        return Markup('<div class="table-wrap" tabindex="0" role="region" aria-label="Table">'
                      "<table>\n<thead><tr>%s</tr></thead>\n<tbody>\n%s</tbody>\n</table></div>\n") % (head, rows)
    if kind == "grid":
        def cell(tag: str, c: Node) -> Markup:
            spans = Markup("").join(Markup(' %s="%d"') % (name, c[name]) for name in ("colspan", "rowspan") if c[name] > 1)
            scope = Markup(' scope="%s"') % ("colgroup" if c["colspan"] > 1 else "col") if tag == "th" else Markup("")
            return Markup("<%s%s%s>%s</%s>") % (tag, scope, spans, markdown_html(c["c"], offset=offset), tag)

        head = Markup("").join(Markup("<tr>%s</tr>\n") % Markup("").join(cell("th", c) for c in row) for row in node["head"])
        rows = Markup("").join(Markup("<tr>%s</tr>\n") % Markup("").join(cell("td", c) for c in row) for row in node["rows"])
        return Markup('<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table class="grid">\n'
                      "%s<tbody>\n%s</tbody>\n</table></div>\n") % (
            Markup("<thead>%s</thead>\n") % head if node["head"] else Markup(""), rows)
    if kind == "keep":
        return Markup('<div class="keep">%s</div>\n') % markdown_html(node["c"], offset=offset)
    if kind == "quote":
        return Markup("<blockquote>%s</blockquote>\n") % markdown_html(node["c"], offset=offset)
    if kind == "rule":
        return Markup("<hr>\n")
    if kind == "pre":
        return Markup("<pre>%s</pre>\n") % node["v"]
    raise NotImplementedError(f"the web edition has no rendering for the block node kind {kind!r}")


def _meeting_key(pack: Pack, editions: list[tuple[Pack, bytes]], decided: list[tuple[Pack, bytes]], minutes: str,
                 shared: list[str]) -> str:
    """A SHA-256 of everything a meeting's pages are made from: its pack's data, its PDFs, its decision lists, the
    link to its minutes, the site's name, language and templates, and the images and foreign PDFs it shows."""
    digest = hashlib.sha256()
    made = [pack.data, [(p.filename, hashlib.sha256(data).hexdigest()) for p, data in editions],
            [(p.data, hashlib.sha256(data).hexdigest()) for p, data in decided], minutes, shared]
    digest.update(json.dumps(made, sort_keys=True, ensure_ascii=False, default=str).encode())
    for name, path in sorted({**pack.images, **pack.foreign}.items()):
        digest.update(f"{name}\0".encode() + Path(path).read_bytes())
    return digest.hexdigest()


def _folder_key(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reuse(previous: Path, folder: Path, files: object) -> bool:
    """Link (or copy) an unchanged meeting's pages from the previous site: only the files its pages were written
    as, each as it was written (by SHA-256), never anything else left in that folder. False, with nothing
    reused, when one is missing or differs: the pages are then made again."""
    if not isinstance(files, dict) or not files or not all(isinstance(v, str) for v in files.values()):
        return False
    sources = {}
    for name, digest in files.items():
        source = (previous / name).resolve()
        if not source.is_relative_to(previous.resolve()) or not source.is_file() or _sha256(source) != digest:
            return False
        sources[name] = source
    for name, source in sources.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, folder / name)
        except OSError:
            shutil.copyfile(source, folder / name)
    return True


def _edition(pack: Pack) -> str:
    """'Public Document Pack', 'Supplementary Public Document Pack 1 in large print'."""
    name = f"Supplementary Public Document Pack {pack.supplement}" if pack.supplement else "Public Document Pack"
    return name + (" in large print" if pack.large_print else "")


def _environment(templates: Templates) -> Environment:
    env = DataEnvironment(loader=FileSystemLoader(templates.html), autoescape=select_autoescape(default=True),
                          keep_trailing_newline=True)
    env.filters["md"] = lambda nodes, offset=0: markdown_html(nodes, offset=offset)
    env.filters["md_inline"] = lambda nodes: markdown_html(nodes, inline=True)
    return env


PAGES_RECORD = ".boardpack-pages.json"  # each meeting's folder and the key of what its pages were made from


def write_site(packs: list[list[tuple[Pack, bytes]]], templates: Templates, out: Path, today: dt.date,
               decisions: dict[str, list[tuple[Pack, bytes]]] | None = None,
               plan: list[dict[str, Any]] | None = None, previous: Path | None = None) -> list[Path]:
    """Write the whole site into `out` (a fresh folder); return the files written. A meeting whose pages
    would be made from exactly what made them in the `previous` site is linked from there, not made again.

    `packs` holds, for each meeting, its public pack and then the same pack in large print (once published:
    then each supplementary pack, and it in large print);
    `decisions`, by meeting date, the public decision lists its page links; `plan`, the forward plan's
    meetings (each with its items), for its page.
    """
    env = _environment(templates)
    written: list[Path] = []
    keys: dict[str, dict[str, Any]] = {}
    try:
        old_keys = json.loads((previous / PAGES_RECORD).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        old_keys = {}
    templates_key = _folder_key(templates.html)
    made_by = f"boardpack {__version__}"  # a new boardpack may write different pages from the same sources

    def page(relative: str, template: str, **context: Any) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        depth = relative.count("/")
        context.setdefault("indexed", True)  # searchable (Pagefind); the index and search pages are not
        path.write_text(env.get_template(template).render(root="../" * depth, lang=lang, **context), encoding="utf-8")
        written.append(path)

    shutil.copyfile(templates.html / "style.css", out / "style.css")
    written.append(out / "style.css")
    meetings = []
    board_name = packs[0][0][0].data["board_name"] if packs else ""
    lang = (f"{packs[0][0][0].data['lang']}-{packs[0][0][0].data['region']}") if packs else "en-GB"
    minutes_pages = {}  # the date of a meeting -> the page that publishes its minutes
    for [(pack, _), *_] in packs:
        for item in item_groups(pack)[0]:
            for doc in item["documents"]:
                if doc["kind"] == "minutes":
                    minutes_pages[doc["date"]] = f"../{pack.date.isoformat()}/{item['slug']}.html"
    for (pack, pdf), *large in packs:
        folder = pack.date.isoformat()
        key = _meeting_key(pack, [(pack, pdf), *large], (decisions or {}).get(folder, []), minutes_pages.get(folder, ""),
                           [board_name, lang, templates_key, made_by])
        old = old_keys.get(folder)
        if previous is not None and isinstance(old, dict) and old.get("key") == key \
                and _reuse(previous / folder, out / folder, old.get("files")):
            keys[folder] = old
            written += sorted(out / folder / name for name in old["files"])
            meetings.append({"date": folder, "long_date": long_date(pack.date), "front": pack.data["front"]})
            continue
        first = len(written)
        items, loose = item_groups(pack)
        agenda = pack.data["documents"][0]
        titles = {row["number"]: row["title"] for section in agenda["sections"] for row in section["items"]}
        for item in items:
            item["title"] = titles.get(item["number"], item["number"])
        (out / folder).mkdir(parents=True, exist_ok=True)
        downloads = []
        for edition_pack, data in [(pack, pdf), *large]:
            if not data:
                continue  # a preview: no PDF rendered
            (out / folder / edition_pack.filename).write_bytes(data)
            written.append(out / folder / edition_pack.filename)
            publication = edition_pack.data.get("publication")
            downloads.append({"name": _edition(edition_pack), "file": edition_pack.filename,
                              "size": f"{len(data) / 1_000_000:.1f} MB",
                              "published": long_date(dt.date.fromisoformat(publication["date"])) if publication else "",
                              "commit": publication["commit"] if publication else "",
                              "date": publication["date"] if publication else ""})
        foreign_links = {}
        headings = {doc["id"]: doc["heading"] for doc in pack.data["documents"] if doc["kind"] == "foreign"}
        for doc_id, source in pack.foreign.items():
            name = f"appendix-{doc_id}.pdf"
            (out / folder / name).write_bytes(sanitised_copy(source, headings[doc_id]))
            written.append(out / folder / name)
            foreign_links[doc_id] = name
        for name, source in pack.images.items():
            (out / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (out / folder / name).write_bytes(published_image(Path(source)))  # the pixels, never the file's metadata
            written.append(out / folder / name)
        decision_pages = []
        for decision_pack, data in (decisions or {}).get(folder, []):
            if data:
                (out / folder / decision_pack.filename).write_bytes(data)
                written.append(out / folder / decision_pack.filename)
            [doc] = [d for d in decision_pack.data["documents"] if d["kind"] == "decisions"]
            page_name = f"decisions-{decision_pack.date.isoformat()}.html"
            decision_pages.append({"page": page_name, "file": decision_pack.filename if data else "", "heading": doc["heading"],
                                   "doc": doc, "size": f"{len(data) / 1_000_000:.1f} MB"})
        meeting = {"date": pack.date.isoformat(), "long_date": long_date(pack.date), "front": pack.data["front"],
                   "decisions": decision_pages,
                   "agenda": agenda, "items": items, "loose": loose, "downloads": downloads,
                   "minutes": minutes_pages.get(folder, ""), "foreign": foreign_links,
                   "item_links": {item["number"]: f"{item['slug']}.html" for item in items}}
        meetings.append(meeting)
        page(f"{folder}/index.html", "meeting.html", board=board_name, meeting=meeting, title=f"Meeting of {meeting['long_date']}")
        if loose:
            page(f"{folder}/actions.html", "documents.html", board=board_name, meeting=meeting,
                 title="Action log", documents=loose)
        for item in items:
            page(f"{folder}/{item['slug']}.html", "documents.html", board=board_name, meeting=meeting,
                 title=f"{item['number']} {item['title']}", documents=item["documents"])
        for listed in decision_pages:
            page(f"{folder}/{listed['page']}", "documents.html", board=board_name, meeting=meeting,
                 title=listed["heading"], documents=[listed["doc"]])
        keys[folder] = {"key": key, "files": {path.relative_to(out / folder).as_posix(): _sha256(path)
                                              for path in written[first:]}}
    (out / PAGES_RECORD).write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")
    upcoming = [m for m in meetings if m["date"] >= today.isoformat()]
    past = [m for m in reversed(meetings) if m["date"] < today.isoformat()]
    if plan is not None:
        page("forward-plan.html", "forward_plan.html", board=board_name, plan=plan, title="Forward plan")
    page("index.html", "index.html", board=board_name, upcoming=upcoming, past=past, title="Meetings",
         has_plan=plan is not None, indexed=False)
    page("search.html", "search.html", board=board_name, title="Search", indexed=False)
    return written
