"""Real MkDocs builds of real plan folders, asserting on the written site."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from kamsite.shell import cli

from .conftest import BASE, as_shown, mkdocs_build

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


def read(site: Path, uri: str) -> str:
    return as_shown((site / uri).read_text(encoding="utf-8"))


def test_the_example_site_has_every_page_and_the_export(project):
    site = mkdocs_build(project, strict=True)
    for uri in (
        "index.html",
        "accounts/atlas/index.html",
        "accounts/atlas-2026/index.html",
        "accounts/boreal/index.html",
        "accounts/cedro/index.html",
        "api/accounts.json",
        "assets/kamsite/plotly.min.js",
        "assets/kamsite/kamsite.js",
    ):
        assert (site / uri).is_file(), uri
    doc = json.loads(read(site, "api/accounts.json"))
    assert doc["as_of"] == "2027-05-15"
    assert {a["id"]: a["health"] for a in doc["accounts"]} == {
        "atlas-2026": "closed",
        "atlas": "at_risk",
        "cedro": "off_track",
        "boreal": "on_track",
    }


def test_the_dashboard_shows_goals_milestones_actions_and_the_body(project):
    page = read(mkdocs_build(project), "accounts/atlas/index.html")
    assert "<title>Atlas Papéis S.A. - Contas-chave</title>" in page
    assert 'id="goal-share"' in page and "Participação de 40% nas compras de celulose" in page
    # judged on Apr 30, its measurement's day: 30 + 5 * 119/180 expected then (Q2's checkpoint 35)
    assert (
        "progresso 30% vs esperado 33%: diferença de 3,1 p.p. ≤ 10 → no ritmo; avaliada em 30/04/2027" in page
    )  # v2: judged when measured
    assert page.count('class="ks-chart"') == 6  # two per goal
    assert 'id="milestone-q2-linha"' in page
    assert '<a id="action-amostras" href="#amostras">Amostras da nova linha</a>' in page
    assert (  # an action the client sees: its section is marked as shared
        '<h2 id="amostras" class="ks-shared">Amostras da nova linha <b class="ks-badge'
        ' ks-shared-badge" data-search-exclude>' in page
    )
    assert '<span class="ks-sr">Responsável </span>Lia Prado' in page and "due:2027" not in page


def test_the_portfolio_lists_every_account_with_its_health(project):
    page = read(mkdocs_build(project), "index.html")
    for account_id, name in (
        ("atlas", "Atlas Papéis S.A."),
        ("boreal", "Boreal Logística Ltda."),
        ("cedro", "Cedro Saúde"),
    ):
        assert f'<a href="accounts/{account_id}/">{name}</a>' in page
    assert 'aria-hidden="true"></span>Fora do ritmo</span>' in page
    assert page.count('<li class="ks-bars-row" data-id=') == 3 and 'class="ks-chart"' not in page


def test_accounts_stay_out_of_the_navigation(project):
    page = read(mkdocs_build(project), "format/index.html")
    assert "accounts/atlas/" not in page
    assert "Plan format" in page


def test_the_site_makes_no_external_request(project):
    site = mkdocs_build(project)
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert '<script src="http' not in text and 'rel="stylesheet" href="http' not in text
        assert "plotly.min.js" not in text  # kamsite.js loads it only where a page has charts


def test_an_invalid_plan_beside_valid_ones(project, caplog):
    (project / "plans" / "broken.md").write_text(BASE.replace("    target: 200", "    target: 100"))
    with caplog.at_level(logging.WARNING):
        site = mkdocs_build(project)
    assert "plans/broken.md:13: goals[0].target: deve ser diferente do baseline (ambos 100)" in caplog.text
    page = read(site, "accounts/broken/index.html")
    assert "plans/broken.md:13: goals[0].target: deve ser diferente do baseline (ambos 100)" in page
    assert (site / "accounts/atlas/index.html").is_file()
    assert 'href="accounts/broken/"' in read(site, "index.html")
    assert len(json.loads(read(site, "api/accounts.json"))["accounts"]) == 4


def test_instant_navigation_without_site_url_is_a_warning(project, caplog):
    """Material's instant navigation reads the sitemap, which is empty without site_url."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_url:", "# site_url:"), encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING):
        mkdocs_build(project)
    assert "navigation.instant is on but site_url is not set" in caplog.text
    with pytest.raises(Abort):
        mkdocs_build(project, strict=True)


def test_strict_mode_fails_on_any_plan_problem(project):
    (project / "plans" / "broken.md").write_text(BASE.replace("owner: ana", "owner: nobody"))
    with pytest.raises(Abort, match="warnings in strict mode"):
        mkdocs_build(project, strict=True)


