"""The release gate: what must not go live. A publishing build (`SITE_URL` set, as in the
deploy job of .github/workflows/site.yml) fails while the Impressum lacks a detail required by
§ 5 DDG or shows any other „Angabe fehlt“; local builds, `make serve` and `make test` show the
marker instead. Plain Python; `macros/__init__.py` applies it."""

from __future__ import annotations

from .data import SiteData

# Field of data/site.yml `publisher` → what the Impressum row asks for.
REQUIRED_BY_DDG = {
    "name": "Name des Herausgebers",
    "street": "Anschrift: Straße und Hausnummer",
    "postcode": "Postleitzahl",
    "city": "Ort",
    "email": "E-Mail-Adresse",
}
SHOWN_IN_IMPRESSUM = {
    "phone": "Telefon",
    "responsible": "Verantwortlich nach § 18 Abs. 2 MStV",
}


def release_problems(data: SiteData) -> list[str]:
    """One line per placeholder that would go live; empty when the site may be published."""
    publisher = data.site.publisher
    missing = [
        f"data/site.yml, Feld „publisher.{field}“ ({label}): leer – Pflichtangabe nach § 5 DDG"
        for field, label in REQUIRED_BY_DDG.items() if not getattr(publisher, field)
    ]
    return missing + [
        f"data/site.yml, Feld „publisher.{field}“ ({label}): leer – das Impressum zeigte „Angabe fehlt“"
        for field, label in SHOWN_IN_IMPRESSUM.items() if not getattr(publisher, field)
    ]


def release_report(problems: list[str]) -> str:
    lines = "\n".join(f"  - {problem}" for problem in problems)
    return (f"Nicht veröffentlicht: {len(problems)} Angaben fehlen noch, die Website darf so nicht "
            f"online gehen:\n{lines}\nAngaben in data/site.yml eintragen (nichts erfinden). "
            "Eine Vorschau ohne diese Prüfung: make serve, oder make build ohne SITE_URL.")
