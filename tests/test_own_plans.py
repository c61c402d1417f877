"""A team that replaces plans/ with its own keeps a green suite and green CI commands.

The repository is copied with plans/ replaced by other valid plans (written with `kamsite new`,
as the README tells a team to) and the pinned `as_of` removed. In that copy the commands of the
GitHub workflow run in order, with the tool's test suite in place of the workflow's `pytest` step.
The suite run is its fast part: no browser (Chromium adds minutes and reads the same fixtures),
not this test nor the workflow test (they would run it all again), and not the slow tests that
build their own inputs from nothing (the wheel, fuzzed plans, the dev server). Every test that
read plans/ before the fixtures moved under tests/ is in that part, so the run fails if one of
them still reads plans/.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BASE, ROOT
from .test_workflows import SETUP, SHARE, github_commands

BIN = Path(sys.executable).parent
SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "site",
    "clients",
    "public",
    "properdocs-site",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "test-artifacts",
    "build",
    "dist",
)


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """The repository with plans/ holding two plans of a new team and no pinned as_of."""
    repo = tmp_path_factory.mktemp("own") / "kamsite"
    shutil.copytree(ROOT, repo, ignore=SKIP)
    shutil.rmtree(repo / "plans")
    config = repo / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^\s*as_of:.*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    run(repo, "kamsite new delta --account 'Delta Ltda.' --owner dora --name 'Dora Reis'")
    (repo / "plans" / "zeta.md").write_text(
        BASE.replace("account: Acme", "account: Zeta Comércio"), encoding="utf-8"
    )
    return repo


def run(cwd: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
        **SHARE,
    }
    env.pop("KAMSITE_AS_OF", None)
    result = subprocess.run(
        command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_copy_holds_only_the_new_teams_plans(repository):
    assert sorted(p.name for p in (repository / "plans").rglob("*.md")) == ["delta.md", "zeta.md"]
    assert "as_of" not in (repository / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_ci_commands_and_the_tool_tests_pass_with_other_plans(repository):
    ran = []
    for command in github_commands():
        if command == "pytest":
            command = (
                "pytest -q -x -p no:cacheprovider -m 'not browser' -k 'not test_own_plans'"
                " --ignore tests/test_init.py --ignore tests/test_hostile.py --ignore tests/test_serve.py"
                " --deselect tests/test_workflows.py::test_the_commands_exist_and_succeed_in_order_on_the_example_plans"
            )
        elif command.startswith(SETUP):
            continue
        ran.append(run(repository, command).args)
    assert any(c.startswith("pytest") for c in ran) and "mkdocs build --strict" in ran
    assert "Delta Ltda." in (repository / "public" / "index.html").read_text(encoding="utf-8")
    # the first share of the client sites' matrix: the first of every four accounts by id
    assert (repository / "clients" / "delta" / "accounts" / "delta" / "index.html").is_file()
