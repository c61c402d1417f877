"""Shared helpers: a small valid plan to mutate, the example plans, a real MkDocs build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from kamsite.errors import PlanError
from kamsite.parse import parse_plan

ROOT = Path(__file__).resolve().parent.parent

# Line numbers matter: tests assert them. Line 1 is the opening '---'.
BASE = """\
---
account: Acme
owner: ana
team:
  ana: Ana Souza
  bruno: Bruno Lima
period: {start: 2027-01-01, end: 2027-12-31}
goals:
  - id: revenue
    title: Revenue
    unit: BRL
    baseline: 100
    target: 200
milestones:
  - id: q1
    title: Q1 deal
    quarter: Q1
    goals: [revenue]
actions:
  - id: act
    title: Act
    milestone: q1
    owner: bruno
---
"""


def problems(text: str, path: str = "plans/acme.md") -> list[str]:
    """The problem lines a plan text produces ([] when it is valid)."""
    try:
        parse_plan(text, path)
    except PlanError as exc:
        return [str(p) for p in exc.problems]
    return []


def copy_project(target: Path) -> Path:
    """A copy of the repository's example project (mkdocs.yml, docs/, plans/) in `target`."""
    for name in ("plans", "docs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def mkdocs_build(project: Path, strict: bool = False, **overrides: object) -> Path:
    """A real MkDocs build of `project`; returns the site folder."""
    site = project / "site"
    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict, **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site
