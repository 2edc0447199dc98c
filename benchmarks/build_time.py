"""Build cost in CPU time (user + sys of the build process), variants alternated in pairs.

Two comparisons, each as pairs run back to back in alternating order, so machine noise hits
both sides alike; printed as the median and range of the per-pair ratios:

- cost: the full build against plain Material building the same pages already rendered
  ("frozen": every page's Markdown as the macros plugin made it, law pages included, the nav
  as the hooks extended it; built with no macros plugin and no hooks). Target ≤ 1.25.
- growth (with --articles N): the full build with N copies of the article against the 1× build.
  Target at 50×: ≤ 25 (the pages grow about 18.7×).

Both projects are byte-compiled before the first pair, as an installed package is and as Python
does itself on the first build wherever it may write `__pycache__` (where PYTHONDONTWRITEBYTECODE
is set, every build would otherwise compile the project's own modules again, about 40 ms).

--scale K multiplies the data: every entry of every list in data/ K times (new ids, the same
references), so the tables, law pages and glossary grow K×; all of it still validates.

Run: .venv/bin/python benchmarks/build_time.py [--rounds 9] [--scale 10] [--articles 50]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from conftest import BUILD_ENV, copy_project  # noqa: E402

FREEZE_HOOK = ROOT / "benchmarks" / "freeze_hook.py"
ARTICLE_NAV_END = "      - Über den Autor: artikel/autor.md\n"


@dataclass
class Run:
    cpu: float  # seconds, user + sys
    peak_mib: float


def build(project: Path, site: Path, **env: str) -> Run:
    """One `mkdocs build --strict`, measured with wait4 (this child only)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)]
    process = subprocess.Popen(command, cwd=project, env={**BUILD_ENV, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"build failed in {project}:\n{process.stderr.read().decode()}")
    return Run(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


# --- generated content ---------------------------------------------------------


def _renamed(value: object, suffix: str, ids: set[str]) -> object:
    """A copy of a data entry whose own ids and references to ids carry `suffix`."""
    if isinstance(value, dict):
        return {key: _renamed(item, suffix, ids) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, suffix, ids) for item in value]
    if isinstance(value, str) and value in ids:
        return value + suffix
    return value


def _ids(value: object) -> set[str]:
    if isinstance(value, dict):
        own = {value["id"]} if isinstance(value.get("id"), str) else set()
        return own.union(*(_ids(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_ids(item) for item in value))
    return set()


def _distinct_texts(entry: dict, copy: int) -> dict:
    """Names that must be unique across entries (glossary forms, law names, chart series)."""
    marker = f" {copy}"
    for key in ("term", "chart"):
        if entry.get(key):
            entry[key] += marker
    for key in ("forms", "short_names"):
        if key in entry:
            entry[key] = [form + marker for form in entry[key]]
    return entry


class _PlainDumper(yaml.SafeDumper):
    """Writes repeated values out (data/ allows no anchors or aliases)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def scale_data(project: Path, factor: int) -> None:
    """Every list file in data/ with `factor` copies of each entry (valid, references kept)."""
    for path in sorted((project / "data").glob("*.yml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(entries, list):
            continue
        ids = _ids(entries)
        copies = [_distinct_texts(_renamed(entry, f"_k{copy}", ids), copy)
                  for copy in range(2, factor + 1) for entry in entries]
        path.write_text(yaml.dump(entries + copies, Dumper=_PlainDumper, allow_unicode=True,
                                  sort_keys=False, width=10**6), encoding="utf-8")


def copy_articles(project: Path, copies: int) -> None:
    """`copies - 1` more copies of the article, each a section of its own in the nav."""
    docs, config = project / "docs", project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - Artikel:\n") + len("  - Artikel:\n")
    article_nav = text[start:text.index(ARTICLE_NAV_END) + len(ARTICLE_NAV_END)]
    extra = []
    for number in range(2, copies + 1):
        shutil.copytree(docs / "artikel", docs / f"artikel-{number}")
        entries = article_nav.replace("artikel/", f"artikel-{number}/").replace("      - ", "          - ")
        extra.append(f"      - Kopie {number}:\n{entries}")
    config.write_text(text.replace(ARTICLE_NAV_END, ARTICLE_NAV_END + "".join(extra)), encoding="utf-8")


def frozen(tmp: Path, source: Path) -> Path:
    """Plain Material on the rendered pages: plugin and hooks off, their output as static files."""
    project = copy_project(tmp / "frozen", source)
    freezer = copy_project(tmp / "freezer", source)
    config = freezer / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - macros/hooks.py\n",
                                                 f"  - macros/hooks.py\n  - {FREEZE_HOOK}\n"))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir",
                          str(tmp / "freezer-site")], cwd=freezer, capture_output=True, text=True,
                         env={**BUILD_ENV, "FROZEN_PROJECT": str(project)})
    if run.returncode:
        sys.exit(f"freezing failed:\n{run.stderr}")
    return project


# --- comparison ------------------------------------------------------------------


def byte_compile(project: Path) -> None:
    """The project's Python files compiled once, so that no build pays for it (see above)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "macros"),
                    str(project / "main.py")], check=True, stdout=subprocess.DEVNULL)


