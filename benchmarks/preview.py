"""Live preview: how long after saving a plan `mkdocs serve` serves the changed dashboard.

    python benchmarks/preview.py                 # 10 and 200 accounts, 5 saves each
    python benchmarks/preview.py --sizes 10 50 --repeat 3

For each size it writes a project of N synthetic plans, starts a real `mkdocs serve` on a free
port, waits for the first build, then changes one plan's account name several times; each time
it polls the account's dashboard over HTTP (every 20 ms, as a browser would reload it) until the
new name is in the page, and takes the time from the save to that response. Prints the median.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ENV, write_kamsite  # noqa: E402

TIMEOUT = 600.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, proc: subprocess.Popen[bytes]) -> float:
    """Seconds until `url` serves a page containing `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < TIMEOUT:
        if proc.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit {proc.returncode}) before serving {url}")
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def measure(n: int, repeat: int) -> list[float]:
    """Seconds from saving one plan to its changed dashboard being served, once per repeat."""
    with tempfile.TemporaryDirectory(prefix="kamsite-preview-") as tmp:
        project = write_kamsite(Path(tmp), n)
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENV,
            start_new_session=True,
        )
        try:
            plan = project / "plans" / "conta-00000.md"
            url = f"http://127.0.0.1:{port}/accounts/conta-00000/"
            wait_for(url, "Conta 00000 S.A.", proc)
            time.sleep(2)  # let the server's watcher settle after the first build
            original = plan.read_text(encoding="utf-8")
            times = []
            for k in range(repeat):
                mark = f"Revisada {k} {time.time_ns()}"
                changed = original.replace("account: Conta 00000 S.A.", f"account: Conta 00000 {mark}")
                if changed == original:
                    raise SystemExit(f"{plan.name} has no line 'account: Conta 00000 S.A.' to change.")
                plan.write_text(changed, encoding="utf-8")
                times.append(wait_for(url, mark, proc))
                time.sleep(2)  # a person does not save twice within a rebuild
            return times
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 200])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in args.sizes:
        times = measure(n, args.repeat)
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"{n} accounts: median {statistics.median(times):.2f} s ({shown})", flush=True)


if __name__ == "__main__":
    main()
