"""The build cache: each account's generated pages, kept on disk by what they are made from.

An entry's key is a digest of everything its pages are made from: the account's parsed plan and
computed progress (which carry the plan's text, the reference date and the margins), its git
history, its calendar events, its own plan's edit links, the page settings (language, day
counts, address style, audience), kamsite's version and a digest of kamsite's own code. Any
change to one of them is another key, so an entry is never stale: it is used whole or not at
all. Pages that gather every account (Portfolio, Today, People, the exports) are made at every
build.

An entry is a folder `<key>/` holding the pages and an index with each page's address and
SHA-256, written last: a folder is made under a temporary name and renamed into place, so a
reader finds a whole entry or none. An entry that does not read back exactly as written (a
missing file, a changed byte, a broken index) is ignored and made again, never a crash. Only
text is stored (never Python objects), so a cache restored from elsewhere can hold wrong pages
at worst, never run code. The folder is safe to delete at any time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from functools import cache, partial
from pathlib import Path

import babel

from kamsite import __version__
from kamsite.render.memo import MEMO
from kamsite.render.pages.common import View
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

    def get(self, entry: str, under: str) -> dict[str, Path] | None:
        """{address: file} of a whole, unchanged entry whose addresses are all `under` the
        account's folder; None otherwise."""
        folder = self.root / entry[:2] / entry
        try:
            index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
            found = {}
            for address, name, sha in index:
                if not address.startswith(under) or "/" in name or name.startswith("."):
                    return None  # an entry never holds another page, nor a file elsewhere
                path = folder / name
                if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                    return None
                found[address] = path
            os.utime(folder)  # in use: kept by `prune`
            return found
        except (OSError, ValueError, TypeError, UnicodeDecodeError):
            return None

    def put(self, entry: str, pages: Mapping[str, str]) -> dict[str, Path]:
        """Store the pages; {address: file}. Raises OSError when the folder cannot be written."""
        parent = self.root / entry[:2]
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=parent))
        try:
            index = []
            for n, (address, content) in enumerate(pages.items()):
                data = content.encode("utf-8")
                (staging / f"{n}{Path(address).suffix}").write_bytes(data)
                index.append((address, f"{n}{Path(address).suffix}", hashlib.sha256(data).hexdigest()))
            (staging / "index.json").write_text(json.dumps(index), encoding="utf-8")
            folder = parent / entry
            try:
                os.rename(staging, folder)
            except OSError:  # there already (another build made it), or a broken entry in the way
                if self.get(entry, "") is None:
                    shutil.rmtree(folder, ignore_errors=True)
                    os.rename(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return {address: folder / name for address, name, _ in index}

    def prune(self, days: float = KEEP_DAYS) -> None:
        """Remove the entries no build has used for `days` (and what killed builds left)."""
        oldest = time.time() - days * 86400
        for folder in self.root.glob("*/*"):
            try:
                if folder.stat().st_mtime < oldest:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
