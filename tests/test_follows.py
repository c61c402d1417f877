"""A closed plan and the plan that follows it (the example's atlas-2026 and atlas): linked both
ways, the closed one apart in the portfolio, both on the account's client site and nowhere else."""

import html
import re

import pytest

from kamsite.shell import builder, loader

from .conftest import contents, copy_project, internal_text, mkdocs_build, secrets_of

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("follows"))


@pytest.fixture(scope="module")
def site(project):
    return mkdocs_build(project)


def page(site, path):
    return html.unescape((site / path).read_text(encoding="utf-8"))


def test_the_closed_plan_and_its_successor_link_to_each_other(site):
    before = page(site, "accounts/atlas-2026/index.html")
    after = page(site, "accounts/atlas/index.html")
    assert re.search(r'<a href="\.\./atlas/">[^<]*seguinte[^<]*</a>', before)
    assert re.search(r'<a href="\.\./atlas-2026/">[^<]*anterior[^<]*</a>', after)
    assert "O período deste plano terminou" in before and "O período deste plano terminou" not in after


def test_the_portfolio_lists_the_closed_plans_apart(site):
    home = page(site, "index.html")
    active, closed = home.split('id="closed"')
    assert re.findall(r'<tr data-id="([^"]+)"', active) == ["cedro", "atlas", "boreal"]  # worst first
    assert 'href="accounts/atlas-2026/"' in closed and 'href="accounts/atlas-2026/"' not in active
    rows = re.findall(r"<tr><td[^>]*>(.*?)</tr>", closed.split("</table>")[0], re.S)
    names = [re.sub(r"<[^>]+>", " ", r).split("  ")[0].strip() for r in rows]
    assert names == ["Atlas Papéis S.A."]
    assert 'href="accounts/atlas/">atlas</a>' in closed  # its successor


@pytest.fixture(scope="module")
def clients(project):
    out = project / "clients"
    ids, _ = builder.build_clients(project / "mkdocs.yml", out, strict=True)
    assert ids == ["atlas-2026", "atlas", "cedro", "boreal"]
    return out


def test_the_client_site_of_the_successor_includes_the_earlier_plan_and_no_other_account(project, clients):
    site = clients / "atlas"
    for path in ("index.html", "recent/index.html", "review/index.html"):
        assert (site / "accounts/atlas-2026" / path).is_file()
    assert re.search(r'<a href="\.\./atlas-2026/">', page(site, "accounts/atlas/index.html"))
    assert re.search(r'<a href="\.\./atlas/">', page(site, "accounts/atlas-2026/index.html"))
    others = [
        secrets_of(p) for p in loader.load(project / "plans").plans if p.plan.account != "Atlas Papéis S.A."
    ]
    forbidden = [n.encode() for _, names in others for n in names] + [s.encode() for s in internal_text()]
    assert [(p.name, s) for p, data in contents(site) for s in forbidden if s in data] == []
    assert not (site / "accounts" / "boreal").exists() and not (site / "today").exists()


def test_the_client_site_of_the_earlier_plan_has_no_later_one(clients):
    site = clients / "atlas-2026"
    assert not (site / "accounts" / "atlas").exists()  # earlier plans only
    dashboard = page(site, "accounts/atlas-2026/index.html")
    assert "ks-facts" in dashboard and 'href="../atlas/"' not in dashboard


def test_a_client_site_whose_earlier_plan_has_problems_links_to_no_missing_page(tmp_path):
    root = copy_project(tmp_path)
    old = root / "plans" / "atlas-2026.md"
    old.write_text(
        old.read_text(encoding="utf-8").replace("owner: lia", "owner: nobody", 1), encoding="utf-8"
    )
    out = root / "client"
    builder.build_site(root / "mkdocs.yml", out, audience="client", account="atlas")
    dashboard = page(out, "accounts/atlas/index.html")
    assert "ks-facts" in dashboard and 'href="../atlas-2026/"' not in dashboard  # no "previous period"
    assert not (out / "accounts" / "atlas-2026").exists()
