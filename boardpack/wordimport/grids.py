"""A Word table with merged cells as a Markdown grid table: each cell placed on the grid of rows and columns
it covers, columns as wide as their words need, rows as tall as their tallest cell, and the borders drawn
around each cell, so that a cell spanning rows or columns reads back as one."""

from __future__ import annotations

import textwrap
from xml.etree import ElementTree

WIDEST = 40  # characters of a column's text in the source, before it wraps
LINE = 110  # the widest a grid table's source line is made, when its columns allow
Cell = tuple[int, int]  # (row, index in that row): a cell of the Word table
Place = tuple[int, int]  # (row, column) of the grid


def grid_table(rows: list[list[ElementTree.Element]], texts: list[list[str]]) -> str:
    """A grid table with the merged cells of the Word table (the first row as its header). A row with fewer
    cells than the widest is filled to the edge with empty cells, in `rows` and `texts` too."""
    return _Grid(rows, texts).text()


def _span(cell: ElementTree.Element, key: str) -> int:
    return int(cell.get(key, "1"))


def _cover(rows: list[list[ElementTree.Element]]) -> dict[Place, Cell]:
    """Each place of the grid -> the cell covering it, a cell taking the first column its row leaves free."""
    taken: dict[Place, Cell] = {}
    for y, row in enumerate(rows):
        x = 0
        for index, cell in enumerate(row):
            while (y, x) in taken:
                x += 1
            for dy in range(_span(cell, "rowspan")):
                for dx in range(_span(cell, "colspan")):
                    taken[(y + dy, x + dx)] = (y, index)
            x += _span(cell, "colspan")
    return taken


class _Grid:
    """The table laid out: where each cell is, the columns' widths, each cell's lines and the rows' heights."""

    def __init__(self, rows: list[list[ElementTree.Element]], texts: list[list[str]]) -> None:
        self.rows, self.texts = rows, texts
        self.taken = _cover(rows)
        self.height, self.width = len(rows), max(x for _, x in self.taken) + 1
        self._fill()
        self.starts = {cell: x for (y, x), cell in sorted(self.taken.items(), reverse=True)}  # each cell's first column
        self.column = self._columns()
        self.lines = {cell: self._wrap(cell, x) for cell, x in self.starts.items()}
        self.tall = self._heights()

    def _fill(self) -> None:
        """A row with fewer cells than the widest: empty cells to the edge."""
        for y in range(self.height):
            for x in range(self.width):
                if (y, x) not in self.taken:
                    self.rows[y].append(ElementTree.Element("td"))
                    self.texts[y].append("")
                    self.taken[(y, x)] = (y, len(self.rows[y]) - 1)

    def spans(self, cell: Cell, key: str) -> int:
        return _span(self.rows[cell[0]][cell[1]], key)

    def longest(self, cell: Cell) -> int:
        return max((len(word) for word in self.texts[cell[0]][cell[1]].split()), default=0)

    def inner(self, x: int, span: int) -> int:
        """The width of text in a cell from column x across `span` columns (the borders between them included)."""
        return sum(self.column[x : x + span]) + 3 * (span - 1)

    def _columns(self) -> list[int]:
        """Each column as wide as its longest cell (up to WIDEST), narrowed in proportion when the table would
        be wider than LINE, never below its longest word: a column of figures stays narrow and one of text
        takes the room (Word's own column widths are not kept)."""
        want, need = [3] * self.width, [3] * self.width
        for cell, x in self.starts.items():
            if self.spans(cell, "colspan") == 1:
                want[x] = max(want[x], min(WIDEST, self.chars(cell)))
                need[x] = max(need[x], min(WIDEST, self.longest(cell)))
        room = LINE - 3 * self.width - 1
        if sum(want) > room:
            want = [max(n, w * room // sum(want)) for w, n in zip(want, need)]
        column = want
        for cell, x in self.starts.items():  # words are never broken: a cell is at least as wide as its longest word
            n = self.spans(cell, "colspan")
            column[x + n - 1] += max(0, self.longest(cell) - (sum(column[x : x + n]) + 3 * (n - 1)))
        return column

    def chars(self, cell: Cell) -> int:
        return max((len(line) for line in self.texts[cell[0]][cell[1]].split("\n")), default=0)

    def _wrap(self, cell: Cell, x: int) -> list[str]:
        inner = self.inner(x, self.spans(cell, "colspan"))
        wrapped: list[str] = []
        for paragraph in self.texts[cell[0]][cell[1]].split("\n"):
            wrapped += textwrap.wrap(paragraph, inner, break_long_words=False, break_on_hyphens=False) or [""]
        return wrapped

    def _heights(self) -> list[int]:
        """Each grid row is as tall as its tallest cell that ends in it."""
        tall = [1] * self.height
        for (cy, ci), wrapped in self.lines.items():
            span = self.spans((cy, ci), "rowspan")
            need = len(wrapped) - sum(tall[cy : cy + span - 1]) - (span - 1)
            tall[cy + span - 1] = max(tall[cy + span - 1], need)
        return tall

    def at(self, y: int, x: int) -> Cell | None:
        return self.taken.get((y, x)) if 0 <= y < self.height and 0 <= x < self.width else None

    def junction(self, y: int, x: int, rule: str) -> str:
        """The character where the border above row y meets the line left of column x."""
        up = self.at(y - 1, x - 1) != self.at(y - 1, x)
        down = self.at(y, x - 1) != self.at(y, x)
        left = self.at(y - 1, x - 1) != self.at(y, x - 1)
        right = self.at(y - 1, x) != self.at(y, x)
        if (up or down) and (left or right):
            return "+"
        return "|" if up or down else rule if left or right else " "

    def text_line(self, cell: Cell, index: int, inner: int) -> str:
        wrapped = self.lines[cell]
        return " " + (wrapped[index] if index < len(wrapped) else "").ljust(inner) + " "

    def line_index(self, cy: int, y: int, k: int) -> int:
        """Which of a cell's lines (it starts in row cy) is printed at line k of row y (k = -1: the border above)."""
        return sum(self.tall[cy:y]) + (y - cy) + k

    def text(self) -> str:
        # The first row is the header when there is a row after it and none of its cells runs on into it.
        header = self.height > 1 and all(self.spans((0, index), "rowspan") == 1 for index in range(len(self.rows[0])))
        out = []
        for y in range(self.height + 1):
            out.append(self.border(y, "=" if y == 1 and header else "-"))
            if y == self.height:
                break
            out += [self.text_row(y, k) for k in range(self.tall[y])]
        return "\n".join(out) + "\n"

    def border(self, y: int, rule: str) -> str:
        """The border above row y; a cell spanning rows across it prints its text there instead."""
        line, x = "", 0
        while x < self.width:
            covering = self.at(y - 1, x)
            if covering is not None and covering == self.at(y, x):  # a cell spanning rows: its text runs on
                span = self.spans(covering, "colspan")
                line += self.junction(y, x, rule) + self.text_line(
                    covering, self.line_index(covering[0], y, -1), self.inner(x, span)
                )
                x += span
            else:
                line += self.junction(y, x, rule) + rule * (self.column[x] + 2)
                x += 1
        return line + self.junction(y, self.width, rule)

    def text_row(self, y: int, k: int) -> str:
        """Line k of row y: each cell's text, between bars."""
        text, x = "|", 0
        while x < self.width:
            cell = self.taken[(y, x)]
            span = self.spans(cell, "colspan")
            text += self.text_line(cell, self.line_index(cell[0], y, k), self.inner(x, span)) + "|"
            x += span
        return text
