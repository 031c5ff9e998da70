"""Publishing: the example board's 15 June 2012 papers published on 7 June, read back after later edits.

The packs are read back with pypdf (text of the cited pages, metadata) and held to the record; the record
is held to the files; verify is shown an unaltered file, a file with one byte changed, and a stranger.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import git
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from boardpack.cli import main

from .conftest import REPO

EXAMPLE = [
    "board.yaml",
    "agendas",
    "cover_sheets",
    "minutes",
    "actions.yaml",
    "interests.yaml",
    "appendices",
    "templates",
    ".gitignore",
]
PACKS = [
    "2012-06-15-public-pack.pdf",
    "2012-06-15-private-pack.pdf",
    "2012-06-15-public-pack-large-print.pdf",
    "2012-06-15-private-pack-large-print.pdf",
]
IDENTITY = {
    "GIT_AUTHOR_NAME": "Amelia Boulter",
    "GIT_AUTHOR_EMAIL": "clerk@example.org",
    "GIT_COMMITTER_NAME": "Amelia Boulter",
    "GIT_COMMITTER_EMAIL": "clerk@example.org",
}

LATE_PAPER = """\
---
title: Youth Service Summer Programme
responsible_officer: [Claire Oatway]
purpose: To agree the youth service's summer programme before the school holidays begin.
recommendations: The Board agrees the summer programme.
consultation_record: Young people's forum, May 2012.
impact_on_child_poverty: The programme is free to every young person.
---
# Youth Service Summer Programme

The summer programme runs from 23 July to 31 August 2012 in twelve venues across the city.
"""


@pytest.fixture(scope="module", autouse=True)
def identity() -> Iterator[None]:
    """Git needs to know who commits and tags, as on a clerk's machine."""
    saved = {name: os.environ.get(name) for name in IDENTITY}
    os.environ.update(IDENTITY)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def minute_urgency(root: Path, number: str, title: str, circumstances: str, exempt: str = "") -> None:
    """Record in the 15 June minutes the special circumstances of an item taken as a matter of urgency, as
    Local Government Act 1972 s.100B(4)(b) requires: in its minute, written now when there is none."""
    path = root / "minutes" / "2012-06-15.yaml"
    text, marker = path.read_text(), f'  - number: "{number}"\n'
    if marker in text:
        path.write_text(text.replace(marker, f"{marker}    urgency: {circumstances}\n"))
    else:
        path.write_text(f"{text.rstrip()}\n{marker}    title: {title}\n{exempt}    urgency: {circumstances}\n")


def late_item(root: Path, after: str, number: str) -> None:
    """The youth service's late paper (LATE_PAPER) put on the 15 June agenda after the line `after`, taken as a
    matter of urgency, as item `number`, its special circumstances minuted (see minute_urgency)."""
    (root / "cover_sheets" / "2012-06-15-youth-service.md").write_text(LATE_PAPER)
    agenda = root / "agendas" / "2012-06-15.yaml"
    agenda.write_text(
        agenda.read_text().replace(
            after,
            after + "      - title: Youth Service Summer Programme\n"
            "        urgent: The programme must be agreed before the schools break up on 20 July.\n"
            "        late: The youth forum settled the programme on 8 June.\n"
            "        authors: [Claire Oatway]\n"
            "        paper: cover_sheets/2012-06-15-youth-service.md\n",
            1,
        )
    )
    minute_urgency(root, number, "Youth Service Summer Programme", "The schools break up on 20 July.")


