"""Pure renderers: models in, HTML or Markdown out. No MkDocs import.

HTML comes from Jinja templates in `macros/templates/` with autoescape on, so text from
YAML always appears as text. Markdown (footnotes) goes through `macros.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import fmt, text
from .models import Case, Figure, Fine, Law, Platform, Source, Stat, TimelineEvent

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


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]],
          row_ids: Sequence[str] = ()) -> str:
    """An accessible table; `row_ids` give rows an anchor (`id`) to link to."""
    return render_template("table.html", caption=caption, headers=headers, rows=list(rows),
                           row_ids=list(row_ids))


def source_cell(source: Source, as_of: str | None = None) -> Link:
    after = f"(Stand: {fmt.month_year(as_of)})" if as_of else ""
    return Link(source.title, str(source.url), after)


# --- figures in prose ----------------------------------------------------------


def figure_value(figure: Figure) -> str:
    return fmt.quantity(figure.value, figure.unit)


def newer_figure(newer: Figure) -> str:
    """How a superseded figure names the one that replaces it: value and month."""
    return f"{figure_value(newer)} ({fmt.month_year(newer.as_of)})"


def footnote(label: str, source: Source, as_of: str, note: str = "") -> str:
    """A footnote definition naming the source and its date."""
    extra = f" {text.markdown(note)}" if note else ""
    stand = fmt.partial_date(as_of)
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


def timeline_visual(events: Sequence[TimelineEvent]) -> str:
    items = [
        {
            "date": fmt.partial_date(e.date),
            "iso": e.date,
            "brand": e.brand,
            "css": re.sub(r"[^a-z]", "", e.brand.lower()),
            "title": e.title,
            "text": e.text,
        }
        for e in sorted(events, key=lambda e: e.date)
    ]
    return render_template(
        "timeline.html", caption="Von Douyin über Musical.ly zu TikTok", events=items
    )


def stats_table(stats: Sequence[Stat], scope: str | None = None, caption: str = "") -> str:
    chosen = [s for s in stats if scope is None or s.scope == scope]
    rows = [
        (s.metric, s.scope, figure_value(s), s.note or "–", source_cell(s.source, s.as_of))
        for s in chosen
    ]
    caption = caption or (f"Nutzungszahlen ({scope})" if scope else "Nutzungszahlen")
    return table(caption, ("Kennzahl", "Bezug", "Wert", "Hinweis", "Quelle und Stand"), rows)


def stats_charts(stats: Sequence[Stat]) -> str:
    """One bar chart per `chart` series with at least two entries, oldest first."""
    series: dict[str, list[Stat]] = {}
    for stat in stats:
        if stat.chart:
            series.setdefault(stat.chart, []).append(stat)
    charts = []
    for name, entries in series.items():
        if len(entries) < 2:
            continue
        largest = max(s.value for s in entries) or 1
        bars = [
            {
                "label": f"{fmt.month_year(s.as_of)} · {s.scope}",
                "value": figure_value(s),
                "percent": round(100 * s.value / largest, 1),
            }
            for s in sorted(entries, key=lambda s: s.as_of)
        ]
        charts.append(render_template("chart.html", caption=name, bars=bars))
    return "\n\n".join(charts)


def laws_table(laws: Sequence[Law]) -> str:
    rows = [
        (
            " / ".join(law.short_names),
            law.name,
            law.jurisdiction,
            fmt.partial_date(law.adopted),
            fmt.partial_date(law.applicable),
            law.regulates + (f" {law.note}" if law.note else ""),
            Link("Amtlicher Text", str(law.url)),
        )
        for law in laws
    ]
    headers = ("Kurzname", "Amtlicher Name", "Gilt in", "Erlassen", "Anwendbar ab", "Regelt",
               "Fundstelle")
    return table("Datenschutzgesetze, die TikTok betreffen", headers, rows)


def fines_table(fines: Sequence[Fine],
                caption: str = "Datenschutz-Bußgelder und Verfahren gegen TikTok") -> str:
    rows = [
        (
            fmt.partial_date(f.date),
            f"{f.authority} ({f.country})",
            fmt.amount(f.amount, f.currency) if f.amount is not None and f.currency else "offen",
            f.status,
            f.law,
            f.reason,
            source_cell(f.source),
        )
        for f in sorted(fines, key=lambda f: f.date)
    ]
    headers = ("Datum", "Behörde", "Betrag", "Stand", "Rechtsgrundlage", "Grund", "Quelle")
    return table(caption, headers, rows)


def cases_table(cases: Sequence[Case], area: str | None = None) -> str:
    rows = [
        (
            c.who,
            c.sector,
            c.format,
            c.summary,
            "; ".join(f"{f.metric}: {figure_value(f)}" for f in c.figures) or "–",
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


def fact_register(facts: Mapping[str, Figure]) -> str:
    """Every figure with exact value, date and source, oldest first."""
    ordered = sorted(facts.values(), key=lambda f: (f.as_of, f.id))
    rows = [
        (f.id, f.metric, figure_value(f), fmt.full_number(f.value), _as_of_cell(f, facts),
         source_cell(f.source))
        for f in ordered
    ]
    headers = ("id", "Kennzahl", "Wert", "Exakter Wert", "Stand", "Quelle")
    return table("Alle Zahlen der Website, älteste zuerst", headers, rows,
                 row_ids=[f"fakt-{f.id}" for f in ordered])
