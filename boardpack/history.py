"""When and by whom an action or tracker row was changed, read from the git history of actions.yaml."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import git

from .errors import BoardpackError, Problem, Problems
from .yamlread import read_yaml

LOG_FILE = "actions.yaml"


@dataclass(frozen=True)
class Change:
    """One commit that changed the item."""

    date: dt.datetime
    author: str
    message: str
    commit: str
    fields: tuple[str, ...]


def _find(data: Any, key: str) -> tuple[str, dict[str, Any]] | None:
    """The action or tracker row named `key` ("A1", "R8" or "camhs-ewmh/R8") in parsed actions.yaml."""
    if not isinstance(data, dict):
        return None
    tracker_id, _, row_id = key.rpartition("/")
    if not tracker_id:
        for action in _list(data.get("actions")):
            if isinstance(action, dict) and str(action.get("id")) == key:
                return f"action {key}", action
    for tracker in _list(data.get("trackers")):
        if not isinstance(tracker, dict) or (tracker_id and tracker.get("id") != tracker_id):
            continue
        for row in _list(tracker.get("rows")):
            if isinstance(row, dict) and str(row.get("id")) == row_id:
                return f"{row_id} in tracker {tracker.get('id')}", row
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@lru_cache(maxsize=64)
def _parse(text: str) -> Any:
    """actions.yaml as parsed (kept: the web edition reads each version once for every action and row; the result is
    only read)."""
    data, _ = read_yaml(text, LOG_FILE, Problems())
    return data


def _changed_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> tuple[str, ...]:
    if before is None:
        return ("added",)
    return tuple(sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))


def repository(root: Path) -> tuple[git.Repo, str] | None:
    """The git repository holding `root`, and `root`'s folder inside it ("." at its top); None outside git."""
    if not any((folder / ".git").exists() for folder in (root.resolve(), *root.resolve().parents)):
        return None  # no history to read: GitPython is not even imported
    import git  # only a command that reads the history pays for GitPython

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    working_tree = repo.working_tree_dir
    assert working_tree is not None  # root is in it, so it is not a bare repository
    return repo, root.resolve().relative_to(Path(working_tree).resolve()).as_posix()


def _in_repository(prefix: str, relative: str) -> str:
    """A file's path in the repository, from its path in the board's folder `prefix`."""
    return posixpath.normpath(posixpath.join(prefix, relative))


def item_history(root: Path, key: str) -> tuple[str, list[Change], bool]:
    """(what the item is, its changes newest first, whether the working copy has uncommitted changes to it)."""
    import git  # only a command that reads the history pays for GitPython

    found = repository(root)
    if found is None:
        raise BoardpackError([Problem(str(root), 0, "", "is not in a git repository, so there is no history to read")])
    repo, prefix = found
    relative = _in_repository(prefix, LOG_FILE)
    try:
        current_text = (root / LOG_FILE).read_text(encoding="utf-8") if (root / LOG_FILE).exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise BoardpackError([Problem(LOG_FILE, 0, "", f"cannot be read: {error}")]) from None
    current = _find(_parse(current_text), key)
    versions: list[tuple[git.Commit, dict[str, Any] | None]] = []
    label = current[0] if current else None
    try:
        commits = list(repo.iter_commits(paths=relative))
    except (git.GitCommandError, ValueError):
        commits = []
    for commit in commits:
        try:
            text = (commit.tree / relative).data_stream.read().decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            versions.append((commit, None))
            continue
        entry = _find(_parse(text), key)
        label = label or (entry[0] if entry else None)
        versions.append((commit, entry[1] if entry else None))
    if label is None:
        raise BoardpackError(
            [
                Problem(
                    "command line",
                    0,
                    "ITEM",
                    f"there is no action or tracker row '{key}' in {LOG_FILE}, now or in its history",
                )
            ]
        )
    changes = []
    for index, (commit, item) in enumerate(versions):
        before = versions[index + 1][1] if index + 1 < len(versions) else None
        if item is not None and item != before:
            changes.append(
                Change(
                    commit.committed_datetime,
                    commit.author.name or "",
                    _subject(commit.message),
                    commit.hexsha[:8],
                    _changed_fields(before, item),
                )
            )
    head_item = versions[0][1] if versions else None
    uncommitted = (current[1] if current else None) != head_item
    return label, changes, uncommitted


