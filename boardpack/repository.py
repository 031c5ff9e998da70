"""Files named in the sources, found as authors and Markdown previewers find them, never outside the repository."""

from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path, PureWindowsPath

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def repository_file(root: Path, text: str, base: str = "") -> tuple[Path | None, str]:
    """Resolve an attachment path safely: (path, '') or (None, why it is refused). A path is read as authors
    and Markdown previewers read it, from the folder `base` of the file that names it, else from the
    repository's root; it may not leave the repository."""
    if _URL.match(text) and not PureWindowsPath(text).drive:
        return None, f"'{text}' is a URL; attachments must be files in the repository"
    if text.startswith(("/", "\\")) or PureWindowsPath(text).is_absolute() or PureWindowsPath(text).drive:
        return (
            None,
            f"'{text}' is an absolute path; give a path relative to the file that names it, or to the repository root",
        )
    written = text.replace("\\", "/")
    candidates = [posixpath.normpath(posixpath.join(base, written))] if base else []
    candidates.append(posixpath.normpath(written))
    inside = [c for c in dict.fromkeys(candidates) if c != ".." and not c.startswith("../")]
    if not inside:
        return None, f"'{text}' climbs out of the repository with '..'; give a path inside the repository"
    found = next((c for c in inside if (root / c).exists() or (root / c).is_symlink()), None)
    if found is None:
        return None, f"'{text}' does not exist{_nearest(root, inside, base)}"
    full = root / found
    resolved = full.resolve()
    if not resolved.is_relative_to(root):
        return None, f"'{text}' is a link to a file outside the repository"
    if not resolved.is_file():
        return None, f"'{text}' is not a file"
    return resolved, ""


def _nearest(root: Path, wanted: list[str], base: str) -> str:
    """' (did you mean 'cover_sheets/budget.md'?)': the existing file whose path is nearest one of `wanted`, written
    as the author would write it (from the folder `base` of the file naming it, when it is there)."""
    names: list[str] = []
    for relative in wanted:
        folder = root / posixpath.dirname(relative)
        if folder.is_dir() and folder.resolve().is_relative_to(root.resolve()):
            names += [
                posixpath.join(posixpath.dirname(relative), p.name)
                for p in sorted(folder.iterdir())
                if p.is_file() and not p.name.startswith(".")
            ]
    for relative in wanted:
        close = difflib.get_close_matches(relative, names, n=1, cutoff=0.6)
        if close:
            shown = close[0].removeprefix(f"{base}/") if base and relative.startswith(f"{base}/") else close[0]
            return f" (did you mean '{shown}'?)"
    return ""


def did_you_mean(name: str, known: list[str]) -> str:
    """' (did you mean "Olive Officer"?)' for the known name nearest a mistyped one, else ''."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
