"""Facts about a PDF that check, assembly and the renderers all ask: can it be laid into a pack, is it tagged,
how big are its pages. An appendix is opened once, when the papers are loaded (inspect_pdf); pikepdf is
imported only when a board has one that was not inspected before (KeptFacts: the board's cache keeps what each
appendix, by the SHA-256 of its bytes, was found to be)."""

from __future__ import annotations

import hashlib
import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf


# Each file's SHA-256, by its path and its state (size, inode, times of change): reused while none of them changes
_DIGESTS: dict[tuple[str, int, int, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (an appendix: a pack's key and its PDF's /ID both ask), read once a run while
    the file stays as it is (a process forked later knows it too), and not at all when Stamps knew it."""
    info = path.stat()
    state = _state(str(path.resolve()), info)
    if state not in _DIGESTS:
        with path.open("rb") as stream:
            _DIGESTS[state] = hashlib.file_digest(stream, "sha256").hexdigest()
    return _DIGESTS[state]


def _read_sha256(path: Path | str) -> str | None:
    """The SHA-256 of the file's bytes as they are now, read through (None when it cannot be read)."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _state(path: str, info: os.stat_result) -> tuple[str, int, int, int, int]:
    return (path, info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)


@dataclass
class Stamps:
    """Files' SHA-256s kept from one run to the next (a council's body's sources; a board's PDF appendices), each
    by its path with its stat (size, mtime_ns, inode, ctime_ns). A file is read and hashed again unless its stat is
    as the last run recorded it and its times are more than `RACY` older than when that run began (git's "racily
    clean" rule: a file changed within the same tick of the clock as it was recorded may keep its size and times).
    What it finds, file_sha256 knows for the rest of the run."""

    known: dict[str, Any] = field(default_factory=dict)  # the last run's, by path
    began: int = 0  # when the last run began to stat them (ns since the epoch)
    now: dict[str, list[Any]] = field(default_factory=dict)  # this run's
    beginning: int = field(default_factory=time.time_ns)
    hashed: bool = False  # whether any file was read (a record with its new stamps is worth writing)

    @classmethod
    def recorded(cls, record: dict[str, Any]) -> Stamps:
        """The stamps of a body's record (none when it has none, or not as this code writes them)."""
        sources, began = record.get("sources"), record.get("began")
        if not isinstance(sources, dict) or not isinstance(began, int):
            return cls()
        return cls(sources, began)

    def record(self) -> dict[str, Any]:
        """This run's stamps, for the next run (`recorded`)."""
        return {"began": self.beginning, "sources": self.now}

    def sha256(self, path: str) -> str:
        """The SHA-256 of the bytes of the file at `path` (following links): the one recorded when its stat is as
        recorded and not racy, else read again; "" when it cannot be read."""
        try:
            stat = os.stat(path)
        except OSError:
            return ""
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]
        was = self.known.get(path)
        if (
            isinstance(was, list)
            and len(was) == 5
            and was[:4] == stamp
            and max(stat.st_mtime_ns, stat.st_ctime_ns) < self.began - RACY
            and isinstance(was[4], str)
        ):
            self.now[path] = was
            _DIGESTS[_state(path, stat)] = was[4]
            return was[4]
        sha = _read_sha256(path)
        if sha is None:
            return ""
        self.now[path] = [*stamp, sha]
        self.hashed = True
        _DIGESTS[_state(path, stat)] = sha
        return sha


RACY = 2_000_000_000  # ns: a file whose times are not older than this before its stamps were taken is read again


def is_tagged(source: pikepdf.Pdf) -> bool:
    """Whether a PDF carries a structure tree a reader can follow."""
    tree = source.Root.get("/StructTreeRoot")
    mark = source.Root.get("/MarkInfo")
    return tree is not None and tree.get("/K") is not None and bool(mark is not None and mark.get("/Marked", False))


def page_size(page: pikepdf.Page) -> list[float]:
    """Width and height in points as a viewer shows the page (rotation applied)."""
    box = page.mediabox
    width, height = abs(float(box[2]) - float(box[0])), abs(float(box[3]) - float(box[1]))
    return [height, width] if int(page.obj.get("/Rotate", 0)) % 180 else [width, height]


MIN_PAGE, MAX_PAGE = 72.0, 14_400.0  # points: 1 inch, and the largest page PDF readers show (200 inches)


MAX_PDF_PAGES = 500
MAX_PDF_UNPACKED = 256_000_000  # bytes of a PDF's compressed streams once unpacked


def _unpacked_size(pdf: pikepdf.Pdf) -> int:
    """How big the PDF's Flate-compressed streams are unpacked, counted in chunks and stopping past the
    cap, so that a decompression bomb is measured without ever being held in memory."""
    import pikepdf

    total = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = obj.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
        if names[:1] != ["/FlateDecode"]:
            continue  # images in their own formats (JPEG, JPEG 2000) are drawn compressed
        unpack, data = zlib.decompressobj(), obj.read_raw_bytes()
        while data and total <= MAX_PDF_UNPACKED:
            try:
                total += len(unpack.decompress(data, 1 << 20))
            except zlib.error:
                break  # a damaged stream: readers show what they can
            data = unpack.unconsumed_tail
        if total > MAX_PDF_UNPACKED:
            break
    return total


def pdf_problem(path: Path) -> str:
    """Why a PDF appendix cannot be inserted as it is, or '' when it can."""
    import pikepdf  # only a board with PDF appendices pays for it

    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return "is not a PDF file"
        with pikepdf.open(path, attempt_recovery=False) as pdf:
            if len(pdf.pages) == 0:
                return "has no pages"
            if len(pdf.pages) > MAX_PDF_PAGES:
                return f"has {len(pdf.pages)} pages; at most {MAX_PDF_PAGES} can go into a pack"
            for number, page in enumerate(pdf.pages, start=1):
                box = [float(v) for v in page.mediabox]
                width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
                if not (MIN_PAGE <= width <= MAX_PAGE and MIN_PAGE <= height <= MAX_PAGE):
                    return (
                        f"page {number} is {width:.0f} × {height:.0f} pt; pages must be between {MIN_PAGE:.0f} and "
                        f"{MAX_PAGE:.0f} pt (1 inch and 200 inches) each way"
                    )
                if int(page.obj.get("/Rotate", 0)) % 90:
                    return (
                        f"page {number} is turned by {int(page.obj.get('/Rotate', 0))}°; a page turns by 90° steps only"
                    )
            if (size := _unpacked_size(pdf)) > MAX_PDF_UNPACKED:
                return (
                    f"unpacks to more than {MAX_PDF_UNPACKED // 1_000_000} MB ({size // 1_000_000} MB read so far): "
                    "it may be a decompression bomb; supply a plain copy"
                )
    except pikepdf.PasswordError:
        return "is password-protected; supply an unprotected copy"
    except (pikepdf.PdfError, OSError, ValueError, KeyError, TypeError) as error:
        reason = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        return f"cannot be read as a PDF ({reason}); it may be truncated or damaged"
    return ""


def pdf_is_tagged(path: Path) -> bool:
    """Whether a (readable) PDF carries a structure tree a screen reader can follow."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        return is_tagged(pdf)


@dataclass(frozen=True)
class PdfFacts:
    """A PDF appendix as check and assembly need it: why it cannot be laid in ('' when it can), whether it is
    tagged, and its pages' sizes in points as a viewer shows them."""

    problem: str
    tagged: bool = False
    pages: tuple[tuple[float, float], ...] = ()


def inspect_pdf(path: Path) -> PdfFacts:
    """Open a PDF appendix once and say what check and assembly need of it."""
    import pikepdf

    problem = pdf_problem(path)
    if problem:
        return PdfFacts(problem)
    with pikepdf.open(path) as pdf:
        return PdfFacts("", is_tagged(pdf), tuple((size[0], size[1]) for size in map(page_size, pdf.pages)))


class KeptFacts:
    """PDF appendices inspected before, by the SHA-256 of their bytes: their facts, as JSON (kept in the board's
    cache, store.py), so that an unchanged appendix is not opened again, nor pikepdf imported to open it. Only an
    appendix that can be laid in is kept: one with a problem is inspected again, and its problem reported again.
    Each appendix's SHA-256 is found through `stamps`: an appendix whose stat is as a run before found it is not
    read at all."""

    def __init__(self, entries: dict[str, Any], stamps: Stamps | None = None) -> None:
        self.entries = entries
        self.stamps = stamps or Stamps()
        self.used: dict[str, Any] = {}  # the entries this run read or made: what is worth keeping
        self.made = False  # whether any was made anew

    def inspect(self, path: Path) -> PdfFacts:
        """As inspect_pdf, from the kept entry when there is one."""
        key = self.stamps.sha256(str(path.resolve())) or None
        if key is not None and (facts := _unkept(self.entries.get(key))) is not None:
            self.used[key] = self.entries[key]
            return facts
        facts = inspect_pdf(path)
        # kept only if the file stood still (read again: inspect_pdf says why one cannot be read)
        if key is not None and not facts.problem and _read_sha256(path) == key:
            self.used[key] = {"tagged": facts.tagged, "pages": [list(size) for size in facts.pages]}
            self.made = True
        return facts


def _unkept(entry: Any) -> PdfFacts | None:
    """A kept entry's facts, or None when it is not one (a damaged cache is no cache)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("tagged"), bool):
        return None
    pages = entry.get("pages")
    sizes = [
        (float(size[0]), float(size[1]))
        for size in pages or []
        if isinstance(size, list) and len(size) == 2 and all(type(v) in (int, float) for v in size)
    ]
    if not isinstance(pages, list) or not sizes or len(sizes) != len(pages):
        return None
    return PdfFacts("", entry["tagged"], tuple(sizes))
