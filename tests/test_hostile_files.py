"""Files in plans/ that are not plans: their kind and size are checked before anything is read."""

import logging
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kamsite.shell import loader

from .conftest import BASE, BIN, copy_project, kamsite, mkdocs_build, run

GB = 1 << 30


def _limit_memory() -> None:
    """Run `check` with 1 GB of address space: reading a 3 GB file whole fails instead of swapping."""
    resource.setrlimit(resource.RLIMIT_AS, (GB, GB))


def check(plans: Path) -> subprocess.CompletedProcess[str]:
    return kamsite(plans.parent, "check", "plans", timeout=20, preexec_fn=_limit_memory)


@pytest.fixture
def plans(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "acme.md").write_text(BASE, encoding="utf-8")
    return folder


def test_a_fifo_is_reported_and_never_waited_on(plans):
    os.mkfifo(plans / "pipe.md")
    done = check(plans)  # before the fix this hung until the timeout
    assert done.returncode == 1
    assert done.stdout == "plans/pipe.md: is a named pipe (FIFO), not a plan file; a plan is a text file\n"


def test_a_3_gb_file_is_refused_by_its_size_without_being_read(plans):
    with open(plans / "huge.md", "wb") as out:  # sparse: takes no disk space
        out.truncate(3 * GB)
    done = check(plans)
    assert done.returncode == 1, done.stderr
    assert done.stdout == "plans/huge.md: is 3,221,225,472 bytes; a plan may have at most 5,000,000\n"
    assert "Traceback" not in done.stderr


def test_a_device_is_reported(plans):
    try:
        os.mknod(plans / "zero.md", 0o600 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero
    except PermissionError:
        pytest.skip("creating a device needs CAP_MKNOD")
    done = check(plans)
    assert done.returncode == 1
    assert done.stdout == "plans/zero.md: is a device or socket, not a plan file; a plan is a text file\n"


def write_named(folder: Path, name: bytes, text: str) -> None:
    """A file whose name is raw bytes, as Linux allows whatever the name's encoding."""
    with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as out:
        out.write(text)


def test_a_file_name_that_is_not_utf8_is_one_problem(plans):
    write_named(plans, b"caf\xe9.md", BASE.replace("id: acme", "id: cafe"))
    done = check(plans)  # before the fix: "valid"
    assert done.returncode == 1, done.stderr
    assert done.stdout == "plans/caf\\xe9.md: has a name that is not UTF-8: rename the file\n"


@pytest.mark.build
def test_a_file_name_that_is_not_utf8_leaves_the_rest_of_the_site_with_edit_links(tmp_path, caplog):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    links = "repo_url: https://github.com/team/plans/\nedit_uri: edit/main/docs/\n"
    config.write_text(links + config.read_text(encoding="utf-8"), encoding="utf-8")
    write_named(project / "plans", b"caf\xe9.md", BASE.replace("id: acme", "id: cafe"))
    with caplog.at_level(logging.WARNING):
        site = mkdocs_build(project)  # before the fix: UnicodeEncodeError from the edit link
    assert "plans/caf\\xe9.md: tem um nome que não é UTF-8: renomeie o arquivo" in caplog.text
    atlas = (site / "accounts" / "atlas" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/team/plans/edit/main/plans/atlas.md" in atlas
    assert "tem um nome que não é UTF-8" in (site / "accounts" / "caf-xe9" / "index.html").read_text(
        encoding="utf-8"
    )


class Opens:
    """Files opened while active, seen through Python's audit events (every open() and os.open())."""

    active: "Opens | None" = None

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __enter__(self) -> "Opens":
        Opens.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        Opens.active = None

    @staticmethod
    def hook(event: str, args: tuple) -> None:
        if event == "open" and Opens.active is not None and isinstance(args[0], str | Path):
            Opens.active.paths.append(os.fspath(args[0]))


sys.addaudithook(Opens.hook)


def test_each_plan_file_is_read_once_per_load_valid_or_not(plans):
    (plans / "bad.md").write_text(BASE.replace("owner: ana", "owner: nobody"), encoding="utf-8")
    with Opens() as opened:
        found = loader.load(plans)
    assert len(found.plans) == 1 and len(found.invalid) == 1
    mine = sorted(p for p in opened.paths if p.startswith(str(plans)))
    assert mine == [str(plans / "acme.md"), str(plans / "bad.md")]


def test_an_edited_plan_is_read_as_it_now_is(plans):
    acme = plans / "acme.md"
    for n in range(3):  # a live preview: the KAM saves the plan again and again
        acme.write_text(BASE.replace("title: Act", f"title: Act {n}"), encoding="utf-8")
        assert loader.load(plans).plans[0].plan.actions[0].title == f"Act {n}"


# -- folders that cannot be read -----------------------------------------------------------------


def as_a_user(command: list[str]) -> list[str]:
    """`command` without the powers that let root read any folder: a folder's permissions then
    apply to it, as they do to every other user."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: no folder is unreadable to root")
    powers = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={powers}", f"--inh-caps={powers}", *command]


def kamsite_as_a_user(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(project, *as_a_user([str(BIN / "kamsite"), *args]))


@pytest.fixture
def locked(tmp_path):
    """A folder made unreadable by the test, made readable again after it (for tmp_path's cleanup)."""
    folders: list[Path] = []
    yield folders.append
    for folder in folders:
        folder.chmod(0o755)


def test_a_plans_folder_that_cannot_be_read_fails_the_check(plans, locked):
    plans.chmod(0)
    locked(plans)
    done = kamsite_as_a_user(plans.parent, "check", "plans")  # before the fix: "0 plans checked: all valid"
    assert done.returncode == 1, done.stderr
    assert done.stderr == "kamsite: plans: cannot be read: Permission denied\n"


def test_a_sub_folder_that_cannot_be_read_is_a_problem_and_the_other_plans_are_checked(plans, locked):
    (plans / "south").mkdir()
    (plans / "south" / "bravo.md").write_text(
        BASE.replace("account: Acme", "account: Bravo"), encoding="utf-8"
    )
    (plans / "south").chmod(0)
    locked(plans / "south")
    done = kamsite_as_a_user(plans.parent, "check", "plans")  # before the fix: "1 plan checked: all valid"
    assert done.returncode == 1, done.stderr
    assert done.stdout == "plans/south: cannot be read: Permission denied\n"
    assert "1 problem in 1 of 2 plans" in done.stderr


def test_a_new_plan_in_a_folder_that_cannot_be_read_is_one_line(plans, locked):
    plans.chmod(0)
    locked(plans)
    done = kamsite_as_a_user(
        plans.parent, "new", "bravo", "--account", "Bravo", "--owner", "ana", "--plans-dir", "plans"
    )
    assert done.returncode == 1, done.stderr  # before the fix: a PermissionError traceback
    assert done.stderr == "kamsite: plans: cannot be read: Permission denied\n"


@pytest.mark.build
def test_a_build_whose_plans_cannot_be_read_leaves_the_previous_site(tmp_path, locked):
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    (project / "plans").chmod(0)
    locked(project / "plans")
    done = kamsite_as_a_user(project, "build")  # before the fix: an empty portfolio replaced the site
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "kamsite: plans_dir: plans: cannot be read: Permission denied; o site anterior ficou como estava"
    )
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
