"""Content-Security-Policy: on every built page, first in <head>, and nothing on the site breaks it."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from conftest import built_pages
from playwright.sync_api import Browser, expect
from test_browser import base_url, browser  # noqa: F401  (shared fixtures)

from macros import csp, knowledge
from macros.models import Law

META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_every_page_carries_the_policy_first_in_head(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.search(html)
        assert found, path
        directives = _directives(found.group(1))
        assert {k: directives[k] for k in csp.FIXED_DIRECTIVES} == csp.FIXED_DIRECTIVES
        assert directives["default-src"] == "'self'" and directives["img-src"] == "'self' data:"
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        assert "unsafe-inline" not in found.group(1) and "unsafe-eval" not in found.group(1)
        for script in INLINE_SCRIPT.findall(html):  # each inline script is allowed by its hash
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in directives["script-src"], path
        assert " style=" not in html, path  # style attributes would need 'unsafe-inline'
        for style in INLINE_STYLE.findall(html):  # the critical CSS, allowed by its hash
            digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in directives["style-src"].split(), path


def test_policy_hashes_only_scripts_that_run() -> None:
    page = ('<html><head><script>a()</script><script type="application/json">{"x":1}</script>'
            '<script src="b.js"></script><script type="module">c()</script></head></html>')
    hashes = csp.inline_script_hashes(page)
    expected = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                for body in ("a()", "c()")}
    assert set(hashes) == expected
    assert csp.with_policy(page).startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"')


WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""


def test_no_violation_on_any_page_while_the_features_work(browser: Browser, base_url: str,  # noqa: F811
                                                           site: Path) -> None:
    context = browser.new_context(locale="de-DE", color_scheme="light")
    page = context.new_page()
    page.add_init_script(WATCH)
    violations: dict[str, list[str]] = {}

    def record(path: str) -> None:
        found = page.evaluate("window.__violations")
        if found:
            violations[path] = found

    for path in built_pages(site):
        page.goto(base_url + path, wait_until="networkidle")
        record(path)

    page.goto(base_url + "artikel/for-you-seite/")  # tooltip, palette toggle, lazy search
    abbr = page.locator("article abbr").first
    abbr.hover()
    expect(page.locator(".md-tooltip--active, .md-tooltip2--active").first).to_be_visible()
    page.locator("label[for='__palette_1']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.keyboard.press("/")
    page.keyboard.type("Douyin")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    record("artikel/for-you-seite/ (Tooltip, Farbschema, Suche)")

    page.goto(base_url + "wissen/reichweitenrechner/")  # the calculator, also on Enter
    output = page.locator(".kompass-calculator__result")
    before = output.inner_text()
    page.locator("#reach-like").fill("9")
    expect(output).not_to_have_text(before)
    page.locator("#reach-like").press("Enter")
    record("wissen/reichweitenrechner/ (Rechner)")
    context.close()
    assert violations == {}


def test_law_titles_reach_the_theme_escaped() -> None:
    """Short names have a pattern; should one slip through, title, description and nav are still text."""
    law = Law.model_construct(id="x", short_names=['<script>alert(1)</script>"'], name="n", jurisdiction="j",
                              adopted="2020", applicable="2020", regulates="r", url="https://example.org/",
                              sme="s", in_article=False, note="")
    data = type("Data", (), {"fines": [], "laws": [law]})()
    page = knowledge.law_page(law, data)
    front_matter = page.split("---")[1]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in front_matter
    nav = [{"Wissen": [knowledge.LAWS_INDEX]}]
    assert knowledge.extend_nav(nav, data)
    assert list(nav[0]["Wissen"][1]) == ["&lt;script&gt;alert(1)&lt;/script&gt;&#34;"]


def test_chart_bars_take_their_width_from_svg_attributes(browser: Browser, base_url: str) -> None:  # noqa: F811
    """Without style= the bars still measure their share of the track, on desktop and phone."""
    for viewport in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base_url + "wissen/statistiken/")
        bars = page.evaluate("""[...document.querySelectorAll('.kompass-chart li')].map(li => {
            const track = li.querySelector('.kompass-chart__track').getBoundingClientRect();
            const bar = li.querySelector('.kompass-chart__bar');
            return [track.width, track.height, bar.getBoundingClientRect().width,
                    parseFloat(bar.getAttribute('width'))];  // "42.5%" or "42.5"
        })""")
        context.close()
        assert len(bars) >= 4
        for track_width, track_height, bar_width, percent in bars:
            assert track_width >= 40 and 10 <= track_height <= 30, viewport
            assert abs(bar_width - track_width * percent / 100) <= 1.5, viewport
