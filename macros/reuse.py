"""`make serve` only: after a save in `data/`, pages whose Markdown did not change keep their HTML.

Every rebuild still runs the macros on every page (they read `data/`). A page whose Markdown after
the macros and front matter equal the last build's gets back that build's HTML, table of
contents, title and anchors instead of being converted again, and keeps its written file. So a
changed value reaches every page that shows it (its Markdown changed), and only those pages
cost time.

Whatever else a page shows besides its Markdown comes from files that rebuild everything: the
glossary (tooltips on every page), site.yml (head, footer), laws.yml (pages and navigation), and
anything outside `data/`. Plain Python: pages and files are MkDocs objects, used by attribute.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVERY_PAGE_READS = frozenset({"glossary.yml", "site.yml", "laws.yml"})


def snapshot(paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Every watched file with its modification time and size (a folder: the files in it)."""
    stamps: dict[str, tuple[int, int]] = {}
    for path in paths:
        found = [path] if os.path.isfile(path) else (
            os.path.join(folder, name) for folder, dirs, names in os.walk(path)
            if "__pycache__" not in folder for name in names)
        for name in found:
            try:
                stat = os.stat(name)
            except OSError:  # removed while we looked
                continue
            stamps[name] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[Path]:
    return {Path(name) for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def only_page_data(paths: set[Path], data_dir: Path) -> bool:
    """True if every path is a data file that only the pages quoting it show, or a hidden file
    in `data/` (an editor's swap file; data.py reads none)."""
    return all(path.parent == data_dir and (path.name.startswith(".") or (
        path.suffix == ".yml" and path.name not in EVERY_PAGE_READS)) for path in paths)


@dataclass
class _Rendered:
    markdown: str
    meta: dict[str, Any]
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # linked file (path in docs/) → anchor → link


class PageReuse:
    """What each page became in the last build, and which pages this build takes from it."""

    def __init__(self) -> None:
        self._pages: dict[str, _Rendered] = {}  # as the last successful build left them
        self._new: dict[str, _Rendered] = {}  # converted in this build
        self.active = False  # this build may reuse pages
        self.reused: set[str] = set()
        self.kept_urls: set[str] = set()  # pages whose file this build left as it was
        self.written: set[str] = set()  # pages this build wrote
        self.titles_changed = False

    def start(self, reuse: bool) -> None:
        self.active = reuse and bool(self._pages)
        self._new, self.reused, self.kept_urls = {}, set(), set()
        self.written, self.titles_changed = set(), False

    def finish(self, built: bool) -> None:
        """A successful build's pages are the ones to compare with next time; after a failed
        one, the pages it wrote are converted again."""
        if built:
            self._pages = {**self._pages, **self._new} if self.active else self._new
        for uri in () if built else self.written:
            self._pages.pop(uri, None)
        self._new = {}

    def restore(self, page: Any, files: Any) -> bool:
        """Give `page` (its Markdown made by the macros) last build's HTML if its Markdown and
        its head (front matter) are unchanged; False if it must be converted."""
        last = self._pages.get(page.file.src_uri)
        if not self.active or last is None or (last.markdown, last.meta) != (page.markdown, page.meta):
            return False
        page.content, page.toc, page._title_from_render = last.content, last.toc, last.title
        page.present_anchor_ids = last.anchors
        if last.links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in last.links.items()}
        self.reused.add(page.file.src_uri)
        return True

    def record(self, page: Any) -> None:
        """Remember a converted page (after its `page_content` events)."""
        uri = page.file.src_uri
        last = self._pages.get(uri)
        if self.active and last is not None and last.title != page._title_from_render:
            self.titles_changed = True  # the navigation on every page shows it
        links = page.links_to_anchors
        self._new[uri] = _Rendered(
            page.markdown, dict(page.meta), page.content, page.toc, page._title_from_render,
            page.present_anchor_ids,
            None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()})

    def keeps_file(self, page: Any) -> bool:
        """True (and noted in `kept_urls`) if the page's file from the last build is still right."""
        if self.titles_changed or page.file.src_uri not in self.reused:
            self.written.add(page.file.src_uri)
            return False
        self.kept_urls.add(page.file.url.removeprefix("./"))  # the start page is "./", its entries ""
        return True


def merged_search_index(previous: dict[str, Any], current: dict[str, Any],
                        kept_urls: set[str]) -> dict[str, Any]:
    """The search index of a build that skipped the pages at `kept_urls`: their entries from
    `previous`, all others from `current`, in the previous order of pages."""
    def page_of(entry: dict[str, Any]) -> str:
        return entry["location"].split("#", 1)[0]

    order = {url: number for number, url in enumerate(dict.fromkeys(map(page_of, previous["docs"])))}
    docs = [entry for entry in previous["docs"] if page_of(entry) in kept_urls]
    docs += [entry for entry in current["docs"] if page_of(entry) not in kept_urls]
    docs.sort(key=lambda entry: order.get(page_of(entry), len(order)))
    return {**current, "docs": docs}
