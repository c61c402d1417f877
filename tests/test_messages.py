"""A plan's problems are told in the site's language: every message has its pt-BR words."""

import ast
import json
import pickle
import re
import string
import sys
from pathlib import Path

import pytest

from kamsite.core.errors import Problem, suggest
from kamsite.core.said import Said
from kamsite.render.labels import Labels
from kamsite.render.messages import PT_BR

from .conftest import BASE, ROOT, copy_project, mkdocs_build, run


def _strings(node: ast.AST):
    """The string constants of an expression; of a dict, only its values (keys are not said)."""
    if isinstance(node, ast.Dict):
        for value in node.values:
            yield from _strings(value)
        return
    for part in ast.walk(node):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            yield part.value


def templates() -> dict[str, str]:
    """Every English template a `Said` is made from in the package, with where it is made."""
    trees = {p: ast.parse(p.read_text()) for p in sorted((ROOT / "kamsite").rglob("*.py"))}
    assigned: dict[Path, dict[str, list[ast.AST]]] = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(path, {}).setdefault(target.id, []).append(node.value)
    found = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Said" and node.args):
                continue
            arg = node.args[0]
            arg = arg.value if isinstance(arg, ast.Subscript) else arg
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(arg, ast.Name):  # a name: its assignments here, else in another module
                values = assigned.get(path, {}).get(arg.id) or [
                    v for names in assigned.values() for v in names.get(arg.id, [])
                ]
                assert values, f"{where}: the template {arg.id} is not a plain constant"
            else:
                values = [arg]
            for value in values:
                for text in _strings(value):
                    found[text] = where
    return found


def names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_its_portuguese_words():
    found = templates()
    assert len(found) > 80  # the finder sees the whole catalogue, not a corner of it
    missing = [f"{where}: {t!r}" for t, where in found.items() if t not in PT_BR]
    assert not missing, "messages without pt-BR words:\n" + "\n".join(missing)
    for english, portuguese in PT_BR.items():
        assert english in found, f"a translation of a message kamsite no longer says: {english!r}"
        assert names(portuguese) == names(english), english


def test_said_is_its_english_text_and_keeps_its_parts():
    said = Said("unknown goal '{value}'.", value="revenu") + suggest("revenu", ["revenue"])
    assert said == "unknown goal 'revenu'. Did you mean 'revenue'?"
    assert said.translated(PT_BR) == "meta 'revenu' desconhecida. Você quis dizer 'revenue'?"
    assert pickle.loads(pickle.dumps(said)).translated(PT_BR) == said.translated(PT_BR)
    plain = "x: " + Said("is required")  # plain text joined to a message is kept as it is
    assert plain.translated(PT_BR) == "x: é obrigatório"


def test_a_problem_reads_in_the_sites_language():
    problem = Problem("plans/acme.md", 9, "owner", Said("unknown handle '{value}'.", value="zeca"))
    assert Labels("en").problem(problem) == "plans/acme.md:9: owner: unknown handle 'zeca'."
    assert Labels("pt_BR").problem(problem) == "plans/acme.md:9: owner: pessoa 'zeca' desconhecida."


BROKEN = BASE.replace("owner: ana\n", "owner: anna\n", 1).replace(
    "title: Act", "title: Act\n    due: 2027-02-30"
)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("messages"))
    (project / "plans" / "quebrado.md").write_text(BROKEN, encoding="utf-8")
    return project


def _check(project: Path) -> str:
    done = run(project, sys.executable, "-m", "kamsite", "check")
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_check_says_problems_in_the_language_of_mkdocs_yml(broken, tmp_path):
    said = _check(broken)
    assert "plans/quebrado.md:3: owner: pessoa 'anna' desconhecida. Você quis dizer 'ana'?" in said
    assert "'2027-02-30' é uma data impossível" in said
    english = copy_project(tmp_path)
    (english / "plans" / "quebrado.md").write_text(BROKEN, encoding="utf-8")
    config = english / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: pt-BR", "language: en"))
    assert "plans/quebrado.md:3: owner: unknown handle 'anna'. Did you mean 'ana'?" in _check(english)


@pytest.mark.build
def test_the_problem_page_of_a_portuguese_site_is_in_portuguese(broken):
    site = mkdocs_build(broken)
    pages = [p.read_text() for p in (site / "accounts").rglob("index.html")]
    said = [p for p in pages if "quebrado.md" in p and "desconhecida" in p]
    assert said, "no page tells the broken plan's problems in Portuguese"
    assert not any(re.search(r"unknown handle|impossible date", p) for p in pages)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "formato/" in found and "format/" not in found  # the English reference is not searched
    not_found = (site / "404.html").read_text(encoding="utf-8")  # Material's own page, in English
    assert "<h1>404 - Página não encontrada</h1>" in not_found and "Not found" not in not_found
