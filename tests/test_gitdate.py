"""`updated` comes from git (last change of docs/ or data/), and from data/site.yml without git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import mkdocs_build, page_html

from macros import fmt
from macros.data import read_site_data
from macros.gitdate import last_content_change, with_updated_from_git


def _commit(project: Path, day: str, *paths: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", *paths], cwd=project, check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", "test"], cwd=project, check=True, env=env)


def test_a_copy_without_git_keeps_the_date_from_site_yml(project_copy: Path) -> None:
    data = read_site_data(project_copy / "data")
    assert last_content_change(project_copy) is None
    assert with_updated_from_git(data, project_copy).site.updated == data.site.updated


def test_only_changes_in_docs_or_data_count(project_copy: Path) -> None:
    _commit(project_copy, "2026-10-05", ".")
    (project_copy / "Makefile").write_text("# geändert\n", encoding="utf-8")
    _commit(project_copy, "2026-10-21", "Makefile")
    assert last_content_change(project_copy) == "2026-10-05"


def test_the_start_page_shows_the_day_of_the_last_content_commit(project_copy: Path, tmp_path: Path) -> None:
    _commit(project_copy, "2026-10-05", ".")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert f"überarbeitet {fmt.partial_date('2026-10-05')}" in page_html(tmp_path / "site", "")
