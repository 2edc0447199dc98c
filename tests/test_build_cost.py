"""What the build costs beyond plain Material: no git subprocesses from mkdocs-macros, no
validators built at import for records that only a file's model checks, page heads read by libyaml.

The one git call left is the site's own: the day of the last change to docs/ or data/
(macros/gitdate.py), and only in a checkout, so the copies here run none at all."""

from __future__ import annotations

import filecmp
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from conftest import PROJECT, copy_project, mkdocs_build

from macros import doccheck
from macros.plugin_patches import (
    CompiledPages,
    CompiledTemplates,
    reuse_compiled_pages,
    share_compiled_templates,
    skip_macros_git_lookup,
)

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


class _CountingEnvironment(jinja2.Environment):
    """Notes the source of every template it compiles."""

    compiled: list[str]

    def compile(self, source: str, *args: Any, **kwargs: Any) -> Any:
        type(self).compiled.append(source)
        return super().compile(source, *args, **kwargs)


def test_theme_templates_are_compiled_once_per_process_and_again_after_an_edit() -> None:
    templates = {"page.html": "Hallo {{ name }}"}

    class Environment(_CountingEnvironment):
        compiled = []

    class Theme:  # as mkdocs.theme.Theme: a new environment for every build and plugin
        def get_env(self) -> jinja2.Environment:
            return Environment(loader=jinja2.DictLoader(templates))

    assert share_compiled_templates(Theme, CompiledTemplates())
    assert not share_compiled_templates(Theme, CompiledTemplates()), "patched only once"
    rendered = [Theme().get_env().get_template("page.html").render(name=name) for name in "AB"]
    assert rendered == ["Hallo A", "Hallo B"]
    assert Environment.compiled == ["Hallo {{ name }}"]
    templates["page.html"] = "Servus {{ name }}"
    assert Theme().get_env().get_template("page.html").render(name="C") == "Servus C"
    assert len(Environment.compiled) == 2


def test_page_templates_are_compiled_once_per_source_and_settings() -> None:
    class Environment(_CountingEnvironment):
        compiled = []

    env = Environment()
    assert reuse_compiled_pages(types.SimpleNamespace(_env=env), CompiledPages())
    env.filters["label"] = lambda value: f"<{value}>"
    page = "Wert: {{ 1 | label }}"
    assert [env.from_string(page).render() for _ in range(3)] == ["Wert: <1>"] * 3
    assert env.from_string("Anders: {{ 2 | label }}").render() == "Anders: <2>"
    assert len(Environment.compiled) == 2
    # the same source, but the filter now takes the context: compiled afresh, or it would fail
    env.filters["label"] = jinja2.pass_context(lambda context, value: f"{context['art']} {value}")
    assert env.from_string(page).render(art="Zahl") == "Wert: Zahl 1"
    assert len(Environment.compiled) == 3


def test_without_the_patch_points_nothing_changes() -> None:
    assert reuse_compiled_pages(types.SimpleNamespace(), CompiledPages()) is False
    assert share_compiled_templates(types.SimpleNamespace, CompiledTemplates()) is False


_COMPLETE_MODELS = """
import pydantic
from macros import models
print(" ".join(sorted(name for name, value in vars(models).items() if isinstance(value, type)
                      and issubclass(value, pydantic.BaseModel) and value.__pydantic_complete__)))
"""


def test_importing_the_models_builds_validators_only_for_the_files() -> None:
    complete = subprocess.run([sys.executable, "-c", _COMPLETE_MODELS], cwd=PROJECT, check=True,
                              capture_output=True, text=True).stdout.split()
    assert "StatsFile" in complete and "GlossaryFile" in complete
    assert not {"Record", "Source", "Stat", "Law", "GlossaryEntry", "SiteInfo"} & set(complete), complete


def test_a_page_head_is_read_by_libyaml_and_a_broken_one_as_pyyaml_reads_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pure: list[str] = []
    safe_load = yaml.safe_load
    monkeypatch.setattr(yaml, "safe_load", lambda text: pure.append(text) or safe_load(text))
    assert doccheck._FAST_LOADER is yaml.CSafeLoader
    assert doccheck.front_matter_problem("---\ntitle: Glossar\ntags: [Grundlagen]\n---\nText\n") is None
    assert doccheck.split_front_matter("---\ntitle: Glossar\n---\nText\n")[0] == {"title": "Glossar"}
    assert pure == []
    line, reason = doccheck.front_matter_problem("---\ntitle: Glossar\ntags: [Grundlagen\n---\nText\n")
    assert pure == ["title: Glossar\ntags: [Grundlagen\n"]
    assert line == 4 and "expected ',' or ']'" in reason, (line, reason)
