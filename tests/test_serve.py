"""`make serve` (macros/serve.py) as an editor meets it: a real preview server on a free loopback
port, serving a copy of the project that the tests break and repair in turn."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import BUILD_ENV, copy_project
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, CHROMIUM_FLAGS

ERROR_TITLE = "Die Vorschau konnte nicht gebaut werden"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float = 90, what: str = "") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what or condition}")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@dataclass
class Preview:
    project: Path
    url: str
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def read(self) -> None:
        for line in self.process.stdout or []:
            self.output.append(line.rstrip("\n"))

    def text(self) -> str:
        return "\n".join(self.output)

    def page(self, path: str = "") -> tuple[int, str]:
        return fetch(self.url + path)

    def shows_error(self, path: str, *needles: str) -> bool:
        status, html = self.page(path)
        return status == 500 and ERROR_TITLE in html and all(n in html for n in needles)

    def shows_site(self, path: str = "") -> bool:
        status, html = self.page(path)
        return status == 200 and ERROR_TITLE not in html and "md-header" in html

    def edit(self, relative: str, change: Callable[[str], str]) -> Callable[[], None]:
        """Save a changed file; returns the function that saves the original again."""
        path = self.project / relative
        original = path.read_text(encoding="utf-8")
        path.write_text(change(original), encoding="utf-8")
        return lambda: path.write_text(original, encoding="utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros.serve", "--port", str(port)], cwd=project, env=BUILD_ENV,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )
    running = Preview(project, f"http://127.0.0.1:{port}/", process)
    threading.Thread(target=running.read, daemon=True).start()
    try:
        wait_for(lambda: "Gebaut in" in running.text(), what="the first build")
        yield running
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "Vorschau beendet." in running.text()


def _builds(preview: Preview) -> int:
    return sum(" Gebaut in " in line or " Bauen gescheitert" in line for line in preview.output)


def test_a_broken_page_reference_shows_the_error_page_everywhere_then_the_site(preview: Preview) -> None:
    restore = preview.edit("docs/artikel/fazit.md", lambda text: text + '\n{{ fact("gibtsnicht") }}\n')
    wait_for(lambda: preview.shows_error("artikel/fazit/", "docs/artikel/fazit.md, Zeile", "gibtsnicht"),
             what="the error page")
    assert preview.shows_error("", "docs/artikel/fazit.md"), "every page shows the error while it lasts"
    assert preview.shows_error("gibt/es/nicht/", "docs/artikel/fazit.md")
    assert preview.process.poll() is None
    before = len(preview.output)
    restore()
    wait_for(lambda: preview.shows_site("artikel/fazit/"), what="the site after the fix")
    wait_for(lambda: len(preview.output) > before)
    time.sleep(0.3)
    assert preview.output[before:] == [preview.output[-1]]
    assert " Gebaut in " in preview.output[-1], "one line per good rebuild"


def test_a_broken_data_file_shows_its_file_line_and_entry(preview: Preview) -> None:
    restore = preview.edit("data/stats.yml", lambda text: text.replace("  source:", "  soruce:", 1))
    wait_for(lambda: preview.shows_error("", "data/stats.yml, Zeile", "Eintrag", "„soruce“",
                                         "meintest du „source“?"), what="the data error page")
    assert preview.process.poll() is None
    restore()
    wait_for(preview.shows_site, what="the site after the fix")


def test_a_broken_theme_template_names_the_template(preview: Preview) -> None:
    block = "{% block extrahead %}"
    restore = preview.edit("docs/overrides/main.html", lambda text: text.replace(block, block + "{{ x(", 1))
    wait_for(lambda: preview.shows_error("wissen/", "Vorlage docs/overrides/main.html, Zeile"),
             what="the template error page")
    restore()
    wait_for(lambda: preview.shows_site("wissen/"), what="the site after the fix")


def _save_twice_then_restore(preview: Preview, relative: str, page: str,
                             change: Callable[[str, str], str]) -> None:
    path = preview.project / relative
    original = path.read_text(encoding="utf-8")
    for number in (1, 2):
        mark = f"Gespeichert-{number}-{relative.replace('/', '-')}"
        path.write_text(change(original, mark), encoding="utf-8")
        wait_for(lambda mark=mark: mark in preview.page(page)[1], what=mark)
        assert f"Gespeichert-{3 - number}-" not in preview.page(page)[1]
    path.write_text(original, encoding="utf-8")
    wait_for(lambda: "Gespeichert-" not in preview.page(page)[1], what=f"{relative} restored")
    assert preview.shows_site(page)


def test_each_save_shows_its_new_text_nothing_compiled_goes_stale(preview: Preview) -> None:
    """The preview keeps compiled pages and theme templates between rebuilds
    (macros/plugin_patches.py): a second save of a page, a data file or a theme template still
    replaces the first one's text, and saving the original again takes it away."""
    block, note = "{% block extrahead %}", "  note: Sekundärquelle;"
    _save_twice_then_restore(preview, "docs/artikel/fazit.md", "artikel/fazit/",
                             lambda text, mark: f"{text}\n\n{mark}\n")
    _save_twice_then_restore(preview, "data/stats.yml", "wissen/statistiken/",
                             lambda text, mark: text.replace(note, f"{note} {mark}", 1))
    _save_twice_then_restore(preview, "docs/overrides/main.html", "wissen/",
                             lambda text, mark: text.replace(block, f"{block}<!-- {mark} -->", 1))


