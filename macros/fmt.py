"""German formatting of numbers, amounts and dates (Babel, locale de_DE)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date
from babel.numbers import format_compact_currency, format_compact_decimal, format_decimal

LOCALE = "de_DE"
CURRENCIES = {"EUR", "USD", "GBP", "KRW"}
COMPACT_FROM = 1_000_000
NBSP = "\u00a0"  # keeps number and unit on one line, as Babel does
MINUS = "\u2212"  # the minus sign of a negative figure (a hyphen is not one)


def _fraction_digits(value: float) -> int:
    """Enough digits for 25,7 Mio. or 1,59 Mrd., none for 3 Mrd."""
    scaled = abs(value) / (1e9 if abs(value) >= 1e9 else 1e6)
    for digits in range(3):
        if round(scaled, digits) == round(scaled, 3):
            return digits
    return 2


def number(value: float) -> str:
    """3 Mrd. · 25,7 Mio. · 30.000 · 58,4"""
    if abs(value) >= COMPACT_FROM:
        return format_compact_decimal(value, locale=LOCALE, fraction_digits=_fraction_digits(value))
    return full_number(value)


def amount(value: float, currency: str) -> str:
    """345 Mio. € · 750.000 € · 5,7 Mio. $"""
    if abs(value) >= COMPACT_FROM:
        return format_compact_currency(
            value, currency, locale=LOCALE, fraction_digits=_fraction_digits(value)
        )
    return f"{format_decimal(value, locale=LOCALE, format='#,##0')}{NBSP}{_symbol(currency)}"


def _symbol(currency: str) -> str:
    return format_compact_currency(1, currency, locale=LOCALE).split(NBSP)[-1]


def percent(value: float) -> str:
    """0.153 → 15,3 %"""
    return f"{format_decimal(value * 100, locale=LOCALE, format='#,##0.#')}{NBSP}%"


def change(value: float) -> str:
    """A relative change with its sign: 0.12 → +12 % · -0.86 → −86 % (U+2212) · 0 → ±0 %"""
    rounded = round(value * 100)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else "±"
    return f"{sign}{format_decimal(abs(rounded), locale=LOCALE, format='#,##0')}{NBSP}%"


def quantity(value: float, unit: str) -> str:
    """A figure with its unit, as it reads in German prose."""
    if unit in CURRENCIES:
        return amount(value, unit)
    if unit == "%":
        return f"{format_decimal(value, locale=LOCALE, format='#,##0.#')}{NBSP}%"
    return f"{number(value)}{NBSP}{unit}" if unit else number(value)


@functools.cache  # the same dates recur on many pages and rows; Babel's format_date is slow
def partial_date(text: str) -> str:
    """2016 → 2016 · 2016-09 → September 2016 · 2018-08-02 → 2. August 2018"""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_date(dt.date(parts[0], parts[1], 1), "MMMM yyyy", locale=LOCALE)
    return format_date(dt.date(*parts), "d. MMMM yyyy", locale=LOCALE)


def month_year(text: str) -> str:
    """Stand-Angabe, kurz: 2021-09-27 → September 2021"""
    return partial_date(text[:7]) if len(text) >= 7 else text


def iso_date(text: str) -> str:
    """Complete a partial date for machines (sitemap, JSON-LD): 2024-02 → 2024-02-01."""
    parts = (text.split("-") + ["01", "01"])[:3]
    return "-".join(parts)


def full_number(value: float) -> str:
    """1000000 → 1.000.000 (no abbreviation)"""
    return format_decimal(value, locale=LOCALE, format="#,##0.##")
