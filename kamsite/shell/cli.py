"""The `kamsite` command: a thin shell over the loader and the core."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

from kamsite import __version__
from kamsite.core import agenda, people, recent, review
from kamsite.core.audience import client_view
from kamsite.core.errors import KamsiteError, PlanError, Problem
from kamsite.core.model import SLUG, PlanFile, PlanHistory, parse_date
from kamsite.core.parse import parse_plan
from kamsite.core.portfolio import Portfolio, running
from kamsite.core.progress import compute, compute_all
from kamsite.core.quarters import add_months
from kamsite.render import new_plan as template
from kamsite.render import schema as schemas
from kamsite.render import site
from kamsite.render import terminal as report
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.shell import config, git, loader
from kamsite.shell import init as starter

PLANS_HELP = "folder of plans (default: plans_dir of mkdocs.yml, else plans)"
AS_OF_HELP = "YYYY-MM-DD (default: KAMSITE_AS_OF, else as_of of mkdocs.yml, else today)"
TEAM_HELP = "the team's version, internal items included (default: the client's version)"


class Failure(KamsiteError):
    """A one-line message for the user; the command exits with status 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line and status 2, as for any wrong command line."""
        self.exit(2, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    labels = Labels("en")
    try:  # every error kamsite knows ends here, as one line
        args.options = config.load_options(args.config_file) if "config_file" in args else None
        language = args.language or (args.options.language if args.options else "en")
        labels = Labels(babel_locale(language))
        return int(args.run(args, labels, Formats(labels.locale)))
    except PlanError as exc:  # a plan the command would write or read: in the site's language
        said = "\n".join(labels.problem(p) for p in exc.problems)
        print(f"kamsite: {report.safe(said)}", file=sys.stderr)
        return 1
    except KamsiteError as exc:
        print(f"kamsite: {report.safe(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:  # Ctrl-C: one line, and the status a shell gives it (128 + SIGINT)
        print(f"kamsite: {stop.args[0] if stop.args else 'interrupted'}", file=sys.stderr)
        return 130  # an exit, not death by the signal: the pool's processes are ended on the way out


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kamsite", description="Key-account plans as a dashboard site.")
    parser.add_argument("--version", action="version", version=f"kamsite {__version__}")
    parser.add_argument(
        "--language", default=None, help="language of the output (en, pt-BR; default: mkdocs.yml's, else en)"
    )
    project = _Parser(add_help=False)  # options every command shares
    project.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=None,
        help="the site's configuration, whose kamsite options apply (default: mkdocs.yml)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", parents=[project], help="validate every plan and print each problem")
    check.add_argument("plans_dir", nargs="?", default=None, type=Path, help=PLANS_HELP)
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: workflow annotations on the lines of a pull request",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--as-of", default=None, help="the day some warnings depend on; " + AS_OF_HELP)
    check.set_defaults(run=_check)

    today = commands.add_parser(
        "today", parents=[project], help="the agenda: overdue, today, next days, per owner"
    )
    today.add_argument("plans_dir", nargs="?", default=None, type=Path, help=PLANS_HELP)
    today.add_argument("--owner", help="only this handle's items")
    today.add_argument("--days", type=_days, default=None, help="days ahead (default: today_days, else 7)")
    today.add_argument("--as-of", default=None, help=AS_OF_HELP)
    today.set_defaults(run=_today)

    recent_ = commands.add_parser(
        "recent", parents=[project], help="the recent-work report of an account, as Markdown"
    )
    recent_.add_argument("account_id")
    recent_.add_argument(
        "--days", type=_days, default=None, help="days covered (default: recent_days, else 30)"
    )
    recent_.add_argument("--as-of", default=None, help=AS_OF_HELP)
    recent_.add_argument("--plans-dir", type=Path, default=None, help=PLANS_HELP)
    recent_.add_argument("--team", action="store_true", help=TEAM_HELP)
    recent_.set_defaults(run=_recent)

    next_ = commands.add_parser(
        "next", parents=[project], help="write the account's plan for the next period, which follows it"
    )
    next_.add_argument("account_id", help="id of the plan to follow")
    next_.add_argument("--id", dest="new_id", help="id of the new plan (default: the old id, new year)")
    next_.add_argument("--start", type=_date, default=None, help="first day (default: after the period)")
    next_.add_argument("--plans-dir", type=Path, default=None, help=PLANS_HELP)
    next_.set_defaults(run=_next)

    review_ = commands.add_parser(
        "review", parents=[project], help="the quarterly review of an account, as Markdown"
    )
    review_.add_argument("account_id")
    review_.add_argument("--quarter", type=_quarter, default=None, help="only this quarter (Q1..Q8)")
    review_.add_argument("--as-of", default=None, help=AS_OF_HELP)
    review_.add_argument("--plans-dir", type=Path, default=None, help=PLANS_HELP)
    review_.add_argument("--team", action="store_true", help=TEAM_HELP)
    review_.set_defaults(run=_review)

    build = commands.add_parser(
        "build", parents=[project], help="build the team site, a client site, or every client site"
    )
    build.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        default=None,
        help="output folder (default: site, or clients with --clients)",
    )
    build.add_argument("--audience", choices=("team", "client"), default="team")
    build.add_argument("--account", help="only this account (required for --audience client)")
    build.add_argument("--clients", action="store_true", help="one client site per account in DIR/<id>/")
    build.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="K/N",
        help="with --clients: only the K-th of N equal shares of the accounts (one CI job each)",
    )
    build.add_argument("--strict", action="store_true", help="fail on any warning, as mkdocs --strict")
    build.add_argument("--since", help="add 'what changed' pages since a git tag, commit or date")
    build.set_defaults(run=_build)

    new = commands.add_parser(
        "new", parents=[project], help="create plans/<id>.md, from a skeleton or another plan"
    )
    new.add_argument("id")
    new.add_argument("--account", required=True, help="the account's display name")
    new.add_argument("--owner", required=True, help="handle of the accountable KAM")
    new.add_argument("--name", help="the owner's full name (default: from the plans, else the handle)")
    new.add_argument("--from", dest="source", help="id of a plan whose structure to replicate")
    new.add_argument(
        "--start",
        type=_date,
        default=None,
        help="period start (default: the first day of the month after as_of)",
    )
    new.add_argument("--plans-dir", type=Path, default=None, help=PLANS_HELP)
    new.set_defaults(run=_new)

    init = commands.add_parser("init", help="write a new project: mkdocs.yml, a starter plan, CI, README")
    init.add_argument("dir", nargs="?", default=Path("."), type=Path, help="default: the current folder")
    init.add_argument(
        "--language",
        dest="site_language",
        choices=tuple(starter.LANGUAGES),
        help="language of the site and the starter plan (default: --language, else en)",
    )
    init.add_argument("--name", help="the site's name (default: Key accounts, or Contas estratégicas)")
    init.add_argument(
        "--kamsite",
        dest="spec",
        help="the requirement CI installs kamsite with "
        "(default: this kamsite's git URL and commit when installed from git)",
    )
    init.set_defaults(run=_init)

    schema_ = commands.add_parser(
        "schema", help="print the JSON Schema of a plan's front matter or of the export"
    )
    schema_.add_argument(
        "which", choices=("plan", "accounts"), help="plan: a plan's front matter; accounts: api/accounts.json"
    )
    schema_.set_defaults(run=_schema)
    return parser


def _date(value: str) -> date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _shard(value: str) -> tuple[int, int]:
    """K/N: the K-th of N shares, 1 <= K <= N."""
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not found:
        raise argparse.ArgumentTypeError(f"'{value}' is not a share K/N, such as 1/4 for the first of four")
    k, n = int(found.group(1)), int(found.group(2))
    if n < 1 or not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"'{value}': K/N needs N of 1 or more and K from 1 to N")
    return k, n


def _days(value: str) -> int:
    """A number of days, checked as the day counts of mkdocs.yml are."""
    try:
        return config.day_count(int(value) if value.strip().lstrip("+-").isdigit() else value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _plans_dir(args: argparse.Namespace) -> Path:
    """The folder given on the command line, else plans_dir of mkdocs.yml, else ./plans."""
    options: config.Options = args.options
    return Path(args.plans_dir or options.plans_dir)


def _as_of(args: argparse.Namespace) -> date:
    """The command's reference date, announced on stderr with where it came from."""
    options: config.Options = args.options
    found = options.as_of_for(getattr(args, "as_of", None), os.environ)
    print(f"kamsite: {found}", file=sys.stderr)
    return found.day


