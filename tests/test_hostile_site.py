"""What a build publishes: a linked page in docs/ stays out of client sites; a misspelt account
is an error, not an empty site; an account's name is text wherever the site shows it."""

import json
import os
import shutil
from html.parser import HTMLParser

import pytest

from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import BASE, contents, copy_project

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

SECRET = "Handbook-only-for-the-team-7f3a"


def test_a_page_in_docs_that_is_a_link_stays_out_of_client_sites(tmp_path):
    project = copy_project(tmp_path / "project")
    (tmp_path / "project" / "shared").mkdir()
    (tmp_path / "project" / "shared" / "handbook.md").write_text(
        f"# Handbook\n\n{SECRET}\n", encoding="utf-8"
    )
    os.symlink("../shared/handbook.md", project / "docs" / "handbook.md")
    assert (project / "docs" / "handbook.md").read_text(encoding="utf-8").endswith(f"{SECRET}\n")

    builder.build_site(project / "mkdocs.yml", project / "team")
    assert SECRET in (project / "team" / "handbook" / "index.html").read_text(encoding="utf-8")
    builder.build_site(project / "mkdocs.yml", project / "client", audience="client", account="atlas")
    leaks = [path for path, data in contents(project / "client") if SECRET.encode() in data]
    assert leaks == []
    assert not (project / "client" / "handbook").exists()


def test_a_misspelt_account_on_a_team_build_names_the_known_ones(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "--account", "altas", "-d", "public"]) == 1
    err = capsys.readouterr().err
    assert (
        "account 'altas': there is no such plan; did you mean 'atlas'?"
        " (known ids: atlas, atlas-2026, boreal, cedro)" in err
    )
    assert not (project / "public").exists()


def test_a_misspelt_account_on_a_client_build_names_the_known_ones(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "--audience", "client", "--account", "borel", "-d", "out"]) == 1
    assert "did you mean 'boreal'? (known ids: atlas, atlas-2026, boreal, cedro)" in capsys.readouterr().err


HOSTILE = 'Acme <img src=x onerror=alert(1)></title><script>alert(2)</script>" onfocus="alert(3)'


def project_of_one(tmp_path, account):
    """The example project with one plan, plans/acme.md, whose account is `account`."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "plans")
    (project / "plans").mkdir()
    text = BASE.replace("account: Acme", f"account: {json.dumps(account)}")
    (project / "plans" / "acme.md").write_text(text, encoding="utf-8")
    return project


class Live(HTMLParser):
    """The elements and attributes of the hostile name a browser would make of some HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img" and ("src", "x") in attrs:
            self.found.append("<img src=x>")
        self.found += [name for name, _ in attrs if name in ("onerror", "onfocus")]

    def handle_data(self, data):
        if "alert(2)" in data and self.lasttag == "script" and self.cdata_elem == "script":
            self.found.append("<script>alert(2)")


def live_in(html):
    parser = Live()
    parser.feed(html)
    parser.close()
    return parser.found


def live_markup(site):
    """The pages, sitemap and search index of `site` where the hostile name is live markup (in the
    index: in its strings, which the theme's search shows as HTML). The exports (CSV, JSON data,
    calendars) carry the name as it is written: they are data, not markup."""
    found = []
    for path, data in contents(site):
        rel = path.relative_to(site).as_posix()
        if rel == "search/search_index.json":
            texts = list(strings_in(json.loads(data)))
        elif rel.endswith((".html", ".xml", ".xml.gz")):
            texts = [data.decode("utf-8")]
        else:
            continue
        if any(live_in(text) for text in texts):
            found.append(rel)
    return found


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


class Shown(HTMLParser):
    """The text a browser shows of a page's <title> and of Material's header title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.topics, self.logos, self._in = "", [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "md-logo" in (dict(attrs).get("class") or ""):
            self.logos += [dict(attrs)["title"], dict(attrs)["aria-label"]]
        if tag == "title":
            self._in = "title"
        elif tag == "span" and dict(attrs).get("class") == "md-ellipsis" and self._in is None:
            self._in, self._depth = "topic", 0
            self.topics.append("")
        elif self._in == "topic":
            self._depth += 1

    def handle_endtag(self, tag):
        if self._in == "title" and tag == "title":
            self._in = None
        elif self._in == "topic":
            if self._depth == 0:
                self._in = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "topic":
            self.topics[-1] += data


def shown(page):
    parser = Shown()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.title.strip(), [" ".join(t.split()) for t in parser.topics], parser.logos


def test_a_hostile_account_name_is_text_in_every_file_of_its_client_site(tmp_path):
    project = project_of_one(tmp_path, HOSTILE)
    builder.build_site(project / "mkdocs.yml", project / "client", audience="client", account="acme")
    assert live_markup(project / "client") == []
    title, topics, logos = shown(project / "client" / "index.html")
    assert title.endswith(f" - {HOSTILE}") or title == HOSTILE
    assert HOSTILE in topics
    assert logos == [HOSTILE] * 4  # the header's and the navigation's


def test_a_hostile_account_name_is_text_in_every_file_of_the_team_site(tmp_path):
    project = project_of_one(tmp_path, HOSTILE)
    builder.build_site(project / "mkdocs.yml", project / "team")
    assert live_markup(project / "team") == []


def test_an_ampersand_in_the_account_name_shows_as_itself_on_its_client_site(tmp_path):
    project = project_of_one(tmp_path, "Café & Co")
    main(["build", "--clients", "-f", str(project / "mkdocs.yml"), "-d", str(project / "clients")])
    site = project / "clients" / "acme"
    for page in (site / "index.html", site / "404.html"):
        title, topics, logos = shown(page)
        assert title == "Café & Co" or title.endswith(" - Café & Co"), page
        assert "Café & Co" in topics, page
        assert logos == ["Café & Co"] * 4, page
        assert "&amp;amp;" not in page.read_text(encoding="utf-8")
        assert "Café &amp; Co</title>" in page.read_text(encoding="utf-8")
