"""Packs of scanned plans: a planning committee's meeting whose items each carry a PDF of scanned drawings
(benchmarks/boards.py makes it, here at a tiny size). The drawings are laid into the pack as the very streams
the applicant's PDF holds, never decoded or compressed again, each once; the pack is hardly bigger than the
drawings; and the drawings of an item taken in private reach neither the public pack nor the web edition
(Local Government Act 1972, s.100B(2): exempt papers are not open to inspection)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

import boardpack.cache as cache_module
import boardpack.render.pdf as pdf_module
from boardpack.cli import main

from .conftest import REPO, Board, make_pdf

pytestmark = pytest.mark.slow  # builds packs and a site

ITEMS, PAGES = 3, 2  # three public applications of two sheets each, and one taken in private


def _boards():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("boards", REPO / "benchmarks" / "boards.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["boards"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny planning board, built: its packs in build/."""
    root = _boards().plans_board(tmp_path_factory.mktemp("plans") / "board", items=ITEMS, pages=PAGES, dpi=150)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--out", str(root / "build"), "--quiet"])
    assert result.exit_code == 0, result.output
    return root


def images(path: Path) -> list[bytes]:
    """The raw (still compressed) bytes of every image stream in a PDF, once per stream object."""
    with pikepdf.open(path) as pdf:
        return [
            obj.read_raw_bytes()
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image
        ]


def drawings(root: Path, n: int) -> Path:
    return root / "appendices" / f"2012-09-14-application-{n}-drawings.pdf"


def test_the_drawings_are_laid_in_as_their_own_streams_each_once(plans: Path) -> None:
    pack = images(plans / "build" / "2012-09-14-public-pack.pdf")
    for n in range(1, ITEMS + 1):
        sheets = images(drawings(plans, n))
        assert len(sheets) == PAGES
        for sheet in sheets:
            assert pack.count(sheet) == 1  # the JPEG as scanned, byte for byte, and not twice
    with pikepdf.open(plans / "build" / "2012-09-14-public-pack.pdf") as pdf:
        assert len(pdf.pages) > ITEMS * PAGES
        scans = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Filter") == pikepdf.Name.DCTDecode]
        assert len(scans) == ITEMS * PAGES


def test_the_pack_is_hardly_bigger_than_the_drawings_in_it(plans: Path) -> None:
    """No image or font copied twice: the pack is the drawings and the few pages boardpack writes."""
    public = sum(drawings(plans, n).stat().st_size for n in range(1, ITEMS + 1))
    every = public + drawings(plans, ITEMS + 1).stat().st_size
    assert (plans / "build" / "2012-09-14-public-pack.pdf").stat().st_size <= 1.05 * public
    assert (plans / "build" / "2012-09-14-private-pack.pdf").stat().st_size <= 1.05 * every


def test_the_private_items_drawings_reach_only_the_private_pack(plans: Path) -> None:
    secret = images(drawings(plans, ITEMS + 1))
    public = images(plans / "build" / "2012-09-14-public-pack.pdf")
    private = images(plans / "build" / "2012-09-14-private-pack.pdf")
    assert secret and not any(sheet in public for sheet in secret)
    assert all(private.count(sheet) == 1 for sheet in secret)


@pytest.fixture(scope="module")
def plans_site(plans: Path) -> Path:
    """The tiny planning board's web edition."""
    site = plans.parent / "site"
    result = CliRunner().invoke(main, ["site", "--root", str(plans), "--out", str(site), "--quiet"])
    assert result.exit_code == 0, result.output
    return site


def test_the_web_edition_stores_each_drawing_once_in_the_public_pack(plans: Path, plans_site: Path) -> None:
    """A planning committee's web edition is its scanned drawings, once: each sheet's image stream is in one file of
    the whole site, the public pack (no copy of the appendix of its own, none in the large-print pack, which refers to
    the public pack's pages instead)."""
    pdfs = sorted(plans_site.rglob("*.pdf"))
    assert not [path for path in plans_site.rglob("*") if path.name.startswith("appendix-")]
    held = {path.relative_to(plans_site).as_posix(): images(path) for path in pdfs}
    assert "2012-09-14/2012-09-14-public-pack-large-print.pdf" in held
    for n in range(1, ITEMS + 1):
        for sheet in images(drawings(plans, n)):
            assert [name for name, streams in held.items() for stream in streams if stream == sheet] == [
                "2012-09-14/2012-09-14-public-pack.pdf"
            ]


