"""MkDocs hooks (mkdocs.yml `hooks:`), run after the macros plugin: pages generated from data
(one per law) with their navigation entries, glossary tooltips on the first use of a term,
compact HTML (see benchmarks/page_weight.py), a Content-Security-Policy on every page (see
macros/csp.py), and robots.txt naming the sitemap at `site_url`.

MkDocs loads this file by path, once per process, not as part of the package. It reaches the
package through `main.py`, the entry the macros plugin runs on every build, and takes the
package's modules afresh in `on_config`, so an edit in `macros/` shows in `make serve` here too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project folder, for main.py

from mkdocs.structure.files import File  # noqa: E402

import main  # noqa: E402, F401  (makes `macros` importable and current)
from macros import plugin_patches  # noqa: E402

plugin_patches.apply()  # before the plugins' on_config (mkdocs-macros would run git there)
_compiled_pages = plugin_patches.CompiledPages()  # kept across the rebuilds of `make serve`


@dataclass
class _Build:
    knowledge: ModuleType
    compact: ModuleType
    chinese: ModuleType
    csp: ModuleType
    data: Any
    tooltips: Any
    styles: Any


_build: _Build | None = None
# `mkdocs serve` injects an inline live-reload script into every page after the hooks ran; a
# policy would block it. The policy is for the built site (`make build`, the tests, the deploy).
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: Any) -> Any:
    global _build
    plugin_patches.reuse_compiled_pages(config.plugins.get("macros"), _compiled_pages)
    # the current copy (main.py reloads after edits)
    from macros import chinese, compact, critical_css, csp, data, knowledge

    site_data = data.load_site_data(Path(config["config_file_path"]).parent / "data")
    theme_parts_off = critical_css.theme_parts_not_configured({
        "features": config["theme"].get("features", []),
        "markdown_extensions": config["markdown_extensions"],
        "extra": config["extra"], "repo_url": config["repo_url"]})
    _build = _Build(knowledge, compact, chinese, csp, site_data, knowledge.Tooltips(site_data.glossary),
                    critical_css.SiteStyles(Path(config["site_dir"]), theme_parts_off))
    if not knowledge.extend_nav(config["nav"] or [], site_data):
        raise ValueError(f"mkdocs.yml: die Navigation braucht einen Abschnitt, der mit "
                         f"{knowledge.LAWS_INDEX} beginnt; dort hängen die Seiten der Gesetze")
    return config


def on_files(files: Any, config: Any) -> Any:
    for path, markdown in _build.knowledge.generated_pages(_build.data).items():
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    html = _build.chinese.mark_chinese(html)
    if page.file.src_uri == _build.knowledge.GLOSSARY_PAGE:
        return html
    return _build.tooltips.apply(html)


def _finish(output: str, page_dir: Path | None = None) -> str:
    """For the published site first (docs pages) inline the critical CSS; then compact, so the
    inlined CSS loses its indentation too; the policy last, as it hashes the inline scripts and
    styles exactly as they are written out."""
    if _serving:  # the preview: quick rebuilds, and live reload's inline script must run
        return _build.compact.compact_html(output)
    html = output if page_dir is None else _build.styles.inline(output, page_dir)
    return _build.csp.with_policy(_build.compact.compact_html(html))


def on_post_page(output: str, page: Any, config: Any) -> str:
    return _finish(output, Path(page.file.abs_dest_path).parent)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Theme pages that are no docs page, such as 404.html."""
    return _finish(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: Any) -> None:
    if not _serving:
        _build.styles.purge_site(Path(config["site_dir"]))
    sitemap = config["site_url"].rstrip("/") + "/sitemap.xml"
    robots = Path(config["site_dir"]) / "robots.txt"
    robots.write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")
