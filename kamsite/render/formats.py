"""Numbers, money, percentages and dates written the way the reader's locale writes them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from datetime import date as Day  # `date` is also a method name below
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.numbers import (
    NumberPattern,
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_decimal_symbol,
    parse_pattern,
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


def plural_form(count: int, locale: Locale) -> str:
    """The CLDR plural category of a count in a locale: 'one' or 'other' (and a few more).

    Zero takes the plural everywhere: CLDR groups 0 with 1 in Portuguese ("0 aviso"), which
    Brazilian readers do not write ("0 avisos")."""
    return "other" if count == 0 else str(locale.plural_form(abs(count)))


def is_currency(unit: str) -> bool:
    return unit in _CURRENCIES


# Babel reads a number pattern's text on every call unless it is given the parsed pattern
NUMBER, WHOLE, TENTHS = parse_pattern("#,##0.##"), parse_pattern("#,##0"), parse_pattern("#,##0.#")


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
    babel: Locale = field(init=False, repr=False, compare=False)  # the locale, parsed once
    whole_money: NumberPattern = field(init=False, repr=False, compare=False)  # 'R$ 2.610.000'

    def __post_init__(self) -> None:
        babel = Locale.parse(self.locale)
        standard = babel.currency_formats["standard"].pattern
        object.__setattr__(self, "babel", babel)
        object.__setattr__(self, "whole_money", parse_pattern(standard.split(";")[0].replace(".00", "")))

    def number(self, value: float, unit: str = "") -> str:
        """A goal value in its unit: 'R$ 2.610.000', '29,4%', '1.230 toneladas'."""
        if is_currency(unit):
            return self.money(value, unit)
        text = format_decimal(value, format=NUMBER, locale=self.babel)
        if unit == "%":
            return f"{text}%"
        return f"{text} {form(unit, value)}" if unit else text

    def money(self, value: float, currency: str) -> str:
        if float(value).is_integer():
            return format_currency(
                value, str(currency), format=self.whole_money, locale=self.babel, currency_digits=False
            )
        return format_currency(value, str(currency), locale=self.babel)

    def compact(self, value: float, unit: str = "") -> str:
        """Short form for chart labels: 'R$ 2,6 mi', '2,6 mi'."""
        if abs(value) < 10_000:
            return self.number(value, unit)
        if is_currency(unit):
            return format_compact_currency(value, str(unit), locale=self.babel, fraction_digits=1)
        text = format_compact_decimal(value, locale=self.babel, fraction_digits=1)
        return f"{text}%" if unit == "%" else f"{text} {form(unit, value)}".strip()

    def percent(self, fraction: float, digits: int = 0) -> str:
        """0.224 -> '22%' (whole percent, as the JSON export rounds); with `digits=1`, up to one
        decimal: 0.125 -> '12.5%', 0.22 -> '22%'."""
        pattern = (WHOLE, TENTHS)[digits] if digits < 2 else parse_pattern("#,##0." + "#" * digits)
        return format_decimal(half_away(fraction, digits, 100), format=pattern, locale=self.babel) + "%"

    def points(self, fraction: float) -> str:
        """A gap between two fractions in percentage points, one decimal: '9,8'."""
        return format_decimal(half_away(fraction, 1, 100), format=TENTHS, locale=self.babel)

    def date(self, day: date | None) -> str:
        if day is None:
            return "—"
        return format_date(day, DATE_PATTERNS.get(self.locale, "medium"), locale=self.babel)

    def month(self, day: Day) -> str:
        """A short month label for chart axes: 'abr. 2027', 'Apr 2027'."""
        return format_date(day, "MMM yyyy", locale=self.babel)

    def day_month(self, day: Day) -> str:
        """A short day label for chart axes: '15/05', 'May 15'."""
        return format_date(day, "dd/MM" if self.locale == "pt_BR" else "MMM d", locale=self.babel)

    @property
    def decimal_mark(self) -> str:
        """'.' in English, ',' in Brazilian Portuguese."""
        return str(get_decimal_symbol(self.babel))

    @property
    def separators(self) -> str:
        """Plotly's layout.separators: decimal mark then thousands mark."""
        return (
            format_decimal(1234.5, format="#,##0.0", locale=self.babel)[-2]
            + (format_decimal(1234.5, format="#,##0.0", locale=self.babel)[1])
        )
