"""A pack: the ordered documents of one meeting as data for the renderers, and the files they show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..wording import long_date


@dataclass
class Pack:
    """One meeting's pack: the data handed to the templates and the files they need."""

    date: dt.date
    title: str
    data: dict[str, Any]  # the JSON Typst reads: see document/kinds.py, PackData
    foreign: dict[str, Path] = field(default_factory=dict)
    images: dict[str, Path] = field(default_factory=dict)
    private: bool = False
    has_exempt: bool = False
    large_print: bool = False

    stem: str = ""  # a standalone paper's name (see assemble_paper); a meeting's pack has none
    supplement: int = 0  # a supplementary pack's number (see assemble_supplement); the pack itself has none
    published_sha256: str | None = (
        None  # a pack rebuilt from a publication's sources: the SHA-256 it was published with
    )
    root: Path | None = None  # the sources it was assembled from (whose templates render it)
    name: str = ""  # a document that is no meeting's (the Notice of Key Decisions): its file's name
    # The web edition's: when the PDF offered with these pages is another pack's (a published meeting's pages show
    # the sources as its latest supplement left them, its PDF is the pack as first published), that pack's
    # appendices by document id, for its links into that PDF (its ids may differ from these pages').
    offered: dict[str, Path] | None = None

    @property
    def filename(self) -> str:
        if self.name:
            return self.name
        if self.stem:
            return (
                f"{self.date.isoformat()}-{self.stem}{'-private' if self.private else ''}"
                f"{'-large-print' if self.large_print else ''}.pdf"
            )
        kind = "private" if self.private else "public"
        supplement = f"-supplement-{self.supplement}" if self.supplement else ""
        return f"{self.date.isoformat()}-{kind}-pack{supplement}{'-large-print' if self.large_print else ''}.pdf"

    def stamp(self, published: dt.date, commit: str, first_page: int = 1) -> None:
        """Mark the pack as published on `published` from the sources of `commit`: the front sheet says when,
        the PDF's metadata says when and from what; a supplement's pages are numbered on from `first_page`."""
        self.data["publication"] = {
            "date": published.isoformat(),
            "commit": commit,
            "year": published.year,
            "month": published.month,
            "day": published.day,
            "description": f"Published on {long_date(published)} from source commit {commit}",
        }
        self.data["front"]["published"] = long_date(published)
        if first_page != 1:
            self.data["first_page"] = first_page


def item_groups(pack: Pack) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Group the pack's documents into item pages (and any documents outside items)."""
    pages: list[dict[str, Any]] = []
    loose: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for doc in pack.data["documents"][1:]:
        if doc.get("item_start"):
            number = doc["item_start"]
            current = {"number": number, "slug": "item-" + number.replace(".", "-"), "documents": []}
            pages.append(current)
        (current["documents"] if current is not None else loose).append(doc)
        if doc.get("item_end"):
            current = None
    return pages, loose


def sized(pack: Pack, large_print: bool) -> Pack:
    """The pack at large-print size when asked for (text at least 16 pt), its title saying so. A PDF appendix keeps
    its own print size, so a large-print pack does not lay in its pages: it gives it a page that refers to them in
    the standard pack of the same series (public or private), at its named destination (`standard_pack`,
    `nameddest`)."""
    pack.large_print = large_print
    if large_print:
        pack.title += " (large print)"
        pack.data["title"] = pack.title
        standard = replace(pack, large_print=False).filename
        for doc in pack.data["documents"]:
            if doc["kind"] == "foreign":
                doc["standard_pack"], doc["nameddest"] = standard, appendix_destination(doc["id"])
        pack.foreign = {}
    return pack


def appendix_destination(doc_id: str) -> str:
    """The named destination of a PDF appendix's first page in a pack that lays it in: a link to
    `pack.pdf#nameddest=appendix-doc-3` opens the pack there."""
    return f"appendix-{doc_id}"
