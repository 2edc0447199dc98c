"""The built site: article pages in order, the article's content, German, nothing from other hosts."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import built_pages, fill_publisher, mkdocs_build, page_html

from macros.sitecheck import check_site

ARTICLE_ORDER = [
    "einleitung", "erste-erfahrungen", "for-you-seite", "wie-tiktok-funktioniert", "live-handel",
    "hr-personalsuche", "einnahmen-lives", "geschichte", "wachstum", "datenschutz", "und-ich",
    "fazit", "autor",
]

# One distinctive passage of every part of the article (the author's words).
DISTINCTIVE = {
    "einleitung": "Ich habe TikTok auf Herz und Nieren getestet",
    "erste-erfahrungen": "Vier Wochen sollten ausreichen",
    "for-you-seite": "abgekürzt „FYP“",
    "wie-tiktok-funktioniert": "Den Testaccount lösche ich demnächst",
    "live-handel": "Boo’s Toy Shop",
    "hr-personalsuche": "geht der Polizist „Marko“ live",
    "einnahmen-lives": "jeweils 5-minütigen Ereignisses",
    "geschichte": "Lippensynchronisation",
    "wachstum": "fast 40 Prozent der gesamten Weltbevölkerung",
    "datenschutz": "nicht vollständig und keine Rechtsberatung",
    "und-ich": "„Mach das Plus weg!“",
    "fazit": "wo liegen die Hürden?",
    "autor": "Gründer und Herausgeber von Zielbar",
}

EXAMPLES = {
    "live-handel": ["Frank Sillmann", "Verkehrsguru", "#amazonretouren", "über 60 %"],
    "hr-personalsuche": ["Karriereabteilung der Berliner Polizei", "700.000", "Dienstzeitende.de",
                         "Felix Klein", "TikTok Ads"],
    "wie-tiktok-funktioniert": ["260.000", "5.700", "208", "weniger als 10 Follower", "DZE"],
    "wachstum": ["drei Milliarden", "150", "75", "eine Milliarde"],
    "geschichte": ["September 2016", "1 Milliarde US-Dollar", "2014"],
}


def _text(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def test_article_pages_exist_in_nav_order(site: Path) -> None:
    nav = page_html(site, "")
    positions = [nav.find(f'href="artikel/{slug}/"') for slug in ARTICLE_ORDER]
    assert all(p > 0 for p in positions), dict(zip(ARTICLE_ORDER, positions, strict=True))
    assert positions == sorted(positions)
    for slug in ARTICLE_ORDER:
        assert (site / "artikel" / slug / "index.html").is_file()


def test_every_article_part_is_published(site: Path) -> None:
    for slug, passage in DISTINCTIVE.items():
        assert passage in _text(page_html(site, f"artikel/{slug}/")), slug
    for slug, snippets in EXAMPLES.items():
        text = _text(page_html(site, f"artikel/{slug}/"))
        for snippet in snippets:
            assert snippet in text, (slug, snippet)


def test_author_aside_and_editorial_notes_look_different(site: Path) -> None:
    page = page_html(site, "artikel/wie-tiktok-funktioniert/")
    assert '<p class="kompass-author-aside">Anmerkung: Den Testaccount' in page
    assert 'class="admonition redaktion"' in page


def test_start_page_names_author_date_reading_time(site: Path) -> None:
    text = _text(page_html(site, ""))
    assert "Steve Naumann" in text
    assert re.search(r"Lesezeit etwa \d+ Minuten", text)
    assert "veröffentlicht 2024" in text


def test_pages_are_german(site: Path) -> None:
    for page in site.rglob("*.html"):
        assert '<html lang="de"' in page.read_text(encoding="utf-8"), page


def test_umlaut_headings_keep_readable_anchors(site: Path) -> None:
    assert 'id="ursprünge-und-entwicklung-von-tiktok"' in page_html(site, "artikel/geschichte/")


def test_no_asset_from_other_hosts_and_internal_links_resolve(site: Path) -> None:
    assert check_site(site, "https://tiktok-kompass.de/") == []


def test_site_check_catches_foreign_assets_and_broken_raw_links(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<html><body><h1 id="top">x</h1><a href="#top">ok</a><a href="../fehlt/">kaputt</a>'
        '<a href="#nirgends">anker</a><script src="https://cdn.example.com/x.js"></script>'
        '<p style="background: url(https://fonts.gstatic.com/f.woff2)">y</p></body></html>'
    )
    (tmp_path / "style.css").write_text("@import url('https://fonts.googleapis.com/css');")
    problems = "\n".join(check_site(tmp_path, "https://tiktok-kompass.de/"))
    assert "a/index.html: Link „../fehlt/“" in problems
    assert "„#nirgends“ zeigt auf einen Anker" in problems
    assert "cdn.example.com/x.js" in problems
    assert "fonts.gstatic.com" in problems
    assert "style.css: lädt „https://fonts.googleapis.com/css“" in problems
    assert "„#top“" not in problems


def test_sharing_and_search_engine_tags(site: Path) -> None:
    for page in built_pages(site):
        html = page_html(site, page)
        assert re.search(r'<meta name="description" content="[^"]{30,}">', html), page
        assert '<link rel="canonical" href="https://' in html, page
        assert 'property="og:title"' in html and 'name="twitter:card"' in html, page
    article = page_html(site, "artikel/geschichte/")
    assert '"@type": "Article"' in article and '"name": "Steve Naumann"' in article
    assert '"datePublished": "2024"' in article
    assert '"@type": "Article"' not in page_html(site, "wissen/gesetze/")
    assert "<loc>https://tiktok-kompass.de/artikel/fazit/</loc>" in (site / "sitemap.xml").read_text()
    assert "Sitemap: https://tiktok-kompass.de/sitemap.xml" in (site / "robots.txt").read_text()


def test_site_url_from_the_environment_reaches_canonical_links_and_robots(
        project_copy: Path, tmp_path: Path) -> None:
    fill_publisher(project_copy)  # SITE_URL makes it a publishing build: the release gate applies
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site, SITE_URL="https://example.org/kompass/")
    assert result.returncode == 0, result.stderr
    assert "Sitemap: https://example.org/kompass/sitemap.xml" in (site / "robots.txt").read_text()
    assert '<link rel="canonical" href="https://example.org/kompass/artikel/fazit/">' in page_html(
        site, "artikel/fazit/")


def test_privacy_page_matches_what_the_site_does(site: Path) -> None:
    text = _text(page_html(site, "datenschutz/"))
    assert "keine Cookies" in text and "kein Tracking" in text and "nichts von anderen Servern" in text
    assert check_site(site, "https://tiktok-kompass.de/") == []  # keeps "nothing from other hosts" true
    assert "cookie" not in (site / "assets" / "js" / "reach.js").read_text().lower()


def test_editor_manual_shows_macros_unrendered(site: Path) -> None:
    html = page_html(site, "redaktion/")
    assert "{{ fact(&quot;mau_germany_2025&quot;) }}" in html or '{{ fact("mau_germany_2025") }}' in html
