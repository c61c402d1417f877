"""Numbers, money, percentages and dates written the way the reader's locale writes them."""

from __future__ import annotations

import math
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
NUMBER_PATTERNS = {
    places: parse_pattern("#,##0." + "#" * places if places else "#,##0") for places in range(4)
}


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


def _pattern(places: int) -> NumberPattern:
    """A decimal pattern with up to `places` decimals."""
    return NUMBER_PATTERNS.get(places) or parse_pattern("#,##0." + "#" * places)


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

    def number(self, value: float, unit: str = "", targets: Iterable[float] = (), digits: int = 2) -> str:
        """A goal value in its unit: 'R$ 2.610.000', '29,4%', '1.230 toneladas'; up to `digits`
        decimals, more when fewer would round it onto or across one of its `targets`."""
        places = apart(value, targets, digits)
        shown = half_away(value, places)
        if is_currency(unit) and places <= 2:
            return self.money(shown, unit)
        text = format_decimal(shown, format=_pattern(places), locale=self.babel)
        if is_currency(unit):  # more decimals than cents: the currency's code before the number
            return f"{unit} {text}"
        if unit == "%":
            return f"{text}%"
        return f"{text} {form(unit, shown)}" if unit else text

    def money(self, value: float, currency: str) -> str:
        if float(value).is_integer():
            return format_currency(
                value, str(currency), format=self.whole_money, locale=self.babel, currency_digits=False
            )
        return format_currency(value, str(currency), locale=self.babel)

    def compact(self, value: float, unit: str = "", targets: Iterable[float] = ()) -> str:
        """Short form for chart labels and summaries: 'R$ 2,6 mi', '2,6 mi'; with more decimals
        when one would round it onto or across one of its `targets` ('R$ 4,15 mi' against 4,2)."""
        if abs(value) < 10_000:
            return self.number(value, unit, targets)
        scale = Decimal(10) ** -(3 * math.floor(math.log10(abs(value)) / 3))  # thousands, millions…
        places = apart(value, targets, 1, scale)
        shown = float(_decimal_of(half_away(value, places, scale)) / scale)
        if is_currency(unit):
            return format_compact_currency(shown, str(unit), locale=self.babel, fraction_digits=places)
        text = format_compact_decimal(shown, locale=self.babel, fraction_digits=places)
        return f"{text}%" if unit == "%" else f"{text} {form(unit, value)}".strip()

    def percent(self, fraction: float, digits: int = 0, target: float | None = None) -> str:
        """0.224 -> '22%' (whole percent, as the JSON export rounds); with `digits=1`, up to one
        decimal: 0.125 -> '12.5%', 0.22 -> '22%'. Beside a `target` (1.0: the goal's target),
        as many more decimals as keep it on its side: 0.996 -> '99.6%', never '100%'."""
        digits = apart(fraction, () if target is None else (target,), digits, 100)
        return (
            format_decimal(half_away(fraction, digits, 100), format=_pattern(digits), locale=self.babel) + "%"
        )

    def points(self, fraction: float) -> str:
        """A gap between two fractions in percentage points, one decimal: '9,8'."""
        return format_decimal(half_away(fraction, 1, 100), format=_pattern(1), locale=self.babel)

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
