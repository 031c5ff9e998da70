"""No exempt word in the channels around the public outputs: the publication record and its tags, images'
metadata, the web edition's reused pages, `changes`, warnings in CI, and the records `verify` trusts.

The canary board of test_exempt.py (Zq7CanaryXv9 in every part of an exempt item, its file names too) is
published, and every channel a public mirror or a CI log carries is searched for the canary in any case.
Exempt information: Local Government Act 1972, s.100A(4) and Schedule 12A; its papers are open to inspection
only as s.100B(2) allows (the exempt parts excluded).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import git
import pikepdf
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image, PngImagePlugin

from boardpack.cli import main

from .conftest import Board
from .test_exempt import CANARY, exempt_board
from .test_publish import IDENTITY, LATE_PAPER, commit

HIDDEN = re.compile(CANARY, re.IGNORECASE)


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def published(board: Board) -> Board:
    """The canary board in git, its 10 January 2030 papers published on 2 January, then a late exempt item
    published in supplement 1."""
    exempt_board(board)
    board.write(".gitignore", "build/\nsite/\n")
    git.Repo.init(board.root)
    commit(board.root, "Papers")
    code, output = run(board.root, "publish", "2030-01-10", "--on", "2030-01-02")
    assert code == 0, output
    board.write(
        f"cover_sheets/{CANARY.lower()}-dismissal.md",
        LATE_PAPER.replace("Youth Service Summer Programme", f"Dismissal of {CANARY} for gross misconduct").replace(
            "Claire Oatway", "Olive Officer"
        ),
    )
    board.replace(
        "agendas/2030-01-10.yaml",
        "          public_title: Sale of a council property\n",
        "          public_title: Sale of a council property\n"
        f"      - title: Dismissal of {CANARY} for gross misconduct\n"
        f"        urgent: The hearing concluded on 3 January ({CANARY}).\n"
        f"        late: The panel's report on {CANARY} came on 2 January.\n"
        "        authors: [Olive Officer]\n"
        f"        paper: cover_sheets/{CANARY.lower()}-dismissal.md\n"
        "        exempt: {paragraph: 1, public_title: A staffing matter}\n",
    )
    commit(board.root, "A late exempt item")
    code, output = run(board.root, "publish", "2030-01-10", "--on", "2030-01-03")
    assert code == 0, output
    return board


def test_the_record_its_tags_and_commits_name_nothing_exempt(published: Board) -> None:
    root = published.root
    repo = git.Repo(root)
    text = (root / "publications" / "2030-01-10.yaml").read_text()
    record = yaml.safe_load(text)
    assert not HIDDEN.search(text)
    # Exempt items by their number alone; the supplement's added list too.
    assert "exempt item 3.1" in record["publications"][0]["items"]
    assert record["publications"][1]["added"] == ["exempt item 3.2"]
    # No private file is in what is committed: not its size, its pages or its name.
    for publication in record["publications"]:
        assert publication["private"] is True
        assert all("private" not in name for name in publication["files"])
    private = yaml.safe_load((root / "publications" / "private" / "2030-01-10.yaml").read_text())
    assert [sorted(p["files"]) for p in private["publications"]] == [
        ["2030-01-10-private-pack-large-print.pdf", "2030-01-10-private-pack.pdf"],
        ["2030-01-10-private-pack-supplement-1-large-print.pdf", "2030-01-10-private-pack-supplement-1.pdf"],
    ]
    assert not [path for path in repo.git.ls_files().splitlines() if path.startswith("publications/private")]
    assert repo.git.status("--porcelain") == ""
    # Tags and the commits they name, what a push carries with them.
    for tag in repo.tags:
        message = tag.tag.message
        assert not HIDDEN.search(message), message
        said = yaml.safe_load(message.split("\n\n", 1)[1])
        assert set(said["private_files"]) <= {name for p in private["publications"] for name in p["files"]}
        assert all(isinstance(value, str) and len(value) == 64 for value in said["private_files"].values())
        assert not HIDDEN.search(tag.commit.message)
        assert [d.b_path for d in tag.commit.diff(tag.commit.parents[0])] == ["publications/2030-01-10.yaml"]


def test_changes_marks_an_exempt_item_not_for_publication(published: Board) -> None:
    published.replace(f"cover_sheets/{CANARY.lower()}-dismissal.md", "twelve venues", "fourteen venues")
    commit(published.root, "A change to the exempt report")
    code, output = run(published.root, "changes", "2030-01-10")
    assert code == 0, output
    [line] = [line for line in output.splitlines() if line.startswith("  item 3.2")]
    assert line.startswith(
        f"  item 3.2 Dismissal of {CANARY} for gross misconduct (NOT FOR PUBLICATION: exempt, paragraph 1): "
    ), line


def test_warnings_and_problems_in_ci_name_no_exempt_file_or_title(board: Board) -> None:
    """CI logs are read by anyone who can see the repository: there exempt paths and titles print as [exempt]."""
    exempt_board(board)
    untagged = pikepdf.new()
    untagged.add_blank_page()
    untagged.save(board.root / "appendices" / f"{CANARY.lower()}-valuation.pdf")  # check warns of it, naming it
    board.replace(f"cover_sheets/{CANARY.lower()}-sale.md", "---\ntitle:", "---\nnonsense: 1\ntitle:")
    code, output = run(board.root, "check")
    assert code == 2 and HIDDEN.search(output)  # at a clerk's terminal the paths are named, as they help
    code, output = run(board.root, "check", env={"CI": "true"})
    assert code == 2 and not HIDDEN.search(output), output
    # A message about an exempt file may quote it: only its place is printed.
    assert output.splitlines() == [
        "warning: [exempt]:12: a problem in an exempt file: run `boardpack check` where the papers are kept",
        "[exempt]:2: a problem in an exempt file: run `boardpack check` where the papers are kept",
        "1 problem found.",
    ], output
    board.replace(f"cover_sheets/{CANARY.lower()}-sale.md", "nonsense: 1\n", "")
    code, output = run(board.root, "build", "--out", str(board.root / "build"), env={"CI": "true"})
    assert code == 0 and "warning: [exempt]:11: a problem in an exempt file" in output and not HIDDEN.search(output)
    # Messages elsewhere that name an exempt file or title: "[exempt]".
    board.replace(
        "cover_sheets/budget.md", "The budget is balanced.", f"See ![a plan](../appendices/{CANARY.lower()}.png)."
    )
    code, output = run(board.root, "check", env={"CI": "true"})
    assert (
        code == 2
        and (
            f"\ncover_sheets/budget.md:11: image '../appendices/{CANARY.lower()}.png' does not exist "
            "(did you mean '[exempt]'?)\n"
        )
        in output
    ), output
    # While an agenda cannot be read, what is exempt cannot be known: no paper, appendix or image is named.
    board.replace("agendas/2030-01-10.yaml", "venue: Room 1", "venue: [Room 1")
    code, output = run(board.root, "check", env={"CI": "true"})
    assert code == 2 and not HIDDEN.search(output) and "cover_sheets/" not in output, output


def test_an_image_shown_under_an_exempt_item_stays_exempt(board: Board) -> None:
    exempt_board(board)
    board.replace(
        "cover_sheets/budget.md",
        "The budget is balanced.",
        f"The budget is balanced.\n\n![The site]({'../images/' + CANARY.lower()}-plan.png)",
    )
    code, output = run(board.root, "check")
    assert code == 2
    assert (
        f"agendas/2030-01-10.yaml:15: image 'images/{CANARY.lower()}-plan.png' is shown under an exempt item "
        f"(paragraph 3, agendas/2030-01-10.yaml:23) since 2030-01-10: make this item exempt too, or show an image "
        "that is not exempt"
    ) in output, output


def photograph(path: Path) -> None:
    """A phone's photograph: EXIF with its owner, the GPS position where it was taken and its orientation."""
    image = Image.new("RGB", (60, 40), (30, 120, 200))
    exif = image.getexif()
    exif[0x013B] = f"Artist {CANARY}"
    exif[0x010F] = f"Make {CANARY}"
    exif[0x0112] = 6  # shown turned a quarter
    exif[0x8825] = {1: "N", 2: (50.0, 22.0, 12.0), 3: "W", 4: (4.0, 8.0, 30.0)}
    image.save(path, "JPEG", exif=exif.tobytes(), comment=f"Comment {CANARY}".encode())


