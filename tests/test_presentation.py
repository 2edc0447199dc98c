"""What the built site tells readers: footer, start page, editors' pages kept apart, German 404,
Chinese names marked, no internals on reader pages, no inline styles in generated components."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import built_pages, page_html

from macros.chinese import mark_chinese

# Commands, file names, folders, local addresses and ids like "douyin_daily_views_first_year".
INTERNALS = re.compile(r"make [a-z-]+|\b\w+\.ya?ml\b|bei jedem Bau|data/|127\.0\.0\.1"
                       r"|\b[a-z]+_[a-z]+_[a-z_]+\b")


def _article_text(html: str) -> str:
    article = re.search(r"<article.*?</article>", html, re.S)
    assert article, "page without <article>"
    text = re.sub(r"<!--.*?-->", "", article.group(0), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


def _footer(html: str) -> str:
    return html[html.index('<footer class="md-footer">'):]


def test_every_page_links_impressum_and_privacy_and_credits_its_author(site: Path) -> None:
    for path in built_pages(site):
        footer = _footer(page_html(site, path))
        for name in ("Impressum", "Datenschutzerklärung", "Redaktionshandbuch"):
            assert re.search(rf'<a href="[^"]*">{name}</a>', footer), (path, name)
        by_author = "Text © Steve Naumann" in footer
        assert by_author == path.startswith("artikel/"), path
        assert by_author or "© Redaktion TikTok-Kompass" in footer, path


def test_editors_manual_is_built_but_not_in_the_readers_menu_or_sitemap(site: Path) -> None:
    assert (site / "redaktion" / "index.html").is_file()
    start = page_html(site, "")
    nav = start[start.index('<nav class="md-nav md-nav--primary"'):start.index('<footer class="md-footer">')]
    assert "redaktion/" not in nav
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/redaktion/" not in sitemap and "/impressum/" in sitemap


def test_page_not_found_is_german(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Seite nicht gefunden</h1>" in html and "Not found" not in html
    assert 'href="/artikel/einleitung/"' in html


def test_start_page_offers_figures_and_ways_in(site: Path) -> None:
    html = page_html(site, "")
    text = _article_text(html)
    assert "Von Steve Naumann · veröffentlicht 2024" in text
    assert re.search(r"Redaktion aktualisiert \d+\. \w+ \d{4}", text)
    assert "überarbeitet" not in text  # he did not revise his text; the editors update the data
    figures = re.findall(r'<li class="kompass-figures__item" id="kennzahl-([a-z0-9_]+)">', html)
    assert len(figures) >= 3
    assert text.count("Quelle:") >= len(figures) and text.count("Stand ") >= len(figures)
    for target in ("artikel/einleitung/", "wissen/checkliste/", "wissen/seit-dem-artikel/",
                   "wissen/glossar/", "wissen/reichweitenrechner/", "wissen/"):
        assert f'href="{target}"' in html, target


def test_reader_pages_show_no_file_names_ids_or_commands(site: Path) -> None:
    found = {}
    for path in built_pages(site):
        if path.startswith("redaktion/"):
            continue
        hits = INTERNALS.findall(_article_text(page_html(site, path)))
        if hits:
            found[path] = hits
    assert found == {}


def test_generated_components_have_no_inline_styles(site: Path) -> None:
    for path in ("wissen/statistiken/", "wissen/zeitleiste/", "wissen/reichweitenrechner/", ""):
        article = re.search(r"<article.*?</article>", page_html(site, path), re.S).group(0)
        assert " style=" not in article, path
        assert "<style" not in article and "<script" not in article, path


def test_chinese_names_are_marked_as_chinese(site: Path) -> None:
    html = page_html(site, "wissen/gesetze/pipl/")
    assert '<span lang="zh">中华人民共和国个人信息保护法</span>' in html
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    unmarked = re.sub(r'<span lang="zh">[^<]*</span>', "", article)
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"<[^>]+>", "", unmarked))


def test_marking_chinese_leaves_tags_and_attributes_alone() -> None:
    html = '<abbr title="网络 law">网络安全法 (CSL)</abbr> und <a href="/x">Gesetz</a>'
    assert mark_chinese(html) == ('<abbr title="网络 law"><span lang="zh">网络安全法</span> (CSL)</abbr> und '
                                  '<a href="/x">Gesetz</a>')
