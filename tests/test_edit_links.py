"""Edit links: with `repo_url` and `edit_uri` (as MkDocs users set them), each dashboard links to
its plan file and each task and action to its line; never without them, never for a client."""

import re

import pytest

from kamsite.render.edit_links import prefixes

from .conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

GITHUB = "https://github.com/team/kam/"


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "docs_dir", "expected"),
    [
        (
            "https://github.com/team/kam",
            "edit/main/docs/",
            "docs",
            (GITHUB + "edit/main/", GITHUB + "blob/main/"),
        ),
        (GITHUB, "blob/main/docs/", "docs", (GITHUB + "blob/main/", GITHUB + "blob/main/")),
        (
            "https://gitlab.com/team/kam",
            "-/edit/main/docs/",
            "docs",
            ("https://gitlab.com/team/kam/-/edit/main/", "https://gitlab.com/team/kam/-/blob/main/"),
        ),
        (GITHUB, "edit/dev/site/docs/", "site/docs", (GITHUB + "edit/dev/", GITHUB + "blob/dev/")),
        (GITHUB, GITHUB + "edit/main/docs/", "docs", (GITHUB + "edit/main/", GITHUB + "blob/main/")),
        (GITHUB, "edit/main/", ".", (GITHUB + "edit/main/", GITHUB + "blob/main/")),
    ],
)
def test_the_repository_root_is_found_from_mkdocs_edit_uri(repo_url, edit_uri, docs_dir, expected):
    assert prefixes(repo_url, edit_uri, docs_dir) == expected


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "docs_dir"),
    [
        (GITHUB, None, "docs"),  # no edit_uri: no links
        (None, "edit/main/docs/", "docs"),  # relative to nothing
        (GITHUB, "edit/main/other/", "docs"),  # does not say where docs_dir is: no guessing
        (GITHUB, "?mode=edit", "docs"),
    ],
)
def test_no_links_when_the_settings_do_not_say_where_the_files_are(repo_url, edit_uri, docs_dir):
    assert prefixes(repo_url, edit_uri, docs_dir) is None


def line_of(path, text):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("linked"))
    config = project / "mkdocs.yml"
    config.write_text(f"repo_url: {GITHUB}\nedit_uri: edit/main/docs/\n" + config.read_text(encoding="utf-8"))
    return project, mkdocs_build(project, strict=True)


def test_a_dashboard_links_to_its_plan_file_for_editing(linked):
    _, site = linked
    html = (site / "accounts" / "atlas" / "index.html").read_text(encoding="utf-8")
    edit = re.search(r'<a href="([^"]+)" class="ks-edit"><span class="ks-icon[^>]*></span>([^<]+)</a>', html)
    assert edit.groups() == (GITHUB + "edit/main/plans/atlas.md", "Editar o plano")
    boreal = (site / "accounts" / "boreal" / "index.html").read_text(encoding="utf-8")
    assert GITHUB + "edit/main/plans/sul/boreal.md" in boreal  # a plan in a sub-folder


def test_tasks_and_actions_link_to_their_line_in_the_plan(linked):
    project, site = linked
    atlas, cedro = project / "plans" / "atlas.md", project / "plans" / "norte" / "cedro.md"
    task = line_of(atlas, "Separar as amostras")
    action = line_of(atlas, "- id: amostras")
    html = (site / "accounts" / "atlas" / "index.html").read_text(encoding="utf-8")
    assert f'href="{GITHUB}blob/main/plans/atlas.md#L{task}"' in html  # the plan's body
    assert f'href="{GITHUB}blob/main/plans/atlas.md#L{action}"' in html  # the actions table
    late = line_of(cedro, "Turma 2")
    wanted = f'href="{GITHUB}blob/main/plans/norte/cedro.md#L{late}"'
    for page in ("accounts/cedro/index.html", "today/index.html", "people/lia/index.html"):
        assert wanted in (site / page).read_text(encoding="utf-8"), page


def test_without_repo_url_and_edit_uri_there_are_no_links(tmp_path):
    site = mkdocs_build(copy_project(tmp_path), strict=True)
    for page in ("accounts/atlas/index.html", "today/index.html", "people/lia/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "ks-line" not in html and "ks-edit" not in html and "blob/" not in html


def test_a_client_site_never_links_to_the_teams_repository(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") + "\n      audience: client\n      account: atlas\n"
    config.write_text(f"repo_url: {GITHUB}\nedit_uri: edit/main/docs/\n" + text, encoding="utf-8")
    site = mkdocs_build(project, strict=True)
    html = (site / "accounts" / "atlas" / "index.html").read_text(encoding="utf-8")
    assert "Separar as amostras" in html
    assert "ks-line" not in html and "ks-edit" not in html and "plans/atlas.md" not in html
    assert "github.com/team" not in html  # nor the theme's link to the repository
