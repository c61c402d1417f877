"""The portfolio a year on, in a real Chromium: the contacts-overdue tile filters the accounts,
the marker and the closed plans fit a phone and a desktop."""

import pytest

from kamsite.shell.cli import main

from .conftest import copy_project, mkdocs_build, serve
from .test_look_in_browser import OVERFLOWING_CELLS, SMALLEST_TEXT, SPLIT_WORDS, VISIBLE_ROWS
from .test_site_in_browser import ARTIFACTS, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def year_later_url(tmp_path_factory):
    """The example project in January 2028: Atlas's next plan written by `kamsite next` (its
    30-day cadence counting from the last call of 2027), Atlas's and Cedro's 2027 plans closed."""
    project = copy_project(tmp_path_factory.mktemp("rhythm"))
    assert main(["next", "atlas", "--plans-dir", str(project / "plans")]) == 0
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("2027-05-15", "2028-01-20"), encoding="utf-8"
    )
    with serve(project / "site") as url:
        mkdocs_build(project, site_url=url)
        yield url


@pytest.mark.parametrize("width", [1280, 390])
def test_the_portfolio_with_contacts_and_closed_plans_fits_and_reads(browser, year_later_url, width):
    tab = open_page(browser, year_later_url, "", width)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert tab.evaluate(SPLIT_WORDS) == []
    assert tab.evaluate(OVERFLOWING_CELLS) == []
    size, where = tab.evaluate(SMALLEST_TEXT)
    assert size >= 12, f"{size}px text: {where}"
    assert tab.is_visible(".ks-contact-late .ks-icon-contact")
    assert "último contato há 262 dias" in tab.inner_text(".ks-contact-late")  # May 3, 2027
    assert tab.is_visible("#closed") and tab.is_visible(".ks-closed")
    assert tab.evaluate(VISIBLE_ROWS) == ["boreal", "atlas-2028"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"portfolio-closed-{width}.png"), full_page=True)
    assert tab.problems == []
    tab.context.close()


def test_the_contact_tile_filters_the_accounts_in_place_and_in_the_address(browser, year_later_url):
    tab = open_page(browser, year_later_url, "")
    tab.click(".ks-tile-link")
    tab.wait_for_function("document.querySelectorAll('.ks-bars-row:not([hidden])').length === 1")
    assert tab.evaluate(VISIBLE_ROWS) == ["atlas-2028"]
    assert tab.input_value("select[data-filter='contact']") == "overdue"
    assert tab.url == year_later_url + "?contact=overdue#accounts"
    tab.select_option("select[data-filter='contact']", "")
    assert tab.evaluate(VISIBLE_ROWS) == ["boreal", "atlas-2028"]
    shared = open_page(browser, year_later_url, "?contact=overdue")  # a shared link
    assert shared.evaluate(VISIBLE_ROWS) == ["atlas-2028"]
    assert tab.problems == [] and shared.problems == []
    tab.context.close()
    shared.context.close()
