"""First paint with the inline critical CSS only: no flash of unstyled content.

The full stylesheets are held back until the first screen has been measured; then the page may
load them, and nothing on the first screen may move or change colour (both widths, both schemes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route
from test_browser import base_url, browser  # noqa: F401  (fixtures)

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
FIRST_SCREEN = ["header.md-header", ".md-header__title", ".md-search", ".md-content h1",
                ".md-content h1 + p", ".md-sidebar--primary", ".md-footer"]
MEASURE = """selectors => selectors.map(selector => {
  const element = document.querySelector(selector);
  if (!element) return null;
  const box = element.getBoundingClientRect(), style = getComputedStyle(element);
  return {selector, x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width),
          height: Math.round(box.height), color: style.color, background: style.backgroundColor,
          font: style.fontSize + ' ' + style.fontWeight, visible: box.bottom > 0 && box.top < innerHeight};
}).filter(Boolean)"""


def longest_article(site: Path) -> str:
    pages = sorted((site / "artikel").glob("*/index.html"), key=lambda path: path.stat().st_size)
    return pages[-1].parent.relative_to(site).as_posix() + "/"


@pytest.fixture(params=[(width, scheme) for width in WIDTHS for scheme in ("light", "dark")],
                ids=lambda param: "-".join(param))
def held_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, list[Route]]]:  # noqa: F811
    width, scheme = request.param
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme, locale="de-DE")
    held: list[Route] = []
    context.route("**/*.css", lambda route: held.append(route))
    yield context.new_page(), held
    context.close()


@pytest.mark.parametrize("which", ["start", "longest article"])
def test_first_screen_does_not_change_when_the_full_css_arrives(
    held_page: tuple[Page, list[Route]], base_url: str, site: Path, which: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page, held = held_page
    path = "" if which == "start" else longest_article(site)
    page.goto(base_url + path, wait_until="commit")  # the held stylesheets also hold back DOMContentLoaded
    page.wait_for_function("() => document.querySelector('body link[rel=stylesheet]') && "
                           "performance.getEntriesByType('paint').length > 0")
    for _ in range(100):  # the held requests reach this thread while it waits in Playwright
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page links no stylesheet: nothing was held back"
    assert page.evaluate("() => [...document.styleSheets].filter(s => s.href).every(s => {"
                         " try { return s.cssRules.length === 0 } catch { return true } })")
    before = page.evaluate(MEASURE, FIRST_SCREEN)
    page.screenshot(path=tmp_path_factory.mktemp("first-paint") / "first-paint.png")
    for route in held:
        route.continue_()
    page.context.unroute("**/*.css")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.styleSheets].filter(s => s.href)"
                           ".every(s => s.cssRules.length > 0)")
    after = page.evaluate(MEASURE, FIRST_SCREEN)
    on_screen = [b for b in before if b["visible"]]
    assert len(on_screen) >= 3, before
    after_by_selector = {a["selector"]: a for a in after}
    changed = [(b, after_by_selector.get(b["selector"])) for b in on_screen
               if b != after_by_selector.get(b["selector"])]
    assert changed == []
