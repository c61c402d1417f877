"""The line scanner finds the same headings and task items as the Markdown parser, line for line."""

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsite.core import blocks, sections

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from plans import plan_text  # noqa: E402

# Lines of the shapes plans are made of, and of every shape the scanner hands to the parser.
SHAPES = [
    "## Public {#act}",
    "## Notes {.internal}",
    "### Deep {#d .internal} ##",
    "# Top #",
    "   ## Indented heading {.internal}",
    "#tag is text",
    "####### seven",
    "- [ ] task {n} @ana due:2027-05-01",
    "- [x] done {n} done:2027-05-01",
    "* [X] star {n}",
    "+ [ ] plus {n}",
    "  - [ ] nested {n}",
    "    - [ ] deeper {n}",
    "      - [ ] deepest {n}",
    "   - [ ] three spaces {n}",
    "-  [ ] wide marker {n}",
    "- [ ]",
    "- [ ]: not a link {n}",
    "- [x]: https://x.example/{n}",
    "- ## heading in an item {.internal}",
    "  ## heading under an item {.internal}",
    "- item {n}",
    "- > quote in an item",
    "- ```",
    "-",
    "* ",
    "1. [ ] ordered {n}",
    "2) second",
    "2027 was a year",
    "> quoted {n}",
    "> - [ ] quoted task {n}",
    "| a | b |",
    "|---|:-:|",
    "- [ ] a | b",
    "    indented code {n}",
    "text {n}",
    "lazy continuation {n}",
    "  indented text {n}",
    "[link](https://x.example/{n}) at the start",
    "[ref]: https://x.example/{n}",
    "[ ] bare checkbox {n}",
    "<details>",
    "</details>",
    '<div markdown="1">',
    "<!-- note -->",
    "***",
    "* * *",
    "___",
    "---",
    "- - -",
    "===",
    "= not an underline",
    "Title {n}",
    "\t- [ ] tab {n}",
    "-\t[ ] tab after the marker",
    "- \u00a0[ ] no-break space",
    "- [ ]\u3000ideographic space {n}",
    "\u00a0# not a heading",
    "",
    "",
    "   ",
    "\t",
]

# Fences, drawn as often as all the other shapes together: whether a line opens or closes one
# decides what every line after it is.
FENCES = ["```", "````", "~~~", "~~~~", "```python", "  ```", "   ~~~", "``` `x`", "\t```", "```\t", "````` "]


@st.composite
def bodies(draw):
    shapes = (
        st.sampled_from(SHAPES)
        | st.sampled_from(FENCES)
        | st.text(alphabet=" -*+#>`~[]xX:|=_1.)\t<a{}", max_size=8)
    )
    lines = draw(st.lists(shapes, min_size=1, max_size=30))
    end = draw(st.sampled_from(["\n", "", "\n\n", "\n  "]))
    return "\n".join(line.replace("{n}", f"w{i}") for i, line in enumerate(lines)) + end


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_the_scanner_and_the_parser_find_the_same_headings_and_items(body):
    assert blocks.scan(body) == blocks.parse(body)
    assert sections.read(body) == sections.reading(body, blocks.parse)


def test_the_scanner_reads_a_typical_plan_without_the_parser():
    """The shapes of a plan's body (prose, headings with attributes, checklists, nested tasks,
    a fence with blank lines) are read by the scanner itself: the speed comes from here."""
    body = plan_text(7).split("\n---\n", 1)[1] + (
        "\n## Notes {.internal}\n\n- [ ] Parent task\n  - [ ] Child task\n    continued\n"
        "lazily continued\n\n```\n## not a heading\n\n- [ ] not a task\n```\n"
    )
    lines = body.split("\n")[:-1]
    found, start = [], 0
    while start < len(lines):
        part = blocks._Scanner(lines, start).run()
        assert part is not None, f"the scanner gave line {start + 1} to the parser"
        events, start = part
        found += events
    assert found == blocks.parse(body)
    assert sum(isinstance(f, blocks.ItemAt) for f in found) == 42


def test_a_fence_left_open_in_a_stretch_for_the_parser_runs_on_to_its_closing_line():
    body = "> quote\n```\n\n## inside the fence\n\n- [ ] inside too\n```\n\n## After\n- [ ] real\n"
    assert blocks.scan(body) == blocks.parse(body)
    reading = sections.read(body)
    assert [h.text for h in reading.headings] == ["After"]
    assert [t.text for t in reading.tasks] == ["real"]
