"""Publishing a site: never into the sources, one build at a time, swapped in whole even when a
build is killed, and a clear line (with the previous site untouched) when the disk says no."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import BASE, copy_project, tree

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

KAMSITE = str(Path(sys.executable).parent / "kamsite")
MKDOCS_YML = (
    "site_name: T\ntheme: {name: material, font: false}\nplugins:\n"
    "  - kamsite: {as_of: '2027-02-01', history: false}\n"
)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1800000000"}


def small_project(root: Path, account: str = "Acme") -> Path:
    """One plan, no history: the quickest real build."""
    (root / "plans").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "plans" / "acme.md").write_text(
        BASE.replace("account: Acme", f"account: {account}"), encoding="utf-8"
    )
    return root


def kamsite(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KAMSITE, *args], cwd=project, env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )


def hidden(folder: Path) -> list[str]:
    """Hidden leftovers beside the site."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- item 3: never into the sources ------------------------------------------------------------


@pytest.mark.parametrize(
    "out",
    ["docs", "plans", "plans/sub", "docs/site", ".git", ".git/site", "..", "plans/../docs", "sources-link"],
)
def test_an_output_folder_in_or_around_the_sources_is_refused(tmp_path, out):
    project = copy_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "sources-link").symlink_to("plans")
    before = {name: tree(project / name) for name in ("docs", "plans", ".git")}
    for args in (["build", "-d", out], ["build", "--clients", "-d", out]):
        done = kamsite(project, *args)
        assert done.returncode == 1, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "o kamsite não " in done.stderr, done.stderr
    assert {name: tree(project / name) for name in ("docs", "plans", ".git")} == before


# -- item 4: one atomic switch, killed builds leave no site half-built -------------------------


class Reader(threading.Thread):
    """Reads the published pages as fast as it can; counts every read that was neither the old
    nor the new version (a missing file included)."""

    def __init__(self, public: Path, versions: dict[str, set[bytes]]) -> None:
        super().__init__(daemon=True)
        self.public, self.versions = public, versions
        self.reads, self.bad, self.done = 0, [], threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for name, allowed in self.versions.items():
                try:
                    data = (self.public / name).read_bytes()
                except OSError as exc:
                    data = repr(exc).encode()
                self.reads += 1
                if data not in allowed:
                    self.bad.append((name, data[:80]))
                time.sleep(0.0002)  # thousands of reads a second, and CPU left for the build


# A moment of a build: whether it has come, from the project and public/'s inode before the build.
Moment = Callable[[Path, int], bool]


def staging(project: Path) -> list[Path]:
    """The folders a build of public/ writes its new site into, beside it (`.public.new-*`)."""
    return list(project.glob(".public.new-*"))


def staged(name: str) -> Moment:
    """The moment a file of that name is in the new site, not yet published."""
    return lambda project, _: any((folder / name).exists() for folder in staging(project))


def swapped_in(project: Path, before: int) -> bool:
    """The moment public/ is another folder than before the build: the new site is swapped in."""
    try:
        return (project / "public").stat().st_ino != before
    except FileNotFoundError:  # between the two renames where folders cannot be exchanged
        return True


# The moments a build reaches, in order: the staging folder made, the theme's pages written into
# it (404.html), the account's pages written, the new site swapped in (the build then removes the
# old one). A build is killed at each.
MOMENTS: dict[str, Moment] = {
    "staging made": lambda project, _: bool(staging(project)),
    "404 page written": staged("404.html"),
    "pages written": staged("accounts/acme/index.html"),
    "swapped in": swapped_in,
}


