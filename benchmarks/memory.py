"""Where a build's memory goes: the resident memory of one build process (one worker, no pool)
at its phases, at N synthetic accounts. Usage: python benchmarks/memory.py [--n 300]

    start → config read → pages made (kamsite's site.generate) → first page written → end

MkDocs holds every page until the last is written, so the peak comes after the pages are made
and rendered; benchmarks/build.py reports the peak of a whole build (all processes).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from common import write_kamsite  # noqa: E402


def rss(phase: str) -> None:
    now = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"| {phase} | {now:.0f} | {peak:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    n = parser.parse_args().n
    from mkdocs.commands import build
    from mkdocs.config import load_config

    from kamsite.shell import plugin

    print(f"Memory of one build process at N = {n}:\n\n| phase | resident MB | peak MB |\n|---|---:|---:|")
    rss("start")
    with tempfile.TemporaryDirectory(prefix="kamsite-memory-") as tmp:
        project = write_kamsite(Path(tmp), n)
        os.chdir(project)
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins["kamsite"].config["workers"] = 1
        rss("config read")
        generate, build_page = plugin.site.generate, build._build_page
        written = []

        def made(*args, **kwargs):  # type: ignore[no-untyped-def]
            pages = generate(*args, **kwargs)
            rss("pages made")
            return pages

        def first(*args, **kwargs):  # type: ignore[no-untyped-def]
            if not written:
                rss("first page written")
            written.append(1)
            return build_page(*args, **kwargs)

        plugin.site.generate, build._build_page = made, first  # type: ignore[assignment]
        build.build(config)
        rss("end")


if __name__ == "__main__":
    main()
