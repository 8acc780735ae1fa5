"""Where uploaded files are stored: under a name the portal makes, never the one the sender chose.

A sender's file name can hold anything (paths, characters a file system refuses, another unit's
name); the original name is kept in the database for display and download (ReportAttachment.name,
the document number of a legal document), the stored name is a random one in a folder per year.
"""

import uuid
from pathlib import PurePath

from django.utils import timezone
from django.utils.deconstruct import deconstructible

EXTENSIONS = {".pdf", ".xlsx", ".docx"}


@deconstructible
class GeneratedName:
    """upload_to for a FileField: "<folder>/<year>/<random hex><.pdf|.xlsx|.docx>"."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename or "").suffix.lower()
        extension = extension if extension in EXTENSIONS else ""
        return f"{self.folder}/{timezone.localdate().year}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
