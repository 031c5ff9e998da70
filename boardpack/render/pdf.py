"""Pack -> PDF: one Typst compile (tagged, PDF/UA-1), then foreign PDF pages laid in with pikepdf.

Typst's PDF/UA-1 export cannot embed PDF images, so the template reserves a page of
the right size for each page of a foreign appendix (carrying only the "Page N" stamp)
and the appendix's own page is laid underneath it afterwards. Every page boardpack
generates stays PDF/UA-1; the foreign pages are what their authors made them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import os
import pickle
import re
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from ..assemble import Pack
from ..assemble.briefing import Issue
from ..assemble.pack import appendix_destination
from ..errors import BoardpackError, Problem
from ..images import published_image
from ..pdfs import file_sha256, is_tagged
from ..templates import Templates, shipped_templates, template_set  # noqa: F401 - template_set: used through here

if TYPE_CHECKING:
    import pikepdf

# pikepdf (about 0.1 s to import) and foreign.py, which is built on it, are imported only to lay in foreign pages
# or copy an appendix: a build imports them in the process rendering a pack that has foreign pages, while Typst
# compiles it (see _render_pdf), never in the process that checks and assembles.
FOREIGN = "boardpack.render.foreign"


class Spot(TypedDict):
    """A page the pack reserves for a foreign page (from Typst's <foreign-page> marks: see _spots)."""

    doc: str  # the appendix's document id
    index: int  # the foreign page's index in its PDF
    page: int  # the pack's page, from 1


def render_pdf(pack: Pack, templates: Templates, workdir: Path) -> bytes:
    """Compile the pack in `workdir` (a private temporary folder) and return the PDF bytes."""
    return render_pdf_file(pack, templates, workdir).read_bytes()


def render_pdf_file(pack: Pack, templates: Templates, workdir: Path, turn: Any = None) -> Path:
    """Compile the pack in `workdir` (a private temporary folder) into a file there, and return its path: a pack
    of large appendices is written to disk as it is made, never held in memory whole. The file is synced to disk
    here, by the process that rendered it, at the same time as the others render or sync theirs (an output is
    synced before it is put in place, and hundreds of MB synced one pack after another is slower)."""
    path = _compiled(pack, templates, workdir, numbered=False, turn=turn)[0]
    with path.open("rb") as stream, contextlib.suppress(OSError):  # a failure is reported when it is put in place
        os.fsync(stream.fileno())
    return path


def render_pdf_numbered(pack: Pack, templates: Templates, workdir: Path) -> tuple[bytes, int]:
    """The PDF bytes and the number its last page is stamped with (a supplement's pages number on from it)."""
    path, last_page = _compiled(pack, templates, workdir, numbered=True)
    return path.read_bytes(), last_page


def _compiled(pack: Pack, templates: Templates, workdir: Path, numbered: bool, turn: Any = None) -> tuple[Path, int]:
    try:
        return _render_pdf(pack, templates, workdir, numbered, turn)
    except RuntimeError as error:  # typst.TypstError: a template the board restyled, or input check let through
        raise _typst_problem(templates, error, workdir / "typst") from None


def _typst_problem(templates: Templates, error: RuntimeError, source: Path) -> BoardpackError:
    """What Typst could not compile, named at the template's line where Typst says (its copy is in `source`)."""
    path, line = templates.typst / "pack.typ", 0
    if found := re.search(r"┌─ (.+?):(\d+):\d+", getattr(error, "diagnostic", "") or ""):
        where = (Path.cwd() / found[1]).resolve()
        if where.is_relative_to(source.resolve()):
            path, line = templates.typst / where.relative_to(source.resolve()), int(found[2])
    return BoardpackError([Problem(templates.shown(path), line, "", f"Typst could not compile the pack: {error}")])


_typst_started = False


def fork_is_safe() -> bool:
    """Whether this process may fork to render: on Linux, before Typst has started (and with it the threads it
    keeps, which a forked child would not have), and with no other thread at all (Typst started by anything
    else, a server's threads: a lock one of them holds would never be let go in the child, which would hang)."""
    if sys.platform != "linux" or _typst_started:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


PDF_FILE = "pack.pdf"  # the rendered pack, in its work folder


def _render_pdf(pack: Pack, templates: Templates, workdir: Path, numbered: bool, turn: Any) -> tuple[Path, int]:
    """The pack rendered into `workdir`. Given a `turn` (a semaphore shared by a meeting's rendering processes, when
    Typst could not hold all its packs at once: cache.render_all), Typst compiles it in a process that ends with
    the compile, in its turn, so that what Typst held is given back before the pack's pages are laid in, while
    another pack compiles."""
    out = workdir / PDF_FILE
    if turn is not None or laid_in_apart(pack):
        with turn if turn is not None else contextlib.nullcontext():
            pdf, placeholders, last_page = _compiled_apart(pack, templates, workdir, numbered)
    else:
        # Typst lets go of Python's lock while it compiles: the laying-in's libraries are imported meanwhile.
        importing = threading.Thread(target=_import_quietly, args=(FOREIGN,)) if pack.foreign else None
        if importing is not None:
            importing.start()
        try:
            pdf, placeholders, last_page = _typst(pack, templates, workdir, numbered)
        finally:
            if importing is not None:
                importing.join()
    if placeholders and not pack.foreign:
        raise BoardpackError(
            [
                Problem(
                    templates.shown(templates.typst / "pack.typ"),
                    0,
                    "",
                    "reserves pages for a PDF appendix's pages in a large-print pack, where boardpack lays none in "
                    "(they keep their own print size, so they would be left blank): give such an appendix one page "
                    "that refers to it in the standard pack, as foreign-in-large-print does in the shipped template",
                )
            ]
        )
    if not pack.foreign:
        out.write_bytes(pdf)
    else:
        lay_in_foreign_pages(pdf, placeholders, pack, out)
    return out, last_page


def laid_in_apart(pack: Pack) -> bool:
    """Whether the pack's appendices are large enough to be laid in by a process Typst has not run in (APART)."""
    return _large(pack) and fork_is_safe()


def _large(pack: Pack) -> bool:
    """Whether the pack's appendices come to more than APART bytes."""
    return sum(Path(path).stat().st_size for path in pack.foreign.values()) > APART


def import_foreign() -> None:
    """Import what lays in foreign pages now: a build whose packs lay in large appendices does so once, before it
    forks their renderers, rather than in each of them while the others compile."""
    _import_quietly(FOREIGN)


def _import_quietly(module: str) -> None:
    """Import `module` ahead of its use (an error is left for the import where it is used, to raise)."""
    with contextlib.suppress(ImportError):
        importlib.import_module(module)


# Appendices this large (bytes) are laid in by a process Typst has not run in: pikepdf holds their streams
# whole until the pack is written, and Typst would still hold every page it laid out (it lets go only at exit).
APART = 64_000_000
Compiled = tuple[bytes, list[Spot], int]  # Typst's PDF, the pages it reserved for foreign pages, the last number


def _typst(pack: Pack, templates: Templates, workdir: Path, numbered: bool) -> Compiled:
    """Typst's part: the pack compiled from a copy of its templates in `workdir`."""
    source = _typst_source(templates, workdir, pack.images)
    return _compile(_compiler(source, templates.fonts), pack, numbered)


def _compiler(source: Path, fonts: Path, entry: str = "pack.typ") -> Any:
    """A Typst compiler of `source`/`entry` with the fonts of `fonts` alone."""
    global _typst_started
    _typst_started = True
    import typst  # imported when the first document is compiled (see fork_is_safe)

    return typst.Compiler(str(source / entry), root=str(source), font_paths=[str(fonts)], ignore_system_fonts=True)


def _compile(compiler: Any, pack: Pack, numbered: bool, preview: Path | None = None) -> Compiled:
    """Typst's PDF of the pack, the pages it reserved for foreign pages, and (when `numbered`) the number its last
    page is stamped with. A `preview` (the source folder of a compiler kept alive) gets the data as a file in it,
    when its template reads one."""
    data = json.dumps(pack.data, ensure_ascii=False)
    inputs = {"large_print": "yes" if pack.large_print else "no", **pack.data.get("style", {})}
    if preview is not None and PACK_FILE_INPUT in (preview / "pack.typ").read_text(encoding="utf-8"):
        inputs[PACK_FILE_INPUT] = PACK_FILE
        if not (preview / PACK_FILE).is_file() or (preview / PACK_FILE).read_text(encoding="utf-8") != data:
            (preview / PACK_FILE).write_text(data, encoding="utf-8")
    else:
        inputs["pack"] = data
    pdf = compiler.compile(format="pdf", pdf_standards=["ua-1"], sys_inputs=inputs)
    assert isinstance(pdf, bytes), "a PDF is one document (a list is for images, one a page)"
    # Only publishing asks for the last page's number (a query reuses the layout, but not for nothing).
    last_page: int = json.loads(compiler.query("<pack-end>", field="value") or "[1]")[-1] if numbered else 0
    # A large-print pack lays in no appendix (its pages keep their own print size): asked all the same whether the
    # template reserved pages for one (a board's own pack.typ from before), which would be left blank.
    appendices = any(doc["kind"] == "foreign" for doc in pack.data["documents"])
    runs = json.loads(compiler.query("<foreign-page>", field="value")) if appendices else []
    return pdf, _spots(runs), last_page


def _spots(runs: list[dict[str, Any]]) -> list[Spot]:
    """Each reserved page, from Typst's marks of the runs of them: a run's `count` pages follow its first, in turn
    (a template that marks each page on its own marks runs of one)."""
    return [
        Spot(doc=run["doc"], index=run["index"] + n, page=run["page"] + n)
        for run in runs
        for n in range(run.get("count", 1))
    ]


def _compiled_apart(pack: Pack, templates: Templates, workdir: Path, numbered: bool) -> Compiled:
    """Typst's part, done in a process forked for it that ends with it (its result, or its error, handed back in
    a file of the work folder)."""
    result = workdir / "typst.pickle"
    pid = os.fork()
    if pid == 0:  # the compiling process: whatever happens, it ends here
        try:
            try:
                data = pickle.dumps(_typst(pack, templates, workdir, numbered))
            except Exception as error:  # noqa: BLE001 - handed to the process that forked this one, which raises it
                try:
                    data = pickle.dumps(error)
                except Exception:  # noqa: BLE001 - an error that cannot cross processes: its message does
                    data = pickle.dumps(RuntimeError(str(error)))
            (workdir / "typst.pickle.partial").write_bytes(data)
            os.replace(workdir / "typst.pickle.partial", result)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    if not result.exists():
        raise BoardpackError(
            [
                Problem(
                    pack.filename,
                    0,
                    "",
                    "the process compiling it ended before it was done (killed, or out of memory): build again",
                )
            ]
        )
    found = pickle.loads(result.read_bytes())  # written just now by the process forked above
    if isinstance(found, Exception):
        raise found
    pdf, placeholders, last_page = found
    return pdf, placeholders, last_page


# A preview's data file, named to the template by this input (templates/typst/pack.typ reads it when given).
PACK_FILE, PACK_FILE_INPUT = "pack.json", "pack_file"


class LiveCompiler:
    """One Typst compiler kept for the life of a preview (`serve --pdf`): Typst memoises what it lays out across the
    compiles of one compiler, so a pack compiled again after a small change is laid out again only where it changed.
    Its sources (the templates and the pack's images) are kept in `workdir`, each file written again only when its
    bytes change; a change to the fonts starts a new compiler."""

    def __init__(self, workdir: Path) -> None:
        self.source = workdir / "typst"
        self.compiler: Any = None
        self.fonts: list[tuple[str, int, int]] = []  # the fonts folder's files (name, size, mtime) it was made with

    def render(self, pack: Pack, templates: Templates) -> bytes:
        """The pack's PDF, as `render_pdf` makes it."""
        wanted = {path.relative_to(templates.typst).as_posix(): path.read_bytes() for path in _files(templates.typst)}
        wanted |= {name: published_image(Path(path)) for name, path in pack.images.items()}
        _mirror(self.source, wanted, keep=PACK_FILE)
        fonts = [(p.relative_to(templates.fonts).as_posix(), *_stat(p)) for p in _files(templates.fonts)]
        if self.compiler is None or fonts != self.fonts:
            self.compiler, self.fonts = _compiler(self.source, templates.fonts), fonts
        try:
            pdf, placeholders, _ = _compile(self.compiler, pack, numbered=False, preview=self.source)
        except RuntimeError as error:
            raise _typst_problem(templates, error, self.source) from None
        if not pack.foreign:
            return pdf
        out = self.source.parent / PDF_FILE
        lay_in_foreign_pages(pdf, placeholders, pack, out, preview=True)
        return out.read_bytes()


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _stat(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def _mirror(folder: Path, wanted: dict[str, bytes], keep: str) -> None:
    """Make `folder` hold exactly the files `wanted` (by name from it) and `keep`, writing only those whose bytes
    differ."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in _files(folder):
        if path.relative_to(folder).as_posix() not in (*wanted, keep):
            path.unlink()
    for name, data in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


BRIEFING_TEMPLATE = "briefing.typ"


def render_briefing(issue: Issue, templates: Templates, workdir: Path) -> bytes:
    """A briefing's PDF edition (tagged, PDF/UA-1), compiled in `workdir` (a private temporary folder)."""
    source = _typst_source(templates, workdir, issue.images)
    if not (source / BRIEFING_TEMPLATE).exists():  # a board that restyled its packs before it had briefings
        shutil.copy(shipped_templates() / "typst" / BRIEFING_TEMPLATE, source / BRIEFING_TEMPLATE)
    inputs = {
        "briefing": json.dumps(issue.data, ensure_ascii=False),
        "large_print": "yes" if issue.large_print else "no",
    }
    try:
        pdf = _compiler(source, templates.fonts, BRIEFING_TEMPLATE).compile(
            format="pdf", pdf_standards=["ua-1"], sys_inputs=inputs
        )
    except RuntimeError as error:  # typst.TypstError: a template the board restyled
        shown = templates.shown(templates.typst / BRIEFING_TEMPLATE)
        raise BoardpackError([Problem(shown, 0, "", f"Typst could not compile the briefing: {error}")]) from None
    assert isinstance(pdf, bytes), "a PDF is one document"
    return pdf


def _typst_source(templates: Templates, workdir: Path, images: dict[str, Path]) -> Path:
    """The templates copied into `workdir`, with the images the document shows beside them."""
    source = workdir / "typst"
    shutil.copytree(templates.typst, source)
    for name, path in images.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(published_image(Path(path)))  # Typst keeps a JPEG's bytes, EXIF and all
    return source


def lay_in_foreign_pages(pdf: bytes, placeholders: list[Spot], pack: Pack, out: Path, preview: bool = False) -> None:
    """Put each foreign page under its reserved page, give each appendix its place in the structure tree (a
    tagged one its own structure, an untagged one a Figure a page: see foreign.py), bookmark it, and write the
    pack to `out`. A `preview` (seen, never published) is spared the structure: its pages look the same.

    The appendices' pages are copied as they are, and lazily: qpdf's own page copying (a QPDFJob) appends them
    to Typst's pages with their streams (scanned drawings, fonts) left in their files, read only as the pack is
    written, byte for byte, never decoded and compressed again (pikepdf's own copying would hold them all in
    memory until then); each is then drawn, as a form of its content, under the page reserved for it, and the
    appended pages are dropped. So a pack of large scans costs little more than copying its bytes, in little
    memory."""
    import pikepdf

    from .foreign import Grafter, Placed, figure_pages, graft_tagged

    headings = {doc["id"]: doc["heading"] for doc in pack.data["documents"] if doc["kind"] == "foreign"}
    spots: dict[str, list[Spot]] = {}
    for spot in placeholders:
        spots.setdefault(spot["doc"], []).append(spot)
    typst = out.with_name(TYPST_FILE)
    typst.write_bytes(pdf)
    job = pikepdf.Job(
        {
            "inputFile": str(typst),
            "outputFile": str(out),  # QPDFJob asks for one; create_pdf writes nothing
            "removeUnreferencedResources": "no",
            "noWarn": "",  # what qpdf can mend in an appendix, check has let through: the pack is not the place
            "pages": [{"file": "."}]
            + [
                {"file": str(pack.foreign[doc_id]), "range": ",".join(str(spot["index"] + 1) for spot in found)}
                for doc_id, found in spots.items()
            ],
        }
    )
    large = _large(pack)
    with pikepdf.open(typst) as alone, job.create_pdf() as target:
        own, own_version = len(alone.pages), alone.pdf_version
        for key in set(target.Root.keys()) - set(alone.Root.keys()):
            del target.Root[key]  # an appendix's form fields, which came with its pages (their annotations do not)
        every = list(target.pages)  # once: each index into target.pages lists them all again
        appended = iter(every[own:])
        grafter = Grafter(target)
        first_pages: dict[str, int] = {}
        for doc_id, found in spots.items():
            pages = [every[spot["page"] - 1] for spot in found]
            forms = [next(appended).as_form_xobject() for _ in found]
            drawn = forms
            if not preview:
                with pikepdf.open(pack.foreign[doc_id]) as source:  # its structure tree, when it has one
                    if is_tagged(source):
                        graft_tagged(
                            grafter,
                            source,
                            headings[doc_id],
                            [Placed(p, f) for p, f in zip(pages, forms)],
                            prefix=f"appendix-{doc_id}-",
                        )
                    else:
                        drawn = figure_pages(grafter, headings[doc_id], list(zip(pages, forms)))
            for spot, page, form, shown in zip(found, pages, forms, drawn):
                _underlay(target, page, shown, f"/BpForeign{spot['page']}", box=form.BBox)
            first_pages[doc_id] = found[0]["page"] - 1
        del target.pages[own:]
        _bookmark(target, [(headings[d], p) for d, p in first_pages.items()])
        _name_destinations(target, {doc_id: every[index] for doc_id, index in first_pages.items()})
        # The file's /ID (which a reproducible build must not draw from the clock) is a hash of what it is made
        # from, known without reading it back: qpdf's deterministic one is an MD5 of the whole file written.
        made_from = [pdf, b"preview" if preview else b"", *(file_sha256(pack.foreign[d]).encode() for d in spots)]
        file_id = _file_id(made_from)
        target.trailer.ID = pikepdf.Array([pikepdf.String(file_id)] * 2)
        # Objects in compressed object streams: the structure tree of a long appendix is many small objects.
        with _WrittenOut(out) as progress:
            target.save(
                out,
                static_id=True,  # the first word is the /ID set above; the second is patched to it below
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                # The XMP's PDF version is Typst's, and right unless an appendix raised the file's (which costs
                # parsing the XMP, and importing lxml to do it).
                fix_metadata_version=target.pdf_version != own_version,
                progress=progress if large else None,
            )
    typst.unlink()
    _second_id_word(out, file_id)


class _WrittenOut:
    """A save's progress callback that has the kernel start writing to disk what the save has written so far
    (Linux's sync_file_range, without waiting): a pack of large scans is then mostly on disk when it is synced
    (render_pdf_file), the disk writing while the save goes on rather than after it. Where there is no
    sync_file_range, it does nothing."""

    def __init__(self, path: Path) -> None:
        self.path, self.descriptor, self.done = path, -1, 0

    def __enter__(self) -> _WrittenOut:
        return self

    def __exit__(self, *_: object) -> None:
        if self.descriptor >= 0:
            os.close(self.descriptor)

    def __call__(self, _percent: int) -> None:
        start = _sync_file_range()
        if start is None:
            return
        if self.descriptor < 0:
            try:
                self.descriptor = os.open(self.path, os.O_RDONLY)
            except OSError:
                return
        size = os.fstat(self.descriptor).st_size
        if size - self.done >= WRITTEN_OUT:
            start(self.descriptor, self.done, size - self.done, SYNC_FILE_RANGE_WRITE)
            self.done = size


WRITTEN_OUT = 8 << 20  # bytes: what a save writes before the kernel is asked to start writing it out
SYNC_FILE_RANGE_WRITE = 2  # <fcntl.h>: start writing the range's dirty pages, do not wait


@functools.cache
def _sync_file_range() -> Callable[[int, int, int, int], int] | None:
    """The C library's sync_file_range (Linux), or None. Python's os module does not offer it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return cast(Callable[[int, int, int, int], int], function)


TYPST_FILE = "typst.pdf"  # Typst's part of a pack with appendices, in its work folder while they are laid in
STATIC_ID = bytes.fromhex("31415926535897932384626433832795")  # what qpdf writes as the second word with static_id


def _file_id(made_from: list[bytes]) -> bytes:
    """A PDF's /ID word: the first 16 bytes of a SHA-256 of what the file is made from (and what made it)."""
    import pikepdf

    digest = hashlib.sha256(f"pikepdf {pikepdf.__version__}, qpdf {pikepdf.__libqpdf_version__}".encode())
    for part in made_from:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()[:16]


def _second_id_word(path: Path, word: bytes) -> None:
    """Write `word` over the static second word of a PDF's /ID, where the last cross-reference section (or its
    trailer) names it: the same number of bytes, so no offset moves."""
    static, wanted = f"<{STATIC_ID.hex()}>".encode(), f"<{word.hex()}>".encode()
    with path.open("r+b") as stream:
        stream.seek(max(0, path.stat().st_size - TAIL))
        tail = stream.read()
        where = int(tail[tail.rindex(b"startxref") + 9 :].split()[0])  # the last cross-reference section's offset
        stream.seek(where)
        section = stream.read(TAIL)
        at = section.index(static)
        stream.seek(where + at)
        stream.write(wanted)


TAIL = 4096  # bytes: enough for a PDF's last lines, or a cross-reference stream's dictionary


def _underlay(
    pdf: pikepdf.Pdf, page: pikepdf.Page, form: pikepdf.Object, name: str, box: pikepdf.Object | None = None
) -> None:
    """Draw `form` beneath the page's own content, `box` (by default its own) on the page's box (a fixed name
    keeps builds identical)."""
    import pikepdf

    page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(name), replace_existing=True)
    corners = [float(v) for v in (box if box is not None else form.BBox)]
    llx, lly = float(page.mediabox[0]), float(page.mediabox[1])
    content = f"q 1 0 0 1 {llx - corners[0]:.4f} {lly - corners[1]:.4f} cm {name} Do Q\n".encode()
    page.contents_add(pikepdf.Stream(pdf, content), prepend=True)


def _name_destinations(pdf: pikepdf.Pdf, first_pages: dict[str, pikepdf.Page]) -> None:
    """Name each appendix's first page (by its document id) in the catalogue's /Names /Dests tree, beside any name
    Typst gave (a link opens the pack there: see appendix_destination)."""
    import pikepdf

    if "/Names" not in pdf.Root:
        pdf.Root.Names = pdf.make_indirect(pikepdf.Dictionary())
    if "/Dests" not in pdf.Root.Names:
        pdf.Root.Names.Dests = pikepdf.NameTree.new(pdf).obj
    tree = pikepdf.NameTree(pdf.Root.Names.Dests)
    for doc_id, page in first_pages.items():
        tree[appendix_destination(doc_id)] = pikepdf.Array([page.obj, pikepdf.Name.Fit])


def _bookmark(pdf: pikepdf.Pdf, entries: list[tuple[str, int]]) -> None:
    """Add level-2 bookmarks for foreign appendices under the item that holds them."""
    import pikepdf

    page_index = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}

    def target_page(item: pikepdf.OutlineItem) -> int:
        destination: object = item.destination
        if destination is None and item.action is not None:
            destination = item.action.get("/D")
        if isinstance(destination, pikepdf.Array) and len(destination):
            return page_index.get(destination[0].objgen, -1)
        return -1

    with pdf.open_outline() as outline:
        for title, index in entries:
            parents = [item for item in outline.root if 0 <= target_page(item) <= index]
            siblings = parents[-1].children if parents else outline.root
            position = sum(1 for item in siblings if 0 <= target_page(item) <= index)
            siblings.insert(position, pikepdf.OutlineItem(title, index))
