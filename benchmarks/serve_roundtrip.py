"""How long an editor waits in `make serve`: from saving a broken file until the preview shows
the error page, and from saving the fix until it shows the site again.

Runs `python -m macros.serve` on a copy of the project on a free loopback port, breaks
docs/artikel/fazit.md with an unknown fact id and repairs it ROUNDS times, and prints each
time and the median. Usage: .venv/bin/python benchmarks/serve_roundtrip.py [ROUNDS]
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "main.py", "macros", "data", "docs")
ERROR_TITLE = "Die Vorschau konnte nicht gebaut werden"
PAGE = "docs/artikel/fazit.md"


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def _seconds_until(condition, timeout: float = 60) -> float:  # noqa: ANN001
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit("Zeitüberschreitung: die Vorschau hat nicht reagiert")


def main(rounds: int) -> int:
    work = Path(tempfile.mkdtemp(prefix="serve-roundtrip-"))
    for part in PARTS:
        copy = shutil.copytree if (PROJECT / part).is_dir() else shutil.copy2
        copy(PROJECT / part, work / part)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/artikel/fazit/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "macros.serve", "--port", str(port)], cwd=work,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = work / PAGE
    good = page.read_text(encoding="utf-8")
    broken_times, fixed_times = [], []
    try:
        _seconds_until(lambda: _status(url)[0] == 200, timeout=120)
        for _ in range(rounds):
            time.sleep(1)
            page.write_text(good + '\n{{ fact("gibtsnicht") }}\n', encoding="utf-8")
            broken_times.append(_seconds_until(lambda: ERROR_TITLE in _status(url)[1]))
            time.sleep(1)
            page.write_text(good, encoding="utf-8")
            fixed_times.append(_seconds_until(lambda: _status(url)[0] == 200))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    for name, times in (("kaputt gespeichert → Fehlerseite", broken_times),
                        ("repariert gespeichert → Website", fixed_times)):
        listed = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name}: Median {statistics.median(times):.2f} s ({listed})")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
