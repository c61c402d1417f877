"""MkDocs, ProperDocs and Zensical build the same dashboard from one small project made here:
the same pages and data files, the same kamsite HTML in every page, the same export."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from kamsite.shell import engines
from kamsite.shell.cli import main

from .conftest import BASE

AS_OF = "2027-05-15"
CONFIG = f"""\
site_name: Key accounts
site_url: https://kam.example.com/
theme:
  name: material
  font: false
  features: [navigation.instant]
  palette:
    - scheme: default
      toggle: {{icon: material/weather-night, name: Dark mode}}
    - scheme: slate
      toggle: {{icon: material/weather-sunny, name: Light mode}}
markdown_extensions:
  - attr_list
  - toc: {{permalink: false}}
plugins:
  - search
  - kamsite: {{as_of: '{AS_OF}', history: false}}
"""
BODY = """
## Act {#act}
Why this matters.
- [ ] Call the buyer @bruno due:2027-05-20
- [ ] Send the minutes @ana due:2027-05-10
- [x] Proposal sent @ana done:2027-05-02
"""


def plan(plan_id: str, account: str, year: int, follows: str | None = None) -> str:
    text = (
        BASE.replace(
            "account: Acme",
            f"account: {account}\nid: {plan_id}" + (f"\nfollows: {follows}" if follows else ""),
        )
        .replace("2027-", f"{year}-")
        .replace("baseline: 100", "baseline: 130" if follows else "baseline: 100")
        .replace("    target: 200\n", f"    target: 200\n    actuals: {{{year}-03-31: 130}}\n")
    )
    return text + BODY.replace("2027-", f"{year}-")


def small_project(root: Path) -> Path:
    """Two accounts, one following its closed plan of the year before, and a page of the team's."""
    (root / "plans").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\nHow the team uses the site.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    plans = {
        "acme-2026": plan("acme-2026", "Acme", 2026),
        "acme": plan("acme", "Acme", 2027, follows="acme-2026"),
        "bravo": plan("bravo", "Bravo & Filhos", 2027),
    }
    for name, text in plans.items():
        (root / "plans" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def need(engine: str) -> None:
    """Skip a test of an engine that is not installed here; CI must run them all."""
    if engines.installed(engine):
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must test every engine: {engine} is not installed", pytrace=False)
    pytest.skip(f"{engine} is not installed here (pip install {engine})")


def build(project: Path, out: Path, engine: str, *options: str) -> Path:
    assert (
        main(["build", "-f", str(project / "mkdocs.yml"), "-d", str(out), "--engine", engine, *options]) == 0
    )
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return small_project(tmp_path_factory.mktemp("engines"))


@pytest.fixture(scope="module")
def sites(project):
    """The team site as each engine builds it, built once for the module (on first use)."""
    built: dict[str, Path] = {}

    def site(engine: str) -> Path:
        need(engine)
        if engine not in built:
            built[engine] = build(project, project.parent / f"site-{engine}", engine)
        return built[engine]

    return site


ENGINE_FILES = re.compile(r"^(assets/(?!kamsite/)|search/|search\.json$|sitemap\.xml)")


def kamsite_files(site: Path) -> set[str]:
    """The files kamsite makes (pages, data, its assets), not the engine's own."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {
        p for p in (q.relative_to(site).as_posix() for q in site.rglob("*")) if ENGINE_FILES.match(p)
    }


ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.DOTALL)


def kamsite_html(page: str) -> str:
    """A page's content as kamsite made it: the article, without what an engine adds to it (a
    skip anchor) or takes from it (Zensical reads `data-search-exclude` and drops it), with the
    white space between tags left out."""
    found = ARTICLE.search(page)
    assert found, "no article in the page"
    html = re.sub(r'<a id="__skip"[^>]*></a>', "", found.group(1))
    html = html.replace(" data-search-exclude", "")
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.build
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_engine_builds_the_same_pages_and_data_files(sites, engine):
    mkdocs, other = kamsite_files(sites("mkdocs")), kamsite_files(sites(engine))
    assert other == mkdocs
    expected = {
        "index.html",
        "today/index.html",
        "people/index.html",
        "people/ana/index.html",
        "about/index.html",
        "accounts/acme/index.html",
        "accounts/acme/recent/index.html",
        "accounts/acme/review/index.html",
        "accounts/acme-2026/index.html",  # the closed plan acme follows
        "accounts/bravo/calendar.ics",
        "calendar.ics",
        "api/accounts.json",
        "api/tasks.csv",
        "assets/kamsite/kamsite.js",
        "assets/kamsite/kamsite.css",
        "assets/kamsite/plotly.min.js",
    }
    assert expected <= other


@pytest.mark.build
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_export_and_the_calendars_are_byte_identical(sites, engine):
    for name in ("api/accounts.json", "api/goals.csv", "calendar.ics", "people/ana/calendar.ics"):
        assert (sites(engine) / name).read_bytes() == (sites("mkdocs") / name).read_bytes(), name


@pytest.mark.build
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_page_holds_the_same_kamsite_html(sites, engine):
    mkdocs = sites("mkdocs")
    pages = [p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("index.html")]
    assert len(pages) > 10
    for page in pages:
        ours = kamsite_html((mkdocs / page).read_text(encoding="utf-8"))
        assert kamsite_html((sites(engine) / page).read_text(encoding="utf-8")) == ours, page


GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')
NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>', re.DOTALL)


def nav(site: Path) -> list[str]:
    """The pages the navigation lists, in its order, as seen from the About page."""
    found = NAV.search((site / "about/index.html").read_text(encoding="utf-8"))
    assert found, "no navigation"
    links = re.findall(r'<a href="([^"#]*)" class="md-nav__link', found.group(0))
    return [urljoin("https://kam.example.com/about/", link) for link in links]


@pytest.mark.build
@pytest.mark.parametrize(
    ("engine", "made_by"), [("properdocs", "ProperDocs 1.6"), ("zensical", "zensical-0.")]
)
def test_each_site_is_made_by_its_engine_with_the_same_navigation(sites, engine, made_by):
    found = GENERATOR.search((sites(engine) / "index.html").read_text(encoding="utf-8"))
    assert found and made_by in found.group(1)
    # kamsite's pages first, the team's own after; the accounts' and people's pages are not listed
    base = "https://kam.example.com/"
    assert nav(sites(engine)) == [base, base + "today/", base + "people/", base + "about/"]
    assert nav(sites(engine)) == nav(sites("mkdocs"))


@pytest.mark.build
def test_the_compared_html_holds_the_dashboard_and_the_portfolio(sites):
    """What the comparison above compares: the goal tiles, the portfolio's table, the agenda."""
    site = sites("zensical")
    dashboard = kamsite_html((site / "accounts/acme/index.html").read_text(encoding="utf-8"))
    assert '<li class="ks-goal-tile"><a class="ks-tile-title" href="#goal-revenue">Revenue</a>' in dashboard
    assert dashboard.count('class="ks-chart"') >= 1
    portfolio = kamsite_html((site / "index.html").read_text(encoding="utf-8"))
    assert "ks-accounts" in portfolio and "Bravo &amp; Filhos" in portfolio
    assert "Call the buyer" in kamsite_html((site / "today/index.html").read_text(encoding="utf-8"))


