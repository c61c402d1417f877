"""The make targets a team runs after the Quick start: quiet builds, check and today at hand."""

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import BIN, ROOT, copy_project, environment, run

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    return project


def make(project: Path, *targets: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """make with the test's own environment as the project's .venv (STAMP= : nothing to install)."""
    env = environment(NO_MKDOCS_2_WARNING=None)  # the Makefile's to set
    result = run(project, "make", "-s", *targets, f"BIN={BIN}", "STAMP=", env=env)
    assert (result.returncode == 0) == ok, result.stderr
    return result


def test_make_build_has_no_end_of_life_banner_and_ends_with_a_summary(project):
    err = make(project, "build").stderr
    assert "end of life" not in err and "NO_MKDOCS_2_WARNING" not in err
    assert (
        err
        == "kamsite: data de referência: 2027-05-15 (as_of em mkdocs.yml)\n4 contas, 0 avisos; o site está em site\n"
    )


def test_a_failed_make_build_keeps_the_previous_site(project):
    make(project, "build")
    before = (project / "site" / "index.html").read_bytes()
    (project / "plans" / "broken.md").write_text("---\naccount: x\n---\n", encoding="utf-8")
    failed = make(project, "build", ok=False)
    assert "plans/broken.md:2: owner" in failed.stderr
    assert "o site anterior ficou como estava" in failed.stderr
    assert (project / "site" / "index.html").read_bytes() == before


def test_make_check_and_make_today(project):
    assert make(project, "check").stderr.startswith("4 planos verificados: todos válidos.\n")
    today = make(project, "today", "OWNER=rui")
    assert today.stdout.startswith("Hoje · 15/05/2027\n\nRui Neves (@rui)\n")
    assert today.stderr == "kamsite: data de referência: 2027-05-15 (as_of em mkdocs.yml)\n"
