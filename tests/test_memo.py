"""The board's cache of work on its sources (`.boardpack-cache/`, boardpack/memo.py) and the tables shipped instead
of work done on every run (the shipped fonts' coverage): a second run parses only what changed, a changed text is
never answered from the cache, a cache that is damaged or deleted is no cache, and what is printed is the same."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import git
import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpack import yamlread
from boardpack.build import build_pack
from boardpack.checks import board as board_rules
from boardpack.checks import check_repository
from boardpack.document import markdown
from boardpack.errors import Problems
from boardpack.load import load_papers
from boardpack.memo import parses_kept
from boardpack.store import FOLDER, Store, fingerprint
from boardpack.templates import shipped_templates
from scripts.font_coverage import coverage

from .conftest import Board, problems_of


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A fresh process's Markdown state, and the texts actually parsed (not answered from a cache)."""
    parsed: list[str] = []
    real = markdown._parsed

    def counted(text: str) -> tuple[markdown.Node, ...]:
        parsed.append(text)
        return real(text)

    def fresh() -> None:
        markdown._parse.cache_clear()
        markdown._KNOWN.clear()
        markdown._MADE.clear()
        parsed.clear()

    monkeypatch.setattr(markdown, "_parsed", counted)
    monkeypatch.setattr(markdown, "fresh", fresh, raising=False)
    fresh()
    yield parsed
    fresh()


def _restart() -> None:
    markdown.fresh()  # type: ignore[attr-defined]  # set by the fixture: as a new process starts


def test_a_second_check_parses_nothing_and_a_changed_report_only_its_own_text(board: Board, parses: list[str]) -> None:
    check_repository(board.root)
    first = list(parses)
    assert any("# Budget" in text for text in first)
    assert (board.root / FOLDER / fingerprint() / "markdown.json").is_file()

    _restart()
    check_repository(board.root)
    assert parses == []

    _restart()
    board.replace("cover_sheets/budget.md", "# Budget", "# Budget for the year")
    check_repository(board.root)
    assert len(parses) == 1 and "# Budget for the year" in parses[0]


def test_a_damaged_or_deleted_cache_is_no_cache(board: Board, parses: list[str]) -> None:
    check_repository(board.root)
    cached = board.root / FOLDER / fingerprint() / "markdown.json"
    wanted = len(parses)
    for damage in ("{not json", "[1, 2]", json.dumps({"x": "not a parse"})):
        _restart()
        cached.write_text(damage, encoding="utf-8")
        assert problems_of(board) == []
        assert len(parses) == wanted
    _restart()
    shutil.rmtree(board.root / FOLDER)
    assert problems_of(board) == []
    assert len(parses) == wanted


def test_a_cache_kept_by_another_version_is_not_consulted(board: Board, parses: list[str]) -> None:
    """The folder is keyed by boardpack's and the parsers' versions and the parser's code: another one's
    entries are never read, even for the same text."""
    check_repository(board.root)
    (board.root / FOLDER / fingerprint()).rename(board.root / FOLDER / "0000000000000000")
    _restart()
    check_repository(board.root)
    assert any("# Budget" in text for text in parses)


def test_a_cache_that_cannot_be_written_fails_nothing(board: Board, parses: list[str]) -> None:
    (board.root / FOLDER).write_text("a file where the folder would be", encoding="utf-8")
    assert problems_of(board) == []
    assert parses


@given(st.text(alphabet=st.sampled_from("ab *_#>-1.|`[]()\n\\:!"), max_size=120))
def test_what_the_cache_gives_back_is_the_parse_itself(text: str) -> None:
    """Entries are JSON: every parse must come back from it exactly as made (strings, numbers, lists, dicts)."""
    try:
        made = markdown._parsed(text) if text.strip() else ()
    except RecursionError:
        return
    assert tuple(json.loads(json.dumps(list(made)))) == made


PANEL = Path(__file__).resolve().parents[1] / "examples" / "people-children-scrutiny-panel"


