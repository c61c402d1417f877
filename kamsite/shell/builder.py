"""`kamsite build`: team and client sites, written beside the old site and swapped in whole.

A failed build leaves the previous site untouched; so does a killed one. The new site is
written into a hidden folder beside the published one (`.public.new-*`) and, on Linux, exchanged
with it in one atomic step (`renameat2(RENAME_EXCHANGE)`): a reader always finds either the
complete old site or the complete new one. Where the system cannot exchange two folders (other
kernels, some network file systems), two renames are the fallback: for that moment there is no
`public/`, and should the build be killed between them, the next build puts the old site back.
One build at a time writes a folder: a lock file beside it (`.public.lock`) makes a second one
stop with a clear message; the leftovers of killed builds are removed by the next build.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from kamsite.core.errors import KamsiteError
from kamsite.core.portfolio import Invalid, Portfolio
from kamsite.core.said import Said
from kamsite.render import terminal
from kamsite.render.labels import Labels
from kamsite.shell import engines, loader
from kamsite.shell.plugin import Summary

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent builds are the host's to avoid
    fcntl = None  # type: ignore[assignment]


# MkDocs' loggers are named after its package: "properdocs" where ProperDocs has taken its name
ENGINE_LOG = mkdocs.__name__


class BuildError(KamsiteError):
    """The build failed; the message says why, the old site is still in place."""


BUSY = "another build is writing {target}/: try again when it has finished"


def build_site(
    config_file: Path,
    target: Path,
    *,
    audience: str = "team",
    account: str | None = None,
    strict: bool = False,
    since: str | None = None,
    labels: Labels | None = None,
    begin: Callable[[], object] = lambda: None,
    engine: str = engines.DEFAULT,
) -> Summary:
    """Build one site into `target` with `engine`; returns what it holds. `begin` is called once
    the site may be written there (the command announces its date); the engine's warnings are
    marked in the labels' language (their words stay the engine's)."""
    said = labels or Labels()
    engines.require(engine)
    if engines.elsewhere(engine):
        found = _handed_over(
            "site",
            config_file,
            target,
            said,
            begin,
            audience=audience,
            account=account,
            strict=strict,
            since=since,
        )
        return Summary(found["accounts"], found["warnings"])
    with _publish(config_file, target) as staging, _messages_to_stderr(said):
        begin()
        return _build(config_file, staging, audience, account, strict, since, engine=engine)


def _handed_over(
    what: str, config_file: Path, target: Path, said: Labels, begin: Callable[[], object], **options: Any
) -> dict[str, Any]:
    """The build of `what` ("site" or "clients") with its `options`, handed to ProperDocs' own
    Python once the site may be written (`begin`): what it built."""
    begin()
    return engines.in_properdocs(
        what, config_file=str(config_file), target=str(target), language=said.locale, **options
    )


def build_clients(
    config_file: Path,
    target: Path,
    *,
    strict: bool = False,
    shard: tuple[int, int] = (1, 1),
    labels: Labels | None = None,
    begin: Callable[[], object] = lambda: None,
    engine: str = engines.DEFAULT,
) -> tuple[list[str], Summary]:
    """One client site per valid account, in target/<id>/; returns the ids built.

    An invalid plan fails a strict build (every previous site stays); otherwise its account keeps
    its previous client site, and the build says so. `shard` (K, N) builds only the K-th of N
    shares of the accounts (see `in_shard`): every share reads every plan, once for all its client
    sites, so a site is the same whichever share builds it.
    """
    said = labels or Labels()
    engines.require(engine)
    if engines.elsewhere(engine):
        found = _handed_over("clients", config_file, target, said, begin, strict=strict, shard=list(shard))
        return found["ids"], Summary(found["accounts"], found["warnings"])
    with _publish(config_file, target) as staging, _messages_to_stderr(said):
        cfg = _config(config_file, staging, strict)
        every = loader.load(Path(cfg.config_file_path).parent / _plugin(cfg).config.plans_dir)
        plans = in_shard(every, shard)
        if every.invalid and strict:  # every share fails alike: no CI job publishes a part
            for problem in every.problems:
                print(terminal.safe(said.problem(problem)), file=sys.stderr)
            raise BuildError(said("cli.build.strict", count=len(every.invalid)))
        begin()
        ids = [p.id for p in plans.plans]
        for account_id in ids:  # every plan: an account's earlier plan may be in another share
            site = staging / account_id
            _build(config_file, site, "client", account_id, strict, plans=every, engine=engine)
        for bad in plans.invalid:
            _keep_previous(target, bad, staging, said)
    return ids, Summary(len(ids), 0)


def in_shard(plans: Portfolio, shard: tuple[int, int]) -> Portfolio:
    """The K-th of N shares of the accounts: every account id, valid or not, sorted; the K-th
    share holds the K-th, (K+N)-th, (K+2N)-th ... of them. Shares differ by one account at most,
    and an account's share depends only on the ids there are, never on the machine or the order
    of the files."""
    k, n = shard
    ids = sorted({p.id for p in plans.plans} | {b.id for b in plans.invalid})
    mine = set(ids[k - 1 :: n])
    return Portfolio([p for p in plans.plans if p.id in mine], [b for b in plans.invalid if b.id in mine])


def _keep_previous(target: Path, bad: Invalid, staging: Path, labels: Labels) -> None:
    """An account whose plan has problems keeps the client site it had, and the build says so."""
    previous = target.resolve() / bad.id
    if previous.is_dir() and bad.id not in {p.name for p in staging.iterdir()}:
        shutil.copytree(previous, staging / bad.id, symlinks=True)
        said = labels("cli.build.kept", path=bad.path, site=target / bad.id)
    else:
        said = labels("cli.build.no_site", path=bad.path)
    print(terminal.safe(labels("cli.warning", message=said)), file=sys.stderr)
    for problem in bad.problems:
        print(terminal.safe(f"  {labels.problem(problem)}"), file=sys.stderr)


def _config(config_file: Path, site_dir: Path, strict: bool) -> MkDocsConfig:
    try:
        return load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    except MkDocsException as exc:
        raise BuildError(str(exc)) from None


def _plugin(cfg: MkDocsConfig):  # type: ignore[no-untyped-def]
    plugin = cfg.plugins.get("kamsite")
    if plugin is None:
        raise BuildError(Said("{path}: the kamsite plugin is not in plugins", path=cfg.config_file_path))
    return plugin


def _build(
    config_file: Path,
    site_dir: Path,
    audience: str,
    account: str | None,
    strict: bool,
    since: str | None = None,
    plans: Portfolio | None = None,
    engine: str = engines.DEFAULT,
) -> Summary:
    cfg = _config(config_file, site_dir, strict)
    plugin = _plugin(cfg)
    plugin.config["audience"] = audience
    plugin.config["account"] = account
    plugin.plans = plans  # read once for every client site, not once per site
    if since:
        plugin.config["since"] = since
    try:
        with _errors() as errors:
            if engine == "zensical":
                engines.zensical_build(cfg, plugin, strict)
            else:
                cfg.plugins.on_startup(command="build", dirty=False)
                try:
                    build(cfg)
                finally:
                    cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        # MkDocs logs the reason of a failed build, then aborts: the reason is the message
        raise BuildError("\n".join(errors) or str(exc)) from None
    summary: Summary = plugin.summary
    return summary


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage().removeprefix("kamsite: "))


@contextmanager
def _errors() -> Iterator[list[str]]:
    """The errors MkDocs logs during a build, kept to be told once as the build's failure."""
    found: list[str] = []
    handler = _Collect(found)
    logger = logging.getLogger(ENGINE_LOG)
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


