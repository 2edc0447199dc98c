"""Work that mkdocs-macros does on every build and this site never uses, switched off.

Tested on the mkdocs-macros releases pinned in pyproject.toml. Each patch checks that its patch
point still exists and otherwise changes nothing: the build then just pays for the work.
"""

from __future__ import annotations

from types import ModuleType

NO_REPOSITORY = {"status": False, "date": None}


def skip_macros_git_lookup(context: ModuleType) -> bool:
    """mkdocs-macros runs 13 `git` commands per build to fill a `git` page variable that no page
    of this site uses; answer with its own "no repository" value instead. False if the
    plugin has no such function (nothing changed)."""
    if not callable(getattr(context, "get_git_info", None)):
        return False
    context.get_git_info = lambda: dict(NO_REPOSITORY)
    return True


def apply() -> None:
    try:
        import mkdocs_macros.context as context
    except ImportError:  # the plugin is not installed: nothing to skip
        return
    skip_macros_git_lookup(context)
