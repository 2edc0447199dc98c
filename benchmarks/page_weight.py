"""Prints the first-view weight of the longest article page, gzipped, by kind, and bytes from other hosts.

Budget: at most 70 KB gzipped, 0 bytes from other hosts. Loads the built site in Debian's
headless Chromium and records every response. Run after `make build`:
    .venv/bin/python benchmarks/page_weight.py [site]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from serve_gzip import GzipHandler  # the same quiet server as the Lighthouse benchmark

BUDGET = 70 * 1024
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def longest_article(site: Path) -> str:
    pages = sorted((site / "artikel").glob("*/index.html"), key=lambda p: p.stat().st_size)
    if not pages:
        sys.exit(f"no built article pages in {site}/artikel/: run `make build` first")
    return pages[-1].parent.relative_to(site).as_posix() + "/"


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
    print(f"  total       {total / 1024:6.1f} KB gzipped (budget {BUDGET // 1024} KB)")
    print(f"  other hosts {foreign} bytes")
    return 0 if total <= BUDGET and foreign == 0 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
