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
from kamsite.shell.loader import MAX_BYTES

# NUL separates the fields: git cannot store it in a name, so no author can forge a field or a record.
# With -z each record is "\0sha\0date\0author\0\0", then (with --name-only) each file name and a NUL.
LOG_FORMAT = "--format=%x00%H%x00%as%x00%an%x00"
logger = logging.getLogger("kamsite.history")
_warned: set[str] = set()


class HistoryError(KamsiteError):
    """A revision git does not know."""


def _git(cwd: Path, *args: str, stdin: str | None = None) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],  # names as they are: 'são-lucas.md'
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
            errors="replace",
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def _log(cwd: Path, *args: str) -> list[tuple[str, Revision, list[str]]]:
    """`git log` as (sha, revision, names) records, newest first."""
    return _records(_git(cwd, "log", "-z", LOG_FORMAT, *args) or "")


def _records(log_text: str) -> list[tuple[str, Revision, list[str]]]:
    """`git log -z` output in LOG_FORMAT (with --name-only or not) as (sha, revision, names).
    A name is never empty, so the first empty field after a record's names starts the next one.

    History is data like a plan: a commit whose date or author cannot be read (a year past 9999,
    a control character in the name) is skipped with a warning, and every other commit counts.
    """
    out = []
    fields = log_text.split("\x00")
    i = 0
    while i + 4 < len(fields):
        sha, day, author = fields[i + 1 : i + 4]
        end = i + 5
        while end < len(fields) and fields[end]:
            end += 1
        names = fields[i + 5 : end]
        if names:
            names[0] = names[0].removeprefix("\n")  # the line break git puts before the names
        revision = _revision(sha, day, author)
        if revision is not None:
            out.append((sha, revision, names))
        i = end
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
    updates: dict[Path, Revision] = {}
    for _, revision, names in _log(root, "--name-only", "--", ".") if top else []:
        for name in names:
            updates.setdefault((top / name).resolve(), revision)  # type: ignore[operator]
    return updates


def entered(root: Path, plan: Path) -> dict[str, dict[date, Revision]]:
    """{goal id: {actual's date: the first commit that had it}} for one plan."""
    top = top_level(root)
    if top is None:
        return {}
    snapshots = _snapshots(top, plan.resolve().relative_to(top).as_posix())
    readable = _readable(top, [spec for spec, _ in snapshots])
    found: dict[str, dict[date, Revision]] = {}
    for spec, revision in reversed(snapshots):  # oldest first
        text = _git(top, "show", spec) if spec in readable else None
        for goal_id, day in _actuals(text or ""):
            found.setdefault(goal_id, {}).setdefault(day, revision)
    return found


def _snapshots(top: Path, name: str) -> list[tuple[str, Revision]]:
    """('commit:path', revision) of each commit of one plan file, newest first, through its
    moves (`git mv`): the history is the plan's own, whatever its path was then."""
    found = []
    for sha, revision, names in _log(top, "--follow", "--name-only", "--", name):
        name = names[-1] if names else name  # a merge lists no names: the path of the commit after it
        found.append((f"{sha}:{name}", revision))
    return found


def _readable(top: Path, specs: list[str]) -> set[str]:
    """The 'commit:path' snapshots no larger than a plan may be, their sizes asked of git in one
    call: a snapshot is read with the same limits as a plan, and an oversized one never read."""
    asked = [spec for spec in specs if "\n" not in spec]  # one spec per line of git's input
    sizes = _git(top, "cat-file", "--batch-check=%(objectsize)", stdin="".join(f"{s}\n" for s in asked))
    return {
        spec
        for spec, size in zip(asked, (sizes or "").splitlines(), strict=False)
        if size.isdigit() and int(size) <= MAX_BYTES
    }


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
    if not commit or shallow(root):  # its first commit would seem to have written every plan
        return {}
    return dict(_histories(root.resolve(), tuple(p.resolve() for p in plans), commit))


def shallow(root: Path) -> bool:
    """Whether the repository holding `root` lacks its early commits (a CI checkout of one)."""
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


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
        hint = ": this clone is shallow, fetch the whole history (fetch-depth: 0)" if shallow(root) else ""
        raise HistoryError(f"'{rev}' is not a tag, commit or date that git knows here{hint}")
    records = _log(root, "-1", sha.strip())
    if not records:
        raise HistoryError(f"'{rev}' is commit {sha.strip()[:12]}, whose author or date cannot be read")
    return records[0][0], records[0][1]


def plans_at(root: Path, sha: str) -> dict[str, str]:
    """{path of a plan under `root`, relative to it: its text at commit `sha`}; a plan larger
    than a plan may be is left out unread."""
    top = top_level(root)
    if top is None:
        return {}
    prefix = root.resolve().relative_to(top).as_posix()
    listing = _git(top, "ls-tree", "-r", "-l", "-z", sha, "--", prefix) or ""
    texts = {}
    for entry in filter(None, listing.split("\x00")):
        info, _, name = entry.partition("\t")  # "mode type object size", a tab, the path
        relative = name[len(prefix) + 1 :] if prefix != "." else name
        if not name.endswith(".md") or any(p.startswith(("_", ".")) for p in relative.split("/")):
            continue
        size = info.split()[-1]
        text = _git(top, "show", f"{sha}:{name}") if size.isdigit() and int(size) <= MAX_BYTES else None
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
    """The plan file's text as committed on or before each day, by author date, under the path
    it had then (None: the file did not exist yet; a day left out: a snapshot too large to be a
    plan, not known). None when there is no usable history: not a repository, no commit of the
    file, or a shallow clone whose early commits are missing."""
    top = top_level(root)
    if top is None or shallow(top):
        return None
    snapshots = _snapshots(top, plan.resolve().relative_to(top).as_posix())
    if not snapshots:
        return None
    picked = {day: next((spec for spec, rev in snapshots if rev.day <= day), None) for day in days}
    shown = {spec: _git(top, "show", spec) for spec in _readable(top, sorted(filter(None, picked.values())))}
    found: dict[date, str | None] = {}
    for day, spec in picked.items():
        if spec is None or spec in shown:
            found[day] = shown[spec] if spec else None
    return found
