"""The author's words untouched, the editorial layer marked and dated, every figure's claim true.

The seed (the author's text as he published it) is compared sentence by sentence with the
built article pages; only the corrections listed in data/article_fixes.yml may differ.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import html
import json
import re
from pathlib import Path

import pytest
from conftest import PROJECT, append_to_page, built_pages, mkdocs_build, page_html, plain_cells

from macros import check, relations, wording
from macros.data import DataError, load_site_data, read_site_data

DATA = load_site_data(PROJECT / "data")
SEED = Path("/work/shared/seed/article-de.txt")
ARTICLE_ORDER = [
    "einleitung",
    "erste-erfahrungen",
    "for-you-seite",
    "wie-tiktok-funktioniert",
    "live-handel",
    "hr-personalsuche",
    "einnahmen-lives",
    "geschichte",
    "wachstum",
    "datenschutz",
    "und-ich",
    "fazit",
    "autor",
]
DATE_TITLE = re.compile(r"Anmerkung der Redaktion, (\d{1,2}\. )?[A-ZÄÖÜ][a-zäöü]+ \d{4}")


# --- text as a reader sees it -----------------------------------------------------


def normal(text: str) -> str:
    """Typographic quotes and whitespace aside: „x“ "x" ’ ' all compare equal."""
    text = re.sub(r"[„“”\"»«]", '"', text)
    text = re.sub(r"[‚‘’`]", "'", text)
    text = text.replace("\u2060", "")  # the word joiner that keeps a source marker on its line
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _seed_lines() -> list[str]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    body = lines[: lines.index(next(x for x in lines if x.startswith("Rating:")))]
    bio = next(x for x in lines if x.startswith("Seit 1999"))
    return [re.sub(r"^(\d+\.|•)\s+", "", x) for x in [*body, "Steve Naumann", bio] if x]


def _fixed(text: str) -> str:
    for fix in DATA.article_fixes:
        text = text.replace(normal(fix.original), normal(fix.corrected))
    return text


def seed_sentences() -> list[str]:
    sentences = []
    for line in _seed_lines():
        sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„(])", _fixed(normal(line))) if s]
    return sentences


def _article(page: str) -> str:
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]


def _without_markers(fragment: str) -> str:
    fragment = re.sub(r'<sup id="fnref:[^"]+">.*?</sup>', "", fragment)
    return re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment)


def author_blocks(page: str) -> list[str]:
    """Text of every paragraph, list item and heading of the author (editorial boxes, the
    attribution line and footnotes left out)."""
    body = _without_markers(_article(page))
    body = re.sub(r'<div class="admonition redaktion">.*?</div>', "", body, flags=re.S)
    body = re.sub(r'<div class="footnote">.*</div>', "", body, flags=re.S)
    body = re.sub(r'<p class="kompass-attribution">.*?</p>', "", body, flags=re.S)
    blocks = re.findall(r"<(p|li|h[1-6])\b[^>]*>(.*?)</\1>", body, flags=re.S)
    texts = [normal(html.unescape(re.sub(r"<[^>]+>", "", inner))) for _, inner in blocks]
    return [re.sub(r" ([.,:;!?)])", r"\1", t) for t in texts if t]


def article_text(site: Path) -> str:
    return " ".join(" ".join(author_blocks(page_html(site, f"artikel/{slug}/"))) for slug in ARTICLE_ORDER)


# --- 1. the article verbatim ------------------------------------------------------


def test_every_fix_names_a_slip_that_is_in_the_seed() -> None:
    seed = normal(SEED.read_text(encoding="utf-8"))
    for fix in DATA.article_fixes:
        assert normal(fix.original) in seed, fix.original
        assert (PROJECT / "docs" / fix.page).is_file(), fix.page
        edits = [
            op
            for op in difflib.SequenceMatcher(None, fix.original.split(), fix.corrected.split()).get_opcodes()
            if op[0] != "equal"
        ]
        assert len(edits) == 1 and edits[0][4] - edits[0][3] == 1, (
            f"one word at a time: {fix.original} → {fix.corrected}"
        )


