"""Screenshots of every page at phone and desktop width, light and dark, for a person to look through.

Not a test (pytest does not collect it). `make screenshots` builds the site and runs:
    .venv/bin/python tests/screenshots.py <site> <folder> [page ...]
Writes <folder>/<width>-<scheme>/<page>.png (full page) for every built page.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from conftest import CHROMIUM, CHROMIUM_FLAGS, VIEWPORTS, QuietHandler, built_pages, serving
from playwright.sync_api import sync_playwright


def file_name(path: str) -> str:
    return path.strip("/").replace("/", "_") or "startseite"


def take_screenshots(site: Path, folder: Path, only: list[str]) -> int:
    count = 0
    with serving(functools.partial(QuietHandler, directory=str(site))) as base_url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        for (width, height), scheme in [(size, scheme) for size in VIEWPORTS for scheme in ("light", "dark")]:
            target = folder / f"{width}-{scheme}"
            target.mkdir(parents=True, exist_ok=True)
            context = browser.new_context(viewport={"width": width, "height": height},
                                          color_scheme=scheme, locale="de-DE")
            page = context.new_page()
            for path in only or built_pages(site):
                page.goto(base_url + path, wait_until="networkidle")
                page.screenshot(path=str(target / f"{file_name(path)}.png"), full_page=True)
                count += 1
            context.close()
        browser.close()
    return count


if __name__ == "__main__":
    if len(sys.argv) < 3 or not (Path(sys.argv[1]) / "index.html").exists():
        sys.exit("Aufruf: python tests/screenshots.py <gebaute Seite> <Zielordner> [Seite …]"
                 " (erst bauen: make build)")
    written = take_screenshots(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
    print(f"{written} Bildschirmfotos in {sys.argv[2]}/")
