"""Prints full build time against builds with the macros plugin disabled (ratios in one run),
and data load time.

Variants, built interleaved so machine noise hits all alike:
- full build: the project as it is.
- macro output frozen: every page's Markdown as the macros plugin rendered it, written back as
  static source; built with the plugin off. Same content, so full/this is the cost of the
  macros machinery itself (plugin start, page templates, data to tables).
- without macros plugin: the same sources with the plugin off, so `{{ … }}` stays literal and
  the generated tables are missing; full/this also counts Markdown, search and theme work on
  the tables. This is the ratio the target names.
- without macros plugin and data hooks: no law pages, no tooltips either.

With `copies` > 1, every variant gets that many copies of all pages (under docs/kopie-N/), to
show whether the cost is paid once per build or per page; the full build is then a copy too.

Run: .venv/bin/python benchmarks/build_time.py [rounds] [copies]
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import PROJECT, copy_project, mkdocs_build  # noqa: E402

from macros.data import read_site_data  # noqa: E402

FREEZE_HOOK = ROOT / "benchmarks" / "freeze_hook.py"


def timed_build(project: Path, out: Path) -> float:
    started = time.perf_counter()
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - started


def variant(tmp: Path, name: str, without_hooks: bool, source: Path) -> Path:
    """A copy of `source` with the macros plugin (and optionally the data hooks) switched off."""
    project = copy_project(tmp / name, source)
    config = project / "mkdocs.yml"
    text = re.sub(r"  - macros:\n(      .*\n)+", "", config.read_text())
    if without_hooks:
        text = re.sub(r"hooks:\n(  - .*\n)+", "", text)
    # main.html reads what the macros module would have put into `extra`.
    text = text.replace("  generator: false\n", "  generator: false\n  article_meta: {title: x, "
                        "author: x, publisher: x, published: x, updated: x}\n")
    config.write_text(text)
    return project


def frozen_variant(tmp: Path, source: Path) -> Path:
    """Plugin off, but every page's source replaced by what the macros plugin made of it."""
    project = variant(tmp, "frozen", without_hooks=False, source=source)
    freezer = copy_project(tmp / "freezer", source)
    config = freezer / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - macros/hooks.py\n",
                                                 f"  - macros/hooks.py\n  - {FREEZE_HOOK}\n"))
    result = mkdocs_build(freezer, tmp / "freezer-site", FROZEN_DOCS=str(project / "docs"))
    assert result.returncode == 0, result.stderr
    return project


def with_copies(project: Path, copies: int) -> Path:
    """`copies - 1` more copies of every page, outside the nav (allowed for this benchmark)."""
    docs = project / "docs"
    pages = [path for path in docs.iterdir() if path.suffix == ".md" or path.name in ("artikel", "wissen")]
    for number in range(1, copies):
        target = docs / f"kopie-{number}"
        target.mkdir()
        for path in pages:
            (shutil.copytree if path.is_dir() else shutil.copy2)(path, target / path.name)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("omitted_files: warn", "omitted_files: info"))
    return project


def html_kib(site: Path) -> float:
    return sum(page.stat().st_size for page in site.rglob("*.html")) / 1024


def main(rounds: int = 3, copies: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        full = PROJECT if copies == 1 else with_copies(copy_project(tmp / "full"), copies)
        projects = {"full build": full,
                    "macro output frozen": frozen_variant(tmp, full),
                    "without macros plugin": variant(tmp, "no-macros", without_hooks=False, source=full),
                    "without macros plugin and data hooks": variant(tmp, "no-data", without_hooks=True,
                                                                    source=full)}
        times: dict[str, list[float]] = {name: [] for name in projects}
        sizes: dict[str, tuple[int, float]] = {}
        for round_ in range(rounds):
            for name, project in projects.items():
                out = tmp / f"{name}-{round_}".replace(" ", "-")
                times[name].append(timed_build(project, out))
                pages = sum(1 for _ in out.rglob("index.html")) - 1  # minus search/
                sizes[name] = (pages, html_kib(out))
    full_median = statistics.median(times["full build"])
    for name, runs in times.items():
        median = statistics.median(runs)
        pages, kib = sizes[name]
        print(f"{name:<37} {median:.2f} s (median of {rounds}; {pages} pages, {kib:.0f} KiB HTML)"
              f"  full/this {full_median / median:.2f}")
    print("target: full / without macros plugin <= 1.10")
    started = time.perf_counter()
    for _ in range(20):
        read_site_data(PROJECT / "data")
    print(f"data load + validation: {(time.perf_counter() - started) / 20 * 1000:.1f} ms")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:3]))
