"""Registry imports from Excel: upload → errors or preview → confirm (or cancel)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communes.forms.imports import FORMS
from communes.imports import IMPORTERS, commit, preview
from communes.imports.pending import claim, discard, stash
from p135portal.access import Perm, permission_required
from p135portal.excel import MAX_ROWS, write_xlsx, xlsx_response

URL_NAMES = {
    "annex": "communes:annex_import",
    "villages": "communes:village_import",
    "figures": "communes:figures_import",
}
TEMPLATE_URL_NAMES = {
    "annex": "communes:annex_template",
    "villages": "communes:village_template",
    "figures": "communes:figures_template",
}


@permission_required(Perm.MANAGE_REGISTRY)
@require_GET
def import_index(request):
    imports = [
        {"importer": importer, "url": URL_NAMES[kind], "template_url": TEMPLATE_URL_NAMES[kind]}
        for kind, importer in IMPORTERS.items()
    ]
    return render(request, "communes/imports/index.html", {"imports": imports})


def _context(kind: str, form, **extra) -> dict:
    return {
        "form": form,
        "importer": IMPORTERS[kind],
        "kind": kind,
        "upload_url": URL_NAMES[kind],
        "template_url": TEMPLATE_URL_NAMES[kind],
        **extra,
    }


def _upload(request, kind: str):
    importer_class = IMPORTERS[kind]
    form = FORMS[kind](request.POST or None, request.FILES or None)
    context = _context(kind, form)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = preview(importer_class(form.importer_options()), upload)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            context["plan"] = plan
            if not plan.errors:
                context["token"] = stash(request, kind=kind, upload=upload, options=form.options())
                context["filename"] = upload.name
                return render(request, "communes/imports/preview.html", context)
    return render(request, "communes/imports/upload.html", context)


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def annex_import(request):
    return _upload(request, "annex")


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def village_import(request):
    return _upload(request, "villages")


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def figures_import(request):
    return _upload(request, "figures")


def _template(kind: str):
    importer = IMPORTERS[kind]({})
    headers, example = importer.template()
    content = write_xlsx(title=str(importer.title), headers=headers, rows=[example])
    return xlsx_response(content, str(importer.template_filename))


@permission_required(Perm.MANAGE_REGISTRY)
@require_GET
def annex_template(request):
    return _template("annex")


@permission_required(Perm.MANAGE_REGISTRY)
@require_GET
def village_template(request):
    return _template("villages")


@permission_required(Perm.MANAGE_REGISTRY)
@require_GET
def figures_template(request):
    return _template("figures")


def _lost(request):
    messages.error(
        request,
        _(
            "Không tìm thấy dữ liệu đang chờ xác nhận: phiên nhập đã hết hạn, đã được nhập hoặc đã hủy. "
            "Chưa có gì được lưu; hãy tải tệp lên lại."
        ),
    )
    return redirect("communes:import_index")


def _digits(text: str, most: int) -> bool:
    return text.isascii() and text.isdecimal() and len(text) <= most


def _decisions(request) -> dict[int, int]:
    """The units the person chose in the preview, by row ("dong_12" = unit id); the importer accepts a
    choice only among the units it offered for that row."""
    decisions = {}
    for name, value in list(request.POST.items())[: MAX_ROWS + 10]:
        row = name.removeprefix("dong_")
        if row != name and _digits(row, 8) and _digits(value, 12):
            decisions[int(row)] = int(value)
    return decisions


@permission_required(Perm.MANAGE_REGISTRY)
@require_POST
def import_confirm(request):
    token = request.POST.get("token", "")
    pending = claim(request, token)
    if pending is None:
        return _lost(request)
    kind = pending["kind"]
    form = FORMS[kind](pending["options"], with_file=False)
    if not form.is_valid():
        # An option chosen at upload (a phase, a document) was deleted or changed since.
        discard(request, token)
        messages.error(request, _("Các lựa chọn của lần nhập này không còn hợp lệ. Chưa có gì được lưu."))
        return redirect(URL_NAMES[kind])
    try:
        file = pending["path"].open("rb")
    except FileNotFoundError:  # a second click on "confirm" while the first one saves
        return _lost(request)
    options = {**form.importer_options(), "decisions": _decisions(request)}
    with file:
        plan = commit(IMPORTERS[kind](options), file, actor=request.user, filename=pending["filename"])
    discard(request, token)
    if plan.errors:
        context = _context(kind, FORMS[kind](initial=pending["options"]), plan=plan, at_confirmation=True)
        return render(request, "communes/imports/upload.html", context)
    messages.success(
        request,
        _(
            "Đã nhập %(count)s dòng từ tệp «%(file)s»: "
            "tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s."
        )
        % {
            "count": plan.saved,
            "file": pending["filename"],
            "created": plan.created,
            "updated": plan.updated,
            "unchanged": plan.unchanged,
        },
    )
    return redirect("communes:import_index")


@permission_required(Perm.MANAGE_REGISTRY)
@require_POST
def import_cancel(request):
    token = request.POST.get("token", "")
    pending = claim(request, token)
    if pending is None:
        return redirect("communes:import_index")
    discard(request, token)
    messages.info(request, _("Đã hủy lần nhập tệp «%(file)s»; chưa có gì được lưu.") % {"file": pending["filename"]})
    return redirect(URL_NAMES[pending["kind"]])
