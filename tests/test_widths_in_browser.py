"""Every page type at a phone's, a tablet's, a laptop's and a wide screen's width (390, 768, 1280
and 1920 px): nothing scrolls sideways, every table fits its box, every chip and badge stays
inside its line, no serious or critical axe-core violation; a screenshot of each is kept in
test-artifacts/screenshots/<page>-<width>.png. The example site gets a relationship map here
(written below), and the client's own site is looked at too."""

import pytest

from kamsite.shell import builder

from .conftest import copy_project, mkdocs_build, serve
from .test_site_in_browser import ARTIFACTS, axe_violations, open_page

pytestmark = pytest.mark.browser

WIDTHS = [390, 768, 1280, 1920]
# the example's Atlas with the people the team keeps in touch with: long names and roles, a
# contact kept and one overdue (the widest cells the relationship map has)
STAKEHOLDERS = """\
stakeholders:
  - id: compras
    name: Mariana Albuquerque Costa
    role: Diretora de suprimentos e logística
    influence: high
    stance: champion
    owner: rui
  - id: cfo
    name: Ricardo Alves
    role: CFO
    influence: high
    stance: neutral
  - id: comprador
    name: Paulo Reis
    role: Comprador
    stance: supporter
    owner: rui
  - id: processos
    name: Juliana Prado
    role: Engenharia de processos
    influence: low
    stance: critic
goals:
"""
TEAM_PAGES = {
    "portfolio": "",
    "dashboard": "accounts/atlas/",  # its actions table and its relationship map
    "recent": "accounts/atlas/recent/",
    "review": "accounts/atlas/review/",
    "today": "today/",
    "people": "people/",
    "person": "people/rui/",  # the relationships Rui keeps
    "docs": "format/",
}
CLIENT_PAGES = {
    "client-dashboard": "accounts/atlas/",
    "client-recent": "accounts/atlas/recent/",
    "client-review": "accounts/atlas/review/",
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The example's team site (Atlas with its relationship map) and Atlas's client site, served:
    (the site's address, the page's path in it) by page name."""
    project = copy_project(tmp_path_factory.mktemp("widths"))
    atlas = project / "plans" / "atlas.md"
    text = atlas.read_text(encoding="utf-8").replace("goals:\n", STAKEHOLDERS, 1)
    text = text.replace("Ligar para a compradora done:", "Ligar para a compradora with:compras done:")
    atlas.write_text(text, encoding="utf-8")
    builder.build_clients(project / "mkdocs.yml", project / "clients", strict=True)
    with serve(project / "site") as team, serve(project / "clients" / "atlas") as client:
        mkdocs_build(project, strict=True, site_url=team)
        yield {
            **{n: (team, p) for n, p in TEAM_PAGES.items()},
            **{n: (client, p) for n, p in CLIENT_PAGES.items()},
        }


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per width, shared by the pages looked at in it."""
    made = {}

    def at(width):
        if width not in made:
            made[width] = browser.new_context(viewport={"width": width, "height": 900})
        return made[width]

    yield at
    for context in made.values():
        context.close()


# what does not fit: the page sideways; a table wider than the box it sits in (a scroll box
# included: a table is to fit, not to scroll); a chip or badge running out of its line's box
MISFITS = """() => {
  const out = {page: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
               tables: [], chips: []};
  const shown = (el) => el.getClientRects().length > 0;
  document.querySelectorAll('.md-content table').forEach(t => {
    if (!shown(t)) return;
    const over = Math.round(t.getBoundingClientRect().width - t.parentElement.clientWidth);
    if (over > 0) out.tables.push((t.className || 'table') + ': ' + over + 'px too wide');
  });
  document.querySelectorAll('.md-content .ks-chip, .md-content .ks-badge').forEach(c => {
    if (!shown(c)) return;
    const box = c.parentElement.closest('td, th, li, p, dd, div, span.ks-tile-status');
    const over = Math.round(c.getBoundingClientRect().right - box.getBoundingClientRect().right);
    if (over > 0) out.chips.push(c.textContent.trim() + ': ' + over + 'px out');
  });
  return out;
}"""


@pytest.mark.parametrize("name", [*TEAM_PAGES, *CLIENT_PAGES])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_fits_every_width_and_passes_axe(browser, sites, contexts, width, name):
    tab = open_page(browser, *sites[name], width, context=contexts(width))
    misfits = tab.evaluate(MISFITS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert tab.problems == []
    assert misfits == {"page": 0, "tables": [], "chips": []}
    assert axe_violations(tab) == []
    tab.close()


def test_the_misfit_probe_sees_a_table_too_wide_and_a_chip_running_out(browser, sites, contexts):
    """The test above would see a table wider than its box and a chip that does not wrap."""
    tab = open_page(browser, *sites["dashboard"], 1280, context=contexts(1280))
    assert tab.evaluate(MISFITS) == {"page": 0, "tables": [], "chips": []}
    tab.add_style_tag(
        content=".ks-actions td:first-child { min-width: 30em } .ks-chip { white-space: nowrap }"
    )
    tab.evaluate("document.querySelector('.ks-body .ks-chip').append(' ' + 'palavra '.repeat(40))")
    misfits = tab.evaluate(MISFITS)
    assert misfits["page"] > 0  # the long chip widens the page (the table scrolls in its box)
    assert [t.split(":")[0] for t in misfits["tables"]] == ["ks-table ks-stack ks-actions"]
    assert len(misfits["chips"]) == 1 and misfits["chips"][0].endswith("px out")
    tab.close()
