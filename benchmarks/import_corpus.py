"""How much of an ordinary officer's Word report `boardpack import` carries over exactly.

Each report of the corpus (tests/corpus/import/NAME.docx, made by scripts/make_import_corpus.py) is
imported into a copy of the example panel (examples/people-children-scrutiny-panel, whose reports follow
the officer-report form) and compared with NAME.json, what a careful clerk would make of it: the title, the
officer, each form field (a Markdown field by its paragraphs, a risk by its row, the contact by its parts),
each heading of the report's text at its level, each paragraph and list item, each table cell, each
picture's alt text, each list Word letters or numbers in roman (its marker and items), each masthead line the
form has no field for (which import must name), and each number
the Word report gives a paragraph or heading ("3.3", Word's own "1.1"), which the house (style.paragraphs:
numbered) must print against the same words. An element
is carried when the import holds it exactly; one the import adds that the report does not hold (a masthead
line repeated, a typed number left in) counts against it. Then every imported report must pass `check` (but
for what the corpus expects it to refuse: a picture Word holds without alt text, which only its author can
describe), and with --build the pack holding them all must build.

    python benchmarks/import_corpus.py [--build [--out DIR]] [--show NAME|all]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from boardpack.build import build_pack
from boardpack.checks import check_repository
from boardpack.document.markdown import parse_markdown, plain_text, walk
from boardpack.document.nodes import heading, para
from boardpack.errors import BoardpackError, Problems
from boardpack.forms import number_sections
from boardpack.load import load_papers
from boardpack.model import Board
from boardpack.wordimport import convert

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "import"
PANEL = REPO / "examples" / "people-children-scrutiny-panel"
TARGET = 0.95

Element = tuple[Any, ...]


@dataclass
class Score:
    """One report's elements: those expected, those the import holds, and how many of each agree."""

    name: str
    expected: Counter[Element]
    found: Counter[Element]
    problems: list[str] = field(default_factory=list)  # what `check` says of the imported report
    allowed: list[str] = field(default_factory=list)  # what the corpus expects it to say (a picture without alt text)

    @property
    def unexpected(self) -> list[str]:
        """What `check` refuses that the corpus does not expect: hand repair the import should have spared."""
        return [p for p in self.problems if not any(allowed in p for allowed in self.allowed)]

    @property
    def carried(self) -> int:
        return sum((self.expected & self.found).values())

    @property
    def total(self) -> int:
        """What was expected, and what the import added that was not."""
        return sum(self.expected.values()) + sum((self.found - self.expected).values())

    def missed(self) -> list[Element]:
        return sorted((self.expected - self.found).elements(), key=str)

    def added(self) -> list[Element]:
        return sorted((self.found - self.expected).elements(), key=str)


def _plain(text: str) -> str:
    return " ".join(text.split())


def expected_elements(expected: dict[str, Any]) -> Counter[Element]:
    """The elements of a report, from its NAME.json."""
    out: Counter[Element] = Counter()
    out[("title", expected["title"])] += 1
    if expected["officer"]:
        out[("officer", expected["officer"])] += 1
    for key, value in expected["fields"].items():
        out.update(_field_elements(key, value))
    out.update(("heading", level, text) for level, text in expected["headings"])
    out.update(("paragraph", _plain(text)) for text in expected["paragraphs"])
    out.update(("cell", _plain(text)) for table in expected["cells"] for text in table if text)
    out.update(("image", alt) for alt in expected["images"])
    out.update(("left out", what) for what in expected["left_out"])
    out.update(("number", number, _start(words)) for number, words in expected["numbers"])
    out.update(("list", marker, items) for marker, items in expected["lists"])
    return out


def _start(words: str) -> str:
    return _plain(words)[:30].lower()


def _field_elements(key: str, value: Any) -> list[Element]:
    if key == "risks":
        return [("risk", *sorted((k, _plain(str(v)).lower()) for k, v in risk.items() if v)) for risk in value]
    if key == "contact":
        return [("contact", part, _plain(str(text))) for part, text in value.items() if text]
    if isinstance(value, list):
        return [("field", key, _plain(text)) for text in value]
    return [("field", key, _plain(str(value)))]


