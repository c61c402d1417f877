"""`kamsite serve`: the site at a local address, rebuilt on every save, with any engine.

MkDocs and ProperDocs serve the project themselves: the plugin runs on every rebuild and watches
the plans. Zensical serves a staged copy of the project (see engines.py): kamsite writes the
plugin's files into that copy again whenever a plan, a page of docs/ or the configuration
changes, and Zensical, which watches the copy, rebuilds the site and reloads the page.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kamsite.core.errors import KamsiteError
from kamsite.render import terminal
from kamsite.shell import engines

POLL = 0.5  # seconds between two looks at the project's files


def serve(config_file: Path, engine: str, dev_addr: str) -> int:
    """Serve until the server stops (Ctrl-C); returns its exit status."""
    engines.require(engine)
    if engine != "zensical":  # their own command, which runs the plugin on every rebuild
        command = [sys.executable, "-m", engine, "serve", "-f", str(config_file), "-a", dev_addr]
        return subprocess.call(command, env=engines.child_env())
    work = Path(tempfile.mkdtemp(prefix="kamsite-serve-"))
    try:
        with _plan_messages(), _stopped_by_sigterm():
            watched = restage(config_file, work, dev_addr)
            return _run(config_file, work, dev_addr, watched)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(config_file: Path, work: Path, dev_addr: str, watched: list[Path]) -> int:
    options = json.dumps({"dev_addr": dev_addr, "open": False, "strict": False})
    server = subprocess.Popen(
        [sys.executable, "-c", engines.RUN, "zensical", "serve", str(work / "mkdocs.yml"), options],
        env=engines.child_env(),
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    threading.Thread(target=_relay, args=(server.stdout,), daemon=True).start()
    try:
        seen = state(watched)
        while server.poll() is None:
            time.sleep(POLL)
            if (now := state(watched)) != seen:
                seen = now
                try:
                    restage(config_file, work, dev_addr)
                except KamsiteError as exc:  # the last good site stays served
                    print(f"kamsite: {terminal.safe(str(exc))}", file=sys.stderr)
        return server.returncode
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


def restage(config_file: Path, work: Path, dev_addr: str) -> list[Path]:
    """Write the project Zensical serves into `work` (only the files that changed); returns the
    paths whose changes make it anew: the configuration, the plans, docs/."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config_file), site_dir=str(work / "site"), site_url=f"http://{dev_addr}/")
    except MkDocsException as exc:
        raise KamsiteError(str(exc)) from None
    plugin = cfg.plugins["kamsite"]
    engines.kamsite_only(cfg, plugin)
    fresh = Path(tempfile.mkdtemp(prefix="staged-", dir=work))
    try:
        cfg.plugins.on_startup(command="serve", dirty=False)
        try:
            engines.stage(cfg, fresh)
        except MkDocsException as exc:
            raise KamsiteError(str(exc)) from None
        finally:
            cfg.plugins.on_shutdown()
        sync(fresh, work)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return [config_file, Path(cfg.docs_dir), Path(config_file).parent / plugin.config.plans_dir]


def sync(fresh: Path, work: Path) -> None:
    """Make work/docs and work/mkdocs.yml what `fresh` holds, touching only what differs (each
    change is a rebuild for Zensical's watcher)."""
    old = {p.relative_to(work) for p in (work / "docs").rglob("*") if p.is_file()}
    new = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    for gone in old - new:
        (work / gone).unlink()
    for name in sorted(new):
        source, target = fresh / name, work / name
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)


def state(paths: list[Path]) -> list[tuple[str, int, int]]:
    """What a save changes: every file's path, modification time and size."""
    files = [p for path in paths for p in ([path] if path.is_file() else sorted(path.rglob("*")))]
    return [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file()]


def _relay(stream: IO[str]) -> None:
    """Zensical's lines to stderr, without its boxes of page source (finished HTML, long)."""
    for line in stream:
        plain = engines.ANSI.sub("", line).rstrip("\n")
        if plain and not plain.lstrip().startswith(("│", "╭", "─")) and "│" not in plain[:8]:
            print(terminal.safe(plain), file=sys.stderr)


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """A preview ended by SIGTERM (a service manager, `timeout`) stops its server and removes
    its staged copy, as after Ctrl-C."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


class _Safe(logging.Formatter):
    """Messages carry plan text: no control character reaches the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal.safe(super().format(record))


@contextmanager
def _plan_messages() -> Iterator[None]:
    """The plugin's warnings (plan problems) on stderr, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_Safe("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
