"""The package's three floors, checked by folder so that a module added tomorrow is checked too.

core (text -> plan -> progress) <- render (values -> text) <- shell (files, git, MkDocs, CLI).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kamsite"
FLOORS = ("core", "render", "shell")


def modules(floor: str) -> list[Path]:
    return sorted((PACKAGE / floor).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module the file imports, as absolute dotted names."""
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
    return names


def ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(PACKAGE).as_posix() for p in paths]


PURE = modules("core") + modules("render")


def test_every_module_lives_on_a_floor():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    assert all(modules(floor) for floor in FLOORS)


@pytest.mark.parametrize("path", PURE, ids=ids(PURE))
def test_core_and_render_never_import_the_site_engine_or_plotly(path):
    roots = {name.split(".")[0] for name in imported(path)}
    assert not roots & {"mkdocs", "material", "plotly", "subprocess", "os", "shutil"}


@pytest.mark.parametrize("path", modules("core"), ids=ids(modules("core")))
def test_the_core_imports_nothing_from_render_or_shell(path):
    assert not {n for n in imported(path) if n.startswith(("kamsite.render", "kamsite.shell"))}


@pytest.mark.parametrize("path", modules("render"), ids=ids(modules("render")))
def test_render_imports_nothing_from_the_shell(path):
    assert not {n for n in imported(path) if n.startswith("kamsite.shell")}


@pytest.mark.parametrize("path", PURE, ids=ids(PURE))
def test_core_and_render_read_no_clock_open_no_file_start_no_process(path):
    source = path.read_text()
    for call in (
        "date.today(",
        "datetime.now(",
        "datetime.today(",
        "time.time(",
        "open(",
        "read_text(",
        "read_bytes(",
        "write_text(",
        "Popen(",
        "subprocess",
        "os.environ",
    ):
        assert call not in source, call


MEMORY = {  # what keeps results or work between calls: shell/ only, each naming its benchmark figure
    "functools.cache",
    "functools.lru_cache",
    "functools.cached_property",
    "multiprocessing",
    "concurrent",
    "concurrent.futures",
}


def keeps(path: Path) -> set[str]:
    """The caches, memos and pools a module imports or decorates with (`functools.cache` too)."""
    source = path.read_text()
    found = {name for name in imported(path) if name in MEMORY or name.startswith("concurrent.")}
    return found | {f"functools.{name}" for name in ("lru_cache", "cached_property") if f".{name}" in source}


@pytest.mark.parametrize("path", PURE, ids=ids(PURE))
def test_core_and_render_keep_no_cache_memo_or_pool(path):
    assert keeps(path) == set()


def test_the_checks_can_fail(tmp_path):
    """The import reader sees a shell import from a render module (the check is not vacuous)."""
    module = tmp_path / "kamsite" / "render" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from kamsite.shell import loader\nfrom ..shell.git import x\nimport mkdocs.config\n"
        "import functools\n@functools.lru_cache\ndef f(): pass\nfrom functools import cache\n"
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "kamsite"
    try:
        names = imported(module)
        kept = keeps(module)
    finally:
        PACKAGE = saved
    assert {"kamsite.shell.loader", "kamsite.shell.git", "mkdocs.config"} <= names
    assert kept == {"functools.cache", "functools.lru_cache"}
