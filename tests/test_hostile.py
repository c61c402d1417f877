"""No input breaks the build or runs code: fuzzed plans and hostile files."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsite.core.errors import PlanError
from kamsite.core.parse import parse_plan
from kamsite.shell import loader

from .conftest import BASE, EXAMPLE, mkdocs_build

EXAMPLES = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLE / "plans").rglob("*.md"))] + [BASE]
YAMLISH = st.sampled_from(list(":-[]{}&*!|>'\"%@`#,?\n\t ") + ["---", "!!python/object", "<<", "~",
                                                               ".inf", "yes", "2027-02-30", "\x00"])


def parses_or_reports(text: str) -> None:
    """parse_plan returns a plan or raises PlanError whose problems all have a file and line."""
    try:
        parse_plan(text, "plans/fuzz.md")
    except PlanError as exc:
        assert exc.problems
        lines = len(re.split(r"\r\n|\r|\n", text)) + 1
        for problem in exc.problems:
            assert problem.path == "plans/fuzz.md"
            assert 1 <= problem.line <= lines, problem
            assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text):
    parses_or_reports(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAMLISH | st.text(max_size=6), max_size=60).map("".join))
def test_arbitrary_front_matter(text):
    parses_or_reports(f"---\n{text}\n---\n- [ ] task @ana due:2027-01-01\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_plans(data):
    text = data.draw(st.sampled_from(EXAMPLES))
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["cut", "insert", "swap", "dup"]))
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        if kind == "cut":
            text = text[:i] + text[j:]
        elif kind == "insert":
            text = text[:i] + data.draw(YAMLISH) + text[i:]
        else:
            lines = text.split("\n")
            a = data.draw(st.integers(0, len(lines) - 1))
            b = data.draw(st.integers(0, len(lines) - 1))
            if kind == "swap":
                lines[a], lines[b] = lines[b], lines[a]
            else:
                lines.insert(b, lines[a])
            text = "\n".join(lines)
    parses_or_reports(text)


def test_a_plan_that_is_only_front_matter_builds(project):
    (project / "plans" / "bare.md").write_text(BASE.rstrip("\n"))
    site = mkdocs_build(project, strict=True)
    assert (site / "accounts/bare/index.html").is_file()


@pytest.mark.parametrize("size", [10 * 1024 * 1024])
def test_a_10_mb_plan_is_refused_and_the_others_build(project, size):
    (project / "plans" / "huge.md").write_text(BASE + "x" * size)
    found = loader.load(project / "plans")
    assert [str(p) for p in found.problems] == [
        f"{(project / 'plans' / 'huge.md').as_posix()}: is {len(BASE) + size:,} bytes;"
        " a plan may have at most 5,000,000"]
    site = mkdocs_build(project)
    assert (site / "accounts/acme/index.html").is_file()
    assert "a plan may have at most 5,000,000" in (site / "accounts/huge/index.html").read_text(
        encoding="utf-8")