@pytest.mark.slow
def test_a_pack_built_from_the_cache_is_the_pack_built_without_it(tmp_path: Path, parses: list[str]) -> None:
    """The panel example built twice, the second time in a fresh process state with every parse from the cache:
    the same PDF, byte for byte, and nothing parsed."""
    root = tmp_path / "panel"
    shutil.copytree(PANEL, root, ignore=shutil.ignore_patterns(FOLDER, "build"))
    with parses_kept(root):
        first = build_pack(root, None, tmp_path / "first")
    made = markdown.parses_made()
    kept = Store(root).read("markdown")
    assert made and {key: tuple(kept[key]) for key in made} == made
    _restart()
    with parses_kept(root):
        second = build_pack(root, None, tmp_path / "second")
    assert parses == []
    assert [path.name for path in first] == [path.name for path in second]
    for one, other in zip(first, second):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_the_shipped_fonts_coverage_is_what_fonttools_reads() -> None:
    """scripts/font_coverage.py wrote it; a font changed without running it again would let `check` pass a
    character the pack then prints as an empty box."""
    written = json.loads((shipped_templates() / "fonts" / board_rules.COVERAGE).read_text(encoding="utf-8"))
    assert written == coverage()


def test_a_boards_own_font_is_read_once_then_known_from_the_cache(
    board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = board.root / "templates" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(shipped_templates() / "fonts" / "LiberationSans-Regular.ttf", fonts / "House.ttf")
    (fonts / "House.ttf").write_bytes((fonts / "House.ttf").read_bytes() + b"\0")  # not a shipped font's bytes
    board.replace("cover_sheets/budget.md", "# Budget", "# Budget ☃")
    read: list[Path] = []
    real = board_rules.font_cmap
    monkeypatch.setattr(board_rules, "font_cmap", lambda path: read.append(path) or real(path))
    board_rules._font_characters.cache_clear()
    wanted = "the character '☃' (U+2603 SNOWMAN) cannot be printed"
    assert any(wanted in problem for problem in problems_of(board))
    assert read == [fonts / "House.ttf"]
    key = hashlib.sha256((fonts / "House.ttf").read_bytes()).hexdigest()
    assert key in Store(board.root).read("fonts")
    board_rules._font_characters.cache_clear()
    assert any(wanted in problem for problem in problems_of(board))
    assert read == [fonts / "House.ttf"]  # not read again
    board_rules._font_characters.cache_clear()


def test_parses_kept_writes_only_when_something_new_was_parsed(board: Board, parses: list[str]) -> None:
    with parses_kept(board.root):
        markdown.parse_markdown("A *new* text.")
    cached = board.root / FOLDER / fingerprint() / "markdown.json"
    written = cached.stat().st_mtime_ns
    _restart()
    with parses_kept(board.root):
        markdown.parse_markdown("A *new* text.")
    assert cached.stat().st_mtime_ns == written and parses == []


def test_the_shipped_fonts_are_never_read_by_fonttools(board: Board, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    monkeypatch.setattr(board_rules, "font_cmap", read.append)
    board_rules._font_characters.cache_clear()
    board.replace("cover_sheets/budget.md", "# Budget", "# Budget – “quoted” ☃")
    assert [p for p in problems_of(board) if "cannot be printed" in p] == [
        "cover_sheets/budget.md:9: the character '☃' (U+2603 SNOWMAN) cannot be printed: the pack's fonts have no "
        "glyph for it (add a font that has it to templates/fonts)"
    ]
    assert read == []
    board_rules._font_characters.cache_clear()


def test_git_never_sees_the_cache(board: Board) -> None:
    """A board without a .gitignore of its own: the cache ignores itself, so `publish` (which refuses sources
    not committed, LGA 1972 s.100B(1): the papers published are the papers recorded) never counts it."""
    repo = git.Repo.init(board.root)
    repo.git.add(A=True)
    repo.git.commit(m="papers", author="Clerk <clerk@example.org>")
    assert problems_of(board) == []
    assert (board.root / FOLDER).is_dir()
    assert repo.git.status("--porcelain", "--untracked-files=all") == ""


# --- YAML read once per file --------------------------------------------------------------------------------------


@pytest.fixture
def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose YAML is actually parsed (not answered from the cache)."""
    parsed: list[str] = []
    real = yamlread.read_yaml

    def counted(text: str, path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(text, path, *args, **kwargs)

    monkeypatch.setattr(yamlread, "read_yaml", counted)
    return parsed


def test_a_second_load_parses_no_yaml_and_a_changed_file_only_itself(board: Board, yaml_reads: list[str]) -> None:
    check_repository(board.root)
    assert sorted(yaml_reads) == [
        "actions.yaml",
        "agendas/2030-01-10.yaml",
        "board.yaml",
        "cover_sheets/budget.md",
        "minutes/2029-10-10.yaml",
    ]
    yaml_reads.clear()
    check_repository(board.root)
    assert yaml_reads == []
    board.replace("agendas/2030-01-10.yaml", "Budget report", "Budget report for the year")
    check_repository(board.root)
    assert yaml_reads == ["agendas/2030-01-10.yaml"]


def test_a_file_with_a_problem_is_read_and_reported_every_time(board: Board, yaml_reads: list[str]) -> None:
    path = board.root / "actions.yaml"
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("due:"))
    board.replace("actions.yaml", line, f"{line}\n{line}")
    first = problems_of(board)
    assert any("duplicate key" in problem for problem in first)
    yaml_reads.clear()
    assert problems_of(board) == first
    assert yaml_reads == ["actions.yaml"]


def test_what_is_read_from_the_cache_is_what_was_read_from_the_file(yaml_reads: list[str]) -> None:
    """Every file of the example: the same values (dates as dates, numbers as typed) and the same lines."""
    root = Path(__file__).resolve().parents[1]
    fresh, kept = Problems(), Problems()
    plain = load_papers_uncached(root, fresh)
    load_papers(root, Problems())  # the cache now holds every file
    yaml_reads.clear()
    cached = load_papers(root, kept)
    assert yaml_reads == [] and plain is not None and cached is not None
    assert fresh.items == kept.items == []
    for name in ("agendas", "minutes", "cover_sheets", "records", "publications"):
        one, other = getattr(plain, name), getattr(cached, name)
        assert one.keys() == other.keys()
        for key in one:  # (a report's model is made for its body's form on each load: compared as data)
            assert one[key].value.model_dump() == other[key].value.model_dump(), key
            assert one[key].source == other[key].source, key
    for name in ("board", "log", "register", "plan", "calendar"):
        one, other = getattr(plain, name), getattr(cached, name)
        assert (one.value, one.source) == (other.value, other.source), name


def load_papers_uncached(root: Path, problems: Problems) -> object:
    """The papers as read with no cache at all."""
    with tempfile.TemporaryDirectory() as empty:
        original = Store.__init__

        def elsewhere(self: Store, _root: Path) -> None:
            original(self, Path(empty))

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Store, "__init__", elsewhere)
            return load_papers(root, problems)


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"))
        | st.dates()
        | st.datetimes(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=20,
    )
)
def test_every_value_yaml_gives_comes_back_from_the_cache_as_it_was(value: object) -> None:
    source = yamlread.SourceMap("x.yaml", lines={("a", 0): 3}, typed={("a",): "4.10"})
    entry = json.loads(json.dumps({"kept": yamlread._kept(value, source)}))["kept"]  # as the store writes it
    assert yamlread._unkept(entry, "x.yaml") == (value, source)
    assert yamlread._unkept(entry, "x.yaml") == (value, source)  # and again: reading it changed nothing


def test_a_damaged_yaml_entry_is_read_from_its_file(board: Board, yaml_reads: list[str]) -> None:
    check_repository(board.root)
    cached = board.root / FOLDER / fingerprint() / "yaml.json"
    entries = json.loads(cached.read_text(encoding="utf-8"))
    damaged = ['{"value": {}}', "not json", '{"value": 1, "times": [[["x", 3], "date"]], "lines": [], "typed": []}']
    cached.write_text(json.dumps(dict(zip(entries, damaged + [1] * len(entries)))), encoding="utf-8")
    yaml_reads.clear()
    assert problems_of(board) == []
    assert len(yaml_reads) == len(entries)


def test_a_boards_cache_keeps_the_parses_made_for_it_alone(tmp_path: Path, parses: list[str]) -> None:
    """In a council's run one process checks every body: a body's cache is not written again with the parses made for
    another body (each body's would otherwise be rewritten on every run after one body's change)."""
    one, other = tmp_path / "one", tmp_path / "other"
    with parses_kept(one):
        markdown.parse_markdown("Only the first body says this.")
    with parses_kept(other):
        pass
    assert Store(one).read("markdown") and not (other / FOLDER).exists()
