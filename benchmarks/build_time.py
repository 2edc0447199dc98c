"""Prints full build time with and without the macros plugin (ratio in one run), and data load time.

Run: .venv/bin/python benchmarks/build_time.py [rounds]
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import PROJECT, copy_project, mkdocs_build  # noqa: E402

from macros.data import read_site_data  # noqa: E402


def timed_build(project: Path, out: Path) -> float:
    started = time.perf_counter()
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - started


def variant(tmp: Path, name: str, without_hooks: bool) -> Path:
    """A copy of the project with the macros plugin (and optionally the data hooks) switched off."""
    project = copy_project(tmp / name)
    config = project / "mkdocs.yml"
    text = re.sub(r"  - macros:\n(      .*\n)+", "", config.read_text())
    if without_hooks:
        text = re.sub(r"hooks:\n(  - .*\n)+", "", text)
    # main.html reads what the macros module would have put into `extra`.
    text = text.replace("  generator: false\n", "  generator: false\n  article_meta: {title: x, "
                        "author: x, publisher: x, published: x, updated: x}\n")
    config.write_text(text)
    return project


def main(rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        projects = {"full build": PROJECT,
                    "without macros plugin": variant(tmp, "no-macros", without_hooks=False),
                    "without macros plugin and data hooks": variant(tmp, "no-data", without_hooks=True)}
        times: dict[str, list[float]] = {name: [] for name in projects}
        pages: dict[str, int] = {}
        for round_ in range(rounds):  # interleaved, so machine noise hits all alike
            for name, project in projects.items():
                out = tmp / f"{name}-{round_}".replace(" ", "-")
                times[name].append(timed_build(project, out))
                pages[name] = sum(1 for _ in out.rglob("index.html")) - 1  # minus search/
    full = statistics.median(times["full build"])
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<38} {median:.2f} s (median of {rounds}, {pages[name]} pages), "
              f"ratio full/this {full / median:.2f}")
    print("target: full / without macros plugin <= 1.10")
    started = time.perf_counter()
    for _ in range(20):
        read_site_data(PROJECT / "data")
    print(f"data load + validation: {(time.perf_counter() - started) / 20 * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
