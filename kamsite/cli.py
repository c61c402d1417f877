"""The `kamsite` command: a thin shell over the loader and the core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, loader
from .errors import PlanError
from .formats import babel_locale
from .labels import Labels


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kamsite", description="Key-account plans as a dashboard site.")
    parser.add_argument("--version", action="version", version=f"kamsite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every plan and print each problem")
    check.add_argument("plans_dir", nargs="?", default="plans", help="folder of plans (default: plans)")
    check.add_argument("--language", default="en", help="language of the summary (en, pt-BR)")
    args = parser.parse_args(argv)
    return run_check(Path(args.plans_dir), Labels(babel_locale(args.language)))


def run_check(root: Path, labels: Labels) -> int:
    """Print every problem as `path:line: field: message`; 0 when all plans are valid."""
    try:
        portfolio = loader.load(root)
    except PlanError as exc:
        print(exc)
        return 1
    for problem in portfolio.problems:
        print(problem)
    count = len(portfolio.plans) + len(portfolio.invalid)
    if portfolio.invalid:
        print(labels("cli.check.failed", problems=len(portfolio.problems),
                     files=len(portfolio.invalid), count=count), file=sys.stderr)
        return 1
    print(labels("cli.check.ok", count=count), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