@contextmanager
def _messages_to_stderr(labels: Labels) -> Iterator[None]:
    """Show MkDocs' warnings (plan problems among them) on stderr during a build; its errors are
    the failure's message, and the command announces the date and prints its own summary."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter(labels))
    handler.setLevel(logging.WARNING)
    handler.addFilter(lambda record: record.levelno < logging.ERROR)  # errors: the failure's message
    loggers = [logging.getLogger(ENGINE_LOG), logging.getLogger("kamsite")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


class _SafeFormatter(logging.Formatter):
    """A warning as MkDocs shows it ("WARNING -  ..."), marked in the labels' language. Messages
    carry plan text: no control character reaches the terminal, no line a CI log would read as a
    workflow command."""

    def __init__(self, labels: Labels) -> None:
        super().__init__("%(message)s")
        self.labels = labels

    def format(self, record: logging.LogRecord) -> str:
        return terminal.safe(self.labels("cli.build.warning", message=super().format(record)))


# -- publishing: where a site may go, one build at a time, swapped in whole --------------------


@contextmanager
def _publish(config_file: Path, target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target`; on success it replaces `target` in one step."""
    final = target.resolve()
    _refuse_sources(config_file, target, final)
    if final.exists() and not final.is_dir():
        raise BuildError(Said("{target}: exists and is not a folder", target=target))
    if final.is_dir() and os.path.ismount(final):
        raise BuildError(
            Said(
                "{target}: is a mount point, and kamsite replaces the site folder whole; build into a"
                " folder inside it (for example {inside}) and publish that",
                target=target,
                inside=target / "site",
            )
        )
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        with _lock(final, target):
            _clean_leftovers(final)
            staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
            try:
                _set_mode(staging, final)
                yield staging
                _swap_in(staging, final)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:  # a read-only or full disk, a folder that cannot be renamed: one line
        reason = exc.strerror or str(exc)
        raise BuildError(
            Said("{target}: cannot write the site: {reason}", target=target, reason=reason)
        ) from None


