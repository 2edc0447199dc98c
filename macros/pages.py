"""The macros that pages call, as plain Python over the loaded data (no MkDocs import).

`fact()` and `when()` return a figure or date with a footnote marker; `footnotes()` returns the
definitions for everything cited on the current page, so each number shows its source.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from pathlib import Path

from . import calculator, fmt, knowledge, render, text
from .data import SiteData


class UnknownIdError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def _unknown(kind: str, wanted: str, known: list[str], page: str) -> UnknownIdError:
    close = difflib.get_close_matches(wanted, known, n=3)
    hint = f" Meinten Sie: {', '.join(close)}?" if close else ""
    return UnknownIdError(
        f"Seite docs/{page}: unbekannte {kind} „{wanted}“ – sie steht nicht in data/.{hint}"
    )


class PageMacros:
    def __init__(self, data: SiteData, current_page: Callable[[], str], docs_dir: Path):
        self.data = data
        self._current_page = current_page
        self._docs_dir = docs_dir
        self._cited: dict[str, str] = {}
        self._events = {event.id: event for event in data.timeline}

    # --- per page ---------------------------------------------------------

    def start_page(self) -> None:
        self._cited = {}

    def footnotes(self) -> str:
        """Footnote definitions for the figures and dates cited on this page."""
        if not self._cited:
            return ""
        return "\n\n" + "\n".join(self._cited.values()) + "\n"

    # --- inline facts -----------------------------------------------------

    def fact(self, fact_id: str) -> str:
        """A figure in the prose, German-formatted, with its source as footnote."""
        figure = self.data.facts.get(fact_id)
        if figure is None:
            raise _unknown("Fakt-id", fact_id, list(self.data.facts), self._current_page())
        label = f"fakt-{fact_id}"
        self._cited.setdefault(
            label, render.footnote(label, figure.source, figure.as_of, figure.note)
        )
        value = f"{text.markdown(render.figure_value(figure))}[^{label}]"
        if figure.current:
            newer = self.data.facts[figure.current]
            return f"{value} {knowledge.update_note(figure, newer, self._current_page())}"
        return value

    def when(self, event_id: str) -> str:
        """The date of a timeline event in the prose, with its source as footnote."""
        event = self._events.get(event_id)
        if event is None:
            raise _unknown("Ereignis-id", event_id, list(self._events), self._current_page())
        label = f"datum-{event_id}"
        self._cited.setdefault(label, render.footnote(label, event.source, event.date))
        return f"{fmt.partial_date(event.date)}[^{label}]"

    # --- site facts -------------------------------------------------------

    def reading_minutes(self, words_per_minute: int = 200) -> int:
        """Reading time of the whole article (all pages under docs/artikel/)."""
        words = 0
        for page in (self._docs_dir / "artikel").glob("*.md"):
            text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|^---.*?---", " ", page.read_text("utf-8"), flags=re.S)
            words += len(re.findall(r"\w+", text))
        return math.ceil(words / words_per_minute)

    def published(self) -> str:
        return fmt.partial_date(self.data.site.published)

    def updated(self) -> str:
        return fmt.partial_date(self.data.site.updated)

    def publisher_field(self, field: str) -> str:
        """A publisher detail for the Impressum, or a visible marker where none is known."""
        value = getattr(self.data.site.publisher, field)
        if value:
            return text.markdown(value)
        return '<span class="kompass-missing">Angabe fehlt</span>'

    def article_meta(self, site_name: str) -> dict[str, str]:
        """Author, publisher and dates for JSON-LD, from data/site.yml."""
        site = self.data.site
        return {
            "title": site.title,
            "author": site.author.name,
            "publisher": site.publisher.name or site_name,
            "published": site.published,
            "updated": site.updated,
        }

    # --- tables -----------------------------------------------------------

    def exported(self) -> dict[str, Callable[..., object]]:
        d = self.data
        return {
            "fact": self.fact,
            "when": self.when,
            "reading_minutes": self.reading_minutes,
            "published": self.published,
            "updated": self.updated,
            "publisher": self.publisher_field,
            "timeline": lambda: render.timeline_visual(d.timeline),
            "timeline_table": lambda: render.timeline_table(d.timeline),
            "stats_table": lambda scope=None: render.stats_table(d.stats, scope),
            "stats_charts": lambda: render.stats_charts(d.stats),
            "laws_table": lambda: render.laws_table(d.laws),
            "fines_table": lambda: render.fines_table(d.fines),
            "cases_table": lambda area=None: render.cases_table(d.cases, area),
            "platforms_table": lambda: render.platforms_table(d.platforms),
            "fact_register": lambda: render.fact_register(d.facts),
            "glossary": lambda: knowledge.glossary_list(d.glossary),
            "laws_list": lambda: knowledge.laws_list(d.laws, self._current_page()),
            "case_sections": lambda area: knowledge.case_sections(d.cases, area),
            "since_article": lambda: knowledge.since_article(d),
            "reach_parameters": lambda: calculator.parameters_table(d.reach),
            "reach_waves": lambda: calculator.waves_table(d.reach),
            "reach_scenarios": lambda: calculator.scenarios_table(d.reach),
            "reach_calibration": lambda: calculator.calibration_table(d.reach, d.facts),
            "reach_calculator": lambda: calculator.calculator_form(d.reach),
        }
