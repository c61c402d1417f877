"""Many accounts: client sites split among CI jobs, and a process pool that gives the serial
build's site."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from kamsite.shell import builder, workers
from kamsite.shell.cli import main

from .conftest import BASE
from .conftest import mkdocs_build as conftest_build

pytestmark = pytest.mark.build  # every test here builds a site

MKDOCS_YML = (
    "site_name: T\ntheme: {name: material, font: false}\nplugins:\n"
    "  - search\n  - kamsite: {as_of: '2027-02-01', history: false}\n"
)
IDS = ["alfa", "bravo", "charlie", "delta", "echo"]


def many_accounts(root: Path, ids: list[str] = IDS) -> Path:
    """A project with one small plan per id, no history."""
    (root / "plans").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for account_id in ids:
        text = BASE.replace("account: Acme", f"account: {account_id.title()} S.A.")
        (root / "plans" / f"{account_id}.md").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("shares", [1, 2, 3])
def test_the_shares_of_the_client_sites_build_each_site_exactly_once(tmp_path, shares):
    project = many_accounts(tmp_path)
    built: list[str] = []
    for k in range(1, shares + 1):
        out = tmp_path / f"clients-{k}"
        ids, summary = builder.build_clients(project / "mkdocs.yml", out, shard=(k, shares))
        assert sorted(p.name for p in out.iterdir()) == sorted(ids) and summary.accounts == len(ids)
        assert all((out / i / "accounts" / i / "index.html").is_file() for i in ids)
        assert len(ids) in (len(IDS) // shares, -(-len(IDS) // shares))  # equal shares, give or take one
        built += ids
    assert sorted(built) == IDS  # every client site, none twice


def chain_across_shares(root: Path) -> Path:
    """Four accounts' plans; acme-2027 follows acme-2026, whose done contact it counts from. Sorted,
    the two plans of the chain fall in different shares of two and of three."""
    many_accounts(root, ["bravo", "charlie"])
    earlier = BASE.replace("2027-", "2026-") + "\n- [x] Visit the plant kind:contact done:2026-12-20\n"
    later = BASE.replace("account: Acme\n", "account: Acme\nfollows: acme-2026\ncontact_every: 40\n")
    (root / "plans" / "acme-2026.md").write_text(earlier, encoding="utf-8")
    (root / "plans" / "acme-2027.md").write_text(later, encoding="utf-8")
    return root


def test_the_shares_of_the_client_sites_are_the_whole_build_byte_for_byte(tmp_path, fixed_day):
    """Every share reads every plan: a plan whose earlier plan is in another share still shows it,
    and still counts from its last contact (2026-12-20: overdue by 2027-02-01 with a 40-day cadence)."""
    project = chain_across_shares(tmp_path / "project")
    whole = tmp_path / "whole"
    ids, _ = builder.build_clients(project / "mkdocs.yml", whole)
    assert ids == ["acme-2026", "acme-2027", "bravo", "charlie"]
    expected = tree(whole, "acme-2027/accounts/acme-2026/index.html")
    assert b"Last client contact: Dec 20, 2026" in expected["acme-2027/accounts/acme-2027/index.html"]
    for shares in (2, 3):
        union: dict[str, bytes] = {}
        for k in range(1, shares + 1):
            out = tmp_path / f"shares-{shares}" / str(k)
            builder.build_clients(project / "mkdocs.yml", out, shard=(k, shares))
            union |= tree(out, "")
        assert union.keys() == expected.keys()
        assert [p for p in expected if union[p] != expected[p]] == []


def test_the_next_build_in_the_same_process_reads_every_plan_again(tmp_path):
    """MkDocs keeps a plugin for the next build of the same configuration: the share of plans
    the client sites were built from must not be the next site's."""
    project = many_accounts(tmp_path)
    builder.build_clients(project / "mkdocs.yml", tmp_path / "clients", shard=(2, 2))
    site = conftest_build(project)
    assert sorted(p.name for p in (site / "accounts").iterdir()) == IDS


