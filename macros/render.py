"""Pure renderers: models in, HTML or Markdown out. No MkDocs import.

HTML comes from Jinja templates in `macros/templates/` with autoescape on, so text from
YAML always appears as text. Markdown (footnotes) goes through `macros.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import fmt, text
from .models import ArticleFix, Case, Figure, Fine, Law, LawChange, Platform, Source, Stat, TimelineEvent

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_template(name: str, **context: object) -> str:
    """Render a template as one raw-HTML block (no blank lines, so Markdown leaves it alone)."""
    output = _TEMPLATES.get_template(name).render(**context)
    return "\n".join(line for line in output.splitlines() if line.strip())


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    after: str = ""
    before: str = ""


Cell = str | Link


SHORT_CELL = 14  # characters: a column of values no longer than this never wraps (amounts, dates)
WIDE_TABLE = 6  # columns: from here long words may break anywhere, or the table would not fit


def _cell_text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Link) else cell


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]],
          row_ids: Sequence[str] = ()) -> str:
    """An accessible table; `row_ids` give rows an anchor (`id`) to link to."""
    rows = list(rows)
    short = [all(len(_cell_text(row[index])) <= SHORT_CELL for row in rows) for index in range(len(headers))]
    return render_template("table.html", caption=caption, headers=headers, rows=rows,
                           row_ids=list(row_ids), short=short, wide=len(headers) >= WIDE_TABLE)


def source_cell(source: Source, as_of: str | None = None) -> Link:
    # May wrap after "Stand:" in a narrow column, never between month and year.
    after = f"(Stand: {fmt.month_year(as_of).replace(' ', fmt.NBSP)})" if as_of else ""
    return Link(source.title, str(source.url), after)


# --- figures in prose ----------------------------------------------------------


def figure_value(figure: Figure) -> str:
    """25,7 Mio. · 100 € · for a reported range: 800 Mio.–1 Mrd. $"""
    if figure.low is None:
        return fmt.quantity(figure.value, figure.unit)
    high = fmt.quantity(figure.value, figure.unit)
    if not figure.unit:
        return f"{fmt.number(figure.low)}–{high}"
    return f"{fmt.quantity(figure.low, figure.unit).rsplit(fmt.NBSP, 1)[0]}–{high}"


def newer_figure(newer: Figure) -> str:
    """How a superseded figure names the one that replaces it: value and month."""
    return f"{figure_value(newer)} ({fmt.month_year(newer.as_of)})"


STALE_TEXT = "prüfbedürftig"


def footnote(label: str, source: Source, as_of: str, note: str = "", stale: bool = False) -> str:
    """A footnote definition naming the source and its date (and „prüfbedürftig“ if stale)."""
    extra = f" {text.markdown(note)}" if note else ""
    stand = fmt.partial_date(as_of) + (f" ({STALE_TEXT})" if stale else "")
    return f"[^{label}]: Quelle: {text.markdown_link(source.title, str(source.url))}, Stand: {stand}.{extra}"


# --- tables for each kind of fact ------------------------------------------


def timeline_table(events: Sequence[TimelineEvent],
                   caption: str = "Zeitleiste von Douyin, Musical.ly und TikTok") -> str:
    rows = [
        (fmt.partial_date(e.date), e.brand, e.title, e.text, source_cell(e.source))
        for e in sorted(events, key=lambda e: e.date)
    ]
    headers = ("Datum", "Strang", "Ereignis", "Was geschah", "Quelle")
    return table(caption, headers, rows)


def _strand_css(brand: str) -> str:
    return re.sub(r"[^a-z]", "", brand.lower())


def timeline_visual(events: Sequence[TimelineEvent]) -> str:
    ordered = sorted(events, key=lambda e: e.date)
    items = [
        {
            "date": fmt.partial_date(e.date),
            "iso": e.date,
            "brand": e.brand,
            "css": _strand_css(e.brand),
            "title": e.title,
            "text": e.text,
        }
        for e in ordered
    ]
    brands = list(dict.fromkeys(e.brand for e in ordered))  # in order of first appearance
    strands = [{"name": brand, "css": _strand_css(brand)} for brand in brands]
    caption = f"{len(items)} Ereignisse, die ältesten zuerst; die Farbe zeigt den Strang"
    return render_template("timeline.html", caption=caption, events=items, strands=strands)


def marked_value(figure: Figure, stale: AbstractSet[str]) -> str:
    """The value, with „(prüfbedürftig)“ for a figure `make check-data` warns about."""
    value = figure_value(figure)
    return f"{value} ({STALE_TEXT})" if figure.id in stale else value


def stats_table(stats: Sequence[Stat], scope: str | None = None, caption: str = "",
                stale: AbstractSet[str] = frozenset()) -> str:
    chosen = [s for s in stats if scope is None or s.scope == scope]
    rows = [
        (s.metric, s.scope, marked_value(s, stale), s.note or "–", source_cell(s.source, s.as_of))
        for s in chosen
    ]
    caption = caption or (f"Nutzungszahlen ({scope})" if scope else "Nutzungszahlen")
    return table(caption, ("Kennzahl", "Bezug", "Wert", "Hinweis", "Quelle und Stand"), rows)


SMALLEST_BAR_PERCENT = 1.0  # a value above zero stays visible as a bar


def bar_percent(value: float, largest: float) -> float:
    """A bar's length as percent of the chart's largest value; above zero at least a sliver."""
    if value <= 0 or largest <= 0:
        return 0.0
    return max(round(100 * value / largest, 2), SMALLEST_BAR_PERCENT)


def _bar_label(stat: Stat, scopes: set[str]) -> str:
    when = fmt.month_year(stat.as_of)
    return when if len(scopes) == 1 else f"{when} · {stat.scope}"


def stats_chart(name: str, entries: Sequence[Stat]) -> str:
    """One chart: the bars of one series on one scale, oldest first."""
    largest = max(s.value for s in entries)
    scopes = {s.scope for s in entries}
    metrics = list(dict.fromkeys(s.metric for s in entries))
    bars = [
        {
            "label": _bar_label(s, scopes),
            "value": figure_value(s),
            "raw": s.value,
            "percent": bar_percent(s.value, largest),
        }
        for s in sorted(entries, key=lambda s: s.as_of)
    ]
    return render_template("chart.html", caption=name, metric=" / ".join(metrics), bars=bars)


def stats_charts(stats: Sequence[Stat]) -> str:
    """One bar chart per `chart` series with at least two entries."""
    series: dict[str, list[Stat]] = {}
    for stat in stats:
        if stat.chart:
            series.setdefault(stat.chart, []).append(stat)
    return "\n\n".join(stats_chart(name, entries) for name, entries in series.items()
                        if len(entries) >= 2)


def key_figures(figures: Sequence[Figure], stale: AbstractSet[str] = frozenset()) -> str:
    """A few figures as large numbers, each with what it counts, its date and its source, and
    „prüfbedürftig“ where `make check-data` warns about it."""
    items = [
        {
            "id": f.id,
            "value": figure_value(f),
            "scope": getattr(f, "scope", ""),
            "metric": f.metric,
            "as_of": fmt.partial_date(f.as_of),
            "source": f.source.title,
            "url": str(f.source.url),
            "stale": STALE_TEXT if f.id in stale else "",
        }
        for f in figures
    ]
    return render_template("figures.html", figures=items)


def laws_table(laws: Sequence[Law]) -> str:
    rows = [
        (
            " / ".join(law.short_names),
            law.name,
            law.jurisdiction,
            f"{fmt.partial_date(law.adopted)} / {fmt.partial_date(law.applicable)}",
            law.regulates + (f" {law.note}" if law.note else ""),
            Link("Amtlicher Text", str(law.url)),
        )
        for law in laws
    ]
    headers = ("Kurzname", "Amtlicher Name", "Gilt in", "Erlassen / anwendbar ab", "Regelt",
               "Fundstelle")
    return table("Datenschutzgesetze, die TikTok betreffen", headers, rows)


def fines_table(fines: Sequence[Fine],
                caption: str = "Datenschutz-Bußgelder und Verfahren gegen TikTok") -> str:
    rows = [
        (
            fmt.partial_date(f.date),
            f"{f.authority}, {f.country}",
            fmt.amount(f.amount, f.currency) if f.amount is not None and f.currency else "offen",
            f"{f.status} (Stand: {fmt.partial_date(f.status_as_of)})",
            f"{f.reason} ({f.law})",
            source_cell(f.source),
        )
        for f in sorted(fines, key=lambda f: f.date)
    ]
    headers = ("Datum", "Behörde", "Betrag", "Status (Stand der Quelle)", "Grund (Rechtsgrundlage)",
               "Quelle")
    return table(caption, headers, rows)


def law_changes_table(changes: Sequence[tuple[Law, LawChange]], caption: str) -> str:
    rows = [
        (fmt.partial_date(change.date), " / ".join(law.short_names), change.text,
         source_cell(change.source))
        for law, change in sorted(changes, key=lambda pair: pair[1].date)
    ]
    return table(caption, ("Datum", "Gesetz", "Änderung", "Quelle"), rows)


def article_fixes_list(fixes: Sequence[ArticleFix]) -> str:
    """Markdown list of the corrected slips in the author's text (for an editorial box)."""
    return "\n".join(
        f"- {text.markdown(fix.page.removeprefix('artikel/').removesuffix('.md'))}: "
        f"„{text.markdown(fix.original)}“ → „{text.markdown(fix.corrected)}“ – {text.markdown(fix.reason)}"
        for fix in fixes
    )


