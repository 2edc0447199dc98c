"""Read a figure as the author wrote it ("drei Milliarden", "100 Euro", "700.000") as a number.

The article keeps his words; `fact(id, "drei Milliarden")` prints them unchanged and this module
checks at build time that they say the same as the data (value and unit), so a wrong value in
`data/` fails the build instead of contradicting his sentence.
"""

from __future__ import annotations

import math
import re

from . import fmt
from .models import Figure

_NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwanzig": 20, "hundert": 100,
    "tausend": 1000,
}
_SCALES = {
    "tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio.": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd.": 1e9,
}
_UNITS = {
    "euro": "EUR", "€": "EUR", "us-dollar": "USD", "dollar": "USD", "$": "USD",
    "pfund": "GBP", "%": "%", "prozent": "%",
}
_DIGITS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+(,\d+)?$")


class WordingError(ValueError):
    """The author's wording of a figure and the figure in data/ disagree."""


def _number(token: str) -> float | None:
    if _DIGITS.match(token):
        return float(token.replace(".", "").replace(",", "."))
    return _NUMBER_WORDS.get(token)


def read(as_written: str) -> tuple[float, str]:
    """("drei Milliarden") → (3e9, "") · ("100 Euro") → (100, "EUR") · ("60 %") → (60, "%")"""
    tokens = as_written.replace("\u00a0", " ").lower().split()
    if not tokens or (value := _number(tokens[0])) is None:
        raise WordingError(f"„{as_written}“ beginnt nicht mit einer Zahl (Ziffern oder Zahlwort)")
    rest = tokens[1:]
    if rest and rest[0] in _SCALES:
        value *= _SCALES[rest.pop(0)]
    unit = _UNITS.get(rest.pop(0)) if rest else ""
    if unit is None or rest:
        raise WordingError(
            f"„{as_written}“: nach der Zahl sind nur Million/Milliarde und eine Einheit "
            f"({', '.join(sorted(_UNITS))}) erlaubt"
        )
    return value, unit


def check(as_written: str, figure: Figure, where: str) -> None:
    """Raise WordingError (German, naming page and fact) if the wording and the data disagree."""
    try:
        value, unit = read(as_written)
    except WordingError as error:
        raise WordingError(f"{where}: fact(„{figure.id}“, …): {error}") from None
    low = figure.low if figure.low is not None else figure.value
    fits = low - 1e-9 <= value <= figure.value + 1e-9 or math.isclose(value, figure.value)
    if not fits or unit != figure.unit:
        stated = f"{fmt.full_number(figure.value)} {figure.unit}".strip()
        if figure.low is not None:
            stated = f"{fmt.full_number(figure.low)} bis {stated}"
        read_as = f"{fmt.full_number(value)} {unit}".strip()
        raise WordingError(
            f"{where}: Der Text des Autors sagt „{as_written}“ ({read_as}), die Daten zu "
            f"„{figure.id}“ sagen {stated}. Text und Daten müssen "
            "übereinstimmen: den Wert in data/ prüfen (der Text des Autors bleibt, wie er ist)."
        )


def check_date(as_written: str, date: str, event_id: str, where: str) -> None:
    """Raise WordingError unless the author's date („November 2017“, „2014“) is the event's
    date in data/ at the precision he wrote (2017-11-10 fits „November 2017“ and „2017“)."""
    forms = {fmt.partial_date(date[:length]) for length in (4, 7, 10) if len(date) >= length}
    if as_written not in forms:
        raise WordingError(
            f"{where}: Der Text des Autors sagt „{as_written}“, die Daten zu „{event_id}“ sagen "
            f"{date} ({fmt.partial_date(date)}). Text und Daten müssen übereinstimmen: das Datum "
            "in data/timeline.yml prüfen (der Text des Autors bleibt, wie er ist)."
        )
