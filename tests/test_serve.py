"""`mkdocs serve` rebuilds when a plan changes (a real server on loopback)."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kamsite.shell.preview import Preview

from .conftest import mkdocs_build

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def server(project, tmp_path):
    """`mkdocs serve` on the example project; its temporary folders (the site it builds into
    and the live preview's kept copies) go into the test's own folder, where the test finds them."""
    port = free_port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=10)


def served_site(tmp_path: Path) -> Path:
    """The folder the server builds the site into (MkDocs makes it in the temporary folder)."""
    (site,) = (tmp_path / "tmp").glob("mkdocs_*")
    return site


def written(site: Path, account: str) -> dict[str, int]:
    """The files of an account's folder in the served site, each with its inode: a page written
    again is a new file; one put back by the live preview is the file an earlier build wrote."""
    folder = site / "accounts" / account
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_editing_a_plan_rebuilds_the_site(project, server):
    url = server + "accounts/acme/"
    assert wait_for(url, "Acme Indústria S.A.")
    plan = project / "plans" / "acme.md"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("account: Acme Indústria S.A.", "account: Acme Renomeada"),
        encoding="utf-8",
    )
    assert wait_for(url, "Acme Renomeada")
    assert wait_for(server, "Acme Renomeada")  # the portfolio, which gathers every account, too


def page_of(url: str) -> str:
    """A page as built (the server adds a script that names the current build)."""
    return re.sub(r"livereload\(\d+, \d+\)", "", fetch(url))


def test_a_save_renders_only_the_saved_accounts_pages_and_serves_the_others_as_before(
    project, server, tmp_path
):
    bravo = server + "accounts/bravo/"
    assert wait_for(server + "accounts/acme/", "Acme Indústria S.A.")
    before = page_of(bravo)
    index = json.loads(fetch(server + "search/search_index.json"))["docs"]
    site = served_site(tmp_path)
    first = {account: written(site, account) for account in ("acme", "bravo", "cobalto")}
    assert all(first.values()) and not any((site / "accounts" / a).is_symlink() for a in first)
    plan = project / "plans" / "acme.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("account: Acme Indústria S.A.", "account: Acme Renomeada"), encoding="utf-8")
    assert wait_for(server + "accounts/acme/", "Acme Renomeada")
    assert wait_for(server, "Acme Renomeada")
    # bravo's and cobalto's pages are the very files the first build wrote; acme's were written again
    assert {a: written(site, a) for a in ("bravo", "cobalto")} == {a: first[a] for a in ("bravo", "cobalto")}
    assert written(site, "acme")["index.html"] != first["acme"]["index.html"]
    assert page_of(bravo) == before  # put back as the first build wrote it
    assert "BEGIN:VCALENDAR" in fetch(bravo + "calendar.ics")
    after = json.loads(fetch(server + "search/search_index.json"))["docs"]
    bravo_entries = [e for e in index if e["location"].startswith("accounts/bravo/")]
    assert bravo_entries and all(e in after for e in bravo_entries)
    assert any(e["title"] == "Acme Renomeada" for e in after)

    # a page of docs/ changes what wraps every page (the navigation): every page is made again
    (project / "docs" / "formato.md").write_text("# Formato novo\n", encoding="utf-8")
    assert wait_for(bravo, "Formato novo")
    again = written(site, "bravo")
    assert again.keys() == first["bravo"].keys()
    assert all(again[name] != first["bravo"][name] for name in again)


ARTICLE = re.compile(r"<article.*?</article>", re.S)
GATHERING = ["", "today/", "people/", "accounts/acme/", "accounts/bravo/"]
DATA = ["calendar.ics", "api/accounts.json", "api/tasks.csv", "api/actions.csv", "api/goals.csv"]


def as_built(site: Path, address: str) -> str:
    """A page's article (the rest names the server's address) or a data file, as a build wrote it."""
    path = site / address / "index.html" if address.endswith("/") or not address else site / address
    text = path.read_bytes().decode("utf-8")  # as it is: calendars end lines with CRLF
    return ARTICLE.search(text).group() if path.suffix == ".html" else text


def as_served(server: str, address: str) -> str:
    text = fetch(server + address)
    return ARTICLE.search(text).group() if address.endswith("/") or not address else text


def test_the_pages_a_rebuild_puts_together_are_those_a_fresh_build_makes(project, tmp_path):
    """While serving, the parts of the pages that gather every account are kept from one
    rebuild to the next (memo.py); after each save they must equal a fresh build's. Edit links
    are on, and the edits move the plan's lines, so each agenda line's link to its plan line
    changes although its task or action did not."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "docs_dir: docs\n",
            "docs_dir: docs\nrepo_url: https://git.example.com/kam/plans\nedit_uri: edit/main/docs/\n",
        ),
        encoding="utf-8",
    )
    plan = project / "plans" / "acme.md"
    original = plan.read_text(encoding="utf-8")
    edits = [
        original.replace("account: Acme Indústria S.A.", "account: Acme Renomeada"),
        original.replace("---\n", "---\n# uma linha a mais: as ações e as tarefas descem uma linha\n", 1),
        original,  # back as it was: parts kept from two rebuilds ago
    ]
    handles = ["ana", "bruno", "carla", "dani"]
    addresses = (
        GATHERING + DATA + [f"people/{h}/" for h in handles] + [f"people/{h}/calendar.ics" for h in handles]
    )
    port = free_port()
    with (project / "serve.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, stderr=log
        )
        try:
            server = f"http://127.0.0.1:{port}/"
            assert wait_for(server + "accounts/acme/", "Acme Indústria S.A.")
            for n, edit in enumerate(edits):
                before = fetch(server + "api/accounts.json")
                plan.write_text(edit, encoding="utf-8")
                deadline = time.monotonic() + 60
                while fetch(server + "api/accounts.json") == before and time.monotonic() < deadline:
                    time.sleep(0.3)
                time.sleep(1)  # the server answers after the whole rebuild; one more look for safety
                fresh = tmp_path / f"fresh-{n}"
                fresh.mkdir()
                copy_project_files(project, fresh)
                site = mkdocs_build(fresh)
                for address in addresses:
                    assert as_served(server, address) == as_built(site, address), (n, address)
                if n == 1:  # the edit links moved with the lines
                    assert as_built(site, "today/") != as_built(tmp_path / "fresh-0" / "site", "today/")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def copy_project_files(project: Path, target: Path) -> None:
    for name in ("plans", "docs"):
        shutil.copytree(project / name, target / name)
    shutil.copy(project / "mkdocs.yml", target / "mkdocs.yml")


