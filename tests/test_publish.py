"""Publishing a site: never into the sources, one build at a time, swapped in whole even when a
build is killed, and a clear line (with the previous site untouched) when the disk says no."""

import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import (
    BASE,
    BIN,
    copy_project,
    environment,
    leftovers,
    new_repository,
    run,
    tree,
    write_project,
)
from .conftest import kamsite as run_kamsite

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

ENV = environment(SOURCE_DATE_EPOCH="1800000000")  # two builds of one input: the same bytes
KAMSITE = BIN / "kamsite"


def small_project(root: Path, account: str = "Acme") -> Path:
    """One plan, no history: the quickest real build."""
    return write_project(root, {"acme": BASE.replace("account: Acme", f"account: {account}")})


def kamsite(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_kamsite(project, *args, env=ENV)


# -- item 3: never into the sources ------------------------------------------------------------


@pytest.mark.parametrize(
    "out",
    ["docs", "plans", "plans/sub", "docs/site", ".git", ".git/site", "..", "plans/../docs", "sources-link"],
)
def test_an_output_folder_in_or_around_the_sources_is_refused(tmp_path, out):
    project = copy_project(tmp_path / "project")
    new_repository(project)
    (project / "sources-link").symlink_to("plans")
    before = {name: tree(project / name) for name in ("docs", "plans", ".git")}
    for args in (["build", "-d", out], ["build", "--clients", "-d", out]):
        done = kamsite(project, *args)
        assert done.returncode == 1, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "o kamsite não " in done.stderr, done.stderr
    assert {name: tree(project / name) for name in ("docs", "plans", ".git")} == before


# -- item 4: one atomic switch, killed builds leave no site half-built -------------------------


class Reader(threading.Thread):
    """Reads the published pages as fast as it can while builds run; keeps every read that was
    neither the old nor the new version (a missing file included)."""

    def __init__(self, public: Path, versions: dict[str, set[bytes]]) -> None:
        super().__init__(daemon=True)
        self.public, self.versions = public, versions
        self.bad, self.done = [], threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.bad += published_but_neither(self.public, self.versions)
            time.sleep(0.0002)  # thousands of reads a second, and CPU left for the build


def published_but_neither(public: Path, versions: dict[str, set[bytes]]) -> list[tuple[str, bytes]]:
    """The published pages that are neither their old nor their new version."""
    found = []
    for name, allowed in versions.items():
        try:
            data = (public / name).read_bytes()
        except OSError as exc:
            data = repr(exc).encode()
        if data not in allowed:
            found.append((name, data[:80]))
    return found


# A build that stops at a moment of its work and says so. An audit hook in the build's own
# process writes the moment's name to a pipe and waits there, until the test signals it or closes
# its standard input, so the test acts at that very point of the build, however busy the machine:
# no polling, no timing.
STOPPING_BUILD = """
import os, sys
from pathlib import Path

moment, pipe = sys.argv[1], int(sys.argv[2])
staging, stopped = [], []

def reached(event, args):
    if event == "tempfile.mkdtemp" and ".public.new-" in args[0]:
        staging.append(Path(args[0]))
        return moment == "staging made"
    if not staging:
        return False
    if moment == "swapped in":  # the old site, now in the staging folder, is being removed
        return event == "shutil.rmtree" and Path(args[0]) == staging[0]
    # else `moment` is a file of the new site: the next file written once it is there
    path = args[0] if event == "open" and "w" in str(args[1] or "") else None
    if not isinstance(path, (str, os.PathLike)) or not Path(path).is_relative_to(staging[0]):
        return False
    return (staging[0] / moment).exists()

def stop(event, args):
    if not stopped and reached(event, args):
        stopped.append(moment)
        os.write(pipe, moment.encode() + b"\\n")
        os.read(0, 1)  # until the test's signal, or until it closes our standard input

sys.addaudithook(stop)
from kamsite.shell.cli import main
sys.exit(main(sys.argv[3:]))
"""

# The moments a build reaches, in order: the staging folder made, the theme's pages written into
# it (404.html), the account's pages written, the new site swapped in (the build then removes the
# old one). A build is killed at each.
MOMENTS = ["staging made", "404.html", "accounts/acme/index.html", "swapped in"]


def stopped_build(project: Path, moment: str, stderr: int = subprocess.DEVNULL, **popen: object):
    """`kamsite build -d public` in `project`, stopped at `moment`: it waits there for a signal, or
    goes on when its standard input is closed."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-c", STOPPING_BUILD, moment, str(write), "build", "-d", "public"],
        cwd=project,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        pass_fds=(write,),
        text=True,
        **popen,
    )
    os.close(write)
    with os.fdopen(read, "rb") as said:
        ready, _, _ = select.select([said], [], [], 120)  # against a build that hangs
        reached = said.readline().decode().strip() if ready else "nothing within 120 s"
    assert reached == moment, f"the build ended before {moment!r} ({reached or 'exited'})"
    return proc


def ended(proc: subprocess.Popen[str]) -> str:
    """What a stopped build wrote on stderr (if the test kept it) once it has ended."""
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait(timeout=120)
    proc.stdin.close()
    if proc.stderr:
        proc.stderr.close()
    return err


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

    def build(moment: str | None) -> tuple[int, bool, bool]:
        """Build the other version, killed at that moment of the build: its exit status, whether
        it left work beside the site, whether it swapped its site in (then the new one is there,
        else the old one)."""
        other = "new" if published[-1] == "old" else "old"
        (project / "plans" / "acme.md").write_text(plans[other])
        before = (project / "public").stat().st_ino
        if moment is None:
            status = kamsite(project, "build", "-d", "public").returncode
        else:
            proc = stopped_build(project, moment)
            assert published_but_neither(project / "public", versions) == []  # read while it waits
            proc.send_signal(signal.SIGKILL)
            ended(proc)
            status = proc.returncode
        swapped = (project / "public").stat().st_ino != before
        found = tree(project / "public")
        assert found in trees.values(), "a site that is neither the old nor the new one"
        assert found == trees[other if swapped else published[-1]]
        published.append(other if swapped else published[-1])
        return status, bool(leftovers(project)), swapped

    reader = Reader(project / "public", versions)
    reader.start()
    try:
        killed = {(moment, round): build(moment) for round in range(2) for moment in MOMENTS}
        whole = [build(None) for _ in range(2)]  # whole builds, each swapping its site in
    finally:
        reader.done.set()
        reader.join()
    assert reader.bad == [], reader.bad[:5]
    halfway, done = (-signal.SIGKILL, True, False), (-signal.SIGKILL, True, True)
    assert killed == {(m, r): done if m == "swapped in" else halfway for r in range(2) for m in MOMENTS}
    assert whole == [(0, False, True)] * 2  # whole builds removed what the killed ones left
    assert published[-2:] in (["new", "old"], ["old", "new"])


def test_a_build_stopped_with_ctrl_c_says_so_in_one_line_and_keeps_the_old_site(tmp_path):
    project = small_project(tmp_path, "Acme Old")
    assert kamsite(project, "build", "-d", "public").returncode == 0
    old = tree(project / "public")
    (project / "plans" / "acme.md").write_text(BASE.replace("account: Acme", "account: Acme New"))
    proc = stopped_build(
        project,
        "404.html",
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal starts it
    )
    proc.send_signal(signal.SIGINT)
    stderr = ended(proc)
    assert proc.returncode == 130, stderr  # 128 + SIGINT, as a shell reports Ctrl-C
    assert "Traceback" not in stderr  # before the fix: a KeyboardInterrupt traceback
    assert stderr.splitlines()[-1] == "kamsite: interrupted; the previous site was left as it was"
    assert tree(project / "public") == old and leftovers(project) == []  # no staging folder left


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
    assert leftovers(project) == []


def test_where_folders_cannot_be_exchanged_two_renames_still_publish(tmp_path, monkeypatch):
    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["build", "-d", "public"]) == 0
    monkeypatch.setattr(builder, "_exchange", lambda a, b: False)  # as on a system without renameat2
    (project / "plans" / "acme.md").write_text(BASE.replace("account: Acme", "account: Acme Two"))
    assert main(["build", "-d", "public"]) == 0
    assert "Acme Two" in (project / "public" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


# -- item 5: one build at a time ---------------------------------------------------------------


def test_a_build_while_another_writes_the_folder_stops_and_the_first_one_publishes(tmp_path):
    project = small_project(tmp_path / "project")
    first = stopped_build(project, "404.html", stderr=subprocess.PIPE)  # holding the lock, half done
    second = kamsite(project, "build", "-d", "public")
    assert second.returncode == 1 and second.stderr.splitlines()[-1] == (
        "kamsite: another build is writing public/: try again when it has"
        " finished; the previous site was left as it was"
    )
    first.stdin.close()  # the first build goes on
    err = ended(first)
    assert first.returncode == 0 and "the site is in public" in err, err
    reference = small_project(tmp_path / "reference")
    assert kamsite(reference, "build", "-d", "public").returncode == 0
    assert tree(project / "public") == tree(reference / "public")  # the first build's site, whole
    assert leftovers(project) == []


# -- item 6: --clients and an invalid plan -----------------------------------------------------


@pytest.fixture
def clients(tmp_path):
    project = copy_project(tmp_path)
    assert kamsite(project, "build", "--clients", "-d", "clients").returncode == 0
    boreal = project / "plans" / "sul" / "boreal.md"
    boreal.write_text(boreal.read_text(encoding="utf-8").replace("owner: ", "owner: nobody-", 1))
    return project


def test_clients_strict_with_an_invalid_plan_fails_and_keeps_every_site(clients):
    before = {p.name: tree(p) for p in (clients / "clients").iterdir()}
    assert sorted(before) == ["atlas", "atlas-2026", "boreal", "cedro"]
    done = kamsite(clients, "build", "--clients", "--strict", "-d", "clients")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("plans/sul/boreal.md:") and "nobody-" in lines[0]
    assert lines[-1] == (
        "kamsite: --strict: 1 plano com problemas (listado acima), então nenhum site de cliente foi gerado;"
        " o site anterior ficou como estava"
    )
    assert {p.name: tree(p) for p in (clients / "clients").iterdir()} == before


def test_clients_without_strict_keep_the_invalid_accounts_previous_site(clients):
    boreal = tree(clients / "clients" / "boreal")
    (clients / "clients" / "atlas" / "stale.txt").write_text("from the previous build")
    done = kamsite(clients, "build", "--clients", "-d", "clients")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["clients/atlas-2026", "clients/atlas", "clients/cedro"]
    assert (
        "aviso: plans/sul/boreal.md tem problemas, então o site de cliente anterior,"
        " clients/boreal, foi mantido:"
    ) in done.stderr
    assert tree(clients / "clients" / "boreal") == boreal
    assert not (clients / "clients" / "atlas" / "stale.txt").exists()  # the valid ones were rebuilt


# -- item 12: read-only and full disks, mount points -------------------------------------------


def in_namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell script as root of its own user and mount namespace, where it may mount small
    file systems; skip where the host allows no such namespace."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    if run(cwd, "unshare", "-r", "-m", "true").returncode != 0:
        pytest.skip("this host allows no unprivileged user namespaces")
    return run(cwd, "unshare", "-r", "-m", "sh", "-c", script, env=ENV)


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
