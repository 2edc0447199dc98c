"""What a reader sees on every page, at 1280×800 and 390×844, light and dark: nothing wider than the
column, bars proportional to their values, timeline markers on the line in their strand's colour,
no text under the sticky header or sidebar, and no serious accessibility violation (axe)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT, VIEWPORTS, built_pages
from playwright.sync_api import Browser, Page
from test_browser import AXE, base_url, browser  # noqa: F401  (fixtures shared with the other browser tests)

LAYOUT_CHECKS = (PROJECT / "tests" / "layout_checks.js").read_text(encoding="utf-8")
COVERED_TEXT = (PROJECT / "tests" / "covered_text.js").read_text(encoding="utf-8")
SCHEMES = ("light", "dark")
# axe runs at both widths and in both schemes, once each (it is the slow part): contrast depends on
# the scheme, scrollable regions and target sizes on the width.
AXE_RUNS = {(1280, "light"), (390, "dark")}


@pytest.fixture(params=[(size, scheme) for size in VIEWPORTS for scheme in SCHEMES],
                ids=lambda p: f"{p[0][0]}-{p[1]}")
def reader(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, bool]]:  # noqa: F811
    (width, height), scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  locale="de-DE", is_mobile=width < 500, has_touch=width < 500)
    with_axe = (width, scheme) in AXE_RUNS
    if with_axe:  # as an init script: the pages' Content-Security-Policy forbids injected inline scripts
        context.add_init_script(path=str(AXE))
    yield context.new_page(), with_axe
    context.close()


def _headings_to_jump_to(page: Page) -> list[str]:
    ids = page.eval_on_selector_all(".md-content h2[id], .md-content h3[id]", "els => els.map(e => e.id)")
    return ids[:3]


SETTLE = """async () => {
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""  # what a reader sees once the page stands still: Material animates the sidebar's sections


def test_every_page_as_a_reader_sees_it(reader: tuple[Page, bool], base_url: str,  # noqa: F811
                                        site: Path) -> None:
    reader, with_axe = reader
    problems: list[str] = []
    for path in built_pages(site):
        reader.goto(base_url + path)
        reader.evaluate(SETTLE)
        problems += [f"{path}: {p}" for p in reader.evaluate(LAYOUT_CHECKS)]
        problems += [f"{path} beim Laden: {p}" for p in reader.evaluate(COVERED_TEXT)]
        for heading in _headings_to_jump_to(reader):
            reader.evaluate("id => { location.hash = id; }", heading)  # as a link to the heading does
            reader.wait_for_timeout(100)
            reader.evaluate(SETTLE)
            top = reader.evaluate("id => document.getElementById(id).getBoundingClientRect().top", heading)
            header = reader.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
            if top < header - 1:
                problems.append(f"{path}#{heading}: unter der Kopfzeile ({top:.0f} < {header:.0f})")
            problems += [f"{path}#{heading}: {p}" for p in reader.evaluate(COVERED_TEXT, top)]
        if not with_axe:
            continue
        violations = reader.evaluate("async () => (await axe.run(document)).violations")
        problems += [f"{path}: axe {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                     for v in violations if v["impact"] in {"serious", "critical"}]
    assert problems == [], "\n".join(problems)
