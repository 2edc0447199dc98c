"""The release gate: a publishing build (SITE_URL set, as in the deploy job) stops while the
Impressum lacks a § 5 DDG detail or shows „Angabe fehlt“; a local build shows the marker."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import PROJECT, SAMPLE_PUBLISHER, fill_publisher, mkdocs_build, page_html

from macros.data import read_site_data
from macros.release import REQUIRED_BY_DDG, SHOWN_IN_IMPRESSUM, release_problems

SITE_URL = "https://example.org/kompass/"


def test_the_publishing_build_fails_listing_every_missing_impressum_field(
        project_copy: Path, tmp_path: Path) -> None:
    empty = [field for field, value in yaml.safe_load(
        (project_copy / "data" / "site.yml").read_text(encoding="utf-8"))["publisher"].items() if not value]
    assert empty, "the real data still lacks publisher details, so the gate must hold"
    result = mkdocs_build(project_copy, tmp_path / "site", SITE_URL=SITE_URL)
    assert result.returncode != 0
    assert "Nicht veröffentlicht" in result.stderr and "Traceback" not in result.stderr
    for field in empty:
        assert f"Feld „publisher.{field}“" in result.stderr
    assert "Pflichtangabe nach § 5 DDG" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_publishing_build_passes_once_the_impressum_is_filled(project_copy: Path, tmp_path: Path) -> None:
    fill_publisher(project_copy)
    result = mkdocs_build(project_copy, tmp_path / "site", SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    impressum = page_html(tmp_path / "site", "impressum/")
    assert "Angabe fehlt" not in impressum and SAMPLE_PUBLISHER["street"] in impressum


def test_one_missing_field_is_named_alone(project_copy: Path) -> None:
    fill_publisher(project_copy, phone="")
    data = read_site_data(project_copy / "data")
    problems = release_problems(data)
    assert len(problems) == 1 and "publisher.phone" in problems[0] and "Angabe fehlt" in problems[0]
    assert set(REQUIRED_BY_DDG) | set(SHOWN_IN_IMPRESSUM) == set(SAMPLE_PUBLISHER)


def test_a_local_build_keeps_the_visible_marker(site: Path) -> None:
    assert release_problems(read_site_data(PROJECT / "data")), "this test is about the unfilled data"
    assert "Angabe fehlt" in page_html(site, "impressum/")
