"""Every page type in a real Chromium passes axe in dark mode (light mode, loading clean and
offline and fitting every width: test_widths_in_browser); instant navigation, the palette toggle
and search work. The helpers the browser tests share: opening a page, waiting for its charts, axe."""

from pathlib import Path

import pytest

from .conftest import copy_project, mkdocs_build, serve

pytestmark = pytest.mark.browser
axe_package = pytest.importorskip("axe_playwright_python")
# a current axe-core from npm (`npm install axe-core@4`, as .ci/run does) when there is one:
# the copy bundled with axe-playwright-python is older and misses rules such as link-in-text-block
NPM_AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE = NPM_AXE if NPM_AXE.exists() else Path(axe_package.__file__).parent / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
PAGES = {
    "portfolio": "",
    "dashboard": "accounts/atlas/",
    "recent": "accounts/atlas/recent/",
    "today": "today/",
    "people": "people/",
    "person": "people/rui/",
    "docs": "format/",
}
# the scheme a first visit starts with; later choices with the toggle are kept
PALETTE = (
    "localStorage.getItem('/.__palette') || localStorage.setItem('/.__palette',"
    " JSON.stringify({index: %d, color: {scheme: '%s'}}))"
)


DRAWN = (
    "(count) => { const todo = [...document.querySelectorAll('.ks-chart')]"
    ".find(el => !el.classList.contains('ks-rendered')); if (todo) todo.scrollIntoView();"
    " return document.querySelectorAll('.ks-chart.ks-rendered').length >= count; }"
)


def open_page(browser, site_url, path, width=1280, scheme=None, context=None):
    """A page of the site in a new tab (in `context`, one of `width` made for it when None) that
    records console errors, page errors, failed requests and requests leaving the site, its
    charts drawn."""
    context = context or browser.new_context(viewport={"width": width, "height": 900})
    if scheme:
        context.add_init_script(PALETTE % (0 if scheme == "default" else 1, scheme))
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("requestfailed", lambda r: tab.problems.append("failed: " + r.url))
    tab.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(site_url) or r.url.startswith("data:")
            else tab.problems.append("external: " + r.url)
        ),
    )
    tab.goto(site_url + path)
    charts_rendered(tab)
    return tab


def charts_rendered(tab):
    tab.wait_for_load_state("networkidle")
    count = tab.evaluate("document.querySelectorAll('.ks-chart').length")
    if count:  # charts are drawn as they scroll into view
        tab.wait_for_function(DRAWN, arg=count, timeout=15000)
    return count


