"""The staleness rule, shared by `make check-data` (warnings) and the site („prüfbedürftig“)."""

from __future__ import annotations

import datetime as dt

from .data import SiteData
from .models import Figure


def _months_between(earlier: str, today: dt.date) -> int:
    parts = [int(part) for part in earlier.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return (today.year - year) * 12 + today.month - month


def is_stale(figure: Figure, limit: int, today: dt.date) -> bool:
    """Older than `limit` months; historical and superseded figures never count."""
    return not (figure.historical or figure.current) and _months_between(figure.as_of, today) > limit


def stale_ids(data: SiteData, today: dt.date) -> frozenset[str]:
    """ids of the figures `make check-data` warns about; the site marks them „prüfbedürftig“."""
    limit = data.site.stale_after_months
    return frozenset(f.id for f in data.facts.values() if is_stale(f, limit, today))
