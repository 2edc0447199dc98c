"""Serves a built site on 127.0.0.1 with gzip, as GitHub Pages and most hosts deliver it.

Python's `http.server` sends everything uncompressed, which makes Lighthouse's simulated
mobile network several times slower than the published site. Usage:
    python benchmarks/serve_gzip.py SITE PORT
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if path.endswith("/"):
            path += "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(COMPRESSIBLE)):
            return super().send_head()
        try:
            with open(path, "rb") as file:
                body = gzip.compress(file.read(), 6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """File-like answer for `copyfile`."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


if __name__ == "__main__":
    site, port = sys.argv[1], int(sys.argv[2])
    handler = functools.partial(GzipHandler, directory=site)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
