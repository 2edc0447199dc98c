"""`updated` from git: the day of the last commit that changed `docs/` or `data/`.

So nobody has to remember to set it. Without git (a copy without .git, an archive download)
the value in data/site.yml stands. Runs `git log` locally; no network."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

from .data import SiteData

CONTENT = ("docs", "data")


def _git(project: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def last_content_change(project: Path) -> str | None:
    """JJJJ-MM-TT of the last commit touching docs/ or data/, if `project` is a git checkout."""
    if not (project / ".git").exists():  # a folder or a worktree's file: one git call, not two
        return None  # not a checkout of its own (e.g. a copy inside some other repository)
    day = _git(project, "log", "-1", "--format=%cs", "--", *CONTENT)
    return day if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None


def with_updated_from_git(data: SiteData, project: Path) -> SiteData:
    day = last_content_change(project)
    if day is None:
        return data
    return dataclasses.replace(data, site=data.site.model_copy(update={"updated": day}))
