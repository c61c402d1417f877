"""What the benchmarks share: the machine's description, synthetic projects, and running a
command in a fresh process while measuring its wall time and its peak memory."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plans import body_of, plan_text  # noqa: E402

THEME = "theme: {name: material, font: false, language: pt-BR, features: [navigation.instant]}\n"
KAMSITE_YML = "site_name: Bench\n" + THEME + "plugins: [search, {kamsite: {as_of: '2027-05-15'}}]\n"
PLAIN_YML = "site_name: Bench\n" + THEME + "plugins: [search]\nnav: [index.md]\nnot_in_nav: accounts/\n"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in meminfo if line.startswith("MemTotal")), 0)
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()}, "
        f"load average {load:.1f} at the start"
    )


def write_kamsite(root: Path, n: int) -> Path:
    """A kamsite project of N synthetic plans."""
    project = root / "kamsite"
    (project / "docs").mkdir(parents=True)
    (project / "plans").mkdir()
    (project / "mkdocs.yml").write_text(KAMSITE_YML)
    for i in range(n):
        (project / "plans" / f"conta-{i:05d}.md").write_text(plan_text(i), encoding="utf-8")
    return project


def write_plain(root: Path, n: int) -> Path:
    """Plain MkDocs: one page per account with the plan's Markdown body, the same theme."""
    project = root / "plain"
    (project / "docs" / "accounts").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_YML)
    (project / "docs" / "index.md").write_text("# Bench\n")
    for i in range(n):
        page = project / "docs" / "accounts" / f"conta-{i:05d}.md"
        page.write_text(body_of(plan_text(i)), encoding="utf-8")
    return project


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            found += [int(c) for c in Path(task.path, "children").read_text().split()]
    except OSError:
        pass
    return found


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc (reading only
    that tree, so that sampling takes little from the build it measures)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
        todo += _children(pid)
    return total


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a command in a fresh process; the memory is the
    peak of the sum over the process and its children (a process pool counts whole), sampled
    every 100 ms, or the main process's own peak if that is higher."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or ENV)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{stderr.decode(errors='replace')}")
    return elapsed, max(peak, usage.ru_maxrss * 1024) / 1e6


def mkdocs_build(project: Path, kamsite: Path | None = None) -> tuple[float, float]:
    """`mkdocs build --strict` of the project, with this kamsite or the one checked out at
    `kamsite` (another version, to compare in the same run; a build cache it keeps is emptied
    first, so both make every page)."""
    if kamsite is None:
        return run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    env = {**ENV, "PYTHONPATH": str(kamsite)}
    return run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], project, env)
