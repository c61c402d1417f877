"""Read every plan under a folder: valid plans, and invalid ones with their problems.

One broken file never stops the others. Parsed plans are cached by file content, so a
live preview re-parses only the plans that changed.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from kamsite.core import frontmatter
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import SLUG, PlanFile
from kamsite.core.parse import parse_plan
from kamsite.core.portfolio import Invalid, Portfolio, check_follows

MAX_BYTES = 5_000_000  # a plan is a page of prose, not a data dump
_cache: dict[tuple[str, str], PlanFile | PlanError] = {}  # (path, sha-256 of the text) -> result


def plan_paths(root: Path) -> list[Path]:
    """Plan files under `root`; names starting with '_' (templates, drafts) are skipped."""
    found = [
        p for p in root.rglob("*.md")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def display(path: Path) -> str:
    """The path as messages show it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def load(root: Path) -> Portfolio:
    """Every plan under `root`; raises PlanError only when `root` is not a folder."""
    if not root.is_dir():
        raise _error(display(root), "no such folder of plans")
    portfolio = Portfolio()
    owners: dict[str, str] = {}
    for path in plan_paths(root):
        shown = display(path)
        result = _read(path, root, shown)
        if isinstance(result, PlanFile) and result.id in owners:
            msg = f"'{result.id}' is already the id of {owners[result.id]}: give each plan its own id"
            result = PlanError([Problem(shown, 1, "id", msg)])
        if isinstance(result, PlanFile):
            owners[result.id] = shown
            portfolio.plans.append(result)
        else:
            portfolio.invalid.append(_invalid(path, shown, result))
    check_follows(portfolio)
    _unique_pages(portfolio)
    return portfolio


def _read(path: Path, root: Path, shown: str) -> PlanFile | PlanError:
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            return _error(shown, "is a link to a file outside the plans folder; copy the file instead")
        data = path.read_bytes()
    except OSError as exc:
        return _error(shown, f"cannot be read: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return _error(shown, f"is {len(data):,} bytes; a plan may have at most {MAX_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return PlanError([Problem(shown, line, "", "is not UTF-8 text: save the file as UTF-8")])
    if "\x00" in text:
        return _error(shown, "is a binary file, not a Markdown plan")
    key = (shown, hashlib.sha256(data).hexdigest())
    if key not in _cache:
        try:
            _cache[key] = parse_plan(text, shown)
        except PlanError as exc:
            _cache[key] = exc
    return _cache[key]


def _error(shown: str, message: str) -> PlanError:
    return PlanError([Problem(shown, 0, "", message)])


def _invalid(path: Path, shown: str, error: PlanError) -> Invalid:
    """Guess a page address and a title for a plan that failed, from what can be read."""
    data = None
    try:
        if path.stat().st_size <= MAX_BYTES and path.resolve().is_relative_to(path.parent.resolve()):
            data = frontmatter.read(path.read_text("utf-8"), shown).data
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    data = data if isinstance(data, dict) else {}
    account = data.get("account")
    name = account if isinstance(account, str) else path.stem
    stem = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-") or "plan"
    return Invalid(shown, stem if SLUG.fullmatch(stem) else "plan", name, tuple(error.problems))


def _unique_pages(portfolio: Portfolio) -> None:
    """Invalid plans get page ids that no valid plan or other invalid plan uses."""
    taken = {p.id for p in portfolio.plans}
    for i, bad in enumerate(portfolio.invalid):
        candidate, n = bad.id, 1
        while candidate in taken:
            n += 1
            candidate = f"{bad.id}-{n}"
        taken.add(candidate)
        portfolio.invalid[i] = Invalid(bad.path, candidate, bad.name, bad.problems)
