"""What a huge plan in the history costs a build: one repository whose plan was 60 MB in an old
commit against the same repository without it.

Each repository holds the example plans; the first also has a commit, early in the year, in
which `plans/acme.md` was 60 MB (a pasted export, say) before it was put back. Each is built
with `kamsite build` (history on, as in CI) three times; the medians of the wall times and the
peak memory of the builds are printed. Snapshots larger than a plan may be are not read, so the
two should cost the same.
Usage: python benchmarks/history_size.py [--mb 60]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "example"
KAMSITE = [sys.executable, "-m", "kamsite"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def git(repo: Path, *args: str, day: str = "2027-01-05") -> None:
    env = {**ENV, "GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
    env |= {"GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "a@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "a@example.com"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def repository(folder: Path, huge_mb: int) -> Path:
    """The example project in git; with `huge_mb`, a commit where acme.md was that large."""
    for name in ("plans", "docs"):
        shutil.copytree(EXAMPLE / name, folder / name)
    shutil.copy(EXAMPLE / "mkdocs.yml", folder / "mkdocs.yml")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "plans", day="2027-01-05")
    plan = folder / "plans" / "acme.md"
    if huge_mb:
        text = plan.read_text(encoding="utf-8")
        filler = "Linha colada de uma exportação do ERP, sem valor para o plano.\n"
        plan.write_text(text + filler * (huge_mb * 1_000_000 // len(filler)), encoding="utf-8")
        git(folder, "commit", "-q", "-am", "a pasted export", day="2027-02-10")
        plan.write_text(text, encoding="utf-8")
        git(folder, "commit", "-q", "-am", "the export taken out", day="2027-02-11")
    return folder


# runs a command and prints the peak memory (KB) of its processes: one build's alone
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True);"
    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def build(repo: Path) -> tuple[float, int]:
    """One build's wall time (s) and peak memory (MB)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *KAMSITE, "build", "-d", str(repo / "site")],
        cwd=repo,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, int(done.stdout) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plain = repository(Path(tmp) / "plain", 0)
        huge = repository(Path(tmp) / "huge", args.mb)
        for repo in (plain, huge):
            build(repo)  # warm-up: the theme's files, the build cache
        found: dict[str, list[tuple[float, int]]] = {"without": [], "with": []}
        for _ in range(args.runs):  # in turn, so both meet the machine alike
            found["without"].append(build(plain))
            found["with"].append(build(huge))
        print(f"| history | median wall (s) of {args.runs} builds | median peak memory (MB) |")
        print("|---|---:|---:|")
        for name in ("without", "with"):
            label = f"with a {args.mb} MB plan in an old commit" if name == "with" else "without"
            walls, peaks = zip(*found[name], strict=True)
            print(f"| {label} | {statistics.median(walls):.2f} | {statistics.median(peaks)} |")


if __name__ == "__main__":
    main()