def test_plan_warnings_are_logged_and_fail_a_strict_build(project, caplog):
    late = BASE.replace("    owner: bruno\n", "    owner: bruno\n    due: 2027-04-05\n")
    (project / "plans" / "late.md").write_text(late)
    with caplog.at_level(logging.WARNING):
        mkdocs_build(project)
    assert "plans/late.md:24: actions[0].due: 2027-04-05 é depois do prazo do seu marco 'q1'" in caplog.text
    with pytest.raises(Abort, match="warnings in strict mode"):
        mkdocs_build(project, strict=True)


def test_an_attention_item_is_logged_at_info_and_passes_strict_builds(project, caplog, monkeypatch):
    """A milestone whose quarter started without actions is what time brought, not what was
    written: the log says so, and neither mkdocs build --strict nor kamsite build --strict fails."""
    quiet = BASE.replace(
        "    goals: [revenue]\n", "    goals: [revenue]\n  - id: q2\n    title: Q2\n    quarter: Q2\n"
    )
    (project / "plans" / "quiet.md").write_text(quiet)
    with caplog.at_level(logging.INFO):
        mkdocs_build(project, strict=True)
    (record,) = [r for r in caplog.records if "plans/quiet.md:19" in r.getMessage()]
    assert record.levelno == logging.INFO
    assert record.getMessage().endswith(
        "plans/quiet.md:19: milestones[1].id: 'q2': Q2 já começou (2027-05-15) e o marco não tem ações não"
        " descartadas, nem data de conclusão, nem foi descartado: acrescente as ações, uma data done ou"
        " status: dropped"
    )
    monkeypatch.chdir(project)
    assert cli.main(["build", "-d", "public", "--strict"]) == 0


def test_the_environment_overrides_as_of(project, monkeypatch):
    monkeypatch.setenv("KAMSITE_AS_OF", "2027-12-31")
    doc = json.loads(read(mkdocs_build(project), "api/accounts.json"))
    assert doc["as_of"] == "2027-12-31"
    atlas = next(a for a in doc["accounts"] if a["id"] == "atlas")
    assert {g["expected"] for g in atlas["goals"]} == {1.0}


def test_no_plan_text_passes_for_a_placeholder_of_the_pages_html(project):
    """An account named like the placeholder the pages' HTML once used crashed the build."""
    for plan in (project / "plans").rglob("*.md"):
        plan.unlink()
    name = "Zeta\\n\\nKSRAW\u20639"  # YAML escapes: a paragraph of its own under the heading
    (project / "plans" / "zeta.md").write_text(BASE.replace("account: Acme", f'account: "{name}"'))
    site = mkdocs_build(project, strict=True)
    page = read(site, "accounts/zeta/index.html")
    assert "Zeta KSRAW\u20639</h1>" in page


def test_replacing_the_plans_gives_their_dashboards(project):
    for plan in (project / "plans").rglob("*.md"):
        plan.unlink()
    (project / "plans" / "zeta.md").write_text(BASE.replace("account: Acme", "account: Zeta"))
    site = mkdocs_build(project, strict=True)
    doc = json.loads(read(site, "api/accounts.json"))
    assert [a["id"] for a in doc["accounts"]] == ["zeta"]
    assert not (site / "accounts/atlas").exists()