def annotated_png(path: Path) -> None:
    """A PNG from an editor: text chunks, an international text chunk and XMP."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", f"Author {CANARY}")
    info.add_itxt("Description", f"Description {CANARY}")
    info.add_text("XML:com.adobe.xmp", f"<x:xmpmeta>{CANARY}</x:xmpmeta>")
    Image.new("RGBA", (30, 20), (200, 30, 30, 255)).save(path, "PNG", pnginfo=info)


def test_published_images_carry_none_of_their_files_metadata(board: Board, tmp_path: Path) -> None:
    (board.root / "images").mkdir()
    photograph(board.root / "images" / "visit.jpg")
    annotated_png(board.root / "images" / "chart.png")
    assert HIDDEN.search((board.root / "images" / "visit.jpg").read_bytes().decode("latin-1"))
    board.replace(
        "cover_sheets/budget.md",
        "The budget is balanced.",
        "The budget is balanced.\n\n![The visit](../images/visit.jpg)\n\n![The chart](../images/chart.png)",
    )
    code, output = run(board.root, "site", "--out", str(tmp_path / "site"))
    assert code == 0, output
    code, output = run(board.root, "build", "--docx", "--out", str(tmp_path / "build"))
    assert code == 0, output
    found = {}
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            assert not HIDDEN.search(path.read_bytes().decode("latin-1")), path
            if path.suffix in (".jpg", ".png"):
                found[path.suffix] = Image.open(path)
    docx_images = []
    for path in (tmp_path / "build").rglob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                assert not HIDDEN.search(data.decode("latin-1")), (path, name)
                if name.startswith("word/media/"):
                    docx_images.append(Image.open(io.BytesIO(data)))
    # The pictures are still there, as they are shown: the photograph turned as its EXIF said.
    assert found[".jpg"].size == (40, 60) and not found[".jpg"].getexif() and "comment" not in found[".jpg"].info
    assert found[".png"].size == (30, 20) and found[".png"].getpixel((0, 0)) == (200, 30, 30, 255)
    assert not {k for k in found[".png"].info if k not in ("dpi",)}
    assert sorted(image.size for image in docx_images) == [(30, 20), (40, 60)]


def test_the_site_reuses_only_the_files_it_wrote_each_as_written(
    board: Board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exempt_board(board)
    site = tmp_path / "site"
    assert run(board.root, "site", "--out", str(site))[0] == 0
    folder = site / "2030-01-10"
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    page = folder / "index.html"
    original = page.read_bytes()
    shutil.copyfile(board.root / "build" / "2030-01-10-private-pack.pdf", folder / "2030-01-10-private-pack.pdf") if (
        board.root / "build"
    ).exists() else (folder / "2030-01-10-private-pack.pdf").write_bytes(b"%PDF private")
    page.write_bytes(original.replace(b"</body>", f"<p>{CANARY} edited by hand</p></body>".encode()))
    assert run(board.root, "site", "--out", str(site))[0] == 0
    assert not (folder / "2030-01-10-private-pack.pdf").exists()  # a stray file is never carried over
    assert page.read_bytes() == original  # a page edited by hand is made again
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == pages
    # An unchanged meeting's pages are reused (the same files) ...
    inode = page.stat().st_ino
    assert run(board.root, "site", "--out", str(site))[0] == 0
    assert page.stat().st_ino == inode
    # ... but never by another version of boardpack, which may write them differently.
    monkeypatch.setattr("boardpack.render.html.__version__", "99.0")
    assert run(board.root, "site", "--out", str(site))[0] == 0
    assert page.stat().st_ino != inode and page.read_bytes() == original


def test_verify_holds_the_record_to_its_tag_and_reads_only_regular_files(published: Board, tmp_path: Path) -> None:
    root = published.root
    pack = root / "build" / "2030-01-10-public-pack.pdf"
    code, output = run(root, "verify", str(pack), str(root / "build" / "2030-01-10-private-pack.pdf"))
    assert code == 0 and output.count(": unaltered.") == 2, output
    # A pack altered, and the record in the working tree altered to match: the tag says otherwise.
    altered = tmp_path / "2030-01-10-public-pack.pdf"
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 1
    altered.write_bytes(bytes(data))
    record = root / "publications" / "2030-01-10.yaml"
    import hashlib

    published_sha = hashlib.sha256(pack.read_bytes()).hexdigest()
    record.write_text(record.read_text().replace(published_sha, hashlib.sha256(bytes(data)).hexdigest()))
    code, output = run(root, "verify", str(altered))
    assert (
        code == 1
        and output.startswith("2030-01-10-public-pack.pdf: NOT VERIFIED.")
        and "its tag publish/2030-01-10 records another SHA-256 for 2030-01-10-public-pack.pdf" in output
    ), output
    # A device, a pipe, a folder: refused at once, never read.
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        code, output = run(root, "verify", path)
        assert code == 2 and f"{path}: is not a regular file" in output, output


def test_a_record_claiming_absurd_page_numbers_is_refused(published: Board) -> None:
    record = published.root / "publications" / "2030-01-10.yaml"
    text = record.read_text()
    record.write_text(text.replace("first_page: 1\n", f"first_page: {10**30}\n", 1))
    code, output = run(published.root, "check")
    assert code == 2 and re.search(
        r"^publications/2030-01-10\.yaml:\d+: publication 1, files\.2030-01-10-public-pack\.pdf"
        r"\.first_page: must be at most 1000000, got the number 1(0){30}$",
        output,
        re.M,
    ), output


def test_invisible_characters_and_empty_names_in_the_plan_and_the_register_are_refused(board: Board) -> None:
    board.write(
        "forward_plan.yaml",
        'items:\n  - title: "Budget \u202eevil"\n    meeting: 2030-01-10\n'
        "    lead: Olive Officer\n    added: 2029-11-01\n",
    )
    board.write(
        "interests.yaml",
        'interests:\n  - member: ""\n    kind: other registrable\n    interest: Governor\n    registered: 2029-01-01\n',
    )
    code, output = run(board.root, "check")
    assert code == 2
    assert (
        "forward_plan.yaml:2: items[1], title: contains U+202E RIGHT-TO-LEFT OVERRIDE" in output
        or "forward_plan.yaml:2: item 1, title: contains U+202E RIGHT-TO-LEFT OVERRIDE" in output
    ), output
    assert "interests.yaml:2: interest 1, member: must not be empty" in output, output
    board.replace("interests.yaml", 'member: ""', "member: Ann Chair")
    board.replace("interests.yaml", "interest: Governor", 'interest: "Governor\u200b"')
    code, output = run(board.root, "check")
    assert code == 2 and "interests.yaml:4: interest 1, interest: contains U+200B ZERO WIDTH SPACE" in output, output


def test_the_public_record_is_the_same_whatever_the_exempt_papers_say(board: Board, tmp_path: Path) -> None:
    """What the public record says of an exempt item (its digest too) is made from its public row alone: two
    boards differing only in an exempt report's text publish the same public record, so a guess at the exempt
    text can never be confirmed from it."""
    records = []
    for offer in ("£1", "£2,500,000"):
        copy = Board(tmp_path / offer / "board")
        exempt_board(copy)
        copy.replace(f"cover_sheets/{CANARY.lower()}-sale.md", "| £1 |", f"| {offer} |")
        copy.write(".gitignore", "build/\n")
        git.Repo.init(copy.root)
        commit(copy.root, "Papers")
        code, output = run(copy.root, "publish", "2030-01-10", "--on", "2030-01-02")
        assert code == 0, output
        record = yaml.safe_load((copy.root / "publications" / "2030-01-10.yaml").read_text())["publications"][0]
        private = yaml.safe_load((copy.root / "publications" / "private" / "2030-01-10.yaml").read_text())
        records.append((record["items"], private["publications"][0]["items"]))
    (public_one, private_one), (public_two, private_two) = records
    assert public_one == public_two
    assert private_one["exempt item 3.1"]["digest"] != private_two["exempt item 3.1"]["digest"]


def test_a_published_exempt_items_number_cannot_be_given_to_another(published: Board) -> None:
    """The public record knows an exempt item by its number; the private record knows which item it is, so another
    exempt item put in its place is refused, as any renumbering is."""
    published.write("cover_sheets/other.md", LATE_PAPER.replace("Claire Oatway", "Olive Officer"))
    published.replace(
        "agendas/2030-01-10.yaml",
        f"        paper: cover_sheets/{CANARY.lower()}-sale.md\n",
        "        paper: cover_sheets/other.md\n",
    )
    code, output = run(published.root, "check")
    assert (
        code == 2
        and (
            f"agendas/2030-01-10.yaml:23: item 3.1, title: 'Sale of {CANARY} House' takes the "
            "number 3.1, published on Wednesday 2 January 2030 for another exempt item: members hold the "
            "published pack, so add items after those published in their section"
        )
        in output
    ), output


def test_an_image_claiming_a_vast_size_is_refused_before_it_is_decoded(board: Board, tmp_path: Path) -> None:
    """A 140 KB PNG of 12,000 × 12,000 pixels (a pixel bomb): refused by name, never decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    squeeze = zlib.compressobj(9)
    pixels = b"".join(squeeze.compress(b"\x00" * 12_001) for _ in range(12_000)) + squeeze.flush()
    (board.root / "images").mkdir()
    (board.root / "images" / "vast.png").write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 12_000, 12_000, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )
    board.replace("cover_sheets/budget.md", "The budget is balanced.", "![A vast plan](../images/vast.png)")
    code, output = run(board.root, "build", "--out", str(tmp_path / "out"))
    assert (
        code == 2
        and "images/vast.png: the image is 12000 × 12000 pixels, more than 100 million in all: make it smaller"
        in output
        and "Traceback" not in output
    ), output
    assert not (tmp_path / "out" / "2030-01-10-public-pack.pdf").exists()


