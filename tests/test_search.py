"""kamsite's pages in the theme's search index: a section per heading, the words without the
markup, the team's marks and the chart data left out (`data-search-exclude`); nothing a client
must not see; hostile text stays text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kamsite.shell import builder

from .conftest import BASE, copy_project, mkdocs_build
from .test_client import internal_text

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


def index_of(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return mkdocs_build(copy_project(tmp_path_factory.mktemp("search")), strict=True)


@pytest.mark.parametrize("account", ["atlas", "boreal", "cedro"])
def test_an_account_page_has_a_section_per_heading(site, account):
    page = (site / "accounts" / account / "index.html").read_text(encoding="utf-8")
    anchors = [
        e["location"].partition("#")[2]
        for e in index_of(site)
        if e["location"].startswith(f"accounts/{account}/")
    ]
    assert len(anchors) > 5 and "actions" in anchors
    assert all(f'id="{anchor}"' in page for anchor in anchors if anchor)


def test_a_sections_title_is_its_heading_without_the_teams_marks(site):
    titles = {e["location"]: e["title"] for e in index_of(site)}
    assert titles["accounts/atlas/#amostras"] == "Amostras da nova linha"  # marked as shared
    assert not [t for t in titles.values() if "Compartilhado" in t or "Interno" in t]


def test_the_text_keeps_the_words_and_leaves_out_the_markup(site):
    entries = {e["location"]: e for e in index_of(site)}
    top = entries["accounts/atlas/"]
    assert top["title"] == "Atlas Papéis S.A."
    assert "Saúde:" in top["text"] and "Lia Prado" in top["text"]
    actions = entries["accounts/atlas/#actions"]["text"]
    assert "Laudo técnico da nova linha" in actions
    for entry in entries.values():
        tags = set(re.findall(r"</?(\w+)", entry["text"]))
        assert tags <= {"p", "li", "ul", "ol", "code", "pre", "sub", "sup"}, entry["location"]
        assert "ks-icon" not in entry["text"] and "data-figure" not in entry["text"]
    # a goal's chart data box repeats its table: not in the text
    goal = next(e for loc, e in entries.items() if loc.startswith("accounts/atlas/#goal-"))
    assert goal["text"] and "Dados do gráfico" not in goal["text"]


def test_pages_that_repeat_a_dashboard_stay_out_and_docs_pages_stay_in(site):
    pages = {e["location"].split("#")[0] for e in index_of(site)}
    assert "accounts/atlas/recent/" not in pages and "today/" not in pages
    assert "" in pages and "formato/" in pages  # the portfolio, and a page the team wrote


def test_a_client_sites_index_holds_no_internal_note(tmp_path):
    project = copy_project(tmp_path)
    out = tmp_path / "clients"
    builder.build_clients(project / "mkdocs.yml", out, strict=True)
    text = json.dumps(index_of(out / "atlas"), ensure_ascii=False)
    assert "Atlas Papéis S.A." in text
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


def test_snippets_keep_table_cells_labels_and_lines_apart(site):
    """Material's indexer joins the words of neighbouring elements as they are written: the
    cells of a table, a fact's label and its value, the lines of a cell come out apart."""
    entries = {e["location"]: re.sub(r"<[^>]+>", " ", e["text"]) for e in index_of(site)}
    actions = entries["accounts/atlas/#actions"]
    assert "Ação Marco Responsável Prazo" in actions  # the header's cells
    assert "Amostras da nova linha Nova linha de embalagens homologada Rui Neves 10/05/2027" in actions
    assert "Atrasada Proposta da tabela" in actions  # the header, then the first row
    assert "Responsável Lia Prado Equipe Lia Prado" in entries["accounts/atlas/"]  # facts
    portfolio = entries[""]
    assert "Itens atrasados Cedro Saúde Eva Costa" in portfolio
    assert "em 31/03 Participação de 40%" in portfolio  # a cell's lines (one goal each)
    assert "0%20%" not in portfolio  # the chart's axis is no text to find
    # no two words run together anywhere: a lower-case letter or a closing sign straight
    # before a capital or a digit ("PradoEquipe", "Neves10/05/2027")
    glued = {
        loc: re.findall(r"\S*[a-zà-ú%)—][A-ZÀ-Ú0-9]\S*", text)
        for loc, text in entries.items()
        if not loc.startswith(("format/", "formato/"))  # the format's own code, e.g. 1e6
    }
    assert {loc: words for loc, words in glued.items() if set(words) - {"(iCalendar)"}} == {}