def test_a_kept_account_folder_comes_back_whole_or_file_by_file(tmp_path):
    """Put back as one link to the kept copy; file by file where the rebuild wrote into the
    account's folder (its "what changed" page)."""
    first = tmp_path / "first"
    (first / "accounts" / "acme" / "recent").mkdir(parents=True)
    (first / "accounts" / "acme" / "index.html").write_text("dashboard", encoding="utf-8")
    (first / "accounts" / "acme" / "recent" / "index.html").write_text("recent", encoding="utf-8")
    kept = Preview()
    try:
        paths = ["accounts/acme/index.html", "accounts/acme/recent/index.html"]
        kept.keep("acme", "key", "wrap", first, "accounts/acme/", paths, [])
        for site in (tmp_path / "whole", tmp_path / "by-file"):
            if site.name == "by-file":
                (site / "accounts" / "acme" / "changes").mkdir(parents=True)
                (site / "accounts" / "acme" / "changes" / "index.html").write_text(
                    "changes", encoding="utf-8"
                )
            kept.restore("acme", site)
            folder = site / "accounts" / "acme"
            assert folder.is_symlink() == (site.name == "whole")
            assert (folder / "index.html").read_text(encoding="utf-8") == "dashboard"
            assert (folder / "recent" / "index.html").read_text(encoding="utf-8") == "recent"
        assert (tmp_path / "by-file" / "accounts" / "acme" / "changes" / "index.html").is_file()
    finally:
        kept.close()


@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "kill", "hang-up"]
)
def test_a_stopped_server_leaves_no_preview_folder_behind(project, tmp_path, stop):
    """Ctrl-C, `kill` (an editor's stop button, `timeout`) or a closed terminal."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    with (project / "serve.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "TMPDIR": str(temporary)},
            stderr=log,
            # as from a terminal: a job a shell starts in the background (a CI runner's, say)
            # ignores SIGINT, and so would the server it starts
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            assert wait_for(f"http://127.0.0.1:{port}/accounts/acme/", "Acme Indústria S.A.")
            assert list(temporary.glob("kamsite-preview-*"))  # the accounts kept while serving
            proc.send_signal(stop)
            proc.wait(timeout=20)  # before the fix, `kill` and a hang-up ended it at once, leaving the folder
        finally:
            if proc.poll() is None:
                proc.kill()
    assert not list(temporary.glob("kamsite-preview-*")), (project / "serve.log").read_text(encoding="utf-8")
