"""Prints the first-view weight of the longest article page, gzipped, by kind, and bytes from other hosts;
then, for the start page and the longest article, the bytes a browser needs before its first paint.

Budgets: first view at most 70 KB gzipped (target 62 KB), 0 bytes from other hosts; HTML plus
render-blocking CSS and scripts at most 14 KB gzipped (one round trip). First view: loads the built site in
Debian's headless Chromium and records every response. Render-blocking: read from the HTML,
every stylesheet and script in <head> that the parser must wait for. Run after `make build`:
    .venv/bin/python benchmarks/page_weight.py [site]
"""

from __future__ import annotations

import functools
import gzip
import html.parser
import http.server
import sys
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from serve_gzip import GzipHandler  # the same quiet server as the Lighthouse benchmark

BUDGET = 70 * 1024
TARGET = 62 * 1024  # issue 16: no heavier than plain Material
ROUND_TRIP = 14 * 1024
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def longest_article(site: Path) -> str:
    pages = sorted((site / "artikel").glob("*/index.html"), key=lambda p: p.stat().st_size)
    if not pages:
        sys.exit(f"no built article pages in {site}/artikel/: run `make build` first")
    return pages[-1].parent.relative_to(site).as_posix() + "/"


class _BlockingResources(html.parser.HTMLParser):
    """Stylesheets and classic scripts in <head> that hold back the first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "body":
            self.in_head = False
        if not self.in_head:
            return
        if (tag == "link" and attributes.get("rel") == "stylesheet"
                and attributes.get("media", "all") in ("all", "screen")):
            self.urls.append(attributes["href"] or "")
        if (tag == "script" and attributes.get("src") and "async" not in attributes
                and "defer" not in attributes and attributes.get("type") != "module"):
            self.urls.append(attributes["src"] or "")


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def render_blocking(site: Path, page_path: str) -> tuple[int, int]:
    """Gzipped bytes of the page's HTML and of what in its <head> blocks the first paint."""
    page = site / page_path / "index.html"
    parser = _BlockingResources()
    parser.feed(page.read_text(encoding="utf-8"))
    files = [(page.parent / url.split("?")[0]).resolve() for url in parser.urls]
    return gzipped(page), sum(gzipped(path) for path in files)


def kind(url: str, content_type: str) -> str:
    for name, marker in (("css", "css"), ("javascript", "javascript"), ("font", "font"),
                         ("image", "image"), ("html", "html")):
        if marker in content_type or url.endswith("." + name[:3]):
            return name
    return "other"


def main(site: Path) -> int:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    page_path = longest_article(site)
    sizes: dict[str, int] = defaultdict(int)
    foreign = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + page_path, wait_until="networkidle")
        for response in responses:
            body = response.body() if response.status == 200 else b""
            size = len(gzip.compress(body, 9))
            if urlsplit(response.url).hostname != "127.0.0.1":
                foreign += size
            sizes[kind(response.url, response.headers.get("content-type", ""))] += size
        browser.close()
    server.shutdown()
    total = sum(sizes.values())
    print(f"page: {page_path}")
    for name, size in sorted(sizes.items()):
        print(f"  {name:<11} {size / 1024:6.1f} KB gzipped")
    print(f"  total       {total / 1024:6.1f} KB gzipped "
          f"(budget {BUDGET // 1024} KB, target {TARGET // 1024} KB)")
    print(f"  other hosts {foreign} bytes")
    within_round_trip = True
    for path in ("", page_path):
        html_bytes, blocking = render_blocking(site, path)
        within_round_trip &= html_bytes + blocking <= ROUND_TRIP
        print(f"before first paint, /{path}: HTML {html_bytes / 1024:.1f} KB + render-blocking "
              f"{blocking / 1024:.1f} KB = {(html_bytes + blocking) / 1024:.1f} KB gzipped "
              f"(budget {ROUND_TRIP // 1024} KB)")
    return 0 if total <= BUDGET and foreign == 0 and within_round_trip else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
