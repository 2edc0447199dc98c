"""Material's bundle on demand (docs/assets/js/lazy-theme.js): no page loads it before the reader
does something, the page looks complete without it, and nothing moves when it arrives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import built_pages, page_html
from playwright.sync_api import Browser, Page, expect
from test_browser import base_url, browser  # noqa: F401  (fixtures)

VIEWS = [(1280, 800, "light"), (1280, 800, "dark"), (390, 844, "light"), (390, 844, "dark")]
BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
MOUNTED = "() => !!window.component$"
# What a reader sees: content blocks (a plain table with or without the box Material's script puts
# it in, and a data table inside its own box), header, both sidebars' entries, footer.
BOXES = """() => Array.from(document.querySelectorAll(
    '.md-content__inner > :not(.md-typeset__scrollwrap), .md-content__inner > .md-typeset__scrollwrap table,'
    + '.md-content__inner > .kompass-table table,'
    + '.md-header *, .md-sidebar .md-nav__link, .md-footer *'))
  .filter(element => !element.closest('.md-search__output, .md-tooltip2'))
  .map(element => {
    const box = element.getBoundingClientRect();
    return [element.tagName + '.' + element.className, Math.round(box.x), Math.round(box.y),
            Math.round(box.width), Math.round(box.height), getComputedStyle(element).visibility];
  })"""


@pytest.fixture(params=VIEWS, ids=lambda view: f"{view[0]}-{view[2]}")
def view(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, list[str]]]:  # noqa: F811
    width, height, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  locale="de-DE")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    context.close()


def test_no_page_names_the_bundle_in_a_script_tag_of_its_own(site: Path) -> None:
    for path in built_pages(site):
        html = page_html(site, path)
        assert not re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js"', html), path
        bundle = re.search(r'<script src="[^"]*lazy-theme\.js" data-theme-src="([^"]+)"', html)
        assert bundle, f"{path}: no theme loader"
        assert (site / path / bundle.group(1)).resolve().is_file(), (path, bundle.group(1))


def test_every_page_waits_for_the_reader_and_does_not_move_when_the_theme_starts(
    view: tuple[Page, list[str]], base_url: str, site: Path,  # noqa: F811
) -> None:
    page, requests = view
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    for path in built_pages(site):
        requests.clear()
        page.goto(base_url + path, wait_until="networkidle")
        assert not [url for url in requests if BUNDLE.search(url)], f"{path}: bundle before interaction"
        assert page.evaluate("document.documentElement.classList.contains('js')"), path
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if dark else "default"), f"{path}: {scheme} before interaction"
        toggles = page.locator("label.md-header__button[for^='__palette']:visible")
        assert toggles.count() == 1, f"{path}: {toggles.count()} colour-scheme toggles shown"
        before = page.evaluate(BOXES)

        page.mouse.move(5, 400)
        page.wait_for_function(MOUNTED)
        page.wait_for_timeout(100)  # Material places the sidebars in an animation frame
        after = page.evaluate(BOXES)
        moved = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
        assert not moved, f"{path}: moved when the theme started: {moved[:3]}"


def test_a_scheme_chosen_before_the_theme_runs_is_kept_and_can_be_undone(
    view: tuple[Page, list[str]], base_url: str,  # noqa: F811
) -> None:
    page, _ = view
    page.goto(base_url + "artikel/fazit/", wait_until="networkidle")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    start = page.evaluate(scheme)
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    toggle.click()  # its pointerdown is also what starts the theme
    page.wait_for_function(f"() => {scheme} !== '{start}'")
    assert page.evaluate(MOUNTED)
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    expect(toggle).to_have_count(1)
    toggle.click()
    page.wait_for_function(f"() => {scheme} === '{start}'")


def test_the_first_key_reaches_the_theme(view: tuple[Page, list[str]], base_url: str) -> None:  # noqa: F811
    page, _ = view
    page.goto(base_url + "artikel/fazit/", wait_until="networkidle")
    page.keyboard.press("n")  # Material's key for the next page
    page.wait_for_url("**/artikel/autor/")
