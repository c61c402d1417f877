"""The dashboard Zensical builds, in a real Chromium: the portfolio, a dashboard and Today load
without an error, draw their charts and pass axe, on a phone and on a desktop."""

from pathlib import Path

import pytest

from .conftest import serve
from .test_engines import build, need, small_project

pytestmark = pytest.mark.browser
axe_package = pytest.importorskip("axe_playwright_python")
# a current axe-core from npm (as .ci/run installs it) when there is one, else the bundled copy
NPM_AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE = NPM_AXE if NPM_AXE.exists() else Path(axe_package.__file__).parent / "axe.min.js"
PAGES = {"portfolio": "", "dashboard": "accounts/acme/", "today": "today/"}
# charts are drawn as they come near the screen: bring the next undrawn one into view until all are
DRAWN = (
    "(count) => { const todo = [...document.querySelectorAll('.ks-chart')]"
    ".find(el => !el.classList.contains('ks-rendered')); if (todo) todo.scrollIntoView();"
    " return document.querySelectorAll('.ks-chart.ks-rendered').length >= count; }"
)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    need("zensical")
    project = small_project(tmp_path_factory.mktemp("zensical"))
    with serve(build(project, project.parent / "site", "zensical")) as url:
        yield url


def open_page(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("requestfailed", lambda r: tab.problems.append("failed: " + r.url))
    tab.on(
        "request",
        lambda r: None if r.url.startswith((url, "data:")) else tab.problems.append("external: " + r.url),
    )
    return tab


def axe_violations(tab) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line each."""
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_a_zensical_page_loads_clean_draws_its_charts_and_passes_axe(browser, zensical_site, name, width):
    tab = open_page(browser, zensical_site, width)
    tab.goto(zensical_site + PAGES[name])
    tab.wait_for_load_state("networkidle")
    charts = tab.evaluate("document.querySelectorAll('.ks-chart').length")
    if name == "dashboard":
        assert charts >= 1
        tab.wait_for_function(DRAWN, arg=charts, timeout=15000)
        assert tab.evaluate("document.querySelectorAll('.ks-chart .main-svg').length") >= charts
    else:  # the portfolio's chart is HTML bars, drawn by the build
        assert charts == 0
    if name == "portfolio":
        assert tab.evaluate("document.querySelectorAll('.ks-bars .ks-bars-bar').length") >= 1
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
    assert axe_violations(tab) == []
    assert tab.problems == []
    tab.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_a_zensical_page_passes_axe_in_the_dark_scheme(browser, zensical_site, name):
    tab = open_page(browser, zensical_site, 1280)
    tab.goto(zensical_site + PAGES[name])
    tab.wait_for_load_state("networkidle")
    tab.click("label.md-header__button[for^='__palette']:visible")
    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert axe_violations(tab) == []
    assert tab.problems == []
    tab.context.close()
