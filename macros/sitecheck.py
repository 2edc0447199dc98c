"""Offline check of the built site (`site/`), run by `make build` and the tests.

MkDocs validates Markdown links only; this also catches raw-HTML links from templates and
macros. It reports, per page: internal links to missing pages or anchors, any asset
(script, style, image, font, frame, CSS `url()` and `@import`, module `import`) loaded from another
host, and elements that have no place in this site's output, wherever they point: `<base>`,
`<object>`, `<embed>`, `<iframe srcdoc>` and `<input type=image>`.
No network access: external `<a href>` links are left to `make linkcheck`.
"""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ASSET_ATTRIBUTES = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                       "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
CSS_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?['\"]?([^'\")\s;]+)", re.I)
JS_IMPORT = re.compile(r"""\bimport\s*(?:\(\s*|[\w{}*,\s]+\s+from\s+)?['"]([^'"]+)['"]""")
FORBIDDEN = {"base": "<base>", "object": "<object>", "embed": "<embed>"}


@dataclass
class _Page(HTMLParser):
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    _in: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "link" and LINK_RELS_THAT_LOAD & set(values.get("rel", "").split()):
            self.assets.append(values.get("href", ""))
        for attribute in ("src", "srcset", "data"):
            if (tag, attribute) in ASSET_ATTRIBUTES and values.get(attribute):
                self.assets += [part.split()[0] for part in values[attribute].split(",") if part.strip()]
        if values.get("style"):
            self.assets += CSS_URL.findall(values["style"])
        self._forbidden(tag, values)
        self._in = tag if tag in {"script", "style"} else ""

    def _forbidden(self, tag: str, values: dict[str, str]) -> None:
        if tag in FORBIDDEN:
            self.forbidden.append(FORBIDDEN[tag])
        if "srcdoc" in values:
            self.forbidden.append(f"<{tag} srcdoc>")
        if tag == "input" and values.get("type", "").lower() == "image":
            self.forbidden.append("<input type=image>")

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.assets += CSS_URL.findall(data) + CSS_IMPORT.findall(data)
        elif self._in == "script":
            self.assets += JS_IMPORT.findall(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = ""


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _is_foreign(url: str, own_host: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.netloc != own_host


def _target_file(site: Path, page: Path, path: str, base_path: str) -> Path:
    """The file a same-site URL path points to (directory URLs mean index.html)."""
    if path.startswith("/"):
        relative = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
        joined = relative
    else:
        joined = posixpath.join(page.parent.relative_to(site).as_posix(), path)
    normal = posixpath.normpath(unquote(joined))
    target = site / normal
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_site(site: Path, site_url: str = "") -> list[str]:
    """All problems in the built site, each naming the page and the link."""
    own = urlsplit(site_url)
    base_path = own.path or "/"
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        where = path.relative_to(site).as_posix()
        problems += [
            f"{where}: lädt „{asset}“ von einem fremden Server"
            for asset in page.assets
            if _is_foreign(asset, own.netloc)
        ]
        problems += [f"{where}: enthält {element}; das gehört nicht in diese Seite"
                     for element in page.forbidden]
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
                continue
            target = path if not parts.path else _target_file(site, path, parts.path, base_path)
            if target not in pages and not target.exists():
                problems.append(f"{where}: Link „{link}“ zeigt auf eine Seite, die es nicht gibt")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{where}: Link „{link}“ zeigt auf einen Anker, den es nicht gibt")
    for asset, pattern in [(path, CSS_URL) for path in sorted(site.rglob("*.css"))] + [
        (path, JS_IMPORT) for path in sorted(site.rglob("*.js"))
    ]:
        text = asset.read_text(encoding="utf-8")
        found = pattern.findall(text) + (CSS_IMPORT.findall(text) if pattern is CSS_URL else [])
        problems += [
            f"{asset.relative_to(site).as_posix()}: lädt „{url}“ von einem fremden Server"
            for url in found
            if _is_foreign(url, own.netloc)
        ]
    return problems


def _site_url(project_dir: Path) -> str:
    """site_url from mkdocs.yml (the !ENV default), without importing MkDocs."""
    text = (project_dir / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:.*?(https?://[^\s\"'\]]+)", text, re.M)
    return match.group(1) if match else ""


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    problems = check_site(site, _site_url(Path.cwd()))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"Site-Prüfung: {len(problems)} Problem(e) in {site}/", file=sys.stderr)
        return 1
    print(f"Site-Prüfung: alle internen Links und Anker in {site}/ in Ordnung, nichts von fremden Servern.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
