"""The CSS a page needs for its first screen, cut from the real stylesheets at build time.

A rule is kept when every tag, class, id and attribute its selector names occurs in the page's
first screen (the header, the navigation and the start of the content): a coarse match that
keeps too much rather than too little. Custom properties are kept only where a kept rule uses
them. The hooks inline the result and move the full stylesheets to the end of the page, so the
first paint needs one round trip and the rest loads without blocking it.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PSEUDO = re.compile(r"::?[a-zA-Z-]+(\((?:[^()]|\([^()]*\))*\))?")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)\s*(?:([~|^$*]?=)\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*)))?[^\]]*\]")
_NAME = re.compile(r"[.#]?-?[_a-zA-Z][\w-]*")
_VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
_TAG_IN_HTML = re.compile(r"<([a-zA-Z][\w-]*)((?:\s+[^>]*)?)>")
_HTML_ATTRIBUTE = re.compile(r"([\w:-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_CSS_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|/\*.*?\*/|[{}]|[^"\'{}/]+|/', re.S)
_PART_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|[(),;]|[^"\'(),;]+')
# Interaction states and motion: never part of the first paint.
_STATE = re.compile(r":(hover|focus|focus-visible|focus-within|active|target|visited)\b")
# A box the page writes as `checked` (the open sections of the menu) is checked at first paint.
_CHECKED = re.compile(r":checked\b")
_MOTION = ("transition", "animation", "will-change")
ALWAYS = frozenset({"html", "body", ":root", "*"})


@dataclass(frozen=True)
class Rule:
    media: str  # "" outside @media / @supports, else the at-rule's prelude ("@media screen")
    selectors: tuple[tuple[str, frozenset[str]], ...]  # (selector text, the tokens it names)
    body: str  # the declarations, custom properties aside
    uses: frozenset[str]  # custom properties the body reads
    custom: tuple[tuple[str, str, frozenset[str]], ...]  # (name, "name:value", what it reads)


@dataclass
class FirstScreen:
    """What the first screen of a page contains: tags, .classes, #ids, [attributes]."""

    tokens: set[str] = field(default_factory=lambda: set(ALWAYS))


def first_screen_html(page_html: str, text_chars: int = 2500) -> str:
    """From <body> to where the content has shown `text_chars` characters of text: more than a
    phone or a laptop shows on its first screen (header and navigation come before)."""
    start = max(page_html.find("<body"), 0)
    position = page_html.find("<article", start)
    if position < 0:
        return page_html[start:]
    shown = 0
    for tag in _TAG_IN_HTML.finditer(page_html, position):
        shown += len(page_html[position:tag.start()].strip())
        position = tag.end()
        if shown > text_chars:
            break
    return page_html[start:position]


def first_screen(page_html: str) -> FirstScreen:
    html_open = re.search(r"<html\b[^>]*>", page_html)
    opening = html_open.group(0) if html_open else ""
    return FirstScreen(set(ALWAYS) | _tokens(opening + first_screen_html(page_html)))


def _tokens(html: str) -> set[str]:
    """Tags, .classes, #ids and [attributes / [attribute=value of an HTML text."""
    return set().union(*(_tag_tokens(tag, attributes) for tag, attributes in set(_TAG_IN_HTML.findall(html))))


@functools.cache
def _tag_tokens(tag: str, attributes: str) -> frozenset[str]:
    """The tokens of one start tag, worked out once per process: most tags (header, navigation,
    footer) recur on every page."""
    tokens = {tag.lower()}
    for name, *values in _HTML_ATTRIBUTE.findall(attributes):
        value = next((v for v in values if v), "")
        tokens |= {f"[{name}", f"[{name}={value}"}
        if name == "class":
            tokens |= {f".{token}" for token in value.split()}
        elif name == "id":
            tokens.add(f"#{value}")
    return frozenset(tokens)


@functools.cache
def _needs(selector: str) -> frozenset[str]:
    """The tokens a selector names (pseudo-classes and combinators set aside)."""
    needs: set[str] = set()

    def attribute(match: re.Match[str]) -> str:
        name, operator, *values = match.groups()
        value = next((v for v in values if v is not None), "")
        needs.add(f"[{name}={value}" if operator == "=" else f"[{name}")
        return " "

    bare = _ATTRIBUTE.sub(attribute, _PSEUDO.sub(" ", selector))
    for name in _NAME.findall(bare):
        needs.add(name if name[0] in ".#" else name.lower())
    return frozenset(needs - ALWAYS)


