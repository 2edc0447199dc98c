"""Editors' mistakes: each fails `make check-data` and the build, naming file, line, entry and field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_ENV, broken_build, mkdocs_build

# (file, text to replace, replacement, fragments the German message must contain)
DATA_MISTAKES = {
    "yaml_syntax": ("stats.yml", "  metric: Monatlich aktive Nutzer\n  value: 25700000",
                    "  metric: Monatlich aktive Nutzer\n\tvalue: 25700000",
                    ["data/stats.yml, Zeile", "YAML-Syntaxfehler", "Tabulator"]),
    "wrong_type": ("stats.yml", "value: 25700000", "value: 25,7 Mio.",
                   ["data/stats.yml, Zeile", "Eintrag „mau_germany_2025“", "Feld „value“",
                    "erwartet eine Zahl", "gefunden: „25,7 Mio.“"]),
    "missing_field": ("laws.yml", "  jurisdiction: Brasilien\n", "",
                      ["data/laws.yml, Zeile", "Eintrag „lgpd“", "Feld „jurisdiction“",
                       "Pflichtfeld fehlt"]),
    "unknown_field": ("fines.yml", "  source:\n    title: \"ICO:", "  soruce:\n    title: \"ICO:",
                      ["data/fines.yml, Zeile", "Eintrag „ico_2023“", "Feld „soruce“",
                       "unbekanntes Feld", "meintest du „source“"]),
    "duplicate_id": ("timeline.yml", "- id: merger\n", "- id: douyin_launch\n",
                     ["data/timeline.yml, Zeile", "Eintrag „douyin_launch“", "Feld „id“",
                      "gibt es schon"]),
    "impossible_date": ("fines.yml", "date: 2023-09-01", "date: 2023-02-30",
                        ["data/fines.yml, Zeile", "Eintrag „dpc_2023“", "Feld „date“",
                         "„2023-02-30“ gibt es im Kalender nicht"]),
    "bad_date_format": ("timeline.yml", 'date: "2017-09"', 'date: "Sept. 2017"',
                        ["Eintrag „tiktok_international“", "Feld „date“", "JJJJ-MM-TT"]),
    "url_not_http": ("laws.yml", "url: https://eur-lex.europa.eu/eli/reg/2016/679/oj",
                     "url: ftp://eur-lex.europa.eu/eli/reg/2016/679/oj",
                     ["data/laws.yml, Zeile", "Eintrag „gdpr“", "Feld „url“", "https://"]),
    "shared_fact_id": ("cases.yml", "- id: boos_tiktok_share", "- id: markets",
                       ["data/cases.yml", "„markets“", "data/stats.yml"]),
    "fine_names_unknown_law": ("fines.yml", "laws: [coppa]", "laws: [copa]",
                               ["data/fines.yml", "Eintrag „ftc_2019“", "Feld „laws“",
                                "unbekanntes Gesetz „copa“", "coppa"]),
    "unknown_newer_figure": ("stats.yml", "current: mau_germany_2025", "current: mau_germany_2026",
                             ["data/stats.yml", "Eintrag „mau_germany_2023“", "Feld „current“",
                              "unbekannte Zahl „mau_germany_2026“"]),
    "glossary_form_twice": ("glossary.yml", "forms: [Matches]", "forms: [Matches, Lives]",
                            ["data/glossary.yml", "Eintrag „match“", "„Lives“ gehört schon",
                             "„live“"]),
    "glossary_missing_definition": ("glossary.yml", "- id: stitch\n  term: Stitch\n  definition:",
                                    "- id: stitch\n  term: Stitch\n  definitio:",
                                    ["data/glossary.yml, Zeile", "Eintrag „stitch“",
                                     "Feld „definition“", "Pflichtfeld fehlt"]),
    "article_fix_with_markup": ("article_fixes.yml", "corrected: Der Live-Creator erklärt",
                                "corrected: <script>alert(1)</script>",
                                ["data/article_fixes.yml, Zeile", "Eintrag Nr. 1", "Feld „corrected“",
                                 "Markup"]),
    "article_fix_rewrites_the_sentence": ("article_fixes.yml", "corrected: Der Live-Creator erklärt",
                                          "corrected: Die Händlerin erzählt etwas anderes",
                                          ["data/article_fixes.yml, Zeile", "Eintrag Nr. 1",
                                           "Feld „corrected“", "nicht in genau einem Wort"]),
}


def _break(project: Path, filename: str, old: str, new: str) -> None:
    path = project / "data" / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {filename}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check_data(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros.check", str(project / "data")],
        cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("mistake", sorted(DATA_MISTAKES))
def test_data_mistake_fails_check_and_build(mistake: str, project_copy: Path, tmp_path: Path) -> None:
    filename, old, new, fragments = DATA_MISTAKES[mistake]
    _break(project_copy, filename, old, new)

    checked = _check_data(project_copy)
    assert checked.returncode == 1
    for fragment in fragments:
        assert fragment in checked.stderr, (fragment, checked.stderr)

    built = mkdocs_build(project_copy, tmp_path / "out")
    assert built.returncode != 0
    assert fragments[0] in built.stderr + built.stdout
    assert not (tmp_path / "out" / "index.html").exists(), "nothing may be built"


def test_error_names_the_line(project_copy: Path) -> None:
    _break(project_copy, "stats.yml", "value: 25700000", "value: viel")
    lines = (project_copy / "data" / "stats.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "value: viel" in text)
    assert f"data/stats.yml, Zeile {line}," in _check_data(project_copy).stderr


# (page, Markdown to add, fragments of the message)
PAGE_MISTAKES = {
    "unknown_fact": ('{{ fact("mau_germny_2025") }}',
                     ["docs/artikel/fazit.md", "unbekannte Fakt-id „mau_germny_2025“",
                      "mau_germany_2025"]),
    "unknown_event": ('{{ when("mergr") }}', ["unbekannte Ereignis-id „mergr“", "merger"]),
    "undefined_variable": ("{{ gibt_es_nicht }}", ["gibt_es_nicht"]),
    "macro_exception": ('{{ publisher("hausnummer") }}', ["hausnummer"]),
    "unknown_macro": ('{{ fakt("mau_germany_2025") }}', ["unbekanntes Makro „fakt“ – meintest du „fact“?"]),
    "computed_id": ('{% set id = "gibts" + "nicht" %}{{ fact(id) }}', ["unbekannte Fakt-id „gibtsnicht“"]),
    "wording_disagrees": ('{{ fact("downloads_2021", "vier Milliarden") }}',
                          ["„vier Milliarden“", "„downloads_2021“", "Text und Daten müssen übereinstimmen"]),
    "box_date_in_words": ('!!! redaktion "{{ anmerkung("gestern") }}"', ["„gestern“", "JJJJ-MM-TT"]),
}


@pytest.mark.parametrize("mistake", sorted(PAGE_MISTAKES))
def test_page_mistake_fails_build(mistake: str, project_copy: Path, tmp_path: Path) -> None:
    markdown, fragments = PAGE_MISTAKES[mistake]
    built = broken_build(project_copy, markdown, tmp_path / "out")
    output = built.stdout + built.stderr
    for fragment in fragments:
        assert fragment in output, (fragment, output[-2000:])
    lines = (project_copy / "docs" / "artikel" / "fazit.md").read_text(encoding="utf-8").splitlines()
    assert f"Seite docs/artikel/fazit.md, Zeile {lines.index(markdown) + 1}:" in output, output[-2000:]
    assert "Traceback" not in output and 'File "' not in output, output[-2000:]
    assert not (tmp_path / "out" / "index.html").exists(), "nothing may be built"


# (page, text in its head, replacement, line of the mistake): MkDocs would show a broken head as text
HEAD_MISTAKES = {
    "unclosed_bracket": ("wissen/glossar.md", "tags: [Grundlagen]", "tags: [Grundlagen", 4),
    "impossible_date": ("artikel/fazit.md", "redaktion: 2026-12-01", "redaktion: 2026-13-01", 5),
}


@pytest.mark.parametrize("mistake", sorted(HEAD_MISTAKES))
def test_a_broken_page_head_fails_check_and_build_with_its_line(mistake: str, project_copy: Path,
                                                                tmp_path: Path) -> None:
    page, old, new, line = HEAD_MISTAKES[mistake]
    path = project_copy / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    expected = f"Seite docs/{page}, Zeile {line}: der Kopf der Seite (Front Matter"
    checked = _check_data(project_copy)
    built = mkdocs_build(project_copy, tmp_path / "out")
    for result in (checked, built):
        output = result.stdout + result.stderr
        assert result.returncode != 0 and expected in output, output[-2000:]
        assert "Traceback" not in output, output[-2000:]
    assert not (tmp_path / "out" / "index.html").exists()


def test_check_data_passes_on_real_data_and_warns_on_old_facts() -> None:
    from conftest import PROJECT

    result = _check_data(PROJECT)
    assert result.returncode == 0, result.stderr
    assert "Daten in Ordnung" in result.stdout
    assert "Warnung: Fakt „weekly_use_germany_2023“" in result.stdout
    assert "douyin_users_first_year" not in result.stdout  # historical
    assert "mau_germany_2023" not in result.stdout  # superseded by mau_germany_2025


def test_stale_facts_name_only_figures_an_editor_should_update() -> None:
    from conftest import PROJECT

    from macros.check import stale_facts
    from macros.data import read_site_data

    data = read_site_data(PROJECT / "data")
    warned = {w.split("„")[1].split("“")[0] for w in stale_facts(data, dt.date(2100, 1, 1))}
    assert warned == {f.id for f in data.facts.values() if not f.historical and not f.current}
    # mid-2025, 24 months: of the figures older than mid-2023, only this one is neither
    # historical (Douyin, Musical.ly, downloads 2021) nor superseded (MAU 2021, ad reach 2023)
    two_years = dataclasses.replace(data, site=data.site.model_copy(update={"stale_after_months": 24}))
    assert stale_facts(two_years, dt.date(2025, 6, 1)) == [
        "Warnung: Fakt „weekly_use_germany_2023“ (Wöchentliche Nutzung, Bevölkerung ab 14 Jahren) "
        "hat Stand 2023-04, älter als 24 Monate – bitte prüfen"
    ]
