"""The core stays pure: parsing, model and computations import neither mkdocs nor plotly."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kamsite"
CORE = ["errors", "frontmatter", "model", "validate", "tasks", "parse", "quarters", "compute",
        "agenda", "recent", "people"]
PRESENTATION = ["export", "formats", "labels", "explain", "escape", "charts", "body", "site", "ics",
                "calendars", *(f"pages/{p.stem}" for p in sorted((PACKAGE / "pages").glob("*.py")))]


def imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.add("." + (node.module or "").split(".")[0])
    return names


@pytest.mark.parametrize("module", CORE + PRESENTATION)
def test_core_and_presentation_never_import_the_site_engine_or_plotly(module):
    assert not imports(module) & {"mkdocs", "material", "plotly"}


@pytest.mark.parametrize("module", CORE)
def test_the_core_does_not_import_presentation_or_shell(module):
    shell = {".plugin", ".cli", ".loader", ".pages"} | {"." + m for m in PRESENTATION}
    assert not imports(module) & shell


@pytest.mark.parametrize("module", CORE)
def test_the_core_reads_no_clock_and_opens_no_file(module):
    source = (PACKAGE / f"{module}.py").read_text()
    for call in ("date.today(", "datetime.now(", "open(", "read_text(", "read_bytes("):
        assert call not in source
