"""No command-line input ends in a traceback: one clear line on stderr and a non-zero exit."""

import sys

import pytest

from .conftest import copy_project, run

AS_OF_LINE = "kamsite: data de referência: "  # the one informative line a command may print before failing


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("absurd"))


# The example project is in pt-BR: what kamsite says is in Portuguese (English: what it cannot know
# the language of, such as a configuration file that is not there).
ABSURD = [
    (
        ["new", "x", "--account", "", "--owner", "ana"],
        1,
        "kamsite: plans/x.md:2: account: não pode ficar vazio",
    ),
    (["today", "--days", "0"], 2, "kamsite today: argumento --days: 0 dias: escolha de 1 a 3660 dias"),
    (
        ["today", "--days", "999999999"],
        2,
        "kamsite today: argumento --days: 999999999 dias: escolha de 1 a 3660",
    ),
    (
        ["recent", "atlas", "--days", "1e9"],
        2,
        "kamsite recent: argumento --days: '1e9' não é um número inteiro de dias",
    ),
    # refused by the date parser (1900-2199), or else because its period cannot end: non-zero either way
    (["new", "x", "--account", "X", "--owner", "ana", "--start", "9999-06-01"], None, "--start"),
    (
        ["today", "--as-of", "2027W196"],
        1,
        "kamsite: --as-of: '2027W196' não é uma data: escreva AAAA-MM-DD",
    ),
    (
        ["recent", "atlas", "--as-of", "2027-13-01"],
        1,
        "kamsite: --as-of: '2027-13-01' é uma data impossível",
    ),
    (
        ["new", "x", "--account", "X", "--owner", "ana", "--plans-dir", "/dev/null"],
        1,
        "kamsite: /dev/null: não é uma pasta; nada foi escrito",
    ),
    (
        ["new", "x", "--account", "X", "--owner", "ana", "--plans-dir", "/proc/none"],
        1,
        "kamsite: /proc/none: não dá para escrever um plano ali: No such file or directory",
    ),
    (["new", "Bad Id", "--account", "X", "--owner", "ana"], 1, "kamsite: id: 'Bad Id' não é um id seguro"),
    (["new", "x", "--account", "X", "--owner", ""], 1, "kamsite: --owner: '' não é um id seguro"),
    (["today", "--owner", ""], 1, "kamsite: --owner: pessoa '' desconhecida."),
    (
        ["recent", ""],
        1,
        "kamsite: nenhum plano válido com o id ''. Ids conhecidos: atlas-2026, atlas, cedro, boreal.",
    ),
    (["check", "missing"], 1, "kamsite: missing: a pasta de planos não existe"),
    (["today", "-f", "missing.yml"], 1, "kamsite: missing.yml: no such configuration file"),
    (
        ["build", "-d", "plans/atlas.md"],
        1,
        "kamsite: plans/atlas.md: o kamsite não gera o site dentro das fontes do projeto",
    ),
    (["build", "-d", "."], 1, "kamsite: .: o kamsite não substitui uma pasta que contém o projeto"),
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
        "kamsite build: argumento --audience: opção inválida: 'nobody'",
    ),
    (["today", "--frobnicate"], 2, "kamsite: argumentos não reconhecidos: --frobnicate"),
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
