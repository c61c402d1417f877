"""The terminal speaks the project's language: every word a command prints in a pt-BR project."""

import pytest

from kamsite.shell.cli import main

from .conftest import BASE

PT_BR = "site_name: Contas\nplugins:\n  - kamsite:\n      language: pt-BR\n      as_of: '2027-02-01'\n"


def project(folder, *plans: str, config: str = PT_BR):
    """A project in `folder`: its mkdocs.yml and the plans given (acme, then bravo, ...)."""
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "plans").mkdir()
    for name, text in zip(("acme", "bravo", "cobalto"), plans, strict=False):
        (folder / "plans" / f"{name}.md").write_text(text.replace("Acme", name.title()), encoding="utf-8")
    return folder


@pytest.fixture
def ptbr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KAMSITE_AS_OF", raising=False)
    return tmp_path


LATE = BASE.replace(
    "    owner: bruno\n", "    owner: bruno\n    due: 2027-04-05\n"
)  # after Q1 ends: a warning
CALL = BASE + "\n- [ ] Ligar para o comprador @ana due:2027-02-01\n"  # due on the project's as_of


# -- counts: the form for one, the form for more -----------------------------------------------


@pytest.mark.parametrize(
    ("plans", "said"),
    [((BASE,), "1 plano verificado: válido.\n"), ((BASE, BASE), "2 planos verificados: todos válidos.\n")],
)
def test_check_counts_its_plans_in_portuguese(ptbr, capsys, plans, said):
    project(ptbr, *plans)
    assert main(["check"]) == 0
    assert capsys.readouterr().err == said


@pytest.mark.parametrize(
    ("plans", "said"),
    [((BASE,), "1 plan checked: valid.\n"), ((BASE, BASE), "2 plans checked: all valid.\n")],
)
def test_check_counts_its_plans_in_english(ptbr, capsys, plans, said):
    project(ptbr, *plans, config="site_name: Accounts\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().err == said


@pytest.mark.parametrize(
    ("plans", "said"),
    [
        ((LATE,), "1 aviso, e --strict falha com avisos.\n"),
        ((LATE, LATE), "2 avisos, e --strict falha com avisos.\n"),
    ],
)
def test_strict_counts_its_warnings(ptbr, capsys, plans, said):
    project(ptbr, *plans)
    assert main(["check", "--strict"]) == 1
    assert capsys.readouterr().err == said


def test_a_failed_check_counts_one_plan_in_the_singular(ptbr, capsys):
    project(ptbr, BASE.replace("owner: ana", "owner: anna"))
    assert main(["check"]) == 1
    assert capsys.readouterr().err == "1 problema em 1 de 1 plano.\n"


@pytest.mark.parametrize(("days", "said"), [("1", "  Próximo dia"), ("2", "  Próximos 2 dias")])
def test_the_agendas_next_days_count_in_the_singular_and_plural(ptbr, capsys, days, said):
    project(ptbr, CALL)
    assert main(["today", "--days", days]) == 0
    assert said in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("days", "said"), [("1", "O que fizemos no último dia: "), ("2", "O que fizemos nos últimos 2 dias: ")]
)
def test_the_recent_report_counts_its_days(ptbr, capsys, days, said):
    project(ptbr, BASE)
    assert main(["recent", "acme", "--days", days]) == 0
    assert said in capsys.readouterr().out


def test_the_agendas_contact_counts_one_day(ptbr, capsys):
    contact = (
        BASE.replace("period:", "contact_every: 1\nperiod:")
        + "\n- [x] Ligação kind:contact done:2027-01-31\n"
    )
    project(ptbr, contact)
    assert main(["today"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.endswith("Falar com Acme: último contato há 1 dia")], lines
