"""The macros that pages call, as plain Python over the loaded data (no MkDocs import).

`fact()` and `when()` return a figure or date with a footnote marker; `finish_page()` adds the
definitions for everything cited on the current page, so each number shows its source, and
puts the editorial notes about newer or outdated figures after the paragraph that cites them,
never inside the author's sentence.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from . import calculator, editorial, fmt, knowledge, relations, render, staleness, text, wording
from .data import SiteData
from .models import Figure

WORD_JOINER = "\u2060"  # keeps the source marker on the line of the figure it belongs to


class UnknownIdError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def _unknown(kind: str, wanted: str, known: list[str], page: str) -> UnknownIdError:
    close = difflib.get_close_matches(wanted, known, n=3)
    hint = f" Meintest du: {', '.join(close)}?" if close else ""
    return UnknownIdError(
        f"Seite docs/{page}: unbekannte {kind} „{wanted}“ – sie steht nicht in data/.{hint}"
    )


class PageMacros:
    def __init__(self, data: SiteData, current_page: Callable[[], str], docs_dir: Path,
                 page_meta: Callable[[], Mapping[str, object]] = dict,
                 today: dt.date | None = None):
        self.data = data
        self._current_page = current_page
        self._page_meta = page_meta
        self._docs_dir = docs_dir
        self._cited: dict[str, str] = {}
        self._notes: dict[str, str] = {}
        self._events = {event.id: event for event in data.timeline}
        self.stale = staleness.stale_ids(data, today or dt.date.today())

    # --- per page ---------------------------------------------------------

    def start_page(self) -> None:
        self._cited = {}
        self._notes = {}

    def finish_page(self, markdown: str) -> str:
        """The page with its editorial notes after the cited paragraphs and its footnotes."""
        markdown = editorial.place_after_paragraphs(markdown, self._notes)
        if not self._cited:
            return markdown
        return markdown + "\n\n" + "\n".join(self._cited.values()) + "\n"

    # --- inline facts -----------------------------------------------------

    def fact(self, fact_id: str, as_written: str = "") -> str:
        """A figure in the prose with its source as footnote.

        In the author's text pass his words (`fact("downloads_2021", "drei Milliarden")`): they
        are printed unchanged, and the build fails if they disagree with the data. Without them
        the data's value is printed, German-formatted (for editorial text).
        """
        figure = self.data.facts.get(fact_id)
        if figure is None:
            raise _unknown("Fakt-id", fact_id, list(self.data.facts), self._current_page())
        if as_written:
            wording.check(as_written, figure, f"Seite docs/{self._current_page()}")
        label = f"fakt-{fact_id}"
        stale = fact_id in self.stale
        self._cited.setdefault(
            label, render.footnote(label, figure.source, figure.as_of, figure.note, stale=stale)
        )
        newest = relations.newest(figure, self.data.facts)
        if newest is not figure or stale:
            self._notes.setdefault(f"[^{label}]", self._figure_note(figure, newest, as_written))
        shown = text.markdown(as_written) if as_written else text.markdown(render.figure_value(figure))
        return f"{shown}{WORD_JOINER}[^{label}]"

    def _figure_note(self, figure: Figure, newest: Figure, as_written: str) -> str:
        stale_after = self.data.site.stale_after_months if newest.id in self.stale else None
        text = knowledge.update_note(figure, newest, self._current_page(), as_written, stale_after)
        return editorial.block(text, self.editorial_date())

    # --- editorial layer --------------------------------------------------

    def editorial_date(self, date: str = "") -> str:
        """The date an editorial note was written: the argument, else the page's `redaktion`."""
        chosen = date or str(self._page_meta().get("redaktion", "") or "")
        return editorial.checked_date(chosen, f"Seite docs/{self._current_page()}")

    def editorial_title(self, date: str = "") -> str:
        """Title of an „Anmerkung der Redaktion“ box: `!!! redaktion "{{ anmerkung() }}"`."""
        return editorial.title(self.editorial_date(date))

    def when(self, event_id: str, as_written: str = "") -> str:
        """The date of a timeline event in the prose, with its source as footnote.

        In the author's text pass his words (`when("merger", "August 2018")`): they are printed
        unchanged, and the build fails unless they name the event's date (at any precision).
        """
        event = self._events.get(event_id)
        if event is None:
            raise _unknown("Ereignis-id", event_id, list(self._events), self._current_page())
        if as_written:
            wording.check_date(as_written, event.date, event.id, f"Seite docs/{self._current_page()}")
        label = f"datum-{event_id}"
        self._cited.setdefault(label, render.footnote(label, event.source, event.date))
        shown = text.markdown(as_written) if as_written else fmt.partial_date(event.date)
        return f"{shown}{WORD_JOINER}[^{label}]"

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

    def article_meta(self) -> dict[str, str]:
        """Author, publisher and dates for JSON-LD, from data/site.yml."""
        site = self.data.site
        return {
            "title": site.title,
            "author": site.author.name,
            "publisher": site.publisher.name,
            "published": site.published,
            "updated": site.updated,
            "updated_text": fmt.partial_date(site.updated),
        }

    def key_figures(self, *fact_ids: str) -> str:
        """Large key figures with date and source (start page)."""
        for fact_id in fact_ids:
            if fact_id not in self.data.facts:
                raise _unknown("Fakt-id", fact_id, list(self.data.facts), self._current_page())
        return render.key_figures([self.data.facts[fact_id] for fact_id in fact_ids], self.stale)

    # --- tables -----------------------------------------------------------

    def exported(self) -> dict[str, Callable[..., object]]:
        d = self.data
        return {
            "fact": self.fact,
            "anmerkung": self.editorial_title,
            "when": self.when,
            "reading_minutes": self.reading_minutes,
            "published": self.published,
            "updated": self.updated,
            "publisher": self.publisher_field,
            "timeline": lambda: render.timeline_visual(d.timeline),
            "timeline_table": lambda: render.timeline_table(d.timeline),
            "stats_table": lambda scope=None: render.stats_table(d.stats, scope, stale=self.stale),
            "stats_charts": lambda: render.stats_charts(d.stats),
            "laws_table": lambda: render.laws_table(d.laws),
            "fines_table": lambda: render.fines_table(d.fines),
            "cases_table": lambda area=None: render.cases_table(d.cases, area),
            "platforms_table": lambda: render.platforms_table(d.platforms),
            "article_fixes": lambda: render.article_fixes_list(d.article_fixes),
            "fact_register": lambda: render.fact_register(d.facts, self.stale),
            "key_figures": self.key_figures,
            "glossary": lambda: knowledge.glossary_list(d.glossary),
            "laws_list": lambda: knowledge.laws_list(d.laws, self._current_page()),
            "case_sections": lambda area: knowledge.case_sections(d.cases, area),
            "since_article": lambda part, brand="": knowledge.since_article(d, self.stale, part, brand),
            "reach_parameters": lambda: calculator.parameters_table(d.reach),
            "reach_waves": lambda: calculator.waves_table(d.reach),
            "reach_scenarios": lambda: calculator.scenarios_table(d.reach),
            "reach_calibration": lambda: calculator.calibration_table(d.reach, d.facts),
            "reach_calculator": lambda: calculator.calculator_form(d.reach),
        }
