"""Live preview: after a save, the pages of the accounts that did not change are not rendered
again.

`mkdocs serve` empties its site folder and renders every page on each rebuild, so the wait after
a save grew with the portfolio. While serving, kamsite keeps a hard link to each file a build
wrote for an account, with the key its pages were made with (the build cache's key: the plan,
its history, the build settings) and a digest of what the theme wraps every page in (the
configuration file and the project's other files, which give the navigation its entries and
titles). On the next rebuild an account whose key and wrapping are both unchanged is left out
of it, and its files are linked back into the site folder when the build ends, with its search
entries. A plan that changed, a new day (`as_of` is in the key) or an edited page of `docs/`
makes the pages again.

What the preview leaves out while an account is kept: its pages are not in that rebuild's
sitemap (the published site is built in full by `mkdocs build`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kamsite.render.search import Entry


@dataclass
class Kept:
    """What a build wrote for one account: its key, its files (site path -> kept copy), its
    search entries."""

    key: str
    wrap: str
    files: dict[str, Path]
    entries: list[Entry] = field(default_factory=list)


def wrapping(config_file: str | None, sources: Iterable[str], theme_dirs: Iterable[str]) -> str:
    """A digest of what the theme puts around every page: the configuration file and the
    state of the project's other files and theme folders (names, sizes, modification times)."""
    digest = hashlib.sha256()
    if config_file:
        digest.update(Path(config_file).read_bytes())
    stats = [*sources]
    for folder in theme_dirs:
        stats += [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]
    for path in sorted(stats):
        try:
            info = os.stat(path)
        except OSError:
            continue
        digest.update(f"\n{path}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Preview:
    """The accounts' files of the last build, kept while a server runs."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.kept: dict[str, Kept] = {}

    def reusable(self, account: str, key: str, wrap: str) -> bool:
        kept = self.kept.get(account)
        return kept is not None and kept.key == key and kept.wrap == wrap

    def keep(
        self, account: str, key: str, wrap: str, site_dir: Path, paths: Iterable[str], entries: list[Entry]
    ) -> None:
        """Links the account's files from the site folder, as this build wrote them."""
        if self.root is None:
            self.root = Path(tempfile.mkdtemp(prefix="kamsite-preview-"))
        folder = self.root / hashlib.sha256(account.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        shutil.rmtree(folder, ignore_errors=True)
        files: dict[str, Path] = {}
        try:
            for i, path in enumerate(paths):
                kept = folder / str(i)
                kept.parent.mkdir(parents=True, exist_ok=True)
                _link(site_dir / path, kept)
                files[path] = kept
        except OSError:  # not written (an empty page) or no room: the account is made next time
            self.kept.pop(account, None)
            return
        self.kept[account] = Kept(key, wrap, files, entries)

    def restore(self, account: str, site_dir: Path) -> list[Entry]:
        """Links the account's kept files back into the (emptied) site folder."""
        kept = self.kept[account]
        folders: set[Path] = set()
        for path, source in kept.files.items():
            target = site_dir / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            _link(source, target)
        return kept.entries

    def forget(self, accounts: Mapping[str, object]) -> None:
        """Drops the accounts that are no longer in the portfolio."""
        for gone in set(self.kept) - set(accounts):
            del self.kept[gone]

    def close(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
        self.root, self.kept = None, {}


def _link(source: Path, target: Path) -> None:
    """A second name for the file (the next build empties the site folder by unlinking, so the
    kept name keeps the content); a copy where links are not possible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
