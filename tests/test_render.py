"""Formatters and renderers: German output, escaping, one test per table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PROJECT, page_html

from macros import fmt, render
from macros import text as render_text
from macros.compact import compact_html
from macros.data import DATA_FILES, load_site_data
from macros.models import Source, Stat, TimelineEvent
from macros.schemas import schema_path, schema_text

DATA = load_site_data(PROJECT / "data")
NBSP = fmt.NBSP


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3e9, "3 Mrd."), (25.7e6, "25,7 Mio."), (1.59e9, "1,59 Mrd."), (30000, "30.000"),
     (58.4, "58,4"), (208, "208")],
)
def test_number(value: float, expected: str) -> None:
    assert fmt.number(value) == expected.replace(" ", NBSP)


def test_amounts_dates_and_full_numbers() -> None:
    assert fmt.amount(345e6, "EUR") == f"345{NBSP}Mio.{NBSP}€"
    assert fmt.amount(750000, "EUR") == f"750.000{NBSP}€"
    assert fmt.quantity(60, "%") == f"60{NBSP}%"
    assert fmt.quantity(58.4, "Min./Tag") == f"58,4{NBSP}Min./Tag"
    assert fmt.full_number(1_000_000) == "1.000.000"
    assert fmt.partial_date("2016-09") == "September 2016"
    assert fmt.partial_date("2018-08-02") == "2. August 2018"
    assert fmt.partial_date("2014") == "2014"
    assert fmt.percent(0.0667) == f"6,7{NBSP}%"


@pytest.mark.parametrize(("value", "expected"),
                         [(-0.86, "−86 %"), (0.12, "+12 %"), (0.001, "±0 %"), (-12.5, "−1.250 %")])
def test_a_change_is_signed_with_the_minus_sign(value: float, expected: str) -> None:
    assert fmt.change(value) == expected.replace(" ", NBSP)
    assert "-" not in fmt.change(value)


HOSTILE = '<script>alert("x")</script> *fett* [link](javascript:x)'


def _hostile_stat() -> Stat:
    return Stat(id="x", metric=HOSTILE, value=1, scope="Welt", as_of="2024",
                source=Source(title=HOSTILE, url="https://example.org/"), note=HOSTILE)


def test_tables_escape_yaml_text() -> None:
    html = render.stats_table([_hostile_stat()])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_fact_register_links_a_superseded_figure_to_the_newer_one() -> None:
    source = Source(title="s", url="https://example.org/")
    old = Stat(id="old", metric="m", value=1e9, scope="Welt", as_of="2021-09", source=source,
               current="new")
    new = Stat(id="new", metric="m", value=1.59e9, scope="Welt", as_of="2025-01", source=source)
    rows = render.fact_register({"old": old, "new": new}).splitlines()
    old_row = next(row for row in rows if row.startswith('<tr id="fakt-old">'))
    new_row = next(row for row in rows if row.startswith('<tr id="fakt-new">'))
    assert (f'<td data-label="Stand"><span class="kompass-table__cell">September 2021 · neuer: '
            f'<a href="#fakt-new">1,59{NBSP}Mrd. (Januar 2025)</a></span></td>'
            in old_row)
    assert "neuer:" not in new_row


def test_markdown_text_is_literal() -> None:
    text = render_text.markdown(HOSTILE)
    assert "<script>" not in text
    assert r"\*fett\*" in text and r"\[link\]" in text


def test_footnote_names_source_and_date() -> None:
    note = render.footnote("fakt-x", Source(title="T", url="https://example.org/a"), "2021-09-27")
    assert note == "[^fakt-x]: Quelle: [T](<https://example.org/a>), Stand: 27. September 2021."


def _rows(html: str) -> int:
    return len(re.findall(r"<tr[ >]", html)) - 1  # minus header row


def test_each_table_has_one_row_per_entry_and_sources() -> None:
    assert _rows(render.timeline_table(DATA.timeline)) == len(DATA.timeline)
    assert _rows(render.stats_table(DATA.stats)) == len(DATA.stats)
    assert _rows(render.laws_table(DATA.laws)) == len(DATA.laws)
    assert _rows(render.fines_table(DATA.fines)) == len(DATA.fines)
    assert _rows(render.cases_table(DATA.cases)) == len(DATA.cases)
    assert _rows(render.platforms_table(DATA.platforms)) == len(DATA.platforms)
    assert _rows(render.fact_register(DATA.facts)) == len(DATA.facts)
    assert "Stand:" in render.stats_table(DATA.stats)
    assert "<caption>" in render.laws_table(DATA.laws)


def test_timeline_is_sorted_and_visual_has_every_event() -> None:
    events = [
        TimelineEvent(id=f"e{year}", date=str(year), title=f"T{year}", text="x", brand="TikTok",
                      source=Source(title="s", url="https://example.org/"))
        for year in (2020, 2014, 2017)
    ]
    table = render.timeline_table(events)
    assert table.index("T2014") < table.index("T2017") < table.index("T2020")
    visual = render.timeline_visual(events)
    assert visual.count('<li class="kompass-timeline__event') == 3
    assert '<time datetime="2014">2014</time>' in visual
    assert visual.count('<li class="kompass-strand--tiktok">TikTok</li>') == 1  # one legend entry


def test_charts_compare_series_and_scale_bars() -> None:
    html = render.stats_charts(DATA.stats)
    assert "Monatliche Nutzer in Deutschland" in html
    assert 'width="100.0%"' in html
    assert "style=" not in html  # no inline styles (Content-Security-Policy)
    germany = [s for s in DATA.stats if s.chart == "Monatliche Nutzer in Deutschland"]
    smaller = min(s.value for s in germany) / max(s.value for s in germany)
    assert f'width="{round(100 * smaller, 2)}%"' in html


def test_a_tiny_bar_stays_visible_and_zero_stays_empty() -> None:
    assert render.bar_percent(1, 1_000_000) == render.SMALLEST_BAR_PERCENT
    assert render.bar_percent(0, 1_000_000) == 0
    assert render.bar_percent(500, 1000) == 50


def test_fact_register_leads_with_the_metric_not_the_id() -> None:
    html = render.fact_register(DATA.facts)
    first = next(iter(DATA.facts.values()))
    assert "<th scope=\"col\">Kennzahl</th>" in html.split("</th>")[0] + "</th>"
    assert f'id="fakt-{first.id}"' in html
    assert f">{first.id}<" not in html


def test_templates_have_no_blank_lines() -> None:
    """Raw HTML must stay one block, or Markdown would wrap parts of it in <p>."""
    assert "\n\n" not in render.laws_table(DATA.laws)
    assert "\n\n" not in render.timeline_visual(DATA.timeline)


def test_checked_in_json_schemas_match_models() -> None:
    for filename in DATA_FILES:
        path = schema_path(filename)
        assert path.read_text(encoding="utf-8") == schema_text(filename), (
            f"{path.name} is stale: run `make schemas`"
        )
        first_line = (PROJECT / "data" / filename).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=schemas/{path.name}"


def test_every_data_file_opens_with_a_german_comment() -> None:
    for filename in DATA_FILES:
        head = (PROJECT / "data" / filename).read_text(encoding="utf-8").splitlines()[1:6]
        assert all(line.startswith("#") for line in head), filename


def test_project_dir_is_importable_without_mkdocs() -> None:
    """Data and rendering code must not import MkDocs (portability to Zensical); only the glue
    modules, which exist to talk to MkDocs, may: the macros plugin's entry, the hooks, the
    `make serve` preview (a wrapper around MkDocs' live-reload server) and the patches that
    switch off unused or repeated work of mkdocs-macros and MkDocs (called from the hooks)."""
    for module in Path(PROJECT / "macros").glob("*.py"):
        if module.name in {"__init__.py", "hooks.py", "serve.py", "plugin_patches.py"}:
            continue
        assert not re.search(r"^\s*(import|from) mkdocs", module.read_text(), re.M), module


def test_compact_html_drops_indentation_but_keeps_preformatted_text() -> None:
    page = "<div>\n    <p>Text\n      <a>Link</a></p>\n<pre><code>a:\n    b: 1\n</code></pre>\n  </div>"
    expected = "<div>\n<p>Text\n<a>Link</a></p>\n<pre><code>a:\n    b: 1\n</code></pre>\n</div>"
    assert compact_html(page) == expected


def test_built_pages_are_compact_and_code_keeps_its_indentation(site: Path) -> None:
    manual = page_html(site, "redaktion/")
    assert "\n    " not in re.sub(r"<pre\b.*?</pre>", "", manual, flags=re.S)
    assert "\n  metric: Monatlich aktive Nutzer" in re.sub(r"<[^>]+>", "", manual)  # code is highlighted


def test_current_page_path_under_mkdocs_and_zensical() -> None:
    from types import SimpleNamespace

    from macros import page_path

    mkdocs_page = SimpleNamespace(file=SimpleNamespace(src_uri="artikel/wachstum.md"))
    zensical_page = SimpleNamespace(path="artikel/wachstum.md", url="artikel/wachstum/")
    assert page_path(mkdocs_page) == page_path(zensical_page) == "artikel/wachstum.md"
