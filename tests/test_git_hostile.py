"""History is data like a plan: a hostile commit is skipped with a warning, never a broken build."""

import html

import pytest

from kamsite.shell import git as history

from .conftest import commit_all, copy_project, git, kamsite, new_repository

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

YEAR_10000 = "@253402300800 +0000"  # 10000-01-01T00:00:00Z: git stores it, Python's dates end at 9999


CI = ("CI", "2027-05-10T10:00:00")  # a commit's author may be hostile; who committed it is not


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A good commit, then two hostile ones on the atlas plan: a control character in the author's
    name, and an author date in the year 10000."""
    project = copy_project(tmp_path_factory.mktemp("hostile-history"))
    atlas = project / "plans" / "atlas.md"
    commit_all(new_repository(project), "Plans for 2027", committer=CI)
    atlas.write_text(atlas.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    git(
        project,
        "commit",
        "-q",
        "-am",
        "Edit",
        author="Eve\x1fMallory\x1e\x1b[31m",
        date="2027-04-01",
        committer=CI,
    )
    atlas.write_text(atlas.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Far future", date=YEAR_10000, committer=CI)
    assert "253402300800" in git(project, "cat-file", "-p", "HEAD").stdout
    return project


def shas(repo):
    return git(repo, "rev-list", "HEAD").stdout.split()  # newest first


def test_a_hostile_commit_is_skipped_and_the_rest_of_history_counts(repo):
    found = history.histories(repo / "plans", [repo / "plans" / "atlas.md", repo / "plans" / "atlas.md"])
    revision = found[(repo / "plans" / "atlas.md").resolve()].updated
    assert (revision.day.isoformat(), revision.author) == ("2027-03-01", "Ana Souza")


def test_the_site_builds_strictly_and_names_each_skipped_commit(repo):
    done = kamsite(repo, "build", "--strict", "-d", "public")
    assert done.returncode == 0, done.stderr
    future, eve, _ = shas(repo)
    assert (
        f"git history: commit {future[:12]} is skipped: its author date '10000-01-01' is not a date"
        in done.stderr
    )
    assert (
        f"git history: commit {eve[:12]} is skipped: its author name contains control characters"
        in done.stderr
    )
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    page = html.unescape((repo / "public/accounts/atlas/index.html").read_text(encoding="utf-8"))
    assert "por Ana Souza" in page and "Eve" not in page


def test_since_a_hostile_commit_says_why_it_cannot_be_used(repo):
    future = shas(repo)[0]
    with pytest.raises(history.HistoryError, match=f"'HEAD' is commit {future[:12]}, whose author or date"):
        history.resolve(repo / "plans", "HEAD")
