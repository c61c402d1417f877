"""The dashboard Zensical builds, in a real Chromium: the portfolio, a dashboard and Today load
without an error, draw their charts and pass axe, on a phone and on a desktop."""

import pytest

from .conftest import serve
from .test_engines import build, need, small_project
from .test_site_in_browser import axe_violations, open_page

pytestmark = pytest.mark.browser
PAGES = {"portfolio": "", "dashboard": "accounts/acme/", "today": "today/"}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    need("zensical")
    project = small_project(tmp_path_factory.mktemp("zensical"))
    with serve(build(project, project.parent / "site", "zensical")) as url:
        yield url


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_a_zensical_page_loads_clean_draws_its_charts_and_passes_axe(browser, zensical_site, name, width):
    tab = open_page(browser, zensical_site, PAGES[name], width)  # waits for every chart drawn
    charts = tab.evaluate("document.querySelectorAll('.ks-chart').length")
    if name == "dashboard":
        assert charts >= 1
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
    tab = open_page(browser, zensical_site, PAGES[name], 1280)
    tab.click("label.md-header__button[for^='__palette']:visible")
    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert axe_violations(tab) == []
    assert tab.problems == []
    tab.context.close()
