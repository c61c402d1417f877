"""`mkdocs serve` rebuilds when a plan changes (a real server on loopback)."""

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


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
def server(project):
    port = free_port()
    with (project / "serve.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-v", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        yield f"http://127.0.0.1:{port}/"
        proc.terminate()
        proc.wait(timeout=10)


def made(project) -> list[str]:
    """What each build of the server says it made: the accounts whose pages were not in the cache."""
    text = (project / "serve.log").read_text(encoding="utf-8")
    return re.findall(r"kamsite: made the pages of (\d+ of \d+) accounts", text)


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
    builds = made(project)  # the rebuild made the edited plan's pages only
    assert builds[:2] == ["3 of 3", "1 of 3"] and set(builds[2:]) <= {"0 of 3"}
