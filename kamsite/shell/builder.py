"""`kamsite build`: team and client sites, written beside the old site and swapped in whole.

A failed build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from kamsite.core.errors import KamsiteError
from kamsite.shell import loader
from kamsite.shell.plugin import Summary


class BuildError(KamsiteError):
    """The build failed; the message says why, the old site is still in place."""


def build_site(config_file: Path, target: Path, *, audience: str = "team",
               account: str | None = None, strict: bool = False, since: str | None = None) -> Summary:
    """Build one site into `target`; returns what it holds."""
    with _swap(config_file, target) as staging, _messages_to_stderr():
        return _build(config_file, staging, audience, account, strict, since)


def build_clients(config_file: Path, target: Path, *, strict: bool = False) -> tuple[list[str], Summary]:
    """One client site per valid account, in target/<id>/; returns the ids built."""
    with _swap(config_file, target) as staging, _messages_to_stderr():
        cfg = _config(config_file, staging, strict)
        plans = loader.load(Path(cfg.config_file_path).parent / _plugin(cfg).config.plans_dir)
        ids = [p.id for p in plans.plans]
        for account_id in ids:
            _build(config_file, staging / account_id, "client", account_id, strict)
    return ids, Summary(len(ids), 0)


def _config(config_file: Path, site_dir: Path, strict: bool) -> MkDocsConfig:
    try:
        return load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    except MkDocsException as exc:
        raise BuildError(str(exc)) from None


def _plugin(cfg: MkDocsConfig):  # type: ignore[no-untyped-def]
    plugin = cfg.plugins.get("kamsite")
    if plugin is None:
        raise BuildError(f"{cfg.config_file_path}: the kamsite plugin is not in plugins")
    return plugin


def _build(config_file: Path, site_dir: Path, audience: str, account: str | None, strict: bool,
           since: str | None = None) -> Summary:
    cfg = _config(config_file, site_dir, strict)
    plugin = _plugin(cfg)
    plugin.config["audience"] = audience
    plugin.config["account"] = account
    if since:
        plugin.config["since"] = since
    try:
        with _errors() as errors:
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
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


class _AsOfOnce(logging.Filter):
    """Pass kamsite's as-of line once per command (a build of every client site makes several)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "kamsite", None) != "as_of" or record.getMessage() in self.seen:
            return False
        self.seen.add(record.getMessage())
        return True


@contextmanager
def _messages_to_stderr() -> Iterator[None]:
    """Show MkDocs' warnings and errors (plan problems among them) on stderr during a build,
    and the date the build is as of; the command prints its own summary with the final folder."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    handler.addFilter(lambda record: record.levelno < logging.ERROR)  # errors: the failure's message
    as_of = logging.StreamHandler(sys.stderr)
    as_of.addFilter(_AsOfOnce())
    logger, ours = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.plugins.kamsite")
    level = ours.level
    logger.addHandler(handler)
    ours.addHandler(as_of)
    ours.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        ours.removeHandler(as_of)
        ours.setLevel(level)


@contextmanager
def _swap(config_file: Path, target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target`; on success it replaces `target` in one rename."""
    project = config_file.resolve().parent
    final = target.resolve()
    if final == project or project.is_relative_to(final):
        raise BuildError(f"{target}: refusing to replace a folder that holds the project")
    if final.exists() and not final.is_dir():
        raise BuildError(f"{target}: exists and is not a folder")
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # a published folder, not mkdtemp's private one
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = final.with_name(f".{final.name}.old-{staging.name.rsplit('-', 1)[-1]}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
