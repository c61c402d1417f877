"""The `kamsite` command: a thin shell over the loader and the core."""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from kamsite import __version__
from kamsite.core import agenda, people, recent, review
from kamsite.core.audience import client_view
from kamsite.core.errors import PlanError, Problem
from kamsite.core.model import SLUG, PlanHistory, parse_date
from kamsite.core.parse import parse_plan
from kamsite.core.progress import Settings, compute, compute_all
from kamsite.core.quarters import add_months
from kamsite.render import new_plan as template
from kamsite.render import site
from kamsite.render import terminal as report
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.shell import git, loader


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
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--as-of", type=_date, default=None,
                       help="YYYY-MM-DD: the day some warnings depend on (default: today)")
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

    next_ = commands.add_parser("next", help="write the account's plan for the next period, which follows it")
    next_.add_argument("account_id", help="id of the plan to follow")
    next_.add_argument("--id", dest="new_id", help="id of the new plan (default: the old id, new year)")
    next_.add_argument("--start", type=_date, default=None, help="first day (default: after the period)")
    next_.add_argument("--plans-dir", type=Path, default=Path("plans"), help="default: plans")
    next_.set_defaults(run=_next)

    review_ = commands.add_parser("review", help="the quarterly review of an account, as Markdown")
    review_.add_argument("account_id")
    review_.add_argument("--quarter", type=_quarter, default=None, help="only this quarter (Q1..Q8)")
    review_.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    review_.add_argument("--plans-dir", type=Path, default=Path("plans"), help="default: plans")
    review_.set_defaults(run=_review)

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
        return parse_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _load(root: Path, quiet: bool = False) -> loader.Portfolio:
    try:
        plans = loader.load(root)
    except PlanError as exc:
        raise Failure(str(exc)) from None
    if not quiet:
        for problem in plans.problems:
            print(f"warning: {report.one_line(str(problem))}", file=sys.stderr)
    return plans


def _check(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Print every problem as `path:line: field: message`; 0 when all plans are valid."""
    plans = _load(args.plans_dir, quiet=True)
    for problem in plans.problems:
        print(github_annotation(problem) if args.format == "github" else report.one_line(str(problem)))
    warnings = plans.warnings(args.as_of or date.today(), decimal_comma=fmt.decimal_mark == ",")
    for problem in warnings:
        print(github_annotation(problem, "warning") if args.format == "github"
              else f"warning: {report.one_line(str(problem))}")
    count = len(plans.plans) + len(plans.invalid)
    if plans.invalid:
        print(labels("cli.check.failed", problems=len(plans.problems), files=len(plans.invalid),
                     count=count), file=sys.stderr)
        return 1
    if warnings and args.strict:
        print(labels("cli.check.strict", warnings=len(warnings)), file=sys.stderr)
        return 1
    print(labels("cli.check.ok", count=count), file=sys.stderr)
    return 0


def github_annotation(problem: Problem, level: str = "error") -> str:
    """`::error file=…,line=…,title=…::message`, escaped as GitHub workflow commands require."""

    def data(text: str) -> str:  # plan text: its control characters shown, never interpreted
        return report.visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f"file={prop(problem.path)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={prop(problem.field)}" if problem.field else ""
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{level} {where}{title}::{data(message)}"


def _today(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(args.plans_dir)
    as_of = args.as_of or date.today()
    names = people.directory(plans.plans)[0]
    items = [i for acc in compute_all(plans.plans, as_of) for i in agenda.open_items(acc, acc.file.tasks)]
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
    client = client_view(found)  # the report is what the client may read
    acc = compute(client, args.as_of or date.today())
    text = report.recent_markdown(found.plan.account, recent.recent(acc, client.tasks, args.days),
                                  found.plan.team, fmt, labels)
    sys.stdout.write(text)
    return 0


def _next(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Write plans/<new id>.md beside the plan it follows; never over a file, never an invalid plan."""
    plans = _load(args.plans_dir)
    source = next((p for p in plans.plans if p.id == args.account_id), None)
    if source is None:
        known = ", ".join(p.id for p in plans.plans) or "none"
        raise Failure(f"no valid plan with id '{args.account_id}' (known: {known})")
    start = args.start or source.plan.period.end + timedelta(days=1)
    new_id = args.new_id or _next_id(source.id, start)
    if not SLUG.fullmatch(new_id):
        raise Failure(f"--id: '{new_id}' is not a safe id: use lowercase letters, digits and '-'")
    if any(p.id == new_id for p in plans.plans):
        raise Failure(f"a plan with id '{new_id}' already exists; nothing was written")
    target = Path(source.path).parent / f"{new_id}.md"
    if target.exists():
        raise Failure(f"{target} already exists; nothing was written")
    text = template.next_period(source, new_id, start)
    try:
        parse_plan(text, str(target))  # never write a plan that would not pass `kamsite check`
    except PlanError as exc:
        raise Failure(f"the next plan would not be valid, so nothing was written:\n{exc}") from None
    _write_new(target, text)
    print(target)
    return 0


def _next_id(old: str, start: date) -> str:
    """acme-2027 -> acme-2028; acme -> acme-2028."""
    stem = re.sub(r"-(19|20|21)\d\d$", "", old)
    return f"{stem}-{start.year}"


def _review(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(args.plans_dir)
    found = next((p for p in plans.plans if p.id == args.account_id), None)
    if found is None:
        known = ", ".join(p.id for p in plans.plans) or "none"
        raise Failure(f"no valid plan with id '{args.account_id}' (known: {known})")
    as_of = args.as_of or date.today()
    known_history = PlanHistory(texts=git.texts_on(args.plans_dir, Path(found.path),
                                                   review.snapshot_days(found, as_of)))
    quarters = site.quarter_history(found, as_of, known_history, lambda file: file)
    reviews = review.review(found, as_of, Settings(), quarters)
    if args.quarter:
        reviews = tuple(r for r in reviews if r.quarter == args.quarter)
        if not reviews:
            raise Failure(f"--quarter: {args.quarter} of '{found.id}' has not started on {as_of}")
    sys.stdout.write(report.review_markdown(found.plan.account, reviews, found.plan.team, fmt, labels))
    return 0


def _quarter(value: str) -> str:
    if not re.fullmatch(r"Q[1-8]", value.upper()):
        raise argparse.ArgumentTypeError(f"'{value}' is not a quarter (Q1 to Q8)")
    return value.upper()


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
