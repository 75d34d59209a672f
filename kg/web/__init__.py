"""The HTTP face of ``ekg serve``: protocol and saved-query routes, and the query page.

The page is static HTML, CSS and a small script in ``static/`` with no external resources (no
CDN), served under a strict Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR", "STATIC_FILES"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES: dict[str, str] = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
"""The only files the server hands out, with their media types."""
