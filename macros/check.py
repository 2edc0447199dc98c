"""`make check-data`: validate `data/` and the pages in `docs/` that use it (macro names, fact
and event ids, with file and line) without building, and list facts older than the staleness
threshold."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .data import DataError, SiteData, read_site_data
from .doccheck import check_docs, pages_report
from .staleness import is_stale, stale_ids

__all__ = ["main", "stale_facts", "stale_ids"]

PROJECT_DIR = Path(__file__).resolve().parent.parent


def stale_facts(data: SiteData, today: dt.date) -> list[str]:
    """Warnings for figures whose as-of date is older than `stale_after_months`, oldest first.

    Historical figures never age, and a superseded one (`current` set) is checked through the
    newer figure, so neither is reported: every warning asks an editor to do something.
    """
    limit = data.site.stale_after_months
    old = [f for f in data.facts.values() if is_stale(f, limit, today)]
    return [
        f"Warnung: Fakt „{f.id}“ ({f.metric}) hat Stand {f.as_of}, älter als {limit} Monate – "
        "bitte prüfen"
        for f in sorted(old, key=lambda f: f.as_of)
    ]


def page_problems(docs_dir: Path, data: SiteData) -> str:
    """The German report for pages that would fail the build, or "" when every page is fine."""
    problems = check_docs(docs_dir, data)
    return pages_report(problems) if problems else ""


def main(data_dir: Path = PROJECT_DIR / "data") -> int:
    try:
        data = read_site_data(data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    if report := page_problems(data_dir.parent / "docs", data):
        print(report, file=sys.stderr)
        return 1
    for warning in stale_facts(data, dt.date.today()):
        print(warning)
    print(f"Daten in Ordnung: {len(data.facts)} Zahlen, {len(data.timeline)} Ereignisse, "
          f"{len(data.laws)} Gesetze, {len(data.fines)} Bußgelder, {len(data.cases)} Beispiele, "
          f"{len(data.glossary)} Glossarbegriffe.")
    print("Seiten in Ordnung: jedes Makro und jede id in docs/ gibt es.")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_DIR / "data"))
