"""Uploaded files waiting for the user's confirmation, between the preview and the save.

The file is kept under MEDIA_ROOT/imports/<token>.xlsx; the user's session holds the
token with the importer kind, the form's options and the user id, so only the person who
uploaded a file can confirm it, and only once.
"""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings

SESSION_KEY = "registry_imports"
# Files of previews never confirmed nor cancelled are removed after a day.
KEEP_SECONDS = 24 * 60 * 60
_TOKEN = re.compile(r"[0-9a-f]{32}")


def _directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _path(token: str) -> Path:
    return _directory() / f"{token}.xlsx"


def _sweep(directory: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for old in directory.glob("*.xlsx"):
        if old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)


def stash(request, *, kind: str, upload, options: dict) -> str:
    """Keep the uploaded file for confirmation; returns its token."""
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True)
    _sweep(directory)
    token = uuid.uuid4().hex
    upload.seek(0)
    with _path(token).open("wb") as destination:
        for chunk in upload.chunks():
            destination.write(chunk)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"kind": kind, "options": options, "user": request.user.pk, "filename": upload.name}
    request.session[SESSION_KEY] = pending
    return token


def claim(request, token: str) -> dict | None:
    """The pending import of this token, if it is the current user's and its file is there."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("user") != request.user.pk:
        return None
    if not _path(token).is_file():
        discard(request, token)
        return None
    return {**entry, "path": _path(token)}


def discard(request, token: str) -> None:
    """Forget a pending import and delete its file."""
    pending = request.session.get(SESSION_KEY, {})
    if token in pending:
        del pending[token]
        request.session[SESSION_KEY] = pending
    if _TOKEN.fullmatch(token):
        _path(token).unlink(missing_ok=True)