def test_the_web_edition_never_holds_the_private_items_drawings(plans: Path, plans_site: Path) -> None:
    site = plans_site
    # A piece from the middle of each secret sheet's JPEG: in no file of the site, whatever its form.
    pieces = [sheet[len(sheet) // 2 : len(sheet) // 2 + 64] for sheet in images(drawings(plans, ITEMS + 1))]
    files = [path for path in site.rglob("*") if path.is_file()]
    assert any(path.suffix == ".pdf" for path in files)
    for path in files:
        data = path.read_bytes()
        assert not any(piece in data for piece in pieces), path
    # The public drawings are there (so the search above would have found the private ones).
    public = images(drawings(plans, 1))[0]
    assert any(public[len(public) // 2 : len(public) // 2 + 64] in path.read_bytes() for path in files)


def test_a_meetings_packs_too_large_to_compile_at_once_compile_in_turn_each_laid_in_while_the_next_compiles(
    board: Board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Typst would hold for the public and private packs together is more than RENDER_MEMORY allows: their
    compiles take turns, each in a process of its own that ends with it (giving back what Typst held), and the
    first pack's pages are laid in while the second compiles."""
    board.write("cover_sheets/contract.md", (board.root / "cover_sheets" / "budget.md").read_text(encoding="utf-8"))
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md",
        "        paper: cover_sheets/budget.md\n"
        "      - title: Contract\n        authors: [Olive Officer]\n        paper: cover_sheets/contract.md\n"
        "        exempt: {paragraph: 3, public_title: Contract, public_interest: Disclosure is outweighed.}",
    )
    make_pdf(board.attach("Drawings", "drawings.pdf"), pages=1)

    def spans(kind: str) -> dict[str, tuple[float, float, str]]:
        found = {}
        for path in tmp_path.glob(f"{kind}.*"):
            _, name, pid = path.name.split(".", 2)
            started, ended = map(float, path.read_text().split())
            found[name] = (started, ended, pid)
        return found

    def compiled(pack, templates, workdir, numbered):  # type: ignore[no-untyped-def]
        """A stand-in for Typst (which must not start in a process forked from one it runs in, as this may be)."""
        started = time.monotonic()
        time.sleep(0.5)
        (tmp_path / f"compile.{pack.filename.removesuffix('.pdf')}.{os.getpid()}").write_text(
            f"{started} {time.monotonic()}"
        )
        return b"%PDF-1.7 stand-in", [], 0

    def laid_in(pdf, placeholders, pack, out, preview=False):  # type: ignore[no-untyped-def]
        started = time.monotonic()
        time.sleep(0.5)
        out.write_bytes(pdf)
        (tmp_path / f"layin.{pack.filename.removesuffix('.pdf')}.{os.getpid()}").write_text(
            f"{started} {time.monotonic()}"
        )

    monkeypatch.setattr(pdf_module, "_typst", compiled)
    monkeypatch.setattr(pdf_module, "lay_in_foreign_pages", laid_in)
    monkeypatch.setattr(pdf_module, "fork_is_safe", lambda: True)
    monkeypatch.setattr(cache_module, "RENDER_MEMORY", 2 * cache_module.PROCESS_MEMORY)
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    compiles, lay_ins = spans("compile"), spans("layin")
    packs = {"2030-01-10-public-pack", "2030-01-10-private-pack"}
    assert packs <= set(compiles) and set(lay_ins) == packs
    (first, second) = sorted((compiles[name] for name in packs), key=lambda span: span[0])
    assert first[1] <= second[0], "the packs' compiles one after the other"
    assert len({span[2] for span in compiles.values()} | {str(os.getpid())}) == len(compiles) + 1, (
        "each compile in a process of its own, not this one"
    )
    first_laid_in = min(lay_ins.values(), key=lambda span: span[0])
    assert first_laid_in[0] < second[1] and second[0] < first_laid_in[1], "laid in while the next compiles"


def test_large_appendices_are_laid_in_apart_from_typst_and_the_pack_is_the_same(plans: Path, tmp_path: Path) -> None:
    """Above APART bytes of appendices, Typst compiles in a process of its own (which lets go of what it laid out
    when it ends) and the pages are laid in by another: the pack comes out byte for byte as it does in one. (Run
    in a fresh process: this one may have run Typst, which a fork must not follow.)"""
    out = tmp_path / "out"
    script = f"""
import os, sys
import boardpack.render.pdf as pdf
from boardpack.cli import main
pdf.APART = 0
typst = pdf._typst
def noted(*args):
    open(os.path.join({str(tmp_path)!r}, f"typst-{{os.getpid()}}"), "w").close()
    return typst(*args)
pdf._typst = noted
open(os.path.join({str(tmp_path)!r}, f"main-{{os.getpid()}}"), "w").close()
main(["build", "--root", {str(plans)!r}, "--out", {str(out)!r}, "--jobs", "1", "--quiet"])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [parent] = [path.name.split("-")[1] for path in tmp_path.glob("main-*")]
    compiled_in = {path.name.split("-")[1] for path in tmp_path.glob("typst-*")}
    assert len(compiled_in) == 2 and parent not in compiled_in
    for name in ("2012-09-14-public-pack.pdf", "2012-09-14-private-pack.pdf"):
        assert (out / name).read_bytes() == (plans / "build" / name).read_bytes()


DRAW = b"q 842 0 0 1191 0 0 cm /Im Do Q"  # a sheet's content: its image, over the page


def _large_scans(path: Path, sheets: int, size: int) -> None:
    """A PDF of `sheets` A3 pages, each drawing a grey image of about `size` bytes stored as it is (a sparse file:
    the images are zeros, and take no room on disk)."""
    side = int(size**0.5)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (3 + 3 * n) for n in range(sheets))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, sheets))
    for n in range(sheets):
        page, image, content = 3 + 3 * n, 4 + 3 * n, 5 + 3 * n
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 1191] /Resources << /XObject << /Im %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (image, content),
            b"",  # the image, written below
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(DRAW), DRAW),
        ]
        assert page == len(objects) - 2
    offsets = []
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number)
            if body:
                out.write(body)
            else:
                out.write(
                    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Length %d >>\nstream\n" % (side, side, side * side)
                )
                out.seek(side * side, os.SEEK_CUR)
                out.write(b"\nendstream")
            out.write(b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))


SHEETS, SHEET = 30, 10_000_000  # scanned sheets of 10 MB each, stored as they are: 300 MB


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process's peak memory from /proc")
def test_laying_in_a_large_appendix_holds_none_of_it_in_memory(board: Board, tmp_path: Path) -> None:
    """The appendix's streams are read from its file as the pack is written, one at a time, not all copied into
    memory first: the build that lays in 300 MB of drawings peaks well below 300 MB (it lays them in in its own
    process, with --jobs 1), and each drawing is in the pack once."""
    (board.root / "appendices").mkdir()
    _large_scans(board.root / "appendices" / "site-plan.pdf", SHEETS, SHEET)
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: Site plan\n    file: appendices/site-plan.pdf\n---\n# Budget",
    )
    out = tmp_path / "out"
    # The peak is this process's own (VmHWM: getrusage's would start from the forking test process's peak).
    script = f"""
import re
from boardpack.cli import main
try:
    main(["build", "--root", {str(board.root)!r}, "--out", {str(out)!r}, "--jobs", "1", "--quiet"])
except SystemExit as ended:
    assert not ended.code, ended.code
with open("/proc/self/status") as status:
    print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read())[1]) * 1024)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < SHEETS * SHEET * 2 / 3
    with pikepdf.open(out / "2030-01-10-public-pack.pdf") as pack:
        scans = [o for o in pack.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name.Image]
        assert len(scans) == SHEETS
        assert all(int(scan.Width) * int(scan.Height) >= SHEET - 10_000 for scan in scans)


def test_the_packs_id_follows_the_drawings_in_it(plans: Path, tmp_path: Path) -> None:
    """A pack's /ID (both words the same, as in a file first written) is made from what the pack is made from: a
    drawing changed in one byte, the same size and pages, gives the public pack another /ID; built again unchanged,
    the same one."""
    board = tmp_path / "board"
    shutil.copytree(plans, board, ignore=shutil.ignore_patterns("build"))

    def identity(out: Path) -> tuple[bytes, bytes]:
        with pikepdf.open(out / "2012-09-14-public-pack.pdf") as pack:
            first, second = (bytes(word) for word in pack.trailer.ID)
        return first, second

    def built(out: Path) -> tuple[bytes, bytes]:
        result = CliRunner().invoke(main, ["build", "--root", str(board), "--out", str(out), "--quiet"])
        assert result.exit_code == 0, result.output
        return identity(out)

    again = built(tmp_path / "again")  # from a copy of the board, elsewhere
    assert again[0] == again[1] and again == identity(plans / "build")
    sheet = images(drawings(board, 1))[0]
    data = drawings(board, 1).read_bytes()
    at = data.index(sheet) + len(sheet) // 2
    drawings(board, 1).write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    changed = built(tmp_path / "changed")
    assert changed[0] == changed[1] and changed != again


def test_an_appendixs_form_fields_and_links_stay_out_of_the_pack(board: Board, tmp_path: Path) -> None:
    """Only what an appendix's pages show is laid in: its form fields (and the script one runs) and its links are
    not, though qpdf's page copying brings them along with the pages."""
    (board.root / "appendices").mkdir()
    path = make_pdf(board.root / "appendices" / "form.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        run = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('secret')"))
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                FT=pikepdf.Name.Tx,
                T=pikepdf.String("secret-field"),
                Rect=[72, 72, 300, 100],
                A=run,
                P=pdf.pages[0].obj,
            )
        )
        link = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=[72, 200, 300, 220],
                A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://secret.example/")),
            )
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field, link]))
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=[field]))
        pdf.save(path)
    board.replace(
        "cover_sheets/budget.md",
        "---\n# Budget",
        "appendices:\n  - title: The form\n    file: appendices/form.pdf\n---\n# Budget",
    )
    result = CliRunner().invoke(main, ["build", "--root", str(board.root), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "out" / "2030-01-10-public-pack.pdf") as pack:
        assert "/AcroForm" not in pack.Root
        kept = [o for o in pack.objects if isinstance(o, pikepdf.Dictionary) and ("/FT" in o or "secret" in repr(o))]
        assert not kept
