"""Build a meeting's pack: check everything, render into a private folder, then move into place."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import jinja2

from .assemble import assemble_pack, pick_meeting
from .check import check_repository
from .errors import BoardpackError, Problem
from .render.pdf import render_pdf, template_set


def build_pack(root: Path, meeting: dt.date | None = None, out: Path | None = None,
               today: dt.date | None = None, large_print: bool = False, docx: bool = False) -> list[Path]:
    """Build the pack of `meeting` (default: the next, else the latest) into `out`; return the files written.

    The public pack always; the private pack too when the meeting has exempt material.
    With `large_print`, the same packs at large-print size instead. With `docx`, also the
    Word documents of each pack, in YYYY-MM-DD-public-docx/ (and -private-docx/).
    """
    root = root.resolve()
    papers = check_repository(root)
    date = pick_meeting(papers, meeting, today or dt.date.today())
    packs = [assemble_pack(papers, date, large_print=large_print)]
    if packs[0].has_exempt:
        packs.append(assemble_pack(papers, date, private=True, large_print=large_print))
    templates = template_set(root)
    files = {}
    for pack in packs:
        with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
            files[pack.filename] = render_pdf(pack, templates, Path(work))
        if docx:
            from .render.docx import pack_documents

            folder = f"{date.isoformat()}-{'private' if pack.private else 'public'}-docx"
            files.update({f"{folder}/{name}": data for name, data in pack_documents(pack, templates).items()})
    return write_outputs(out if out is not None else root / "build", files)


def build_minutes_draft(root: Path, meeting: dt.date, out: Path | None = None) -> Path:
    """Write YYYY-MM-DD-minutes-draft.docx, the clerk's note-taking document for a meeting."""
    from .render.docx import minutes_draft

    root = root.resolve()
    papers = check_repository(root)
    date = pick_meeting(papers, meeting, meeting)
    pack = assemble_pack(papers, date, private=True)
    data = minutes_draft(papers, pack, template_set(root))
    [path] = write_outputs(out if out is not None else root / "build", {f"{date.isoformat()}-minutes-draft.docx": data})
    return path


SITE_MARK = ".boardpack-site"


def build_site(root: Path, out: Path | None = None, today: dt.date | None = None) -> Path:
    """Build the web edition of every meeting into `out` (default: site/), replacing it whole when complete."""
    from .render.html import write_site

    root = root.resolve()
    out = (out if out is not None else root / "site").resolve()
    _refuse_unsafe_site_folder(root, out)
    papers = check_repository(root)
    templates = template_set(root)
    rendered = []
    for date in sorted(papers.agendas):
        packs = [assemble_pack(papers, date), assemble_pack(papers, date, large_print=True)]
        pdfs = []
        for pack in packs:
            with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
                pdfs.append((pack, render_pdf(pack, templates, Path(work))))
        rendered.append(pdfs)

    def fill(staging: Path) -> None:
        try:
            write_site(rendered, templates, staging / out.name, today or dt.date.today())
        except jinja2.TemplateError as error:
            filename, line = _template_position(error, templates.html)
            raise BoardpackError([Problem(templates.shown(filename), line, "",
                                          f"the web template could not be rendered: {error}")]) from None

    write_outputs(out.parent, {f"{out.name}/{SITE_MARK}": b"This folder is written by `boardpack site` and replaced whole by it.\n"},
                  fill=fill)
    return out


def _template_position(error: jinja2.TemplateError, folder: Path) -> tuple[str, int]:
    """The template file and line an error arose in: a syntax error says so; for an error while
    rendering, Jinja2 puts the template's own lines into the traceback."""
    if getattr(error, "filename", None):
        return error.filename, getattr(error, "lineno", 0) or 0  # type: ignore[attr-defined]
    position = (str(folder), 0)
    trace = error.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if Path(name).is_relative_to(folder):
            position = (name, trace.tb_lineno)
        trace = trace.tb_next
    return position


