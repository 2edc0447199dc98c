"""Data and pages agree: every fact used exists, every entry is on the site, edits show everywhere."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import PROJECT, mkdocs_build, page_html, without_tooltips

from macros import fmt, text
from macros.data import load_site_data

DATA = load_site_data(PROJECT / "data")
FACT_CALL = re.compile(r"""\{\{\s*fact\(\s*["']([^"']+)["']\s*\)""")


def _fact_ids_used() -> set[str]:
    return {
        fact_id
        for page in (PROJECT / "docs").rglob("*.md")
        if "render_macros: false" not in page.read_text(encoding="utf-8")
        for fact_id in FACT_CALL.findall(page.read_text(encoding="utf-8"))
    }


def _all_html(site: Path) -> str:
    pages = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    return without_tooltips(pages).replace("\u00a0", " ")


def test_every_fact_used_in_docs_exists() -> None:
    used = _fact_ids_used()
    assert used, "the article quotes figures through fact()"
    assert used <= set(DATA.facts)


def test_every_data_entry_appears_on_the_site(site: Path) -> None:
    html = _all_html(site)
    for figure in DATA.facts.values():
        assert f'id="fakt-{figure.id}"' in html, figure.id  # the fact register has a row for every id
    for event in DATA.timeline:
        assert text.markdown(event.title).replace("\\", "") in html or event.title in html
    for law in DATA.laws:
        assert str(law.url).replace("&", "&amp;") in html, law.id
    for fine in DATA.fines:
        assert fmt.partial_date(fine.date) in html, fine.id
    for case in DATA.cases:
        assert case.who.replace("'", "&#39;") in html, case.id
    for platform in DATA.platforms:
        assert platform.name in html, platform.id


def test_every_fact_in_prose_has_a_source_footnote(site: Path) -> None:
    html = page_html(site, "artikel/wachstum/")
    assert 'id="fn:fakt-downloads_2021"' in html
    assert "tiktok-hits-3-billion-downloads" in html
    assert "[^" not in _all_html(site), "a footnote marker was left unrendered"


def test_editor_changes_a_value_and_sees_it_everywhere(project_copy: Path, tmp_path: Path) -> None:
    """A figure the author did not write (here in an editorial box) follows the data everywhere;
    a figure in his own sentence is checked instead (tests/test_article.py)."""
    stats = project_copy / "data" / "stats.yml"
    stats.write_text(stats.read_text(encoding="utf-8").replace("value: 25700000", "value: 27100000"))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    growth, register, statistics = (
        page_html(tmp_path / "out", page).replace("\u00a0", " ")
        for page in ("artikel/wachstum/", "wissen/faktenstand/", "wissen/statistiken/")
    )
    for html in (growth, register, statistics):
        assert "27,1 Mio." in html
        assert "25,7 Mio." not in html


def test_html_injection_in_yaml_comes_out_escaped(project_copy: Path, tmp_path: Path) -> None:
    laws = project_copy / "data" / "laws.yml"
    laws.write_text(laws.read_text(encoding="utf-8").replace(
        "regulates: Schutz personenbezogener Daten in Brasilien.",
        "regulates: \"<script>alert('x')</script> in Brasilien\"",
    ))
    site_yml = project_copy / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(
        'street: ""', 'street: "<img src=x onerror=alert(1)>"'))
    glossary = project_copy / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "  term: Stitch\n", "  term: Stitch\n  forms: ['<b>Stitch</b>']\n").replace(
        "Ein Schlagwort mit Raute (#)", 'Ein Schlagwort mit Raute (#) "><script>alert(2)</script>'))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for page in ("wissen/gesetze/", "wissen/gesetze/lgpd/"):
        laws_html = page_html(tmp_path / "out", page)
        assert "<script>alert" not in laws_html
        assert "&lt;script&gt;alert(" in laws_html, page
    for page in ("wissen/glossar/", "artikel/wie-tiktok-funktioniert/"):  # glossary and tooltip
        text = page_html(tmp_path / "out", page)
        assert "<script>alert(2)" not in text and "<b>Stitch" not in text, page
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text, page
    imprint = page_html(tmp_path / "out", "impressum/")
    assert "<img src=x" not in imprint and "&lt;img src=x onerror=alert(1)&gt;" in imprint


def test_imprint_marks_missing_details(site: Path) -> None:
    html = page_html(site, "impressum/")
    assert html.count("Angabe fehlt") >= 5
