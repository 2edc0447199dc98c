"""Shared fixtures: real MkDocs builds of the project (or of a copy) into temporary folders."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "main.py", "macros", "data", "docs", "Makefile", "pyproject.toml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
VIEWPORTS = [(1280, 800), (390, 844)]  # desktop and phone, as readers see the site
BUILD_ENV = {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` exactly as CI runs it (no -q, no -v); `env` adds variables."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**BUILD_ENV, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(target: Path, project: Path = PROJECT) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(PROJECT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project that a test may break on purpose."""
    return copy_project(tmp_path / "project")


def append_to_page(project: Path, markdown: str, page: str = "artikel/fazit.md") -> None:
    """Add a line of Markdown to a page of a project copy (to break it on purpose)."""
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{markdown}\n", encoding="utf-8")


def broken_build(project: Path, markdown: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Add Markdown to a page of a project copy, build it, and check that the build failed."""
    append_to_page(project, markdown)
    result = mkdocs_build(project, out)
    assert result.returncode != 0, result.stdout + result.stderr
    return result


def built_pages(site: Path) -> list[str]:
    """URL paths of every built page, e.g. "wissen/glossar/"; the start page is ""."""
    folders = (path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return sorted("" if folder == "." else folder + "/" for folder in folders if folder != "search")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler] | object) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 for the test; yields its base URL (with a final /)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def page_html(site: Path, page: str) -> str:
    """HTML of a built page, by its URL path (e.g. "artikel/fazit/")."""
    return (site / page / "index.html").read_text(encoding="utf-8")


def without_tooltips(html: str) -> str:
    """HTML with the glossary's `<abbr>` tooltips taken out, to search it for plain text."""
    return re.sub(r"</?abbr\b[^>]*>", "", html)


# Test values only (a copy of the project is published nowhere); the real data stays empty
# until the publisher's details are known.
SAMPLE_PUBLISHER = {"name": "Beispiel-Verlag", "street": "Beispielweg 1", "postcode": "12345",
                    "city": "Beispielstadt", "email": "redaktion@example.org", "phone": "+49 30 000000",
                    "responsible": "Erika Beispiel"}


def fill_publisher(project: Path, **fields: str) -> None:
    """Fill the Impressum fields of a project copy's data/site.yml (empty ones only)."""
    path = project / "data" / "site.yml"
    text = path.read_text(encoding="utf-8")
    for field, value in {**SAMPLE_PUBLISHER, **fields}.items():
        text = text.replace(f'\n  {field}: ""\n', f'\n  {field}: "{value}"\n')
    path.write_text(text, encoding="utf-8")
