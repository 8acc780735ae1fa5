"""The documents whose author edits the outline before issue, and how each one prints.

Each app's documents.py declares its editable documents as a `DocumentType` (who may edit which
rows, how the portal proposes the document, when it counts as issued) and adds the editor's pages
to its urls (p135portal.outlines.outline_urls). Every download goes through `printed`: a draft
prints the portal's proposal with the author's outline applied, an issued document prints the
version frozen when it was issued, whatever changed in the data since.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from p135portal.access import Perm
from p135portal.documents.authoring import Outline, authored, changes, from_data, merged, proposal, to_data
from p135portal.documents.model import Document
from p135portal.models import DocumentText, DocumentVersion


@dataclass(frozen=True)
class DocumentType:
    """A printed document the author may edit: `editable(user)` the rows whose outline this user may
    edit (scoped as every query is), `build(row)` the portal's proposal, `issued(row)` whether the
    row's document has been issued (signed, approved) and so prints frozen; None for a document the
    portal never freezes (a BIÊN BẢN signed on the spot: it prints live)."""

    kind: str
    name: str
    permission: Perm
    editable: Callable[..., models.QuerySet]
    build: Callable[[models.Model], Document]
    issued: Callable[[models.Model], bool] | None = None

    def is_issued(self, row: models.Model) -> bool:
        return self.issued is not None and self.issued(row)


def _texts(doc_type: DocumentType, row: models.Model):
    return DocumentText.objects.filter(kind=doc_type.kind, object_id=row.pk)


def _versions(doc_type: DocumentType, row: models.Model):
    return DocumentVersion.objects.filter(kind=doc_type.kind, object_id=row.pk)


def versions(doc_type: DocumentType, row: models.Model) -> list:
    """The row's issued versions, the latest first (their content is read only when one is printed)."""
    return list(_versions(doc_type, row).select_related("created_by").defer("content").order_by("-number"))


def version(doc_type: DocumentType, row: models.Model, number: int):
    return _versions(doc_type, row).filter(number=number).first()


def saved_changes(doc_type: DocumentType, row: models.Model) -> tuple[dict | None, int]:
    """What the author changed of the row's document, and its revision (None and 0 when nothing)."""
    text = _texts(doc_type, row).first()
    if text is None:
        return None, 0
    return {"texts": text.texts, "signatures": text.signatures}, text.revision


def editor_outline(doc_type: DocumentType, row: models.Model) -> tuple[Document, Outline, bool, int]:
    """For the editor: the proposal as a document, the outline as the author left it (the proposal
    where they changed nothing), whether they changed anything, and the revision."""
    document = doc_type.build(row)
    changed, revision = saved_changes(doc_type, row)
    outline = proposal(document)
    return document, merged(outline, changed) if changed else outline, changed is not None, revision


def current(doc_type: DocumentType, row: models.Model) -> Document:
    """The document as it would print now: the proposal, with the author's changes; a marker the data
    no longer offers is left out (the editor shows it), never a failed download."""
    document, outline, changed, _revision = editor_outline(doc_type, row)
    return authored(document, outline, strict=False) if changed else document


def printed(doc_type: DocumentType, row: models.Model) -> Document:
    """What a download prints: the latest version kept when the document was issued, the current
    document otherwise (a document issued but not yet kept, as when an old plan is entered with its
    number before its tasks, prints from the data until it is kept)."""
    if doc_type.is_issued(row):
        latest = _versions(doc_type, row).order_by("-number").first()
        if latest is not None:
            return from_data(latest.content)
    return current(doc_type, row)


@transaction.atomic
def freeze(doc_type: DocumentType, row: models.Model, *, actor, note: str):
    """Keeps the row's document as it prints now as its next version, unless the latest version
    already says the same. The row is locked first, so that two freezes cannot cross."""
    type(row)._base_manager.select_for_update().filter(pk=row.pk).exists()
    data = to_data(current(doc_type, row))
    latest = _versions(doc_type, row).order_by("-number").first()
    if latest is not None and latest.content == data:
        return latest
    return DocumentVersion.objects.create(
        kind=doc_type.kind,
        object_id=row.pk,
        number=(latest.number if latest else 0) + 1,
        content=data,
        note=note[:200],
        created_by=actor,
    )


STALE = _lazy("Người khác vừa lưu văn bản này. Hãy mở lại trang để xem bản mới rồi sửa tiếp.")


@transaction.atomic
def outline_save(*, doc_type: DocumentType, row: models.Model, outline: Outline, revision: int, actor):
    """Saves what the author changed of the proposal. `revision` is the one the author started from:
    if someone saved in between, nothing is saved and the author is told. An issued document gets a
    new version, recorded (the version as it printed before is kept first when it was not yet)."""
    type(row)._base_manager.select_for_update().filter(pk=row.pk).exists()
    document = doc_type.build(row)
    authored(document, outline)  # raises OutlineError for an unknown [[…]]
    issued = doc_type.is_issued(row)
    if issued and not _versions(doc_type, row).exists():
        freeze(doc_type, row, actor=None, note=_("Bản in trước khi sửa"))
    text = _texts(doc_type, row).select_for_update().first()
    if (text.revision if text else 0) != revision:
        raise ValidationError(STALE, code="stale")
    if text is None:
        text = DocumentText(kind=doc_type.kind, object_id=row.pk, revision=0)
    changed = changes(outline, proposal(document))
    text.texts, text.signatures = changed["texts"], changed["signatures"]
    text.revision += 1
    text._history_user = actor
    text.save()
    if issued:
        freeze(doc_type, row, actor=actor, note=_("Sửa sau khi ban hành"))
    return text


@transaction.atomic
def outline_reset(*, doc_type: DocumentType, row: models.Model, revision: int, actor) -> None:
    """Drops the author's changes: the document prints the portal's proposal again. A draft only: an
    issued document keeps its text (a change to it is a new version)."""
    if doc_type.is_issued(row):
        raise ValidationError(
            _("Văn bản đã ban hành không bỏ nội dung đã soạn được; hãy sửa để tạo phiên bản mới."), code="issued"
        )
    text = _texts(doc_type, row).select_for_update().first()
    if text is None:
        return
    if text.revision != revision:
        raise ValidationError(STALE, code="stale")
    text._history_user = actor
    text.delete()