def _split_blocks(css: str) -> list[tuple[str, str]]:
    """Top-level `prelude { content }` pairs of a stylesheet (strings and comments respected)."""
    blocks, depth, prelude, opened = [], 0, [], 0
    for match in _CSS_TOKEN.finditer(css):
        token = match.group(0)
        if token == "{":
            if depth == 0:
                opened = match.end()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                blocks.append(("".join(prelude).strip(), css[opened:match.start()]))
                prelude = []
        elif depth == 0 and not token.startswith("/*"):
            prelude.append(token)
            if ";" in token:  # what came before was a statement without a block (@charset)
                prelude = [token.rsplit(";", 1)[-1]]
    return blocks


_NESTING = re.compile(r"[\"'()]")  # what the split must look into: strings, parentheses


def _top_level_split(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside strings and parentheses."""
    if not _NESTING.search(text):  # most selectors and declarations: a plain split
        return [part.strip() for part in text.split(separator)]
    if '"' not in text and "'" not in text:  # no strings: rejoin pieces until ( and ) balance
        parts, depth = [], 0
        for piece in text.split(separator):
            if depth:
                parts[-1] += separator + piece
            else:
                parts.append(piece)
            depth += piece.count("(") - piece.count(")")
        return [part.strip() for part in parts]
    parts, current, depth = [], [], 0
    for token in _PART_TOKEN.findall(text):
        depth += token == "("
        depth -= token == ")"
        if token == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(token)
    return [*parts, "".join(current).strip()]


def _first_paint_needs(selector: str) -> frozenset[str]:
    needs = _needs(selector)
    return needs | {"[checked"} if _CHECKED.search(selector) else needs


def _rule(media: str, prelude: tuple[tuple[str, frozenset[str]], ...], content: str) -> Rule | None:
    selectors = tuple((text, _first_paint_needs(text)) for text, _ in prelude if not _STATE.search(text))
    plain, custom = [], []
    for part in _top_level_split(content, ";"):
        name, colon, value = part.partition(":")
        name, value = name.strip(), value.strip()
        if not (colon and name) or name.lower().startswith(_MOTION):
            continue
        if name.startswith("--"):
            custom.append((name, f"{name}:{value}", frozenset(_VARIABLE.findall(value))))
        else:
            plain.append(f"{name.lower()}:{value}")
    body = ";".join(plain)
    if not selectors or not (plain or custom):
        return None
    return Rule(media, selectors, body, frozenset(_VARIABLE.findall(body)), tuple(custom))


# A stylesheet's blocks: an at-rule kept as it is (prelude, content), an @media or @supports
# block (prelude, its blocks), or a rule ((selector, tokens it names)..., content).
_Block = tuple[str, str] | tuple[str, list["_Block"]] | tuple[tuple[tuple[str, frozenset[str]], ...], str]


@functools.lru_cache(maxsize=16)
def _stylesheet_blocks(css: str) -> list[_Block]:
    """Split once per stylesheet; the first-screen rules and every purge are read from it."""
    return _blocks(css)


def _blocks(css: str) -> list[_Block]:
    blocks: list[_Block] = []
    for prelude, content in _split_blocks(css):
        if prelude.startswith("@"):
            keyword = prelude[1:].split("(")[0].split()[0].lower()
            blocks.append((prelude, _blocks(content) if keyword in ("media", "supports") else content))
        else:
            blocks.append((tuple((text, _needs(text)) for text in _top_level_split(prelude, ",")
                                 if text), content))
    return blocks


def parse_rules(css: str) -> list[Rule]:
    """Style rules of a stylesheet, nested @media/@supports flattened with their prelude;
    other at-rules (@font-face, @keyframes, @page) are not needed for the first paint."""
    return _rules(_stylesheet_blocks(css), "")


def _rules(blocks: list[_Block], media: str) -> list[Rule]:
    rules: list[Rule] = []
    for head, content in blocks:
        if isinstance(head, str):  # an at-rule
            if isinstance(content, list) and not media:
                rules += _rules(content, head)
            continue
        rule = _rule(media, head, content)
        if rule:
            rules.append(rule)
    return rules


def critical_css(rules: list[Rule], screen: FirstScreen) -> str:
    """The rules the first screen needs, and the custom properties they use."""
    tokens = screen.tokens
    kept = []
    for rule in rules:
        selectors = [text for text, needs in rule.selectors if needs <= tokens]
        if selectors:
            kept.append((rule, ",".join(selectors)))
    needed = _needed_variables([rule for rule, _ in kept])
    blocks = []
    for rule, selectors in kept:
        body = ";".join([rule.body, *(text for name, text, _ in rule.custom if name in needed)]
                        if rule.body else [text for name, text, _ in rule.custom if name in needed])
        if body:
            blocks.append((rule.media, f"{selectors}{{{body}}}"))
    return _grouped(blocks)


def _needed_variables(rules: list[Rule]) -> set[str]:
    defines: dict[str, set[str]] = {}
    for rule in rules:
        for name, _, reads in rule.custom:
            defines.setdefault(name, set()).update(reads)
    needed = set().union(*(rule.uses for rule in rules))
    pending = list(needed)
    while pending:
        for variable in defines.get(pending.pop(), ()):
            if variable not in needed:
                needed.add(variable)
                pending.append(variable)
    return needed


def _grouped(blocks: list[tuple[str, str]]) -> str:
    """Consecutive rules of the same @media block written inside one block."""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        media = blocks[index][0]
        run = []
        while index < len(blocks) and blocks[index][0] == media:
            run.append(blocks[index][1])
            index += 1
        out.append(f"{media}{{{''.join(run)}}}" if media else "".join(run))
    return "".join(out)


# --- the page: critical CSS inline, full stylesheets after the content -------------------

_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>')


@functools.lru_cache(maxsize=16)
def _parsed(css: str) -> tuple[list[Rule], frozenset[str]]:
    """Rules of one stylesheet, and every token a selector names (parsed once per build, however
    many pages link it, and kept while it stays the same, as in `make serve`)."""
    rules = parse_rules(css)
    return rules, frozenset().union(*(needs for rule in rules for _, needs in rule.selectors))


@functools.lru_cache(maxsize=16)
def _indexed(sheets: tuple[str, ...]) -> tuple[list[Rule], dict[str, list[int]]]:
    """The rules of the stylesheets, and for each token the positions of the rules with a
    selector that needs it. One token per selector suffices, its rarest (a page without it
    cannot match the selector); a selector that needs no token is filed under ""."""
    rules = [rule for css in sheets for rule in _parsed(css)[0]]
    counts = collections.Counter(need for rule in rules for _, needs in rule.selectors for need in needs)
    index: dict[str, list[int]] = {}
    for position, rule in enumerate(rules):
        for _, needs in rule.selectors:
            key = min(needs, key=lambda need: (counts[need], need), default="")
            if position not in index.setdefault(key, [])[-1:]:
                index[key].append(position)
    return rules, index


@functools.lru_cache(maxsize=256)
def _critical_for(sheets: tuple[str, ...], tokens: frozenset[str]) -> str:
    """`critical_css` of the stylesheets, given only the rules that can match (in their order)."""
    rules, index = _indexed(sheets)
    candidates = set().union(*(index.get(token, ()) for token in (*tokens, "")))
    return critical_css([rules[position] for position in sorted(candidates)], FirstScreen(set(tokens)))


def inline_critical_css(page_html: str, read_stylesheet: Callable[[str], str],
                        combine: Callable[[list[str]], str] | None = None) -> str:
    """The page with its first screen's CSS in a <style> where the stylesheets were, and the
    stylesheets themselves moved to the end of <body>, where they no longer block the first
    paint. `read_stylesheet` gives the text of a linked stylesheet by its href; `combine`, if
    given, the href of one stylesheet that joins the linked ones (one request, and the browser
    restyles the page once instead of once per stylesheet)."""
    head_end = page_html.find("</head>")
    links = list(_STYLESHEET_LINK.finditer(page_html, 0, head_end))
    body_end = page_html.rfind("</body>")
    if not links or body_end < 0:
        return page_html
    sheets = tuple(read_stylesheet(link.group(1)) for link in links)
    relevant = frozenset().union(*(_parsed(css)[1] for css in sheets))
    critical = _critical_for(sheets, frozenset(first_screen(page_html).tokens & relevant))
    if "</style" in critical.lower():  # cannot be inlined safely: leave the page as it is
        return page_html
    hrefs = [link.group(1) for link in links]
    moved = "".join(f'<link rel="stylesheet" href="{href}">'
                    for href in ([combine(hrefs)] if combine else hrefs))
    out, position = [], 0
    for number, link in enumerate(links):
        out += [page_html[position:link.start()], f"<style>{critical}</style>" if number == 0 else ""]
        position = link.end()
    out += [page_html[position:body_end], moved, page_html[body_end:]]
    return "".join(out)


# --- the site: stylesheets without the rules no page and no script can use ---------------


@dataclass
class SiteTokens:
    """Every tag, class, id and attribute of the built pages, and every word of the site's
    scripts (which add classes and attributes at run time: search, tooltips, palette)."""

    tokens: set[str] = field(default_factory=lambda: set(ALWAYS))
    script_words: set[str] = field(default_factory=set)

    def add_page(self, page_html: str) -> None:
        self.tokens |= _tokens(page_html)

    def add_script(self, script: str) -> None:
        self.script_words |= set(_SCRIPT_WORD.findall(script))

    not_configured: tuple[str, ...] = ()  # token prefixes of theme parts the site does not enable

    def usable(self, named: frozenset[str]) -> frozenset[str]:
        """The tokens of `named` that a page has or a script may add: a selector can match when
        it needs no other token."""
        return named & self.tokens | {need for need in named - self.tokens if self._scripts_may_add(need)}

    def _scripts_may_add(self, need: str) -> bool:
        """Every word of the token (`[name=value` counts as two words) occurs in a script, and
        the token is neither an attribute value only pages write nor part of a theme feature
        the configuration leaves off."""
        if need.startswith(_PAGE_ONLY_VALUES + self.not_configured):
            return False
        return all(word in self.script_words for word in need.lstrip(".#[").split("=", 1) if word)


# Material's script never writes `dir`, and sets the palette attributes only to values it reads
# from the page's own palette inputs: a selector on such a value needs a page that has it.
_PAGE_ONLY_VALUES = ("[dir=", "[data-md-color-scheme=", "[data-md-color-primary=",
                     "[data-md-color-accent=")

# Parts of Material whose markup its script builds only when the configuration asks for them,
# and the question that tells (features, markdown extensions, extra, repo_url of mkdocs.yml).
_THEME_PARTS: dict[str, Callable[[dict[str, Any]], bool]] = {
    ".tabbed-": lambda config: "pymdownx.tabbed" in config["markdown_extensions"],
    ".md-annotation": lambda config: "content.code.annotate" in config["features"],
    ".md-code__": lambda config: bool({"content.code.annotate", "content.code.copy",
                                       "content.code.select"} & set(config["features"])),
    ".md-clipboard": lambda config: "content.code.copy" in config["features"],
    ".md-version": lambda config: bool(config["extra"].get("version")),
    ".md-consent": lambda config: bool(config["extra"].get("consent")),
    ".md-source": lambda config: bool(config["repo_url"]),
    ".md-progress": lambda config: "navigation.instant.progress" in config["features"],
}


def theme_parts_not_configured(config: dict[str, Any]) -> tuple[str, ...]:
    """Token prefixes of the theme parts that `config` leaves off; `config` holds the keys
    "features", "markdown_extensions", "extra" and "repo_url"."""
    return tuple(prefix for prefix, enabled in _THEME_PARTS.items() if not enabled(config))


_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")


def purge(css: str, site: SiteTokens) -> str:
    """`css` with the selectors (and then rules) that nothing on the site can match removed;
    at-rules other than @media and @supports are kept as they are."""
    return _purged(_stylesheet_blocks(css), site.usable(_named(css)))


@functools.lru_cache(maxsize=16)
def _named(css: str) -> frozenset[str]:
    """Every token a selector of the stylesheet names."""
    def walk(blocks: list[_Block]) -> Iterator[frozenset[str]]:
        for head, content in blocks:
            if isinstance(head, str):
                if isinstance(content, list):
                    yield from walk(content)
            else:
                yield from (needs for _, needs in head)
    return frozenset().union(*walk(_stylesheet_blocks(css)))


def _purged(blocks: list[_Block], usable: frozenset[str]) -> str:
    out = []
    for head, content in blocks:
        if isinstance(head, str):  # an at-rule
            inner = content if isinstance(content, str) else _purged(content, usable)
            if inner or isinstance(content, str):
                out.append(f"{head}{{{inner}}}")
            continue
        selectors = [text for text, needs in head if needs <= usable]
        if selectors:
            out.append(f"{','.join(selectors)}{{{content}}}")
    return "".join(out)


class SiteStyles:
    """One build's stylesheets: each page gets its critical CSS inline and one stylesheet that
    joins the ones it linked (`inline`); once all pages are written, the stylesheets lose what no
    page or script can use, and the joined ones are written (`purge_site`)."""

    def __init__(self, site_dir: Path, not_configured: tuple[str, ...] = ()) -> None:
        self.site_dir = site_dir.resolve()
        self.not_configured = not_configured
        self._texts: dict[Path, str] = {}
        self.linked: set[Path] = set()
        self.joined: dict[Path, tuple[Path, ...]] = {}

    def _read(self, path: Path) -> str:
        if path not in self._texts:
            self._texts[path] = path.read_text(encoding="utf-8")
            self.linked.add(path)
        return self._texts[path]

    def inline(self, page_html: str, page_dir: Path) -> str:
        page_dir = page_dir.resolve()
        hrefs = _STYLESHEET_LINK.findall(page_html, 0, page_html.find("</head>"))
        paths = {href: Path(os.path.normpath(page_dir / href)) for href in hrefs}  # the site's own files

        def join(hrefs: list[str]) -> str:
            parts = tuple(paths[href] for href in hrefs)
            names = "\n".join(part.relative_to(self.site_dir).as_posix() for part in parts)
            target = self.site_dir / "assets" / "stylesheets" / (
                f"kompass.{hashlib.sha256(names.encode()).hexdigest()[:8]}.css")
            self.joined[target] = parts
            return os.path.relpath(target, page_dir).replace(os.sep, "/")

        def read(href: str) -> str:
            return self._read(paths[href])

        joinable = not any(_has_relative_url(read(href)) for href in hrefs)
        return inline_critical_css(page_html, read, join if joinable else None)

    def purge_site(self, site_dir: Path) -> None:
        """Each stylesheet keeps what a page of the site or its scripts can use; each joined one,
        what the pages that load it can use."""
        words = SiteTokens()
        for script in _page_scripts(site_dir):  # read once, shared by every token set
            words.add_script(script.read_text(encoding="utf-8"))
        site, *groups = (SiteTokens(script_words=set(words.script_words), not_configured=self.not_configured)
                         for _ in range(len(self.joined) + 1))
        by_sheet = dict(zip(map(str, self.joined), groups, strict=True))  # by path text: cheap to hash
        for page in site_dir.resolve().rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            loads = {os.path.normpath(os.path.join(page.parent, href))
                     for href in _STYLESHEET_LINK.findall(text)}
            found = SiteTokens()  # the page's tokens, worked out once for every set that needs them
            found.add_page(text)
            for script in _INLINE_SCRIPT.findall(text):
                found.add_script(script)
            for tokens in [site] + [by_sheet[sheet] for sheet in loads & by_sheet.keys()]:
                tokens.tokens |= found.tokens
                tokens.script_words |= found.script_words
        for path in self.linked:
            path.write_text(purge(self._texts[path], site), encoding="utf-8")
            path.with_name(path.name + ".map").unlink(missing_ok=True)  # would no longer match
        for target, parts in self.joined.items():
            texts = [purge(self._texts[part], by_sheet[str(target)]) for part in parts]
            target.write_text("\n".join(texts[:1] + [_CHARSET.sub("", text, 1) for text in texts[1:]]),
                              encoding="utf-8")


def _page_scripts(site_dir: Path) -> list[Path]:
    """The site's scripts that run in a page; the search worker's (in `workers/`, and the
    stemmers it loads from `lunr/`) have no page whose classes they could change."""
    return [script for script in site_dir.rglob("*.js")
            if not {"workers", "lunr"} & set(script.relative_to(site_dir).parts)]


_CHARSET = re.compile(r'^@charset "[^"]*";')
# A url() that is not data: would point elsewhere from the joined file's folder.
_RELATIVE_URL = re.compile(r"url\(\s*(?![\"']?data:)", re.I)


@functools.lru_cache(maxsize=16)
def _has_relative_url(css: str) -> bool:
    """Looked up once per stylesheet, not once per page that links it."""
    return bool(_RELATIVE_URL.search(css))
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