def _load(root: Path, labels: Labels, quiet: bool = False) -> Portfolio:
    try:
        plans = loader.load(root)
    except PlanError as exc:
        raise Failure("\n".join(labels.problem(p) for p in exc.problems)) from None
    if not quiet:
        for problem in plans.problems:
            print(f"warning: {report.one_line(labels.problem(problem))}", file=sys.stderr)
    return plans


def _check(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Print every problem as `path:line: field: message`; 0 when all plans are valid."""
    gc.disable()  # the plans are kept to the end: nothing for the cycle collector to find
    try:
        return _checked(args, labels, fmt)
    finally:
        gc.enable()


def _checked(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(_plans_dir(args), labels, quiet=True)
    for problem in plans.problems:
        print(
            github_annotation(problem, labels)
            if args.format == "github"
            else report.one_line(labels.problem(problem))
        )
    as_of = args.options.as_of_for(args.as_of, os.environ).day
    warnings = plans.warnings(decimal_comma=fmt.decimal_mark == ",")
    shown = [(p, "warning") for p in warnings] + [(p, "attention") for p in plans.attention(as_of)]
    for problem, level in sorted(shown):
        print(
            github_annotation(problem, labels, "warning" if level == "warning" else "notice")
            if args.format == "github"
            else f"{level}: {report.one_line(labels.problem(problem))}"
        )
    count = len(plans.plans) + len(plans.invalid)
    if plans.invalid:
        print(
            labels(
                "cli.check.failed",
                problems=labels("cli.problems", count=len(plans.problems)),
                files=len(plans.invalid),
                count=count,
            ),
            file=sys.stderr,
        )
        return 1
    if warnings and args.strict:
        print(labels("cli.check.strict", warnings=len(warnings)), file=sys.stderr)
        return 1
    print(labels("cli.check.ok", count=count), file=sys.stderr)
    return 0


def github_annotation(problem: Problem, labels: Labels, level: str = "error") -> str:
    """`::error file=…,line=…,title=…::message`, escaped as GitHub workflow commands require."""

    def data(text: str) -> str:  # plan text: its control characters shown, never interpreted
        return report.visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f"file={prop(problem.path)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={prop(problem.field)}" if problem.field else ""
    said = labels.message(problem.message)
    message = f"{problem.field}: {said}" if problem.field else said
    return f"::{level} {where}{title}::{data(message)}"


def _today(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(_plans_dir(args), labels)
    as_of, options = _as_of(args), args.options
    days = args.days or options.today_days
    names = people.directory(plans.plans)[0]
    computed = running(compute_all(plans.plans, as_of, options.settings))  # the plan in front of each chain
    items = [i for acc in computed for i in agenda.open_items(acc, acc.file.tasks)]
    if args.owner is not None:
        if args.owner not in names:
            raise Failure(f"--owner: unknown handle '{args.owner}'")
        items = [i for i in items if i.owner == args.owner]
    grouped = agenda.agenda(items, as_of, days)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(report.agenda_text(grouped, names, as_of, days, fmt, labels, color))
    return 0


def _recent(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(_plans_dir(args), labels)
    found = _plan(plans, args.account_id)
    shown = _audience(args)(found)
    acc = compute(shown, _as_of(args), args.options.settings)
    days = args.days or args.options.recent_days
    verdicts = args.team or args.options.client_health  # delays are the team's verdict
    text = report.recent_markdown(
        found.plan.account, recent.recent(acc, shown.tasks, days), found.plan.team, fmt, labels, verdicts
    )
    _say_version(args, labels)
    sys.stdout.write(text)
    return 0


def _audience(args: argparse.Namespace) -> site.Audience:
    """What the report shows of a plan: the client's view (the report goes to the client: an
    e-mail, a slide), or the whole plan with --team."""
    return _whole if args.team else client_view


def _whole(file: PlanFile) -> PlanFile:
    return file


def _say_version(args: argparse.Namespace, labels: Labels) -> None:
    """Which version was printed: one line on stderr, the report alone on stdout."""
    print(f"kamsite: {labels('cli.version.team' if args.team else 'cli.version.client')}", file=sys.stderr)


def _next(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Write <new id>.md beside the plan it follows; never over a file, never an invalid plan."""
    plans = _load(_plans_dir(args), labels)
    source = _plan(plans, args.account_id)
    start = args.start or source.plan.period.end + timedelta(days=1)
    new_id = args.new_id or _next_id(source.id, start)
    if not SLUG.fullmatch(new_id):
        raise Failure(f"--id: '{new_id}' is not a safe id: use lowercase letters, digits and '-'")
    if any(p.id == new_id for p in plans.plans):
        raise Failure(f"a plan with id '{new_id}' already exists; nothing was written")
    target = Path(source.path).parent / f"{new_id}.md"
    if target.exists():
        raise Failure(f"{target} already exists; nothing was written")
    try:
        text = template.next_period(source, new_id, start)
        parse_plan(text, str(target))  # never write a plan that would not pass `kamsite check`
    except (ValueError, OverflowError):
        raise Failure(f"--start: {start} leaves no room for the next period after it") from None
    except PlanError as exc:
        raise Failure(f"the next plan would not be valid, so nothing was written:\n{exc}") from None
    _write_new(target, text)
    print(target)
    return 0


