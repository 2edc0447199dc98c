"""Link checking: strict MkDocs validation (offline) and `make linkcheck` against a local server."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BUILD_ENV, PROJECT, QuietHandler, append_to_page, broken_build, mkdocs_build, serving

from macros import linkcheck

# (Markdown added to docs/artikel/fazit.md, what the failure message must name)
BROKEN_LINKS = {
    "missing_page": ("[x](gibt-es-nicht.md)", "gibt-es-nicht.md"),
    "missing_anchor": ("[x](geschichte.md#gibt-es-nicht)", "#gibt-es-nicht"),
    "missing_umlaut_anchor": ("[x](geschichte.md#ursprunge-und-entwicklung-von-tiktok)",
                              "#ursprunge-und-entwicklung-von-tiktok"),
    "unrecognized_relative": ("[x](../wissen/)", "../wissen/"),
    "absolute_own_site": ("[x](/artikel/geschichte/)", "/artikel/geschichte/"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_LINKS))
def test_broken_link_fails_strict_build(case: str, project_copy: Path, tmp_path: Path) -> None:
    markdown, named = BROKEN_LINKS[case]
    result = broken_build(project_copy, markdown, tmp_path / "out")
    assert "artikel/fazit.md" in result.stderr and named in result.stderr


def test_working_umlaut_anchor_passes(project_copy: Path, tmp_path: Path) -> None:
    append_to_page(project_copy, "[x](geschichte.md#ursprünge-und-entwicklung-von-tiktok)")
    assert mkdocs_build(project_copy, tmp_path / "out").returncode == 0


def test_nav_entry_without_file_fails(project_copy: Path, tmp_path: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      - Über den Autor: artikel/autor.md\n",
        "      - Über den Autor: artikel/autor.md\n      - Fehlt: artikel/fehlt.md\n"))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0 and "artikel/fehlt.md" in result.stderr


def test_make_build_fails_on_broken_link_and_never_runs_quiet(project_copy: Path) -> None:
    makefile = (PROJECT / "Makefile").read_text()
    assert " -q" not in makefile and "--quiet build" not in makefile and " -v " not in makefile
    append_to_page(project_copy, "[x](gibt-es-nicht.md)")
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        ["make", "build", f"VENV={bin_dir.parent}", f"SITE_DIR={project_copy / 'site'}"],
        cwd=project_copy, env={**BUILD_ENV, "PATH": f"{bin_dir}:{BUILD_ENV['PATH']}"},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "gibt-es-nicht.md" in result.stderr


def test_broken_raw_html_link_is_caught_by_site_check(project_copy: Path, tmp_path: Path) -> None:
    append_to_page(project_copy, '<a href="../gibt-es-nicht/">roh</a>')
    assert mkdocs_build(project_copy, tmp_path / "out").returncode == 0  # MkDocs misses it
    from macros.sitecheck import check_site

    problems = check_site(tmp_path / "out", "https://tiktok-kompass.de/")
    assert problems == ["artikel/fazit/index.html: Link „../gibt-es-nicht/“ zeigt auf eine Seite, "
                        "die es nicht gibt"]


# --- external links against a local server ---------------------------------


class _Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path == "/live":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>live</body></html>")
        elif self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/live")
            self.end_headers()
        elif self.path == "/hang":
            time.sleep(8)
        else:
            self.send_response(404)
            self.end_headers()

    do_HEAD = do_GET


@pytest.fixture
def local_server() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url.rstrip("/")


def test_linkcheck_reports_page_url_and_status(local_server: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "quellen").mkdir(parents=True)
    (site / "quellen" / "index.html").write_text(
        "".join(f'<a href="{local_server}/{path}">x</a>' for path in ("live", "404", "redirect", "hang"))
        + '<a href="https://refuses-bots.example/x">y</a>'
    )
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\ntimeout=2\nthreads=4\n")
    allow = tmp_path / "allow.txt"
    allow.write_text("https://refuses-bots.example/*  # refuses bots\n")
    cache = tmp_path / "cache.json"

    report, fine = linkcheck.check(site, cache, allow, config, followable=lambda url: True)
    text = "\n".join(report)
    assert not fine
    assert f"OK  {local_server}/live – 200 OK – auf quellen/index.html" in text
    assert f"OK  {local_server}/redirect – 200 OK" in text
    assert f"KAPUTT {local_server}/404 – 404 Not Found – auf quellen/index.html" in text
    assert f"KAPUTT {local_server}/hang – ReadTimeout" in text
    assert "OK  https://refuses-bots.example/x – erlaubt" in text

    started = time.monotonic()
    (site / "quellen" / "index.html").write_text(f'<a href="{local_server}/live">x</a>')
    report, fine = linkcheck.check(site, cache, allow, config, followable=lambda url: True)
    assert fine and "Cache" in report[0]
    assert time.monotonic() - started < 1.0  # nothing re-checked: no LinkChecker run at all


def run_linkcheck_command(site: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros.linkcheck", str(site), "--cache", str(cache), "--loopback"],
        cwd=PROJECT, capture_output=True, text=True, timeout=120,
    )


def test_linkcheck_command_exits_non_zero_on_broken_link(local_server: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<a href="{local_server}/404">x</a>')
    result = run_linkcheck_command(site, tmp_path / "cache.json")
    assert result.returncode == 1
    assert f"KAPUTT {local_server}/404" in result.stdout
    assert local_server in (tmp_path / "cache.json").read_text()
    assert "Internetverbindung" not in result.stdout


def test_linkcheck_command_hints_at_missing_internet(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="https://no-such-host.invalid/">x</a>')
    result = run_linkcheck_command(site, tmp_path / "cache.json")
    assert result.returncode == 1
    assert "KAPUTT https://no-such-host.invalid/" in result.stdout
    assert "keine Internetverbindung?" in result.stdout


def test_linkcheck_skips_links_no_reader_can_follow(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    links = ["http://127.0.0.1:8000", "http://localhost:8000/x", "http://[::1]/", "https://example.org/a",
             "https://www.example.com/", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"]
    (site / "index.html").write_text("".join(f'<a href="{link}">x</a>' for link in links))
    assert list(linkcheck.external_links(site)) == ["https://eur-lex.europa.eu/eli/reg/2016/679/oj"]


def test_offline_hint_only_when_every_broken_link_fails_to_resolve() -> None:
    offline = ["KAPUTT https://a.de/ – ConnectionError: NameResolutionError(…) – auf index.html",
               "KAPUTT https://b.de/ – Temporary failure in name resolution – auf index.html",
               "OK  https://c.de/ – erlaubt (linkcheck-allow.txt) – auf index.html"]
    assert "keine Internetverbindung?" in linkcheck.offline_hint(offline)
    assert linkcheck.offline_hint([*offline, "KAPUTT https://d.de/ – 404 Not Found – auf x"]) == ""
    assert linkcheck.offline_hint(offline[2:]) == ""
