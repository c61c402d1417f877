"""Read every plan under a folder: valid plans, and invalid ones with their problems.

One broken file never stops the others. Each file is read once per load, after its kind and
size are checked (a FIFO or a device is never opened for reading, a huge file never read whole).
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from kamsite.core import frontmatter
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import SLUG, PlanFile
from kamsite.core.parse import parse_plan
from kamsite.core.portfolio import Invalid, Portfolio, check_follows
from kamsite.core.said import Said

MAX_BYTES = 5_000_000  # a plan is a page of prose, not a data dump


def plan_paths(root: Path) -> tuple[list[Path], dict[Path, OSError]]:
    """Plan files under `root` and the folders that could not be listed, in the order of their
    paths, with why each folder could not be (a plan in it would otherwise be missing without a
    word). Names starting with '_' (templates, drafts) or '.' are skipped."""
    found: list[Path] = []
    errors: list[OSError] = []
    for folder, folders, files in os.walk(root, onerror=errors.append):
        folders[:] = [name for name in folders if not name.startswith(("_", "."))]
        names = [name for name in files if not name.startswith(("_", "."))] + folders
        found += [Path(folder, name) for name in names if name.endswith(".md")]  # a folder x.md: a problem
    unlisted = {Path(exc.filename): exc for exc in errors}
    return sorted([*found, *unlisted], key=lambda p: p.relative_to(root).as_posix()), unlisted


def display(path: Path) -> str:
    """The path as messages show it: relative to the working folder when inside it. A name's
    bytes that are not UTF-8 are shown as escapes (`caf\\xe9.md`): they cannot be printed."""
    rel = os.path.relpath(path)
    shown = Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def _utf8_name(path: Path) -> bool:
    """Linux names are bytes: one that is not UTF-8 text cannot go in a link, a page or a log."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load(root: Path) -> Portfolio:
    """Every plan under `root`; raises PlanError only when `root` is not a folder."""
    if not root.is_dir():
        raise _error(display(root), Said("no such folder of plans"))
    with collector_paused():
        return _load(root)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading plans makes and drops many small objects, few of them in reference cycles (a
    caught error's traceback): Python's cycle collector ran again and again over the growing
    heap for next to nothing (a sixth of `kamsite check`'s time on 1000 plans). It runs as
    usual when the plans are read, and frees those few then."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(root: Path) -> Portfolio:
    portfolio = Portfolio()
    owners: dict[str, str] = {}
    paths, unlisted = plan_paths(root)
    if root in unlisted:
        raise _unlisted(display(root), unlisted[root])
    for path in paths:
        shown = display(path)
        data = _unlisted(shown, unlisted[path]) if path in unlisted else _bytes(path, root, shown)
        result = _parse(data, shown) if isinstance(data, bytes) else data
        duplicate = isinstance(result, PlanFile) and result.id in owners
        if isinstance(result, PlanFile) and duplicate:
            msg = Said(
                "'{id}' is already the id of {path}: give each plan its own id",
                id=result.id,
                path=owners[result.id],
            )
            result = PlanError([Problem(shown, 1, "id", msg)])
        if isinstance(result, PlanFile):
            owners[result.id] = shown
            portfolio.plans.append(result)
        else:
            readable = data if isinstance(data, bytes) and not duplicate else None
            portfolio.invalid.append(_invalid(shown, result, readable))
    check_follows(portfolio)
    _unique_pages(portfolio)
    return portfolio


def _bytes(path: Path, root: Path, shown: str) -> bytes | PlanError:
    """The file's bytes, read once; its kind and size are checked before anything is read."""
    if not _utf8_name(path.relative_to(root)):
        return _error(shown, Said("has a name that is not UTF-8: rename the file"))
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            return _error(shown, Said("is a link to a file outside the plans folder; copy the file instead"))
        refused = _refuse(path.stat(), shown)
        if refused:
            return refused
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it cannot hang
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            refused = _refuse(os.fstat(fd), shown)  # the file opened is the file checked
            return refused or _read_at_most(fd, MAX_BYTES + 1, shown)
        finally:
            os.close(fd)
    except OSError as exc:
        return _error(shown, Said("cannot be read: {reason}", reason=exc.strerror or exc))


def _unlisted(shown: str, exc: OSError) -> PlanError:
    """A folder that cannot be listed is a problem, as a file that cannot be read is."""
    return _error(shown, Said("cannot be read: {reason}", reason=exc.strerror or exc))


def _refuse(info: os.stat_result, shown: str) -> PlanError | None:
    if stat.S_ISDIR(info.st_mode):
        return _error(shown, Said("is a folder, not a plan file"))
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISFIFO(info.st_mode):
            return _error(shown, Said("is a named pipe (FIFO), not a plan file; a plan is a text file"))
        return _error(shown, Said("is a device or socket, not a plan file; a plan is a text file"))
    if info.st_size > MAX_BYTES:
        return _too_large(shown, info.st_size)
    return None


def _too_large(shown: str, size: int) -> PlanError:
    return _error(
        shown,
        Said("is {size:,} bytes; a plan may have at most {most:,}", size=size, most=MAX_BYTES),
    )


def _read_at_most(fd: int, limit: int, shown: str) -> bytes | PlanError:
    """At most `limit` bytes: a file growing while it is read is still never read whole."""
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BYTES:
        return _too_large(shown, max(size, os.fstat(fd).st_size))
    return b"".join(chunks)


def _parse(data: bytes, shown: str) -> PlanFile | PlanError:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return PlanError([Problem(shown, line, "", Said("is not UTF-8 text: save the file as UTF-8"))])
    if "\x00" in text:
        return _error(shown, Said("is a binary file, not a Markdown plan"))
    try:
        return parse_plan(text, shown)
    except PlanError as exc:
        return exc


def _error(shown: str, message: str) -> PlanError:
    return PlanError([Problem(shown, 0, "", message)])


def _invalid(shown: str, error: PlanError, data: bytes | None) -> Invalid:
    """Guess a page address (its declared id, else its file name) and a title for a plan that
    failed, from the bytes already read."""
    front = None
    try:
        if data is not None:
            front = frontmatter.read(data.decode("utf-8"), shown).data
    except (UnicodeDecodeError, ValueError):
        pass
    front = front if isinstance(front, dict) else {}
    account = front.get("account")
    name = account if isinstance(account, str) else Path(shown).stem
    declared = front.get("id")
    if isinstance(declared, str) and SLUG.fullmatch(declared):  # the id its client site had
        return Invalid(shown, declared, name, tuple(error.problems), error.warnings)
    stem = re.sub(r"[^a-z0-9-]+", "-", Path(shown).stem.lower()).strip("-") or "plan"
    return Invalid(
        shown, stem if SLUG.fullmatch(stem) else "plan", name, tuple(error.problems), error.warnings
    )


def _unique_pages(portfolio: Portfolio) -> None:
    """Invalid plans get page ids that no valid plan or other invalid plan uses."""
    taken = {p.id for p in portfolio.plans}
    for i, bad in enumerate(portfolio.invalid):
        candidate, n = bad.id, 1
        while candidate in taken:
            n += 1
            candidate = f"{bad.id}-{n}"
        taken.add(candidate)
        portfolio.invalid[i] = replace(bad, id=candidate)