def test_an_exempt_image_shown_in_a_public_minute_or_the_forward_plan_is_refused(board: Board) -> None:
    exempt_board(board)
    board.replace(
        "minutes/2029-10-10.yaml",
        "    body: The Chair welcomed everyone.",
        f'    body: "The Chair welcomed everyone. ![The site](../images/{CANARY.lower()}-plan.png)"',
    )
    board.write(
        "forward_plan.yaml",
        "items:\n  - title: Budget report\n    meeting: 2030-01-10\n    lead: Olive Officer\n"
        f'    purpose: "![The site](images/{CANARY.lower()}-plan.png)"\n    added: 2029-11-01\n',
    )
    code, output = run(board.root, "check")
    assert code == 2, output
    image = f"image 'images/{CANARY.lower()}-plan.png'"
    assert output.splitlines() == [  # the minutes of October were published before the image became exempt
        f"warning: minutes/2029-10-10.yaml:7: {image} was published here, before it became exempt at "
        "agendas/2030-01-10.yaml:23: that pack and its page on the web edition still hold it",
        f"forward_plan.yaml:2: {image} is shown under an exempt item (paragraph 3, agendas/2030-01-10.yaml:23) since "
        "2030-01-10: make this item exempt too, or show an image that is not exempt",
        "1 problem found.",
    ], output