def test_user_text_is_escaped_in_pages_and_titles(project):
    hostile = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"
    text = BASE.replace("account: Acme", f"account: '{hostile}'").replace(
        "title: Revenue", "title: '<b onmouseover=alert(3)>Revenue</b>'"
    )
    (project / "plans" / "evil.md").write_text(text + "- [ ] <script>alert(4)</script> @ana\n")
    page = read(mkdocs_build(project, strict=True), "accounts/evil/index.html")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_two_builds_of_the_same_input_are_byte_identical(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    first = mkdocs_build(project)
    copy = tmp_path / "first"
    first.rename(copy)
    second = mkdocs_build(project)
    files = sorted(p.relative_to(copy) for p in copy.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (copy / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_links_follow_use_directory_urls(project):
    page = read(mkdocs_build(project, use_directory_urls=False), "index.html")
    assert '<a href="accounts/atlas/index.html">' in page


def test_team_pages_and_their_place_in_the_navigation(project):
    site = mkdocs_build(project, strict=True)
    for uri in (
        "today/index.html",
        "people/index.html",
        "people/lia/index.html",
        "accounts/atlas/recent/index.html",
        "calendar.ics",
        "accounts/atlas/calendar.ics",
        "people/lia/calendar.ics",
        "api/tasks.csv",
        "api/actions.csv",
        "api/goals.csv",
    ):
        assert (site / uri).is_file(), uri
    page = read(site, "format/index.html")
    titles = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*<', page)
    # after the header's site and page titles: the primary navigation
    # the plan-format reference is written in English: out of a Portuguese site's navigation
    assert titles[2:5] == ["Portfólio", "Hoje", "Pessoas"] and "Plan format" not in titles[2:]
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    assert "Plan format" not in nav.split("</nav>")[0]
    assert "people/lia/" not in page
    assert "Made with" not in page and "Material for MkDocs" not in page  # an English footer


def test_an_english_site_lists_the_plan_format_reference_and_not_its_translation(project):
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("language: pt-BR", "language: en")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = mkdocs_build(project, strict=True)
    page = read(site, "index.html")
    # up to the content: the portfolio's own sections (its closed plans) nest a <nav> in it
    nav = page[page.index('<nav class="md-nav md-nav--primary"') : page.index('<div class="md-content"')]
    assert "Plan format" in nav and "Portfolio" in nav
    assert "Formato do plano" not in nav  # the Portuguese translation: out of an English site's navigation
    assert "1 account as of" not in page and "3 accounts as of" in page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "format/" in found and "formato/" not in found  # ... and out of its search
    assert (site / "formato" / "index.html").is_file()  # still there for a link to it


def test_the_today_page_embeds_dates_and_a_pinned_flag(project):
    page = read(mkdocs_build(project), "today/index.html")
    assert 'data-pinned="true" data-built="2027-05-15" data-days="7"' in page
    assert "em 15/05/2027 (data fixa definida na configuração)" in page
    assert '<li class="ks-item" data-due="2027-05-12">' in page and 'href="../accounts/atlas/#L97"' in page


def test_the_recent_report_leaves_internal_work_out(project):
    plan = project / "plans" / "atlas.md"
    plan.write_text(
        plan.read_text(encoding="utf-8") + "- [x] Negociar o piso secreto done:2027-05-10\n", encoding="utf-8"
    )
    site = mkdocs_build(project, strict=True)
    dashboard = read(site, "accounts/atlas/index.html")
    assert "Negociar o piso secreto" in dashboard and 'href="recent/"' in dashboard
    report = read(site, "accounts/atlas/recent/index.html")
    assert "Negociar o piso secreto" not in report and "Piso de negociação" not in report
    assert "Ligar para a compradora" not in report  # the team's routine section
    assert "Separar as amostras" in report  # a task of an action the client sees
    note = re.search(r'<p class="ks-team-note">.*?</p>', report)
    assert note and "Esta é a versão do relatório para o cliente" in note.group()
    assert re.search(r"Ela deixa de fora \d+ itens internos\.", note.group())


def test_the_site_in_english(project):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: pt-BR", "language: en"), encoding="utf-8"
    )
    site = mkdocs_build(project, strict=True)
    page = read(site, "accounts/atlas/index.html")
    assert (
        "progress 30% vs expected 33%: gap 3.1 pts ≤ 10 → on track; judged on Apr 30, 2027" in page
    )  # v2: judged when measured
    assert "current R$1,300,000 (baseline R$1,250,000, target R$1,500,000)" in page
    assert "Jan 1, 2027 – Dec 31, 2027" in page
    assert "&#34;separators&#34;:&#34;.,&#34;" in page.replace("&quot;", "&#34;")
    assert "Goals" in page and "Metas" not in page
    today = read(site, "today/index.html")
    assert "Next 7 days" in today and "Overdue" in today


def test_the_portuguese_site_writes_brazilian_numbers_in_charts(project):
    page = read(mkdocs_build(project), "accounts/atlas/index.html").replace("&quot;", "&#34;")
    assert "&#34;separators&#34;:&#34;,.&#34;" in page
    assert "R$\xa01,3\xa0mi" in page  # compact money on the trajectory axis
    assert "jan. 2027" in page  # month ticks in Portuguese


def test_properdocs_builds_the_same_site(project):
    """ProperDocs, the maintained fork of MkDocs, runs the plugin unchanged."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1800000000"}
    properdocs = Path(sys.executable).parent / "properdocs"
    subprocess.run(
        [str(properdocs), "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", "fork"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    fork = project / "fork"
    page = read(fork, "accounts/atlas/index.html")
    assert "Receita de R$ 1,5 milhão" in page and page.count('class="ks-chart"') == 6
    assert json.loads(read(fork, "api/accounts.json")) == json.loads(
        read(mkdocs_build(project), "api/accounts.json")
    )


def v2_project(tmp_path: Path, language: str) -> Path:
    """A project of three plans that only version 2 can show: closed, unmeasured, stale."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: V2\ntheme: {{name: material, language: {language}}}\nplugins:\n  - kamsite:\n"
        "      as_of: '2027-05-15'\n      contact_every: 14\n",
        encoding="utf-8",
    )
    old = (
        BASE.replace("account: Acme", "account: Old")
        .replace("2027", "2026")
        .replace("    target: 200", "    target: 200\n    actuals:\n      2026-12-31: 150")
    )
    (tmp_path / "plans" / "old.md").write_text(old, encoding="utf-8")
    bare = BASE.split("goals:")[0] + "milestones:" + BASE.split("milestones:")[1]
    (tmp_path / "plans" / "bare.md").write_text(
        bare.replace("    goals: [revenue]\n", "    status: dropped\n") + "- [x] 📞 Call done:2027-05-10\n",
        encoding="utf-8",
    )
    (tmp_path / "plans" / "stale.md").write_text(BASE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Closed",
                "Missed",
                "the plan's period ended on Dec 31, 2026",
                "Unmeasured",
                "the plan has no goals to measure its progress by",
                "Dropped",
                "Not measured for 134 days",
                "goal “Revenue” has not been measured for 134 days",
                "no client contact for 134 days",
                "Last client contact",
                "May 10, 2027",
            ],
        ),
        (
            "pt-BR",
            [
                "Encerrado",
                "Não atingida",
                "o período do plano terminou em 31/12/2026",
                "Sem medição",
                "Descartado",
                "Sem medição há 134 dias",
                "a meta “Revenue” não é medida há 134 dias",
                "sem contato com o cliente há 134 dias (um contato a cada 14 dias)",
            ],
        ),
    ],
)
def test_pages_show_the_v2_statuses_and_health_causes_in_words(tmp_path, language, words):
    site = mkdocs_build(v2_project(tmp_path, language))
    pages = "".join(read(site, f"accounts/{i}/index.html") for i in ("old", "bare", "stale"))
    pages += read(site, "index.html")
    missing = [w for w in words if w not in pages.replace("&#x27;", "'")]
    assert missing == []
    doc = json.loads(read(site, "api/accounts.json"))
    assert {a["id"]: a["health"] for a in doc["accounts"]} == {
        "bare": "unmeasured",
        "old": "closed",
        "stale": "off_track",
    }


