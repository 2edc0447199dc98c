"""MkDocs hook for benchmarks/build_time.py only: writes each page's Markdown, as the macros
plugin rendered it, to the folder in FROZEN_DOCS."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> None:
    if page.file.abs_src_path is None:  # law pages: the data hooks generate them in every variant
        return
    front = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True)}---\n\n" if page.meta else ""
    target = Path(os.environ["FROZEN_DOCS"]) / page.file.src_uri
    target.write_text(front + markdown, encoding="utf-8")