def test_a_share_on_the_command_line_prints_its_sites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(many_accounts(tmp_path))
    assert main(["build", "--clients", "--shard", "2/2", "-d", "out"]) == 0
    assert capsys.readouterr().out.split() == ["out/bravo", "out/delta"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--clients", "--shard", "0/3"], "'0/3': K/N needs N of 1 or more and K from 1 to N"),
        (["--clients", "--shard", "3/2"], "'3/2': K/N needs N of 1 or more and K from 1 to N"),
        (["--clients", "--shard", "1/0"], "'1/0': K/N needs N of 1 or more and K from 1 to N"),
        (["--clients", "--shard", "x"], "'x' is not a share K/N, such as 1/4 for the first of four"),
    ],
)
def test_a_wrong_share_is_one_line(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(many_accounts(tmp_path))
    with pytest.raises(SystemExit) as stop:
        main(["build", *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err == f"kamsite build: argument --shard: {message} (see: kamsite build --help)\n"
    assert not (tmp_path / "clients").exists()


def test_a_share_without_clients_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(many_accounts(tmp_path))
    assert main(["build", "--shard", "1/2"]) == 1
    assert capsys.readouterr().err == "kamsite: --shard: shares are of client sites: add --clients\n"


# -- every core: the same site ------------------------------------------------------------------


EDIT_LINKS = {"repo_url": "https://git.example.com/kam/plans", "edit_uri": "edit/main/docs/"}


def build(project: Path, out: str, *, links: bool = False, **options: object) -> Path:
    """A real MkDocs build with these kamsite options (and edit links): the site."""
    settings = {"as_of": "2027-02-01", "history": False, **options}
    config = {"site_name": "T", "theme": {"name": "material", "font": False}, **(EDIT_LINKS if links else {})}
    config["plugins"] = ["search", {"kamsite": settings}]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = project / out
    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site


def tree(site: Path, holding: str = "accounts/alfa/index.html") -> dict[str, bytes]:
    """Every file of `site` by its path in it; `holding` is one it must hold ("" for none)."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert len(files) > 20 and (not holding or holding in files)
    return files


@pytest.fixture
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # the sitemap's dates
    monkeypatch.delenv("KAMSITE_AS_OF", raising=False)


def test_a_pool_of_processes_gives_the_serial_site(tmp_path, fixed_day, monkeypatch):
    project = many_accounts(tmp_path)
    monkeypatch.setattr(workers, "POOL_FROM", 2)  # a pool for five accounts, to test it quickly
    serial = build(project, "serial", workers=1)
    pooled = build(project, "pooled", workers=2)
    assert tree(pooled) == tree(serial)


def _killed(*args: object, **kwargs: object) -> None:
    """A process making pages killed on the spot, as the system's out-of-memory killer does."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_process_fails_the_build_in_one_line(tmp_path, fixed_day, monkeypatch, capsys):
    project = many_accounts(tmp_path)
    monkeypatch.setattr(workers, "POOL_FROM", 2)
    monkeypatch.setattr(workers, "account_pages", _killed)  # the pool's processes import this module
    with pytest.raises(Abort):  # MkDocs stops after logging the error (before the fix: BrokenProcessPool)
        build(project, "site", workers=2)
    code = main(["build", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.endswith(
        "kamsite: a process making the accounts' pages was stopped before it finished (by the system,"
        " perhaps for want of memory): build again, or with fewer processes (workers: 1);"
        " the previous site was left as it was\n"
    )


def test_the_search_index_holds_the_dashboards_not_the_pages_that_repeat_them(tmp_path, fixed_day):
    site = build(many_accounts(tmp_path), "site")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {f"accounts/{i}/" for i in IDS} | {""} <= pages
    repeats = {p for p in pages if p.startswith(("today/", "people/")) or p.endswith(("recent/", "review/"))}
    assert repeats == {"people/"}  # the list of people is searchable, each person's agenda is not
    assert (site / "accounts" / "alfa" / "recent" / "index.html").is_file()  # built, only not indexed


# -- a build's pool when the build is stopped -----------------------------------------------------


def _group(pgid: int) -> list[str]:
    """The command lines of the processes of a process group (a build and its pool)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            if entry.name.isdigit() and int(stat.rsplit(")", 1)[1].split()[2]) == pgid:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ValueError, IndexError):
            continue  # a process that ended meanwhile
    return found


def _pool_build(tmp_path: Path) -> subprocess.Popen[str]:
    """`kamsite build` of enough accounts for a pool, in its own process group, as a terminal
    starts it; returned once its pool's processes are making pages."""
    project = many_accounts(tmp_path, [f"account-{n}" for n in range(workers.POOL_FROM + 2)])
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("history: false", "history: false, workers: 2"))
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "kamsite"), "build", "-d", "site"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120  # against a build that hangs; never reached otherwise
    while sum("spawn_main" in c for c in _group(proc.pid)) < 2 and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.001)
    return proc


def _left(pgid: int) -> list[str]:
    """The processes of the group still there once they have had time to end (at most a minute)."""
    deadline = time.monotonic() + 60
    while _group(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _group(pgid)


def test_ctrl_c_stops_a_build_and_its_pool_in_one_line(tmp_path):
    proc = _pool_build(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole group
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr  # before the fix: one traceback per process of the pool
    assert stderr.splitlines()[-1] == "kamsite: interrupted; the previous site was left as it was"
    assert _left(proc.pid) == []


def test_a_build_killed_outright_leaves_no_process_of_its_pool(tmp_path):
    proc = _pool_build(tmp_path)
    proc.kill()  # SIGKILL, or SIGTERM (a CI job's time limit): no clean-up code of the build runs
    proc.communicate(timeout=120)
    assert _left(proc.pid) == []  # before the fix: its processes waited for work for ever
