"""The first paint in one round trip: critical CSS inline, the rest loaded after the content."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from conftest import PROJECT, built_pages, page_html

from macros.critical_css import (
    SiteTokens,
    critical_css,
    first_screen,
    inline_critical_css,
    parse_rules,
    purge,
    theme_parts_not_configured,
)

CSS = ("@charset \"UTF-8\";html{margin:0}:root{--used:red;--chain:var(--used);--unused:url(\"data:x;y\")}"
       ".shown{color:var(--chain);transition:all 1s}.hidden{color:blue}"
       ".shown:hover{color:green}:is(.shown,.hidden) b{margin:0}"
       "@media screen{.shown{padding:1px}.hidden{padding:2px}}@keyframes spin{to{opacity:0}}")
PAGE = '<html lang="de"><head></head><body><p class="shown">Text</p><article></article></body></html>'


def test_critical_css_keeps_what_the_first_screen_uses_and_the_variables_it_reads() -> None:
    css = critical_css(parse_rules(CSS), first_screen(PAGE))
    assert ".shown{color:var(--chain)}" in css
    assert "--used:red" in css and "--chain:var(--used)" in css  # read through another variable
    assert "--unused" not in css and ".hidden{" not in css
    assert ":hover" not in css and "transition" not in css  # states and motion wait for the full CSS
    assert "@media screen{.shown{padding:1px}}" in css
    assert "@keyframes" not in css
    assert css.startswith("html{margin:0}")  # the rule after @charset


def test_a_selector_list_is_split_only_at_its_top_level() -> None:
    css = critical_css(parse_rules(":is(.a,.b) b,.gone{margin:0}"), first_screen(
        '<body><i class="a"></i><b></b><article></article></body>'))
    assert css == ":is(.a,.b) b{margin:0}"


def test_a_box_the_page_writes_checked_keeps_its_checked_rules() -> None:
    """The menu's open sections are checkboxes written `checked`: without their rule in the first
    paint they would open with a slide once the full stylesheet arrives."""
    css = ".toggle:checked~nav{display:grid}.toggle:not(:checked)~nav{opacity:0}"
    checked = '<body><input class="toggle" checked><nav></nav><article></article></body>'
    unchecked = '<body><input class="toggle"><nav></nav><article></article></body>'
    assert critical_css(parse_rules(css), first_screen(checked)) == css
    assert critical_css(parse_rules(css), first_screen(unchecked)) == ""


def test_purge_keeps_rules_a_page_or_a_script_can_use() -> None:
    site = SiteTokens()
    site.add_page(PAGE)
    site.add_script('el.classList.add("hidden")')
    purged = purge(CSS + ".never{margin:0}", site)
    assert ".hidden{color:blue}" in purged and ".shown:hover{color:green}" in purged
    assert "@keyframes spin{to{opacity:0}}" in purged
    assert ".never" not in purged


def test_inline_moves_the_stylesheets_behind_the_content() -> None:
    html = ('<html><head><link rel="stylesheet" href="a.css"><title>T</title></head>'
            '<body><p class="shown">x</p><article></article></body></html>')
    out = inline_critical_css(html, {"a.css": CSS}.__getitem__)
    head, body = out.split("</head>")
    assert "<style>" in head and "<link" not in head
    assert body.endswith('<link rel="stylesheet" href="a.css"></body></html>')


def test_no_page_waits_for_a_stylesheet(site: Path) -> None:
    for page in built_pages(site):
        html = page_html(site, page)
        head = html[:html.index("</head>")]
        assert not re.search(r'<link rel="stylesheet"', head), page
        assert head.count("<style>") == 1, page


def test_start_page_and_longest_article_arrive_in_one_round_trip(site: Path) -> None:
    articles = sorted((site / "artikel").glob("*/index.html"), key=lambda path: path.stat().st_size)
    for path in (site / "index.html", articles[-1]):
        assert len(gzip.compress(path.read_bytes(), 9)) <= 14 * 1024, path


def test_purged_stylesheet_keeps_every_class_the_theme_script_adds(site: Path) -> None:
    import material

    theme = Path(material.__file__).parent / "templates" / "assets"
    original = next((theme / "stylesheets").glob("main.*.min.css"))
    purged = (site / "assets" / "stylesheets" / original.name).read_text(encoding="utf-8")
    assert len(purged) < 0.8 * original.stat().st_size
    script = next((theme / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    styled = set(re.findall(r"\.(md-[\w-]+)", original.read_text(encoding="utf-8")))
    added_by_script = {name for name in set(re.findall(r"md-[\w-]+", script)) & styled}
    assert added_by_script, "the theme script names no styled class any more: check the test"
    off = theme_parts_not_configured(_theme_settings())
    assert ".md-annotation" in off and ".tabbed-" in off  # this site enables neither
    wanted = {name for name in added_by_script if not f".{name}".startswith(off)}
    assert {name for name in wanted if f".{name}" not in purged} == set()


def _theme_settings() -> dict[str, object]:
    """The settings of mkdocs.yml that decide which theme parts are on (read as MkDocs does)."""
    from mkdocs.config import load_config

    config = load_config(str(PROJECT / "mkdocs.yml"))
    return {"features": config["theme"]["features"], "markdown_extensions": config["markdown_extensions"],
            "extra": config["extra"], "repo_url": config["repo_url"]}


def test_theme_parts_follow_the_configuration() -> None:
    settings = {"features": ["content.code.copy"], "markdown_extensions": ["pymdownx.tabbed"],
                "extra": {"version": {"provider": "mike"}}, "repo_url": None}
    off = theme_parts_not_configured(settings)
    assert ".md-clipboard" not in off and ".md-code__" not in off and ".md-version" not in off
    assert ".tabbed-" not in off and ".md-annotation" in off and ".md-source" in off


def test_purge_drops_what_the_configuration_leaves_off_and_values_only_pages_write() -> None:
    site = SiteTokens(not_configured=(".tabbed-",))
    site.add_page('<html dir="ltr"><body class="shown"></body></html>')
    site.add_script('el.classList.add("tabbed-labels"); if (dir === "rtl") x.dir = "ltr"')
    css = '.tabbed-labels{margin:0}[dir=rtl] .shown{margin:1px}[dir=ltr] .shown{margin:2px}'
    assert purge(css, site) == "[dir=ltr] .shown{margin:2px}"


def test_inline_can_join_the_stylesheets_into_one() -> None:
    html = ('<html><head><link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css">'
            '</head><body><p class="shown">x</p><article></article></body></html>')
    joined: list[list[str]] = []
    out = inline_critical_css(html, {"a.css": CSS, "b.css": ".b{margin:0}"}.__getitem__,
                              lambda hrefs: joined.append(hrefs) or "ab.css")
    assert joined == [["a.css", "b.css"]]
    assert out.count("<link") == 1 and out.endswith('<link rel="stylesheet" href="ab.css"></body></html>')


def test_each_page_loads_one_stylesheet_that_holds_what_it_can_use(site: Path) -> None:
    """The joined stylesheet of a page keeps every rule of the theme's and our stylesheets that
    the page itself (or a script) can use, in the stylesheets' order."""
    import material

    theme_css = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    originals = [next(theme_css.glob("main.*.min.css")), next(theme_css.glob("palette.*.min.css")),
                 PROJECT / "docs" / "assets" / "css" / "kompass.css"]
    words = SiteTokens()
    for script in (site / "assets" / "javascripts").glob("bundle.*.min.js"):
        words.add_script(script.read_text(encoding="utf-8"))
    for page in ("", "artikel/wie-tiktok-funktioniert/", "wissen/statistiken/", "wissen/reichweitenrechner/"):
        html = page_html(site, page)
        hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert len(hrefs) == 1, page
        joined = parse_rules((site / page / hrefs[0]).resolve().read_text(encoding="utf-8"))
        kept = {(rule.media, selector) for rule in joined for selector, _ in rule.selectors}
        tokens = SiteTokens(script_words=words.script_words,
                            not_configured=theme_parts_not_configured(_theme_settings()))
        tokens.add_page(html)
        for original in originals:
            usable = parse_rules(purge(original.read_text(encoding="utf-8"), tokens))
            missing = {(rule.media, selector) for rule in usable for selector, _ in rule.selectors} - kept
            assert not missing, (page, original.name, sorted(missing)[:5])


