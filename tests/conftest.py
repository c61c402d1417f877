"""Shared helpers: a small valid plan to mutate, the example plans, a real MkDocs build."""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import pytest
from mkdocs.config import load_config

from kamsite.core.errors import PlanError
from kamsite.core.model import PlanFile
from kamsite.core.parse import parse_plan
from kamsite.core.sections import heading_attrs

ROOT = Path(__file__).resolve().parent.parent
# The example project the tests build: a few short plans written for the tests, as of 2027-05-15
# (plans/atlas-2026.md, closed, and plans/atlas.md, which follows it, with internal items, a
# .client section and a contact cadence; plans/sul/boreal.md, on track over a fiscal year;
# plans/norte/cedro.md, off track), two short pages in docs/ (format.md in English, formato.md in
# Portuguese) and a pt-BR mkdocs.yml. The repository's
# plans/ are the users' to replace; its docs/ hold the format reference.
EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "example"
# The repository's example plans: the users' to replace, so no test reads them (see below).
PLANS = ROOT / "plans"

# Line numbers matter: tests assert them. Line 1 is the opening '---'.
BASE = """\
---
account: Acme
owner: ana
team:
  ana: Ana Souza
  bruno: Bruno Lima
period: {start: 2027-01-01, end: 2027-12-31}
goals:
  - id: revenue
    title: Revenue
    unit: BRL
    baseline: 100
    target: 200
milestones:
  - id: q1
    title: Q1 deal
    quarter: Q1
    goals: [revenue]
actions:
  - id: act
    title: Act
    milestone: q1
    owner: bruno
---
"""


# -- no test reads the repository's plans/ -----------------------------------------------------


class ReadsExamplePlans(AssertionError):
    """A test opened or listed the repository's plans/, which a team replaces with its own."""


PLANS_READ: list[str] = []


def _inside_plans(path: object) -> bool:
    if not isinstance(path, str | bytes | os.PathLike):
        return False  # a file descriptor
    name = os.fsdecode(path)
    if not os.path.isabs(name) and os.sep not in name:
        return False  # maybe relative to a folder's descriptor (shutil.rmtree), not to the cwd
    found = os.path.abspath(name)
    return found == str(PLANS) or found.startswith(str(PLANS) + os.sep)


def _guard_plans(event: str, args: tuple[object, ...]) -> None:
    """Audit hook: opening or listing anything under plans/ is recorded, which fails the test
    after it ran (see below), and opening or listing with os.listdir fails at once, in this
    process and in the worker processes it forks. (An interrupted os.scandir would leave its
    iterator unclosed: that listing is only recorded.)"""
    if event not in ("open", "os.listdir", "os.scandir") or not args or not _inside_plans(args[0]):
        return
    path = os.fsdecode(args[0])  # type: ignore[arg-type]
    PLANS_READ.append(path)
    if event != "os.scandir":
        raise ReadsExamplePlans(f"a test reads the repository's example plans: {path}")


sys.addaudithook(_guard_plans)


@pytest.fixture(autouse=True)
def _no_example_plans_read() -> Iterator[None]:
    yield
    read, PLANS_READ[:] = list(PLANS_READ), []
    assert not read, f"the test read the repository's example plans: {read}"


def copy_repository(target: Path) -> Path:
    """The repository's own files in `target`, without its example plans/ (the users' to replace),
    its git folder, environments, caches and built sites."""
    shutil.copytree(ROOT, target, ignore=_not_sources)
    return target


_BUILT = shutil.ignore_patterns(
    ".git",
    ".venv",
    "site",
    "clients",
    "public",
    "properdocs-site",
    "node_modules",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".cache",
    "test-artifacts",
    "build",
    "dist",
)


def _not_sources(folder: str, names: list[str]) -> set[str]:
    return set(_BUILT(folder, names)) | ({"plans"} if Path(folder) == ROOT else set())


# -- git repositories and site trees, and what builds leave --------------------------------------------------------


