"""Markup in every free-text field of every data file, built through the theme and opened in
Chromium: it shows as text, no script runs, nothing is requested from another host.

Fields with a pattern (ids, units, short names, dates, addresses, fixed choices) reject markup
at load time instead; tests/test_hostile_data.py covers those.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import QuietHandler, built_pages, copy_project, mkdocs_build, serving
from test_browser import browser  # noqa: F401  (the shared Chromium fixture)

from macros.sitecheck import check_site

# Fields an editor writes as free text; everything else is validated by a pattern or a choice.
RESTRICTED = {"id", "url", "as_of", "date", "adopted", "applicable", "published", "updated", "scope",
              "brand", "area", "format", "status", "currency", "unit", "short_names", "current", "laws",
              "followers_fact", "snapshots", "value", "stale_after_months",
              "status_as_of", "written_after", "privacy_url", "logs_url", "low",
              # article_fixes.yml: the slip as it stands in the seed, its one-word correction
              # (markup refused at load time, tests/test_data_errors.py) and the page it is on
              "original", "corrected", "page",
              # one poison per entry would break `current` and chart series, which require the
              # same metric (macros/relations.py); TODO: poison equal metrics equally
              "metric", "chart"}
MARK = "window.__pwned.push"


def payload(number: int) -> str:
    return (f'<script>{MARK}({number})</script><img src="http://evil.example/{number}.png" '
            f'onerror="{MARK}({number})">"\'><svg onload="{MARK}({number})"> '
            f"[klick {number}](javascript:{MARK}({number})) <base href=\"http://evil.example/\"> "
            f'<input type=image src="http://evil.example/i.png"> **fett** {{{{ 7*7 }}}} &amp; Nr. {number}')


def _poison(value: object, counter: itertools.count, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: (v if k in RESTRICTED else _poison(v, counter, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(item, counter, key) for item in value]
    if isinstance(value, str) and key in {"term", "forms"}:  # glossary words: at most 80 characters
        return f'<img src=x onerror="{MARK}({next(counter)})">'
    if isinstance(value, str):
        return payload(0) if key == "chart" else payload(next(counter))  # one chart series stays
    return value


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    counter = itertools.count(1)
    for path in sorted((project / "data").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_poison(raw, counter), allow_unicode=True), encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


class _Elements(HTMLParser):
    """Attributes that run or load something (event handlers, addresses), with their values."""

    LOADING = {"src", "href", "srcdoc", "action", "formaction", "data", "srcset"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs
                       if name.startswith("on") or name in self.LOADING]


def _all_html(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html")))


def test_markup_from_data_is_text_in_the_html(poisoned_site: Path) -> None:
    html = _all_html(poisoned_site)
    assert "Nr. 1" in html and "&lt;script&gt;" in html  # the payloads are on the pages, as text
    assert f"<script>{MARK}" not in html
    elements = _Elements()
    elements.feed(html)
    assert [found for found in elements.found if MARK in found[2] or "evil.example" in found[2]] == []
    assert not re.search(r"""href=["']?javascript:""", html)
    assert check_site(poisoned_site) == []


@pytest.fixture(scope="module")
def poisoned_url(poisoned_site: Path) -> Iterator[str]:
    with serving(functools.partial(QuietHandler, directory=str(poisoned_site))) as url:
        yield url


WATCH = """window.__pwned = []; window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective));"""


def test_no_script_runs_and_nothing_leaves_loopback(browser, poisoned_url: str,  # noqa: F811
                                                    poisoned_site: Path) -> None:
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.add_init_script(WATCH)
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran: dict[str, object] = {}
    for path in built_pages(poisoned_site):
        page.goto(poisoned_url + path, wait_until="networkidle")
        for abbr in page.locator("article abbr").all()[:3]:  # the tooltips show their text
            abbr.hover()
        found = page.evaluate("[window.__pwned, window.__violations]")
        if found != [[], []]:
            ran[path] = found
    context.close()
    foreign = [url for url in requests
               if urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:"))]
    assert ran == {} and dialogs == [] and foreign == []
    assert len(requests) > len(built_pages(poisoned_site))
