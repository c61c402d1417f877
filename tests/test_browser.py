"""A real Chromium (Playwright driving Debian's /usr/bin/chromium) on the built example site."""

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import copy_project, mkdocs_build

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI must run the browser tests: /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    site = mkdocs_build(copy_project(tmp_path_factory.mktemp("project")), strict=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.outside = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(site_url) or r.url.startswith("data:")
            else page.outside.append(r.url))
    yield page
    context.close()


def rendered(page, count):
    page.wait_for_function(
        f"document.querySelectorAll('.ks-chart.ks-rendered .main-svg').length >= {count}",
        timeout=15000)
    return page.evaluate("document.querySelectorAll('.ks-chart').length")


def test_an_account_page_renders_every_chart_offline(page, site_url):
    page.goto(site_url + "accounts/acme/")
    assert rendered(page, 4) == 4
    assert page.errors == [] and page.outside == []


def test_charts_render_after_instant_navigation_and_follow_the_palette(page, site_url):
    page.goto(site_url)
    rendered(page, 1)
    page.click(".ks-accounts a[href$='accounts/bravo/']")  # instant navigation makes hrefs absolute
    page.wait_for_url("**/accounts/bravo/")
    assert rendered(page, 4) == 4
    font = "document.querySelector('.ks-chart')._fullLayout.font.color"
    light = page.evaluate(font)
    page.click("label.md-header__button[for^='__palette']:visible")
    page.wait_for_function(f"{font} !== {light!r}", timeout=5000)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.errors == [] and page.outside == []


def test_a_page_without_charts_does_not_load_plotly(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "format/")
    page.wait_for_load_state("networkidle")
    assert not any("plotly" in url for url in requested)
    assert any("kamsite.js" in url for url in requested)
