"""Numbers, money, percentages and dates written the way the reader's locale writes them."""

from __future__ import annotations

import functools
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
def _compact_money(value: float, currency: str, code: str) -> str:
    return format_compact_currency(value, currency, locale=_locale(code), fraction_digits=1)


@functools.lru_cache(maxsize=65536)
def _compact(value: float, code: str) -> str:
    return format_compact_decimal(value, locale=_locale(code), fraction_digits=1)


@functools.lru_cache(maxsize=65536)
def _date(day: date, pattern: str, code: str) -> str:
    return format_date(day, pattern, locale=_locale(code))


def half_away(value: float, digits: int = 0, scale: int = 1) -> float:
    """value * scale rounded for display, half away from zero, on the decimal the value prints
    as: 0.125 -> 0.13 (round() gives 0.12), -2.5 -> -3, 0.285 at scale 100 -> 29."""
    exact = Decimal(repr(float(value))) * scale
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


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

    def number(self, value: float, unit: str = "") -> str:
        """A goal value in its unit: 'R$ 2.610.000', '29,4%', '1.230 toneladas'."""
        if is_currency(unit):
            return self.money(value, unit)
        text = _decimal(value, "#,##0.##", self.locale)
        if unit == "%":
            return f"{text}%"
        return f"{text} {form(unit, value)}" if unit else text

    def money(self, value: float, currency: str) -> str:
        return _money(value, str(currency), self.locale)

    def compact(self, value: float, unit: str = "") -> str:
        """Short form for chart labels: 'R$ 2,6 mi', '2,6 mi'."""
        if abs(value) < 10_000:
            return self.number(value, unit)
        if is_currency(unit):
            return _compact_money(value, str(unit), self.locale)
        text = _compact(value, self.locale)
        return f"{text}%" if unit == "%" else f"{text} {form(unit, value)}".strip()

    def percent(self, fraction: float, digits: int = 0) -> str:
        """0.224 -> '22%' (whole percent, as the JSON export rounds); with `digits=1`, up to one
        decimal: 0.125 -> '12.5%', 0.22 -> '22%'."""
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