def _refuse_sources(config_file: Path, target: Path, final: Path) -> None:
    """No output folder is, holds or lies inside the project's sources, which the swap would delete."""
    project = config_file.resolve().parent
    if final == project or project.is_relative_to(final):
        raise BuildError(Said("{target}: refusing to replace a folder that holds the project", target=target))
    for source in _sources(config_file, project):
        if final == source or source.is_relative_to(final) or final.is_relative_to(source):
            raise BuildError(
                Said(
                    "{target}: refusing to build into the project's sources ({source}): choose an"
                    " output folder outside docs, plans and .git",
                    target=target,
                    source=source,
                )
            )


def _sources(config_file: Path, project: Path) -> list[Path]:
    found = [project / "docs", project / "plans"]
    cfg = _config(config_file, project / "site", False)
    found.append(Path(cfg.docs_dir))
    plugin = cfg.plugins.get("kamsite")
    if plugin is not None:
        found.append(project / plugin.config.plans_dir)
    found += [folder / ".git" for folder in (project, *project.parents) if (folder / ".git").exists()]
    return [p.resolve() for p in found]


@contextmanager
def _lock(final: Path, target: Path) -> Iterator[None]:
    """One build at a time writes `final`: a second one stops at once, with a clear message.

    The lock dies with its process, so a killed build never blocks the next one. The lock file is
    removed at the end; a build that locked a file another build has just removed tries again.
    """
    if fcntl is None:
        yield
        return
    path = final.parent / f".{final.name}.lock"
    for _ in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BuildError(Said(BUSY, target=target)) from None
        if _same_file(fd, path):
            break
        os.close(fd)
    else:
        raise BuildError(Said(BUSY, target=target))
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), path.stat()
    except FileNotFoundError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _clean_leftovers(final: Path) -> None:
    """Remove what killed builds left beside `final`; if one was killed between the two renames of
    the fallback swap, the old site comes back first."""
    olds = sorted(final.parent.glob(f".{final.name}.old-*"))
    if olds and not final.exists():
        olds.pop().rename(final)
    for leftover in [*olds, *final.parent.glob(f".{final.name}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _set_mode(staging: Path, final: Path) -> None:
    """The new site gets the old one's permissions, or an ordinary folder's (not mkdtemp's 0700)."""
    if final.is_dir():
        staging.chmod(stat.S_IMODE(final.stat().st_mode))
    else:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)


def _swap_in(staging: Path, final: Path) -> None:
    """`staging` becomes `final` in one step; the old site ends in `staging`, to be removed."""
    if not final.exists():
        staging.rename(final)
    elif not _exchange(staging, final):
        old = final.with_name(f".{final.name}.old-{staging.name.rsplit('-', 1)[-1]}")
        final.rename(old)  # the fallback: from here to the next line there is no site
        staging.rename(final)
        old.rename(staging)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE) (kernel 3.15, glibc 2.28);
    False where the system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
