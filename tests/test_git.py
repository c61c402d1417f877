"""History from a real git repository: last updates, check-ins, what changed since a review."""

import html
import re
import subprocess
from datetime import date

import pytest

from kamsite.shell import git as history
from kamsite.shell import loader
from kamsite.shell.cli import main

from .conftest import BASE, commit_all, copy_project, git, mkdocs_build, new_repository, write_project

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

OLDER = [  # (now, then): the atlas plan as it was at the first review
    ("      2027-04-30: 33\n", ""),
    ("    target: 1500000", "    target: 1400000"),
    ("    due: 2027-06-20", "    due: 2027-06-10"),
    ("- [x] 📞 Ligar para a compradora done:2027-05-03", "- [ ] 📞 Ligar para a compradora due:2027-05-03"),
    (
        "  - id: desconto\n    title: Desconto por volume\n    milestone: q3-acordo\n    owner: rui\n"
        "    internal: true\n    due: 2027-07-30\n",
        "",
    ),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """Two commits: the plans at the Q1 review (tagged), then the plans of today."""
    project = copy_project(tmp_path_factory.mktemp("repo"))
    atlas = project / "plans" / "atlas.md"
    now = atlas.read_text(encoding="utf-8")
    then = now
    for new, old in OLDER:
        assert new in then
        then = then.replace(new, old)
    atlas.write_text(then, encoding="utf-8")
    commit_all(new_repository(project), "Plans for 2027", date="2027-03-01", author="Lia Prado")
    git(project, "tag", "qbr-2027q1")
    atlas.write_text(now, encoding="utf-8")
    commit_all(project, "May update", date="2027-05-10", author="Rui Neves")
    return project


@pytest.fixture(scope="module")
def site(repo):
    import os

    cwd = os.getcwd()
    os.chdir(repo)
    try:
        assert main(["build", "--since", "qbr-2027q1", "-d", "public", "--strict"]) == 0
    finally:
        os.chdir(cwd)
    return repo / "public"


def text(path):
    return html.unescape(path.read_text(encoding="utf-8"))


def rows(page):
    body = page[page.index('id="changes"') :]
    return [
        tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row))
        for row in re.findall(r"<tr>(.*?)</tr>", body)
        if "<td" in row
    ]


def test_each_dashboard_says_when_and_by_whom_its_plan_last_changed(site):
    assert "atualizado em 10/05/2027 por Rui Neves" in text(site / "accounts/atlas/index.html")
    assert "atualizado em 01/03/2027 por Lia Prado" in text(site / "accounts/boreal/index.html")


def test_the_trajectory_tells_when_each_actual_was_entered(site):
    page = text(site / "accounts/atlas/index.html")
    assert "33% (registrado em 10/05/2027 por Rui Neves)" in page
    assert "31% (registrado em 01/03/2027 por Lia Prado)" in page
    assert "<br>registrado em 10/05/2027 por Rui Neves" in page  # in the chart's hover text


def test_what_changed_in_an_account_since_the_review(site):
    page = text(site / "accounts/atlas/changes/index.html")
    assert "Atlas Papéis S.A.: o que mudou desde qbr-2027q1" in page
    assert "O plano como era em qbr-2027q1 (01/03/2027), calculado em 01/03/2027" in page
    assert rows(page) == [
        ("Alvo alterado", "Receita de R$ 1,5 milhão", "R$\xa01.400.000", "R$\xa01.500.000"),
        # v2: things dated after the review had not happened at the review
        ("Marco atingido", "Tabela de preços de 2027 aprovada", "Em andamento", "20/03/2027"),
        ("Ação concluída", "Proposta da tabela de 2027", "A fazer", "15/03/2027"),
        ("Prazo alterado", "Laudo técnico da nova linha", "10/06/2027", "20/06/2027"),
        ("Ação incluída", "Desconto por volume", "—", "30/07/2027"),  # internal: the team's site shows it
        ("Tarefa concluída", "Ligar para a compradora", "—", "03/05/2027"),
    ]


def test_what_changed_elsewhere_follows_from_time_passing(site):
    # boreal's file did not change; its operator's contract was done on 28/04, after the review
    boreal = text(site / "accounts/boreal/changes/index.html")
    assert rows(boreal) == [("Ação concluída", "Contrato com o operador logístico", "A fazer", "28/04/2027")]
    assert re.search(
        r"<td[^>]*>Prazo médio de entrega de 10 para 6 dias</td> <td[^>]*>0% · ainda sem medição</td>"
        r" <td[^>]*>.*?</td> <td[^>]*>13% · esperado 11% em 10/05</td>",
        boreal,
    )  # progress then (as of 01/03/2027, before its fiscal year) and now
    assert rows(text(site / "accounts/cedro/changes/index.html")) == [
        ("Marco perdido", "Piloto em dois hospitais", "Em andamento", "31/03/2027")
    ]
    portfolio = text(site / "changes/index.html")
    assert "O que mudou desde qbr-2027q1" in portfolio and 'href="../accounts/atlas/changes/"' in portfolio


def test_a_date_resolves_to_the_last_commit_of_that_day(repo):
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").stdout.strip()
    sha, revision = history.resolve(repo / "plans", "2027-04-01")
    assert (sha, revision.day.isoformat(), revision.author) == (first, "2027-03-01", "Lia Prado")


