"""The knowledge base built from data: law pages, case sections, glossary, "since the article".

Pages and sections here come from `data/*.yml` alone, so an editor adds an entry to the YAML and
its page or section appears on the next build. Markdown output escapes YAML text with `macros.text`.
No MkDocs import: `macros/hooks.py` hands the generated pages and the tooltips to MkDocs.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

import yaml

from . import fmt, render, text
from .data import SiteData
from .models import Case, Figure, GlossaryEntry, Law

LAWS_INDEX = "wissen/gesetze/index.md"
GLOSSARY_PAGE = "wissen/glossar.md"


def link(label: str, target: str, from_page: str) -> str:
    """A Markdown link from one docs page to another (paths relative to docs/), text escaped."""
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return f"[{text.markdown(label)}]({relative}{'#' + anchor if anchor else ''})"


def _front_matter(**meta: object) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


# --- one generated page per law ---------------------------------------------


def law_page_path(law: Law) -> str:
    return f"wissen/gesetze/{law.id}.md"


def law_title(law: Law) -> str:
    return " / ".join(law.short_names)


def law_page(law: Law, data: SiteData) -> str:
    """Markdown of a law's own page: facts, meaning for SMEs, related fines."""
    path = law_page_path(law)
    fines = [fine for fine in data.fines if law.id in fine.laws]
    lines = [
        _front_matter(
            title=str(text.theme_text(law_title(law))),
            description=str(text.theme_text(
                f"{law_title(law)}: was das Gesetz regelt und was es für KMU auf TikTok bedeutet.")),
            tags=["Datenschutz", "Gesetze"],
            render_macros=False,
        ),
        f"# {text.markdown(law_title(law))}",
        "",
        f"**Amtlicher Name:** {text.markdown(law.name)}  ",
        f"**Gilt in:** {text.markdown(law.jurisdiction)}  ",
        f"**Erlassen:** {fmt.partial_date(law.adopted)} · "
        f"**Anwendbar ab:** {fmt.partial_date(law.applicable)}  ",
        f"**Amtlicher Text:** {text.markdown_link(law.name, str(law.url))}",
        "",
        "## Was es regelt",
        "",
        text.markdown(law.regulates + (f" {law.note}" if law.note else "")),
        "",
        *_changes_section(law),
        "## Was es für KMU auf TikTok bedeutet",
        "",
        text.markdown(law.sme),
        "",
        "## Bußgelder und Verfahren gegen TikTok",
        "",
        render.fines_table(fines, f"Verfahren gegen TikTok nach {law_title(law)}")
        if fines
        else "Gegen TikTok ist nach diesem Gesetz kein Bußgeld oder Verfahren verzeichnet.",
        "",
        f"Alle Verfahren: {link('Bußgelder und Verfahren', 'wissen/bussgelder.md', path)} · "
        f"alle Gesetze: {link('Datenschutzgesetze', LAWS_INDEX, path)}",
        "",
        '!!! warning "Keine Rechtsberatung"',
        "    Diese Seite fasst zusammen und ersetzt keine Rechtsberatung.",
    ]
    return "\n".join(lines) + "\n"


def _changes_section(law: Law) -> list[str]:
    if not law.changes:
        return []
    items = [
        f"- {fmt.partial_date(c.date)}: {text.markdown(c.text)} "
        f"(Quelle: {text.markdown_link(c.source.title, str(c.source.url))})"
        for c in sorted(law.changes, key=lambda c: c.date)
    ]
    return ["## Spätere Änderungen", "", *items, ""]


_generated: dict[str, tuple[object, object, dict[str, str]]] = {}


def generated_pages(data: SiteData) -> dict[str, str]:
    """Docs path → Markdown of every page generated from data. A law page shows its law and
    fines; as data.py keeps a file's entries until the file changes, the same lists give the
    pages made last time (in `make serve`, after a save of another data file)."""
    last = _generated.get("laws")
    if last is None or last[0] is not data.laws or last[1] is not data.fines:
        pages = {law_page_path(law): law_page(law, data) for law in data.laws}
        last = _generated["laws"] = (data.laws, data.fines, pages)
    return dict(last[2])


def extend_nav(nav: list, data: SiteData) -> bool:
    """Append the law pages to the nav section that starts with the laws index; True if found."""
    for item in nav:
        children = next(iter(item.values())) if isinstance(item, dict) else None
        if not isinstance(children, list):
            continue
        if LAWS_INDEX in children:
            children.extend({str(text.theme_text(law_title(law))): law_page_path(law)}
                            for law in data.laws)
            return True
        if extend_nav(children, data):
            return True
    return False


