"""Benchmark: kamsite against plain MkDocs on N synthetic accounts, and a profile by phase.

    python benchmarks/build.py                 # N = 100, 500, 1000, 2000
    python benchmarks/build.py --sizes 100 500 --profile 500

For each N it writes N plans, builds them with kamsite (Material theme, the navigation
kept small), builds the same Markdown bodies as plain pages with plain MkDocs (same theme,
an equally small navigation), each in a fresh process, and prints a Markdown table:
wall time, peak memory (max RSS), the time ratio, output size, the largest account page,
and what a first visit to an account page transfers (HTML + CSS + JS, gzipped).
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plans import body_of, plan_text  # noqa: E402

THEME = "theme: {name: material, font: false, language: pt-BR, features: [navigation.instant]}\n"
KAMSITE_YML = "site_name: Bench\n" + THEME + "plugins: [search, {kamsite: {as_of: '2027-05-15'}}]\n"
PLAIN_YML = "site_name: Bench\n" + THEME + "plugins: [search]\nnav: [index.md]\nnot_in_nav: accounts/\n"


def write_projects(root: Path, n: int) -> tuple[Path, Path]:
    kam, plain = root / "kamsite", root / "plain"
    for project in (kam, plain):
        (project / "docs").mkdir(parents=True)
    (kam / "plans").mkdir()
    (kam / "mkdocs.yml").write_text(KAMSITE_YML)
    (plain / "mkdocs.yml").write_text(PLAIN_YML)
    (plain / "docs" / "index.md").write_text("# Bench\n")
    (plain / "docs" / "accounts").mkdir()
    for i in range(n):
        text = plan_text(i)
        (kam / "plans" / f"conta-{i:05d}.md").write_text(text, encoding="utf-8")
        (plain / "docs" / "accounts" / f"conta-{i:05d}.md").write_text(body_of(text), encoding="utf-8")
    return kam, plain


def timed_build(project: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one build in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", *args],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build failed in {project}: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def first_visit(site: Path, page: Path) -> int:
    """Gzipped bytes of an HTML page and every script and stylesheet it loads, plotly.js
    included when the page has charts (kamsite.js fetches it)."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)"', html)
    files = {page} | {(page.parent / ref.split("?")[0]).resolve() for ref in refs}
    if 'class="ks-chart"' in html:
        files.add((site / "assets/kamsite/plotly.min.js").resolve())
    return sum(len(gzip.compress(f.read_bytes(), 6)) for f in files if f.is_file())


def measure(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kamsite-bench-") as tmp:
        kam, plain = write_projects(Path(tmp), n)
        k_time, k_mem = timed_build(kam, "--strict")
        p_time, p_mem = timed_build(plain, "--strict")
        pages = sorted((kam / "site" / "accounts").glob("*/index.html"), key=lambda p: p.stat().st_size)
        largest = pages[-1]
        return {
            "n": n,
            "kamsite_s": k_time,
            "plain_s": p_time,
            "ratio": k_time / p_time,
            "kamsite_mb": k_mem,
            "plain_mb": p_mem,
            "mem_ratio": k_mem / p_mem,
            "site_mb": folder_size(kam / "site") / 1e6,
            "plain_site_mb": folder_size(plain / "site") / 1e6,
            "page_kb": largest.stat().st_size / 1024,
            "first_visit_mb": first_visit(kam / "site", largest) / 1e6,
            "later_page_kb": len(gzip.compress(largest.read_bytes(), 6)) / 1024,
        }


def check_time(n: int) -> float:
    """Wall seconds of `kamsite check` on N plans, in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="kamsite-check-") as tmp:
        kam, _ = write_projects(Path(tmp), n)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kamsite", "check", "plans"], cwd=kam, check=True, capture_output=True
        )
        return time.perf_counter() - started


def profile(n: int) -> list[tuple[str, float]]:
    """Seconds per phase at N accounts: kamsite's own steps in-process, MkDocs as the rest."""
    from datetime import date

    from kamsite.core import frontmatter, validate
    from kamsite.core.parse import parse_plan
    from kamsite.core.portfolio import Portfolio
    from kamsite.core.progress import Settings, compute
    from kamsite.render import site
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages import dashboard
    from kamsite.render.pages.common import View

    texts = [(f"plans/conta-{i:05d}.md", plan_text(i)) for i in range(n)]
    view = View(date(2027, 5, 15), Settings(), Formats("pt_BR"), Labels("pt_BR"))
    phases = []

    def step(name, fn):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = fn()
        phases.append((name, time.perf_counter() - started))
        return result

    fronts = step("parse: front matter YAML", lambda: [frontmatter.read(t, p) for p, t in texts])
    pairs = list(zip(texts, fronts, strict=True))
    step("validate: schema and rules", lambda: [validate.schema(f, p) for (p, _), f in pairs])
    plans = step("parse + validate + tasks (parse_plan)", lambda: [parse_plan(t, p) for p, t in texts])
    accounts = step("compute", lambda: [compute(p, view.as_of) for p in plans])
    from kamsite.render import charts

    step(
        "figures (plain dicts)",
        lambda: [
            (
                charts.goal_bullet(g, view.fmt, view.labels),
                charts.goal_trajectory(g, a, view.fmt, view.labels),
            )
            for a in accounts
            for g in a.goals
        ],
    )
    step("dashboard pages (figures included)", lambda: [dashboard.dashboard(a, view) for a in accounts])
    step("every generated page and file", lambda: site.generate(Portfolio(plans, []), view))
    with tempfile.TemporaryDirectory(prefix="kamsite-profile-") as tmp:
        kam, _ = write_projects(Path(tmp), n)
        total, _ = timed_build(kam, "--strict")
    ours = sum(
        t
        for name, t in phases
        if name in ("parse + validate + tasks (parse_plan)", "every generated page and file")
    )
    phases.append(("MkDocs: Markdown rendering, theme, search index, writing (the rest)", total - ours))
    phases.append(("whole build (fresh process)", total))
    return phases


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in meminfo if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 1000, 2000])
    parser.add_argument("--profile", type=int, default=1000, help="N for the profile (0: none)")
    parser.add_argument("--check", type=int, default=1000, help="N for timing `kamsite check` (0: none)")
    args = parser.parse_args()
    print(f"Machine: {machine()}\n")
    print(
        "| N | kamsite | plain MkDocs | ratio | peak memory kamsite / plain | site size | "
        "largest account page | first visit (gzip) | later page (gzip) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        r = measure(n)
        print(
            f"| {n} | {r['kamsite_s']:.1f} s | {r['plain_s']:.1f} s | {r['ratio']:.2f}× | "
            f"{r['kamsite_mb']:.0f} / {r['plain_mb']:.0f} MB ({r['mem_ratio']:.2f}×) | "
            f"{r['site_mb']:.0f} MB | {r['page_kb']:.0f} KB | {r['first_visit_mb']:.2f} MB | "
            f"{r['later_page_kb']:.0f} KB |",
            flush=True,
        )
    if args.check:
        print(f"\n`kamsite check` on {args.check} plans: {check_time(args.check):.1f} s", flush=True)
    if args.profile:
        print(f"\nProfile at N = {args.profile}:\n\n| phase | seconds |\n|---|---:|")
        for name, seconds in profile(args.profile):
            print(f"| {name} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
