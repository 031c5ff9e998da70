"""Build a meeting's pack: check everything, render into a private folder, then move into place."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tempfile
from pathlib import Path

import jinja2

from .assemble import assemble_pack, pick_meeting
from .check import check_repository
from .errors import BoardpackError, Problem
from .render.pdf import render_pdf, templates_dir


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
    templates = templates_dir(root)
    files = {}
    for pack in packs:
        with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
            try:
                files[pack.filename] = render_pdf(pack, templates, Path(work))
            except RuntimeError as error:  # Typst reports template errors as RuntimeError
                raise BoardpackError([Problem(str(templates / "typst" / "pack.typ"), 0, "",
                                              f"the template could not be compiled: {error}")]) from None
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
    data = minutes_draft(papers, pack, templates_dir(root))
    [path] = write_outputs(out if out is not None else root / "build", {f"{date.isoformat()}-minutes-draft.docx": data})
    return path


def build_site(root: Path, out: Path | None = None, today: dt.date | None = None) -> Path:
    """Build the web edition of every meeting into `out` (default: site/), replacing it whole when complete."""
    from .render.html import write_site

    root = root.resolve()
    papers = check_repository(root)
    templates = templates_dir(root)
    rendered = []
    for date in sorted(papers.agendas):
        pack = assemble_pack(papers, date)
        with tempfile.TemporaryDirectory(prefix="boardpack-") as work:
            rendered.append((pack, render_pdf(pack, templates, Path(work))))
    out = (out if out is not None else root / "site").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=PARTIAL, dir=out.parent))
    try:
        try:
            write_site(rendered, templates, staging, today or dt.date.today())
        except jinja2.TemplateError as error:
            where = getattr(error, "filename", None) or str(templates / "html")
            raise BoardpackError([Problem(where, getattr(error, "lineno", 0) or 0, "",
                                          f"the web template could not be rendered: {error}")]) from None
        old = out.parent / f".{out.name}.old.{os.getpid()}{PARTIAL}"
        if out.exists():
            os.replace(out, old)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


PARTIAL = ".partial"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_outputs(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file beside its destination, then move them all into place together.

    Nothing is replaced until every file has been written in full; if moving them in
    fails part-way, the files already moved are put back as they were. Temporary files
    that a killed build left behind are removed first.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for stale in [*folder.glob(f".*{PARTIAL}"), *folder.glob(f"*/.*{PARTIAL}")]:
        stale.unlink(missing_ok=True)
    staged: list[tuple[Path, Path, Path | None]] = []  # (temporary, destination, backup of the old file)
    moved: list[tuple[Path, Path, Path | None]] = []
    try:
        for name, content in files.items():
            destination = folder / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=PARTIAL, dir=destination.parent)
            backup = None
            staged.append((Path(temp), destination, backup))
            os.chmod(temp, 0o666 & ~_umask())
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            if destination.exists():
                backup = destination.parent / f".{destination.name}.old.{os.getpid()}.{secrets.token_hex(4)}{PARTIAL}"
                os.link(destination, backup)
                staged[-1] = (Path(temp), destination, backup)
        for entry in staged:
            os.replace(entry[0], entry[1])
            moved.append(entry)
    except BaseException:
        for _, destination, backup in reversed(moved):
            if backup is not None:
                os.replace(backup, destination)
            else:
                destination.unlink(missing_ok=True)
        raise
    finally:
        for temp, _, backup in staged:
            temp.unlink(missing_ok=True)
            if backup is not None:
                backup.unlink(missing_ok=True)
    return [folder / name for name in files]
