"""`make linkcheck`: check every external link of the built site with LinkChecker.

Collects external `<a href>` links per page from `site/` (the article's links and every source
URL from `data/`), skips those allowed in `linkcheck-allow.txt` and those found working within
the last day (`.cache/linkcheck.json`), checks the rest with LinkChecker (timeout from
`linkcheckerrc`, failures retried once), and reports page, URL and status. Exit 1 if any is broken.
Links a reader cannot follow (this computer: 127.0.0.1, localhost; the example domains of
RFC 2606) are skipped, so the weekly job can pass.
"""

from __future__ import annotations

import argparse
import csv
import io
import ipaddress
import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

from .release import EXAMPLE_DOMAINS
from .sitecheck import _parse

PROJECT_DIR = Path(__file__).resolve().parent.parent
CACHE_SECONDS = 24 * 3600
OFFLINE_SIGNS = ("NameResolutionError", "Temporary failure in name resolution", "Name or service not known")


def for_readers(url: str) -> bool:
    """False for addresses only the editor's own computer or no one can open."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host in {"", "localhost"} or host.endswith(".localhost"):
        return False
    if any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return not (address.is_loopback or address.is_unspecified or address.is_private)


def offline_hint(report: list[str]) -> str:
    """The hint when every broken link failed to resolve its host name."""
    broken = [line for line in report if line.startswith("KAPUTT")]
    if broken and all(any(sign in line for sign in OFFLINE_SIGNS) for line in broken):
        return ("Jeder kaputte Link scheitert an der Namensauflösung – keine Internetverbindung? "
                "Dann später noch einmal make linkcheck.")
    return ""


def external_links(site: Path, followable: Callable[[str], bool] = for_readers) -> dict[str, list[str]]:
    """External URL → pages that link to it (only those a reader can follow)."""
    pages: dict[str, list[str]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        for link in _parse(path).links:
            if urlsplit(link).scheme in {"http", "https"} and followable(link) and where not in pages[link]:
                pages[link].append(where)
    return dict(pages)


def allow_patterns(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def run_linkchecker(urls: list[str], config: Path) -> dict[str, tuple[bool, str]]:
    """URL → (valid, status) as LinkChecker reports it."""
    if not urls:
        return {}
    done = subprocess.run(
        [sys.executable, "-m", "linkcheck", "--config", str(config), "--stdin", "--recursion-level=0",
         "--check-extern", "--verbose", "--no-status", "--output=csv"],
        input="\n".join(urls), capture_output=True, text=True, timeout=600,
    )
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in done.stdout.splitlines() if not line.startswith("#"))),
        delimiter=";",
    )
    results = {row["urlname"]: (row["valid"] == "True", row["result"]) for row in rows}
    missing = [url for url in urls if url not in results]
    if missing and done.returncode not in (0, 1):
        raise RuntimeError(f"LinkChecker ist gescheitert: {done.stderr.strip()[-500:]}")
    return results


def check(site: Path, cache_file: Path, allow_file: Path, config: Path, now: float | None = None,
          followable: Callable[[str], bool] = for_readers) -> tuple[list[str], bool]:
    """Report lines and whether every link is fine."""
    now = time.time() if now is None else now
    links = external_links(site, followable)
    allowed = allow_patterns(allow_file)
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    fresh = {url for url, entry in cache.items() if entry["valid"] and now - entry["at"] < CACHE_SECONDS}
    to_check = [url for url in links if url not in fresh and not any(fnmatch(url, p) for p in allowed)]
    results = run_linkchecker(to_check, config)
    retry = [url for url in to_check if not results.get(url, (False, ""))[0]]
    if retry:
        time.sleep(1)
        results.update(run_linkchecker(retry, config))
    report, all_fine = [], True
    for url, pages in sorted(links.items()):
        if any(fnmatch(url, pattern) for pattern in allowed):
            status, valid = "erlaubt (linkcheck-allow.txt)", True
        elif url in fresh:
            status, valid = f"ok (Cache: {cache[url]['status']})", True
        else:
            valid, status = results.get(url, (False, "nicht geprüft"))
            cache[url] = {"valid": valid, "status": status, "at": now}
        all_fine &= valid
        report.append(f"{'OK ' if valid else 'KAPUTT'} {url} – {status} – auf {', '.join(pages)}")
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True))
    return report, all_fine


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--cache", type=Path, default=PROJECT_DIR / ".cache" / "linkcheck.json")
    parser.add_argument("--loopback", action="store_true",
                        help="auch Adressen auf diesem Rechner prüfen (für Tests mit lokalem Server)")
    args = parser.parse_args(argv)
    followable = (lambda url: True) if args.loopback else for_readers
    report, all_fine = check(args.site, args.cache, PROJECT_DIR / "linkcheck-allow.txt",
                             PROJECT_DIR / "linkcheckerrc", followable=followable)
    print("\n".join(report))
    broken = sum(line.startswith("KAPUTT") for line in report)
    print(f"Externe Links: {len(report)} geprüft, {broken} kaputt.")
    if hint := offline_hint(report):
        print(hint)
    return 0 if all_fine else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