def found_elements(report: str, notes: list[str], expected: dict[str, Any], board: Board) -> Counter[Element]:
    """The elements the imported report holds, the masthead lines its notes name as left out, and the numbers
    the house prints for what the Word report numbered."""
    _, front_text, body = report.split("---\n", 2)
    front = yaml.safe_load(front_text)
    out: Counter[Element] = Counter()
    out[("title", front.pop("title"))] += 1
    officer = front.pop("responsible_officer", None)
    for name in [officer] if isinstance(officer, str) else officer or []:
        out[("officer", name)] += 1
    for key, value in front.items():
        if key == "risks" or key == "contact":
            out.update(_field_elements(key, value))
        elif isinstance(value, str) and value.strip() and not value.startswith("TO DO"):
            parsed = parse_markdown(value)
            blocks = [_plain(plain_text([block])) for block in _blocks(parsed)]
            out.update(("field", key, text) for text in blocks if text)  # not an empty `###`
            out.update(_lettered(parsed))
    nodes = parse_markdown(body)
    out.update(_lettered(nodes))
    for node in nodes:
        if node["t"] == "heading" and (node["level"] == 1 or not plain_text(node["c"]).strip()):
            continue  # the title again, as the report's `#`; an empty `###`, a numbered paragraph's mark
        out.update(_body_elements(node))
    for what in expected["left_out"]:
        if any(what.lower() in note.lower() for note in notes):
            out[("left out", what)] += 1
    printed = _printed_numbers(yaml.safe_load(front_text), nodes, board)
    for number, words in expected["numbers"]:
        found = next(
            (n for n, start in sorted(printed, key=lambda p: p[0] != number) if start.startswith(_start(words))), None
        )
        if found is not None:
            out[("number", found, _start(words))] += 1
    return out


def _printed_numbers(front: dict[str, Any], body: list[Any], board: Board) -> list[tuple[str, str]]:
    """The numbers the house prints (style.paragraphs: numbered), each with the start of what it numbers: the
    report laid out as forms.report_sections lays it out, numbered by forms.number_sections."""
    blocks: list[Any] = []
    fixed = set()
    for place in ("opening", "body", "closing"):
        if place == "body":
            blocks += [n for n in body if not (n["t"] == "heading" and n["level"] == 1)]
            continue
        for f in board.form.fields:
            value = front.get(f.key)
            if f.place != place or value is None:
                continue
            blocks.append(heading(2, f.label) | ({} if f.numbered else {"numbered": False}))
            if f.kind in ("markdown", "text"):
                blocks += parse_markdown(str(value))
            else:
                blocks.append(para(f.kind))
                fixed.add(id(blocks[-1]))
    printed = []
    for node in number_sections(blocks, 2, paragraphs=True, fixed=frozenset(fixed)):
        if node["t"] == "heading" and "number" in node:
            printed.append((node["number"].rstrip(), _start(plain_text(node["c"][1:]))))
        elif node["t"] == "numbered":
            printed.append((node["number"], _start(plain_text(node["c"]))))
    return printed


def _lettered(nodes: list[Any]) -> list[Element]:
    """Each list lettered or numbered in roman ("a)", "i."), by its marker and its number of items."""
    out: list[Element] = []
    for node in nodes:
        if node["t"] == "list":
            if "marker" in node:
                out.append(("list", node["marker"], len(node["items"])))
            for item in node["items"]:
                out += _lettered(item)
    return out


def _blocks(nodes: list[Any]) -> list[Any]:
    """Paragraphs and list items, each a block of its own."""
    out = []
    for node in nodes:
        if node["t"] == "list":
            for item in node["items"]:
                out += _blocks(item)
        else:
            out.append(node)
    return out


def _body_elements(node: dict[str, Any]) -> list[Element]:
    kind = node["t"]
    if kind == "heading":
        return [("heading", node["level"], plain_text(node["c"]))]
    if kind == "list":
        return [element for item in node["items"] for block in item for element in _body_elements(block)]
    if kind == "table":
        cells = [*node["head"], *(cell for row in node["rows"] for cell in row)]
        return [("cell", _plain(plain_text(cell))) for cell in cells if plain_text(cell).strip()]
    if kind == "grid":
        cells = [cell for row in [*node["head"], *node["rows"]] for cell in row]
        return [("cell", _plain(plain_text(cell["c"]))) for cell in cells if plain_text(cell["c"]).strip()]
    images = [n for n in walk(node.get("c", [])) if n.get("t") == "img"]
    text = _plain(plain_text([n for n in node.get("c", []) if not (isinstance(n, dict) and n.get("t") == "img")]))
    return [("image", image["alt"]) for image in images] + ([("paragraph", text)] if text else [])


