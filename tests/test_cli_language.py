"""The terminal speaks the project's language: every word a command prints in a pt-BR project."""

import pytest

from kamsite.shell.cli import main

from .conftest import BASE, write_plans

PT_BR = "site_name: Contas\nplugins:\n  - kamsite:\n      language: pt-BR\n      as_of: '2027-02-01'\n"


def project(folder, *plans: str, config: str = PT_BR):
    """A project in `folder`: its mkdocs.yml and the plans given (acme, then bravo, ...)."""
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    names = ("acme", "bravo", "cobalto")
    write_plans(
        folder / "plans", {n: text.replace("Acme", n.title()) for n, text in zip(names, plans, strict=False)}
    )
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
    assert (
        capsys.readouterr().err.splitlines(keepends=True)[0] == said
    )  # then the Zensical hint, if installed


@pytest.mark.parametrize(
    ("plans", "said"),
    [((BASE,), "1 plan checked: valid.\n"), ((BASE, BASE), "2 plans checked: all valid.\n")],
)
def test_check_counts_its_plans_in_english(ptbr, capsys, plans, said):
    project(ptbr, *plans, config="site_name: Accounts\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().err.splitlines(keepends=True)[0] == said


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
    assert capsys.readouterr().err.splitlines(keepends=True)[0] == said


def test_a_failed_check_counts_one_plan_in_the_singular(ptbr, capsys):
    project(ptbr, BASE.replace("owner: ana", "owner: anna"))
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines(keepends=True)[0] == "1 problema em 1 de 1 plano.\n"


@pytest.mark.parametrize(("days", "said"), [("1", "  Próximo dia"), ("2", "  Próximos 2 dias")])
def test_the_agendas_next_days_count_in_the_singular_and_plural(ptbr, capsys, days, said):
    project(ptbr, CALL)
    assert main(["today", "--days", days]) == 0
    assert said in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("days", "said"),
    [("1", "Este relatório cobre o último dia: "), ("2", "Este relatório cobre os últimos 2 dias: ")],
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


# -- --help and argparse's own errors -----------------------------------------------------------

COMMANDS = ["check", "today", "recent", "next", "review", "build", "new", "init", "schema"]
ENGLISH = ["usage:", "options:", "positional arguments", "show this help", "default:", "the ", " of "]


def helped(argv, capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_is_in_the_projects_language(ptbr, capsys, command):
    project(ptbr, BASE)
    said = helped([command, "--help"] if command else ["--help"], capsys)
    assert said.startswith(f"uso: kamsite{' ' + command if command else ''} [-h]")
    assert "opções:\n  -h, --help" in said and "mostra esta ajuda e sai" in said
    assert said.count("opções:") == 1  # the options every command shares among the command's own
    assert [word for word in ENGLISH if word in said] == []


def test_the_commands_help_says_what_it_does_and_what_each_option_means(ptbr, capsys):
    project(ptbr, BASE)
    said = " ".join(helped(["today", "--help"], capsys).split())
    assert "a agenda: atrasados, hoje, próximos dias, por responsável" in said
    assert "--owner PESSOA só os itens desta pessoa" in said
    assert "--as-of DATA AAAA-MM-DD (padrão: KAMSITE_AS_OF, senão as_of do mkdocs.yml, senão hoje)" in said
    assert "argumentos posicionais: pasta_de_planos" in said


def test_help_outside_a_project_is_in_english_unless_asked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert helped(["today", "--help"], capsys).startswith("usage: kamsite today [-h]")
    assert helped(["--language", "pt-BR", "today", "--help"], capsys).startswith("uso: kamsite today")
    assert helped(["init", "--language", "pt-BR", "--help"], capsys).startswith("uso: kamsite init")


def test_help_follows_the_configuration_file_given(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site.yml").write_text(PT_BR, encoding="utf-8")
    assert helped(["today", "-f", "site.yml", "--help"], capsys).startswith("uso: kamsite today")


def failed(argv, capsys, status=2) -> str:
    """The one line a wrong command line gets."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == status
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["chek"],
            "kamsite: argumento comando: opção inválida: 'chek' (escolha entre 'check', 'today', 'recent',"
            " 'next', 'review', 'build', 'serve', 'new', 'init', 'schema'). Você quis dizer 'check'?"
            " (veja: kamsite --help)\n",
        ),
        (
            ["check", "--format", "githib"],
            "kamsite check: argumento --format: opção inválida: 'githib' (escolha entre 'text', 'github')."
            " Você quis dizer 'github'? (veja: kamsite check --help)\n",
        ),
        (
            ["build", "--audience", "clients"],
            "kamsite build: argumento --audience: opção inválida: 'clients' (escolha entre 'team', 'client')."
            " Você quis dizer 'client'? (veja: kamsite build --help)\n",
        ),
        (
            ["schema", "plann"],
            "kamsite schema: argumento which: opção inválida: 'plann' (escolha entre 'plan', 'accounts')."
            " Você quis dizer 'plan'? (veja: kamsite schema --help)\n",
        ),
        (
            ["init", "--language", "pt_BR"],
            "kamsite init: argumento --language: opção inválida: 'pt_BR' (escolha entre 'en', 'pt-BR')."
            " Você quis dizer 'pt-BR'? (veja: kamsite init --help)\n",
        ),
        (
            ["recent"],
            "kamsite recent: faltam os argumentos: id_da_conta (veja: kamsite recent --help)\n",
        ),
        (
            ["new", "delta"],
            "kamsite new: faltam os argumentos: --account, --owner (veja: kamsite new --help)\n",
        ),
        (
            ["today", "--frobnicate"],
            "kamsite: argumentos não reconhecidos: --frobnicate (veja: kamsite --help)\n",
        ),
        (
            ["today", "--as-of"],
            "kamsite today: argumento --as-of: falta o valor (veja: kamsite today --help)\n",
        ),
        (
            ["today", "--days", "0"],
            "kamsite today: argumento --days: 0 dias: escolha de 1 a 3660 dias (veja: kamsite today --help)\n",
        ),
        (
            ["today", "--days", "x"],
            "kamsite today: argumento --days: 'x' não é um número inteiro de dias (veja: kamsite today --help)\n",
        ),
        (
            ["next", "acme", "--start", "2027-02-30"],
            "kamsite next: argumento --start: '2027-02-30' é uma data impossível (veja: kamsite next --help)\n",
        ),
        (
            ["review", "acme", "--quarter", "Q9"],
            "kamsite review: argumento --quarter: 'Q9' não é um trimestre (Q1 a Q8)"
            " (veja: kamsite review --help)\n",
        ),
        (
            ["build", "--shard", "5/4"],
            "kamsite build: argumento --shard: '5/4': K/N precisa de N de 1 ou mais e K de 1 a N"
            " (veja: kamsite build --help)\n",
        ),
        (
            ["build", "--shard", "half"],
            "kamsite build: argumento --shard: 'half' não é uma parte K/N, como 1/4 para a primeira de quatro"
            " (veja: kamsite build --help)\n",
        ),
        (
            ["check", "--strict=yes"],
            "kamsite check: argumento --strict: valor não aceito: 'yes' (veja: kamsite check --help)\n",
        ),
        (
            ["build", "--a", "x"],
            "kamsite build: opção ambígua: --a pode ser --audience, --account (veja: kamsite build --help)\n",
        ),
    ],
)
def test_a_wrong_command_line_is_told_in_the_projects_language(ptbr, capsys, argv, said):
    project(ptbr, BASE)
    assert failed(argv, capsys) == said


# -- the commands' own words: the as-of line, warnings, errors with the nearest name ----------


def test_the_as_of_line_says_where_the_date_came_from(ptbr, capsys, monkeypatch):
    project(ptbr, BASE)
    assert main(["today"]) == 0
    assert capsys.readouterr().err == "kamsite: data de referência: 2027-02-01 (as_of em mkdocs.yml)\n"
    assert main(["today", "--as-of", "2027-03-01"]) == 0
    assert capsys.readouterr().err == "kamsite: data de referência: 2027-03-01 (--as-of)\n"
    (ptbr / "mkdocs.yml").write_text(PT_BR.replace("'2027-02-01'", "today") + "      timezone: UTC\n")
    assert main(["today"]) == 0
    said = capsys.readouterr().err
    assert said.startswith("kamsite: data de referência: 20")
    assert said.endswith(" (hoje em UTC: as_of em mkdocs.yml é 'today')\n")


def test_warnings_and_attention_items_are_marked_in_the_projects_language(ptbr, capsys):
    q2 = "    goals: [revenue]\n  - id: q2\n    title: Q2\n    quarter: Q2\n"
    project(ptbr, LATE.replace("    goals: [revenue]\n", q2, 1))
    assert main(["check", "--as-of", "2027-04-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("atenção: plans/acme.md:19: milestones[1].id: 'q2': Q2 já começou")
    assert out[1].startswith("aviso: plans/acme.md:27: actions[0].due: 2027-04-05 é depois do prazo")
    (ptbr / "plans" / "bravo.md").write_text(BASE.replace("owner: ana", "owner: anna"), encoding="utf-8")
    assert main(["today"]) == 0  # an invalid plan beside the others: a warning, the agenda of the others
    assert capsys.readouterr().err.splitlines()[0] == (
        "aviso: plans/bravo.md:3: owner: pessoa 'anna' desconhecida. Você quis dizer 'ana'?"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["today", "--owner", "anaa"], "--owner: pessoa 'anaa' desconhecida. Você quis dizer 'ana'?"),
        (["today", "--owner", "zed"], "--owner: pessoa 'zed' desconhecida. Pessoas conhecidas: ana, bruno."),
        (["recent", "acm"], "nenhum plano válido com o id 'acm'. Você quis dizer 'acme'?"),
        (["review", "bravp"], "nenhum plano válido com o id 'bravp'. Você quis dizer 'bravo'?"),
        (["next", "acmee"], "nenhum plano válido com o id 'acmee'. Você quis dizer 'acme'?"),
        (["next", "zzz"], "nenhum plano válido com o id 'zzz'. Ids conhecidos: acme, bravo."),
        (
            ["new", "delta", "--account", "D", "--owner", "ana", "--from", "acmee"],
            "--from: nenhum plano válido com o id 'acmee'. Você quis dizer 'acme'?",
        ),
        (["review", "acme", "--quarter", "Q3"], "--quarter: o Q3 de 'acme' ainda não começou em 2027-02-01"),
        (["new", "acme", "--account", "A", "--owner", "ana"], "plans/acme.md já existe; nada foi escrito"),
        (["new", "bravo2", "--account", "B", "--owner", "ana", "--plans-dir", "plans/x"], None),
        (
            ["new", "Bad Id", "--account", "A", "--owner", "ana"],
            "id: 'Bad Id' não é um id seguro: use letras minúsculas, dígitos e '-'",
        ),
        (["next", "acme", "--id", "bravo"], "já existe um plano com o id 'bravo'; nada foi escrito"),
        (["today", "--as-of", "2027W19"], "--as-of: '2027W19' não é uma data: escreva AAAA-MM-DD"),
        (["build", "--shard", "1/2"], "--shard: as partes são de sites de clientes: acrescente --clients"),
        (["build", "-f", "other.yml"], "other.yml: o arquivo de configuração não existe"),
    ],
)
def test_a_command_says_what_is_wrong_in_the_projects_language(ptbr, capsys, argv, said):
    project(ptbr, BASE, BASE)
    status = main(["--language", "pt-BR", *argv] if "-f" in argv else argv)
    if said is None:  # a plan whose id is taken in another folder (bravo2 is free): written
        assert status == 0
        return
    assert status == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"kamsite: {said}"


@pytest.mark.build
def test_a_build_says_its_date_its_warnings_and_its_summary_in_the_projects_language(ptbr, capsys):
    project(ptbr, LATE)
    (ptbr / "docs").mkdir()
    assert main(["build", "-d", "out"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "kamsite: data de referência: 2027-02-01 (as_of em mkdocs.yml)"
    assert err[1].startswith(
        "AVISO   -  kamsite: plans/acme.md:24: actions[0].due: 2027-04-05 é depois do prazo"
    )
    assert err[-1] == "1 conta, 1 aviso; o site está em out"


@pytest.mark.build
def test_client_sites_say_which_account_has_none_in_the_projects_language(ptbr, capsys):
    project(ptbr, BASE, BASE.replace("owner: ana", "owner: anna"))
    (ptbr / "docs").mkdir()
    assert main(["build", "--clients", "-d", "clients"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[1:3] == [
        "aviso: plans/bravo.md tem problemas, então a conta fica sem site de cliente:",
        "  plans/bravo.md:3: owner: pessoa 'anna' desconhecida. Você quis dizer 'ana'?",
    ]
    assert main(["build", "--clients", "-d", "clients", "--strict"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "kamsite: --strict: 1 plano com problemas (listado acima), então nenhum site de cliente foi gerado;"
        " o site anterior ficou como estava"
    )


# -- what init, next and new write and say -----------------------------------------------------


def test_init_says_what_to_do_next_in_the_language_of_the_project_it_writes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--language", "pt-BR", "novo"]) == 0
    out, err = capsys.readouterr()
    assert "novo/plans/exemplo.md" in out.splitlines()
    first, last = err.splitlines()
    assert first.startswith("kamsite: data de referência: 20") and first.endswith(
        " (hoje em America/Sao_Paulo)"
    )
    assert last == (
        "kamsite: a seguir: defina site_url em novo/mkdocs.yml, depois rode kamsite check e mkdocs serve em novo"
    )
    assert main(["init", "--language", "pt-BR", "novo"]) == 0
    assert "novo/mkdocs.yml: já existia, mantido como estava" in capsys.readouterr().out.splitlines()


def test_next_writes_its_review_notes_in_the_projects_language(ptbr, capsys):
    goals = BASE.replace("    target: 200\n", "    target: 200\n    actuals: {2027-06-30: 150}\n").replace(
        "milestones:",
        "  - id: nps\n    title: NPS\n    unit: pontos\n    baseline: 0\n    target: 40\n"
        "  - id: share\n    title: Share\n    unit: '%'\n    baseline: 50\n    target: 90\n"
        "    actuals: {2027-06-30: 80}\nmilestones:",
    )
    project(ptbr, goals)
    assert main(["next", "acme"]) == 0
    text = (ptbr / "plans" / "acme-2028.md").read_text(encoding="utf-8")
    assert "    target: 300  # revisar: x2 da base, como no plano anterior\n" in text
    assert "    target: 40  # revisar: o mesmo avanço sobre a base que o plano anterior\n" in text
    assert "    target: 100  # revisar: limitada a 100%\n" in text
    assert "review" not in text


def test_next_says_a_ratio_with_the_languages_decimal_mark(ptbr, capsys):
    project(ptbr, BASE.replace("    target: 200\n", "    target: 250\n"))
    assert main(["next", "acme"]) == 0
    assert (
        "# revisar: x2,5 da base, como no plano anterior\n" in (ptbr / "plans" / "acme-2028.md").read_text()
    )


def test_new_writes_its_skeleton_in_the_projects_language(ptbr, capsys):
    project(ptbr, BASE)
    assert main(["new", "delta", "--account", "Delta Ltda.", "--owner", "ana"]) == 0
    text = (ptbr / "plans" / "delta.md").read_text(encoding="utf-8")
    assert text.endswith(
        "---\n## Rotina da conta\n\n- [ ] Escrever as primeiras metas e marcos deste plano @ana due:2027-03-01\n"
    )
    assert "# currency: BRL" in text and "# código ISO 4217 para metas em dinheiro" in text
    assert "#     title: Aumentar a receita em 20%" in text and "#     checkpoint: {receita: 1050000}" in text
    english = ["Account routine", "Write the first", "Increase revenue", "the period", "value to reach"]
    assert [word for word in english if word in text] == []
    assert main(["check"]) == 0
