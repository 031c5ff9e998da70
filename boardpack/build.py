"""Build a meeting's pack: check everything, render into a private folder, then move into place."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from .assemble import assemble_pack, pick_meeting
from .check import check_repository
from .errors import BoardpackError, Problem
from .render.pdf import render_pdf, templates_dir


def build_pack(root: Path, meeting: dt.date | None = None, out: Path | None = None,
               today: dt.date | None = None) -> list[Path]:
    """Build the pack of `meeting` (default: the next, else the latest) into `out`; return the files written."""
    root = root.resolve()
    papers = check_repository(root)
    date = pick_meeting(papers, meeting, today or dt.date.today())
    pack = assemble_pack(papers, date)
    templates = templates_dir(root)
    with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
        try:
            pdf = render_pdf(pack, templates, Path(work))
        except RuntimeError as error:  # Typst reports template errors as RuntimeError
            raise BoardpackError([Problem(str(templates / "typst" / "pack.typ"), 0, "",
                                          f"the template could not be compiled: {error}")]) from None
    return write_outputs(out if out is not None else root / "build", {pack.filename: pdf})


def write_outputs(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file beside its destination, then move them all into place.

    Nothing is replaced until every file has been written in full, so an interrupted
    build leaves the previous outputs exactly as they were.
    """
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
            staged.append((name, Path(temp)))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        for name, temp in staged:
            os.replace(temp, folder / name)
    except BaseException:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
        raise
    return [folder / name for name in files]