def test_due_in_ci_names_no_exempt_business(board: Board, monkeypatch: pytest.MonkeyPatch) -> None:
    """`due` is run in CI to remind, and CI logs are read by anyone who can see the repository (Local Government Act
    1972 s.100A(4), Schedule 12A): there, and with --public, the obligations of exempt business (an exempt item's
    report, an action raised under an exempt minute, owed by someone named only in exempt papers) are left out and
    counted, in every format; still, an overdue one makes `due` exit 1. At the clerk's terminal they are listed by
    the item's public title, the action without its description."""
    exempt_board(board)
    board.replace(
        "agendas/2030-01-10.yaml", f"        paper: cover_sheets/{CANARY.lower()}-sale.md\n", ""
    )  # not yet in
    (board.root / "cover_sheets" / f"{CANARY.lower()}-sale.md").unlink()
    code, output = run(board.root, "due", "--as-at", "2029-12-20")
    assert code == 1, output  # A9 was due on 1 December
    assert f"Vera {CANARY}" in output and "item 3.1 (exempt, paragraph 3) 'Sale of a council property'" in output
    assert "Sale of" + f" {CANARY}" not in output and "Write to" not in output
    for args, env in (((), {"CI": "true"}), (("--public",), {})):
        for fmt in ("text", "csv", "json"):
            monkeypatch.delenv("CI", raising=False)
            for name, value in env.items():
                monkeypatch.setenv(name, value)
            code, output = run(board.root, "due", "--as-at", "2029-12-20", "--format", fmt, *args)
            assert code == 1 and not HIDDEN.search(output), output
    assert (
        "  (2 of exempt business left out, 1 overdue: run `boardpack due` without --public where the papers are kept)"
        in (run(board.root, "due", "--as-at", "2029-12-20", "--public")[1])
    )
