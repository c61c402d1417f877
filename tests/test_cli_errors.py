"""No command-line input ends in a traceback: one clear line on stderr and a non-zero exit."""

import sys

import pytest

from .conftest import copy_project, run

AS_OF_LINE = "kamsite: as of "  # the one informative line a command may print before failing


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("absurd"))


ABSURD = [
    (
        ["new", "x", "--account", "", "--owner", "ana"],
        1,
        "kamsite: plans/x.md:2: account: não pode ficar vazio",
    ),
    (["today", "--days", "0"], 2, "kamsite today: argument --days: 0 days: give from 1 to 3660 days"),
    (
        ["today", "--days", "999999999"],
        2,
        "kamsite today: argument --days: 999999999 days: give from 1 to 3660",
    ),
    (
        ["recent", "atlas", "--days", "1e9"],
        2,
        "kamsite recent: argument --days: '1e9' is not a whole number of days",
    ),
    # refused by the date parser (1900-2199), or else because its period cannot end: non-zero either way
    (["new", "x", "--account", "X", "--owner", "ana", "--start", "9999-06-01"], None, "--start"),
    (
        ["today", "--as-of", "2027W196"],
        1,
        "kamsite: --as-of: '2027W196' is not a date: write it as YYYY-MM-DD",
    ),
    (
        ["recent", "atlas", "--as-of", "2027-13-01"],
        1,
        "kamsite: --as-of: '2027-13-01' is an impossible date",
    ),
    (
        ["new", "x", "--account", "X", "--owner", "ana", "--plans-dir", "/dev/null"],
        1,
        "kamsite: /dev/null: is not a folder; nothing was written",
    ),
    (
        ["new", "x", "--account", "X", "--owner", "ana", "--plans-dir", "/proc/none"],
        1,
        "kamsite: /proc/none: cannot write a plan there: No such file or directory",
    ),
    (["new", "Bad Id", "--account", "X", "--owner", "ana"], 1, "kamsite: id: 'Bad Id' is not a safe id"),
    (["new", "x", "--account", "X", "--owner", ""], 1, "kamsite: --owner: '' is not a safe id"),
    (["today", "--owner", ""], 1, "kamsite: --owner: unknown handle ''"),
    (["recent", ""], 1, "kamsite: no valid plan with id '' (known: atlas-2026, atlas, cedro, boreal)"),
    (["check", "missing"], 1, "kamsite: missing: a pasta de planos não existe"),
    (["today", "-f", "missing.yml"], 1, "kamsite: missing.yml: no such configuration file"),
    (
        ["build", "-d", "plans/atlas.md"],
        1,
        "kamsite: plans/atlas.md: refusing to build into the project's sources",
    ),
    (["build", "-d", "."], 1, "kamsite: .: refusing to replace a folder that holds the project"),
    (
        ["build", "-d", "out", "--since", "no-such-tag"],
        1,
        "kamsite: since: 'no-such-tag' is not a tag, commit or date that git knows here",
    ),
    (
        ["build", "-d", "out", "--audience", "client", "--account", "nope"],
        1,
        "kamsite: account 'nope': there is no such plan",
    ),
    (
        ["build", "--audience", "nobody"],
        2,
        "kamsite build: argument --audience: invalid choice: 'nobody'",
    ),
    (["today", "--frobnicate"], 2, "kamsite: unrecognized arguments: --frobnicate"),
]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [pytest.param(*case, marks=pytest.mark.build) if case[0][0] == "build" else case for case in ABSURD],
)
def test_absurd_input_gets_one_clear_line(args, status, message, project):
    result = run(project, sys.executable, "-m", "kamsite", *args)
    lines = [line for line in result.stderr.splitlines() if not line.startswith(AS_OF_LINE)]
    assert "Traceback" not in result.stderr
    assert result.returncode != 0 if status is None else result.returncode == status, result.stderr
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (project / "plans" / "x.md").exists() and not (project / "out").exists()


def test_plan_history_configuration_and_build_errors_are_one_family():
    from kamsite.core.errors import KamsiteError, PlanError
    from kamsite.shell.builder import BuildError
    from kamsite.shell.config import ConfigError
    from kamsite.shell.git import HistoryError

    assert all(issubclass(e, KamsiteError) for e in (PlanError, HistoryError, ConfigError, BuildError))
