"""The build cache: each account's generated pages, kept on disk by what they are made from.

An entry's key is a digest of everything its pages are made from: the account's parsed plan and
computed progress (which carry the plan's text, the reference date and the margins), its git
history, its calendar events, its own plan's edit links, the page settings (language, day
counts, address style, audience), kamsite's version and a digest of kamsite's own code. Any
change to one of them is another key, so an entry is never stale: it is used whole or not at
all. Pages that gather every account (Portfolio, Today, People, the exports) are made at every
build.

An entry is a folder `<key>/` holding the pages, an index with each page's address and
SHA-256, and a manifest naming the key and the account it was made for, written last: a folder
is made under a temporary name and renamed into place, so a reader finds a whole entry or none.
An entry that does not read back exactly as written (a missing file, a changed byte, a broken
index), that was made for another key or account (an entry copied into place), or that holds a
link is ignored and made again, never a crash. Only text is stored (never Python objects), so a
cache restored from elsewhere can hold wrong pages at worst, never run code; pruning removes
the links such a cache may hold, never what they point to. The folder is safe to delete at any
time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Mapping
from functools import cache, partial
from pathlib import Path

import babel

from kamsite import __version__
from kamsite.render.memo import MEMO
from kamsite.render.pages.common import View, account_dir
from kamsite.render.site import AccountWork

FORMAT = 1  # the layout of an entry; a new layout is a new folder
# Entries unused for longer are removed. A new day makes every account's pages anew (they count
# days to their dates), so a cache kept by a nightly build holds about two days of pages.
KEEP_DAYS = 2
PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_digest() -> str:
    """A digest of kamsite's modules: a changed line of code changes every key."""
    digest = hashlib.sha256(f"{__version__} babel {babel.__version__}".encode())  # Babel: number formats
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def view_key(view: View) -> str:
    """The page settings, field by field (the labels by their language: their text is code),
    but the edit links (`source`), of which an account's pages read only their own plan's."""
    fields = dataclasses.fields(view)
    return repr(
        [
            (f.name, getattr(view, f.name).locale if f.name == "labels" else getattr(view, f.name))
            for f in fields
            if f.name != "source"
        ]
    )


def key(work: AccountWork, view: View, settings: str | None = None) -> str:
    """The key of an account's pages; `settings` is `view_key(view)`, computed once per build."""
    plan_id, source = work.acc.plan.id, view.source
    links = (
        (
            source.edit,
            source.view,
            source.paths.get(plan_id),
            source.plan_actions(plan_id),
        )
        if source
        else None
    )
    # the account's progress is the same object from one preview rebuild to the next: its
    # long text is kept (memo.py); the rest changes with every save
    progress = MEMO.by_identity(work.acc, "repr", partial(repr, work.acc))
    rest = (work.events, work.history, work.since_rev, work.successor, links)
    made_of = f"{FORMAT}\0{code_digest()}\0{settings or view_key(view)}\0{progress}\0{rest!r}"
    return hashlib.sha256(made_of.encode("utf-8", "surrogatepass")).hexdigest()


class PageCache:
    """Entries under `root` (created when first written)."""

    def __init__(self, root: Path) -> None:
        self.root = root / f"pages-v{FORMAT}"

    def get(self, entry: str, account: str) -> dict[str, Path] | None:
        """{address: file} of a whole, unchanged entry made for this key and account, whose
        addresses are all in the account's folder and whose files are its own; None otherwise."""
        folder = self.root / entry[:2] / entry
        under = account_dir(account)
        try:
            if not self._inside(folder) or json.loads(_read(folder / MANIFEST)) != _manifest(entry, account):
                return None  # another key's or account's entry, or one reached through a link
            index = json.loads(_read(folder / "index.json"))
            found = {}
            for address, name, sha in index:
                if not address.startswith(under) or "/" in name or name.startswith("."):
                    return None  # an entry never holds another page, nor a file elsewhere
                path = folder / name
                if hashlib.sha256(_read(path)).hexdigest() != sha:
                    return None
                found[address] = path
            os.utime(folder)  # in use: kept by `prune`
            return found
        except (OSError, ValueError, TypeError, UnicodeDecodeError):
            return None

    def put(self, entry: str, pages: Mapping[str, str], account: str) -> dict[str, Path]:
        """Store the account's pages; {address: file}. Raises OSError when the folder cannot be
        written."""
        parent = self.root / entry[:2]
        for path in (self.root, parent):  # kamsite makes no link here: write into no other folder
            _unlink_link(path)
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=parent))
        try:
            index = []
            for n, (address, content) in enumerate(pages.items()):
                data = content.encode("utf-8")
                (staging / f"{n}{Path(address).suffix}").write_bytes(data)
                index.append((address, f"{n}{Path(address).suffix}", hashlib.sha256(data).hexdigest()))
            (staging / "index.json").write_text(json.dumps(index), encoding="utf-8")
            (staging / MANIFEST).write_text(json.dumps(_manifest(entry, account)), encoding="utf-8")
            folder = parent / entry
            try:
                os.rename(staging, folder)
            except OSError:  # there already (another build made it), or a wrong entry in the way
                if self.get(entry, account) is None:
                    _remove(folder)
                    os.rename(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return {address: folder / name for address, name, _ in index}

    def prune(self, days: float = KEEP_DAYS) -> None:
        """Remove the entries no build has used for `days` (and what killed builds left), and
        every link in the cache: the link itself, never what it points to."""
        if self.root.is_symlink():
            _remove(self.root, quiet=True)
            return
        oldest = time.time() - days * 86400
        for group in _listing(self.root):
            if group.is_symlink():
                _remove(Path(group.path), quiet=True)
            elif group.is_dir(follow_symlinks=False):
                for folder in _listing(Path(group.path)):
                    if folder.is_symlink() or _mtime(folder) < oldest:
                        _remove(Path(folder.path), quiet=True)

    def _inside(self, folder: Path) -> bool:
        """Whether `folder` is where it seems: no link on the way from the cache's folder (which
        the project chooses, and may be a link) to the entry."""
        relative = folder.relative_to(self.root.parent)
        return folder.resolve() == self.root.parent.resolve() / relative


MANIFEST = "manifest.json"


def _manifest(entry: str, account: str) -> dict[str, object]:
    """What an entry was made for: its key (the digest of every input) and its account."""
    return {"format": FORMAT, "key": entry, "account": account}


def _read(path: Path) -> bytes:
    """The bytes of a file of the cache; a link or anything but a file is an OSError."""
    if path.is_symlink():  # also where the system has no O_NOFOLLOW
        raise OSError(f"{path}: a link")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a file")
        return file.read()


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []


def _unlink_link(path: Path) -> None:
    if path.is_symlink():
        path.unlink(missing_ok=True)


def _mtime(found: os.DirEntry[str]) -> float:
    try:
        return found.stat(follow_symlinks=False).st_mtime
    except OSError:
        return time.time()  # gone meanwhile, or unreadable: not to remove now


def _remove(path: Path, *, quiet: bool = False) -> None:
    """Remove a folder of the cache, or a link itself: `rmtree` refuses a link, and never goes
    through the links inside a folder. `quiet`: what cannot be removed stays (pruning is a chore,
    never a failed build)."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path)
    except FileNotFoundError:
        pass
    except OSError:
        if not quiet:
            raise
