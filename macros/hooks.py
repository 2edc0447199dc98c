"""MkDocs hooks (mkdocs.yml `hooks:`), run after the macros plugin: pages generated from data
(one per law) and glossary tooltips on the first use of each term.

MkDocs loads this file by path, not as part of the package, hence the absolute imports.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project folder, as in main.py

from mkdocs.structure.files import File  # noqa: E402

from macros.data import load_site_data  # noqa: E402
from macros.knowledge import GLOSSARY_PAGE, Tooltips, generated_pages  # noqa: E402

_tooltips: Tooltips | None = None


def on_files(files: Any, config: Any) -> Any:
    global _tooltips
    data = load_site_data(Path(config["config_file_path"]).parent / "data")
    _tooltips = Tooltips(data.glossary)
    for path, markdown in generated_pages(data).items():
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if _tooltips is None or page.file.src_uri == GLOSSARY_PAGE:
        return html
    return _tooltips.apply(html)