@pytest.mark.build
def test_zensical_keeps_the_site_search_and_the_palette(sites):
    """Zensical indexes the pages for its own search, and leaves out what kamsite marks."""
    site = sites("zensical")
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert "Call the buyer" in text and "Revenue" in text
    assert "Chart data" not in text  # data-search-exclude: the charts' tables are not searched
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-scheme="default"' in page and "assets/kamsite/kamsite.js" in page
    assert "Made with" not in page


@pytest.mark.build
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_client_sites_are_the_same_with_every_engine(project, engine, tmp_path):
    need(engine)
    made = {e: build(project, tmp_path / e, e, "--clients", "--shard", "1/2") for e in ("mkdocs", engine)}
    assert sorted(p.name for p in made[engine].iterdir()) == ["acme", "bravo"]  # acme-2026: share 2
    for account in ("acme", "bravo"):
        assert kamsite_files(made[engine] / account) == kamsite_files(made["mkdocs"] / account)
    for name in ("acme/api/accounts.json", "acme/calendar.ics"):
        assert (made[engine] / name).read_bytes() == (made["mkdocs"] / name).read_bytes()
    one = build(project, tmp_path / "one", engine, "--audience", "client", "--account", "bravo")
    page = (one / "index.html").read_text(encoding="utf-8")
    assert "<title>Bravo &amp; Filhos - Bravo &amp; Filhos</title>" in page and "Key accounts" not in page
    assert not (one / "about").exists() and not (one / "accounts/acme").exists()


