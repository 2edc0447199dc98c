"""macros/reuse.py: which rebuilds of `make serve` may keep pages, and what a kept page gets back.
The real preview doing it is tested in tests/test_serve.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from macros import reuse

DATA = Path("/projekt/data")


@dataclass(frozen=True)
class _File:
    src_uri: str
    url: str = ""
    new: bool = False  # made by this build


def _page(uri: str, markdown: str, url: str | None = None) -> Any:
    file = _File(uri, url if url is not None else uri.removesuffix(".md") + "/")
    return SimpleNamespace(file=file, markdown=markdown, meta={"title": "T"}, content=None, toc=None,
                           _title_from_render=None, present_anchor_ids=None, links_to_anchors=None)


def _converted(page: Any, title: str = "Titel") -> Any:
    page.content, page.toc, page._title_from_render = f"<p>{page.markdown}</p>", ["toc"], title
    page.present_anchor_ids = {"abschnitt"}
    page.links_to_anchors = {_File("ziel.md"): {"anker": "ziel.md#anker"}}
    return page


class _Files:
    def get_file_from_path(self, uri: str) -> Any:
        return _File(uri, new=True)


def _built(pages: reuse.PageReuse, *converted: Any, reuse_pages: bool = False) -> None:
    pages.start(reuse_pages)
    for page in converted:
        pages.record(page)
    pages.finish(True)


def test_only_saves_of_data_that_pages_quote_may_keep_pages() -> None:
    assert reuse.only_page_data({DATA / "stats.yml", DATA / "fines.yml"}, DATA)
    for every_page in ("glossary.yml", "site.yml", "laws.yml"):
        assert not reuse.only_page_data({DATA / "stats.yml", DATA / every_page}, DATA), every_page
    assert not reuse.only_page_data({DATA / "stats.yml", Path("/projekt/docs/index.md")}, DATA)
    assert not reuse.only_page_data({DATA / "schemas" / "stats.json"}, DATA)
    assert reuse.only_page_data({DATA / ".stats.yml.swp"}, DATA), "an editor's swap file"
    assert not reuse.only_page_data({DATA / "notes.txt"}, DATA), "an unknown file: an error"
    assert reuse.only_page_data(set(), DATA), "a save without a change: the macros still run"


def test_a_snapshot_sees_a_saved_a_new_and_a_removed_file(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("b: 1\n", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"x")
    before = reuse.snapshot([str(tmp_path)])
    assert set(before) == {str(tmp_path / "a.yml"), str(tmp_path / "b.yml")}
    (tmp_path / "a.yml").write_text("a: 22\n", encoding="utf-8")
    (tmp_path / "b.yml").unlink()
    (tmp_path / "c.yml").write_text("c: 1\n", encoding="utf-8")
    after = reuse.snapshot([str(tmp_path)])
    assert reuse.changed(before, after) == {tmp_path / name for name in ("a.yml", "b.yml", "c.yml")}
    assert reuse.changed(after, reuse.snapshot([str(tmp_path)])) == set()


def test_a_page_with_the_same_markdown_gets_the_last_html_and_keeps_its_file() -> None:
    pages = reuse.PageReuse()
    _built(pages, _converted(_page("a.md", "alt")), _converted(_page("b.md", "alt")))
    pages.start(True)
    same, changed = _page("a.md", "alt"), _page("b.md", "neu")
    assert pages.restore(same, _Files())
    assert (same.content, same.toc, same._title_from_render) == ("<p>alt</p>", ["toc"], "Titel")
    assert same.present_anchor_ids == {"abschnitt"}
    [(target, links)] = same.links_to_anchors.items()
    assert target.new and target.src_uri == "ziel.md", "links point at this build's files"
    assert links == {"anker": "ziel.md#anker"}
    assert not pages.restore(changed, _Files()) and changed.content is None
    pages.record(_converted(changed))
    assert pages.keeps_file(same) and not pages.keeps_file(changed)
    assert (pages.kept_urls, pages.written) == ({"a/"}, {"b.md"})


def test_a_page_with_a_changed_head_is_converted() -> None:
    pages = reuse.PageReuse()
    _built(pages, _converted(_page("a.md", "alt")))
    pages.start(True)
    page = _page("a.md", "alt")
    page.meta["description"] = "neu"
    assert not pages.restore(page, _Files())


def test_a_full_build_converts_every_page() -> None:
    pages = reuse.PageReuse()
    _built(pages, _converted(_page("a.md", "alt")))
    pages.start(False)
    page = _page("a.md", "alt")
    assert not pages.restore(page, _Files())
    pages.record(_converted(page))
    assert not pages.keeps_file(page)


def test_a_changed_title_rewrites_every_page_as_the_navigation_shows_it() -> None:
    pages = reuse.PageReuse()
    _built(pages, _converted(_page("a.md", "alt")), _converted(_page("b.md", "alt")))
    pages.start(True)
    kept, retitled = _page("a.md", "alt"), _page("b.md", "neu")
    assert pages.restore(kept, _Files())
    pages.record(_converted(retitled, title="Neuer Titel"))
    assert not pages.keeps_file(kept) and not pages.keeps_file(retitled)


def test_after_a_failed_build_the_pages_it_wrote_are_converted_again() -> None:
    pages = reuse.PageReuse()
    _built(pages, _converted(_page("a.md", "gut")), _converted(_page("b.md", "gut")))
    pages.start(True)
    broken, kept = _converted(_page("a.md", "kaputt")), _page("b.md", "gut")
    pages.record(broken)
    assert pages.restore(kept, _Files())
    assert not pages.keeps_file(broken) and pages.keeps_file(kept)
    pages.finish(False)  # e.g. a warning in strict mode, after the pages were written
    pages.start(True)
    assert not pages.restore(_page("a.md", "kaputt"), _Files()), "the failed build is no model"
    assert not pages.restore(_page("a.md", "gut"), _Files()), "its file is the failed build's"
    assert pages.restore(_page("b.md", "gut"), _Files())


def test_the_start_page_keeps_its_search_entries() -> None:
    pages = reuse.PageReuse()
    _built(pages, _converted(_page("index.md", "alt", url="./")))
    pages.start(True)
    start = _page("index.md", "alt", url="./")
    assert pages.restore(start, _Files()) and pages.keeps_file(start)
    assert pages.kept_urls == {""}, "the search index names the start page ''"


def test_the_search_index_takes_kept_pages_from_before_and_the_others_from_now() -> None:
    previous = {"config": {"lang": ["de"]}, "docs": [
        {"location": "", "text": "start alt"}, {"location": "#teil", "text": "teil alt"},
        {"location": "a/", "text": "a alt"}, {"location": "b/", "text": "b alt"},
        {"location": "b/#weg", "text": "gestrichen"}]}
    current = {"config": {"lang": ["de"]}, "docs": [
        {"location": "b/", "text": "b neu"}, {"location": "b/#neu", "text": "neuer Abschnitt"}]}
    merged = reuse.merged_search_index(previous, current, {"", "a/"})
    assert merged == {"config": {"lang": ["de"]}, "docs": [
        {"location": "", "text": "start alt"}, {"location": "#teil", "text": "teil alt"},
        {"location": "a/", "text": "a alt"}, {"location": "b/", "text": "b neu"},
        {"location": "b/#neu", "text": "neuer Abschnitt"}]}
