"""Pydantic models: one per kind of fact in `data/*.yml`.

The models are the schema. `make schemas` writes them as JSON Schema to `data/schemas/`,
which editors' YAML plug-ins use for autocompletion. Field descriptions are German because
editors see them there.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
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


def _not_in_future(text: str) -> str:
    """A partial date is in the future when even its first day lies after today."""
    parts = [int(part) for part in text.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    if dt.date(year, month, day) > dt.date.today():
        raise ValueError(f"liegt in der Zukunft; ein Stand kann höchstens heute ({dt.date.today()}) sein")
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

AsOf = Annotated[PartialDate, AfterValidator(_not_in_future)]

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
RESERVED_IDS = {"index"}  # `wissen/gesetze/index.md` is the laws overview


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"„{value}“ ist reserviert (Name einer Übersichtsseite); bitte eine andere id")
    return value


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=60,
        description="Eindeutiger Schlüssel: Kleinbuchstaben, Ziffern, Unterstrich. Nie ändern, "
        "denn Seiten verweisen darauf.",
    ),
    AfterValidator(_not_reserved),
]

_CONTROL = frozenset(chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]) - {"\n", "\t"}


def _no_control_characters(value: str) -> str:
    found = next((char for char in value if char in _CONTROL), None)
    if found is not None:
        raise ValueError(f"enthält ein unsichtbares Steuerzeichen (U+{ord(found):04X}); bitte entfernen")
    return value


PlainText = Annotated[str, AfterValidator(_no_control_characters)]
Text = Annotated[
    PlainText, Field(min_length=1, description="Klartext (kein HTML, kein Markdown).")
]

# Short labels that become page titles, nav entries or part of a number: letters, digits and a
# few signs, never markup. `macros/text.py` escapes them anyway; this tells the editor early.
SHORT_NAME_PATTERN = r"^[\w][\w .\-]{0,39}$"
UNIT_PATTERN = r"^[\w%./ €$£-]{0,20}$"
ShortName = Annotated[
    Text,
    Field(pattern=SHORT_NAME_PATTERN,
          description="Kurzname: Buchstaben, Ziffern, Leerzeichen, Punkt, Bindestrich; "
          "höchstens 40 Zeichen."),
]
Unit = Annotated[
    str,
    Field(pattern=UNIT_PATTERN,
          description="Einheit: leer für Anzahlen, „%“, „Min./Tag“, „EUR“, „USD“, „GBP“, „KRW“ …"),
]

MAX_VALUE = 1e15  # far above any figure here (world population 8e9, KRW fines 1e10)
Amount = Annotated[float, Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=10**12)]
Currency = Literal["EUR", "USD", "GBP", "KRW"]


class Record(BaseModel):
    """Common settings: unknown fields are errors (catches typos like `soruce`). A record's own
    validator is built when it is first used, not at import: most records are only ever checked
    inside a file's model, whose validator includes theirs (saves a third of the import)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


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
    value: Amount = Field(description="Der Wert als Zahl, ohne Tausenderpunkte: 25700000")
    low: Amount | None = Field(
        default=None,
        description="Optional: untere Grenze, wenn nur eine Spanne berichtet ist (z. B. "
        "800000000 bei „800 Mio. bis 1 Mrd.“); `value` ist dann die obere Grenze.",
    )
    unit: Unit = ""
    as_of: AsOf = Field(description="Stand: wann die Zahl galt (nicht: wann notiert).")
    source: Source
    note: PlainText = Field(default="", description="Hinweis für Leser, z. B. was heute aktueller ist.")
    current: Annotated[str, Field(pattern=r"^$|" + ID_PATTERN)] = Field(
        default="",
        description="Optional: id einer neueren Zahl, die diese ablöst. Der Artikel zeigt dann "
        "neben der alten Zahl einen sichtbaren Hinweis mit Link auf die neuere.",
    )
    as_written: str = Field(
        default="",
        description="Optional: wie der Artikel die Zahl nennt, mit „um die“, „über“, „mehr als“ "
        "(Praxisbeispiele zeigen dann seine Worte statt der nackten Zahl).",
    )
    historical: bool = Field(
        default=False,
        description="true für die Zahl eines abgeschlossenen Moments (Douyins erstes Jahr, "
        "der Testaccount im Februar 2024): sie veraltet nicht, `make check-data` meldet sie nie.",
    )

    @model_validator(mode="after")
    def _not_its_own_successor(self) -> Figure:
        if self.current and self.current == self.id:
            raise ValueError(f"„current“ nennt die eigene id „{self.id}“; erwartet die id einer neueren Zahl")
        return self


