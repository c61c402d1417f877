"""kamsite's pages in the search index: the sections the theme would find, read without
parsing the pages' HTML; nothing a client must not see; hostile text stays text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from kamsite.render import search
from kamsite.shell import builder

from .conftest import BASE, copy_project, mkdocs_build
from .test_client import internal_text

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def index_of(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return mkdocs_build(copy_project(tmp_path_factory.mktemp("search")), strict=True)


def theme_sections(page: Path) -> list[tuple[str, str]]:
    """(anchor, heading) of each section the theme's own search parser finds in a page's
    content (from its first heading: the theme's buttons above it are not the page's)."""
    article = ARTICLE.search(page.read_text(encoding="utf-8")).group(1)
    parser = Parser()
    parser.feed(article[article.index("<h1") :])
    parser.close()
    return [(section.id or "", "".join(section.title).strip()) for section in parser.data]


@pytest.mark.parametrize("account", ["acme", "bravo", "cobalto"])
def test_an_account_page_has_the_sections_the_theme_would_find(site, account):
    entries = [e for e in index_of(site) if e["location"].split("#")[0] == f"accounts/{account}/"]
    ours = [(e["location"].partition("#")[2], e["title"]) for e in entries]
    theirs = theme_sections(site / "accounts" / account / "index.html")
    assert [anchor for anchor, _ in ours] == [anchor for anchor, _ in theirs]
    for (_, title), (_, theme_title) in zip(ours, theirs, strict=True):
        # the theme adds the words of a later heading without an id to a section's title;
        # kamsite keeps them in the section's text
        assert title and theme_title.startswith(title)
    assert len(ours) > 5 and any(anchor == "actions" for anchor, _ in ours)


def test_a_sections_title_is_its_heading_without_the_teams_marks(site):
    titles = {e["location"]: e["title"] for e in index_of(site)}
    assert titles["accounts/acme/#line-x-trial"] == "Lote-piloto do produto X"  # marked as shared
    assert not [t for t in titles.values() if "Compartilhado" in t or "Interno" in t]


def test_the_text_keeps_the_words_and_leaves_out_the_markup(site):
    entries = {e["location"]: e for e in index_of(site)}
    top = entries["accounts/acme/"]
    assert top["title"] == "Acme Indústria S.A."
    assert "Saúde:" in top["text"] and "Ana Souza" in top["text"]
    actions = entries["accounts/acme/#actions"]["text"]
    assert "Lote-piloto do produto X na fábrica 2" in actions
    for entry in entries.values():
        tags = set(re.findall(r"</?(\w+)", entry["text"]))
        assert tags <= {"p", "li", "ul", "ol", "code", "pre", "sub", "sup"}, entry["location"]
        assert "ks-icon" not in entry["text"] and "data-figure" not in entry["text"]
    # a goal's chart data box repeats its table: not in the text
    goal = next(e for loc, e in entries.items() if loc.startswith("accounts/acme/#goal-"))
    assert goal["text"] and "Dados do gráfico" not in goal["text"]


def test_pages_that_repeat_a_dashboard_stay_out_and_docs_pages_stay_in(site):
    pages = {e["location"].split("#")[0] for e in index_of(site)}
    assert "accounts/acme/recent/" not in pages and "today/" not in pages
    assert "" in pages and "formato/" in pages  # the portfolio, and a page the team wrote


def test_a_client_sites_index_holds_no_internal_note(tmp_path):
    project = copy_project(tmp_path)
    out = tmp_path / "clients"
    builder.build_clients(project / "mkdocs.yml", out, strict=True)
    text = json.dumps(index_of(out / "acme"), ensure_ascii=False)
    assert "Acme Indústria S.A." in text
    leaked = [line for line in internal_text() if line in text]
    assert leaked == []


def test_hostile_text_is_escaped_in_the_index(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "docs").mkdir()
    name = '<img src=x onerror="alert(1)"> & Co'
    plan = BASE.replace("account: Acme", f"account: '{name}'")
    body = "## Notes {#notes}\n\n<b>bold</b> & a <script>x()</script>\n"
    (tmp_path / "plans" / "acme.md").write_text(plan + body, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme: {name: material}\nplugins: [search, {kamsite: {as_of: '2027-05-15'}}]\n"
    )
    entries = [e for e in index_of(mkdocs_build(tmp_path)) if e["location"].startswith("accounts/acme/")]
    assert entries[0]["title"] == '&lt;img src=x onerror="alert(1)"&gt; &amp; Co'
    assert all("<img" not in e["text"] and "<script" not in e["text"] for e in entries)
    notes = next(e for e in entries if e["location"] == "accounts/acme/#notes")
    assert "&lt;script&gt;x()" in notes["text"]  # the plan's HTML is shown as text, and indexed so


def test_headings_in_markdown_and_in_html_both_start_sections():
    page = (
        '---\ntitle: "A"\n---\n\n# A &amp; B \\*\n\n<!--ks-raw--><p>top</p><!--/ks-raw-->\n\n'
        '## Goals {#goals}\n\n<!--ks-raw--><ul><li>one <span class="x">two</span></li></ul>'
        '<details class="ks-data"><summary>data</summary><table><tr><td>9</td></tr></table></details>'
        '<h3 id="g1">Goal <em>one</em></h3><table><tr><td>a</td><td>b</td></tr></table><!--/ks-raw-->\n'
    )
    assert search.entries(page, "accounts/a/") == [
        {"location": "accounts/a/", "title": "A &amp; B *", "text": "<p>top</p>"},
        {"location": "accounts/a/#goals", "title": "Goals", "text": "<ul><li>one two</li></ul>"},
        {"location": "accounts/a/#g1", "title": "Goal one", "text": "a b"},
    ]
