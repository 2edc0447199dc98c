"""Work that mkdocs-macros and MkDocs do on every build and this site does not need, switched off.

Tested on the releases pinned in pyproject.toml. Each patch checks that its patch point still
exists and otherwise changes nothing: the build then just pays for the work.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import jinja2

NO_REPOSITORY = {"status": False, "date": None}


def skip_macros_git_lookup(context: ModuleType) -> bool:
    """mkdocs-macros runs 13 `git` commands per build to fill a `git` page variable that no page
    of this site uses; answer with its own "no repository" value instead. False if the
    plugin has no such function (nothing changed)."""
    if not callable(getattr(context, "get_git_info", None)):
        return False
    context.get_git_info = lambda: dict(NO_REPOSITORY)
    return True


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory for the whole process. MkDocs makes a new
    template environment for every build and Material's search plugin three more per build
    (for one translation each), so the same templates were compiled again and again. Jinja
    checks each entry against the template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def share_compiled_templates(theme_class: type, cache: jinja2.BytecodeCache) -> bool:
    """Every environment `theme_class.get_env` makes uses `cache`. False if there is no such
    method or it is patched already (nothing changed)."""
    get_env: Callable[[Any], jinja2.Environment] | None = getattr(theme_class, "get_env", None)
    if not callable(get_env) or getattr(get_env, "compiled_templates", None) is not None:
        return False

    def get_env_with_cache(theme: Any) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    get_env_with_cache.compiled_templates = cache  # type: ignore[attr-defined]
    theme_class.get_env = get_env_with_cache  # type: ignore[attr-defined]
    return True


_LEXER_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string",
                   "variable_end_string", "comment_start_string", "comment_end_string",
                   "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
                   "newline_sequence", "keep_trailing_newline", "optimized", "is_async")


def _compile_settings(env: jinja2.Environment) -> tuple[object, ...]:
    """Everything besides the source that Jinja's compiled code depends on: the syntax, the
    extensions, escaping, and how each filter and test is called."""
    def calls(functions: dict[str, Any]) -> tuple[tuple[str, object], ...]:
        return tuple(sorted((name, getattr(function, "jinja_pass_arg", None))  # @pass_context …
                            for name, function in functions.items()))

    return (*(getattr(env, name) for name in _LEXER_SETTINGS), tuple(sorted(env.extensions)),
            env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
            env.finalize is not None, calls(env.filters), calls(env.tests))


MAX_PAGES = 1000


class CompiledPages:
    """mkdocs-macros compiles every page as a template on every build (`from_string`); in
    `make serve`, where a save changes one file, this keeps each page's compiled code for the
    process, by its source and the environment's settings."""

    def __init__(self) -> None:
        self._code: dict[tuple[object, ...], Any] = {}

    def attach(self, env: jinja2.Environment) -> None:
        compile_source = env.compile

        def compile_cached(source: str, name: str | None = None, filename: str | None = None,
                           raw: bool = False, defer_init: bool = False) -> Any:
            if name is not None or filename is not None or raw or defer_init:
                return compile_source(source, name, filename, raw, defer_init)
            key = (source, _compile_settings(env))
            if key not in self._code:
                if len(self._code) >= MAX_PAGES:  # a long session with many edits
                    self._code.clear()
                self._code[key] = compile_source(source)
            return self._code[key]

        env.compile = compile_cached  # type: ignore[method-assign]


def reuse_compiled_pages(macros_plugin: object, pages: CompiledPages) -> bool:
    """The macros plugin's environment compiles each page source once per process. False if the
    plugin has no environment (nothing changed)."""
    env = getattr(macros_plugin, "_env", None)
    if not isinstance(env, jinja2.Environment):
        return False
    pages.attach(env)
    return True


def apply() -> None:
    from mkdocs.theme import Theme

    share_compiled_templates(Theme, CompiledTemplates())
    try:
        import mkdocs_macros.context as context
    except ImportError:  # the plugin is not installed: nothing to skip
        return
    skip_macros_git_lookup(context)
