"""Knowledge base: glossary and tooltips, law pages, cases, "since the article", tags, reachability."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import PROJECT, built_pages, mkdocs_build, page_html, plain_cells, without_tooltips

from macros import fmt, knowledge, render
from macros.data import load_site_data
from macros.models import GlossaryEntry

DATA = load_site_data(PROJECT / "data")


def content_of(page: str) -> str:
    """The article body of a built page (without header, navigation and footer)."""
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


# --- glossary and tooltips -------------------------------------------------------


def test_every_glossary_entry_is_on_the_glossary_page(site: Path) -> None:
    page = html.unescape(content_of(page_html(site, "wissen/glossar/")))
    for entry in DATA.glossary:
        assert f'<dt id="{entry.id}">{entry.term}' in page, entry.id
        assert f"<dd>{entry.definition}</dd>" in page, entry.id
    assert "<abbr" not in page  # the glossary explains, it needs no tooltips


class _ProseText(HTMLParser):
    """Text outside links, code, headings and existing tooltips: where a tooltip may go."""

    SKIP = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg"}

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.depth += tag in self.SKIP

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in self.SKIP

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def _uses(text: str, entry: GlossaryEntry) -> bool:
    forms = (entry.term, *entry.forms)
    return any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text) for form in forms)


def test_every_glossary_term_in_the_article_gets_one_tooltip(site: Path) -> None:
    explained = 0
    for path in (p for p in built_pages(site) if p.startswith("artikel/")):
        body = content_of(page_html(site, path))
        parser = _ProseText()
        parser.feed(without_tooltips(body))
        prose = "".join(parser.parts)
        for entry in DATA.glossary:
            tooltip = f'<abbr title="{html.escape(entry.definition)}">'
            if _uses(prose, entry):
                assert body.count(tooltip) == 1, (path, entry.id)  # first use only
                explained += 1
            else:
                assert tooltip not in body, (path, entry.id)
    assert explained >= 20  # the article does use the glossary's terms


def test_tooltips_go_to_the_first_use_in_prose_only() -> None:
    entries = [
        GlossaryEntry(id="fyp", term="For-You-Page", forms=["FYP"], definition='Die „Für dich“-Seite <"x">'),
        GlossaryEntry(id="reach", term="Reichweite", definition="Wie viele erreicht werden."),
        GlossaryEntry(id="organic", term="organische Reichweite", definition="Ohne Werbung."),
    ]
    tooltips = knowledge.Tooltips(entries)
    page = (
        '<!-- FYP --><h2 id="fyp">FYP</h2><p><a href="x">FYP</a> und <code>FYP</code>, dann die FYP und '
        "FYP-Videos und noch einmal FYP.</p><p>Die organische Reichweite und die Reichweite.</p>"
    )
    result = tooltips.apply(page)
    assert result.count("<abbr") == 3
    untouched = '<!-- FYP --><h2 id="fyp">FYP</h2><p><a href="x">FYP</a> und <code>FYP</code>, dann die '
    assert result.startswith(untouched + "<abbr")
    assert 'title="Die „Für dich“-Seite &lt;&#34;x&#34;&gt;">FYP</abbr> und FYP-Videos' in result
    assert '<abbr title="Ohne Werbung.">organische Reichweite</abbr> und die <abbr title="Wie viele' in result


def test_tooltips_skip_words_inside_words_tags_comments_and_skipped_elements() -> None:
    entries = [
        GlossaryEntry(id="live", term="Live", forms=["Lives"], definition="Übertragung"),
        GlossaryEntry(id="tag", term="#TikTok", definition="Schlagwort"),
        GlossaryEntry(id="fyp", term="FYP", definition="Startseite"),
    ]
    tooltips = knowledge.Tooltips(entries)
    untouched = ('<!-- Live --><p title="Live FYP">Olive, Live-Shopping, xFYP, <A href="#">Live</A>, '
                 '<code>#TikTok</code>, <h3 class="FYP">FYP</h3></p>')
    assert tooltips.apply(untouched) == untouched
    page = untouched + "<p>Die <em>Lives</em> und #TikTok; FYP</p> Live"
    assert tooltips.apply(page) == untouched + (
        '<p>Die <em><abbr title="Übertragung">Lives</abbr></em> und <abbr title="Schlagwort">#TikTok'
        '</abbr>; <abbr title="Startseite">FYP</abbr></p> Live')


# --- laws, cases, fines, newer facts ---------------------------------------------------


def test_every_law_has_its_own_page_with_related_fines(site: Path) -> None:
    index = page_html(site, "wissen/gesetze/")
    for law in DATA.laws:
        body = html.unescape(without_tooltips(content_of(page_html(site, f"wissen/gesetze/{law.id}/"))))
        assert knowledge.law_title(law) in body
        assert law.sme in body
        assert f'href="{law.url}"' in body
        assert fmt.partial_date(law.applicable) in body
        assert f'href="{law.id}/"' in index, law.id  # listed on the laws index
        for fine in DATA.fines:
            assert (fine.reason in body) == (law.id in fine.laws), (law.id, fine.id)


def test_every_case_has_a_section_and_every_fine_a_row(site: Path) -> None:
    cases = html.unescape(without_tooltips(content_of(page_html(site, "wissen/fallbeispiele/"))))
    for case in DATA.cases:
        assert re.search(rf"<h3 id=\"[^\"]+\">{re.escape(case.who)}", cases), case.id
        assert case.what_worked in cases, case.id
    fines = content_of(page_html(site, "wissen/bussgelder/")).replace("\u00a0", " ")
    for fine in DATA.fines:
        assert fmt.partial_date(fine.date) in fines, fine.id


def test_since_the_article_lists_only_what_came_after_it(site: Path) -> None:
    from macros.knowledge import after_article

    built = page_html(site, "wissen/seit-dem-artikel/")
    page = html.unescape(plain_cells(without_tooltips(content_of(built))))
    after = DATA.site.written_after
    for event in DATA.timeline:
        assert (event.title in page) == after_article(event.date, after), event.id
    for fine in DATA.fines:
        assert (fine.reason in page) == after_article(fine.date, after), fine.id
    for law in DATA.laws:
        for change in law.changes:
            assert (change.text in page) == after_article(change.date, after), change.text
    tables = page.split("Neuere Zahlen seit dem Artikel")[-1]
    for stat in DATA.stats:
        own = stat.historical or "zielbar.de" in str(stat.source.url)
        expected = after_article(stat.as_of, after) and not own
        row = f"<td>{stat.metric}</td><td>{stat.scope}</td><td>{render.figure_value(stat)}"
        assert (row in tables) == expected, stat.id
    assert "Testaccount" not in tables, "the article's own figures are not news"


def test_since_the_article_is_sorted_within_each_table(site: Path) -> None:
    page = content_of(page_html(site, "wissen/seit-dem-artikel/"))
    for table in re.findall(r"<table.*?</table>", page, re.S):
        dates = [fmt.partial_date(e.date) for e in sorted(DATA.timeline, key=lambda e: e.date)]
        shown = [d for d in dates if f"<td>{d}</td>" in table]
        positions = [table.index(f"<td>{d}</td>") for d in shown]
        assert positions == sorted(positions)


def test_outdated_figure_links_to_the_newer_one_in_the_register(site: Path) -> None:
    outdated = [figure for figure in DATA.facts.values() if figure.current]
    assert outdated
    register = page_html(site, "wissen/faktenstand/")
    for figure in outdated:
        assert f'<tr id="fakt-{figure.current}">' in register
        row = register.split(f'<tr id="fakt-{figure.id}">')[1].split("</tr>")[0]
        assert f'neuer: <a href="#fakt-{figure.current}">' in row


# --- editors add entries ----------------------------------------------------------


def _append(project: Path, filename: str, yaml_text: str) -> None:
    path = project / "data" / filename
    path.write_text(path.read_text(encoding="utf-8") + yaml_text, encoding="utf-8")


def test_adding_entries_to_the_data_adds_them_to_the_site(project_copy: Path, tmp_path: Path) -> None:
    _append(project_copy, "laws.yml", """- id: ttdsg
  name: Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz
  short_names: [TDDDG]
  jurisdiction: Deutschland
  adopted: 2021-06-23
  applicable: 2021-12-01
  regulates: Cookies und ähnliche Techniken auf Endgeräten.
  url: https://www.gesetze-im-internet.de/ttdsg/
  sme: Wer auf der eigenen Website das TikTok-Pixel setzt, braucht vorher eine Einwilligung.
  in_article: false