Scope = Literal["Welt", "Europa", "EU", "Deutschland", "USA", "China", "Testaccount"]


class Stat(Figure):
    scope: Scope = Field(description="Geltungsbereich der Zahl.")
    chart: PlainText = Field(
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


class LawChange(Record):
    date: PartialDate = Field(description="Wann die Änderung gilt (oder beschlossen wurde).")
    text: Text = Field(description="Was sich geändert hat, in einem Satz.")
    source: Source


class Law(Record):
    id: Id
    name: Text = Field(description="Amtlicher Name des Gesetzes.")
    short_names: list[ShortName] = Field(min_length=1, description="Kurznamen, z. B. [DSGVO, GDPR].")
    jurisdiction: Text = Field(description="Wo es gilt, z. B. „EU/EWR“.")
    adopted: PartialDate = Field(description="Verabschiedet/erlassen am.")
    applicable: PartialDate = Field(description="Anwendbar/wirksam ab.")
    regulates: Text = Field(description="Was es regelt, in einem Satz.")
    url: HttpUrl = Field(description="Amtliche Fundstelle.")
    sme: Text = Field(description="Was das Gesetz für ein KMU bedeutet, das TikTok nutzt.")
    in_article: bool = Field(description="Nennt der Artikel dieses Gesetz?")
    note: PlainText = ""
    changes: list[LawChange] = Field(
        default_factory=list, description="Spätere Änderungen, jede mit Datum und Quelle."
    )


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
    amount: Amount | None = Field(description="Betrag als Zahl; leer (null), wenn noch offen.")
    currency: Currency | None = None
    law: Text = Field(description="Rechtsgrundlage, z. B. „DSGVO Art. 46“ oder „COPPA“.")
    laws: list[Id] = Field(
        default_factory=list,
        description="ids der Gesetze aus data/laws.yml, auf die sich das Verfahren stützt "
        "(leer, wenn das Gesetz dort nicht steht).",
    )
    reason: Text
    status: Literal["Bußgeld", "Vergleich", "Verfahren offen", "Klage offen"]
    status_as_of: PartialDate = Field(
        description="Stand des Status: das Datum der jüngsten Quelle, die ihn bestätigt."
    )
    source: Source

    @model_validator(mode="after")
    def _amount_has_currency(self) -> Fine:
        if self.amount is not None and self.currency is None:
            raise ValueError("ein Betrag braucht eine Währung: Feld „currency“ (EUR, USD, GBP, KRW)")
        return self


class GlossaryEntry(Record):
    id: Id
    term: Annotated[Text, Field(max_length=80)] = Field(
        description="Der Begriff, wie er im Text steht, z. B. „For-You-Seite“.")
    forms: list[Annotated[Text, Field(max_length=80)]] = Field(
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


class Hosting(Record):
    """Who serves the site: named in the privacy statement with its own privacy information."""

    name: Text = Field(description="Dienst, z. B. „GitHub Pages“.")
    operator: Text = Field(description="Betreiber mit Sitz, z. B. „GitHub, Inc., San Francisco, USA“.")
    privacy_url: HttpUrl = Field(description="Datenschutzerklärung des Anbieters.")
    logs_url: HttpUrl = Field(description="Wo der Anbieter beschreibt, was er bei Seitenaufrufen speichert.")
    logs: Text = Field(description="Was der Anbieter laut dieser Seite speichert, in einem Satz.")
    retention: Text = Field(description="Wie lange, soweit der Anbieter es sagt (sonst: keine Angabe).")


class SiteInfo(Record):
    title: Text
    teaser: Text
    author: Person
    publisher: Publisher
    hosting: Hosting
    published: PartialDate = Field(description="Veröffentlichungsdatum des Artikels.")
    written_after: PartialDate = Field(
        description="Jüngste Angabe im Artikel: er entstand danach. „Seit dem Artikel“ zeigt, "
        "was später datiert ist."
    )
    updated: PartialDate = Field(description="Letzte inhaltliche Überarbeitung.")
    stale_after_months: int = Field(gt=0, le=1200, description="Ab welchem Alter ein Fakt als veraltet gilt.")


class ArticleFix(Record):
    """One corrected slip in the author's text: one word (or its spelling), nothing else."""

    page: Text = Field(description="Seite unter docs/, z. B. artikel/live-handel.md")
    original: Text = Field(description="So steht es im Original, mit etwas Umgebung.")
    corrected: Text = Field(description="So steht es hier.")
    reason: Text = Field(description="Warum (Rechtschreibung, Grammatik).")

    @field_validator("page")
    @classmethod
    def _article_page(cls, value: str) -> str:
        if not re.fullmatch(r"artikel/[a-z0-9-]+\.md", value):
            raise ValueError(f"„{value}“ ist keine Artikelseite; erwartet z. B. artikel/live-handel.md")
        return value

    @field_validator("corrected")
    @classmethod
    def _one_word(cls, value: str, info: ValidationInfo) -> str:
        """Only a slip in one word: same words as `original` except one, no markup."""
        original = info.data.get("original")
        if original is None:
            return value
        if re.search(r"[<>{}\[\]`*_#|\\]|&#?\w+;", value):
            raise ValueError("Markup oder Sonderzeichen (<, >, {, [, `, *, …) gehört nicht in eine "
                             "Korrektur; nur das berichtigte Wort mit seiner Umgebung eintragen")
        before, after = original.split(), value.split()
        while before and after and before[0] == after[0]:
            before, after = before[1:], after[1:]
        while before and after and before[-1] == after[-1]:
            before, after = before[:-1], after[:-1]
        slip = difflib.SequenceMatcher(None, " ".join(before), " ".join(after)).ratio()
        if not (before or after) or len(before) > 2 or len(after) > 2 or slip < 0.5:
            raise ValueError(f"„{value}“ weicht nicht in genau einem Wort von „{original}“ ab; "
                             "eine Korrektur berichtigt nur einen Schreibfehler")
        return value


# --- file roots --------------------------------------------------------------


class TimelineFile(RootModel):
    root: Annotated[list[TimelineEvent], Field(min_length=1)]


class StatsFile(RootModel):
    root: Annotated[list[Stat], Field(min_length=1)]


class LawsFile(RootModel):
    root: Annotated[list[Law], Field(min_length=1)]


class CasesFile(RootModel):
    root: Annotated[list[Case], Field(min_length=1)]


class PlatformsFile(RootModel):
    root: Annotated[list[Platform], Field(min_length=1)]


class FinesFile(RootModel):
    root: Annotated[list[Fine], Field(min_length=1)]


class GlossaryFile(RootModel):
    root: Annotated[list[GlossaryEntry], Field(min_length=1)]


class ArticleFixesFile(RootModel):
    root: list[ArticleFix]



# --- reach calculator (data/reach.yml) ---------------------------------------

Rate = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False,
                              description="Anteil zwischen 0 und 1 (0.05 = 5 %).")]


class Parameter(Record):
    value: Amount
    meaning: Text = Field(description="Was der Parameter bedeutet.")
    why: Text = Field(description="Warum er diesen Wert hat (Bezug zum Artikel).")


class Wave(Record):
    completion_min: Rate = Field(description="Nötige Abschlussrate (ganz angesehen).")
    interaction_min: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = Field(
        description="Nötige gewichtete Interaktionsrate.")


Weight = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class InteractionWeights(Record):
    like: Weight
    comment: Weight
    share: Weight
    save: Weight


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
    tolerance: float = Field(gt=0, lt=1, allow_inf_nan=False,
                             description="Erlaubte Abweichung (0.25 = ±25 %).")
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
    scenario_followers: list[Count] = Field(min_length=1)
    scenarios: list[Scenario] = Field(min_length=1)
    calibration: Calibration
