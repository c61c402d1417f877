"""Lighthouse (mobile profile) on every page type of the example site, served gzip-compressed.

    python benchmarks/lighthouse.py            # or: make lighthouse

Builds the example project (tests/fixtures/example) with kamsite, serves the site on loopback
the way static hosts do (text responses gzip-compressed), and runs Lighthouse's default mobile
profile (simulated mid-range phone and slow 4G) with headless Chromium on one page of each type.
Writes each report as JSON and HTML, and a summary (summary.md, summary.json) into
test-artifacts/lighthouse/. Lighthouse comes from npm: the copy installed in .cache/node/ (this
script installs it there on first use, which needs the network), else `npx --yes lighthouse@12`.
Chromium: /usr/bin/chromium, or the browser named by KAMSITE_CHROMIUM.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "lighthouse"
NODE = ROOT / ".cache" / "node"
CHROMIUM = os.environ.get("KAMSITE_CHROMIUM", "/usr/bin/chromium")
TARGET = 90
PAGES = {  # page type -> path in the example site
    "portfolio": "",
    "dashboard": "accounts/acme/",
    "recent report": "accounts/acme/recent/",
    "review": "accounts/acme/review/",
    "today": "today/",
    "person": "people/ana/",
    "people": "people/",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the browser accepts it, as hosts serve them."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        if path.name == "index.html" and not self.path.split("?")[0].endswith(("/", ".html")):
            return super().send_head()  # the redirect to the folder's address
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Bytes(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _Bytes:
    """What send_head returns: something copyfile can read and close."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build_example(folder: Path) -> Path:
    project = folder / "example"
    shutil.copytree(ROOT / "tests" / "fixtures" / "example", project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, check=True, env=env)
    return project / "site"


def lighthouse_command() -> list[str]:
    local = NODE / "node_modules" / ".bin" / "lighthouse"
    if not local.exists() and shutil.which("npm"):
        NODE.mkdir(parents=True, exist_ok=True)
        print("installing Lighthouse 12 into .cache/node (once)...", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "lighthouse@12"],
            cwd=NODE,
            check=False,
        )
    if local.exists():
        return [str(local)]
    if shutil.which("npx"):
        return ["npx", "--yes", "lighthouse@12"]
    raise SystemExit("Lighthouse needs Node.js and npm (https://nodejs.org): neither npm nor npx was found.")


def audit(command: list[str], url: str, name: str) -> dict[str, object]:
    """Runs Lighthouse on one page; returns the score and what explains it."""
    base = OUT / name.replace(" ", "-")
    subprocess.run(
        [
            *command,
            url,
            "--only-categories=performance",
            "--output=json",
            "--output=html",
            f"--output-path={base}",
            "--chrome-flags=--headless=new --no-sandbox",
            "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(Path(f"{base}.report.json").read_text(encoding="utf-8"))
    audits = report["audits"]

    def value(key: str) -> float:
        return float(audits[key].get("numericValue") or 0)

    unused = audits.get("unused-javascript", {}).get("details", {}) or {}
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "fcp_ms": value("first-contentful-paint"),
        "lcp_ms": value("largest-contentful-paint"),
        "tbt_ms": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "si_ms": value("speed-index"),
        "transfer_kb": value("total-byte-weight") / 1024,
        "unused_js_kb": float(unused.get("overallSavingsBytes") or 0) / 1024,
        "report": f"{base.name}.report.html",
    }


def summary_table(results: dict[str, dict[str, object]]) -> str:
    lines = [
        "| page type | performance | FCP | LCP | TBT | CLS | speed index | transferred | unused JS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page, r in results.items():
        lines.append(
            f"| {page} | {r['score']} | {r['fcp_ms'] / 1000:.1f} s | {r['lcp_ms'] / 1000:.1f} s | "
            f"{r['tbt_ms']:.0f} ms | {r['cls']:.3f} | {r['si_ms'] / 1000:.1f} s | "
            f"{r['transfer_kb']:.0f} KB | {r['unused_js_kb']:.0f} KB |"
        )
    return "\n".join(lines)


def main() -> None:
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Lighthouse needs Chromium: {CHROMIUM} does not exist (set KAMSITE_CHROMIUM).")
    command = lighthouse_command()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kamsite-lighthouse-") as tmp:
        site = build_example(Path(tmp))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        results = {}
        try:
            for page, path in PAGES.items():
                results[page] = audit(command, f"http://127.0.0.1:{port}/{path}", page)
                print(f"{page}: {results[page]['score']}", flush=True)
        finally:
            server.shutdown()
    table = summary_table(results)
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    scores = {page: r["score"] for page, r in results.items()}
    (OUT / "summary.json").write_text(
        json.dumps({"date": date, "target": TARGET, "scores": scores, "pages": results}, indent=2),
        encoding="utf-8",
    )
    (OUT / "summary.md").write_text(
        f"Lighthouse mobile profile, example site served gzip-compressed, {date}.\n\n{table}\n",
        encoding="utf-8",
    )
    print(f"\n{table}\n\nReports in {OUT.relative_to(ROOT)}/")
    low = [page for page, score in scores.items() if int(str(score)) < TARGET]
    if low:
        print(f"Below {TARGET}: {', '.join(low)}.")


if __name__ == "__main__":
    main()
