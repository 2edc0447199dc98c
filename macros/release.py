"""The release gate: what must not go live. A publishing build (`SITE_URL` set, as in the
deploy job of .github/workflows/site.yml) fails while the Impressum lacks a detail required by
§ 5 DDG or shows any other „Angabe fehlt“, or a source still has an example address (the
manual's worked examples use example.org); local builds, `make serve` and `make test` show the
marker instead. Plain Python; `macros/__init__.py` applies it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from pydantic import BaseModel, HttpUrl

from .data import SiteData

# Example domains (RFC 2606): never a real source; the link check skips them too.
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")

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
    ] + example_addresses(data)


def example_addresses(data: SiteData) -> list[str]:
    """Addresses on the example domains (RFC 2606), as in the manual's worked examples."""
    return [
        f"data/{name}.yml, Eintrag „{entry}“: die Adresse {url} ist eine Beispieladresse – die "
        "echte Quelle eintragen"
        for name, entry, url in _urls(data)
        if any(url.host == domain or (url.host or "").endswith("." + domain) for domain in EXAMPLE_DOMAINS)
    ]


def _urls(data: SiteData) -> Iterator[tuple[str, str, HttpUrl]]:
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        for entry in value if isinstance(value, list) else [value]:
            for url in _urls_in(entry):
                yield field.name, getattr(entry, "id", field.name), url


def _urls_in(value: object) -> Iterator[HttpUrl]:
    if isinstance(value, HttpUrl):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _urls_in(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _urls_in(item)


def release_report(problems: list[str]) -> str:
    lines = "\n".join(f"  - {problem}" for problem in problems)
    return (f"Nicht veröffentlicht: {len(problems)} Angaben fehlen noch, die Website darf so nicht "
            f"online gehen:\n{lines}\nAngaben in data/site.yml eintragen (nichts erfinden). "
            "Eine Vorschau ohne diese Prüfung: make serve, oder make build ohne SITE_URL.")
