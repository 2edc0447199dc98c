"""MkDocs hook for benchmarks/build_time.py only: turns the project in FROZEN_PROJECT into plain
Material on this build's output. Each page's Markdown, as the macros plugin rendered it (the law
pages the data hooks generate included), becomes its static source; mkdocs.yml loses the macros
plugin and the hooks and gets the nav as the hooks extended it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(os.environ["FROZEN_PROJECT"])


def on_config(config: Any) -> None:
    path = PROJECT / "mkdocs.yml"
    text = re.sub(r"  - macros:\n(      .*\n)+", "", path.read_text(encoding="utf-8"))
    text = re.sub(r"hooks:\n(  - .*\n)+", "", text)
    meta = yaml.safe_dump({"article_meta": dict(config["extra"]["article_meta"])}, allow_unicode=True)
    text = text.replace("extra:\n", "extra:\n" + "".join(f"  {line}\n" for line in meta.splitlines()))
    nav = yaml.safe_dump({"nav": config["nav"]}, allow_unicode=True, sort_keys=False)
    path.write_text(text[:text.index("\nnav:\n") + 1] + nav, encoding="utf-8")


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> None:
    front = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True)}---\n\n" if page.meta else ""
    target = PROJECT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front + markdown, encoding="utf-8")
