"""No input breaks the build or runs code: fuzzed plans and hostile files."""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsite.core.errors import PlanError
from kamsite.core.parse import parse_plan
from kamsite.core.progress import compute
from kamsite.render.export import accounts_json
from kamsite.shell import loader

from .conftest import BASE, EXAMPLE, mkdocs_build

EXAMPLES = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLE / "plans").rglob("*.md"))] + [BASE]
YAMLISH = st.sampled_from(
    list(":-[]{}&*!|>'\"%@`#,?\n\t ")
    + ["---", "!!python/object", "<<", "~", ".inf", "yes", "2027-02-30", "\x00"]
)


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


@pytest.mark.build
def test_a_plan_that_is_only_front_matter_builds(project):
    (project / "plans" / "bare.md").write_text(BASE.rstrip("\n"))
    site = mkdocs_build(project, strict=True)
    assert (site / "accounts/bare/index.html").is_file()


@pytest.mark.parametrize("size", [10 * 1024 * 1024])
@pytest.mark.build
def test_a_10_mb_plan_is_refused_and_the_others_build(project, size):
    (project / "plans" / "huge.md").write_text(BASE + "x" * size)
    found = loader.load(project / "plans")
    assert [str(p) for p in found.problems] == [
        f"{(project / 'plans' / 'huge.md').as_posix()}: is {len(BASE) + size:,} bytes;"
        " a plan may have at most 5,000,000"
    ]
    site = mkdocs_build(project)
    assert (site / "accounts/atlas/index.html").is_file()  # the others: the example's plans
    assert "um plano pode ter no máximo 5000000" in (site / "accounts/huge/index.html").read_text(
        encoding="utf-8"
    )


DATES = st.sampled_from(
    [
        "1899-12-31",
        "1900-01-01",
        "2199-12-31",
        "2200-01-01",
        "9999-12-31",
        "0001-01-01",
        "2027-02-29",
        "2028-02-29",
    ]
) | st.dates().map(str)
MAGNITUDES = st.sampled_from(
    [
        "1e15",
        "1e15.5",
        "1e16",
        "-1e15",
        "1000000000000000",
        "1000000000000001",
        "1e26",
        "1e400",
        "9" * 400,
        "-" + "9" * 5000,
        "0x" + "f" * 40,
        "1_000",
        "12:30",
        "2.5e6",
        ".inf",
        "-.inf",
        ".nan",
        "1e-400",
    ]
) | st.floats().map(repr)
CONTROLS = st.sampled_from([chr(c) for c in [*range(0, 9), *range(11, 32), *range(127, 160)]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_dates_magnitudes_and_control_characters_at_and_beyond_the_limits(data):
    """Extreme values anywhere in a plan: a plan or a PlanError, never another exception."""
    text = BASE
    for _ in range(data.draw(st.integers(1, 5))):
        kind = data.draw(st.sampled_from(["date", "number", "control", "task"]))
        if kind == "date":
            text = text.replace("2027-12-31", data.draw(DATES), 1)
        elif kind == "number":
            old = data.draw(st.sampled_from(["baseline: 100", "target: 200"]))
            text = text.replace(old, old.split(":")[0] + ": " + data.draw(MAGNITUDES), 1)
        elif kind == "control":
            i = data.draw(st.integers(0, len(text)))
            text = text[:i] + data.draw(CONTROLS) + text[i:]
        else:
            text += (
                f"- [x] Call due:{data.draw(DATES)} ✅\ufe0f {data.draw(DATES)}"
                f" {data.draw(CONTROLS)} #{data.draw(MAGNITUDES)} kind:contact\n"
            )
    parses_or_reports(text)
    try:
        file = parse_plan(text, "plans/fuzz.md")
    except PlanError:
        return
    within_limits(file)
    for as_of in (date(1900, 1, 1), date(2027, 5, 15), date(2199, 12, 31)):  # computing never fails
        acc = compute(file, as_of)
        accounts_json([(acc, file.tasks)], as_of)


def within_limits(file) -> None:
    """What a valid plan holds: dates in 1900-2199, numbers up to 10^15, no control characters."""
    plan = file.plan
    days = [plan.period.start, plan.period.end, *(d for t in file.tasks for d in (t.due, t.done_on) if d)]
    numbers = [n for g in plan.goals for n in (g.baseline, g.target, *g.actuals.values())]
    assert all(date(1900, 1, 1) <= d <= date(2199, 12, 31) for d in days)
    assert all(abs(n) <= 10**15 for n in numbers)
    texts = [plan.account, *(g.title for g in plan.goals), *(t.text for t in file.tasks)]
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", t) for t in texts)


@pytest.mark.build
def test_a_plan_at_every_limit_builds_strictly(project):
    """Dates 1900-2199, numbers of ±10^15, Q8, tasks at both ends: check and build, no traceback."""
    text = (
        BASE.replace("2027-01-01, end: 2027-12-31", "1900-01-01, end: 2199-12-31")
        .replace("    baseline: 100", "    baseline: -1e15")
        .replace(
            "    target: 200",
            "    target: 1e15\n    actuals:\n      1900-01-01: -99999999999999.9\n      2199-12-31: 5e14",
        )
        .replace("    quarter: Q1", "    quarter: Q8")
    )
    text += "- [x] First due:1900-01-01 done:1900-01-01 kind:contact\n- [ ] Last 📅 2199-12-31 #act\n"
    (project / "plans" / "extreme.md").write_text(text, encoding="utf-8")
    assert [str(p) for p in loader.load(project / "plans").problems] == []
    site = mkdocs_build(project, strict=True)
    assert (site / "accounts/extreme/index.html").is_file()


def test_a_number_whose_exponent_no_decimal_holds_is_too_large_not_a_crash():
    text = BASE.replace("target: 200", "target: 1e150000000000000000000000000")
    with pytest.raises(PlanError) as found:
        parse_plan(text, "plans/acme.md")
    assert "target" in str(found.value)