def laws_list(laws: Sequence[Law], from_page: str) -> str:
    """Markdown list of the law pages for the laws index."""
    return "\n".join(
        f"- {link(law_title(law), law_page_path(law), from_page)}: {text.markdown(law.regulates)}"
        for law in laws
    )


# --- case studies, one section each -------------------------------------------


def case_sections(cases: Sequence[Case], area: str) -> str:
    sections = []
    for case in (c for c in cases if c.area == area):
        figures = "".join(
            f"\n- {text.markdown(f.metric)}: {text.markdown(f.as_written or render.figure_value(f))} "
            f"({text.markdown_link(f.source.title, str(f.source.url))}, Stand: {fmt.partial_date(f.as_of)})"
            for f in case.figures
        )
        sections.append(
            f"### {text.markdown(case.who)}\n\n"
            f"**Branche:** {text.markdown(case.sector)} · **Format:** {text.markdown(case.format)}\n\n"
            f"{text.markdown(case.summary)}\n\n"
            f"**Was funktioniert hat:** {text.markdown(case.what_worked)}\n"
            + (f"\n**Zahlen laut Artikel:**\n{figures}\n" if figures else "")
            + f"\nQuelle: {text.markdown_link(case.source.title, str(case.source.url))}"
        )
    return "\n\n".join(sections)


# --- "Was hat sich seit dem Artikel getan?" ----------------------------------

SINCE_PARTS = ("ereignisse", "bussgelder", "gesetze", "zahlen")


def after_article(date: str, written_after: str) -> bool:
    """Dated after the article's latest own date. A date known only by its year counts when the
    year is later; otherwise months compare (2024-08 is after 2024-07, 2024-07-15 is not)."""
    if len(date) == 4:
        return date > written_after[:4]
    return date[:7] > written_after[:7]


def _articles_own(figure: Figure) -> bool:
    return figure.historical or "zielbar.de" in str(figure.source.url)


def since_article(data: SiteData, stale: AbstractSet[str], part: str, brand: str = "") -> str:
    """One table of what is dated after the article: events (of one `brand`), fines, law
    changes or figures (not the article's own), oldest first, each with date and source."""
    after = data.site.written_after
    if part == "ereignisse":
        events = [e for e in data.timeline
                  if after_article(e.date, after) and (not brand or e.brand == brand)]
        return render.timeline_table(events, f"Ereignisse seit dem Artikel{f' ({brand})' if brand else ''}")
    if part == "bussgelder":
        fines = [f for f in data.fines if after_article(f.date, after)]
        return render.fines_table(fines, "Bußgelder und Verfahren seit dem Artikel")
    if part == "gesetze":
        changes = [(law, c) for law in data.laws for c in law.changes if after_article(c.date, after)]
        return render.law_changes_table(changes, "Gesetzesänderungen seit dem Artikel")
    if part == "zahlen":
        figures = sorted((s for s in data.stats
                          if after_article(s.as_of, after) and not _articles_own(s)),
                         key=lambda s: s.as_of)
        return render.stats_table(figures, caption="Neuere Zahlen seit dem Artikel", stale=stale)
    raise ValueError(f"since_article: unbekannter Teil „{part}“; erlaubt: {', '.join(SINCE_PARTS)}")


STALE_MARK = '<span class="kompass-stale">prüfbedürftig</span>'


def update_note(figure: Figure, newest: Figure, from_page: str, as_written: str = "",
                stale_after: int | None = None) -> str:
    """Editorial note about a figure in the text: its date, the newer figure of the same kind
    (linked in the Faktenstand), and „prüfbedürftig“ if the newest is older than `stale_after`
    months. Markdown, YAML text escaped."""
    quoted = text.markdown(as_written) if as_written else render.figure_value(figure)
    note = f"Die Zahl „{quoted}“ hat den Stand {fmt.month_year(figure.as_of)}."
    if newest is not figure:
        target = link(f"{newest.metric}: {render.newer_figure(newest)}",
                      f"wissen/faktenstand.md#fakt-{newest.id}", from_page)
        note += f" Neuer: {target}."
    if stale_after is not None:
        note += (f" Damit ist sie {STALE_MARK}: älter als {stale_after} Monate, und eine neuere Zahl "
                 "derselben Art ist hier noch nicht eingetragen.")
    return note