def test_seed_sentences_appear_on_the_article_pages_in_order(site: Path) -> None:
    text = article_text(site)
    position = 0
    for sentence in seed_sentences():
        found = text.find(sentence, position)
        assert found >= 0, (sentence, text[position : position + 300])
        position = found + len(sentence)


def test_no_editorial_text_inside_an_author_paragraph(site: Path) -> None:
    seed = " ".join(seed_sentences())
    for slug in ARTICLE_ORDER:
        for block in author_blocks(page_html(site, f"artikel/{slug}/")):
            assert block in seed, (slug, block)


def test_figures_in_his_sentences_keep_his_wording(site: Path) -> None:
    text = article_text(site)
    for words in (
        "mehr als drei Milliarden Menschen",
        "zählt eine Milliarde aktive Nutzer",
        "rund 1 Milliarde US-Dollar",
        "Um die 100 Euro pro Stück",
        "über 100 Millionen Nutzer",
        "über 30.000-mal angeschaut",
    ):
        assert words in text, words
    for reformatted in ("3 Mrd.", "1 Mrd. $", "100 €", "100 Mio."):
        assert reformatted not in text, reformatted


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("drei Milliarden", 3e9, ""),
        ("eine Milliarde", 1e9, ""),
        ("100 Millionen", 1e8, ""),
        ("1 Milliarde US-Dollar", 1e9, "USD"),
        ("100 Euro", 100, "EUR"),
        ("60 %", 60, "%"),
        ("700.000", 700000, ""),
        ("5.700", 5700, ""),
        ("20,9 Millionen", 20.9e6, ""),
    ],
)
def test_wording_reads_the_authors_numbers(written: str, value: float, unit: str) -> None:
    read_value, read_unit = wording.read(written)
    assert read_value == pytest.approx(value) and read_unit == unit


@pytest.mark.parametrize("written", ["viele", "drei Milliarden Euro Dollar", "3 Äpfel"])
def test_wording_rejects_what_is_not_a_figure(written: str) -> None:
    with pytest.raises(wording.WordingError):
        wording.read(written)


def test_a_wrong_value_in_data_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    stats = project_copy / "data" / "stats.yml"
    stats.write_text(stats.read_text(encoding="utf-8").replace("value: 3000000000", "value: 4700000000"))
    result = mkdocs_build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    lines = (project_copy / "docs" / "artikel" / "wachstum.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if '"downloads_2021", "drei Milliarden"' in text)
    assert "Traceback" not in output and 'File "' not in output, output[-2000:]
    for fragment in (
        f"Seite docs/artikel/wachstum.md, Zeile {line}: ",
        "„drei Milliarden“",
        "„downloads_2021“",
        "4.700.000.000",
        "Text und Daten müssen übereinstimmen",
    ):
        assert fragment in output, fragment
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_wrong_date_in_data_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    timeline = project_copy / "data" / "timeline.yml"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace('date: "2018-08-02"', 'date: "2018-09-02"')
    )
    result = mkdocs_build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "„August 2018“" in output and "„merger“" in output
    assert "Traceback" not in output, output[-2000:]


# --- 2. one visible editorial layer -----------------------------------------------


def test_every_editorial_box_carries_its_date(site: Path) -> None:
    boxes = 0
    for path in built_pages(site):
        page = page_html(site, path)
        for title in re.findall(
            r'<div class="admonition redaktion">\s*<p class="admonition-title">(.*?)</p>', page
        ):
            assert DATE_TITLE.fullmatch(html.unescape(title)), (path, title)
            boxes += 1
        if path.startswith("artikel/"):
            kinds = re.findall(r'<div class="admonition ([^"]+)">', page)
            assert set(kinds) <= {"redaktion"}, (path, kinds)  # nothing undated looks like his
    assert boxes >= 15


