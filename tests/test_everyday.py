"""The tools around a board's repository: pre-commit (run by pre-commit itself) and the CI templates init writes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
import yaml
from click.testing import CliRunner

from boardpack.cli import main
from boardpack.scaffold import init_repository

from .conftest import REPO

BROKEN = (
    "board.yaml:8: chair: 'Cllr Nobody' is not one of the board's people (add them to people in board.yaml)\n"
    "1 problem found."
)


@pytest.fixture
def body(tmp_path: Path) -> Path:
    """A new body's repository as `boardpack init` starts it, committed."""
    folder = tmp_path / "body"
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    repo = git.Repo.init(folder)
    repo.git.add(A=True)
    repo.index.commit("A new body", author=git.Actor("Sam Clerk", "clerk@example.org"))
    return folder


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pre-commit in `folder`, with this Python's boardpack first on the PATH (as an author's own install is)."""
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=900
    )


def break_chair(folder: Path) -> None:
    board = folder / "board.yaml"
    board.write_text(board.read_text().replace("chair: Cllr Alex Chair", "chair: Cllr Nobody"))
    git.Repo(folder).git.add(A=True)


def test_init_configures_pre_commit_and_ci(body: Path) -> None:
    hook = yaml.safe_load((body / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == ("boardpack-check", "boardpack check", False)
    github = yaml.safe_load((body / ".github" / "workflows" / "boardpack.yml").read_text())
    assert github[True]["push"]["tags"] == ["publish/*"]  # YAML 1.1 reads the key `on` as true
    check, pages = github["jobs"]["check"], github["jobs"]["pages"]
    assert [step.get("run") for step in check["steps"] if "run" in step] == [
        'test -n "$BOARDPACK" || { echo "::error::set BOARDPACK in this workflow to how boardpack is installed"; '
        "exit 1; }",
        'pip install "$BOARDPACK"',
        "boardpack check",
    ]
    assert check["steps"][0]["with"]["fetch-depth"] == 0
    # Current (Node 24) actions, one run a ref at a time, and a time limit on every job.
    uses = {
        step["uses"].split("@")[0]: step["uses"].split("@")[1]
        for job in github["jobs"].values()
        for step in job["steps"]
        if "uses" in step
    }
    assert uses == {
        "actions/checkout": "v6",
        "actions/setup-python": "v6",
        "actions/upload-pages-artifact": "v5",
        "actions/deploy-pages": "v5",
    }
    assert github["concurrency"]["group"] == "boardpack-${{ github.ref }}"
    assert all(job["timeout-minutes"] for job in github["jobs"].values())
    assert 'add a tag rule "publish/*"' in (body / ".github" / "workflows" / "boardpack.yml").read_text()
    assert pages["if"] == "startsWith(github.ref, 'refs/tags/publish/')" and pages["needs"] == "check"
    assert "boardpack site --out site" in [step.get("run") for step in pages["steps"]]
    assert not any("build" in str(step.get("run", "")) for step in pages["steps"])  # never a private pack
    gitlab = yaml.safe_load((body / ".gitlab-ci.yml").read_text())
    assert gitlab["check"]["script"] == ["boardpack check"] and gitlab["variables"]["GIT_DEPTH"] == "0"
    assert gitlab["pages"]["script"] == [
        "git fetch --tags --force",
        "boardpack site --out public",
        "boardpack verify public/*/*-pack*.pdf",
    ]
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_TAG =~ /^publish\\//"}]


def test_init_installs_this_boardpack_in_ci_never_a_bare_name(tmp_path: Path) -> None:
    """The workflows install boardpack as `init --install` says, else as this boardpack was installed (its repository
    at its commit, or its version from an index); never the bare name "boardpack", which a stranger could register
    on PyPI. Installed from a folder here (as in this checkout), CI cannot reach it: the workflows stop, saying so."""
    from boardpack.scaffold import install_requirement

    named = tmp_path / "named"
    result = CliRunner().invoke(main, ["init", str(named), "--install", "git+https://git.example.org/boardpack@v1.2"])
    assert result.exit_code == 0, result.output
    for relative in (".github/workflows/boardpack.yml", ".gitlab-ci.yml"):
        text = (named / relative).read_text()
        assert 'BOARDPACK: "git+https://git.example.org/boardpack@v1.2"' in text, relative
    default = tmp_path / "default"
    assert CliRunner().invoke(main, ["init", str(default)]).exit_code == 0
    github = yaml.safe_load((default / ".github" / "workflows" / "boardpack.yml").read_text())
    assert github["env"]["BOARDPACK"] == install_requirement() and install_requirement() != "boardpack"
    assert install_requirement() == ""  # this checkout is an editable install from a folder


def test_init_tells_vs_code_which_schema_checks_which_file(body: Path) -> None:
    """VS Code's YAML extension checks a file against the schema its `yaml.schemas` setting names (it ignores a
    modeline in Markdown front matter, so the report no longer carries one it would not read)."""
    import json

    settings = json.loads((body / ".vscode" / "settings.json").read_text())["yaml.schemas"]
    assert settings["./schemas/agenda.schema.json"] == "agendas/*.yaml"
    assert settings["./schemas/board.schema.json"] == "board.yaml"
    assert all((body / schema).is_file() for schema in settings)
    report = next((body / "cover_sheets").glob("*.md")).read_text()
    assert "yaml-language-server" not in report and "schemas/cover_sheet.schema.json" in report


def test_pre_commit_runs_check_and_fails_on_a_broken_source(body: Path, pre_commit_home: Path) -> None:
    result = pre_commit(body, pre_commit_home, "run", "--all-files")
    assert result.returncode == 0 and "boardpack check" in result.stdout and "Passed" in result.stdout, result.stdout
    break_chair(body)
    result = pre_commit(body, pre_commit_home, "run", "--all-files")
    assert result.returncode == 1 and "Failed" in result.stdout and BROKEN in result.stdout, result.stdout


# pre-commit installs boardpack into an environment of its own (most of a minute); the test above runs the same
# check through pre-commit in the fast tier
@pytest.mark.slow
def test_boardpacks_own_hook_with_pre_commit_try_repo(body: Path, pre_commit_home: Path) -> None:
    """The shipped .pre-commit-hooks.yaml: pre-commit installs boardpack from its repository and runs the hook."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["boardpack-check"]
    result = pre_commit(body, pre_commit_home, "try-repo", str(REPO), "boardpack-check", "--all-files")
    assert result.returncode == 0 and "Passed" in result.stdout, result.stdout + result.stderr
    break_chair(body)
    result = pre_commit(body, pre_commit_home, "try-repo", str(REPO), "boardpack-check", "--all-files")
    assert result.returncode == 1 and BROKEN in result.stdout, result.stdout


