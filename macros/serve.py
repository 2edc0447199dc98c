"""`make serve`: MkDocs' live-reload preview, made to survive every editor mistake.

`mkdocs serve` stops for good when the macros plugin ends a failed build with `sys.exit`, keeps
showing the old pages while a build fails, and prints a repeated error only once. This wrapper
runs the same machinery (`mkdocs.livereload.LiveReloadServer` and `mkdocs.commands.build`),
but every build attempt ends in one of two states:

- built: one line in the terminal; the site is served as usual;
- failed: the German reasons (file, line, entry, field, hint) in the terminal, every time, and
  every page the server returns is an error page with the same reasons.

Either way the open browser tabs reload by themselves. After a save in `data/` only the pages
whose Markdown changed are converted and written again (`macros/reuse.py`); any other change
rebuilds everything. Like `macros/hooks.py`, this module talks to MkDocs; the wording of the
reasons and the error page are plain Python in `macros/buildlog.py`.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

from . import reuse
from .buildlog import error_page, failure_report

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_WATCH = ("mkdocs.yml", "docs", "data", "macros", "main.py")
# How often the watcher looks for saved files. MkDocs polls (robust on every file system) every
# 0.5 s, on average a quarter second of waiting per save; one look at the watched folders costs
# about 2 ms of CPU, so ten a second cost little.
POLL_SECONDS = 0.1


class _Stop(BaseException):
    """Raised by SIGTERM, so a build (which catches SystemExit) cannot swallow it."""


class _Messages(logging.Handler):
    """Collects MkDocs' warnings and errors during a build; prints them at any other time."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.collected: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.collected is None:
            print(record.getMessage(), file=sys.stderr)
        else:
            self.collected.append(record.getMessage())


class PreviewServer(LiveReloadServer):
    """LiveReloadServer that answers every page with `failure_page` while that is set."""

    failure_page: bytes | None = None

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"]
        page = self.failure_page
        if page is None or path.startswith("/livereload/") or not _is_page(path):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:
            epoch = self._visible_epoch
        content = self._inject_js_into_html(page, epoch)  # reloads the tab after the next build
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(content)))])
        return [content]

    def run(self, first_build: Callable[[], None]) -> None:
        """Watch, build once, then serve and rebuild on changes until stopped (the socket is
        bound already). Watching starts first, so a save during the first build is not missed."""
        self.observer.start()
        first_build()
        self.serve_thread.start()
        self._build_loop()


_WRITE_PAGE = mkdocs_build._build_page


def _reusing_pages(pages: reuse.PageReuse) -> None:
    """MkDocs' two page steps, taught to take unchanged pages from `pages` (this process only;
    `mkdocs.commands.build.build` calls both by module name, once per page)."""
    log = mkdocs_build.log

    def populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        """As MkDocs 1.6 reads and converts a page, but an unchanged page is restored."""
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                            files=files)
            if pages.restore(page, files):
                return
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config,
                                                          files=files)
            pages.record(page)
        except Exception as e:
            message = f"Error reading page '{page.file.src_uri}':"
            if not isinstance(e, mkdocs_build.BuildError):
                message += f" {e}"
            log.error(message)
            raise
        finally:
            config._current_page = None

    def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False,
                   excluded: bool = False) -> None:
        if not pages.keeps_file(page):
            _WRITE_PAGE(page, config, doc_files, nav, env, excluded=excluded)

    mkdocs_build._populate_page, mkdocs_build._build_page = populate_page, build_page
    _listing_theme_once(pages)


def _listing_theme_once(pages: reuse.PageReuse) -> None:
    """Collecting the theme's files walks its folders (a third of a rebuild at 1× data); a build
    that reuses pages changed nothing but data, so it takes the last build's list."""
    collect = Files.add_files_from_theme
    found: list[tuple[str, str]] = []  # path, theme folder

    def add_files_from_theme(files: Files, env: Any, config: Any) -> None:
        if pages.active and found:
            for path, folder in found:
                if files.get_file_from_path(path) is None:
                    files.append(File(path, folder, config.site_dir, config.use_directory_urls))
            return
        known = {file.src_uri for file in files}
        collect(files, env, config)
        found[:] = [(file.src_uri, file.src_dir) for file in files if file.src_uri not in known]

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