# the light scheme is checked at every width in test_widths_in_browser, with each page loading clean
@pytest.mark.parametrize("scheme", ["slate"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violation(browser, site_url, name, scheme):
    tab = open_page(browser, site_url, PAGES[name], scheme=scheme)
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    assert axe_violations(tab) == []
    tab.context.close()


def axe_violations(tab) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line each."""
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")


def plots(tab):
    return tab.evaluate(
        "[document.querySelectorAll('.ks-chart').length,"
        " document.querySelectorAll('.js-plotly-plot').length,"
        " document.querySelectorAll('.ks-chart .main-svg').length > 0]"
    )


def arrived(tab, title):
    """The new page is in place: the address changes before Material swaps the content in."""
    tab.wait_for_function(f"document.querySelector('article h1').textContent.includes({title!r})")


def test_instant_navigation_renders_each_page_and_piles_nothing_up(browser, site_url):
    tab = open_page(browser, site_url, "")
    tab.evaluate("window.__ksLoaded = 'first load'")  # a full page load would forget it
    tab.click(".ks-accounts a[href$='accounts/atlas/']")
    arrived(tab, "Atlas")
    charts_rendered(tab)
    assert plots(tab) == [6, 6, True]
    tab.click(".md-nav a[href$='/']:has-text('Portfólio')")
    arrived(tab, "Portfólio")
    charts_rendered(tab)
    tab.click(".ks-accounts a[href$='accounts/cedro/']")
    arrived(tab, "Cedro")
    charts_rendered(tab)
    assert plots(tab) == [2, 2, True]
    tab.go_back()
    arrived(tab, "Portfólio")
    charts_rendered(tab)
    assert plots(tab) == [0, 0, False]  # the portfolio's chart is HTML bars, drawn by the build
    assert tab.evaluate("document.querySelectorAll('.ks-bars-row .ks-bars-bar').length") == 3
    assert tab.evaluate("window.__ksLoaded") == "first load"  # every click was instant, no reload
    assert tab.problems == []
    tab.context.close()


THEME = """() => Array.from(document.querySelectorAll('.ks-chart')).map(el => [
    el._fullLayout.font.color, el._fullLayout.xaxis.gridcolor,
    getComputedStyle(document.body).backgroundColor, el._fullLayout.paper_bgcolor])"""


def test_the_palette_toggle_rethemes_every_chart_and_survives_navigation(browser, site_url):
    tab = open_page(browser, site_url, "accounts/atlas/", scheme="default")
    light = tab.evaluate(THEME)
    tab.click("label.md-header__button[for^='__palette']:visible")
    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    tab.wait_for_function(
        f"(() => {{ const now = ({THEME})(); return now.every((c, i) => "
        f"c[0] !== {light!r}[i][0] && c[1] !== {light!r}[i][1]); }})()"
    )
    dark = tab.evaluate(THEME)
    assert len(dark) == 6 and all(d[2] != lt[2] for d, lt in zip(dark, light, strict=True))
    # the chart background is transparent, so the page's own background shows through
    assert {c[3] for c in dark + light} == {"rgba(0,0,0,0)"}
    tab.click(".md-nav a:has-text('Portfólio')")
    tab.wait_for_url(site_url)
    tab.click(".ks-accounts a[href$='accounts/cedro/']")  # on through the portfolio (HTML bars)
    arrived(tab, "Cedro")
    charts_rendered(tab)
    assert tab.evaluate(THEME)[0][:2] == dark[0][:2]
    assert tab.problems == []
    tab.context.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Cedro", "Cedro Saúde"),
        ("homologada", "Nova linha de embalagens homologada"),
        ("celulose", "Participação de 40% nas compras de celulose"),
    ],
)
def test_search_finds_accounts_and_goals(browser, site_url, query, expected):
    tab = open_page(browser, site_url, "")
    tab.click("input.md-search__input")
    tab.keyboard.type(query)
    tab.wait_for_selector(".md-search-result__item", timeout=10000)
    assert expected in tab.inner_text(".md-search-result")
    tab.context.close()


# -- the portfolio points: a troubled account's health is a line, not a wall ---------------------


def troubled_plan() -> str:
    """Duna, as of the example's day (2027-05-15): six goals measured on Apr 10 (two off track,
    all stale), two missed milestones, twelve overdue tasks, no client contact since January
    and three stakeholders of high influence never met: some forty causes."""
    goals = "".join(
        f"  - {{id: g{i}, title: Meta número {i} da conta, unit: '%', baseline: 10, target: 20,"
        f" measure_every: 30, actuals: {{2027-04-10: {10 if i < 2 else 13}}}}}\n"
        for i in range(6)
    )
    people = "".join(
        f"  - {{id: p{i}, name: Pessoa {i}, role: Diretora {i}, influence: high}}\n" for i in range(3)
    )
    tasks = "".join(f"- [ ] Tarefa atrasada número {i} @rui due:2027-01-{i + 11:02d}\n" for i in range(12))
    return (
        "---\naccount: Duna Alimentos S.A.\nid: duna\nowner: rui\nteam: {rui: Rui Neves}\n"
        "period: {start: 2027-01-01, end: 2027-12-31}\ncontact_every: 30\n"
        f"goals:\n{goals}stakeholders:\n{people}"
        "milestones:\n  - {id: m1, title: Primeiro marco, quarter: Q1}\n"
        "  - {id: m2, title: Segundo marco, quarter: Q1}\n"
        "---\n" + tasks + "- [x] Almoço kind:contact done:2027-01-10\n"
    )


@pytest.fixture(scope="module")
def troubled_url(tmp_path_factory):
    """The example project with Duna beside its accounts."""
    project = copy_project(tmp_path_factory.mktemp("troubled"))
    (project / "plans" / "duna.md").write_text(troubled_plan(), encoding="utf-8")
    with serve(project / "site") as url:
        mkdocs_build(project, strict=True, site_url=url)
        yield url


HEALTH_CELL = (
    "(id) => { const td = document.querySelector(`tr[data-id='${id}'] td:nth-child(3)`);"
    " const range = document.createRange(); range.selectNodeContents(td);"
    " return [range.getBoundingClientRect().height, parseFloat(getComputedStyle(td).lineHeight)]; }"
)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_troubled_accounts_health_is_a_few_lines_on_a_phone_and_a_desktop(browser, troubled_url, width):
    tab = open_page(browser, troubled_url, "", width)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"portfolio-troubled-{width}.png"), full_page=True)
    height, line = tab.evaluate(HEALTH_CELL, "duna")
    text = tab.inner_text("tr[data-id='duna'] td:nth-child(3)")
    assert "2 metas fora · 2 marcos perdidos · 4 metas sem medição · 12 itens atrasados" in text
    assert "Próximo passo: Tarefa atrasada número 0 (Rui Neves, prazo 11/01/2027)" in text
    assert height <= 9 * line, (
        f"the health cell is {height / line:.1f} lines high"
    )  # badge, counts, next step
    assert tab.problems == []
    tab.context.close()
