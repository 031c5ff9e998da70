"""The documentation site: every command, option, model class and field is in the generated reference, the
generated pages are up to date, every field says what it is, and the site builds with no warning."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from cogapp import Cog

from boardpack.cli import main

from .conftest import REPO

REFERENCE = REPO / "docs" / "reference"
CLI_PAGE = REFERENCE / "cli.md"
FORMAT_PAGE = REFERENCE / "source-format.md"


def _generator():
    """scripts/docs_reference.py, which the pages' cog blocks call (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("docs_reference", REPO / "scripts" / "docs_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("docs_reference", module)
    spec.loader.exec_module(module)
    return module


docs_reference = _generator()


def sections(page: Path, level: str) -> dict[str, str]:
    """The page's text under each heading of `level` ("##"), up to the next heading of that level or above."""
    text = page.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    for title, body in zip(parts[1::2], parts[2::2]):
        found[title.strip()] = re.split(rf"^#{{1,{len(level)}}} ", body, flags=re.M)[0]
    return found


def all_commands() -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command, walking `boardpack`'s groups recursively, with the words that call it."""

    def walk(command: click.Command, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], click.Command]]:
        found = [(path, command)]
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                found += walk(sub, (*path, name))
        return found

    return walk(main, ())


@pytest.mark.parametrize("path, command", all_commands(), ids=[" ".join(("boardpack", *p)) for p, _ in all_commands()])
def test_every_command_and_option_is_in_the_cli_reference(path: tuple[str, ...], command: click.Command) -> None:
    documented = sections(CLI_PAGE, "##")
    name = " ".join(("boardpack", *path))
    assert name in documented, f"{CLI_PAGE.name} has no section for `{name}`: run cog (see scripts/docs_reference.py)"
    section = documented[name]
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            for flag in [*param.opts, *param.secondary_opts]:
                assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", section), f"`{name}` documents no {flag}"
        elif isinstance(param, click.Argument):
            assert param.make_metavar(click.Context(command)) in section, f"`{name}` documents no {param.name}"
    if path:
        assert f"[`{name}`](#{name.replace(' ', '-')})" in CLI_PAGE.read_text(encoding="utf-8"), (
            f"the commands' table of {CLI_PAGE.name} lacks `{name}`"
        )


def test_the_generated_pages_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    status = Cog().main(["cog", "--check", "-I", str(REPO / "scripts"), str(CLI_PAGE), str(FORMAT_PAGE)])
    assert status == 0, (
        "the generated reference is out of date: run "
        "`cog -r -I scripts docs/reference/cli.md docs/reference/source-format.md`\n" + capsys.readouterr().out
    )


def test_every_model_class_and_field_is_in_the_source_format_reference() -> None:
    documented = sections(FORMAT_PAGE, "###")
    page = FORMAT_PAGE.read_text(encoding="utf-8")
    assert f"`{docs_reference.model.Strict.__name__}`" in page  # the base of every class, without fields
    classes = [cls for cls in docs_reference.model_classes() if cls.model_fields]
    assert len(classes) > 40
    for cls in classes:
        assert cls.__name__ in documented, f"{FORMAT_PAGE.name} has no section for {cls.__name__}"
        rows = {line.split("|")[1].strip() for line in documented[cls.__name__].splitlines() if line.startswith("| `")}
        for name, info in cls.model_fields.items():
            written = docs_reference.field_name(name, info)
            assert f"`{written}`" in rows, f"{FORMAT_PAGE.name} lacks {cls.__name__}.{written}"


def test_every_field_of_the_model_says_what_it_is() -> None:
    """A description is the field's documentation: in the reference, and in the JSON Schemas an editor shows."""
    undescribed = [
        f"{cls.__name__}.{name}"
        for cls in docs_reference.model_classes()
        for name, info in cls.model_fields.items()
        # "Markdown text" is what the Markdown type says of itself, not what the field is for
        if not (info.description or "").strip() or info.description == "Markdown text"
    ]
    assert not undescribed, "fields without a Field(description=...) in boardpack/model.py: " + ", ".join(undescribed)


def test_the_readmes_links_to_the_docs_lead_somewhere() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?:docs|benchmarks)/[^)#]+)(?:#[^)]*)?\)", readme)
    assert any(link.startswith("docs/") and link.endswith(".md") for link in links)
    for link in links:
        assert (REPO / link).is_file(), f"README.md links to {link}, which does not exist"


def test_the_site_builds_with_no_warning(tmp_path: Path) -> None:
    """mkdocs build --strict: a broken link or anchor, or a page left out of the navigation, fails it (in about
    3 s, so it stays in the fast tier)."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "reference" / "source-format.html").is_file()