class _NoDirtyWarning(logging.Filter):
    """A build that keeps pages runs as MkDocs' `dirty` build (the site folder is not emptied
    first), whose warning about stale navigation does not apply: the navigation is unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


class Preview:
    """One preview: a temporary site folder, the server, and the builder it calls."""

    def __init__(self, config_file: Path, host: str, port: int) -> None:
        self.config_file = config_file
        self.project = config_file.parent
        self.url = f"http://{host}:{port}/"
        self.site_dir = tempfile.mkdtemp(prefix="kompass-vorschau-")
        self.messages = _Messages()
        self.server = PreviewServer(builder=self.build, host=host, port=port, root=self.site_dir,
                                    polling_interval=POLL_SECONDS)
        self.config: Any = None
        self.watched: list[str] = [str(self.project / name) for name in DEFAULT_WATCH]
        self.stamps: dict[str, tuple[int, int]] = {}  # of the last successful build
        self.pages = reuse.PageReuse()
        self.search_index: dict[str, Any] = {}  # of the last successful build
        _reusing_pages(self.pages)
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())

    def load_config(self) -> Any:
        config = load_config(config_file=str(self.config_file), site_dir=self.site_dir)
        config.site_url = self.url
        # As `mkdocs serve` does: plugins and hooks learn they run in the preview (macros/hooks.py
        # then leaves out the Content-Security-Policy, which would block the live-reload script).
        config.plugins.on_startup(command="serve", dirty=False)
        return config

    def build(self) -> None:
        """One build attempt; never raises (except to stop the preview)."""
        started = time.monotonic()
        self.messages.collected = []
        error: BaseException | None = None
        stamps = reuse.snapshot(self.watched)
        partial = self.stamps != {} and reuse.only_page_data(reuse.changed(self.stamps, stamps),
                                                             self.project / "data")
        self.pages.start(partial)
        try:
            mkdocs_build.build(self.load_config(), serve_url=self.url, dirty=partial)
            self._write_search_index()
        except (Exception, SystemExit) as exc:  # SystemExit: the macros plugin's way to fail
            error = exc
        finally:
            collected, self.messages.collected = self.messages.collected, None
        self.pages.finish(error is None)
        if error is None:
            self.stamps = stamps
        elif not partial:  # MkDocs emptied the site folder: the next build is a full one
            self.stamps = {}
        clock = time.strftime("%H:%M:%S")
        if error is None:
            self.server.failure_page = None
            seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
            for message in collected:
                print(message, file=sys.stderr)
            kept = len(self.pages.kept_urls)
            written = len(self.pages.written)
            pages = f", {written} von {written + kept} Seiten neu" if kept else ""
            print(f"{clock} Gebaut in {seconds} s{pages}: {self.url}", flush=True)
            return
        problems = failure_report(collected, error, self.project)
        self.server.failure_page = error_page(problems, "TikTok-Kompass", clock).encode("utf-8")
        listed = "\n".join(f"  - {problem}" for problem in problems)
        print(f"{clock} Bauen gescheitert – die Vorschau zeigt auf jeder Seite diese Meldung:\n{listed}",
              file=sys.stderr, flush=True)

    def _write_search_index(self) -> None:
        """Material indexes the pages a build converted; those it kept have their last entries."""
        index = Path(self.site_dir) / "search" / "search_index.json"
        current = json.loads(index.read_text(encoding="utf-8"))
        if self.pages.kept_urls:
            current = reuse.merged_search_index(self.search_index, current, self.pages.kept_urls)
            index.write_text(json.dumps(current, separators=(",", ":")),  # as Material writes it
                             encoding="utf-8")
        self.search_index = current

    def start(self) -> None:
        """As `mkdocs serve` starts: plugins learn it is a preview (`on_startup`, e.g. no CSP
        hashes, which would block the live-reload script); watch what the config names."""
        try:
            self.config = self.load_config()
            self.config.plugins.on_startup(command="serve", dirty=False)
            paths = [self.config.docs_dir, str(self.config_file), *self.config.watch]
        except Exception:  # noqa: BLE001 - a broken mkdocs.yml is reported by the first build
            paths = [str(self.project / name) for name in DEFAULT_WATCH]
        self.watched = list(dict.fromkeys([*paths, *self.watched]))
        for path in dict.fromkeys(paths):
            if os.path.exists(path):
                self.server.watch(path)

    def close(self) -> None:
        self.server.shutdown()
        if self.config is not None:
            self.config.plugins.on_shutdown()
        shutil.rmtree(self.site_dir, ignore_errors=True)


def _quiet_mkdocs(handler: logging.Handler) -> None:
    """Only warnings and errors, and only through `handler` (no INFO chatter per rebuild)."""
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)  # a 404 must not fail a build


def _stop(signum: int, frame: object) -> None:
    raise _Stop


def serve(config_file: Path, host: str, port: int) -> int:
    preview = Preview(config_file, host, port)
    _quiet_mkdocs(preview.messages)
    try:
        preview.server.server_bind()
        preview.server.server_activate()
    except OSError as exc:
        preview.close()
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"Port {port} ist schon belegt – läuft die Vorschau schon in einem anderen Fenster? "
              f"Dort mit Strg+C beenden oder einen anderen Port wählen: make serve PORT={port + 1}",
              file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _stop)
    print(f"Vorschau startet auf {preview.url} – beenden mit Strg+C", flush=True)
    try:
        preview.start()
        preview.server.run(first_build=preview.build)
    except (KeyboardInterrupt, _Stop):
        print("Vorschau beendet.", flush=True)
    finally:
        preview.close()
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--config", type=Path, default=PROJECT_DIR / "mkdocs.yml")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return serve(args.config.resolve(), args.host, args.port)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