def _refuse_unsafe_site_folder(root: Path, out: Path) -> None:
    """The site folder is replaced whole: never let that be the repository, its sources or a folder of someone else's."""
    protected = [root, *(root / name for name in ("agendas", "cover_sheets", "minutes", "appendices", "templates",
                                                  "schemas", "boardpack", "tests", ".git"))]
    why = ""
    if out == Path(out.anchor) or root.is_relative_to(out):
        why = "is the repository or a folder that contains it"
    elif any(out == folder or out.is_relative_to(folder) for folder in protected[1:]):
        why = "is inside the board's sources"
    elif out.is_dir() and any(out.iterdir()) and not (out / SITE_MARK).exists():
        why = "already exists and was not made by `boardpack site`; choose a new or empty folder"
    if why:
        raise BoardpackError([Problem(str(out), 0, "--out", f"the site folder {why}")])


PARTIAL = ".partial"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _clean_up_after_killed_builds(folder: Path) -> None:
    """Remove what a killed build left behind; put back an old output it had moved aside but not replaced."""
    for leftover in folder.glob(f".*{PARTIAL}"):
        name, _, rest = leftover.name[1:].partition(".old.")
        if rest and not (folder / name).exists():
            os.replace(leftover, folder / name)
        else:
            _remove(leftover)


def write_outputs(folder: Path, files: dict[str, bytes], fill: Callable[[Path], None] | None = None) -> list[Path]:
    """Write the outputs (see _write_outputs); a folder that cannot be written (read-only, full disk, no
    permission) is a problem to report, with the previous outputs left as they were."""
    try:
        return _write_outputs(folder, files, fill)
    except OSError as error:
        shown = os.path.relpath(folder) if not os.path.relpath(folder).startswith("..") else str(folder)
        what = error.strerror or str(error)
        raise BoardpackError([Problem(shown, 0, "", f"cannot write the outputs here: {what}; "
                                                   "the outputs already there are as they were")]) from None


def _write_outputs(folder: Path, files: dict[str, bytes], fill: Callable[[Path], None] | None = None) -> list[Path]:
    """Write every output in a private folder beside its destination, then move each into place.

    `files` maps names to contents; a name with a folder ("2012-06-15-public-docx/agenda.docx")
    makes that folder an output replaced whole, so no file of an older build survives in it.
    `fill`, if given, writes further outputs straight into that private folder.
    Nothing is replaced until everything has been written in full; if moving into place
    fails part-way, what was moved is put back as it was.
    """
    folder.mkdir(parents=True, exist_ok=True)
    _clean_up_after_killed_builds(folder)
    mask = _umask()
    staging = Path(tempfile.mkdtemp(prefix=".boardpack-", suffix=PARTIAL, dir=folder))
    moved: list[tuple[Path, Path | None]] = []  # (destination, backup of what was there)
    try:
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        if fill is not None:
            fill(staging)
        for path in (staging, *staging.rglob("*")):
            os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)
        for top in sorted(entry.name for entry in staging.iterdir()):
            destination, backup = folder / top, None
            if destination.exists() or destination.is_symlink():
                backup = folder / f".{top}.old.{secrets.token_hex(4)}{PARTIAL}"
                if destination.is_dir() and not destination.is_symlink():
                    os.replace(destination, backup)  # a folder cannot be swapped in one step
                else:
                    os.link(destination, backup, follow_symlinks=False)  # a file stays in place until replaced
            moved.append((destination, backup))
            os.replace(staging / top, destination)
    except BaseException:
        for destination, backup in reversed(moved):
            if backup is not None and backup.exists():
                if destination.is_dir() and not destination.is_symlink():
                    shutil.rmtree(destination, ignore_errors=True)
                os.replace(backup, destination)
            elif backup is None:
                _remove(destination)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for _, backup in moved:
            if backup is not None:
                _remove(backup)
    return [folder / name for name in files if not name.endswith(SITE_MARK)]
