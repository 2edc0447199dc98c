"""mkdocs-macros glue: load `data/` once per build and register the page macros.

Everything else (models, loading, rendering, the reach model) is plain Python in this package
and does not import MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from .buildlog import page_failure
from .data import DataError, SiteData, load_site_data
from .doccheck import front_matter_problem, pages_report
from .gitdate import with_updated_from_git
from .pages import PageMacros
from .release import release_problems, release_report
from .text import markdown

__all__ = ["DataError", "define_env", "on_post_page_macros", "on_pre_page_macros", "page_path"]

_macros: PageMacros | None = None
_project: Path | None = None


def _fail_page(error: Exception, markdown: str, page: Any) -> str:
    """A page's macros failed: mkdocs-macros asks `format_error` for its report (the error
    with a traceback) and would then log it and `sys.exit`. Our report is German (every page
    problem with file and line, macros/buildlog.py) and leaves as a PluginError, which MkDocs
    prints as the message alone and `make serve` shows on its error page."""
    raise PluginError(page_failure(page_path(page), error, _project or Path.cwd())) from None


# Registered for every exception, including the one type mkdocs-macros formats itself.
format_error.register(Exception, _fail_page)
format_error.register(jinja2.TemplateSyntaxError, _fail_page)


def define_env(env: Any) -> None:
    """Called once per build (and per rebuild in `make serve`)."""
    global _macros, _project
    project = _project = Path(env.project_dir)
    try:
        data = load_site_data(project / "data")
    except DataError as error:  # MkDocs prints a PluginError as one clean message, no traceback
        raise PluginError(str(error)) from None
    _release_gate(data)
    data = with_updated_from_git(data, project)
    _macros = PageMacros(
        data,
        current_page=lambda: page_path(env.page),
        docs_dir=Path(env.conf["docs_dir"]),
        page_meta=lambda: getattr(env.page, "meta", None) or {},
    )
    for name, function in _macros.exported().items():
        env.macro(function, name)
    env.filter(markdown, "plain")
    env.variables["site_info"] = data.site
    # For the theme templates (docs/overrides/main.html): JSON-LD and sharing tags.
    env.conf["extra"]["article_meta"] = _macros.article_meta()


def _release_gate(data: SiteData) -> None:
    """A publishing build (SITE_URL set) stops while a placeholder would go live."""
    if os.environ.get("SITE_URL") and (problems := release_problems(data)):
        raise PluginError(release_report(problems))


def page_path(page: Any) -> str:
    """The page's path in docs/: MkDocs has `page.file.src_uri`, Zensical `page.path`."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def on_pre_page_macros(env: Any) -> None:
    """MkDocs shows a page head that is not YAML as text; the build stops instead."""
    source = getattr(getattr(env.page, "file", None), "abs_src_path", None)
    if source and (broken := front_matter_problem(Path(source).read_text(encoding="utf-8"))):
        line, reason = broken
        raise PluginError(pages_report([f"Seite docs/{page_path(env.page)}, Zeile {line}: {reason}"]))
    if _macros:
        _macros.start_page()


def on_post_page_macros(env: Any) -> None:
    if _macros:
        env.markdown = _macros.finish_page(env.markdown)
