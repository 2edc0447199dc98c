"""Entry point for mkdocs-macros and Zensical: both load this file as module `main`.

Zensical loads it without package context, so the real code lives in the `macros` package
and this shim only makes the project folder importable. It runs again on every rebuild of
`make serve`; dropping the cached package first makes edits in `macros/` take effect live.
"""

import sys
from pathlib import Path

_PROJECT_DIR = str(Path(__file__).resolve().parent)
if _PROJECT_DIR not in sys.path:
    sys.path.insert(0, _PROJECT_DIR)
for _name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
    del sys.modules[_name]

from macros import define_env, on_post_page_macros, on_pre_page_macros  # noqa: E402

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
