"""Rendered documents kept in the shared cache, keyed by what they say.

The key is a digest of the whole `Document` (every sentence, cell and chart value, its date) and of
the layout (templates, stylesheet, renderer code): an unchanged document is served without being
rendered again, and a change in any row it reads changes its content and so makes a new one. No
list of the tables a document reads is kept, so none can be forgotten."""

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache

from p135portal.documents.model import Document

_LAYOUT_FILES = (
    "templates/documents",
    "static/css/document.css",
    "p135portal/documents",
    "p135portal/charts.py",
    "p135portal/numbers.py",
)


@cache
def _layout_version() -> str:
    """A digest of the files that decide how a document looks: a deployment that changes them
    renders documents anew."""
    digest = hashlib.sha256()
    for name in _LAYOUT_FILES:
        path = Path(settings.BASE_DIR) / name
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.is_file() and file.suffix in {".html", ".css", ".py"}:
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(kind: str, document: Document) -> str:
    content = hashlib.sha256(repr(document).encode()).hexdigest()
    return f"document:{kind}:{_layout_version()}:{content}"


def already_rendered(kind: str, document: Document) -> bytes | None:
    """The document as rendered before, when it was; None otherwise (nothing is rendered here)."""
    return shared_cache.get(cache_key(kind, document))


def rendered(kind: str, document: Document, render: Callable[[Document], bytes]) -> bytes:
    """The document rendered by `render`, from the cache when it was rendered before."""
    key = cache_key(kind, document)
    content = shared_cache.get(key)
    if content is None:
        content = render(document)
        shared_cache.set(key, content)
    return content
