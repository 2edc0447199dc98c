"""Live reload for editors: seconds from saving a change in data/ until the preview serves the
page with the new value, with `make serve`'s server (macros/serve.py) on a copy of the project.

Each round writes a new note into the first figure of data/stats.yml that has one and waits
until wissen/statistiken/ shows it. Without --browser: until the server answers with the new
page (a request during the rebuild waits for its end; the open tab reloads at that moment).
With --browser: until the page open in headless Chromium shows the note, its reload included
(on this machine about 0.4 s more). Prints every time and the median; --scale multiplies the
data as in build_time.py. Targets: median ≤ 1.0 s at ×1, ≤ 1.5 s at ×10. Such a save rebuilds
only the pages whose Markdown changes (macros/reuse.py), here wissen/statistiken/ and
wissen/faktenstand/; the data file is parsed again, the macros run on every page.

Also prints the preview process's CPU time per save (user + sys, from /proc, so Linux only),
which other load on the machine changes far less than the seconds until the page shows.

Run: .venv/bin/python benchmarks/live_reload.py [--rounds 8] [--scale 10] [--browser]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from build_time import BUILD_ENV, copy_project, scale_data
from serve_roundtrip import _seconds_until

PAGE = "wissen/statistiken/"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _cpu_seconds(pid: int) -> float:
    """User + sys CPU time of a running process (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _open_tab(url: str) -> Iterator[Callable[[str], None]]:
    """The page in headless Chromium; yields a function that waits until it shows a text."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(url)
        # The cheap textContent first: innerText lays the page out, and doing that every 20 ms
        # while the new page loads would slow the very load being timed. It is asked only once
        # the text has arrived, to confirm that the page shows it.
        try:
            yield lambda text: tab.wait_for_function(
                "text => document.body !== null && document.body.textContent.includes(text)"
                " && document.body.innerText.includes(text)",
                arg=text, polling=20, timeout=60_000)
        finally:
            browser.close()


def _served(url: str) -> Iterator[Callable[[str], None]]:
    yield lambda text: _seconds_until(lambda: text in _page(url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--browser", action="store_true", help="until the open tab shows it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        scale_data(project, args.scale)
        stats = project / "data" / "stats.yml"
        text = stats.read_text(encoding="utf-8")
        note = re.search(r"^  note: .*$", text, re.M)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{PAGE}"
        server = subprocess.Popen([sys.executable, "-m", "macros.serve", "--port", str(port)],
                                  cwd=project, env=BUILD_ENV, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        times, cpu = [], []
        try:
            _seconds_until(lambda: "</html>" in _page(url), timeout=180)
            with (_open_tab if args.browser else contextmanager(_served))(url) as shows:
                for round_ in range(args.rounds):
                    time.sleep(1.5)  # the watcher settles
                    marker = f"Messung {round_} {time.time_ns()}"
                    saved, used = time.monotonic(), _cpu_seconds(server.pid)
                    stats.write_text(text[:note.start()] + f"  note: {marker}" + text[note.end():],
                                     encoding="utf-8")
                    shows(marker)
                    times.append(time.monotonic() - saved)
                    time.sleep(0.5)  # the rebuild's end (the page is written before it ends)
                    cpu.append(_cpu_seconds(server.pid) - used)
        finally:
            server.terminate()
            server.wait(timeout=30)
    listed = ", ".join(f"{t:.2f}" for t in times)
    where = "the open tab shows" if args.browser else "the server serves"
    print(f"data ×{args.scale}: save → {where} the new value: median {statistics.median(times):.2f} s "
          f"({listed}); preview CPU per save: median {statistics.median(cpu):.2f} s")


if __name__ == "__main__":
    main()
