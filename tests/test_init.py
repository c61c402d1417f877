"""`kamsite init`: a team's own plans repository that checks, builds strictly and publishes at once."""

import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml

from kamsite.shell import init

from . import conftest
from .conftest import ROOT, copy_repository, git, new_repository
from .test_workflows import assert_the_team_site_is_an_artifact_and_pages_an_opt_in

FILES = [
    "mkdocs.yml",
    "plans/{plan}.md",
    "docs/about.md",
    ".github/workflows/publish.yml",
    "requirements.txt",
    ".gitignore",
    "README.md",
]


def run(cwd: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """A command that must succeed."""
    result = conftest.run(cwd, *command, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def steps(project: Path, job: str) -> list[dict]:
    doc = yaml.safe_load((project / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    return doc["jobs"][job]["steps"]


@pytest.mark.parametrize(
    ("language", "plan", "words"),
    [
        (
            "en",
            "example",
            [
                "Key accounts",
                "Example Account Ltd.",
                "Grow yearly revenue by 20%",
                "1 plan checked: valid.",
            ],
        ),
        (
            "pt-BR",
            "exemplo",
            [
                "Contas estratégicas",
                "Conta Exemplo Ltda.",
                "Aumentar a receita anual em 20%",
                "1 plano verificado: válido.",
            ],
        ),
    ],
)
@pytest.mark.build
def test_init_writes_a_project_that_checks_and_builds_strictly(language, plan, words, tmp_path):
    made = run(tmp_path, "kamsite", "init", "plans-repo", "--language", language)
    project = tmp_path / "plans-repo"
    assert made.stdout.splitlines() == [f"plans-repo/{f.format(plan=plan)}" for f in FILES]
    assert run(project, "kamsite", "check").stderr == words[3] + "\n"
    run(project, "kamsite", "check", "--format", "github")
    run(project, "mkdocs", "build", "--strict")
    home = (project / "site/index.html").read_text(encoding="utf-8")
    dashboard = (project / f"site/accounts/{plan}/index.html").read_text(encoding="utf-8")
    assert all(w in home + dashboard for w in words[:3])
    assert f'<html lang="{language.split("-")[0]}"' in home
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"].startswith("https://") and config["theme"]["font"] is False
    assert "navigation.instant" in config["theme"]["features"]


@pytest.mark.build
def test_the_workflow_checks_builds_and_publishes_with_pinned_actions(tmp_path):
    run(tmp_path, "kamsite", "init", "--name", "Our accounts")
    text = (tmp_path / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)@(\S+) # (v[\d.]+)", text)
    assert len(uses) == text.count("uses:") == 12 and all(
        re.fullmatch(r"[0-9a-f]{40}", sha) for _, sha, _ in uses
    )
    doc = yaml.safe_load(text)
    assert doc["permissions"] == {} and doc["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert_the_team_site_is_an_artifact_and_pages_an_opt_in(doc)
    for job in ("check", "team", "clients"):
        assert steps(tmp_path, job)[0]["with"]["persist-credentials"] is False
    # every command the workflow runs, in order, except installing kamsite (it is installed here)
    jobs = ("check", "team", "clients")
    commands = [s["run"] for job in jobs for s in steps(tmp_path, job) if "run" in s]
    assert commands[1:3] == ["kamsite check --format github", "mkdocs build --strict"]
    assert doc["jobs"]["clients"]["strategy"]["matrix"]["share"] == [1, 2]
    for command in commands:
        if not command.startswith("python -m pip install"):
            run(tmp_path, "sh", "-c", f"SHARE=1; {command}")  # the first share of the matrix
    assert "Our accounts" in (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "clients/example/accounts/example/index.html").is_file()


def test_init_never_overwrites_and_adds_no_plan_beside_the_teams(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans/ours.md").write_text("ours", encoding="utf-8")
    (tmp_path / "README.md").write_text("our readme", encoding="utf-8")
    out = run(tmp_path, "kamsite", "init", "--language", "pt-BR").stdout.splitlines()
    assert "README.md: já existia, mantido como estava" in out  # said in the project's language
    assert "plans/exemplo.md: não escrito: plans/ já tem planos" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "our readme"
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["ours.md"]
    assert run(tmp_path, "kamsite", "init").stdout.count("already there, kept as it was") == 6


def test_init_into_a_file_is_one_line(tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = conftest.run(tmp_path, "kamsite", "init", "taken")
    assert (
        result.returncode == 1 and result.stderr == "kamsite: taken: is not a folder; nothing was written\n"
    )


def test_the_wheel_holds_the_assets_and_the_files_init_writes(tmp_path):
    source = copy_repository(tmp_path / "kamsite")
    run(source, sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"))
    (wheel,) = (tmp_path / "dist").glob("kamsite-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packaged = {
        p.relative_to(ROOT).as_posix()
        for folder in ("assets", "project")
        for p in (ROOT / "kamsite/shell" / folder).rglob("*")
        if p.is_file()
    }
    assert packaged and packaged <= names
    assert {
        "kamsite/shell/project/publish.yml",
        "kamsite/shell/assets/kamsite.js",
        "kamsite/shell/assets/vendor/plotly-basic.min.js",
        "kamsite/shell/assets/vendor/plotly-basic.LICENSE",
    } <= names


def _installed_from(site: Path, record: dict) -> None:
    """An installed kamsite's record, as pip writes it (first on the path)."""
    info = site / "kamsite-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kamsite\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "direct_url.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.mark.parametrize("remote", [True, False])
def test_init_requires_this_kamsite_by_its_git_remote_and_commit_or_its_path(tmp_path, monkeypatch, remote):
    checkout = tmp_path / "kamsite-checkout"
    checkout.mkdir()
    new_repository(checkout)
    git(checkout, "commit", "-q", "--allow-empty", "-m", "x")
    if remote:
        git(checkout, "remote", "add", "origin", "https://git.example.com/kam/kamsite.git")
    commit = git(checkout, "rev-parse", "HEAD").stdout.strip()
    _installed_from(tmp_path / "site", {"url": checkout.as_uri(), "dir_info": {"editable": True}})
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    spec, _ = init.requirement()
    expected = (
        f"kamsite @ git+https://git.example.com/kam/kamsite.git@{commit}"
        if remote
        else f"kamsite @ {checkout.as_uri()}"
    )
    assert spec == expected


def test_init_never_writes_a_bare_package_name():
    """kamsite is on no public index: `kamsite==0.1.0` would install someone else's package."""
    spec, note = init.spec_for({})  # installed from an index: pip's record says nothing of where
    assert spec.startswith("# kamsite @ git+") and "==" not in spec and "remove the #" in note


def test_the_mkdocs_yml_of_a_portuguese_project_speaks_portuguese():
    """Its comments and the site_url to replace, in the project's language."""
    text = init.files("pt-BR", None, "kamsite", "", date(2027, 5, 10))["mkdocs.yml"]
    comments = [line.split("# ", 1)[1] for line in text.splitlines() if "# " in line and "as_of:" not in line]
    assert comments[:4] == [
        "O site de painéis de Contas estratégicas, construído pelo kamsite a partir dos planos em plans/.",
        "Onde o site é publicado (GitHub Pages: https://<organizacao>.github.io/<repositorio>/;",
        "o README.md diz quem pode ver um site do Pages).",
        "Troque-o antes de publicar: a navegação instantânea e o sitemap o leem.",
    ]
    assert "site_url: https://sua-organizacao.github.io/seus-planos/\n" in text
    assert "font: false            # sem Google Fonts: o site construído funciona offline\n" in text
    english = init.files("en", "Ours", "kamsite", "", date(2027, 5, 10))["mkdocs.yml"]
    assert english.startswith("# The dashboard site of Ours, built by kamsite from the plans in plans/.\n")
    assert "[[" not in text + english
