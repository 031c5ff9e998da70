#!/usr/bin/env python3
"""Build the example "foreign" PDF appendices shipped with the example board.

Some appendices in a real pack are PDFs that another organisation produced
(an Ofsted evaluation schedule, a partnership group's service model) and that
boardpack inserts as they are. The example content needs such PDFs, so this
script typesets two of them from hand-written Typst fixtures in
scripts/example_appendices/ and writes them to appendices/:

    appendices/ofsted-evaluation-schedule.pdf
    appendices/families-with-a-future-service-model.pdf

They are laid out deliberately unlike boardpack's own pages (serif faces,
other margins, their own running heads and page numbers), so that a build of
the example pack shows what an inserted foreign document looks like.

Requires the `typst` Python package (pip install typst). Only Typst's built-in
fonts are used (Libertinus Serif, New Computer Modern), so the output does not
depend on the fonts installed on the machine.

Usage: python3 scripts/make_example_appendices.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import typst

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "example_appendices"
OUT = ROOT / "appendices"

FIXTURES = {
    "ofsted-evaluation-schedule.typ": "ofsted-evaluation-schedule.pdf",
    "families-with-a-future-service-model.typ": "families-with-a-future-service-model.pdf",
}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for source, target in FIXTURES.items():
        src = SOURCES / source
        dst = OUT / target
        typst.compile(
            str(src),
            output=str(dst),
            root=str(SOURCES),
            ignore_system_fonts=True,  # built-in fonts only: reproducible output
        )
        print(f"wrote {dst.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
