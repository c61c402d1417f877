"""Live preview: after a save, the pages of the accounts that did not change are not rendered
again.

`mkdocs serve` empties its site folder and renders every page on each rebuild, so the wait after
a save grew with the portfolio. While serving, kamsite keeps a hard link to each file a build
wrote for an account (in a copy of the account's folder), with the key its pages were made with
(the build cache's key: the plan, its history, the build settings) and a digest of what the
theme wraps every page in (the configuration file and the project's other files, which give the
navigation its entries and titles). On the next rebuild an account whose key and wrapping are
both unchanged is left out of it, and its folder is linked back into the site folder when the
build ends (one symbolic link to the kept copy; a hard link per file where the system has no
symbolic links), with its search entries. A plan that changed, a new day (`as_of` is in the key)
or an edited page of `docs/` makes the pages again.

What the preview leaves out while an account is kept: its pages are not in that rebuild's
sitemap (the published site is built in full by `mkdocs build`).

The kept copies live in a temporary folder, removed however the server stops: on Ctrl-C MkDocs
calls every plugin's `on_shutdown`; `kill` and a closed terminal are made to stop it the same
way; and should the process end otherwise, the folder goes when Python exits.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kamsite.render.search import Entry


@dataclass
class Kept:
    """What a build wrote for one account: its key, its folder in the site and the kept copy
    of that folder, its files there (paths from that folder), its search entries."""

    key: str
    wrap: str
    under: str
    folder: Path
    files: list[str]
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
        self._removal: Callable[[], object] | None = None

    def reusable(self, account: str, key: str, wrap: str) -> bool:
        kept = self.kept.get(account)
        return kept is not None and kept.key == key and kept.wrap == wrap

    def keep(
        self,
        account: str,
        key: str,
        wrap: str,
        site_dir: Path,
        under: str,
        paths: Iterable[str],
        entries: list[Entry],
    ) -> None:
        """Links the account's files from its folder `under` of the site, as this build wrote
        them, into a copy of that folder."""
        if self.root is None:
            self.root = Path(tempfile.mkdtemp(prefix="kamsite-preview-"))
            # at close, or when Python exits: whichever comes first, once
            self._removal = weakref.finalize(self, shutil.rmtree, self.root, ignore_errors=True)
        folder = self.root / hashlib.sha256(account.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        shutil.rmtree(folder, ignore_errors=True)
        files = [path.removeprefix(under) for path in paths]
        try:
            if any(not path.startswith(under) for path in paths):
                raise OSError("a file outside the account's folder")
            for name in files:
                kept = folder / name
                kept.parent.mkdir(parents=True, exist_ok=True)
                _link(site_dir / under / name, kept)
        except OSError:  # not written (an empty page) or no room: the account is made next time
            self.kept.pop(account, None)
            return
        self.kept[account] = Kept(key, wrap, under, folder, files, entries)

    def restore(self, account: str, site_dir: Path) -> list[Entry]:
        """Puts the account's kept folder back into the (emptied) site folder: one link to the
        whole folder where the rebuild wrote nothing in it, else a link per file."""
        kept = self.kept[account]
        target = site_dir / kept.under
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(kept.folder, target, target_is_directory=True)
            return kept.entries
        except (OSError, NotImplementedError):  # written to by this rebuild, or no symbolic links here
            pass
        folders: set[Path] = set()
        for name in kept.files:
            path = target / name
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            _link(kept.folder / name, path)
        return kept.entries

    def forget(self, accounts: Mapping[str, object]) -> None:
        """Drops the accounts that are no longer in the portfolio."""
        for gone in set(self.kept) - set(accounts):
            del self.kept[gone]

    def close(self) -> None:
        if self._removal is not None:
            self._removal()
        self.root, self.kept, self._removal = None, {}, None


STOPS = (signal.SIGTERM, signal.SIGHUP)  # `kill`, an editor's stop button, a closed terminal


def stop_as_on_ctrl_c() -> Callable[[], None]:
    """Makes `kill` and a hang-up stop the server as Ctrl-C does (MkDocs then shuts it down and
    calls `on_shutdown`, where the temporary folders go); by default they end the process at once.
    Only signals nobody else handles, from the main thread; returns what puts them back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    taken = [stop for stop in STOPS if signal.getsignal(stop) == signal.SIG_DFL]
    for stop in taken:
        signal.signal(stop, _interrupt)

    def put_back() -> None:
        for stop in taken:
            signal.signal(stop, signal.SIG_DFL)

    return put_back


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _link(source: Path, target: Path) -> None:
    """A second name for the file (the next build empties the site folder by unlinking, so the
    kept name keeps the content); a copy where links are not possible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
