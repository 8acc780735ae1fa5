"""Files chosen in a form survive a validation error: the officer does not choose them again.

When a form with files is shown again with errors, each file that passed its own field's checks
is kept in storage (kept/<token>/) and the form carries its token in a hidden input; the token is
remembered in the person's session, so nobody else can claim the file. Sent again without a new
file, the form reads the kept one. Kept files older than a day are removed when others are kept.
"""

import uuid
from datetime import timedelta

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone

SESSION_KEY = "kept_uploads"
KEPT_FOR = timedelta(days=1)


def _hidden_name(field_name: str) -> str:
    return f"_kept_{field_name}"


class KeepsUploads(forms.BaseForm):
    """Mixin for a form with file fields; the view passes `request=`."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.kept: dict[str, list[tuple[str, str]]] = {}  # field → [(token, file name)]
        if self.is_bound:
            self._reuse_kept()

    def _file_fields(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]

    def _reuse_kept(self) -> None:
        entries = self.request.session.get(SESSION_KEY, {})
        files = self.files.copy()
        for name in self._file_fields():
            if self.files.getlist(name):
                continue  # a new choice replaces what was kept
            reused = []
            for token in self.data.getlist(_hidden_name(name)):
                entry = entries.get(token)
                if entry and entry["field"] == name and default_storage.exists(entry["path"]):
                    with default_storage.open(entry["path"], "rb") as stored:
                        reused.append((token, SimpleUploadedFile(entry["name"], stored.read())))
            if reused:
                files.setlist(name, [upload for _token, upload in reused])
                self.kept[name] = [(token, upload.name) for token, upload in reused]
        self.files = files

    def full_clean(self):
        self._validated = False
        super().full_clean()
        self._validated = True
        if self.is_bound and self._errors:
            self._keep_valid_files()

    def add_error(self, field, error):
        super().add_error(field, error)
        # Errors a service raises after validation (an attendance list that does not match) too.
        if getattr(self, "_validated", False):
            self._keep_valid_files()

    def _keep_valid_files(self) -> None:
        for name in self._file_fields():
            if name not in self._errors:
                self.keep(name, self.files.getlist(name))

    def keep(self, name: str, uploads: list) -> None:
        """Keep these files of field `name` for the next sending of the form (once)."""
        if name in self.kept:
            return
        entries = self.request.session.get(SESSION_KEY, {})
        now = timezone.now().timestamp()
        for token, entry in list(entries.items()):
            if now - entry["at"] > KEPT_FOR.total_seconds():
                default_storage.delete(entry["path"])
                del entries[token]
        kept = []
        for upload in uploads:
            if not isinstance(upload, UploadedFile):
                continue
            token = uuid.uuid4().hex
            upload.seek(0)
            path = default_storage.save(f"kept/{token}/{upload.name}", upload)
            upload.seek(0)
            entries[token] = {"field": name, "path": path, "name": upload.name, "at": now}
            kept.append((token, upload.name))
        if kept:
            self.kept[name] = kept
        self.request.session[SESSION_KEY] = entries

    def kept_inputs(self) -> list[tuple[str, str, str]]:
        """(hidden input name, token, file name) of each kept file, for the template."""
        return [(_hidden_name(name), token, file_name) for name, kept in self.kept.items() for token, file_name in kept]
