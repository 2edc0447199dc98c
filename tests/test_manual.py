"""The Redaktionshandbuch (docs/redaktion.md) as an editor follows it: every worked example,
applied to a copy of the project as the manual says, passes `make check-data` and builds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_ENV, PROJECT, append_to_page, mkdocs_build, page_html, without_tooltips

from macros.data import read_site_data
from macros.release import release_problems
from macros.render import figure_value

MANUAL = PROJECT / "docs" / "redaktion.md"
EXAMPLE = re.compile(r"<!-- Beispiel: (?P<file>data/\w+\.yml)(?:, Eintrag (?P<entry>\w+))? -->\n"
                     r"```yaml\n(?P<block>.*?)```", re.DOTALL)


def worked_examples() -> list[re.Match[str]]:
    return list(EXAMPLE.finditer(MANUAL.read_text(encoding="utf-8")))


def apply_example(project: Path, example: re.Match[str]) -> None:
    """What the manual says: a block goes at the end of the file, or under an entry's id line."""
    path = project / example["file"]
    text = path.read_text(encoding="utf-8")
    if example["entry"]:
        id_line = f"- id: {example['entry']}\n"
        assert id_line in text, f"the manual names an entry that does not exist: {example['entry']}"
        text = text.replace(id_line, id_line + example["block"], 1)
    else:
        text = text.rstrip("\n") + "\n" + example["block"]
    path.write_text(text, encoding="utf-8")


def check_data(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.check", str(project / "data")], cwd=project,
                          env=BUILD_ENV, capture_output=True, text=True, timeout=60)


def test_the_manual_has_an_example_for_each_kind_of_entry() -> None:
    files = [example["file"] for example in worked_examples()]
    assert sorted(set(files)) == ["data/cases.yml", "data/fines.yml", "data/glossary.yml",
                                  "data/laws.yml", "data/stats.yml"]


def test_every_worked_example_checks_and_builds(project_copy: Path, tmp_path: Path) -> None:
    for example in worked_examples():
        apply_example(project_copy, example)
    checked = check_data(project_copy)
    assert checked.returncode == 0, checked.stderr
    site = tmp_path / "site"
    built = mkdocs_build(project_copy, site)
    assert built.returncode == 0, built.stderr[-3000:]

    data = read_site_data(project_copy / "data")
    assert (site / "wissen" / "gesetze" / "dsa" / "index.html").exists()
    assert data.glossary[-1].definition in without_tooltips(page_html(site, "wissen/glossar/"))
    assert data.fines[-1].authority in page_html(site, "wissen/bussgelder/")
    assert data.cases[-1].who in page_html(site, "wissen/fallbeispiele/")
    newer = data.facts["mau_germany_2026"]
    assert data.facts["mau_germany_2025"].current == newer.id
    assert figure_value(newer) in without_tooltips(page_html(site, "wissen/statistiken/"))
    # The placeholders build for the preview, but cannot be published.
    blocked = "\n".join(release_problems(data))
    for entry in ("mau_germany_2026", "beispiel_2026", "beispiel_baeckerei"):
        assert f"Eintrag „{entry}“: die Adresse https://example.org/" in blocked


@pytest.mark.parametrize(("field", "placeholder"), [
    ("url", "https://newsroom.tiktok.com/de-de/…"), ("title", '"TikTok Newsroom DE: …"')])
def test_a_placeholder_in_a_source_fails_the_check(project_copy: Path, field: str, placeholder: str) -> None:
    stats = next(example for example in worked_examples() if example["file"] == "data/stats.yml")
    real = {"url": "https://example.org/adresse-der-quelle", "title": '"Titel der Quelle, wie er dort steht"'}
    path = project_copy / "data" / "stats.yml"
    block = stats["block"].replace(real[field], placeholder)
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    checked = check_data(project_copy)
    assert checked.returncode == 1
    assert f"Eintrag „mau_germany_2026“, Feld „source.{field}“: „…“ ist ein Platzhalter" in checked.stderr


def test_check_data_catches_an_unknown_fact_id_and_macro_in_docs(project_copy: Path) -> None:
    append_to_page(project_copy, '{{ fact("mau_germany_2052") }}\n\n{{ wenn("merger") }}')
    lines = (project_copy / "docs" / "artikel" / "fazit.md").read_text(encoding="utf-8").splitlines()
    fact_line = lines.index('{{ fact("mau_germany_2052") }}') + 1
    checked = check_data(project_copy)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert (f"Seite docs/artikel/fazit.md, Zeile {fact_line}: unbekannte Fakt-id „mau_germany_2052“"
            in checked.stderr)
    assert "mau_germany_2025" in checked.stderr  # the hint
    assert f"Zeile {fact_line + 2}: unbekanntes Makro „wenn“" in checked.stderr


def test_every_make_command_in_the_manual_exists() -> None:
    targets = set(re.findall(r"^([a-z-]+):", (PROJECT / "Makefile").read_text(), re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)", MANUAL.read_text(encoding="utf-8")))
    assert named and named <= targets, named - targets
