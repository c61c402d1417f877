"""A team that replaces plans/ with its own keeps a green suite and green CI commands.

Two halves. The repository's site configuration and docs/ get other valid plans (written with
`kamsite new`, as the README tells a team to) and lose the pinned `as_of`; there the commands of
the GitHub workflow pass in order: the plans are checked, the site builds strictly, the client
sites build. The workflow's `pytest` step is the other half: no test reads the repository's plans/
(the tests read their own plans under tests/fixtures/ or write them), which conftest.py guards for
every test of the suite, in process: opening or listing anything under plans/ fails the test that
does it. The last tests here show that guard catching a planted read.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kamsite.shell import loader

from . import conftest
from .conftest import BASE, PLANS, PLANS_READ, ROOT, ReadsExamplePlans, copy_repository, environment
from .test_workflows import SETUP, SHARE, github_commands


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """The repository's mkdocs.yml (without its pinned as_of) and docs/, with plans/ holding two
    plans of a new team."""
    repo = tmp_path_factory.mktemp("own")
    shutil.copytree(ROOT / "docs", repo / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(re.sub(r"(?m)^\s*as_of:.*\n", "", config), encoding="utf-8")
    (repo / "plans").mkdir()
    run(repo, "kamsite new delta --account 'Delta Ltda.' --owner dora --name 'Dora Reis'")
    (repo / "plans" / "zeta.md").write_text(
        BASE.replace("account: Acme", "account: Zeta Comércio"), encoding="utf-8"
    )
    return repo


def run(cwd: Path, command: str) -> subprocess.CompletedProcess[str]:
    """A shell command of the workflow, as the first share of its matrix runs it; it must succeed."""
    env = environment(GITHUB_OUTPUT=str(cwd / "github-output"), **SHARE)  # for the step outputs
    result = conftest.run(cwd, command, shell=True, env=env, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_project_holds_only_the_new_teams_plans_and_no_date(repository):
    assert sorted(p.name for p in (repository / "plans").rglob("*.md")) == ["delta.md", "zeta.md"]
    assert "as_of" not in (repository / "mkdocs.yml").read_text(encoding="utf-8")
    assert "kamsite" in (repository / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_ci_commands_pass_with_other_plans(repository):
    """Every command of the workflow but the set-up and the test suite (guarded below)."""
    commands = github_commands()
    assert "pytest" in commands  # the suite is a step of the workflow: the guard below stands for it
    ran = [c for c in commands if not c.startswith(SETUP) and run(repository, c)]
    assert "kamsite check --format github" in ran and "mkdocs build --strict" in ran
    assert "Delta Ltda." in (repository / "public" / "index.html").read_text(encoding="utf-8")
    # the first share of the client sites' matrix: the first of every four accounts by id
    assert (repository / "clients" / "delta" / "accounts" / "delta" / "index.html").is_file()


# -- the guard of conftest.py: no test reads the repository's plans/ ---------------------------


@pytest.mark.parametrize(
    "read",
    [
        lambda tmp: (PLANS / "acme.md").read_text(encoding="utf-8"),
        lambda tmp: list(PLANS.iterdir()),
        lambda tmp: loader.load(PLANS),
        lambda tmp: shutil.copytree(PLANS, tmp / "plans"),
    ],
    ids=["open", "list", "loader", "copy"],
)
def test_a_test_that_reads_the_example_plans_fails(read, tmp_path):
    try:
        with pytest.raises(ReadsExamplePlans, match="reads the repository's example plans"):
            read(tmp_path)
        assert PLANS_READ and all(Path(p).is_relative_to(PLANS) for p in PLANS_READ)
    finally:
        PLANS_READ.clear()  # planted here on purpose: the check after each test would fail it


def test_a_test_that_only_globs_the_example_plans_fails_after_it_ran():
    try:
        assert list(PLANS.rglob("*.md"))  # os.scandir is not stopped (see conftest.py)...
        assert str(PLANS) in PLANS_READ  # ...but recorded, and the check after each test fails it
    finally:
        PLANS_READ.clear()


def test_a_relative_path_from_the_repository_counts_too(monkeypatch):
    monkeypatch.chdir(PLANS.parent)
    try:
        with pytest.raises(ReadsExamplePlans):
            open(os.path.join("plans", "acme.md"), encoding="utf-8")  # noqa: SIM115
    finally:
        PLANS_READ.clear()


def test_the_repository_copy_leaves_the_example_plans_out(tmp_path):
    copy = copy_repository(tmp_path / "kamsite")
    assert (copy / "kamsite").is_dir() and (copy / "tests" / "fixtures" / "example" / "plans").is_dir()
    assert not (copy / "plans").exists()
