"""The editorial layer: „Anmerkung der Redaktion“ boxes, each with the date it was written.

Everything on the author's pages that he did not write sits in such a box (an admonition of
type `redaktion`), after his paragraph, never inside his sentence. The date comes from the
page's front matter (`redaktion: 2026-12-01`) or from the macro call (`anmerkung("2026-11-25")`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import fmt
from .models import PARTIAL_DATE_PATTERN

KIND = "redaktion"
TITLE = "Anmerkung der Redaktion"


class EditorialDateError(ValueError):
    """An editorial note without a (valid) date."""


def checked_date(date: str, page: str) -> str:
    if not date:
        raise EditorialDateError(
            f"{page}: {TITLE} ohne Datum – schreibe „{KIND}: JJJJ-MM-TT“ in den Kopf der Seite "
            f"(Front Matter) oder gib das Datum an: anmerkung(\"JJJJ-MM-TT\")"
        )
    if not re.match(PARTIAL_DATE_PATTERN, date):
        raise EditorialDateError(
            f"{page}: Datum der {TITLE} „{date}“ erwartet das Format JJJJ-MM-TT"
        )
    return date


def title(date: str) -> str:
    """Anmerkung der Redaktion, 1. Dezember 2026"""
    return f"{TITLE}, {fmt.partial_date(date)}"


def block(markdown: str, date: str) -> str:
    """A dated editorial box around Markdown text (one paragraph)."""
    body = "\n".join(f"    {line}" if line else "" for line in markdown.splitlines())
    return f'!!! {KIND} "{title(date)}"\n{body}'


def _indented(block_text: str) -> bool:
    return block_text.startswith((" ", "\t"))


def place_after_paragraphs(markdown: str, notes: Mapping[str, str]) -> str:
    """Put each note after the block (paragraph, list, box) that contains its marker.

    A marker inside an indented block (a box, a list item) gets its note after the whole
    indented run, so the note never splits a sentence, a box or a list entry.
    """
    if not notes:
        return markdown
    blocks = markdown.split("\n\n")
    after: dict[int, list[str]] = {}
    for marker, note in notes.items():
        index = next((i for i, text in enumerate(blocks) if marker in text), None)
        if index is None:
            continue
        while index + 1 < len(blocks) and _indented(blocks[index + 1]):
            index += 1
        after.setdefault(index, []).append(note)
    out = []
    for index, text in enumerate(blocks):
        out += [text, *after.get(index, [])]
    return "\n\n".join(out)