def _subject(message: str | bytes) -> str:
    """The first line of a commit's message. GitPython leaves a message bytes when its encoding is unknown;
    such a line is shown as Python prints bytes, as it always was."""
    first = message.strip().splitlines()[0] if message.strip() else ""
    return first if isinstance(first, str) else str(first)


def render_history(root: Path, key: str, as_at: dt.date | None, today: dt.date | None = None) -> str:
    """The item's changes committed by the end of `as_at` (later commits are not yet history then). Without
    `as_at`, every change, and "N days before" is measured from the repository's latest commit (the version read),
    never from today: a board whose history is years old reads as it was kept."""
    label, changes, uncommitted = item_history(root, key)
    later = 0 if as_at is None else sum(change.date.date() > as_at for change in changes)
    if as_at is not None:
        changes = [change for change in changes if change.date.date() <= as_at]
    lines = []
    if changes and as_at is None:
        read_at = latest_commit(root) or changes[0].date.date()
        days = (read_at - changes[0].date.date()).days
        lines.append(
            f"{label}: changed in {len(changes)} commit{'s' if len(changes) != 1 else ''}; last on "
            f"{changes[0].date:%d %B %Y}, {days} day{'s' if days != 1 else ''} before the latest commit "
            f"({read_at:%d %B %Y})"
        )
    elif changes and as_at is not None:
        days = (as_at - changes[0].date.date()).days
        lines.append(
            f"{label}: changed in {len(changes)} commit{'s' if len(changes) != 1 else ''} by {as_at:%d %B %Y}; "
            f"last on {changes[0].date:%d %B %Y}, {days} day{'s' if days != 1 else ''} before"
        )
    else:
        lines.append(f"{label}: never committed" + (f" by {as_at:%d %B %Y}" if as_at else ""))
    if later:
        lines.append(f"  ({later} later commit{'s' if later != 1 else ''} left out)")
    if uncommitted and (as_at is None or as_at >= (today or dt.date.today())):
        lines.append("  (actions.yaml has uncommitted changes to it)")
    for change in changes:
        lines.append(
            f"  {change.date:%Y-%m-%d}  {change.commit}  {change.author}: {change.message}  "
            f"[{', '.join(change.fields)}]"
        )
    return "\n".join(lines) + "\n"


def latest_commit(root: Path) -> dt.date | None:
    """The day of the latest commit of the repository holding `root` (None outside git, or with no commits)."""
    found = repository(root)
    if found is None:
        return None
    import git  # only a command that reads the history pays for GitPython

    try:
        return found[0].head.commit.committed_datetime.date()
    except (git.GitCommandError, ValueError):
        return None


def text_when_first(root: Path, watched: str, predicate: Callable[[str], bool], read: str) -> str | None:
    """The text of the file `read` in the first commit where the file `watched` satisfies `predicate`
    (both paths from `root`); None when there is no git history or no such commit."""
    found = repository(root)
    if found is None:
        return None
    import git  # only a command that reads the history pays for GitPython

    repo, prefix = found
    watched_path, read_path = _in_repository(prefix, watched), _in_repository(prefix, read)
    try:
        for commit in repo.iter_commits(paths=watched_path, reverse=True):
            try:
                if predicate((commit.tree / watched_path).data_stream.read().decode("utf-8")):
                    text: str = (commit.tree / read_path).data_stream.read().decode("utf-8")
                    return text
            except (KeyError, UnicodeDecodeError):
                continue
    except (git.GitCommandError, ValueError):
        return None
    return None


def committed_text(root: Path, relative: str, date: dt.date) -> str | None:
    """A file's text as last committed by the end of `date` (None: not in git, or not committed by then)."""
    found = repository(root)
    if found is None:
        return None
    import git  # only a command that reads the history pays for GitPython

    repo, prefix = found
    path = _in_repository(prefix, relative)
    until = dt.datetime.combine(date, dt.time.max).isoformat()
    try:
        commit = next(repo.iter_commits(paths=path, until=until, max_count=1), None)
        return None if commit is None else (commit.tree / path).data_stream.read().decode("utf-8")
    except (git.GitCommandError, KeyError, ValueError, UnicodeDecodeError):
        return None
