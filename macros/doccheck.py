"""Check the pages in `docs/` against `data/` without building: every macro name, filter, fact
and event id a page uses, with the page's file and line (`make check-data`, and the error page
of `make serve`).

A page is parsed as the macros plugin parses it (Jinja, default delimiters, front matter cut
off); every macro call whose arguments are fixed values is called with the real data, so an
unknown id or table argument gives the same message as the build, plus the line.
"""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import yaml
from jinja2 import meta, nodes

from .data import SiteData
from .pages import PageMacros

# Names that mkdocs-macros itself provides to every page, besides our macros.
PLUGIN_NAMES = frozenset({
    "config", "context", "environment", "extra", "files", "filters", "filters_builtin", "fix_url",
    "git", "macros", "macros_info", "navigation", "now", "page", "plugin", "site_info",
})
PLUGIN_FILTERS = frozenset({"plain", "pretty", "relative_url"})
_JINJA = jinja2.Environment()  # the plugin's delimiters; its own filters as stand-ins
_JINJA.filters.update(dict.fromkeys(PLUGIN_FILTERS, str))
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed


def _load_front(front: str) -> object:
    """The page head read as YAML: by libyaml (the pure-Python parser costs more than a page's
    macros), and again by PyYAML's own parser if libyaml fails, so a broken head is reported
    with the line and reason that parser (the one MkDocs uses) gives."""
    try:
        return yaml.load(front, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(front)


def split_front_matter(text: str) -> tuple[dict[str, object], str, int]:
    """(front matter, Markdown body, number of lines cut off before the body), as MkDocs does:
    front matter that does not read as YAML stays in the body (`front_matter_problem` says why)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        front = _load_front(match.group(1))
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2026-13-01
        return {}, text, 0
    if not isinstance(front, dict):
        return {}, text, 0
    rest = text[match.end():]
    body = rest.lstrip("\n")
    return front, body, text[:match.end()].count("\n") + len(rest) - len(body)


def check_docs(docs_dir: Path, data: SiteData) -> list[str]:
    """Every problem of every page in `docs_dir`, in file order."""
    page: list[str] = [""]
    front: list[dict[str, object]] = [{}]  # the page's front matter (`redaktion:` dates notes)
    macros = PageMacros(data, current_page=lambda: page[0], docs_dir=docs_dir,
                        page_meta=lambda: front[0])
    functions = macros.exported()
    problems: list[str] = []
    for path in sorted(docs_dir.rglob("*.md")):
        page[0] = path.relative_to(docs_dir).as_posix()
        if not page[0].startswith("overrides/"):
            macros.start_page()
            text = path.read_text(encoding="utf-8")
            front[0] = split_front_matter(text)[0]
            problems += _check_page(text, page[0], functions)
    return problems


def front_matter_problem(text: str) -> tuple[int, str] | None:
    """(line, German reason) when the page's head (front matter between the --- lines) is not
    valid YAML; MkDocs would then ignore it and show it as text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        front = _load_front(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # + the opening --- line
        reason = getattr(error, "problem", None) or "unlesbar"
    except ValueError as error:  # a date YAML reads as a date, but the calendar lacks
        line = next((n for n, row in enumerate(match.group(1).splitlines(), 2)
                     if re.search(r"\d{4}-\d{2}-\d{2}", row)), 1)
        reason = f"unmögliches Datum: {error}"
    else:
        if isinstance(front, dict):
            return None
        line, reason = 1, "erwartet Zeilen der Form „name: Wert“"
    return line, (f"der Kopf der Seite (Front Matter zwischen den Zeilen ---) ist kein gültiges YAML "
                  f"({reason}) – Einrückung, Klammern und Anführungszeichen prüfen, Datum als JJJJ-MM-TT")


def pages_report(problems: list[str]) -> str:
    """The German report for pages that would fail (or failed) the build."""
    lines = "\n".join(f"  - {problem}" for problem in problems)
    return f"Fehler in den Seiten ({len(problems)}), nichts wurde gebaut:\n{lines}"


def _check_page(text: str, page: str, functions: dict[str, Callable[..., object]]) -> list[str]:
    front, body, offset = split_front_matter(text)
    if front.get("render_macros") is False:
        return []
    where = f"Seite docs/{page}"
    if broken := front_matter_problem(text):
        return [f"{where}, Zeile {broken[0]}: {broken[1]}"]
    try:
        tree = _JINJA.parse(body)
    except jinja2.TemplateSyntaxError as error:
        return [f"{where}, Zeile {error.lineno + offset}: Fehler in der Makro-Schreibweise "
                f"({error.message}) – jedes {{{{ braucht sein }}}}, jedes {{% sein %}}"]
    found = list(_unknown_filters(tree))
    if not found:  # Jinja can only trace names through known filters
        found = [*_unknown_names(tree, functions), *_failing_calls(tree, functions)]
    return [f"{where}, Zeile {line + offset}: {message.removeprefix(where + ': ')}"
            for line, message in sorted(found, key=lambda item: item[0])]


def _unknown_names(tree: nodes.Template, functions: dict[str, object]) -> Iterator[tuple[int, str]]:
    known = sorted({*functions, *PLUGIN_NAMES})
    undeclared = meta.find_undeclared_variables(tree)
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared and node.name not in known:
            yield node.lineno, f"unbekanntes Makro „{node.name}“{_did_you_mean(node.name, known)}"


def _unknown_filters(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    known = sorted(_JINJA.filters)
    for node in tree.find_all(nodes.Filter):
        if node.name not in known:
            yield node.lineno, f"unbekannter Filter „{node.name}“{_did_you_mean(node.name, known)}"


def _failing_calls(tree: nodes.Template,
                   functions: dict[str, Callable[..., object]]) -> Iterator[tuple[int, str]]:
    """Call every macro whose arguments are fixed values, as the build would."""
    for call in tree.find_all(nodes.Call):
        name = call.node.name if isinstance(call.node, nodes.Name) else None
        if name not in functions or not all(isinstance(arg, nodes.Const) for arg in call.args):
            continue
        if call.kwargs or call.dyn_args or call.dyn_kwargs:
            continue
        try:
            functions[name](*(arg.value for arg in call.args))
        except Exception as error:  # noqa: BLE001 - any failure of a macro is the editor's message
            text = str(error)
            if not text.startswith("Seite "):
                text = f"{name}(…): {text}{_in_template(error)}"
            yield call.lineno, text


def _in_template(error: Exception) -> str:
    """Where in a template of `macros/templates/` a macro failed, if it did there."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        name, line = error.filename, error.lineno
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
        if not frames:
            return ""
        name, line = frames[-1].filename, frames[-1].lineno
    return f" (in der Vorlage macros/templates/{Path(name).name}, Zeile {line})"


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3)
    return f" – meintest du „{'“, „'.join(close)}“?" if close else " – Schreibweise prüfen"