def _next_id(old: str, start: date) -> str:
    """acme-2027 -> acme-2028; acme -> acme-2028."""
    stem = re.sub(r"-(19|20|21)\d\d$", "", old)
    return f"{stem}-{start.year}"


def _plan(plans: Portfolio, account_id: str) -> PlanFile:
    found = next((p for p in plans.plans if p.id == account_id), None)
    if found is None:
        known = ", ".join(p.id for p in plans.plans) or "none"
        raise Failure(f"no valid plan with id '{account_id}' (known: {known})")
    return found


def _review(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(_plans_dir(args), labels)
    found = _plan(plans, args.account_id)
    as_of, settings, audience = _as_of(args), args.options.settings, _audience(args)
    changes = args.team or args.options.client_changes  # the client's as on the client's site
    known_history = PlanHistory(
        texts=git.texts_on(_plans_dir(args), Path(found.path), review.snapshot_days(found, as_of))
        if changes
        else None
    )
    # the past snapshots as the same readers see them: nothing internal shows as a change
    quarters = site.quarter_history(found, as_of, known_history, audience)
    reviews = review.review(audience(found), as_of, settings, quarters)
    if args.quarter:
        reviews = tuple(r for r in reviews if r.quarter == args.quarter)
        if not reviews:
            raise Failure(f"--quarter: {args.quarter} of '{found.id}' has not started on {as_of}")
    _say_version(args, labels)
    shown = audience(found).plan.team
    sys.stdout.write(report.review_markdown(found.plan.account, reviews, shown, fmt, labels, changes))
    return 0


def _quarter(value: str) -> str:
    if not re.fullmatch(r"Q[1-8]", value.upper()):
        raise argparse.ArgumentTypeError(f"'{value}' is not a quarter (Q1 to Q8)")
    return value.upper()


def _build(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    from kamsite.shell import builder  # MkDocs is imported only by the command that needs it

    config_file = args.config_file or config.DEFAULT_FILE
    if not config_file.is_file():
        raise Failure(f"{config_file}: no such configuration file")
    if args.shard and not args.clients:
        raise Failure("--shard: shares are of client sites: add --clients")
    try:
        if args.clients:
            target = args.site_dir or Path("clients")
            ids, built = builder.build_clients(
                config_file, target, strict=args.strict, shard=args.shard or (1, 1)
            )
            for account_id in ids:  # a share with no account (more shares than accounts) prints none
                print(target / account_id)
        else:
            target = args.site_dir or Path("site")
            built = builder.build_site(
                config_file,
                target,
                audience=args.audience,
                account=args.account,
                strict=args.strict,
                since=args.since,
            )
            print(target)
    except KamsiteError as exc:
        raise Failure(f"{exc}; the previous site was left as it was") from None
    except KeyboardInterrupt:  # the build's staging folder is removed on the way out
        raise KeyboardInterrupt("interrupted; the previous site was left as it was") from None
    summary = labels(
        "cli.built",
        accounts=labels("cli.accounts", count=built.accounts),
        warnings=labels("cli.warnings", count=built.warnings),
        where=target,
    )
    print(summary, file=sys.stderr)
    return 0


def _new(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    for value, what in ((args.id, "id"), (args.owner, "--owner")):
        if not SLUG.fullmatch(value):
            raise Failure(f"{what}: '{value}' is not a safe id: use lowercase letters, digits and '-'")
    plans_dir = _plans_dir(args)
    if plans_dir.exists() and not plans_dir.is_dir():
        raise Failure(f"{plans_dir}: is not a folder; nothing was written")
    plans = _load(plans_dir, labels) if plans_dir.is_dir() else Portfolio()
    target = plans_dir / f"{args.id}.md"
    if os.path.lexists(target):  # False where it cannot be known: the write then says why
        raise Failure(f"{target} already exists; nothing was written")
    if any(p.id == args.id for p in plans.plans):
        raise Failure(f"a plan with id '{args.id}' already exists; nothing was written")
    text = _plan_text(args, plans)
    parse_plan(text, str(target))  # never write a plan that would not pass `kamsite check`
    _write_new(target, text)
    print(target)
    return 0


def _init(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Write every file of a new project that is not there yet; say which were kept."""
    language = args.site_language or (args.language if args.language in starter.LANGUAGES else "en")
    spec, note = (args.spec, "") if args.spec else starter.requirement()
    if args.dir.exists() and not args.dir.is_dir():
        raise Failure(f"{args.dir}: is not a folder; nothing was written")
    today = config.today(starter.LANGUAGES[language].timezone)  # the zone mkdocs.yml will name
    print(f"kamsite: {today}", file=sys.stderr)
    files = starter.files(language, args.name, spec, note, today.day)
    try:
        written = starter.write(args.dir, files)
    except OSError as exc:
        raise Failure(f"{args.dir}: cannot write the project there: {exc.strerror or exc}") from None
    for path, kept in written:
        print(f"{path}: {kept}" if kept else path)
    print(
        f"kamsite: next: set site_url in {args.dir / 'mkdocs.yml'}, then run kamsite check and mkdocs serve"
        f" in {args.dir}",
        file=sys.stderr,
    )
    return 0


def _schema(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    made = schemas.plan_schema() if args.which == "plan" else schemas.export_schema()
    sys.stdout.write(schemas.to_json(made))
    return 0


def _plan_text(args: argparse.Namespace, plans: Portfolio) -> str:
    """The new plan: a skeleton, or the structure of --from, starting at --start."""
    names = people.directory(plans.plans)[0]
    name = args.name or names.get(args.owner, args.owner)
    if args.start:
        start = args.start
    else:
        today = _as_of(args)
        start = add_months(date(today.year, today.month, 1), 1)
    source = None
    if args.source:
        source = next((p for p in plans.plans if p.id == args.source), None)
        if source is None:
            raise Failure(f"--from: no valid plan with id '{args.source}'")
    try:
        if source:
            return template.replicate(source, args.id, args.account, args.owner, name, start)
        return template.skeleton(args.id, args.account, args.owner, name, start)
    except (ValueError, OverflowError):  # the period's end, a year on, is past the last date there is
        raise Failure(f"--start: {start} leaves no room for a year-long period after it") from None


def _write_new(target: Path, text: str) -> None:
    """Write atomically, never over an existing file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".kamsite-", suffix=".md")
    except OSError as exc:
        raise Failure(f"{target.parent}: cannot write a plan there: {exc.strerror or exc}") from None
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
