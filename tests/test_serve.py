"""`mkdocs serve` rebuilds when a plan changes (a real server on loopback)."""

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
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=10)


def test_editing_a_plan_rebuilds_the_site(project, server):
    url = server + "accounts/acme/"
    assert wait_for(url, "Acme Indústria S.A.")
    plan = project / "plans" / "acme.md"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("account: Acme Indústria S.A.", "account: Acme Renomeada"),
        encoding="utf-8",
    )
    assert wait_for(url, "Acme Renomeada")
