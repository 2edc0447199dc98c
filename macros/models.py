"""Pydantic models: one per kind of fact in `data/*.yml`.

The models are the schema. `make schemas` writes them as JSON Schema to `data/schemas/`,
which editors' YAML plug-ins use for autocompletion. Field descriptions are German because
editors see them there.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
)

# --- building blocks ---------------------------------------------------------

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _year_as_text(value: object) -> object:
    """YAML reads `2016` as a number; a year alone is still a valid date."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_calendar(text: str) -> str:
    parts = [int(part) for part in text.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"„{text}“ gibt es im Kalender nicht") from None
    return text


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    Field(
        pattern=PARTIAL_DATE_PATTERN,
        description="Datum als JJJJ-MM-TT, JJJJ-MM (nur Monat bekannt) oder JJJJ (nur Jahr).",
        examples=["2021-09-27", "2016-09", "2014"],
    ),
    AfterValidator(_check_calendar),
]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_]*$",
        description="Eindeutiger Schlüssel: Kleinbuchstaben, Ziffern, Unterstrich. Nie ändern, "
        "denn Seiten verweisen darauf.",
    ),
]

Text = Annotated[str, Field(min_length=1, description="Klartext (kein HTML, kein Markdown).")]


class Record(BaseModel):
    """Common settings: unknown fields are errors (catches typos like `soruce`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _no_placeholder(value: object) -> object:
    """An ellipsis in a source is a placeholder from an example, never a real title or address."""
    if isinstance(value, str) and ("…" in value or "..." in value):
        raise ValueError("„…“ ist ein Platzhalter – den echten Titel bzw. die vollständige Adresse "
                         "der Quelle eintragen")
    return value


class Source(Record):
    title: Annotated[Text, BeforeValidator(_no_placeholder)] = Field(
        description="Titel der Quelle, z. B. „TikTok Newsroom: Thanks a billion!“")
    url: Annotated[HttpUrl, BeforeValidator(_no_placeholder)] = Field(
        description="Adresse der Quelle, beginnt mit https:// oder http://")


class Figure(Record):
    """A number with its source: one row of the fact register."""

    id: Id
    metric: Text = Field(description="Was gezählt wird, z. B. „Monatlich aktive Nutzer“.")
    value: float = Field(description="Der Wert als Zahl, ohne Tausenderpunkte: 25700000")
    unit: str = Field(
        default="",
        description="Einheit: leer für Anzahlen, „%“, „Min./Tag“, „EUR“, „USD“, „GBP“, „KRW“ …",
    )
    as_of: PartialDate = Field(description="Stand: wann die Zahl galt (nicht: wann notiert).")
    source: Source
    note: str = Field(default="", description="Hinweis für Leser, z. B. was heute aktueller ist.")
    current: str = Field(
        default="",
        description="Optional: id einer neueren Zahl, die diese ablöst. Der Artikel zeigt dann "
        "neben der alten Zahl einen sichtbaren Hinweis mit Link auf die neuere.",
    )
    historical: bool = Field(
        default=False,
        description="true für die Zahl eines abgeschlossenen Moments (Douyins erstes Jahr, "
        "der Testaccount im Februar 2024): sie veraltet nicht, `make check-data` meldet sie nie.",
    )


Scope = Literal["Welt", "Europa", "EU", "Deutschland", "USA", "China", "Testaccount"]


class Stat(Figure):
    scope: Scope = Field(description="Geltungsbereich der Zahl.")
    chart: str = Field(
        default="",
        description="Optional: Name einer Diagrammreihe; Einträge mit gleichem Namen "
        "werden als Balkendiagramm verglichen.",
    )


# --- one model per data file -------------------------------------------------


class TimelineEvent(Record):
    id: Id
    date: PartialDate
    title: Text
    text: Text = Field(description="Ein bis drei Sätze: was geschah.")
    brand: Literal["Douyin", "TikTok", "Musical.ly", "USA", "Europa"] = Field(
        description="Zu welchem Strang der Zeitleiste das Ereignis gehört."
    )
    source: Source


class Law(Record):
    id: Id
    name: Text = Field(description="Amtlicher Name des Gesetzes.")
    short_names: list[Text] = Field(min_length=1, description="Kurznamen, z. B. [DSGVO, GDPR].")
    jurisdiction: Text = Field(description="Wo es gilt, z. B. „EU/EWR“.")
    adopted: PartialDate = Field(description="Verabschiedet/erlassen am.")
    applicable: PartialDate = Field(description="Anwendbar/wirksam ab.")
    regulates: Text = Field(description="Was es regelt, in einem Satz.")
    url: HttpUrl = Field(description="Amtliche Fundstelle.")
    sme: Text = Field(description="Was das Gesetz für ein KMU bedeutet, das TikTok nutzt.")
    in_article: bool = Field(description="Nennt der Artikel dieses Gesetz?")
    note: str = ""


class Case(Record):
    id: Id
    who: Text
    sector: Text
    area: Literal["Handel & E-Commerce", "HR & Personalsuche"]
    format: Literal["Live", "Videos", "Videos und Live"]
    summary: Text = Field(description="Was sie auf TikTok tun.")
    what_worked: Text = Field(description="Was laut Artikel funktioniert hat.")
    figures: list[Figure] = Field(default_factory=list, description="Zahlen, die der Artikel nennt.")
    source: Source


class Platform(Record):
    id: Id
    name: Text
    operator: Text
    first_audience: Text = Field(description="Wer ein neues Video zuerst sieht.")
    signals: Text = Field(description="Welche Signale die weitere Verbreitung steuern.")
    followers_role: Text = Field(description="Welche Rolle Follower/Abonnenten spielen.")
    organic_reach: Text = Field(description="Wie sich die organische Reichweite entwickelt.")
    source: Source


class Fine(Record):
    id: Id
    authority: Text
    country: Text
    date: PartialDate
    amount: float | None = Field(description="Betrag als Zahl; leer (null), wenn noch offen.")
    currency: Literal["EUR", "USD", "GBP", "KRW"] | None = None
    law: Text = Field(description="Rechtsgrundlage, z. B. „DSGVO Art. 46“ oder „COPPA“.")
    laws: list[Id] = Field(
        default_factory=list,
        description="ids der Gesetze aus data/laws.yml, auf die sich das Verfahren stützt "
        "(leer, wenn das Gesetz dort nicht steht).",
    )
    reason: Text
    status: Literal["Bußgeld", "Vergleich", "Verfahren offen", "Klage offen"]
    source: Source


class GlossaryEntry(Record):
    id: Id
    term: Text = Field(description="Der Begriff, wie er im Text steht, z. B. „For-You-Page“.")
    forms: list[Text] = Field(
        default_factory=list,
        description="Weitere Schreibweisen im Text, die denselben Tooltip bekommen, z. B. [FYP].",
    )
    definition: Text = Field(
        description="Erklärung in ein bis zwei Sätzen (Klartext, erscheint als Tooltip)."
    )


class Person(Record):
    name: Text
    bio: str = ""


class Publisher(Record):
    name: str = Field(
        default="", description="Leer lassen, wenn unbekannt: die Seite zeigt dann „Angabe fehlt“."
    )
    street: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    responsible: str = Field(default="", description="Verantwortlich nach § 18 Abs. 2 MStV.")


class SiteInfo(Record):
    title: Text
    teaser: Text
    author: Person
    publisher: Publisher
    published: PartialDate = Field(description="Veröffentlichungsdatum des Artikels.")
    updated: PartialDate = Field(description="Letzte inhaltliche Überarbeitung.")
    stale_after_months: int = Field(gt=0, description="Ab welchem Alter ein Fakt als veraltet gilt.")


# --- file roots --------------------------------------------------------------


class TimelineFile(RootModel[list[TimelineEvent]]):
    pass


class StatsFile(RootModel[list[Stat]]):
    pass


class LawsFile(RootModel[list[Law]]):
    pass


class CasesFile(RootModel[list[Case]]):
    pass


class PlatformsFile(RootModel[list[Platform]]):
    pass


class FinesFile(RootModel[list[Fine]]):
    pass


class GlossaryFile(RootModel[list[GlossaryEntry]]):
    pass



# --- reach calculator (data/reach.yml) ---------------------------------------

Rate = Annotated[float, Field(ge=0, le=1, description="Anteil zwischen 0 und 1 (0.05 = 5 %).")]


class Parameter(Record):
    value: float = Field(ge=0)
    meaning: Text = Field(description="Was der Parameter bedeutet.")
    why: Text = Field(description="Warum er diesen Wert hat (Bezug zum Artikel).")


class Wave(Record):
    completion_min: Rate = Field(description="Nötige Abschlussrate (ganz angesehen).")
    interaction_min: float = Field(ge=0, description="Nötige gewichtete Interaktionsrate.")


class InteractionWeights(Record):
    like: float = Field(ge=0)
    comment: float = Field(ge=0)
    share: float = Field(ge=0)
    save: float = Field(ge=0)


class Scenario(Record):
    id: Id
    label: Text
    completion: Rate
    like: Rate
    comment: Rate
    share: Rate
    save: Rate


class Calibration(Record):
    followers_fact: Id = Field(description="Fakt-id: Follower des Testaccounts.")
    snapshots: list[Id] = Field(
        min_length=1, description="Präfixe der Fakt-ids je Stichtag, z. B. test_video_2024_02."
    )
    assumed_completion: Rate = Field(description="Angenommene Abschlussrate (Artikel nennt keine).")
    share_rate: Rate = Field(description="Angenommene Teilen-Rate (Artikel nennt keine).")
    tolerance: float = Field(gt=0, lt=1, description="Erlaubte Abweichung (0.25 = ±25 %).")
    why: Text


class ReachModel(Record):
    initial_audience: Parameter
    follower_share: Parameter
    growth_factor: Parameter
    max_wave_views: Parameter
    weights: InteractionWeights
    weights_why: Text
    waves: list[Wave] = Field(min_length=1)
    waves_why: Text
    scenario_followers: list[int] = Field(min_length=1)
    scenarios: list[Scenario] = Field(min_length=1)
    calibration: Calibration
