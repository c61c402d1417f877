"""Shared helpers: a small valid plan to mutate, the example plans, a real MkDocs build."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import mkdocs.commands.build
import pytest
from mkdocs.config import load_config

from kamsite.core.errors import PlanError
from kamsite.core.parse import parse_plan

ROOT = Path(__file__).resolve().parent.parent
# The example project the tests build: a few short plans written for the tests, as of 2027-05-15
# (plans/atlas-2026.md, closed, and plans/atlas.md, which follows it, with internal items, a
# .client section and a contact cadence; plans/sul/boreal.md, on track over a fiscal year;
# plans/norte/cedro.md, off track), one page in docs/ and a pt-BR mkdocs.yml. The repository's
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


# -- git repositories and site trees --------------------------------------------------------


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


def tree(folder: Path) -> dict[str, str]:
    """Every file of `folder` (a site) by its path in it, with a digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Hidden files and folders a build left beside the site in `folder` (staging folders, lock
    files), but a build cache (.cache), which is kept on purpose."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache")


# -- tests that build a site carry the `build` mark (make test-fast leaves them out) -----------

BUILDS: list[str] = []  # the builds since the last test ended
_BUILDERS = ("kamsite", "mkdocs", "properdocs", "make")
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


def revenue_goal(**extra):
    return {
        "id": "revenue",
        "title": "Revenue",
        "unit": "BRL",
        "baseline": 2500000,
        "target": 3000000,
        **extra,
    }
