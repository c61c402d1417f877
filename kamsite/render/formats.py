"""Numbers, money, percentages and dates written the way the reader's locale writes them."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import date as Day  # `date` is also a method name below
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_decimal_symbol,
)

DATE_PATTERNS = {"en": "MMM d, yyyy", "pt_BR": "dd/MM/yyyy"}
_CURRENCIES = frozenset(get_global("all_currencies"))


def babel_locale(language: str) -> str:
    """'pt-BR' / 'pt' -> 'pt_BR'; 'en' -> 'en'; unknown -> 'en'."""
    code = language.replace("-", "_")
    if code.lower() in ("pt", "pt_br"):
        return "pt_BR"
    try:
        return str(Locale.parse(code))
    except (ValueError, UnknownLocaleError):
        return "en"


@functools.cache
def plural_form(count: int, locale: str) -> str:
    """The CLDR plural category of a count in a locale: 'one' or 'other' (and a few more).

    Zero takes the plural everywhere: CLDR groups 0 with 1 in Portuguese ("0 aviso"), which
    Brazilian readers do not write ("0 avisos")."""
    return "other" if count == 0 else str(_locale(locale).plural_form(abs(count)))


def _locale(code: str) -> Locale:
    """Babel parses a locale name on every call; parse each one once."""
    return Locale.parse(code)


def is_currency(unit: str) -> bool:
    return unit in _CURRENCIES


@functools.lru_cache(maxsize=65536)
def _decimal(value: float, pattern: str, code: str) -> str:
    return format_decimal(value, format=pattern, locale=_locale(code))


@functools.lru_cache(maxsize=65536)  # babel reads its patterns on every call: each value once
def _money(value: float, currency: str, code: str) -> str:
    if float(value).is_integer():
        pattern = _locale(code).currency_formats["standard"].pattern
        whole = pattern.split(";")[0].replace(".00", "")
        return format_currency(value, currency, format=whole, locale=_locale(code), currency_digits=False)
    return format_currency(value, currency, locale=_locale(code))


@functools.lru_cache(maxsize=65536)
def _compact_money(value: float, currency: str, code: str, digits: int = 1) -> str:
    return format_compact_currency(value, currency, locale=_locale(code), fraction_digits=digits)


@functools.lru_cache(maxsize=65536)
def _compact(value: float, code: str, digits: int = 1) -> str:
    return format_compact_decimal(value, locale=_locale(code), fraction_digits=digits)


@functools.lru_cache(maxsize=65536)
def _date(day: date, pattern: str, code: str) -> str:
    return format_date(day, pattern, locale=_locale(code))


def _decimal_of(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def half_away(value: float, digits: int = 0, scale: Decimal | int = 1) -> float:
    """value * scale rounded for display, half away from zero, on the decimal the value prints
    as: 0.125 -> 0.13 (round() gives 0.12), -2.5 -> -3, 0.285 at scale 100 -> 29."""
    exact = _decimal_of(value) * scale
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def apart(value: float, targets: Iterable[float], digits: int, scale: Decimal | int = 1) -> int:
    """The fewest decimals, from `digits` up, at which `value` (times `scale`) rounds half away
    from zero onto the same side of every target as the value itself: 4.15 mi against a target
    of 4.2 mi needs two ('4,15', not '4,2'), 99.6% against 100% one ('99,6%', not '100%'). A
    value shown beside its target never reads as reaching it, nor as passing it, when it does not."""
    exact = _decimal_of(value) * scale
    marks = [_decimal_of(t) * scale for t in targets]
    for places in range(digits, digits + 12):
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if all((shown > t) - (shown < t) == (exact > t) - (exact < t) for t in marks):
            return places
    return digits + 12


def form(unit: str, value: float) -> str:
    """The unit's form after a value: `one` after exactly one ("1 hospital"), else the unit."""
    one: str = getattr(unit, "one", unit)
    return one if abs(value) == 1 else unit


