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
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from p135portal.access import Perm
from p135portal.documents.authoring import Outline, authored, from_data, to_data
from p135portal.documents.model import Document, Signature
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
    """The row's issued versions, the latest first."""
    return list(_versions(doc_type, row).select_related("created_by").order_by("-number"))


def saved_outline(doc_type: DocumentType, row: models.Model) -> tuple[Outline | None, int]:
    """The author's outline of the row's document and its revision (None and 0 when the author has
    not written one)."""
    text = _texts(doc_type, row).first()
    if text is None:
        return None, 0
    outline = Outline(
        summary=text.summary,
        bases=text.bases,
        body=text.body,
        recipients=text.recipients,
        archive=text.archive,
        signatures=tuple(Signature(**signature) for signature in text.signatures),
    )
    return outline, text.revision


def current(doc_type: DocumentType, row: models.Model) -> Document:
    """The document as it would print now: the proposal, with the author's outline when there is one."""
    document = doc_type.build(row)
    outline, _revision = saved_outline(doc_type, row)
    return authored(document, outline) if outline else document


def printed(doc_type: DocumentType, row: models.Model) -> Document:
    """What a download prints: the latest issued version when the document is issued (frozen now if
    it was issued before versions were kept), the current draft otherwise."""
    if not doc_type.is_issued(row):
        return current(doc_type, row)
    latest = _versions(doc_type, row).order_by("-number").first()
    if latest is not None:
        return from_data(latest.content)
    return from_data(freeze(doc_type, row, actor=None, note=_("Bản ban hành")).content)


def freeze(doc_type: DocumentType, row: models.Model, *, actor, note: str):
    """Keeps the row's document as it prints now as its next version, unless the latest version
    already says the same. Called where a document is issued (and issued again after a reopening)."""
    data = to_data(current(doc_type, row))
    with transaction.atomic():
        latest = _versions(doc_type, row).select_for_update().order_by("-number").first()
        if latest is not None and latest.content == data:
            return latest
        try:
            with transaction.atomic():
                return DocumentVersion.objects.create(
                    kind=doc_type.kind,
                    object_id=row.pk,
                    number=(latest.number if latest else 0) + 1,
                    content=data,
                    note=note[:200],
                    created_by=actor,
                )
        except IntegrityError:  # frozen at the same moment by another request: that one stands
            return _versions(doc_type, row).order_by("-number").first()


def outline_save(*, doc_type: DocumentType, row: models.Model, outline: Outline, revision: int, actor):
    """Saves the author's outline. `revision` is the one the author started from: if someone saved
    in between, nothing is saved and the author is told. An issued document gets a new version,
    recorded (the version as issued is kept first when it was not yet)."""
    authored(doc_type.build(row), outline)  # raises OutlineError for an unknown [[…]]
    if doc_type.is_issued(row) and not _versions(doc_type, row).exists():
        freeze(doc_type, row, actor=None, note=_("Bản ban hành"))
    stale = ValidationError(
        _("Người khác vừa lưu văn bản này. Hãy mở lại trang để xem bản mới rồi sửa tiếp."), code="stale"
    )
    values = {
        "summary": outline.summary,
        "bases": outline.bases,
        "body": outline.body,
        "recipients": outline.recipients,
        "archive": outline.archive,
        "signatures": [
            {"authority_lines": list(s.authority_lines), "title": s.title, "name": s.name, "hint": s.hint}
            for s in outline.signatures
        ],
    }
    with transaction.atomic():
        text = _texts(doc_type, row).select_for_update().first()
        if (text.revision if text else 0) != revision:
            raise stale
        if text is None:
            text = DocumentText(kind=doc_type.kind, object_id=row.pk, revision=0)
        for name, value in values.items():
            setattr(text, name, value)
        text.revision += 1
        text._history_user = actor
        try:
            with transaction.atomic():
                text.save()
        except IntegrityError:  # created by someone else at the same moment
            raise stale from None
    if doc_type.is_issued(row):
        freeze(doc_type, row, actor=actor, note=_("Sửa sau khi ban hành"))
    return text


def outline_reset(*, doc_type: DocumentType, row: models.Model, actor) -> None:
    """Drops the author's outline: the document prints the portal's proposal again (a draft only;
    an issued document keeps its versions)."""
    for text in _texts(doc_type, row):
        text._history_user = actor
        text.delete()