def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one(tmp_path):
    a = small_project(tmp_path / "a", "Acme Old")
    b = small_project(tmp_path / "b", "Acme New")
    assert kamsite(a, "build", "-d", "public").returncode == 0
    assert kamsite(b, "build", "-d", "public").returncode == 0
    trees = {"old": tree(a / "public"), "new": tree(b / "public")}
    assert trees["old"] != trees["new"]
    pages = ["index.html", "accounts/acme/index.html"]
    versions = {p: {(a / "public" / p).read_bytes(), (b / "public" / p).read_bytes()} for p in pages}
    project = small_project(tmp_path / "project", "Acme Old")
    shutil.copytree(a / "public", project / "public")
    plans = {"old": (a / "plans" / "acme.md").read_text(), "new": (b / "plans" / "acme.md").read_text()}
    published = ["old"]

    def build(moment: Moment | None) -> tuple[int, bool, bool]:
        """Build the other version, killed at that moment of the build: its exit status, whether
        it left work beside the site, whether it swapped its site in (then the new one is there,
        else the old one)."""
        other = "new" if published[-1] == "old" else "old"
        (project / "plans" / "acme.md").write_text(plans[other])
        before = (project / "public").stat().st_ino
        proc = subprocess.Popen(
            [KAMSITE, "build", "-d", "public"],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if moment is not None:
            deadline = time.monotonic() + 120  # against a build that hangs; never reached otherwise
            while not moment(project, before) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.001)
            proc.send_signal(signal.SIGKILL)
        status, leftovers = proc.wait(timeout=120), bool(hidden(project))
        swapped = swapped_in(project, before)
        found = tree(project / "public")
        assert found in trees.values(), "a site that is neither the old nor the new one"
        assert found == trees[other if swapped else published[-1]]
        published.append(other if swapped else published[-1])
        return status, leftovers, swapped

    reader = Reader(project / "public", versions)
    reader.start()
    try:
        killed = {}
        for round in range(3):
            for name, moment in MOMENTS.items():
                killed[name, round] = build(moment)
        whole = [build(None) for _ in range(3)]  # whole builds, each swapping its site in
    finally:
        reader.done.set()
        reader.join()
    assert reader.reads > 1000 and reader.bad == [], reader.bad[:5]
    assert (-signal.SIGKILL, True, False) in killed.values()  # killed with its work half done
    assert all(killed["swapped in", round][2] for round in range(3))
    assert whole == [(0, False, True)] * 3  # whole builds removed what the killed ones left
    assert published[-3:] in (["new", "old", "new"], ["old", "new", "old"])


def test_a_build_stopped_with_ctrl_c_says_so_in_one_line_and_keeps_the_old_site(tmp_path):
    project = small_project(tmp_path, "Acme Old")
    assert kamsite(project, "build", "-d", "public").returncode == 0
    old = tree(project / "public")
    (project / "plans" / "acme.md").write_text(BASE.replace("account: Acme", "account: Acme New"))
    proc = subprocess.Popen(
        [KAMSITE, "build", "-d", "public"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal starts it
    )
    deadline = time.monotonic() + 120  # against a build that hangs; never reached otherwise
    while not staged("404.html")(project, 0) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr  # 128 + SIGINT, as a shell reports Ctrl-C
    assert "Traceback" not in stderr  # before the fix: a KeyboardInterrupt traceback
    assert stderr.splitlines()[-1] == "kamsite: interrupted; the previous site was left as it was"
    assert tree(project / "public") == old and hidden(project) == []  # no staging folder left


def test_leftovers_of_killed_builds_are_removed_and_a_lost_site_comes_back(tmp_path, monkeypatch):
    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "-d", "public"]) == 0
    site = tree(project / "public")
    (project / ".public.new-x1").mkdir()
    (project / ".public.new-x1" / "big.bin").write_bytes(b"\0" * 3_000_000)
    (project / "public").rename(project / ".public.old-x2")  # killed between the fallback's renames
    (project / ".public.lock").write_text("")  # a killed build's lock file holds no lock
    (project / "plans" / "acme.md").write_text(BASE.replace("owner: ana", "owner: nobody"))
    assert main(["build", "-d", "public", "--strict"]) == 1  # even a failed build cleans up
    assert tree(project / "public") == site
    assert hidden(project) == []


def test_where_folders_cannot_be_exchanged_two_renames_still_publish(tmp_path, monkeypatch):
    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "-d", "public"]) == 0
    monkeypatch.setattr(builder, "_exchange", lambda a, b: False)  # as on a system without renameat2
    (project / "plans" / "acme.md").write_text(BASE.replace("account: Acme", "account: Acme Two"))
    assert main(["build", "-d", "public"]) == 0
    assert "Acme Two" in (project / "public" / "index.html").read_text(encoding="utf-8")
    assert hidden(project) == []


# -- item 5: one build at a time ---------------------------------------------------------------


