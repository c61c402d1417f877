"""Client sites leak nothing: no other account, no internal notes, no handles, in any file."""

import csv
import io
import json
import re

import pytest

from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import (
    BASE,
    contents,
    copy_project,
    example_plans,
    internal_items,
    internal_text,
    leftovers,
    secrets_of,
    tree,
)

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

PLANS = example_plans()


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("clients"))
    out = project / "clients"
    ids, summary = builder.build_clients(project / "mkdocs.yml", out, strict=True)
    assert ids == [p.id for p in PLANS] and summary.accounts == len(PLANS)
    return out


def test_the_scans_know_the_internal_sections_and_items():
    assert internal_text() == [
        "Notas internas",
        "Piso de negociação: 8% de desconto.",
        "Revisar o piso com o financeiro",
    ]
    (atlas,) = [p for p in PLANS if p.id == "atlas"]
    assert internal_items(atlas) == ["Margem bruta de 25%", "Desconto por volume"]


@pytest.mark.parametrize("own", [p.id for p in PLANS])
def test_a_client_site_mentions_no_other_account_and_no_internal_note(clients, own):
    """Nothing of another account, nor the team's internal notes and items; the earlier plans
    of the same account (atlas-2026 on atlas's site) are the client's to see."""
    site = clients / own
    (mine,) = [p for p in PLANS if p.id == own]
    forbidden = [s.encode() for s in internal_text()] + [s.encode() for s in internal_items(mine)]
    words = []
    for file in PLANS:
        account_id, names = secrets_of(file)
        if file.plan.account != mine.plan.account:
            forbidden += [n.encode() for n in names]
            words.append(re.compile(rb"\b" + account_id.encode() + rb"\b"))
    hits = [
        (path.relative_to(site).as_posix(), s)
        for path, data in contents(site)
        for s in forbidden
        if s in data
    ]
    hits += [
        (path.relative_to(site).as_posix(), w.pattern)
        for path, data in contents(site)
        for w in words
        if w.search(data)
    ]
    assert hits == []


@pytest.mark.parametrize("own", [p.id for p in PLANS])
def test_a_client_site_has_only_the_clients_pages(clients, own):
    """Its account's dashboard, recent report and review, and those of the plans it follows."""
    site = clients / own
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    shown = [own, "atlas-2026"] if own == "atlas" else [own]  # atlas follows atlas-2026
    assert pages == sorted(
        ["404.html", "index.html"]
        + [
            f"accounts/{plan}/{page}"
            for plan in shown
            for page in ("index.html", "recent/index.html", "review/index.html")
        ]
    )
    assert (site / f"accounts/{own}/calendar.ics").is_file() and (site / "calendar.ics").is_file()
    assert sorted(p.name for p in (site / "api").iterdir()) == [
        "accounts.json",
        "accounts.schema.json",
        "actions.csv",
        "goals.csv",
        "tasks.csv",
    ]
    assert f"url=accounts/{own}/" in (site / "index.html").read_text(encoding="utf-8")
    for path, data in contents(site):  # the team's site: its address and its description
        assert b"kam.example.com" not in data and b"feitos pelo kamsite" not in data, path
    recent = (site / f"accounts/{own}/recent/index.html").read_text(encoding="utf-8")
    assert "ks-team-note" not in recent and "ks-late" not in recent  # the team's alone


@pytest.mark.parametrize("own", [p.id for p in PLANS])
def test_a_client_site_names_people_instead_of_handles(clients, own):
    (file,) = [p for p in PLANS if p.id == own]
    doc = json.loads((clients / own / "api/accounts.json").read_text(encoding="utf-8"))
    owners = (
        {doc["accounts"][0]["owner"]}
        | {a["owner"] for a in doc["accounts"][0]["actions"]}
        | {t["owner"] for t in doc["accounts"][0]["tasks"]}
    )
    assert owners <= set(file.plan.team.values())
    for name in ("tasks.csv", "actions.csv"):
        rows = list(
            csv.DictReader(
                io.StringIO((clients / own / "api" / name).read_text(encoding="utf-8-sig")), delimiter=";"
            )
        )
        assert {r["owner"] for r in rows} <= set(file.plan.team.values()), name
    for path, data in contents(clients / own):
        for handle in file.plan.team:
            assert b"@" + handle.encode() + b" " not in data, path


def test_a_client_json_holds_only_the_work_the_client_sees(clients):
    (account,) = json.loads((clients / "atlas/api/accounts.json").read_text(encoding="utf-8"))["accounts"]
    assert [t["text"] for t in account["tasks"]] == [  # the tasks of the actions the client sees
        "Separar as amostras",
        "Enviar as amostras à fábrica",
        "Coletar o parecer da qualidade",
        "Agendar a visita técnica",
    ]  # not the internal section's, nor the team's routine (a task tagged #amostras there included)
    assert [g["id"] for g in account["goals"]] == ["receita", "share"]  # not the internal margem
    assert [a["id"] for a in account["actions"]] == ["tabela", "amostras", "laudo", "portal"]
    assert account["last_contact"] == "2027-05-03"  # the routine's call still counts, by its date


def test_the_team_site_keeps_internal_sections_and_marks_them(tmp_path):
    project = copy_project(tmp_path)
    builder.build_site(project / "mkdocs.yml", project / "site", strict=True)
    page = (project / "site/accounts/atlas/index.html").read_text(encoding="utf-8")
    assert (
        '<h2 class="ks-internal">Notas internas <b class="ks-badge ks-internal-badge" data-search-exclude>'
        '<span class="ks-icon ks-icon-lock"' in page
    )
    assert "Interno</b></h2>" in page
    assert "Revisar o piso com o financeiro" in page and "Desconto por volume" in page


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "-d", "public", "--strict"]) == 0
    before = tree(project / "public")
    (project / "plans" / "broken.md").write_text(BASE.replace("owner: ana", "owner: nobody"))
    assert main(["build", "-d", "public", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "plans/broken.md:3: owner: pessoa 'nobody' desconhecida." in err
    assert "o site anterior ficou como estava" in err
    assert tree(project / "public") == before
    assert leftovers(project) == []


def test_build_refuses_to_replace_the_project_folder(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "-d", "."]) == 1
    assert "o kamsite não substitui uma pasta que contém o projeto" in capsys.readouterr().err
    assert (project / "plans" / "atlas.md").is_file()


def test_a_client_build_of_an_invalid_plan_fails_with_its_problems(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    (project / "plans" / "broken.md").write_text(BASE.replace("    target: 200", "    target: 100"))
    assert main(["build", "--audience", "client", "--account", "broken", "-d", "out"]) == 1
    err = capsys.readouterr().err
    assert "account 'broken': its plan has problems:" in err
    assert "plans/broken.md:13: goals[0].target: deve ser diferente do baseline (ambos 100)" in err
    assert not (project / "out").exists()


def test_a_client_site_is_titled_with_the_account_and_shows_no_tags(clients):
    page = (clients / "atlas/accounts/atlas/index.html").read_text(encoding="utf-8")
    assert "Contas-chave" not in page  # the team's site name
    header = page[page.index('<div class="md-header__title"') :].split("</header>")[0]
    assert "Atlas Papéis S.A." in header
    assert '<span class="ks-chip">estratégica</span>' not in page  # the team's tag
    assert "<dt>Etiquetas</dt>" not in page and "<dt>Tags</dt>" not in page
