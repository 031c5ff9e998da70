"""The shape of the code, held as the house style describes it (../shared/STYLE.md): small units, the package's own
imports at the top of each module where a circle cannot hide, and the import contracts kept."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "boardpack"
LONGEST = 150  # lines: a function or class longer than this is two things
LAZY_COMMANDS = {
    "cli.py"
}  # the CLI loads each command's modules when it runs (`boardpack history` never loads the model)
# The package's own modules built on a heavy library, imported where the library itself would be, inside the function
# that needs it, so that a run which does not need the library never imports it (tests/test_startup.py).
LAZY_LIBRARIES = {
    "mdparser": "Python-Markdown, for a text the cache does not hold",
    "foreign": "pikepdf, for a pack with foreign pages",
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_function_or_class_is_longer_than_a_screenful_or_three() -> None:
    long = []
    for path in _modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LONGEST:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.name} is {length} lines")
    assert long == []


def _own_imports_inside_functions(tree: ast.Module) -> list[int]:
    """Lines where a function imports one of the package's own modules."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.ImportFrom)
                    and (inner.level > 0 or (inner.module or "").startswith("boardpack"))
                    and not _lazy_library(inner.module, [a.name for a in inner.names])
                    or isinstance(inner, ast.Import)
                    and any(a.name.startswith("boardpack") for a in inner.names)
                ):
                    found.append(inner.lineno)
    return sorted(set(found))


def _lazy_library(module: str | None, names: list[str]) -> bool:
    """Whether `from MODULE import NAMES` imports one of LAZY_LIBRARIES (`from .foreign import …`, `from . import
    mdparser`)."""
    return (module or "").rpartition(".")[2] in LAZY_LIBRARIES or (not module and set(names) <= LAZY_LIBRARIES.keys())


def test_the_packages_own_modules_are_imported_at_the_top() -> None:
    """Only heavy third-party libraries (typst, pikepdf, docx, git, lxml …) are imported inside functions; an import
    of the package's own module written there could hide a circle from the reader (the contracts see it anyway)."""
    hidden = [
        f"{path.relative_to(REPO)}:{line}"
        for path in _modules()
        if path.name not in LAZY_COMMANDS or path.parent != PACKAGE
        for line in _own_imports_inside_functions(ast.parse(path.read_text("utf-8")))
    ]
    assert hidden == []


def test_the_check_above_can_fail() -> None:
    tree = ast.parse("def f():\n    from .load import Papers\n    import json\n")
    assert _own_imports_inside_functions(tree) == [2]
    tree = ast.parse("def f():\n    from . import mdparser\n    from .foreign import graft\n    from . import load\n")
    assert _own_imports_inside_functions(tree) == [4]


def test_the_import_contracts_are_kept() -> None:
    """The pipeline's layers (cli → commands → stages → document/model/load) and no circle anywhere
    (pyproject.toml, [tool.importlinter])."""
    done = subprocess.run(
        [sys.executable, "-m", "importlinter.cli", "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