def git(
    repo: Path,
    *args: str,
    author: str = "Ana Souza",
    date: str = "2027-03-01",
    committer: tuple[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """git in `repo`, away from the machine's and the user's settings. A commit is by `author` on
    `date` (a day, at 10:00, or a whole git date) and committed by them then, unless `committer`
    gives another (name, date)."""
    when = f"{date}T10:00:00" if len(date) == 10 else date
    name, committed = committer or (author, when)
    env = {
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "kam@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": "kam@example.com",
        "GIT_COMMITTER_DATE": committed,
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True)


def new_repository(folder: Path) -> Path:
    """A new git repository in `folder` (its branch: main)."""
    git(folder, "init", "-q", "-b", "main")
    return folder


def commit_all(repo: Path, message: str, **who: Any) -> str:
    """Commit every file of `repo` as it is now (`who`: git's author, date, committer); its sha."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, **who)
    return git(repo, "rev-parse", "HEAD").stdout.strip()


def tree(folder: Path) -> dict[str, str]:
    """Every file of `folder` (a site) by its path in it, with a digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def contents(site: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file of a site with its bytes, those of a .gz file uncompressed (the sitemap)."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield path, gzip.decompress(data) if path.suffix == ".gz" else data


def leftovers(folder: Path) -> list[str]:
    """Hidden files and folders a build left beside the site in `folder` (staging folders, lock
    files)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- commands in a process, and projects written by the test -------------------------------

BIN = Path(sys.executable).parent  # this environment's commands: kamsite, mkdocs, properdocs
# The quickest real site: English, no history, a pinned day.
QUICK_SITE = (
    "site_name: T\ntheme: {name: material, font: false}\nplugins:\n"
    "  - kamsite: {as_of: '2027-02-01', history: false}\n"
)


def environment(**changes: str | None) -> dict[str, str]:
    """The environment for a command the test runs: this environment's commands first on PATH,
    Material's notice about MkDocs 2 off, and no KAMSITE_AS_OF of the machine's; `changes` set more
    variables (None removes one)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KAMSITE_AS_OF", None)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(
    cwd: Path, *command: str | Path, env: dict[str, str] | None = None, timeout: float = 120, **options: Any
) -> subprocess.CompletedProcess[str]:
    """A command in `cwd` in `environment()` (or `env`), its output kept as text, whatever its
    exit status."""
    return subprocess.run(
        [os.fspath(part) for part in command],
        cwd=cwd,
        env=environment() if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **options,
    )


def kamsite(cwd: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """`kamsite ARGS` in `cwd` (see run)."""
    return run(cwd, BIN / "kamsite", *args, **options)


def write_plans(folder: Path, plans: dict[str, str]) -> Path:
    """`folder` (made if need be) holding NAME.md for each NAME: TEXT of `plans` (a NAME may start
    with sub-folders)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in plans.items():
        path = folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def write_project(root: Path, plans: dict[str, str], config: str = QUICK_SITE) -> Path:
    """A project in `root`: mkdocs.yml holding `config`, an empty docs/, and `plans` in plans/."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_plans(root / "plans", plans)
    return root


# -- tests that build a site carry the `build` mark (make test-fast leaves them out) -----------

BUILDS: list[str] = []  # the builds since the last test ended
_BUILDERS = ("kamsite", "mkdocs", "properdocs", "zensical", "make")
_BUILDING = ("build", "serve", "test")


def _build_noted(*args: object, **kwargs: object) -> object:
    BUILDS.append("an MkDocs build in process")
    return _mkdocs_build(*args, **kwargs)  # type: ignore[arg-type]


# Every in-process build goes through MkDocs' build(): kamsite's builder imports it after this.
_mkdocs_build, mkdocs.commands.build.build = mkdocs.commands.build.build, _build_noted


def _is_build(command: object) -> bool:
    """Whether a command line starts a site build or a server (`make test` runs builds too)."""
    parts = [command] if isinstance(command, str | bytes | os.PathLike) else command
    words = " ".join(os.fsdecode(p) for p in parts).split()  # type: ignore[union-attr]
    names = [os.path.basename(w) for w in words]
    return any(n in _BUILDERS for n in names) and any(w in _BUILDING for w in words)


def _note_build_processes(event: str, args: tuple[object, ...]) -> None:
    if event == "subprocess.Popen" and _is_build(args[1]):
        BUILDS.append(f"a process: {args[1]}")


sys.addaudithook(_note_build_processes)


@pytest.fixture(autouse=True)
def _builds_are_marked(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that builds a site (itself or through a fixture it is the first to use) without
    the `build` mark (or `browser`, which make test-fast leaves out too) fails, so
    `make test-fast` can never build by mistake."""
    yield
    builds, BUILDS[:] = list(BUILDS), []
    marked = any(request.node.get_closest_marker(m) for m in ("build", "browser"))  # neither is fast
    if builds and not marked:
        pytest.fail(f"this test builds a site, so it needs @pytest.mark.build: {builds[0]}", pytrace=False)


def problems(text: str, path: str = "plans/acme.md") -> list[str]:
    """The problem lines a plan text produces ([] when it is valid)."""
    try:
        parse_plan(text, path)
    except PlanError as exc:
        return [str(p) for p in exc.problems]
    return []


def copy_project(target: Path) -> Path:
    """A copy of the tests' example project (mkdocs.yml, docs/, plans/), in `target`."""
    for name in ("plans", "docs"):
        shutil.copytree(EXAMPLE / name, target / name)
    shutil.copy(EXAMPLE / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def mkdocs_build(project: Path, strict: bool = False, **overrides: object) -> Path:
    """A real MkDocs build of `project`; returns the site folder."""
    site = project / "site"
    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict, **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs.commands.build.build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site


# -- what a client site must not show -------------------------------------------------------


def example_plans() -> list[PlanFile]:
    """The example project's plans, read by kamsite's loader."""
    from kamsite.shell import loader

    return loader.load(EXAMPLE / "plans").plans


def secrets_of(file):
    """Everything that identifies an account's plan: its id, and its names and titles."""
    plan = file.plan
    names = [
        plan.account,
        *(g.title for g in plan.goals),
        *(m.title for m in plan.milestones),
        *(a.title for a in plan.actions),
    ]
    return plan.id, names


def internal_text():
    """Every non-empty line inside a section marked {.internal}, in every plan of the example (a
    plain scan of the text, independent of kamsite's)."""
    found = []
    for file in example_plans():
        level = 0
        for line in file.body.splitlines():
            heading = re.match(r"(#+)\s+(.*)", line)
            if heading:
                depth = len(heading.group(1))
                if level and depth <= level:
                    level = 0
                if "internal" in heading_attrs(heading.group(2))[2]:
                    level = depth
                    found.append(heading_attrs(heading.group(2))[0])
                    continue
            if level and line.strip():
                found.append(re.sub(r"^- \[[ xX]\] ", "", line).split(" @")[0].split(" due:")[0])
    return found


def internal_items(file: PlanFile) -> list[str]:
    """The titles of the goals, milestones and actions a plan marks internal."""
    plan = file.plan
    return [item.title for item in (*plan.goals, *plan.milestones, *plan.actions) if item.internal]


# -- a real Chromium (Playwright driving Debian's /usr/bin/chromium) ------------------------

CHROMIUM = Path(os.environ.get("KAMSITE_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site over HTTP on loopback; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {CHROMIUM} is missing", pytrace=False)
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The example site, built once and served for the browser tests at its own site_url
    (Material's instant navigation follows only links to the address the site was built for)."""
    project = copy_project(tmp_path_factory.mktemp("example"))
    with serve(project / "site") as url:
        mkdocs_build(project, strict=True, site_url=url)
        yield url


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records console errors, page errors and requests leaving the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.outside = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("request", lambda r: None if r.url.startswith((site_url, "data:")) else tab.outside.append(r.url))
    yield tab
    context.close()


# -- plans built in the test: the builders unit tests share -----------------------------


def make_plan(goals=(), milestones=(), actions=(), period=("2027-01-01", "2027-12-31"), body="", **front):
    """A valid PlanFile from Python values (dates as ISO strings are fine), for unit tests."""
    import yaml

    data = {
        "account": "Acme",
        "owner": "ana",
        "team": {"ana": "Ana Souza", "bruno": "Bruno Lima"},
        "period": {"start": period[0], "end": period[1]},
        "goals": list(goals),
        "milestones": list(milestones),
        "actions": list(actions),
        **front,
    }
    text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body
    return parse_plan(text, "plans/acme.md")


D = date.fromisoformat


def action(id, milestone="m1", **extra):
    """An action of `milestone`, titled after its id."""
    return {"id": id, "title": id.title(), "milestone": milestone, **extra}


FORMAT_EXAMPLE_BODY = (
    "## Workshop de roadmap {#exec-workshop}\n"
    "- [x] Agendar reunião com o CFO @bruno due:2027-01-10 done:2027-01-09\n"
    "- [ ] Enviar pauta ao comprador due:2027-02-01\n"
    "## Outros\n"
    "- [ ] Relatório mensal de vendas @ana due:2027-01-31 #exec-workshop\n"
)


def format_example():
    """The example of the plan format's reference (its goal, milestone, action and tasks), whose
    numbers the format works out by hand as of 2027-05-15."""
    return make_plan(
        goals=[revenue_goal(actuals={D("2027-03-31"): 2610000, D("2027-06-30"): 2700000})],
        milestones=[
            {
                "id": "q1-renewal",
                "title": "Renovar",
                "quarter": "Q1",
                "goals": ["revenue"],
                "checkpoint": {"revenue": 2600000},
                "done": D("2027-03-20"),
            }
        ],
        actions=[
            {
                "id": "exec-workshop",
                "title": "Workshop",
                "milestone": "q1-renewal",
                "owner": "bruno",
                "due": D("2027-02-15"),
                "status": "doing",
            }
        ],
        body=FORMAT_EXAMPLE_BODY,
    )


def revenue_goal(**extra):
    return {
        "id": "revenue",
        "title": "Revenue",
        "unit": "BRL",
        "baseline": 2500000,
        "target": 3000000,
        **extra,
    }


BEYOND_LATIN1 = re.compile(r"&#(\d+);")


def as_shown(text: str) -> str:
    """A generated page's text with the characters past Latin-1 it writes as references
    (`&#8212;`, pages/common.raw) back as characters; every other escape stays."""
    return BEYOND_LATIN1.sub(lambda m: chr(int(m[1])) if int(m[1]) > 255 else m[0], text)