def digits_of(numbers: Iterable[float], unit: str = "") -> int:
    """The decimals a goal's own numbers are written with (at most 2; a percentage keeps one):
    computed values are shown as precisely as the team measures, never '6,99 hospitais'."""
    places = [max(0, -int(Decimal(repr(float(n))).normalize().as_tuple().exponent)) for n in numbers]
    return min(2, max([*places, 1 if unit == "%" else 0]))


@dataclass(frozen=True)
class Formats:
    locale: str = "en"

    def number(self, value: float, unit: str = "", targets: Iterable[float] = (), digits: int = 2) -> str:
        """A goal value in its unit: 'R$ 2.610.000', '29,4%', '1.230 toneladas'; up to `digits`
        decimals, more when fewer would round it onto or across one of its `targets`."""
        places = apart(value, targets, digits)
        shown = half_away(value, places)
        if is_currency(unit) and places <= 2:
            return self.money(shown, unit)
        text = _decimal(shown, "#,##0." + "#" * places if places else "#,##0", self.locale)
        if is_currency(unit):  # more decimals than cents: the currency's code before the number
            return f"{unit} {text}"
        if unit == "%":
            return f"{text}%"
        return f"{text} {form(unit, shown)}" if unit else text

    def money(self, value: float, currency: str) -> str:
        return _money(value, str(currency), self.locale)

    def compact(self, value: float, unit: str = "", targets: Iterable[float] = ()) -> str:
        """Short form for chart labels and summaries: 'R$ 2,6 mi', '2,6 mi'; with more decimals
        when one would round it onto or across one of its `targets` ('R$ 4,15 mi' against 4,2)."""
        if abs(value) < 10_000:
            return self.number(value, unit, targets)
        scale = Decimal(10) ** -(3 * math.floor(math.log10(abs(value)) / 3))  # thousands, millions…
        places = apart(value, targets, 1, scale)
        shown = float(_decimal_of(half_away(value, places, scale)) / scale)
        if is_currency(unit):
            return _compact_money(shown, str(unit), self.locale, places)
        text = _compact(shown, self.locale, places)
        return f"{text}%" if unit == "%" else f"{text} {form(unit, value)}".strip()

    def percent(self, fraction: float, digits: int = 0, target: float | None = None) -> str:
        """0.224 -> '22%' (whole percent, as the JSON export rounds); with `digits=1`, up to one
        decimal: 0.125 -> '12.5%', 0.22 -> '22%'. Beside a `target` (1.0: the goal's target),
        as many more decimals as keep it on its side: 0.996 -> '99.6%', never '100%'."""
        digits = apart(fraction, () if target is None else (target,), digits, 100)
        pattern = "#,##0." + "#" * digits if digits else "#,##0"
        return _decimal(half_away(fraction, digits, 100), pattern, self.locale) + "%"

    def points(self, fraction: float) -> str:
        """A gap between two fractions in percentage points, one decimal: '9,8'."""
        return _decimal(half_away(fraction, 1, 100), "#,##0.#", self.locale)

    def date(self, day: date | None) -> str:
        if day is None:
            return "—"
        return _date(day, DATE_PATTERNS.get(self.locale, "medium"), self.locale)

    def month(self, day: Day) -> str:
        """A short month label for chart axes: 'abr. 2027', 'Apr 2027'."""
        return _date(day, "MMM yyyy", self.locale)

    def day_month(self, day: Day) -> str:
        """A short day label for chart axes: '15/05', 'May 15'."""
        return _date(day, "dd/MM" if self.locale == "pt_BR" else "MMM d", self.locale)

    @property
    def decimal_mark(self) -> str:
        """'.' in English, ',' in Brazilian Portuguese."""
        return str(get_decimal_symbol(_locale(self.locale)))

    @property
    def separators(self) -> str:
        """Plotly's layout.separators: decimal mark then thousands mark."""
        return (
            format_decimal(1234.5, format="#,##0.0", locale=_locale(self.locale))[-2]
            + (format_decimal(1234.5, format="#,##0.0", locale=_locale(self.locale))[1])
        )
