"""The CI files a team copies: they parse, pin their actions, and their commands run here."""

import os
import re
import shlex
import shutil

import pytest
import yaml

from .conftest import BIN, ROOT, commit_all, copy_project, environment, new_repository, run, write_plans

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
# Commands that set up the machine, and the test suite itself (this test is part of it).
SETUP = ("python -m pip install", "apt-get", "sudo apt-get", "pytest")


def github():
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


# The share a matrix job builds, as the CI service sets it (here: the first of them).
SHARE = {"SHARE": "1", "CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "4"}


def github_commands():
    jobs = github()["jobs"]
    return [
        step["run"] for name in ("check", "team", "clients") for step in jobs[name]["steps"] if "run" in step
    ]


def gitlab_commands():
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    return [line for job in ("check", "team", "pages", "clients") for line in doc[job]["script"]]


def test_the_github_workflow_runs_on_changes_nightly_and_on_demand():
    triggers = github()[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # every day


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    uses = [step["uses"] for job in github()["jobs"].values() for step in job["steps"] if "uses" in step]
    lines = [line for line in GITHUB.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) == len(lines) == 13
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
    done = run(ROOT, _tool("zizmor"), "--offline", "--no-progress", GITHUB)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)],
    ids=["github", "gitlab"],
)
def test_the_ci_files_match_their_published_schemas(schema, path):
    done = run(ROOT, _tool("check-jsonschema"), "--builtin-schema", schema, path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_team_site_is_built_whole_and_client_sites_are_kept_as_artifacts():
    jobs = github()["jobs"]
    team, clients = jobs["team"], jobs["clients"]
    assert not [step for step in team["steps"] if step.get("uses", "").startswith("actions/cache@")]
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


OPT_IN = "vars.KAMSITE_PUBLISH_TEAM_SITE == 'true'"
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")


def deploys(job):
    return any(step.get("uses", "").split("@")[0] in PAGES_ACTIONS for step in job["steps"])


def assert_the_team_site_is_an_artifact_and_pages_an_opt_in(doc):
    """A GitHub workflow (this one, `kamsite init`'s) builds the team site and keeps it as an
    artifact; only a job guarded by the team's repository variable deploys it to Pages, and only
    that job may write to Pages."""
    jobs = doc["jobs"]
    team = jobs["team"]
    assert team["if"] == "github.event_name != 'pull_request'" and "environment" not in team
    assert team["permissions"] == {"contents": "read"}
    assert [s["run"] for s in team["steps"] if "run" in s][-1] == "kamsite build --strict -d public"
    upload = team["steps"][-1]
    assert upload["uses"].split("@")[0] == "actions/upload-artifact"
    assert upload["with"] == {"name": "team-site", "path": "public", "retention-days": 30}
    deploying = [name for name, job in jobs.items() if deploys(job)]
    assert deploying == ["pages"]
    pages = jobs["pages"]
    assert pages["if"] == f"github.event_name != 'pull_request' && {OPT_IN}"
    assert pages["needs"] == "team" and pages["environment"]["name"] == "github-pages"
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    download = pages["steps"][0]
    assert download["uses"].split("@")[0] == "actions/download-artifact"
    assert download["with"] == {"name": "team-site", "path": "public"}
    uses = [step["uses"].split("@")[0] for step in pages["steps"][1:]]
    assert uses == list(PAGES_ACTIONS) and pages["steps"][2]["with"] == {"path": "public"}
    writers = [name for name, job in jobs.items() if set(job.get("permissions", {})) - {"contents"}]
    assert writers == ["pages"]


def test_the_team_site_is_an_artifact_and_deployed_to_pages_only_when_the_team_opts_in():
    assert_the_team_site_is_an_artifact_and_pages_an_opt_in(github())


def test_gitlab_keeps_the_team_site_as_an_artifact_and_deploys_pages_only_when_the_team_opts_in():
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    team, pages = doc["team"], doc["pages"]
    assert team["script"][-1] == "kamsite build --strict -d public"
    assert team["artifacts"]["paths"] == ["public"]
    assert team["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    # the job named `pages` is the one GitLab deploys: it runs only with the team's variable
    guard = '$KAMSITE_PUBLISH_TEAM_SITE == "true"'
    assert pages["rules"] == [{"if": f"$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && {guard}"}]
    assert pages["needs"] == ["team"] and pages["artifacts"]["paths"] == ["public"]
    assert not any("kamsite" in line for line in pages["script"])  # it deploys what `team` built
    assert [name for name, job in doc.items() if isinstance(job, dict) and "pages" in job] == []


def test_gitlab_builds_clients_in_parallel_jobs():
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert doc["cache"]["paths"] == [".cache/pip"]
    assert doc["clients"]["parallel"] >= 2 and doc["clients"]["artifacts"]["paths"] == ["clients"]
    assert any('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in line for line in doc["clients"]["script"])


@pytest.mark.parametrize("commands", [github_commands, gitlab_commands], ids=["github", "gitlab"])
@pytest.mark.build
def test_the_commands_exist_and_succeed_in_order_on_the_example_plans(commands, tmp_path):
    project = copy_project(tmp_path)
    env = environment(GITHUB_OUTPUT=str(tmp_path / "github-output"), **SHARE)
    ran = []
    for command in commands():
        program = shlex.split(command)[0]
        assert shutil.which(program, path=env["PATH"]) or program == "sudo", command
        if command.startswith(SETUP):
            continue
        result = run(project, command, shell=True, env=env, timeout=600)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        ran.append(command)
    assert "mkdocs build --strict" in ran and any(c.startswith("kamsite build --clients") for c in ran)
    assert (project / "public" / "index.html").is_file()
    assert (project / "clients" / "atlas" / "accounts" / "atlas" / "index.html").is_file()


def _changed_step() -> str:
    steps = github()["jobs"]["check"]["steps"]
    return next(step["run"] for step in steps if step.get("id") == "changed")


@pytest.mark.parametrize(
    ("changed", "tool"), [("plans/acme.md", "false"), ("kamsite/cli.py", "true"), (None, "true")]
)
def test_a_plans_only_pull_request_does_not_run_the_tools_tests(tmp_path, changed, tool):
    """A team's pull request that edits plans only is checked and built, without the tool's
    browser suite; a change to the tool, and a push (no base), run it."""
    write_plans(tmp_path, {"plans/acme": "one\n"})
    (tmp_path / "kamsite").mkdir()
    (tmp_path / "kamsite" / "cli.py").write_text("one\n", encoding="utf-8")
    base = commit_all(new_repository(tmp_path), "base")
    if changed:
        (tmp_path / changed).write_text("two\n", encoding="utf-8")
        commit_all(tmp_path, "change")
    out = tmp_path / "output"
    env = environment(GITHUB_OUTPUT=str(out), BASE=base if changed else "")
    done = run(tmp_path, _changed_step(), shell=True, env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == f"tool={tool}\n"
    steps = github()["jobs"]["check"]["steps"]
    tests = next(step for step in steps if step.get("run", "").startswith("pytest"))
    assert tests["if"] == "steps.changed.outputs.tool == 'true'"


def test_where_git_cannot_say_what_changed_the_tools_tests_run(tmp_path):
    out = tmp_path / "output"
    env = environment(GITHUB_OUTPUT=str(out), BASE="0" * 40, GIT_DIR=str(tmp_path / "none"))
    done = run(tmp_path, _changed_step(), shell=True, env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "tool=true\n"
