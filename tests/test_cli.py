"""`kamsite check`: every problem printed, exit 0 when valid, 1 otherwise, never a traceback."""

import sys

import pytest

from kamsite.shell.cli import main

from .conftest import BASE, run


def test_check_passes_on_the_example_plans(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["check"]) == 0
    assert capsys.readouterr().err.startswith(
        "4 planos verificados: todos válidos.\n"
    )  # mkdocs.yml's language
    assert main(["--language", "en", "check"]) == 0
    assert capsys.readouterr().err.startswith("4 plans checked: all valid.\n")  # then the Zensical hint


def test_check_prints_every_problem_and_fails(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "ok.md").write_text(BASE)
    (tmp_path / "plans" / "bad.md").write_text(
        BASE.replace("owner: ana", "owner: anna").replace("    target: 200", "    target: 100")
    )
    assert main(["check", "plans"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "plans/bad.md:3: owner: unknown handle 'anna'. Did you mean 'ana'?",
        "plans/bad.md:13: goals[0].target: must differ from baseline (both 100)",
    ]
    assert out.err.startswith("2 problems in 1 of 2 plans.\n")


def test_hostile_input_gives_messages_not_a_traceback(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "tag.md").write_text("---\naccount: !!python/object/apply:os.system ['echo pwned']\n---\n")
    (plans / "deep.md").write_text("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    (plans / "bytes.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run(tmp_path, sys.executable, "-m", "kamsite", "check", plans)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "pwned" not in result.stdout
    assert len(result.stdout.splitlines()) >= 3


def test_today_prints_the_agenda_plain_when_piped(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["--language", "en", "today", "--as-of", "2027-05-15", "--owner", "lia"]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out
    assert out.splitlines() == [
        "Today · May 15, 2027",
        "",
        "Lia Prado (@lia)",
        "  Overdue",
        "    Mar 20, 2027  Cedro Saúde        ◆ Treinar as equipes do piloto",
        "    Mar 20, 2027  Cedro Saúde        ☐ Turma 2  ↳ Treinar as equipes do piloto",
        "  Due today",
        "    May 15, 2027  Atlas Papéis S.A.  ☐ Agendar a visita técnica  ↳ Laudo técnico da nova linha",
        "  Next 7 days",
        "    May 18, 2027  Atlas Papéis S.A.  ☐ Coletar o parecer da qualidade  ↳ Amostras da nova linha",
    ]


def test_today_in_a_terminal_is_coloured(project):
    command = f"{sys.executable} -m kamsite --language en today --as-of 2027-05-15 --owner rui"
    result = run(project, "script", "-qec", command, "/dev/null")  # a terminal
    assert result.returncode == 0, result.stderr
    assert "\033[31mOverdue\033[0m" in result.stdout


def test_today_rejects_an_unknown_owner(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["today", "--owner", "zed"]) == 1
    assert capsys.readouterr().err == (
        "kamsite: data de referência: 2027-05-15 (as_of em mkdocs.yml)\n"
        "kamsite: --owner: pessoa 'zed' desconhecida. Pessoas conhecidas: eva, lia, rui.\n"
    )


def test_recent_prints_a_markdown_report_without_internal_work(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["--language", "pt-BR", "recent", "atlas", "--as-of", "2027-05-15"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "# Atlas Papéis S.A.: trabalho recente\n\n"
        "Este relatório cobre os últimos 30 dias: de 16/04/2027 a 15/05/2027."
        " Neste período: 1 contato com o cliente.\n"
    )
    assert "Cada meta em 15/04/2027 e em 15/05/2027:" in out  # the page's columns, as a list
    assert "- Participação de 40% nas compras de celulose: 31% → 33% (+2 p.p.) · alvo 40%\n" in out
    assert "- 20/04/2027: Separar as amostras (Rui Neves)" in out  # a shown action's task, its owner named
    assert "Tarefa: Coletar o parecer da qualidade (Lia Prado)" in out  # a shown action's next step
    # the call is in the team's routine section: not the client's to read, but the client was
    # on the call, so it counts, and is listed by its day alone
    assert "Ligar para a compradora" not in out
    assert "- 03/05/2027: Contato com Atlas Papéis S.A.\n" in out
    for internal in ("Margem bruta", "Desconto por volume", "Revisar o piso", "Piso de negociação"):
        assert internal not in out


def test_check_writes_github_annotations(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.md").write_text(BASE.replace("    target: 200", "    target: 100"))
    (tmp_path / "plans" / "worse.md").write_bytes(b"\xff")
    assert main(["check", "--format", "github", "plans"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=plans/bad.md,line=13,title=goals[0].target::goals[0].target: must differ from"
        " baseline (both 100)",
        "::error file=plans/worse.md,line=1::is not UTF-8 text: save the file as UTF-8",
    ]


def test_check_prints_warnings_and_fails_on_them_only_with_strict(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.md").write_text(
        BASE.replace("    owner: bruno\n", "    owner: bruno\n    due: 2027-04-05\n")
    )
    assert main(["check", "plans", "--as-of", "2027-02-01"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "warning: plans/acme.md:24: actions[0].due: 2027-04-05 is after its milestone 'q1' is due"
        " (2027-03-31, the end of Q1): move the date or the action"
    ]
    assert main(["check", "plans", "--as-of", "2027-02-01", "--strict"]) == 1
    assert capsys.readouterr().err.startswith("1 warning, and --strict fails on warnings.\n")
    assert main(["check", "plans", "--as-of", "2027-02-01", "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("::warning file=plans/acme.md,line=24,")


def test_check_shows_what_time_brought_as_attention_items_that_never_fail_strict(
    tmp_path, capsys, monkeypatch
):
    """A milestone whose quarter has started without actions depends only on as_of (v3 §9.18)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.md").write_text(
        BASE.replace(
            "    goals: [revenue]\n", "    goals: [revenue]\n  - id: q2\n    title: Q2\n    quarter: Q2\n"
        )
    )
    attention = (
        "attention: plans/acme.md:19: milestones[1].id: 'q2': Q2 has started (2027-04-01) and the"
        " milestone has no non-dropped actions, no done date, and is not dropped: add its actions,"
        " a done date, or status: dropped"
    )
    assert main(["check", "plans", "--as-of", "2027-04-01", "--strict"]) == 0
    assert capsys.readouterr().out.splitlines() == [attention]
    assert main(["check", "plans", "--as-of", "2027-03-31", "--strict"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "plans", "--as-of", "2027-04-01", "--format", "github", "--strict"]) == 0
    assert capsys.readouterr().out.startswith("::notice file=plans/acme.md,line=19,")


def test_a_command_line_date_outside_1900_to_2199_is_refused(project, capsys, monkeypatch):
    monkeypatch.chdir(project)  # not the repository, whose plans/ are the users' to replace
    assert main(["today", "--as-of", "9999-12-31"]) == 1
    assert (
        "'9999-12-31' está fora das datas que um plano pode usar (1900-01-01 a 2199-12-31)"
        in capsys.readouterr().err
    )


def test_check_in_portuguese_warns_about_2_500(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.md").write_text(BASE.replace("    target: 200", "    target: 2.500"))
    assert main(["check", "plans", "--as-of", "2027-02-01"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--language", "pt-BR", "check", "plans", "--as-of", "2027-02-01"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "aviso: plans/acme.md:13: goals[0].target: 2.500 é lido como 2.5 (num plano, decimais levam ponto):"
        " você quis dizer 2500?"
    ]


# -- review and recent: the client's version unless --team asks for the team's -----------------

INTERNAL_PLAN = (
    BASE.replace(
        "    target: 200\n",
        "    target: 200\n"
        "    actuals: {2027-01-31: 120}\n"
        "  - id: margin\n    title: Secret margin goal\n    unit: '%'\n    baseline: 10\n    target: 12\n"
        "    internal: true\n    actuals: {2027-01-31: 11}\n",
    )
    .replace(
        "    goals: [revenue]\n",
        "    goals: [revenue]\n"
        "  - id: hidden\n    title: Hidden milestone\n    quarter: Q1\n    internal: true\n"
        "    done: 2027-01-20\n",
    )
    .replace(
        "    owner: bruno\n---",
        "    owner: bruno\n"
        "  - id: covert\n    title: Covert action\n    milestone: q1\n    internal: true\n"
        "    status: done\n    done: 2027-01-25\n---",
    )
    + "\n## Act {#act}\n\n- [x] Public task done:2027-01-27\n"
    + "\n## Notes {.internal}\n\n- [x] Whisper task done:2027-01-28\n"
)
SECRETS = ["Secret margin goal", "Hidden milestone", "Covert action", "Whisper task"]


@pytest.mark.parametrize("command", ["review", "recent"])
def test_review_and_recent_print_the_clients_version_unless_the_team_asks(
    tmp_path, capsys, monkeypatch, command
):
    """Both are for the client (an e-mail, a slide): internal goals, milestones, actions and the
    tasks of internal sections appear only with --team, and each says which version it printed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KAMSITE_AS_OF", raising=False)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.md").write_text(INTERNAL_PLAN, encoding="utf-8")
    assert main([command, "acme", "--as-of", "2027-02-01"]) == 0
    client = capsys.readouterr()
    assert "Public task" in client.out and [s for s in SECRETS if s in client.out] == []
    assert client.err.endswith(
        "kamsite: the client's version (internal items left out); --team for the team's\n"
    )
    assert main([command, "acme", "--as-of", "2027-02-01", "--team"]) == 0
    team = capsys.readouterr()
    assert [s for s in SECRETS if s not in team.out] == []
    assert team.err.endswith("kamsite: the team's version, with internal items\n")
    assert main(["--language", "pt-BR", command, "acme", "--as-of", "2027-02-01"]) == 0
    assert capsys.readouterr().err.endswith(
        "kamsite: a versão do cliente (sem os itens internos); --team para a da equipe\n"
    )


def test_the_clients_recent_report_does_not_say_how_late_the_team_is(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KAMSITE_AS_OF", raising=False)
    (tmp_path / "plans").mkdir()
    body = "## Shared {.client}\n- [ ] Send the forecast @bruno due:2027-01-25\n"
    (tmp_path / "plans" / "acme.md").write_text(BASE + body, encoding="utf-8")
    assert main(["recent", "acme", "--as-of", "2027-02-01"]) == 0
    client = capsys.readouterr().out
    assert "Send the forecast (Bruno Lima)" in client and "late" not in client
    assert main(["recent", "acme", "--as-of", "2027-02-01", "--team"]) == 0
    assert "Send the forecast (Bruno Lima) — 7 days late" in capsys.readouterr().out
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nplugins: [{kamsite: {client_health: true}}]\n", encoding="utf-8"
    )
    assert main(["recent", "acme", "--as-of", "2027-02-01"]) == 0
    assert "7 days late" in capsys.readouterr().out


def test_a_share_with_no_account_prints_no_site(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["build", "--clients", "-d", "clients", "--shard", "5/5"]) == 0  # four plans
    out = capsys.readouterr()
    assert out.out == "" and "0" in out.err


def test_check_on_plan_files_tells_about_those_files_and_reads_them_with_the_others(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "ok.md").write_text(BASE)
    (tmp_path / "plans" / "bad.md").write_text(BASE.replace("owner: ana", "owner: anna"))
    assert main(["check", "plans/ok.md"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith("1 plan checked: valid.\n")
    assert main(["check", "plans/bad.md", "plans/ok.md"]) == 1  # what a shell makes of plans/*.md
    out = capsys.readouterr()
    assert out.out.splitlines() == ["plans/bad.md:3: owner: unknown handle 'anna'. Did you mean 'ana'?"]
    assert out.err.startswith("1 problem in 1 of 2 plans.\n")
    # a plan is read with the others: two files with one id are told even when one is named
    (tmp_path / "plans" / "copy.md").write_text(BASE.replace("---\naccount", "---\nid: ok\naccount"))
    assert main(["check", "plans/ok.md"]) == 1
    assert capsys.readouterr().out.startswith("plans/ok.md:1: id: 'ok' is already the id of plans/copy.md")
    assert main(["check", "plans/none.md"]) == 1
    assert capsys.readouterr().err == "kamsite: plans/none.md: no such plan file\n"
    assert main(["check", "plans", "plans/ok.md"]) == 1
    assert "give one folder of plans, or plan files" in capsys.readouterr().err


def test_check_tells_a_heading_that_names_no_action_in_the_same_run_as_an_error(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    body = "\n## Kick-off {#kickof}\n\n- [ ] Call the buyer\n"
    (tmp_path / "plans" / "acme.md").write_text(BASE.replace("owner: ana", "owner: anna") + body)
    assert main(["check", "plans"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "plans/acme.md:3: owner: unknown handle 'anna'. Did you mean 'ana'?"
    assert out[1].startswith("warning: plans/acme.md:26: heading: '#kickof' names no action")