def _every_page(preview: Preview) -> dict[str, str]:
    """Each page the preview serves (those in the sitemap and the editors' page), without the
    live-reload call, whose numbers change with every build."""
    urls = re.findall(r"<loc>(.*?)</loc>", preview.page("sitemap.xml")[1])
    paths = [url.removeprefix(preview.url) for url in urls] + ["redaktion/"]
    assert len(paths) > 20
    return {path: re.sub(r"livereload\(\d+, \d+\)", "livereload()", preview.page(path)[1])
            for path in paths}


def _last_build(preview: Preview) -> str:
    return [line for line in preview.output if " Gebaut in " in line][-1]


def test_a_data_save_converts_only_the_pages_that_show_it_and_each_of_them_shows_it(
        preview: Preview) -> None:
    """After a save in data/ (here: the fix of a broken entry) the preview writes only the pages
    whose Markdown changed (macros/reuse.py); every page is then what a full build makes."""
    note, mark = "  note: Sekundärquelle;", "Nur-die-Seiten-damit"
    restore = preview.edit("data/stats.yml", lambda text: text.replace("  source:", "  soruce:", 1))
    wait_for(lambda: preview.shows_error("", "data/stats.yml, Zeile", "„soruce“"), what="the error page")
    builds = _builds(preview)
    preview.edit("data/stats.yml", lambda text: text.replace("  soruce:", "  source:", 1)
                 .replace(note, f"{note} {mark}", 1))
    wait_for(lambda: _builds(preview) > builds and mark in preview.page("wissen/statistiken/")[1],
             what="the new note")
    time.sleep(0.3)
    written, total = map(int, re.search(r"Gebaut in [\d,]+ s, (\d+) von (\d+) Seiten neu:",
                                        _last_build(preview)).groups())
    partly = _every_page(preview)
    showing = [path for path, html in partly.items() if mark in html]
    assert total == len(partly), "every page counted"
    assert 1 <= len(showing) <= written < total / 2, (showing, written, total)
    builds = _builds(preview)
    preview.edit("docs/index.md", lambda text: text)  # saved unchanged: a full build
    wait_for(lambda: _builds(preview) > builds, what="the full build")
    time.sleep(0.3)
    assert "Seiten neu" not in _last_build(preview)
    assert _every_page(preview) == partly
    restore()
    wait_for(lambda: mark not in preview.page("wissen/statistiken/")[1], what="the note removed")
    assert preview.shows_site("wissen/statistiken/")


def test_a_broken_link_names_page_and_line(preview: Preview) -> None:
    restore = preview.edit("docs/index.md", lambda text: text + "\n[weg](gibtsnicht.md)\n")
    line = (preview.project / "docs/index.md").read_text(encoding="utf-8").splitlines().index(
        "[weg](gibtsnicht.md)") + 1
    wait_for(lambda: preview.shows_error("", f"docs/index.md, Zeile {line}", "führt ins Leere"))
    restore()
    wait_for(preview.shows_site)


def test_the_same_mistake_twice_prints_its_reason_twice(preview: Preview) -> None:
    mistake = '\n{{ fakt("mau_germany_2025") }}\n'
    restore = preview.edit("docs/artikel/fazit.md", lambda text: text + mistake)
    reason = "unbekanntes Makro „fakt“ – meintest du „fact“?"
    wait_for(lambda: preview.text().count(reason) == 1, what="the first report")
    builds = _builds(preview)
    preview.edit("docs/artikel/fazit.md", lambda text: text)  # saved again, unchanged
    wait_for(lambda: _builds(preview) > builds, what="the second build")
    wait_for(lambda: preview.text().count(reason) == 2, what="the second report")
    restore()
    wait_for(lambda: preview.shows_site("artikel/fazit/"))


def test_a_busy_port_gives_one_german_line(preview: Preview) -> None:
    port = preview.url.rsplit(":", 1)[1].strip("/")
    second = subprocess.run([sys.executable, "-m", "macros.serve", "--port", port], cwd=preview.project,
                            env=BUILD_ENV, capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"Port {port} ist schon belegt – läuft die Vorschau schon in einem anderen Fenster? "
        f"Dort mit Strg+C beenden oder einen anderen Port wählen: make serve PORT={int(port) + 1}"]
    assert preview.shows_site()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_open_tab_switches_to_the_error_page_and_back_by_itself(
        preview: Preview, width: int, height: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        tab = browser.new_page(viewport={"width": width, "height": height}, locale="de-DE")
        tab.goto(preview.url + "artikel/fazit/")
        expect(tab.locator("h1")).not_to_have_text(ERROR_TITLE)
        restore = preview.edit("docs/artikel/fazit.md", lambda text: text + '\n{{ when("gibtsnicht") }}\n')
        expect(tab.locator("h1")).to_have_text(ERROR_TITLE, timeout=90000)
        expect(tab.locator(".problems li")).to_contain_text("docs/artikel/fazit.md, Zeile")
        geometry = tab.evaluate("""() => {
            const box = document.querySelector('.problems').getBoundingClientRect();
            const root = document.documentElement;
            return {left: box.left, right: box.right, scroll: root.scrollWidth, client: root.clientWidth};
        }""")
        assert geometry["scroll"] <= geometry["client"], "no sideways scrolling on the error page"
        assert geometry["left"] >= 0 and geometry["right"] <= geometry["client"]
        restore()
        expect(tab.locator("h1")).not_to_have_text(ERROR_TITLE, timeout=90000)
        expect(tab.locator("article")).to_contain_text("Fazit")
        browser.close()
