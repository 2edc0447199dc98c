"""`make check-data`: validate `data/` alone and list facts older than the staleness threshold."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .data import DataError, SiteData, read_site_data
from .models import Figure

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _months_between(earlier: str, today: dt.date) -> int:
    parts = [int(part) for part in earlier.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return (today.year - year) * 12 + today.month - month


def _is_stale(figure: Figure, limit: int, today: dt.date) -> bool:
    return not (figure.historical or figure.current) and _months_between(figure.as_of, today) > limit


def stale_ids(data: SiteData, today: dt.date) -> frozenset[str]:
    """ids of the figures `make check-data` warns about; the site marks them „prüfbedürftig“."""
    limit = data.site.stale_after_months
    return frozenset(f.id for f in data.facts.values() if _is_stale(f, limit, today))


def stale_facts(data: SiteData, today: dt.date) -> list[str]:
    """Warnings for figures whose as-of date is older than `stale_after_months`, oldest first.

    Historical figures never age, and a superseded one (`current` set) is checked through the
    newer figure, so neither is reported: every warning asks an editor to do something.
    """
    limit = data.site.stale_after_months
    old = [f for f in data.facts.values() if _is_stale(f, limit, today)]
    return [
        f"Warnung: Fakt „{f.id}“ ({f.metric}) hat Stand {f.as_of}, älter als {limit} Monate – "
        "bitte prüfen"
        for f in sorted(old, key=lambda f: f.as_of)
    ]


def main(data_dir: Path = PROJECT_DIR / "data") -> int:
    try:
        data = read_site_data(data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    for warning in stale_facts(data, dt.date.today()):
        print(warning)
    print(f"Daten in Ordnung: {len(data.facts)} Zahlen, {len(data.timeline)} Ereignisse, "
          f"{len(data.laws)} Gesetze, {len(data.fines)} Bußgelder, {len(data.cases)} Beispiele, "
          f"{len(data.glossary)} Glossarbegriffe.")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_DIR / "data"))
