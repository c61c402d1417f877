"""The CI files a team copies: they parse, pin their actions, and their commands run here."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, copy_project

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent
# Commands that set up the machine, and the test suite itself (this test is part of it).
SETUP = ("python -m pip install", "apt-get", "sudo apt-get", "pytest")


def github():
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


# The share a matrix job builds, as the CI service sets it (here: the first of them).
SHARE = {"SHARE": "1", "CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "4"}


def github_commands():
    jobs = github()["jobs"]
    return [
        step["run"]
        for name in ("check", "publish", "clients")
        for step in jobs[name]["steps"]
        if "run" in step
    ]


def gitlab_commands():
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    return [line for job in ("check", "pages", "clients") for line in doc[job]["script"]]


def test_the_github_workflow_runs_on_changes_nightly_and_on_demand():
    triggers = github()[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # every day


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    uses = [step["uses"] for job in github()["jobs"].values() for step in job["steps"] if "uses" in step]
    lines = [line for line in GITHUB.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) == len(lines) == 11
    for use, line in zip(uses, lines, strict=True):
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", use), use
        assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_checkouts_keep_no_credentials_and_jobs_ask_for_the_least_permissions():
    doc = github()
    assert doc["permissions"] == {}
    assert doc["jobs"]["check"]["permissions"] == {"contents": "read"}
    checkouts = [
        step
        for job in doc["jobs"].values()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) == 3
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def _tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_zizmor_finds_nothing_in_the_github_workflow():
    """The GitHub Actions security auditor, offline (no look-ups of the pinned commits)."""
    done = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", str(GITHUB)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)],
    ids=["github", "gitlab"],
)
def test_the_ci_files_match_their_published_schemas(schema, path):
    done = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_publishing_uses_the_official_pages_actions_and_keeps_client_sites():
    jobs = github()["jobs"]
    publish, clients = jobs["publish"], jobs["clients"]
    uses = [step.get("uses", "").split("@")[0] for step in publish["steps"]]
    assert uses[-3:] == ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert publish["steps"][-2]["with"]["path"] == "public"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    cache = next(step for step in publish["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/kamsite"
    assert "kamsite check --format github" in github_commands()
    # the client sites: a matrix of shares, each kept as an artifact
    shares = clients["strategy"]["matrix"]["share"]
    assert shares == list(range(1, len(shares) + 1))
    build = next(step for step in clients["steps"] if "--clients" in step.get("run", ""))
    assert f'--shard "${{SHARE}}/{len(shares)}"' in build["run"]
    assert build["env"] == {"SHARE": "${{ matrix.share }}"}
    assert clients["steps"][-1]["with"] == {
        "name": "client-sites-${{ matrix.share }}",
        "path": "clients",
        "retention-days": 30,
    }
    assert clients["permissions"] == {"contents": "read"}


def test_gitlab_publishes_public_from_a_pages_job_and_clients_from_parallel_jobs():
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert doc["pages"]["artifacts"]["paths"] == ["public"]
    assert "kamsite build --strict -d public" in doc["pages"]["script"]
    assert ".cache/kamsite" in doc["cache"]["paths"]
    assert doc["clients"]["parallel"] >= 2 and doc["clients"]["artifacts"]["paths"] == ["clients"]
    assert any('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in line for line in doc["clients"]["script"])


@pytest.mark.parametrize("commands", [github_commands, gitlab_commands], ids=["github", "gitlab"])
@pytest.mark.build
def test_the_commands_exist_and_succeed_in_order_on_the_example_plans(commands, tmp_path):
    project = copy_project(tmp_path)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
        **SHARE,
    }
    ran = []
    for command in commands():
        program = shlex.split(command)[0]
        assert shutil.which(program, path=env["PATH"]) or program == "sudo", command
        if command.startswith(SETUP):
            continue
        result = subprocess.run(
            command, shell=True, cwd=project, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        ran.append(command)
    assert "mkdocs build --strict" in ran and any(c.startswith("kamsite build --clients") for c in ran)
    assert (project / "public" / "index.html").is_file()
    assert (project / "clients" / "acme" / "accounts" / "acme" / "index.html").is_file()
