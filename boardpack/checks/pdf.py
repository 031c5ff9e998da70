"""Rules for PDF appendices: each can be laid into the pack as it is (readable, unprotected, sane pages, no
decompression bomb), and one a screen reader cannot follow is worth a warning. The files were opened once, when
the papers were loaded (pdfs.inspect_pdf)."""

from __future__ import annotations

import posixpath

from ..repository import repository_file
from .context import Context


def check_pdf_appendices(ctx: Context) -> None:
    """Every cover sheet's PDF appendices."""
    for loaded in ctx.papers.cover_sheets.values():
        for index, appendix in enumerate(loaded.value.appendices):
            if appendix.file is None:
                continue
            where = ("appendices", index, "file")
            path, why = repository_file(ctx.papers.root, appendix.file, posixpath.dirname(loaded.path))
            facts = ctx.papers.attachments[path].pdf if path is not None else None
            if facts is not None and facts.problem:
                why = f"'{appendix.file}' {facts.problem}"
            if why:
                ctx.add(loaded, where, why)
            elif facts is not None and not facts.tagged:
                ctx.warn(
                    loaded,
                    where,
                    f"'{appendix.file}' is not tagged, so a screen reader cannot read it: the pack "
                    "announces each of its pages by the appendix's title, as not accessible; ask "
                    "its authors for a tagged PDF (PDF/UA)",
                    named=True,
                )
