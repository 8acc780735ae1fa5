"""The outline editor of a printed document, for every DocumentType (p135portal/documents/types.py).

An app adds the editor's pages of one of its documents to its urls with `outline_urls`; the pages
are guarded by the type's permission and find the row through the type's scoped `editable(user)`,
so a row out of the user's reach is a 404 whatever its id.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from p135portal.access import permission_required
from p135portal.documents import pdf_response, render_pdf
from p135portal.documents.authoring import Outline, OutlineError, authored, from_data, parts, unknown_markers, unplaced
from p135portal.documents.cache import kept_download
from p135portal.documents.types import (
    DocumentType,
    editor_outline,
    freeze,
    outline_reset,
    outline_save,
    saved_changes,
    version,
    versions,
)
from p135portal.forms import OutlineForm


def _names(request, name: str) -> dict[str, str]:
    namespace = request.resolver_match.namespace
    prefix = f"{namespace}:{name}" if namespace else name
    return {"edit": f"{prefix}_outline", "reset": f"{prefix}_outline_reset", "version": f"{prefix}_outline_version"}


def _outline(form: OutlineForm) -> Outline:
    data = form.cleaned_data
    return Outline(
        summary=data["summary"],
        bases=data["bases"],
        body=data["body"],
        recipients=data["recipients"],
        archive=data["archive"],
        signatures=form.signatures(),
    )


def _unknown_parts(error: OutlineError, offered) -> str:
    known = ", ".join(part.marker for part in offered)
    unknown = ", ".join(f"[[{label}]]" for label in error.unknown)
    return _("Văn bản không có phần %(unknown)s. Các phần cổng lập từ dữ liệu: %(known)s.") % {
        "unknown": unknown,
        "known": known or _("(không có)"),
    }


def outline_edit(request, pk, *, doc_type: DocumentType, name: str):
    row = get_object_or_404(doc_type.editable(request.user), pk=pk)
    urls = _names(request, name)
    document, outline, changed, revision = editor_outline(doc_type, row)
    offered = parts(document)
    issued = doc_type.is_issued(row)
    form = OutlineForm(request.POST or None, initial=OutlineForm.initial_from(outline, revision))
    if request.method == "POST" and "lock" in request.POST and issued:  # keep the issued document as it prints
        freeze(doc_type, row, actor=request.user, note=_("Khóa bản in như đã ban hành"))
        messages.success(request, _("Đã khóa bản in: văn bản in như lúc này dù dữ liệu thay đổi."))
        return redirect(reverse(urls["edit"], args=[row.pk]))
    if request.method == "POST" and form.is_valid():
        written = _outline(form)
        try:
            if "preview" in request.POST:  # the PDF as it would print, nothing saved
                preview = authored(document, written)
                filename = _("Xem trước %(name)s.pdf") % {"name": doc_type.name}
                return pdf_response(render_pdf(preview), filename, inline=True)
            revision = form.cleaned_data["revision"]
            outline_save(doc_type=doc_type, row=row, outline=written, revision=revision, actor=request.user)
        except OutlineError as error:
            form.add_error("body", _unknown_parts(error, offered))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if issued:
                messages.success(request, _("Đã lưu văn bản thành phiên bản mới; các phiên bản trước vẫn được giữ."))
            else:
                messages.success(request, _("Đã lưu nội dung văn bản; bản in theo nội dung này."))
            return redirect(reverse(urls["edit"], args=[row.pk]))
    kept = versions(doc_type, row) if doc_type.issued is not None else []
    context = {
        "form": form,
        "row": row,
        "doc_type": doc_type,
        "title": _("Soạn %(name)s: %(row)s") % {"name": doc_type.name.lower(), "row": row},
        "saved": changed,
        "issued": issued,
        "frozen": doc_type.issued is not None,
        "unlocked": issued and not kept,
        "parts": offered,
        "unplaced": unplaced(outline.body, offered) if changed else [],
        "unknown": unknown_markers(outline.body, offered) if changed else [],
        "versions": kept,
        "urls": urls,
        "revision": revision,
        "back": row.get_absolute_url(),
    }
    return render(request, "outlines/edit.html", context)


def outline_reset_view(request, pk, *, doc_type: DocumentType, name: str):
    row = get_object_or_404(doc_type.editable(request.user), pk=pk)
    urls = _names(request, name)
    back = reverse(urls["edit"], args=[row.pk])
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = -1
        try:
            outline_reset(doc_type=doc_type, row=row, revision=revision, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, _("Đã bỏ nội dung đã soạn; văn bản in lại theo đề xuất của cổng."))
        return redirect(back)
    _changed, revision = saved_changes(doc_type, row)
    context = {
        "title": _("Bỏ nội dung đã soạn của văn bản “%(row)s”?") % {"row": row},
        "back": back,
        "revision": revision,
    }
    return render(request, "outlines/reset.html", context)


def outline_version(request, pk, number, *, doc_type: DocumentType, name: str):
    row = get_object_or_404(doc_type.editable(request.user), pk=pk)
    kept = version(doc_type, row, number)
    if kept is None:
        raise Http404
    filename = _("%(name)s phiên bản %(number)s.pdf") % {"name": doc_type.name, "number": number}
    return pdf_response(render_pdf(from_data(kept.content)), filename, inline=True)


def outline_urls(doc_type: DocumentType, route: str, name: str) -> list:
    """The editor's pages of `doc_type` under `route` ("ke-hoach/<int:pk>/"), named "<name>_outline",
    "<name>_outline_reset" and "<name>_outline_version"."""
    guard = permission_required(doc_type.permission)
    options = {"doc_type": doc_type, "name": name}
    urls = [
        path(
            f"{route}soan-thao/",
            guard(require_http_methods(["GET", "POST"])(outline_edit)),
            options,
            name=f"{name}_outline",
        ),
        path(
            f"{route}soan-thao/bo/",
            guard(require_http_methods(["GET", "POST"])(outline_reset_view)),
            options,
            name=f"{name}_outline_reset",
        ),
    ]
    if doc_type.issued is None:  # never frozen: no versions to list
        return urls
    return [
        *urls,
        path(
            f"{route}phien-ban/<int:number>/",
            guard(require_GET(kept_download(outline_version))),
            options,
            name=f"{name}_outline_version",
        ),
    ]
