"""An adversarial editor: every probe of issue 13 ends in a German message naming the file,
from `make check-data` and the build alike, within seconds, and leaves no site behind."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BUILD_ENV, PROJECT, mkdocs_build

CHECK_SECONDS = 10  # the real data checks in well under one second


def _replace(filename: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / filename
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found in {filename}: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _write(filename: str, content: bytes) -> Callable[[Path], None]:
    return lambda data: (data / filename).write_bytes(content)


def _bad_byte(data: Path) -> None:
    path = data / "stats.yml"
    path.write_bytes(path.read_bytes().replace(b"metric: Aufrufe des Testvideos", b"metric: Aufrufe\xff", 1))


ALIAS_BOMB = b"- id: a\n  term: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"  f{n}: &b{n} [*{'a' if n == 0 else f'b{n - 1}'}, *{'a' if n == 0 else f'b{n - 1}'}]\n".encode()
    for n in range(40)
)

# probe → (edit of a fresh data/ copy, fragments of the German message)
PROBES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "script_in_unit": (_replace("stats.yml", 'unit: "%"', 'unit: "<script>alert(1)</script>"'),
                       ["stats.yml, Zeile", "Feld „unit“", "kein HTML"]),
    "base_tag_in_case_unit": (_replace("cases.yml", "unit: EUR", 'unit: "<base href=x>"'),
                              ["cases.yml, Zeile", "Feld „figures.unit“", "kein HTML"]),
    "script_in_short_name": (_replace("laws.yml", "short_names: [COPPA]",
                                      'short_names: ["<img src=x onerror=alert(1)>"]'),
                             ["laws.yml, Zeile", "Eintrag „coppa“", "Feld „short_names“", "Kurznamen"]),
    "alias_bomb": (_write("glossary.yml", ALIAS_BOMB), ["glossary.yml, Zeile", "Anker und Verweise"]),
    "self_alias": (_write("glossary.yml", b"- &a [*a]\n"), ["glossary.yml, Zeile", "Anker und Verweise"]),
    "custom_tag": (_replace("stats.yml", "value: 25700000", "value: !!python/object:os.system 1"),
                   ["stats.yml, Zeile", "Typangaben wie „!!python/object:os.system“"]),
    "deep_nesting": (_write("platforms.yml", b"[" * 500 + b"]" * 500), ["platforms.yml, Zeile", "Ebenen"]),
    "huge_float": (_replace("stats.yml", "value: 25700000", "value: 1e308"),
                   ["Eintrag „mau_germany_2025“", "Feld „value“", "darf höchstens"]),
    "huge_int": (_replace("reach.yml", "scenario_followers: [10, 400, 10000]",
                          f"scenario_followers: [10, 400, {'9' * 400}]"),
                 ["reach.yml, Zeile", "Feld „scenario_followers“", "darf höchstens"]),
    "zero_views": (_replace("stats.yml", "  metric: Aufrufe des Testvideos\n  value: 30000",
                            "  metric: Aufrufe des Testvideos\n  value: 0"),
                   ["reach.yml", "calibration.snapshots", "test_video_2024_02_views", "ist 0"]),
    "followers_fact_typo": (_replace("reach.yml", "followers_fact: test_account_followers",
                                     "followers_fact: test_acount_followers"),
                            ["reach.yml", "calibration.followers_fact",
                             "unbekannte Zahl „test_acount_followers“"]),
    "empty_glossary": (_write("glossary.yml", b"[]\n"), ["glossary.yml", "mindestens einen Eintrag"]),
    "empty_platforms": (_write("platforms.yml", b""), ["platforms.yml", "mindestens einen Eintrag"]),
    "no_laws": (_write("laws.yml", b"[]\n"), ["laws.yml", "mindestens einen Eintrag"]),
    "non_utf8_byte": (_bad_byte, ["stats.yml, Zeile", "Byte 0xff", "UTF-8"]),
    "control_character": (_replace("stats.yml", "metric: Aufrufe des Testvideos", 'metric: "Aufrufe\\x07"'),
                          ["stats.yml, Zeile", "Steuerzeichen (U+0007)"]),
    "nan": (_replace("stats.yml", "value: 25700000", "value: .nan"), ["Feld „value“", "endliche Zahl"]),
    "inf": (_replace("stats.yml", "value: 25700000", "value: .inf"), ["Feld „value“", "endliche Zahl"]),
    "negative": (_replace("stats.yml", "value: 25700000", "value: -123"), ["Feld „value“", "mindestens 0"]),
    "infinite_growth": (_replace("reach.yml", "growth_factor:\n  value: 2", "growth_factor:\n  value: .inf"),
                        ["reach.yml, Zeile", "Feld „growth_factor.value“", "endliche Zahl"]),
    "reserved_law_id": (_replace("laws.yml", "- id: lgpd", "- id: index"),
                        ["laws.yml, Zeile", "Eintrag „index“", "reserviert"]),
    "duplicate_figure_in_case": (_replace("cases.yml", "- id: boos_tiktok_share",
                                          "- id: wooden_speaker_price"),
                                 ["cases.yml", "„wooden_speaker_price“", "eindeutig"]),
    "same_figure_twice_in_one_case": (_replace("cases.yml", "  what_worked: >-\n    Handwerk",
                                               "    - id: wooden_speaker_price\n      metric: Preis\n"
                                               "      value: 1\n      as_of: \"2024\"\n      source:\n"
                                               "        title: Artikel\n        url: https://www.zielbar.de/\n"
                                               "  what_worked: >-\n    Handwerk"),
                                      ["cases.yml, Zeile", "„wooden_speaker_price“",
                                       "in dieser Liste schon"]),
    "current_is_itself": (_replace("stats.yml", "current: languages_app_2025", "current: languages_article"),
                          ["stats.yml, Zeile", "Eintrag „languages_article“", "eigene id"]),
    "amount_without_currency": (_replace("fines.yml", "currency: GBP", "currency: null"),
                                ["fines.yml, Zeile", "Eintrag „ico_2023“", "Währung"]),
    "as_of_in_future": (_replace("stats.yml", 'as_of: "2017-09"', 'as_of: "2999-01"'),
                        ["stats.yml, Zeile", "Feld „as_of“", "Zukunft"]),
    "unknown_file": (_write("stat.yml", b"[]\n"), ["data/stat.yml: unbekannte Datei"]),
}


def _check_data(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=PROJECT, env=BUILD_ENV,
                          capture_output=True, text=True, timeout=CHECK_SECONDS)


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_probe_fails_check_and_build_in_german(probe: str, project_copy: Path, tmp_path: Path) -> None:
    edit, fragments = PROBES[probe]
    edit(project_copy / "data")

    started = time.monotonic()
    checked = _check_data(project_copy / "data")
    assert time.monotonic() - started < CHECK_SECONDS
    assert checked.returncode == 1
    assert "Fehler in den Daten" in checked.stderr and "Traceback" not in checked.stderr
    for fragment in fragments:
        assert fragment in checked.stderr, (fragment, checked.stderr)

    out = tmp_path / "out"
    built = mkdocs_build(project_copy, out)
    output = built.stdout + built.stderr
    assert built.returncode != 0
    assert fragments[-1] in output and "Traceback" not in output, output[-3000:]
    assert not (out / "index.html").exists(), "nothing may be built"


def _make_build(project: Path) -> subprocess.CompletedProcess[str]:
    venv = Path(sys.executable).parent.parent
    return subprocess.run(["make", "--no-print-directory", "build", f"VENV={venv}"], cwd=project,
                          env=BUILD_ENV, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("mistake", ["data", "theme"])
def test_failed_make_build_leaves_no_stale_site(mistake: str, project_copy: Path) -> None:
    stale = project_copy / "site"
    stale.mkdir()
    (stale / "index.html").write_text("<p>alte Seite</p>", encoding="utf-8")
    if mistake == "data":
        PROBES["nan"][0](project_copy / "data")
    else:  # a theme error halfway through the pages
        _replace("reichweitenrechner.md", "scripts:\n  - assets/js/reach.js", "scripts: 5")(
            project_copy / "docs" / "wissen")
    result = _make_build(project_copy)
    assert result.returncode != 0
    assert "Build fehlgeschlagen: nichts gebaut, site/ entfernt" in result.stderr
    assert not stale.exists() and not (project_copy / "site.tmp").exists()


def test_make_build_replaces_the_site_only_when_it_passed(project_copy: Path) -> None:
    (project_copy / "site").mkdir()
    (project_copy / "site" / "alt.html").write_text("alt", encoding="utf-8")
    result = _make_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert "Gebaut: site/ ist neu." in result.stdout
    assert (project_copy / "site" / "index.html").is_file()
    assert not (project_copy / "site" / "alt.html").exists()
    assert not (project_copy / "site.tmp").exists()


def test_unknown_field_names_its_own_line(project_copy: Path) -> None:
    _replace("fines.yml", "  source:\n    title: \"ICO:", "  soruce:\n    title: \"ICO:")(
        project_copy / "data")
    lines = (project_copy / "data" / "fines.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("  soruce:"))
    assert f"data/fines.yml, Zeile {line}, Eintrag „ico_2023“, Feld „soruce“" in _check_data(
        project_copy / "data").stderr


def test_allowed_values_are_listed_in_german_and_a_date_is_not_repeated(project_copy: Path) -> None:
    data = project_copy / "data"
    _replace("stats.yml", "scope: China", "scope: Mars")(data)
    _replace("fines.yml", "date: 2023-09-01", "date: 2023-02-30")(data)
    report = _check_data(data).stderr
    assert "erlaubt sind: „Welt“, „Europa“, „EU“, „Deutschland“, „USA“, „China“, „Testaccount“" in report
    assert " or " not in report
    date_line = next(line for line in report.splitlines() if "2023-02-30" in line)
    assert date_line.count("2023-02-30") == 1


def test_real_data_has_no_unknown_files() -> None:
    from macros.data import unknown_files

    assert unknown_files(PROJECT / "data") == []
    assert shutil.which("make"), "make build is tested through make"


def test_glossary_form_never_splits_a_character_reference() -> None:
    from macros.knowledge import Tooltips
    from macros.models import GlossaryEntry

    tooltips = Tooltips([GlossaryEntry(id="zahl", term="39", forms=["amp"], definition="d")])
    explained = tooltips.apply("<p>Boo&#39;s &amp; 39 amp</p>")
    assert explained == '<p>Boo&#39;s &amp; <abbr title="d">39</abbr> amp</p>'
    assert Tooltips([]).apply("<p>Text</p>") == "<p>Text</p>"  # an empty glossary changes nothing