def commit(root: Path, message: str) -> None:
    repo = git.Repo(root)
    repo.git.add(A=True)
    repo.git.commit(m=message)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository of the example board whose 15 June 2012 papers were published on 7 June."""
    root = tmp_path_factory.mktemp("published") / "board"
    root.mkdir()
    for name in EXAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copyfile(source, root / name)
    git.Repo.init(root)
    commit(root, "The papers of 15 June 2012")
    code, output = run(root, "publish", "2012-06-15", "--on", "2012-06-07")
    assert code == 0, output
    return root


@pytest.fixture
def repo(published: Path, tmp_path: Path) -> Path:
    """A copy of the published repository (history, tags, record and built packs) for one test to change."""
    shutil.copytree(published, tmp_path / "board", symlinks=True)
    return tmp_path / "board"


def record(root: Path) -> dict:
    return record_of(root, "2012-06-15")


def record_of(root: Path, date: str) -> dict:
    return yaml.safe_load((root / "publications" / f"{date}.yaml").read_text())


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def stamped(texts: list[str]) -> list[int]:
    """The "Page N" stamps on the pages, in order (a page may show none)."""
    return [int(found[-1]) for text in texts if (found := re.findall(r"\bPage (\d+)\b", text))]


def last_stamp(path: Path) -> int:
    """stamped(page_texts(path))[-1], the stamp of the last page that shows one, read from the end of the pack."""
    for page in reversed(PdfReader(path).pages):
        if found := stamped([page.extract_text()]):
            return found[-1]
    raise AssertionError(f"{path.name}: no page shows a stamp")


def test_publish_records_tags_and_stamps_the_packs(published: Path) -> None:
    entry = record(published)["publications"][0]
    repo = git.Repo(published)
    assert repo.head.commit.message.startswith("Publish the papers of the meeting on Friday 15 June 2012")
    # The tag names the commit that holds the record (what CI deploys); the record names its sources, the parent.
    assert repo.tags["publish/2012-06-15"].commit == repo.head.commit
    assert entry["commit"] == repo.head.commit.parents[0].hexsha
    assert entry["published"] == "2012-06-07" and entry["supplement"] == 0 and entry["private"] is True
    # The committed record names the public files only; the private ones are in the private record, never committed.
    assert sorted(entry["files"]) == sorted(name for name in PACKS if "private" not in name)
    kept = yaml.safe_load((published / "publications" / "private" / "2012-06-15.yaml").read_text())
    assert [p["supplement"] for p in kept["publications"]] == [0]
    assert sorted(kept["publications"][0]["files"]) == sorted(name for name in PACKS if "private" in name)
    # The exempt item's identity and the digest of its papers are the private record's; the public record's
    # digest is of its public row alone.
    [(key, item)] = kept["publications"][0]["items"].items()
    assert key == "exempt item 6.1" and item["identity"] == "cover_sheets/2012-06-15-counselling-contract.md"
    assert item["digest"] != entry["items"]["exempt item 6.1"]["digest"]
    assert repo.git.status("--porcelain", "--ignored=no") == "" and "publications/private" not in repo.git.ls_files()
    for name, file in {**entry["files"], **kept["publications"][0]["files"]}.items():
        data = (published / "build" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file["sha256"] and len(data) == file["bytes"]
        reader = PdfReader(published / "build" / name)
        assert len(reader.pages) == file["pages"]
        assert reader.metadata.title == file["title"]
        assert reader.metadata.subject == f"Published on Thursday 7 June 2012 from source commit {entry['commit']}"
        assert f"boardpack-source:{entry['commit']}" in reader.metadata["/Keywords"]
        assert "Published: Thursday 7 June 2012" in re.sub(r"\s+", " ", reader.pages[0].extract_text())
        assert last_stamp(published / "build" / name) == file["last_page"]
    # Every agenda item, by number, with a digest of what it printed.
    assert entry["items"]["cover_sheets/2012-06-15-camhs.md"]["number"] == "4.1"
    assert entry["items"]["exempt item 6.1"]["number"] == "6.1"  # an exempt item by its number alone
    assert len(entry["items"]) == 12


@pytest.mark.slow  # the example published, edited and every pack rebuilt from the publication's commit
def test_the_published_pack_is_rebuilt_byte_for_byte_after_later_edits(repo: Path, tmp_path: Path) -> None:
    before = {name: (repo / "build" / name).read_bytes() for name in PACKS}
    sheet = repo / "cover_sheets" / "2012-06-15-camhs.md"
    sheet.write_text(sheet.read_text().replace("CAMHS", "Child and Adolescent Mental Health Services", 3))
    agenda = repo / "agendas" / "2012-06-15.yaml"
    agenda.write_text(agenda.read_text().replace("Warspite Room", "Council Chamber"))
    shutil.rmtree(repo / "templates" / "typst")  # even the board's own templates
    commit(repo, "Later edits")
    code, output = run(repo, "build", "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert (
        "changed since publication, too late to be open for five clear days and without a reason for urgency "
        "(`urgent:`), so in no supplement: "
        "cover_sheets/2012-06-15-camhs.md" in output
    )
    for name in PACKS[:2]:
        assert (tmp_path / "out" / name).read_bytes() == before[name], name
    code, output = run(repo, "build", "--large-print", "--out", str(tmp_path / "large"))
    assert code == 0, output
    for name in PACKS[2:]:
        assert (tmp_path / "large" / name).read_bytes() == before[name], name
    assert not list((tmp_path / "out").glob("*supplement*"))  # nothing late: no supplement
    code, output = run(repo, "build", "--all", "--out", str(tmp_path / "all"))
    assert code == 0, output
    for name in PACKS[:2]:
        assert (tmp_path / "all" / name).read_bytes() == before[name], name
    entry = record(repo)["publications"][0]
    code, output = run(repo, "changes", "2012-06-15")
    assert code == 0 and output.splitlines() == [
        f"Changes to the papers of Friday 15 June 2012 since the pack was published on Thursday 7 June 2012 "
        f"(commit {entry['commit'][:12]}):",
        "  the agenda: venue changed (the front sheet: no supplement carries it; tell members)",
        "  item 4.1 CAMHS - Performance Update: cover_sheets/2012-06-15-camhs.md: title, purpose, recommendations "
        "changed; prints differently, too late to be open for five clear days and with no reason for urgency "
        "(`urgent:`), so goes into no supplement",
        "0 items for supplement 1; 1 changed too late without a reason for urgency.",
    ], output


def test_verify_names_the_publication_and_detects_one_changed_byte(repo: Path, tmp_path: Path) -> None:
    entry = record(repo)["publications"][0]
    code, output = run(repo, "verify", str(repo / "build" / "2012-06-15-public-pack.pdf"))
    assert code == 0
    assert output == (
        f"2012-06-15-public-pack.pdf: unaltered. It is Plymouth Children and Young People's Trust Board, "
        f"15 June 2012: Public Document Pack, published on Thursday 7 June 2012 from commit "
        f"{entry['commit'][:12]} (tag publish/2012-06-15), as 2012-06-15-public-pack.pdf.\n"
    )
    data = bytearray((repo / "build" / "2012-06-15-public-pack.pdf").read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte, in the middle of the pack
    altered = tmp_path / "pack.pdf"
    altered.write_bytes(bytes(data))
    code, output = run(repo, "verify", str(altered))
    assert code == 1
    assert output.startswith(
        f"pack.pdf: ALTERED. It claims to be Plymouth Children and Young People's Trust Board, "
        f"15 June 2012: Public Document Pack, published on Thursday 7 June 2012 from commit "
        f"{entry['commit'][:12]}"
    ), output
    assert f"published {entry['files']['2012-06-15-public-pack.pdf']['sha256']})" in output
    stranger = tmp_path / "stranger.pdf"
    stranger.write_bytes((REPO / "appendices" / next(p.name for p in (REPO / "appendices").glob("*.pdf"))).read_bytes())
    code, output = run(repo, "verify", str(stranger))
    assert code == 1 and "stranger.pdf: not a file published from this repository" in output


@pytest.mark.browser
@pytest.mark.slow  # (two publications and a web edition: CI runs it; the fast tier keeps the refusals)
def test_a_late_item_makes_a_supplement_whose_pages_continue_the_pack(repo: Path, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    first = record(repo)["publications"][0]
    late_item(repo, "        paper: cover_sheets/2012-06-15-pscb-chair.md\n", "4.4")
    commit(repo, "A late item")
    code, output = run(repo, "build", "--out", str(tmp_path / "draft"))
    assert code == 0, output
    assert "supplement 1 (1 added, 0 replaced) is not yet published" in output
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-12")
    assert code == 0, output
    assert "published supplement 1 of 2012-06-15 on 2012-06-12" in output
    supplement = record(repo)["publications"][1]
    assert supplement["added"] == ["cover_sheets/2012-06-15-youth-service.md"] and supplement["replaced"] == []
    assert supplement["items"]["cover_sheets/2012-06-15-youth-service.md"]["number"] == "4.4"
    assert git.Repo(repo).tags["publish/2012-06-15-supplement-1"].commit.parents[0].hexsha == supplement["commit"]
    # No exempt item is late, so there is no private supplement.
    assert sorted(supplement["files"]) == [
        "2012-06-15-public-pack-supplement-1-large-print.pdf",
        "2012-06-15-public-pack-supplement-1.pdf",
    ]
    path = repo / "build" / "2012-06-15-public-pack-supplement-1.pdf"
    texts = page_texts(path)
    front = re.sub(r"\s+", " ", texts[0])
    assert "Supplementary Public Document Pack" in front
    assert "Supplement 1 to the agenda published on Thursday 7 June 2012" in front
    assert "Published: Tuesday 12 June 2012" in front
    assert "4.4. Youth Service Summer Programme" in front
    assert "Reason for urgency: The programme must be agreed before the schools break up on 20 July." in front
    assert "Reason for lateness: The youth forum settled the programme on 8 June." in front  # recorded apart
    assert "CAMHS" not in front  # only the late item
    pages = stamped(texts)
    last = first["files"]["2012-06-15-public-pack.pdf"]["last_page"]
    assert pages[0] == last + 1 and pages == list(range(last + 1, last + 1 + len(pages)))
    assert f"(Pages {last + 1} - {pages[-1]})" in front
    cover = next(text for text in texts if "Agenda Item 4.4" in text)
    assert stamped([cover]) == [last + 1]  # the late item's cover sheet is the first numbered page
    assert any("The summer programme runs from 23 July" in text for text in texts)
    # The pack as published is untouched, and both are made again, byte for byte, after later edits.
    published = {name: (repo / "build" / name).read_bytes() for name in [*PACKS[:2], path.name]}
    sheet = repo / "cover_sheets" / "2012-06-15-youth-service.md"
    sheet.write_text(sheet.read_text().replace("twelve venues", "fourteen venues"))
    commit(repo, "After the supplement")
    code, output = run(repo, "build", "--out", str(tmp_path / "again"))
    assert code == 0, output
    for name, data in published.items():
        assert (tmp_path / "again" / name).read_bytes() == data, name
    code, output = run(repo, "verify", str(path), str(repo / "build" / "2012-06-15-public-pack.pdf"))
    assert code == 0 and output.count("unaltered") == 2
    # The change after the supplement has a reason for urgency (the item's), so it waits for supplement 2.
    code, output = run(repo, "changes", "2012-06-15")
    assert (
        code == 0
        and "  item 4.4 Youth Service Summer Programme: cover_sheets/2012-06-15-youth-service.md: report "
        "text: 1 line changed; goes into supplement 2 (reason for urgency: The programme must be agreed before the "
        "schools break up on 20 July.)"
        in output.splitlines()
    ), output
    # The web edition offers the packs as published, and the supplement, each with its publication.
    code, output = run(repo, "site", "--out", str(tmp_path / "site"))
    assert code == 0, output
    folder = tmp_path / "site" / "2012-06-15"
    for name, data in published.items():
        assert name.startswith("2012-06-15-private") or (folder / name).read_bytes() == data, name
    assert not list(folder.glob("*private*"))
    browser.get((folder / "index.html").as_uri())
    links = [li.text for li in browser.find_elements("css selector", "ul.downloads li")]
    assert links[0].startswith("Download the Public Document Pack (PDF, ")
    assert links[0].endswith(f"published on Thursday 7 June 2012 from source commit {first['commit'][:12]}")
    assert links[2].startswith("Download the Supplementary Public Document Pack 1 (PDF, ")
    assert links[2].endswith(f"published on Tuesday 12 June 2012 from source commit {supplement['commit'][:12]}")
    reasons = [p.text for p in browser.find_elements("css selector", "p.urgent, p.late")]
    assert reasons[:2] == [  # then the example's own urgent item, 5.2
        "Reason for urgency: The programme must be agreed before the schools break up on 20 July.",
        "Reason for lateness: The youth forum settled the programme on 8 June.",
    ]
    page = (folder / "item-4-4.html").read_text()
    assert "twelve venues" in page and "fourteen venues" not in page  # the page shows what was published


def test_a_revised_paper_with_a_reason_and_a_late_exempt_item(repo: Path, tmp_path: Path) -> None:
    """A replaced report goes into the supplement marked as replacing the published papers; a late exempt item
    goes into the private supplement only, the public one showing its public title and statement."""
    sheet = repo / "cover_sheets" / "2012-06-15-camhs.md"
    sheet.write_text(
        sheet.read_text().replace("---\n#", "---\nRevised with the External Review's final figures.\n\n#", 1)
    )
    (repo / "cover_sheets" / "2012-06-15-staffing.md").write_text(
        LATE_PAPER.replace("Youth Service Summer Programme", "Residential home staffing").replace(
            "The summer programme runs", "Confidential staffing detail runs"
        )
    )
    agenda = repo / "agendas" / "2012-06-15.yaml"
    text = agenda.read_text().replace(
        "        paper: cover_sheets/2012-06-15-camhs.md\n",
        "        paper: cover_sheets/2012-06-15-camhs.md\n        urgent: The final figures arrived on 11 June.\n",
    )
    text += (
        "      - title: Residential home staffing\n        urgent: The contract ends before the next meeting.\n"
        "        authors: [Claire Oatway]\n        paper: cover_sheets/2012-06-15-staffing.md\n"
        "        exempt: {paragraph: 1, public_title: Staffing matter}\n"
    )
    agenda.write_text(text)
    minute_urgency(repo, "4.1", "CAMHS", "The final figures arrived on 11 June.")
    exempt = (
        "    exempt: {paragraph: 1, public_title: Staffing matter, public_summary: The Board discussed staffing.}\n"
    )
    minute_urgency(repo, "6.2", "Residential home staffing", "The contract ends before the next meeting.", exempt)
    minutes = repo / "minutes" / "2012-06-15.yaml"
    minutes.write_text(
        minutes.read_text().replace('exclusion: {minutes: ["6.1"]}', 'exclusion: {minutes: ["6.1", "6.2"]}')
    )
    commit(repo, "A revised report and a late exempt item")
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-13")
    assert code == 0, output
    supplement = record(repo)["publications"][1]
    assert supplement["replaced"] == ["cover_sheets/2012-06-15-camhs.md"]
    assert supplement["added"] == ["exempt item 6.2"]
    public = " ".join(page_texts(repo / "build" / "2012-06-15-public-pack-supplement-1.pdf"))
    private = " ".join(page_texts(repo / "build" / "2012-06-15-private-pack-supplement-1.pdf"))
    assert "Replaces the papers published on Thursday 7 June 2012." in re.sub(r"\s+", " ", public)
    assert "Revised with the External Review's final figures." in public
    assert "Staffing matter" in public and "Residential home staffing" not in public
    assert "Confidential staffing detail" not in public and "Confidential staffing detail" in private
    first = record_of(repo, "private/2012-06-15")["publications"][0]["files"]
    assert (
        stamped(page_texts(repo / "build" / "2012-06-15-private-pack-supplement-1.pdf"))[0]
        == first["2012-06-15-private-pack.pdf"]["last_page"] + 1
    )


def test_what_publishing_refuses(repo: Path) -> None:
    """Local Government Act 1972 s.100B(3)-(4): what is published must be what was committed; an item added after
    publication needs the chair's special circumstances of urgency (s.100B(4)(b)), named by the number the agenda
    prints (after the refreshments break, which has none); published numbers never change under members; a pack
    is never published after its meeting or before its last publication; and a published pack that can no longer
    be made as it was published is never written."""
    # Uncommitted sources.
    agenda = repo / "agendas" / "2012-06-15.yaml"
    original = agenda.read_text()
    agenda.write_text(original.replace("venue: ", "venue: Council Chamber, formerly ", 1))
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-12")
    assert code == 2 and "has changes not committed to git (agendas/2012-06-15.yaml): commit them first" in output
    agenda.write_text(original)
    # Nothing new to publish.
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-12")
    assert (
        code == 2
        and "publications/2012-06-15.yaml: nothing to publish: no item has been added, or changed in time or as a "
        "matter of urgency, since the last publication"
        in output
    )
    # An item added without a reason for urgency, and one that renumbers a published item.
    agenda.write_text(
        original.replace(
            "    items:\n      - title: CAMHS - Performance Update\n",
            "    items:\n      - title: Urgent update\n        authors: [Claire Oatway]\n"
            "      - title: CAMHS - Performance Update\n",
        )
    )
    code, output = run(repo, "check")
    lines = output.splitlines()
    assert code == 2
    assert lines[0].endswith(
        "item 4.1, title: 'Urgent update' was added after the papers were published on Thursday 7 June 2012, too "
        "late to be open to inspection for five clear days before the meeting (the last day was Thursday 7 June "
        "2012; Local Government Act 1972, s.100B(4)(a)): give the chair's special circumstances of urgency in "
        "`urgent:` (s.100B(4)(b)), and it goes into a supplementary pack"
    )
    assert lines[1].endswith(
        "item 4.2, title: 'CAMHS - Performance Update' was published as item 4.1, and is "
        "now 4.2: members hold the published pack, so add items after those published in their "
        "section"
    )
    # A publication after the meeting, or before the last one.
    agenda.write_text(original)
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-16")
    assert code == 2 and "2012-06-16 is after the meeting on 2012-06-15" in output
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-06")
    assert code == 2 and "2012-06-06 is before the last publication of these papers, on 2012-06-07" in output
    # A pack that no longer comes out as published (here: a record made by another version) is never written.
    path = repo / "publications" / "2012-06-15.yaml"
    text = path.read_text()
    published = record(repo)["publications"][0]["files"]["2012-06-15-public-pack.pdf"]["sha256"]
    path.write_text(text.replace(published, "ab" * 32).replace("made_with: boardpack", "made_with: old boardpack"))
    code, output = run(repo, "build", "--out", str(repo / "again"))
    assert (
        code == 2
        and (
            "publications/2012-06-15.yaml: 2012-06-15-public-pack.pdf could not be made again as it was "
            "published on Thursday 7 June 2012 from commit"
        )
        in output
    )
    assert "it was made with old boardpack" in output and not (repo / "again" / "2012-06-15-public-pack.pdf").exists()


def test_a_supplement_of_exempt_items_alone_numbers_no_public_pages(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Its public pack is a front sheet and agenda only, so the next supplement's public pages go on from the pack's;
    and verify reads only the records, so a source broken since does not stop it."""
    git.Repo.init(board.root)
    commit(board.root, "Papers")
    assert run(board.root, "publish", "2030-01-10", "--on", "2030-01-02")[0] == 0
    pack_last = record_of(board.root, "2030-01-10")["publications"][0]["files"]["2030-01-10-public-pack.pdf"][
        "last_page"
    ]
    board.write("cover_sheets/staffing.md", LATE_PAPER.replace("Claire Oatway", "Olive Officer"))
    board.replace(
        "agendas/2030-01-10.yaml",
        "        paper: cover_sheets/budget.md\n",
        "        paper: cover_sheets/budget.md\n      - title: Staffing\n        urgent: Urgent.\n"
        "        authors: [Olive Officer]\n        paper: cover_sheets/staffing.md\n"
        "        exempt: {paragraph: 1, public_title: Staffing matter}\n",
    )
    commit(board.root, "A late exempt item")
    assert run(board.root, "publish", "2030-01-10", "--on", "2030-01-03")[0] == 0
    files = record_of(board.root, "2030-01-10")["publications"][1]["files"]
    assert files["2030-01-10-public-pack-supplement-1.pdf"]["last_page"] == pack_last  # nothing numbered
    kept = record_of(board.root, "private/2030-01-10")["publications"]
    assert kept[-1]["files"]["2030-01-10-private-pack-supplement-1.pdf"]["first_page"] == pack_last + 1
    board.write("cover_sheets/youth.md", LATE_PAPER.replace("Claire Oatway", "Olive Officer"))
    board.replace(
        "agendas/2030-01-10.yaml",
        "        exempt: {paragraph: 1, public_title: Staffing matter}\n",
        "        exempt: {paragraph: 1, public_title: Staffing matter}\n      - title: Youth offer\n"
        "        urgent: Before the holidays.\n        authors: [Olive Officer]\n        paper: cover_sheets/youth.md\n",
    )
    commit(board.root, "A late public item")
    assert run(board.root, "publish", "2030-01-10", "--on", "2030-01-04")[0] == 0
    second = record_of(board.root, "2030-01-10")["publications"][2]["files"]["2030-01-10-public-pack-supplement-2.pdf"]
    assert second["first_page"] == pack_last + 1
    assert stamped(page_texts(board.root / "build" / "2030-01-10-public-pack-supplement-2.pdf"))[0] == pack_last + 1
    board.write("board.yaml", "name: [broken\n")
    code, output = run(board.root, "verify", str(board.root / "build" / "2030-01-10-public-pack-supplement-2.pdf"))
    assert code == 0 and "unaltered" in output, output


