"""The `kamsite` command: a thin shell over the loader and the core."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kamsite import __version__
from kamsite.core import agenda, people, recent
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import SLUG
from kamsite.core.parse import parse_plan
from kamsite.core.progress import compute
from kamsite.core.quarters import add_months
from kamsite.render import new_plan as template
from kamsite.render import terminal as report
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.shell import loader


class Failure(Exception):
    """A one-line message for the user; the command exits with status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    labels = Labels(babel_locale(args.language))
    try:
        return int(args.run(args, labels, Formats(labels.locale)))
    except Failure as exc:
        print(f"kamsite: {report.safe(str(exc))}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamsite", description="Key-account plans as a dashboard site.")
    parser.add_argument("--version", action="version", version=f"kamsite {__version__}")
    parser.add_argument("--language", default="en", help="language of the output (en, pt-BR)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate every plan and print each problem")
    check.add_argument("plans_dir", nargs="?", default="plans", type=Path, help="default: plans")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: workflow annotations on the lines of a pull request")
    check.set_defaults(run=_check)

    today = commands.add_parser("today", help="the agenda: overdue, today, next days, per owner")
    today.add_argument("plans_dir", nargs="?", default="plans", type=Path, help="default: plans")
    today.add_argument("--owner", help="only this handle's items")
    today.add_argument("--days", type=int, default=7, help="days ahead (default: 7)")
    today.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    today.set_defaults(run=_today)

    recent_ = commands.add_parser("recent", help="the recent-work report of an account, as Markdown")
    recent_.add_argument("account_id")
    recent_.add_argument("--days", type=int, default=30, help="days covered (default: 30)")
    recent_.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    recent_.add_argument("--plans-dir", type=Path, default=Path("plans"), help="default: plans")
    recent_.set_defaults(run=_recent)

    build = commands.add_parser("build", help="build the team site, a client site, or every client site")
    build.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                       help="default: mkdocs.yml")
    build.add_argument("-d", "--site-dir", type=Path, default=None,
                       help="output folder (default: site, or clients with --clients)")
    build.add_argument("--audience", choices=("team", "client"), default="team")
    build.add_argument("--account", help="only this account (required for --audience client)")
    build.add_argument("--clients", action="store_true", help="one client site per account in DIR/<id>/")
    build.add_argument("--strict", action="store_true", help="fail on any warning, as mkdocs --strict")
    build.add_argument("--since", help="add 'what changed' pages since a git tag, commit or date")
    build.set_defaults(run=_build)

    new = commands.add_parser("new", help="create plans/<id>.md, from a skeleton or another plan")
    new.add_argument("id")
    new.add_argument("--account", required=True, help="the account's display name")
    new.add_argument("--owner", required=True, help="handle of the accountable KAM")
    new.add_argument("--name", help="the owner's full name (default: from the plans, else the handle)")
    new.add_argument("--from", dest="source", help="id of a plan whose structure to replicate")
    new.add_argument("--start", type=_date, default=None,
                     help="period start (default: the first day of next month)")
    new.add_argument("--plans-dir", type=Path, default=Path("plans"), help="default: plans")
    new.set_defaults(run=_new)
    return parser


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _load(root: Path, quiet: bool = False) -> loader.Portfolio:
    try:
        plans = loader.load(root)
    except PlanError as exc:
        raise Failure(str(exc)) from None
    if not quiet:
        for problem in plans.problems:
            print(f"warning: {report.safe(str(problem))}", file=sys.stderr)
    return plans