def test_an_editorial_box_without_a_date_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "artikel" / "hr-personalsuche.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n!!! redaktion "{{ anmerkung() }}"\n    Ohne Datum.\n')
    result = mkdocs_build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = len(text.splitlines()) + 2  # the box's first line
    expected = f"Seite docs/artikel/hr-personalsuche.md, Zeile {line}: Anmerkung der Redaktion ohne Datum"
    assert expected in output, output[-2000:]
    assert "Traceback" not in output and 'File "' not in output, output[-2000:]
    assert not (tmp_path / "out" / "index.html").exists()


def test_links_he_gave_are_explained(site: Path) -> None:
    for slug, what in (
        ("live-handel", "Artikel des ZDF"),
        ("datenschutz", "ARD-Tagesschau"),
        ("und-ich", "TikTok-Profil seines Unternehmens"),
    ):
        boxes = re.findall(
            r'<div class="admonition redaktion">.*?</div>', page_html(site, f"artikel/{slug}/"), re.S
        )
        assert any(what in box and "nicht erhalten" in box for box in boxes), slug


def test_update_note_follows_the_sentence_not_inside_it(project_copy: Path, tmp_path: Path) -> None:
    append_to_page(
        project_copy,
        'Ein Satz mit {{ fact("mau_germany_2023", "20,9 Millionen") }} Nutzern, danach mehr.'
        "\n\nNächster Absatz.",
    )
    out = tmp_path / "out"
    assert mkdocs_build(project_copy, out).returncode == 0
    page = page_html(out, "artikel/fazit/")
    sentence = re.search(
        r"<p>Ein Satz mit 20,9 Millionen\u2060?<sup[^>]*>.*?</sup> Nutzern, danach mehr\.</p>\s*"
        r'<div class="admonition redaktion">(.*?)</div>\s*<p>Nächster Absatz',
        page,
        re.S,
    )
    assert sentence, "the note comes right after the paragraph, which stays whole"
    assert 'href="../../wissen/faktenstand/#fakt-mau_germany_2025"' in sentence.group(1)


def _json_ld(page: str) -> dict | None:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1)) if found else None


def test_attribution_follows_authorship(site: Path) -> None:
    for path in built_pages(site):
        page = page_html(site, path)
        author = re.search(r'<meta name="author" content="([^"]*)"', page).group(1)
        if path.startswith("artikel/"):
            assert author == DATA.site.author.name, path
            data = _json_ld(page)
            assert data and data["author"]["name"] == DATA.site.author.name, path
            assert "publisher" not in data or data["publisher"]["name"] == DATA.site.publisher.name
            assert "Text: Steve Naumann" in page
        else:
            assert author == "Redaktion TikTok-Kompass", path
            assert _json_ld(page) is None, path


# --- 3./4. relations that are true, stale figures marked ---------------------------


def _broken(**changes: object) -> list[str]:
    data = read_site_data(PROJECT / "data")
    stats = [s.model_copy(update=changes.get(s.id, {})) for s in data.stats]
    return relations.current_problems(stats, data.cases) + relations.chart_problems(stats)


def test_real_relations_are_valid() -> None:
    assert _broken() == []


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"mau_world_2021": {"current": "ad_reach_2025"}}, "andere Kennzahl"),
        ({"mau_germany_2023": {"current": "mau_germany_2023"}}, "nicht selbst ablösen"),
        ({"ad_reach_2025": {"current": "ad_reach_2023"}}, "Kreis ohne Ende"),
        ({"mau_germany_2025": {"current": "mau_germany_2023"}}, "nicht neuer"),
        (
            {
                "mau_europe_2025": {
                    "scope": "EU",
                    "metric": "Monatlich aktive Nutzer (EU, erster DSA-Transparenzbericht)",
                    "current": "",
                },
                "mau_europe_2023": {"current": "mau_europe_2025", "unit": "%"},
            },
            "andere Einheit",
        ),
        (
            {"mau_world_2021": {"chart": "Werbereichweite weltweit (Erwachsene ab 18)"}},
            "zählen Verschiedenes",
        ),
    ],
)
def test_untrue_relations_are_rejected(changes: dict, fragment: str) -> None:
    problems = _broken(**changes)
    assert any(fragment in p and "data/stats.yml" in p for p in problems), problems


