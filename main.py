"""Entry point for mkdocs-macros and Zensical: both load this file as module `main`.

Zensical loads it without package context, so the real code lives in the `macros` package
and this shim only makes the project folder importable. It runs again on every rebuild of
`make serve`; when a file in `macros/` has changed since the package was imported (or the
package came from elsewhere), it drops the cached package so the edit takes effect live.
"""

import sys
from pathlib import Path

_PROJECT_DIR = Path(__file__).resolve().parent
_PACKAGE_DIR = _PROJECT_DIR / "macros"


def _source_stamp() -> list[tuple[str, int]]:
    return sorted((str(path), path.stat().st_mtime_ns) for path in _PACKAGE_DIR.rglob("*.*")
                  if "__pycache__" not in path.parts)


def _loaded_package_is_current() -> bool:
    package = sys.modules.get("macros")
    return (package is not None and Path(package.__file__).parent == _PACKAGE_DIR
            and getattr(package, "source_stamp", None) == _source_stamp())


if str(_PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(_PROJECT_DIR))
if not _loaded_package_is_current():
    for _name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
        del sys.modules[_name]
    import macros

    macros.source_stamp = _source_stamp()

from macros import define_env, on_post_page_macros, on_pre_page_macros  # noqa: E402

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
