"""`kamsite next` on the example project: next year's plan for Acme, then the site a year later
with the closed plan and its successor linked both ways, and Acme's client site with both."""

import html
import re

import pytest

from kamsite.shell import builder, loader
from kamsite.shell.cli import main

from .conftest import copy_project, mkdocs_build
from .test_client import contents, internal_text, secrets_of

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

A_YEAR_LATER = "2028-01-20"  # Acme's and Cobalto's 2027 plans are closed, Bravo's runs to March


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The example project with Acme's 2028 plan written by `kamsite next`."""
    root = copy_project(tmp_path_factory.mktemp("next"))
    assert main(["next", "acme", "--plans-dir", str(root / "plans")]) == 0
    return root


def page(site, path):
    return html.unescape((site / path).read_text(encoding="utf-8"))


def test_next_writes_a_valid_plan_that_follows_and_starts_from_the_last_actuals(project, capsys):
    found = loader.load(project / "plans")
    assert found.invalid == [] and not [w for p in found.plans for w in p.warnings if "baseline" in w.field]
    by_id = {p.id: p for p in found.plans}
    old, new = by_id["acme"], by_id["acme-2028"]
    assert new.plan.follows == "acme" and new.path.endswith("plans/acme-2028.md")
    assert (new.plan.account, new.plan.owner, new.plan.team, new.plan.tags, new.plan.currency) == (
        old.plan.account,
        old.plan.owner,
        old.plan.team,
        old.plan.tags,
        old.plan.currency,
    )
    last = {g.id: g.actuals[max(g.actuals)] for g in old.plan.goals}
    assert {g.id: g.baseline for g in new.plan.goals} == last == {"revenue": 2610000, "share-x": 29.4}
    written = (project / "plans" / "acme-2028.md").read_bytes()
    assert main(["next", "acme", "--plans-dir", str(project / "plans")]) == 1
    assert "nada foi escrito" in capsys.readouterr().err  # the example project is in pt-BR
    assert (project / "plans" / "acme-2028.md").read_bytes() == written


@pytest.fixture(scope="module")
def year_later(project):
    mp = pytest.MonkeyPatch()
    mp.setenv("KAMSITE_AS_OF", A_YEAR_LATER)
    try:
        yield mkdocs_build(project)
    finally:
        mp.undo()


def test_the_closed_plan_and_its_successor_link_to_each_other(year_later):
    before = page(year_later, "accounts/acme/index.html")
    after = page(year_later, "accounts/acme-2028/index.html")
    assert re.search(r'<a href="\.\./acme-2028/">[^<]*seguinte[^<]*</a>', before)
    assert re.search(r'<a href="\.\./acme/">[^<]*anterior[^<]*</a>', after)
    assert "O período deste plano terminou" in before


def test_the_portfolio_lists_the_closed_plans_apart(year_later):
    home = page(year_later, "index.html")
    active, closed = home.split('id="closed"')
    assert re.findall(r'<tr data-id="([^"]+)"', active) == ["bravo", "acme-2028"]  # worst first
    assert 'href="accounts/acme/"' in closed
    rows = re.findall(r"<tr><td[^>]*>(.*?)</tr>", closed.split("</table>")[0], re.S)
    names = [re.sub(r"<[^>]+>", " ", r).split("  ")[0].strip() for r in rows]
    assert names == ["Acme Indústria S.A.", "Cobalto Saúde"]
    assert 'href="accounts/acme-2028/">acme-2028</a>' in closed


def test_the_client_site_of_the_new_plan_includes_the_earlier_one_and_no_other_account(project):
    out = project / "clients"
    ids, _ = builder.build_clients(project / "mkdocs.yml", out, strict=True)
    assert "acme-2028" in ids
    site = out / "acme-2028"
    for path in ("index.html", "recent/index.html", "review/index.html"):
        assert (site / "accounts/acme" / path).is_file()
    assert re.search(r'<a href="\.\./acme/">', page(site, "accounts/acme-2028/index.html"))
    assert re.search(r'<a href="\.\./acme-2028/">', page(site, "accounts/acme/index.html"))
    others = [
        secrets_of(p) for p in loader.load(project / "plans").plans if p.plan.account != "Acme Indústria S.A."
    ]
    forbidden = [n.encode() for _, names in others for n in names] + [s.encode() for s in internal_text()]
    assert [(p.name, s) for p, data in contents(site) for s in forbidden if s in data] == []
    assert not (site / "accounts" / "bravo").exists() and not (site / "today").exists()
    assert not (out / "acme" / "accounts" / "acme-2028").exists()  # earlier plans only


def test_a_client_site_whose_earlier_plan_has_problems_links_to_no_missing_page(tmp_path):
    root = copy_project(tmp_path)
    assert main(["next", "acme", "--plans-dir", str(root / "plans")]) == 0
    old = root / "plans" / "acme.md"
    old.write_text(
        old.read_text(encoding="utf-8").replace("owner: ana", "owner: nobody", 1), encoding="utf-8"
    )
    out = root / "client"
    builder.build_site(root / "mkdocs.yml", out, audience="client", account="acme-2028")
    dashboard = page(out, "accounts/acme-2028/index.html")
    assert "ks-facts" in dashboard and 'href="../acme/"' not in dashboard  # no "previous period"
    assert not (out / "accounts" / "acme").exists()
