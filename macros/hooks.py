"""MkDocs hooks (mkdocs.yml `hooks:`), run after the macros plugin: pages generated from data
(one per law) with their navigation entries, glossary tooltips on the first use of a term,
compact HTML (see benchmarks/page_weight.py), and robots.txt naming the sitemap at `site_url`.

MkDocs loads this file by path, not as part of the package: it imports the package through
`main.py`, the same entry the macros plugin uses, so both share one copy of it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project folder, for main.py

from mkdocs.structure.files import File  # noqa: E402

import main  # noqa: E402, F401  (makes `macros` importable and current)
from macros.compact import compact_html  # noqa: E402
from macros.data import SiteData, load_site_data  # noqa: E402
from macros.knowledge import GLOSSARY_PAGE, LAWS_INDEX, Tooltips, extend_nav, generated_pages  # noqa: E402

_data: SiteData | None = None
_tooltips: Tooltips | None = None


def on_config(config: Any) -> Any:
    global _data, _tooltips
    _data = load_site_data(Path(config["config_file_path"]).parent / "data")
    _tooltips = Tooltips(_data.glossary)
    if not extend_nav(config["nav"] or [], _data):
        raise ValueError(f"mkdocs.yml: die Navigation braucht einen Abschnitt, der mit {LAWS_INDEX} "
                         "beginnt; dort hängen die Seiten der Gesetze")
    return config


def on_files(files: Any, config: Any) -> Any:
    for path, markdown in generated_pages(_data).items():
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:
        return html
    return _tooltips.apply(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact_html(output)


def on_post_build(config: Any) -> None:
    sitemap = config["site_url"].rstrip("/") + "/sitemap.xml"
    robots = Path(config["site_dir"]) / "robots.txt"
    robots.write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")
