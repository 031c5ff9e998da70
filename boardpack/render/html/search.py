"""What the site's search indexes besides its pages: the text of each public PDF appendix, read from the PDF the
public pack lays in (so only what a reader can download is ever indexed: an exempt item's appendices are not in the
public pack, hence not on the site, hence not in the index). Pagefind indexes each appendix's text as a page written
in its meeting's folder for the indexing alone (`appendix_pages`: removed before the site is in place), so that one
run of Pagefind over a folder indexes its pages and its appendices; the page's `url` meta is the appendix's place in
the pack (`…-public-pack.pdf#nameddest=appendix-doc-5`), which the search page links."""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path
from typing import Any

from ...wording import long_date
from .pages import appendix_links
from .reuse import Edition


def appendix_records(packs: list[list[Edition]], folder: str = "") -> list[dict[str, Any]]:
    """A Pagefind record for each PDF appendix a body's pages link (in `folder` of the site, "" for a body's own
    site): its text (pypdf), its title and meeting, its link into the pack (`url`) and the page written for it
    (`page`), and the filters a page has (body, meeting, kind "Appendix"); an appendix with no text (scanned), or no
    pack to link (a preview), has none."""
    records = []
    for editions in packs:
        pack = editions[0][0]
        board, meeting = pack.data["board_name"], long_date(pack.date)
        meeting_folder = f"{folder}/" * bool(folder) + pack.date.isoformat()
        for doc_id, link in appendix_links(editions).items():
            if not link["href"]:
                continue  # a preview's: no pack to link
            text = _text(Path(pack.foreign[doc_id]))
            if text.strip():
                records.append(
                    {
                        # from the site's root, as Pagefind gives its pages' (search.html adds the base)
                        "url": f"/{meeting_folder}/{link['href']}",
                        "page": f"{meeting_folder}/appendix-{doc_id}{APPENDIX_PAGE}",
                        "content": text,
                        "language": f"{pack.data['lang']}-{pack.data['region']}".lower(),  # as its pages' (one index)
                        "meta": {"title": f"{link['heading']} (PDF appendix)", "meeting": meeting},
                        "filters": {"body": [board], "meeting": [meeting], "kind": ["Appendix"]},
                    }
                )
    return records


_TEXTS: dict[str, str] = {}  # a PDF's text by the SHA-256 of its bytes: read once in a process that builds again


def _text(path: Path) -> str:
    """The text of a PDF's pages (pypdf), read once for the same bytes."""
    from io import BytesIO

    from pypdf import PdfReader

    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _TEXTS:
        if len(_TEXTS) >= 4096:
            _TEXTS.clear()
        pages = PdfReader(BytesIO(data)).pages
        _TEXTS[digest] = " ".join(" ".join((page.extract_text() or "").split()) for page in pages)
    return _TEXTS[digest]


APPENDIX_PAGE = ".html"  # a PDF appendix's page for the indexing: its name and this (appendix-doc-5.html)


def appendix_pages(records: list[dict[str, Any]], folder: Path, base: str = "") -> list[Path]:
    """Write each record (`appendix_records`) as its page in `folder`, whose address from the site's root is `base`
    ("" or a council's body's "slug/"): the appendix's text as the page's body, its title, meeting and link (from the
    site's root) as Pagefind meta, and its filters; return the pages written (the caller removes them once indexed:
    they are never part of the site)."""
    pages = []
    for record in records:
        url = record["url"].lstrip("/")
        page = folder / record["page"].removeprefix(base)
        meta = {**record["meta"], "url": url}
        head = "".join(
            f'<meta data-pagefind-meta="{name}[content]" content="{escape(value)}">' for name, value in meta.items()
        )
        head += "".join(
            f'<meta data-pagefind-filter="{name}[content]" content="{escape(value)}">'
            for name, values in record["filters"].items()
            for value in values
        )
        page.write_text(
            f'<!DOCTYPE html><html lang="{escape(record["language"])}"><head><meta charset="utf-8">'
            f"<title>{escape(record['meta']['title'])}</title>{head}</head>"
            f"<body><main data-pagefind-body><p>{escape(record['content'])}</p></main></body></html>\n",
            encoding="utf-8",
        )
        pages.append(page)
    return pages
