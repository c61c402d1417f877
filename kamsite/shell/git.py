"""Plan history from the real git: the last change of each plan, the plans as they were at a
revision, and the commit that first entered each goal actual.

Outside a repository, or without git, there is simply no history.
"""

from __future__ import annotations

import functools
import logging
import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

from kamsite.core import frontmatter
from kamsite.core.errors import KamsiteError
from kamsite.core.model import PlanHistory, Revision

# NUL separates the fields: git cannot store it in a name, so no author can forge a field or a record.
# Each record is "\0sha\0date\0author\0" followed by the file names (with --name-only).
LOG_FORMAT = "--format=%x00%H%x00%as%x00%an%x00"
logger = logging.getLogger("kamsite.history")
_warned: set[str] = set()


class HistoryError(KamsiteError):
    """A revision git does not know."""


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
            errors="replace",
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def _records(log_text: str) -> list[tuple[str, Revision, list[str]]]:
    """`git log` output in LOG_FORMAT (with --name-only or not) as (sha, revision, names).

    History is data like a plan: a commit whose date or author cannot be read (a year past 9999,
    a control character in the name) is skipped with a warning, and every other commit counts.
    """
    out = []
    parts = log_text.split("\x00")[1:]
    for i in range(0, len(parts) - 3, 4):
        sha, day, author, names = parts[i : i + 4]
        revision = _revision(sha, day, author)
        if revision is not None:
            out.append((sha, revision, [n for n in names.split("\n") if n]))
    return out


def _revision(sha: str, day: str, author: str) -> Revision | None:
    try:
        when = date.fromisoformat(day)
    except ValueError:
        _skip(sha, f"its author date '{_shown(day)}' is not a date kamsite can show")
        return None
    if any(unicodedata.category(c) == "Cc" for c in author):
        _skip(sha, "its author name contains control characters")
        return None
    return Revision(when, author)


def _shown(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)[:40]


def _skip(sha: str, reason: str) -> None:
    """Warn once per commit and process (a live preview rebuilds often); not a plan problem, so
    it does not fail a strict build: history cannot be fixed by editing a plan."""
    if sha not in _warned:
        _warned.add(sha)
        logger.warning(f"git history: commit {_shown(sha)[:12]} is skipped: {reason}")


def top_level(root: Path) -> Path | None:
    found = _git(root, "rev-parse", "--show-toplevel")
    return Path(found.strip()) if found else None


def last_updates(root: Path) -> dict[Path, Revision]:
    """{plan file: its last commit} for every file under `root` that git has history for."""
    top = top_level(root)
    log = _git(root, "log", LOG_FORMAT, "--name-only", "--", ".") if top else None
    updates: dict[Path, Revision] = {}
    for _, revision, names in _records(log or ""):
        for name in names:
            updates.setdefault((top / name).resolve(), revision)  # type: ignore[operator]
    return updates


def entered(root: Path, plan: Path) -> dict[str, dict[date, Revision]]:
    """{goal id: {actual's date: the first commit that had it}} for one plan."""
    top = top_level(root)
    if top is None:
        return {}
    name = plan.resolve().relative_to(top).as_posix()
    log = _git(top, "log", "--reverse", LOG_FORMAT, "--", name)
    found: dict[str, dict[date, Revision]] = {}
    for sha, revision, _ in _records(log or ""):
        text = _git(top, "show", f"{sha}:{name}")
        for goal_id, day in _actuals(text or ""):
            found.setdefault(goal_id, {}).setdefault(day, revision)
    return found


def _actuals(text: str) -> list[tuple[str, date]]:
    data = frontmatter.read(text, "").data
    goals = data.get("goals") if isinstance(data, dict) else None
    pairs = []
    for goal in goals if isinstance(goals, list) else []:
        actuals = goal.get("actuals") if isinstance(goal, dict) else None
        for key in actuals if isinstance(actuals, dict) else []:
            try:
                pairs.append((str(goal.get("id")), date.fromisoformat(str(key))))
            except ValueError:
                continue
    return pairs


def histories(root: Path, plans: list[Path], commit: str | None = None) -> dict[Path, PlanHistory]:
    """The history of each plan file (resolved path -> PlanHistory), at `commit` (the HEAD the
    caller already asked for) or at HEAD.

    Cached by that commit, so a live preview rebuilding after each edit asks git only when a
    commit was made.
    """
    commit = commit or head(root)
    if not commit:
        return {}
    return dict(_histories(root.resolve(), tuple(p.resolve() for p in plans), commit))


@functools.lru_cache(maxsize=8)
def _histories(root: Path, plans: tuple[Path, ...], head: str) -> tuple[tuple[Path, PlanHistory], ...]:
    updates = last_updates(root)
    return tuple((p, PlanHistory(updates[p], entered(root, p))) for p in plans if p in updates)


def resolve(root: Path, rev: str) -> tuple[str, Revision]:
    """A tag, commit or date (YYYY-MM-DD: the last commit on or before that day)."""
    sha = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if not sha and re.fullmatch(r"\d{4}-\d{2}-\d{2}", rev):
        sha = _git(root, "rev-list", "-1", f"--before={rev} 23:59:59", "HEAD")
    if not sha or not sha.strip():
        raise HistoryError(f"'{rev}' is not a tag, commit or date that git knows here")
    records = _records(_git(root, "log", "-1", LOG_FORMAT, sha.strip()) or "")
    if not records:
        raise HistoryError(f"'{rev}' is commit {sha.strip()[:12]}, whose author or date cannot be read")
    return records[0][0], records[0][1]


def plans_at(root: Path, sha: str) -> dict[str, str]:
    """{path of a plan under `root`, relative to it: its text at commit `sha`}."""
    top = top_level(root)
    if top is None:
        return {}
    prefix = root.resolve().relative_to(top).as_posix()
    listing = _git(top, "ls-tree", "-r", "--name-only", sha, "--", prefix) or ""
    texts = {}
    for name in listing.splitlines():
        relative = name[len(prefix) + 1 :] if prefix != "." else name
        if not name.endswith(".md") or any(p.startswith(("_", ".")) for p in relative.split("/")):
            continue
        text = _git(top, "show", f"{sha}:{name}")
        if text is not None:
            texts[relative] = text
    return texts


def head(root: Path) -> str | None:
    """The commit checked out in the repository holding `root` (None: not a repository)."""
    found = _git(root, "rev-parse", "HEAD")
    return found.strip() if found else None


@functools.lru_cache(maxsize=4096)
def texts_at(root: Path, plan: Path, days: tuple[date, ...], commit: str) -> dict[date, str | None] | None:
    """`texts_on` for a repository at `commit`, kept while that commit is checked out (a live
    preview asks for every plan after each save)."""
    return texts_on(root, plan, list(days))


def texts_on(root: Path, plan: Path, days: list[date]) -> dict[date, str | None] | None:
    """The plan file's text as committed on or before each day, by author date (None: the
    file did not exist yet). None when there is no usable history: not a repository, no
    commit of the file, or a shallow clone whose early commits are missing."""
    top = top_level(root)
    if top is None or (_git(top, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return None
    name = plan.resolve().relative_to(top).as_posix()
    commits = _records(_git(top, "log", LOG_FORMAT, "--", name) or "")  # newest first
    if not commits:
        return None
    shown: dict[str, str | None] = {}
    found: dict[date, str | None] = {}
    for day in days:
        sha = next((sha for sha, rev, _ in commits if rev.day <= day), None)
        if sha and sha not in shown:
            shown[sha] = _git(top, "show", f"{sha}:{name}")
        found[day] = shown[sha] if sha else None
    return found
