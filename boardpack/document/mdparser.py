"""Python-Markdown as boardpack reads Markdown: its extensions (lists nested as CommonMark nests them, pipe
tables noting their faulty rows, grid tables, fancy lists) and the parser made with them.

A module of its own so that Python-Markdown and its extensions (about 0.1 s to import) are imported only by a
run that parses a text: one whose every text is in the board's cache (memo.py) never imports them.
"""

from __future__ import annotations

import logging
import re
from textwrap import dedent
from typing import Any
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown_grids import GridTableProcessor
from pymdownx.fancylists import FancyOListProcessor, FancyUListProcessor


class Capture(Treeprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Keeps the finished element tree instead of letting it be serialised."""

    root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


# A list item's marker: a bullet, or a number, letter or roman numeral and "." or ")" (a single capital letter
# only as "A)", or as "A." with two spaces after it, so that an initial such as "J. Smith" starts no list).
_MARKER = re.compile(r"^( *)([-*+]|(\d{1,9}|[a-z]|[ivxlcdm]{1,6}|[IVXLCDM]{2,6})[.)]|([A-Z])(?:\)|\.(?= {2})))( +|$)")
_FIRST = {None, "1", "a", "i", "A", "I"}  # the markers with which a list may interrupt a paragraph
_RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
_INTERRUPTS = re.compile(r"^ {0,3}(#{1,6}( |$)|>|\|)")


class _ListIndent(Preprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Nest lists as editors and git hosts do (CommonMark): an item is nested when it is indented
    at least as far as its parent's text, so two spaces nest as well as four.

    Python-Markdown nests only by multiples of four spaces, so each list line is re-indented
    to four spaces per level before it parses. A list may also start right after a line of
    text (a bullet, or an ordered list from 1), as it does in CommonMark.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        stack: list[int] = []  # the text column of each open list item, outermost first
        after_blank, after_text = True, False
        block_indent = 0  # where the current run of lines (Python-Markdown's block) starts, in the output
        for line in lines:
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            if not stripped:
                out.append(line)
                after_blank, after_text = True, False
                continue
            marker = _list_marker(line, indent, bool(stack), after_text)
            if marker:
                while stack and indent < stack[-1]:
                    stack.pop()
                if (not stack and after_text) or (not after_blank and 4 * len(stack) < block_indent):
                    out.append("")  # Python-Markdown reads a block that starts indented as one continuation
                    after_blank = True
                rest = line[marker.end() :]
                spacing = "  " if marker.group(4) and marker.group(2).endswith(".") else " "
                out.append(" " * (4 * len(stack)) + marker.group(2) + spacing + rest)
                if after_blank:
                    block_indent = 4 * len(stack)
                stack.append(indent + len(marker.group(2)) + max(1, min(len(marker.group(5)), 4)))
                after_blank, after_text = False, False
                continue
            if stack and indent < stack[-1]:
                if after_blank or _INTERRUPTS.match(line) or _RULE.match(line):
                    while stack and indent < stack[-1]:
                        stack.pop()
                    if not stack:
                        if not after_blank:
                            out.append("")
                        out.append(line)
                        after_blank, after_text = False, True
                        continue
                else:  # a lazy continuation line of the innermost item's paragraph
                    indent = stack[-1]
            if stack:
                out.append(" " * (4 * len(stack) + indent - stack[-1]) + stripped)
            else:
                out.append(line)
            if after_blank:
                block_indent = len(out[-1]) - len(stripped)
            after_blank, after_text = False, not stack
        return out


def _list_marker(line: str, indent: int, in_list: bool, after_text: bool) -> re.Match[str] | None:
    """The marker of a list item that `line` starts (`in_list`: inside an open item; `after_text`: the line
    before was a paragraph's), or None when the line does not start one."""
    marker = None if _RULE.match(line) else _MARKER.match(line)
    if marker and not in_list and indent >= 4:
        marker = None  # an indented code block, not a list
    if marker and not in_list and after_text and (marker.group(3) or marker.group(4)) not in _FIRST:
        marker = None  # only a list starting at 1 (a, i) may interrupt a paragraph
    return marker


class _Tables(TableProcessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Python-Markdown's pipe tables, noting each row whose cell count differs from the header's."""

    def _build_row(self, row: str, parent: Element, align: Any) -> None:
        super()._build_row(row, parent, align)
        cells = len(self._split_row(row))
        if cells != len(align):
            parent[-1].set("data-cells", str(cells))
            parent[-1].set("data-source", row)


class _GridTables(GridTableProcessor):  # type: ignore[misc]  # markdown-grids is untyped
    """Grid tables (markdown-grids: Pandoc's `+---+` tables, whose cells hold paragraphs and lists and may
    span rows and columns), noting a table the library could not read whole instead of guessing."""

    def test(self, parent: Element, block: str) -> bool:
        return bool(super().test(parent, _unaligned(block)[0]))

    def run(self, parent: Element, blocks: list[str]) -> None:
        blocks[0], align = _unaligned(blocks[0])
        lines = [line.rstrip() for line in dedent(blocks[0]).split("\n")]
        widths = sorted({len(line) for line in lines})
        if len(widths) > 1:
            blocks.pop(0)
            self._refuse(
                parent,
                lines,
                f"a grid table's lines differ in length ({widths[0]} to {widths[-1]} "
                "characters): every line, border and text alike, must end in the same column",
            )
            return
        caught = _Caught()
        _GRID_LOG.addHandler(caught)
        try:
            super().run(parent, blocks)
        finally:
            _GRID_LOG.removeHandler(caught)
        if caught.message:
            parent.remove(parent[-1])
            self._refuse(parent, lines, caught.message)
        elif len(parent) and parent[-1].tag == "table":
            parent[-1].set("data-align", " ".join(align))

    @staticmethod
    def _refuse(parent: Element, lines: list[str], problem: str) -> None:
        """The table's text as it was written, with the problem for `check` to report."""
        element = SubElement(parent, "pre")
        element.text = "\n".join(lines)
        element.set("data-grid-problem", problem)
        element.set("data-source", lines[0])


_ALIGNED = re.compile(r"^\+[-=:+]*:[-=:+]*\+$")


def _unaligned(block: str) -> tuple[str, list[str]]:
    """A grid table's column alignments, written as Pandoc writes them: colons in the line under the header
    (`+:====+====:+:===:+`: left, right, centred), or in the top line of a table without a header; and the block
    with those colons made borders again, as markdown-grids reads it. A column is left-aligned by default."""
    lines = block.split("\n")
    ruled = [n for n, line in enumerate(lines) if re.match(r"^\+[=:+]+\+$", line.strip()) and "=" in line] or [0]
    marked = lines[ruled[0]].strip()
    columns = sorted(
        {x for line in lines if line.strip().startswith("+") for x, c in enumerate(line.strip()) if c == "+"}
    )
    if not _ALIGNED.match(marked) or not columns:
        return block, ["left"] * max(len(columns) - 1, 0)
    joints = [x for x, c in enumerate(marked) if c == "+"]
    align = []
    for left, right in zip(columns, columns[1:]):
        start = max((j for j in joints if j <= left), default=0)
        end = min((j for j in joints if j >= right), default=len(marked) - 1)
        first, last = marked[start + 1 : start + 2] == ":", marked[end - 1 : end] == ":"
        align.append("center" if first and last else "right" if last else "left")
    fill = "=" if "=" in marked else "-"
    lines[ruled[0]] = lines[ruled[0]].replace(":", fill)
    return "\n".join(lines), align


class _Caught(logging.Handler):
    """The first warning markdown-grids logs about a table."""

    message = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.message = self.message or (
            "a grid table is broken: "
            + record.getMessage().split(": ", 1)[-1].rstrip(".")
            + "; check that every cell is a closed box of `+`, `-` and `|`"
        )


_GRID_LOG = logging.getLogger("markdown_grids")


# Ordered lists numbered as written, 1. or 1), a) or a., i. or i), A) or I) (pymdownx.fancylists), each kind of
# marker a list of its own, as sane_lists keeps them; its `/// fancylist` blocks are not taken up.
_FANCY = {"additional_ordered_styles": ["roman", "alpha"], "inject_style": False, "inject_class": False}


def parser() -> tuple[markdown.Markdown, Capture]:
    """Python-Markdown with boardpack's extensions, and the processor that keeps the tree it parses."""
    md = markdown.Markdown(extensions=["tables"])
    md.parser.blockprocessors.register(FancyOListProcessor(md.parser, _FANCY), "olist", 40)
    md.parser.blockprocessors.register(FancyUListProcessor(md.parser, _FANCY), "ulist", 30)
    md.parser.blockprocessors.register(_GridTables(md.parser), "grids", 101)
    md.preprocessors.deregister("html_block")
    md.preprocessors.register(_ListIndent(md), "boardpack-list-indent", 25)
    md.parser.blockprocessors.register(_Tables(md.parser, {"use_align_attribute": False}), "table", 75)
    for pattern in ("html", "entity", "automail"):
        md.inlinePatterns.deregister(pattern)
    # A backslash at the end of a line is a hard line break, as in CommonMark.
    md.inlinePatterns.register(SubstituteTagInlineProcessor(r"\\\n", "br"), "boardpack-backslash-break", 185)
    capture = Capture(md)
    md.treeprocessors.register(capture, "boardpack-capture", -100)
    return md, capture
