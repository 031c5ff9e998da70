"""Layout faults a reader sees on a page, found from the painted glyphs and rules (pdfplumber).

- two glyphs printed over each other;
- a glyph crossing a table's rule (text running out of its cell);
- a glyph outside the page's text area (the margins hold only the running head and the stamp);
- a page holding nothing but a trailing line or two of a block that started on the page before.

Pages of foreign PDF appendices are the author's own and are not checked.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

CM = 72 / 2.54
MARGIN_X, MARGIN_BOTTOM = 2.2 * CM, 2.2 * CM  # as pack.typ sets the page


def layout_faults(path: Path, large_print: bool = False) -> list[str]:
    """Every layout fault on the generated pages of a PDF, as 'page N: what'."""
    margin_top = (4.2 if large_print else 2.4) * CM
    import pdfplumber
    import pikepdf

    from .oracle import _structure_tree

    with pikepdf.open(path) as pdf:
        foreign = {
            index + 1
            for index, page in enumerate(pdf.pages)
            if any(str(name).startswith("/BpForeign") for name in page.obj.Resources.get("/XObject", {}).keys())
        }
    blocks_of = _blocks(_structure_tree(path))  # (page, MCID) -> the blocks it is part of, innermost first
    block_lines: dict[tuple[int, int], set[int]] = defaultdict(set)  # (block, page) -> the tops of its lines
    faults: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            number = page.page_number
            if number in foreign:
                continue
            glyphs = [c for c in page.chars if c["text"].strip()]
            faults += [f"page {number}: {fault}" for fault in _overprints(glyphs)]
            faults += [f"page {number}: {fault}" for fault in _crossed_rules(glyphs, page.lines)]
            body = [g for g in glyphs if margin_top - 2 < g["top"] and g["bottom"] < page.height - MARGIN_BOTTOM + 2]
            for glyph in body:
                if glyph["x0"] < MARGIN_X - 1.5 or glyph["x1"] > page.width - MARGIN_X + 1.5:
                    faults.append(
                        f"page {number}: {glyph['text']!r} at x {glyph['x0']:.0f}-{glyph['x1']:.0f} is outside "
                        f"the text area ({MARGIN_X:.0f}-{page.width - MARGIN_X:.0f})"
                    )
                    break
            for glyph in glyphs:
                if glyph["x0"] < 0 or glyph["x1"] > page.width or glyph["top"] < 0 or glyph["bottom"] > page.height:
                    faults.append(f"page {number}: {glyph['text']!r} is off the page")
                    break
            for glyph in body:
                for block, _ in blocks_of.get((number, glyph.get("mcid")), []):
                    block_lines[(block, number)].add(round(glyph["top"]))
            lines = _lines(body)
            text = " ".join(lines)
            first = next((blocks_of[(number, g["mcid"])] for g in body if (number, g.get("mcid")) in blocks_of), [])
            continued = [(block, kind) for block, kind in first if block_lines[(block, number - 1)]]
            # the last lines of a paragraph, or the last item of a list, that had four or more lines on the
            # page before are ordinary, as are a long table's last rows when they moved whole (Typst keeps
            # no rows together; the reader meets complete rows); a row split so that only its last lines
            # are here is not
            row_split = any(kind == "TR" for _, kind in continued)
            ordinary = any(
                kind in ("P", "L") or (kind == "Table" and not row_split)
                for block, kind in continued
                if len(block_lines[(block, number - 1)]) >= 4
            )
            if 0 < len(lines) <= 2 and continued and not ordinary:
                faults.append(f"page {number}: holds only {text!r}, the end of a block from the page before")
            page.flush_cache()
    return faults


def _blocks(tree: list[dict[str, Any]]) -> dict[tuple[int, int], list[tuple[int, str]]]:
    """Each piece of marked content: the blocks (paragraphs, list items, lists, rows, tables) it is part
    of, innermost first, as (identity, type)."""
    found: dict[tuple[int, int], list[tuple[int, str]]] = {}
    kinds = {"P", "LI", "L", "TR", "Table"}

    def visit(node: dict[str, Any], chain: list[tuple[int, str]]) -> None:
        if node["type"] in kinds:
            chain = [(id(node), node["type"]), *chain]
        found.update({key: chain for key in node.get("mcids", [])})
        for child in node.get("children", []):
            visit(child, chain)

    for node in tree:
        visit(node, [])
    return found


def _lines(glyphs: list[dict[str, Any]]) -> list[str]:
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for glyph in glyphs:
        rows[round(glyph["top"] / 3)].append(glyph)
    return ["".join(g["text"] for g in sorted(row, key=lambda g: g["x0"])) for _, row in sorted(rows.items())]


def _overprints(glyphs: list[dict[str, Any]]) -> list[str]:
    """Glyphs whose boxes overlap by more than a kerning pair would (40% of the narrower one)."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, glyph in enumerate(glyphs):
        for x in range(int(glyph["x0"] // 20), int(glyph["x1"] // 20) + 1):
            buckets[(x, int(glyph["top"] // 20))].append(index)
    found: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i in members:
            for j in members:
                if j <= i + 1 or (i, j) in found:
                    continue  # a glyph and the next one may touch: kerning ("P." tucks the stop under the P)
                a, b = glyphs[i], glyphs[j]
                across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if across > 0.4 * min(a["width"], b["width"]) and down > 0.5 * min(a["height"], b["height"]):
                    found.add((i, j))
    return [
        f"{glyphs[i]['text']!r} and {glyphs[j]['text']!r} print over each other at "
        f"({glyphs[i]['x0']:.0f}, {glyphs[i]['top']:.0f})"
        for i, j in sorted(found)[:5]
    ]


def _crossed_rules(glyphs: list[dict[str, Any]], lines: list[dict[str, Any]]) -> list[str]:
    """Glyphs that a table's vertical rule runs through: text out of its cell."""
    rules = [line for line in lines if abs(line["x0"] - line["x1"]) < 0.5]
    faults = []
    for glyph in glyphs:
        middle = (glyph["top"] + glyph["bottom"]) / 2
        for rule in rules:
            if rule["top"] <= middle <= rule["bottom"] and glyph["x0"] + 0.5 < rule["x0"] < glyph["x1"] - 0.5:
                faults.append(f"{glyph['text']!r} at ({glyph['x0']:.0f}, {glyph['top']:.0f}) runs across a table rule")
                break
        if len(faults) >= 5:
            break
    return faults
