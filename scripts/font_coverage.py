"""Write templates/fonts/coverage.json: the characters each shipped font has glyphs for, by its file's SHA-256.

`check` holds every character of every source to the fonts the pack prints with; reading the shipped fonts'
character maps with fontTools on every run cost it a sixth of a second, so their coverage is written here once.
The test suite holds this file equal to what fontTools reads (tests/test_characters.py); run this again after
changing a shipped font:

    python scripts/font_coverage.py
"""

from __future__ import annotations

import hashlib
import json

from boardpack.checks.board import COVERAGE, coverage_ranges, font_cmap
from boardpack.templates import shipped_templates


def coverage() -> dict[str, list[list[int]]]:
    """Each shipped font's characters as [first, last] runs, by the SHA-256 of its file."""
    folder = shipped_templates() / "fonts"
    return {
        hashlib.sha256(path.read_bytes()).hexdigest(): coverage_ranges(font_cmap(path))
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in (".ttf", ".otf")
    }


if __name__ == "__main__":
    target = shipped_templates() / "fonts" / COVERAGE
    target.write_text(json.dumps(coverage(), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {target}")
