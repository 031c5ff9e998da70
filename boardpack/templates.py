"""Where a board's templates and fonts come from: its own templates/ folders, else boardpack's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Templates:
    """Where each kind of template comes from: the board's own folder, else boardpack's."""

    typst: Path
    fonts: Path
    html: Path
    word: Path
    root: Path | None = None  # the board's repository

    def shown(self, path: Path | str) -> str:
        """A template's path as a message prints it: relative to the board's repository, or, for one
        boardpack ships, from its templates/ folder."""
        path = Path(path)
        if self.root is not None and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        parts = path.parts
        return (
            Path(*parts[parts.index("templates") :]).as_posix() + " (boardpack's own)"
            if "templates" in parts
            else path.as_posix()
        )


def shipped_templates() -> Path:
    """boardpack's own templates/ folder (in the installed package, or beside it in a checkout)."""
    shipped = next(
        (
            c
            for c in (Path(__file__).resolve().parent / "templates", Path(__file__).resolve().parents[1] / "templates")
            if (c / "typst").is_dir()
        ),
        None,
    )
    if shipped is None:
        raise FileNotFoundError("boardpack's templates are missing: reinstall boardpack")
    return shipped


def template_set(root: Path) -> Templates:
    """Each of templates/typst, fonts, html and word from the board if it has that folder, else shipped ones."""
    shipped = shipped_templates()
    chosen = {}
    for kind in ("typst", "fonts", "html", "word"):
        own = root / "templates" / kind
        chosen[kind] = own if own.is_dir() and any(own.iterdir()) else shipped / kind
    return Templates(**chosen, root=root)