def _check(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Print every problem as `path:line: field: message`; 0 when all plans are valid."""
    plans = _load(args.plans_dir, quiet=True)
    for problem in plans.problems:
        print(github_annotation(problem) if args.format == "github" else report.safe(str(problem)))
    count = len(plans.plans) + len(plans.invalid)
    if plans.invalid:
        print(labels("cli.check.failed", problems=len(plans.problems), files=len(plans.invalid),
                     count=count), file=sys.stderr)
        return 1
    print(labels("cli.check.ok", count=count), file=sys.stderr)
    return 0


def github_annotation(problem: Problem) -> str:
    """`::error file=…,line=…,title=…::message`, escaped as GitHub workflow commands require."""

    def data(text: str) -> str:  # plan text: its control characters shown, never interpreted
        return report.visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f"file={prop(problem.path)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={prop(problem.field)}" if problem.field else ""
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::error {where}{title}::{data(message)}"


def _today(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(args.plans_dir)
    as_of = args.as_of or date.today()
    names = people.directory(plans.plans)[0]
    items = [i for p in plans.plans for i in agenda.open_items(compute(p, as_of), p.tasks)]
    if args.owner:
        if args.owner not in names:
            raise Failure(f"--owner: unknown handle '{args.owner}'")
        items = [i for i in items if i.owner == args.owner]
    grouped = agenda.agenda(items, as_of, args.days)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(report.agenda_text(grouped, names, as_of, args.days, fmt, labels, color))
    return 0


def _recent(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(args.plans_dir)
    found = next((p for p in plans.plans if p.id == args.account_id), None)
    if found is None:
        known = ", ".join(p.id for p in plans.plans) or "none"
        raise Failure(f"no valid plan with id '{args.account_id}' (known: {known})")
    acc = compute(found, args.as_of or date.today())
    client_tasks = tuple(t for t in found.tasks if not t.internal)
    text = report.recent_markdown(found.plan.account, recent.recent(acc, client_tasks, args.days),
                                  found.plan.team, fmt, labels)
    sys.stdout.write(text)
    return 0


def _build(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    from kamsite.shell import builder  # MkDocs is imported only by the command that needs it

    if not args.config_file.is_file():
        raise Failure(f"{args.config_file}: no such configuration file")
    try:
        if args.clients:
            target = args.site_dir or Path("clients")
            ids = builder.build_clients(args.config_file, target, strict=args.strict)
            print("\n".join(str(target / i) for i in ids))
        else:
            target = args.site_dir or Path("site")
            builder.build_site(args.config_file, target, audience=args.audience,
                               account=args.account, strict=args.strict, since=args.since)
            print(target)
    except (builder.BuildError, PlanError) as exc:
        raise Failure(f"{exc}; the previous site was left as it was") from None
    return 0


def _new(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    for value, what in ((args.id, "id"), (args.owner, "--owner")):
        if not SLUG.fullmatch(value):
            raise Failure(f"{what}: '{value}' is not a safe id: use lowercase letters, digits and '-'")
    target = args.plans_dir / f"{args.id}.md"
    if target.exists():
        raise Failure(f"{target} already exists; nothing was written")
    plans = _load(args.plans_dir) if args.plans_dir.is_dir() else loader.Portfolio()
    if any(p.id == args.id for p in plans.plans):
        raise Failure(f"a plan with id '{args.id}' already exists; nothing was written")
    names = people.directory(plans.plans)[0]
    name = args.name or names.get(args.owner, args.owner)
    today = date.today()
    start = args.start or add_months(date(today.year, today.month, 1), 1)
    if args.source:
        source = next((p for p in plans.plans if p.id == args.source), None)
        if source is None:
            raise Failure(f"--from: no valid plan with id '{args.source}'")
        text = template.replicate(source, args.id, args.account, args.owner, name, start)
    else:
        text = template.skeleton(args.id, args.account, args.owner, name, start)
    parse_plan(text, str(target))  # never write a plan that would not pass `kamsite check`
    _write_new(target, text)
    print(target)
    return 0


def _write_new(target: Path, text: str) -> None:
    """Write atomically, never over an existing file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".kamsite-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, not mkstemp's private one
        os.link(tmp, target)  # fails if the target appeared meanwhile
    except FileExistsError:
        raise Failure(f"{target} already exists; nothing was written") from None
    finally:
        os.unlink(tmp)


if __name__ == "__main__":
    sys.exit(main())
