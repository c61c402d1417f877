"""YAML as a plan writer meets it: numbers read as YAML 1.2 does, syntax errors in plain words."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

import yaml

from kamsite.core.said import Said

_INT = re.compile(r"[-+]?[0-9]+")
_BASED = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_DIGITS = 18  # longer numbers are kept exactly (as decimals) so that "too large" can say so
MOST_DIGITS = 15  # a plan's numbers have at most as many significant digits as a double keeps


def yaml12_number(text: str) -> int | float | Decimal | None:
    """The number a plain YAML 1.2 (core schema) scalar stands for, or None if it is not one;
    a Decimal, kept as written, when it is too large or has too many digits to be a plan's.

    `2.5e6` and `1e6` are numbers (YAML 1.1 read them as words); `1_000` and `12:30` are not.
    """
    if _INT.fullmatch(text):
        plain = len(text) <= _DIGITS and significant_digits(text) <= MOST_DIGITS
        return int(text) if plain else Decimal(text)
    if _BASED.fullmatch(text):
        return int(text[2:], 8 if text[1] == "o" else 16) if len(text) <= _DIGITS else Decimal("Infinity")
    if _FLOAT.fullmatch(text):
        try:
            value = Decimal(text)
        except InvalidOperation:  # an exponent beyond what a decimal holds (1e150000000000000000000)
            return Decimal("-Infinity" if text.startswith("-") else "Infinity")
        exact = len(text) > _DIGITS or value.copy_abs() > 10**15 or significant_digits(text) > MOST_DIGITS
        return value if exact else float(value)
    sign = -1 if text.startswith("-") else 1
    special = _SPECIAL.get(text.lstrip("+-"))
    return None if special is None or (text[0] in "+-" and math.isnan(special)) else sign * special


def significant_digits(text: str) -> int:
    """The significant digits of a number as written: without its leading zeros and without
    trailing zeros after a decimal point (`2500000.0` has 7, `0.050` has 1)."""
    mantissa = re.split("[eE]", text.lstrip("+-"))[0]
    if "." in mantissa:
        mantissa = mantissa.rstrip("0")
    return len(mantissa.replace(".", "").lstrip("0"))


_QUOTE = Said('put the value in quotes, as in title: "Renewal: phase 2"')
_LINE_UP = Said(
    "this line does not line up with the lines above it: keys of one mapping, and the '-'"
    " of one list, start in the same column (and a value with quotes inside is quoted whole)"
)
_TAB = Said("a tab is used for indentation: indent with spaces")


def explain(exc: yaml.MarkedYAMLError, source: str) -> tuple[Said, yaml.Mark | None]:
    """A YAML syntax error in a plan writer's words, and the place it points at."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    reason = problem or context or "cannot be read"
    plain: Said
    if "tab character" in problem:
        plain = _TAB
    elif "mapping values are not allowed" in problem:
        plain = Said("a ':' followed by a space inside a value: ") + _QUOTE
    elif "cannot start any token" in problem and mark is not None:
        char = source[mark.index : mark.index + 1]
        plain = _TAB if char == "\t" else Said("a value cannot start with '{char}': ", char=char) + _QUOTE
    elif "quoted scalar" in context:
        plain, mark = Said("a quoted value is not closed: add the closing quote"), exc.context_mark or mark
    elif "flow sequence" in context:
        plain = Said(
            "a list in [ ] is not closed: add the ']', and quote values holding ',', '#' or ':'"
            ', as in ["Acme, Inc."]'
        )
    elif "flow mapping" in context:
        plain = Said("a mapping in {{ }} is not closed: add the '}}', and quote values holding ',' or ':'")
    elif "alias" in problem or "anchor" in context or "alias" in context:
        plain = Said("a value cannot start with '*' or '&' (YAML reads them as references): ") + _QUOTE
    elif "expected key" in problem or "'-' indicator" in problem or "block end" in problem:
        plain = _LINE_UP
    else:
        plain = Said("the YAML cannot be read here: check the indentation, and quote values that hold ':'")
    return Said("malformed YAML: ") + plain + Said(" (the YAML reader says: {reason})", reason=reason), mark
