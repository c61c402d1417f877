"""Split a plan into front matter and body, and read the YAML safely with line marks.

Nothing is constructed from YAML tags: the text is composed into nodes and turned
into plain values here, so `!!python/...` tags are reported, never executed; alias
expansion is bounded; duplicate keys are errors; every value keeps its file line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kamsite.core import yaml_words
from kamsite.core.errors import Problem, field_path
from kamsite.core.said import Said
from kamsite.core.yaml_words import yaml12_number

Loc = tuple[str | int, ...]

MAX_NODES = 50_000  # bounds alias expansion ("billion laughs") and absurdly large plans
_YAML = "tag:yaml.org,2002:"
# libyaml's composer when PyYAML was built with it (several times faster); nodes and marks are the same
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class FrontMatter:
    """The front matter as plain values, the file line of every value, and the body."""

    data: Any
    lines: dict[Loc, int]
    body: str
    body_start: int  # 1-based file line of the body's first line
    problems: list[Problem] = field(default_factory=list)

    def line(self, loc: Loc) -> int:
        """The line of the value at `loc`, or of its nearest enclosing value."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


def split(text: str, path: str) -> tuple[str | None, str, int, list[Problem]]:
    """Return (yaml_text, body, body_start_line, problems); lines end at '\n' only."""
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        msg = Said("a plan starts with front matter: a line '---', the YAML, then another '---'")
        return None, text, 1, [Problem(path, 1, "front matter", msg)]
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2, []
    msg = Said("not closed: add a line '---' after the YAML")
    return None, "", len(lines) + 1, [Problem(path, 1, "front matter", msg)]


def read(text: str, path: str) -> FrontMatter:
    """Read a whole plan text into a FrontMatter (problems listed, never raised)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    source, body, body_start, problems = split(text, path)
    front = FrontMatter(None, {}, body, body_start, problems)
    if source is None:
        return front
    try:
        node = yaml.compose(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        message, mark = yaml_words.explain(exc, source)
        line = _Lines(source).line(mark.index) if mark else 1
        front.problems.append(Problem(path, line, "front matter", message))
        return front
    except (yaml.YAMLError, RecursionError) as exc:
        front.problems.append(Problem(path, 1, "front matter", Said("malformed YAML: {detail}", detail=exc)))
        return front
    if node is None:
        front.problems.append(Problem(path, 1, "front matter", Said("is empty")))
        return front
    builder = _Builder(path, source)
    try:
        front.data = builder.value(node, ())
    except (_TooLarge, RecursionError):
        msg = Said("too large or too deeply nested (more than {count} values after aliases)", count=MAX_NODES)
        front.problems.append(Problem(path, 2, "front matter", msg))
        return front
    front.lines = builder.lines
    front.problems.extend(builder.problems)
    return front


class _TooLarge(Exception):
    pass


class _Lines:
    """The file line of a character of the YAML (which starts on line 2), in logarithmic time.

    The starts of all lines are found once, so reading stays linear in the plan's size; counting
    from the start of the file for every value made a 4.6 MB plan take a minute. Lines break at
    '\n' only: YAML also breaks lines at U+0085, U+2028 and U+2029, editors do not.
    """

    def __init__(self, source: str) -> None:
        self.starts = [0]
        found = source.find("\n")
        while found != -1:
            self.starts.append(found + 1)
            found = source.find("\n", found + 1)

    def line(self, index: int) -> int:
        return bisect_right(self.starts, index) + 1


class _Builder:
    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.at = _Lines(source)
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self.budget = MAX_NODES

    def value(self, node: Node, loc: Loc) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge
        if loc not in self.lines:  # a mapping's value: its key's line is already there
            self.lines[loc] = self.at.line(node.start_mark.index)
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, SequenceNode) and node.tag == _YAML + "seq":
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _YAML + "map":
            return self.mapping(node, loc)
        return self.bad_tag(node, loc)

    def mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, loc, Said("a key must be a plain word or date, not a list or mapping"))
                continue
            key = key_node.value
            key_loc = (*loc, key)
            if key in out:
                first = self.lines[key_loc]
                self.problem(
                    key_node,
                    key_loc,
                    Said("duplicate key '{key}' (first given at line {line})", key=key, line=first),
                )
                continue
            self.lines[key_loc] = self.at.line(key_node.start_mark.index)
            out[key] = self.value(value_node, key_loc)
        return out

    def scalar(self, node: ScalarNode, loc: Loc) -> Any:
        tag = node.tag.removeprefix(_YAML)
        if not node.style and tag in ("str", "int", "float"):  # plain: numbers as YAML 1.2 reads them
            number = yaml12_number(node.value)
            if number is not None or tag != "str":
                return node.value if number is None else number  # 1_000 and 12:30 stay words
        if tag in ("str", "timestamp"):
            return node.value  # dates are parsed by the schema, which reports impossible ones
        if tag == "null":
            return None
        if tag == "bool":  # YAML 1.1 also reads yes/no/on/off as booleans: keep those as words
            word = node.value.lower()
            return {"true": True, "false": False}.get(word, node.value)
        if tag == "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == "float":
            return _CONSTRUCTOR.construct_yaml_float(node)
        return self.bad_tag(node, loc)

    def bad_tag(self, node: Node, loc: Loc) -> None:
        tag = node.tag.replace(_YAML, "!!")
        self.problem(
            node, loc, Said("the YAML tag '{tag}' is not allowed: a plan holds plain values", tag=tag)
        )
        return None

    def problem(self, node: Node, loc: Loc, message: str) -> None:
        line = self.at.line(node.start_mark.index)
        self.problems.append(Problem(self.path, line, field_path(loc) or "front matter", message))
