"""The `kamsite` command: a thin shell over the loader and the core."""

from __future__ import annotations

import argparse
import functools
import gc
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kamsite import __version__
from kamsite.core import agenda, people, recent, review
from kamsite.core.audience import client_view
from kamsite.core.errors import KamsiteError, PlanError, Problem, suggest
from kamsite.core.model import SLUG, PlanFile, PlanHistory
from kamsite.core.parse import parse_plan
from kamsite.core.portfolio import Portfolio, running
from kamsite.core.progress import compute, compute_all
from kamsite.core.quarters import add_months
from kamsite.render import new_plan as template
from kamsite.render import next_plan as renewal
from kamsite.render import schema as schemas
from kamsite.render import site
from kamsite.render import terminal as report
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.shell import arguments, config, engines, git, loader
from kamsite.shell import init as starter


class Failure(KamsiteError):
    """A one-line message for the user; the command exits with status 1."""


Run = Callable[[argparse.Namespace, Labels, Formats], int]  # a command: its arguments, its words


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    labels = Labels(babel_locale(arguments.language(argv)))
    args = _parser(labels).parse_args(argv)
    try:  # every error kamsite knows ends here, as one line
        args.options = config.load_options(args.config_file) if "config_file" in args else None
        return int(args.run(args, labels, Formats(labels.locale)))
    except PlanError as exc:  # a plan the command would write or read: in the site's language
        said = "\n".join(labels.problem(p) for p in exc.problems)
        print(f"kamsite: {report.safe(said)}", file=sys.stderr)
        return 1
    except KamsiteError as exc:  # its message in the labels' words, as far as it is a Said
        said = labels.message(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else str(exc)
        print(f"kamsite: {report.safe(said)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:  # Ctrl-C: one line, and the status a shell gives it (128 + SIGINT)
        print(f"kamsite: {stop.args[0] if stop.args else labels['cli.error.interrupted']}", file=sys.stderr)
        return 130  # an exit, not death by the signal: the pool's processes are ended on the way out


def _parser(labels: Labels) -> argparse.ArgumentParser:
    """The command line, its help in the labels' language (`cli.help.*`, `cli.metavar.*`)."""
    w, types = labels, arguments.Types(labels)
    parser = arguments.Parser(labels, prog="kamsite", description=w["cli.description"])
    parser.add_argument(
        "--version", action="version", version=f"kamsite {__version__}", help=w["cli.version"]
    )
    parser.add_argument("--language", metavar=w["cli.metavar.language"], help=w["cli.help.language"])
    # options every command shares (a plain parser: argparse merges a parent's options into the
    # command's by the English title both have until the command's own words replace it)
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument(
        "-f", "--config-file", type=Path, metavar=w["cli.metavar.file"], help=w["cli.help.config_file"]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar=w["cli.metavar.command"])

    def command(name: str, run: Run, shared: bool = True) -> arguments.Parser:
        said = w[f"cli.help.{name}"]
        parents: list[Any] = [project] if shared else []
        found: arguments.Parser = commands.add_parser(
            name, labels=labels, parents=parents, help=said, description=said
        )
        found.set_defaults(run=run)
        return found

    def plans_dir(parser: arguments.Parser, option: bool = False) -> None:
        said = w["cli.help.plans_dir"]
        if option:
            shown = w["cli.metavar.plans_dir_option"]
            parser.add_argument("--plans-dir", type=Path, default=None, metavar=shown, help=said)
        else:
            shown = w["cli.metavar.plans_dir"]
            parser.add_argument("plans_dir", nargs="?", type=Path, default=None, metavar=shown, help=said)

    def as_of(parser: arguments.Parser, key: str = "cli.help.as_of") -> None:
        said = w(key, as_of=w["cli.help.as_of"])
        parser.add_argument("--as-of", default=None, metavar=w["cli.metavar.date"], help=said)

    def account(parser: arguments.Parser, key: str = "cli.help.account_id") -> None:
        parser.add_argument("account_id", metavar=w["cli.metavar.account_id"], help=w[key])

    def team(parser: arguments.Parser) -> None:
        parser.add_argument("--team", action="store_true", help=w["cli.help.team"])

    check = command("check", _check)
    check.add_argument(
        "paths", nargs="*", type=Path, metavar=w["cli.metavar.check_paths"], help=w["cli.help.check.paths"]
    )
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help=w["cli.help.check.format"]
    )
    check.add_argument("--strict", action="store_true", help=w["cli.help.check.strict"])
    as_of(check, "cli.help.check.as_of")

    today = command("today", _today)
    plans_dir(today)
    today.add_argument("--owner", metavar=w["cli.metavar.handle"], help=w["cli.help.today.owner"])
    today.add_argument(
        "--days", type=types.days, default=None, metavar=w["cli.metavar.days"], help=w["cli.help.today.days"]
    )
    as_of(today)

    recent_ = command("recent", _recent)
    account(recent_)
    recent_.add_argument(
        "--days", type=types.days, default=None, metavar=w["cli.metavar.days"], help=w["cli.help.recent.days"]
    )
    as_of(recent_)
    plans_dir(recent_, option=True)
    team(recent_)

    next_ = command("next", _next)
    account(next_, "cli.help.next.account_id")
    next_.add_argument("--id", dest="new_id", metavar=w["cli.metavar.id"], help=w["cli.help.next.id"])
    next_.add_argument(
        "--start", type=types.date, default=None, metavar=w["cli.metavar.date"], help=w["cli.help.next.start"]
    )
    as_of(next_)
    plans_dir(next_, option=True)

    review_ = command("review", _review)
    account(review_)
    review_.add_argument(
        "--quarter",
        type=types.quarter,
        default=None,
        metavar=w["cli.metavar.quarter"],
        help=w["cli.help.review.quarter"],
    )
    as_of(review_)
    plans_dir(review_, option=True)
    team(review_)

    build = command("build", _build)
    build.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        default=None,
        metavar=w["cli.metavar.dir"],
        help=w["cli.help.build.site_dir"],
    )
    build.add_argument(
        "--audience", choices=("team", "client"), default="team", help=w["cli.help.build.audience"]
    )
    build.add_argument("--account", metavar=w["cli.metavar.id"], help=w["cli.help.build.account"])
    build.add_argument("--clients", action="store_true", help=w["cli.help.build.clients"])
    build.add_argument(
        "--shard", type=types.shard, default=None, metavar="K/N", help=w["cli.help.build.shard"]
    )
    build.add_argument("--strict", action="store_true", help=w["cli.help.build.strict"])
    build.add_argument("--since", metavar=w["cli.metavar.since"], help=w["cli.help.build.since"])
    build.add_argument("--engine", choices=engines.ENGINES, default="mkdocs", help=w["cli.help.build.engine"])

    serve = command("serve", _serve)
    serve.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help=w["cli.help.serve.dev_addr"]
    )
    serve.add_argument("--engine", choices=engines.ENGINES, default="mkdocs", help=w["cli.help.serve.engine"])

    new = command("new", _new)
    new.add_argument("id", metavar=w["cli.metavar.new_id"], help=w["cli.help.new.id"])
    new.add_argument(
        "--account", required=True, metavar=w["cli.metavar.name"], help=w["cli.help.new.account"]
    )
    new.add_argument("--owner", required=True, metavar=w["cli.metavar.handle"], help=w["cli.help.new.owner"])
    new.add_argument("--name", metavar=w["cli.metavar.name"], help=w["cli.help.new.name"])
    new.add_argument("--from", dest="source", metavar=w["cli.metavar.id"], help=w["cli.help.new.from"])
    new.add_argument(
        "--start", type=types.date, default=None, metavar=w["cli.metavar.date"], help=w["cli.help.new.start"]
    )
    plans_dir(new, option=True)

    init = command("init", _init, shared=False)
    init.add_argument(
        "dir",
        nargs="?",
        default=Path("."),
        type=Path,
        metavar=w["cli.metavar.folder"],
        help=w["cli.help.init.dir"],
    )
    init.add_argument(
        "--language", dest="site_language", choices=tuple(starter.LANGUAGES), help=w["cli.help.init.language"]
    )
    init.add_argument("--name", metavar=w["cli.metavar.name"], help=w["cli.help.init.name"])
    init.add_argument(
        "--kamsite", dest="spec", metavar=w["cli.metavar.spec"], help=w["cli.help.init.kamsite"]
    )
    init.add_argument(
        "--engine", choices=tuple(starter.ENGINES), default="mkdocs", help=w["cli.help.init.engine"]
    )

    schema_ = command("schema", _schema, shared=False)
    schema_.add_argument("which", choices=("plan", "accounts"), help=w["cli.help.schema.which"])
    return parser


