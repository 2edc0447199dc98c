"""Property: whatever an editor does to the real data files (types, values, structure, markup,
control characters), loading ends in a German error naming a data file, or in pages whose text
from data is escaped; never a traceback, never longer than a few seconds.

Renders every macro in-process (the build runs the same code); tests/test_injection.py builds
through the theme. Fixed `max_examples` and `derandomize` keep CI stable and under a minute.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from conftest import PROJECT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from macros import knowledge
from macros.data import DATA_FILES, DataError, SiteData, read_site_data
from macros.pages import PageMacros

REAL = {name: yaml.safe_load((PROJECT / "data" / name).read_text(encoding="utf-8")) for name in DATA_FILES}

markup = st.sampled_from(["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:1)",
                          "<base href=https://evil.example/>", "{{ 7*7 }} &amp; &#39; *fett* `code`",
                          "<svg onload=alert(1)>", "# Titel\n\n- Liste", "<!-- x --> <input type=image>"])
hostile_text = st.one_of(
    st.sampled_from(["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:1)",
                     "<base href=https://evil.example/>", "{{ 7*7 }}", "&amp;", "&#39;", "\x07", "\x00",
                     "*", "", " ", "index", "-1", ".nan", "1e308"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)
values = st.one_of(
    hostile_text,
    st.integers(min_value=-(10**30), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.just([]),
    st.just({}),
    st.lists(hostile_text, max_size=3),
    st.dictionaries(hostile_text, hostile_text, max_size=2),
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a parsed file: keys of mappings and indexes of lists, depth first."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(sorted(DATA_FILES)))
    tree = yaml.safe_load(yaml.safe_dump(REAL[name]))  # a deep copy
    places = _paths(tree)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        action = draw(st.sampled_from(["text", "text", "text", "replace", "delete", "add_field", "empty"]))
        texts = [place for place in places if place and isinstance(_at(tree, place), str)]
        if action == "text" and texts:  # most editors change words: markup where text belongs
            tree = _mutate(tree, draw(st.sampled_from(texts)), "replace", draw(markup))
        else:
            tree = _mutate(tree, draw(st.sampled_from(places)), action, draw(values))
        places = _paths(tree)
    return name, tree


def _at(tree: Any, place: tuple) -> Any:
    for step in place:
        tree = tree[step]
    return tree


def _mutate(tree: Any, place: tuple, action: str, value: Any) -> Any:
    if not place:
        return value if action == "replace" else [] if action == "empty" else tree
    parent = tree
    for step in place[:-1]:
        parent = parent[step]
    last = place[-1]
    if action == "delete":
        del parent[last]
    elif action == "add_field" and isinstance(parent[last], dict):
        parent[last]["extra_feld"] = value
    elif action == "empty":
        parent[last] = [] if isinstance(parent[last], list) else ""
    else:
        parent[last] = value
    return tree


def _render_everything(data: SiteData) -> str:
    # A page with its editorial date, as every page with an „Anmerkung der Redaktion“ has one.
    macros = PageMacros(data, current_page=lambda: "artikel/fazit.md", docs_dir=PROJECT / "docs",
                        page_meta=lambda: {"redaktion": "2026-12-01"})
    exported = macros.exported()
    parts = [str(function()) for name, function in exported.items()
             if name not in {"fact", "when", "case_sections", "publisher", "reading_minutes",
                             "since_article"}]
    parts += [macros.fact(fact_id) for fact_id in data.facts]
    parts += [macros.when(event.id) for event in data.timeline]
    parts += [knowledge.case_sections(data.cases, area) for area in {case.area for case in data.cases}]
    parts += [exported["since_article"](part) for part in knowledge.SINCE_PARTS]
    parts += [exported["since_article"]("ereignisse", brand) for brand in {e.brand for e in data.timeline}]
    parts += [macros.publisher_field(field) for field in ("name", "street", "email")]
    parts += [macros.finish_page(""), *knowledge.generated_pages(data).values()]  # footnotes, notes
    return knowledge.Tooltips(data.glossary).apply("\n".join(parts))


# The elements our templates write; anything else in the output came from data.
OUR_TAGS = {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "a", "span", "figure",
            "figcaption", "ul", "ol", "li", "svg", "rect", "time", "strong", "dl", "dt", "dd", "form",
            "fieldset", "legend", "label", "input", "output", "noscript", "abbr"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unexpected: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in OUR_TAGS:
            self.unexpected.append(tag)
        self.unexpected += [f"{tag} {name}={value}" for name, value in attrs if name.startswith("on")
                            or (value or "").strip().lower().startswith("javascript:")]


def _code_from_data(output: str) -> list[str]:
    parser = _Tags()
    parser.feed(re.sub(r"\]\(<[^>\s]*>\)", "]()", output))  # Markdown link targets: <https://…>
    return parser.unexpected


@settings(max_examples=40, derandomize=True, database=None, deadline=dt.timedelta(seconds=10),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
def test_mutated_data_gives_escaped_pages_or_a_german_error(mutation: tuple[str, Any]) -> None:
    name, tree = mutation
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        data_dir.mkdir()
        for filename in DATA_FILES:
            content = tree if filename == name else REAL[filename]
            (data_dir / filename).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        try:
            data = read_site_data(data_dir)
        except DataError as error:
            assert error.problems
            assert all(re.search(r"data/\w+\.yml", problem) for problem in error.problems), error.problems
            assert str(error).startswith("Fehler in den Daten")
            event("German error")
            return
    event("pages rendered")
    output = _render_everything(data)
    assert _code_from_data(output) == []
    assert "NaN" not in output and "Infinity" not in output
