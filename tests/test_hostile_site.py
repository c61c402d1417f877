"""What a build publishes: a linked page in docs/ stays out of client sites; a misspelt account
is an error, not an empty site."""

import gzip
import os

import pytest

from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import copy_project

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

SECRET = "Handbook-only-for-the-team-7f3a"


def every_text(site):
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            yield path, gzip.decompress(data) if path.suffix == ".gz" else data


def test_a_page_in_docs_that_is_a_link_stays_out_of_client_sites(tmp_path):
    project = copy_project(tmp_path / "project")
    (tmp_path / "project" / "shared").mkdir()
    (tmp_path / "project" / "shared" / "handbook.md").write_text(
        f"# Handbook\n\n{SECRET}\n", encoding="utf-8"
    )
    os.symlink("../shared/handbook.md", project / "docs" / "handbook.md")
    assert (project / "docs" / "handbook.md").read_text(encoding="utf-8").endswith(f"{SECRET}\n")

    builder.build_site(project / "mkdocs.yml", project / "team")
    assert SECRET in (project / "team" / "handbook" / "index.html").read_text(encoding="utf-8")
    builder.build_site(project / "mkdocs.yml", project / "client", audience="client", account="acme")
    leaks = [path for path, data in every_text(project / "client") if SECRET.encode() in data]
    assert leaks == []
    assert not (project / "client" / "handbook").exists()


def test_a_misspelt_account_on_a_team_build_names_the_known_ones(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "--account", "acem", "-d", "public"]) == 1
    err = capsys.readouterr().err
    assert (
        "account 'acem': there is no such plan; did you mean 'acme'? (known ids: acme, bravo, cobalto)" in err
    )
    assert not (project / "public").exists()


def test_a_misspelt_account_on_a_client_build_names_the_known_ones(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "--audience", "client", "--account", "brav", "-d", "out"]) == 1
    assert "did you mean 'bravo'? (known ids: acme, bravo, cobalto)" in capsys.readouterr().err