def test_check_data_names_file_and_entries_of_a_mixed_chart(project_copy: Path) -> None:
    stats = project_copy / "data" / "stats.yml"
    stats.write_text(
        stats.read_text(encoding="utf-8").replace(
            "  chart: Monatliche Nutzer in Deutschland",
            "  chart: Werbereichweite weltweit (Erwachsene ab 18)",
            1,
        )
    )
    with pytest.raises(DataError) as error:
        read_site_data(project_copy / "data")
    assert "Diagramm „Werbereichweite weltweit (Erwachsene ab 18)“" in str(error.value)
    assert "„mau_germany_2023“" in str(error.value)


def test_newest_follows_the_chain() -> None:
    assert relations.newest(DATA.facts["ad_reach_2023"], DATA.facts).id == "ad_reach_2025"


def test_stale_figures_are_marked_wherever_they_are_shown(site: Path) -> None:
    stale = check.stale_ids(DATA, dt.date.today())
    warned = {w.split("„")[1].split("“")[0] for w in check.stale_facts(DATA, dt.date.today())}
    assert stale == warned and stale, "same rule as make check-data"
    register = page_html(site, "wissen/faktenstand/")
    statistics = plain_cells(page_html(site, "wissen/statistiken/"))
    for fact_id in stale:
        row = register.split(f'<tr id="fakt-{fact_id}">')[1].split("</tr>")[0]
        assert "prüfbedürftig" in row, fact_id
        metric = html.escape(DATA.facts[fact_id].metric, quote=False)
        rows = [r for r in statistics.split("<tr") if f"<td>{metric}</td>" in r]
        assert rows and all("prüfbedürftig" in r for r in rows), fact_id
        start = page_html(site, "")
        if f'id="kennzahl-{fact_id}"' in start:  # a key figure on the start page
            assert "prüfbedürftig" in start.split(f'id="kennzahl-{fact_id}"')[1].split("</li>")[0]
        for path in built_pages(site):
            page = page_html(site, path)
            if f'id="fnref:fakt-{fact_id}"' in page:
                note = page.split(f'id="fn:fakt-{fact_id}"')[1].split("</li>")[0]
                assert "prüfbedürftig" in note, (path, fact_id)


def test_fresh_figures_carry_no_mark() -> None:
    young = dataclasses.replace(DATA, site=DATA.site.model_copy(update={"stale_after_months": 1000}))
    assert check.stale_ids(young, dt.date.today()) == frozenset()


def test_fines_show_the_date_of_their_status(site: Path) -> None:
    page = page_html(site, "wissen/bussgelder/").replace("\u00a0", " ")
    assert '<th scope="col">Status (Stand der Quelle)</th>' in page or "Status (Stand der Quelle)" in page
    for status in ("Klage offen (Stand: 2. August 2024)", "Verfahren offen (Stand: 10. Juli 2025)"):
        assert status in page


# --- 5. truthful legal pages --------------------------------------------------------


def test_hosting_paragraph_names_the_host_its_legal_basis_and_retention(site: Path) -> None:
    host = DATA.site.hosting
    text = html.unescape(re.sub(r"<[^>]+>", "", page_html(site, "datenschutz/")))
    for needed in (host.name, host.operator, "Art. 6 Abs. 1 lit. f DSGVO", "Speicherdauer",
                   normal(host.retention)):
        assert needed in normal(text), needed
    page = page_html(site, "datenschutz/")
    assert f'href="{host.privacy_url}"' in page and f'href="{host.logs_url}"' in page


def test_no_page_claims_that_links_were_checked(site: Path) -> None:
    for path in built_pages(site):
        text = html.unescape(re.sub(r"<[^>]+>", "", page_html(site, path)))
        assert not re.search(r"Stand ihrer Prüfung|geprüft am|Links? (wurden|sind) geprüft", text), path
