"""Where a build's time goes: kamsite's own steps timed in-process at N accounts, MkDocs as the
rest of a real build. Usage: python benchmarks/phases.py [--n 1000]"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from common import mkdocs_build, write_kamsite  # noqa: E402

from plans import plan_text  # noqa: E402


def profile(n: int) -> list[tuple[str, float]]:
    """Seconds per phase at N accounts: kamsite's own steps in-process, MkDocs as the rest."""
    from dataclasses import replace
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
    from kamsite.shell.formats import KeptFormats

    texts = [(f"plans/conta-{i:05d}.md", plan_text(i)) for i in range(n)]
    view = View(date(2027, 5, 15), Settings(), KeptFormats("pt_BR"), Labels("pt_BR"))
    phases = []

    def step(name, fn):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = fn()
        phases.append((name, time.perf_counter() - started))
        return result

    fronts = step("parse: front matter YAML", lambda: [frontmatter.read(t, p) for p, t in texts])
    pairs = list(zip(texts, fronts, strict=True))
    step("validate: schema and rules", lambda: [validate.checked_schema(f, p) for (p, _), f in pairs])
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
    unkept = replace(view, fmt=Formats("pt_BR"))  # shell/formats.py's figure: the same without it
    step(
        "every generated page and file, each value formatted anew (no KeptFormats)",
        lambda: site.generate(Portfolio(plans, []), unkept),
    )
    with tempfile.TemporaryDirectory(prefix="kamsite-profile-") as tmp:
        kam = write_kamsite(Path(tmp), n)
        total, _ = mkdocs_build(kam)
    ours = sum(
        t
        for name, t in phases
        if name in ("parse + validate + tasks (parse_plan)", "every generated page and file")
    )
    phases.append(("MkDocs: Markdown rendering, theme, search index, writing (the rest)", total - ours))
    phases.append(("whole build (fresh process)", total))
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    n = parser.parse_args().n
    print(f"Profile at N = {n}:\n\n| phase | seconds |\n|---|---:|")
    for name, seconds in profile(n):
        print(f"| {name} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
