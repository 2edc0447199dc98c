"""Live reload for editors: seconds from saving a change in data/ until the preview serves the
page with the new value, with `make serve`'s server (macros/serve.py) on a copy of the project.

Each round writes a new note into the first figure of data/stats.yml that has one and waits
until wissen/statistiken/ shows it (the open tab reloads when the rebuild is done; this measures
up to that point). Prints every time and the median; --scale multiplies the data as in
build_time.py. Targets: median ≤ 1.0 s at ×1, ≤ 1.5 s at ×10.

Run: .venv/bin/python benchmarks/live_reload.py [--rounds 8] [--scale 10]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from build_time import BUILD_ENV, copy_project, scale_data
from serve_roundtrip import _seconds_until

PAGE = "wissen/statistiken/"


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--scale", type=int, default=1)
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
        times = []
        try:
            _seconds_until(lambda: "</html>" in _page(url), timeout=180)
            for round_ in range(args.rounds):
                time.sleep(1.5)  # the watcher settles
                marker = f"Messung {round_} {time.time_ns()}"
                stats.write_text(text[:note.start()] + f"  note: {marker}" + text[note.end():],
                                 encoding="utf-8")
                times.append(_seconds_until(lambda marker=marker: marker in _page(url)))
        finally:
            server.terminate()
            server.wait(timeout=30)
    listed = ", ".join(f"{t:.2f}" for t in times)
    print(f"data ×{args.scale}: save → page shows the new value: median {statistics.median(times):.2f} s "
          f"({listed})")


if __name__ == "__main__":
    main()
