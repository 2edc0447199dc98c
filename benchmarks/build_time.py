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

from macros.data import load_site_data  # noqa: E402


def timed_build(project: Path, out: Path) -> float:
    started = time.perf_counter()
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - started


def main(rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain = copy_project(Path(tmp) / "plain")
        config = plain / "mkdocs.yml"
        text = re.sub(r"  - macros:\n(      .*\n)+", "", config.read_text())
        # main.html reads what the macros module would have put into `extra`.
        text = text.replace("  generator: false\n", "  generator: false\n  article_meta: {title: x, "
                            "author: x, publisher: x, published: x, updated: x}\n")
        config.write_text(text)
        with_macros, without = [], []
        for round_ in range(rounds):  # interleaved, so machine noise hits both alike
            with_macros.append(timed_build(PROJECT, Path(tmp) / f"a{round_}"))
            without.append(timed_build(plain, Path(tmp) / f"b{round_}"))
    a, b = statistics.median(with_macros), statistics.median(without)
    pages = sum(1 for _ in (PROJECT / "docs").rglob("*.md"))
    print(f"pages: {pages}")
    print(f"build with macros (median of {rounds}):    {a:.2f} s")
    print(f"build without macros (median of {rounds}): {b:.2f} s")
    print(f"ratio with/without: {a / b:.2f} (target <= 1.10)")
    started = time.perf_counter()
    for _ in range(20):
        load_site_data(PROJECT / "data")
    print(f"data load + validation: {(time.perf_counter() - started) / 20 * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
