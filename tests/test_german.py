"""German of the text we wrote (everything but the author's paragraphs), on the built site.

The checks look for slips that proofreading found before: doubled full stops after an
abbreviation ("Mio.."), "?." , doubled parentheses, a hyphen as minus sign in a negative
percentage (readers see "−86 %" with U+2212), a month or year after "bis zum"/"seit dem", and
the formal address (Sie/Ihnen/Ihr …) where the site says du to its readers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import built_pages, page_html

_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_FORMAL = r"(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)"
PATTERNS = {
    "doppelter Punkt nach Abkürzung": re.compile(r"\b[A-Za-zÄÖÜäöü]{1,4}\.\.(?!\.)"),
    "Satzzeichen nach ? oder !": re.compile(r"[?!][.,;:]"),
    "doppelte Klammer": re.compile(r"\(\(|\)\)"),
    "Bindestrich statt Minuszeichen (−)": re.compile(r"(?<![\w.,])[-–]\s?\d[\d.,]*\s?%"),
    "„bis zum“/„seit dem“ vor Monat oder Jahr": re.compile(
        rf"\b(?:[Bb]is zum|[Ss]eit dem|[Aa]b dem)\s+(?:{_MONTHS}|\d{{4}})\b"),
    # Mid-sentence a capital Sie/Ihr… is the formal address; at a sentence's start only in
    # phrases that speak to the reader.
    "Sie statt du": re.compile(
        rf"(?<=[a-zäöüß,] ){_FORMAL}\b"
        rf"|(?:^|[.!?:]\s)(?:Sie|Ihnen) (?:können|müssen|sollten|finden|erreichen|sehen|brauchen)\b"
        rf"|(?:^|[.!?:]\s)(?:Ihr|Ihre|Ihren|Ihrem|Ihrer) (?:Unternehmen|Konto|Daten|Browser|Firma)\b"
        r"|\b(?:meinten|prüfen|wählen|klicken|lesen) Sie\b"),
}


QUOTED = re.compile(r"„[^“]*“")  # someone else's words: the author's original slips, titles


def problems(text: str) -> list[str]:
    """Every slip in `text` as "what: …context…"; quotations only for punctuation."""
    found = []
    for what, pattern in PATTERNS.items():
        searched = QUOTED.sub("„…“", text) if what == "Sie statt du" else text
        for match in pattern.finditer(searched):
            context = searched[max(0, match.start() - 40): match.end() + 40]
            found.append(f"{what}: …{context}…")
    return found


def _text(fragment: str) -> str:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    attributes = " ".join(re.findall(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"', fragment))
    fragment = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(f"{fragment} {attributes}").replace("\u2060", "")).strip()


def reader_text(page: str, by_the_author: bool) -> str:
    """What a reader sees on a built page that we wrote: on the author's pages the editorial
    boxes, footnotes, attribution and everything around the article; elsewhere all of it."""
    head, rest = page.split('<article class="md-content__inner md-typeset">', 1)
    article, tail = rest.split("</article>", 1)
    if by_the_author:
        ours = [
            *re.findall(r'<div class="admonition redaktion">.*?</div>', article, flags=re.S),
            *re.findall(r'<div class="footnote">.*</div>', article, flags=re.S),
            *re.findall(r'<p class="kompass-attribution">.*?</p>', article, flags=re.S),
        ]
        article = " ".join(ours)
    body = head.split("<body", 1)[1].split(">", 1)[1]
    return _text(f"{body} {article} {tail}")


def test_the_text_we_wrote_has_none_of_the_known_slips(site: Path) -> None:
    found = []
    for path in built_pages(site):
        text = reader_text(page_html(site, path), by_the_author=path.startswith("artikel/"))
        found += [f"/{path}: {problem}" for problem in problems(text)]
    assert not found, "\n".join(found)


def test_the_reach_calculator_writes_a_negative_deviation_with_a_minus_sign(site: Path) -> None:
    text = _text(page_html(site, "wissen/reichweitenrechner/"))
    assert re.search(r"−\d+\s%", text), "the calibration table shows its negative deviation as −N %"


@pytest.mark.parametrize(
    ("slip", "what"),
    [
        ("über 25,7 Mio.. Nutzer", "doppelter Punkt"),
        ("steht unter Und ich auf TikTok?.", "Satzzeichen nach ?"),
        ("(siehe Glossar ((FYP)))", "doppelte Klammer"),
        ("Reichweite -86 % gegenüber dem Vorjahr", "Minuszeichen"),
        ("Reichweite (-86,5 %)", "Minuszeichen"),
        ("gilt bis zum Januar 2025", "„bis zum“"),
        ("seit dem 2024 gültig", "„bis zum“"),
        ("Seit dem Juni 2022 leitet TikTok", "„bis zum“"),
        ("Wenn Sie ein Konto haben", "Sie statt du"),
        ("Das schützt Ihre Daten.", "Sie statt du"),
        ("Sie können das Konto löschen.", "Sie statt du"),
        ("unbekanntes Feld – meinten Sie „source“?", "Sie statt du"),
    ],
)
def test_the_checker_finds_each_slip(slip: str, what: str) -> None:
    assert any(what in problem for problem in problems(f"Ein Satz davor. {slip} Danach."))


@pytest.mark.parametrize(
    "fine",
    [
        "über 25,7 Mio. Nutzer.",
        "Was ist die „For you“-Seite? Die Seite …",
        "Reichweite −86 % gegenüber dem Vorjahr",
        "zwischen 10-20 % der Nutzer",
        "800 Mio.–1 Mrd. US-Dollar",
        "gilt bis zum 19. Januar 2025",
        "seit dem 1. Mai 2024",
        "Sie besitzt ein Geschäft, und sie verkauft Spielzeug.",
        "Die Händlerin und ihre Kunden.",
        "Wenn du ein Konto hast, meintest du „source“?",
        "im Original: „verkauft via Livestreaming Ihre Spielzeugartikel“ → „ihre“",
        "Zum Beispiel … und so weiter.",
    ],
)
def test_the_checker_leaves_correct_german_alone(fine: str) -> None:
    assert problems(fine) == []
