"""Progress on a terminal for long commands (`build --all`, `site`): one line on standard error, rewritten as
packs are ready and cleared at the end. Nothing is shown when standard error is not a terminal (CI, a pipe, a
log file), with --quiet, or when NO_COLOR or TERM=dumb asks for plain output."""

from __future__ import annotations

import os
import sys
from typing import TextIO


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    """Whether to show progress: on a terminal that can rewrite a line, unless asked to be quiet."""
    stream = stream or sys.stderr
    plain = "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb" or bool(os.environ.get("CI"))
    return not quiet and not plain and stream.isatty()


class Progress:
    """'rendering packs: 12 of 80' on one line of a terminal."""

    def __init__(self, label: str, total: int, shown: bool, stream: TextIO | None = None) -> None:
        self.label, self.total, self.shown = label, total, shown and total > 1
        self.stream = stream or sys.stderr
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        if self.shown:
            self.stream.write(f"\r{self.label}: {self.count} of {self.total}\x1b[K")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        """The line is cleared when the work ends, however it ends."""
        if self.shown and self.count:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