def pairs(first: Path, second: Path, rounds: int, tmp: Path) -> tuple[list[Run], list[Run]]:
    """`rounds` pairs, alternating which side runs first."""
    for project in (first, second):
        byte_compile(project)
    a_runs, b_runs = [], []
    for round_ in range(rounds):
        order = [(first, a_runs), (second, b_runs)]
        for project, runs in order if round_ % 2 == 0 else reversed(order):
            runs.append(build(project, tmp / "out"))
    return a_runs, b_runs


def report(name: str, a_runs: list[Run], b_runs: list[Run], target: float) -> None:
    ratios = [a.cpu / b.cpu for a, b in zip(a_runs, b_runs, strict=True)]
    a_cpu = statistics.median(run.cpu for run in a_runs)
    b_cpu = statistics.median(run.cpu for run in b_runs)
    a_mem = statistics.median(run.peak_mib for run in a_runs)
    b_mem = statistics.median(run.peak_mib for run in b_runs)
    print(f"{name}: {statistics.median(ratios):.2f}× (range {min(ratios):.2f}–{max(ratios):.2f}, "
          f"{len(ratios)} pairs; target ≤ {target})")
    print(f"  CPU medians {a_cpu:.2f} s vs {b_cpu:.2f} s; peak memory {a_mem:.0f} vs {b_mem:.0f} MiB")


def pages(site: Path) -> int:
    return sum(1 for path in site.rglob("index.html") if path.parent.name != "search")


_NAV_TAG = re.compile(r"<(/?)nav\b[^>]*>")


def sidebar_kib(site: Path) -> float:
    """Median size of the primary navigation (the sidebar) in a page's HTML."""
    sizes = []
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        start = html.find('<nav class="md-nav md-nav--primary"')
        if start < 0:
            continue
        depth = 0
        for tag in _NAV_TAG.finditer(html, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                sizes.append(tag.end() - start)
                break
    return statistics.median(sizes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--scale", type=int, default=1, help="data entries ×K")
    parser.add_argument("--articles", type=int, default=1, help="article copies ×N (growth)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        full = copy_project(tmp / "full")
        scale_data(full, args.scale)
        print(f"data ×{args.scale}, {args.rounds} pairs each")
        report("full build / plain Material on frozen output",
               *pairs(full, frozen(tmp, full), args.rounds, tmp), target=1.25)
        if args.articles > 1:
            grown = copy_project(tmp / "grown", full)
            copy_articles(grown, args.articles)
            big, small = pairs(grown, full, args.rounds, tmp)
            build(grown, tmp / "grown-site")
            build(full, tmp / "full-site")
            growth = pages(tmp / "grown-site") / pages(tmp / "full-site")
            report(f"articles ×{args.articles} / ×1 (pages ×{growth:.1f})", big, small,
                   target=args.articles / 2)
            print(f"  sidebar HTML per page (median): {sidebar_kib(tmp / 'full-site'):.1f} KiB at ×1, "
                  f"{sidebar_kib(tmp / 'grown-site'):.1f} KiB at ×{args.articles}")


if __name__ == "__main__":
    main()
