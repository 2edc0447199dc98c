"""The one boundary where text from `data/` becomes something a page interprets.

Every string in `data/*.yml` is plain text (`str`). Only the functions here turn it into code,
and the type of what they return says which kind it passed into:

- `markdown(text)`  → `Markdown`: literal text inside Markdown source (macros, generated pages);
  on one line, HTML special characters escaped, Markdown syntax backslash-escaped.
- `markdown_link(text, url)` → `Markdown`: a link with escaped text to an `http(s)` address or a
  relative path, never `javascript:` or `data:`.
- `html(text)`  → `markupsafe.Markup`: text or a quoted attribute value in HTML. Our own
  templates do the same by autoescape, so they take plain text.
- `theme_text(text)` → `markupsafe.Markup`: a page title, nav entry or description handed to
  MkDocs and its theme, whose templates write them unescaped.
- `json_text(value)` → `str`: JSON for the browser (finite numbers only); inside HTML it is
  still text, which the template escapes for the attribute it lands in.
"""

from __future__ import annotations

import html as _html
import json
import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#+!|{}])")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_SAFE_SCHEMES = {"http", "https", ""}


class Markdown(str):
    """Markdown source made from plain text by this module (text that passed the boundary)."""


def html(text: str) -> Markup:
    """Plain text as HTML text or as a quoted attribute value (`<>&"'` escaped)."""
    return escape(text)


def markdown(text: str) -> Markdown:
    """Plain text as literal Markdown: HTML escaped first, then Markdown syntax backslash-escaped."""
    one_line = _LINE_BREAKS.sub(" ", text)  # a line break could start a list, heading or block
    return Markdown(_MARKDOWN_SPECIAL.sub(r"\\\1", _html.escape(one_line, quote=False)))


def markdown_link(text: str, url: str) -> Markdown:
    """A Markdown link whose text is escaped and whose target is a web address or a path."""
    if urlsplit(url).scheme.lower() not in _SAFE_SCHEMES or any(c in url for c in "<>\n\r "):
        raise ValueError(f"„{url}“ ist keine erlaubte Link-Adresse")
    return Markdown(f"[{markdown(text)}](<{url}>)")


def theme_text(text: str) -> Markup:
    """Text for a page title, nav entry or meta description: the theme writes it as HTML."""
    return escape(text)


def json_text(value: object) -> str:
    """Compact JSON; NaN and infinity are errors, not `NaN`/`Infinity` that JSON.parse rejects."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False, ensure_ascii=False)