# --- glossary and tooltips ------------------------------------------------------


def glossary_list(entries: Iterable[GlossaryEntry]) -> str:
    items = [
        {"id": e.id, "term": e.term, "forms": e.forms, "definition": e.definition}
        for e in sorted(entries, key=lambda e: e.term.casefold())
    ]
    return render.render_template("glossary.html", entries=items)


# Inside these elements a term is not explained: links, code, headings, existing tooltips.
_SKIP = {"a", "abbr", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
         "dt", "button", "label", "svg", "textarea", "title", "nav", "header", "footer"}
_COMMENT_OR_SKIPPED_TAG = (r"<(?:!--.*?-->|(/?)(?i:(" + "|".join(sorted(_SKIP, key=len, reverse=True))
                           + r"))(?![a-zA-Z0-9])[^>]*?(/?)>)")
# A character reference such as `&#39;` or `&amp;` is one character, never a place for a term.
_ENTITY = r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
# A word in text, not inside a tag: the next angle bracket after it opens a tag (or none follows).
_IN_TEXT = r"(?=[^<>]*(?:<|\Z))"


class Tooltips:
    """Adds `<abbr title="…">` to the first use of each glossary term on a page.

    One pass over the page whatever the glossary's size: one regular expression finds comments,
    the tags of elements whose text is not explained, character references and the words that
    start a term (as a trie, so the glossary's size does not multiply the work); each such word
    looks up the forms beginning with it, longest first. Every alternative of the expression
    starts with one fixed character, so the search skips the rest of the text at C speed."""

    def __init__(self, entries: Iterable[GlossaryEntry]):
        self._by_form = {html.escape(form, quote=False): e for e in entries for form in (e.term, *e.forms)}
        self._by_first_word: dict[str, list[str]] = {}
        for form in sorted(self._by_form, key=len, reverse=True):  # longest form wins
            self._by_first_word.setdefault(_first_word(form), []).append(form)
        words = [key for key in self._by_first_word if re.match(r"\w", key)]
        # A form that starts with "&" or "<" cannot match: those begin a reference or a tag.
        others = sorted(set(self._by_first_word) - set(words) - {"&", "<"})
        self._scan = re.compile("|".join([
            _COMMENT_OR_SKIPPED_TAG, _ENTITY,
            *(branch + r"(?!\w)" + _IN_TEXT for branch in _trie_branches(words)),
            *(re.escape(char) + _IN_TEXT for char in others)]), re.S)

    def apply(self, page_html: str) -> str:
        used: set[str] = set()
        out, skipping, position, resume = [], 0, 0, 0
        for match in self._scan.finditer(page_html):
            closing, name, self_closing = match.groups()
            if name:
                if not self_closing:
                    skipping = max(skipping + (-1 if closing else 1), 0)
                continue
            start, word = match.start(), match.group(0)
            if word[0] in "<&" or skipping or start < resume or (
                    start and _WORD_GOES_ON.match(page_html, start - 1)):
                continue  # a comment or reference, in a skipped element or a term, inside a word
            form = self._form_at(page_html, start, word)
            if form is None:
                continue
            entry, resume = self._by_form[form], start + len(form)
            if entry.id not in used:
                used.add(entry.id)
                out += [page_html[position:start],
                        f'<abbr title="{text.html(entry.definition)}">{form}</abbr>']
                position = resume
        out.append(page_html[position:])
        return "".join(out)

    def _form_at(self, segment: str, start: int, first_word: str) -> str | None:
        """The longest form that starts at `start` and ends where a word ends."""
        for form in self._by_first_word.get(first_word, ()):
            end = start + len(form)
            if segment.startswith(form, start) and not _WORD_GOES_ON.match(segment, end):
                return form
        return None


_WORD_GOES_ON = re.compile(r"[\w-]")


def _trie_branches(words: Iterable[str]) -> list[str]:
    """Regular expressions that together match exactly `words`, one per first character, with
    common beginnings shared, so that matching at a place costs the length of a word, not the
    number of words."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return [re.escape(char) + _node_pattern(child) for char, child in sorted(trie.items())]


def _node_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{group})?" if "" in node else group


def _first_word(form: str) -> str:
    """The word a form starts with, or its first character if it starts with none."""
    word = re.match(r"\w+", form)
    return word.group(0) if word else form[0]