def test_two_builds_into_one_folder_at_once_one_writes_the_other_stops(tmp_path):
    project = small_project(tmp_path / "project")
    for n in range(40):  # a portfolio large enough that the two builds overlap
        (project / "plans" / f"p{n}.md").write_text(BASE.replace("account: Acme", f"account: P{n}"))
    both = [
        subprocess.Popen(
            [KAMSITE, "build", "-d", "public"],
            cwd=project,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = sorted((proc.returncode, err) for proc in both for _, err in [proc.communicate(timeout=120)])
    (won, winner), (lost, loser) = results
    assert (won, lost) == (0, 1) and "another build" not in winner and "the site is in public" in winner
    assert loser == (
        "kamsite: another build is writing public/: try again when it has"
        " finished; the previous site was left as it was\n"
    )
    reference = tmp_path / "reference"
    shutil.copytree(project / "plans", reference / "plans")
    shutil.copytree(project / "docs", reference / "docs")
    shutil.copy(project / "mkdocs.yml", reference / "mkdocs.yml")
    assert kamsite(reference, "build", "-d", "public").returncode == 0
    assert tree(project / "public") == tree(reference / "public")  # the winner's site, whole
    assert hidden(project) == []


# -- item 6: --clients and an invalid plan -----------------------------------------------------


@pytest.fixture
def clients(tmp_path):
    project = copy_project(tmp_path)
    assert kamsite(project, "build", "--clients", "-d", "clients").returncode == 0
    bravo = project / "plans" / "sul" / "bravo-alimentos.md"
    bravo.write_text(bravo.read_text(encoding="utf-8").replace("owner: ", "owner: nobody-", 1))
    return project


def test_clients_strict_with_an_invalid_plan_fails_and_keeps_every_site(clients):
    before = {p.name: tree(p) for p in (clients / "clients").iterdir()}
    assert sorted(before) == ["acme", "bravo", "cobalto"]
    done = kamsite(clients, "build", "--clients", "--strict", "-d", "clients")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("plans/sul/bravo-alimentos.md:") and "nobody-" in lines[0]
    assert lines[-1] == (
        "kamsite: --strict: 1 plano com problemas (listado acima), então nenhum site de cliente foi gerado;"
        " o site anterior ficou como estava"
    )
    assert {p.name: tree(p) for p in (clients / "clients").iterdir()} == before


def test_clients_without_strict_keep_the_invalid_accounts_previous_site(clients):
    bravo = tree(clients / "clients" / "bravo")
    (clients / "clients" / "acme" / "stale.txt").write_text("from the previous build")
    done = kamsite(clients, "build", "--clients", "-d", "clients")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["clients/acme", "clients/cobalto"]
    assert (
        "aviso: plans/sul/bravo-alimentos.md tem problemas, então o site de cliente anterior,"
        " clients/bravo, foi mantido:"
    ) in done.stderr
    assert tree(clients / "clients" / "bravo") == bravo
    assert not (clients / "clients" / "acme" / "stale.txt").exists()  # the valid ones were rebuilt


# -- item 12: read-only and full disks, mount points -------------------------------------------


def in_namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell script as root of its own user and mount namespace, where it may mount small
    file systems; skip where the host allows no such namespace."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(["unshare", "-r", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("this host allows no unprivileged user namespaces")
    return subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", script],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def disk_fault(tmp_path: Path, fault: str) -> tuple[str, Path]:
    project = small_project(tmp_path / "project")
    out = tmp_path / "disk"
    out.mkdir()
    script = f"""
        mount -t tmpfs -o size=32m tmpfs {out}
        {KAMSITE} build -d {out}/public || exit 90
        (cd {out}/public && find . -type f | sort | xargs sha256sum) > {tmp_path}/before.txt
        {fault}
        {KAMSITE} build -d {out}/public 2> {tmp_path}/err.txt; echo $? > {tmp_path}/rc.txt
        (cd {out}/public && find . -type f | sort | xargs sha256sum) > {tmp_path}/after.txt
        ls -A {out} > {tmp_path}/beside.txt
    """
    done = in_namespace(script, project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "rc.txt").read_text() == "1\n"
    assert (tmp_path / "after.txt").read_text() == (tmp_path / "before.txt").read_text() != ""
    err = (tmp_path / "err.txt").read_text()
    return "".join(
        line for line in err.splitlines(keepends=True) if not line.startswith("kamsite: as of ")
    ), tmp_path / "beside.txt"


def test_a_read_only_disk_gives_one_line_and_keeps_the_site(tmp_path):
    err, beside = disk_fault(tmp_path, f"mount -o remount,ro {tmp_path}/disk")
    assert err == (
        f"kamsite: {tmp_path}/disk/public: cannot write the site: Read-only file system;"
        " the previous site was left as it was\n"
    )


def test_a_full_disk_gives_one_line_and_keeps_the_site(tmp_path):
    err, beside = disk_fault(tmp_path, f"dd if=/dev/zero of={tmp_path}/disk/fill bs=1M 2>/dev/null || true")
    assert err == (
        f"kamsite: {tmp_path}/disk/public: cannot write the site: No space left on device;"
        " the previous site was left as it was\n"
    )
    assert beside.read_text().split() == ["fill", "public"]  # the half-written site was removed


def test_a_mount_point_as_the_output_folder_gives_one_line(tmp_path):
    project = small_project(tmp_path / "project")
    public = project / "public"
    public.mkdir()
    script = f"""
        mount -t tmpfs -o size=32m tmpfs {public}
        echo old > {public}/index.html
        {KAMSITE} build -d public; echo "rc=$?"
        cat {public}/index.html
    """
    done = in_namespace(script, project)
    assert done.stdout == "rc=1\nold\n"
    assert done.stderr == (
        "kamsite: public: is a mount point, and kamsite replaces the site folder whole;"
        " build into a folder inside it (for example public/site) and publish that;"
        " the previous site was left as it was\n"
    )
