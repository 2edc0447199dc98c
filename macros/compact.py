"""Smaller pages: drop the indentation that the theme's templates leave in every line.

Only whitespace after a line break goes, and never inside `<pre>` or `<textarea>`, where it is
content; elsewhere browsers collapse it anyway, so the page looks and reads the same.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)
_INDENTED_LINE_BREAK = re.compile(r"\n\s+")


def compact_html(html: str) -> str:
    parts = _VERBATIM.split(html)
    return "".join(part if index % 2 else _INDENTED_LINE_BREAK.sub("\n", part)
                   for index, part in enumerate(parts))
