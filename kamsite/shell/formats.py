"""The site's number and date formats, each value formatted once per build.

Justified by a measurement (benchmarks/RESULTS.md, 2026-12-08): making every page of 100
synthetic accounts (benchmarks/plans.py) took 2.76 s of CPU with render's `Formats`, which asks
Babel for each value it shows, and 2.32 s with this one: an account's dates, amounts and
percentages recur on its dashboard, Today, people pages, calendars and exports.
"""

from __future__ import annotations

import copyreg
from collections.abc import Iterable
from typing import Any

from kamsite.render.formats import Formats

_KEPT = ("number", "money", "compact", "percent", "points", "date", "month", "day_month")


class KeptFormats(Formats):
    """`Formats` that keeps each text it made, keyed by the method and its arguments (a unit's
    singular form included: "hospital" and "hospitais" are one unit to `==`)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in _KEPT:
            object.__setattr__(self, name, _kept(getattr(super(), name)))


def _kept(method: Any) -> Any:
    texts: dict[tuple[Any, ...], str] = {}

    def kept(*args: Any, **options: Any) -> str:
        args = tuple(_fixed(a) for a in args)
        options = {name: _fixed(value) for name, value in options.items()}
        key = (*args, *(getattr(a, "one", None) for a in args), *sorted(options.items()))
        text = texts.get(key)
        if text is None:
            text = texts[key] = method(*args, **options)
        return text

    return kept


def _fixed(value: Any) -> Any:
    """A value as a key can hold it: a list or generator of targets as a tuple."""
    return value if isinstance(value, str) or not isinstance(value, Iterable) else tuple(value)


# a process of the build's pool gets the formats as their locale, and keeps its own texts
copyreg.pickle(KeptFormats, lambda formats: (KeptFormats, (formats.locale,)))
