"""Rendered documents kept in the shared cache, keyed by what they say.

The key is a digest of the whole `Document` (every sentence, cell and chart value, its date) and of
the layout (templates, stylesheet, renderer code): an unchanged document is served without being
rendered again, and a change in any row it reads changes its content and so makes a new one. No
list of the tables a document reads is kept, so none can be forgotten."""

import hashlib
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.http import HttpResponse

from p135portal.documents.model import Document
from p135portal.freshness import KEPT_SECONDS, reader_key

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


def kept_download(view=None, *, vary: Callable | None = None):
    """A document download kept whole (bytes and headers) in the shared cache until the portal's data
    changes, for readers of the same role and unit, the same address and day: downloaded again, a
    document costs no query of its own and is not gathered again (rendered() keeps the rendering, but
    gathering the document still read its rows). `vary(request)` names what else it depends on (the
    day a test fixes). Goes under the permission decorators: only a reader let in is served."""
    if view is None:
        return lambda view: kept_download(view, vary=vary)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # The path, not the query string: no download reads it, and a made-up one must not fill the cache.
        where = [view.__module__, view.__qualname__, request.path, str(vary(request)) if vary else ""]
        key = reader_key(request, "download", *where)
        if (kept := shared_cache.get(key)) is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            shared_cache.set(key, (response.content, list(response.items())), KEPT_SECONDS)
        return response

    return wrapper
