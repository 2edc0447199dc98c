"""Content-Security-Policy for every page, as a `<meta http-equiv>` (GitHub Pages sets no headers).

Scripts run only from the site itself or, for the theme's few inline scripts, by their SHA-256
hash, computed per page at build time from the finished HTML (the hash changes with the page's
depth, because Material writes the page's base path into one of them). No `'unsafe-inline'`
for scripts or styles: our own script is a file, chart bars take their width from SVG
attributes, and each page's inline critical CSS is allowed by its hash.
`macros/hooks.py` puts the tag first in `<head>`, so it covers everything after it.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)

# The body as runs without "<": the critical CSS is long, and `.*?` would test every character.
_STYLE = re.compile(r"<(?i:style)\b[^>]*>(?P<body>[^<]*(?:<(?!/(?i:style)\s*>)[^<]*)*)</(?i:style)\s*>")

FIXED_DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}


def _runs_as_script(attributes: str) -> bool:
    """An inline script the browser executes (not JSON data such as Material's config)."""
    if re.search(r"\bsrc\s*=", attributes, re.I):
        return False
    found = _TYPE.search(attributes)
    return (found.group(1).lower() if found else "") in _JAVASCRIPT_TYPES


def _hashes(bodies: list[str]) -> list[str]:
    digests = {base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
               for body in bodies}
    return [f"'sha256-{digest}'" for digest in sorted(digests)]


def inline_script_hashes(page_html: str) -> list[str]:
    """CSP source expressions (`'sha256-…'`) of every inline script on the page, sorted."""
    return _hashes([match["body"] for match in _SCRIPT.finditer(page_html)
                    if _runs_as_script(match["attributes"])])


def inline_style_hashes(page_html: str) -> list[str]:
    """The same for inline `<style>` elements (the critical CSS of macros/critical_css.py)."""
    return _hashes([match["body"] for match in _STYLE.finditer(page_html)])


def policy(page_html: str) -> str:
    """The policy for this page: scripts and styles from the site and by hash, the rest fixed."""
    scripts = " ".join(["'self'", *inline_script_hashes(page_html)])
    styles = " ".join(["'self'", *inline_style_hashes(page_html)])
    directives = {"script-src": scripts, "style-src": styles, **FIXED_DIRECTIVES}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(page_html: str) -> str:
    """The page with its Content-Security-Policy as the first element of `<head>`."""
    head = _HEAD.search(page_html)
    if head is None:
        raise ValueError("Seite ohne <head>: die Content-Security-Policy hat keinen Platz")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page_html)}">'
    return page_html[: head.end()] + "\n" + meta + page_html[head.end():]