def _theme_stylesheet() -> str:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return next(folder.glob("main.*.min.css")).read_text(encoding="utf-8")


def test_inline_gives_each_page_exactly_the_critical_css_of_all_its_rules(site: Path) -> None:
    """Inlining looks only at the rules whose selectors a page can match (an index per build);
    on the theme's real stylesheet and real pages that is the same as asking every rule."""
    stylesheets = {"theme.css": _theme_stylesheet(), "b.css": CSS}
    head = '<link rel="stylesheet" href="theme.css"><link rel="stylesheet" href="b.css"></head>'
    for page in ("", "artikel/wie-tiktok-funktioniert/", "wissen/glossar/", "impressum/"):
        html = page_html(site, page)
        html = re.sub(r"<link rel=\"stylesheet\"[^>]*>|<style>.*?</style>", "", html).replace("</head>", head)
        everything = critical_css(parse_rules(stylesheets["theme.css"] + "\n" + CSS), first_screen(html))
        assert len(everything) > 5000, page  # the control: the header and navigation need many rules
        assert f"<style>{everything}</style>" in inline_critical_css(html, stylesheets.__getitem__), page


def test_a_stylesheet_split_once_is_purged_for_each_set_of_tokens_on_its_own() -> None:
    """The purge splits a stylesheet once per build and applies each token set to the parts."""
    shown, hidden = SiteTokens(), SiteTokens()
    shown.add_page('<p class="shown">')
    hidden.add_page('<p class="hidden">')
    assert purge(CSS, shown) != purge(CSS, hidden)
    assert ".hidden" not in purge(CSS, shown) and ".shown" not in purge(CSS, hidden)
