"""What the build costs beyond plain Material: no git subprocesses from mkdocs-macros.

The one git call left is the site's own: the day of the last change to docs/ or data/
(macros/gitdate.py), and only in a checkout, so the copies here run none at all."""

from __future__ import annotations

import filecmp
import types
from pathlib import Path

from conftest import copy_project, mkdocs_build

from macros.plugin_patches import skip_macros_git_lookup

PATCH_CALL = "plugin_patches.apply()"


def _fake_git(folder: Path) -> Path:
    """A `git` that only notes each call, answering as outside a repository."""
    log = folder / "git-calls.log"
    git = folder / "bin" / "git"
    git.parent.mkdir()
    git.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexit 128\n')
    git.chmod(0o755)
    return log


def _differing_files(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    differing = [*comparison.diff_files, *comparison.left_only, *comparison.right_only]
    for name, sub in comparison.subdirs.items():
        differing += [f"{name}/{path}" for path in _differing_files(sub.left, sub.right)]
    return differing


def test_build_runs_no_git_and_output_is_the_same_as_with_git(tmp_path: Path) -> None:
    log = _fake_git(tmp_path)
    env = {"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin"}
    patched = copy_project(tmp_path / "patched")
    unpatched = copy_project(tmp_path / "unpatched")
    hooks = unpatched / "macros" / "hooks.py"
    hooks.write_text(hooks.read_text(encoding="utf-8").replace(PATCH_CALL, ""),
                     encoding="utf-8")

    assert mkdocs_build(unpatched, tmp_path / "site-git", **env).returncode == 0
    assert log.read_text().count("\n") >= 10  # the control: unpatched, the plugin asks git

    log.unlink()
    result = mkdocs_build(patched, tmp_path / "site", **env)
    assert result.returncode == 0, result.stderr
    assert not log.exists(), log.read_text()
    assert _differing_files(tmp_path / "site", tmp_path / "site-git") == []


def test_a_release_without_the_git_lookup_changes_nothing() -> None:
    context = types.SimpleNamespace()
    assert skip_macros_git_lookup(context) is False
    assert vars(context) == {}
