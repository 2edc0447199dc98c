"""Readers in a real browser: Debian's headless Chromium driven by Playwright against the built site."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, PROJECT, QuietHandler, built_pages, serving
from playwright.sync_api import Browser, Page, expect, sync_playwright

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(functools.partial(QuietHandler, directory=str(site))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Playwright starts Chromium with a fresh temporary --user-data-dir of its own."""
    assert Path(CHROMIUM).exists(), "Debian's chromium package is required (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


# --- search -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [("Datenschutz", "artikel/datenschutz/"), ("Musical.ly", "artikel/geschichte/"),
     ("Übernahme", "artikel/geschichte/"), ("Geschäft", "artikel/live-handel/"),
     ("Personals", "artikel/hr-personalsuche/")],
)
def test_german_search_finds_the_page(page: Page, base_url: str, query: str, expected_page: str) -> None:
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    result = page.locator(f".md-search-result__item a[href*='{expected_page}']").first
    expect(result).to_be_visible(timeout=15000)
    result.click()
    page.wait_for_url(f"**/{expected_page}**")
    assert urlsplit(page.url).path.rstrip("/").endswith(expected_page.rstrip("/"))


def test_search_loads_only_when_the_reader_reaches_for_it(page: Page, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + "artikel/fazit/", wait_until="networkidle")
    search_files = ("search/search_index.json", "/workers/search.", "/lunr/")
    assert not [url for url in requests if any(name in url for name in search_files)]

    page.keyboard.press("/")  # Material's shortcut to the search field
    page.keyboard.type("Douyin")
    expect(page.locator(".md-search-result__item a[href*='artikel/geschichte/']").first).to_be_visible(
        timeout=15000)
    for name in search_files:
        assert any(name in url for url in requests), name


# --- every page ---------------------------------------------------------------


def test_no_foreign_requests_and_no_console_errors(page: Page, base_url: str, site: Path) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in built_pages(site):
        page.goto(base_url + path, wait_until="networkidle")
    foreign = [url for url in requests if urlsplit(url).hostname not in {"127.0.0.1"}
               and not url.startswith(("data:", "blob:"))]
    assert foreign == []
    assert errors == []
    assert len(requests) > len(built_pages(site))


# axe at both widths and in both schemes: tests/test_layout.py


# --- phone ----------------------------------------------------------------------


def test_phone_layout(browser: Browser, base_url: str, site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in built_pages(site):
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px"

    page.goto(base_url + "wissen/statistiken/")  # a wide table: each row a card, each value labelled
    cell = page.locator(".kompass-table tbody td").first
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"Kennzahl"'
    row = page.locator(".kompass-table tbody tr").first.bounding_box()
    assert row and row["width"] <= 390 - 2 * 16

    drawer = page.locator(".md-nav--primary").first
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()
    page.locator("label.md-overlay[for='__drawer']").click(position={"x": 380, "y": 400})
    expect(drawer).not_to_be_in_viewport()

    page.locator("label.md-header__button[for='__search']").tap()  # lazy search starts on touch too
    page.locator("input.md-search__input").press_sequentially("Polizei")
    expect(page.locator(".md-search-result__item a[href*='artikel/hr-personalsuche/']").first).to_be_visible(
        timeout=15000)
    context.close()


# --- palette, print ---------------------------------------------------------------


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "dark")])
def test_parts_the_theme_script_builds_keep_their_styles(browser: Browser, base_url: str, width: int,
                                                         scheme: str) -> None:
    """The tooltip and the search results exist only once Material's script builds them, so the
    stylesheet's purge must have kept their rules: readable tooltip text, results in their panel."""
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme,
                                  locale="de-DE")
    page = context.new_page()
    page.goto(base_url + "artikel/wie-tiktok-funktioniert/", wait_until="networkidle")
    page.locator("article abbr").first.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(tooltip).to_be_visible()
    size, weight = tooltip.evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fontWeight]")
    assert size >= 13 and weight == "400", (size, weight)
    opener = "input.md-search__input" if width > 1000 else "label[for=__search]"
    page.locator(opener).first.click()
    page.keyboard.type("Algorithmus")
    item = page.locator(".md-search-result__item").first
    expect(item).to_be_visible(timeout=15000)
    # On a phone the search panel slides in: measure both boxes at once, when it has come to rest.
    panel, box = page.evaluate("""async () => {
      await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
      return ['.md-search__output', '.md-search-result__item'].map(selector => {
        const { x, width, height } = document.querySelector(selector).getBoundingClientRect();
        return { x, width, height };
      });
    }""")
    assert panel and box and panel["width"] > 300 and box["height"] > 40
    assert panel["x"] - 1 <= box["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"] + 1
    assert item.evaluate("e => getComputedStyle(e).listStyleType") == "none"  # Material's rule, not the UA's
    context.close()


