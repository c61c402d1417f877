"""`mkdocs serve` rebuilds when a plan changes (a real server on loopback)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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
    """`mkdocs serve` on the example project; the site it builds into goes into the test's own
    temporary folder."""
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


def test_editing_a_plan_rebuilds_the_site(project, server):
    url = server + "accounts/cedro/"
    assert wait_for(url, "Cedro Saúde")
    plan = project / "plans" / "norte" / "cedro.md"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("account: Cedro Saúde", "account: Cedro Renomeada"),
        encoding="utf-8",
    )
    assert wait_for(url, "Cedro Renomeada")
    assert wait_for(server, "Cedro Renomeada")  # the portfolio, which gathers every account, too


ARTICLE = re.compile(r"<article.*?</article>", re.S)
GATHERING = ["", "today/", "people/", "accounts/atlas/", "accounts/boreal/", "accounts/cedro/"]
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
    """After each save, what the server serves equals a fresh build's. Edit links are on, and the
    edits move the plan's lines, so each agenda line's link to its plan line changes although
    its task or action did not."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "docs_dir: docs\n",
            "docs_dir: docs\nrepo_url: https://git.example.com/kam/plans\nedit_uri: edit/main/docs/\n",
        ),
        encoding="utf-8",
    )
    plan = project / "plans" / "norte" / "cedro.md"
    original = plan.read_text(encoding="utf-8")
    edits = [
        original.replace("account: Cedro Saúde", "account: Cedro Renomeada"),
        original.replace("---\n", "---\n# uma linha a mais: as ações e as tarefas descem uma linha\n", 1),
        original,  # back as it was: parts kept from two rebuilds ago
    ]
    handles = ["eva", "lia", "rui"]
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
            assert wait_for(server + "accounts/cedro/", "Cedro Saúde")
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