def cases_table(cases: Sequence[Case], area: str | None = None) -> str:
    rows = [
        (
            c.who,
            c.sector,
            c.format,
            c.summary,
            "; ".join(f"{f.metric}: {f.as_written or figure_value(f)}" for f in c.figures) or "–",
            source_cell(c.source),
        )
        for c in cases
        if area is None or c.area == area
    ]
    headers = ("Wer", "Branche", "Format", "Was sie tun", "Zahlen laut Artikel", "Quelle")
    return table(f"Praxisbeispiele: {area}" if area else "Praxisbeispiele", headers, rows)


def platforms_table(platforms: Sequence[Platform]) -> str:
    rows = [
        (p.name, p.first_audience, p.signals, p.followers_role, p.organic_reach)
        for p in platforms
    ]
    headers = ("Plattform", "Wer sieht ein neues Video zuerst?", "Was die Verbreitung steuert",
               "Rolle der Follower", "Organische Reichweite")
    return table("Wie die Plattformen Kurzvideos verteilen (laut Artikel)", headers, rows)


def _as_of_cell(figure: Figure, facts: Mapping[str, Figure]) -> Cell:
    """The as-of date; for a superseded figure also a link to the row of the newer one."""
    as_of = fmt.partial_date(figure.as_of)
    if not figure.current:
        return as_of
    newer = facts[figure.current]
    return Link(newer_figure(newer), f"#fakt-{newer.id}", before=f"{as_of} · neuer:")


def fact_register(facts: Mapping[str, Figure], stale: AbstractSet[str] = frozenset()) -> str:
    """Every figure with value, date and source, oldest first; rows keep the anchor `fakt-<id>`."""
    ordered = sorted(facts.values(), key=lambda f: (f.as_of, f.id))
    rows = [
        (f.metric, _exact_value(f, stale), _as_of_cell(f, facts), source_cell(f.source))
        for f in ordered
    ]
    headers = ("Kennzahl", "Wert", "Stand", "Quelle")
    return table("Alle Zahlen der Website, älteste zuerst", headers, rows,
                 row_ids=[f"fakt-{f.id}" for f in ordered])


def _exact_value(figure: Figure, stale: AbstractSet[str]) -> str:
    """The value as the site shows it (marked if stale), with the exact number (or range, for a
    figure reported as one) where the short form rounds."""
    shown = marked_value(figure, stale)
    exact = fmt.full_number(figure.value)
    if figure.low is not None:
        exact = f"{fmt.full_number(figure.low)}–{exact}"
    return shown if exact in shown else f"{shown} ({exact})"