@pytest.mark.build
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_strict_build_fails_on_a_plan_warning_and_keeps_the_site(tmp_path, capsys, engine):
    need(engine)
    project = small_project(tmp_path / "p")
    site = build(project, tmp_path / "site", engine, "--strict")
    before = (site / "index.html").read_bytes()
    bad = (
        (project / "plans" / "bravo.md").read_text(encoding="utf-8").replace("ana: Ana Souza", "ana: Ana S.")
    )
    (project / "plans" / "bravo.md").write_text(bad, encoding="utf-8")
    capsys.readouterr()
    code = main(["build", "-f", str(project / "mkdocs.yml"), "-d", str(site), "--engine", engine, "--strict"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Aborted with 1 warnings in strict mode!; the previous site was left as it was" in err
    assert (site / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # nothing staged is left


# -- without a build -------------------------------------------------------------------------


def test_an_engine_that_is_not_installed_is_named_with_its_install_command(tmp_path, capsys, monkeypatch):
    small_project(tmp_path)
    monkeypatch.setattr(engines, "installed", lambda engine: engine == "mkdocs")
    code = main(
        ["build", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "s"), "--engine", "zensical"]
    )
    assert code == 1
    assert capsys.readouterr().err == (
        "kamsite: --engine zensical: zensical is not installed here (pip install zensical);"
        " the previous site was left as it was\n"
    )


ZENSICAL_SAYS = """\
Build started
\x1b[33mWarning:\x1b[0m anchor does not exist
    \x1b[38;5;246m╭─[\x1b[0m accounts/acme/index.md:48:4251 \x1b[38;5;246m]\x1b[0m
    │
 48 │ <!--ks-raw--><div class="ks-scroll">
────╯
Error: page failed
2 issues found
"""


def test_zensical_s_reports_become_one_line_each():
    assert engines.said(ZENSICAL_SAYS) == [
        "accounts/acme/index.md:48:4251: anchor does not exist",
        "page failed",
    ]


# -- the leak harness's canaries (tests/test_leaks.py) through Zensical -------------------------


@pytest.mark.build
@pytest.mark.parametrize(
    ("language", "client_health"), [("en", False), ("pt-BR", True)], ids=["en", "pt-BR-health"]
)
def test_client_sites_built_with_zensical_hold_no_internal_text(
    tmp_path, monkeypatch, language, client_health
):
    """Every place a client must not see holds a canary; no file of the client sites Zensical
    builds (search index included) holds one, and the dashboard shows what the client must see."""
    from .test_leaks import SECTIONS, SHOWN, Shape, leaks, project_with, tree

    need("zensical")
    shape = Shape(2, True, True, SECTIONS, True, True, True, language, client_health)
    root = project_with(tmp_path / "leaks", shape)
    monkeypatch.chdir(root)
    config = str(root / "mkdocs.yml")
    assert (
        main(
            [
                "build",
                "-f",
                config,
                "-d",
                "one",
                "--engine",
                "zensical",
                "--audience",
                "client",
                "--account",
                "acme-2027",
            ]
        )
        == 0
    )
    assert main(["build", "-f", config, "-d", "all", "--engine", "zensical", "--clients"]) == 0
    files = {f"one/{k}": v for k, v in tree(root / "one").items()}
    files |= {f"all/{k}": v for k, v in tree(root / "all").items() if k.startswith("acme")}
    assert "one/search.json" in files and "all/acme-2027/search.json" in files
    assert leaks(files) == []
    assert all(word in files["one/accounts/acme-2027/index.html"].lower() for word in SHOWN)


@pytest.mark.parametrize("found", [True, False])
def test_check_says_nothing_about_zensical_whether_or_not_it_is_installed(
    tmp_path, capsys, monkeypatch, found
):
    """The hint about plain `zensical build` is told once, by `init --engine zensical`, not on every check."""
    small_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engines, "installed", lambda engine: found or engine == "mkdocs")
    assert main(["check"]) == 0
    assert capsys.readouterr().err == "3 plans checked: all valid.\n"


@pytest.mark.build
def test_init_with_zensical_writes_a_project_whose_workflow_builds_with_zensical(
    tmp_path, monkeypatch, capsys
):
    need("zensical")
    import shlex

    import yaml

    assert main(["init", str(tmp_path), "--engine", "zensical"]) == 0
    err = capsys.readouterr().err
    assert "then run kamsite check and kamsite serve --engine zensical" in err
    assert err.endswith(
        "kamsite: `zensical build` alone runs no kamsite plugin and makes no dashboard; build the site with:"
        " kamsite build --engine zensical\n"
    )
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8").endswith("\nzensical>=0.1.2,<0.2\n")
    assert "kamsite serve --engine zensical" in (tmp_path / "README.md").read_text(encoding="utf-8")
    doc = yaml.safe_load((tmp_path / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    commands = [
        s["run"] for job in ("check", "team", "clients") for s in doc["jobs"][job]["steps"] if "run" in s
    ]
    builds = [c for c in commands if c.startswith("kamsite build")]
    assert len(builds) == 3 and all("--engine zensical" in c for c in builds)
    monkeypatch.chdir(tmp_path)
    for command in commands:
        if command.startswith("kamsite"):  # the first share of the matrix
            assert main(shlex.split(command.replace("${SHARE}", "1"))[1:]) == 0, command
    for site in ("site", "public", "clients/example"):
        page = (tmp_path / site / "index.html").read_text(encoding="utf-8")
        assert '<meta name="generator" content="zensical-' in page, site
    assert (tmp_path / "public/accounts/example/index.html").is_file()


def fetch(url: str, wanted: str, timeout: float = 60) -> str:
    """The page at `url` once it holds `wanted` (the server may still be starting or rebuilding)."""
    import time
    import urllib.request

    deadline, page = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                page = answer.read().decode("utf-8")
        except OSError:
            page = ""
        if wanted in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} never held {wanted!r}: {page[:200]!r}")


@pytest.mark.build
def test_serve_with_zensical_rebuilds_the_dashboard_when_a_plan_changes(tmp_path):
    import signal
    import socket
    import subprocess
    import sys

    need("zensical")
    project = small_project(tmp_path / "p")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    command = [sys.executable, "-m", "kamsite", "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/accounts/bravo/"
        assert "<title>Bravo &amp; Filhos - Key accounts</title>" in fetch(url, "Bravo &amp; Filhos")
        plan = project / "plans" / "bravo.md"
        plan.write_text(
            plan.read_text(encoding="utf-8").replace("Bravo & Filhos", "Bravo Novo"), encoding="utf-8"
        )
        assert "<title>Bravo Novo - Key accounts</title>" in fetch(url, "Bravo Novo")
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    staged = re.search(r"Serving (\S+)/site on", err)
    assert staged, err
    assert not Path(staged.group(1)).exists()  # the staged copy goes with the server


@pytest.mark.build
def test_a_failed_properdocs_build_says_why_in_one_line(project, tmp_path, capsys):
    """The child Python's failure comes back as the command's own message."""
    need("properdocs")
    config = str(project / "mkdocs.yml")
    options = ["--engine", "properdocs", "--audience", "client", "--account", "acm"]
    assert main(["build", "-f", config, "-d", str(tmp_path / "s"), *options]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "kamsite: account 'acm': there is no such plan; did you mean 'acme'? (known ids: acme, acme-2026,"
        " bravo); the previous site was left as it was"
    )
    assert not (tmp_path / "s").exists()
