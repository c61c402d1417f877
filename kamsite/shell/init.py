"""`kamsite init`: a working project for a team's own plans repository.

It writes mkdocs.yml, a starter plan in the chosen language, a page about the site, a CI
workflow that checks and builds (and deploys the team site to Pages only when the team opts in),
requirements.txt, .gitignore and a README. A file that is already there is kept as it is: init
never overwrites anything.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from kamsite.core.parse import parse_plan
from kamsite.core.quarters import add_months
from kamsite.core.said import Said
from kamsite.render.formats import babel_locale
from kamsite.render.labels import Labels

PROJECT = Path(__file__).parent / "project"  # the files init writes, with [[placeholders]]


@dataclass(frozen=True)
class Language:
    site_name: str
    dark: str  # the palette toggle's names
    light: str
    plan: str  # the starter plan's id
    timezone: str


LANGUAGES = {
    "en": Language("Key accounts", "Dark mode", "Light mode", "example", "UTC"),
    "pt-BR": Language("Contas estratégicas", "Modo escuro", "Modo claro", "exemplo", "America/Sao_Paulo"),
}


def requirement() -> tuple[str, str]:
    """What CI installs to get this kamsite, and a note when it cannot be known from here.

    Never a bare name: kamsite is not on a public package index, so `kamsite==0.1.0` would
    install whatever someone else publishes under that name. Installed from git: that URL and
    commit; from a local checkout: its git remote and commit, else its path; otherwise a line
    the team must complete (pip then stops with a clear error rather than guessing)."""
    # the installed copy's record (a source folder's own kamsite.egg-info, found first from
    # there, has none)
    records = (d.read_text("direct_url.json") for d in metadata.distributions(name="kamsite"))
    try:
        found = json.loads(next((r for r in records if r), "{}"))
    except ValueError:
        found = {}
    return spec_for(found)


def spec_for(found: dict[str, Any]) -> tuple[str, str]:
    """The requirement line for an install record (pip's direct_url.json; {} when none)."""
    url, vcs = found.get("url", ""), found.get("vcs_info", {})
    if vcs.get("vcs") == "git" and url:
        return f"kamsite @ git+{url}@{vcs.get('commit_id', 'main')}", "kamsite as installed here."
    if url.startswith("file://"):
        folder = Path(unquote(urlparse(url).path))
        remote, commit = _git(folder, "remote", "get-url", "origin"), _git(folder, "rev-parse", "HEAD")
        if remote and commit and not remote.startswith(("/", ".", "file:")):
            return f"kamsite @ git+{remote}@{commit}", "kamsite as checked out here (its remote and commit)."
        return f"kamsite @ {url}", "kamsite from its folder on this machine: CI needs it at the same path."
    return "# kamsite @ git+https://<your git host>/<organisation>/kamsite@<commit>", (
        "Write below where your team installs kamsite from (a git URL and commit), then remove the #."
    )


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


@dataclass(frozen=True)
class Engine:
    """What the project builds its site with: the CI's build, the preview, what CI installs."""

    check_build: str  # the pull request's strict build
    option: str  # the engine's option to `kamsite build`
    serve: str  # the live preview
    requirement: str  # a line of requirements.txt, besides kamsite's
    note: dict[str, str]  # a sentence of the README, by language


ENGINES = {
    "mkdocs": Engine("mkdocs build --strict", "", "mkdocs serve", "", {}),
    "properdocs": Engine(
        "kamsite build --strict --engine properdocs",
        " --engine properdocs",
        "properdocs serve -f mkdocs.yml",
        "properdocs>=1.6.7",
        {"en": ", built with ProperDocs", "pt-BR": ", construído com o ProperDocs"},
    ),
    "zensical": Engine(
        "kamsite build --strict --engine zensical",
        " --engine zensical",
        "kamsite serve --engine zensical",
        "zensical>=0.1.2,<0.2",
        {
            "en": ", built with Zensical by `kamsite build --engine zensical` (plain `zensical build`"
            " runs no kamsite plugin and makes no dashboard)",
            "pt-BR": ", construído com o Zensical por `kamsite build --engine zensical` (o"
            " `zensical build` sozinho não roda o plugin do kamsite e não faz o painel)",
        },
    ),
}


def files(
    language: str, name: str | None, spec: str, note: str, today: date, engine: str = "mkdocs"
) -> dict[str, str]:
    """Every file of the new project: path inside it -> text."""
    lang = LANGUAGES[language]
    builds = ENGINES[engine]
    start = date(today.year, today.month, 1)
    words = Labels(babel_locale(language))
    values = {
        **{key[5:]: words(key, name=name or lang.site_name) for key in words if key.startswith("init.yml.")},
        "check_build": builds.check_build,
        "engine": builds.option,
        "serve": builds.serve.ljust(27) if len(builds.serve) < 27 else builds.serve + "  ",
        "engine_note": builds.note.get(language, ""),
        "name": name or lang.site_name,
        "language": language,
        "dark": lang.dark,
        "light": lang.light,
        "timezone": lang.timezone,
        "requirement": spec,
        "note": note,
        "start": start.isoformat(),
        "end": (add_months(start, 12) - timedelta(days=1)).isoformat(),
        "due": (start + timedelta(days=20)).isoformat(),
        "task": (start + timedelta(days=10)).isoformat(),
    }
    sources = {
        "mkdocs.yml": "mkdocs.yml",
        f"plans/{lang.plan}.md": f"plan.{language}.md",
        "docs/about.md": f"about.{language}.md",
        ".github/workflows/publish.yml": "publish.yml",
        "requirements.txt": "requirements.txt",
        ".gitignore": "gitignore",
        "README.md": f"README.{language}.md",
    }
    out = {
        path: _fill((PROJECT / source).read_text(encoding="utf-8"), values)
        for path, source in sources.items()
    }
    if builds.requirement:
        out["requirements.txt"] += builds.requirement + "\n"
    plan = f"plans/{lang.plan}.md"
    parse_plan(out[plan], plan)  # the starter plan passes `kamsite check`, or init writes nothing
    return out


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"[[{key}]]", value)
    return text


def write(target: Path, project: dict[str, str]) -> list[tuple[Path, str]]:
    """Write each file that is not there yet. For every file: (path, "") when written, else why
    not (a Said message). A folder of plans that already holds plans gets no starter plan."""
    plans = target / "plans"
    has_plans = plans.is_dir() and any(plans.rglob("*.md"))
    done: list[tuple[Path, str]] = []
    for relative, text in project.items():
        path = target / relative
        if has_plans and relative.startswith("plans/"):
            done.append((path, Said("not written: plans/ already holds plans")))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as out:  # "x": never over an existing file
                out.write(text)
        except FileExistsError:
            done.append((path, Said("already there, kept as it was")))
            continue
        done.append((path, ""))
    return done