@pytest.mark.slow  # (a web edition with its PDF packs)
def test_the_atom_feed_dates_a_published_pack_by_its_publication(published: Path, tmp_path: Path) -> None:
    """Local Government Act 1972 s.100B(1): the papers open to inspection from the day they are published; the feed
    announces the public pack on that day (7 June), linking its meeting's page and its PDF (the large print is offered
    on the page, not announced twice); each decision list links its PDF too."""
    import datetime as dt

    import feedparser

    from boardpack.build import build_site

    site = build_site(published, tmp_path / "site", today=dt.date(2012, 6, 1)).folder
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    [pack] = [entry for entry in feed.entries if entry.title.startswith("Public Document Pack")]
    assert pack.link == "2012-06-15/index.html"
    [pdf] = pack.enclosures
    assert pdf.href == "2012-06-15/2012-06-15-public-pack.pdf" and int(pdf.length) == (site / pdf.href).stat().st_size
    assert pack.updated == "2012-06-07T00:00:00Z"
    assert feed.feed.updated == "2012-06-15T00:00:00Z"
    assert all(entry.enclosures and (site / entry.enclosures[0].href).is_file() for entry in feed.entries)


def test_an_items_digest_is_what_it_was_before_packs_said_whether_an_appendix_is_tagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A meeting published before a pack's data said whether each PDF appendix is tagged is not found changed since
    (its items' recorded digests still match): that follows from the appendix's bytes, which the digest holds."""
    import datetime as dt

    from boardpack.assemble import item_digests
    from boardpack.assemble.scope import Scope
    from boardpack.checks import check_repository

    papers, date = check_repository(REPO), dt.date(2012, 6, 15)
    now = item_digests(papers, date)
    made = Scope.foreign

    def as_before(self: Scope, heading: str, path: Path, pages: list[list[float]], tagged: bool) -> dict:  # type: ignore[type-arg]
        doc = made(self, heading, path, pages, tagged)
        del doc["tagged"]
        return doc

    monkeypatch.setattr(Scope, "foreign", as_before)
    assert item_digests(papers, date) == now


@pytest.mark.slow  # (a publication, a supplement and a web edition with its PDF packs)
def test_a_published_meetings_appendix_links_open_each_at_its_own_pages_after_a_supplement_moved_them(
    repo: Path, tmp_path: Path
) -> None:
    """A late paper published as a supplement before the appendices' items: the web pages show the sources as the
    supplement left them, where every later document's id has moved, but each appendix's link still opens the pack
    as first published at that appendix's own first page (its named destination there, not one of the new ids)."""
    import pikepdf

    late_item(repo, "        minutes: 2012-03-09\n", "1.4")
    commit(repo, "A late item before the appendices")
    code, output = run(repo, "publish", "2012-06-15", "--on", "2012-06-12")
    assert code == 0, output
    code, output = run(repo, "site", "--out", str(tmp_path / "site"))
    assert code == 0, output
    folder = tmp_path / "site" / "2012-06-15"
    links = re.findall(r'href="([^"#]+\.pdf)#nameddest=([^"]+)"', (folder / "index.html").read_text(encoding="utf-8"))
    firsts = {}  # each appendix's first page's opening words, from its own file
    for source in (repo / "appendices").glob("*.pdf"):
        words = " ".join((PdfReader(source).pages[0].extract_text() or "").split()[:6])
        firsts[source.name] = words
    assert len(set(links)) == len(firsts) == 2
    opened = []
    for name, destination in set(links):
        with pikepdf.open(folder / name) as pdf:
            target = pikepdf.NameTree(pdf.Root.Names.Dests)[destination]
            page = next(n for n, shown in enumerate(pdf.pages) if shown.obj.objgen == target[0].objgen)
        text = " ".join((PdfReader(folder / name).pages[page].extract_text() or "").split())
        opened += [source for source, words in firsts.items() if words in text]
    assert sorted(opened) == sorted(firsts), "each link opens at its own appendix"
