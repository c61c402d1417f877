"""Many accounts: client sites split among CI jobs, a build cache that changes no byte of the
site, and a process pool that gives the serial build's site."""

from pathlib import Path

import pytest

from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import BASE

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
