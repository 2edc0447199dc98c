"""Chinese names in the page text get `lang="zh"`, so browsers pick Chinese glyphs and screen readers
a Chinese voice. Only text between tags is touched, never attributes."""

from __future__ import annotations

import re

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def mark_chinese(html: str) -> str:
    if not _CHINESE.search(html):  # most pages: nothing to mark
        return html
    parts = _TAG_OR_TEXT.split(html)
    for index in range(0, len(parts), 2):  # even indexes are text, odd ones tags
        parts[index] = _CHINESE.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', parts[index])
    return "".join(parts)