@pytest.fixture
def preview(board):  # type: ignore[no-untyped-def]
    """`boardpack serve` on the small board, in a process of its own; yields its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "boardpack.cli", "serve", "--port", "0", "--root", str(board.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if line.startswith("serving"):
                break
        address = next((word for word in lines[-1].split() if word.startswith("http://")), None)
        assert address, "".join(lines)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.browser
def test_serve_rebuilds_on_save_and_shows_problems_on_the_page(board, preview: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait as Wait

    def WebDriverWait(driver, timeout):  # type: ignore[no-untyped-def]  # noqa: N802 - reads as Selenium's
        return Wait(driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))

    browser.get(preview + "2030-01-10/item-2-1.html")
    assert "Budget report" in browser.find_element("css selector", "h1").text
    board.replace("cover_sheets/budget.md", "title: Budget report", "title: Budget report for 2030/31")
    WebDriverWait(browser, 10).until(
        lambda b: "Budget report for 2030/31" in b.find_element("css selector", "main").text
    )
    # A mistake: the page keeps the last good build and says what is wrong, as the terminal does.
    board.replace("cover_sheets/budget.md", "responsible_officer: Olive Officer", "responsible_officer: Olive Oficer")
    banner = WebDriverWait(browser, 10).until(lambda b: b.find_elements("css selector", "[role=alert]"))[0]
    assert (
        "cover_sheets/budget.md:3: responsible officer 1: 'Olive Oficer' is not one of the board's people "
        '(did you mean "Olive Officer"?)'
    ) in banner.text
    assert "Budget report for 2030/31" in browser.find_element("css selector", "main").text
    board.replace("cover_sheets/budget.md", "responsible_officer: Olive Oficer", "responsible_officer: Olive Officer")
    WebDriverWait(browser, 10).until(lambda b: not b.find_elements("css selector", "[role=alert]"))


@pytest.mark.slow  # several whole builds under a pseudo-terminal
def test_progress_shows_on_a_terminal_and_never_in_ci(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pty

    from .conftest import AGENDA

    board.write("agendas/2030-04-10.yaml", AGENDA.replace("date: 2030-01-10", "date: 2030-04-10"))

    def build_all(out: str, *extra: str, **env: str) -> tuple[str, str]:
        """(standard output, what a terminal on standard error showed)."""
        master, terminal = pty.openpty()
        plain = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "boardpack.cli",
                "build",
                "--all",
                "--jobs",
                "1",
                "--root",
                str(board.root),
                "--out",
                str(tmp_path / out),
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=terminal,
            env={**plain, "TERM": "xterm", **env},
            text=True,
            timeout=300,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        os.close(master)
        assert result.returncode == 0, shown
        return result.stdout, shown.decode()

    output, shown = build_all("a")
    assert "\rpacks: 1 of 2\x1b[K" in shown and "\rpacks: 2 of 2\x1b[K" in shown and shown.endswith("\r\x1b[K")
    assert output.splitlines()[-1].startswith(
        f"2 packs: 2 rendered, 0 reused (sources unchanged), written to {tmp_path / 'a'} in "
    )
    for settings in ({"NO_COLOR": "1"}, {"CI": "true"}, {"TERM": "dumb"}):
        output, shown = build_all("b", **settings)
        assert shown == "" and "2 packs:" in output, settings
    output, shown = build_all("c", "--quiet")
    assert (output, shown) == ("", "")


def test_init_makes_a_git_repository_with_a_first_commit(tmp_path: Path) -> None:
    """`history`, `publish` and `check --as-at` read git (Local Government Act 1972 s.100C: the minutes open to
    inspection for six years are those of the published commits): init leaves a repository, committed."""
    folder = tmp_path / "body"
    result = CliRunner().invoke(main, ["init", str(folder), "--name", "People Scrutiny Panel"])
    assert result.exit_code == 0, result.output
    assert f"{folder} is a git repository, with the files committed: Start the papers of the People Scrutiny Panel" in (
        result.output
    )
    repo = git.Repo(folder)
    assert [c.summary for c in repo.iter_commits()] == ["Start the papers of the People Scrutiny Panel"]
    assert not repo.is_dirty(untracked_files=True)
    assert "board.yaml" in repo.git.ls_files().splitlines()


def test_init_says_how_to_commit_when_git_does_not_know_who_you_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no user.name or user.email, git cannot commit: init says so plainly, and how, instead of failing."""
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    for name, value in (("GIT_CONFIG_GLOBAL", str(empty)), ("GIT_CONFIG_NOSYSTEM", "1"), ("HOME", str(tmp_path))):
        monkeypatch.setenv(name, value)
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "body"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert (
        f"{folder} is a git repository with its files staged, not committed: git does not know who you are. Run "
        '`git config --global user.name "Your Name"` and `git config --global user.email you@example.org`, then in '
        f'{folder}: `git commit -m "Start the papers of the Example Scrutiny Panel"`'
    ) in result.output
    repo = git.Repo(folder)
    assert not repo.head.is_valid() and "board.yaml" in repo.git.diff("--cached", "--name-only").splitlines()


def test_init_schedules_its_first_meeting_on_a_working_day(tmp_path: Path) -> None:
    """Four weeks from Sunday 6 December 2026 is Sunday 3 January 2027: the first meeting moves to Monday 4th."""
    written = init_repository(tmp_path / "body", "officer-report", "People Scrutiny Panel", dt.date(2026, 12, 6))
    [agenda] = [path for path in written if path.parent.name == "agendas"]
    assert agenda.name == "2027-01-04.yaml"
    text = agenda.read_text()
    assert 'start: "7.10 pm"' in text and '"7.10" could be morning or evening' in text
