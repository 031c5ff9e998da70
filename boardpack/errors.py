"""The one error type a user sees: a list of problems, each naming file, line and field."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the sources, printed compiler-style."""

    path: str
    line: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"  # a warning is printed ("warning: …") and the work goes on

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def command_line(option: str, message: str) -> Problem:
    """A problem with what was typed on the command line: blamed there, not on a file."""
    return Problem("command line", 0, option, message)


class BoardpackWarning(UserWarning):
    """Something the clerk must know that does not stop the build (printed as "warning: …")."""


class BoardpackError(Exception):
    """Raised when the sources cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))  # by file, line, field, message
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:  # crosses from a rendering process whole
        return type(self), (self.problems,)


@dataclass
class Problems:
    """Collects problems during a pass so that all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, field_name, message))

    def warn(self, path: str, line: int, field_name: str, message: str) -> None:
        """Something the clerk must know that does not stop the work."""
        self.warnings.append(Problem(path, line, field_name, message, "warning"))

    def emit_warnings(self) -> None:
        """Hand the warnings found to whoever shows them (the CLI prints each as "warning: …"), in the order found."""
        for problem in self.warnings:
            warnings.warn(str(problem), BoardpackWarning, stacklevel=3)
        self.warnings.clear()

    def raise_if_any(self) -> None:
        if self.items:
            raise BoardpackError(self.items)