# -- format v3: goals to hold, the pace forecast, weights --------------------------------------

HELD = """\
---
account: Delta Saúde
owner: ana
team: {ana: Ana Souza}
period: {start: 2027-01-01, end: 2027-12-31}
goals:
  - id: contracts
    title: Contratos ativos
    baseline: 0
    target: 36400
    weight: 3
    actuals: {2027-04-01: 7830}
  - id: share
    title: Participação de mercado
    unit: "%"
    baseline: 34
    hold: {min: 35}
    actuals: {2027-04-30: 36}
---
"""


def test_the_dashboard_shows_the_band_of_a_goal_to_hold_and_the_pace_forecast(project):
    """Apr 1 is 90 days into a 364-day period: 7,830 of 36,400 paced on is 31,668, 87%."""
    import html

    for plan in (project / "plans").rglob("*.md"):
        plan.unlink()
    (project / "plans" / "delta.md").write_text(HELD, encoding="utf-8")
    site = mkdocs_build(project, strict=True)
    page = read(site, "accounts/delta/index.html")
    tiles = re.findall(r'<li class="ks-goal-tile">(.*?)</li>', page)
    assert "neste ritmo: 87% da meta em 31/12/2027" in tiles[0]
    assert "manter ≥ 35%" in tiles[1] and "Na faixa" in tiles[1] and "neste ritmo" not in tiles[1]
    figures = [json.loads(html.unescape(f)) for f in re.findall(r'data-figure="([^"]*)"', page)]
    traces = {t["name"]: t for f in figures for t in f["data"]}
    assert traces["Faixa a manter"]["fill"] == "toself" and 35 in traces["Faixa a manter"]["y"]
    assert traces["Neste ritmo"]["x"] == ["2027-04-01", "2027-12-31"]
    assert traces["Neste ritmo"]["y"] == [7830, pytest.approx(31668)]
    assert "ponderado" in re.search(r'<p class="ks-rollup">.*?</p>', page, re.S).group(0)
    doc = json.loads(read(site, "api/accounts.json"))
    (account,) = doc["accounts"]
    assert [(g["kind"], g["min"], g["forecast_progress"]) for g in account["goals"]] == [
        ("move", None, 0.87),
        ("hold", 35, None),
    ]
    assert "ponderado" in read(site, "index.html")