""")
    _append(project_copy, "fines.yml", """- id: test_fine
  authority: Testbehörde
  country: Deutschland
  date: 2026-01-15
  amount: null
  currency: null
  laws: [ttdsg]
  law: TDDDG
  reason: Ein erfundenes Verfahren für den Test.
  status: Verfahren offen
  status_as_of: 2026-01-15
  source:
    title: Testquelle
    url: https://example.org/test
""")
    _append(project_copy, "cases.yml", """- id: test_bakery
  who: Testbäckerei Krume
  sector: Handwerk (Bäckerei)
  area: Handel & E-Commerce
  format: Videos
  summary: Zeigt frühmorgens die Backstube.
  what_worked: Der Blick hinter die Kulissen.
  source:
    title: Testquelle
    url: https://example.org/test
""")
    _append(project_copy, "glossary.yml", """- id: mittelstand
  term: Mittelstand
  definition: Kleine und mittlere Unternehmen in Deutschland.
""")
    out = tmp_path / "out"
    result = mkdocs_build(project_copy, out)
    assert result.returncode == 0, result.stderr

    law_page = content_of(page_html(out, "wissen/gesetze/ttdsg/"))
    assert "TDDDG" in law_page and "Ein erfundenes Verfahren für den Test." in law_page
    assert 'href="ttdsg/"' in page_html(out, "wissen/gesetze/")
    assert 'href="../ttdsg/"' in page_html(out, "wissen/gesetze/gdpr/")  # in the navigation
    assert "Ein erfundenes Verfahren für den Test." in page_html(out, "wissen/seit-dem-artikel/")
    assert re.search(r'<h3 id="[^"]+">Testbäckerei Krume', page_html(out, "wissen/fallbeispiele/"))
    assert '<dt id="mittelstand">Mittelstand' in page_html(out, "wissen/glossar/")
    tooltip = '<abbr title="Kleine und mittlere Unternehmen in Deutschland.">Mittelstand</abbr>'
    assert tooltip in page_html(out, "artikel/einleitung/")


# --- tags and reachability ------------------------------------------------------------


def _links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_tag_index_lists_every_page(site: Path) -> None:
    index = page_html(site, "wissen/schlagwoerter/")
    listed = {urlsplit(urljoin("/wissen/schlagwoerter/", href)).path.lstrip("/")
              for href in _links(content_of(index))}
    assert [page for page in built_pages(site) if page not in listed] == []


def test_no_page_is_orphaned(site: Path) -> None:
    reached, queue = {""}, [""]
    while queue:
        current = queue.pop()
        for href in _links(page_html(site, current)):
            target = urlsplit(urljoin("/" + current, href))
            if target.scheme or target.netloc or not target.path.endswith("/"):
                continue
            path = target.path.lstrip("/")
            if path not in reached and (site / path / "index.html").exists():
                reached.add(path)
                queue.append(path)
    assert set(built_pages(site)) - reached == set()


@pytest.mark.parametrize(("page", "link"), [
    ("wissen/", "glossar/"), ("wissen/", "checkliste/"), ("wissen/", "seit-dem-artikel/"),
    ("wissen/", "schlagwoerter/"), ("wissen/gesetze/", "gdpr/"), ("wissen/gesetze/", "pipl/"),
])
def test_knowledge_pages_are_in_the_navigation(site: Path, page: str, link: str) -> None:
    navigation = page_html(site, page).split("md-nav--primary", 1)[1].split('class="md-content"', 1)[0]
    assert f'href="{link}"' in navigation


def test_every_checklist_item_links_to_where_it_comes_from(site: Path) -> None:
    items = re.findall(r"<li>(.*?)</li>", content_of(page_html(site, "wissen/checkliste/")), re.S)
    assert len(items) >= 12
    for item in items:
        assert re.search(r'href="(\.\./\.\./artikel/|\.\./)[^"]+"', item), item
    sources = {href for item in items for href in re.findall(r'href="\.\./\.\./(artikel/[^"#]+)', item)}
    assert len(sources) >= 5  # advice from across the article


def _tooltips_by_alternation(entries: list[GlossaryEntry], segment: str) -> str:
    """Reference for one text segment: every form in one regex alternation, longest first
    (what the tooltip pass did before it became one pass with a first-word lookup)."""
    by_form = {html.escape(form, quote=False): e for e in entries for form in (e.term, *e.forms)}
    forms = "|".join(re.escape(form) for form in sorted(by_form, key=len, reverse=True))
    entity = r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
    used: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        entry = by_form.get(match.group(2) or "")
        if entry is None or entry.id in used:
            return match.group(0)
        used.add(entry.id)
        return f'<abbr title="{html.escape(entry.definition)}">{match.group(0)}</abbr>'

    return re.sub(rf"({entity})|(?<![\w-])({forms})(?![\w-])", replace, segment)


def test_tooltips_in_one_pass_match_the_alternation_on_every_page(site: Path) -> None:
    tooltips, explained = knowledge.Tooltips(DATA.glossary), 0
    for page in built_pages(site):
        for paragraph in re.findall(r"<p>([^<]*)</p>", without_tooltips(page_html(site, page))):
            expected = _tooltips_by_alternation(DATA.glossary, paragraph)
            assert tooltips.apply(paragraph) == expected, page
            explained += expected.count("<abbr")
    assert explained > 20  # the comparison saw terms, not only empty paragraphs