def score_report(docx: Path, root: Path, board: Board) -> tuple[Score, str, list[str]]:
    """Import one report of the corpus into `board` at `root` (written there) and score it."""
    expected = json.loads(docx.with_suffix(".json").read_text(encoding="utf-8"))
    name = docx.stem
    result = convert(docx, board, name)
    (root / "cover_sheets" / f"{name}.md").write_text(result.report, encoding="utf-8")
    for path, data in result.images.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    found = found_elements(result.report, result.notes, expected, board)
    score = Score(name, expected_elements(expected), found, allowed=expected["problems"])
    return score, result.report, result.notes


def check_problems(root: Path) -> list[str]:
    try:
        check_repository(root)
    except BoardpackError as error:
        return [str(problem) for problem in error.problems]
    return []


def author_fixes(path: Path) -> None:
    """What only the author can write, and `check` asks for: a picture's alt text, a section Word lacked."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("![](", "![A picture the author describes](")
    text = re.sub(r'"TO DO: ([^"]*)"', r'"Written by the author."', text)
    path.write_text(text, encoding="utf-8")


def add_agenda(root: Path, names: list[str]) -> None:
    """A meeting whose agenda holds every imported report, for --build."""
    items = "".join(
        f"      - title: {name}\n        authors: [Director for People]\n        paper: cover_sheets/{name}.md\n"
        for name in names
    )
    (root / "agendas" / "2015-01-15.yaml").write_text(
        'date: 2015-01-15\nstart: "19.00"\nvenue: Council Chamber, Catmose, Oakham\n'
        f"sections:\n  - heading: Agenda\n    items:\n{items}",
        encoding="utf-8",
    )


def run(show: str | None = None, do_build: bool = False, out: Path | None = None) -> list[Score]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "panel"
        shutil.copytree(PANEL, root, ignore=shutil.ignore_patterns("build", ".boardpack-cache"))
        papers = load_papers(root, Problems())
        assert papers is not None, "the example panel loads"
        scores = []
        for docx in sorted(CORPUS.glob("*.docx")):
            score, report, notes = score_report(docx, root, papers.board.value)
            scores.append(score)
            if show == docx.stem:
                print(report, "\n".join(f"note: {n}" for n in notes), sep="\n")
        problems = check_problems(root)
        for score in scores:
            score.problems = [p for p in problems if f"cover_sheets/{score.name}.md" in p]
        if do_build:
            for score in scores:
                author_fixes(root / "cover_sheets" / f"{score.name}.md")
            add_agenda(root, [s.name for s in scores])
            built = build_pack(root, dt.date(2015, 1, 15), root / "build")
            print(f"built {built}")
            if out is not None:
                shutil.copytree(root / "build", out, dirs_exist_ok=True)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also build the pack holding every imported report")
    parser.add_argument("--out", type=Path, help="with --build: copy the built pack here, to look at")
    parser.add_argument("--show", help="print the imported report NAME and what it missed")
    args = parser.parse_args()
    scores = run(args.show, args.build, args.out)
    carried = sum(s.carried for s in scores)
    total = sum(s.total for s in scores)
    for s in scores:
        checked = "check: ok" if not s.problems else f"check: {len(s.problems)} problem(s)"
        checked += f", {len(s.unexpected)} unexpected" if s.problems else ""
        print(f"{s.name:34} {s.carried:4}/{s.total:<4} {s.carried / s.total:6.1%}  {checked}")
        if args.show == s.name or args.show == "all":
            for element in s.missed():
                print("    missed:", element)
            for element in s.added():
                print("    added: ", element)
            for problem in s.problems:
                print("    ", problem)
    share = carried / total
    print(f"{'overall':34} {carried:4}/{total:<4} {share:6.1%}  (target {TARGET:.0%})")
    failed = share < TARGET or any(s.unexpected for s in scores)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