def test_an_unknown_revision_fails_the_build_and_keeps_the_site(repo, site, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    before = (site / "index.html").read_bytes()
    assert main(["build", "--since", "qbr-2099", "-d", "public"]) == 1
    assert "since: 'qbr-2099' is not a tag, commit or date that git knows here" in capsys.readouterr().err
    assert (site / "index.html").read_bytes() == before


def test_outside_a_repository_there_is_no_history(tmp_path):
    project = copy_project(tmp_path)
    assert history.histories(project / "plans", [project / "plans" / "atlas.md"]) == {}


def test_a_shallow_clone_claims_no_history(repo, tmp_path):
    """A CI checkout of one commit (fetch-depth 1) shows that commit as the one that added every
    plan and every actual: no "last updated by" nor "entered by" is said rather than a false one."""
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    plans = tmp_path / "shallow" / "plans"
    # before the fix: boreal "updated on 2027-05-10 by Rui Neves", who never changed it
    assert history.histories(plans, [plans / "atlas.md", plans / "sul" / "boreal.md"]) == {}


def test_a_revision_a_shallow_clone_lacks_says_to_fetch_the_history(repo, tmp_path):
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    with pytest.raises(history.HistoryError) as error:
        history.resolve(tmp_path / "shallow" / "plans", "2027-03-01")
    assert str(error.value) == (
        "'2027-03-01' is not a tag, commit or date that git knows here:"
        " this clone is shallow, fetch the whole history (fetch-depth: 0)"
    )


# -- a plan's own history: its name, its moves, its size ---------------------------------------

PLAN = BASE.replace("    target: 200\n", "    target: 200\n    actuals:\n      2027-03-31: 150\n")
D = date.fromisoformat


def team_project(folder):
    """An English team site as of 2027-06-15 (in Q2), in a new git repository."""
    config = (
        "site_name: Team\ntheme: {name: material, font: false, language: en}\n"
        "plugins: [{kamsite: {as_of: '2027-06-15'}}]\n"
    )
    return new_repository(write_project(folder, {}, config))


def commit(project, message, day):
    commit_all(project, message, date=day, author="Ana Souza")


def review_page(site, plan_id):
    return html.unescape((site / "accounts" / plan_id / "review/index.html").read_text(encoding="utf-8"))


def test_a_plan_with_a_non_ascii_name_has_its_history(tmp_path):
    project = team_project(tmp_path)
    plan = project / "plans" / "são-lucas.md"
    plan.write_text(PLAN.replace("id: acme", "id: sao-lucas"), encoding="utf-8")
    commit(project, "Plan", "2027-01-10")
    found = history.histories(project / "plans", [plan])
    revision = found[plan.resolve()].updated  # before the fix: no history at all
    assert (revision.day, revision.author) == (D("2027-01-10"), "Ana Souza")
    assert history.plans_at(project / "plans", "HEAD").keys() == {"são-lucas.md"}
    site = mkdocs_build(project, strict=True)
    assert "history is not available" not in review_page(site, "sao-lucas")


def test_a_plan_moved_with_git_mv_keeps_the_changes_made_before_the_move(tmp_path):
    project = team_project(tmp_path)
    old = project / "plans" / "acme.md"
    old.write_text(PLAN, encoding="utf-8")
    commit(project, "Plan", "2027-01-10")
    old.write_text(PLAN.replace("    target: 200\n", "    target: 220\n"), encoding="utf-8")
    commit(project, "Target up", "2027-05-02")
    (project / "plans" / "sul").mkdir()
    git(project, "mv", "plans/acme.md", "plans/sul/acme.md")
    commit(project, "Move to the south", "2027-06-01")
    texts = history.texts_on(project, project / "plans/sul/acme.md", [D("2027-03-31"), D("2027-06-15")])
    assert "target: 200" in texts[D("2027-03-31")] and "target: 220" in texts[D("2027-06-15")]
    page = review_page(mkdocs_build(project, strict=True), "acme")
    q2 = page[page.index('id="q2"') : page.index('id="q1"')]
    assert "Target moved" in q2 and "did not change" not in q2  # before the fix: "did not change"


def test_a_snapshot_over_the_size_limit_is_unknown_and_never_read(tmp_path, monkeypatch):
    project = team_project(tmp_path)
    plan = project / "plans" / "acme.md"
    padding = "A line of notes that someone pasted into the plan.\n" * (loader.MAX_BYTES // 50)
    plan.write_text(PLAN + padding, encoding="utf-8")
    assert plan.stat().st_size > loader.MAX_BYTES
    commit(project, "Draft with pasted notes", "2026-12-20")
    big = git(project, "rev-parse", "HEAD").stdout.strip()
    plan.write_text(PLAN, encoding="utf-8")
    commit(project, "Plan", "2027-01-10")
    plan.write_text(PLAN.replace("    target: 200\n", "    target: 220\n"), encoding="utf-8")
    commit(project, "Target up", "2027-05-02")
    calls, run = [], subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: calls.append(args) or run(args, **kw))
    texts = history.texts_on(project, plan, [D("2026-12-31"), D("2027-03-31"), D("2027-06-15")])
    monkeypatch.undo()
    assert texts.keys() == {D("2027-03-31"), D("2027-06-15")}  # 2026-12-31: unknown
    assert not [args for args in calls if "show" in args and any(big in a for a in args)]
    page = review_page(mkdocs_build(project, strict=True), "acme")
    q2, q1 = page[page.index('id="q2"') : page.index('id="q1"')], page[page.index('id="q1"') :]
    assert "Target moved" in q2 and "history is not available" in q1