def test_page_titles_fit_a_phone_word_by_word(browser: Browser, base_url: str, site: Path) -> None:
    """No word of a page title is wider than the column at 390 px (it would break mid-word)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    too_wide = {}
    for path in built_pages(site):
        page.goto(base_url + path)
        widest, column = page.evaluate("""() => {
            const title = document.querySelector('.md-typeset h1');
            if (!title) return [0, 1];
            const style = getComputedStyle(title), pen = document.createElement('canvas').getContext('2d');
            pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const words = title.textContent.trim().split(/\\s+/);
            return [Math.max(...words.map(word => pen.measureText(word).width)), title.clientWidth];
        }""")
        if widest > column:
            too_wide[path] = (round(widest), column)
    page.close()
    assert not too_wide, too_wide


def test_palette_toggle_survives_reload(page: Page, base_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_article_prints_without_navigation_and_search(page: Page, base_url: str) -> None:
    page.goto(base_url + "artikel/geschichte/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    expect(page.locator("article h1")).to_be_visible()


# --- calculator -------------------------------------------------------------------


def test_calculator_updates_while_typing_and_explains_bad_input(page: Page, base_url: str) -> None:
    page.goto(base_url + "wissen/reichweitenrechner/")
    output = page.locator(".kompass-calculator__result")
    expect(output).to_contain_text("Aufrufe")
    before = output.inner_text()
    page.locator("#reach-completion").fill("65")
    page.locator("#reach-like").fill("8")
    page.locator("#reach-save").fill("2")
    expect(output).not_to_have_text(before)
    assert "Wellen" in output.inner_text()

    for value, message in [("", "Bitte einen Wert eingeben."), ("-3", "Bitte keine negativen Werte."),
                           ("150", "Höchstens 100 %."), ("abc", "Bitte eine Zahl eingeben")]:
        page.locator("#reach-like").fill(value)
        expect(page.locator("#reach-like-error")).to_contain_text(message)
        assert "NaN" not in output.inner_text() and "Infinity" not in output.inner_text()
    page.locator("#reach-like").fill("4")
    expect(page.locator("#reach-like-error")).to_have_text("")


# --- the privacy statement says what a session really stores (issue 15) ----------------

_STORAGE = """async () => ({
  local: Object.keys(localStorage),
  session: Object.keys(sessionStorage),
  indexeddb: (await indexedDB.databases()).map(db => db.name),
})"""


def _declared_keys(page: Page, base_url: str) -> set[str]:
    page.goto(base_url + "datenschutz/")
    return set(page.locator("li.kompass-stored > code").all_inner_texts())


def _stored(page: Page) -> dict[str, object]:
    state = page.evaluate(_STORAGE)
    state["cookies"] = page.context.cookies()
    state["local"] = {key.rsplit(".", 1)[-1] for key in state["local"]}  # Material prefixes the path
    return state


def test_privacy_statement_lists_exactly_what_the_browser_stores(browser: Browser, base_url: str) -> None:
    declared = _declared_keys(browser.new_page(), base_url)
    assert declared, "the privacy statement names what it stores"
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(base_url + "artikel/fazit/", wait_until="networkidle")
    before_interaction = _stored(page)  # the theme script waits for the reader (lazy-theme.js)
    page.mouse.move(10, 300)
    page.wait_for_function("() => !!window.component$")
    first_visit = _stored(page)

    page.keyboard.press("/")
    page.keyboard.type("Douyin")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    after_search = _stored(page)

    page.keyboard.press("Escape")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    after_palette = _stored(page)
    context.close()

    assert first_visit["local"] == declared, "written on the first visit, as the statement says"
    for moment, state in (("before any interaction", before_interaction),
                          ("first visit", first_visit), ("search", after_search),
                          ("palette", after_palette)):
        assert state["cookies"] == [], moment
        assert state["session"] == [], moment
        assert state["indexeddb"] == [], moment
        assert state["local"] <= declared, (moment, state["local"])


# --- the editorial layer as a reader sees it (issue 15) ---------------------------------


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_source_markers_sit_on_the_line_and_boxes_fit(browser: Browser, base_url: str, width: int,
                                                      scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "artikel/wachstum/", wait_until="networkidle")
    geometry = page.evaluate("""() => {
      const markers = [...document.querySelectorAll('article sup[id^="fnref:"]')].map(sup => {
        const figure = sup.previousSibling, range = document.createRange();
        range.setStart(figure, Math.max(0, figure.textContent.length - 1));
        range.setEnd(figure, figure.textContent.length);
        const word = range.getBoundingClientRect(), mark = sup.getBoundingClientRect();
        return {text: sup.textContent, markBottom: mark.bottom, wordBottom: word.bottom,
                markTop: mark.top, wordTop: word.top, gap: mark.left - word.right};
      });
      const boxes = [...document.querySelectorAll('.admonition.redaktion')].map(box => ({
        width: box.getBoundingClientRect().width, scroll: box.scrollWidth, client: box.clientWidth,
        article: box.closest('article').getBoundingClientRect().width,
        title: getComputedStyle(box.querySelector('.admonition-title')).backgroundColor,
        border: getComputedStyle(box).borderLeftColor,
      }));
      return {markers, boxes, page: document.documentElement.scrollWidth, view: innerWidth};
    }""")
    context.close()
    assert geometry["markers"] and geometry["boxes"]
    for marker in geometry["markers"]:
        assert re.fullmatch(r"\[\d+\]", marker["text"]), marker  # bracketed, not a bare exponent
        assert marker["markTop"] >= marker["wordTop"] - 1, marker  # not raised above the line
        assert abs(marker["markBottom"] - marker["wordBottom"]) < 6, marker  # same line as the figure
        assert 0 <= marker["gap"] < 8, marker
    for box in geometry["boxes"]:
        assert box["scroll"] <= box["client"] + 1 and box["width"] <= box["article"] + 1, box
        assert box["border"] == "rgb(0, 121, 107)", box  # the editorial colour, not a note's blue
    assert geometry["page"] <= geometry["view"], "no sideways scrolling"