def _plans_dir(args: argparse.Namespace) -> Path:
    """The folder given on the command line, else plans_dir of mkdocs.yml, else ./plans."""
    options: config.Options = args.options
    return Path(args.plans_dir or options.plans_dir)


def _as_of(args: argparse.Namespace, labels: Labels) -> date:
    """The command's reference date, announced on stderr with where it came from."""
    options: config.Options = args.options
    found = options.as_of_for(getattr(args, "as_of", None), os.environ)
    print(f"kamsite: {labels.message(str(found))}", file=sys.stderr)
    return found.day


def _load(root: Path, labels: Labels, quiet: bool = False) -> Portfolio:
    try:
        plans = loader.load(root)
    except PlanError as exc:
        raise Failure("\n".join(labels.problem(p) for p in exc.problems)) from None
    if not quiet:
        for problem in plans.problems:
            print(labels("cli.warning", message=report.one_line(labels.problem(problem))), file=sys.stderr)
    return plans


def _check(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Print every problem as `path:line: field: message`; 0 when all plans are valid."""
    gc.disable()  # the plans are kept to the end: nothing for the cycle collector to find
    try:
        code = _checked(args, labels, fmt)
    finally:
        gc.enable()
    return code


def _checked(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    root, files = _check_scope(args.paths, Path(args.options.plans_dir), labels)
    plans = _load(root, labels, quiet=True)
    if files:  # the whole folder is read (a plan is checked against the others), these are told
        told = {loader.display(f) for f in files}
        plans = Portfolio(
            [f for f in plans.plans if f.path in told], [b for b in plans.invalid if b.path in told]
        )
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
            else labels(f"cli.{level}", message=report.one_line(labels.problem(problem)))
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
        print(labels("cli.check.strict", count=len(warnings)), file=sys.stderr)
        return 1
    print(labels("cli.check.ok", count=count), file=sys.stderr)
    return 0


def _check_scope(paths: list[Path], configured: Path, labels: Labels) -> tuple[Path, list[Path]]:
    """What `check` reads and what it tells: a folder given, that folder; plan files given, the
    folder of plans that holds them (mkdocs.yml's, when they are in it), told about them alone;
    nothing given, mkdocs.yml's folder of plans."""
    folders = [p for p in paths if p.is_dir() or (not p.exists() and p.suffix != ".md")]
    files = [p for p in paths if p not in folders]
    if folders and (files or len(folders) > 1):
        raise Failure(labels("cli.error.check_mixed", paths=", ".join(map(loader.display, paths))))
    if folders or not paths:
        return (folders[0] if folders else configured), []
    for file in files:
        if not file.is_file():
            raise Failure(labels("cli.error.no_plan_file", path=loader.display(file)))
    parents = {f.resolve().parent for f in files}
    inside = all(configured.resolve() in (parent, *parent.parents) for parent in parents)
    if inside:
        return configured, files
    if len(parents) > 1:
        raise Failure(labels("cli.error.check_folders", paths=", ".join(map(loader.display, files))))
    return files[0].parent, files


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
    as_of, options = _as_of(args, labels), args.options
    days = args.days or options.today_days
    names = people.directory(plans.plans)[0]
    computed = running(compute_all(plans.plans, as_of, options.settings))  # the plan in front of each chain
    items = [i for acc in computed for i in agenda.open_items(acc, acc.file.tasks)]
    if args.owner is not None:
        if args.owner not in names:
            hint = _hint(args.owner, sorted(names), "cli.error.known_handles", labels)
            raise Failure(labels("cli.error.unknown_owner", owner=args.owner, hint=hint))
        items = [i for i in items if i.owner == args.owner]
    grouped = agenda.agenda(items, as_of, days)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(report.agenda_text(grouped, names, as_of, days, fmt, labels, color))
    return 0


def _recent(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(_plans_dir(args), labels)
    found = _plan(plans, args.account_id, labels)
    shown = _audience(args)(found)
    acc = compute(shown, _as_of(args, labels), args.options.settings)
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
    source = _plan(plans, args.account_id, labels)
    start = args.start or source.plan.period.end + timedelta(days=1)
    new_id = args.new_id or _next_id(source.id, start)
    if not SLUG.fullmatch(new_id):
        raise Failure(labels("cli.error.unsafe_id", what="--id", value=new_id))
    if any(p.id == new_id for p in plans.plans):
        raise Failure(labels("cli.error.id_taken", id=new_id))
    target = Path(source.path).parent / f"{new_id}.md"
    if target.exists():
        raise Failure(labels("cli.error.exists", path=target))
    try:
        text = renewal.next_period(source, new_id, start, labels)
        parse_plan(text, str(target))  # never write a plan that would not pass `kamsite check`
    except (ValueError, OverflowError):
        raise Failure(labels("cli.error.next_room", start=start)) from None
    except PlanError as exc:
        problems = "\n".join(labels.problem(p) for p in exc.problems)
        raise Failure(labels("cli.error.next_invalid", problems=problems)) from None
    _write_new(target, text, labels)
    print(target)
    _said_starts(source, _as_of(args, labels), labels, fmt)
    return 0


def _said_starts(source: PlanFile, as_of: date, labels: Labels, fmt: Formats) -> None:
    """Where each goal of the new plan starts, and a warning when the old plan has long to run."""
    print(report.renewal_text(renewal.starts(source.plan), source.id, fmt, labels), file=sys.stderr)
    if renewal.early(source.plan, as_of):
        end, day = fmt.date(source.plan.period.end), fmt.date(as_of)
        said = labels("cli.next.early", plan=source.id, end=end, as_of=day)
        print(labels("cli.warning", message=said), file=sys.stderr)


def _next_id(old: str, start: date) -> str:
    """acme-2027 -> acme-2028; acme -> acme-2028."""
    stem = re.sub(r"-(19|20|21)\d\d$", "", old)
    return f"{stem}-{start.year}"


def _plan(plans: Portfolio, account_id: str, labels: Labels) -> PlanFile:
    """The valid plan with this id; else what the id may have meant, or the ids there are."""
    found = next((p for p in plans.plans if p.id == account_id), None)
    if found is None:
        hint = _hint(account_id, [p.id for p in plans.plans], "cli.error.known_ids", labels)
        raise Failure(labels("cli.error.no_plan", id=account_id, hint=hint))
    return found


def _hint(wrong: str, known: Sequence[str], listed: str, labels: Labels) -> str:
    """' Did you mean ...?' when a known name is close, else the known names (or that there are
    none)."""
    close = suggest(wrong, known)
    if close:
        return labels.message(close)
    return labels(listed, names=", ".join(known)) if known else labels["cli.error.none_known"]


def _review(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    plans = _load(_plans_dir(args), labels)
    found = _plan(plans, args.account_id, labels)
    as_of, settings, audience = _as_of(args, labels), args.options.settings, _audience(args)
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
            raise Failure(labels("cli.error.quarter_later", quarter=args.quarter, id=found.id, as_of=as_of))
    _say_version(args, labels)
    shown = audience(found).plan.team
    sys.stdout.write(report.review_markdown(found.plan.account, reviews, shown, fmt, labels, changes))
    return 0


def _build(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    from kamsite.shell import builder  # MkDocs is imported only by the command that needs it

    config_file = args.config_file or config.DEFAULT_FILE
    if not config_file.is_file():
        raise config.missing(config_file)
    if args.shard and not args.clients:
        raise Failure(labels["cli.error.shard_clients"])
    begin = functools.partial(_as_of, args, labels)  # the date the plugin builds as of, once it may
    try:
        if args.clients:
            target = args.site_dir or Path("clients")
            ids, built = builder.build_clients(
                config_file,
                target,
                strict=args.strict,
                shard=args.shard or (1, 1),
                labels=labels,
                begin=begin,
                engine=args.engine,
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
                labels=labels,
                begin=begin,
                engine=args.engine,
            )
            print(target)
    except KamsiteError as exc:
        reason = labels.message(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else str(exc)
        raise Failure(labels("cli.error.build_failed", reason=reason)) from None
    except KeyboardInterrupt:  # the build's staging folder is removed on the way out
        raise KeyboardInterrupt(labels["cli.error.build_interrupted"]) from None
    summary = labels(
        "cli.built",
        accounts=labels("cli.accounts", count=built.accounts),
        warnings=labels("cli.warnings", count=built.warnings),
        where=target,
    )
    print(summary, file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    from kamsite.shell import preview

    config_file = args.config_file or config.DEFAULT_FILE
    if not config_file.is_file():
        raise Failure(f"{config_file}: no such configuration file")
    try:
        return preview.serve(config_file, args.engine, args.dev_addr)
    except KeyboardInterrupt:  # Ctrl-C ends a preview: not a failure
        return 0


def _new(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    for value, what in ((args.id, "id"), (args.owner, "--owner")):
        if not SLUG.fullmatch(value):
            raise Failure(labels("cli.error.unsafe_id", what=what, value=value))
    plans_dir = _plans_dir(args)
    if plans_dir.exists() and not plans_dir.is_dir():
        raise Failure(labels("cli.error.not_a_folder", path=plans_dir))
    plans = _load(plans_dir, labels) if plans_dir.is_dir() else Portfolio()
    target = plans_dir / f"{args.id}.md"
    if os.path.lexists(target):  # False where it cannot be known: the write then says why
        raise Failure(labels("cli.error.exists", path=target))
    if any(p.id == args.id for p in plans.plans):
        raise Failure(labels("cli.error.id_taken", id=args.id))
    text = _plan_text(args, plans, labels)
    parse_plan(text, str(target))  # never write a plan that would not pass `kamsite check`
    _write_new(target, text, labels)
    print(target)
    return 0


def _init(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    """Write every file of a new project that is not there yet; say which were kept, in the
    language of the project it writes."""
    language = args.site_language or (args.language if args.language in starter.LANGUAGES else "en")
    labels = Labels(babel_locale(language))
    spec, note = (args.spec, "") if args.spec else starter.requirement()
    if args.dir.exists() and not args.dir.is_dir():
        raise Failure(labels("cli.error.not_a_folder", path=args.dir))
    today = config.today(starter.LANGUAGES[language].timezone)  # the zone mkdocs.yml will name
    print(f"kamsite: {labels.message(str(today))}", file=sys.stderr)
    files = starter.files(language, args.name, spec, note, today.day, args.engine)
    try:
        written = starter.write(args.dir, files)
    except OSError as exc:
        raise Failure(labels("cli.error.write_project", path=args.dir, reason=exc.strerror or exc)) from None
    for path, kept in written:
        print(f"{path}: {labels.message(kept)}" if kept else path)
    said = labels(
        "cli.init.next",
        config=args.dir / "mkdocs.yml",
        dir=args.dir,
        serve=starter.ENGINES[args.engine].serve,
    )
    print(f"kamsite: {said}", file=sys.stderr)
    if args.engine == "zensical":  # told once, as the team picks it: `zensical build` makes no dashboard
        print(f"kamsite: {labels('cli.init.zensical', command=engines.ZENSICAL_COMMAND)}", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace, labels: Labels, fmt: Formats) -> int:
    made = schemas.plan_schema() if args.which == "plan" else schemas.export_schema()
    sys.stdout.write(schemas.to_json(made))
    return 0


def _plan_text(args: argparse.Namespace, plans: Portfolio, labels: Labels) -> str:
    """The new plan: a skeleton, or the structure of --from, starting at --start."""
    names = people.directory(plans.plans)[0]
    name = args.name or names.get(args.owner, args.owner)
    if args.start:
        start = args.start
    else:
        today = _as_of(args, labels)
        start = add_months(date(today.year, today.month, 1), 1)
    source = None
    if args.source:
        source = next((p for p in plans.plans if p.id == args.source), None)
        if source is None:
            hint = _hint(args.source, [p.id for p in plans.plans], "cli.error.known_ids", labels)
            raise Failure("--from: " + labels("cli.error.no_plan", id=args.source, hint=hint))
    try:
        if source:
            return template.replicate(source, args.id, args.account, args.owner, name, start, labels)
        return template.skeleton(args.id, args.account, args.owner, name, start, labels)
    except (ValueError, OverflowError):  # the period's end, a year on, is past the last date there is
        raise Failure(labels("cli.error.year_room", start=start)) from None


def _write_new(target: Path, text: str, labels: Labels) -> None:
    """Write atomically, never over an existing file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".kamsite-", suffix=".md")
    except OSError as exc:
        raise Failure(
            labels("cli.error.write_plan", path=target.parent, reason=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, not mkstemp's private one
        os.link(tmp, target)  # fails if the target appeared meanwhile
    except FileExistsError:
        raise Failure(labels("cli.error.exists", path=target)) from None
    finally:
        os.unlink(tmp)


if __name__ == "__main__":
    sys.exit(main())
